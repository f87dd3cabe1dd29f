// One conformance suite for every backend of the async store interface: the same tests, the same expected rows,
// errors and orderings. tests/unit/store/sqlite-store.test.ts and tests/e2e/store/postgres.test.ts call `storeConformance`.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseDealFile, serialiseDeals } from '../../src/deals/import-file.ts';
import { validateDeal, type Deal } from '../../src/deals/schema.ts';
import { CORPUS_FILE, seedDealStore } from '../../src/store/seed.ts';
import {
  ConflictError,
  DuplicateError,
  NotFoundError,
  type ChangeBatch,
  type DealStore,
  type OpenedStore,
  type StoreDump,
  type StoreOptions,
} from '../../src/store/types.ts';
import { FIXTURES } from './app.ts';

export interface BackendUnderTest {
  name: 'sqlite' | 'postgres';
  /** A new, empty database: a file path or a URL that `open` understands. */
  newDatabase(): Promise<string>;
  /** Opens a store on `location`; several opens of one location share the database (as processes would). */
  open(location: string, opts?: StoreOptions): Promise<OpenedStore>;
  /** A new file path for `backup`. */
  backupPath(): string;
  /** Opens what `backup(path)` wrote, as a store. */
  openBackup(path: string): Promise<DealStore>;
  /** How many migrations an empty database needs. */
  migrationCount: number;
}

export const actor = { id: 'tester', name: 'Tess', platform: 'test' };

export function deal(slug: string, over: Partial<Deal> = {}): Deal {
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

/** Waits until `check` holds (the feed is asynchronous); fails with the last state after `ms`. No timing asserted. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function corpus(): Deal[] {
  const r = parseDealFile(readFileSync(CORPUS_FILE, 'utf8'));
  if (!r.ok) throw new Error('corpus invalid');
  return r.records;
}

export function storeConformance(b: BackendUnderTest): void {
  const open: DealStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
  });

  async function fresh(opts?: StoreOptions): Promise<{ store: DealStore; location: string }> {
    const location = await b.newDatabase();
    const { store } = await b.open(location, opts);
    open.push(store);
    return { store, location };
  }
  async function another(location: string, opts?: StoreOptions): Promise<DealStore> {
    const { store } = await b.open(location, opts);
    open.push(store);
    return store;
  }
  async function seeded(opts?: StoreOptions) {
    const r = await fresh(opts);
    await seedDealStore(r.store, FIXTURES);
    return r;
  }

  describe(`store conformance: ${b.name}`, () => {
    describe('deals', () => {
      it('creates, reads, lists newest first with filters, counts, removes and restores', async () => {
        const { store } = await seeded();
        expect(await store.countDeals()).toBe(2);
        const created = await store.createDeal(deal('t-one', { announced: '2023-01-02', type: 'investment' }), actor);
        expect(created).toMatchObject({ version: 1, deletedAt: null, deal: { slug: 't-one', type: 'investment' } });
        expect((await store.getDeal('t-one'))!.deal).toEqual(created.deal);
        await store.createDeal(deal('t-two', { announced: '2023-01-02' }), actor);
        await store.createDeal(deal('t-old', { announced: '2019' }), actor);

        const all = await store.listDeals({ limit: 10 });
        expect(all.total).toBe(5);
        // Newest first; on the same day the later id first.
        expect(all.deals.map((d) => d.deal.slug)).toEqual(['t-two', 't-one', 'initech-acme-2021', 'acme-globex-2020', 't-old']);
        expect((await store.listDeals({ limit: 2, offset: 1 })).deals.map((d) => d.deal.slug)).toEqual(['t-one', 'initech-acme-2021']);
        expect((await store.listDeals({ type: 'investment' })).deals.map((d) => d.deal.slug)).toEqual(['t-one']);
        expect((await store.listDeals({ year: 2023 })).total).toBe(2);
        // Company by alias: "ACME" is an alias of Acme in the fixtures.
        expect((await store.listDeals({ company: 'acme corp', year: 2020 })).deals.map((d) => d.deal.slug)).toEqual(['acme-globex-2020']);
        expect(await store.listDeals({ company: 'nobody at all' })).toEqual({ total: 0, deals: [] });

        const ids = [(await store.getDeal('t-old'))!.id, 999_999, created.id];
        expect((await store.getDealsByIds(ids)).map((d) => d.deal.slug)).toEqual(['t-old', 't-one']);
        expect(await store.getDealsByIds([])).toEqual([]);

        const removed = await store.removeDeal('t-one', actor);
        expect(removed.version).toBe(2);
        expect(removed.deletedAt).not.toBeNull();
        expect(await store.getDeal('t-one')).toBeUndefined();
        expect((await store.getDeal('t-one', { includeDeleted: true }))!.deletedAt).not.toBeNull();
        expect(await store.getDealsByIds([created.id])).toEqual([]);
        expect(await store.countDeals()).toBe(4);
        await expect(store.removeDeal('t-one', actor)).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.createDeal(deal('t-one'), actor)).rejects.toThrow(/removed deal already uses/);
        const restored = await store.restoreDeal('t-one', actor);
        expect(restored).toMatchObject({ version: 3, deletedAt: null });
        expect(restored.deal).toEqual(created.deal);
        await expect(store.restoreDeal('t-one', actor)).rejects.toBeInstanceOf(DuplicateError);
        await expect(store.restoreDeal('nope', actor)).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.createDeal(deal('t-two'), actor)).rejects.toBeInstanceOf(DuplicateError);
      });

      it('updates with a version check, renames a slug, and refuses a stale or missing one', async () => {
        const { store } = await seeded();
        const v1 = await store.createDeal(deal('t-edit'), actor);
        const v2 = await store.updateDeal('t-edit', deal('t-edit', { title: 'Edited title' }), v1.version, actor);
        expect(v2).toMatchObject({ version: 2, deal: { title: 'Edited title' } });
        const stale = store.updateDeal('t-edit', deal('t-edit', { title: 'Stale' }), v1.version, actor);
        await expect(stale).rejects.toBeInstanceOf(ConflictError);
        await expect(stale).rejects.toMatchObject({ currentVersion: 2 });
        expect((await store.getDeal('t-edit'))!.deal.title).toBe('Edited title');
        const renamed = await store.updateDeal('t-edit', deal('t-renamed', { title: 'Edited title' }), 2, actor);
        expect(renamed).toMatchObject({ id: v1.id, version: 3 });
        expect(await store.getDeal('t-edit', { includeDeleted: true })).toBeUndefined();
        await expect(store.updateDeal('t-renamed', deal('acme-globex-2020'), 3, actor)).rejects.toBeInstanceOf(DuplicateError);
        await expect(store.updateDeal('missing', deal('missing'), 1, actor)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('finds duplicates by parties (names or aliases), type and date', async () => {
        const { store } = await seeded();
        await store.createDeal(deal('t-a'), actor);
        const same = deal('t-b', { parties: [{ name: 'ACME', role: 'partner' }, { name: 'Initech', role: 'partner' }] });
        expect((await store.findDuplicates(same)).map((d) => d.deal.slug)).toEqual(['t-a']);
        expect(await store.findDuplicates(deal('t-c', { announced: '2022-05-02' }))).toEqual([]);
        expect(await store.findDuplicates(deal('t-d', { parties: [{ name: 'Acme', role: 'partner' }, { name: 'Unknown Co', role: 'partner' }] }))).toEqual([]);
        // A deal is not its own duplicate.
        expect(await store.findDuplicates(deal('t-a'))).toEqual([]);
      });
    });

    describe('organisations and aliases', () => {
      it('upserts, finds by name or alias (case, accents, punctuation ignored), lists in name order', async () => {
        const { store } = await seeded();
        const acme = await store.findOrganisation('  acme corp.');
        expect(acme).toMatchObject({ name: 'Acme', country: 'US', aliases: ['Acme Corp'] }); // "ACME" is Acme's own name
        expect(await store.organisationById(acme!.id)).toEqual(acme);
        expect(await store.findOrganisation('Glöbex')).toMatchObject({ name: 'Globex' });
        expect(await store.findOrganisation('nobody')).toBeUndefined();
        await store.upsertOrganisations([
          { name: 'Acme', aliases: ['Acme Holdings'], country: 'CA' },
          { name: 'Zeta Works', aliases: ['ZW'] },
          { name: 'Éclair Systems', aliases: [] },
        ]);
        expect(await store.findOrganisation('acme holdings')).toMatchObject({ name: 'Acme', country: 'CA', aliases: ['Acme Corp', 'Acme Holdings'] });
        const names = (await store.listOrganisations()).map((o) => o.name);
        // Bytewise order on both backends (uppercase before lowercase, accented letters last).
        expect(names).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella', 'Zeta Works', 'Éclair Systems']);
        // Parties nobody knew become organisations.
        await store.createDeal(deal('t-new-org', { parties: [{ name: 'Brand New Ltd', role: 'partner', aliases: ['BNL'] }, { name: 'Acme', role: 'partner' }] }), actor);
        expect(await store.findOrganisation('bnl')).toMatchObject({ name: 'Brand New Ltd', aliases: ['BNL'] });
      });

      it('keeps what an organisation is known for, replaced by a later upsert, through a dump and its load', async () => {
        const { store } = await seeded();
        expect((await store.findOrganisation('Acme'))!.known).toBeUndefined();
        await store.upsertOrganisations([{ name: 'Acme', aliases: [], known: ['Rocket skates', 'anvil maker'] }]);
        const acme = await store.findOrganisation('acme corp');
        expect(acme!.known).toEqual(['Rocket skates', 'anvil maker']);
        expect(await store.organisationById(acme!.id)).toEqual(acme);
        expect((await store.listOrganisations()).find((o) => o.name === 'Acme')!.known).toEqual(['Rocket skates', 'anvil maker']);
        // An upsert without `known` leaves it; one with it replaces the list.
        await store.upsertOrganisations([{ name: 'Acme', aliases: [] }]);
        expect((await store.findOrganisation('Acme'))!.known).toEqual(['Rocket skates', 'anvil maker']);
        await store.upsertOrganisations([{ name: 'ACME', aliases: [], known: ['anvils'] }]);
        expect((await store.findOrganisation('Acme'))!.known).toEqual(['anvils']);
        const dump = await store.dump();
        expect(dump.organisations.find((o) => o.name === 'Acme')!.known).toEqual(['anvils']);
        expect(dump.organisations.find((o) => o.name === 'Globex')).not.toHaveProperty('known');
        const { store: copy } = await fresh();
        await copy.loadDump(dump);
        expect((await copy.findOrganisation('Acme'))!.known).toEqual(['anvils']);
        expect(await copy.dump()).toEqual(dump);
      });

      it('replaces what an organisation is known for by an admin, with an audit row and a change-feed row', async () => {
        const { store } = await seeded();
        const g = await store.generation();
        const after = await store.setKnown('gbx', ['rocket engines', 'Jet packs'], actor);
        expect(after).toMatchObject({ name: 'Globex', known: ['rocket engines', 'Jet packs'] });
        expect((await store.findOrganisation('Globex'))!.known).toEqual(['rocket engines', 'Jet packs']);
        expect((await store.changesSince(g)).changes).toEqual([{ generation: g + 1, kind: 'organisation', id: after.id, key: 'Globex' }]);
        const cleared = await store.setKnown('Globex', [], actor);
        expect(cleared).not.toHaveProperty('known');
        await expect(store.setKnown('Nobody', ['x'], actor)).rejects.toBeInstanceOf(NotFoundError);
        const h = await store.history({ subject: 'org:Globex' });
        expect(h.map((e) => [e.action, e.before, e.after])).toEqual([
          ['org.known', { known: ['rocket engines', 'Jet packs'] }, { known: [] }],
          ['org.known', { known: [] }, { known: ['rocket engines', 'Jet packs'] }],
        ]);
      });

      it('adds and removes aliases with an audit row, refusing ones already taken', async () => {
        const { store } = await seeded();
        const after = await store.addAlias('Globex', 'Globex Intl', actor);
        expect(after.aliases).toEqual(['Globex Corporation', 'GBX', 'Globex Intl']);
        expect((await store.listDeals({ company: 'globex intl' })).total).toBe(1);
        await expect(store.addAlias('Globex', 'acme', actor)).rejects.toThrow(/already names Acme/);
        await expect(store.addAlias('Globex', 'gbx', actor)).rejects.toThrow(/already names Globex/);
        await expect(store.addAlias('Globex', '!!!', actor)).rejects.toBeInstanceOf(DuplicateError);
        await expect(store.addAlias('Nobody', 'x', actor)).rejects.toBeInstanceOf(NotFoundError);
        const removed = await store.removeAlias('globex', 'GLOBEX INTL', actor);
        expect(removed.aliases).toEqual(['Globex Corporation', 'GBX']);
        await expect(store.removeAlias('Globex', 'Globex Intl', actor)).rejects.toBeInstanceOf(NotFoundError);
        const h = await store.history({ subject: 'org:Globex' });
        expect(h.map((e) => [e.action, e.after])).toEqual([
          ['alias.remove', { aliases: ['Globex Corporation', 'GBX'] }],
          ['alias.add', { aliases: ['Globex Corporation', 'GBX', 'Globex Intl'] }],
        ]);
      });
    });

    describe('audit', () => {
      it('writes one row per change, newest first, with before and after documents', async () => {
        const { store } = await seeded();
        const v1 = await store.createDeal(deal('t-h'), actor);
        await store.updateDeal('t-h', deal('t-h', { title: 'Second title' }), v1.version, actor);
        await store.removeDeal('t-h', actor);
        await store.restoreDeal('t-h', actor);
        const h = await store.history({ subject: 't-h' });
        expect(h.map((e) => e.action)).toEqual(['deal.restore', 'deal.remove', 'deal.edit', 'deal.add']);
        expect(h[2]).toMatchObject({ actor: 'Tess (tester)', platform: 'test', before: { title: 'Test deal t-h' }, after: { title: 'Second title' } });
        expect(h[3]!.before).toBeNull();
        expect((await store.history({ limit: 2 })).map((e) => e.action)).toEqual(['deal.restore', 'deal.remove']);
        const all = await store.history({ limit: 100 });
        expect(all.at(-1)).toMatchObject({ action: 'import', subject: '2 deals', after: { created: 2, updated: 0, unchanged: 0 } });
        expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
      });

      it('a write that fails leaves neither its change nor its audit row nor a change-feed row', async () => {
        const { store } = await seeded();
        const v1 = await store.createDeal(deal('t-fail'), actor);
        const before = { audit: await store.history({ limit: 100 }), gen: await store.generation(), count: await store.countDeals() };
        // A record that passed no validation: the database refuses it (NOT NULL) after the other rows were written.
        const broken = { ...deal('t-fail'), title: null } as unknown as Deal;
        await expect(store.updateDeal('t-fail', broken, v1.version, actor)).rejects.toThrow();
        const bad = { ...deal('t-bad'), title: null } as unknown as Deal;
        await expect(
          store.importDeals([deal('t-ok-1', { parties: [{ name: 'Rolled Back Org', role: 'partner' }, { name: 'Acme', role: 'partner' }] }), deal('t-ok-2'), bad], actor),
        ).rejects.toThrow();
        expect(await store.history({ limit: 100 })).toEqual(before.audit);
        expect(await store.generation()).toBe(before.gen);
        expect(await store.countDeals()).toBe(before.count);
        expect(await store.getDeal('t-ok-1')).toBeUndefined();
        expect(await store.findOrganisation('Rolled Back Org')).toBeUndefined();
        expect(await store.getDeal('t-fail')).toMatchObject({ version: 1, deal: { title: 'Test deal t-fail' } });
        expect((await store.changesSince(before.gen)).changes).toEqual([]);
        // And the store still works afterwards.
        await store.updateDeal('t-fail', deal('t-fail', { title: 'Fine now' }), 1, actor);
      });
    });

    describe('import and export', () => {
      it('imports all or nothing, counting new, updated and unchanged records', async () => {
        const { store } = await seeded();
        const r1 = await store.importDeals([deal('t-i1'), deal('t-i2')], actor);
        expect(r1).toEqual({ created: 2, updated: 0, unchanged: 0 });
        const progress: number[] = [];
        const r2 = await store.importDeals([deal('t-i1'), deal('t-i2', { title: 'Changed' }), deal('t-i3')], actor, (done) => progress.push(done));
        expect(r2).toEqual({ created: 1, updated: 1, unchanged: 1 });
        expect(progress.at(-1)).toBe(3);
        expect(await store.getDeal('t-i2')).toMatchObject({ version: 2, deal: { title: 'Changed' } });
        expect(await store.getDeal('t-i1')).toMatchObject({ version: 1 });
        // A removed deal imported again comes back (as Store does).
        await store.removeDeal('t-i3', actor);
        expect(await store.importDeals([deal('t-i3')], actor)).toEqual({ created: 0, updated: 1, unchanged: 0 });
        expect(await store.getDeal('t-i3')).toMatchObject({ version: 3, deletedAt: null });
      });

      it('export -> import into an empty store -> export is byte-identical (the shipped corpus)', async () => {
        const a = await fresh();
        await seedDealStore(a.store);
        const first = serialiseDeals(await a.store.exportDeals());
        expect(first.split('\n').filter(Boolean)).toHaveLength(corpus().length);
        const b2 = await fresh();
        const parsed = parseDealFile(first);
        if (!parsed.ok) throw new Error('export did not parse');
        await b2.store.importDeals(parsed.records, actor);
        expect(serialiseDeals(await b2.store.exportDeals())).toBe(first);
        // The same bytes the file's records give.
        expect(first).toBe(serialiseDeals([...corpus()].sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0))));
      });
    });

    describe('usage', () => {
      it('records in batches, reports stats, and prunes by age', async () => {
        const { store } = await seeded();
        for (const q of ['acme', 'Acme', 'globex', 'zzz', 'zzz', 'zzz']) {
          store.recordUsage({ platform: 'test', command: 'deal', query: q, outcome: q === 'zzz' ? 'not_found' : 'found', slug: q === 'zzz' ? undefined : 'x' });
        }
        await store.flushUsage();
        const s = await store.usageStats(7);
        expect(s).toMatchObject({ queries: 6, found: 3, notFound: 3 });
        expect(s.top).toEqual([
          { query: 'zzz', count: 3 },
          { query: 'acme', count: 2 },
          { query: 'globex', count: 1 },
        ]);
        expect(s.misses).toEqual([{ query: 'zzz', count: 3 }]);
        // Nothing recorded before a day ago: pruning up to then deletes nothing; pruning up to now deletes all.
        expect(await store.pruneUsage(new Date(Date.now() - 86_400_000))).toBe(0);
        expect(await store.pruneUsage(new Date(Date.now() + 1000))).toBe(6);
        expect((await store.usageStats(7)).queries).toBe(0);
      });

      it('retention keeps rows newer than the cut-off and stats count only the days asked', async () => {
        const src = await seeded();
        const dump = await src.store.dump();
        const day = 86_400_000;
        const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
        dump.usage = [40, 20, 5, 1].map((d, i) => ({ id: i + 1, at: at(d), platform: 'test', command: 'deal', query: `q${d}`, outcome: 'found', slug: null }));
        const { store } = await fresh();
        await store.loadDump(dump);
        expect((await store.usageStats(7)).queries).toBe(2);
        expect((await store.usageStats(30)).queries).toBe(3);
        expect(await store.pruneUsage(new Date(Date.now() - 30 * day))).toBe(1);
        expect(await store.pruneUsage(new Date(Date.now() - 10 * day))).toBe(1);
        expect((await store.usageStats(365)).top.map((t) => t.query)).toEqual(['q1', 'q5']);
      });
    });

    describe('backup and dump', () => {
      async function busyStore() {
        const r = await seeded();
        const s = r.store;
        const v = await s.createDeal(deal('t-b1'), actor);
        await s.updateDeal('t-b1', deal('t-b1', { title: 'Backed up' }), v.version, actor);
        await s.createDeal(deal('t-b2'), actor);
        await s.removeDeal('t-b2', actor);
        await s.addAlias('Umbrella', 'Umbrella Corp', actor);
        s.recordUsage({ platform: 'test', command: 'deal', query: 'umbrella', outcome: 'found' });
        await s.flushUsage();
        await s.enqueueReviewItems(['r1', 'r2'].map((k) => ({ feedUrl: 'https://news.example/feed', itemKey: k, title: `Item ${k}`, status: 'pending' as const, draft: { draft: { title: k } } })));
        await s.decideReviewItem((await s.nextReviewItem()).item!.id, 'skipped', 'admin');
        return r;
      }

      it('dump -> loadDump into an empty store keeps everything: removed deals, versions, audit, usage', async () => {
        const { store } = await busyStore();
        const dump = await store.dump();
        expect(dump.deals.find((d) => JSON.parse(d.doc).slug === 't-b2')!.deletedAt).not.toBeNull();
        const { store: copy } = await fresh();
        await copy.loadDump(dump);
        expect(await copy.dump()).toEqual(dump);
        expect(serialiseDeals(await copy.exportDeals())).toBe(serialiseDeals(await store.exportDeals()));
        expect(await copy.history({ limit: 100 })).toEqual(await store.history({ limit: 100 }));
        expect(await copy.findOrganisation('umbrella corp')).toMatchObject({ name: 'Umbrella' });
        // Ids continue after the loaded ones, and the removed deal restores to its own version.
        const next = await copy.createDeal(deal('t-after'), actor);
        expect(next.id).toBeGreaterThan(Math.max(...dump.deals.map((d) => d.id)));
        expect(await copy.restoreDeal('t-b2', actor)).toMatchObject({ version: 3 });
        // The review queue came too: the decided draft stays decided, the pending one waits, and new ones queue after.
        expect(dump.review).toHaveLength(2);
        expect(await copy.countReviewItems()).toEqual({ pending: 1, saved: 0, skipped: 1, no_deal: 0 });
        expect(await copy.enqueueReviewItems([{ feedUrl: 'https://news.example/feed', itemKey: 'r3', title: 'Item r3', status: 'pending', draft: {} }])).toEqual({ added: 1, alreadySeen: 0 });
        await expect(copy.loadDump(dump)).rejects.toBeInstanceOf(DuplicateError);
      });

      it('backup writes a consistent copy that opens as a store', async () => {
        const { store } = await busyStore();
        const path = b.backupPath();
        const r = await store.backup(path);
        expect(r.bytes).toBeGreaterThan(0);
        expect(r.format).toBe(b.name === 'sqlite' ? 'sqlite' : 'dealbot-dump');
        const restored = await b.openBackup(path);
        open.push(restored);
        expect(serialiseDeals(await restored.exportDeals())).toBe(serialiseDeals(await store.exportDeals()));
        expect(await restored.history({ limit: 100 })).toEqual(await store.history({ limit: 100 }));
      });
    });

    describe('change feed', () => {
      it('bumps the generation once per committed write, with a row per changed deal or organisation, in order', async () => {
        const { store } = await fresh();
        expect(await store.generation()).toBe(0);
        await seedDealStore(store, FIXTURES);
        const g0 = await store.generation();
        expect(g0).toBe(2); // the organisations upsert, then the import
        const seedRows = (await store.changesSince(0)).changes;
        expect(seedRows.filter((c) => c.generation === 1).map((c) => c.key).sort()).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella']);
        expect(seedRows.filter((c) => c.generation === 2).map((c) => `${c.kind}:${c.key}`).sort()).toEqual(['deal:acme-globex-2020', 'deal:initech-acme-2021']);

        const c1 = await store.createDeal(deal('t-f1', { parties: [{ name: 'Feed Org', role: 'partner' }, { name: 'Acme', role: 'partner' }] }), actor);
        await store.updateDeal('t-f1', deal('t-f1-renamed', { parties: [{ name: 'Feed Org', role: 'partner' }, { name: 'Acme', role: 'partner' }] }), 1, actor);
        await store.addAlias('Acme', 'Acme Feed', actor);
        await store.removeDeal('t-f1-renamed', actor);
        await expect(store.removeDeal('t-f1-renamed', actor)).rejects.toThrow(); // fails: no generation
        const feedOrg = (await store.findOrganisation('Feed Org'))!;
        const acme = (await store.findOrganisation('Acme'))!;
        const batch = await store.changesSince(g0);
        expect(batch).toMatchObject({ from: g0, generation: g0 + 4, complete: true, more: false });
        expect(batch.changes).toEqual([
          { generation: g0 + 1, kind: 'deal', id: c1.id, key: 't-f1' },
          { generation: g0 + 1, kind: 'organisation', id: feedOrg.id, key: 'Feed Org' },
          { generation: g0 + 2, kind: 'deal', id: c1.id, key: 't-f1-renamed' },
          { generation: g0 + 3, kind: 'organisation', id: acme.id, key: 'Acme' },
          { generation: g0 + 4, kind: 'deal', id: c1.id, key: 't-f1-renamed' },
        ]);
        expect(await store.changesSince(g0 + 4)).toEqual({ from: g0 + 4, generation: g0 + 4, changes: [], complete: true, more: false });
        // An import is one generation, however many deals it writes; a read stops at whole generations.
        await store.importDeals([deal('t-m1'), deal('t-m2'), deal('t-m3')], actor);
        await store.createDeal(deal('t-m4'), actor);
        const part = await store.changesSince(g0 + 4, 2);
        expect(part).toMatchObject({ generation: g0 + 5, more: true });
        expect(part.changes.map((c) => c.key)).toEqual(['t-m1', 't-m2', 't-m3']);
        const rest = await store.changesSince(part.generation, 2);
        expect(rest).toMatchObject({ generation: g0 + 6, more: false });
        expect(rest.changes.map((c) => c.key)).toEqual(['t-m4']);
        // Nothing changed: no generation.
        expect(await store.importDeals([deal('t-m1')], actor)).toEqual({ created: 0, updated: 0, unchanged: 1 });
        expect(await store.generation()).toBe(g0 + 6);
      });

      it('a second store on the same database follows every change, in order, including ones made before it listened', async () => {
        const { store: a, location } = await seeded();
        const b2 = await another(location);
        const g0 = await a.generation();
        await a.createDeal(deal('t-missed'), actor); // made while nobody listened
        const seen: ChangeBatch[] = [];
        const sub = b2.onChange((batch) => void seen.push(batch), { from: g0, pollMs: 50 });
        await sub.ready;
        await eventually(() => seen.some((s) => s.changes.some((c) => c.key === 't-missed')), 'the change made before subscribing');
        for (let i = 0; i < 5; i++) await a.createDeal(deal(`t-follow-${i}`), actor);
        await a.addAlias('Initech', 'Initech Follow', actor);
        const target = await a.generation();
        await eventually(() => sub.generation === target, 'every generation');
        const gens = seen.flatMap((s) => s.changes.map((c) => c.generation));
        expect(gens).toEqual([...gens].sort((x, y) => x - y));
        expect(new Set(gens)).toEqual(new Set(Array.from({ length: target - g0 }, (_, i) => g0 + 1 + i)));
        expect(seen.flatMap((s) => s.changes.map((c) => c.key))).toEqual([
          't-missed',
          ...Array.from({ length: 5 }, (_, i) => `t-follow-${i}`),
          'Initech',
        ]);
        await sub.close();
      });

      it('a reader behind the pruned part of the feed is told to rebuild', async () => {
        const { store } = await seeded();
        const g = await store.generation();
        expect(await store.pruneChanges(new Date(Date.now() - 86_400_000))).toBe(0);
        expect(await store.pruneChanges(new Date(Date.now() + 1000))).toBeGreaterThan(0);
        expect(await store.changesSince(0)).toMatchObject({ complete: false, generation: g, changes: [] });
        expect(await store.changesSince(g)).toMatchObject({ complete: true, changes: [] });
        // A generation this database never reached (another database restored in its place): rebuild too.
        expect(await store.changesSince(g + 100)).toMatchObject({ complete: false, generation: g });
      });
    });

    describe('shared state', () => {
      it('claimOnce is true for exactly one caller across two store instances until the key expires', async () => {
        let now = 1_700_000_000_000;
        const clock = () => now;
        const { store: a, location } = await fresh({ now: clock });
        const b2 = await another(location, { now: clock });
        expect(await a.claimOnce('slack:retry:E1', 60_000)).toBe(true);
        expect(await b2.claimOnce('slack:retry:E1', 60_000)).toBe(false);
        expect(await a.claimOnce('slack:retry:E1', 60_000)).toBe(false);
        // Many callers at once on both instances: one wins.
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b2).claimOnce('click:X', 10_000)));
        expect(results.filter(Boolean)).toHaveLength(1);
        now += 60_001;
        expect(await b2.claimOnce('slack:retry:E1', 60_000)).toBe(true);
        expect(await a.claimOnce('slack:retry:E1', 60_000)).toBe(false);
      });

      it('drafts put on one instance are found on another, replaced, deleted, and gone once expired', async () => {
        let now = 1_700_000_000_000;
        const clock = () => now;
        const { store: a, location } = await fresh({ now: clock });
        const b2 = await another(location, { now: clock });
        const draft = { title: 'Draft — “quoted” ünïcode', parties: ['Acme'], n: 3 };
        await a.putState('draft:modal-1', draft, 15 * 60_000);
        expect(await b2.getState('draft:modal-1')).toEqual(draft);
        await b2.putState('draft:modal-1', { ...draft, n: 4 }, 15 * 60_000);
        expect(await a.getState('draft:modal-1')).toEqual({ ...draft, n: 4 });
        expect(await a.getState('draft:none')).toBeUndefined();
        await a.putState('draft:modal-2', draft, 1000);
        await a.putState('draft:modal-3', draft, 1000);
        now += 1001;
        expect(await b2.getState('draft:modal-2')).toBeUndefined();
        expect(await b2.deleteState('draft:modal-3')).toBe(false); // expired: nothing live was there
        expect(await a.pruneState()).toBe(1); // modal-2
        expect(await b2.deleteState('draft:modal-1')).toBe(true);
        expect(await a.getState('draft:modal-1')).toBeUndefined();
        expect(await a.deleteState('draft:modal-1')).toBe(false);
        expect(await a.pruneState()).toBe(0);
      });
    });

    describe('review queue', () => {
      const item = (key: string, status: 'pending' | 'no_deal' = 'pending') => ({
        feedUrl: 'https://news.example/feed',
        itemKey: key,
        title: `Item ${key}`,
        link: `https://news.example/${key}`,
        status,
        draft: { draft: { title: `Draft ${key}` }, missing: [] },
      });

      it('queues each feed item once (across instances), walks pending drafts in order, and decides each once', async () => {
        const { store: a, location } = await fresh();
        const b2 = await another(location);
        expect(await a.enqueueReviewItems([item('k1'), item('k2'), item('k3', 'no_deal')])).toEqual({ added: 3, alreadySeen: 0 });
        // The same items read again by another process: nothing drafted twice.
        expect(await b2.enqueueReviewItems([item('k2'), item('k4')])).toEqual({ added: 1, alreadySeen: 1 });
        expect([...(await b2.knownReviewKeys('https://news.example/feed', ['k1', 'k3', 'k9']))].sort()).toEqual(['k1', 'k3']);
        expect((await a.knownReviewKeys('https://other.example/feed', ['k1'])).size).toBe(0);

        const first = await a.nextReviewItem();
        expect(first).toMatchObject({ pending: 3, position: 1, item: { itemKey: 'k1', status: 'pending', title: 'Item k1' } });
        expect(first.item!.draft).toEqual({ draft: { title: 'Draft k1' }, missing: [] });
        const second = await b2.nextReviewItem(first.item!.id);
        expect(second).toMatchObject({ pending: 3, position: 2, item: { itemKey: 'k2' } });

        // Two admins deciding the same draft: the first wins, the second changes nothing.
        const decided = await Promise.all([
          a.decideReviewItem(first.item!.id, 'saved', 'admin-a', 't-slug'),
          b2.decideReviewItem(first.item!.id, 'skipped', 'admin-b'),
        ]);
        expect(decided.filter(Boolean)).toHaveLength(1);
        const after = (await b2.reviewItem(first.item!.id))!;
        expect(after.status).toBe(decided[0] ? 'saved' : 'skipped');
        expect(after.decidedBy).toBe(decided[0] ? 'admin-a' : 'admin-b');
        expect(await a.reviewItem(999_999)).toBeUndefined();
        expect(await a.countReviewItems()).toEqual({ pending: 2, saved: decided[0] ? 1 : 0, skipped: decided[0] ? 0 : 1, no_deal: 1 });
        // Past the last one, it wraps to the oldest pending draft.
        expect((await a.nextReviewItem(second.item!.id + 100)).item?.itemKey).toBe('k2');
      });
    });

    describe('several processes', () => {
      it('three stores opening an empty database at once migrate it once', async () => {
        const location = await b.newDatabase();
        const opened = await Promise.all([b.open(location), b.open(location), b.open(location)]);
        for (const o of opened) open.push(o.store);
        const applied = opened.flatMap((o) => o.applied).sort((x, y) => x - y);
        expect(applied).toEqual(Array.from({ length: b.migrationCount }, (_, i) => i + 1));
        // And all three work on the one database.
        await opened[0]!.store.createDeal(deal('t-three'), actor);
        expect(await opened[2]!.store.getDeal('t-three')).toBeDefined();
      });

      it('two stores saving the same deal from the same version: exactly one wins', async () => {
        const { store: a, location } = await seeded();
        const b2 = await another(location);
        const base = await a.createDeal(deal('t-race'), actor);
        for (let round = 0; round < 5; round++) {
          const v = (await a.getDeal('t-race'))!.version;
          const results = await Promise.allSettled([
            a.updateDeal('t-race', deal('t-race', { title: `From A ${round}` }), v, actor),
            b2.updateDeal('t-race', deal('t-race', { title: `From B ${round}` }), v, { ...actor, id: 'other' }),
          ]);
          const won = results.filter((r) => r.status === 'fulfilled');
          const lost = results.filter((r) => r.status === 'rejected');
          expect(won).toHaveLength(1);
          expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
          const now = (await b2.getDeal('t-race'))!;
          expect(now.version).toBe(v + 1);
          expect(now.deal.title).toBe((won[0] as PromiseFulfilledResult<{ deal: Deal }>).value.deal.title);
        }
        expect((await a.history({ subject: 't-race', limit: 100 })).filter((e) => e.action === 'deal.edit')).toHaveLength(5);
        expect(base.version).toBe(1);
      });
    });
  });
}

export type { StoreDump };
