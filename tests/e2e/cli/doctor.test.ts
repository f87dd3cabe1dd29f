// The real `dealbot doctor`: exit code 0 on a healthy database and 1 on one whose search index is out of step, with
// --json for scripts. The checks themselves are tested in-process in tests/unit/ops/doctor.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../src/ops/doctor.ts';
import { seedStore } from '../../../src/store/seed.ts';
import { Store } from '../../../src/store/store.ts';
import { FIXTURES } from '../../helpers/app.ts';
import { spawnDealbot } from '../../helpers/spawn.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealbot-doctor-cli-'));
const healthy = join(tmp, 'healthy.db');

function fresh(name: string): string {
  const path = join(tmp, name);
  const { store } = Store.open(path);
  seedStore(store, FIXTURES);
  store.close();
  return path;
}

beforeAll(() => {
  fresh('healthy.db');
  // A search index out of step with the deals: one deal's full-text row removed behind the store's back.
  const db = new Database(fresh('stale-index.db'));
  const id = (db.prepare('SELECT id FROM deals LIMIT 1').get() as { id: number }).id;
  db.prepare('DELETE FROM deals_fts WHERE rowid = ?').run(id);
  db.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dealbot doctor', () => {
  it('runs as `dealbot doctor --json` with exit code 0 when healthy and 1 when not', async () => {
    const ok = spawnDealbot(['--db', healthy, 'doctor', '--json'], { cwd: tmp });
    const bad = spawnDealbot(['--db', join(tmp, 'stale-index.db'), 'doctor'], { cwd: tmp });
    const [e1, e2] = await Promise.all([ok.exited, bad.exited]);
    expect(e1.code, ok.stderr()).toBe(0);
    expect((JSON.parse(ok.stdout()) as DoctorReport).ok).toBe(true);
    expect(e2.code).toBe(1);
    expect(bad.stdout()).toMatch(/FAIL\s+search index/);
  });
});
