// Stage 1 of a question: what people type ("What did Microsoft's buy?", "msft <> github", "deal between X and Y")
// into lowercase words without punctuation or accents, the way the index stores names and text.
import { normaliseText } from '../../deals/names.ts';

/** "Microsoft's" -> "microsoft", "Société Générale" -> "societe generale", "msft <> github" -> ["msft", "github"]. */
export function questionWords(query: string): string[] {
  const n = normaliseText(query.slice(0, 500));
  return n ? n.split(' ').slice(0, 40) : [];
}

/**
 * The clause each word of `questionWords(query)` sits in, counted from 0: typed punctuation that ends a clause (a
 * comma, colon, semicolon, question or exclamation mark or full stop before a space, a dash between spaces) starts
 * the next. "im doing a writeup on firms buying startups - when did hitachi announce …": the buying is in clause 0,
 * Hitachi in clause 1. All 0 when the pieces do not line up with the words (never expected).
 */
export function questionClauses(query: string): number[] {
  const words = questionWords(query);
  const ids: number[] = [];
  const seen: string[] = [];
  query
    .slice(0, 500)
    .split(/[,;:?!.]\s|\s[-–—]+\s/u)
    .forEach((p, k) => {
      const n = normaliseText(p);
      if (n) for (const w of n.split(' ')) {
        ids.push(k);
        seen.push(w);
      }
    });
  const aligned = words.every((w, i) => seen[i] === w);
  return words.map((_, i) => (aligned ? ids[i]! : 0));
}

/** Words of a stored text as the full-text index sees them (close to FTS5 unicode61 with diacritics removed). */
export function textWords(s: string): string[] {
  const n = normaliseText(s);
  return n ? n.split(' ') : [];
}

/** Singular/plural neighbours of a word, so "speakers" finds "speaker" and back (names stay intact: no stemming). */
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

export const YEAR_RE = /^(19[7-9]\d|20[0-4]\d)$/;
