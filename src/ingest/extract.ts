// HTML -> article: Mozilla Readability over linkedom finds the main text and title, dropping navigation, ads and
// footers; page metadata gives the publisher and publication date when the page states them.
//
// Readability is slow on deep trees (1,000 nested <div>s took 10 s, nested tables overflow the stack) and entities
// expand as linkedom builds text nodes (a 2 MB page of &amp; cost 457 MB), so before anything is parsed a linear
// pre-scan checks the document's size, its entity count and — with htmlparser2's tokenizer, the one linkedom builds
// its tree from, so the depth counted is the depth linkedom will build — its element count and nesting depth. A page
// past any cap is refused with TooComplexError. This runs inside the ingest worker (sandbox.ts), which also has a time
// and memory budget for whatever gets past these caps.
import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { PARTIAL_DATE_RE } from '../deals/schema.ts';
import { articleFromText, oneLine, repairSpacing, type Article } from './text.ts';
import { firstFullDay } from './facts.ts';
import { HTML_LIMITS, TooComplexError, type HtmlLimits } from './limits.ts';
import { trimEndSpaceAnd } from '../deals/text-safety.ts';

export { HTML_LIMITS, TooComplexError, type HtmlLimits, type TooComplexReason } from './limits.ts';

/** The little of the DOM we use (the project compiles without the DOM library; linkedom provides these at run time). */
interface DomElement {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  closest(selector: string): DomElement | null;
}
interface DomDocument {
  title: string;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

function parseDocument(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument;
}

/** The most article text handed to the draft (a long news story has 10,000–20,000 characters). */
export const MAX_ARTICLE_CHARS = 60_000;

/** Counts character references: "&" followed by a letter or "#". One pass, stops at the cap. */
function countEntities(html: string, cap: number): number {
  let n = 0;
  let at = html.indexOf('&');
  while (at >= 0) {
    const next = html.charCodeAt(at + 1);
    if (next === 0x23 || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a)) {
      if (++n > cap) return n;
    }
    at = html.indexOf('&', at + 1);
  }
  return n;
}

/** Throws TooComplexError when the document is past a cap. Linear in its length; parses nothing into a tree. */
export function checkHtml(html: string, limits: HtmlLimits = HTML_LIMITS): void {
  if (html.length > limits.maxChars) {
    throw new TooComplexError('size', `${html.length} characters of HTML; the limit is ${limits.maxChars}`);
  }
  if (countEntities(html, limits.maxEntities) > limits.maxEntities) {
    throw new TooComplexError('entities', `more than ${limits.maxEntities} character references such as &amp;`);
  }
  let depth = 0;
  let elements = 0;
  const parser = new Parser(
    {
      onopentag() {
        elements++;
        depth++;
        if (depth > limits.maxDepth) throw new TooComplexError('depth', `elements nested more than ${limits.maxDepth} deep`);
        if (elements > limits.maxElements) throw new TooComplexError('elements', `more than ${limits.maxElements} elements`);
      },
      onclosetag() {
        depth = Math.max(0, depth - 1);
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  parser.end();
}

/** True when the input looks like an HTML document or fragment rather than plain text. */
export function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 2000).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(body|article|p|div|h1)[\s>]/.test(head);
}

function meta(document: DomDocument, names: string[]): string | undefined {
  for (const n of names) {
    const el = document.querySelector(`meta[property="${n}"], meta[name="${n}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

/** "2021-03-05T10:00:00Z" -> "2021-03-05"; anything not starting with a valid date -> undefined. */
function isoDay(s: string | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s ?? '');
  if (!m?.[1] || !PARTIAL_DATE_RE.test(m[1])) return undefined;
  return m[1];
}

/**
 * The date the page shows with its byline ("Mikko Häkkinen — <time datetime="2024-06-27">27 June 2024</time>"):
 * Readability drops the byline, so it is read here. Times in navigation, asides, footers, lists and related-story
 * boxes date other stories and are skipped.
 */
function shownDate(doc: DomDocument): string | undefined {
  for (const el of Array.from(doc.querySelectorAll('time[datetime]'))) {
    if (el.closest('nav, aside, footer, li, figure')) continue;
    if (el.closest('[class*="related"], [class*="recommend"], [class*="popular"], [class*="latest"], [class*="sidebar"], [class*="promo"], [class*="more"]')) continue;
    const day = isoDay(el.getAttribute('datetime') ?? undefined);
    if (day) return day;
  }
  return undefined;
}

const BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TD', 'FIGCAPTION', 'DT', 'DD']);

/** Text of block elements, one paragraph each; figure captions and asides are left out. */
function blockParagraphs(root: DomElement): string[] {
  const out: string[] = [];
  const walk = (el: DomElement): void => {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'FIGCAPTION', 'ASIDE', 'NAV', 'FOOTER', 'FORM', 'BUTTON'].includes(el.tagName)) return;
    if (BLOCK_TAGS.has(el.tagName)) {
      const t = oneLine(el.textContent ?? '');
      if (t) out.push(t);
      return;
    }
    const hasBlockChild = Array.from(el.children).some((c) => BLOCK_TAGS.has(c.tagName) || c.children.length > 0);
    if (!hasBlockChild) {
      const t = oneLine(el.textContent ?? '');
      if (t) out.push(t);
      return;
    }
    for (const c of Array.from(el.children)) walk(c);
  };
  walk(root);
  return out;
}

/** The first paragraphs, up to `max` characters in all (the rest of a very long page is not needed for a draft). */
export function capParagraphs(paragraphs: string[], max = MAX_ARTICLE_CHARS): string[] {
  const out: string[] = [];
  let total = 0;
  for (const p of paragraphs) {
    if (total + p.length > max) {
      if (out.length === 0) out.push(p.slice(0, max));
      break;
    }
    out.push(p);
    total += p.length;
  }
  return out;
}

/** HTML -> article, after checkHtml (throws TooComplexError past a cap). */
export function articleFromHtml(html: string, url?: string, limits: HtmlLimits = HTML_LIMITS): Article {
  checkHtml(html, limits);
  const doc = parseDocument(html);
  const publisher = meta(doc, ['og:site_name', 'application-name', 'publisher']);
  const published = isoDay(meta(doc, ['article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date']));
  const metaTitle = meta(doc, ['og:title', 'twitter:title']);
  const parsed = new Readability(parseDocument(html) as unknown as ReadabilityDocument, { charThreshold: 200 }).parse();
  let title = oneLine(parsed?.title ?? metaTitle ?? doc.title ?? '');
  let paragraphs: string[] = [];
  if (parsed?.content) {
    const content = parseDocument(`<html><body>${parsed.content}</body></html>`);
    if (content.body) paragraphs = blockParagraphs(content.body);
  }
  if (paragraphs.length === 0) {
    // Readability found no article (short page): fall back to every paragraph of the body.
    paragraphs = doc.body ? blockParagraphs(doc.body) : [];
  }
  // "Adobe to buy Figma — Creative Tech News": the site's name is not part of the headline.
  if (publisher && title.length > publisher.length + 3 && title.toLowerCase().endsWith(publisher.toLowerCase())) {
    title = trimEndSpaceAnd(title.slice(0, title.length - publisher.length), '|–—:-').trim();
  }
  if (!title) {
    const h1 = doc.querySelector('h1');
    title = oneLine(h1?.textContent ?? '');
  }
  const base = articleFromText(capParagraphs(paragraphs).join('\n\n'), { title: title || '(untitled)' });
  // Readability takes the byline ("By A. Reporter, Amsterdam · 24 February 2025, 09:45 CET") out of the text it
  // returns; the date on it is the story's date all the same.
  const bylineDay = parsed?.byline ? firstFullDay(parsed.byline) : undefined;
  const shown = base.bylineDate ? undefined : (bylineDay ?? shownDate(doc));
  return {
    ...base,
    ...(shown ? { bylineDate: shown } : {}),
    paragraphs: base.paragraphs.map(repairSpacing),
    ...(url ? { url } : {}),
    ...(publisher ? { publisher: oneLine(publisher) } : {}),
    ...(published ? { published } : {}),
  };
}
