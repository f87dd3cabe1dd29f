// A small run of the load harness (`npm run load` is the benchmark; this only checks the harness and the bot's
// plumbing end to end): the real bot process, signed Slack commands and Discord interactions on loopback, every
// answer delivered and right, no platform rule broken, a clean exit on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runLoad } from '../../../bench/load.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealbot-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// SEARCH_WORKERS 0 (search on the main thread) and 1 (the compiled worker thread, dist/src/search/pool-worker.js).
it.each([0, 1])('answers a short burst on both platforms with nothing lost or wrong (SEARCH_WORKERS=%i)', async (workers) => {
  const db = join(tmp, `smoke-${workers}.db`);
  const r = await runLoad({ deals: 0, db, rates: [25], seconds: 1, slackShare: 0.5, drainSeconds: 15, json: true, questions: 20, workers });
  expect(r.violations).toEqual([]);
  expect(r.exitCode).toBe(0);
  const [step] = r.steps;
  expect(step!.sent).toBe(25);
  expect(step!.failedAcks).toBe(0);
  expect(step!.unacked).toBe(0);
  expect(step!.lost).toBe(0);
  expect(step!.wrong).toBe(0);
  expect(step!.answered).toBe(25);
});
