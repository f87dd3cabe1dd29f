// The /deal search pipeline: normalise -> resolve organisation names and aliases (with typos) -> correct the other
// words against the index's vocabulary -> retrieve from the SQLite full-text index (all words must match) -> rank
// -> gate. A deal is only answered when every meaningful word (or its alias/correction) is found in it; otherwise the
// answer is not-found with did-you-mean suggestions. Everything per query is bounded: hash lookups, a few indexed
// SQL queries and scoring of at most CANDIDATES deals; nothing scans all deals.
import Fuse from 'fuse.js';
import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../store/store.ts';
import type { DealType } from '../deals/schema.ts';
import { typoBudget } from './damerau.ts';
import { parseQuery, inflections, queryWords, textWords, FILLER, TYPE_WORDS, type ParsedQuery } from './text.ts';
import {
  lastDealWrite,
  loadNames,
  loadTerms,
  loadTitleTerms,
  has as postingHas,
  namesFingerprint,
  titleWordsOf,
  wordsWrittenSince,
  type Vocabulary,
} from './vocabulary.ts';
import type { DealSearch, SearchHit, SearchOutcome, SearchSuggestion } from './types.ts';

/** Deals scored per query after retrieval. */
const CANDIDATES = 60;
const ALTERNATIVES = 4;
const BROAD_HITS = 10;
const SUGGESTIONS = 5;
/** Retrievals tried per kind of suggestion: the not-found path stays as cheap as an answer. */
const SUGGESTION_TRIES = 3;
/** Completions of an unfinished last word tried per query. */
const PREFIX_EXPANSIONS = 8;
/** Rows of all phrases (document counts of the words and their alternatives) above which bm25() is not used. */
const BM25_MAX_DOCS = 1000;
/** Newest deals of the named companies checked for the other words when those are common. */
const PARTY_CANDIDATES = 100;
/** Autocomplete: alternatives per word and tier, deals read per tier, shortest word given a misspelt-start search. */
const AC_ALTERNATIVES = 12;
const AC_CANDIDATES = 100;
/** Postings entries walked per autocomplete tier at most (bounded cost for rare combinations of common words). */
const AC_SCAN = 20000;
const AC_FUZZY_MIN = 4;
/** fuse.js corrects names only when the list is small enough to scan in a few milliseconds. */
const FUSE_MAX_NAMES = 5000;

/** Full-text weights per column (parties incl. aliases, title, areas, summary), as bm25() takes them. */
const BM25 = 'bm25(deals_fts, 10.0, 5.0, 3.0, 1.0)';
const FIELD_WEIGHT = [4, 3, 2, 1] as const;

interface Alt {
  term: string;
  distance: number;
}

/** One meaningful part of the query: an organisation (one or more words) or a word to find in the text. */
interface Group {
  /** What the user typed for it. */
  typed: string;
  kind: 'name' | 'term';
  orgIds: number[];
  /** For names: the normalised name or alias it resolved to. */
  key: string;
  alts: Alt[];
  /** Smallest typo count among alts (0 when typed exactly). */
  distance: number;
}

interface AcRow {
  id: number;
  parties: string;
  slug: string;
  title: string;
  announced: string;
}

interface AcCandidate {
  id: number;
  slug: string;
  title: string;
  announced: string;
  cost: number;
  partyWords: number;
}

interface Candidate {
  id: number;
  slug: string;
  title: string;
  type: string;
  announced: string;
  rank: number;
  typos: number;
  fields: number;
  typeMatch: number;
  yearMatch: number;
  /** Parties the question did not name: "softbank arm" prefers SoftBank–Arm over Nvidia–Arm–SoftBank. */
  otherParties: number;
  matched: Map<Group, Alt>;
}

export interface DealSearchOptions {
  /** Build the vocabularies now rather than at the first query. */
  warm?: boolean;
}

export function createDealSearch(store: Store, opts: DealSearchOptions = {}): DealSearch & { warm(): void } {
  let vocab: Vocabulary | undefined;
  let stamp = '';
  let namesPrint = '';
  let dealsPrint = '';
  let fuse: Fuse<{ key: string; orgId: number }> | undefined | null;

  /** The vocabularies, brought up to date if anything was written (by us or another process) since last time. */
  function current(): Vocabulary {
    const now = store.changeStamp();
    if (vocab && now === stamp) return vocab;
    const np = namesFingerprint(store);
    const dp = lastDealWrite(store);
    if (!vocab) {
      const { terms, termCounts } = loadTerms(store);
      vocab = { names: loadNames(store, terms), terms, termCounts, ...loadTitleTerms(store) };
      fuse = undefined;
    } else {
      if (np !== namesPrint) {
        vocab.names = loadNames(store, vocab.terms);
        fuse = undefined;
        addNewNameWords(vocab);
      }
      if (dp !== dealsPrint) {
        const added = wordsWrittenSince(store, dealsPrint);
        vocab.terms.add(added.all);
        vocab.termCounts.add(added.all);
        vocab.titleTerms.add(added.titles);
        for (const d of titleWordsOf(store, added.ids)) vocab.postings.add(d.id, d.words);
      }
    }
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
    const list = [...orgIds];
    const dealIds = store.db
      .prepare(`SELECT DISTINCT deal_id FROM deal_parties WHERE org_id IN (${list.map(() => '?').join(',')}) ORDER BY deal_id`)
      .pluck()
      .all(...list) as number[];
    const docs = titleWordsOf(store, dealIds);
    for (const d of docs) v.postings.add(d.id, d.words);
    v.titleTerms.add(docs.flatMap((d) => d.words));
  }

  function nameFuse(v: Vocabulary): Fuse<{ key: string; orgId: number }> | null {
    if (fuse !== undefined) return fuse;
    const list: { key: string; orgId: number }[] = [];
    for (const [key, ids] of v.names.keyToOrgs) for (const orgId of ids) list.push({ key, orgId });
    fuse = list.length <= FUSE_MAX_NAMES ? new Fuse(list, { keys: ['key'], threshold: 0.4, includeScore: true }) : null;
    return fuse;
  }

  // ------------------------------------------------------------------ understanding the query

  /** Finds organisation names in the words: exact (longest first), then with typos per word. */
  function resolveNames(p: ParsedQuery, v: Vocabulary): { groups: Group[]; used: Set<number> } {
    const meaningful = new Set(p.meaningful);
    const used = new Set<number>();
    const groups: Group[] = [];
    const { words } = p;
    const names = v.names;
    const free = (i: number, n: number) => {
      for (let k = i; k < i + n; k++) if (used.has(k)) return false;
      return true;
    };
    const take = (i: number, n: number, key: string, orgIds: number[], distance: number) => {
      for (let k = i; k < i + n; k++) used.add(k);
      groups.push({ typed: words.slice(i, i + n).join(' '), kind: 'name', orgIds, key, alts: [], distance });
    };
    // Exact names and aliases. A name must start and end on a meaningful word ("bank of america" yes, "of" no).
    for (let i = 0; i < words.length; i++) {
      if (!meaningful.has(i) || used.has(i)) continue;
      for (let n = Math.min(names.maxWords, words.length - i); n >= 1; n--) {
        if (!meaningful.has(i + n - 1) || !free(i, n)) continue;
        const key = words.slice(i, i + n).join(' ');
        const orgIds = names.keyToOrgs.get(key);
        if (orgIds) {
          take(i, n, key, orgIds, 0);
          i += n - 1;
          break;
        }
      }
    }
    // Misspelt names: only words the index does not know as typed (a real word is never "corrected" into a name).
    for (let i = 0; i < words.length; i++) {
      if (!meaningful.has(i) || used.has(i)) continue;
      let best: { n: number; key: string; orgIds: number[]; distance: number } | undefined;
      for (let n = Math.min(names.maxWords, words.length - i); n >= 1 && !best; n--) {
        if (!meaningful.has(i + n - 1) || !free(i, n)) continue;
        const options: Alt[][] = [];
        let typo = false;
        for (let k = i; k < i + n; k++) {
          const w = words[k]!;
          if (names.words.has(w)) options.push([{ term: w, distance: 0 }]);
          else if (!v.terms.has(w)) {
            const c = names.words.lookup(w).slice(0, 3);
            if (!c.length) break;
            options.push(c);
            typo = true;
          } else break;
        }
        if (options.length !== n || !typo) continue;
        for (const combo of product(options)) {
          const key = combo.map((a) => a.term).join(' ');
          const orgIds = names.keyToOrgs.get(key);
          const distance = combo.reduce((s, a) => s + a.distance, 0);
          if (orgIds && (!best || distance < best.distance)) best = { n, key, orgIds, distance };
        }
      }
      if (best) {
        take(i, best.n, best.key, best.orgIds, best.distance);
        i += best.n - 1;
      }
    }
    return { groups, used };
  }

  /** The other meaningful words: as typed (and singular/plural) when the index has them, else corrections. */
  function termGroups(p: ParsedQuery, used: Set<number>, v: Vocabulary, relaxed: boolean): Group[] {
    const out: Group[] = [];
    const lastMeaningful = p.meaningful[p.meaningful.length - 1];
    for (const i of p.meaningful) {
      if (used.has(i)) continue;
      const w = p.words[i]!;
      const alts = new Map<string, number>();
      for (const f of inflections(w)) if (v.terms.has(f)) alts.set(f, 0);
      if (alts.size === 0 || relaxed) {
        for (const c of v.terms.lookup(w)) if (!alts.has(c.term)) alts.set(c.term, c.distance);
      }
      // The last word may be unfinished ("microsoft git"): complete it from the vocabulary.
      if (i === lastMeaningful && w.length >= 3 && (alts.size === 0 || relaxed)) {
        for (const t of v.termCounts.complete(w, PREFIX_EXPANSIONS)) if (!alts.has(t)) alts.set(t, 0.5);
      }
      const list = [...alts].map(([term, distance]) => ({ term, distance }));
      out.push({
        typed: w,
        kind: 'term',
        orgIds: [],
        key: w,
        alts: list,
        distance: list.length ? Math.min(...list.map((a) => a.distance)) : Infinity,
      });
    }
    return out;
  }

  // ------------------------------------------------------------------ retrieval and ranking

  /**
   * Candidate deals, each with its bm25 rank. `unchecked`: the candidates were found without some of the words, which
   * score() must still check (and rank without bm25: `rank` is 0).
   *
   * Costs stay bounded whatever the corpus: FTS5's bm25() counts every row of every phrase to weigh it (4 ms for
   * "cloud" in 85k of 100k deals, even when one row matches), so bm25 is used only when the phrases' rows add up to
   * BM25_MAX_DOCS; otherwise the rarest words (or the named companies' deals) drive retrieval, newest first.
   */
  function retrieve(groups: Group[], limit: number, v: Vocabulary): { rows: { id: number; rank: number }[]; unchecked: boolean } {
    const terms = groups.filter((g) => g.kind === 'term');
    if (terms.some((g) => g.alts.length === 0)) return { rows: [], unchecked: false };
    const named = groups.filter((g) => g.kind === 'name');
    const counted = named
      .map((g) => ({ g, deals: named.length > 1 || terms.length ? orgDealCount(g.orgIds) : 0 }))
      .sort((a, b) => a.deals - b.deals);
    const names = counted.map((x) => x.g);
    const params: (string | number)[] = [];
    const partyConds = names.map((g) => {
      params.push(...g.orgIds);
      return `EXISTS (SELECT 1 FROM deal_parties p WHERE p.deal_id = d.id AND p.org_id IN (${g.orgIds.map(() => '?').join(',')}))`;
    });
    // With a company named, a word found in many deals ("secur" -> security, securities…) would make the index read
    // every deal containing it and test each for the company: start from the company's deals when that is cheaper
    // (rough costs in microseconds: the index reads about 2 per matching row, scoring a candidate about 15).
    const docs = terms.map((g) => g.alts.reduce((n, a) => n + v.termCounts.count(a.term), 0));
    const termDocs = terms.length ? Math.min(...docs) : 0;
    const orgDeals = counted[0]?.deals ?? 0;
    const partyCheaper = names.length > 0 && orgDeals + 15 * Math.min(orgDeals, PARTY_CANDIDATES) < 2 * termDocs;
    if (terms.length && !partyCheaper) {
      const matchOf = (gs: Group[]) => gs.map((g) => `(${g.alts.map((a) => `"${a.term}"`).join(' OR ')})`).join(' AND ');
      const where = `WHERE deals_fts MATCH ? AND d.deleted_at IS NULL ${partyConds.map((c) => `AND ${c}`).join(' ')}`;
      if (docs.reduce((a, b) => a + b, 0) <= BM25_MAX_DOCS) {
        const sql = `SELECT d.id AS id, ${BM25} AS rank FROM deals_fts f JOIN deals d ON d.id = f.rowid ${where} ORDER BY rank LIMIT ?`;
        return { rows: store.prepared(sql).all(matchOf(terms), ...params, limit) as { id: number; rank: number }[], unchecked: false };
      }
      // Common words: the same match without bm25 (cheap: FTS5 skips through long lists), newest first, ranked by score().
      const sql = `SELECT d.id AS id, 0 AS rank FROM deals_fts f JOIN deals d ON d.id = f.rowid ${where} ORDER BY f.rowid DESC LIMIT ?`;
      const rows = store.prepared(sql).all(matchOf(terms), ...params, PARTY_CANDIDATES) as { id: number; rank: number }[];
      return { rows, unchecked: true };
    }
    if (!names.length) return { rows: [], unchecked: false };
    // Only organisations: start from the first one's parties (indexed), newest first.
    const [first, ...rest] = names;
    const sql = `SELECT DISTINCT d.id AS id, 0 AS rank FROM deal_parties p0 JOIN deals d ON d.id = p0.deal_id
      WHERE p0.org_id IN (${first!.orgIds.map(() => '?').join(',')}) AND d.deleted_at IS NULL
      ${partyConds.slice(1).map((c) => `AND ${c}`).join(' ')}
      ORDER BY d.announced DESC, d.id DESC LIMIT ?`;
    const restParams = rest.flatMap((g) => g.orgIds);
    const unchecked = terms.length > 0;
    const rows = store.prepared(sql).all(...first!.orgIds, ...restParams, unchecked ? PARTY_CANDIDATES : limit) as {
      id: number;
      rank: number;
    }[];
    return { rows, unchecked };
  }

  /** How many deals these organisations take part in (an index count): the rarest named company drives retrieval. */
  function orgDealCount(orgIds: number[]): number {
    const r = store.db
      .prepare(`SELECT count(*) AS n FROM deal_parties WHERE org_id IN (${orgIds.map(() => '?').join(',')})`)
      .get(...orgIds) as { n: number };
    return r.n;
  }

  function score(rows: { id: number; rank: number }[], groups: Group[], p: ParsedQuery, v: Vocabulary, unchecked = false): Candidate[] {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const marks = ids.map(() => '?').join(',');
    const texts = new Map(
      (
        store.db
          .prepare(
            `SELECT f.rowid AS id, f.parties, f.title AS ftitle, f.areas, f.summary, d.slug, d.title, d.type, d.announced,
               (SELECT count(*) FROM deal_parties p WHERE p.deal_id = d.id) AS partyCount
             FROM deals_fts f JOIN deals d ON d.id = f.rowid WHERE f.rowid IN (${marks})`,
          )
          .all(...ids) as {
          id: number;
          parties: string;
          ftitle: string;
          areas: string;
          summary: string;
          slug: string;
          title: string;
          type: string;
          announced: string;
          partyCount: number;
        }[]
      ).map((r) => [r.id, r]),
    );
    const out: Candidate[] = [];
    for (const r of rows) {
      const t = texts.get(r.id);
      if (!t) continue;
      const fields = [t.parties, t.ftitle, t.areas, t.summary].map((s) => new Set(fieldWords(s)));
      let typos = 0;
      let fieldScore = 0;
      const matched = new Map<Group, Alt>();
      let missing = false;
      let jsRank = 0;
      for (const g of groups) {
        if (g.kind === 'name') {
          typos += g.distance;
          fieldScore += FIELD_WEIGHT[0];
          continue;
        }
        let best: { alt: Alt; weight: number } | undefined;
        for (const a of g.alts) {
          const f = fields.findIndex((s) => s.has(a.term));
          if (f < 0) continue;
          const weight = FIELD_WEIGHT[f as 0 | 1 | 2 | 3];
          if (!best || a.distance < best.alt.distance || (a.distance === best.alt.distance && weight > best.weight)) {
            best = { alt: a, weight };
          }
        }
        // Without bm25, rarer words in more important fields weigh more (its idea, on the few candidates only).
        if (best && unchecked) jsRank -= best.weight * Math.log(1 + 1e6 / (1 + v.termCounts.count(best.alt.term)));
        if (best) matched.set(g, best.alt);
        else if (unchecked) {
          missing = true;
          break;
        }
        typos += best ? best.alt.distance : g.distance;
        fieldScore += best ? best.weight : 0;
      }
      if (missing) continue;
      out.push({
        id: r.id,
        slug: t.slug,
        title: t.title,
        type: t.type,
        announced: t.announced,
        rank: unchecked ? jsRank : r.rank,
        typos,
        fields: fieldScore,
        typeMatch: p.types.includes(t.type as DealType) ? 1 : 0,
        yearMatch: p.years.some((y) => t.announced.startsWith(y)) ? 1 : 0,
        otherParties: Math.max(0, t.partyCount - groups.filter((g) => g.kind === 'name').length),
        matched,
      });
    }
    // Fewer typos, then the stated year and deal type, then matches in more important fields, then fewer parties the
    // question did not name, then bm25, then newest.
    return out.sort(
      (a, b) =>
        a.typos - b.typos ||
        b.yearMatch - a.yearMatch ||
        b.typeMatch - a.typeMatch ||
        b.fields - a.fields ||
        a.otherParties - b.otherParties ||
        a.rank - b.rank ||
        (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : 0),
    );
  }

  const hit = (c: Candidate, i: number): SearchHit => ({ id: c.id, slug: c.slug, title: c.title, score: 1 / (i + 1) });

  function run(groups: Group[], p: ParsedQuery, v: Vocabulary, limit = CANDIDATES): Candidate[] {
    if (!groups.length) return [];
    const { rows, unchecked } = retrieve(groups, limit, v);
    const ranked = score(rows, groups, p, v, unchecked);
    return unchecked ? ranked.slice(0, limit) : ranked;
  }

  // ------------------------------------------------------------------ not found: did you mean

  function suggestions(query: string, p: ParsedQuery, groups: Group[], v: Vocabulary): SearchSuggestion[] {
    const out: SearchSuggestion[] = [];
    const seen = new Set<string>();
    const push = (s: SearchSuggestion) => {
      if (out.length < SUGGESTIONS && !seen.has(s.query)) {
        seen.add(s.query);
        out.push(s);
      }
    };
    // Deals that match all but one part of the question (a few tries: a long question must not cost many queries).
    if (groups.length >= 2) {
      for (let skip = 0; skip < Math.min(groups.length, SUGGESTION_TRIES); skip++) {
        const rest = groups.filter((_, i) => i !== skip);
        const best = run(rest, p, v, 5)[0];
        if (best) push({ label: best.title, query: best.slug });
      }
    }
    // The organisations the question names: their deals.
    for (const g of groups.filter((x) => x.kind === 'name').slice(0, SUGGESTION_TRIES)) {
      const name = v.names.orgName.get(g.orgIds[0]!)!;
      if (run([g], p, v, 1).length) push({ label: `Deals of ${name}`, query: name });
    }
    // Words that are nobody's name: close names (wider than the answer's typo budget), then fuse.js on small lists.
    for (const g of groups) {
      if (g.kind !== 'term' || g.typed.length < 4) continue;
      const close = v.names.words.lookup(g.typed, Math.max(1, typoBudget(g.typed.length) + 1));
      let key: string | undefined = close.find((c) => v.names.keyToOrgs.has(c.term))?.term;
      if (!key) {
        const f = nameFuse(v)?.search(g.typed, { limit: 1 })[0];
        if (f && (f.score ?? 1) < 0.25) key = f.item.key;
      }
      if (!key) continue;
      const orgId = v.names.keyToOrgs.get(key)![0]!;
      const name = v.names.orgName.get(orgId)!;
      const fixed = queryWords(query)
        .map((w) => (w === g.typed ? key : w))
        .join(' ');
      push({ label: `Did you mean ${name}?`, query: fixed });
    }
    // Nothing close at all: offer the newest deals rather than an empty answer, labelled as what they are (they are
    // not a guess at what was meant).
    if (out.length === 0) {
      const recent = store
        .prepared('SELECT slug, title FROM deals WHERE deleted_at IS NULL ORDER BY announced DESC, id DESC LIMIT 3')
        .all() as { slug: string; title: string }[];
      for (const r of recent) push({ label: `Newest: ${r.title}`, query: r.slug });
    }
    return out;
  }

  // ------------------------------------------------------------------ the outcome

  function search(query: string): SearchOutcome {
    const direct = store.getDeal(query.trim());
    if (direct) {
      return {
        status: 'found',
        best: { id: direct.id, slug: direct.deal.slug, title: direct.deal.title, score: 1 },
        alternatives: [],
        corrections: [],
      };
    }
    const v = current();
    const p = parseQuery(query);
    if (p.meaningful.length === 0) return { status: 'none', suggestions: suggestions(query, p, [], v) };
    const { groups: nameGroups, used } = resolveNames(p, v);
    let groups = [...nameGroups, ...termGroups(p, used, v, false)];
    let ranked = run(groups, p, v);
    if (!ranked.length) {
      // Second chance: corrections and completions for every word, not only for words the index lacks.
      const relaxed = [...nameGroups, ...termGroups(p, used, v, true)];
      const r2 = run(relaxed, p, v);
      if (r2.length) {
        groups = relaxed;
        ranked = r2;
      }
    }
    if (!ranked.length) return { status: 'none', suggestions: suggestions(query, p, groups, v) };

    let onlyOneOrg = groups.length === 1 && groups[0]!.kind === 'name';
    if (onlyOneOrg && groups[0]!.typed.includes(' ')) {
      // "google deepmind" and "rakuten viber" are aliases of DeepMind and Viber, but people mean the pair when
      // each word names an organisation and such a deal exists.
      const parts = groups[0]!.typed.split(' ');
      const split = parts.map((w) => v.names.keyToOrgs.get(w));
      if (split.every((ids) => ids !== undefined)) {
        const splitGroups: Group[] = parts.map((w, k) => ({ typed: w, kind: 'name', orgIds: split[k]!, key: w, alts: [], distance: 0 }));
        const r = run(splitGroups, p, v);
        if (r.length) {
          groups = splitGroups;
          ranked = r;
          onlyOneOrg = false;
        }
      }
    }
    if (onlyOneOrg && ranked.length > 1) {
      // "microsoft", "what did microsoft buy": list its deals, unless a stated year/type picks exactly one.
      const wanted = (c: Candidate) => (!p.types.length || c.typeMatch) && (!p.years.length || c.yearMatch);
      const picked = p.types.length || p.years.length ? ranked.filter(wanted) : [];
      if (picked.length !== 1) {
        const name = v.names.orgName.get(groups[0]!.orgIds[0]!) ?? query.trim();
        return { status: 'broad', label: name, hits: ranked.slice(0, BROAD_HITS).map(hit) };
      }
    }
    const [best, ...rest] = ranked;
    const corrections: { from: string; to: string }[] = [];
    for (const g of groups) {
      if (g.kind === 'name' && g.distance > 0) corrections.push({ from: g.typed, to: v.names.orgName.get(g.orgIds[0]!) ?? g.key });
      const alt = best!.matched.get(g);
      if (g.kind === 'term' && alt && alt.distance >= 1) corrections.push({ from: g.typed, to: alt.term });
    }
    return { status: 'found', best: hit(best!, 0), alternatives: rest.slice(0, ALTERNATIVES).map((c, i) => hit(c, i + 1)), corrections };
  }

  // ------------------------------------------------------------------ autocomplete

  /**
   * Alternatives for one word of a partial query, in two tiers. Tier 0: the word as typed (cost 0) and, when it may
   * be unfinished, its most frequent completions (cost 0.5). Tier 1: typo corrections of the word and completions of
   * a misspelt start ("xiam" -> "xiaomi", one edit from the prefix "xiao"), cost 1. Only title and party words count:
   * autocomplete searches those columns.
   */
  function acAlternatives(w: string, unfinished: boolean, v: Vocabulary): [Alt[], Alt[]] {
    const tt = v.titleTerms;
    const exact: Alt[] = [];
    const seen = new Set<string>();
    const put = (list: Alt[], term: string, distance: number) => {
      if (seen.has(term) || list.length >= AC_ALTERNATIVES) return;
      seen.add(term);
      list.push({ term, distance });
    };
    // An unfinished "micros" is more likely "microsoft" than the singular "micro": shortened forms rank after completions.
    for (const f of inflections(w)) if (tt.count(f) > 0) put(exact, f, f === w || !unfinished || f.startsWith(w) ? 0 : 0.75);
    if (unfinished || exact.length === 0) for (const t of tt.complete(w, AC_ALTERNATIVES)) put(exact, t, 0.5);
    const fuzzy: Alt[] = [];
    for (const c of v.terms.lookup(w)) if (c.distance > 0 && tt.count(c.term) > 0) put(fuzzy, c.term, 1);
    if ((unfinished || exact.length === 0) && w.length >= AC_FUZZY_MIN) {
      const starts = new Set<string>();
      for (const e of oneEdit(w)) if (e.length >= 3 && !starts.has(e) && tt.hasPrefix(e)) starts.add(e);
      // The closest starts first: a longer start shares more of what was typed.
      for (const e of [...starts].sort((a, b) => b.length - a.length)) for (const t of tt.complete(e, 4)) put(fuzzy, t, 1);
    }
    return [exact, fuzzy];
  }

  function autocomplete(partial: string, limit = 25) {
    const max = Math.min(Math.max(limit, 0), 25);
    if (max === 0) return [];
    const toChoice = (r: { slug: string; title: string }) => ({ name: shorten(r.title, 100), value: r.slug });
    const text = partial.slice(0, 200);
    const words = queryWords(text)
      .filter((w) => !FILLER.has(w) && !TYPE_WORDS[w])
      .slice(0, 6);
    if (words.length === 0) {
      return (
        store.db
          .prepare('SELECT slug, title FROM deals WHERE deleted_at IS NULL ORDER BY announced DESC, id DESC LIMIT ?')
          .all(max) as { slug: string; title: string }[]
      ).map(toChoice);
    }
    const v = current();
    const endsWord = /\s$/.test(text);
    // Every word may be unfinished ("nvid ar"), the last one unless a space follows it.
    const tiers = words.map((w, i) => acAlternatives(w, i === words.length - 1 ? !endsWord : true, v));
    const out: AcCandidate[] = [];
    const taken = new Set<number>();
    // Tier by tier: deals matching what was typed (or its completions) before deals needing a correction.
    for (const level of [0, 1] as const) {
      const groups = tiers.map(([t0, t1]) => (level === 0 ? t0 : [...t0, ...t1]));
      if (groups.some((g) => g.length === 0)) continue;
      const rows = acRows(intersect(groups, v, AC_CANDIDATES));
      const ranked: AcCandidate[] = [];
      for (const r of rows) {
        if (taken.has(r.id)) continue;
        const parties = new Set(textWords(r.parties));
        const title = new Set(textWords(r.title));
        let cost = 0;
        let partyWords = 0;
        for (const g of groups) {
          let best = Infinity;
          let inParties = false;
          for (const a of g) {
            const p = parties.has(a.term);
            if ((p || title.has(a.term)) && (a.distance < best || (a.distance === best && p && !inParties))) {
              best = a.distance;
              inParties = p;
            }
          }
          cost += best === Infinity ? 2 : best;
          if (inParties) partyWords++;
        }
        ranked.push({ id: r.id, slug: r.slug, title: r.title, announced: r.announced, cost, partyWords });
      }
      // Fewer corrections, then more words naming a party (a company's own deals before mentions), then newest.
      ranked.sort(
        (a, b) =>
          a.cost - b.cost ||
          b.partyWords - a.partyWords ||
          (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : 0) ||
          b.id - a.id,
      );
      for (const c of ranked) {
        if (out.length >= max) break;
        taken.add(c.id);
        out.push(c);
      }
      if (out.length >= max) break;
    }
    return out.map(toChoice);
  }

  /**
   * Deal ids having, for every group, one of its words in the title or parties: newest (highest id) first, at most
   * `limit`. Walks the smallest group's postings backwards and binary-searches the others'; the walk is capped.
   */
  function intersect(groups: Alt[][], v: Vocabulary, limit: number): number[] {
    const lists = groups
      .map((g) => g.map((a) => v.postings.get(a.term)).filter((l): l is number[] => l !== undefined && l.length > 0))
      .map((ls) => ({ ls, size: ls.reduce((n, l) => n + l.length, 0) }))
      .sort((a, b) => a.size - b.size);
    if (lists.length === 0 || lists.some((x) => x.size === 0)) return [];
    const [driver, ...others] = lists;
    const heads = driver!.ls.map((l) => l.length - 1);
    const out: number[] = [];
    let prev = -1;
    for (let steps = 0; steps < AC_SCAN && out.length < limit; steps++) {
      // The next highest id among the driver's lists.
      let best = -1;
      let bestList = -1;
      for (let k = 0; k < heads.length; k++) {
        const h = heads[k]!;
        if (h >= 0 && driver!.ls[k]![h]! > best) {
          best = driver!.ls[k]![h]!;
          bestList = k;
        }
      }
      if (bestList < 0) break;
      heads[bestList]!--;
      if (best === prev) continue;
      prev = best;
      if (others.every((o) => o.ls.some((l) => postingHas(l, best)))) out.push(best);
    }
    return out;
  }

  let acStmt: BetterSqlite3.Statement<unknown[]> | undefined;
  /** The rows autocomplete ranks, for ids from the postings (removed deals drop out here). */
  function acRows(ids: number[]): AcRow[] {
    if (!ids.length) return [];
    acStmt ??= store.db.prepare(
      `SELECT f.rowid AS id, f.parties AS parties, d.slug AS slug, d.title AS title, d.announced AS announced
       FROM json_each(?) j JOIN deals d ON d.id = j.value JOIN deals_fts f ON f.rowid = d.id WHERE d.deleted_at IS NULL`,
    );
    return acStmt.all(JSON.stringify(ids)) as AcRow[];
  }

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

/** Words of a stored field for membership checks: textWords, with a cheap path for plain ASCII text. */
function fieldWords(s: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) return textWords(s);
  return s.toLowerCase().split(/[^a-z0-9]+/);
}

const EDIT_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Every string one edit (delete, swap of neighbours, substitute, insert) away from w. */
export function oneEdit(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  for (let i = 0; i <= w.length; i++) {
    for (const c of EDIT_ALPHABET) {
      if (i < w.length && c !== w[i]) out.push(w.slice(0, i) + c + w.slice(i + 1));
      out.push(w.slice(0, i) + c + w.slice(i));
    }
  }
  return out;
}

function* product<T>(lists: T[][]): Generator<T[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [head, ...tail] = lists;
  for (const x of head!) for (const rest of product(tail)) yield [x, ...rest];
}

/** Discord allows 100 characters per choice name: cut on a word boundary with an ellipsis. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
