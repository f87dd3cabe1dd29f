// Discord interaction -> core invocation: who asked (roles, Manage Server), where, how (command, button, form), and
// what (the command's options, a form's entered values). Pure: it reads only the interaction's own fields, so every
// translation can be unit tested with a plain object standing in for discord.js's interaction.
import { PermissionFlagsBits, type BaseInteraction, type CommandInteractionOption, type ModalSubmitInteraction } from 'discord.js';
import type { Core } from '../../core/core.ts';
import type { FormReply, Invocation, InvokeTarget, OptionValue, User } from '../../core/replies.ts';
import { modalFields } from './render.ts';

/** The parts of an interaction a translation reads. */
export type InteractionFacts = Pick<
  BaseInteraction,
  'id' | 'user' | 'member' | 'memberPermissions' | 'guildId' | 'channelId' | 'inGuild' | 'isMessageComponent' | 'isModalSubmit'
>;

export function userOf(interaction: Pick<InteractionFacts, 'user' | 'member' | 'memberPermissions' | 'guildId'>): User {
  const raw = interaction.member?.roles as unknown;
  let roles: string[] = [];
  if (Array.isArray(raw)) roles = raw.map(String);
  else if (raw && typeof raw === 'object' && 'cache' in raw) roles = [...(raw as { cache: Map<string, unknown> }).cache.keys()];
  return {
    id: interaction.user.id,
    name: interaction.user.username,
    platform: 'discord',
    roles,
    canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    guildId: interaction.guildId ?? undefined,
  };
}

/** The invocation for `target`, asked through this interaction; `publicAnswers` is DISCORD_PUBLIC_ANSWERS. */
export function invocationOf(interaction: InteractionFacts, target: InvokeTarget, publicAnswers: boolean): Invocation {
  return {
    ...target,
    user: userOf(interaction),
    channel: interaction.channelId ? { id: interaction.channelId, kind: interaction.inGuild() ? 'public' : 'dm' } : undefined,
    requestId: interaction.id,
    answersPublicly: interaction.inGuild() && publicAnswers,
    via: interaction.isMessageComponent() ? 'button' : interaction.isModalSubmit() ? 'form' : 'command',
  };
}

/** A slash command's name, subcommand (the first option that has options of its own) and option values. */
export function commandTarget(interaction: { commandName: string; options: { data: readonly CommandInteractionOption[] } }): InvokeTarget {
  const options: Record<string, OptionValue> = {};
  let subcommand: string | undefined;
  const collect = (list: readonly CommandInteractionOption[]) => {
    for (const o of list) {
      if (o.options) {
        subcommand ??= o.name;
        collect(o.options);
      } else if (o.value !== undefined && o.value !== null) options[o.name] = o.value;
    }
  };
  collect(interaction.options.data);
  return { command: interaction.commandName, ...(subcommand ? { subcommand } : {}), options };
}

/** What an autocomplete interaction asks the core for. */
export function autocompleteRequest(
  interaction: Pick<InteractionFacts, 'user' | 'member' | 'memberPermissions' | 'guildId'> & {
    commandName: string;
    options: { getFocused(full: true): { name: string; value: unknown }; getSubcommand(required: false): string | null };
  },
): Parameters<Core['autocomplete']>[0] {
  const focused = interaction.options.getFocused(true);
  return {
    command: interaction.commandName,
    subcommand: interaction.options.getSubcommand(false) ?? undefined,
    option: focused.name,
    value: String(focused.value ?? ''),
    user: userOf(interaction),
  };
}

/** The values typed into the fields the form's modal showed (the others are not in the submission). */
export function enteredValues(interaction: Pick<ModalSubmitInteraction, 'fields'>, form: FormReply): Record<string, string> {
  const entered: Record<string, string> = {};
  for (const { id } of modalFields(form)) {
    const f = interaction.fields.fields.get(id);
    if (f && 'value' in f && typeof f.value === 'string') entered[id] = f.value;
  }
  return entered;
}
