// A read-only database, a full disk, a migration that fails half-way, a database that cannot be opened: a clear error
// to the user, nothing half-written, the process still answering.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeals } from '../../bench/generate.ts';
import { createCore } from '../../src/core/core.ts';
import { DEFAULT_SETTINGS } from '../../src/core/context.ts';
import { NO_ADMINS } from '../../src/core/admins.ts';
import type { Reply, User } from '../../src/core/replies.ts';
import { createLogger } from '../../src/log.ts';
import { createDealSearch } from '../../src/search/search.ts';
import { openDatabase, StoreError } from '../../src/store/db.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { seedStore } from '../../src/store/seed.ts';
import { Store } from '../../src/store/store.ts';
import { SqliteDealStore } from '../../src/store/sqlite-store.ts';
import { FIXTURES } from '../helpers/app.ts';
import { spawnDealbot } from '../helpers/spawn.ts';
import { checkDatabase, SOUND } from './check.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealbot-faults-'));
const BASE = join(tmp, 'base.db');
const ADMIN: User = { id: 'U-admin', platform: 'slack' };
const silent = createLogger('silent');

beforeAll(() => {
  const { store } = Store.open(BASE);
  seedStore(store, FIXTURES);
  store.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function coreOver(store: Store) {
  return createCore({
    store: new SqliteDealStore(store),
    search: createDealSearch(store),
    log: silent,
    policy: { ...NO_ADMINS, slackUserIds: [ADMIN.id] },
    settings: DEFAULT_SETTINGS,
  });
}

function snapshot(path: string): string {
  const db = new Database(path, { readonly: true });
  const s = JSON.stringify([
    db.prepare('SELECT slug, version, doc FROM deals ORDER BY id').all(),
    db.prepare('SELECT alias FROM aliases ORDER BY id').all(),
    db.prepare('SELECT count(*) AS n FROM audit_log').get(),
  ]);
  db.close();
  return s;
}

describe('a read-only database', () => {
  // SQLite opens a write-protected file read-only; a connection opened read-only behaves exactly the same way.
  it('still answers questions, and refuses changes with a clear message, writing nothing', async () => {
    const path = join(tmp, 'readonly.db');
    copyFileSync(BASE, path);
    const before = snapshot(path);
    const { db } = openDatabase(path, { readonly: true });
    const store = new Store(db);
    const core = coreOver(store);
    const answer = await core.handle({ command: 'deal', options: { query: 'acme globex' }, user: { id: 'U1', platform: 'discord' } });
    expect(answer.kind).toBe('deal');
    const attempts: Reply[] = [
      await core.handle({ command: 'deal-admin', subcommand: 'alias-add', options: { organisation: 'Acme', alias: 'Acme Robotics Co' }, user: ADMIN }),
      await core.handle({ command: 'deal-admin', subcommand: 'remove-confirm', options: { slug: 'acme-globex-2020' }, user: ADMIN }),
    ];
    for (const r of attempts) {
      expect(r.kind, JSON.stringify(r)).toBe('error');
      if (r.kind !== 'error') continue;
      expect(r.code).toBe('unavailable');
      expect(r.message).toMatch(/read-only; nothing was changed/);
    }
    // The CLI import says so too, and imports nothing.
    expect(() => store.importDeals(generateDeals(5, 9).deals, { id: 'cli:x', platform: 'cli' })).toThrow(StoreError);
    store.close();
    expect(snapshot(path)).toBe(before);
    expect(checkDatabase(path)).toMatchObject(SOUND);
  });

  it('a database that cannot be opened at all gets one clear line from the CLI, not a stack trace', async () => {
    // A "folder" that is a file: SQLite cannot create anything there, as on a read-only mount.
    const blocker = join(tmp, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const run = spawnDealbot(['--db', join(blocker, 'dealbot.db'), 'ask', '/deal acme'], { cwd: tmp });
    const exit = await run.exited;
    expect(exit.code).toBe(2);
    expect(run.stderr()).toMatch(/^dealbot: cannot open the database .*not-a-folder\/dealbot\.db: .*read-only, missing or not accessible/m);
    expect(run.stderr()).toMatch(/dealbot doctor/);
    expect(run.stderr()).not.toMatch(/\n[ \t]+at /);
  });
});

describe('a full disk', () => {
  // PRAGMA max_page_count makes SQLite hit SQLITE_FULL exactly as a full disk does, at a size we choose.
  function fullStore(path: string, spareKb: number): Store {
    const { db } = openDatabase(path);
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + Math.ceil((spareKb * 1024) / pageSize)}`);
    return new Store(db);
  }

  it('refuses a large import with a clear error and keeps none of it', () => {
    const path = join(tmp, 'full-import.db');
    copyFileSync(BASE, path);
    const before = snapshot(path);
    const store = fullStore(path, 64);
    let err: unknown;
    try {
      store.importDeals(generateDeals(2000, 11).deals, { id: 'cli:x', platform: 'cli' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('full');
    expect((err as StoreError).message).toBe('the disk is full; nothing was changed');
    // The same connection keeps answering.
    expect(store.getDeal('acme-globex-2020')?.deal.title).toBeTruthy();
    store.close();
    expect(snapshot(path)).toBe(before);
    expect(checkDatabase(path)).toMatchObject(SOUND);
  });

  it('tells an admin the disk is full when a save cannot be written, and keeps answering everyone', async () => {
    const path = join(tmp, 'full-edit.db');
    copyFileSync(BASE, path);
    const store = fullStore(path, 0);
    const core = coreOver(store);
    // Fill what little room is left so that the next change cannot fit.
    let r: Reply | undefined;
    for (let i = 0; i < 200; i++) {
      r = await core.handle({ command: 'deal-admin', subcommand: 'alias-add', options: { organisation: 'Acme', alias: `Acme alias ${i} ${'x'.repeat(40)}` }, user: ADMIN });
      if (r.kind === 'error') break;
    }
    expect(r?.kind).toBe('error');
    if (r?.kind === 'error') {
      expect(r.code).toBe('unavailable');
      expect(r.message).toBe('Sorry, the disk is full; nothing was changed.');
    }
    const answer = await core.handle({ command: 'deal', options: { query: 'acme globex' }, user: { id: 'U2', platform: 'discord' } });
    expect(answer.kind).toBe('deal');
    store.close();
    expect(checkDatabase(path)).toMatchObject(SOUND);
  });
});

describe('migrations', () => {
  it('a migration that fails half-way leaves the database at the previous version with nothing of it applied', () => {
    const path = join(tmp, 'half-migrated.db');
    copyFileSync(BASE, path);
    const version = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    MIGRATIONS.push({
      version: version + 1,
      description: 'test: creates a table, then fails',
      sql: `CREATE TABLE half_done (x INTEGER); INSERT INTO half_done VALUES (1); ALTER TABLE deals ADD COLUMN extra TEXT;
            INSERT INTO no_such_table VALUES (1);`,
    });
    try {
      expect(() => openDatabase(path)).toThrow(/no such table/);
    } finally {
      MIGRATIONS.pop();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'`).get()).toEqual({ n: 0 });
    expect((db.prepare('PRAGMA table_info(deals)').all() as { name: string }[]).map((c) => c.name)).not.toContain('extra');
    db.close();
    // And it opens normally with the real migrations.
    const { db: again } = openDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(version);
    again.close();
  });

  it('two processes opening a new database at once migrate it once', async () => {
    const path = join(tmp, 'race.db');
    const runs = [0, 1].map(() => spawnDealbot(['--db', path, '--no-seed', 'ask', '/deals'], { cwd: tmp }));
    const exits = await Promise.all(runs.map((r) => r.exited));
    exits.forEach((e, i) => expect(e.code, runs[i]!.stderr()).toBe(0));
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    db.close();
    expect(checkDatabase(path)).toMatchObject(SOUND);
  });
});
