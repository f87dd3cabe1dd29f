// End to end: signed requests into the real Bolt app (HTTP mode, 127.0.0.1), answers checked at the fake Slack,
// which refuses (and records) anything breaking Slack's limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText, buttonLabelled, buttonPress, buttonsIn, mrkdwnTexts, viewSubmission } from '../../fakes/slack.ts';
import { admin, JOINED, member, NOT_JOINED, startHarness, type Harness } from './harness.ts';

type Json = Record<string, unknown>;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function header(blocks: unknown): string {
  const b = (blocks as Json[]).find((x) => x.type === 'header');
  return ((b?.text as Json | undefined)?.text as string | undefined) ?? '';
}

describe('/deal', () => {
  it('answers xiaomi microsoft privately with the MoU card and a Share button', async () => {
    const r = await h.slash('/deal', 'xiaomi microsoft', member());
    expect(r.res.status).toBe(200);
    expect(r.res.body).toBe(''); // a plain ack: the answer goes to the response_url
    const [msg] = r.responses();
    expect(msg).toBeDefined();
    expect(msg!.response_type).toBe('ephemeral');
    expect(header(msg!.blocks)).toMatch(/Xiaomi and Microsoft/);
    const text = allText(msg!.blocks).join('\n');
    expect(text).toContain('MoU');
    expect(text).toContain('xiaomi-microsoft-mou-2018');
    expect(text).toMatch(/\*Sources\*/);
    expect(typeof msg!.text).toBe('string');
    expect(buttonLabelled(msg!.blocks, 'Share to channel')).toBeTruthy();
    expect(h.fake.violations).toEqual([]);
  });

  it('shares the card publicly with chat.postMessage where the bot is a member, and removes the private one', async () => {
    const r = await h.slash('/deal', 'xiaomi microsoft', member(), JOINED);
    const share = buttonLabelled(r.responses()[0]!.blocks, 'Share to channel');
    const before = h.fake.callsTo('chat.postMessage').length;
    const res = await h.driver.interaction(buttonPress(share, { user: member(), channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    expect(res.status).toBe(200);
    const posts = h.fake.callsTo('chat.postMessage').slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe(JOINED);
    expect(header(posts[0]!.args.blocks)).toMatch(/Xiaomi and Microsoft/);
    expect(buttonsIn(posts[0]!.args.blocks).some((b) => (b.text as Json).text === 'Share to channel')).toBe(false);
    expect(allText(posts[0]!.args.blocks).join(' ')).toContain(`<@${member()}>`);
    expect(r.responses().at(-1)).toEqual({ delete_original: true });
    expect(h.fake.violations).toEqual([]);
  });

  it('shares through the response_url (in_channel) where the bot is not a member', async () => {
    const r = await h.slash('/deal', 'xiaomi microsoft', member(), NOT_JOINED);
    const share = buttonLabelled(r.responses()[0]!.blocks, 'Share to channel');
    await h.driver.interaction(buttonPress(share, { user: member(), channel: NOT_JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    const all = r.responses();
    const publicCard = all.find((m) => m.response_type === 'in_channel');
    expect(publicCard).toBeDefined();
    expect(header(publicCard!.blocks)).toMatch(/Xiaomi and Microsoft/);
    expect(all.at(-1)).toEqual({ delete_original: true });
    expect(h.fake.violations).toEqual([]);
  });

  it('answers an unknown pair with did-you-mean buttons that replace the answer with the card', async () => {
    const r = await h.slash('/deal', 'xiaomi tesla', member());
    const [msg] = r.responses();
    expect(allText(msg!.blocks).join(' ')).toContain('No deal found');
    const suggestion = buttonLabelled(msg!.blocks, /Xiaomi and Microsoft/);
    await h.driver.interaction(buttonPress(suggestion, { user: member(), channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    const replaced = r.responses().at(-1)!;
    expect(replaced.replace_original).toBe(true);
    expect(header(replaced.blocks)).toMatch(/Xiaomi and Microsoft/);
    expect(h.fake.violations).toEqual([]);
  });

  it('answers /deal with no text with help', async () => {
    const r = await h.slash('/deal', '', member());
    expect(header(r.responses()[0]!.blocks)).toMatch(/dealbot/);
    expect(allText(r.responses()[0]!.blocks).join(' ')).toContain('/deals');
  });
});

describe('/deals', () => {
  it('pages with Next and Prev buttons that replace the list', async () => {
    const r = await h.slash('/deals', '', member());
    const first = r.responses()[0]!;
    expect(allText(first.blocks).join(' ')).toMatch(/page 1 of \d+/i);
    const next = buttonLabelled(first.blocks, /Next/);
    await h.driver.interaction(buttonPress(next, { user: member(), channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    const second = r.responses().at(-1)!;
    expect(second.replace_original).toBe(true);
    expect(allText(second.blocks).join(' ')).toMatch(/page 2 of \d+/i);
    const prev = buttonLabelled(second.blocks, /Prev/);
    await h.driver.interaction(buttonPress(prev, { user: member(), channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    expect(allText(r.responses().at(-1)!.blocks).join(' ')).toMatch(/page 1 of \d+/i);
    expect(h.fake.violations).toEqual([]);
  });
});

const submission = viewSubmission;

const NEW_DEAL = {
  title: 'Quillbyte acquires Marrowlake analytics unit',
  parties: 'Quillbyte (acquirer); Marrowlake (seller)',
  details: 'Type: acquisition\nStatus: announced\nAnnounced: 2024-05-02\nValue: 120 million USD',
  summary: 'A made-up deal for the Slack tests: Quillbyte buys the analytics unit of Marrowlake.',
  sources: 'https://example.com/quillbyte-marrowlake | Example News',
  areas: 'analytics',
};

describe('admin through modals', () => {
  let formView: Json;
  let formViewId: string;

  it('opens the add form as a modal for an admin', async () => {
    const r = await h.slash('/deal-admin', 'add', admin());
    expect(r.res.status).toBe(200);
    const opens = h.fake.callsTo('views.open');
    const last = opens.at(-1)!;
    expect(last.args.trigger_id).toBe(r.triggerId);
    formView = last.args.view as Json;
    expect(formView.callback_id).toBe('dealbot_form');
    expect((formView.blocks as Json[]).map((b) => b.block_id)).toEqual(expect.arrayContaining(['title', 'parties', 'details', 'summary', 'sources']));
    formViewId = [...h.fake.views.keys()].at(-1)!;
    expect(h.fake.violations).toEqual([]);
  });

  it('shows a validation error on the right field and saves nothing', async () => {
    const before = h.app.store.countDeals();
    const res = await h.driver.interaction(submission(formViewId, formView, admin(), { ...NEW_DEAL, details: 'Type: acquisition\nStatus: announced\nAnnounced: 2024-13-45' }));
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors as Json)).toContain('details');
    expect(h.app.store.countDeals()).toBe(before);
  });

  it("refuses a non-admin's submission of the same form and changes nothing", async () => {
    const before = h.app.store.countDeals();
    const res = await h.driver.interaction(submission('VFORGED', formView, member(), NEW_DEAL));
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.response_action).toBe('update');
    expect(allText((body.view as Json).blocks).join(' ')).toMatch(/Only dealbot admins/);
    expect(h.app.store.countDeals()).toBe(before);
  });

  it('saves the corrected form once, even when the submission is repeated, and the deal is then found', async () => {
    const before = h.app.store.countDeals();
    const payload = submission(formViewId, formView, admin(), NEW_DEAL);
    const res = await h.driver.interaction(payload);
    const body = res.json();
    expect(body.response_action).toBe('update');
    expect(h.app.store.countDeals()).toBe(before + 1);
    const again = await h.driver.interaction(payload);
    expect(again.json()).toEqual(body);
    expect(h.app.store.countDeals()).toBe(before + 1);
    const r = await h.slash('/deal', 'quillbyte marrowlake', member());
    expect(header(r.responses()[0]!.blocks)).toBe(NEW_DEAL.title);
    expect(h.fake.violations).toEqual([]);
  });

  it("answers a non-admin's /deal-admin with a private refusal and opens no form", async () => {
    const opens = h.fake.callsTo('views.open').length;
    const r = await h.slash('/deal-admin', 'add', member());
    expect(allText(r.responses()[0]!.blocks).join(' ')).toMatch(/Only dealbot admins/);
    expect(h.fake.callsTo('views.open').length).toBe(opens);
  });

  it('removes with a confirmation and undoes the removal', async () => {
    const r = await h.slash('/deal-admin', 'remove quillbyte-acquires-marrowlake-analytics-unit-2024', admin());
    const confirm = r.responses()[0]!;
    const danger = buttonsIn(confirm.blocks).find((b) => b.style === 'danger');
    expect(danger).toBeDefined();
    await h.driver.interaction(buttonPress(danger!, { user: admin(), channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    expect(h.app.store.getDeal('quillbyte-acquires-marrowlake-analytics-unit-2024')).toBeUndefined();
    const done = r.responses().at(-1)!;
    const undo = buttonLabelled(done.blocks, /Undo|Restore/i);
    await h.driver.interaction(buttonPress(undo, { user: admin(), channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    expect(h.app.store.getDeal('quillbyte-acquires-marrowlake-analytics-unit-2024')).toBeDefined();
    expect(h.fake.violations).toEqual([]);
  });

  it('opens the add form from the global shortcut', async () => {
    const trigger = h.fake.trigger();
    const res = await h.driver.interaction({
      type: 'shortcut',
      callback_id: 'add_deal',
      trigger_id: trigger,
      user: { id: admin(), username: 'admin', team_id: 'T1' },
      team: { id: 'T1', domain: 'test' },
      token: 'legacy',
      action_ts: '1.1',
    });
    expect(res.status).toBe(200);
    const last = h.fake.callsTo('views.open').at(-1)!;
    expect(last.args.trigger_id).toBe(trigger);
    expect((last.args.view as Json).callback_id).toBe('dealbot_form');
  });
});

describe('escaping stored text', () => {
  it('shows <!channel>, user mentions and fake links as text, never as markup', async () => {
    h.app.store.createDeal(
      {
        slug: 'zorblat-pingtest-2023',
        title: 'Zorblat <!channel> partners with Pingtest',
        type: 'partnership',
        status: 'signed',
        announced: '2023-01-05',
        parties: [
          { name: 'Zorblat <@U12345>', role: 'partner' },
          { name: 'Pingtest', role: 'partner' },
        ],
        areas: ['<!here>'],
        summary: 'Hello <!channel> and <!everyone>; see <https://evil.example|the official site> & more.',
        sources: [{ url: 'https://example.com/zorblat', publisher: 'News <!channel>' }],
      },
      { id: 'test', platform: 'test' },
    );
    const r = await h.slash('/deal', 'zorblat-pingtest-2023', member());
    const msg = r.responses()[0]!;
    // mrkdwn (parsed by Slack, including the fallback text) must carry the markup escaped...
    const joined = mrkdwnTexts(msg.blocks).join('\n') + '\n' + String(msg.text);
    expect(joined).not.toMatch(/<!channel>|<!everyone>|<!here>|<@U12345>|<https:\/\/evil/);
    expect(joined).toContain('&lt;!channel&gt;');
    expect(joined).toContain('&lt;@U12345&gt;');
    expect(joined).toContain('&amp; more');
    // ...the only real link is the source URL...
    expect(joined.match(/<http/g)).toHaveLength(1);
    // ...and plain_text (the header), which Slack never parses, shows the title exactly as stored.
    expect(header(msg.blocks)).toBe('Zorblat <!channel> partners with Pingtest');
    // Shared publicly, the card stays inert too.
    const share = buttonLabelled(msg.blocks, 'Share to channel');
    const before = h.fake.callsTo('chat.postMessage').length;
    await h.driver.interaction(buttonPress(share, { user: member(), channel: JOINED, responseUrl: r.responseUrl, triggerId: h.fake.trigger() }));
    const posted = h.fake.callsTo('chat.postMessage').slice(before)[0]!.args;
    const publicText = mrkdwnTexts(posted.blocks).join('\n') + String(posted.text);
    expect(publicText).not.toMatch(/<!channel>|<!everyone>|<!here>|<@U12345>/);
    expect(h.fake.violations).toEqual([]);
  });
});

describe('App Home', () => {
  it('publishes the home tab with the latest deals, and for an admin the Add button and misses', async () => {
    await h.driver.event({ type: 'app_home_opened', user: admin(), channel: 'D1', tab: 'home' });
    const home = h.fake.published.get(admin())!;
    expect(home).toBeDefined();
    const text = allText(home.blocks).join(' ');
    expect(text).toContain('Latest deals');
    expect(text).toContain('Questions that found nothing');
    expect(text).toContain('xiaomi tesla'); // asked above, found nothing
    expect(buttonLabelled(home.blocks, 'Add deal')).toBeTruthy();

    await h.driver.event({ type: 'app_home_opened', user: member(), channel: 'D2', tab: 'home' });
    const memberHome = h.fake.published.get(member())!;
    expect(allText(memberHome.blocks).join(' ')).toContain('Latest deals');
    expect(allText(memberHome.blocks).join(' ')).not.toContain('Questions that found nothing');
    expect(buttonsIn(memberHome.blocks).some((b) => (b.text as Json).text === 'Add deal')).toBe(false);
    expect(h.fake.violations).toEqual([]);
  });

  it('ignores a retried event delivery whose first delivery was handled', async () => {
    const event = { type: 'app_home_opened', user: 'URETRY', channel: 'D3', tab: 'home' };
    const before = h.fake.callsTo('views.publish').length;
    expect((await h.driver.event(event, { eventId: 'Ev0HOMEONCE' })).status).toBe(200);
    const res = await h.driver.event(event, { eventId: 'Ev0HOMEONCE', retryNum: 1 });
    expect(res.status).toBe(200);
    expect(h.fake.callsTo('views.publish').length).toBe(before + 1);
  });

  it('handles a retry whose first delivery never reached the bot, once', async () => {
    const event = { type: 'app_home_opened', user: 'URETRY2', channel: 'D4', tab: 'home' };
    const before = h.fake.callsTo('views.publish').length;
    await h.driver.event(event, { eventId: 'Ev0FIRSTLOST', retryNum: 1 });
    await h.driver.event(event, { eventId: 'Ev0FIRSTLOST', retryNum: 2 });
    expect(h.fake.callsTo('views.publish').length).toBe(before + 1);
  });
});

describe('request verification', () => {
  it('rejects a wrongly signed request and changes nothing', async () => {
    const before = { calls: h.fake.calls.length, responded: h.fake.responded.length, deals: h.app.store.countDeals() };
    const res = await h.driver.slash(
      { command: '/deal', text: 'xiaomi microsoft', user_id: member(), channel_id: JOINED, response_url: h.fake.responseUrl(), trigger_id: h.fake.trigger() },
      { secret: 'not-the-secret' },
    );
    expect(res.status).toBe(401);
    expect({ calls: h.fake.calls.length, responded: h.fake.responded.length, deals: h.app.store.countDeals() }).toEqual(before);
  });

  it('rejects a stale request (older than 5 minutes)', async () => {
    const before = h.fake.responded.length;
    const res = await h.driver.slash(
      { command: '/deal', text: 'xiaomi microsoft', user_id: member(), channel_id: JOINED, response_url: h.fake.responseUrl(), trigger_id: h.fake.trigger() },
      { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 },
    );
    expect(res.status).toBe(401);
    expect(h.fake.responded.length).toBe(before);
  });

  it('serves /healthz', async () => {
    const res = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, mode: 'http' });
  });
});

describe('drafting from a message and the other admin commands', () => {
  it('"Save as deal" opens a modal at once and fills it with the prefilled add form', async () => {
    const trigger = h.fake.trigger();
    const opensBefore = h.fake.callsTo('views.open').length;
    const res = await h.driver.interaction({
      type: 'message_action',
      callback_id: 'save_as_deal',
      trigger_id: trigger,
      user: { id: admin(), username: 'admin', name: 'admin', team_id: 'T1' },
      team: { id: 'T1', domain: 'test' },
      channel: { id: JOINED, name: 'general' },
      message: { type: 'message', user: 'U0AUTHOR', ts: '1700000000.000100', text: '<!channel> Microsoft agreed to buy Activision Blizzard &amp; its studios for $68.7 billion in January 2022.' },
      response_url: h.fake.responseUrl(),
      token: 'legacy',
      action_ts: '1.2',
      message_ts: '1700000000.000100',
    });
    expect(res.status).toBe(200);
    const opened = h.fake.callsTo('views.open').slice(opensBefore);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.args.trigger_id).toBe(trigger);
    const update = h.fake.callsTo('views.update').at(-1)!;
    const view = update.args.view as Json;
    expect(view.callback_id).toBe('dealbot_form');
    const title = (view.blocks as Json[]).find((b) => b.block_id === 'title')!;
    expect(String((title.element as Json).initial_value ?? '')).toMatch(/Microsoft|Activision/);
    expect(h.fake.violations).toEqual([]);
  });

  it('/deal-admin ingest <text> also opens the prefilled form', async () => {
    const r = await h.slash('/deal-admin', 'ingest Microsoft agreed to buy Activision Blizzard for $68.7 billion in January 2022.', admin());
    expect(h.fake.callsTo('views.open').at(-1)!.args.trigger_id).toBe(r.triggerId);
    expect((h.fake.callsTo('views.update').at(-1)!.args.view as Json).callback_id).toBe('dealbot_form');
    expect(h.fake.violations).toEqual([]);
  });

  it('answers alias-add, history and stats privately', async () => {
    const alias = await h.slash('/deal-admin', 'alias-add Xiaomi Mi Corp', admin());
    expect(alias.responses()[0]!.response_type).toBe('ephemeral');
    expect(allText(alias.responses()[0]!.blocks).join(' ')).toContain('Mi Corp');
    const history = await h.slash('/deal-admin', 'history', admin());
    expect(allText(history.responses()[0]!.blocks).join(' ')).toMatch(/alias/);
    const stats = await h.slash('/deal-admin', 'stats', admin());
    expect(allText(stats.responses()[0]!.blocks).join(' ')).toContain('Questions that found nothing');
    expect(h.fake.violations).toEqual([]);
  });

  it("App Home buttons open their answer in a modal (there is no message to replace)", async () => {
    await h.driver.event({ type: 'app_home_opened', user: member(), channel: 'D2', tab: 'home' });
    const home = h.fake.published.get(member())!;
    const open = buttonLabelled(home.blocks, 'Open');
    const trigger = h.fake.trigger();
    await h.driver.interaction(buttonPress(open, { user: member(), triggerId: trigger, view: { id: 'VHOME', type: 'home', callback_id: '', blocks: [] } }));
    const modal = h.fake.callsTo('views.open').at(-1)!;
    expect(modal.args.trigger_id).toBe(trigger);
    expect(((modal.args.view as Json).blocks as Json[]).some((b) => b.type === 'header')).toBe(true);
    expect(h.fake.violations).toEqual([]);
  });
});
