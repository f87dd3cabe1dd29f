// Discord interactions -> core invocations, core replies -> Discord responses. Decides nothing about deals or rights:
// it only chooses how to answer (reply, update in place, modal, deferral) and keeps every failure away from the process.
import { randomUUID } from 'node:crypto';
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { findCommand } from '../../../commands/index.ts';
import type { Core } from '../../core/core.ts';
import { formSubmission, formValues, type FormReply, type Invocation, type InvokeTarget, type OptionValue, type Reply, type User } from '../../core/replies.ts';
import { decodeTarget, encodeTarget } from '../../core/targets.ts';
import type { Logger } from '../../log.ts';
import { DISCORD_LIMITS } from './limits.ts';
import {
  CUSTOM_IDS,
  modalFields,
  renderChoices,
  renderFormPrompt,
  renderMessage,
  renderModal,
  type DiscordMessage,
} from './render.ts';
import { ExpiringMap, SharedDrafts, type SharedState } from './drafts.ts';

export { DRAFT_MAX_BYTES, DRAFTS_PER_USER, SharedDrafts, type FormDraft, type SharedState } from './drafts.ts';

export interface InteractionRouterOptions {
  core: Core;
  /** Where form drafts are kept (app.deals): a modal opened on one shard process can be submitted to another. */
  state: SharedState;
  log: Logger;
  /** Answers in servers are public unless the reply is private (DISCORD_PUBLIC_ANSWERS). */
  publicAnswers: boolean;
  /**
   * How long to wait for the core before deferring (default DEFER_AFTER_MS); Discord allows 3 s for the first
   * response. The wait is shortened by however long the interaction already waited to reach us.
   */
  deadlineMs?: number;
  /** How long a form draft (the values a modal cannot show) is kept. */
  draftTtlMs?: number;
}

/** How long a button whose target is too long for its custom_id keeps working. */
const STASH_TTL_MS = 6 * 3600_000;
/** The largest such target kept in the store (JSON bytes); a larger one works on the process that made it only. */
const STASH_MAX_BYTES = 16 * 1024;

type Resolved =
  | { kind: 'target'; target: InvokeTarget; mode: 'update' | 'new' }
  | { kind: 'cancel' }
  | { kind: 'reopen'; draftId: string }
  | { kind: 'expired' }
  | { kind: 'invalid' };

/**
 * Acknowledge first: an answer not ready this soon is deferred (the core is awaiting the search workers, an article,
 * the store), so the acknowledgement never waits on a queue of questions. A deferral costs one more request, which
 * an answer this quick saves.
 */
export const DEFER_AFTER_MS = 75;
/** The latest moment (after creation) to start deferring, leaving the request itself time to reach Discord. */
const DEFER_BY_MS = 2_000;

const EXPIRED_TEXT = 'This button has expired (dealbot keeps such buttons for a few hours). Run the command again.';
type Answerable = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

const FORM_EXPIRED_TEXT =
  'This form has expired (dealbot keeps an open form for 30 minutes). Nothing was saved; run the command again.';

export class InteractionRouter {
  private readonly core: Core;
  private readonly log: Logger;
  private readonly publicAnswers: boolean;
  private readonly deadlineMs: number;
  private readonly drafts: SharedDrafts;
  /**
   * Targets whose encoding is longer than a custom_id allows: the button carries a key. Kept here (the fast path)
   * and written through to the store's shared state, so the button still works on another shard process or after
   * a restart.
   */
  private readonly stash = new ExpiringMap<InvokeTarget>(STASH_TTL_MS, 5_000);
  private readonly state: SharedState;

  constructor(opts: InteractionRouterOptions) {
    this.core = opts.core;
    this.log = opts.log;
    this.publicAnswers = opts.publicAnswers;
    this.deadlineMs = opts.deadlineMs ?? DEFER_AFTER_MS;
    this.drafts = new SharedDrafts(opts.state, opts.draftTtlMs ?? 30 * 60_000);
    this.state = opts.state;
  }

  /** A target as a custom_id of at most 100 characters: encoded when it fits (survives restarts), stashed otherwise. */
  readonly ids = (target: InvokeTarget): string => {
    const encoded = encodeTarget(target);
    if (encoded.length <= DISCORD_LIMITS.customId) return encoded;
    const key = this.stash.put(target);
    if (Buffer.byteLength(JSON.stringify(target)) <= STASH_MAX_BYTES) {
      this.state.putState(`discord:target:${key}`, target, STASH_TTL_MS).catch((e: unknown) => {
        this.log.warn({ err: e }, 'could not keep a button target in the store; it works on this process only');
      });
    }
    return CUSTOM_IDS.stashed(key);
  };

  /**
   * Past saturation, an interaction may reach us after Discord's 3-second window has closed: acknowledging it is
   * refused, so working on it only delays the fresh ones behind it. Its age comes from its id (a snowflake); the
   * smallest age seen lately stands for the clock offset between Discord and this host, so a skewed clock never
   * makes every interaction look stale.
   */
  private readonly staleAfterMs = 2_500;
  private minAge = Number.POSITIVE_INFINITY;
  private minAgeSetAt = 0;

  /** How much longer than the quickest interaction seen lately this one took to reach us (ms). */
  private lateness(interaction: BaseInteraction): number {
    return Math.max(0, Date.now() - interaction.createdTimestamp - this.minAge);
  }

  private tooLate(interaction: Interaction): boolean {
    const now = Date.now();
    const age = now - interaction.createdTimestamp;
    if (age < this.minAge || now - this.minAgeSetAt > 60_000) {
      this.minAge = age;
      this.minAgeSetAt = now;
    }
    return age - this.minAge > this.staleAfterMs;
  }

  /** Handles one interaction; never throws. */
  async handle(interaction: Interaction): Promise<void> {
    if (this.tooLate(interaction)) {
      this.log.warn({ interaction: interaction.id, requestId: interaction.id }, 'discord interaction arrived too late to acknowledge; skipped');
      return;
    }
    try {
      if (interaction.isAutocomplete()) await this.onAutocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.onCommand(interaction);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await this.onComponent(interaction);
      else if (interaction.isModalSubmit()) await this.onModal(interaction);
    } catch (e) {
      await this.fail(interaction, e);
    }
  }

  // --- translation in -------------------------------------------------------------------------------------

  private userOf(interaction: BaseInteraction): User {
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

  private invocation(interaction: BaseInteraction, target: InvokeTarget): Invocation {
    return {
      ...target,
      user: this.userOf(interaction),
      channel: interaction.channelId ? { id: interaction.channelId, kind: interaction.inGuild() ? 'public' : 'dm' } : undefined,
      requestId: interaction.id,
      answersPublicly: interaction.inGuild() && this.publicAnswers,
      via: interaction.isMessageComponent() ? 'button' : interaction.isModalSubmit() ? 'form' : 'command',
    };
  }

  private commandTarget(interaction: ChatInputCommandInteraction): InvokeTarget {
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

  private async resolve(customId: string, mode: 'update' | 'new' = 'update'): Promise<Resolved> {
    if (customId === CUSTOM_IDS.cancel) return { kind: 'cancel' };
    if (customId.startsWith('~r:')) return { kind: 'reopen', draftId: customId.slice(3) };
    if (customId.startsWith('~t:')) {
      const key = customId.slice(3);
      const target = this.stash.get(key) ?? (await this.state.getState<InvokeTarget>(`discord:target:${key}`));
      return target ? { kind: 'target', target, mode } : { kind: 'expired' };
    }
    const target = decodeTarget(customId);
    return target ? { kind: 'target', target, mode } : { kind: 'invalid' };
  }

  // --- handlers ---------------------------------------------------------------------------------------------

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    let choices: ReturnType<typeof renderChoices> = [];
    try {
      choices = renderChoices(
        await this.core.autocomplete({
          command: interaction.commandName,
          subcommand: interaction.options.getSubcommand(false) ?? undefined,
          option: focused.name,
          value: String(focused.value ?? ''),
          user: this.userOf(interaction),
        }),
      );
    } catch (e) {
      this.log.error({ err: e, interaction: interaction.id }, 'discord autocomplete failed');
    }
    await interaction.respond(choices);
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const target = this.commandTarget(interaction);
    const admin = findCommand(target.command)?.admin === true;
    // Admin work is answered privately; a deferral must choose before the reply is known.
    const reply = await this.withDeadline(interaction, this.core.handle(this.invocation(interaction, target)), () =>
      interaction.deferReply(admin || !this.publicFor(interaction) ? { flags: MessageFlags.Ephemeral } : {}),
    );
    await this.deliverNew(interaction, reply);
  }

  private async onComponent(interaction: MessageComponentInteraction): Promise<void> {
    let resolved: Resolved;
    if (interaction.isStringSelectMenu()) {
      const value = interaction.values[0] ?? '';
      const mode = interaction.customId === CUSTOM_IDS.openSelect ? 'new' : 'update';
      resolved = await this.resolve(value, mode);
    } else resolved = await this.resolve(interaction.customId);

    switch (resolved.kind) {
      case 'cancel':
        await interaction.update({ content: 'Cancelled. Nothing was changed.', embeds: [], components: [] });
        return;
      case 'expired':
      case 'invalid':
        await interaction.reply({ content: EXPIRED_TEXT, flags: MessageFlags.Ephemeral });
        return;
      case 'reopen': {
        const draft = await this.drafts.get(resolved.draftId);
        if (!draft || draft.userId !== interaction.user.id) {
          await interaction.reply({ content: FORM_EXPIRED_TEXT, flags: MessageFlags.Ephemeral });
          return;
        }
        await interaction.showModal(renderModal(draft.form, CUSTOM_IDS.form(resolved.draftId), draft.entered));
        return;
      }
      case 'target':
        break;
    }
    const { target, mode } = resolved;
    // A public card belongs to whoever asked: another member pressing its alternatives, paging or did-you-mean gets
    // the answer privately instead of replacing what the channel sees.
    if (mode === 'update' && this.someoneElsesCard(interaction)) {
      const reply = await this.withDeadline(interaction, this.core.handle({ ...this.invocation(interaction, target), answersPublicly: false }), () =>
        interaction.deferReply({ flags: MessageFlags.Ephemeral }),
      );
      if (reply.kind === 'form') await this.deliverNew(interaction, reply);
      else await this.send(interaction, this.render(reply), true);
      return;
    }
    if (mode === 'new') {
      const reply = await this.withDeadline(interaction, this.core.handle(this.invocation(interaction, target)), () =>
        interaction.deferReply(this.publicFor(interaction) ? {} : { flags: MessageFlags.Ephemeral }),
      );
      await this.deliverNew(interaction, reply);
      return;
    }
    const reply = await this.withDeadline(interaction, this.core.handle(this.invocation(interaction, target)), () => interaction.deferUpdate());
    const messageIsPrivate = interaction.message.flags.has(MessageFlags.Ephemeral);
    if (reply.kind === 'form') {
      const draftId = await this.drafts.put({ form: reply, userId: interaction.user.id, entered: {} });
      if (interaction.deferred) await interaction.followUp({ ...renderFormPrompt(reply, CUSTOM_IDS.reopen(draftId)), flags: MessageFlags.Ephemeral });
      else await interaction.showModal(renderModal(reply, CUSTOM_IDS.form(draftId)));
      return;
    }
    const message = this.render(reply);
    if (reply.kind === 'error' || (this.isPrivate(reply, interaction) && !messageIsPrivate)) {
      // An error leaves the message as it was (its buttons may still be wanted), and a public card never turns into
      // a private answer for everyone: answer this user alone.
      if (interaction.deferred) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
      else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
      return;
    }
    if (interaction.deferred) await interaction.editReply(message);
    else await interaction.update(message);
  }

  private async onModal(interaction: ModalSubmitInteraction): Promise<void> {
    if (!interaction.customId.startsWith('~f:')) {
      await interaction.reply({ content: FORM_EXPIRED_TEXT, flags: MessageFlags.Ephemeral });
      return;
    }
    const draftId = interaction.customId.slice(3);
    const draft = await this.drafts.get(draftId);
    if (!draft || draft.userId !== interaction.user.id) {
      await interaction.reply({ content: FORM_EXPIRED_TEXT, flags: MessageFlags.Ephemeral });
      return;
    }
    const shown = new Set(modalFields(draft.form).map((f) => f.id));
    const entered: Record<string, string> = {};
    for (const id of shown) {
      const f = interaction.fields.fields.get(id);
      if (f && 'value' in f && typeof f.value === 'string') entered[id] = f.value;
    }
    // Fields the modal could not show keep the values the form was opened with (the core's one merging rule).
    const target = formSubmission(draft.form.submit, entered, formValues(draft.form));

    const reply = await this.withDeadline(interaction, this.core.handle(this.invocation(interaction, target)), () =>
      interaction.deferReply({ flags: MessageFlags.Ephemeral }),
    );
    if (reply.kind === 'error' && reply.code !== 'forbidden') {
      draft.entered = entered;
      await this.drafts.put(draft, draftId);
      await this.send(interaction, renderMessage(reply, this.ids, { reopenId: CUSTOM_IDS.reopen(draftId) }), true);
      return;
    }
    await this.drafts.delete(draftId);
    await this.deliverNew(interaction, reply);
  }

  /** A message everyone in the channel sees, made for another user's command (Discord records who: interaction_metadata). */
  private someoneElsesCard(interaction: MessageComponentInteraction): boolean {
    const message = interaction.message;
    if (message.flags.has(MessageFlags.Ephemeral)) return false;
    const asker = message.interactionMetadata?.user?.id;
    return asker !== undefined && asker !== interaction.user.id;
  }

  // --- translation out --------------------------------------------------------------------------------------

  private publicFor(interaction: BaseInteraction): boolean {
    return !interaction.inGuild() || this.publicAnswers;
  }

  private isPrivate(reply: Reply, interaction: BaseInteraction): boolean {
    return reply.private === true || reply.kind === 'error' || !this.publicFor(interaction);
  }

  private render(reply: Exclude<Reply, FormReply>): DiscordMessage {
    return renderMessage(reply, this.ids);
  }

  /** Answers with a new message (or a modal), after a possible deferral. */
  private async deliverNew(interaction: Answerable, reply: Reply): Promise<void> {
    if (reply.kind === 'form') {
      const draftId = await this.drafts.put({ form: reply, userId: interaction.user.id, entered: {} });
      // A modal can only be the first response, and never the answer to another modal.
      if (!interaction.deferred && !interaction.replied && !interaction.isModalSubmit()) {
        await interaction.showModal(renderModal(reply, CUSTOM_IDS.form(draftId)));
      } else {
        await this.send(interaction, renderFormPrompt(reply, CUSTOM_IDS.reopen(draftId)), true);
      }
      return;
    }
    await this.send(interaction, this.render(reply), this.isPrivate(reply, interaction));
  }

  private async send(interaction: Answerable, message: DiscordMessage, ephemeral: boolean): Promise<void> {
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ ...message, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
      return;
    }
    const deferredPrivately = interaction.ephemeral === true;
    if (interaction.deferred && !interaction.replied && (deferredPrivately || !ephemeral)) {
      await interaction.editReply(message);
      return;
    }
    if (interaction.deferred && !interaction.replied) {
      // Deferred in public, but the answer is private (an error): drop the public placeholder.
      await interaction.deleteReply().catch(() => undefined);
    }
    await interaction.followUp({ ...message, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  }

  /** Waits for the core; if it is slower than the deadline, runs `defer` (once) and keeps waiting. */
  private async withDeadline(interaction: BaseInteraction, work: Promise<Reply>, defer: () => Promise<unknown>): Promise<Reply> {
    const deadlineMs = Math.min(this.deadlineMs, Math.max(0, DEFER_BY_MS - this.lateness(interaction)));
    const late = Symbol('late');
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      work,
      new Promise<typeof late>((resolve) => {
        timer = setTimeout(() => resolve(late), deadlineMs);
      }),
    ]);
    clearTimeout(timer);
    if (first !== late) return first;
    await defer();
    return work;
  }

  /** Any exception: a short private message with a reference id, the details in the log. */
  private async fail(interaction: Interaction, e: unknown): Promise<void> {
    const ref = randomUUID().slice(0, 8);
    this.log.error({ ref, err: e, interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
    if (!interaction.isRepliable()) return;
    const content = `Something went wrong on our side (reference ${ref}). Nothing was changed.`;
    try {
      if (!interaction.deferred && !interaction.replied) await interaction.reply({ content, flags: MessageFlags.Ephemeral });
      else await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
    } catch (e2) {
      this.log.warn({ ref, err: e2 }, 'could not tell the user about the failure');
    }
  }
}
