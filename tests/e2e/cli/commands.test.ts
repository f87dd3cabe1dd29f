// The `dealbot` command line as a script or a person at a shell uses it: the real bin/dealbot.js (the compiled build)
// as a child process, on a database of its own.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dealbot-cli-'));
const db = join(dir, 'cli.db');
const env = { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'warn' };

function dealbot(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, '--db', db, ...args], { env, cwd: dir, timeout: 60_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  await dealbot('ask', '/deal-help'); // creates and seeds the database
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dealbot command line', () => {
  it('prints its version', async () => {
    const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const r = await dealbot('--version');
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('stops quietly when the reader of its output goes away (dealbot export | head)', async () => {
    const child = spawn(process.execPath, [BIN, '--db', db, 'export'], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Hang up before it writes, as `head -1` does after its line (and `| true` at once): every write then fails.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('refuses history --limit out of range in its own words, naming the option', async () => {
    const r = await dealbot('history', '--limit', '500');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--limit');
    expect(r.stderr).toMatch(/1 to 50/);
    expect(r.stderr).not.toContain('/deal-admin');
    const days = await dealbot('stats', '--days', '0');
    expect(days.stderr).toContain('--days');
    expect(days.stderr).not.toContain('/deal-admin');
  });

  it('refuses to overwrite an existing file on export unless --force, as backup does', async () => {
    const out = join(dir, 'export.jsonl');
    writeFileSync(out, 'keep me\n');
    const refused = await dealbot('export', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/exists; choose another file or pass --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    const forced = await dealbot('export', out, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"slug":"xiaomi-microsoft-mou-2018"');
    const fresh = join(dir, 'fresh.jsonl');
    expect((await dealbot('export', fresh)).code).toBe(0);
    expect(existsSync(fresh)).toBe(true);
  });

  it('doctor counts the write-ahead log in the database size', async () => {
    // A writer that keeps its connection open: the WAL holds the data until a checkpoint.
    const writer = new Database(db);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec("CREATE TABLE IF NOT EXISTS ballast (x BLOB); INSERT INTO ballast SELECT randomblob(1024) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) SELECT i FROM n);");
    try {
      const r = await dealbot('doctor', '--json');
      const checks = (JSON.parse(r.stdout) as { checks: { name: string; detail: string }[] }).checks;
      const file = checks.find((c) => c.name === 'database file')!;
      expect(file.detail).toMatch(/write-ahead log/);
      const mb = Number(/\((\d+\.\d) MB/.exec(file.detail)?.[1]);
      expect(mb).toBeGreaterThanOrEqual(2.9);
    } finally {
      writer.exec('DROP TABLE ballast');
      writer.close();
    }
  });

  it('loads only what a subcommand needs: no chat SDK or article reader for --help or ask', async () => {
    const hooks = fileURLToPath(new URL('../../helpers/record-packages.mjs', import.meta.url));
    const packagesFor = (args: string[]) =>
      new Promise<string[]>((resolve, reject) => {
        const record = join(dir, `packages-${args[0]}.txt`);
        execFile(process.execPath, ['--import', hooks, BIN, '--db', db, ...args], { env: { ...env, DEALBOT_RECORD_PACKAGES: record }, cwd: dir }, (e) =>
          e ? reject(e) : resolve([...new Set(readFileSync(record, 'utf8').split('\n').filter(Boolean))].sort()),
        );
      });
    expect(await packagesFor(['--help'])).toEqual(['commander', 'dotenv']);
    const ask = await packagesFor(['ask', '/deal xiaomi microsoft']);
    expect(ask).toEqual(expect.arrayContaining(['better-sqlite3']));
    for (const heavy of ['discord.js', '@slack/bolt', 'compromise', 'linkedom', '@mozilla/readability', 'pg', 'tsx']) expect(ask).not.toContain(heavy);
  });
});
