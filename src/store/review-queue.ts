// The review queue: drafts made from followed feeds, waiting for an admin to save, edit or skip each. One row per
// feed item, unique on (feed, item key), so reading the same feed again drafts nothing twice. All SQL for it lives
// here for SQLite (the sync Store); the async interface (DealStore, types.ts) wraps these, and the PostgreSQL backend
// has the same table and the same rows (postgres/store.ts).
import type { Store } from './store.ts';

export type ReviewStatus = 'pending' | 'saved' | 'skipped' | 'no_deal';

export interface ReviewItem {
  id: number;
  feedUrl: string;
  itemKey: string;
  title: string;
  link: string | null;
  published: string | null;
  status: ReviewStatus;
  /** What ingest made of the item: {draft, notes, missing, flagged}. */
  draft: unknown;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  slug: string | null;
}

export interface NewReviewItem {
  feedUrl: string;
  itemKey: string;
  title: string;
  link?: string | undefined;
  published?: string | undefined;
  status: 'pending' | 'no_deal';
  draft: unknown;
}

/** Every column of review_queue, in table order (dumps copy the rows as they are). */
export const REVIEW_COLS = 'id, feed_url, item_key, title, link, published, status, draft_doc, created_at, decided_at, decided_by, slug';

/** A review_queue row as both backends return it. */
export interface ReviewRow {
  id: number;
  feed_url: string;
  item_key: string;
  title: string;
  link: string | null;
  published: string | null;
  status: ReviewStatus;
  draft_doc: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  slug: string | null;
}

export function toReviewItem(r: ReviewRow): ReviewItem {
  return {
    id: r.id,
    feedUrl: r.feed_url,
    itemKey: r.item_key,
    title: r.title,
    link: r.link,
    published: r.published,
    status: r.status,
    draft: JSON.parse(r.draft_doc) as unknown,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    slug: r.slug,
  };
}

/** Keys of a feed's items already in the queue (whatever their status): those are never drafted again. */
export function knownReviewKeys(store: Store, feedUrl: string, keys: readonly string[]): Set<string> {
  const stmt = store.prepared('SELECT 1 FROM review_queue WHERE feed_url = ? AND item_key = ?');
  return new Set(keys.filter((k) => stmt.get(feedUrl, k) !== undefined));
}

/** Adds the items in one transaction; an item already queued is left as it is. Returns how many were new. */
export function enqueueReviewItems(store: Store, items: readonly NewReviewItem[]): { added: number; alreadySeen: number } {
  return store.write(() => {
    const insert = store.prepared(
      `INSERT INTO review_queue (feed_url, item_key, title, link, published, status, draft_doc, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed_url, item_key) DO NOTHING`,
    );
    const now = new Date().toISOString();
    let added = 0;
    for (const it of items) {
      const r = insert.run(it.feedUrl, it.itemKey, it.title.slice(0, 300), it.link ?? null, it.published ?? null, it.status, JSON.stringify(it.draft), now);
      added += r.changes;
    }
    return { added, alreadySeen: items.length - added };
  });
}

export function reviewItem(store: Store, id: number): ReviewItem | undefined {
  const r = store.prepared('SELECT * FROM review_queue WHERE id = ?').get(id) as ReviewRow | undefined;
  return r ? toReviewItem(r) : undefined;
}

/** The oldest pending draft after `afterId` (0: from the start), and how many are pending in all. */
export function nextReviewItem(store: Store, afterId = 0): { item?: ReviewItem; pending: number; position: number } {
  const pending = (store.prepared(`SELECT count(*) AS n FROM review_queue WHERE status = 'pending'`).get() as { n: number }).n;
  const r = (store.prepared(`SELECT * FROM review_queue WHERE status = 'pending' AND id > ? ORDER BY id LIMIT 1`).get(afterId) ??
    store.prepared(`SELECT * FROM review_queue WHERE status = 'pending' ORDER BY id LIMIT 1`).get()) as ReviewRow | undefined;
  if (!r) return { pending, position: 0 };
  const before = (store.prepared(`SELECT count(*) AS n FROM review_queue WHERE status = 'pending' AND id < ?`).get(r.id) as { n: number }).n;
  return { item: toReviewItem(r), pending, position: before + 1 };
}

/** Marks a pending item saved or skipped; false when it was not pending (already decided by someone else). */
export function decideReviewItem(store: Store, id: number, status: 'saved' | 'skipped', actor: string, slug?: string): boolean {
  return store.write(
    () =>
      store
        .prepared(`UPDATE review_queue SET status = ?, decided_at = ?, decided_by = ?, slug = ? WHERE id = ? AND status = 'pending'`)
        .run(status, new Date().toISOString(), actor, slug ?? null, id).changes === 1,
  );
}

export function countReviewItems(store: Store): Record<ReviewStatus, number> {
  const out: Record<ReviewStatus, number> = { pending: 0, saved: 0, skipped: 0, no_deal: 0 };
  for (const r of store.prepared('SELECT status, count(*) AS n FROM review_queue GROUP BY status').all() as { status: ReviewStatus; n: number }[]) {
    out[r.status] = r.n;
  }
  return out;
}
