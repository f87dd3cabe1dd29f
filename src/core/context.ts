// What every handler may use. Built once by createCore; handlers get it as their second argument.
import type { IngestSandbox } from '../ingest/sandbox.ts';
import type { Logger } from '../log.ts';
import type { DealSearch } from '../search/types.ts';
import type { Store } from '../store/store.ts';
import type { AdminPolicy } from './admins.ts';
import type { Invocation, Reply } from './replies.ts';

export interface CoreContext {
  store: Store;
  search: DealSearch;
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
  /** How long one article may take to read in the ingest worker. */
  ingestTimeBudgetMs: number;
  /** The ingest worker's memory limit in MB. */
  ingestMemoryMb: number;
  userCooldownMs: number;
  channelPublicPerMinute: number;
  /** Days usage rows (what people asked) are kept. */
  usageRetentionDays: number;
}

export const DEFAULT_SETTINGS: CoreSettings = {
  ingestAllowPrivateUrls: false,
  ingestFetchTimeoutMs: 10_000,
  ingestMaxBytes: 2_000_000,
  ingestTimeBudgetMs: 15_000,
  ingestMemoryMb: 256,
  userCooldownMs: 0,
  channelPublicPerMinute: 0,
  usageRetentionDays: 90,
};

export type Handler = (inv: Invocation, ctx: CoreContext) => Reply | Promise<Reply>;
