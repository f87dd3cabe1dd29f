// Search's in-memory indexes follow every writer through the store's change feed: another connection or process on
// the same SQLite file (a CLI import and alias while the bot runs), another process on the same PostgreSQL (told by
// NOTIFY), a listening connection killed mid-run (caught up by generation: nothing lost), and a feed pruned past the
// reader (a rebuild).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppAsync } from '../../../src/app.ts';
import { serialiseDeals } from '../../../src/deals/import-file.ts';
import { createLogger } from '../../../src/log.ts';
import { createDealSearch } from '../../../src/search/search.ts';
import type { SearchOutcome } from '../../../src/search/types.ts';
import { LISTENER_APPLICATION_NAME, PgDealStore } from '../../../src/store/postgres/store.ts';
import { seedDealStore } from '../../../src/store/seed.ts';
import { SqliteDealStore } from '../../../src/store/sqlite-store.ts';
import { Store } from '../../../src/store/store.ts';
import type { DealStore } from '../../../src/store/types.ts';
import { OPERATOR } from '../../helpers/app.ts';
import { testPostgres } from '../../helpers/pg-test.ts';
import { spawnDealbot } from '../../helpers/spawn.ts';
import { actor, deal, eventually } from '../../helpers/store-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-follow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const best = (o: SearchOutcome) => (o.status === 'found' ? o.best.slug : o.status);
const zorblex = (slug = 'acme-zorblex-2031', title = 'Microsoft buys Zorblex') =>
  deal(slug, { title, type: 'acquisition', announced: '2031-01-02', parties: [{ name: 'Microsoft', role: 'acquirer' }, { name: 'Zorblex', role: 'target' }] });

/** What every backend must show: writes by another store on the same database reach this one's search. */
async function followsAnotherWriter(reader: DealStore, writer: DealStore, settle: (check: () => Promise<boolean>, what: string) => Promise<void>) {
  const search = createDealSearch(reader, { pollMs: 60_000 });
  try {
    await search.warm();
    const values = async (q: string) => (await search.autocomplete(q, 25)).map((c) => c.value);
    expect(best(await search.search('zorblex'))).toBe('none');

    await writer.createDeal(zorblex(), actor);
    // Search and autocomplete may learn of a change at different moments (a question can read the store while the
    // in-memory prefix index still waits for its NOTIFY): each settles on both.
    await settle(
      async () => best(await search.search('zorblex')) === 'acme-zorblex-2031' && (await values('zorbl')).join() === 'acme-zorblex-2031',
      'the new deal',
    );
    expect(await values('zorbl')).toEqual(['acme-zorblex-2031']);

    await writer.addAlias('Microsoft', 'Blorpcorp', actor);
    await settle(
      async () => best(await search.search('blorpcorp zorblex')) === 'acme-zorblex-2031' && (await values('blorpc')).includes('acme-zorblex-2031'),
      'the new alias',
    );
    expect(await values('blorpc')).toContain('acme-zorblex-2031');
    await writer.removeAlias('Microsoft', 'Blorpcorp', actor);
    await settle(async () => (await values('blorpc')).length === 0 && (await search.search('blorpcorp')).status === 'none', 'the removed alias');
    expect((await search.search('blorpcorp')).status).toBe('none');

    const stored = (await writer.getDeal('acme-zorblex-2031'))!;
    await writer.updateDeal('acme-zorblex-2031', { ...stored.deal, title: 'Microsoft buys Quuxly' }, stored.version, actor);
    await settle(
      async () => (await values('quuxl')).includes('acme-zorblex-2031') && (await values('buys zorblex')).join() === 'acme-zorblex-2031',
      'the edited title',
    );
    // The old title word left the postings (Zorblex is still a party, so its name still finds the deal).
    expect(await values('buys zorblex')).toEqual(['acme-zorblex-2031']);

    await writer.removeDeal('acme-zorblex-2031', actor);
    await settle(
      async () => (await values('quuxl')).length === 0 && best(await search.search('zorblex quuxly')) !== 'acme-zorblex-2031',
      'the removal',
    );
    expect(best(await search.search('zorblex quuxly'))).not.toBe('acme-zorblex-2031');
    // Every generation is applied in the end (the removal can be seen before its batch is marked applied).
    const last = await writer.generation();
    await settle(async () => search.generation() === last, 'the last generation');
    expect(search.generation()).toBe(last);
  } finally {
    await search.close();
  }
}

describe('SQLite: two connections and two processes on one file', () => {
  it('a second connection writes; the next question sees every change (no poll to wait for)', async () => {
    const path = join(dir, 'two-connections.sqlite');
    const { store: reader } = SqliteDealStore.open(path);
    const { store: writer } = SqliteDealStore.open(path);
    await seedDealStore(writer);
    // Each check is one question: the first one after the write must already answer.
    await followsAnotherWriter(reader, writer, async (check, what) => expect(await check(), what).toBe(true));
    await reader.close();
    await writer.close();
  });

  it('a CLI import and a CLI alias in other processes while search runs', { timeout: 60_000 }, async () => {
    const path = join(dir, 'cli.sqlite');
    const { store } = Store.open(path);
    const reader = new SqliteDealStore(store);
    await seedDealStore(reader);
    const search = createDealSearch(store);
    expect(best(await search.search('zorblex'))).toBe('none');
    const file = join(dir, 'import.jsonl');
    writeFileSync(file, serialiseDeals([zorblex('acme-zorblex-2032', 'Acme buys Zorblex')]));
    const run = async (args: string[]) => {
      const p = spawnDealbot(['--db', path, '--no-seed', ...args], { cwd: dir });
      const exit = await p.exited;
      expect(exit.code, p.stderr()).toBe(0);
    };
    await run(['import', file]);
    expect(best(await search.search('zorblex'))).toBe('acme-zorblex-2032');
    await run(['alias', 'add', 'Zorblex', 'Snarfco']);
    expect(best(await search.search('microsoft snarfco'))).toBe('acme-zorblex-2032');
    expect((await search.autocomplete('snarf', 5)).map((c) => c.value)).toEqual(['acme-zorblex-2032']);
    store.close();
  });

  it('a reader behind the pruned feed rebuilds and misses nothing', async () => {
    const path = join(dir, 'pruned.sqlite');
    const { store: reader } = SqliteDealStore.open(path);
    const { store: writer } = SqliteDealStore.open(path);
    await seedDealStore(writer);
    const search = createDealSearch(reader);
    await search.warm();
    await writer.createDeal(zorblex(), actor);
    await writer.createDeal(zorblex('acme-zorblex-2033', 'Microsoft buys Flumptech'), actor);
    expect(await writer.pruneChanges(new Date(Date.now() + 60_000))).toBeGreaterThan(0);
    expect(best(await search.search('flumptech'))).toBe('acme-zorblex-2033');
    expect((await search.autocomplete('zorbl', 5)).map((c) => c.value)).toContain('acme-zorblex-2031');
    expect(search.generation()).toBe(await writer.generation());
    await reader.close();
    await writer.close();
  });
});

const pg = await testPostgres();
if ('unavailable' in pg) {
  console.warn(`\n*** PostgreSQL follow tests NOT RUN: ${pg.unavailable}. ***\n`);
} else {
  const server = pg;
  afterAll(() => server.close());

  describe('PostgreSQL: two processes on one database', () => {
    it('another store writes; NOTIFY brings each change to this one\'s search', { timeout: 60_000 }, async () => {
      const url = await server.newDatabase();
      const { store: writer } = await PgDealStore.open(url);
      const { store: reader } = await PgDealStore.open(url);
      await seedDealStore(writer);
      // The subscription's poll is a minute: what arrives in time came by NOTIFY.
      await followsAnotherWriter(reader, writer, (check, what) => eventually(check, what));
      await reader.close();
      await writer.close();
    });

    it('the bot app on PostgreSQL answers /deal, and another app\'s admin alias at once after NOTIFY', { timeout: 60_000 }, async () => {
      const url = await server.newDatabase();
      const one = await openAppAsync({ databaseUrl: url, log: createLogger('silent') });
      const two = await openAppAsync({ databaseUrl: url, log: createLogger('silent') });
      try {
        const ask = async (q: string) => {
          const r = await one.core.handle({ command: 'deal', options: { query: q }, user: OPERATOR });
          return r.kind === 'deal' ? r.deal.slug : r.kind;
        };
        expect(await ask('msft github')).toBe('microsoft-github-2018');
        expect(await ask('wumpcorp github')).not.toBe('microsoft-github-2018');
        expect((await two.core.handleText('/deal-admin alias-add Microsoft Wumpcorp', OPERATOR)).kind).toBe('done');
        await eventually(async () => (await ask('wumpcorp github')) === 'microsoft-github-2018', "the other app's alias");
      } finally {
        await one.close();
        await two.close();
      }
    });

    it('the listening connection killed mid-run: it reconnects, catches up by generation, nothing is lost', { timeout: 90_000 }, async () => {
      const url = await server.newDatabase();
      const db = new URL(url).pathname.slice(1);
      const { store: writer } = await PgDealStore.open(url);
      const { store: reader } = await PgDealStore.open(url);
      await seedDealStore(writer);
      const errors: unknown[] = [];
      const search = createDealSearch(reader, { pollMs: 60_000, onError: (e) => errors.push(e) });
      await search.warm();
      const kill = () =>
        server.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [db, LISTENER_APPLICATION_NAME]);
      const listening = async () =>
        (await server.admin.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [db, LISTENER_APPLICATION_NAME])).rowCount === 1;
      await eventually(listening, 'the listener');
      const slugs: string[] = [];
      for (let i = 0; i < 20; i++) {
        const slug = `acme-glorp${i}-2031`;
        slugs.push(slug);
        await writer.createDeal(deal(slug, { title: `Acme buys Glorp${i}x`, parties: [{ name: 'Acme', role: 'acquirer' }, { name: `Glorp${i}x`, role: 'target' }] }), actor);
        // Killed twice, while changes keep coming: some are made while nobody listens.
        if (i === 5 || i === 12) await kill();
      }
      await eventually(async () => search.generation() === (await writer.generation()), 'every generation');
      for (const [i, slug] of slugs.entries()) expect(best(await search.search(`glorp${i}x`)), slug).toBe(slug);
      await eventually(listening, 'the listener again');
      expect(errors.length).toBeGreaterThan(0);
      await search.close();
      await reader.close();
      await writer.close();
    });
  });
}
