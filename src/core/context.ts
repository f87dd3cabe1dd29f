// What every handler may use. Built once by createCore; handlers get it as their second argument.
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
}

export interface CoreSettings {
  ingestAllowPrivateUrls: boolean;
  ingestFetchTimeoutMs: number;
  ingestMaxBytes: number;
  userCooldownMs: number;
  channelPublicPerMinute: number;
}

export const DEFAULT_SETTINGS: CoreSettings = {
  ingestAllowPrivateUrls: false,
  ingestFetchTimeoutMs: 10_000,
  ingestMaxBytes: 2_000_000,
  userCooldownMs: 0,
  channelPublicPerMinute: 0,
};

export type Handler = (inv: Invocation, ctx: CoreContext) => Reply | Promise<Reply>;
