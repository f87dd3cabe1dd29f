// Slack requests -> core invocations -> Block Kit. Every listener acknowledges first (Slack allows 3 s) and then
// does the work; answers go through respond()/response_url, which works in DMs and in private channels the bot has
// not joined. The one exception is a form submission, whose answer (validation errors or the result) *is* the ack.
import { createHash, randomUUID } from 'node:crypto';
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  MessageShortcut,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { COMMANDS, formOpenedFirst, subcommandOf } from '../../../commands/index.ts';
import type { Core } from '../../core/core.ts';
import { decodeTarget } from '../../core/targets.ts';
import type { Invocation, Reply, User } from '../../core/replies.ts';
import type { Logger } from '../../log.ts';
import { ACTION, LINK_ACTION_RE, RUN_ACTION_RE, renderMessage, renderResultModal } from './blocks.ts';
import { DeliveryError, deliveringRespond, type RetryPolicy } from './deliver.ts';
import { slackTextToPlain } from './escape.ts';
import { DELIVERY_TTL_MS, firstTime, sharedKey, SUBMISSION_TTL_MS, waitForState, type SharedState } from './shared.ts';
import { loadHome, renderHome } from './home.ts';
import { SHORTCUT } from './manifest.ts';
import {
  errorsByBlock,
  FORM_CALLBACK_ID,
  parseFormMetadata,
  renderFormModal,
  renderLoadingModal,
  submissionTarget,
  submittedValues,
} from './modals.ts';

export interface ListenerDeps {
  core: Core;
  log: Logger;
  /** The transport for response_url posts (Bolt's clientOptions.fetch, else the global fetch). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Retries of response_url posts (tests shorten the waits). */
  retry?: RetryPolicy | undefined;
  /** Handled deliveries and form answers, shared by every instance on the same database (shared.ts). */
  shared: SharedState;
}

export interface SlackListeners {
  /** Resolves when every interaction being handled has finished. */
  drain(): Promise<void>;
}

type Channel = Invocation['channel'];

function slackUser(id: string, name?: string): User {
  return { id, name, platform: 'slack' };
}

function channelOf(id: string | undefined, name?: string): Channel {
  if (!id) return undefined;
  const kind = name === 'directmessage' || id.startsWith('D') ? 'dm' : name === 'privategroup' || id.startsWith('G') ? 'private' : undefined;
  return { id, ...(kind ? { kind } : {}) };
}

function describeError(e: unknown): string {
  const data = (e as { data?: { error?: string } }).data;
  return data?.error ?? (e instanceof Error ? e.message : String(e));
}

/** How long a repeated submission waits for the first one's answer (Slack allows 3 s to answer a submission). */
const SUBMISSION_WAIT_MS = 2_500;
/** A released submission's answer, for repeats sent at the same moment only. */
const RELEASED_ANSWER_TTL_MS = 10_000;
const STILL_SAVING = 'This form was sent twice; the first one is still being saved. Close this form and check the result before sending it again.';

type AckBody = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: Record<string, unknown> };

export function registerListeners(app: App, deps: ListenerDeps): SlackListeners {
  const { core } = deps;
  const log = deps.log.child({ adapter: 'slack' });
  const inflight = new Set<Promise<unknown>>();
  const onSharedError = (e: unknown) => log.warn({ error: describeError(e) }, 'shared state unavailable; handling the delivery as new');
  const fetchFn = deps.fetch ?? globalThis.fetch;

  /**
   * The respond() every listener uses: Bolt's posts once; this one retries 429 (after Retry-After) and 5xx within
   * RESPONSE_URL_RETRY, then tells the person privately with chat.postEphemeral (deliver.ts).
   */
  function responder(url: string | undefined, client: WebClient, requestId: string, who: { user?: string | undefined; channel?: string | undefined }): RespondFn | undefined {
    if (!url) return undefined;
    const { user, channel } = who;
    return deliveringRespond(url, {
      fetch: fetchFn,
      log,
      requestId,
      ...(deps.retry ? { policy: deps.retry } : {}),
      fallback: user && channel ? (text) => client.chat.postEphemeral({ channel, user, text }) : undefined,
    });
  }

  /** Runs a listener's work, keeping it visible to drain() and turning failures into a log line (and a message). */
  function work(name: string, requestId: string, fn: () => Promise<void>, respond?: RespondFn): Promise<void> {
    const p = (async () => {
      try {
        await fn();
      } catch (e) {
        log.error({ requestId, listener: name, error: describeError(e) }, 'slack listener failed');
        // The answer could not be delivered and the person has been told another way: nothing more to send.
        if (e instanceof DeliveryError && e.userTold) return;
        if (respond) {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: `Sorry, something went wrong on our side (reference ${requestId.slice(0, 8)}). Nothing was changed.`,
          }).catch(() => undefined);
        }
      }
    })();
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    return p;
  }

  /** Forms open as modals (they need the trigger id, valid 3 s); everything else is answered privately. */
  async function answer(
    reply: Reply,
    ctx: { client: WebClient; respond?: RespondFn | undefined; triggerId?: string | undefined; channelId?: string | undefined; replace?: boolean },
  ): Promise<void> {
    if (reply.kind === 'form' && ctx.triggerId) {
      try {
        await ctx.client.views.open({ trigger_id: ctx.triggerId, view: renderFormModal(reply, { channelId: ctx.channelId }) as never });
        return;
      } catch (e) {
        log.warn({ error: describeError(e), form: reply.formId }, 'could not open the form');
        if (!ctx.respond) throw e;
        await ctx.respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `The form could not be opened (${describeError(e)}). Please run the command again.`,
        });
        return;
      }
    }
    if (!ctx.respond) throw new Error('no response_url to answer on');
    const message = renderMessage(reply, { shareable: reply.kind === 'deal' });
    await ctx.respond({ response_type: 'ephemeral', replace_original: ctx.replace ?? false, ...message });
  }

  // Each delivery is handled once by one instance, wherever it lands: an Events API event by its event_id (Slack's
  // retries, x-slack-retry-num / retry_attempt, carry the same one and may reach another instance or connection; one
  // whose first delivery reached no instance is handled when the retry comes), and in Socket Mode any envelope by
  // its envelope_id (the same envelope on two connections). Bolt has already acknowledged an event; a repeated
  // envelope of another kind is left for the connection that claimed it to acknowledge.
  app.use(async ({ context, body, next }) => {
    const envelopeId = (context as { envelopeId?: unknown }).envelopeId;
    if (typeof envelopeId === 'string' && !(await firstTime(deps.shared, [sharedKey.envelope(envelopeId)], DELIVERY_TTL_MS, onSharedError))) {
      log.debug({ envelopeId }, 'envelope already handled on another connection');
      return;
    }
    const event = body as { type?: string; event_id?: string };
    if (event.type === 'event_callback' && typeof event.event_id === 'string') {
      if (!(await firstTime(deps.shared, [sharedKey.event(event.event_id)], DELIVERY_TTL_MS, onSharedError))) {
        log.debug({ retryNum: context.retryNum, reason: context.retryReason }, 'repeated event delivery ignored');
        return;
      }
    }
    await next();
  });

  // ------------------------------------------------------------------------------------------- slash commands
  for (const def of COMMANDS) {
    app.command(`/${def.name}`, async ({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
      await ack();
      const requestId = randomUUID();
      const respond = responder(command.response_url, client, requestId, { user: command.user_id, channel: command.channel_id });
      const user = slackUser(command.user_id, command.user_name);
      const channel = channelOf(command.channel_id, command.channel_name);
      await work(
        `/${def.name}`,
        requestId,
        async () => {
          const text = (command.text ?? '').trim();
          // Work that ends in a form can take longer than a trigger id lives (the definition says so): open a modal
          // at once, fill it in after.
          const formFirst = formOpenedFirst(def, subcommandOf(def, text)?.name);
          if (formFirst) {
            const opened = await client.views.open({
              trigger_id: command.trigger_id,
              view: renderLoadingModal(formFirst.title, formFirst.waiting) as never,
            });
            const reply = await core.handleText(`/${def.name} ${text}`, user, { channel, requestId });
            await showInModal(client, opened.view?.id, reply, channel?.id);
            return;
          }
          const reply = await core.handleText(`/${def.name} ${text}`, user, { channel, requestId });
          await answer(reply, { client, respond, triggerId: command.trigger_id, channelId: channel?.id });
        },
        respond,
      );
    });
  }

  async function showInModal(client: WebClient, viewId: string | undefined, reply: Reply, channelId?: string): Promise<void> {
    if (!viewId) throw new Error('views.open returned no view id');
    const view = reply.kind === 'form' ? renderFormModal(reply, { channelId }) : renderResultModal(reply);
    await client.views.update({ view_id: viewId, view: view as never });
  }

  // ------------------------------------------------------------------------------------------- buttons
  /** Same button delivered twice (a double click, a redelivery, to any instance): handle it once. */
  function firstDelivery(body: BlockAction, action: ButtonAction): Promise<boolean> {
    const key = `${body.user.id}:${action.action_id}:${action.action_ts}:${body.container?.message_ts ?? body.view?.id ?? ''}`;
    return firstTime(deps.shared, [sharedKey.action(key)], DELIVERY_TTL_MS, onSharedError);
  }

  type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

  // Buttons that run a command: alternatives, did-you-mean, paging, Open, confirm, undo, Add deal.
  app.action<BlockAction<ButtonAction>>(RUN_ACTION_RE, async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    if (!(await firstDelivery(body, action))) return;
    const requestId = randomUUID();
    const channelId = body.channel?.id;
    const respond = responder(body.response_url, client, requestId, { user: body.user.id, channel: channelId });
    await work(
      'button',
      requestId,
      async () => {
        const target = decodeTarget(action.value ?? '');
        if (!target) throw new Error(`undecodable button value`);
        const user = slackUser(body.user.id, body.user.username ?? body.user.name);
        const reply = await core.handle({ ...target, user, channel: channelOf(channelId), requestId, via: 'button' });
        const view = body.view;
        if (reply.kind === 'form') {
          await answer(reply, { client, respond, triggerId: body.trigger_id, channelId });
        } else if (body.container?.type === 'message' || !view) {
          // Replace the private card in place (alternatives, paging, confirmations).
          await answer(reply, { client, respond, replace: true });
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
    const respond = responder(body.response_url, client, requestId, { user: body.user.id, channel: body.channel?.id });
    if (!respond) return;
    await work(
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
    const respond = responder(body.response_url, client, requestId, {});
    if (!respond) return;
    await work('cancel', requestId, async () => {
      await respond({ delete_original: true });
    });
  });

  // Link buttons still send an interaction; it only needs acknowledging.
  app.action(LINK_ACTION_RE, async ({ ack }) => {
    await ack();
  });

  // ------------------------------------------------------------------------------------------- forms
  app.view<ViewSubmitAction>(FORM_CALLBACK_ID, async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const requestId = randomUUID();
    const blockIds = Object.keys(view.state.values);
    const meta = parseFormMetadata(view.private_metadata);
    if (!meta) {
      await ack({ response_action: 'errors', errors: { [blockIds[0] ?? 'title']: 'This form is out of date; please open it again.' } });
      return;
    }
    const values = submittedValues(view.state);
    const hash = createHash('sha256').update(JSON.stringify(values)).digest('hex');
    // A repeated submission of the same view with the same values by the same person (a retry, a double click, on any
    // instance) gets the first answer instead of a second write. Keyed by user and view: anyone else sending that
    // view id is handled as themselves, never handed another person's answer.
    const claimKey = sharedKey.submission(body.user.id, view.id, hash);
    const answerKey = sharedKey.submissionAnswer(body.user.id, view.id, hash);
    /** Lets the same values be processed again later (a field error, a failure): concurrent repeats get `ack` first. */
    const release = async (ack?: AckBody) => {
      if (ack) await deps.shared.putState(answerKey, ack, RELEASED_ANSWER_TTL_MS).catch(onSharedError);
      await deps.shared.deleteState(claimKey).catch(onSharedError);
    };
    let result: Promise<AckBody>;
    if (!(await firstTime(deps.shared, [claimKey], SUBMISSION_TTL_MS, onSharedError))) {
      log.info({ requestId, viewId: view.id }, 'repeated form submission answered from the first one');
      result = waitForState<AckBody>(deps.shared, answerKey, SUBMISSION_WAIT_MS).then(
        (first) => first ?? { response_action: 'errors', errors: { [blockIds[0] ?? 'title']: STILL_SAVING } },
      );
    } else {
      result = (async (): Promise<AckBody> => {
        const user = slackUser(body.user.id, body.user.name);
        const target = submissionTarget(meta.submit, values);
        const reply = await core.handle({ ...target, user, channel: channelOf(meta.channelId), requestId, via: 'form' });
        if (reply.kind === 'error' && reply.fieldErrors?.length) {
          const errors: AckBody = { response_action: 'errors', errors: errorsByBlock(reply.fieldErrors, blockIds) };
          await release(errors); // a corrected form (or the same one later) must be processed again
          return errors;
        }
        let ack: AckBody;
        if (reply.kind === 'form') ack = { response_action: 'update', view: renderFormModal(reply, { channelId: meta.channelId }) };
        else ack = { response_action: 'update', view: renderResultModal(reply, reply.kind === 'error' ? 'Not saved' : 'Saved') };
        if (reply.kind === 'error' && reply.code !== 'duplicate' && reply.code !== 'conflict') await release(ack);
        else await deps.shared.putState(answerKey, ack, SUBMISSION_TTL_MS).catch(onSharedError);
        return ack;
      })();
    }
    const p = result.then(
      (r) => ack(r as never),
      async (e) => {
        await release();
        log.error({ requestId, error: describeError(e) }, 'form submission failed');
        await ack({
          response_action: 'errors',
          errors: { [blockIds[0] ?? 'title']: `Something went wrong on our side (reference ${requestId.slice(0, 8)}). Nothing was saved.` },
        });
      },
    );
    inflight.add(p);
    await p.finally(() => inflight.delete(p));
  });

  // ------------------------------------------------------------------------------------------- shortcuts
  app.shortcut(SHORTCUT.addDeal, async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const requestId = randomUUID();
    await work('shortcut add', requestId, async () => {
      const user = slackUser(shortcut.user.id, shortcut.user.username);
      const reply = await core.handle({ command: 'deal-admin', subcommand: 'add', options: {}, user, requestId });
      const view = reply.kind === 'form' ? renderFormModal(reply) : renderResultModal(reply);
      await client.views.open({ trigger_id: shortcut.trigger_id, view: view as never });
    });
  });

  app.shortcut<MessageShortcut>(
    SHORTCUT.saveAsDeal,
    async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
      await ack();
      const requestId = randomUUID();
      await work('shortcut save-as-deal', requestId, async () => {
        const opened = await client.views.open({
          trigger_id: shortcut.trigger_id,
          view: renderLoadingModal('Save as deal', 'Drafting a deal from the message…') as never,
        });
        const user = slackUser(shortcut.user.id, shortcut.user.username ?? shortcut.user.name);
        const source = slackTextToPlain(shortcut.message.text ?? '').trim().slice(0, 6000);
        const reply = source
          ? await core.handle({
              command: 'deal-admin',
              subcommand: 'ingest',
              options: { source },
              user,
              channel: channelOf(shortcut.channel.id),
              requestId,
            })
          : ({ kind: 'error', code: 'bad_input', message: 'This message has no text to draft a deal from.', private: true } as const);
        await showInModal(client, opened.view?.id, reply, shortcut.channel.id);
      });
    },
  );

  // ------------------------------------------------------------------------------------------- App Home
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const requestId = randomUUID();
    await work('app_home_opened', requestId, async () => {
      const parts = await loadHome(core, slackUser(event.user));
      await client.views.publish({ user_id: event.user, view: renderHome(parts) as never });
    });
  });

  return {
    async drain() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
