// Moving a store between backends with the real command: `dealbot copy-store --to postgres://…` from a SQLite file
// that has been used (an alias added, a deal removed, questions asked), then the bot's commands on PostgreSQL, and back
// to a new SQLite file. A target that is not empty is refused and left as it was. The URL's password never shows.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testPostgres } from '../../helpers/pg-test.ts';

/** The URL with a password put in (the test servers trust loopback, so any password works): to check it never shows. */
function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

const BIN = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dealbot-copy-'));
const PASSWORD = 'pw-never-shown-7f3k';
const found = await testPostgres();
const pgTest = 'unavailable' in found ? undefined : found;
if ('unavailable' in found) {
  console.warn(`\n*** PostgreSQL tests NOT RUN (dealbot copy-store): ${found.unavailable}. Set DEALBOT_TEST_DATABASE_URL or install the server to run them. ***\n`);
}
afterAll(async () => {
  await pgTest?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
const runs: Run[] = [];

/** The real command; `databaseUrl` as DATABASE_URL (the environment is otherwise clean: no .env, no tokens). */
function dealbot(args: string[], databaseUrl?: string): Promise<Run> {
  const env = { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'info', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd: dir, timeout: 60_000 }, (e, stdout, stderr) => {
      const r = { code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr };
      runs.push(r);
      resolve(r);
    });
  });
}

describe('dealbot copy-store refuses a target it must not write (no PostgreSQL needed)', () => {
  it('names the problem, exits 1 and changes nothing', async () => {
    const lite = join(dir, 'refuse.db');
    const missing = await dealbot(['--db', join(dir, 'none.db'), 'copy-store', '--to', join(dir, 'x.db')]);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('nothing to copy');
    expect((await dealbot(['--db', lite, 'ask', '/deal-help'])).code).toBe(0);
    const itself = await dealbot(['--db', lite, 'copy-store', '--to', lite]);
    expect(itself).toMatchObject({ code: 1 });
    expect(itself.stderr).toContain('the target is the store itself');
    const other = await dealbot(['--db', lite, 'copy-store', '--to', `mysql://u:${PASSWORD}@h/db`]);
    expect(other).toMatchObject({ code: 1 });
    expect(other.stderr).toContain('--to must be a postgres:// (or postgresql://) URL or a file path');
    const existing = await dealbot(['--db', lite, 'copy-store', '--to', join(dir, 'none.db').replace('none', 'refuse')]);
    expect(existing.stderr).toContain('the target is the store itself');
    const exists = join(dir, 'exists.db');
    expect((await dealbot(['--db', exists, 'ask', '/deal-help'])).code).toBe(0);
    const occupied = await dealbot(['--db', lite, 'copy-store', '--to', exists]);
    expect(occupied).toMatchObject({ code: 1 });
    expect(occupied.stderr).toContain('exists; copy-store writes a new SQLite file');
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });
});

if (pgTest) {
  describe('dealbot copy-store (SQLite -> PostgreSQL -> SQLite)', () => {
    it('copies everything, the bot then runs on PostgreSQL, a non-empty target is refused, and the password is never shown', async () => {
      const lite = join(dir, 'source.db');
      const url = withPassword(await pgTest.newDatabase(), PASSWORD);
      // A used SQLite store: seeded, asked, an alias added, a deal removed.
      expect((await dealbot(['--db', lite, 'ask', '/deal xiaomi microsoft'])).code).toBe(0);
      expect((await dealbot(['--db', lite, 'alias', 'add', 'Microsoft', 'CopyTestAlias'])).code).toBe(0);
      expect((await dealbot(['--db', lite, 'remove', 'microsoft-github-2018'])).code).toBe(0);
      const exported = await dealbot(['--db', lite, 'export']);
      expect(exported.code).toBe(0);

      const copied = await dealbot(['--db', lite, 'copy-store', '--to', url]);
      expect(copied.stderr).toBe('');
      expect(copied.code).toBe(0);
      expect(copied.stdout).toMatch(/^copied \d+ deals \(\d+ live\), \d+ organisations, \d+ audit entries, [1-9]\d* usage rows from .*source\.db to postgres:\/\/postgres@/);
      expect(copied.stdout).toContain('both export the same');

      // The bot's commands on PostgreSQL see the same store: export, the alias, the removed deal and its history.
      const onPg = await dealbot(['export'], url);
      expect(onPg.code).toBe(0);
      expect(onPg.stdout).toBe(exported.stdout);
      const deals = await dealbot(['ask', '--json', '/deals company:CopyTestAlias'], url);
      expect(JSON.parse(deals.stdout)).toMatchObject({ kind: 'list' });
      expect((JSON.parse(deals.stdout) as { total: number }).total).toBeGreaterThan(0);
      const history = JSON.parse((await dealbot(['history', 'microsoft-github-2018', '--json'], url)).stdout) as { entries: { action: string }[] };
      expect(history.entries.map((e) => e.action)).toContain('deal.remove');
      expect((await dealbot(['restore', 'microsoft-github-2018'], url)).code).toBe(0);
      const stats = JSON.parse((await dealbot(['stats', '--json'], url)).stdout) as { queries: number };
      expect(stats.queries).toBeGreaterThan(0);

      // A second copy into the same (now non-empty) database: refused, and the target keeps what it had.
      const again = await dealbot(['--db', lite, 'copy-store', '--to', url]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/is not empty \(\d+ deals, \d+ organisations\); copy-store copies only into an empty store, so nothing was copied/);
      const restoredExport = await dealbot(['export'], url);
      expect(restoredExport.stdout.length).toBeGreaterThan(exported.stdout.length); // the restored deal is back

      // And back to a new SQLite file: the same export byte for byte.
      const back = join(dir, 'back.db');
      const returned = await dealbot(['copy-store', '--to', back], url);
      expect(returned.code).toBe(0);
      expect((await dealbot(['--db', back, 'export'])).stdout).toBe(restoredExport.stdout);

      for (const r of runs) expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    });
  });
}
