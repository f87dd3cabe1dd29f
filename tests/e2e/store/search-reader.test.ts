// The SearchReader on both backends: the same reads of the same data give the same answers (by slug), and search
// built on either answers the same questions. SQLite always; PostgreSQL when a server is available (see
// tests/helpers/pg-test.ts; CI requires it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDealSearch } from '../../../src/search/search.ts';
import { WALK_TOPIC_DOCS, type ListQuery, type SearchReader } from '../../../src/store/search-reader.ts';
import { searchReaderFor } from '../../../src/store/search-readers.ts';
import { PgDealStore } from '../../../src/store/postgres/store.ts';
import { seedDealStore } from '../../../src/store/seed.ts';
import { SqliteDealStore } from '../../../src/store/sqlite-store.ts';
import type { DealStore } from '../../../src/store/types.ts';
import { testPostgres, type TestPostgres } from '../../helpers/pg-test.ts';
import { actor, deal } from '../../helpers/store-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped corpus plus a few deals whose words each read below is about. */
async function fill(store: DealStore): Promise<void> {
  await seedDealStore(store);
  await store.createDeal(
    deal('t-zurich', { title: 'Zürich Ünïcode partnership', parties: [{ name: 'Quorblax', role: 'partner' }, { name: 'Microsoft', role: 'partner' }] }),
    actor,
  );
  await store.createDeal(deal('t-summary-only', { summary: 'A deal that mentions quorblax only in its summary text, nowhere else.' }), actor);
  await store.createDeal(deal('t-removed', { title: 'Flimflam removed deal' }), actor);
  // Closing dates in a year no shipped deal closes in: one completed, one ended, one announced then and still open.
  const buy = { type: 'acquisition' as const, parties: [{ name: 'Acme', role: 'acquirer' as const }, { name: 'Initech', role: 'target' as const }] };
  await store.createDeal(deal('t-closed', { ...buy, status: 'completed', announced: '2030-11', closed: '2031-02-10' }), actor);
  await store.createDeal(deal('t-ended', { ...buy, status: 'terminated', announced: '2030-06', closed: '2031-07' }), actor);
  await store.createDeal(deal('t-open', { ...buy, status: 'pending', announced: '2031-01-15' }), actor);
  await store.removeDeal('t-removed', actor);
}

/** Every read of the interface, answers by slug (ids are each database's own). */
async function reads(r: SearchReader) {
  const slugOf = new Map<number, string>();
  for await (const [id] of r.titleTexts()) slugOf.set(id, '');
  const all = await r.titles([...slugOf.keys()]);
  for (const t of all) slugOf.set(t.id, t.slug);
  const slugs = (ids: number[]) => ids.map((id) => slugOf.get(id) ?? `removed:${id}`);
  const orgs = await r.organisations();
  const org = (name: string) => orgs.filter((o) => o.name === name).map((o) => o.id);
  const msft = org('Microsoft');
  const github = org('GitHub');
  const quorblax = org('Quorblax');
  const terms = new Map(await r.termCounts());
  const list = async (q: Omit<ListQuery, 'order'> & { order?: ListQuery['order'] }, offset = 0, limit = 10) => {
    const res = await r.list({ order: 'newest', ...q }, offset, limit);
    // An exact list's breakdown, in one order (PostgreSQL's grouping gives its rows in any order).
    const breakdown = res.breakdown && [...res.breakdown].sort((a, b) => (a.type + a.status < b.type + b.status ? -1 : 1));
    return { ...res, ids: slugs(res.ids), ...(breakdown ? { breakdown } : {}) };
  };
  const byId = [...slugOf.keys()].sort((a, b) => a - b);
  return {
    live: slugOf.size,
    countDeals: await r.countDeals(),
    direct: (await r.dealBySlug('microsoft-github-2018'))?.title,
    removedDirect: await r.dealBySlug('t-removed'),
    aliases: (await r.aliases()).length > 0,
    termGithub: terms.get('github'),
    termZurich: terms.get('zurich'),
    termFlimflam: terms.get('flimflam') ?? 0,
    orgDeals: await r.orgDealCount(msft),
    dealsOfOrgs: slugs(await r.dealsOfOrgs([msft, github], 10)),
    msftNewest: slugs(await r.dealsOfOrgs([msft], 5)),
    accents: slugs((await r.matchTerms({ groups: [['zurich'], ['unicode']], mode: 'all', bm25: true, limit: 10 })).map((x) => x.id)),
    // Parties weigh more than the summary: the deal naming Quorblax as a party first.
    ranked: slugs((await r.matchTerms({ groups: [['quorblax']], mode: 'any', bm25: true, limit: 10 })).map((x) => x.id)),
    newestFirst: slugs((await r.matchTerms({ groups: [['quorblax']], mode: 'any', bm25: false, limit: 10 })).map((x) => x.id)),
    phrase: slugs((await r.matchTerms({ groups: [['code hosting']], mode: 'all', bm25: true, limit: 10 })).map((x) => x.id)),
    // A phrase of common words newest first (PostgreSQL tests the index's matches of its words, then sorts).
    phraseNewest: slugs((await r.matchTerms({ groups: [['code hosting'], ['github']], mode: 'all', bm25: false, limit: 10 })).map((x) => x.id)),
    withOrgs: slugs((await r.matchTerms({ groups: [['cloud']], mode: 'all', orgs: [msft], bm25: false, limit: 3 })).map((x) => x.id)),
    // Query syntax of either engine is only words.
    syntax: (await r.matchTerms({ groups: [['"a" OR NEAR(b', "x' | !y & z:*"]], mode: 'any', bm25: true, limit: 5 })).length,
    removedMatch: (await r.matchTerms({ groups: [['flimflam']], mode: 'any', bm25: true, limit: 5 })).length,
    candidates: (await r.candidates([...byId.slice(0, 3)].reverse())).map((c) => [slugOf.get(c.id), c.type, c.parties.map((p) => `${p.name}/${p.role}`)]),
    titlesInOrder: slugs((await r.titles([byId[5]!, byId[2]!])).map((t) => t.id)),
    newest: (await r.newest(3)).map((x) => x.slug),
    autocomplete: (await r.autocompleteRows([byId[1]!])).map((x) => [x.slug, x.parties, x.announced]),
    dealTexts: (await r.dealTexts([byId[0]!, 999_999])).map((t) => ({ ...t, id: slugOf.get(t.id) })),
    dealIdsOfOrgs: slugs(await r.dealIdsOfOrgs(quorblax)),
    acquisitions: await list({ orgs: [{ orgIds: msft, roles: ['acquirer'] }], types: ['acquisition'] }),
    years: await list({ orgs: [{ orgIds: msft }], fromYear: 2018, toYear: 2019, order: 'oldest' }),
    largest: await list({ types: ['acquisition'], order: 'value_desc', usdRates: { USD: 1, EUR: 1.1, GBP: 1.3, JPY: 0.007 } }, 0, 5),
    above: await list({ minUsd: 20e9, order: 'value_asc', usdRates: { USD: 1 } }, 0, 5),
    count: await list({ orgs: [{ orgIds: msft }], exactTotal: true }, 0, 0),
    topicColumns: await list({ topics: [['quorblax']] }),
    topicAnywhere: await list({ topics: [['quorblax']], topicAnywhere: true }),
    topicWalked: await list({ topics: [['cloud']], topicDocs: WALK_TOPIC_DOCS + 1 }, 0, 5),
    topicIndexed: await list({ topics: [['cloud']] }, 0, 5),
    topicPhrase: await list({ topics: [['code hosting', 'zurich unicode']] }, 0, 5),
    topicRareWalked: await list({ topics: [['quorblax']], topicDocs: WALK_TOPIC_DOCS + 1 }, 0, 5),
    typeWalked: await list({ types: ['acquisition'], topics: [['cloud']], topicDocs: WALK_TOPIC_DOCS + 1 }, 0, 5),
    typeIndexed: await list({ types: ['acquisition'], topics: [['cloud']] }, 0, 5),
    typeLargestWalked: await list({ types: ['acquisition'], topics: [['cloud']], topicDocs: WALK_TOPIC_DOCS + 1, order: 'value_desc', usdRates: { USD: 1, EUR: 1.1 } }, 0, 3),
    typeLargestIndexed: await list({ types: ['acquisition'], topics: [['cloud']], order: 'value_desc', usdRates: { USD: 1, EUR: 1.1 } }, 0, 3),
    page2: await list({ orgs: [{ orgIds: msft }] }, 3, 3),
    closedIn: await list({ closedFromYear: 2031, closedToYear: 2031 }),
    closedCompleted: await list({ closedFromYear: 2031, closedToYear: 2031, statuses: ['completed'], exactTotal: true }),
    closedSince: await list({ closedFromYear: 2031 }),
    closedUpTo: await list({ closedToYear: 2030, exactTotal: true }, 0, 200),
    announcedIn: await list({ fromYear: 2031, toYear: 2031 }),
    closedWalked: await list({ topics: [['quantum']], topicDocs: WALK_TOPIC_DOCS + 1, closedFromYear: 2031 }, 0, 5),
    closedBreakdown: await r.breakdown({ closedFromYear: 2031, closedToYear: 2031, order: 'newest' }),
    breakdown: (await r.breakdown({ orgs: [{ orgIds: msft }], order: 'newest' })).sort((a, b) => (a.type + a.status < b.type + b.status ? -1 : 1)),
  };
}

type Reads = Awaited<ReturnType<typeof reads>>;

function checks(name: string, get: () => Reads) {
  describe(`SearchReader on ${name}`, () => {
    it('reads live deals only, by slug and in full', () => {
      const r = get();
      expect(r.live).toBe(r.countDeals);
      expect(r.direct).toBe('Microsoft acquires GitHub');
      expect(r.dealTexts).toHaveLength(1);
      expect(r.dealTexts[0]!.parties.length).toBeGreaterThan(0);
      expect(r.dealTexts[0]!.summary.length).toBeGreaterThan(0);
      expect(r.removedDirect).toBeUndefined();
      expect(r.removedMatch).toBe(0);
      expect(r.termFlimflam).toBe(0);
      expect(r.aliases).toBe(true);
      expect(r.termGithub).toBeGreaterThan(0);
    });
    it('matches words with accents folded, phrases, and query syntax as plain words', () => {
      const r = get();
      expect(r.termZurich).toBe(1);
      expect(r.accents).toEqual(['t-zurich']);
      expect(r.phrase).toContain('microsoft-github-2018');
      expect(r.phraseNewest).toContain('microsoft-github-2018');
      expect(r.topicPhrase.ids).toContain('t-zurich');
      expect(r.syntax).toBe(0);
    });
    it('ranks by column weight when asked, newest first otherwise', () => {
      const r = get();
      expect(r.ranked).toEqual(['t-zurich', 't-summary-only']);
      expect(r.newestFirst).toEqual(['t-summary-only', 't-zurich']);
      expect(r.withOrgs.length).toBe(3);
    });
    it('lists by company, role, type, years, value and topic columns, bounded and paged', () => {
      const r = get();
      expect(r.dealsOfOrgs).toEqual(['microsoft-github-2018']);
      expect(r.acquisitions.ids).toContain('microsoft-github-2018');
      expect(r.years.ids).toEqual(expect.arrayContaining(['microsoft-github-2018', 'microsoft-openai-2019']));
      expect(r.years.ids.at(-1)).toMatch(/2019$/);
      expect(r.largest.ids.length).toBe(5);
      expect(r.count.total).toBe(r.orgDeals);
      expect(r.topicColumns.ids).toEqual(['t-zurich']);
      expect(r.topicAnywhere.ids).toEqual(['t-summary-only', 't-zurich']);
      // The bounded walk of a common topic finds the same first page as the index.
      expect(r.topicWalked.ids).toEqual(r.topicIndexed.ids);
      // A walk that checks every deal without filling the page: the exact total, the topic in parties/title/areas.
      expect(r.topicRareWalked).toEqual({ total: 1, ids: ['t-zurich'] });
      // A walk of one type (its own index on SQLite) finds the same first page as the index, newest or largest first.
      expect(r.typeWalked.ids.length).toBeGreaterThan(1);
      expect(r.typeWalked.ids).toEqual(r.typeIndexed.ids);
      expect(r.typeLargestWalked.ids.length).toBeGreaterThan(1);
      expect(r.typeLargestWalked.ids).toEqual(r.typeLargestIndexed.ids);
      expect(r.breakdown.reduce((n, b) => n + b.n, 0)).toBe(r.count.total);
      // An exact count comes with the breakdown it is the sum of (the answer shows both): the same as breakdown's.
      expect(r.count.breakdown).toEqual(r.breakdown);
      expect(r.acquisitions.breakdown).toBeUndefined();
    });
    it('lists by the closing date\'s years apart from the announcement\'s; no recorded closing date is in no range', () => {
      const r = get();
      expect(r.closedIn).toEqual({ total: 2, ids: ['t-closed', 't-ended'] });
      expect(r.closedCompleted).toEqual({ total: 1, ids: ['t-closed'], breakdown: [{ type: 'acquisition', status: 'completed', n: 1 }] });
      expect(r.closedSince.ids).toEqual(['t-closed', 't-ended']);
      expect(r.closedUpTo.total).toBeGreaterThan(0);
      expect(r.closedUpTo.ids.filter((s) => s.startsWith('t-'))).toEqual([]);
      expect(r.announcedIn.ids).toEqual(['t-open']);
      expect(r.closedWalked.ids).toEqual(['t-closed', 't-ended']);
      expect(r.closedBreakdown.sort((a, b) => (a.status < b.status ? -1 : 1))).toEqual([
        { type: 'acquisition', status: 'completed', n: 1 },
        { type: 'acquisition', status: 'terminated', n: 1 },
      ]);
    });
  });
}

const sqlite: { reads?: Reads; store?: DealStore } = {};
beforeAll(async () => {
  const { store } = SqliteDealStore.open(join(dir, 'reader.sqlite'));
  await fill(store);
  sqlite.store = store;
  sqlite.reads = await reads(searchReaderFor(store));
}, 60_000);
afterAll(async () => sqlite.store?.close());
checks('SQLite', () => sqlite.reads!);

const pg = await testPostgres();
if ('unavailable' in pg) {
  console.warn(`\n*** PostgreSQL search-reader tests NOT RUN: ${pg.unavailable}. ***\n`);
} else {
  const server: TestPostgres = pg;
  const state: { reads?: Reads; store?: DealStore } = {};
  beforeAll(async () => {
    const { store } = await PgDealStore.open(await server.newDatabase());
    await fill(store);
    state.store = store;
    state.reads = await reads(searchReaderFor(store));
  }, 60_000);
  afterAll(async () => {
    await state.store?.close();
    await server.close();
  });
  checks('PostgreSQL', () => state.reads!);

  describe('both backends', () => {
    it('give the same answers to every read', () => {
      expect(state.reads).toEqual(sqlite.reads);
    });
    it('answer the same questions through search', { timeout: 60_000 }, async () => {
      const onPg = createDealSearch(state.store!);
      const onSqlite = createDealSearch(sqlite.store!);
      const questions = ['msft github', 'xiamoi microsft', 'who bought github', 'largest acquisitions in 2022', 'how many acquisitions has microsoft made', 'zurich unicode', 'cortana speaker', 'asdkjh qwe'];
      for (const q of questions) expect(await onPg.search(q), q).toEqual(await onSqlite.search(q));
      expect(await onPg.autocomplete('micros', 10)).toEqual(await onSqlite.autocomplete('micros', 10));
      const found = await onPg.search('msft github');
      expect(found.status === 'found' && found.best.slug).toBe('microsoft-github-2018');
    });
  });
}
