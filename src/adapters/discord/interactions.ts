// The Discord interaction router: reads what an interaction is (custom-ids.ts), has it translated into a core
// invocation (translate.ts), and chooses how to answer (reply, update in place, modal, deferral: respond.ts). Decides
// nothing about deals or rights, and keeps every failure away from the process.
import {
  MessageFlags,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { findCommand } from '../../../commands/index.ts';
import type { Core } from '../../core/core.ts';
import { formSubmission, formValues, type Invocation, type InvokeTarget, type Reply } from '../../core/replies.ts';
import type { Logger } from '../../log.ts';
import { CUSTOM_IDS, parseCustomId, TargetStash, type TargetIds } from './custom-ids.ts';
import { SharedDrafts, type SharedState } from './drafts.ts';
import { renderChoices, renderFormPrompt, renderMessage, renderModal } from './render.ts';
import { DEFER_AFTER_MS, Responder } from './respond.ts';
import { autocompleteRequest, commandTarget, enteredValues, invocationOf } from './translate.ts';

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

/** What a pressed button or a chosen select value asks for. */
type Resolved =
  | { kind: 'target'; target: InvokeTarget; mode: 'update' | 'new' }
  | { kind: 'cancel' }
  | { kind: 'reopen'; draftId: string }
  | { kind: 'expired' }
  | { kind: 'invalid' };

const EXPIRED_TEXT = 'This button has expired (dealbot keeps such buttons for a few hours). Run the command again.';
const FORM_EXPIRED_TEXT =
  'This form has expired (dealbot keeps an open form for 30 minutes). Nothing was saved; run the command again.';

export class InteractionRouter {
  private readonly core: Core;
  private readonly log: Logger;
  private readonly publicAnswers: boolean;
  private readonly drafts: SharedDrafts;
  private readonly stash: TargetStash;
  private readonly respond: Responder;
  /** Turns a target into a custom_id of at most 100 characters (the message router's buttons use it too). */
  readonly ids: TargetIds;

  constructor(opts: InteractionRouterOptions) {
    this.core = opts.core;
    this.log = opts.log;
    this.publicAnswers = opts.publicAnswers;
    this.drafts = new SharedDrafts(opts.state, opts.draftTtlMs ?? 30 * 60_000);
    this.stash = new TargetStash(opts.state, opts.log);
    this.ids = this.stash.ids;
    this.respond = new Responder({
      log: opts.log,
      drafts: this.drafts,
      ids: this.ids,
      publicAnswers: opts.publicAnswers,
      deadlineMs: opts.deadlineMs ?? DEFER_AFTER_MS,
    });
  }

  /** Handles one interaction; never throws. */
  async handle(interaction: Interaction): Promise<void> {
    if (this.respond.tooLate(interaction)) {
      this.log.warn({ interaction: interaction.id, requestId: interaction.id }, 'discord interaction arrived too late to acknowledge; skipped');
      return;
    }
    try {
      if (interaction.isAutocomplete()) await this.onAutocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.onCommand(interaction);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await this.onComponent(interaction);
      else if (interaction.isModalSubmit()) await this.onModal(interaction);
    } catch (e) {
      await this.respond.fail(interaction, e);
    }
  }

  private invocation(interaction: BaseInteraction, target: InvokeTarget): Invocation {
    return invocationOf(interaction, target, this.publicAnswers);
  }

  /** A button's custom id, or a select menu's chosen value, as what it asks for. */
  private async resolve(id: string, mode: 'update' | 'new' = 'update'): Promise<Resolved> {
    const parsed = parseCustomId(id);
    switch (parsed.kind) {
      case 'cancel':
        return { kind: 'cancel' };
      case 'reopen':
        return { kind: 'reopen', draftId: parsed.draftId };
      case 'stashed': {
        const target = await this.stash.get(parsed.key);
        return target ? { kind: 'target', target, mode } : { kind: 'expired' };
      }
      case 'target':
        return { kind: 'target', target: parsed.target, mode };
      default:
        return { kind: 'invalid' };
    }
  }

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    let choices: ReturnType<typeof renderChoices> = [];
    try {
      choices = renderChoices(await this.core.autocomplete(autocompleteRequest(interaction)));
    } catch (e) {
      this.log.error({ err: e, interaction: interaction.id }, 'discord autocomplete failed');
    }
    await interaction.respond(choices);
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const target = commandTarget(interaction);
    const admin = findCommand(target.command)?.admin === true;
    // Admin work is answered privately; a deferral must choose before the reply is known.
    const reply = await this.respond.withDeadline(interaction, this.core.handle(this.invocation(interaction, target)), () =>
      interaction.deferReply(admin || !this.respond.publicFor(interaction) ? { flags: MessageFlags.Ephemeral } : {}),
    );
    await this.respond.deliverNew(interaction, reply);
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
      const inv = { ...this.invocation(interaction, target), answersPublicly: false };
      const reply = await this.respond.withDeadline(interaction, this.core.handle(inv), () => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
      if (reply.kind === 'form') await this.respond.deliverNew(interaction, reply);
      else await this.respond.send(interaction, this.respond.render(reply), true);
      return;
    }
    if (mode === 'new') {
      const reply = await this.respond.withDeadline(interaction, this.core.handle(this.invocation(interaction, target)), () =>
        interaction.deferReply(this.respond.publicFor(interaction) ? {} : { flags: MessageFlags.Ephemeral }),
      );
      await this.respond.deliverNew(interaction, reply);
      return;
    }
    const reply = await this.respond.withDeadline(interaction, this.core.handle(this.invocation(interaction, target)), () => interaction.deferUpdate());
    await this.updateInPlace(interaction, reply);
  }

  /** The answer to a button on a card: the card changes in place, unless the answer is a form, an error or private. */
  private async updateInPlace(interaction: MessageComponentInteraction, reply: Reply): Promise<void> {
    const messageIsPrivate = interaction.message.flags.has(MessageFlags.Ephemeral);
    if (reply.kind === 'form') {
      const draftId = await this.respond.keepForm(interaction, reply);
      if (interaction.deferred) await interaction.followUp({ ...renderFormPrompt(reply, CUSTOM_IDS.reopen(draftId)), flags: MessageFlags.Ephemeral });
      else await interaction.showModal(renderModal(reply, CUSTOM_IDS.form(draftId)));
      return;
    }
    const message = this.respond.render(reply);
    if (reply.kind === 'error' || (this.respond.isPrivate(reply, interaction) && !messageIsPrivate)) {
      // An error leaves the message as it was (its buttons may still be wanted), and a public card never turns into
      // a private answer for everyone: answer this user alone.
      await this.respond.privately(interaction, message);
      return;
    }
    if (interaction.deferred) await interaction.editReply(message);
    else await interaction.update(message);
  }

  private async onModal(interaction: ModalSubmitInteraction): Promise<void> {
    const parsed = parseCustomId(interaction.customId);
    const draftId = parsed.kind === 'form' ? parsed.draftId : undefined;
    const draft = draftId === undefined ? undefined : await this.drafts.get(draftId);
    if (draftId === undefined || !draft || draft.userId !== interaction.user.id) {
      await interaction.reply({ content: FORM_EXPIRED_TEXT, flags: MessageFlags.Ephemeral });
      return;
    }
    const entered = enteredValues(interaction, draft.form);
    // Fields the modal could not show keep the values the form was opened with (the core's one merging rule).
    const target = formSubmission(draft.form.submit, entered, formValues(draft.form));

    const reply = await this.respond.withDeadline(interaction, this.core.handle(this.invocation(interaction, target)), () =>
      interaction.deferReply({ flags: MessageFlags.Ephemeral }),
    );
    if (reply.kind === 'error' && reply.code !== 'forbidden') {
      draft.entered = entered;
      await this.drafts.put(draft, draftId);
      await this.respond.send(interaction, renderMessage(reply, this.ids, { reopenId: CUSTOM_IDS.reopen(draftId) }), true);
      return;
    }
    await this.drafts.delete(draftId);
    await this.respond.deliverNew(interaction, reply);
  }

  /** A message everyone in the channel sees, made for another user's command (Discord records who: interaction_metadata). */
  private someoneElsesCard(interaction: MessageComponentInteraction): boolean {
    const message = interaction.message;
    if (message.flags.has(MessageFlags.Ephemeral)) return false;
    const asker = message.interactionMetadata?.user?.id;
    return asker !== undefined && asker !== interaction.user.id;
  }
}
