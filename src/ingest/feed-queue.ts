// `dealbot ingest --feed URL`: every item of the feed not seen before is drafted (from the feed's own description,
// or its page with `fetchItems`) and put in the review queue; items seen before — whatever became of them — are
// never drafted again. The whole feed is read and parsed before anything is queued, so a feed that fails (too large,
// a private address, the wrong type, malformed XML, an entity bomb) queues nothing.
import type { DealStore, NewReviewItem } from '../store/types.ts';
import { articleFromHtml, looksLikeHtml } from './extract.ts';
import { fetchFeed, type FeedItem } from './feed.ts';
import { fetchPage, FetchError, type FetchOptions } from './fetch.ts';
import { ingestArticle, type IngestResult, type KnownOrganisation } from './ingest.ts';
import { articleFromText } from './text.ts';

export interface FeedRun {
  feed: string;
  items: number;
  /** New drafts waiting for review. */
  drafted: number;
  /** New items that told no deal (kept as seen, not shown for review). */
  noDeal: number;
  /** Items already in the queue from an earlier run. */
  alreadySeen: number;
  /** Item pages that could not be fetched (their description was used instead). */
  pageFailures: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An item as an article: its own description or content (HTML or text), titled with the item's title. */
export function itemArticle(item: FeedItem) {
  const meta = { ...(item.link ? { url: item.link } : {}) };
  const article = looksLikeHtml(item.body) || /<\/?(?:p|br|a|b|i|em|strong|span)\b/i.test(item.body)
    ? articleFromHtml(`<html><body><article><h1>${escapeHtml(item.title)}</h1>${item.body}</article></body></html>`, item.link)
    : articleFromText(`${item.title}\n\n${item.body}`, meta);
  return { ...article, ...(item.published ? { published: item.published } : {}) };
}

export function queueDoc(r: IngestResult): unknown {
  return { draft: r.draft, notes: r.notes, missing: r.missing, flagged: r.flagged, noDeal: r.noDeal, ...(r.noDealReason ? { noDealReason: r.noDealReason } : {}) };
}

export async function ingestFeed(
  url: string,
  store: Pick<DealStore, 'knownReviewKeys' | 'enqueueReviewItems'>,
  organisations: readonly KnownOrganisation[],
  fetch: FetchOptions,
  opts: { fetchItems?: boolean } = {},
): Promise<FeedRun> {
  const feed = await fetchFeed(url, fetch);
  const seen = await store.knownReviewKeys(feed.url, feed.items.map((i) => i.key));
  const fresh: NewReviewItem[] = [];
  const keys = new Set<string>();
  let pageFailures = 0;
  for (const item of feed.items) {
    if (seen.has(item.key) || keys.has(item.key)) continue;
    keys.add(item.key);
    let article = itemArticle(item);
    if (opts.fetchItems && item.link) {
      try {
        const page = await fetchPage(item.link, fetch);
        article = page.contentType === 'html' ? articleFromHtml(page.body, page.url) : articleFromText(page.body, { url: page.url });
      } catch (e) {
        if (!(e instanceof FetchError)) throw e;
        pageFailures++;
      }
    }
    const r = ingestArticle(article, organisations);
    fresh.push({
      feedUrl: feed.url,
      itemKey: item.key,
      title: item.title || r.draft.title || '(untitled)',
      link: item.link,
      published: item.published,
      status: r.noDeal ? 'no_deal' : 'pending',
      draft: queueDoc(r),
    });
  }
  const { added, alreadySeen } = await store.enqueueReviewItems(fresh);
  const noDeal = fresh.filter((f) => f.status === 'no_deal').length;
  return { feed: feed.url, items: feed.items.length, drafted: added - noDeal, noDeal, alreadySeen: seen.size + alreadySeen, pageFailures };
}
