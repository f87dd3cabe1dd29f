// Asking dealbot like a person in Discord: a server message that mentions the bot, or a DM to it, is answered as a
// reply to that message. The question goes to the core as the `/deal` invocation it stands for (or, when it starts
// with a slash, as that command's text), so answers, the cooldown and the channel budget are the slash command's.
//
// Only non-privileged intents are needed: Discord sends the content of messages that mention the bot and of DMs
// without the Message Content intent. Replies never ping anyone (allowed_mentions empty, the replied-to user too).
// An answer meant for the asker alone (an error, a cooldown, a busy channel, or DISCORD_PUBLIC_ANSWERS=false) goes to
// their DMs, since a channel message cannot be ephemeral.
import { randomUUID } from 'node:crypto';
import { ChannelType, DiscordAPIError, PermissionFlagsBits, type Message, type MessageCreateOptions, type MessageReplyOptions } from 'discord.js';
import type { Core } from '../../core/core.ts';
import { PROMPTS } from '../../core/present/card.ts';
import { errorReply, type Invocation, type Reply, type User } from '../../core/replies.ts';
import { questionTarget } from '../../core/targets.ts';
import type { Logger } from '../../log.ts';
import { renderMessage, type DiscordMessage, type TargetIds } from './render.ts';

export interface MessageRouterOptions {
  core: Core;
  log: Logger;
  /** Turns button targets into custom ids (the interaction router's, so its stash serves long targets). */
  ids: TargetIds;
  /** DISCORD_PUBLIC_ANSWERS: when false, answers to questions asked in servers go to the asker's DMs. */
  publicAnswers: boolean;
}

/** Nobody is pinged by an answer: not @everyone, roles or users in stored text, not even the asker. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };

const FORM_FROM_MESSAGE = PROMPTS.formFromMessage;
const DM_CLOSED =
  'I could not send you that answer in a direct message (your DMs may be closed to this server). Try the /deal command, whose answers only you can see.';

/** Discord error codes the router handles. */
const MISSING_PERMISSIONS = 50013;
const CANNOT_DM = 50007;

/**
 * The question in a Discord message as plain text: the bot's mention removed; other user mentions become the
 * user's name, channel mentions the channel's name, role mentions and @everyone/@here are dropped; custom emoji
 * become their :name:. Nothing in it can ping anyone when the answer repeats it.
 */
export function questionFromDiscordText(
  content: string,
  botId: string,
  names: { users?: ReadonlyMap<string, string>; channels?: ReadonlyMap<string, string> } = {},
): string {
  return content
    .replace(new RegExp(`<@!?${botId.replace(/\D/g, '')}>`, 'g'), ' ')
    .replace(/<@!?(\d+)>/g, (_m, id: string) => names.users?.get(id) ?? ' ')
    .replace(/<#(\d+)>/g, (_m, id: string) => names.channels?.get(id) ?? ' ')
    .replace(/<@&\d+>/g, ' ')
    .replace(/<a?(:[\w~]+:)\d+>/g, '$1')
    .replace(/@(everyone|here)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function code(e: unknown): number | string | undefined {
  return e instanceof DiscordAPIError ? e.code : (e as { code?: number | string }).code;
}

export class MessageRouter {
  private readonly core: Core;
  private readonly log: Logger;
  private readonly ids: TargetIds;
  private readonly publicAnswers: boolean;

  constructor(opts: MessageRouterOptions) {
    this.core = opts.core;
    this.log = opts.log;
    this.ids = opts.ids;
    this.publicAnswers = opts.publicAnswers;
  }

  /** Whether a message is a question for the bot: a DM to it, or a server message mentioning it. Bots never are. */
  isQuestion(message: Message): boolean {
    const me = message.client.user;
    if (!me || message.author.bot || message.author.id === me.id || message.system || message.webhookId) return false;
    if (message.channel.type === ChannelType.DM) return true;
    // A direct mention of the bot (an @everyone or a role mention is not one).
    return message.inGuild() && message.mentions.users.has(me.id);
  }

  /** Answers one message if it is a question; never throws. */
  async handle(message: Message): Promise<void> {
    if (!this.isQuestion(message)) return;
    const requestId = message.id;
    try {
      const reply = await this.ask(message, requestId);
      await this.deliver(message, reply);
    } catch (e) {
      const ref = randomUUID().slice(0, 8);
      this.log.error({ ref, requestId, err: e }, 'discord question failed');
      await this.deliver(message, errorReply('internal', `Something went wrong on our side (reference ${ref}). Nothing was changed.`)).catch(
        (e2: unknown) => this.log.warn({ ref, err: e2 }, 'could not tell the user about the failure'),
      );
    }
  }

  private userOf(message: Message): User {
    const member = message.member;
    return {
      id: message.author.id,
      name: message.author.username,
      platform: 'discord',
      // Roles and Manage Server count only in the servers configured as trusted (the core checks the guild).
      guildId: message.guildId ?? undefined,
      roles: member ? [...member.roles.cache.keys()].filter((id) => id !== message.guildId) : [],
      canManageServer: member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false,
    };
  }

  private async ask(message: Message, requestId: string): Promise<Reply> {
    const inDm = message.channel.type === ChannelType.DM;
    const users = new Map([...message.mentions.users.values()].map((u) => [u.id, u.username] as const));
    const channels = new Map([...message.mentions.channels.values()].map((c) => [c.id, 'name' in c && c.name ? c.name : ''] as const));
    const question = questionFromDiscordText(message.content, message.client.user.id, { users, channels });
    const extra: Partial<Invocation> = {
      channel: { id: message.channelId, kind: inDm ? 'dm' : 'public' },
      requestId,
      // A reply in a server channel is seen by the channel: it counts against the channel's public-answer budget.
      answersPublicly: !inDm && this.publicAnswers,
    };
    const user = this.userOf(message);
    const target = questionTarget(question);
    return 'text' in target ? this.core.handleText(target.text, user, extra) : this.core.handle({ ...extra, ...target, user });
  }

  private render(reply: Reply): DiscordMessage {
    return renderMessage(reply.kind === 'form' ? errorReply('bad_input', FORM_FROM_MESSAGE) : reply, this.ids);
  }

  private async deliver(message: Message, reply: Reply): Promise<void> {
    const inDm = message.channel.type === ChannelType.DM;
    const rendered = this.render(reply);
    const privateAnswer = reply.kind === 'form' || reply.private === true || reply.kind === 'error' || !this.publicAnswers;
    if (inDm || !privateAnswer) {
      await this.replyTo(message, rendered);
      return;
    }
    // Meant for the asker alone: their DMs. If those are closed, a short note in the channel (no stored text in it).
    try {
      const dm = await message.author.createDM();
      await dm.send({ ...rendered, allowedMentions: NO_MENTIONS });
    } catch (e) {
      if (code(e) !== CANNOT_DM) throw e;
      this.log.info({ requestId: message.id }, 'discord: the asker does not accept DMs; said so in the channel');
      await this.replyTo(message, { content: DM_CLOSED, embeds: [], components: [] });
    }
  }

  /** A reply to the question; without the reference when the bot may not read the channel's history. */
  private async replyTo(message: Message, rendered: DiscordMessage): Promise<void> {
    const options: MessageReplyOptions = { ...rendered, allowedMentions: NO_MENTIONS, failIfNotExists: false };
    try {
      await message.reply(options);
    } catch (e) {
      if (code(e) !== MISSING_PERMISSIONS || !message.channel.isSendable()) throw e;
      // Replying needs Read Message History; sending needs Send Messages. Try the plain message once.
      this.log.warn({ channel: message.channelId }, 'discord: could not reply (needs Read Message History); sending without the reference');
      const plainOptions: MessageCreateOptions = { ...rendered, allowedMentions: NO_MENTIONS };
      try {
        await message.channel.send(plainOptions);
      } catch (e2) {
        if (code(e2) === MISSING_PERMISSIONS) {
          this.log.warn({ channel: message.channelId }, 'discord: may not send messages in this channel (needs Send Messages); question left unanswered');
          return;
        }
        throw e2;
      }
    }
  }
}
