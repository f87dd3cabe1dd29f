// Wiring: opens the store (creating and seeding it on first start), builds search and the core. Adapters, the CLI
// and tests all start from here, so they run the same code.
import { adminGuildIds, type Config } from './config.ts';
import { createCore, type Core } from './core/core.ts';
import { DEFAULT_SETTINGS, type CoreSettings } from './core/context.ts';
import { NO_ADMINS, type AdminPolicy } from './core/admins.ts';
import { IngestSandbox } from './ingest/sandbox.ts';
import { createLogger, type Logger } from './log.ts';
import { createDealSearch } from './search/search.ts';
import type { DealSearch, SearchService } from './search/types.ts';
import { createSearchPool, type SearchPool } from './search/pool.ts';
import { seedStore } from './store/seed.ts';
import { Store } from './store/store.ts';
import { SqliteDealStore } from './store/sqlite-store.ts';
import type { DealStore } from './store/types.ts';
import { isPostgresUrl, openSeededStore, redactDatabaseUrl } from './store/open.ts';
import { defaultDbPath, resolveDbPath } from './paths.ts';

export { resolveDbPath };
export const DEFAULT_DB_PATH = defaultDbPath();

export interface App {
  /**
   * The async store interface: SQLite or PostgreSQL underneath (src/store/types.ts). The core, ingest and the CLI use
   * it; so do the adapters' shared state with expiry (claimOnce, putState) and the change feed.
   */
  deals: DealStore;
  /** SQLite only: the sync store under `deals` (the same database). Undefined on PostgreSQL. */
  store?: Store | undefined;
  /** Search in this thread (the console, autocomplete, warm-up). */
  search: DealSearch;
  /** The search worker pool the core asks, when SEARCH_WORKERS > 0 (chat adapters only; see docs/scaling.md). */
  pool?: SearchPool | undefined;
  core: Core;
  log: Logger;
  seeded: boolean;
  /** The ingest worker (reads articles off the event loop). */
  ingest?: IngestSandbox;
  /** Ends the ingest worker and closes the store (on PostgreSQL: flushes usage and ends the pool). */
  close(): Promise<void>;
}

/** An app on SQLite: what `openApp` returns, with the sync Store (tests and SQLite-only tools read it directly). */
export interface SqliteApp extends App {
  store: Store;
}

export interface AppOptions {
  dbPath?: string | undefined;
  /** postgres://… or postgresql://… opens PostgreSQL (openAppAsync only); anything else, SQLite at dbPath. */
  databaseUrl?: string | undefined;
  seed?: boolean;
  log?: Logger;
  policy?: AdminPolicy;
  settings?: Partial<CoreSettings>;
  /**
   * Search worker threads (SEARCH_WORKERS): 0 answers in this thread (the default: small stores, the console, the
   * CLI); n > 0 sends every question to a pool of n workers, each with its own connection and indexes.
   */
  searchWorkers?: number;
}

export function policyFromConfig(c: Config): AdminPolicy {
  return {
    discordUserIds: c.DISCORD_ADMIN_USER_IDS,
    discordRoleIds: c.DISCORD_ADMIN_ROLE_IDS,
    discordManagersAreAdmins: c.DISCORD_MANAGERS_ARE_ADMINS,
    discordAdminGuildIds: adminGuildIds(c),
    slackUserIds: c.SLACK_ADMIN_USER_IDS,
  };
}

export function settingsFromConfig(c: Config): CoreSettings {
  return {
    ingestAllowPrivateUrls: c.INGEST_ALLOW_PRIVATE_URLS,
    ingestFetchTimeoutMs: c.INGEST_FETCH_TIMEOUT_MS,
    ingestMaxBytes: c.INGEST_MAX_BYTES,
    userBurst: c.USER_RATE_BURST,
    userPerMinute: c.USER_RATE_PER_MINUTE,
    ingestTimeBudgetMs: c.INGEST_TIME_BUDGET_MS,
    ingestMemoryMb: c.INGEST_MEMORY_MB,
    channelPublicPerMinute: c.CHANNEL_PUBLIC_PER_MINUTE,
    usageRetentionDays: c.USAGE_RETENTION_DAYS,
  };
}

/** Opens the app on SQLite (the default): synchronous, so tests and scripts can build one in a line. */
export function openApp(opts: AppOptions = {}): SqliteApp {
  const log = opts.log ?? createLogger();
  const path = opts.dbPath ?? DEFAULT_DB_PATH;
  const { store, created } = Store.open(path);
  let seeded = false;
  try {
    if (created && opts.seed !== false) {
      const { deals } = seedStore(store);
      seeded = true;
      log.info({ deals, path }, 'new database filled with the shipped corpus');
    }
  } catch (e) {
    store.close();
    throw e;
  }
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  // What people asked is kept for the retention period only (docs/privacy.md): pruned now and while running.
  store.retainUsage(settings.usageRetentionDays);
  // One async store over the database: search reads and follows the change feed through it, as on PostgreSQL.
  const deals = new SqliteDealStore(store);
  const search = createDealSearch(deals);
  const pool = opts.searchWorkers && opts.searchWorkers > 0 ? createSearchPool({ dbPath: path, workers: opts.searchWorkers, local: search, log }) : undefined;
  const asked: SearchService = pool ?? search;
  const { core, ingest } = wire(deals, asked, log, settings, opts);
  return {
    store,
    deals,
    search,
    pool,
    core,
    log,
    seeded,
    ingest,
    close: async () => {
      void ingest.close();
      void pool?.close();
      store.close();
    },
  };
}

/**
 * Opens the app on the backend the options choose: PostgreSQL for a postgres:// DATABASE_URL (pg is loaded only
 * then), else SQLite exactly as openApp. An empty PostgreSQL database is migrated and filled from data/ as a new
 * SQLite file is — once, however many processes start together. What `dealbot start`, `ask`, the console and every
 * CLI command use.
 */
export async function openAppAsync(opts: AppOptions = {}): Promise<App> {
  if (!isPostgresUrl(opts.databaseUrl)) return openApp(opts);
  const log = opts.log ?? createLogger();
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const where = redactDatabaseUrl(opts.databaseUrl);
  const { store: deals, seeded, applied } = await openSeededStore({ databaseUrl: opts.databaseUrl, path: '', seed: opts.seed !== false });
  if (seeded !== undefined) log.info({ deals: seeded, database: where }, 'new database filled with the shipped corpus');
  // `migrated`: the schema versions this process applied (none when another process starting with it did).
  log.info({ backend: 'postgres', database: where, migrated: applied }, 'store opened');
  const retention = retainUsage(deals, settings.usageRetentionDays, log);
  // Search reads through the PostgreSQL SearchReader and follows the change feed (LISTEN/NOTIFY).
  const search = createDealSearch(deals);
  const { core, ingest } = wire(deals, search, log, settings, opts);
  return {
    deals,
    search,
    core,
    log,
    seeded: seeded !== undefined,
    ingest,
    close: async () => {
      clearInterval(retention);
      void ingest.close();
      await search.close();
      await deals.close();
    },
  };
}

/** The core and the ingest worker over a store and a search, with the app's settings. */
function wire(deals: DealStore, search: SearchService, log: Logger, settings: CoreSettings, opts: AppOptions) {
  // Articles are read in a worker thread with these budgets; it starts on first use and is ended with the app.
  const ingest = new IngestSandbox({ timeoutMs: settings.ingestTimeBudgetMs, memoryMb: settings.ingestMemoryMb });
  const core = createCore({ store: deals, search, log, policy: opts.policy ?? NO_ADMINS, settings, ingest });
  return { core, ingest };
}

const RETENTION_EVERY_MS = 6 * 3_600_000;

/** Usage retention on the async interface: pruned now and every few hours while running (never fails the app). */
function retainUsage(deals: DealStore, days: number, log: Logger): ReturnType<typeof setInterval> {
  const prune = () =>
    void deals.pruneUsage(new Date(Date.now() - days * 86_400_000)).catch((e: unknown) => log.warn({ err: e }, 'usage pruning failed'));
  prune();
  const timer = setInterval(prune, RETENTION_EVERY_MS);
  timer.unref?.();
  return timer;
}
