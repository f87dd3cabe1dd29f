// Answering a Discord interaction: acknowledge first (defer when the core is slower than a few tens of milliseconds,
// skip an interaction that arrived too late to acknowledge at all), then reply, edit the deferral, follow up, or show
// a modal, whichever Discord allows at that point; and turn any failure into a short private message.
import { randomUUID } from 'node:crypto';
import {
  MessageFlags,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { FormReply, Reply } from '../../core/replies.ts';
import type { Logger } from '../../log.ts';
import { CUSTOM_IDS, type TargetIds } from './custom-ids.ts';
import type { SharedDrafts } from './drafts.ts';
import { renderFormPrompt, renderMessage, renderModal, type DiscordMessage } from './render.ts';

/**
 * Acknowledge first: an answer not ready this soon is deferred (the core is awaiting the search workers, an article,
 * the store), so the acknowledgement never waits on a queue of questions. A deferral costs one more request, which
 * an answer this quick saves.
 */
export const DEFER_AFTER_MS = 75;
/** The latest moment (after creation) to start deferring, leaving the request itself time to reach Discord. */
const DEFER_BY_MS = 2_000;
/** Later than the quickest interaction seen lately by this much, an interaction can no longer be acknowledged. */
const STALE_AFTER_MS = 2_500;

export type Answerable = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

export interface ResponderOptions {
  log: Logger;
  drafts: SharedDrafts;
  ids: TargetIds;
  publicAnswers: boolean;
  deadlineMs: number;
}

export class Responder {
  /**
   * Past saturation, an interaction may reach us after Discord's 3-second window has closed: acknowledging it is
   * refused, so working on it only delays the fresh ones behind it. Its age comes from its id (a snowflake); the
   * smallest age seen lately stands for the clock offset between Discord and this host, so a skewed clock never
   * makes every interaction look stale.
   */
  private minAge = Number.POSITIVE_INFINITY;
  private minAgeSetAt = 0;

  constructor(private readonly opts: ResponderOptions) {}

  /** How much longer than the quickest interaction seen lately this one took to reach us (ms). */
  private lateness(interaction: BaseInteraction): number {
    return Math.max(0, Date.now() - interaction.createdTimestamp - this.minAge);
  }

  tooLate(interaction: Interaction): boolean {
    const now = Date.now();
    const age = now - interaction.createdTimestamp;
    if (age < this.minAge || now - this.minAgeSetAt > 60_000) {
      this.minAge = age;
      this.minAgeSetAt = now;
    }
    return age - this.minAge > STALE_AFTER_MS;
  }

  /** Waits for the core; if it is slower than the deadline, runs `defer` (once) and keeps waiting. */
  async withDeadline(interaction: BaseInteraction, work: Promise<Reply>, defer: () => Promise<unknown>): Promise<Reply> {
    const deadlineMs = Math.min(this.opts.deadlineMs, Math.max(0, DEFER_BY_MS - this.lateness(interaction)));
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

  /** Answers in servers are public unless DISCORD_PUBLIC_ANSWERS is off; in DMs they always are. */
  publicFor(interaction: BaseInteraction): boolean {
    return !interaction.inGuild() || this.opts.publicAnswers;
  }

  isPrivate(reply: Reply, interaction: BaseInteraction): boolean {
    return reply.private === true || reply.kind === 'error' || !this.publicFor(interaction);
  }

  render(reply: Exclude<Reply, FormReply>): DiscordMessage {
    return renderMessage(reply, this.opts.ids);
  }

  /** Keeps the form as a draft for this user; returns the draft's id (the modal's custom id carries it). */
  keepForm(interaction: BaseInteraction, form: FormReply): Promise<string> {
    return this.opts.drafts.put({ form, userId: interaction.user.id, entered: {} });
  }

  /** Answers with a new message (or a modal), after a possible deferral. */
  async deliverNew(interaction: Answerable, reply: Reply): Promise<void> {
    if (reply.kind === 'form') {
      const draftId = await this.keepForm(interaction, reply);
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

  async send(interaction: Answerable, message: DiscordMessage, ephemeral: boolean): Promise<void> {
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

  /** Answers this user alone, whatever has been sent so far. */
  async privately(interaction: MessageComponentInteraction, message: DiscordMessage | { content: string }): Promise<void> {
    if (interaction.deferred) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  }

  /** Any exception: a short private message with a reference id, the details in the log. */
  async fail(interaction: Interaction, e: unknown): Promise<void> {
    const ref = randomUUID().slice(0, 8);
    this.opts.log.error({ ref, err: e, interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
    if (!interaction.isRepliable()) return;
    const content = `Something went wrong on our side (reference ${ref}). Nothing was changed.`;
    try {
      if (!interaction.deferred && !interaction.replied) await interaction.reply({ content, flags: MessageFlags.Ephemeral });
      else await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
    } catch (e2) {
      this.opts.log.warn({ ref, err: e2 }, 'could not tell the user about the failure');
    }
  }
}
