// The /deal search pipeline, composed from its stages:
//   question/ (normalise -> names -> intent -> terms)  ->  list.ts (lists and counts)  or
//   retrieve.ts -> rank.ts -> gate.ts  ->  found, or not found with suggest.ts;  autocomplete/ for the option.
// Everything it reads comes through a SearchReader (src/store): no SQL here. Per query the cost is bounded: hash
// lookups, a few indexed reads and the scoring of at most a few hundred candidates.
import type { Store } from '../store/store.ts';
import { SqliteSearchReader, type CandidateRow, type SearchReader } from '../store/search-reader.ts';
import { understand, type Question } from './question/index.ts';
import { retrieve } from './retrieve.ts';
import { rank, score, type Scored } from './rank.ts';
import { decide } from './gate.ts';
import { suggestions } from './suggest.ts';
import { breakdownOf, listQuery, PAGE_SIZE, runList } from './list.ts';
import { createAutocomplete } from './autocomplete/index.ts';
import {
  Completions,
  loadNames,
  loadTerms,
  loadTitleTerms,
  titleWordsOf,
  wordsWrittenSince,
  type Vocabulary,
} from './vocabulary/indexes.ts';
import type { DealSearch, QuestionReading, SearchHit, SearchOptions, SearchOutcome } from './types.ts';

const ALTERNATIVES = 4;

export interface DealSearchOptions {
  /** Build the vocabularies now rather than at the first query. */
  warm?: boolean;
}

function isReader(x: Store | SearchReader): x is SearchReader {
  return typeof (x as SearchReader).termCounts === 'function';
}

export function createDealSearch(source: Store | SearchReader, opts: DealSearchOptions = {}): DealSearch & { warm(): void } {
  const reader = isReader(source) ? source : new SqliteSearchReader(source);
  let vocab: Vocabulary | undefined;
  let stamp = '';
  let namesPrint = '';
  let dealsPrint = '';
  let totalDeals = 0;

  /** The vocabularies, brought up to date if anything was written (by us or another process) since last time. */
  function current(): Vocabulary {
    const now = reader.changeStamp();
    if (vocab && now === stamp) return vocab;
    const np = reader.namesFingerprint();
    const dp = reader.lastDealWrite();
    if (!vocab) {
      const { terms, termCounts } = loadTerms(reader);
      vocab = { names: loadNames(reader, terms), terms, termCounts, ...loadTitleTerms(reader) };
    } else {
      if (np !== namesPrint) {
        vocab.names = loadNames(reader, vocab.terms);
        addNewNameWords(vocab);
      }
      if (dp !== dealsPrint) {
        const added = wordsWrittenSince(reader, dealsPrint);
        vocab.terms.add(added.all);
        vocab.termCounts.add(added.all);
        vocab.titleTerms.add(added.titles);
        for (const d of titleWordsOf(reader, added.ids)) vocab.postings.add(d.id, d.words);
      }
    }
    totalDeals = reader.countDeals();
    namesPrint = np;
    dealsPrint = dp;
    stamp = now;
    return vocab;
  }

  /** A name or alias added since the postings were built: its organisations' deals get the new words. */
  function addNewNameWords(v: Vocabulary): void {
    const orgIds = new Set<number>();
    for (const [key, ids] of v.names.keyToOrgs) {
      if (key.split(' ').some((w) => !v.postings.has(w))) for (const id of ids) orgIds.add(id);
    }
    if (!orgIds.size) return;
    const docs = titleWordsOf(reader, reader.dealIdsOfOrgs([...orgIds]));
    for (const d of docs) v.postings.add(d.id, d.words);
    v.titleTerms.add(docs.flatMap((d) => d.words));
  }

  function ask(text: string, v: Vocabulary, relaxed = false): Question {
    return understand(text, {
      names: v.names,
      has: (w) => v.terms.has(w),
      count: (w) => v.termCounts.count(w),
      lookup: (w) => v.terms.lookup(w),
      complete: (p, n) => v.termCounts.complete(p, n),
    }, { relaxed });
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
      order: q.intent.order,
      topics: q.terms.map((g) => g.typed),
      minUsd: q.intent.minUsd,
      maxUsd: q.intent.maxUsd,
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

  function hitsOf(ids: number[]): SearchHit[] {
    return reader.titles(ids).map(hitOf);
  }

  /** Lists, counts and a company's deals: the question's constraints as a list query. */
  function listAnswer(q: Question, v: Vocabulary, page: number, as: 'list' | 'count', nearTypes = false): SearchOutcome | undefined {
    const counts = { count: (t: string) => v.termCounts.count(t), titleCount: (t: string) => v.titleTerms.count(t), total: totalDeals };
    const query = { ...listQuery(q, { nearTypes, ...(as === 'list' ? { count: counts } : {}) }), exactTotal: as === 'count' };
    const cap = as === 'list' ? q.intent.limit : undefined;
    const pageSize = cap !== undefined ? Math.min(cap, PAGE_SIZE) : PAGE_SIZE;
    const r = runList(reader, query, page, pageSize, cap);
    const read = reading(q, v);
    if (r.total === 0) return undefined;
    const label = q.names.map((s) => v.names.orgName.get(s.orgIds[0]!) ?? s.typed).join(', ') || q.text.trim();
    const base = { label, total: r.total, hits: hitsOf(r.ids), page, pageSize, order: query.order, question: read, corrections: corrections(q, v) };
    if (as === 'list' && r.atLeast) return { status: 'list', ...base, atLeast: true };
    if (as === 'count') return { status: 'count', ...base, breakdown: breakdownOf(reader.breakdown(r.query)) };
    return { status: 'list', ...base };
  }

  function none(q: Question, v: Vocabulary, reason: 'roles' | 'no_match' | 'empty_list'): SearchOutcome {
    const read = reading(q, v);
    return {
      status: 'none',
      suggestions: suggestions(reader, q, v),
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

  function lookup(q: Question, v: Vocabulary): { ranked: Scored[] } {
    const r = retrieve(reader, q.names, q.terms, totalDeals, (t) => v.termCounts.count(t));
    return { ranked: scoreRows(reader.candidates(r.ids), q, r.bm25) };
  }

  function search(query: string, opts: SearchOptions = {}): SearchOutcome {
    const page = Math.max(1, Math.floor(opts.page ?? 1));
    const direct = reader.dealBySlug(query.trim());
    if (direct) return { status: 'found', best: { ...direct, score: 1 }, alternatives: [], corrections: [] };
    const v = current();
    let q = ask(query, v);
    const { intent } = q;
    const hasConstraints = intent.types.length > 0 || intent.status !== undefined || intent.years.length > 0 || intent.fromYear !== undefined || intent.toYear !== undefined || intent.order !== undefined || intent.minUsd !== undefined || intent.maxUsd !== undefined;

    if (!q.names.length && !q.terms.length && !hasConstraints && intent.ask !== 'count' && intent.ask !== 'list') return none(q, v, 'no_match');

    // How many: always a count, whatever else is said.
    // Types read from verbs ("how many companies has sony bought") are everyday buying: mergers and divestitures too.
    if (intent.ask === 'count') return listAnswer(q, v, page, 'count', intent.typesFromVerbs === true) ?? countZero(q, v);

    // Aggregates and lists: "largest acquisitions in 2020", "latest AI investments", "microsoft acquisitions".
    if (intent.ask === 'list' || (intent.order && !q.terms.length)) {
      const singular = intent.order !== undefined && !intent.plural;
      const r = listAnswer(q, v, singular ? 1 : page, 'list');
      if (!r || r.status !== 'list') return none(q, v, q.names.length ? 'roles' : 'empty_list');
      if (singular && r.hits.length) {
        // "microsoft's biggest acquisition": the first of the list answers, the next ones are alternatives.
        const rows = reader.candidates(r.hits.map((h) => h.id));
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
        const r3 = lookup(split, v);
        const v3 = decide(r3.ranked, split);
        if (v3.verdict === 'answer') return found(split, v, v3.best, v3.rest);
      }
      const query = listQuery(q, { nearTypes: true });
      const r = runList(reader, query, page, PAGE_SIZE);
      if (r.total === 1) {
        const rows = reader.candidates(r.ids);
        return found(q, v, score(rows, q, { totalDeals, bm25: new Map() })[0]!, []);
      }
      if (r.total === 0) {
        const stated = intent.nameRoles[0] !== undefined || intent.types.length > 0 || intent.status !== undefined;
        if (stated && intent.ask !== 'show') return none(q, v, 'roles');
        if (stated) return none(q, v, 'roles');
        // A year with nothing in it: the company's deals, all years.
        const all = listAnswer({ ...q, intent: { ...intent, years: [], fromYear: undefined, toYear: undefined } }, v, page, 'list');
        return all ?? none(q, v, 'no_match');
      }
      const out = listAnswer(q, v, page, 'list', true);
      return out ?? none(q, v, 'no_match');
    }

    let { ranked } = lookup(q, v);
    let verdict = decide(ranked, q);
    if (verdict.verdict === 'refuse' && verdict.reason === 'no_match') {
      // Second chance: corrections and completions for every word, not only for words the index lacks.
      const q2 = ask(query, v, true);
      const r2 = lookup(q2, v);
      const v2 = decide(r2.ranked, q2);
      if (v2.verdict === 'answer') {
        q = q2;
        ranked = r2.ranked;
        verdict = v2;
      }
    }
    if (verdict.verdict === 'refuse') return none(q, v, verdict.reason);
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
  const api = {
    search,
    autocomplete,
    warm() {
      current();
    },
  };
  if (opts.warm) api.warm();
  return api;
}

export { Completions };
