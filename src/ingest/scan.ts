// Linear-time scans for what a short regular expression would do with a quadratic worst case on hostile text
// (eslint-plugin-regexp's no-super-linear-move). Pure functions, no imports of ours but the text-safety helpers.
import { isSpace } from '../deals/text-safety.ts';

/**
 * `s` with every span from `open` to the next `close` blanked out (spaces, same length, so offsets still line up):
 * what `s.replace(/O[^C]*C/g, …)` does, in one pass (that pattern retries from every unclosed opening mark).
 */
export function blankSpans(s: string, open: string, close: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const i = s.indexOf(open, from);
    if (i < 0) break;
    const j = s.indexOf(close, i + 1);
    if (j < 0) break;
    out += s.slice(from, i) + ' '.repeat(j + 1 - i);
    from = j + 1;
  }
  return out + s.slice(from);
}

/** `s` with “curly” and "straight" quotations blanked out, as `s.replace(/“[^”]*”|"[^"]*"/g, …)`, in one pass. */
export function blankQuotations(s: string): string {
  const lastCurly = s.lastIndexOf('”');
  const lastStraight = s.lastIndexOf('"');
  let out = '';
  let from = 0;
  for (let p = 0; p < s.length; p++) {
    const ch = s[p];
    const close = ch === '“' ? '”' : ch === '"' ? '"' : undefined;
    // An opening mark with no closing one after it matches nothing; the scan goes on from the next character.
    if (!close || p >= (close === '”' ? lastCurly : lastStraight)) continue;
    const j = s.indexOf(close, p + 1);
    out += s.slice(from, p) + ' '.repeat(j + 1 - p);
    from = j + 1;
    p = j;
  }
  return out + s.slice(from);
}

/** `s` without trailing non-space characters (what `s.replace(/\S+$/, '')` does, without its quadratic worst case). */
export function trimEndWord(s: string): string {
  let end = s.length;
  while (end > 0 && !isSpace(s[end - 1]!)) end--;
  return s.slice(0, end);
}
