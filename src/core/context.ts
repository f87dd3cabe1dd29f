// What every handler may use. Built once by createCore; handlers get it as their second argument.
import type { IngestSandbox } from '../ingest/sandbox.ts';
import type { Logger } from '../log.ts';
import type { SearchService } from '../search/types.ts';
import type { DealStore } from '../store/types.ts';
import type { AdminPolicy } from './admins.ts';
import { DEFAULT_RATE_LIMITS } from './limits.ts';
import type { Invocation, Reply } from './replies.ts';

export interface CoreContext {
  /** The async store interface: SQLite or PostgreSQL underneath (src/store/types.ts). */
  store: DealStore;
  /** This thread's search, or the worker pool's (SEARCH_WORKERS): always await `search.search`. */
  search: SearchService;
  policy: AdminPolicy;
  log: Logger;
  /** Settings for optional features (ingest fetching, limits). */
  settings: CoreSettings;
  /** Where articles are read (a worker thread with a time and memory budget); the process-wide one when absent. */
  ingest?: IngestSandbox | undefined;
}

export interface CoreSettings {
  ingestAllowPrivateUrls: boolean;
  ingestFetchTimeoutMs: number;
  ingestMaxBytes: number;
  /** Per-user token bucket: requests at once, then a sustained rate per minute (see limits.ts). */
  userBurst: number;
  userPerMinute: number;
  /** How long one article may take to read in the ingest worker. */
  ingestTimeBudgetMs: number;
  /** The ingest worker's memory limit in MB. */
  ingestMemoryMb: number;
  channelPublicPerMinute: number;
  /** Days usage rows (what people asked) are kept. */
  usageRetentionDays: number;
}

/** The production defaults (config.ts falls back to the same numbers), so tests run with what users get. */
export const DEFAULT_SETTINGS: CoreSettings = {
  ingestAllowPrivateUrls: false,
  ingestFetchTimeoutMs: 10_000,
  ingestMaxBytes: 2_000_000,
  ...DEFAULT_RATE_LIMITS,
  ingestTimeBudgetMs: 15_000,
  ingestMemoryMb: 256,
  usageRetentionDays: 90,
};

export type Handler = (inv: Invocation, ctx: CoreContext) => Reply | Promise<Reply>;
