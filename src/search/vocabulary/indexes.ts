// What search corrects and completes against, loaded from the store and kept current:
// - names: every organisation name and alias (normalised), for resolving "msft", "big blue", "xiamoi" to parties;
// - terms: the full-text index's own vocabulary with document counts, for correcting topic words ("cortna");
// - titleTerms: words of titles and party names, for autocomplete completions.
// They follow the store's change feed (src/search/search.ts reads it): the changed deals are read again by id and their
// words replace what the indexes held for them (a removed deal leaves the postings); a changed organisation or alias
// rebuilds the names (cheap: thousands of names) and re-reads its deals. A 100k-deal index is never rebuilt per write.
// Document counts of title and party words stay exact; of summary and area words they may stay high after an edit or
// a removal (the old text is not kept): they decide how common a word is, where a few stale counts make no difference.
// A word with no document left is no longer one search knows (search.ts asks the counts, not the deletion index).
import { DEMONYMS, OrgCountries } from './countries.ts';
import type { Change } from '../../store/types.ts';
import type { SearchReader } from '../../store/search-reader.ts';
import { normaliseText } from '../../deals/names.ts';
import { DeletionIndex, PrefixList, type Correction } from '../symspell.ts';
import { textWords } from '../question/normalise.ts';

export interface NameIndex {
  /** Normalised name or alias -> organisation ids it names. */
  keyToOrgs: Map<string, number[]>;
  orgName: Map<number, string>;
  /** Longest name in words, for the n-gram scan. */
  maxWords: number;
  /** Every word of every name or alias, for typo correction of names. */
  words: NameWords;
  /** Sorted name keys, for prefix completion of names. */
  keys: PrefixList;
  /** Each organisation's country, for questions that describe a company by nationality (countries.ts). */
  orgCountry?: OrgCountries;
  /** What organisations are known for ("robot vacuum", "roomba"), as knownKey phrases -> their organisations. */
  known?: KnownIndex;
}

/** Descriptions of organisations by what they make or do, for questions that describe instead of naming. */
export interface KnownIndex {
  phrases: Map<string, number[]>;
  /** Longest phrase in words, for the n-gram scan. */
  maxWords: number;
  /**
   * Keys read only from a longer phrase without its nationality ("search engine" from "Chinese search engine"): a
   * kind of company many more organisations are than those recorded, so a deal without them is not ruled out.
   */
  soft?: Set<string>;
  /** Organisations a key has only from a longer phrase ("search giant" for Naver's "Korean search giant"). */
  stripped?: Map<string, number[]>;
  /** The phrases' words (knownWord forms), for reading a mistyped description word ("serch giant"). */
  words?: DeletionIndex;
}

/** A word as descriptions are matched: singular ("chips" and "chip", "vacuums" and "vacuum" alike). */
export function knownWord(w: string): string {
  if (w.length < 4 || w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** The key of a described phrase: its words as questions are normalised, each singular. */
export function knownKey(words: readonly string[]): string {
  return words.map(knownWord).join(' ');
}

/** Longest prefix with a precomputed top list: longer prefixes have short ranges in the sorted list. */
const SHORT_PREFIX = 3;
const SHORT_TOP = 40;

/** Frequency-ranked completions for a prefix: exact sorted list, with precomputed top words for 1–3 letter prefixes. */
export class Completions {
  private list: PrefixList;
  private readonly df = new Map<string, number>();
  private short = new Map<string, string[]>();
  private dirty = false;

  constructor(counts: Iterable<[string, number]>) {
    for (const [t, n] of counts) this.df.set(t, (this.df.get(t) ?? 0) + n);
    this.list = new PrefixList([]);
    this.rebuild();
  }

  private rebuild(): void {
    const words = [...this.df.keys()].sort();
    this.list = new PrefixList(words, { sortedUnique: true });
    // The top words of each short prefix: every word in order of count (ties alphabetical: the sort is stable),
    // each put in its prefixes' lists until they are full — no (word, count) pair per prefix, which at 100k deals
    // was some 40 MB of garbage per build at warm-up.
    const byCount = words.slice().sort((a, b) => this.df.get(b)! - this.df.get(a)!);
    const short = new Map<string, string[]>();
    for (const t of byCount) {
      for (let k = 1; k <= Math.min(SHORT_PREFIX, t.length); k++) {
        const p = t.slice(0, k);
        const b = short.get(p);
        if (!b) short.set(p, [t]);
        else if (b.length < SHORT_TOP) b.push(t);
      }
    }
    this.short = short;
    this.dirty = false;
  }

  count(t: string): number {
    return this.df.get(t) ?? 0;
  }

  add(words: Iterable<string>): void {
    for (const w of words) {
      if (!this.df.has(w)) this.dirty = true;
      this.df.set(w, (this.df.get(w) ?? 0) + 1);
    }
  }

  /** One document fewer for each word; a word in none is no longer completed. */
  remove(words: Iterable<string>): void {
    for (const w of words) {
      const n = this.df.get(w);
      if (n === undefined) continue;
      if (n > 1) this.df.set(w, n - 1);
      else {
        this.df.delete(w);
        this.dirty = true;
      }
    }
  }

  /** The `limit` most frequent words starting with prefix. */
  complete(prefix: string, limit: number): string[] {
    if (this.dirty) this.rebuild();
    if (prefix.length <= SHORT_PREFIX) return (this.short.get(prefix) ?? []).slice(0, limit);
    const range = this.list.complete(prefix, 5000);
    return topByCount(
      range.map((t) => [t, this.df.get(t) ?? 0]),
      limit,
    );
  }

  /** Whether any word starts with prefix (a binary search). */
  hasPrefix(prefix: string): boolean {
    if (this.dirty) this.rebuild();
    return this.list.complete(prefix, 1).length > 0;
  }
}

function topByCount(items: [string, number][], limit: number): string[] {
  return items
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map((x) => x[0]);
}

export interface Vocabulary {
  names: NameIndex;
  terms: DeletionIndex;
  termCounts: Completions;
  titleTerms: Completions;
  postings: TitlePostings;
}

/**
 * The words of names and aliases, corrected through the full-text vocabulary's deletion index (party names and
 * aliases are in the index's parties column) plus a small index of the few name words no deal uses yet: one deletion
 * index instead of two saves about 60 MB at 100k deals.
 */
export class NameWords {
  private readonly extra: DeletionIndex;
  constructor(
    private readonly all: Set<string>,
    private readonly terms: DeletionIndex,
  ) {
    this.extra = new DeletionIndex([...all].filter((w) => !terms.has(w)));
  }

  has(w: string): boolean {
    return this.all.has(w);
  }

  lookup(w: string, max?: number): Correction[] {
    const out = this.terms.lookup(w, max).filter((c) => this.all.has(c.term));
    for (const c of this.extra.lookup(w, max)) if (!out.some((o) => o.term === c.term)) out.push(c);
    return out.sort((a, b) => a.distance - b.distance || (a.term < b.term ? -1 : 1));
  }
}

export async function loadNames(reader: SearchReader, terms: DeletionIndex): Promise<NameIndex> {
  const keyToOrgs = new Map<string, number[]>();
  const orgName = new Map<number, string>();
  const words = new Set<string>();
  let maxWords = 1;
  const put = (key: string, id: number) => {
    if (!key) return;
    // A new list as a literal of one (an empty array's first push reserves 16 slots: 20 MB over 100k names).
    const list = keyToOrgs.get(key);
    if (!list) keyToOrgs.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
    const parts = key.split(' ');
    maxWords = Math.max(maxWords, parts.length);
    for (const p of parts) words.add(p);
  };
  const orgCountry = new OrgCountries();
  const known: KnownIndex = { phrases: new Map(), maxWords: 1 };
  const soft = new Set<string>();
  const strippedOrgs = new Map<string, number[]>();
  for (const o of await reader.organisations()) {
    orgName.set(o.id, o.name);
    orgCountry.set(o.id, o.country);
    put(normaliseText(o.name), o.id);
    const know = (ws: string[], stripped = false) => {
      const key = knownKey(ws);
      if (stripped && !known.phrases.has(key)) soft.add(key);
      else if (!stripped) soft.delete(key);
      if (stripped) strippedOrgs.set(key, [...(strippedOrgs.get(key) ?? []), o.id]);
      const list = known.phrases.get(key);
      if (!list) known.phrases.set(key, [o.id]);
      else if (!list.includes(o.id)) list.push(o.id);
      known.maxWords = Math.max(known.maxWords, Math.min(ws.length, 6));
    };
    for (const phrase of o.known ?? []) {
      const ws = textWords(phrase);
      if (!ws.length) continue;
      know(ws);
      // "Chinese search engine" is also a "search engine": a question says the nationality apart ("a chinese
      // search engine company"), where it is read as a country slot, or not at all.
      if (ws.length >= 2 && o.country && DEMONYMS.get(ws[0]!) === o.country) know(ws.slice(1), true);
    }
  }
  for (const a of await reader.aliases()) put(normaliseText(a.alias), a.orgId);
  if (soft.size) known.soft = soft;
  if (strippedOrgs.size) known.stripped = strippedOrgs;
  if (known.phrases.size) known.words = new DeletionIndex(new Set([...known.phrases.keys()].flatMap((k) => k.split(' '))));
  return {
    keyToOrgs,
    orgName,
    maxWords: Math.min(maxWords, 6),
    words: new NameWords(words, terms),
    keys: new PrefixList(keyToOrgs.keys()),
    orgCountry,
    ...(known.phrases.size ? { known } : {}),
  };
}

export async function loadTerms(reader: SearchReader): Promise<{ terms: DeletionIndex; termCounts: Completions }> {
  const rows = await reader.termCounts();
  return { terms: new DeletionIndex(rows.map((r) => r[0])), termCounts: new Completions(rows) };
}

/**
 * Which deals have a word in their title or parties (names and aliases): ascending deal ids per word. Autocomplete
 * intersects these in memory; the full-text index would have to read position lists to restrict common words
 * ("cloud" is in 85% of 100k summaries) to those two columns, 10–40 ms per keystroke.
 */
export class TitlePostings {
  private readonly lists = new Map<string, number[]>();

  /** Adds a deal's words; ids normally arrive in ascending order (an edited deal is inserted in place). */
  add(id: number, words: Iterable<string>): string[] {
    const fresh: string[] = [];
    for (const w of new Set(words)) {
      const l = this.lists.get(w);
      if (!l) {
        // A literal of one: an empty array's first push reserves 16 slots, and most words are in one or two deals.
        this.lists.set(w, [id]);
        fresh.push(w);
        continue;
      }
      const last = l[l.length - 1];
      if (last === undefined || last < id) l.push(id);
      else if (!has(l, id)) l.splice(lowerBound(l, id), 0, id);
    }
    return fresh;
  }

  /**
   * Takes these deals out of every list they are in, in one pass over the lists (no per-deal word lists are kept: at
   * 100k deals they would cost more memory than the postings' ids); returns each deal's words (deals in no list are
   * left out). A few deals: a binary search per list; many: one Set lookup per posting.
   */
  removeMany(ids: Iterable<number>): Map<number, string[]> {
    const out = new Map<number, string[]>();
    const set = new Set(ids);
    if (!set.size) return out;
    const few = set.size <= 16 ? [...set] : undefined;
    const note = (id: number, w: string) => {
      const l = out.get(id);
      if (l) l.push(w);
      else out.set(id, [w]);
    };
    for (const [w, l] of this.lists) {
      if (few) {
        for (const id of few) {
          const i = lowerBound(l, id);
          if (l[i] === id) {
            l.splice(i, 1);
            note(id, w);
          }
        }
      } else {
        let k = 0;
        for (const id of l) {
          if (set.has(id)) note(id, w);
          else l[k++] = id;
        }
        l.length = k;
      }
      if (l.length === 0) this.lists.delete(w);
    }
    return out;
  }

  get(w: string): number[] | undefined {
    return this.lists.get(w);
  }

  has(w: string): boolean {
    return this.lists.has(w);
  }

  *counts(): Iterable<[string, number]> {
    for (const [w, l] of this.lists) yield [w, l.length];
  }

  /**
   * Gives every list of more than one id an exact-size copy: a list grown by pushes keeps up to half as many slots
   * again as it holds, plus 16 (about 8 MB at 100k deals). Once, after the bulk load.
   */
  trim(): void {
    for (const [w, l] of this.lists) if (l.length > 1) this.lists.set(w, l.slice());
  }
}

function lowerBound(l: number[], id: number): number {
  let lo = 0;
  let hi = l.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the ascending list l holds id (binary search). */
export function has(l: number[], id: number): boolean {
  const i = lowerBound(l, id);
  return i < l.length && l[i] === id;
}

/** Title and party words of every live deal: the postings, and their counts for completions. */
export async function loadTitleTerms(reader: SearchReader): Promise<{ titleTerms: Completions; postings: TitlePostings }> {
  const postings = new TitlePostings();
  for await (const [id, parties, title] of reader.titleTexts()) postings.add(id, textWords(`${parties} ${title}`));
  postings.trim();
  return { titleTerms: new Completions(postings.counts()), postings };
}

/** Deals read again at most per read when following changes. */
const CHANGE_CHUNK = 1000;

/**
 * Brings the vocabulary up to date with changed deals and organisations (from the change feed): organisations and
 * aliases rebuild the names and re-read their deals; each changed deal is read again by id, its old title and party
 * words replaced by its current ones, and gone from the postings when it was removed. Returns whether anything changed.
 */
export async function applyChanges(reader: SearchReader, v: Vocabulary, changes: readonly Change[]): Promise<boolean> {
  if (!changes.length) return false;
  const dealIds = new Set<number>();
  const orgIds = new Set<number>();
  for (const c of changes) (c.kind === 'deal' ? dealIds : orgIds).add(c.id);
  if (orgIds.size) {
    v.names = await loadNames(reader, v.terms);
    // An alias is indexed in its organisation's deals' parties: they are read again too.
    for (const id of await reader.dealIdsOfOrgs([...orgIds])) dealIds.add(id);
  }
  const ids = [...dealIds].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += CHANGE_CHUNK) {
    const chunk = ids.slice(i, i + CHANGE_CHUNK);
    const live = new Map((await reader.dealTexts(chunk)).map((t) => [t.id, t]));
    const removed = v.postings.removeMany(chunk);
    for (const id of chunk) {
      const known = removed.has(id);
      const old = new Set(removed.get(id) ?? []);
      v.titleTerms.remove(old);
      const t = live.get(id);
      const titleWords = new Set(t ? textWords(`${t.parties} ${t.title}`) : []);
      const all = new Set([...titleWords, ...(t ? textWords(`${t.areas} ${t.summary}`) : [])]);
      // Title and party words are known exactly (the postings held them): those the deal lost are one document fewer
      // (a removed alias stops being a word search knows), those it gained one more. A new deal counts every word;
      // of an edited one's other words, only those the vocabulary had no document for.
      v.termCounts.remove([...old].filter((w) => !all.has(w)));
      if (!t) continue;
      v.postings.add(id, titleWords);
      v.titleTerms.add(titleWords);
      const counted = known ? [...all].filter((w) => v.termCounts.count(w) === 0 || (titleWords.has(w) && !old.has(w))) : [...all];
      v.terms.add(all);
      v.termCounts.add(counted);
    }
  }
  return true;
}
