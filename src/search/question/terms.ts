// Stage 4 of a question: the content words left once names and grammar are read, each with the forms it may take in
// a deal — as typed, singular/plural, the same stem ("regulators" -> "regulator"), the words of its concept
// ("called off" -> "terminated", "doctors" -> "physicians"), and typo corrections or completions when the index does
// not know it. Pure: reads the vocabulary through the given context.
import { stemmer } from 'stemmer';
import { CONCEPTS, type Concept } from '../vocabulary/concepts.ts';
import { STOP_WORDS } from '../vocabulary/words.ts';
import { damerau } from '../damerau.ts';
import type { Correction } from '../symspell.ts';
import { inflections } from './normalise.ts';

export interface TermAlt {
  /** A word, or a phrase of words separated by single spaces. */
  text: string;
  /** 1 as typed; lower for inflections, stems, concept words, corrections and completions. */
  quality: number;
  /** Typos corrected to reach it (0 for everything but corrections). */
  distance: number;
}

export interface TermGroup {
  typed: string;
  positions: number[];
  alts: TermAlt[];
  /** Documents containing the group's most specific form (0: the index has none of them). */
  df: number;
  concept?: string | undefined;
  /** The word as typed names a party or a title somewhere ("jd" of JD.com): see gate.ts. */
  titled?: boolean;
}

export interface TermContext {
  has(w: string): boolean;
  /** Whether a word is in some deal's title or party names (a company's or a thing's name, not only a topic). */
  titled?(w: string): boolean;
  count(w: string): number;
  lookup(w: string): Correction[];
  complete(prefix: string, limit: number): string[];
}

const STEM_EXPANSIONS = 24;
const PREFIX_EXPANSIONS = 8;

const conceptIndex = new Map<string, Concept[]>();
let conceptMaxWords = 1;
for (const c of CONCEPTS) {
  for (const w of c.words) {
    const l = conceptIndex.get(w) ?? [];
    l.push(c);
    conceptIndex.set(w, l);
    conceptMaxWords = Math.max(conceptMaxWords, w.split(' ').length);
  }
}

/** The concepts a word or phrase belongs to (by itself or its singular). */
export function conceptsOf(phrase: string): Concept[] {
  const direct = conceptIndex.get(phrase);
  if (direct) return direct;
  for (const f of inflections(phrase)) {
    const c = conceptIndex.get(f);
    if (c) return c;
  }
  return [];
}

/** Question words people mistype ("whne", "actualy"); other stop words are too close to real words ("make"/"bake"). */
const stopList = 'what when which where whom whose does did have has much many actually actualy really still happening happened there their about would could should please anything something'
  .split(' ')
  .filter((w) => STOP_WORDS.has(w));

const NUMBER_WORDS = new Set('three four five seven eight nine twenty'.split(' '));

const sortedLetters = (x: string) => [...x].sort().join('');

/** One swap, one missing or one doubled letter: not a substitution, which turns real words into others ("whole" is not "whose"). */
function oneSlip(w: string, s: string): boolean {
  return Math.abs(s.length - w.length) <= 1 && damerau(w, s, 1) <= 1 && (s.length !== w.length || sortedLetters(s) === sortedLetters(w));
}

/**
 * The vocabulary word a misspelt one stands for: a question word ("whne" -> "when"), or, from five letters, any word
 * the question stages read by themselves (`vocabulary`: deal types, statuses, orders, "announced", "companies" —
 * "acquisitons", "anounced", "settlments", "finaly"); a "-ys" plural is read as "-ies" ("companys"). Only when one word
 * is that close; the caller asks only of words no deal and no name contains.
 */
export function questionWordFor(w: string, vocabulary?: ReadonlySet<string>): string | undefined {
  // A number word is never a misspelt question word ("three" is not "there").
  if (w.length < 4 || STOP_WORDS.has(w) || NUMBER_WORDS.has(w) || vocabulary?.has(w)) return undefined;
  const question = stopList.find((s) => oneSlip(w, s));
  if (question || !vocabulary || w.length < 5 || /\d/.test(w)) return question;
  if (w.endsWith('ys') && vocabulary.has(`${w.slice(0, -2)}ies`)) return `${w.slice(0, -2)}ies`;
  let found: string | undefined;
  for (const s of vocabulary) {
    if (s.length < 5 || !oneSlip(w, s)) continue;
    if (found !== undefined) return undefined;
    found = s;
  }
  return found;
}

/** A misspelt question word ("whne", "actualy"): one edit from a stop word, and no word of the index. */
function isStopTypo(w: string): boolean {
  return w.length >= 4 && stopList.some((s) => oneSlip(w, s));
}

/** Words of the index with the same Porter stem as w ("acquired" -> acquire, acquires, acquiring). */
function stemSiblings(w: string, ctx: TermContext): string[] {
  if (w.length < 4 || /\d/.test(w)) return [];
  const stem = stemmer(w);
  if (stem.length < 3) return [];
  return ctx.complete(stem.slice(0, Math.max(3, stem.length - 1)), STEM_EXPANSIONS * 4).filter((t) => t !== w && stemmer(t) === stem).slice(0, STEM_EXPANSIONS);
}

function phraseKnown(p: string, ctx: TermContext): boolean {
  return p.split(' ').every((x) => ctx.has(x));
}

function phraseCount(p: string, ctx: TermContext): number {
  // A phrase occurs at most as often as its rarest word.
  return Math.min(...p.split(' ').map((x) => ctx.count(x)));
}

export function termGroups(
  words: string[],
  skip: (i: number) => boolean,
  ctx: TermContext,
  opts: { relaxed?: boolean } = {},
): TermGroup[] {
  const out: TermGroup[] = [];
  const open: number[] = [];
  for (let i = 0; i < words.length; i++) if (!skip(i)) open.push(i);
  const last = open[open.length - 1];
  for (let k = 0; k < open.length; k++) {
    const i = open[k]!;
    const w = words[i]!;
    // A concept phrase of consecutive open words, longest first ("virtual reality", "called off").
    let concept: Concept | undefined;
    let span = 1;
    for (let n = Math.min(conceptMaxWords, open.length - k); n >= 1 && !concept; n--) {
      if (open[k + n - 1] !== i + n - 1) continue;
      const phrase = words.slice(i, i + n).join(' ');
      const cs = conceptsOf(phrase);
      if (cs.length) {
        concept = cs[0];
        span = n;
      }
    }
    const typed = words.slice(i, i + span).join(' ');
    const alts = new Map<string, TermAlt>();
    const put = (text: string, quality: number, distance = 0) => {
      const prev = alts.get(text);
      if (!prev || prev.quality < quality) alts.set(text, { text, quality, distance });
    };
    if (span === 1) {
      for (const f of inflections(w)) if (ctx.has(f)) put(f, f === w ? 1 : 0.95);
      for (const s of stemSiblings(w, ctx)) put(s, 0.9);
    } else if (phraseKnown(typed, ctx)) put(typed, 1);
    if (concept) {
      for (const c of conceptsOf(typed)) {
        for (const m of c.words) if (m !== typed && phraseKnown(m, ctx)) put(m, 0.8);
      }
    }
    if (span === 1 && (alts.size === 0 || opts.relaxed)) {
      if (alts.size === 0 && !ctx.has(w) && isStopTypo(w)) continue;
      for (const c of ctx.lookup(w)) if (c.distance > 0) put(c.term, c.distance === 1 ? 0.6 : 0.45, c.distance);
      if (i === last && w.length >= 3) for (const t of ctx.complete(w, PREFIX_EXPANSIONS)) put(t, 0.5);
    }
    const list = [...alts.values()].sort((a, b) => b.quality - a.quality);
    const exact = list.find((a) => a.quality === 1);
    const df = exact ? phraseCount(exact.text, ctx) : list.length ? Math.min(...list.map((a) => phraseCount(a.text, ctx))) : 0;
    const titled = span === 1 && !concept && /^[a-z]{2,}$/.test(w) && ctx.titled?.(w) === true;
    out.push({ typed, positions: words.slice(i, i + span).map((_, j) => i + j), alts: list, df, concept: concept?.name, ...(titled ? { titled } : {}) });
    k += span - 1;
  }
  return out;
}
