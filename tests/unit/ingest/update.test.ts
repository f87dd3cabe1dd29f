// Update, don't duplicate: a termination story (our own words) about a deal in the shipped corpus proposes the
// update to that deal — status, closing date, the article as a source — as its edit form, and saving it writes an
// edit with an audit entry and no new deal. A story that tells no deal says so. (`dealbot ingest FILE --json/--save` on
// a stored deal: tests/e2e/cli/ingest.test.ts.)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormReply, OptionValue } from '../../../src/core/replies.ts';
import { OPERATOR, testApp } from '../../helpers/app.ts';
import { TERMINATION } from '../../helpers/stories.ts';

const COMPLETION = `AMD completes its purchase of Xilinx

SANTA CLARA, Calif., February 14, 2022 — AMD said on Monday that it had completed its acquisition of Xilinx, the maker of programmable chips, after the last regulator approved it. AMD first announced the all-stock deal in October 2020.`;

const NON_DEAL = `Apple shows a new iPhone

CUPERTINO, Calif., September 12, 2023 — Apple on Tuesday introduced new iPhones with a faster chip and a USB-C port, priced from $799.

Apple said the phones go on sale next week.`;

let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.url === '/nondeal' ? NON_DEAL : req.url === '/amd-xilinx-done' ? COMPLETION : TERMINATION);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/adobe-figma-ends`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('ingest proposes the update to a stored deal (core, every platform)', () => {
  const app = testApp({ settings: { ingestAllowPrivateUrls: true } });
  afterAll(() => app.close());

  it('a termination story opens the stored deal edit form with status, closed and source changed; saving edits it, audited', async () => {
    // The shipped deal as it stood before it ended: pending, no closing date.
    const before = app.store.getDeal('adobe-figma-2022')!;
    const reset = { ...before.deal, status: 'pending' as const };
    delete reset.closed;
    app.store.updateDeal('adobe-figma-2022', reset, before.version, { id: 'test', platform: 'test' });
    const stored = app.store.getDeal('adobe-figma-2022')!;
    const count = app.store.countDeals();

    const r = await app.core.handle({ command: 'deal-admin', subcommand: 'ingest', options: { source: url }, user: OPERATOR });
    expect(r.kind).toBe('form');
    const form = r as FormReply;
    expect(form.match).toEqual({ slug: 'adobe-figma-2022' });
    expect(form.submit).toEqual({ command: 'deal-admin', subcommand: 'save', options: { mode: 'edit', slug: 'adobe-figma-2022', version: stored.version } });
    const fields = Object.fromEntries((form.changes ?? []).map((c) => [c.field, c]));
    expect(fields.status).toEqual({ field: 'status', before: 'pending', after: 'terminated' });
    expect(fields.closed?.after).toMatch(/18 Dec(?:ember)? 2023/);
    expect(fields.sources?.after).toBe(`+ ${url}`);
    expect(form.notice).toMatch(/already has: .*adobe-figma-2022/);
    expect(form.fields.find((f) => f.id === 'details')?.hint).toMatch(/^Changed: status pending → terminated/);
    expect(form.fields.find((f) => f.id === 'details')?.value).toMatch(/Closed: 2023-12-18/);

    // Submit the form as every platform does: each field's value as an option under its id.
    const options: Record<string, OptionValue> = { ...form.submit.options };
    for (const f of form.fields) options[f.id] = f.value ?? '';
    const saved = await app.core.handle({ command: 'deal-admin', subcommand: 'save', options, user: OPERATOR });
    expect(saved).toMatchObject({ kind: 'done', deal: { slug: 'adobe-figma-2022' } });
    const after = app.store.getDeal('adobe-figma-2022')!;
    expect(after.deal).toMatchObject({ status: 'terminated', closed: '2023-12-18', announced: '2022-09-15' });
    expect(after.deal.sources.map((s) => s.url)).toContain(url);
    expect(after.version).toBe(stored.version + 1);
    expect(app.store.countDeals()).toBe(count);
    const audit = app.store.history({ subject: 'adobe-figma-2022', limit: 1 })[0]!;
    expect(audit).toMatchObject({ action: 'deal.edit', subject: 'adobe-figma-2022' });
    expect((audit.after as { closed?: string }).closed).toBe('2023-12-18');
  });

  it('a completion story months after the announcement proposes status completed, the closing date and the source', async () => {
    const before = app.store.getDeal('amd-xilinx-2020')!;
    const reset = { ...before.deal, status: 'pending' as const };
    delete reset.closed;
    app.store.updateDeal('amd-xilinx-2020', reset, before.version, { id: 'test', platform: 'test' });
    const count = app.store.countDeals();
    const done = url.replace(/\/adobe-figma-ends$/, '/amd-xilinx-done');
    const r = await app.core.handle({ command: 'deal-admin', subcommand: 'ingest', options: { source: done }, user: OPERATOR });
    expect(r.kind).toBe('form');
    const form = r as FormReply;
    expect(form.match).toEqual({ slug: 'amd-xilinx-2020' });
    const fields = Object.fromEntries((form.changes ?? []).map((c) => [c.field, c]));
    expect(fields.status).toEqual({ field: 'status', before: 'pending', after: 'completed' });
    expect(fields.closed?.after).toMatch(/14 Feb(?:ruary)? 2022/);
    expect(fields.sources?.after).toBe(`+ ${done}`);
    // The story's own date is the closing date, never a new announcement date.
    expect(fields.announced).toBeUndefined();
    const options: Record<string, OptionValue> = { ...form.submit.options };
    for (const f of form.fields) options[f.id] = f.value ?? '';
    const saved = await app.core.handle({ command: 'deal-admin', subcommand: 'save', options, user: OPERATOR });
    expect(saved).toMatchObject({ kind: 'done', deal: { slug: 'amd-xilinx-2020' } });
    expect(app.store.getDeal('amd-xilinx-2020')!.deal).toMatchObject({ status: 'completed', closed: '2022-02-14', announced: '2020-10-27' });
    expect(app.store.countDeals()).toBe(count);
    expect(app.store.history({ subject: 'amd-xilinx-2020', limit: 1 })[0]).toMatchObject({ action: 'deal.edit' });
  });

  it('a story that tells no deal says it found none and drafts nothing', async () => {
    const r = await app.core.handle({ command: 'deal-admin', subcommand: 'ingest', options: { source: url.replace(/\/[^/]+$/, '/nondeal') }, user: OPERATOR });
    expect(r).toMatchObject({ kind: 'error', code: 'not_found' });
    expect((r as { message: string }).message).toMatch(/^No deal found in that article/);
  });
});
