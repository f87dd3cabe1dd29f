// RSS 2.0 and Atom feeds for `dealbot ingest --feed URL`: fetched through the same safe fetch as articles (address
// checks, redirects re-checked, one deadline, a byte cap), parsed by fast-xml-parser with entity declarations refused
// and entity expansion capped, each item keyed (its guid or id, else its link, else its title and date) so it is
// never drafted twice. An item's article is the feed's own description or content: one request per feed, not one per
// item to hosts the feed names (`fetchItems` reads each item's page instead, through the same safe fetch).
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fetchPage, FetchError, type FetchOptions } from './fetch.ts';
import { oneLine } from './text.ts';

export interface FeedItem {
  /** Stable identity of the item within its feed: guid/id, else link, else a hash of title and date. */
  key: string;
  title: string;
  link?: string | undefined;
  /** YYYY-MM-DD when the feed gives a parsable date. */
  published?: string | undefined;
  /** The description or content as the feed gives it (often HTML). */
  body: string;
}

export interface Feed {
  url: string;
  title: string;
  items: FeedItem[];
}

export class FeedError extends Error {
  constructor(
    message: string,
    readonly code: 'malformed' | 'entities' | 'not_a_feed' | 'too_many_items',
  ) {
    super(message);
  }
}

/** Items read from one feed at most; a longer feed is cut here. */
export const MAX_FEED_ITEMS = 200;
/** The largest feed read (bytes), whatever the article cap. */
export const MAX_FEED_BYTES = 5_000_000;

type Node = Record<string, unknown>;

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') {
    const o = v as Node;
    return text(o['#text'] ?? o['__cdata'] ?? '');
  }
  return '';
}

function isoDay(raw: string): string | undefined {
  const t = raw.trim();
  if (!t) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(t);
  if (iso) return iso[1];
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

function list(v: unknown): Node[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is Node => typeof x === 'object' && x !== null);
}

function atomLink(v: unknown): string | undefined {
  const links = list(v);
  const alt = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  const href = alt?.['@_href'];
  return typeof href === 'string' ? href : typeof v === 'string' ? v : undefined;
}

function keyOf(guid: string, link: string | undefined, title: string, published: string | undefined): string {
  if (guid) return `id:${guid.slice(0, 500)}`;
  if (link) return `link:${link.slice(0, 500)}`;
  return `hash:${createHash('sha256').update(`${title}\n${published ?? ''}`).digest('hex').slice(0, 32)}`;
}

/** Parses RSS 2.0 or Atom XML into items; throws FeedError for malformed XML, entity declarations or other XML. */
export function parseFeed(xml: string, url: string): Feed {
  // Entity declarations are how "billion laughs" bombs start; no news feed needs them.
  if (/<!ENTITY/i.test(xml)) throw new FeedError('refused: the feed declares XML entities (a feed never needs them)', 'entities');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedError(`the feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`, 'malformed');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    cdataPropName: '__cdata',
    processEntities: { enabled: true, maxEntityCount: 0, maxEntitySize: 1, maxExpansionDepth: 1, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
    htmlEntities: false,
    parseTagValue: false,
    trimValues: true,
  });
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    throw new FeedError(`the feed could not be read: ${(e as Error).message.slice(0, 200)}`, 'malformed');
  }
  const rss = doc.rss as Node | undefined;
  const atom = doc.feed as Node | undefined;
  const items: FeedItem[] = [];
  let title = '';
  if (rss && typeof rss === 'object') {
    const channel = list(rss.channel)[0] ?? {};
    title = oneLine(text(channel.title));
    for (const it of list(channel.item).slice(0, MAX_FEED_ITEMS)) {
      const t = oneLine(text(it.title));
      const link = oneLine(text(it.link)) || undefined;
      const published = isoDay(text(it.pubDate) || text(it['dc:date']));
      const body = text(it['content:encoded']) || text(it.description);
      items.push({ key: keyOf(oneLine(text(it.guid)), link, t, published), title: t, link, published, body });
    }
  } else if (atom && typeof atom === 'object') {
    title = oneLine(text(atom.title));
    for (const e of list(atom.entry).slice(0, MAX_FEED_ITEMS)) {
      const t = oneLine(text(e.title));
      const link = atomLink(e.link);
      const published = isoDay(text(e.published) || text(e.updated));
      const body = text(e.content) || text(e.summary);
      items.push({ key: keyOf(oneLine(text(e.id)), link, t, published), title: t, link, published, body });
    }
  } else {
    throw new FeedError('not a feed: the XML is neither RSS 2.0 (<rss>) nor Atom (<feed>)', 'not_a_feed');
  }
  return { url, title: title || url, items };
}

/** Fetches and parses a feed through the safe fetch; FetchError or FeedError say why not. */
export async function fetchFeed(url: string, opts: FetchOptions): Promise<Feed> {
  const page = await fetchPage(url, { ...opts, accept: 'feed', maxBytes: Math.min(opts.maxBytes, MAX_FEED_BYTES) });
  return parseFeed(page.body, page.url);
}

export { FetchError };
