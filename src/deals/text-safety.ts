// Text that is safe to store and to show: one place for what every renderer (console, Discord, Slack) and the deal
// schema do to text that came from a person or an article. It removes what is invisible yet changes what a reader
// sees — bidi controls (U+202E turns "gpj.exe" around), zero-width characters, lone surrogates — and caps stacks of
// combining marks ("Zalgo" text that paints over the lines around it). A link's visible label is its real host
// unless the label is plain text that names no host, so "reuters.com" can never point at evil.example.
//
// Everything here is a single pass over the string: no regex with nested or adjacent quantifiers, so the cost is
// linear in the length whatever the input.

/** Bidi embedding, override and isolate controls, and the implicit marks (LRM, RLM, ALM). */
const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
/** Zero-width space, word joiner, BOM / zero-width no-break space, Mongolian vowel separator. */
const ZERO_WIDTH = new Set([0x200b, 0x2060, 0xfeff, 0x180e]);
/** Zero-width non-joiner and joiner: needed inside Persian, Indic and emoji sequences, meaningless anywhere else. */
const JOINERS = new Set([0x200c, 0x200d]);

/** At most this many combining marks in a row on one base character (Vietnamese needs two, Zalgo text dozens). */
export const MAX_COMBINING_MARKS = 4;

const MARK = /^\p{M}$/u;
/** Anything the slow path would change. A string without any of these is returned as it is. */
const SUSPECT = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff\p{M}]/u;

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A joiner is kept only between two characters that are neither ASCII nor white space (a script or emoji sequence). */
function joinsScript(c: number | undefined): boolean {
  return c !== undefined && c > 0x7f && !(c >= 0x2000 && c <= 0x200f) && c !== 0xa0 && c !== 0x3000;
}

/**
 * Removes bidi controls, zero-width characters (joiners survive only inside a script or emoji sequence) and lone
 * surrogates, and keeps at most MAX_COMBINING_MARKS combining marks in a row. Control characters are left to the
 * caller: the schema refuses them, renderers strip them (see displayText).
 */
export function safeText(s: string): string {
  if (!SUSPECT.test(s)) return s;
  let out = '';
  let marks = 0;
  let prev: number | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHighSurrogate(c)) {
      const next = s.charCodeAt(i + 1);
      if (!isLowSurrogate(next)) continue; // lone high surrogate
      const pair = s.slice(i, i + 2);
      i++;
      if (MARK.test(pair)) {
        if (++marks > MAX_COMBINING_MARKS) continue;
      } else marks = 0;
      out += pair;
      prev = 0x10000;
      continue;
    }
    if (isLowSurrogate(c)) continue; // lone low surrogate
    if (BIDI.has(c) || ZERO_WIDTH.has(c)) continue;
    if (JOINERS.has(c)) {
      const after = s.codePointAt(i + 1);
      if (joinsScript(prev) && joinsScript(after)) out += s[i];
      continue;
    }
    const ch = s[i]!;
    if (c >= 0x0300 && MARK.test(ch)) {
      if (++marks > MAX_COMBINING_MARKS) continue;
    } else marks = 0;
    out += ch;
    prev = c;
  }
  return out;
}

/** True when safeText would change nothing. */
export function isSafeText(s: string): boolean {
  return safeText(s) === s;
}

/**
 * Text as it may be shown: safeText, and no control characters (C0, DEL, C1). Tabs become spaces and CR LF becomes LF;
 * with `singleLine`, line breaks become spaces too and runs of spaces shrink to one.
 */
export function displayText(s: string, opts: { singleLine?: boolean } = {}): string {
  const t = safeText(s);
  let out = '';
  let lastSpace = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    let ch = t[i]!;
    if (c === 0x0d) {
      if (t.charCodeAt(i + 1) === 0x0a) continue;
      ch = '\n';
    } else if (c === 0x09) ch = ' ';
    else if (c === 0x0a) ch = '\n';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) continue;
    if (opts.singleLine) {
      if (ch === '\n') ch = ' ';
      if (ch === ' ') {
        if (lastSpace) continue;
        lastSpace = true;
      } else lastSpace = false;
    }
    out += ch;
  }
  return opts.singleLine ? out.trim() : out;
}

// ---------------------------------------------------------------------------------------------- links

/** The host a reader should see for an http(s) URL (punycode for international names, no "www."), else undefined. */
export function urlHost(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    const host = u.hostname;
    return host.startsWith('www.') ? host.slice(4) : host;
  } catch {
    return undefined;
  }
}

const WORD_BREAKS = new Set([...' \t\n,;:()[]{}<>"\'“”‘’«»|/\\']);

function isLetter(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** "reuters.com", "news.example.co.uk", "evil@example.org": a dotted name ending in a run of letters. */
function isHostLike(token: string): boolean {
  let t = token;
  while (t.length && '.!?…'.includes(t[t.length - 1]!)) t = t.slice(0, -1);
  if (!t.includes('.')) return false;
  const parts = t.split('.');
  if (parts.some((p) => p.length === 0)) return false;
  const tld = parts[parts.length - 1]!;
  return tld.length >= 2 && [...tld].every(isLetter);
}

/**
 * True when a label looks like an address: it mentions http(s)://, www., or a dotted host name ("reuters.com",
 * also in full-width or other look-alike dots, which NFKC folds to "."), or is an IP address.
 */
export function namesHost(label: string): boolean {
  const t = safeText(label).normalize('NFKC').toLowerCase();
  if (t.includes('http:') || t.includes('https:') || t.includes('www.') || t.includes('://')) return true;
  let token = '';
  for (const ch of t + ' ') {
    if (WORD_BREAKS.has(ch) || /\s/.test(ch)) {
      if (token && isHostLike(token)) return true;
      token = '';
    } else token += ch;
  }
  return false;
}

/**
 * What a link to `url` may show: `label` when it is plain text that names no host, otherwise (or when there is no
 * label) the URL's real host. `fallback` when the URL has no host to show.
 */
export function linkLabel(label: string | undefined, url: string, fallback = 'Source'): string {
  const l = label === undefined ? '' : displayText(label, { singleLine: true });
  if (l && !namesHost(l)) return l;
  return urlHost(url) ?? fallback;
}

// ---------------------------------------------------------------------------------------------- linear helpers

/** `s` without trailing characters from `chars` (what /[chars]+$/ does, without its quadratic worst case). */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** `s` without leading characters from `chars`. */
export function trimStartChars(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start]!)) start++;
  return s.slice(start);
}

/** True for the white space characters \s matches. */
export function isSpace(ch: string): boolean {
  return ch.trim() === '' && ch.length > 0;
}

/** `s` without trailing white space or characters from `chars`. */
export function trimEndSpaceAnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && (isSpace(s[end - 1]!) || chars.includes(s[end - 1]!))) end--;
  return s.slice(0, end);
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis when it cut. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return trimEndSpaceAnd(space > max * 0.6 ? cut.slice(0, space) : cut, ',;:') + '…';
}
