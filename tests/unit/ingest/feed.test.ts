// Feeds and the review queue, against feeds served on 127.0.0.1: 20 items -> 20 drafts; the same feed again -> 0 new
// drafts; Atom too; hostile feeds (oversized, a private address when not allowed, the wrong content type, malformed
// XML, an entity bomb) -> a clear error and nothing queued. Then /deal-admin review: one draft at a time with Save,
// Edit and Skip, through the core (so every platform gets the buttons).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DoneReply, FormReply, OptionValue } from '../../../src/core/replies.ts';
import { FeedError, parseFeed } from '../../../src/ingest/feed.ts';
import { ingestFeed } from '../../../src/ingest/feed-queue.ts';
import { FetchError } from '../../../src/ingest/fetch.ts';
import { countReviewItems } from '../../../src/store/review-queue.ts';
import { OPERATOR, STRANGER, testApp } from '../../helpers/app.ts';
import { rss } from '../../helpers/stories.ts';

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Chip deals</title><id>urn:chips</id><updated>2024-01-16T00:00:00Z</updated>
<entry><title>Synopsys agrees to buy Ansys</title><id>urn:chips:1</id><link rel="alternate" href="https://chips.example/1"/><published>2024-01-16T10:00:00Z</published>
<summary>Synopsys said on January 16, 2024 it had agreed to acquire Ansys, the simulation software maker, for about $35 billion in cash and stock.</summary></entry>
<entry><title>AMD to buy ZT Systems</title><id>urn:chips:2</id><link href="https://chips.example/2"/><updated>2024-08-19T10:00:00Z</updated>
<content type="html">&lt;p&gt;AMD announced on August 19, 2024 that it will acquire ZT Systems, a maker of AI servers for data centers, for $4.9 billion.&lt;/p&gt;</content></entry>
</feed>`;

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title><guid>x</guid><description>&lol3;</description></item></channel></rss>`;

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (type: string, body: string) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/feed.xml') send('application/rss+xml; charset=utf-8', rss(20));
    else if (req.url === '/atom.xml') send('application/atom+xml', ATOM);
    else if (req.url === '/big.xml') send('application/rss+xml', rss(20) + `<!-- ${'x'.repeat(200_000)} -->`);
    else if (req.url === '/page.html') send('text/html', '<html><body><p>Not a feed</p></body></html>');
    else if (req.url === '/malformed.xml') send('application/xml', '<rss version="2.0"><channel><title>Broken</title><item><title>Half an item</channel>');
    else if (req.url === '/bomb.xml') send('text/xml', BOMB);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const LOOPBACK = { allowPrivate: true, timeoutMs: 10_000, maxBytes: 2_000_000 };

describe('dealbot ingest --feed: the review queue', () => {
  const app = testApp();
  afterAll(() => app.close());
  const orgs = app.store.listOrganisations().map((o) => ({ name: o.name, aliases: o.aliases }));

  it('20 items -> 20 drafts; the same feed again -> 0 new drafts', async () => {
    const first = await ingestFeed(`${base}/feed.xml`, app.deals, orgs, LOOPBACK);
    expect(first).toMatchObject({ items: 20, drafted: 20, noDeal: 0, alreadySeen: 0 });
    expect(countReviewItems(app.store).pending).toBe(20);
    const again = await ingestFeed(`${base}/feed.xml`, app.deals, orgs, LOOPBACK);
    expect(again).toMatchObject({ items: 20, drafted: 0, alreadySeen: 20 });
    expect(countReviewItems(app.store).pending).toBe(20);
  });

  it('reads Atom entries (summary or HTML content) with their links and dates', async () => {
    const feed = parseFeed(ATOM, 'https://chips.example/atom');
    expect(feed.items.map((i) => [i.key, i.link, i.published])).toEqual([
      ['id:urn:chips:1', 'https://chips.example/1', '2024-01-16'],
      ['id:urn:chips:2', 'https://chips.example/2', '2024-08-19'],
    ]);
    const run = await ingestFeed(`${base}/atom.xml`, app.deals, orgs, LOOPBACK);
    expect(run).toMatchObject({ items: 2, drafted: 2 });
  });

  it.each([
    ['an oversized feed', '/big.xml', { ...LOOPBACK, maxBytes: 50_000 }, FetchError, /too large/],
    ['a private address when private addresses are not allowed', '/feed.xml', { ...LOOPBACK, allowPrivate: false }, FetchError, /private or local address/],
    ['the wrong content type', '/page.html', LOOPBACK, FetchError, /not a feed: the page is text\/html/],
    ['malformed XML', '/malformed.xml', LOOPBACK, FeedError, /not well-formed XML/],
    ['an entity bomb', '/bomb.xml', LOOPBACK, FeedError, /declares XML entities/],
  ] as const)('%s -> a clear error and nothing queued', async (_what, path, opts, kind, message) => {
    const before = countReviewItems(app.store);
    const err = await ingestFeed(`${base}${path}`, app.deals, orgs, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(kind);
    expect((err as Error).message).toMatch(message);
    expect(countReviewItems(app.store)).toEqual(before);
  });
});

describe('/deal-admin review: one draft at a time with Save, Edit, Skip', () => {
  // Each test opens its own app and queue, so none depends on what another left behind (they pass in any order).
  const apps: ReturnType<typeof testApp>[] = [];
  afterEach(() => {
    for (const a of apps.splice(0)) a.close();
  });
  const fresh = () => {
    const app = testApp({ settings: { ingestAllowPrivateUrls: true } });
    apps.push(app);
    const orgs = app.store.listOrganisations().map((o) => ({ name: o.name, aliases: o.aliases }));
    const review = (subcommand: string, options: Record<string, OptionValue> = {}, user = OPERATOR) =>
      app.core.handle({ command: 'deal-admin', subcommand, options, user });
    return { app, orgs, review };
  };

  it('shows the first draft with Save/Edit/Skip; Skip shows the next; Save updates the stored deal, never a second one', async () => {
    const { app, orgs, review } = fresh();
    await ingestFeed(`${base}/feed.xml`, app.deals, orgs, LOOPBACK);
    const deals = app.store.countDeals();
    const card = (await review('review')) as DoneReply;
    expect(card.kind).toBe('done');
    expect(card.message).toMatch(/^Review 1 of 20 — from 127\.0\.0\.1/);
    const labels = card.actions.map((a) => a.label);
    expect(labels).toEqual(expect.arrayContaining(['Edit', 'Skip']));
    const skip = card.actions.find((a) => a.label === 'Skip') as unknown as { target: { subcommand: string; options: { id: number } } };
    expect(skip.target).toMatchObject({ subcommand: 'review-skip' });
    const afterSkip = (await review('review-skip', skip.target.options)) as DoneReply;
    expect(afterSkip.message).toMatch(/^Skipped ".+"\.\n\nReview 1 of 19/);
    // The same Skip button again: already decided, nothing changes.
    expect(await review('review-skip', skip.target.options)).toMatchObject({ kind: 'error', code: 'conflict' });

    // These items are about deals in the shipped corpus: Save applies the item's changes to that deal (its link as a source).
    const save = afterSkip.actions.find((a) => a.label === 'Save changes') as unknown as { target: { options: { id: number } } } | undefined;
    expect(save).toBeDefined();
    expect(afterSkip.message).toMatch(/Already stored as [a-z0-9-]+: Save applies .*sources/);
    const slug = /Already stored as ([a-z0-9-]+)/.exec(afterSkip.message)![1]!;
    const version = app.store.getDeal(slug)!.version;
    const saved = (await review('review-save', save!.target.options)) as DoneReply;
    expect(saved.message).toMatch(new RegExp(`^Updated ${slug} \\(version ${version + 1}\\)`));
    expect(app.store.countDeals()).toBe(deals);
    expect(app.store.history({ subject: slug, limit: 1 })[0]).toMatchObject({ action: 'deal.edit' });
    expect(countReviewItems(app.store)).toMatchObject({ pending: 18, saved: 1, skipped: 1 });
  });

  it('Edit opens the form; saving it marks the draft done', async () => {
    const { app, orgs, review } = fresh();
    await ingestFeed(`${base}/feed.xml`, app.deals, orgs, LOOPBACK);
    const card = (await review('review')) as DoneReply;
    const edit = card.actions.find((a) => a.label === 'Edit') as unknown as { target: { options: { id: number } } };
    const form = (await review('review-edit', edit.target.options)) as FormReply;
    expect(form.kind).toBe('form');
    expect(form.submit.options.review).toBe(edit.target.options.id);
    const options: Record<string, OptionValue> = { ...form.submit.options };
    for (const f of form.fields) options[f.id] = f.value ?? '';
    const done = await review('save', options);
    expect(done.kind).toBe('done');
    expect(countReviewItems(app.store)).toMatchObject({ pending: 19, saved: 1 });
  });

  it('is for admins only', async () => {
    const { review } = fresh();
    expect(await review('review', {}, STRANGER)).toMatchObject({ kind: 'error', code: 'forbidden' });
  });
});
