// Issue 12, item 4: a failed answer delivery lost the answer. A single 500, or a 429 with Retry-After: 1, from Slack's
// response_url was not retried and the user read "something went wrong" instead of the card. Now response_url posts,
// chat.postMessage and Discord's initial responses, follow-ups and edits are retried on 429 (after Retry-After) and
// 5xx, a bounded number of times, and then the person gets a private note instead of silence.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import { UNDELIVERED_TEXT } from '../../../src/adapters/slack/deliver.ts';
import type { App } from '../../../src/app.ts';
import type { Invocation } from '../../../src/core/replies.ts';
import { FakeDiscord } from '../../fakes/discord.ts';
import { allText, buttonLabelled, buttonPress } from '../../fakes/slack.ts';
import { testApp } from '../../helpers/app.ts';
import { ALICE, callback, capturedLogger, embedOf } from '../discord/helpers.ts';
import { JOINED, MEMBER, startHarness, type Harness } from '../slack/harness.ts';

type Json = Record<string, unknown>;
const headerOf = (m: Json) => String((((m.blocks as Json[]) ?? []).find((b) => b.type === 'header')?.text as Json | undefined)?.text ?? '');

describe('Slack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ productionRetries: true });
  });
  afterAll(async () => h?.close());
  afterEach(() => {
    expect(h.fake.violations).toEqual([]);
    h.fake.faults.splice(0);
  });

  it('a response_url that answers 500 once still gets the card', async () => {
    h.fake.faults.push({ target: 'respond', status: 500 });
    const r = await h.slash('/deal', 'microsoft activision', MEMBER);
    expect(h.fake.faulted.at(-1)).toEqual({ target: 'respond', status: 500 });
    expect(r.responses()).toHaveLength(1);
    expect(headerOf(r.responses()[0]!)).toMatch(/Microsoft/);
    expect(JSON.stringify(r.responses())).not.toMatch(/something went wrong/);
  });

  it('a response_url that answers 429 with Retry-After: 1 gets the card after the wait', async () => {
    h.fake.faults.push({ target: 'respond', status: 429, retryAfter: 1 });
    const r = await h.slash('/deal', 'microsoft activision', MEMBER);
    expect(h.fake.faulted.at(-1)).toEqual({ target: 'respond', status: 429 });
    expect(headerOf(r.responses()[0]!)).toMatch(/Microsoft/);
  });

  it('a response_url that keeps failing: a bounded number of tries, then a private note by chat.postEphemeral', async () => {
    const before = h.fake.faulted.length;
    for (let i = 0; i < 10; i++) h.fake.faults.push({ target: 'respond', status: 503 });
    const r = await h.slash('/deal', 'microsoft activision', MEMBER);
    expect(r.responses()).toHaveLength(0);
    expect(h.fake.faulted.length - before).toBe(4);
    const note = h.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(note.args).toMatchObject({ channel: JOINED, user: MEMBER, text: UNDELIVERED_TEXT });
  });

  it('Share to channel: chat.postMessage answering 500, then 429 with Retry-After: 1, still posts the card', async () => {
    const r = await h.slash('/deal', 'microsoft activision', MEMBER);
    const share = buttonLabelled(r.responses()[0]!.blocks, /Share/);
    h.fake.faults.push({ target: 'chat.postMessage', status: 500 }, { target: 'chat.postMessage', status: 429, retryAfter: 1 });
    const posted = h.fake.callsTo('chat.postMessage').length;
    await h.driver.interaction(buttonPress(share, { user: MEMBER, channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    expect(h.fake.faulted.slice(-2).map((f) => f.status)).toEqual([500, 429]);
    const calls = h.fake.callsTo('chat.postMessage').slice(posted);
    expect(calls).toHaveLength(1);
    expect(allText(calls[0]!.args.blocks).join(' ')).toMatch(/Microsoft/);
  });
});

describe('Discord', () => {
  let fake: FakeDiscord;
  let app: App;
  let bot: RunningDiscord;
  const { log } = capturedLogger();
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    app = testApp();
    // Every answer is deferred first (the core answers after 50 ms, the deadline is 10 ms), so the edit of the
    // deferred reply is exercised too.
    const slow = { ...app.core, handle: async (inv: Invocation) => (await new Promise((r) => setTimeout(r, 50)), app.core.handle(inv)) };
    bot = await startDiscord({ app: { core: slow, deals: app.deals }, config: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_ANSWERS: true }, log, deadlineMs: 10 });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    app?.close();
  });
  afterEach(() => {
    expect(fake.violations.splice(0)).toEqual([]);
    fake.faults.splice(0);
  });

  it('an initial response refused with 500 is sent again', async () => {
    fake.faults.push({ target: 'callback', status: 500 });
    const i = fake.command('deal', { query: 'microsoft activision' }, fake.member(ALICE));
    const first = callback(await i.response(0));
    expect(first.type).toBe(5);
    const edit = await i.response(1);
    expect(edit.kind).toBe('edit');
    expect(fake.faulted.at(-1)).toEqual({ target: 'callback', status: 500 });
  });

  it('an edit refused with 500, then with 429 and Retry-After: 1, still delivers the card', async () => {
    fake.faults.push({ target: 'webhook', status: 500 }, { target: 'webhook', status: 429, retryAfter: 1 });
    const i = fake.command('deal', { query: 'microsoft activision' }, fake.member(ALICE));
    const edit = await i.response(1, 15_000);
    expect(edit.kind).toBe('edit');
    if (edit.kind === 'edit') expect(String(embedOf(edit.data).title)).toMatch(/Microsoft/);
    expect(fake.faulted.slice(-2).map((f) => f.status)).toEqual([500, 429]);
  });
});
