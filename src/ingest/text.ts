// Plain-text plumbing for ingest: the article as title + paragraphs + sentences, with offsets so every other step
// can say where in the text it found something. Pure functions, no I/O.
import { findDates, firstFullDay, WEEKDAY_WORD, yearForWeekday, yearlessDateline } from './facts.ts';
import { clip } from '../deals/text-safety.ts';

export interface Article {
  title: string;
  /** Paragraphs of body text (title excluded), whitespace folded. */
  paragraphs: string[];
  url?: string | undefined;
  publisher?: string | undefined;
  /** YYYY, YYYY-MM or YYYY-MM-DD from page metadata (HTML only); the publication date, not the deal date. */
  published?: string | undefined;
  /**
   * The story's own date line ("SEOUL, March 5, 2021 —", "HOUSTON--(BUSINESS WIRE)--Jan. 9, 2024--"), cut off the
   * first paragraph so its place names are never read as companies; `date` is the date it states.
   */
  dateline?: { text: string; date?: string | undefined } | undefined;
  /** A date from a byline line ("By Staff Writer · January 29, 2024"), a line dropped from the body. */
  bylineDate?: string | undefined;
}

/** The story's own date: dateline, then byline, then page metadata. Never the deal's date by itself. */
export function storyDate(a: Article): { date: string; from: 'dateline' | 'byline' | 'metadata' } | undefined {
  if (a.dateline?.date) return { date: a.dateline.date, from: 'dateline' };
  if (a.bylineDate) return { date: a.bylineDate, from: 'byline' };
  if (a.published) return { date: a.published, from: 'metadata' };
  return undefined;
}

export interface Sentence {
  text: string;
  /** Index of the paragraph it belongs to; -1 for the title. */
  paragraph: number;
  /** Position of the sentence in the article, title = 0. */
  index: number;
}

// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g;

/** Removes control and zero-width characters and folds runs of spaces (newlines kept). */
export function cleanText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

/** One line, folded spaces, trimmed. */
export function oneLine(s: string): string {
  return cleanText(s).replace(/\s+/g, ' ').trim();
}

/** Repairs the spacing sloppy articles leave out: "Group,Dr.Harry" -> "Group, Dr. Harry", "said,“" -> "said, “". */
export function repairSpacing(s: string): string {
  return s
    .replace(/([a-z]),(?=[A-Z“"])/g, '$1, ')
    .replace(/\b(Dr|Mr|Mrs|Ms|Prof)\.(?=[A-Z])/g, '$1. ')
    .replace(/([a-z]{2}[.!?])(?=[A-Z][a-z])/g, '$1 ');
}

/**
 * Plain text -> article: the first line is the title when it looks like one (short, no final full stop), the rest
 * is split into paragraphs on blank lines (or on single newlines when there are no blank lines).
 */
function isConsentNotice(p: string): boolean {
  return p.length < 300 && /\bcookies?\b/i.test(p) && /\b(?:accept\w*|consent\w*|agree|continu\w+|privacy|preferences|settings|manage|we use|uses|dismiss)\b/i.test(p);
}

/**
 * The zones after the story itself: a press release's "About X" boilerplate, its contact block ("Media Contacts",
 * "Investor Relations"), its legal notices ("Forward-Looking Statements", "Additional Information and Where to Find
 * It"), a page's "Related stories". They name companies (the parties' own contact desks, other deals) without telling
 * the deal, so the story ends at the first such heading: a short line of its own, opening a block after the lead.
 */
const END_OF_STORY_HEADING =
  /^(?:about\s+\p{Lu}[^\n.]{0,60}|(?:media|press|investor|analyst|news)\s+(?:and\s+\w+\s+)?(?:contacts?|relations|inquiries|enquiries)|contacts?|for (?:further|more) information|forward[- ]looking statements?|cautionary (?:note|statement)[^\n]{0,60}|safe harbou?r[^\n]{0,60}|(?:additional|important) information[^\n]{0,80}|related (?:stories|articles|coverage|news|reading)|(?:read|more) (?:more|next|from|on)\b[^\n]{0,40}|source:[^\n]{0,80})$/iu;

export function isEndOfStoryHeading(line: string): boolean {
  const l = line.trim().replace(/:$/, '');
  return l.length > 0 && l.length <= 90 && END_OF_STORY_HEADING.test(l);
}

function endOfStory(blocks: string[]): string[] {
  const at = blocks.findIndex((b, i) => i >= 2 && isEndOfStoryHeading(b.trim().split('\n')[0] ?? ''));
  return at < 0 ? blocks : blocks.slice(0, at);
}

/** "PARIS, July 7 (Wire) — " -> "PARIS, July 7 (Wire)": spaces, dashes and colons off the end, in one pass. */
function withoutTrailingDash(s: string): string {
  let end = s.length;
  while (end > 0 && /[\s—–:-]/.test(s[end - 1]!)) end--;
  return s.slice(0, end).trim();
}

/** "HANBIT ECONOMIC TIMES (English Edition)": an edition in brackets after an outlet's name. */
const PAREN_EDITION = /\s?\((?:English|International|Global|Asia|Europe|US|UK)?\s?[Ee]dition\)$/;

/** "Süddeutscher Wirtschaftskurier — English Edition", "The Han River Herald (English Edition)": an outlet's masthead. */
const OUTLET_EDITION = /^(?:\p{Lu}[\p{L}'’.&-]*\s){0,4}\p{Lu}[\p{L}'’.&-]*(?:\s[—–|-]\s|\s\()(?:English|International|Global)\s[Ee]dition\)?$/u;

/**
 * "OPINION | The Fabless Column", "Fictional Wire Service | Business | Published 19 July 2022": a section or outlet
 * line above the headline. Its first part is a name of at most four capitalised words, never a headline's clause
 * ("Nokia to Acquire Infinera | Fibre & Signal" is a headline with its site's name).
 */
function isSectionLine(line: string): boolean {
  const l = line.trim();
  if (l.length > 120 || /[.!?]$/.test(l)) return false;
  const parts = l.split(/\s[|·•]\s/);
  if (parts.length < 2) return false;
  const words = parts[0]!.trim().split(/\s+/);
  return words.length <= 4 && words.every((w) => /^[\p{Lu}\d&]/u.test(w));
}

/** "Industry > Robotics", "Home / Tech / Deals": a site's breadcrumb trail. */
const BREADCRUMB = /^[\p{L}&' -]{2,30}(?:\s(?:>|›|»|\/)\s[\p{L}&' -]{2,30}){1,4}$/u;

/**
 * A section label above a headline: at most six words, letters in capitals only ("THE SILICON COLUMN", "MARKETS"),
 * perhaps with an edition in brackets ("HANBIT ECONOMIC TIMES (English Edition)").
 */
export function isKicker(line: string): boolean {
  if (OUTLET_EDITION.test(line.trim())) return true;
  const l = line.trim().replace(PAREN_EDITION, '');
  return l.length >= 3 && l.length <= 60 && /\p{Lu}/u.test(l) && !/\p{Ll}/u.test(l) && !/\d/.test(l) && l.split(/\s+/).length <= 6;
}

/** A line that can be a headline: short, with lowercase words, not ending in a full stop, not a date or a byline. */
function looksLikeHeadline(line: string): boolean {
  return line.length >= 20 && line.length <= 200 && /\p{Ll}/u.test(line) && !/[.!?:]["”’]?$/.test(line) && !/^(?:by|posted|published|updated)\b/i.test(line) && findDates(line).length === 0;
}

export function articleFromText(raw: string, meta: Partial<Article> = {}): Article {
  const text = cleanText(raw).trim();
  const lines = text.split('\n');
  let title = meta.title ?? '';
  let bodyStart = 0;
  let aboveHeadline: string[] = [];
  if (!title) {
    const first = (lines[0] ?? '').trim();
    if (first.length > 0 && first.length <= 200 && !/[.!?]["”’]?$/.test(first)) {
      title = first;
      bodyStart = 1;
      // A kicker above the headline ("THE SILICON COLUMN", "ANALYSIS"): a short line in capitals only, then a line
      // that reads as the headline. The kicker names the section, the next line the story.
      const next = lines.slice(1, 4).findIndex((l) => l.trim().length > 0);
      const second = next >= 0 ? lines[1 + next]!.trim() : '';
      // (A column's headline may be written as a sentence or two, "SoftBank is now Uber's biggest owner. Here is what
      // it actually bought.", when a byline follows it.)
      const after = lines.slice(2 + next, 6 + next).find((l) => l.trim().length > 0)?.trim() ?? '';
      const sentenceHeadline = second.length >= 20 && second.length <= 160 && /\p{Ll}/u.test(second) && /[.!?]$/.test(second) && (/^by\s/i.test(after) || isBylineLine(after));
      if ((isKicker(first) || isSectionLine(first)) && second && (looksLikeHeadline(second) || sentenceHeadline)) {
        // (A section line with the story's date keeps it in the body, where the byline reader finds it.)
        if (isSectionLine(first) && findDates(first).length) aboveHeadline = [first];
        title = second;
        bodyStart = 2 + next;
      } else if (isKicker(first) || isSectionLine(first)) {
        // "HANBIT ECONOMIC TIMES (English Edition)", "Industry > Robotics", "Published: 2021.06.21 17:05 KST", then the
        // headline: an outlet's masthead, a breadcrumb and a dateline line stand above it. The date line stays in the
        // body (it dates the story); the breadcrumb is dropped.
        const head = lines.slice(1, 8).map((l) => l.trim());
        const at = head.findIndex((l) => l.length > 0 && !BREADCRUMB.test(l) && !isBylineLine(l) && !dateLineDate(l));
        // (A newsletter's name and issue date over a numbered item keep their reading: the item is a section.)
        const outlet = PAREN_EDITION.test(first) || OUTLET_EDITION.test(first) || isSectionLine(first) || head.slice(0, at).some((l) => BREADCRUMB.test(l));
        if (at > 0 && outlet && looksLikeHeadline(head[at]!)) {
          title = head[at]!;
          aboveHeadline = head.slice(0, at).filter((l) => l && !BREADCRUMB.test(l));
          bodyStart = 2 + at;
        }
      }
    }
  }
  const body = [...aboveHeadline, ...lines.slice(bodyStart)].join(aboveHeadline.length ? '\n\n' : '\n');
  const blocks = endOfStory(/\n\s*\n/.test(body) ? body.split(/\n\s*\n/) : body.split('\n'));
  // A cookie or consent notice ("We use cookies. Continue browsing to accept.") that the page extraction kept is not
  // the story: left in, it would push the lead down and hide the headline repeated below it.
  const paragraphs = blocks.map((b) => repairSpacing(oneLine(b))).filter((p) => p.length > 0 && !isConsentNotice(p));
  // A sub-heading that repeats the title adds nothing.
  const titleKey = title.toLowerCase();
  // A page's headline repeated as the first paragraph (an <h1> under a "Title | Site" <title>) is a headline too:
  // a short line without a full stop that shares most of its words with the title.
  const titleWords = new Set(titleKey.split(/\W+/).filter((w) => w.length > 2));
  const headlineLike = (p: string) => {
    if (p.length >= 150 || /[.!?]["”’]?$/.test(p)) return false;
    const words = p.toLowerCase().split(/\W+/).filter((w) => w.length > 2);
    return words.length > 0 && words.filter((w) => titleWords.has(w)).length >= Math.ceil(words.length * 0.5);
  };
  let headline: string | undefined;
  let filtered = paragraphs.filter((p, i) => {
    if (i !== 0) return true;
    if (titleKey.startsWith(p.toLowerCase()) && p.length < 150) return false;
    if (!headlineLike(p)) return true;
    headline = p;
    return false;
  });
  // The page's own headline (its first line, repeated under the <title>) is the story's headline.
  if (headline) title = headline;
  // Byline lines ("By Staff Writer · January 29, 2024", "Posted by …") and a date on a line of its own ("May 23,
  // 2023", "December 2023 edition") carry the story's date, not its news.
  let bylineDate: string | undefined;
  filtered = filtered.filter((p, i) => {
    if (i > 2) return true;
    const own = dateLineDate(p);
    if (own) {
      bylineDate ??= own;
      return false;
    }
    if (!isBylineLine(p)) return true;
    bylineDate ??= firstFullDay(p);
    return false;
  });
  // A newsletter's masthead as the title ("The Platform Letter — Tuesday, June 11, 2024") dates the issue.
  const masthead = mastheadDate(title);
  bylineDate ??= masthead;
  // "MARKETS & DEALS | Wednesday 16 August 2023" over "Intel walks away from Tower …": a section and date line as the
  // first line dates the story, and the headline is the line under it.
  if (masthead && !meta.title && filtered[0] && looksLikeHeadline(filtered[0]) && /^[\p{Lu}\d\s&,.'’-]+\s[|·•—–-]\s/u.test(title)) {
    title = filtered[0];
    filtered = filtered.slice(1);
  }
  // The dateline is the story's date and place: cut it off the first paragraph it opens.
  let dateline: Article['dateline'];
  // A press release's deck ("Transaction values Infinera at …", "Expected to accelerate growth") may stand between
  // the headline and the dateline: short lines without a full stop are read past, up to the fourth paragraph.
  const deck = (i: number) => filtered.slice(0, i).every((p) => p.length < 200 && !/[.!?]["”’]?$/.test(p.trim()));
  const datelineSpan = (filtered.length >= 3 && deck(2) ? 4 : 2);
  for (let i = 0; i < Math.min(datelineSpan, filtered.length) && !dateline; i++) {
    if (i >= 2 && !deck(i)) break;
    const cut = splitDateline(filtered[i]!);
    if (cut) {
      dateline = { text: cut.text, ...(cut.date ? { date: cut.date } : {}) };
      filtered[i] = cut.rest;
    }
  }
  // A wire dateline without a year ("PARIS, July 7 (Wire) — …") is cut off the same way; its year is the one in
  // which that day falls on the weekday the lead gives ("agreed on Monday"), among the years the article names.
  for (let i = 0; i < Math.min(2, filtered.length) && !dateline; i++) {
    const cut = yearlessDateline(filtered[i]!);
    if (!cut) continue;
    const rest = filtered[i]!.slice(cut.end).trim();
    if (rest.length < 20) continue;
    const weekday = new RegExp(`\\b(?:on|late on|early on)\\s+(${WEEKDAY_WORD})\\b`).exec(splitSentences(rest)[0] ?? '')?.[1];
    const years = filtered.flatMap((p) => [...p.matchAll(/\b(?:19|20)\d\d\b/g)].map((m) => Number(m[0])));
    // A byline or masthead dated the same month and day gives the year outright.
    const bylineYear = bylineDate && bylineDate.length === 10 && bylineDate.slice(5) === `${String(cut.month).padStart(2, '0')}-${String(cut.day).padStart(2, '0')}` ? Number(bylineDate.slice(0, 4)) : undefined;
    const year = bylineYear ?? (weekday ? yearForWeekday(cut.month, cut.day, weekday, years) : undefined);
    const date = year ? `${year}-${String(cut.month).padStart(2, '0')}-${String(cut.day).padStart(2, '0')}` : undefined;
    dateline = { text: withoutTrailingDash(filtered[i]!.slice(0, cut.end)), ...(date ? { date } : {}) };
    filtered[i] = rest;
  }
  // A news article fits well within these; a longer page (or a hostile one) is read only this far, which keeps the
  // pattern matching fast. The deal is in the first paragraphs anyway.
  const kept: string[] = [];
  let total = 0;
  for (const p of filtered) {
    if (total >= MAX_ARTICLE_CHARS) break;
    // Cut at a word boundary: half a number ("$9999…" of "$99999999") must never be read as a number.
    const cut = clip(p, MAX_PARAGRAPH_CHARS);
    kept.push(cut);
    total += cut.length;
  }
  return {
    ...meta,
    title: clip(repairSpacing(oneLine(title)), 300),
    paragraphs: kept,
    ...(dateline ? { dateline } : {}),
    ...(bylineDate ? { bylineDate } : {}),
  };
}

/** A short line naming the writer or the posting, with a date ("By A. Reporter · May 2, 2024", "Staff · 2 May 2024"). */
function isBylineLine(p: string): boolean {
  // (A line of parts set apart by "·" or "|" may run longer: "Wednesday, March 31, 2021 · Live coverage from Tokyo by
  // the markets team · All times JST".)
  if (p.length > (/ [·|•] /.test(p) ? 160 : 100) || (/[.!?]$/.test(p) && !/\d{4}\.?$/.test(p))) return false;
  if (!firstFullDay(p)) return false;
  if (/^(?:\p{L}+\s?\/\s?)?(?:by|posted|published|updated)\b/iu.test(p) || /[·|•]/.test(p) || /\bstaff\b/i.test(p)) return true;
  // A newsletter's issue line: "Issue 212 -- Monday, December 7, 2015", "No. 48 | 5 March 2024".
  if (/^(?:issue|no\.|vol\.|volume|edition|number)\s*#?\d+\b/i.test(p)) return true;
  // "Jane Okafor, March 5, 2024", "Tom Lind — 5 March 2024": a name of two to four words, then the date, nothing else.
  const d = findDates(p).find((x) => x.value.length === 10);
  // "Lakeshore Financial News — November 4, 2022, 5:52 p.m. EDT": an outlet's name and the time of day are a byline too.
  return !!d && (p.slice(d.end).trim() === '' || TIME_AFTER_DATE.test(p.slice(d.end).trim())) && /^\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){1,3}\s?[,—–-]\s?$/u.test(p.slice(0, d.at));
}

/** A time of day after a date: ", 5:52 p.m. EDT", " 9:10 AM ET", " at 14:05". */
const TIME_AFTER_DATE = /^(?:[,·|]\s*|at\s+)?\d{1,2}[:.]\d\d(?:\s?[ap]\.?m\.?)?(?:\s[A-Z]{1,5})?$/i;

/**
 * A line that is only a date, with at most a label: "May 23, 2023", "Tuesday, 9 September 2025", "Published: 2 May
 * 2024", "December 2023 edition", "Issue of March 4, 2024". Returns the date at the precision written (a day or a
 * month), or undefined for anything with more words than that.
 */
export function dateLineDate(p: string): string | undefined {
  const line = p.trim();
  if (line.length > 60) return undefined;
  const d = findDates(line).filter((x) => x.value.length >= 7);
  if (d.length !== 1) return undefined;
  const before = line.slice(0, d[0]!.at).trim();
  const after = line.slice(d[0]!.end).trim();
  const label = new RegExp(`^(?:(?:published|posted|updated|dated|issue(?: of)?|edition(?: of)?)\\s*(?::\\s*)?)?(?:${WEEKDAY_WORD},?)?$`, 'i');
  if (!label.test(before)) return undefined;
  // A time may follow the date ("June 8, 2022 9:10 AM ET", "2 May 2024, 14:05 CET"): the day is the one written.
  // A masthead's issue number may follow ("Wednesday, February 21, 2018 — Issue 412").
  if (!/^(?:edition|issue|newsletter)?\.?$/i.test(after) && !/^[—–|·,-]\s*(?:issue|no\.?|vol(?:ume|\.)?|edition|#)\s*\d+\.?$/i.test(after) && !TIME_AFTER_DATE.test(after)) return undefined;
  return d[0]!.value;
}

/** "The Platform Letter — Tuesday, June 11, 2024": a title that ends in a full date after a separator is a masthead. */
export function mastheadDate(title: string): string | undefined {
  const t = title.trim();
  // A weekly round-up's date is the end of a week of news, not the day of any one deal.
  if (/\b(?:week|weekly|round-?up|digest|recap|review)\b/i.test(t)) return undefined;
  const d = findDates(t).filter((x) => x.value.length === 10).at(-1);
  if (!d || d.end !== t.length) return undefined;
  const before = t.slice(0, d.at);
  return new RegExp(`(?:^|[—–|·•:]|\\s-)\\s*(?:${WEEKDAY_WORD},?\\s*)?$`).test(before) ? d.value : undefined;
}

/** Words that may stand in a dateline before its date: places, state abbreviations, wire names. */
function datelineLike(prefix: string): boolean {
  if (prefix.length > 160) return false;
  const words = prefix.replace(/[(),/&-]/g, ' ').split(/\s+/).filter(Boolean);
  // Lowercase words other than "and" are prose, not a dateline ("The company said on May 2, 2024").
  return words.every((w) => w === 'and' || /^\p{Lu}/u.test(w) || /^\d/.test(w));
}

/**
 * "SAN JOSE, Calif., December 18, 2023 — Adobe …" -> dateline "SAN JOSE, Calif., December 18, 2023", rest "Adobe …";
 * also "HOUSTON & SUNNYVALE, Calif.--(BUSINESS WIRE)--Jan. 9, 2024-- HPE …" and "April 4, 2024 — Alphabet …".
 */
export function splitDateline(p: string): { text: string; date?: string; rest: string } | undefined {
  const head = p.slice(0, 220);
  const date = findDates(head).find((d) => d.value.length >= 7);
  if (!date || date.at > 170) return undefined;
  if (!datelineLike(head.slice(0, date.at).replace(/--\(?[A-Z][A-Z ]+\)?--/g, ' '))) return undefined;
  // After the date: an optional wire tag, then a dash or colon that opens the story.
  // The wire tag may carry a hyphen or a dot ("(Wire-style)", "(AP)", "/PRNewswire/").
  const after = /^\)?\s*(?:\/[A-Za-z ]{2,30}\/\s*|\([A-Z][A-Za-z .'&-]{1,30}\)\s*)?(?:--|[—–-]|:)\s*/.exec(head.slice(date.end));
  if (!after) return undefined;
  const restAt = date.end + after[0].length;
  const rest = p.slice(restAt).trim();
  if (rest.length < 20) return undefined;
  return { text: p.slice(0, date.end).trim(), date: date.value, rest };
}

export const MAX_ARTICLE_CHARS = 30_000;
export const MAX_PARAGRAPH_CHARS = 3_000;

const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'inc', 'corp', 'co', 'ltd', 'jr', 'sr', 'st', 'vs', 'no', 'approx', 'est', 'gen',
  'u.s', 'u.k', 'e.g', 'i.e', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Splits a paragraph into sentences, keeping quotations that contain full stops together. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < paragraph.length; i++) {
    const ch = paragraph[i]!;
    if (ch === '“') inQuote = true;
    else if (ch === '”') inQuote = false;
    else if (ch === '"') inQuote = !inQuote;
    if (inQuote || !'.!?'.includes(ch)) continue;
    // Include closing quotes/brackets in the sentence.
    let end = i + 1;
    while (end < paragraph.length && '"”’)'.includes(paragraph[end]!)) end++;
    if (end < paragraph.length && paragraph[end] !== ' ') continue;
    const next = paragraph.slice(end).trimStart();
    if (next && !/^["“‘(]?[A-Z0-9$€£]/.test(next)) continue;
    if (ch === '.') {
      const word = lastWordBefore(paragraph, Math.max(start, i - 12), i).toLowerCase();
      if (ABBREVIATIONS.has(word) || /^[a-z]$/i.test(word)) continue;
    }
    out.push(paragraph.slice(start, end).trim());
    start = end;
    inQuote = false;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

export function articleSentences(a: Article): Sentence[] {
  const out: Sentence[] = [];
  if (a.title) out.push({ text: a.title, paragraph: -1, index: 0 });
  a.paragraphs.forEach((p, pi) => {
    for (const s of splitSentences(p)) out.push({ text: s, paragraph: pi, index: out.length });
  });
  return out;
}

/** The run of letters and dots ending just before `dot` (no further back than `from`): "U.S" for "the U.S.". */
function lastWordBefore(paragraph: string, from: number, dot: number): string {
  let k = dot;
  while (k > from && /[A-Za-z.]/.test(paragraph[k - 1]!)) k--;
  return paragraph.slice(k, dot);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
