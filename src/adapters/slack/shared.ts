// What several dealbot instances serving one Slack app must agree on, kept in the store's shared state (one SQLite
// file or one PostgreSQL database: `app.deals`), never in process memory: which deliveries were already handled
// (Slack's retries, a double click, the same envelope on two Socket Mode connections) and the answer to a form
// submission a second instance may be asked for. Every key expires.

/** The part of the store's async interface (DealStore in src/store/types.ts) the Slack adapter uses. */
export interface SharedState {
  /** True for exactly one caller per key, across every process on the same database, until the key expires. */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  putState(key: string, value: unknown, ttlMs: number): Promise<void>;
  getState<T = unknown>(key: string): Promise<T | undefined>;
  deleteState(key: string): Promise<boolean>;
}

/**
 * How long a handled delivery is remembered. Slack retries an event three times within about five minutes
 * (at once, after a minute, after five); buttons and envelopes are never redelivered later than that.
 */
export const DELIVERY_TTL_MS = 60 * 60_000;
/** How long the answer to a form submission is kept for a repeated submission of the same values. */
export const SUBMISSION_TTL_MS = 15 * 60_000;

/** Keys, namespaced so no other user of the shared state can collide with them. */
export const sharedKey = {
  event: (eventId: string) => `slack:event:${eventId}`,
  envelope: (envelopeId: string) => `slack:envelope:${envelopeId}`,
  message: (channel: string, ts: string) => `slack:message:${channel}:${ts}`,
  action: (key: string) => `slack:action:${key}`,
  submission: (user: string, viewId: string, hash: string) => `slack:submission:${user}:${viewId}:${hash}`,
  submissionAnswer: (user: string, viewId: string, hash: string) => `slack:submission-answer:${user}:${viewId}:${hash}`,
};

/**
 * True the first time, across every instance, that any of these keys is offered (each is claimed in turn). If the
 * store cannot be reached the delivery counts as new (`onError` is told): answering twice beats answering never.
 */
export async function firstTime(
  state: SharedState,
  keys: (string | undefined)[],
  ttlMs = DELIVERY_TTL_MS,
  onError?: (e: unknown) => void,
): Promise<boolean> {
  for (const k of keys) {
    if (typeof k !== 'string' || k === '') continue;
    try {
      if (!(await state.claimOnce(k, ttlMs))) return false;
    } catch (e) {
      onError?.(e);
      return true;
    }
  }
  return true;
}

/** Reads `key` every `everyMs` until it holds a value or `limitMs` has passed. */
export async function waitForState<T>(state: SharedState, key: string, limitMs: number, everyMs = 25): Promise<T | undefined> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await state.getState<T>(key).catch(() => undefined);
    if (v !== undefined || Date.now() >= deadline) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
