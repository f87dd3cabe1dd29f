// The /deal search pipeline, composed from its stages:
//   question/ (normalise -> names -> intent -> terms)  ->  list.ts (lists and counts)  or
//   retrieve.ts -> rank.ts -> gate.ts  ->  found, or not found with suggest.ts;  autocomplete/ for the option.
// Everything it reads comes through a SearchReader (src/store): no SQL here. Per query the cost is bounded: hash
// lookups, a few indexed reads and the scoring of at most a few hundred candidates.
import { LIMITS, SLUG_RE } from '../deals/schema.ts';
import type { Store } from '../store/store.ts';
import { SqliteSearchReader, type CandidateRow, type SearchReader } from '../store/search-reader.ts';
import { searchReaderFor } from '../store/search-readers.ts';
import { SqliteDealStore } from '../store/sqlite-store.ts';
import type { ChangeBatch, ChangeSubscription, DealStore } from '../store/types.ts';
import { understand, type Question } from './question/index.ts';
import { orgCounts, retrieve, type OrgCounts } from './retrieve.ts';
import { rank, score, type Scored } from './rank.ts';
import { decide } from './gate.ts';
import { suggestions } from './suggest.ts';
import { breakdownOf, listQuery, PAGE_SIZE, runList } from './list.ts';
import { createAutocomplete } from './autocomplete/index.ts';
import { applyChanges, Completions, loadNames, loadTerms, loadTitleTerms, type Vocabulary } from './vocabulary/indexes.ts';
import type { DealSearch, QuestionReading, SearchHit, SearchOptions, SearchOutcome } from './types.ts';

const ALTERNATIVES = 4;

export interface DealSearchOptions {
  /** Build the vocabularies now rather than at the first query. */
  warm?: boolean;
  /** The store whose change feed the caches follow, when `source` is a bare SearchReader. */
  changes?: DealStore;
  /** How often PostgreSQL's subscription reads the feed without a notification (default: the store's). */
  pollMs?: number;
  /** A read of the feed or of the changed rows failed (it is retried: by the next poll, question or notification). */
  onError?: (e: unknown) => void;
}

export type FollowingSearch = DealSearch & {
  /** Builds the vocabularies now (seconds at 100k deals) rather than at the first question. */
  warm(): Promise<void>;
  /** The newest store generation the in-memory indexes reflect (0 before they are built). */
  generation(): number;
  /** Stops following the change feed (PostgreSQL: the subscription). */
  close(): Promise<void>;
};

function isReader(x: DealStore | Store | SearchReader): x is SearchReader {
  return typeof (x as SearchReader).termCounts === 'function';
}

function isDealStore(x: DealStore | Store): x is DealStore {
  return typeof (x as DealStore).onChange === 'function';
}

/**
 * Search over a store of either backend (`DealStore`). The sync SQLite `Store` is accepted too while callers move
 * onto the async interface, and a `SearchReader` directly (tests; `opts.changes` then names the feed to follow).
 *
 * The in-memory indexes follow every writer through the store's change feed, read by generation: on SQLite each
 * question first compares the store's change stamp (free: a counter and SQLite's data_version, which moves when
 * another connection or process commits) and, when it moved, reads the feed after the indexes' generation; on
 * PostgreSQL a subscription (LISTEN/NOTIFY, a catch-up on reconnect and a short poll) applies each batch as it comes.
 * Either way a missed signal costs a poll, never an update; a batch older than the feed keeps (pruned) rebuilds.
 */
export function createDealSearch(source: DealStore | Store | SearchReader, opts: DealSearchOptions = {}): FollowingSearch {
  const reader = isReader(source) ? source : isDealStore(source) ? searchReaderFor(source) : new SqliteSearchReader(source);
  const feed: DealStore | undefined = isReader(source) ? opts.changes : isDealStore(source) ? source : new SqliteDealStore(source);
  // SQLite: a free check per question. PostgreSQL: none (the subscription pushes).
  const stampOf = feed instanceof SqliteDealStore ? () => feed.store.changeStamp() : undefined;
  let vocab: Vocabulary | undefined;
  let generation = 0;
  let stamp: string | undefined;
  let totalDeals = 0;
  let subscription: ChangeSubscription | undefined;
  let closed = false;

  // Building and applying changes take turns: one at a time, in order.
  let turn: Promise<unknown> = Promise.resolve();
  function inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const run = turn.then(fn);
    turn = run.catch(() => undefined);
    return run;
  }

  async function build(): Promise<Vocabulary> {
    // The generation first: what commits while loading is read again after (applying a change twice is harmless).
    const g = feed ? await feed.generation() : 0;
    const s = stampOf?.();
    const { terms, termCounts } = await loadTerms(reader);
    const v: Vocabulary = { names: await loadNames(reader, terms), terms, termCounts, ...(await loadTitleTerms(reader)) };
    totalDeals = await reader.countDeals();
    vocab = v;
    generation = g;
    stamp = s;
    return v;
  }

  /** Applies one batch of the feed (in turn); an incomplete one (the feed was pruned past us) rebuilds everything. */
  async function apply(batch: ChangeBatch): Promise<void> {
    if (!vocab || batch.generation <= generation) return;
    if (!batch.complete) {
      await build();
      return;
    }
    const fresh = batch.changes.filter((c) => c.generation > generation);
    const changed = await applyChanges(reader, vocab, fresh);
    generation = batch.generation;
    if (changed) totalDeals = await reader.countDeals();
  }

  /** Reads the feed after our generation until it is exhausted. */
  async function catchUp(): Promise<void> {
    if (!feed) return;
    for (;;) {
      const batch = await feed.changesSince(generation);
      await apply(batch);
      if (!batch.more || !batch.complete) return;
    }
  }

  function follow(): void {
    if (!feed || stampOf || subscription || closed) return;
    subscription = feed.onChange((batch) => inTurn(() => apply(batch)), {
      from: generation,
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
      ...(opts.onError ? { onError: opts.onError } : {}),
    });
  }

  /** The vocabularies, current with every write (ours or another process's) up to the last signal of one. */
  function current(): Promise<Vocabulary> {
    if (vocab && (!stampOf || stampOf() === stamp)) return Promise.resolve(vocab);
    return inTurn(async () => {
      if (!vocab) {
        const v = await build();
        follow();
        return v;
      }
      if (stampOf) {
        const s = stampOf();
        if (s !== stamp) {
          await catchUp();
          stamp = s;
        }
      }
      return vocab;
    });
  }

  function ask(text: string, v: Vocabulary, relaxed = false, single = false): Question {
    return understand(text, {
      names: v.names,
      // The deletion index only grows: a word no deal has any more (a removed alias) has no count.
      has: (w) => v.termCounts.count(w) > 0,
      titled: (w) => v.titleTerms.count(w) > 0,
      count: (w) => v.termCounts.count(w),
      lookup: (w) => v.terms.lookup(w).filter((c) => v.termCounts.count(c.term) > 0),
      complete: (p, n) => v.termCounts.complete(p, n),
    }, { relaxed, single });
  }

  function reading(q: Question, v: Vocabulary): QuestionReading {
    return {
      ask: q.intent.ask,
      askedRoles: q.intent.askedRoles,
      names: q.names.map((s, k) => ({ typed: s.typed, name: v.names.orgName.get(s.orgIds[0]!) ?? s.typed, orgIds: s.orgIds, roles: q.intent.nameRoles[k] })),
      types: q.intent.types,
      status: q.intent.status,
      years: q.intent.years,
      fromYear: q.intent.fromYear,
      toYear: q.intent.toYear,
      closedYears: q.intent.closedYears,
      closedFromYear: q.intent.closedFromYear,
      closedToYear: q.intent.closedToYear,
      order: q.intent.order,
      topics: q.terms.map((g) => g.typed),
      partyCountries: q.partyCountries?.map((c) => ({ word: c.word, roles: c.roles })),
      minUsd: q.intent.minUsd,
      maxUsd: q.intent.maxUsd,
      minStrict: q.intent.minStrict,
      maxStrict: q.intent.maxStrict,
    };
  }

  function corrections(q: Question, v: Vocabulary, best?: Scored): { from: string; to: string }[] {
    const out: { from: string; to: string }[] = [];
    for (const s of q.names) if (s.distance > 0) out.push({ from: s.typed, to: v.names.orgName.get(s.orgIds[0]!) ?? s.key });
    if (best) {
      for (const g of q.terms) {
        const alt = best.matched.get(g);
        if (alt && alt.distance >= 1) out.push({ from: g.typed, to: alt.text });
      }
    }
    return out;
  }

  const hitOf = (r: { id: number; slug: string; title: string }, i: number): SearchHit => ({ id: r.id, slug: r.slug, title: r.title, score: 1 / (i + 1) });

  async function hitsOf(ids: number[]): Promise<SearchHit[]> {
    return (await reader.titles(ids)).map(hitOf);
  }

  /** Lists, counts and a company's deals: the question's constraints as a list query. */
  async function listAnswer(q: Question, v: Vocabulary, page: number, as: 'list' | 'count', nearTypes: boolean | 'count' = false): Promise<SearchOutcome | undefined> {
    const counts = { count: (t: string) => v.termCounts.count(t), titleCount: (t: string) => v.titleTerms.count(t), total: totalDeals };
    const query = { ...listQuery(q, { nearTypes, ...(as === 'list' ? { count: counts } : {}) }), exactTotal: as === 'count' };
    const cap = as === 'list' ? q.intent.limit : undefined;
    const pageSize = cap !== undefined ? Math.min(cap, PAGE_SIZE) : PAGE_SIZE;
    let r = await runList(reader, query, page, pageSize, cap);
    // One leftover word that matches nothing beside a named company or a stated type is no topic worth answering 0 for
    // ("how many samsung deals r there"): the list without it answers. Several such words describe a deal instead.
    if (r.total === 0 && query.topics?.length === 1 && (q.names.length || q.intent.types.length)) {
      const loose = { ...query, topics: [], topicAnywhere: false };
      const r2 = await runList(reader, loose, page, pageSize, cap);
      if (r2.total > 0) r = r2;
    }
    const read = reading(q, v);
    if (r.total === 0) return undefined;
    const label = q.names.map((s) => v.names.orgName.get(s.orgIds[0]!) ?? s.typed).join(', ') || q.text.trim();
    const base = { label, total: r.total, hits: await hitsOf(r.ids), page, pageSize, order: query.order, question: read, corrections: corrections(q, v) };
    if (as === 'list' && r.atLeast) return { status: 'list', ...base, atLeast: true };
    if (as === 'count') return { status: 'count', ...base, breakdown: breakdownOf(r.breakdown ?? (await reader.breakdown(r.query))) };
    return { status: 'list', ...base };
  }

  async function none(q: Question, v: Vocabulary, reason: 'roles' | 'no_match' | 'empty_list', oc: OrgCounts): Promise<SearchOutcome> {
    const read = reading(q, v);
    return {
      status: 'none',
      suggestions: await suggestions(reader, q, v, oc),
      question: read,
      reason: reason === 'roles' ? { kind: 'roles', names: read.names.map((n) => n.name) } : { kind: reason },
    };
  }

  function found(q: Question, v: Vocabulary, best: Scored, rest: Scored[], overrideAsk?: QuestionReading['ask']): SearchOutcome {
    const read = reading(q, v);
    if (overrideAsk) read.ask = overrideAsk;
    return {
      status: 'found',
      best: hitOf(best.row, 0),
      alternatives: rest.slice(0, ALTERNATIVES).map((s, i) => hitOf(s.row, i + 1)),
      corrections: corrections(q, v, best),
      question: read,
      confidence: best.confidence,
    };
  }

  /** Scores rows as candidates of a lookup (every row of a list is a fitting candidate). */
  function scoreRows(rows: CandidateRow[], q: Question, bm25 = new Map<number, number>()): Scored[] {
    return rank(score(rows, q, { totalDeals, bm25 }));
  }

  async function lookup(q: Question, v: Vocabulary, oc: OrgCounts): Promise<{ ranked: Scored[] }> {
    const r = await retrieve(reader, q.names, q.terms, totalDeals, (t) => v.termCounts.count(t), oc, q.known?.map((k) => k.orgIds));
    return { ranked: scoreRows(await reader.candidates(r.ids), q, r.bm25) };
  }

  async function search(query: string, opts: SearchOptions = {}): Promise<SearchOutcome> {
    const page = Math.max(1, Math.floor(opts.page ?? 1));
    // Only what could be a slug is looked up as one (a read saved per question on PostgreSQL).
    const trimmed = query.trim();
    const direct = trimmed.length <= LIMITS.slug && SLUG_RE.test(trimmed) ? await reader.dealBySlug(trimmed) : undefined;
    if (direct) return { status: 'found', best: { ...direct, score: 1 }, alternatives: [], corrections: [] };
    const v = await current();
    const oc = orgCounts(reader);
    let q = ask(query, v);
    const { intent } = q;
    const hasConstraints = intent.types.length > 0 || intent.status !== undefined || intent.years.length > 0 || intent.fromYear !== undefined || intent.toYear !== undefined || intent.closedYears.length > 0 || intent.closedFromYear !== undefined || intent.closedToYear !== undefined || intent.order !== undefined || intent.minUsd !== undefined || intent.maxUsd !== undefined;

    if (!q.names.length && !q.terms.length && !q.known?.length && !hasConstraints && intent.ask !== 'count' && intent.ask !== 'list') return await none(q, v, 'no_match', oc);

    // How many: always a count, whatever else is said.
    // Types read from verbs ("how many companies has sony bought") are everyday buying: mergers and divestitures too.
    if (intent.ask === 'count') return (await listAnswer(q, v, page, 'count', intent.typesFromVerbs === true && 'count')) ?? countZero(q, v);

    // Aggregates and lists: "largest acquisitions in 2020", "latest AI investments", "microsoft acquisitions".
    if (intent.ask === 'list' || (intent.order && !q.terms.length)) {
      const singular = intent.order !== undefined && !intent.plural;
      const r = await listAnswer(q, v, singular ? 1 : page, 'list');
      if (!r || r.status !== 'list') {
        // No deal fits the list read, and no company is named (only described): the words may describe one deal
        // instead ("us retail giant takes over india's biggest online store"), looked up as any description.
        if (q.names.every((n) => n.described) && (q.terms.length || q.names.length)) {
          const q1 = ask(query, v, false, true);
          if (q1.intent.ask !== 'list') {
            const r1 = await lookup(q1, v, oc);
            const v1 = decide(r1.ranked, q1);
            if (v1.verdict === 'answer') return found(q1, v, v1.best, v1.rest);
          }
        }
        return await none(q, v, q.names.length ? 'roles' : 'empty_list', oc);
      }
      if (singular && r.hits.length) {
        // "microsoft's biggest acquisition": the first of the list answers, the next ones are alternatives.
        const rows = await reader.candidates(r.hits.map((h) => h.id));
        const scored = rows.map((row) => score([row], q, { totalDeals, bm25: new Map() })[0]!);
        return found(q, v, scored[0]!, scored.slice(1), 'show');
      }
      return r;
    }

    // One company and nothing else to match: its deals in the roles, type and years stated; one of them answers
    // when exactly one fits ("who bought github", "when did xiaomi sign the mou"), otherwise they are listed.
    if (q.names.length === 1 && !q.terms.length) {
      // "google deepmind" is DeepMind's alias, but "rakuten viber" as one name means the pair when such a deal exists.
      const split = splitName(q, v);
      if (split) {
        const r3 = await lookup(split, v, oc);
        const v3 = decide(r3.ranked, split);
        if (v3.verdict === 'answer') return found(split, v, v3.best, v3.rest);
      }
      const query = listQuery(q, { nearTypes: true });
      // "what company did google acquire for 2.1 billion": a stated amount picks the one deal of about that value
      // (within 15%, as ranking weighs it), when exactly one of the company's deals has it.
      if (intent.amountUsd !== undefined) {
        const near = { ...query, minUsd: intent.amountUsd * 0.85, maxUsd: intent.amountUsd * 1.15 };
        const byAmount = await runList(reader, near, 1, 2);
        if (byAmount.total === 1) {
          const rows = await reader.candidates(byAmount.ids);
          return found(q, v, score(rows, q, { totalDeals, bm25: new Map() })[0]!, []);
        }
      }
      const r = await runList(reader, query, page, PAGE_SIZE);
      if (r.total === 1) {
        // The one deal answers on any page: "page 2" of "who bought github" has no ids of its own (it crashed).
        const rows = await reader.candidates(r.ids.length ? r.ids : (await runList(reader, query, 1, PAGE_SIZE)).ids);
        const best = score(rows, q, { totalDeals, bm25: new Map() })[0];
        if (best) return found(q, v, best, []);
      }
      if (r.total === 0) {
        const stated = intent.nameRoles[0] !== undefined || intent.types.length > 0 || intent.status !== undefined;
        if (stated && intent.ask !== 'show') return await none(q, v, 'roles', oc);
        if (stated) return await none(q, v, 'roles', oc);
        // A year with nothing in it: the company's deals, all years.
        const all = await listAnswer({ ...q, intent: { ...intent, years: [], fromYear: undefined, toYear: undefined, closedYears: [], closedFromYear: undefined, closedToYear: undefined } }, v, page, 'list');
        return all ?? await none(q, v, 'no_match', oc);
      }
      const out = await listAnswer(q, v, page, 'list', true);
      return out ?? await none(q, v, 'no_match', oc);
    }

    let { ranked } = await lookup(q, v, oc);
    let verdict = decide(ranked, q);
    if (verdict.verdict === 'refuse') {
      // "when did the dell emc thing wrap up": one name read whole ("Dell EMC") may name the pair's deal.
      const split = splitName(q, v);
      if (split) {
        const r3 = await lookup(split, v, oc);
        const v3 = decide(r3.ranked, split);
        if (v3.verdict === 'answer') return found(split, v, v3.best, v3.rest);
      }
    }
    if (verdict.verdict === 'refuse' && verdict.reason === 'no_match') {
      // Second chance: corrections and completions for every word, not only for words the index lacks.
      const q2 = ask(query, v, true);
      const r2 = await lookup(q2, v, oc);
      const v2 = decide(r2.ranked, q2);
      if (v2.verdict === 'answer') {
        q = q2;
        ranked = r2.ranked;
        verdict = v2;
      }
    }
    if (verdict.verdict === 'refuse') return await none(q, v, verdict.reason, oc);
    return found(q, v, verdict.best, verdict.rest);
  }

  function countZero(q: Question, v: Vocabulary): SearchOutcome {
    const read = reading(q, v);
    return {
      status: 'count',
      label: read.names.map((n) => n.name).join(', ') || q.text.trim(),
      total: 0,
      breakdown: [],
      hits: [],
      page: 1,
      pageSize: PAGE_SIZE,
      order: q.intent.order ?? 'newest',
      question: read,
      corrections: corrections(q, v),
    };
  }

  /** A multi-word name whose words each name an organisation: the pair, as a second reading. */
  function splitName(q: Question, v: Vocabulary): Question | undefined {
    if (q.names.length !== 1) return undefined;
    const s = q.names[0]!;
    const parts = s.typed.split(' ');
    if (parts.length < 2) return undefined;
    const ids = parts.map((w) => v.names.keyToOrgs.get(w));
    if (!ids.every((x) => x !== undefined)) return undefined;
    const names = parts.map((w, k) => ({ start: s.start + k, end: s.start + k + 1, typed: w, key: w, orgIds: ids[k]!, distance: 0 }));
    return { ...q, names, intent: { ...q.intent, nameRoles: names.map(() => undefined) } };
  }

  const autocomplete = createAutocomplete(reader, current);
  const api: FollowingSearch = {
    search,
    autocomplete,
    async warm(): Promise<void> {
      await current();
    },
    generation: () => generation,
    async close(): Promise<void> {
      closed = true;
      await subscription?.close();
    },
  };
  // Started now; a failure surfaces at the first question (which reads again), never as an unhandled rejection.
  if (opts.warm) api.warm().catch(() => undefined);
  return api;
}

export { Completions };
