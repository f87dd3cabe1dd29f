// Builds a real app (store, search, core) for tests: an in-memory database seeded with the shipped corpus, or with
// the small fixture corpus when `fixtures: true`. No network, no platform.
import { fileURLToPath } from 'node:url';
import { createCore } from '../../src/core/core.ts';
import { DEFAULT_SETTINGS, type CoreSettings } from '../../src/core/context.ts';
import { NO_ADMINS, type AdminPolicy } from '../../src/core/admins.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { createDealSearch } from '../../src/search/search.ts';
import { seedStore } from '../../src/store/seed.ts';
import { Store } from '../../src/store/store.ts';
import { SqliteDealStore } from '../../src/store/sqlite-store.ts';
import type { SqliteApp } from '../../src/app.ts';
import type { User } from '../../src/core/replies.ts';

export const FIXTURES = {
  deals: fileURLToPath(new URL('../fixtures/mini-deals.jsonl', import.meta.url)),
  organisations: fileURLToPath(new URL('../fixtures/mini-organisations.json', import.meta.url)),
};

export interface TestAppOptions {
  fixtures?: boolean;
  dbPath?: string;
  policy?: Partial<AdminPolicy>;
  /** Defaults to the production settings (DEFAULT_SETTINGS), rate limits included. */
  settings?: Partial<CoreSettings>;
  /** The core's logger (silent by default). */
  log?: Logger;
}

export function testApp(opts: TestAppOptions = {}): SqliteApp {
  const log = opts.log ?? createLogger('silent');
  const { store } = Store.open(opts.dbPath ?? ':memory:');
  seedStore(store, ...(opts.fixtures ? [FIXTURES] : []));
  const search = createDealSearch(store);
  const deals = new SqliteDealStore(store);
  const core = createCore({
    store: deals,
    search,
    log,
    policy: { ...NO_ADMINS, ...opts.policy },
    settings: { ...DEFAULT_SETTINGS, ...opts.settings },
  });
  return { store, deals, search, core, log, seeded: true, close: async () => store.close() };
}

export const OPERATOR: User = { id: 'cli:tester', name: 'tester', platform: 'cli', isOperator: true };
export const STRANGER: User = { id: 'U-stranger', name: 'stranger', platform: 'slack' };
