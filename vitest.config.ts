// Four projects, one folder each: `npm test` runs all of them, `npm run test:unit` only the fast in-process tests
// (under a minute, no build needed), `vitest run --project e2e` (or durability, evaluation) one kind.
//   tests/unit/        in-process tests, laid out as src/ is (tests/unit/search/question/intent.test.ts tests
//                      src/search/question/intent.ts); `*.properties.test.ts` are the fast-check property tests
//   tests/e2e/         the real discord.js client or Bolt app against the fakes in tests/fakes/, the real `dealbot`
//                      command as a child process, and the stores against a real PostgreSQL server
//   tests/durability/  real processes killed, faults injected into the database, two writers at once
//   tests/evaluation/  relevance and accuracy floors over the evaluation sets
import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };
/** Projects whose tests spawn bin/dealbot.js build dist/ first (incrementally): never a stale build. */
const spawning = { ...shared, globalSetup: ['tests/global-setup.ts'] };

export default defineConfig({
  test: {
    projects: [
      // Unit files reuse one module cache per worker (isolate: false): re-importing search, ingest and zod schemas for
      // each of ~60 files cost about 45 s of the run; the tests keep their own state (each opens its own store).
      { test: { ...shared, name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      { test: { ...spawning, name: 'e2e', include: ['tests/e2e/**/*.test.ts'] } },
      { test: { ...spawning, name: 'durability', include: ['tests/durability/**/*.test.ts'] } },
      { test: { ...spawning, name: 'evaluation', include: ['tests/evaluation/**/*.test.ts'] } },
    ],
  },
});
