// Two processes writing the same database: a CLI import (or another process holding the write lock) while the bot
// answers and admins edit. Nothing acknowledged may be lost, on either side.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeals } from '../../bench/generate.ts';
import { openApp } from '../../src/app.ts';
import { StoreError } from '../../src/store/db.ts';
import { Store } from '../../src/store/store.ts';
import { createLogger } from '../../src/log.ts';
import { spawnDealbot } from '../helpers/spawn.ts';
import { checkDatabase, countSlugs, SOUND, writeImportFile } from './check.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealbot-2w-'));
const BASE_DB = join(tmp, 'base.db');
const BASELINE = generateDeals(40, 3003).deals;
const taken = new Set(BASELINE.map((d) => d.slug!));

beforeAll(() => {
  const { store } = Store.open(BASE_DB);
  store.importDeals(BASELINE, { id: 'seed', platform: 'system' });
  store.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const tick = () => new Promise((r) => setImmediate(r));

describe('a CLI import while the bot runs', () => {
  it('keeps both the whole import and every admin edit and answer the bot made meanwhile', async () => {
    const db = join(tmp, 'import-while-bot.db');
    copyFileSync(BASE_DB, db);
    const file = join(tmp, 'import.jsonl');
    const imported = writeImportFile(file, 1200, 4004, taken).map((d) => d.slug!);
    const app = openApp({ dbPath: db, seed: false, log: createLogger('silent') });
    const cli = spawnDealbot(['--db', db, '--no-seed', 'import', file], { cwd: tmp });
    let cliDone = false;
    void cli.exited.then(() => (cliDone = true));

    const actor = { id: 'U-admin', name: 'admin', platform: 'slack' };
    const editsBySlug = new Map<string, number>();
    let busyRetries = 0;
    let answers = 0;
    // The bot keeps answering and an admin keeps editing until the import is over (and a little after).
    for (let n = 0; !cliDone || n < 30; n++) {
      const slug = BASELINE[n % BASELINE.length]!.slug!;
      const r = await app.core.handle({ command: 'deal', options: { query: BASELINE[(n * 7) % BASELINE.length]!.title }, user: { id: `U${n}`, platform: 'slack' } });
      expect(['deal', 'list', 'not_found']).toContain(r.kind);
      answers++;
      const current = app.store.getDeal(slug)!;
      try {
        app.store.updateDeal(slug, { ...current.deal, summary: `${current.deal.summary.slice(0, 1400)} Edit ${n}.` }, current.version, actor);
        editsBySlug.set(slug, (editsBySlug.get(slug) ?? 0) + 1);
      } catch (e) {
        // "Busy: try again" is a clear answer, and nothing was written; anything else is a failure.
        if (!(e instanceof StoreError && e.code === 'busy')) throw e;
        busyRetries++;
      }
      await tick();
    }
    const exit = await cli.exited;
    app.close();
    expect(exit.code, cli.stderr()).toBe(0);
    expect(cli.stdout()).toContain(`imported ${imported.length} deal(s): ${imported.length} new`);

    expect(checkDatabase(db)).toMatchObject(SOUND);
    expect(countSlugs(db, imported)).toBe(imported.length);
    const conn = new Database(db, { readonly: true });
    for (const [slug, edits] of editsBySlug) {
      const row = conn.prepare('SELECT version FROM deals WHERE slug = ?').get(slug) as { version: number };
      expect(row.version, slug).toBe(1 + edits);
    }
    // Every answer's usage row reached the database too (rows wait in memory while the import holds the lock).
    const usage = (conn.prepare('SELECT count(*) AS n FROM usage').get() as { n: number }).n;
    conn.close();
    expect(usage).toBe(answers);
    expect(busyRetries).toBeLessThan(answers);
  });

  it('runs two imports at once with both complete', async () => {
    const db = join(tmp, 'two-imports.db');
    copyFileSync(BASE_DB, db);
    const a = join(tmp, 'a.jsonl');
    const b = join(tmp, 'b.jsonl');
    const aSlugs = writeImportFile(a, 400, 5005, taken).map((d) => d.slug!);
    const bSlugs = writeImportFile(b, 400, 6006, new Set([...taken, ...aSlugs])).map((d) => d.slug!);
    const [ra, rb] = await Promise.all([
      spawnDealbot(['--db', db, '--no-seed', 'import', a], { cwd: tmp }),
      spawnDealbot(['--db', db, '--no-seed', 'import', b], { cwd: tmp }),
    ].map(async (p) => ({ exit: await p.exited, err: p.stderr() })));
    expect(ra!.exit.code, ra!.err).toBe(0);
    expect(rb!.exit.code, rb!.err).toBe(0);
    expect(checkDatabase(db)).toMatchObject({ ...SOUND, liveDeals: BASELINE.length + 800 });
    expect(countSlugs(db, [...aSlugs, ...bSlugs])).toBe(800);
  });
});

describe('another process holding the write lock', () => {
  it('does not make the bot wait, and loses no usage row', async () => {
    const db = join(tmp, 'held-lock.db');
    copyFileSync(BASE_DB, db);
    // A writer that takes the lock and keeps it until told to let go (as a long import does).
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
         const db = new D(process.argv[1]); db.exec('BEGIN IMMEDIATE');
         db.exec("INSERT INTO audit_log (at, actor, platform, action, subject) VALUES ('t', 'holder', 'test', 'hold', 'lock')");
         process.stdout.write('locked\\n');
         process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`,
        db,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const app = openApp({ dbPath: db, seed: false, log: createLogger('silent') });
    const asked = 120;
    for (let n = 0; n < asked; n++) {
      const r = await app.core.handle({ command: 'deal', options: { query: BASELINE[n % BASELINE.length]!.title }, user: { id: `U${n}`, platform: 'discord' } });
      expect(r.kind).not.toBe('error');
    }
    // Rows that could not be written while the lock was held are still waiting, in memory, not dropped.
    holder.stdin.write('go\n');
    await new Promise((r) => holder.on('exit', r));
    app.close();
    const conn = new Database(db, { readonly: true });
    expect((conn.prepare('SELECT count(*) AS n FROM usage').get() as { n: number }).n).toBe(asked);
    expect((conn.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'hold'`).get() as { n: number }).n).toBe(1);
    conn.close();
  });
});
