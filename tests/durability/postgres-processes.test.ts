// Issue 15's store floors with real processes on one PostgreSQL database: three bot processes starting together on
// an empty database migrate it exactly once (and fill it once), and two processes saving the same deal from the same
// version — through the admin form's save — end with exactly one saved and the other told it conflicts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_ID, PG_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { eventually } from '../helpers/store-conformance.ts';
import { testPostgres } from '../helpers/pg-test.ts';
import { spawnDealbot } from '../helpers/spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-pgproc-'));
const RUN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));
const SAVER = fileURLToPath(new URL('./pg-saver.ts', import.meta.url));
const found = await testPostgres();
const pgTest = 'unavailable' in found ? undefined : found;
if ('unavailable' in found) {
  console.warn(`\n*** PostgreSQL tests NOT RUN (several processes on one PostgreSQL database): ${found.unavailable}. Set DEALBOT_TEST_DATABASE_URL or install the server to run them. ***\n`);
}
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await pgTest?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('several processes on one PostgreSQL database', () => {
  // Without a server the file says so (testPostgres printed why) and checks only that CI did not require one.
  if (!pgTest) {
    it('are not run: no PostgreSQL server (see the line above)', () => {
      expect(process.env.DEALBOT_REQUIRE_POSTGRES).not.toBe('1');
    });
    return;
  }

  it('three processes starting together on an empty database migrate it exactly once and fill it once', async () => {
    const url = await pgTest.newDatabase();
    // Hold the migration lock first, so all three are certainly waiting on it at the same moment before any migrates.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_ID.toString()]);
      const env = { DATABASE_URL: url, LOG_LEVEL: 'info' };
      const procs = [0, 1, 2].map(() => spawnDealbot(['ask', '--json', '/deals'], { cwd: dir, env }));
      for (const p of procs) children.push(p.child);
      const waiting = async () =>
        (
          await holder.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        ).rows[0]!.n === 3;
      await eventually(waiting, 'all three processes waiting on the migration lock', 30_000);
      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_ID.toString()]);

      const exits = await Promise.all(procs.map((p) => p.exited));
      expect(exits.map((e) => e.code), procs.map((p) => p.stderr()).join('\n')).toEqual([0, 0, 0]);
      // Every process answered from the same, fully seeded store.
      const totals = procs.map((p) => (JSON.parse(p.stdout()) as { kind: string; total: number }).total);
      const deals = (await holder.query<{ n: number }>('SELECT count(*)::int AS n FROM deals')).rows[0]!.n;
      expect(deals).toBeGreaterThan(50);
      expect(totals).toEqual([deals, deals, deals]);
      // Each migration was applied by exactly one of them; the others found it done.
      const opened = procs.map((p) => p.logs().find((l) => l.msg === 'store opened'));
      expect(opened.every((l) => l !== undefined)).toBe(true);
      const migrated = opened.flatMap((l) => l!.migrated as number[]).sort((a, b) => a - b);
      expect(migrated).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(opened.filter((l) => (l!.migrated as number[]).length > 0)).toHaveLength(1);
      const versions = (await holder.query<{ version: number }>('SELECT version FROM dealbot_migrations ORDER BY version')).rows.map((r) => r.version);
      expect(versions).toEqual(PG_MIGRATIONS.map((m) => m.version));
      // And exactly one filled it with the shipped corpus.
      const fills = procs.flatMap((p) => p.logs().filter((l) => l.msg === 'new database filled with the shipped corpus'));
      expect(fills).toHaveLength(1);
      expect(fills[0]!.deals).toBe(deals);
      const imports = (await holder.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor = 'seed'`)).rows[0]!.n;
      expect(imports).toBeLessThanOrEqual(1);
      for (const p of procs) expect(p.stdout() + p.stderr()).not.toMatch(/password/i);
    } finally {
      await holder.end();
    }
  });

  it('two processes saving the same deal from the same version: exactly one wins, the other gets a conflict', async () => {
    const url = await pgTest.newDatabase();
    // One process creates and seeds the database first.
    const first = spawnDealbot(['ask', '/deals'], { cwd: dir, env: { DATABASE_URL: url } });
    expect((await first.exited).code, first.stderr()).toBe(0);

    const savers = [0, 1].map(() => {
      const child = spawn(process.execPath, [RUN, SAVER], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_URL: url },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      children.push(child);
      const lines: string[] = [];
      let partial = '';
      let err = '';
      child.stdout!.on('data', (d: Buffer) => {
        partial += d.toString();
        const parts = partial.split('\n');
        partial = parts.pop() ?? '';
        lines.push(...parts);
      });
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      return { child, lines, err: () => err };
    });
    await eventually(() => savers.every((s) => s.lines[0] === 'ready'), 'both savers to open the store', 30_000);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const slug = 'microsoft-github-2018';
      const versionOf = async () => (await db.query<{ version: number; title: string }>('SELECT version, title FROM deals WHERE slug = $1', [slug])).rows[0]!;
      const start = (await versionOf()).version;
      const ROUNDS = 8;
      for (let round = 1; round <= ROUNDS; round++) {
        const { version } = await versionOf();
        // The same version to both, at the same moment.
        savers.forEach((s, i) => s.child.stdin!.write(`${slug} ${version} GitHub round ${round} from saver ${i}\n`));
        await eventually(() => savers.every((s) => s.lines.length === round + 1), `both answers of round ${round}`, 30_000);
        const replies = savers.map((s) => JSON.parse(s.lines[round]!) as { kind: string; code?: string });
        const won = replies.filter((r) => r.kind === 'done');
        const lost = replies.filter((r) => r.kind === 'error');
        expect({ round, won: won.length, lost: lost.map((r) => r.code) }).toEqual({ round, won: 1, lost: ['conflict'] });
        const now = await versionOf();
        expect(now.version).toBe(version + 1);
        expect(now.title).toBe(`GitHub round ${round} from saver ${replies.findIndex((r) => r.kind === 'done')}`);
      }
      expect((await versionOf()).version).toBe(start + ROUNDS);
      const edits = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE subject = $1 AND action = 'deal.edit'`, [slug])).rows[0]!.n;
      expect(edits).toBe(ROUNDS);
    } finally {
      await db.end();
      for (const s of savers) s.child.stdin!.end();
      await Promise.all(savers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.on('exit', r)))));
    }
    expect(savers.map((s) => s.child.exitCode), savers.map((s) => s.err()).join('\n')).toEqual([0, 0]);
  });
});
