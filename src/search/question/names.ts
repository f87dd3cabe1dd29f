// Stage 2 of a question: which organisations it names — exact names and aliases (tickers, old names, nicknames),
// longest first, then misspelt names ("xiamoi", "microsft") through the SymSpell deletion index and the Damerau
// distance. Pure: it reads only the name index it is given.
import type { NameIndex } from '../vocabulary/indexes.ts';
import type { Correction } from '../symspell.ts';

export interface NameSpan {
  /** Word positions [start, end) in the question. */
  start: number;
  end: number;
  /** What the user typed for it. */
  typed: string;
  /** The normalised name or alias it resolved to. */
  key: string;
  orgIds: number[];
  /** Typos corrected (0 when typed exactly). */
  distance: number;
  /** Not a name but a description only this company is known by, read as one in a list or count (index.ts). */
  described?: boolean;
}

export interface NameContext {
  names: NameIndex;
  /** Whether the full-text vocabulary knows the word as typed: a real word is never "corrected" into a name. */
  knownWord(w: string): boolean;
}

/**
 * Names in `words`. `free(i)`: the word may start or end a name (not a stop word); stop words may sit inside
 * one ("bank of america").
 */
export function resolveNames(words: string[], free: (i: number) => boolean, ctx: NameContext): NameSpan[] {
  const { names } = ctx;
  const used = new Set<number>();
  const spans: NameSpan[] = [];
  const open = (i: number, n: number) => {
    for (let k = i; k < i + n; k++) if (used.has(k)) return false;
    return true;
  };
  const take = (i: number, n: number, key: string, orgIds: number[], distance: number) => {
    for (let k = i; k < i + n; k++) used.add(k);
    spans.push({ start: i, end: i + n, typed: words.slice(i, i + n).join(' '), key, orgIds, distance });
  };
  for (let i = 0; i < words.length; i++) {
    if (!free(i) || used.has(i)) continue;
    for (let n = Math.max(2, Math.min(names.maxWords, words.length - i)); n >= 1; n--) {
      if (i + n > words.length || !open(i, n)) continue;
      // A name ends on a content word — except a short tail typed apart from it ("ele me").
      const joined = n === 2 && words[i + 1]!.length <= 3 && names.keyToOrgs.has(words[i]! + words[i + 1]!);
      if (!free(i + n - 1) && !joined) continue;
      let key = words.slice(i, i + n).join(' ');
      let orgIds = names.keyToOrgs.get(key);
      // "broadcoms bid" typed without the apostrophe: the possessive of a name.
      if (!orgIds && n === 1 && key.length > 3 && key.endsWith('s') && !ctx.knownWord(key)) orgIds = names.keyToOrgs.get(key.slice(0, -1));
      // "ele.me", "t-mobile" typed with the punctuation that split it: the name written as one word.
      if (!orgIds && joined) {
        key = words[i]! + words[i + 1]!;
        orgIds = names.keyToOrgs.get(key);
      }
      if (orgIds) {
        take(i, n, key, orgIds, 0);
        i += n - 1;
        break;
      }
    }
  }
  for (let i = 0; i < words.length; i++) {
    if (!free(i) || used.has(i)) continue;
    let best: { n: number; key: string; orgIds: number[]; distance: number } | undefined;
    for (let n = Math.min(names.maxWords, words.length - i); n >= 1 && !best; n--) {
      if (!free(i + n - 1) || !open(i, n)) continue;
      const options: Correction[][] = [];
      let typo = false;
      for (let k = i; k < i + n; k++) {
        const w = words[k]!;
        if (names.words.has(w)) options.push([{ term: w, distance: 0 }]);
        else if (!ctx.knownWord(w)) {
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
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Verbs of buying that are also company names (Grab, Snap, Shell): in verb position — right after a named company,
 * with another name or "up"/"out" after them ("when did sony grab bungie", "meta snapped up giphy") — they are read
 * as the verb, not as a third company.
 */
export const VERB_NAMES = new Set('grab grabs grabbed snap snaps snapped shell shells shelled scoop scooped nab nabbed'.split(' '));

export function verbsInVerbPosition(words: string[], spans: NameSpan[]): NameSpan[] {
  return spans.filter((s, k) => {
    if (s.end - s.start !== 1 || !VERB_NAMES.has(words[s.start]!)) return true;
    const before = spans[k - 1];
    const after = spans[k + 1];
    const subject = before !== undefined && before.end === s.start;
    const object = (after !== undefined && after.start - s.end <= 2) || /^(up|out)$/.test(words[s.end] ?? '');
    return !(subject && object);
  });
}

function* product<T>(lists: T[][]): Generator<T[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [head, ...tail] = lists;
  for (const x of head!) for (const rest of product(tail)) yield [x, ...rest];
}
