// SIGKILL in the middle of a large import or of admin edits: the database must come back consistent, the import
// entirely present or entirely absent, and PRAGMA integrity_check 'ok'.
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.ts';
import { spawnDealbot } from '../helpers/spawn.ts';
import { checkDatabase, countSlugs, SOUND, writeImportFile } from './check.ts';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateDeals } from '../../bench/generate.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealbot-kill9-'));
const BASE_DB = join(tmp, 'base.db');
const BIG = join(tmp, 'big.jsonl');
const IMPORT_SIZE = 2500;
const BASELINE = generateDeals(60, 1001).deals;
let bigSlugs: string[] = [];

beforeAll(() => {
  const { store } = Store.open(BASE_DB);
  store.importDeals(BASELINE, { id: 'seed', platform: 'system' });
  store.close();
  bigSlugs = writeImportFile(BIG, IMPORT_SIZE, 2002, new Set(BASELINE.map((d) => d.slug!))).map((d) => d.slug!);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function walSize(db: string): number {
  return existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0;
}

/** Polls until `ready()` or the child exits; resolves true when ready came first. */
function until(ready: () => boolean, exited: Promise<unknown>, timeoutMs = 30_000): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let done = false;
    void exited.then(() => {
      if (!done) {
        done = true;
        resolve(ready());
      }
    });
    const started = Date.now();
    const tick = () => {
      if (done) return;
      if (ready()) {
        done = true;
        resolve(true);
      } else if (Date.now() - started > timeoutMs) {
        done = true;
        reject(new Error('timed out waiting'));
      } else setTimeout(tick, 2);
    };
    tick();
  });
}

describe('kill -9 during a large import', () => {
  // Three moments: just after the import opened the database (its transaction under way in memory), a random-ish
  // point later, and while the commit itself is being written to the write-ahead log.
  type When = { label: string; opened: boolean; delayMs?: number; walBytes?: number };
  const moments: When[] = [
    { label: 'just after it opened the database', opened: true, delayMs: 30 },
    { label: 'at a random point during the import', opened: true, delayMs: 20 + Math.floor(Math.random() * 400) },
    { label: 'while the commit is being written', opened: true, walBytes: 64 * 1024 },
  ];
  const outcomes: { killed: boolean; present: number }[] = [];

  it.each(moments.map((m, i) => [i, m.label, m] as const))('run %i: killed %s', async (i, _label, when) => {
    const db = join(tmp, `run-${i}.db`);
    copyFileSync(BASE_DB, db);
    const child = spawnDealbot(['--db', db, '--no-seed', 'import', BIG], { cwd: tmp });
    // The CLI parses the file, then opens the database (creating the -wal file) and starts its one transaction.
    let hit = await until(() => existsSync(`${db}-wal`), child.exited);
    if (hit && when.delayMs !== undefined) {
      await new Promise((r) => setTimeout(r, when.delayMs));
      hit = child.child.exitCode === null;
    }
    if (hit && when.walBytes !== undefined) hit = await until(() => walSize(db) > when.walBytes!, child.exited);
    if (hit) child.child.kill('SIGKILL');
    const exit = await child.exited;

    const c = checkDatabase(db);
    expect(c).toMatchObject(SOUND);
    const present = countSlugs(db, bigSlugs);
    outcomes.push({ killed: exit.signal === 'SIGKILL', present });
    // All or nothing: never a part of the file.
    expect([0, IMPORT_SIZE]).toContain(present);
    expect(c.liveDeals).toBe(BASELINE.length + present);
    if (exit.signal !== 'SIGKILL') expect(present).toBe(IMPORT_SIZE);
    // The audit row is written in the same transaction as the deals.
    const conn = new Database(db, { readonly: true });
    const audits = (conn.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'import' AND actor LIKE '%cli:%'`).get() as { n: number }).n;
    conn.close();
    expect(audits).toBe(present ? 1 : 0);
    // The next start opens it and answers as usual.
    const { store } = Store.open(db);
    expect(store.getDeal(BASELINE[0]!.slug!)?.deal.title).toBe(BASELINE[0]!.title);
    store.close();
  });

  it('actually killed an import mid-way, leaving nothing of it', () => {
    expect(outcomes.some((o) => o.killed && o.present === 0)).toBe(true);
  });
});

const EDITOR = fileURLToPath(new URL('./editor.ts', import.meta.url));
const RUN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

describe('kill -9 during admin edits', () => {
  it('leaves every deal at a version that matches its audit trail, document, rows and index', async () => {
    const db = join(tmp, 'edits.db');
    copyFileSync(BASE_DB, db);
    const child = spawn(process.execPath, [RUN, EDITOR, db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let edits = 0;
    let err = '';
    child.stdout.on('data', (d: Buffer) => (edits += d.toString().split('\n').filter((l) => l.startsWith('edit')).length));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise((r) => child.on('exit', r));
    const target = 40 + Math.floor(Math.random() * 40);
    const hit = await until(() => edits >= target, exited);
    expect(hit, err).toBe(true);
    child.kill('SIGKILL');
    await exited;

    expect(checkDatabase(db)).toMatchObject(SOUND);
    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT slug, version, doc FROM deals').all() as { slug: string; version: number; doc: string }[];
    const audit = conn.prepare(`SELECT subject, after_doc FROM audit_log WHERE action = 'deal.edit' ORDER BY id`).all() as {
      subject: string;
      after_doc: string;
    }[];
    conn.close();
    let editedDeals = 0;
    for (const r of rows) {
      const trail = audit.filter((a) => a.subject === r.slug);
      expect(r.version).toBe(1 + trail.length);
      if (trail.length) {
        editedDeals++;
        // The document is exactly what the last audited edit wrote.
        expect(JSON.parse(r.doc)).toEqual(JSON.parse(trail[trail.length - 1]!.after_doc));
      }
    }
    expect(editedDeals).toBeGreaterThan(0);
    // At least the edits reported before the kill were committed (a report is printed after its commit).
    expect(audit.length).toBeGreaterThanOrEqual(target);
  });
});
