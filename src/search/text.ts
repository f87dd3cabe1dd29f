// Query normalisation: what people type ("what did Microsoft's buy?", "msft <> github", "deal between X and Y") into
// the words that carry meaning, plus soft hints (a deal type, a year) that rank but never exclude.
import type { DealType } from '../deals/schema.ts';
import { normaliseText } from '../deals/names.ts';

/** Question, filler and glue words: dropped before matching (unless part of a multi-word organisation name). */
export const FILLER = new Set(
  `a an the and or of in on at with between to for by from into about vs versus via x than as it its this that these
  those there their them they he she his her we our us you your me my i what which who whom whose when where why how
  did does do done is was were are be been being has had have having can could would should will shall may might
  any some all there's whats tell show find give get info information details detail about regarding re please pls
  thanks thank hi hey hello look lookup search know anything something news story latest recent happened happen
  deal deals agreement agreements announcement announced announce announces company companies firm firms corp inc
  ltd llc plc co group one ones together also just only more most much many very so too new old pay paid pays
  paying price cost costs worth value valued`.split(/\s+/),
);

/** Words that name a kind of deal: they prefer deals of that type but are not required to match. */
export const TYPE_WORDS: Record<string, DealType> = {
  buy: 'acquisition',
  buys: 'acquisition',
  bought: 'acquisition',
  buying: 'acquisition',
  acquire: 'acquisition',
  acquires: 'acquisition',
  acquired: 'acquisition',
  acquiring: 'acquisition',
  acquisition: 'acquisition',
  acquisitions: 'acquisition',
  takeover: 'acquisition',
  purchase: 'acquisition',
  purchased: 'acquisition',
  merge: 'merger',
  merged: 'merger',
  merger: 'merger',
  mergers: 'merger',
  invest: 'investment',
  invests: 'investment',
  invested: 'investment',
  investment: 'investment',
  investments: 'investment',
  stake: 'investment',
  funding: 'investment',
  partner: 'partnership',
  partners: 'partnership',
  partnered: 'partnership',
  partnership: 'partnership',
  partnerships: 'partnership',
  alliance: 'partnership',
  collaboration: 'partnership',
  team: 'partnership',
  teamed: 'partnership',
  mou: 'mou',
  memorandum: 'mou',
  understanding: 'mou',
  jv: 'joint_venture',
  joint: 'joint_venture',
  venture: 'joint_venture',
  license: 'licensing',
  licence: 'licensing',
  licensing: 'licensing',
  licensed: 'licensing',
  sell: 'divestiture',
  sells: 'divestiture',
  sold: 'divestiture',
  sale: 'divestiture',
  divest: 'divestiture',
  divestiture: 'divestiture',
  spinoff: 'divestiture',
  settlement: 'settlement',
  settle: 'settlement',
  settled: 'settlement',
  lawsuit: 'settlement',
};

const YEAR_RE = /^(19[7-9]\d|20[0-4]\d)$/;

export interface ParsedQuery {
  /** All normalised words in order (filler included): multi-word names are matched on these. */
  words: string[];
  /** Indexes into `words` of the words that must match (not filler, not type words, not years). */
  meaningful: number[];
  types: DealType[];
  years: string[];
}

/** "Microsoft's" -> "microsoft", "Société Générale" -> "societe generale", "msft <> github" -> ["msft", "github"]. */
export function queryWords(query: string): string[] {
  const n = normaliseText(query);
  return n ? n.split(' ') : [];
}

export function parseQuery(query: string): ParsedQuery {
  const words = queryWords(query);
  const meaningful: number[] = [];
  const types: DealType[] = [];
  const years: string[] = [];
  words.forEach((w, i) => {
    const type = TYPE_WORDS[w];
    if (type) {
      if (!types.includes(type)) types.push(type);
    } else if (YEAR_RE.test(w)) {
      years.push(w);
    } else if (!FILLER.has(w)) {
      meaningful.push(i);
    }
  });
  return { words, meaningful, types, years };
}

/** Singular/plural neighbours of a word, so "speakers" finds "speaker" and back (no stemmer: names stay intact). */
export function inflections(w: string): string[] {
  const out = [w];
  if (w.length < 4) return out;
  if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
  else if (w.endsWith('es')) out.push(w.slice(0, -2), w.slice(0, -1));
  else if (w.endsWith('s') && !w.endsWith('ss')) out.push(w.slice(0, -1));
  else if (w.endsWith('y')) out.push(`${w.slice(0, -1)}ies`, `${w}s`);
  else out.push(`${w}s`, `${w}es`);
  return out;
}

/** Words of a stored text as the full-text index sees them (close to FTS5 unicode61 with diacritics removed). */
export function textWords(s: string): string[] {
  const n = normaliseText(s);
  return n ? n.split(' ') : [];
}
