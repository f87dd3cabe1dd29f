// commands/ -> Discord's registration JSON. Pure except for deployCommands, which `npm run discord:deploy` calls:
// registration is an explicit step, never part of start-up (Discord rate-limits it and it rewrites every command).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  REST,
  Routes,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionDefinition } from '../../../commands/index.ts';
import { COMMANDS } from '../../../commands/index.ts';
import { DISCORD_LIMITS, MANAGE_GUILD } from './limits.ts';

export type CommandRegistration = RESTPostAPIChatInputApplicationCommandsJSONBody;

function cut(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

function optionJson(o: OptionDefinition): APIApplicationCommandBasicOption {
  const base = { name: o.name, description: cut(o.description, DISCORD_LIMITS.commandDescription), required: o.required === true };
  switch (o.type) {
    case 'string':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(o.maxLength ? { max_length: Math.min(o.maxLength, DISCORD_LIMITS.stringOptionMaxLength) } : {}),
        // Discord refuses choices together with autocomplete; fixed choices win.
        ...(o.choices?.length
          ? { choices: o.choices.slice(0, DISCORD_LIMITS.commandChoices).map((c) => ({ name: c.name, value: c.value })) }
          : o.autocomplete
            ? { autocomplete: true }
            : {}),
      };
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(o.minValue !== undefined ? { min_value: o.minValue } : {}),
        ...(o.maxValue !== undefined ? { max_value: o.maxValue } : {}),
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
  }
}

/** Discord wants required options before optional ones. */
function optionsJson(options: readonly OptionDefinition[] | undefined): APIApplicationCommandBasicOption[] {
  const list = options ?? [];
  return [...list.filter((o) => o.required), ...list.filter((o) => !o.required)].map(optionJson);
}

export function commandRegistration(def: CommandDefinition): CommandRegistration {
  const body: CommandRegistration = {
    type: ApplicationCommandType.ChatInput,
    name: def.name,
    description: cut(def.description, DISCORD_LIMITS.commandDescription),
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
  if (def.subcommands?.length) {
    body.options = def.subcommands
      .filter((s) => !s.hidden)
      .map(
        (s): APIApplicationCommandSubcommandOption => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: s.name,
          description: cut(s.description, DISCORD_LIMITS.commandDescription),
          options: optionsJson(s.options),
        }),
      );
  } else {
    body.options = optionsJson(def.options);
  }
  if (def.admin) {
    // Hides the command from members without Manage Server by default (server admins can change that in
    // Server Settings > Integrations); the core's admin check still decides at the moment of the write.
    body.default_member_permissions = MANAGE_GUILD.toString();
    body.contexts = [InteractionContextType.Guild];
    body.dm_permission = false;
  } else {
    body.contexts = [InteractionContextType.Guild, InteractionContextType.BotDM];
  }
  return body;
}

export function registrationPayload(commands: readonly CommandDefinition[] = COMMANDS): CommandRegistration[] {
  return commands.map(commandRegistration);
}

export interface DeployOptions {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

/** Replaces the application's commands (for one guild when guildId is set: instant; globally otherwise). */
export async function deployCommands(opts: DeployOptions, commands: readonly CommandDefinition[] = COMMANDS): Promise<DeployResult> {
  const rest = new REST({ version: '10', ...(opts.apiUrl ? { api: opts.apiUrl } : {}) }).setToken(opts.token);
  const body = registrationPayload(commands);
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const result = (await rest.put(route, { body })) as { name: string }[];
  return { scope: opts.guildId ? 'guild' : 'global', names: result.map((c) => c.name) };
}
