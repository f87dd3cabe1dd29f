// The SearchReader on PostgreSQL: the same requests and answers as SqliteSearchReader, over the weighted tsvector
// (parties A, title B, areas C, summary D; GIN-indexed, accents folded by dealbot_unaccent) and the same bounded
// strategies for very common words (src/store/postgres/retrieval.ts measured them): ranked by ts_rank only when the
// caller says the words are rare, otherwise newest first, walking the ordered index and testing each row. Lists
// match their topic in a second vector of parties, title and areas (topic_search, GIN-indexed: migration 3).
//
// Words and phrases reach PostgreSQL only as bound parameters through phraseto_tsquery, never as tsquery syntax.
// Removed deals keep their row (and its tsvector) here, unlike SQLite's index: every read says `deleted_at IS NULL`.
import type pg from 'pg';
import {
  LIST_COUNT_BOUND,
  TITLE_PAGE,
  WALK_TOPIC_DOCS,
  type BreakdownRow,
  type CandidateRow,
  type DealText,
  type ListPage,
  type ListQuery,
  type SearchReader,
  type TermAlternatives,
  type TermMatchQuery,
} from '../search-reader.ts';
import { knownField } from '../known.ts';
import { describePgError } from './errors.ts';

/** Topic document counts up to which a list reads the topic's index alone and tests the type on each match. */
const TOPIC_ALONE_DOCS = 5000;

/** Deals a walk of a common topic checks before it reads the topic's index matches instead (as on SQLite). */
const WALK_SCAN = 3000;

/**
 * ts_rank weights, in PostgreSQL's order {D, C, B, A}: summary, areas, title, parties — SQLite's bm25 weights
 * (1, 3, 5, 10 for summary, areas, title, parties) scaled to PostgreSQL's 0–1 range.
 */
const RANK_WEIGHTS = `'{0.1, 0.3, 0.5, 1.0}'`;

/** Names of prepared statements by text, one set for the process (a connection must never see a name twice). */
const STATEMENT_NAMES = new Map<string, string>();

/** Collects bound parameters; `$(v)` adds one and returns its placeholder. */
class Params {
  readonly values: unknown[] = [];
  $(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

/** Groups of alternatives (words or phrases) as one tsquery expression: `all` ANDs the groups, `any` ORs them. */
function tsquery(groups: TermAlternatives[], mode: 'all' | 'any', p: Params): string {
  const one = (alt: string) => `phraseto_tsquery('simple', dealbot_unaccent(${p.$(alt, '::text')}))`;
  const parts = groups.filter((g) => g.length).map((g) => `(${g.map(one).join(' || ')})`);
  return `(${parts.join(mode === 'all' ? ' && ' : ' || ')})`;
}

export class PgSearchReader implements SearchReader {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (e) {
      throw describePgError(e) ?? e;
    }
  }

  /**
   * A statement of fixed text (ids or organisation ids bound): prepared once per connection under a name, so each
   * call skips parsing and, once PostgreSQL settles on a generic plan, planning (0.1–0.5 ms a statement, ten or more
   * statements a question). Not for full-text reads, whose best plan depends on the words.
   */
  private async prepared<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    let name = STATEMENT_NAMES.get(sql);
    if (!name) STATEMENT_NAMES.set(sql, (name = `dealbot_search_${STATEMENT_NAMES.size + 1}`));
    try {
      return (await this.pool.query<R>({ name, text: sql, values: params })).rows;
    } catch (e) {
      throw describePgError(e) ?? e;
    }
  }

  async organisations(): Promise<{ id: number; name: string; country: string | null; known?: string[] }[]> {
    const rows = await this.rows<{ id: number; name: string; country: string | null; known: string[] | null }>('SELECT id, name, country, known FROM organisations');
    return rows.map(({ known, ...o }) => ({ ...o, ...knownField(known) }));
  }

  async aliases(): Promise<{ orgId: number; alias: string }[]> {
    return this.rows('SELECT org_id AS "orgId", alias FROM aliases');
  }

  /**
   * The index's words with their document counts over live deals (ts_stat reads every vector: seconds at 100k, once
   * per process). Only plain words: PostgreSQL's parser also keeps compounds ("gpt-4", "1.5") that SQLite's
   * tokenizer splits, and no question word can be one.
   */
  async termCounts(): Promise<[string, number][]> {
    const r = await this.rows<{ word: string; ndoc: number }>(
      `SELECT word, ndoc FROM ts_stat('SELECT search FROM deals WHERE deleted_at IS NULL') WHERE word !~ '[^[:alnum:]]'`,
    );
    return r.map((x) => [x.word, x.ndoc]);
  }

  async *titleTexts(): AsyncIterable<[number, string, string]> {
    let after = 0;
    for (;;) {
      const page = await this.rows<{ id: number; p: string; t: string }>(
        'SELECT id, parties_text AS p, title AS t FROM deals WHERE id > $1 AND deleted_at IS NULL ORDER BY id LIMIT $2',
        [after, TITLE_PAGE],
      );
      for (const r of page) yield [r.id, r.p, r.t];
      if (page.length < TITLE_PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  async dealTexts(ids: number[]): Promise<DealText[]> {
    if (!ids.length) return [];
    return this.prepared<DealText>(
      'SELECT id, parties_text AS parties, title, areas_text AS areas, summary FROM deals WHERE id = ANY($1::int[]) AND deleted_at IS NULL',
      [ids],
    );
  }

  async dealIdsOfOrgs(orgIds: number[]): Promise<number[]> {
    if (!orgIds.length) return [];
    const r = await this.prepared<{ id: number }>('SELECT DISTINCT deal_id AS id FROM deal_parties WHERE org_id = ANY($1::int[]) ORDER BY deal_id', [orgIds]);
    return r.map((x) => x.id);
  }

  async dealBySlug(slug: string): Promise<{ id: number; slug: string; title: string } | undefined> {
    return (await this.prepared<{ id: number; slug: string; title: string }>('SELECT id, slug, title FROM deals WHERE slug = $1 AND deleted_at IS NULL', [slug]))[0];
  }

  async countDeals(): Promise<number> {
    return (await this.rows<{ n: number }>('SELECT count(*)::int AS n FROM deals WHERE deleted_at IS NULL'))[0]!.n;
  }

  async orgDealCount(orgIds: number[]): Promise<number> {
    return (await this.prepared<{ n: number }>('SELECT count(*)::int AS n FROM deal_parties WHERE org_id = ANY($1::int[])', [orgIds]))[0]!.n;
  }

  private partyConds(orgs: number[][], p: Params): string[] {
    return orgs.map((ids) => `EXISTS (SELECT 1 FROM deal_parties p WHERE p.deal_id = d.id AND p.org_id = ANY(${p.$(ids, '::int[]')}))`);
  }

  async dealsOfOrgs(orgs: number[][], limit: number): Promise<number[]> {
    if (!orgs.length) return [];
    const [first, ...rest] = orgs;
    const p = new Params();
    const firstIds = p.$(first!, '::int[]');
    const conds = this.partyConds(rest, p);
    // The first (rarest) company's deals from the party index, then sorted: left to itself the planner walks every
    // deal newest first and looks up its parties (~24 ms for a company in 655 of 100k deals, ~1 ms this way).
    const r = await this.prepared<{ id: number }>(
      `WITH f AS MATERIALIZED (SELECT DISTINCT deal_id FROM deal_parties WHERE org_id = ANY(${firstIds}))
       SELECT d.id FROM f JOIN deals d ON d.id = f.deal_id
       WHERE d.deleted_at IS NULL
       ${conds.map((c) => `AND ${c}`).join(' ')}
       ORDER BY d.announced DESC, d.id DESC LIMIT ${p.$(limit)}`,
      p.values,
    );
    return r.map((x) => x.id);
  }

  async matchTerms(q: TermMatchQuery): Promise<{ id: number; rank: number }[]> {
    const groups = q.groups.filter((g) => g.length);
    if (!groups.length) return [];
    const p = new Params();
    const query = tsquery(groups, q.mode, p);
    const conds = this.partyConds(q.orgs ?? [], p);
    const where = `WHERE d.search @@ ${query} AND d.deleted_at IS NULL ${conds.map((c) => `AND ${c}`).join(' ')}`;
    if (!q.bm25) {
      if (groups.some((g) => g.some(isPhrase))) {
        // A phrase of common words: PostgreSQL guesses it as common as its words together (the index has no
        // positions) and walks the primary key testing every deal — 78,799 deals, ~0.5 s, for "storage chips" in 74
        // of 100k. Fenced (OFFSET 0), the index's matches of the words are tested instead (2,538 there), then sorted.
        return this.rows<{ id: number; rank: number }>(
          `SELECT id, 0 AS rank FROM (SELECT d.id FROM deals d ${where} OFFSET 0) m ORDER BY id DESC LIMIT ${p.$(q.limit)}`,
          p.values,
        );
      }
      // Newest id first (the primary key walked backwards, each row tested): cheap for common words.
      return this.rows<{ id: number; rank: number }>(`SELECT d.id, 0 AS rank FROM deals d ${where} ORDER BY d.id DESC LIMIT ${p.$(q.limit)}`, p.values);
    }
    // Ranked as bm25() ranks (lower is better): ts_rank has no inverse document frequency, so each group's rank is
    // weighted by bm25's IDF of the group, from its document count (callers rank only rare words: the counts are a
    // few GIN lookups) over about how many deals there are (the highest id).
    const parts = groups.map((g) => {
      const gq = tsquery([g], 'all', p);
      const docs = `(SELECT count(*) FROM deals WHERE search @@ ${gq})`;
      return `ln(1 + (n.total - ${docs} + 0.5) / (${docs} + 0.5)) * ts_rank(${RANK_WEIGHTS}, d.search, ${gq})`;
    });
    const sql = `SELECT d.id, -(${parts.join(' + ')}) AS rank
      FROM deals d, (SELECT coalesce(max(id), 0)::float8 AS total FROM deals) n ${where} ORDER BY rank, d.id DESC LIMIT ${p.$(q.limit)}`;
    return this.rows<{ id: number; rank: number }>(sql, p.values);
  }

  async candidates(ids: number[]): Promise<CandidateRow[]> {
    if (!ids.length) return [];
    // One round trip: each deal's parties aggregated in party order.
    const rows = await this.prepared<CandidateRow>(
      `SELECT d.id, d.parties_text AS "partiesText", d.title AS "titleText", d.areas_text AS "areasText", d.summary AS "summaryText",
         d.slug, d.title, d.type, d.status, d.announced, d.value_amount AS "valueAmount", d.value_currency AS "valueCurrency",
         (SELECT coalesce(json_agg(json_build_object('orgId', p.org_id, 'role', p.role, 'name', o.name) ORDER BY p.position), '[]')
          FROM deal_parties p JOIN organisations o ON o.id = p.org_id WHERE p.deal_id = d.id) AS parties
       FROM deals d WHERE d.id = ANY($1::int[]) AND d.deleted_at IS NULL`,
      [ids],
    );
    return inOrder(ids, new Map(rows.map((r) => [r.id, r])));
  }

  async titles(ids: number[]): Promise<{ id: number; slug: string; title: string }[]> {
    if (!ids.length) return [];
    const rows = await this.prepared<{ id: number; slug: string; title: string }>(
      'SELECT id, slug, title FROM deals WHERE id = ANY($1::int[]) AND deleted_at IS NULL',
      [ids],
    );
    return inOrder(ids, new Map(rows.map((r) => [r.id, r])));
  }

  async newest(limit: number): Promise<{ slug: string; title: string }[]> {
    return this.prepared('SELECT slug, title FROM deals WHERE deleted_at IS NULL ORDER BY announced DESC, id DESC LIMIT $1', [limit]);
  }

  async autocompleteRows(ids: number[]): Promise<{ id: number; parties: string; slug: string; title: string; announced: string }[]> {
    if (!ids.length) return [];
    return this.prepared(
      'SELECT id, parties_text AS parties, slug, title, announced FROM deals WHERE id = ANY($1::int[]) AND deleted_at IS NULL',
      [ids],
    );
  }

  /**
   * The topic condition: every group matched, in parties/title/areas (the topic vector, without the summary) unless
   * `topicAnywhere`. The topic vector's own GIN index answers a word without reading each deal's vector, as the
   * weighted vector with 'word':ABC could not (a recheck of every match).
   */
  private topicCond(q: ListQuery, p: Params, alias = 'd'): string | undefined {
    const topics = (q.topics ?? []).filter((t) => t.length);
    if (!topics.length) return undefined;
    return `${alias}.${q.topicAnywhere ? 'search' : 'topic_search'} @@ ${tsquery(topics, 'all', p)}`;
  }

  private listWhere(q: ListQuery, p: Params, skipTopics = false): string {
    const where = ['d.deleted_at IS NULL'];
    // Without a topic, a company is the list's narrowest filter: its deals are read from the party index and the
    // rest tested on them (an array the planner cannot turn into a walk of every deal newest first, probing the
    // parties of each: 1,772 deals walked for "klyzhan retail deals since 2015", 7 -> 1.5 ms for the page).
    const partyFirst = !(q.topics ?? []).some((t) => t.length);
    for (const o of q.orgs ?? []) {
      if (!o.orgIds.length) continue;
      let cond = `p.org_id = ANY(${p.$(o.orgIds, '::int[]')})`;
      if (o.roles?.length) cond += ` AND p.role = ANY(${p.$([...o.roles], '::text[]')})`;
      const deals = `SELECT p.deal_id FROM deal_parties p WHERE ${cond}`;
      where.push(partyFirst ? `d.id = ANY(ARRAY(${deals}))` : `d.id IN (${deals})`);
    }
    if (q.types?.length) {
      // With a topic the caller counts in few deals, the type is tested on the topic's matches: PostgreSQL would
      // otherwise AND the topic's index with the type's (~20k entries for investments: 3–9 ms of the list's 4–10).
      const byRow = !skipTopics && (q.topics ?? []).some((t) => t.length) && q.topicDocs !== undefined && q.topicDocs <= TOPIC_ALONE_DOCS;
      const col = byRow ? "(d.type || '')" : 'd.type';
      // One type as an equality: PostgreSQL 15 walks the (type, announced) index in order only for `=`, not `= ANY`
      // (a common topic's walk of investments read 8,800 deals through the newest-first index instead of 1,800).
      where.push(q.types.length === 1 ? `${col} = ${p.$(q.types[0], '::text')}` : `${col} = ANY(${p.$([...q.types], '::text[]')})`);
    }
    if (q.statuses?.length) where.push(`d.status = ANY(${p.$([...q.statuses], '::text[]')})`);
    if (q.fromYear !== undefined) where.push(`d.announced >= ${p.$(String(q.fromYear), '::text')}`);
    if (q.toYear !== undefined) where.push(`d.announced <= ${p.$(`${q.toYear}-99`, '::text')}`);
    if (q.closedFromYear !== undefined) where.push(`d.closed >= ${p.$(String(q.closedFromYear), '::text')}`);
    if (q.closedToYear !== undefined) where.push(`d.closed <= ${p.$(`${q.closedToYear}-99`, '::text')}`);
    if (!skipTopics) {
      const t = this.topicCond(q, p);
      if (t) where.push(t);
    }
    if (q.minUsd !== undefined) where.push(`${this.usdExpr(q.usdRates ?? { USD: 1 }, p)} >= ${p.$(q.minUsd, '::float8')}`);
    if (q.maxUsd !== undefined) where.push(`${this.usdExpr(q.usdRates ?? { USD: 1 }, p)} <= ${p.$(q.maxUsd, '::float8')}`);
    return where.join(' AND ');
  }

  private usdExpr(rates: Readonly<Record<string, number>>, p: Params): string {
    const entries = Object.entries(rates);
    return `(d.value_amount * CASE d.value_currency ${entries.map(([c, r]) => `WHEN ${p.$(c, '::text')} THEN ${p.$(r, '::float8')}`).join(' ')} END)`;
  }

  private orderBy(q: ListQuery, p: Params): string {
    if (q.order === 'oldest') return 'd.announced ASC, d.id ASC';
    if (q.order === 'value_desc' || q.order === 'value_asc') {
      const usd = this.usdExpr(q.usdRates ?? { USD: 1 }, p);
      return `${usd} ${q.order === 'value_desc' ? 'DESC' : 'ASC'} NULLS LAST, d.announced DESC, d.id DESC`;
    }
    return 'd.announced DESC, d.id DESC';
  }

  async list(q: ListQuery, offset: number, limit: number): Promise<ListPage> {
    if (q.topics?.length && (q.topicDocs ?? 0) > WALK_TOPIC_DOCS && offset + limit <= 50) {
      const w = await this.walkList(q, offset, limit);
      if (w) return w;
    }
    // The bounded count and the page in one statement (one round trip; each part planned on its own).
    const p = new Params();
    const bound = q.exactTotal ? null : LIST_COUNT_BOUND + 1;
    const count = `SELECT count(*)::int FROM (SELECT 1 FROM deals d WHERE ${this.listWhere(q, p)} LIMIT ${p.$(bound)}) s`;
    const page =
      limit > 0
        ? `ARRAY(SELECT d.id FROM deals d WHERE ${this.listWhere(q, p)} ORDER BY ${this.orderBy(q, p)} LIMIT ${p.$(limit)} OFFSET ${p.$(offset)})`
        : `'{}'::int[]`;
    // An exact count ("how many") is answered with its breakdown, as on SQLite: read beside the count, not after it.
    const [rows, breakdown] = await Promise.all([
      this.rows<{ n: number; ids: number[] }>(`SELECT (${count}) AS n, ${page} AS ids`, p.values),
      q.exactTotal ? this.breakdown(q) : undefined,
    ]);
    const r = rows[0]!;
    const total = r.n;
    if (breakdown) return { total, ids: total === 0 || limit <= 0 ? [] : r.ids, breakdown };
    if (total === 0 || limit <= 0) return { total, ids: [] }; // as on SQLite
    return total > LIST_COUNT_BOUND ? { total: LIST_COUNT_BOUND, ids: r.ids, atLeast: true } : { total, ids: r.ids };
  }

  /**
   * A list whose topic is common: the first WALK_SCAN deals in order (the other filters applied), the topic tested
   * on each; the page is the first matches. As on SQLite: past the page there is at least one more (a lower bound);
   * every deal checked gives an exact total; otherwise the topic is rare among these deals and the caller reads the
   * index instead. One statement: how many deals the walk had (when the page did not fill) is counted only then.
   */
  private async walkList(q: ListQuery, offset: number, limit: number): Promise<{ total: number; ids: number[]; atLeast?: boolean } | undefined> {
    const p = new Params();
    const where = this.listWhere(q, p, true);
    const order = this.orderBy(q, p);
    const topic = this.topicCond(q, p, 'w')!;
    const want = p.$(offset + limit + 1);
    // No window or sort above the walk: PostgreSQL stops reading deals as soon as the page and one more matched.
    const walk = `ARRAY(SELECT w.id FROM (SELECT d.id, d.search, d.topic_search FROM deals d WHERE ${where} ORDER BY ${order} LIMIT ${p.$(WALK_SCAN)}) w
       WHERE ${topic} LIMIT ${want})`;
    const scanned = `(SELECT count(*)::int FROM (SELECT 1 FROM deals d WHERE ${this.listWhere(q, p, true)} LIMIT ${p.$(WALK_SCAN)}) s)`;
    const r = (
      await this.rows<{ ids: number[]; scanned: number | null }>(
        `SELECT ids, CASE WHEN cardinality(ids) < ${want}::int THEN ${scanned} END AS scanned FROM (SELECT ${walk} AS ids) m`,
        p.values,
      )
    )[0]!;
    const found = Math.min(r.ids.length, offset + limit);
    const ids = r.ids.slice(offset, offset + limit);
    if (r.ids.length > offset + limit) return { total: found + 1, ids, atLeast: true };
    return (r.scanned ?? WALK_SCAN) < WALK_SCAN ? { total: found, ids } : undefined;
  }

  async breakdown(q: ListQuery): Promise<BreakdownRow[]> {
    const p = new Params();
    const where = this.listWhere(q, p);
    return this.rows(`SELECT d.type, d.status, count(*)::int AS n FROM deals d WHERE ${where} GROUP BY d.type, d.status`, p.values);
  }
}

/** Whether PostgreSQL's parser makes more than one word of this (then phraseto_tsquery gives a phrase). */
function isPhrase(alt: string): boolean {
  return /[^\p{L}\p{N}]/u.test(alt.trim());
}

function inOrder<T>(ids: number[], byId: Map<number, T>): T[] {
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
}
