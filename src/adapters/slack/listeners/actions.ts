// Block actions: buttons that run a command (alternatives, did-you-mean, paging, Open, confirm, undo, Add deal),
// Share to channel, Cancel, and link buttons (which only need acknowledging). Each is acknowledged first, and a
// button delivered twice (a double click, a redelivery, to any instance) is handled once.
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { randomUUID } from 'node:crypto';
import { decodeTarget } from '../../../core/targets.ts';
import { ACTION, LINK_ACTION_RE, RUN_ACTION_RE, renderMessage, renderResultModal } from '../blocks.ts';
import { DELIVERY_TTL_MS, firstTime, sharedKey } from '../shared.ts';
import { channelOf, describeError, slackUser, type ListenerContext } from './context.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function registerActions(app: App, ctx: ListenerContext): void {
  const { core, log } = ctx;

  /** Same button delivered twice (a double click, a redelivery, to any instance): handle it once. */
  function firstDelivery(body: BlockAction, action: ButtonAction): Promise<boolean> {
    const key = `${body.user.id}:${action.action_id}:${action.action_ts}:${body.container?.message_ts ?? body.view?.id ?? ''}`;
    return firstTime(ctx.shared, [sharedKey.action(key)], DELIVERY_TTL_MS, ctx.onSharedError);
  }

  // Buttons that run a command: alternatives, did-you-mean, paging, Open, confirm, undo, Add deal.
  app.action<BlockAction<ButtonAction>>(RUN_ACTION_RE, async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    if (!(await firstDelivery(body, action))) return;
    const requestId = randomUUID();
    const channelId = body.channel?.id;
    const respond = ctx.responder(body.response_url, client, requestId, { user: body.user.id, channel: channelId });
    await ctx.work(
      'button',
      requestId,
      async () => {
        const target = decodeTarget(action.value ?? '');
        if (!target) throw new Error(`undecodable button value`);
        const user = slackUser(body.user.id, body.user.username ?? body.user.name);
        const reply = await core.handle({ ...target, user, channel: channelOf(channelId), requestId, via: 'button' });
        const view = body.view;
        if (reply.kind === 'form') {
          await ctx.answer(reply, { client, respond, triggerId: body.trigger_id, channelId });
        } else if (body.container?.type === 'message' || !view) {
          // Replace the private card in place (alternatives, paging, confirmations).
          await ctx.answer(reply, { client, respond, replace: true });
        } else if (view?.type === 'modal') {
          await client.views.update({ view_id: view.id, view: renderResultModal(reply) as never });
        } else {
          // App Home has no message to replace: show the answer in a modal.
          await client.views.open({ trigger_id: body.trigger_id, view: renderResultModal(reply) as never });
        }
      },
      respond,
    );
  });

  // Share to channel: the same card, public, then the private one goes away.
  app.action<BlockAction<ButtonAction>>(ACTION.share, async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    if (!(await firstDelivery(body, action))) return;
    const requestId = randomUUID();
    const respond = ctx.responder(body.response_url, client, requestId, { user: body.user.id, channel: body.channel?.id });
    if (!respond) return;
    await ctx.work(
      'share',
      requestId,
      async () => {
        const target = decodeTarget(action.value ?? '');
        if (!target) throw new Error('undecodable share value');
        const channelId = body.channel?.id;
        const user = slackUser(body.user.id, body.user.username ?? body.user.name);
        const reply = await core.handle({ ...target, user, channel: channelOf(channelId), requestId, answersPublicly: true, via: 'button' });
        // Not a card, or the channel's public-answer budget is spent (the core made it private): answer privately.
        if (reply.kind !== 'deal' || reply.private) {
          await respond({ response_type: 'ephemeral', replace_original: true, ...renderMessage(reply) });
          return;
        }
        const card = renderMessage(reply, { sharedBy: body.user.id });
        let shared = false;
        if (channelId) {
          try {
            await client.chat.postMessage({ channel: channelId, ...card, unfurl_links: false, unfurl_media: false });
            shared = true;
          } catch (e) {
            // not_in_channel, channel_not_found (DMs, private channels): the response_url can still post there.
            log.info({ requestId, error: describeError(e) }, 'chat.postMessage refused; sharing through the response_url');
          }
        }
        if (!shared) await respond({ response_type: 'in_channel', replace_original: false, ...card });
        await respond({ delete_original: true });
      },
      respond,
    );
  });

  app.action<BlockAction<ButtonAction>>(ACTION.cancel, async ({ ack, body, client }: ButtonArgs) => {
    await ack();
    const requestId = randomUUID();
    const respond = ctx.responder(body.response_url, client, requestId, {});
    if (!respond) return;
    await ctx.work('cancel', requestId, async () => {
      await respond({ delete_original: true });
    });
  });

  // Link buttons still send an interaction; it only needs acknowledging.
  app.action(LINK_ACTION_RE, async ({ ack }) => {
    await ack();
  });
}
