// Update, don't duplicate: is the article about a deal already in the store (same parties, a compatible type, a
// date that fits)? If so, propose the changes the story brings — a status that moved on (announced -> terminated),
// a closing date, a value or a party the store lacks, a finer announcement date, the article as a new source —
// never a second deal, and never a step back (a story about the announcement does not reopen a completed deal).
import { canonicalDeal, LIMITS, type Deal, type DealInput, type DealStatus, type DealType } from '../deals/schema.ts';
import { formatPartialDate, formatValue } from '../deals/format.ts';
import type { StoredDeal } from '../store/store.ts';

/** The little of the store matching needs (the Store satisfies it). */
export interface DealLookup {
  findOrganisation(nameOrAlias: string): { id: number; name: string } | undefined;
  listDeals(f: { company?: string; limit?: number }): { total: number; deals: StoredDeal[] };
}

/** How many of each named company's deals are candidates (newest first). */
const MATCH_CANDIDATES = 500;

/** The same, from the async store interface (DealStore satisfies it, on either backend). */
export interface AsyncDealLookup {
  findOrganisation(nameOrAlias: string): Promise<{ id: number; name: string } | undefined>;
  listDeals(f: { company?: string; limit?: number }): Promise<{ total: number; deals: StoredDeal[] }>;
}

/**
 * Reads what matching `draft` needs from an async store first — its parties' organisations, their deals, and those
 * deals' parties' organisations — so the matching itself stays one pure, synchronous function.
 */
async function preload(draft: Partial<DealInput>, store: AsyncDealLookup): Promise<DealLookup> {
  const orgs = new Map<string, { id: number; name: string } | undefined>();
  const deals = new Map<string, { total: number; deals: StoredDeal[] }>();
  const resolve = async (names: Iterable<string>) => {
    const todo = [...new Set(names)].filter((n) => !orgs.has(n));
    const found = await Promise.all(todo.map((n) => store.findOrganisation(n)));
    todo.forEach((n, i) => orgs.set(n, found[i]));
  };
  const names = (draft.parties ?? []).map((p) => p.name);
  if (names.length === 0 || !draft.type) return { findOrganisation: () => undefined, listDeals: () => ({ total: 0, deals: [] }) };
  await resolve(names);
  const known = names.filter((n) => orgs.get(n));
  const lists = await Promise.all(known.map((n) => store.listDeals({ company: n, limit: MATCH_CANDIDATES })));
  known.forEach((n, i) => deals.set(n, lists[i]!));
  await resolve(lists.flatMap((l) => l.deals.flatMap((d) => d.deal.parties.map((p) => p.name))));
  return {
    findOrganisation: (n) => orgs.get(n),
    listDeals: (f) => deals.get(f.company ?? '') ?? { total: 0, deals: [] },
  };
}

/** findExistingDeal over the async store interface. */
export async function findStoredDeal(draft: Partial<DealInput>, store: AsyncDealLookup): Promise<DealMatch | undefined> {
  return findExistingDeal(draft, await preload(draft, store));
}

export interface FieldChange {
  /** A deal field: status, closed, announced, value, parties, sources. */
  field: string;
  before: string;
  after: string;
}

export interface DealMatch {
  slug: string;
  version: number;
  title: string;
  stored: Deal;
  /** The stored deal with the story's changes applied (equal to `stored` when the story adds nothing). */
  proposed: Deal;
  changes: FieldChange[];
  /** Why this deal: shared parties, type, date. */
  reason: string;
}

const FAMILY: Partial<Record<DealType, string>> = { acquisition: 'buy', divestiture: 'buy', merger: 'buy' };
const family = (t: DealType | undefined) => (t ? (FAMILY[t] ?? t) : undefined);
/** How far along a deal is; a story moves it forward, never back. */
const STAGE: Record<DealStatus, number> = { unknown: 0, rumoured: 1, announced: 2, signed: 2, pending: 3, completed: 4, terminated: 4 };

function orgIdsOf(lookup: DealLookup, names: readonly string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const n of names) {
    const org = lookup.findOrganisation(n);
    if (org) out.set(org.id, n);
  }
  return out;
}

/** Two partial dates agree when one is a prefix of the other ("2022-01" and "2022-01-18"). */
function datesAgree(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return true;
  // Full dates a day or two apart are one event told from two time zones or by the next morning's paper
  // ("Sony and Microsoft signed on May 16" in Tokyo, "on Thursday, May 17" in a later write-up).
  if (a.length === 10 && b.length === 10) return Math.abs(Date.parse(a) - Date.parse(b)) <= 2 * 86_400_000;
  return false;
}

export function findExistingDeal(draft: Partial<DealInput>, lookup: DealLookup): DealMatch | undefined {
  const parties = draft.parties ?? [];
  if (parties.length === 0 || !draft.type) return undefined;
  const ids = orgIdsOf(lookup, parties.map((p) => p.name));
  if (ids.size === 0) return undefined;
  const candidates = new Map<number, StoredDeal>();
  for (const name of ids.values()) {
    for (const d of lookup.listDeals({ company: name, limit: MATCH_CANDIDATES }).deals) candidates.set(d.id, d);
  }
  let best: { d: StoredDeal; score: number; reason: string } | undefined;
  for (const d of candidates.values()) {
    const stored = orgIdsOf(lookup, d.deal.parties.map((p) => p.name));
    const shared = [...stored.keys()].filter((id) => ids.has(id)).length;
    if (shared < Math.min(2, stored.size, ids.size) || shared === 0) continue;
    // A round with five investors is not the stored two-party deal between two of them (another round, another
    // stake): the shared parties must be at least half of the larger side.
    if (shared * 2 < Math.max(stored.size, new Set(parties.map((p) => p.name.toLowerCase())).size)) continue;
    if (ids.size === 1 && stored.size > 1) continue;
    if (family(d.deal.type) !== family(draft.type)) continue;
    let score = shared * 10;
    let when = 'no date to compare';
    if (draft.announced) {
      if (!datesAgree(draft.announced, d.deal.announced)) continue;
      score += 20;
      when = `announced ${formatPartialDate(d.deal.announced)}`;
    } else if (draft.closed) {
      if (draft.closed < d.deal.announced) continue;
      if (d.deal.closed && !datesAgree(draft.closed, d.deal.closed)) continue;
      score += d.deal.closed ? 15 : 5;
      when = `closing ${formatPartialDate(draft.closed)} after it was announced`;
    }
    // Without a date, an open deal is the likelier subject of news than one long closed; then the newest.
    if (STAGE[d.deal.status] < 4) score += 3;
    score += Number(d.deal.announced.slice(0, 4)) / 10_000;
    if (!best || score > best.score) {
      best = { d, score, reason: `${shared} shared ${shared === 1 ? 'party' : 'parties'}, the same kind of deal (${d.deal.type}), ${when}` };
    }
  }
  if (!best) return undefined;
  const { proposed, changes } = proposeChanges(best.d.deal, draft);
  return { slug: best.d.deal.slug!, version: best.d.version, title: best.d.deal.title, stored: best.d.deal, proposed, changes, reason: best.reason };
}

/** The stored deal with what the story adds; each change listed field by field. */
export function proposeChanges(stored: Deal, draft: Partial<DealInput>): { proposed: Deal; changes: FieldChange[] } {
  const next: Deal = structuredClone(canonicalDeal(stored)) as Deal;
  const changes: FieldChange[] = [];
  if (draft.status && STAGE[draft.status] > STAGE[next.status] && draft.status !== 'rumoured') {
    changes.push({ field: 'status', before: next.status, after: draft.status });
    next.status = draft.status;
  }
  const ended = next.status === 'completed' || next.status === 'terminated';
  if (draft.closed && ended && (!next.closed || (draft.closed.startsWith(next.closed) && draft.closed.length > next.closed.length))) {
    changes.push({ field: 'closed', before: next.closed ? formatPartialDate(next.closed) : '(none)', after: formatPartialDate(draft.closed) });
    next.closed = draft.closed;
  }
  if (draft.announced && draft.announced.startsWith(next.announced) && draft.announced.length > next.announced.length) {
    changes.push({ field: 'announced', before: formatPartialDate(next.announced), after: formatPartialDate(draft.announced) });
    next.announced = draft.announced;
  }
  if (draft.value && !next.value) {
    changes.push({ field: 'value', before: '(none)', after: formatValue(draft.value) });
    next.value = draft.value;
  }
  for (const p of draft.parties ?? []) {
    if (next.parties.length >= LIMITS.parties) break;
    if (next.parties.some((q) => q.name.toLowerCase() === p.name.toLowerCase() || (q.aliases ?? []).some((a) => a.toLowerCase() === p.name.toLowerCase()))) continue;
    // Only a party that plays a role the stored deal lacks (a seller it never recorded), not a relabelled one.
    if (next.parties.some((q) => q.role === p.role) && p.role !== 'seller' && p.role !== 'investor') continue;
    changes.push({ field: 'parties', before: next.parties.map((q) => q.name).join(', '), after: `+ ${p.name} (${p.role})` });
    next.parties.push({ name: p.name, role: p.role });
  }
  for (const src of draft.sources ?? []) {
    if (next.sources.length >= LIMITS.sources || next.sources.some((s) => s.url === src.url)) continue;
    changes.push({ field: 'sources', before: `${next.sources.length} source${next.sources.length === 1 ? '' : 's'}`, after: `+ ${src.url}` });
    next.sources.push(src);
  }
  return { proposed: canonicalDeal(next) as Deal, changes };
}
