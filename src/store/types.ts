// The async store interface: what the core, search, ingest, the CLI and ops use, whichever database is underneath.
// Two implementations pass one conformance suite (tests/helpers/store-conformance.ts): `sqlite` (better-sqlite3, embedded,
// the default) and `postgres` (pg, chosen by DATABASE_URL=postgres://…). Rows, errors and ordering are the same on
// both, so `export` from one and `import` into the other is byte-identical.
import type { Deal, Organisation } from '../deals/schema.ts';
import type { NewReviewItem, ReviewItem, ReviewRow, ReviewStatus } from './review-queue.ts';
import type { Actor, AuditEntry, ListFilter, OrganisationRow, StoredDeal, UsageStats } from './store.ts';

export type { Actor, AuditEntry, ListFilter, OrganisationRow, StoredDeal, UsageStats } from './store.ts';
export type { NewReviewItem, ReviewItem, ReviewRow, ReviewStatus } from './review-queue.ts';
export { ConflictError, DuplicateError, NotFoundError } from './store.ts';
export { StoreError } from './db.ts';

export type Backend = 'sqlite' | 'postgres';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export interface UsageRecord {
  platform: string;
  command: string;
  query: string;
  outcome: string;
  slug?: string | undefined;
}

/** One changed deal or organisation. `key` is the deal's slug (after the change) or the organisation's name. */
export interface Change {
  generation: number;
  kind: 'deal' | 'organisation';
  id: number;
  key: string;
}

/**
 * What changed after a generation. `generation` is the newest generation this batch covers: read again from it.
 * Whole generations only (a 100k-deal import is one generation with 100k rows). `complete: false` means the rows
 * after `from` were pruned (the reader was behind the feed's retention): rebuild every cache from scratch.
 */
export interface ChangeBatch {
  from: number;
  generation: number;
  changes: Change[];
  complete: boolean;
  /** More generations are waiting beyond `generation` (the read stopped at about `limit` rows). */
  more: boolean;
}

export interface ChangeSubscription {
  /** Resolves once the subscription has read the generation it starts from (and, on PostgreSQL, is listening). */
  readonly ready: Promise<void>;
  /** The newest generation delivered so far. */
  readonly generation: number;
  close(): Promise<void>;
}

export interface ChangeOptions {
  /** Deliver everything after this generation first (a cache built at `from` catches up). Default: the current one. */
  from?: number;
  /** How often to read the feed without being told (SQLite: the only signal; PostgreSQL: the safety net). */
  pollMs?: number;
  /** Called when a read or the listening connection fails; the subscription keeps retrying. */
  onError?: (e: unknown) => void;
}

/** A consistent logical copy of everything durable: organisations and aliases, deals (removed ones too), audit, usage. */
export interface StoreDump {
  format: 'dealbot-dump';
  version: 1;
  organisations: {
    id: number;
    name: string;
    country: string | null;
    aliases: { alias: string; createdBy: string | null }[];
    /** What it is known for; absent when nothing is recorded (dumps from before it was kept). */
    known?: string[];
  }[];
  deals: {
    id: number;
    doc: string;
    /** Organisation id of each party, in party order (as resolved when the deal was written). */
    parties: number[];
    version: number;
    createdAt: string;
    updatedAt: string;
    deletedAt: string | null;
  }[];
  audit: { id: number; at: string; actor: string; platform: string; action: string; subject: string; before: string | null; after: string | null }[];
  usage: { id: number; at: string; platform: string; command: string; query: string; outcome: string; slug: string | null }[];
  /** The review queue of feed drafts, rows as stored (absent in dumps written before it was included). */
  review?: ReviewRow[];
}

export interface DealStore {
  readonly backend: Backend;

  // ------------------------------------------------------------ deals
  getDeal(slug: string, opts?: { includeDeleted?: boolean }): Promise<StoredDeal | undefined>;
  /** Live deals with these ids, in the order asked (missing and removed ones left out). */
  getDealsByIds(ids: number[]): Promise<StoredDeal[]>;
  countDeals(): Promise<number>;
  /** Browse: newest first (announced, then id), filtered by company (name or alias), type and year. */
  listDeals(filter?: ListFilter): Promise<{ total: number; deals: StoredDeal[] }>;
  /** All live deals in slug order (bytewise), canonical: what `export` writes. */
  exportDeals(): Promise<Deal[]>;
  /** Live deals with the same parties, type and announced date. */
  findDuplicates(deal: Deal): Promise<StoredDeal[]>;
  /** Refuses a slug in use (also by a removed deal) with DuplicateError. */
  createDeal(deal: Deal, actor: Actor): Promise<StoredDeal>;
  /** Saves only if the deal is still at `expectedVersion`, else ConflictError; NotFoundError if missing. */
  updateDeal(slug: string, deal: Deal, expectedVersion: number, actor: Actor): Promise<StoredDeal>;
  removeDeal(slug: string, actor: Actor): Promise<StoredDeal>;
  restoreDeal(slug: string, actor: Actor): Promise<StoredDeal>;
  /** All or nothing, in one transaction; existing slugs updated (version bumped), identical ones left alone. */
  importDeals(deals: Deal[], actor: Actor, onProgress?: (done: number, total: number) => void): Promise<ImportResult>;

  // ------------------------------------------------------------ organisations and aliases
  listOrganisations(): Promise<OrganisationRow[]>;
  /** By name or any alias, case, accents and punctuation ignored. */
  findOrganisation(nameOrAlias: string): Promise<OrganisationRow | undefined>;
  organisationById(id: number): Promise<OrganisationRow | undefined>;
  /** Seeding from the organisations file: merges, no audit row. */
  upsertOrganisations(orgs: Organisation[]): Promise<void>;
  addAlias(orgName: string, alias: string, actor: Actor): Promise<OrganisationRow>;
  removeAlias(orgName: string, alias: string, actor: Actor): Promise<OrganisationRow>;
  /**
   * Replaces what the organisation is known for (the phrases descriptions match, "robot vacuum"), audited as
   * `org.known`; an empty list clears it. The caller validates the phrases (LIMITS.known, LIMITS.knownPhrases).
   */
  setKnown(orgName: string, known: readonly string[], actor: Actor): Promise<OrganisationRow>;

  // ------------------------------------------------------------ audit
  /** Newest first; `subject` is a slug (deals) or `org:NAME` (aliases). */
  history(opts?: { subject?: string | undefined; limit?: number }): Promise<AuditEntry[]>;

  // ------------------------------------------------------------ usage
  /** Buffered, written in batches; never throws and never waits (stats must not break answering). */
  recordUsage(u: UsageRecord): void;
  /** Writes buffered usage rows now. Never throws. */
  flushUsage(): Promise<void>;
  usageStats(days: number, limit?: number): Promise<UsageStats>;
  /** Retention: deletes usage rows recorded before `before`; returns how many. */
  pruneUsage(before: Date): Promise<number>;

  // ------------------------------------------------------------ review queue (drafts from followed feeds)
  /** Keys of a feed's items already queued, whatever became of them: those are never drafted again. */
  knownReviewKeys(feedUrl: string, keys: readonly string[]): Promise<Set<string>>;
  /** Adds the items in one transaction; an item already queued is left as it is. */
  enqueueReviewItems(items: readonly NewReviewItem[]): Promise<{ added: number; alreadySeen: number }>;
  reviewItem(id: number): Promise<ReviewItem | undefined>;
  /** The oldest pending draft after `afterId` (0: from the start), and how many are pending in all. */
  nextReviewItem(afterId?: number): Promise<{ item?: ReviewItem; pending: number; position: number }>;
  /** Marks a pending item saved or skipped; false when it was not pending (someone else decided it first). */
  decideReviewItem(id: number, status: 'saved' | 'skipped', actor: string, slug?: string): Promise<boolean>;
  countReviewItems(): Promise<Record<ReviewStatus, number>>;

  // ------------------------------------------------------------ backup and copy
  /**
   * A consistent copy in `path` while others keep writing. SQLite: a database file (SQLite's online backup).
   * PostgreSQL: the dump as JSON, which `loadDump` reads back (pg_dump is the tool for a physical copy).
   */
  backup(path: string): Promise<{ format: 'sqlite' | 'dealbot-dump'; bytes: number }>;
  /** Everything durable, read in one consistent snapshot. */
  dump(): Promise<StoreDump>;
  /** Loads a dump into an empty store (DuplicateError if it has deals or organisations), all or nothing. */
  loadDump(dump: StoreDump): Promise<void>;

  // ------------------------------------------------------------ change feed
  /** The current generation: bumped once in every committed transaction that changed deals or organisations. */
  generation(): Promise<number>;
  /** Changes after `from`, in generation order, whole generations only, stopping after about `limit` rows. */
  changesSince(from: number, limit?: number): Promise<ChangeBatch>;
  /**
   * Calls `listener` with every batch after the start generation, in order, one at a time (an async listener is
   * awaited). SQLite: a short poll of the generation (serves two processes on one file). PostgreSQL: LISTEN/NOTIFY
   * at once, plus a catch-up read on (re)connect and on a short poll, so a lost notification is never a lost update.
   */
  onChange(listener: (batch: ChangeBatch) => void | Promise<void>, opts?: ChangeOptions): ChangeSubscription;
  /** Deletes change rows older than `before` (readers further behind get `complete: false`). Returns how many. */
  pruneChanges(before: Date): Promise<number>;

  // ------------------------------------------------------------ shared state with expiry
  /** True for exactly one caller per key until it expires (Slack retry and double-click de-duplication). */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Stores a JSON value (form drafts) until it expires; replaces any value under the key. */
  putState(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** The value, unless missing or expired. */
  getState<T = unknown>(key: string): Promise<T | undefined>;
  /** Removes the key; true if a live value was there. */
  deleteState(key: string): Promise<boolean>;
  /** Deletes expired keys now (also done as keys are written); returns how many. */
  pruneState(): Promise<number>;

  /** Flushes usage, stops subscriptions and closes connections. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** The clock shared state and usage pruning use (tests move it). Default Date.now. */
  now?: () => number;
}

export interface OpenedStore {
  store: DealStore;
  /** The database was empty (new file, or a PostgreSQL database without our tables): seed it. */
  created: boolean;
  /** Migrations this open ran itself (another process starting at the same moment may have run them instead). */
  applied: number[];
}
