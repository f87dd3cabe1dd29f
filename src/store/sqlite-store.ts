// The embedded backend of the async store interface: the sync Store (better-sqlite3) underneath, plus the change feed
// read by generation and shared state with expiry. Reads and writes run on the calling thread as before; the promises
// are already settled when returned. Two processes on one file see each other's changes through a short poll.
import { statSync } from 'node:fs';
import type { Deal, Organisation } from '../deals/schema.ts';
import { ChangeFollower } from './follow.ts';
import { describeSqliteError } from './db.ts';
import { Store } from './store.ts';
import * as review from './review-queue.ts';
import type {
  NewReviewItem,
  Actor,
  ChangeBatch,
  ChangeOptions,
  ChangeSubscription,
  DealStore,
  ImportResult,
  ListFilter,
  OpenedStore,
  StoreDump,
  StoreOptions,
  UsageRecord,
} from './types.ts';

/** How often a subscriber reads the generation when nothing tells it (one indexed single-row read). */
export const SQLITE_POLL_MS = 250;
/** Expired shared-state keys are deleted every this many shared-state writes. */
const PRUNE_EVERY = 200;

export class SqliteDealStore implements DealStore {
  readonly backend = 'sqlite' as const;
  private readonly now: () => number;
  private readonly subscriptions = new Set<ChangeSubscription>();
  private stateWrites = 0;

  constructor(
    readonly store: Store,
    opts: StoreOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  static open(path: string, opts: StoreOptions = {}): OpenedStore {
    const { store, created, applied } = Store.open(path);
    return { store: new SqliteDealStore(store, opts), created, applied };
  }

  private get db() {
    return this.store.db;
  }

  // ------------------------------------------------------------ deals

  async getDeal(slug: string, opts?: { includeDeleted?: boolean }) {
    return this.store.getDeal(slug, opts);
  }
  async getDealsByIds(ids: number[]) {
    return this.store.getDealsByIds(ids);
  }
  async countDeals() {
    return this.store.countDeals();
  }
  async listDeals(filter?: ListFilter) {
    return this.store.listDeals(filter);
  }
  async exportDeals() {
    return this.store.exportDeals();
  }
  async findDuplicates(deal: Deal) {
    return this.store.findDuplicates(deal);
  }
  async createDeal(deal: Deal, actor: Actor) {
    return this.store.createDeal(deal, actor);
  }
  async updateDeal(slug: string, deal: Deal, expectedVersion: number, actor: Actor) {
    return this.store.updateDeal(slug, deal, expectedVersion, actor);
  }
  async removeDeal(slug: string, actor: Actor) {
    return this.store.removeDeal(slug, actor);
  }
  async restoreDeal(slug: string, actor: Actor) {
    return this.store.restoreDeal(slug, actor);
  }
  async importDeals(deals: Deal[], actor: Actor, onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
    return this.store.importDeals(deals, actor, onProgress);
  }

  // ------------------------------------------------------------ organisations

  async listOrganisations() {
    return this.store.listOrganisations();
  }
  async findOrganisation(nameOrAlias: string) {
    return this.store.findOrganisation(nameOrAlias);
  }
  async organisationById(id: number) {
    return this.store.organisationById(id);
  }
  async upsertOrganisations(orgs: Organisation[]) {
    this.store.upsertOrganisations(orgs);
  }
  async addAlias(orgName: string, alias: string, actor: Actor) {
    return this.store.addAlias(orgName, alias, actor);
  }
  async removeAlias(orgName: string, alias: string, actor: Actor) {
    return this.store.removeAlias(orgName, alias, actor);
  }
  async setKnown(orgName: string, known: readonly string[], actor: Actor) {
    return this.store.setKnown(orgName, known, actor);
  }

  // ------------------------------------------------------------ audit and usage

  async history(opts?: { subject?: string | undefined; limit?: number }) {
    return this.store.history(opts);
  }
  recordUsage(u: UsageRecord): void {
    this.store.recordUsage(u);
  }
  async flushUsage() {
    this.store.flushUsage();
  }
  async usageStats(days: number, limit?: number) {
    return this.store.usageStats(days, limit);
  }
  async pruneUsage(before: Date): Promise<number> {
    this.store.flushUsage();
    return this.run(() => this.db.prepare('DELETE FROM usage WHERE at < ?').run(before.toISOString()).changes);
  }

  // ------------------------------------------------------------ review queue

  async knownReviewKeys(feedUrl: string, keys: readonly string[]) {
    return review.knownReviewKeys(this.store, feedUrl, keys);
  }
  async enqueueReviewItems(items: readonly NewReviewItem[]) {
    return review.enqueueReviewItems(this.store, items);
  }
  async reviewItem(id: number) {
    return review.reviewItem(this.store, id);
  }
  async nextReviewItem(afterId = 0) {
    return review.nextReviewItem(this.store, afterId);
  }
  async decideReviewItem(id: number, status: 'saved' | 'skipped', actor: string, slug?: string) {
    return review.decideReviewItem(this.store, id, status, actor, slug);
  }
  async countReviewItems() {
    return review.countReviewItems(this.store);
  }

  // ------------------------------------------------------------ backup

  async backup(path: string) {
    await this.store.backup(path);
    return { format: 'sqlite' as const, bytes: statSync(path).size };
  }
  async dump(): Promise<StoreDump> {
    this.store.flushUsage();
    return this.store.dump();
  }
  async loadDump(dump: StoreDump) {
    this.store.loadDump(dump);
  }

  // ------------------------------------------------------------ change feed

  async generation(): Promise<number> {
    return this.store.prepared('SELECT value FROM store_generation WHERE id = 1').pluck().get() as number;
  }

  async changesSince(from: number, limit = 10_000): Promise<ChangeBatch> {
    // One read transaction: the counter and the rows come from the same snapshot.
    return this.db.transaction((): ChangeBatch => {
      const g = this.store.prepared('SELECT value AS current, pruned_through FROM store_generation WHERE id = 1').get() as {
        current: number;
        pruned_through: number;
      };
      if (from < g.pruned_through || from > g.current) {
        return { from, generation: g.current, changes: [], complete: false, more: false };
      }
      const cutoff = this.store
        .prepared('SELECT generation FROM changes WHERE generation > ? ORDER BY generation LIMIT 1 OFFSET ?')
        .pluck()
        .get(from, Math.max(0, limit - 1)) as number | undefined;
      const upTo = cutoff ?? g.current;
      const rows = this.store
        .prepared(
          'SELECT generation, kind, ref_id AS id, key FROM changes WHERE generation > ? AND generation <= ? ORDER BY generation, kind, ref_id',
        )
        .all(from, upTo) as ChangeBatch['changes'];
      return { from, generation: upTo, changes: rows, complete: true, more: upTo < g.current };
    })();
  }

  onChange(listener: (batch: ChangeBatch) => void | Promise<void>, opts: ChangeOptions = {}): ChangeSubscription {
    const follower = new ChangeFollower(this, listener, { ...opts, pollMs: opts.pollMs ?? SQLITE_POLL_MS }, undefined, async () => {
      this.subscriptions.delete(follower);
    });
    this.subscriptions.add(follower);
    return follower;
  }

  async pruneChanges(before: Date): Promise<number> {
    return this.run(() =>
      this.db
        .transaction(() => {
          const cutoff = this.db.prepare('SELECT max(generation) FROM changes WHERE at < ?').pluck().get(before.toISOString()) as
            | number
            | null;
          if (cutoff === null) return 0;
          const n = this.db.prepare('DELETE FROM changes WHERE generation <= ?').run(cutoff).changes;
          this.db.prepare('UPDATE store_generation SET pruned_through = max(pruned_through, ?) WHERE id = 1').run(cutoff);
          return n;
        })
        .immediate(),
    );
  }

  // ------------------------------------------------------------ shared state

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const r = this.run(() =>
      this.store
        .prepared(
          `INSERT INTO shared_state (key, value, expires_at) VALUES (?, NULL, ?)
           ON CONFLICT (key) DO UPDATE SET value = NULL, expires_at = excluded.expires_at WHERE shared_state.expires_at <= ?`,
        )
        .run(key, now + ttlMs, now),
    );
    this.afterStateWrite();
    return r.changes === 1;
  }

  async putState(key: string, value: unknown, ttlMs: number): Promise<void> {
    const json = JSON.stringify(value ?? null);
    this.run(() =>
      this.store
        .prepared(
          `INSERT INTO shared_state (key, value, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        )
        .run(key, json, this.now() + ttlMs),
    );
    this.afterStateWrite();
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    const v = this.store.prepared('SELECT value FROM shared_state WHERE key = ? AND expires_at > ?').pluck().get(key, this.now()) as
      | string
      | null
      | undefined;
    return v === undefined || v === null ? undefined : (JSON.parse(v) as T);
  }

  async deleteState(key: string): Promise<boolean> {
    const r = this.run(() => this.store.prepared('DELETE FROM shared_state WHERE key = ? RETURNING expires_at').pluck().all(key) as number[]);
    return r.some((exp) => exp > this.now());
  }

  async pruneState(): Promise<number> {
    return this.run(() => this.store.prepared('DELETE FROM shared_state WHERE expires_at <= ?').run(this.now()).changes);
  }

  private afterStateWrite(): void {
    if (++this.stateWrites % PRUNE_EVERY === 0) void this.pruneState().catch(() => undefined);
  }

  /** Runs a statement outside Store.write, translating SQLite's error codes the same way. */
  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw describeSqliteError(e) ?? e;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.store.close();
  }
}
