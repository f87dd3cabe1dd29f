// Everything search reads from the store, as one interface: search (src/search) never sees SQL, the database handle
// or the schema. SqliteSearchReader is the SQLite implementation over a Store. Every method is a plain request/answer
// (no cursors or statements leak out), and every answer is a promise: SQLite's are settled at once (better-sqlite3
// reads on the calling thread), PostgreSQL's (src/store/postgres/search-reader.ts) come from its pool.
import type { DealStatus, DealType, PartyRole } from '../deals/schema.ts';
import type { Store } from './store.ts';
import { knownField } from './known.ts';
import { fieldText, normaliseText } from '../deals/names.ts';

/** One set of alternatives: a deal matches the group when it contains any of them (a word or a phrase of words). */
export type TermAlternatives = string[];

export type FtsColumn = 'parties' | 'title' | 'areas' | 'summary';

export interface TermMatchQuery {
  /** Groups of alternatives: `all` needs every group matched, `any` at least one. */
  groups: TermAlternatives[];
  mode: 'all' | 'any';
  /** Deals must have a party among each of these organisation-id sets. */
  orgs?: number[][];
  /** Rank by bm25 (costly when the words are common); otherwise newest first. */
  bm25: boolean;
  limit: number;
}

export interface CandidateRow {
  id: number;
  slug: string;
  title: string;
  type: DealType;
  status: DealStatus;
  announced: string;
  valueAmount: number | null;
  valueCurrency: string | null;
  /** The full-text index's columns, as indexed (parties include aliases). */
  partiesText: string;
  titleText: string;
  areasText: string;
  summaryText: string;
  parties: { orgId: number; role: PartyRole; name: string }[];
}

export type ListOrder = 'newest' | 'oldest' | 'value_desc' | 'value_asc';

export interface ListQuery {
  /** Each named company, with the roles it must have played (any role when absent). */
  orgs?: { orgIds: number[]; roles?: readonly PartyRole[] | undefined }[];
  types?: readonly DealType[];
  statuses?: readonly DealStatus[];
  /** Announced from / up to these years, inclusive. */
  fromYear?: number;
  toYear?: number;
  /**
   * Closed (completed or ended, the deal's `closed` date) from / up to these years, inclusive: "deals that closed in
   * 2022". A deal with no recorded closing date is in no such range.
   */
  closedFromYear?: number;
  closedToYear?: number;
  /** Topic groups that must all match, in the parties/title/areas columns (or anywhere when `topicAnywhere`). */
  topics?: TermAlternatives[];
  topicAnywhere?: boolean;
  /**
   * About how many deals the topic words are in (the caller knows its vocabulary's counts). Above WALK_TOPIC_DOCS
   * the list walks the other filters in order and checks the topic per deal, at most WALK_SCAN deals, instead of
   * reading every matching row of the index; the total is then a lower bound (`atLeast`).
   */
  topicDocs?: number;
  /** Count every deal of the list (a "how many" question); otherwise the total stops at LIST_COUNT_BOUND. */
  exactTotal?: boolean;
  order: ListOrder;
  /** Bounds on the value in approximate US dollars (needs usdRates). */
  minUsd?: number | undefined;
  maxUsd?: number | undefined;
  /** For value orders: US dollars per unit of each currency; deals without a value (or a rate) come last. */
  usdRates?: Readonly<Record<string, number>>;
}

export interface BreakdownRow {
  type: DealType;
  status: DealStatus;
  n: number;
}

export interface ListPage {
  total: number;
  ids: number[];
  atLeast?: boolean;
  breakdown?: BreakdownRow[];
}

export interface DealText {
  id: number;
  /** As indexed: party names with their aliases. */
  parties: string;
  title: string;
  areas: string;
  summary: string;
}

export interface SearchReader {
  /** Every organisation, with its ISO country code when known. */
  organisations(): Promise<{ id: number; name: string; country?: string | null; known?: string[] }[]>;
  aliases(): Promise<{ orgId: number; alias: string }[]>;
  /** The full-text index's vocabulary: each term with its document count. */
  termCounts(): Promise<[string, number][]>;
  /** Parties (with aliases) and title of every live deal, by ascending id. */
  titleTexts(): AsyncIterable<[number, string, string]>;
  /** The indexed text of the live deals with these ids (removed and missing ones left out), in any order. */
  dealTexts(ids: number[]): Promise<DealText[]>;
  dealIdsOfOrgs(orgIds: number[]): Promise<number[]>;
  dealBySlug(slug: string): Promise<{ id: number; slug: string; title: string } | undefined>;
  countDeals(): Promise<number>;
  orgDealCount(orgIds: number[]): Promise<number>;
  /** Deals having a party in each set, newest first. */
  dealsOfOrgs(orgs: number[][], limit: number): Promise<number[]>;
  matchTerms(q: TermMatchQuery): Promise<{ id: number; rank: number }[]>;
  candidates(ids: number[]): Promise<CandidateRow[]>;
  /** Slug and title of live deals, in the order of the ids given. */
  titles(ids: number[]): Promise<{ id: number; slug: string; title: string }[]>;
  newest(limit: number): Promise<{ slug: string; title: string }[]>;
  autocompleteRows(ids: number[]): Promise<{ id: number; parties: string; slug: string; title: string; announced: string }[]>;
  /**
   * A page of a list and its total. With `exactTotal` the list's `breakdown` comes too (the rows `breakdown(q)` gives,
   * in its order), unless a walk of a common topic answered (then ask `breakdown`): a "how many" shows both.
   */
  list(q: ListQuery, offset: number, limit: number): Promise<ListPage>;
  /** Deal counts of a list by type and status. */
  breakdown(q: ListQuery): Promise<BreakdownRow[]>;
}

/** A word or phrase as an FTS5 string (double quotes doubled): never FTS5 syntax. */
function ftsString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function ftsGroups(groups: TermAlternatives[], mode: 'all' | 'any', columns?: FtsColumn[]): string {
  const parts = groups.filter((g) => g.length).map((g) => `(${g.map(ftsString).join(' OR ')})`);
  const body = parts.join(mode === 'all' ? ' AND ' : ' OR ');
  return columns ? `{${columns.join(' ')}} : (${body})` : body;
}

/** Topic document counts above which a list walks deals in order instead of reading every index match. */
export const WALK_TOPIC_DOCS = 20000;
/** Lists count their deals up to this many (counts, `exactTotal`, count them all). */
export const LIST_COUNT_BOUND = 1000;
/** Deals a walk checks before it gives up and reads the topic's index matches instead. */
const WALK_SCAN = 3000;

/** Rows per read of titleTexts. */
export const TITLE_PAGE = 5000;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Full-text weights per column (parties incl. aliases, title, areas, summary), as bm25() takes them. */
const BM25 = 'bm25(deals_fts, 10.0, 5.0, 3.0, 1.0)';

/**
 * A deal read by id for its date, type, status, value or deleted_at only: through the covering index by id (some 50
 * bytes an entry, about 80 to a page), never the deal's row (some 2 KB with its stored document, two to a page). The
 * reads that test or sort every match of a word or every deal of a company read hundreds of deals, few of them in
 * SQLite's page cache: the row's page cost about 3 µs each, the index's entries far fewer pages. Same rows, same order.
 */
const DEAL_COVER = 'deals d INDEXED BY deals_row_cover';

/** How many deals' list texts (normalised parties, title, areas) a reader keeps between list walks. */
const WALK_TEXT_CACHE = 20_000;

/** Sets `key` in a bounded map, the oldest entry out first. */
function putBounded<K, V>(m: Map<K, V>, key: K, value: V, max: number): void {
  if (m.size >= max) m.delete(m.keys().next().value!);
  m.set(key, value);
}

export class SqliteSearchReader implements SearchReader {
  constructor(private readonly store: Store) {}

  /**
   * The normalised texts a list walk tests topics on, by deal id, for the deals walked lately (the newest of a type
   * are walked again by every "latest … investments"): a walk then steps the covering index alone, about 1 µs a deal,
   * instead of reading three full-text columns, about 12 µs. Two maps, without and with the summary. Emptied when the
   * store changes (its change stamp: this connection's writes and other processes' alike); bounded, oldest first out.
   */
  private walkTexts: [Map<number, string>, Map<number, string>] = [new Map(), new Map()];
  private walkTextsStamp = '';

  /** Empties the walk texts when the store has changed since they were kept (any process's write). */
  private freshWalkTexts(): void {
    const stamp = this.store.changeStamp();
    if (stamp === this.walkTextsStamp) return;
    this.walkTexts = [new Map(), new Map()];
    this.walkTextsStamp = stamp;
  }

  private get db() {
    return this.store.db;
  }

  async organisations(): Promise<{ id: number; name: string; country: string | null; known?: string[] }[]> {
    const rows = this.db.prepare('SELECT id, name, country, known FROM organisations').all() as { id: number; name: string; country: string | null; known: string | null }[];
    return rows.map(({ known, ...o }) => ({ ...o, ...knownField(known) }));
  }

  async aliases(): Promise<{ orgId: number; alias: string }[]> {
    return this.db.prepare('SELECT org_id AS orgId, alias FROM aliases').all() as { orgId: number; alias: string }[];
  }

  async termCounts(): Promise<[string, number][]> {
    return this.db.prepare('SELECT term, doc FROM deals_fts_vocab').raw().all() as [string, number][];
  }

  /** Read in pages by rowid (never an open statement across awaits: the connection is shared). */
  async *titleTexts(): AsyncIterable<[number, string, string]> {
    let after = 0;
    for (;;) {
      const page = this.store
        .prepared('SELECT rowid, parties, title FROM deals_fts WHERE rowid > ? ORDER BY rowid LIMIT ?')
        .raw()
        .all(after, TITLE_PAGE) as [number, string, string][];
      yield* page;
      if (page.length < TITLE_PAGE) return;
      after = page[page.length - 1]![0];
    }
  }

  async dealTexts(ids: number[]): Promise<DealText[]> {
    if (!ids.length) return [];
    return this.store
      .prepared('SELECT f.rowid AS id, f.parties, f.title, f.areas, f.summary FROM json_each(?) j JOIN deals_fts f ON f.rowid = j.value')
      .all(JSON.stringify(ids)) as DealText[];
  }

  async dealIdsOfOrgs(orgIds: number[]): Promise<number[]> {
    if (!orgIds.length) return [];
    return this.db
      .prepare(`SELECT DISTINCT deal_id FROM deal_parties WHERE org_id IN (${marks(orgIds.length)}) ORDER BY deal_id`)
      .pluck()
      .all(...orgIds) as number[];
  }

  async dealBySlug(slug: string): Promise<{ id: number; slug: string; title: string } | undefined> {
    return this.store.prepared('SELECT id, slug, title FROM deals WHERE slug = ? AND deleted_at IS NULL').get(slug) as
      | { id: number; slug: string; title: string }
      | undefined;
  }

  async countDeals(): Promise<number> {
    return (this.store.prepared('SELECT count(*) AS n FROM deals WHERE deleted_at IS NULL').get() as { n: number }).n;
  }

  async orgDealCount(orgIds: number[]): Promise<number> {
    const r = this.store.prepared(`SELECT count(*) AS n FROM deal_parties WHERE org_id IN (${marks(orgIds.length)})`).get(...orgIds) as {
      n: number;
    };
    return r.n;
  }

  /**
   * Each set's test on the deal at hand. Through the deal's own parties (its primary key: two or three rows), never the
   * organisation index (`+p.org_id`): without table statistics SQLite took deal_parties_org and, for every deal tested,
   * walked all of the company's party rows (655 for a company with 655 deals: 1–3 ms a read instead of 0.05).
   */
  private partyConds(orgs: number[][], params: (string | number)[]): string[] {
    return orgs.map((ids) => {
      params.push(...ids);
      return `EXISTS (SELECT 1 FROM deal_parties p WHERE p.deal_id = d.id AND +p.org_id IN (${marks(ids.length)}))`;
    });
  }

  async dealsOfOrgs(orgs: number[][], limit: number): Promise<number[]> {
    if (!orgs.length) return [];
    const [first, ...rest] = orgs;
    const params: (string | number)[] = [...first!];
    const conds = this.partyConds(rest, params);
    const sql = `SELECT DISTINCT d.id AS id FROM deal_parties p0 JOIN ${DEAL_COVER} ON d.id = p0.deal_id
      WHERE p0.org_id IN (${marks(first!.length)}) AND d.deleted_at IS NULL ${conds.map((c) => `AND ${c}`).join(' ')}
      ORDER BY d.announced DESC, d.id DESC LIMIT ?`;
    return this.store.prepared(sql).pluck().all(...params, limit) as number[];
  }

  async matchTerms(q: TermMatchQuery): Promise<{ id: number; rank: number }[]> {
    const groups = q.groups.filter((g) => g.length);
    if (!groups.length) return [];
    const params: (string | number)[] = [ftsGroups(groups, q.mode)];
    if (!q.orgs?.length) {
      // The full-text index holds live deals only (a removed deal leaves it in the same transaction; titleTexts and
      // dealTexts read it alone too): without companies to test, the deal's row is not read for deleted_at. A rare
      // word's bm25 over its 100–400 matches had a lookup in the covering index for each (0.63 -> 0.37 ms a word).
      const sql = q.bm25
        ? `SELECT f.rowid AS id, ${BM25} AS rank FROM deals_fts f WHERE deals_fts MATCH ? ORDER BY rank LIMIT ?`
        : 'SELECT f.rowid AS id, 0 AS rank FROM deals_fts f WHERE deals_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?';
      return this.store.prepared(sql).all(...params, q.limit) as { id: number; rank: number }[];
    }
    const conds = this.partyConds(q.orgs, params);
    const where = `WHERE deals_fts MATCH ? AND d.deleted_at IS NULL ${conds.map((c) => `AND ${c}`).join(' ')}`;
    const sql = q.bm25
      ? `SELECT d.id AS id, ${BM25} AS rank FROM deals_fts f JOIN ${DEAL_COVER} ON d.id = f.rowid ${where} ORDER BY rank LIMIT ?`
      : `SELECT d.id AS id, 0 AS rank FROM deals_fts f JOIN ${DEAL_COVER} ON d.id = f.rowid ${where} ORDER BY f.rowid DESC LIMIT ?`;
    return this.store.prepared(sql).all(...params, q.limit) as { id: number; rank: number }[];
  }

  async candidates(ids: number[]): Promise<CandidateRow[]> {
    if (!ids.length) return [];
    const json = JSON.stringify(ids);
    // Rows as arrays, each made into one object of a fixed shape here: better-sqlite3's named rows, spread into a copy
    // with the parties, cost about a fifth of this read (100-150 deals for a question's ranking).
    const rows = this.store
      .prepared(
        `SELECT f.rowid, f.parties, f.title, f.areas, f.summary, d.slug, d.title, d.type, d.status, d.announced, d.value_amount, d.value_currency
         FROM json_each(?) j JOIN deals d ON d.id = j.value JOIN deals_fts f ON f.rowid = d.id WHERE d.deleted_at IS NULL`,
      )
      .raw()
      .all(json) as [number, string, string, string, string, string, string, DealType, DealStatus, string, number | null, string | null][];
    const partyRows = this.store
      .prepared(
        `SELECT p.deal_id, p.org_id, p.role, o.name FROM json_each(?) j
         JOIN deal_parties p ON p.deal_id = j.value JOIN organisations o ON o.id = p.org_id ORDER BY p.deal_id, p.position`,
      )
      .raw()
      .all(json) as [number, number, PartyRole, string][];
    const byDeal = new Map<number, CandidateRow['parties']>();
    for (const [dealId, orgId, role, name] of partyRows) {
      const party = { orgId, role, name };
      const l = byDeal.get(dealId);
      if (l) l.push(party);
      else byDeal.set(dealId, [party]);
    }
    const byId = new Map<number, CandidateRow>();
    for (const [id, partiesText, titleText, areasText, summaryText, slug, title, type, status, announced, valueAmount, valueCurrency] of rows) {
      const parties = byDeal.get(id) ?? [];
      byId.set(id, { id, partiesText, titleText, areasText, summaryText, slug, title, type, status, announced, valueAmount, valueCurrency, parties });
    }
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [r] : [];
    });
  }

  async titles(ids: number[]): Promise<{ id: number; slug: string; title: string }[]> {
    if (!ids.length) return [];
    const rows = this.store
      .prepared('SELECT d.id AS id, d.slug AS slug, d.title AS title FROM json_each(?) j JOIN deals d ON d.id = j.value WHERE d.deleted_at IS NULL')
      .all(JSON.stringify(ids)) as { id: number; slug: string; title: string }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [r] : [];
    });
  }

  async newest(limit: number): Promise<{ slug: string; title: string }[]> {
    return this.store
      .prepared('SELECT slug, title FROM deals WHERE deleted_at IS NULL ORDER BY announced DESC, id DESC LIMIT ?')
      .all(limit) as { slug: string; title: string }[];
  }

  async autocompleteRows(ids: number[]): Promise<{ id: number; parties: string; slug: string; title: string; announced: string }[]> {
    if (!ids.length) return [];
    return this.store
      .prepared(
        `SELECT f.rowid AS id, f.parties AS parties, d.slug AS slug, d.title AS title, d.announced AS announced
         FROM json_each(?) j JOIN deals d ON d.id = j.value JOIN deals_fts f ON f.rowid = d.id WHERE d.deleted_at IS NULL`,
      )
      .all(JSON.stringify(ids)) as { id: number; parties: string; slug: string; title: string; announced: string }[];
  }

  private listWhere(q: ListQuery, params: (string | number)[], skipTopics = false, typeIndexed = false): string {
    const where = ['d.deleted_at IS NULL'];
    for (const o of q.orgs ?? []) {
      if (!o.orgIds.length) continue;
      params.push(...o.orgIds);
      let cond = `p.org_id IN (${marks(o.orgIds.length)})`;
      if (o.roles?.length) {
        params.push(...o.roles);
        cond += ` AND p.role IN (${marks(o.roles.length)})`;
      }
      // Driven from the parties index (a correlated EXISTS would test every deal).
      where.push(`d.id IN (SELECT p.deal_id FROM deal_parties p WHERE ${cond})`);
    }
    if (q.types?.length) {
      params.push(...q.types);
      // Not through the type index (a type is a large share of all deals): the date index or the parties drive.
      // (Unless the caller walks the index led by the type, deals_type_list.)
      where.push(`${typeIndexed ? '' : '+'}d.type IN (${marks(q.types.length)})`);
    }
    if (q.statuses?.length) {
      params.push(...q.statuses);
      where.push(`d.status IN (${marks(q.statuses.length)})`);
    }
    if (q.fromYear !== undefined) {
      params.push(String(q.fromYear));
      where.push('d.announced >= ?');
    }
    if (q.toYear !== undefined) {
      params.push(`${q.toYear}-99`);
      where.push('d.announced <= ?');
    }
    if (q.closedFromYear !== undefined) {
      params.push(String(q.closedFromYear));
      where.push('d.closed >= ?');
    }
    if (q.closedToYear !== undefined) {
      params.push(`${q.closedToYear}-99`);
      where.push('d.closed <= ?');
    }
    const topics = (q.topics ?? []).filter((t) => t.length);
    if (topics.length && !skipTopics) {
      params.push(ftsGroups(topics, 'all', q.topicAnywhere ? undefined : ['parties', 'title', 'areas']));
      where.push('d.id IN (SELECT rowid FROM deals_fts WHERE deals_fts MATCH ?)');
    }
    if (q.minUsd !== undefined || q.maxUsd !== undefined) {
      if (q.minUsd !== undefined) {
        // The expression's own parameters go in just before the bound's (an upper bound alone once got both sets).
        const usd = this.usdExpr(q.usdRates ?? { USD: 1 }, params);
        where.push(`${usd} >= ?`);
        params.push(q.minUsd);
      }
      if (q.maxUsd !== undefined) {
        const usd2 = this.usdExpr(q.usdRates ?? { USD: 1 }, params);
        where.push(`${usd2} <= ?`);
        params.push(q.maxUsd);
      }
    }
    return where.join(' AND ');
  }

  private usdExpr(rates: Readonly<Record<string, number>>, params: (string | number)[]): string {
    const entries = Object.entries(rates);
    for (const [c, r] of entries) params.push(c, r);
    return `(d.value_amount * CASE d.value_currency ${entries.map(() => 'WHEN ? THEN ?').join(' ')} END)`;
  }

  async list(q: ListQuery, offset: number, limit: number): Promise<ListPage> {
    if (q.topics?.length && (q.topicDocs ?? 0) > WALK_TOPIC_DOCS && offset + limit <= 50) {
      // Common words: first walk the newest (or largest) deals; when the topic is dense there, the page fills fast.
      const w = this.walkList(q, offset, limit);
      if (w) return w;
    }
    const wp: (string | number)[] = [];
    const where = this.listWhere(q, wp);
    // Counted up to a bound unless asked for the exact number: a list of 20,000 deals shows "at least 1,000".
    const bound = q.exactTotal ? -1 : LIST_COUNT_BOUND + 1;
    const { from, byOrgs, typeLed } = this.listDrive(q);
    const op: (string | number)[] = [];
    const order = this.orderBy(q, op);
    if (!q.exactTotal && (byOrgs || (q.topics ?? []).some((t) => t.length))) {
      // A topic's matches, or a company's deals, drive the read and are all read (and sorted) whatever the page, so
      // the bounded count and the page are one read: the first `bound` deals in order (or as many as the page needs),
      // counted here. Reading them twice, for a count and again for the page, was half of such a list's time ("latest
      // apps investments": 1.4 + 1.4 ms; "klyzhan retail deals since 2015", 655 deals: 1.0 + 1.0 ms).
      const all = this.store
        .prepared(`SELECT d.id FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ?`)
        .pluck()
        .all(...wp, ...op, Math.max(bound, offset + Math.max(limit, 0))) as number[];
      const total = Math.min(all.length, bound);
      const ids = total === 0 || limit <= 0 ? [] : all.slice(offset, offset + limit);
      return total > LIST_COUNT_BOUND ? { total: LIST_COUNT_BOUND, ids, atLeast: true } : { total, ids };
    }
    // Without companies or a topic, the count goes through the index led by the type (only that type's entries are
    // read; the type-less indexes read every type's, 3.5 ms to count 1,000 investments). The page keeps the date
    // index, which stops at the page. An exact count ("how many") is the breakdown's sum: its answer shows the
    // breakdown too, and counting, then reading the same deals again for it, read a company's deals three times.
    let breakdown: BreakdownRow[] | undefined;
    let total: number;
    if (q.exactTotal) {
      breakdown = this.breakdownRows(q);
      total = breakdown.reduce((n, r) => n + r.n, 0);
    } else {
      const cp: (string | number)[] = [];
      const countWhere = typeLed ? this.listWhere(q, cp, false, true) : where;
      total = (this.store.prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${countWhere} LIMIT ?)`).get(...(typeLed ? cp : wp), bound) as { n: number }).n;
    }
    const atLeast = !q.exactTotal && total > LIST_COUNT_BOUND;
    if (total === 0 || limit <= 0) return breakdown ? { total, ids: [], breakdown } : { total, ids: [] };
    const ids = this.store
      .prepared(`SELECT d.id FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...wp, ...op, limit, offset) as number[];
    if (breakdown) return { total, ids, breakdown };
    return atLeast ? { total: LIST_COUNT_BOUND, ids, atLeast } : { total, ids };
  }

  private orderBy(q: ListQuery, op: (string | number)[]): string {
    if (q.order === 'oldest') return 'd.announced ASC, d.id ASC';
    if (q.order === 'value_desc' || q.order === 'value_asc') {
      const usd = this.usdExpr(q.usdRates ?? { USD: 1 }, op);
      return `${usd} ${q.order === 'value_desc' ? 'DESC' : 'ASC'} NULLS LAST, d.announced DESC, d.id DESC`;
    }
    return 'd.announced DESC, d.id DESC';
  }

  /** A list whose topic is common: deals in order, the topic checked on each one's indexed words, bounded. */
  private walkList(q: ListQuery, offset: number, limit: number): { total: number; ids: number[]; atLeast?: boolean } | undefined {
    const wp: (string | number)[] = [];
    const byOrgs = q.orgs?.some((o) => o.orgIds.length) === true;
    // One type without companies ("latest memory investments"): the index led by the type walks that type's deals
    // alone, in date order, instead of every deal in date order with the other types skipped (an investment is one
    // deal in five: a walk of 3,000 investments read some 15,000 index entries). Same rows, same order.
    const oneType = !byOrgs && q.types?.length === 1;
    const where = this.listWhere(q, wp, true, oneType);
    const op: (string | number)[] = [];
    // Without companies, the deals are walked through the list index (date, type, status, value, deleted_at), never
    // their large rows: reading deleted_at from the row cost about 35 µs a deal, the index about 3 µs.
    const from = byOrgs ? 'deals d' : oneType ? 'deals d INDEXED BY deals_type_list' : 'deals d INDEXED BY deals_list';
    const sql = `SELECT d.id FROM ${from} WHERE ${where} ORDER BY ${this.orderBy(q, op)} LIMIT ?`;
    // Iterated (a statement of its own, never the shared cache's) so the walk stops as soon as the page is full.
    const rows = this.db.prepare(sql).pluck().iterate(...wp, ...op, WALK_SCAN) as IterableIterator<number>;
    this.freshWalkTexts();
    const cache = this.walkTexts[q.topicAnywhere ? 1 : 0];
    const textOf = this.store.prepared(`SELECT parties, title, areas${q.topicAnywhere ? ', summary' : ''} FROM deals_fts WHERE rowid = ?`).raw();
    const groups = (q.topics ?? []).map((g) => g.map((a) => ` ${normaliseText(a)} `));
    const ids: number[] = [];
    let found = 0;
    let more = false;
    let scanned = 0;
    for (const id of rows) {
      scanned++;
      let text = cache.get(id);
      if (text === undefined) {
        text = ` ${fieldText(((textOf.get(id) as string[] | undefined) ?? []).join(' ; '))} `;
        putBounded(cache, id, text, WALK_TEXT_CACHE);
      }
      if (!groups.every((g) => g.some((a) => text.includes(a)))) continue;
      if (found >= offset + limit) {
        more = true;
        rows.return?.();
        break;
      }
      if (found >= offset) ids.push(id);
      found++;
    }
    // Past the page there is at least one more: the total is a lower bound. Every deal checked: exact. Otherwise
    // the walk gave up (the topic is rare among these deals): the caller reads the index instead.
    if (more) return { total: found + 1, ids, atLeast: true };
    return scanned < WALK_SCAN ? { total: found, ids } : undefined;
  }

  /**
   * What drives a list's read. A topic drives from the index's matches, companies from their parties: each deal is
   * then read through the covering index by id, never its large row (deleted_at sits after the stored document).
   * Without either, counts go through the index led by the type (`typeLed`).
   */
  private listDrive(q: ListQuery): { from: string; byOrgs: boolean; typeLed: boolean } {
    const byOrgs = q.orgs?.some((o) => o.orgIds.length) === true;
    const byTopic = !!q.topics?.length;
    return { from: byTopic || byOrgs ? DEAL_COVER : 'deals d', byOrgs, typeLed: !byOrgs && !byTopic };
  }

  async breakdown(q: ListQuery): Promise<BreakdownRow[]> {
    return this.breakdownRows(q);
  }

  private breakdownRows(q: ListQuery): BreakdownRow[] {
    const wp: (string | number)[] = [];
    // As list's count: companies or a topic drive through the covering index by id; otherwise the type-led index
    // seeks the types asked (a count of every type's deals read all 100,000 entries to count the acquisitions).
    const { from, typeLed } = this.listDrive(q);
    const where = this.listWhere(q, wp, false, typeLed);
    return this.store
      .prepared(`SELECT d.type AS type, d.status AS status, count(*) AS n FROM ${from} WHERE ${where} GROUP BY d.type, d.status`)
      .all(...wp) as BreakdownRow[];
  }
}
