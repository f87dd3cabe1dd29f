// What every Slack listener shares: its dependencies, the respond() that retries, the runner that keeps a listener's
// work visible to a shutdown (the core's InFlight) and turns a failure into a log line and a private message, and
// the one way a reply is answered (a form as a modal, anything else privately through the response_url).
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Core } from '../../../core/core.ts';
import { InFlight } from '../../../core/limits.ts';
import type { Invocation, Reply, User } from '../../../core/replies.ts';
import type { Logger } from '../../../log.ts';
import { renderMessage, renderResultModal } from '../blocks.ts';
import { DeliveryError, deliveringRespond, type RetryPolicy } from '../deliver.ts';
import { renderFormModal } from '../modals.ts';
import type { SharedState } from '../shared.ts';

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

export type Channel = Invocation['channel'];

export function slackUser(id: string, name?: string): User {
  return { id, name, platform: 'slack' };
}

export function channelOf(id: string | undefined, name?: string): Channel {
  if (!id) return undefined;
  const kind = name === 'directmessage' || id.startsWith('D') ? 'dm' : name === 'privategroup' || id.startsWith('G') ? 'private' : undefined;
  return { id, ...(kind ? { kind } : {}) };
}

/** A Web API error's code (not_in_channel, …), else the error's message. */
export function describeError(e: unknown): string {
  const data = (e as { data?: { error?: string } }).data;
  return data?.error ?? (e instanceof Error ? e.message : String(e));
}

/** The shared pieces, made once per app by listeners/index.ts and handed to each kind of listener. */
export class ListenerContext {
  readonly core: Core;
  readonly log: Logger;
  readonly shared: SharedState;
  /** Every interaction being handled, so a shutdown can let it finish. */
  readonly inFlight = new InFlight();
  private readonly fetchFn: typeof globalThis.fetch;

  constructor(private readonly deps: ListenerDeps) {
    this.core = deps.core;
    this.log = deps.log.child({ adapter: 'slack' });
    this.shared = deps.shared;
    this.fetchFn = deps.fetch ?? globalThis.fetch;
  }

  /** For a failed shared-state look-up: the delivery is handled as new (answering twice beats answering never). */
  readonly onSharedError = (e: unknown): void => {
    this.log.warn({ error: describeError(e) }, 'shared state unavailable; handling the delivery as new');
  };

  /**
   * The respond() every listener uses: Bolt's posts once; this one retries 429 (after Retry-After) and 5xx within
   * RESPONSE_URL_RETRY, then tells the person privately with chat.postEphemeral (deliver.ts).
   */
  responder(url: string | undefined, client: WebClient, requestId: string, who: { user?: string | undefined; channel?: string | undefined }): RespondFn | undefined {
    if (!url) return undefined;
    const { user, channel } = who;
    return deliveringRespond(url, {
      fetch: this.fetchFn,
      log: this.log,
      requestId,
      ...(this.deps.retry ? { policy: this.deps.retry } : {}),
      fallback: user && channel ? (text) => client.chat.postEphemeral({ channel, user, text }) : undefined,
    });
  }

  /** Runs a listener's work, keeping it visible to drain() and turning failures into a log line (and a message). */
  work(name: string, requestId: string, fn: () => Promise<void>, respond?: RespondFn): Promise<void> {
    return this.inFlight.track(
      (async () => {
        try {
          await fn();
        } catch (e) {
          this.log.error({ requestId, listener: name, error: describeError(e) }, 'slack listener failed');
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
      })(),
    );
  }

  /** Forms open as modals (they need the trigger id, valid 3 s); everything else is answered privately. */
  async answer(
    reply: Reply,
    ctx: { client: WebClient; respond?: RespondFn | undefined; triggerId?: string | undefined; channelId?: string | undefined; replace?: boolean },
  ): Promise<void> {
    if (reply.kind === 'form' && ctx.triggerId) {
      try {
        await ctx.client.views.open({ trigger_id: ctx.triggerId, view: renderFormModal(reply, { channelId: ctx.channelId }) as never });
        return;
      } catch (e) {
        this.log.warn({ error: describeError(e), form: reply.formId }, 'could not open the form');
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

  /** The answer to slow work that began with a loading modal: the form, or the result, in that modal. */
  async showInModal(client: WebClient, viewId: string | undefined, reply: Reply, channelId?: string): Promise<void> {
    if (!viewId) throw new Error('views.open returned no view id');
    const view = reply.kind === 'form' ? renderFormModal(reply, { channelId }) : renderResultModal(reply);
    await client.views.update({ view_id: viewId, view: view as never });
  }
}
