// Autocomplete of the /deal query option: deals whose title or party names (with aliases) start with or contain
// what was typed, every word possibly unfinished, typos corrected in tiers. Runs from in-memory postings of title
// and party words (kept current by the vocabulary), then one read of the few rows shown.
import type { SearchReader } from '../../store/search-reader.ts';
import type { Completion } from '../types.ts';
import { has as postingHas, type Vocabulary } from '../vocabulary/indexes.ts';
import { inflections, questionWords as queryWords, textWords } from '../question/normalise.ts';
import { ORDER_WORDS, STATUS_WORDS, STOP_WORDS, TYPE_WORDS } from '../vocabulary/words.ts';

/** Words of questions that are never in a title or a name: skipped while completing. */
const SKIP = new Set([...STOP_WORDS, ...'pay paid pays paying price cost costs worth value valued announced announce'.split(' ')]);
const skipped = (w: string) => SKIP.has(w) || TYPE_WORDS[w] !== undefined || ORDER_WORDS[w] !== undefined || STATUS_WORDS[w] !== undefined;

/** Autocomplete: alternatives per word and tier, deals read per tier, shortest word given a misspelt-start search. */
const AC_ALTERNATIVES = 12;
const AC_CANDIDATES = 100;
/** Postings entries walked per autocomplete tier at most (bounded cost for rare combinations of common words). */
const AC_SCAN = 20000;
const AC_FUZZY_MIN = 4;

interface Alt {
  term: string;
  distance: number;
}

interface AcCandidate {
  id: number;
  slug: string;
  title: string;
  announced: string;
  cost: number;
  partyWords: number;
}

export function createAutocomplete(reader: SearchReader, current: () => Promise<Vocabulary>): (partial: string, limit?: number) => Promise<Completion[]> {

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

  async function autocomplete(partial: string, limit = 25): Promise<Completion[]> {
    const max = Math.min(Math.max(limit, 0), 25);
    if (max === 0) return [];
    const toChoice = (r: { slug: string; title: string }) => ({ name: shorten(r.title, 100), value: r.slug });
    const text = partial.slice(0, 200);
    const words = queryWords(text)
      .filter((w) => !skipped(w))
      .slice(0, 6);
    if (words.length === 0) {
      return (await reader.newest(max)).map(toChoice);
    }
    const v = await current();
    const endsWord = /\s$/.test(text);
    // Every word may be unfinished ("nvid ar"), the last one unless a space follows it.
    const tiers = words.map((w, i) => acAlternatives(w, i === words.length - 1 ? !endsWord : true, v));
    const out: AcCandidate[] = [];
    const taken = new Set<number>();
    // Tier by tier: deals matching what was typed (or its completions) before deals needing a correction.
    for (const level of [0, 1] as const) {
      const groups = tiers.map(([t0, t1]) => (level === 0 ? t0 : [...t0, ...t1]));
      if (groups.some((g) => g.length === 0)) continue;
      const rows = await acRows(intersect(groups, v, AC_CANDIDATES));
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



  /** The rows autocomplete ranks, for ids from the postings (removed deals drop out here). */
  function acRows(ids: number[]) {
    return reader.autocompleteRows(ids);
  }

  return autocomplete;
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

/** Discord allows 100 characters per choice name: cut on a word boundary with an ellipsis. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
