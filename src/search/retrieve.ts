// Retrieval: the candidate deals a question is ranked over, bounded whatever the corpus. With companies named, their
// shared deals (newest first) plus those of them matching the rarest content word; without names, deals matching any
// content word (any word may match: ranking and the gate decide), bm25-ranked when the words are rare enough for
// FTS5's bm25() to be cheap (it reads every row of every phrase), otherwise the most specific words must all match.
import type { SearchReader } from '../store/search-reader.ts';
import type { NameSpan } from './question/names.ts';
import type { TermGroup } from './question/terms.ts';

/** Deals ranked per question at most. */
export const CANDIDATES = 60;
/** Newest deals of the named companies read when they have many. */
const PARTY_CANDIDATES = 100;
/** Rows of all phrases above which bm25() is not used. */
const BM25_MAX_DOCS = 1000;
/** A concept word found in more than this share of deals (and this many) drives no retrieval: it only re-ranks. */
const COMMON_SHARE = 0.02;
const COMMON_MIN = 50;

/** A company's deal count (its organisation ids together), read at most once per question: see orgCounts. */
export type OrgCounts = (orgIds: number[]) => Promise<number>;

/**
 * Deal counts of companies read once per question: a question may be looked up up to three times (as asked, split,
 * relaxed) and then offered suggestions, each needing the same counts — on PostgreSQL a round trip each.
 */
export function orgCounts(reader: SearchReader): OrgCounts {
  const memo = new Map<string, Promise<number>>();
  return (orgIds) => {
    const key = orgIds.join(',');
    let n = memo.get(key);
    if (!n) {
      n = reader.orgDealCount(orgIds);
      memo.set(key, n);
      n.catch(() => memo.delete(key));
    }
    return n;
  };
}

export interface Retrieved {
  ids: number[];
  bm25: Map<number, number>;
}

/** The alternatives of each group that may drive retrieval (common concept words are left to ranking). */
function matchGroups(groups: TermGroup[], total: number, count: (t: string) => number): string[][] {
  const common = Math.max(COMMON_MIN, total * COMMON_SHARE);
  return groups
    .map((g) => g.alts.filter((a) => a.quality >= 0.9 || a.quality < 0.8 || phraseDocs(a.text, count) <= common).map((a) => a.text))
    .filter((l) => l.length);
}

function phraseDocs(p: string, count: (t: string) => number): number {
  return Math.min(...p.split(' ').map(count));
}

function docsOf(alts: string[], count: (t: string) => number): number {
  return alts.reduce((n, a) => n + phraseDocs(a, count), 0);
}

export async function retrieve(
  reader: SearchReader,
  names: NameSpan[],
  groups: TermGroup[],
  total: number,
  count: (t: string) => number,
  orgCount: OrgCounts = (o) => reader.orgDealCount(o),
  known: number[][] = [],
): Promise<Retrieved> {
  const bm25 = new Map<number, number>();
  const ids: number[] = [];
  const seen = new Set<number>();
  const add = (id: number, rank = 0) => {
    if (seen.has(id)) return;
    seen.add(id);
    ids.push(id);
    if (rank) bm25.set(id, rank);
  };
  const mg = matchGroups(groups, total, count);
  if (names.length) {
    const orgs = names.map((s) => s.orgIds);
    // The rarest company first: the index walks its parties. The counts are read together (a pool has connections).
    const sizes = await Promise.all(orgs.map(orgCount));
    const order = orgs.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]!);
    const sorted = order.map((i) => orgs[i]!);
    const few = sizes[order[0]!]! <= PARTY_CANDIDATES;
    let matched: Promise<{ id: number; rank: number }[]> = Promise.resolve([]);
    if (mg.length && !few) {
      const rarest = [...mg].sort((a, b) => docsOf(a, count) - docsOf(b, count))[0]!;
      const docs = docsOf(rarest, count);
      if (docs <= 20 * BM25_MAX_DOCS) matched = reader.matchTerms({ groups: [rarest], mode: 'all', orgs: sorted, bm25: docs <= BM25_MAX_DOCS, limit: CANDIDATES });
    }
    // Independent reads, together; the matches still come first.
    const [matches, shared] = await Promise.all([matched, reader.dealsOfOrgs(sorted, PARTY_CANDIDATES)]);
    for (const r of matches) add(r.id, r.rank);
    for (const id of shared) add(id);
    return { ids, bm25 };
  }
  // Companies described by what they are known for ("the roomba maker"): their deals, all of them together first.
  const described = async () => {
    if (!known.length) return;
    const sets = [...known].sort((a, b) => a.length - b.length);
    for (const id of await reader.dealsOfOrgs(sets, PARTY_CANDIDATES)) add(id);
    if (sets.length > 1) for (const s of sets) for (const id of await reader.dealsOfOrgs([s], PARTY_CANDIDATES)) add(id);
  };
  await described();
  if (!mg.length) return { ids, bm25 };
  const docs = mg.map((g) => docsOf(g, count));
  const all = docs.reduce((a, b) => a + b, 0);
  if (all <= BM25_MAX_DOCS) {
    for (const r of await reader.matchTerms({ groups: mg, mode: 'any', bm25: true, limit: CANDIDATES })) add(r.id, r.rank);
    return { ids, bm25 };
  }
  // Common words: the rarer half must all match (FTS5 intersects cheaply), then any rare word alone.
  const byRarity = mg.map((g, i) => ({ g, d: docs[i]! })).sort((a, b) => a.d - b.d);
  const specific = byRarity.slice(0, Math.max(1, Math.ceil(byRarity.length / 2)));
  for (const r of await reader.matchTerms({ groups: specific.map((x) => x.g), mode: 'all', bm25: specific.every((x) => x.d <= BM25_MAX_DOCS), limit: CANDIDATES })) add(r.id, r.rank);
  const rare = byRarity.filter((x) => x.d <= BM25_MAX_DOCS).map((x) => x.g);
  if (rare.length && ids.length < CANDIDATES) {
    for (const r of await reader.matchTerms({ groups: rare, mode: 'any', bm25: true, limit: CANDIDATES })) add(r.id, r.rank);
  }
  if (ids.length < CANDIDATES / 2 && byRarity.length > 1) {
    for (const r of await reader.matchTerms({ groups: [byRarity[0]!.g], mode: 'all', bm25: false, limit: CANDIDATES })) add(r.id, r.rank);
  }
  return { ids, bm25 };
}
