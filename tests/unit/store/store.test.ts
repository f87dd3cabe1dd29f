import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { serialiseDeals } from '../../../src/deals/import-file.ts';
import { validateDeal, type Deal } from '../../../src/deals/schema.ts';
import { LATEST_VERSION } from '../../../src/store/migrations.ts';
import { openDatabase, StoreError } from '../../../src/store/db.ts';
import { seedStore } from '../../../src/store/seed.ts';
import { ConflictError, Store } from '../../../src/store/store.ts';
import { FIXTURES } from '../../helpers/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const actor = { id: 'tester', platform: 'test' };

function deal(slug: string, over: Partial<Deal> = {}): Deal {
  const r = validateDeal({
    slug,
    title: `Test deal ${slug}`,
    type: 'partnership',
    status: 'signed',
    announced: '2022-05-01',
    parties: [
      { name: 'Acme', role: 'partner' },
      { name: 'Initech', role: 'partner' },
    ],
    areas: ['quantum widgets'],
    summary: 'A deal written for the store tests about quantum widgets.',
    sources: [{ url: 'https://example.com/t' }],
    ...over,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function ftsSlugs(store: Store, match: string): string[] {
  return (
    store.db
      .prepare('SELECT d.slug FROM deals_fts f JOIN deals d ON d.id = f.rowid WHERE deals_fts MATCH ? ORDER BY d.slug')
      .all(match) as { slug: string }[]
  ).map((r) => r.slug);
}

describe('migrations', () => {
  it('creates the schema at the latest version, and reopening changes nothing', () => {
    const path = join(dir, 'm.db');
    const first = openDatabase(path);
    expect(first.created).toBe(true);
    expect(first.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
    first.db.close();
    const again = openDatabase(path);
    expect(again.created).toBe(false);
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    again.db.close();
  });

  it('upgrading a version-8 database adds the party indexes, which read a company\'s deals and a deal\'s parties alone', () => {
    const path = join(dir, 'v8.db');
    const first = openDatabase(path);
    first.db.exec('DROP INDEX deal_parties_org_deal; DROP INDEX deal_parties_deal');
    first.db.pragma('user_version = 8');
    first.db.close();
    const upgraded = openDatabase(path);
    expect(upgraded.applied).toEqual([9, 10]);
    const plan = (sql: string) => (upgraded.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan('SELECT deal_id, role FROM deal_parties WHERE org_id = ?')).toContain('COVERING INDEX deal_parties_org_deal');
    expect(plan('SELECT org_id, role FROM deal_parties WHERE deal_id = ? ORDER BY position')).toContain('COVERING INDEX deal_parties_deal');
    upgraded.db.close();
  });

  it('refuses a database from a newer dealbot instead of corrupting it', () => {
    const path = join(dir, 'newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(StoreError);
  });
});

describe('store', () => {
  it('seeds the fixture corpus with organisations and aliases', () => {
    const { store } = Store.open(':memory:');
    seedStore(store, FIXTURES);
    expect(store.countDeals()).toBe(2);
    expect(store.findOrganisation('gbx')?.name).toBe('Globex');
    expect(store.findOrganisation('ACME CORP')?.name).toBe('Acme');
    store.close();
  });

  it('rolls back every write of a failed transaction', () => {
    const { store } = Store.open(':memory:');
    seedStore(store, FIXTURES);
    expect(() =>
      store.write(() => {
        store.createDeal(deal('half-written'), actor);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.getDeal('half-written')).toBeUndefined();
    expect(ftsSlugs(store, 'quantum')).toEqual([]);
    expect(store.history({ subject: 'half-written' })).toEqual([]);
    store.close();
  });

  it('imports all or nothing', () => {
    const { store } = Store.open(':memory:');
    seedStore(store, FIXTURES);
    const before = serialiseDeals(store.exportDeals());
    // The second record reuses the first slug in a way SQL rejects only after the first was written.
    const a = deal('import-a');
    const broken = { ...deal('import-b'), parties: [{ name: 'Acme', role: 'partner' as const }], sources: null as never };
    expect(() => store.importDeals([a, broken], actor)).toThrow();
    expect(serialiseDeals(store.exportDeals())).toBe(before);
    store.close();
  });

  it('keeps the full-text index in step with every change', () => {
    const { store } = Store.open(':memory:');
    seedStore(store, FIXTURES);
    store.createDeal(deal('fts-1'), actor);
    expect(ftsSlugs(store, 'quantum')).toEqual(['fts-1']);
    const v1 = store.getDeal('fts-1')!;
    store.updateDeal('fts-1', deal('fts-1', { summary: 'Now about gravity pumps instead.', areas: ['gravity'] }), v1.version, actor);
    expect(ftsSlugs(store, 'quantum')).toEqual([]);
    expect(ftsSlugs(store, 'gravity')).toEqual(['fts-1']);
    store.removeDeal('fts-1', actor);
    expect(ftsSlugs(store, 'gravity')).toEqual([]);
    store.restoreDeal('fts-1', actor);
    expect(ftsSlugs(store, 'gravity')).toEqual(['fts-1']);
    store.addAlias('Initech', 'Inityx', actor);
    expect(ftsSlugs(store, 'inityx')).toEqual(['fts-1', 'initech-acme-2021']);
    store.removeAlias('Initech', 'Inityx', actor);
    expect(ftsSlugs(store, 'inityx')).toEqual([]);
    // The index holds exactly one row per live deal.
    const rows = (store.db.prepare('SELECT count(*) AS n FROM deals_fts').get() as { n: number }).n;
    expect(rows).toBe(store.countDeals());
    store.close();
  });

  it('refuses a stale edit and keeps the newer one', () => {
    const { store } = Store.open(':memory:');
    seedStore(store, FIXTURES);
    store.createDeal(deal('race'), actor);
    const start = store.getDeal('race')!.version;
    store.updateDeal('race', deal('race', { title: 'First editor wins' }), start, actor);
    expect(() => store.updateDeal('race', deal('race', { title: 'Second editor' }), start, actor)).toThrow(ConflictError);
    expect(store.getDeal('race')!.deal.title).toBe('First editor wins');
    store.close();
  });

  it('records before and after in the audit log in the same transaction', () => {
    const { store } = Store.open(':memory:');
    seedStore(store, FIXTURES);
    store.createDeal(deal('audited'), actor);
    store.updateDeal('audited', deal('audited', { status: 'completed' }), 1, actor);
    const [edit, add] = store.history({ subject: 'audited' });
    expect(add!.action).toBe('deal.add');
    expect(edit!.action).toBe('deal.edit');
    expect((edit!.before as Deal).status).toBe('signed');
    expect((edit!.after as Deal).status).toBe('completed');
    store.close();
  });

  it('export then import into a new database gives the same export, byte for byte', () => {
    const { store } = Store.open(':memory:');
    seedStore(store);
    const exported = serialiseDeals(store.exportDeals());
    expect(exported.split('\n').length).toBeGreaterThan(60);
    // Closing dates travel too, right after "announced" (the canonical order), at the precision stored.
    expect(exported).toContain('"announced":"2016-06-13","closed":"2016-12-08"');
    expect(exported).toContain('"announced":"2020-09-13","closed":"2022-02-08"');
    expect(exported).toMatch(/"closed":"\d{4}",/);
    const { store: fresh } = Store.open(':memory:');
    fresh.importDeals(store.exportDeals(), actor);
    expect(serialiseDeals(fresh.exportDeals())).toBe(exported);
    store.close();
    fresh.close();
  });

  it('stores a closing date in its column, and an edit that only changes it is an update', () => {
    const { store } = Store.open(':memory:');
    seedStore(store, FIXTURES);
    store.createDeal(deal('closing', { status: 'completed', closed: '2022-11' }), actor);
    const column = () => (store.db.prepare('SELECT closed FROM deals WHERE slug = ?').get('closing') as { closed: string | null }).closed;
    expect(column()).toBe('2022-11');
    const r = store.importDeals([deal('closing', { status: 'completed', closed: '2022-11-30' })], actor);
    expect(r.updated).toBe(1);
    expect(column()).toBe('2022-11-30');
    expect(store.getDeal('closing')!.deal.closed).toBe('2022-11-30');
    const r2 = store.importDeals([deal('closing', { status: 'completed' })], actor);
    expect(r2.updated).toBe(1);
    expect(column()).toBeNull();
    expect(store.getDeal('closing')!.deal.closed).toBeUndefined();
    store.close();
  });
});

describe('upgrading a database seeded before organisations kept what they are known for', () => {
  it('gives the existing organisations the shipped descriptions once, changing nothing else', async () => {
    const { openSeededStore } = await import('../../../src/store/open.ts');
    const path = join(dir, 'before-known.db');
    const first = await openSeededStore({ path, seed: true });
    await first.store.close();
    // Back to schema 6: no `known` column, as a database from before it.
    const db = new Database(path);
    db.exec('ALTER TABLE organisations DROP COLUMN known');
    db.pragma('user_version = 6');
    db.prepare("UPDATE organisations SET country = 'FR' WHERE name = 'Xiaomi'").run();
    db.close();
    const upgraded = await openSeededStore({ path, seed: true });
    expect(upgraded.applied).toEqual([7, 8, 9, 10]);
    const irobot = await upgraded.store.findOrganisation('iRobot');
    expect(irobot!.known).toContain('Roomba');
    // What the store held is kept (an admin's change is not overwritten by the shipped file).
    expect((await upgraded.store.findOrganisation('Xiaomi'))!.country).toBe('FR');
    await upgraded.store.close();
    // Opening again runs no migration and merges nothing.
    const again = await openSeededStore({ path, seed: true });
    expect(again.applied).toEqual([]);
    await again.store.close();
  });
});
