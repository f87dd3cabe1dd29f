// Relevance on PostgreSQL: the name-based evaluation's top-1 with search on PostgreSQL is within 0.01 of SQLite's, on
// both splits. Same corpus, same distractors, same order; only the backend under search differs.
// Runs when a PostgreSQL is available (tests/helpers/pg-test.ts; CI requires one).
import { afterAll, describe, expect, it } from 'vitest';
import { runEvaluation } from '../../bench/evaluation.ts';
import { testPostgres } from '../helpers/pg-test.ts';

const pg = await testPostgres();
if ('unavailable' in pg) {
  console.warn(`\n*** PostgreSQL relevance evaluation NOT RUN: ${pg.unavailable}. ***\n`);
} else {
  const server = pg;
  afterAll(() => server.close());
  describe('relevance evaluation on PostgreSQL', () => {
    it('top-1 within 0.01 of SQLite on the dev and held-out splits', { timeout: 240_000 }, async () => {
      const databaseUrl = await server.newDatabase();
      const sqlite = await runEvaluation({ distractors: 2000, baseline: 'none' });
      const postgres = await runEvaluation({ distractors: 2000, baseline: 'none', databaseUrl });
      for (const split of ['dev', 'heldout'] as const) {
        const s = sqlite.ours.bySplit[split].overall;
        const p = postgres.ours.bySplit[split].overall;
        expect(Math.abs(p.top1 - s.top1), `${split}: PostgreSQL ${p.top1} vs SQLite ${s.top1}`).toBeLessThanOrEqual(0.01);
        expect(Math.abs(p.correctNone - s.correctNone), `${split} not-found`).toBeLessThanOrEqual(0.01);
      }
      expect(postgres.deals).toBe(sqlite.deals);
    });
  });
}
