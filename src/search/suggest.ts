// Not found: what to offer instead, cheapest first and bounded (a few reads). The named companies' deals in the
// roles the question gave them ("how much did oracle pay for github" -> "Microsoft acquired GitHub (2018)"), deals
// matching all but one part of the question, each named company's deals, a close company name for a word nobody
// is called, and — only when nothing is close — the newest deals, labelled as such.
import type { CandidateRow, SearchReader } from '../store/search-reader.ts';
import type { PartyRole } from '../deals/schema.ts';
import type { Question } from './question/index.ts';
import type { SearchSuggestion } from './types.ts';
import type { Vocabulary } from './vocabulary/indexes.ts';
import { typoBudget } from './damerau.ts';
import type { OrgCounts } from './retrieve.ts';

const SUGGESTIONS = 5;
const PER_NAME = 3;
/** Deals read per named company in the role the question gives it. */
const PER_ROLE = 6;

/** "Microsoft acquired GitHub (2018)", "Amazon invested in Anthropic (2023)", else the title and year. */
export function describeDeal(row: Pick<CandidateRow, 'title' | 'type' | 'status' | 'announced' | 'parties'>): string {
  const year = row.announced.slice(0, 4);
  const by = (...roles: PartyRole[]) => row.parties.find((p) => roles.includes(p.role))?.name;
  const buyer = by('acquirer');
  const target = by('target');
  const investor = by('investor');
  const investee = by('investee');
  const off = row.status === 'terminated' ? ', called off' : '';
  if ((row.type === 'acquisition' || row.type === 'merger' || row.type === 'divestiture') && buyer && target) {
    return row.status === 'terminated' ? `${buyer} agreed to buy ${target} (${year}${off})` : `${buyer} acquired ${target} (${year})`;
  }
  if (row.type === 'investment' && investor && investee) return `${investor} invested in ${investee} (${year}${off})`;
  return `${row.title} (${year}${off})`;
}

function objectRank(q: Question, k: number): number {
  const r = q.intent.nameRoles[k];
  return r && r.some((x) => x === 'target' || x === 'investee') ? 0 : 1;
}

export async function suggestions(reader: SearchReader, q: Question, v: Vocabulary, orgCount: OrgCounts = (o) => reader.orgDealCount(o)): Promise<SearchSuggestion[]> {
  const out: SearchSuggestion[] = [];
  const seen = new Set<string>();
  const push = (s: SearchSuggestion) => {
    if (out.length < SUGGESTIONS && !seen.has(s.query)) {
      seen.add(s.query);
      out.push(s);
    }
  };
  const names = q.names.slice(0, 3);
  const counts = await Promise.all(names.map((s) => orgCount(s.orgIds)));
  // The deals between the named companies, whatever their roles ("how much did github pay for microsoft": the other
  // way round), however many deals each has. Driven by the company with the fewest deals (the read walks the first
  // company's deals).
  const byRarity = names.map((s, k) => ({ ids: s.orgIds, n: counts[k]! })).sort((a, b) => a.n - b.n);
  const between = q.names.length >= 2 ? reader.dealsOfOrgs(byRarity.map((x) => x.ids), 2) : Promise.resolve([]);
  // Each named company's deals, those in the role the question gives it first; then a button for all of them.
  // What the question says was bought, invested in or sold, in that role first: a company with hundreds of deals
  // has the one it was bought in far down its newest (and a company is bought far less often than it buys, so
  // this read is small). Every deal of a company with few is among its newest anyway.
  // Every company's reads are independent: on PostgreSQL they go out together (the pool has several connections),
  // and their rows come back in one read.
  const idsOf = names.map(async (s, k) => {
    const wanted = q.intent.nameRoles[k];
    const object = wanted?.some((r) => r === 'target' || r === 'investee' || r === 'seller') && !wanted.includes('acquirer');
    const [inRole, newest] = await Promise.all([
      wanted && object && counts[k]! > 12 ? reader.list({ orgs: [{ orgIds: s.orgIds, roles: wanted }], order: 'newest' }, 0, PER_ROLE).then((r) => r.ids) : [],
      reader.dealsOfOrgs([s.orgIds], 12),
    ]);
    return [...new Set([...inRole, ...newest])];
  });
  const [betweenIds, ...nameIds] = await Promise.all([between, ...idsOf]);
  const rowById = new Map((await reader.candidates([...new Set([...betweenIds, ...nameIds.flat()])])).map((r) => [r.id, r]));
  const rowsOf = (ids: number[]) => ids.flatMap((id) => rowById.get(id) ?? []);
  for (const r of rowsOf(betweenIds)) push({ label: describeDeal(r), query: r.slug });
  const perName: CandidateRow[][] = names.map((s, k) => {
    const wanted = q.intent.nameRoles[k];
    const rows = rowsOf(nameIds[k]!);
    const own = (r: CandidateRow) => r.parties.filter((p) => s.orgIds.includes(p.orgId)).map((p) => p.role);
    const fits = (r: CandidateRow) => !wanted || own(r).some((x) => wanted.includes(x));
    const typed = (r: CandidateRow) => !q.intent.types.length || q.intent.types.includes(r.type);
    return [...rows.filter((r) => fits(r) && typed(r)), ...rows.filter((r) => fits(r) && !typed(r)), ...rows.filter((r) => !fits(r))];
  });
  // The company the question acts on first ("oracle pay for github": GitHub's acquisition by Microsoft).
  const objectFirst = q.names.slice(0, 3).map((_, k) => k).sort((a, b) => objectRank(q, a) - objectRank(q, b));
  perName.splice(0, perName.length, ...objectFirst.map((k) => perName[k]!));
  const first = q.names.length > 1 ? 1 : PER_NAME;
  for (const rows of perName) for (const r of rows.slice(0, first)) push({ label: describeDeal(r), query: r.slug });
  q.names.slice(0, 3).forEach((s, k) => {
    const name = v.names.orgName.get(s.orgIds[0]!);
    if (name && counts[k]! > 0) push({ label: `Deals of ${name}`, query: name });
  });
  for (const rows of perName) for (const r of rows.slice(first, PER_NAME)) push({ label: describeDeal(r), query: r.slug });
  // Words that are nobody's name: a close name (wider than the answer's typo budget).
  for (const g of q.terms) {
    if (g.typed.includes(' ') || g.typed.length < 4) continue;
    const close = v.names.words.lookup(g.typed, Math.max(1, typoBudget(g.typed.length) + 1));
    const key = close.find((c) => v.names.keyToOrgs.has(c.term))?.term;
    if (!key) continue;
    const name = v.names.orgName.get(v.names.keyToOrgs.get(key)![0]!)!;
    push({ label: `Did you mean ${name}?`, query: q.words.map((w) => (w === g.typed ? key : w)).join(' ') });
  }
  if (out.length === 0) for (const r of await reader.newest(3)) push({ label: `Newest: ${r.title}`, query: r.slug });
  return out;
}
