// `dealbot doctor`: configuration, database integrity, migrations, index in step, offline checks.
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor, formatReport, type DoctorReport } from '../../../src/ops/doctor.ts';
import { LATEST_VERSION } from '../../../src/store/migrations.ts';
import { seedStore } from '../../../src/store/seed.ts';
import { Store } from '../../../src/store/store.ts';
import { FIXTURES } from '../../helpers/app.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealbot-doctor-'));
const healthy = join(tmp, 'healthy.db');
const env = { LOG_LEVEL: 'warn' };

function fresh(name: string): string {
  const path = join(tmp, name);
  const { store } = Store.open(path);
  seedStore(store, FIXTURES);
  store.close();
  return path;
}

function status(r: DoctorReport, name: string): string | undefined {
  return r.checks.find((c) => c.name === name)?.status;
}

beforeAll(() => {
  fresh('healthy.db');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dealbot doctor', () => {
  it('finds a healthy database healthy', async () => {
    const r = await runDoctor({ dbPath: healthy, env, cwd: tmp });
    expect(r.ok).toBe(true);
    for (const name of ['configuration', 'database file', 'migrations', 'integrity', 'foreign keys', 'search index', 'deal rows', 'shipped corpus']) {
      expect(status(r, name), name).toBe('ok');
    }
    expect(formatReport(r)).toMatch(/Healthy/);
  });

  it('notices a search index out of step with the deals', async () => {
    const path = fresh('stale-index.db');
    const db = new Database(path);
    const id = (db.prepare('SELECT id FROM deals LIMIT 1').get() as { id: number }).id;
    db.prepare('DELETE FROM deals_fts WHERE rowid = ?').run(id);
    db.close();
    const r = await runDoctor({ dbPath: path, env, cwd: tmp });
    expect(r.ok).toBe(false);
    expect(status(r, 'search index')).toBe('fail');
    expect(r.checks.find((c) => c.name === 'search index')!.detail).toMatch(/1 deal\(s\) missing/);
  });

  it('reports pending migrations as a warning and a newer schema as a failure', async () => {
    const older = fresh('older.db');
    let db = new Database(older);
    db.pragma(`user_version = ${LATEST_VERSION - 1}`);
    db.close();
    const r1 = await runDoctor({ dbPath: older, env, cwd: tmp });
    expect(status(r1, 'migrations')).toBe('warn');
    expect(r1.checks.find((c) => c.name === 'migrations')!.detail).toMatch(/applies 1 migration/); // one behind the latest, whatever the latest is
    const newer = fresh('newer.db');
    db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    const r2 = await runDoctor({ dbPath: newer, env, cwd: tmp });
    expect(status(r2, 'migrations')).toBe('fail');
    expect(r2.ok).toBe(false);
  });

  it('fails on a damaged file', async () => {
    const path = fresh('damaged.db');
    const fd = openSync(path, 'r+');
    const size = statSync(path).size;
    // Overwrite pages in the middle of the file (not the header), as a bad disk would.
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const r = await runDoctor({ dbPath: path, env, cwd: tmp });
    expect(r.ok).toBe(false);
    expect(r.checks.some((c) => c.status === 'fail' && /integrity|database|search index|deal rows/.test(c.name))).toBe(true);
  });

  it('names a wrong setting without printing its value, and warns about a world-readable .env', async () => {
    const dir = mkdtempSync(join(tmp, 'cfg-'));
    writeFileSync(join(dir, '.env'), 'SLACK_BOT_TOKEN=xoxb-secret\n', { mode: 0o644 });
    const r = await runDoctor({ dbPath: healthy, env: { SLACK_BOT_TOKEN: 'not-a-slack-token-s3cr3t', USER_RATE_BURST: 'soon' }, cwd: dir });
    expect(status(r, 'configuration')).toBe('fail');
    const detail = r.checks.find((c) => c.name === 'configuration')!.detail;
    expect(detail).toContain('SLACK_BOT_TOKEN');
    expect(detail).toContain('USER_RATE_BURST');
    expect(JSON.stringify(r)).not.toContain('s3cr3t');
    expect(status(r, '.env permissions')).toBe('warn');
  });

  it('warns that USER_COOLDOWN_MS is no longer read and names what replaced it', async () => {
    const r = await runDoctor({ dbPath: healthy, env: { ...env, USER_COOLDOWN_MS: '1000' }, cwd: tmp });
    expect(status(r, 'retired setting')).toBe('warn');
    expect(r.checks.find((c) => c.name === 'retired setting')!.detail).toContain('USER_RATE_BURST');
    expect(status(await runDoctor({ dbPath: healthy, env, cwd: tmp }), 'retired setting')).toBeUndefined();
  });

  it('explains a database that does not exist yet, and a folder that does not exist', async () => {
    const r = await runDoctor({ dbPath: join(tmp, 'not-yet.db'), env, cwd: tmp });
    expect(status(r, 'database file')).toBe('warn');
    expect(r.ok).toBe(true);
    const r2 = await runDoctor({ dbPath: join(tmp, 'no-such-dir', 'x.db'), env, cwd: tmp });
    expect(status(r2, 'database file')).toBe('fail');
  });
});
