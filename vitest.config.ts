// Four projects, chosen by file (tests stay where they are): `npm test` runs all of them, `npm run test:unit` only
// the fast in-process tests (under a minute), `vitest run --project e2e` (or durability, evaluation) one kind.
import { defineConfig } from 'vitest/config';

/** The real discord.js client or Bolt app against the fakes, or the real `dealbot` command as a child process. */
const E2E = [
  'tests/slack/e2e.test.ts',
  'tests/slack/rate-limits.test.ts',
  'tests/slack/questions.test.ts',
  'tests/slack/startup.test.ts',
  'tests/discord/e2e-*.test.ts',
  'tests/discord/deploy-cli.test.ts',
  'tests/ops/lifecycle.test.ts',
  'tests/ops/load-smoke.test.ts',
  'tests/ops/reconnect.test.ts',
  'tests/foundation/cli.test.ts',
  'tests/foundation/console.test.ts',
  'tests/admin/admin-cli.test.ts',
  'tests/cli/**/*.test.ts',
  // The store's conformance suite against a real PostgreSQL server (CI's, or one the file starts from installed binaries).
  'tests/store/postgres*.test.ts',
  // Search's reads on both backends, and its caches following other writers (a CLI process; another PostgreSQL store).
  'tests/store/search-reader.test.ts',
  'tests/search/follow.test.ts',
  // These mix in-process tests with one that spawns the real command; until they are split (when tests move to
  // mirror src/), the whole file runs here, so the unit project needs no build and stays under a minute.
  'tests/ingest/draft.test.ts',
  'tests/ingest/update.test.ts',
  'tests/ingest/feed.test.ts',
  'tests/security/import-caps.test.ts',
  'tests/security/ingest-worker.test.ts',
  // The real Bolt app and discord.js client against fakes that fail deliveries (500s, 429s with Retry-After waits).
  'tests/security/delivery.test.ts',
  'tests/ops/doctor.test.ts',
  'tests/slack/manifest.test.ts',
];
/** Real processes killed, faults injected into the database, two writers at once. */
const DURABILITY = ['tests/durability/**/*.test.ts'];
/** Relevance and accuracy floors over the evaluation sets. */
const EVALUATION = ['tests/search/eval.test.ts', 'tests/search/eval-postgres.test.ts', 'tests/search/question-eval*.test.ts', 'tests/ingest/accuracy.test.ts', 'tests/ingest/fixtures-eval.test.ts'];

const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };
/** Projects whose tests spawn bin/dealbot.js build dist/ first (incrementally): never a stale build. */
const spawning = { ...shared, globalSetup: ['tests/global-setup.ts'] };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...E2E, ...DURABILITY, ...EVALUATION] } },
      { test: { ...spawning, name: 'e2e', include: E2E } },
      { test: { ...spawning, name: 'durability', include: DURABILITY } },
      { test: { ...spawning, name: 'evaluation', include: EVALUATION } },
    ],
  },
});
