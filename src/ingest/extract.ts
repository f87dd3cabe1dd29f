// HTML -> article: Mozilla Readability over linkedom finds the main text and title, dropping navigation, ads and
// footers; page metadata gives the publisher and publication date when the page states them.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { PARTIAL_DATE_RE } from '../deals/schema.ts';
import { articleFromText, oneLine, repairSpacing, type Article } from './text.ts';

/** True when the input looks like an HTML document or fragment rather than plain text. */
/** The little of the DOM we use (the project compiles without the DOM library; linkedom provides these at run time). */
interface DomElement {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
}
interface DomDocument {
  title: string;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
}
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

function parseDocument(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument;
}

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

export function articleFromHtml(html: string, url?: string): Article {
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
    title = title.slice(0, title.length - publisher.length).replace(/[\s|–—:-]+$/u, '').trim();
  }
  if (!title) {
    const h1 = doc.querySelector('h1');
    title = oneLine(h1?.textContent ?? '');
  }
  const base = articleFromText(paragraphs.join('\n\n'), { title: title || '(untitled)' });
  return {
    ...base,
    paragraphs: base.paragraphs.map(repairSpacing),
    ...(url ? { url } : {}),
    ...(publisher ? { publisher: oneLine(publisher) } : {}),
    ...(published ? { published } : {}),
  };
}
