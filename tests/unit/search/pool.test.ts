// The search worker pool (SEARCH_WORKERS): real worker threads, each with its own read connection to the same
// SQLite file and its own indexes. Its answers are the main thread's answers, a write through the core is seen by
// the workers' next question, and the core wired with a pool answers /deal as without one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../../src/app.ts';
import { NO_ADMINS } from '../../../src/core/admins.ts';
import { createLogger } from '../../../src/log.ts';
import { createSearchPool, type SearchPool } from '../../../src/search/pool.ts';
import type { SearchOutcome } from '../../../src/search/types.ts';
import { OPERATOR } from '../../helpers/app.ts';

const QUESTIONS = ['xiaomi microsoft', 'msft github', 'who bought github', 'how many acquisitions did microsoft make', 'largest acquisitions in 2020', 'zzqx nothing here'];

function best(o: SearchOutcome): string {
  return o.status === 'found' ? o.best.slug : o.status;
}

let dir: string;
let app: App;
let pool: SearchPool;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dealbot-pool-'));
  app = openApp({ dbPath: join(dir, 'deals.db'), log: createLogger('silent'), policy: NO_ADMINS });
  pool = createSearchPool({ dbPath: join(dir, 'deals.db'), workers: 2, local: app.search, log: createLogger('silent') });
  await pool.ready();
});

afterAll(async () => {
  await pool?.close();
  app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the search worker pool', () => {
  it('answers every question as the main thread does', async () => {
    for (const q of QUESTIONS) expect(await pool.search(q)).toEqual(await app.search.search(q));
    // Several at once: spread over both workers.
    const together = await Promise.all(QUESTIONS.map((q) => pool.search(q, { page: 1 })));
    expect(together).toEqual(await Promise.all(QUESTIONS.map((q) => app.search.search(q, { page: 1 }))));
  });

  it('sees a write made through the core at the next question, in every worker', async () => {
    expect((await pool.search('quuxly github')).status).toBe('none');
    const reply = await app.core.handleText('/deal-admin alias-add Microsoft Quuxly', OPERATOR);
    expect(reply.kind).not.toBe('error');
    // Both workers: enough questions at once that each takes some.
    const answers = await Promise.all(Array.from({ length: 6 }, () => pool.search('quuxly github')));
    expect(answers.map(best)).toEqual(Array(6).fill('microsoft-github-2018'));
  });

  it('refuses an in-memory database or no workers, with a clear error', () => {
    expect(() => createSearchPool({ dbPath: ':memory:', workers: 1, local: app.search, log: createLogger('silent') })).toThrow(/database file/);
    expect(() => createSearchPool({ dbPath: join(dir, 'deals.db'), workers: 0, local: app.search, log: createLogger('silent') })).toThrow(/at least one worker/);
  });
});

describe('the core with a pool (SEARCH_WORKERS=1)', () => {
  it('answers /deal with the same card as without one', async () => {
    const pooled = openApp({ dbPath: join(dir, 'deals.db'), log: createLogger('silent'), policy: NO_ADMINS, searchWorkers: 1 });
    try {
      expect(pooled.pool?.size).toBe(1);
      await pooled.pool!.ready();
      const user = { id: 'UPOOL', platform: 'slack' as const };
      const withPool = await pooled.core.handle({ command: 'deal', options: { query: 'xiaomi microsoft' }, user });
      const without = await app.core.handle({ command: 'deal', options: { query: 'xiaomi microsoft' }, user: { ...user, id: 'UPOOL2' } });
      expect(withPool.kind).toBe('deal');
      expect(withPool).toEqual(without);
    } finally {
      await pooled.pool?.close();
      pooled.close();
    }
  });
});
