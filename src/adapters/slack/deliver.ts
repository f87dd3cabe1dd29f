// Answers posted to a response_url, with bounded retries. Bolt's respond() posts once and throws on any non-2xx, so a
// single 500, or a 429 with Retry-After: 1, lost the card and the user read "something went wrong". Here a 429 waits
// what Retry-After says (when that is short enough), a 5xx or a network error backs off exponentially, at most
// `attempts` tries in all; when every try fails, a short private note goes another way (chat.postEphemeral) so the
// person is not left with nothing. Web API calls (chat.postMessage, views.*) are retried by Slack's own client
// (retryConfig in start.ts), which honours Retry-After the same way.
import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { Logger } from '../../log.ts';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** First back-off after a 5xx or a network error; doubled each time. */
  baseDelayMs: number;
  /** The longest wait between two tries; a Retry-After longer than this is not waited for. */
  maxDelayMs: number;
  /** Per-try timeout. */
  timeoutMs: number;
}

export const RESPONSE_URL_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 5_000, timeoutMs: 10_000 };

export const UNDELIVERED_TEXT = 'Sorry, Slack did not accept dealbot’s answer just now (it kept failing). Please ask again in a moment.';

/** Every try failed. `userTold` when the private fallback note reached the person. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly userTold: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Retry-After as milliseconds: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface DeliveryDeps {
  fetch: typeof globalThis.fetch;
  log: Logger;
  policy?: RetryPolicy;
  /** Tells the person privately that the answer could not be delivered (best effort). */
  fallback?: ((text: string) => Promise<unknown>) | undefined;
  requestId?: string | undefined;
}

/** A respond() for `url` that retries 429 and 5xx within `policy`, then falls back. */
export function deliveringRespond(url: string, deps: DeliveryDeps): RespondFn {
  const policy = deps.policy ?? RESPONSE_URL_RETRY;
  return async (message: string | RespondArguments) => {
    const body = JSON.stringify(typeof message === 'string' ? { text: message } : message);
    let lastStatus: number | undefined;
    let lastError = '';
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      let wait: number | undefined;
      try {
        const res = await deps.fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(policy.timeoutMs),
        });
        if (res.ok) return res;
        lastStatus = res.status;
        lastError = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => undefined);
        if (res.status === 429) wait = retryAfterMs(res.headers.get('retry-after')) ?? policy.baseDelayMs * 2 ** (attempt - 1);
        else if (res.status >= 500) wait = policy.baseDelayMs * 2 ** (attempt - 1);
        else break; // 4xx: the message itself is refused; trying again changes nothing
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
        wait = policy.baseDelayMs * 2 ** (attempt - 1);
      }
      if (attempt === policy.attempts || wait === undefined || wait > policy.maxDelayMs) break;
      deps.log.warn({ requestId: deps.requestId, status: lastStatus, attempt, retryInMs: wait }, 'response_url post failed; retrying');
      await sleep(wait);
    }
    let told = false;
    if (deps.fallback) {
      try {
        await deps.fallback(UNDELIVERED_TEXT);
        told = true;
      } catch (e) {
        deps.log.warn({ requestId: deps.requestId, error: e instanceof Error ? e.message : String(e) }, 'could not send the private fallback note either');
      }
    }
    deps.log.error({ requestId: deps.requestId, status: lastStatus, error: lastError, userTold: told }, 'answer not delivered to the response_url');
    throw new DeliveryError(`the response_url refused the answer (${lastError})`, lastStatus, told);
  };
}
