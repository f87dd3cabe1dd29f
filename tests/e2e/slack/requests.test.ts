// Issue 12, items 7 and 1 on Slack: requests dated in the future are refused (Bolt refuses only old ones); a cached
// form acknowledgement is never handed to a different user who sends the same view id; and "Save as deal" on a
// message of deeply nested HTML answers "too complex to read" while the bot keeps answering.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allText, viewSubmission } from '../../fakes/slack.ts';
import { ADMIN, JOINED, MEMBER, startHarness, type Harness } from './harness.ts';

type Json = Record<string, unknown>;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixtures: true });
});
afterAll(async () => h?.close());
afterEach(() => expect(h.fake.violations).toEqual([]));

function slashBody(text: string, user: string): string {
  return new URLSearchParams({
    command: '/deal', text, team_id: 'T1', team_domain: 'test', user_id: user, user_name: user.toLowerCase(), api_app_id: 'A1',
    channel_id: JOINED, channel_name: 'general', response_url: h.fake.responseUrl(), trigger_id: h.fake.trigger(),
  }).toString();
}

describe('request timestamps', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a correctly signed request dated an hour in the future, and one dated six minutes ahead', async () => {
    for (const ahead of [3600, 360]) {
      const res = await h.driver.post(slashBody('microsoft', MEMBER), 'application/x-www-form-urlencoded', { timestamp: now() + ahead });
      expect(res.status, `${ahead} s ahead`).toBe(401);
    }
  });

  it('still accepts a request a little ahead of this clock, and still refuses old ones', async () => {
    expect((await h.driver.post(slashBody('microsoft', MEMBER), 'application/x-www-form-urlencoded', { timestamp: now() + 60 })).status).toBe(200);
    expect((await h.driver.post(slashBody('microsoft', MEMBER), 'application/x-www-form-urlencoded', { timestamp: now() - 3600 })).status).toBe(401);
  });
});

describe('form acknowledgements', () => {
  it('another user sending the same view id and values gets their own answer, not the admin’s', async () => {
    const r = await h.slash('/deal-admin', 'add', ADMIN);
    expect(r.res.status).toBe(200);
    const view = h.fake.callsTo('views.open').at(-1)!.args.view as Json;
    const viewId = [...h.fake.views.keys()].at(-1)!;
    const values: Record<string, string> = {
      title: 'Brindlewick acquires Tansyforge',
      parties: 'Brindlewick (acquirer); Tansyforge (target)',
      details: 'Type: acquisition\nStatus: announced\nAnnounced: 2024-06-01\nValue: not disclosed',
      summary: 'An invented deal for the acknowledgement test.',
      sources: 'https://example.com/brindlewick',
    };
    const submit = (user: string) => h.driver.interaction(viewSubmission(viewId, view, user, values));
    const saved = (await submit(ADMIN)).json();
    expect(allText((saved.view as Json).blocks).join(' ')).toMatch(/Added/);
    const other = (await submit(MEMBER)).json();
    expect(allText((other.view as Json).blocks).join(' ')).toMatch(/Only dealbot admins/);
    expect(allText((other.view as Json).blocks).join(' ')).not.toMatch(/Added/);
  });
});

describe('Save as deal on a message of nested HTML', () => {
  it('answers "too complex to read" in the modal, and /deal is answered meanwhile', async () => {
    const nested = '&lt;div&gt;'.repeat(1000) + 'Acme agreed to buy Globex for 120 million dollars, the companies said on Tuesday.';
    const trigger = h.fake.trigger();
    const shortcut = h.driver.interaction({
      type: 'message_action',
      callback_id: 'save_as_deal',
      trigger_id: trigger,
      user: { id: ADMIN, username: 'admin', name: 'admin', team_id: 'T1' },
      team: { id: 'T1', domain: 'test' },
      channel: { id: JOINED, name: 'general' },
      message: { type: 'message', user: 'U0AUTHOR', ts: '1700000000.000200', text: nested },
      response_url: h.fake.responseUrl(),
      token: 'legacy',
      action_ts: '1.3',
      message_ts: '1700000000.000200',
    });
    const asked = h.slash('/deal', 'microsoft', MEMBER);
    const [res, deal] = await Promise.all([shortcut, asked]);
    expect(res.status).toBe(200);
    expect(deal.responses()).toHaveLength(1);
    const update = h.fake.callsTo('views.update').at(-1)!;
    expect(allText((update.args.view as Json).blocks).join(' ')).toMatch(/too complex to read \(elements nested more than 200 deep\)/);
  });
});
