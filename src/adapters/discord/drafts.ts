// Form drafts and other short-lived state of the Discord adapter: in the store's shared state (every shard process,
// and a restarted one, sees them alike) or, for what only this process needs, a small size-capped map in memory.
import { randomBytes } from 'node:crypto';
import type { App } from '../../app.ts';
import type { FormReply } from '../../core/replies.ts';

/** The store's shared state with expiry: what every shard process (and a restarted one) sees alike. */
export type SharedState = Pick<App['deals'], 'putState' | 'getState' | 'deleteState'>;

/** Form drafts one person may have open at once; opening more forgets their oldest. */
export const DRAFTS_PER_USER = 20;
/** The largest draft kept (JSON bytes): a modal holds at most 5 × 4000 characters, the form's own values a few KB. */
export const DRAFT_MAX_BYTES = 256 * 1024;

/** Short-lived, size-capped memory keyed by random ids (form drafts, targets too long for a custom_id). */
export class ExpiringMap<V> {
  private readonly map = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}
  put(value: V, key = randomBytes(9).toString('base64url')): string {
    this.map.delete(key);
    this.map.set(key, { value, expires: Date.now() + this.ttlMs });
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return key;
  }
  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expires < Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export interface FormDraft {
  form: FormReply;
  userId: string;
  /** What the user last typed into the shown fields (to reopen the form after a validation error). */
  entered: Record<string, string>;
}

/**
 * Form drafts in the store's shared state, keyed by a random id (the modal's custom_id carries it), kept for the
 * draft lifetime, so a modal submitted after its shard process was restarted, or to another process, still finds
 * its draft. Capped per person (DRAFTS_PER_USER, through a small index under the user's key) and in size.
 */
export class SharedDrafts {
  constructor(
    private readonly state: SharedState,
    private readonly ttlMs: number,
  ) {}

  private static key(id: string): string {
    return `discord:draft:${id}`;
  }

  private static userKey(userId: string): string {
    return `discord:drafts-of:${userId}`;
  }

  async put(draft: FormDraft, id = randomBytes(9).toString('base64url')): Promise<string> {
    const bytes = Buffer.byteLength(JSON.stringify(draft));
    if (bytes > DRAFT_MAX_BYTES) throw new Error(`form draft of ${bytes} bytes is over the ${DRAFT_MAX_BYTES}-byte cap`);
    await this.state.putState(SharedDrafts.key(id), draft, this.ttlMs);
    const userKey = SharedDrafts.userKey(draft.userId);
    const open = ((await this.state.getState<string[]>(userKey)) ?? []).filter((d) => d !== id);
    open.push(id);
    while (open.length > DRAFTS_PER_USER) await this.state.deleteState(SharedDrafts.key(open.shift()!));
    await this.state.putState(userKey, open, this.ttlMs);
    return id;
  }

  async get(id: string): Promise<FormDraft | undefined> {
    return this.state.getState<FormDraft>(SharedDrafts.key(id));
  }

  async delete(id: string): Promise<void> {
    await this.state.deleteState(SharedDrafts.key(id));
  }
}
