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
import { defaultDbPath, resolveDbPath } from './paths.ts';

export { resolveDbPath };
export const DEFAULT_DB_PATH = defaultDbPath();

export interface App {
  store: Store;
  /**
   * The async store interface over the same database (types.ts): shared state with expiry (claimOnce, putState) that
   * several processes agree on, and the change feed. Everything moves onto it as the PostgreSQL backend is wired in.
   */
  deals: DealStore;
  /** Search in this thread (the console, autocomplete, warm-up). */
  search: DealSearch;
  /** The search worker pool the core asks, when SEARCH_WORKERS > 0 (chat adapters only; see docs/scaling.md). */
  pool?: SearchPool | undefined;
  core: Core;
  log: Logger;
  seeded: boolean;
  /** The ingest worker (reads articles off the event loop). */
  ingest?: IngestSandbox;
  close(): void;
}

export interface AppOptions {
  dbPath?: string | undefined;
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

export function openApp(opts: AppOptions = {}): App {
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
  const search = createDealSearch(store);
  const pool = opts.searchWorkers && opts.searchWorkers > 0 ? createSearchPool({ dbPath: path, workers: opts.searchWorkers, local: search, log }) : undefined;
  const asked: SearchService = pool ?? search;
  // Articles are read in a worker thread with these budgets; it starts on first use and is ended with the app.
  const ingest = new IngestSandbox({ timeoutMs: settings.ingestTimeBudgetMs, memoryMb: settings.ingestMemoryMb });
  const core = createCore({ store, search: asked, log, policy: opts.policy ?? NO_ADMINS, settings, ingest });
  const deals = new SqliteDealStore(store);
  return {
    store,
    deals,
    search,
    pool,
    core,
    log,
    seeded,
    ingest,
    close: () => {
      void ingest.close();
      void pool?.close();
      store.close();
    },
  };
}
