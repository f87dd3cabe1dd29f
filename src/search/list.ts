// Lists and counts: "largest acquisitions announced in 2020", "latest AI investments", "how many acquisitions has
// nvidia made", a company's deals. The question's constraints become a store list query (companies with their roles,
// types, statuses, years, topic words), ordered by date or by value in approximate US dollars, paged like /deals.
import { WALK_TOPIC_DOCS, type BreakdownRow, type ListQuery, type SearchReader } from '../store/search-reader.ts';
import type { DealStatus, DealType } from '../deals/schema.ts';
import type { Question } from './question/index.ts';
import type { ListOrder, TypeBreakdown } from './types.ts';
import { USD_PER_UNIT } from './vocabulary/currency.ts';

export const PAGE_SIZE = 10;

/** How far a strict value bound moves past its amount (a billionth of it). */
const STRICT = 1e-9;

/** Everyday words for buying also fit mergers and divestitures ("who bought alcatel lucent": Nokia's merger); for working together, ventures and MoUs. */
const NEAR: Partial<Record<DealType, DealType[]>> = {
  acquisition: ['acquisition', 'merger', 'divestiture', 'other'],
  merger: ['merger', 'acquisition'],
  divestiture: ['divestiture', 'acquisition'],
  // "who did sony team up with", "partnered with": working together, whether as a partnership, a venture or an MoU.
  partnership: ['partnership', 'joint_venture', 'mou'],
};
/**
 * Counting what a company bought ("how many companies did google buy"): companies taken over, by acquisition, merger
 * or purchase of a unit — not the 'other' deals (paying for a team and a licence is no company bought).
 */
const COUNT_NEAR: Partial<Record<DealType, DealType[]>> = { ...NEAR, acquisition: ['acquisition', 'merger', 'divestiture'] };

export interface TopicCounts {
  /** Deals a word is in, anywhere. */
  count: (t: string) => number;
  /** Deals a word is in the title or party names of (optional). */
  titleCount?: (t: string) => number;
  /** Live deals. */
  total?: number;
}

/**
 * Share of deals whose titles and party names carry a topic word above which a list walks the newest deals rather than
 * reading the word's index matches: the walk checks names, titles and areas, so there a page fills in a few hundred
 * deals (at 100k deals "logistics", in 5% of names, takes about 2 ms walking against 4 ms and more reading its
 * matches), whereas a word mostly found in summaries makes the walk read thousands.
 */
export const WALK_TITLE_SHARE = 0.03;
const WALK_TITLE_MIN = 1000;

/** Years stated one by one ("in 2021 or 2022") narrowed into the stated range: one inclusive range of years. */
function yearRange(years: readonly number[], from: number | undefined, to: number | undefined): [number | undefined, number | undefined] {
  if (!years.length) return [from, to];
  return [Math.max(from ?? -Infinity, Math.min(...years)), Math.min(to ?? Infinity, Math.max(...years))];
}

export function listQuery(q: Question, opts: { roles?: boolean; nearTypes?: boolean | 'count'; count?: ((t: string) => number) | TopicCounts } = {}): ListQuery {
  const { intent } = q;
  const [fromYear, toYear] = yearRange(intent.years, intent.fromYear, intent.toYear);
  // The closing date's years, the same way: "deals that closed in 2021 or 2022" is the range 2021–2022.
  const [closedFromYear, closedToYear] = yearRange(intent.closedYears, intent.closedFromYear, intent.closedToYear);
  const order: ListOrder = intent.order ?? 'newest';
  return {
    orgs: [
      ...q.names.map((s, k) => ({ orgIds: s.orgIds, roles: opts.roles === false ? undefined : intent.nameRoles[k] })),
      // "by japanese companies": a party among the organisations of that country, in the role said.
      ...(q.partyCountries ?? []).map((c) => ({ orgIds: c.orgIds, roles: opts.roles === false ? undefined : c.roles })),
    ],
    types: opts.nearTypes ? [...new Set(intent.types.flatMap((t) => (opts.nearTypes === 'count' ? COUNT_NEAR : NEAR)[t] ?? [t]))] : intent.types,
    statuses: intent.status ? statusesFor(intent.status) : [],
    ...(Number.isFinite(fromYear) ? { fromYear } : {}),
    ...(Number.isFinite(toYear) ? { toYear } : {}),
    ...(closedFromYear !== undefined && Number.isFinite(closedFromYear) ? { closedFromYear } : {}),
    ...(closedToYear !== undefined && Number.isFinite(closedToYear) ? { closedToYear } : {}),
    topics: q.terms.map((g) => unsubsumed(g.alts.map((a) => a.text))).filter((l) => l.length),
    ...(opts.count ? { topicDocs: walkDocs(q, typeof opts.count === 'function' ? { count: opts.count } : opts.count) } : {}),
    order,
    // A strict bound ("over 20 billion") leaves out a deal of exactly that value: the bound moved past it by a
    // billionth, far below any difference between two stated values.
    minUsd: intent.minUsd !== undefined && intent.minStrict ? intent.minUsd * (1 + STRICT) : intent.minUsd,
    maxUsd: intent.maxUsd !== undefined && intent.maxStrict ? intent.maxUsd * (1 - STRICT) : intent.maxUsd,
    usdRates: USD_PER_UNIT,
  };
}

/**
 * The stored statuses a status word stands for: "pending" (ongoing, underway) is any deal agreed or announced but
 * neither completed nor ended; every other status word stands for itself.
 */
export function statusesFor(s: DealStatus): DealStatus[] {
  return s === 'pending' ? ['pending', 'announced', 'signed'] : [s];
}

/**
 * A topic's alternatives less the phrases that contain one of its single words: "memory chips" matches only deals
 * "memory" already matches, so it adds nothing to the list but the cost of reading its positions (a phrase in the
 * index costs several times a word).
 */
export function unsubsumed(alts: string[]): string[] {
  const singles = new Set(alts.filter((a) => !a.includes(' ')));
  return alts.filter((a) => !a.includes(' ') || !a.split(' ').some((w) => singles.has(w)));
}

/**
 * Deals the rarest topic group is in, at most: a phrase occurs no more often than its rarest word, and a phrase that
 * contains one of the group's single words adds nothing to it ("grocery delivery" is within "grocery"; counting it
 * twice once sent a list of a mid-frequency word down the slow walk of common words).
 */
export function topicDocs(q: Pick<Question, 'terms'>, count: (t: string) => number): number {
  const groups = q.terms
    .map((g) => unsubsumed(g.alts.map((a) => a.text)).reduce((n, a) => n + Math.min(...a.split(' ').map(count)), 0))
    .filter((n) => n > 0);
  return groups.length ? Math.min(...groups) : 0;
}

/** The topic document estimate the store's list decides on, raised past its walk threshold for names-dense topics. */
function walkDocs(q: Question, c: TopicCounts): number {
  const docs = topicDocs(q, c.count);
  if (!c.titleCount || c.total === undefined) return docs;
  const dense = Math.max(WALK_TITLE_MIN, c.total * WALK_TITLE_SHARE);
  const inTitles = topicDocs(q, c.titleCount);
  return inTitles > dense ? Math.max(docs, WALK_TOPIC_DOCS + 1) : docs;
}

export interface ListResult {
  atLeast?: boolean | undefined;
  total: number;
  ids: number[];
  query: ListQuery;
  /** The list's breakdown by type and status, when the reader counted by it (exact totals on SQLite). */
  breakdown?: BreakdownRow[] | undefined;
}

/** Runs a list query, widening the topic from the deal's names, title and areas to its summary when nothing matched. */
export async function runList(reader: SearchReader, query: ListQuery, page: number, pageSize: number, cap?: number): Promise<ListResult> {
  const offset = (page - 1) * pageSize;
  const limit = cap !== undefined ? Math.max(0, Math.min(pageSize, cap - offset)) : pageSize;
  let r = await reader.list(query, offset, limit);
  if (r.total === 0 && query.topics?.length && !query.topicAnywhere) {
    const wide = { ...query, topicAnywhere: true };
    r = await reader.list(wide, offset, limit);
    query = wide;
  }
  return { total: cap !== undefined ? Math.min(cap, r.total) : r.total, ids: r.ids, query, atLeast: r.atLeast && cap === undefined, breakdown: r.breakdown };
}

export function breakdownOf(rows: { type: DealType; status: DealStatus; n: number }[]): TypeBreakdown[] {
  const byType = new Map<DealType, TypeBreakdown>();
  for (const r of rows) {
    const b = byType.get(r.type) ?? { type: r.type, count: 0, byStatus: {} };
    b.count += r.n;
    b.byStatus[r.status] = (b.byStatus[r.status] ?? 0) + r.n;
    byType.set(r.type, b);
  }
  return [...byType.values()].sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
}
