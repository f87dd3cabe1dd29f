// Asking dealbot like a person in Slack: `@dealbot <question>` in a channel (app_mention) is answered in the thread,
// a direct message to the bot (message, channel_type im) is answered in the DM. The question goes to the core as the
// `/deal` invocation it stands for (or, when it starts with a slash, as that command's text), so answers, the
// per-user cooldown and the per-channel budget are the same as for the slash command.
//
// Not answered: the bot's own messages and other bots', message subtypes (edits, joins, bot_message, file shares…),
// and repeated deliveries (Slack's retries carry the same event_id; an app_mention and a message event for the same
// message share its channel and ts). Which deliveries were answered is kept in the store's shared state, so a retry
// that reaches another instance (or the same envelope on a second Socket Mode connection) is still answered once.
import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { PROMPTS } from '../../../core/present/card.ts';
import { errorReply, type Invocation, type Reply, type User } from '../../../core/replies.ts';
import { questionTarget } from '../../../core/targets.ts';
import { renderMessage } from '../blocks.ts';
import { slackTextToPlain } from '../escape.ts';
import { firstTime, sharedKey } from '../shared.ts';
import { describeError, type ListenerContext } from './context.ts';

/** Where the question was asked, and where the answer goes. */
export interface QuestionPlace {
  channel: string;
  /** The channel is a direct message with the bot. */
  dm: boolean;
  /** The thread to answer in; undefined answers at the top level (a DM outside a thread). */
  threadTs: string | undefined;
}

const FORM_FROM_MESSAGE = PROMPTS.formFromMessage;

/**
 * The question in a Slack message as plain text: the bot's own mention removed wherever it is, other mentions,
 * channel broadcasts and links turned into plain words (a user mention without a label disappears), entities decoded.
 * Nothing in it can ping anyone when the answer repeats it, and the core sees what a person would read.
 */
export function questionFromSlackText(text: string, botUserId: string | undefined): string {
  let t = text;
  if (botUserId) {
    const id = botUserId.replace(/[^A-Z0-9]/gi, '');
    t = t.replace(new RegExp(`<@${id}(?:\\|[^>]*)?>`, 'g'), ' ');
  }
  return slackTextToPlain(t).replace(/\s+/g, ' ').trim();
}

function channelKind(channel: string, channelType: string | undefined): NonNullable<Invocation['channel']>['kind'] {
  if (channelType === 'im' || channel.startsWith('D')) return 'dm';
  if (channelType === 'group' || channelType === 'mpim' || channel.startsWith('G')) return 'private';
  return 'public';
}

export function registerMessages(app: App, ctx: ListenerContext): void {
  const { core } = ctx;
  const log = ctx.log.child({ listener: 'messages' });
  /**
   * The first time this message is answered, by any instance. Repeated deliveries of one event (same event_id) were
   * already dropped by the listeners' middleware; this catches an app_mention and a message event for one message.
   */
  const firstDelivery = (channel: string, ts: string) =>
    firstTime(ctx.shared, [sharedKey.message(channel, ts)], undefined, (e) => log.warn({ err: e }, 'shared state unavailable; answering the message as new'));

  async function post(client: WebClient, place: QuestionPlace, userId: string, reply: Reply): Promise<void> {
    const shown = reply.kind === 'form' ? errorReply('bad_input', FORM_FROM_MESSAGE) : reply;
    const message = renderMessage(shown);
    const thread = place.threadTs ? { thread_ts: place.threadTs } : {};
    // A private answer (an error, a cooldown, a busy channel's budget spent) is shown to the asker alone; in a DM
    // everything is already private.
    if (shown.private && !place.dm) {
      await client.chat.postEphemeral({ channel: place.channel, user: userId, ...thread, ...message });
      return;
    }
    await client.chat.postMessage({ channel: place.channel, ...thread, ...message, unfurl_links: false, unfurl_media: false });
  }

  function answer(client: WebClient, place: QuestionPlace, user: User, text: string, botUserId: string | undefined): Promise<void> {
    const requestId = randomUUID();
    const p = (async () => {
      try {
        const question = questionFromSlackText(text, botUserId);
        const extra: Partial<Invocation> = {
          channel: { id: place.channel, kind: place.dm ? 'dm' : channelKind(place.channel, undefined) },
          requestId,
          // An answer in a channel thread is seen by the channel: it counts against the channel's public budget.
          answersPublicly: !place.dm,
        };
        const target = questionTarget(question);
        const reply = 'text' in target ? await core.handleText(target.text, user, extra) : await core.handle({ ...extra, ...target, user });
        await post(client, place, user.id, reply);
      } catch (e) {
        log.error({ requestId, error: describeError(e) }, 'slack question failed');
        const sorry = errorReply('internal', `Sorry, something went wrong on our side (reference ${requestId.slice(0, 8)}).`);
        await post(client, place, user.id, sorry).catch(() => undefined);
      }
    })();
    return ctx.inFlight.track(p);
  }

  function botUserIdOf(context: AllMiddlewareArgs['context'], body: unknown): string | undefined {
    if (context.botUserId) return context.botUserId;
    const auth = (body as { authorizations?: { user_id?: string; is_bot?: boolean }[] }).authorizations;
    return auth?.find((a) => a.is_bot)?.user_id ?? auth?.[0]?.user_id;
  }

  function fromABot(event: { bot_id?: string | undefined; user?: string | undefined }, botUserId: string | undefined): boolean {
    return Boolean(event.bot_id) || !event.user || event.user === botUserId;
  }

  // `@dealbot <question>` in a channel: answered in the thread (the mention's own thread, or a new one under it).
  app.event('app_mention', async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs) => {
    const botUserId = botUserIdOf(context, body);
    if (event.subtype || fromABot(event, botUserId)) return;
    // A mention inside a DM also arrives as a message event: the DM listener answers it.
    if (event.channel.startsWith('D')) return;
    if (!(await firstDelivery(event.channel, event.ts))) {
      log.debug({ channel: event.channel }, 'repeated app_mention ignored');
      return;
    }
    const place: QuestionPlace = { channel: event.channel, dm: false, threadTs: event.thread_ts ?? event.ts };
    await answer(client, place, { id: event.user!, platform: 'slack' }, event.text ?? '', botUserId);
  });

  // A direct message to the bot: answered in the DM (in its thread, when it was written in one).
  app.event('message', async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    if (event.subtype !== undefined || event.channel_type !== 'im') return;
    const botUserId = botUserIdOf(context, body);
    if (fromABot(event, botUserId)) return;
    if (!(await firstDelivery(event.channel, event.ts))) {
      log.debug({ channel: event.channel }, 'repeated message ignored');
      return;
    }
    const place: QuestionPlace = { channel: event.channel, dm: true, threadTs: event.thread_ts };
    await answer(client, place, { id: event.user, platform: 'slack' }, event.text ?? '', botUserId);
  });
}
