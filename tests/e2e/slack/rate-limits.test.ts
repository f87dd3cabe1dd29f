// With the production rate limits (the harness runs with DEFAULT_SETTINGS), a person using Slack at a person's pace is
// never refused: a button on the answer just received, a second command right after the first, App Home's own calls.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/core/context.ts';
import { allText, buttonLabelled, buttonPress } from '../../fakes/slack.ts';
import { capturedLogger } from '../discord/helpers.ts';
import { ADMIN, JOINED, MEMBER, startHarness, type Harness } from './harness.ts';

let h: Harness;
const { log, lines } = capturedLogger();

beforeAll(async () => {
  h = await startHarness({ log });
});
afterAll(async () => {
  await h?.close();
});

describe('Slack at a person’s pace, with the production rate limits', () => {
  it('runs with the production settings', () => {
    expect(h.app.core.context.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('shares the card when Share to channel is clicked 100 ms after /deal', async () => {
    const user = 'USHARE1';
    const r = await h.slash('/deal', 'xiaomi microsoft', user, JOINED);
    const share = buttonLabelled(r.responses()[0]!.blocks, 'Share to channel');
    await sleep(100);
    const before = h.fake.callsTo('chat.postMessage').length;
    await h.driver.interaction(buttonPress(share, { user, channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    const posts = h.fake.callsTo('chat.postMessage').slice(before);
    expect(posts).toHaveLength(1);
    expect(allText(posts[0]!.args.blocks).join(' ')).toMatch(/Xiaomi and Microsoft/);
    expect(r.responses().map((m) => JSON.stringify(m)).join('\n')).not.toMatch(/One moment/);
    expect(h.fake.violations).toEqual([]);
  });

  it('answers two /deal commands sent 200 ms apart', async () => {
    const user = 'UTWICE1';
    const first = await h.slash('/deal', 'xiaomi microsoft', user);
    await sleep(200);
    const second = await h.slash('/deal', 'msft github', user);
    expect(allText(first.responses()[0]!.blocks).join(' ')).toMatch(/Xiaomi/);
    expect(allText(second.responses()[0]!.blocks).join(' ')).toMatch(/GitHub/);
  });

  it('shows App Home’s admin section to an admin, right after the admin asked something', async () => {
    await h.slash('/deal', 'xiaomi microsoft', ADMIN);
    await h.driver.event({ type: 'app_home_opened', user: ADMIN, channel: 'D1', tab: 'home' });
    const text = allText(h.fake.published.get(ADMIN)!.blocks).join(' ');
    expect(text).toContain('Latest deals');
    expect(text).toContain('Questions that found nothing');
    expect(buttonLabelled(h.fake.published.get(ADMIN)!.blocks, 'Add deal')).toBeTruthy();
  });

  it('opens App Home for a member without running (or logging) a refused admin command', async () => {
    lines.splice(0);
    await h.driver.event({ type: 'app_home_opened', user: MEMBER, channel: 'D2', tab: 'home' });
    const text = allText(h.fake.published.get(MEMBER)!.blocks).join(' ');
    expect(text).toContain('Latest deals');
    expect(text).not.toContain('Questions that found nothing');
    expect(lines.join('\n')).not.toMatch(/admin command refused/);
    expect(lines.join('\n')).not.toMatch(/deal-admin/); // not even asked: core.isAdmin answers that
    expect(lines.some((l) => /"command":"deals"/.test(l))).toBe(true); // the log was captured at all
  });
});
