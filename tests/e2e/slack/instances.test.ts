// Several dealbot instances serving one Slack app over one SQLite file, each a real Bolt app wired as in production
// (openApp: the store, search and core; the Slack adapter's shared state is the store's `app.deals`). HTTP mode
// behind a load balancer: a retried event, a double click and a form sent twice, landing on different instances, are
// each handled once. Socket Mode: two connections receiving the same envelope answer once. The fakes refuse what
// Slack would (limits, unknown threads, envelopes acknowledged late or never sent).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/start.ts';
import { openApp, type App } from '../../../src/app.ts';
import { NO_ADMINS } from '../../../src/core/admins.ts';
import { createLogger } from '../../../src/log.ts';
import {
  appMention,
  buttonLabelled,
  buttonPress,
  eventsEnvelope,
  FAKE_BOT_USER_ID,
  FakeSlack,
  FakeSocketMode,
  slashEnvelope,
  SlackDriver,
  viewSubmission,
} from '../../fakes/slack.ts';

type Json = Record<string, unknown>;
const SECRET = 'instances-signing-secret';
const JOINED = 'C0JOINED';
const ADMIN = 'UADMININST';
const BOT = `<@${FAKE_BOT_USER_ID}>`;

interface Instance {
  app: App;
  slack: SlackAdapter;
  driver: SlackDriver;
}

let dir: string;
let fake: FakeSlack;

function openInstance(dbPath: string): App {
  return openApp({ dbPath, log: createLogger('silent'), policy: { ...NO_ADMINS, slackUserIds: [ADMIN] } });
}

async function startInstance(app: App, mode: 'http' | 'socket'): Promise<Instance> {
  const slack = createSlackApp({
    core: app.core,
    shared: app.deals,
    log: createLogger('silent'),
    botToken: 'xoxb-test',
    ...(mode === 'http' ? { signingSecret: SECRET, processBeforeResponse: true } : { appToken: 'xapp-1-test' }),
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const { port } = await slack.start();
  return { app, slack, driver: new SlackDriver(`http://127.0.0.1:${port!}`, SECRET) };
}

async function until(check: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dealbot-instances-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTP mode: two instances behind a load balancer, one database file', () => {
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    fake = new FakeSlack({ memberOf: [JOINED] });
    await fake.start();
    const path = join(dir, 'http.db');
    // The first opens (and seeds) the file; the second opens the same file, as a second process would.
    a = await startInstance(openInstance(path), 'http');
    b = await startInstance(openInstance(path), 'http');
  });
  afterAll(async () => {
    for (const i of [a, b]) {
      await i?.slack.stop();
      i?.app.close();
    }
    await fake?.stop();
  });

  it('a retried event that reaches the other instance is answered once', async () => {
    const ts = fake.userMessage(JOINED);
    const event = appMention({ user: 'UINST1', channel: JOINED, ts, text: `${BOT} xiaomi microsoft` });
    const before = fake.posted.length;
    expect((await a.driver.event(event, { eventId: 'Ev0INSTRETRY' })).status).toBe(200);
    expect((await b.driver.event(event, { eventId: 'Ev0INSTRETRY', retryNum: 1 })).status).toBe(200);
    expect((await a.driver.event(event, { eventId: 'Ev0INSTRETRY', retryNum: 2 })).status).toBe(200);
    const posts = fake.posted.slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ method: 'chat.postMessage', channel: JOINED, threadTs: ts });
    expect(fake.violations).toEqual([]);
  });

  it('a retry whose first delivery reached no instance is answered, once', async () => {
    const ts = fake.userMessage(JOINED);
    const event = appMention({ user: 'UINST2', channel: JOINED, ts, text: `${BOT} xiaomi microsoft` });
    const before = fake.posted.length;
    // The first delivery went to an instance that died before reading it; Slack retries on the others.
    await b.driver.event(event, { eventId: 'Ev0INSTLOST', retryNum: 1 });
    await a.driver.event(event, { eventId: 'Ev0INSTLOST', retryNum: 2 });
    expect(fake.posted.slice(before)).toHaveLength(1);
  });

  it('the same event delivered to both instances at once is answered once', async () => {
    const ts = fake.userMessage(JOINED);
    const event = appMention({ user: 'UINST3', channel: JOINED, ts, text: `${BOT} xiaomi microsoft` });
    const before = fake.posted.length;
    await Promise.all([a.driver.event(event, { eventId: 'Ev0INSTBOTH' }), b.driver.event(event, { eventId: 'Ev0INSTBOTH' })]);
    expect(fake.posted.slice(before)).toHaveLength(1);
  });

  it('a double click whose two deliveries land on different instances is handled once', async () => {
    const responseId = randomUUID();
    const responseUrl = fake.responseUrl(responseId);
    const slash = await a.driver.slash({ command: '/deals', text: '', user_id: 'UINSTCLICK', channel_id: JOINED, response_url: responseUrl, trigger_id: fake.trigger() });
    expect(slash.status).toBe(200);
    const [first] = fake.respondedTo(responseId);
    const next = buttonLabelled(first!.blocks, /Next/);
    const press = buttonPress(next, { user: 'UINSTCLICK', channel: JOINED, responseUrl, triggerId: fake.trigger() });
    await Promise.all([a.driver.interaction(press), b.driver.interaction(press)]);
    // The list, then page 2 once.
    expect(fake.respondedTo(responseId)).toHaveLength(2);
    expect(fake.violations).toEqual([]);
  });

  it('a form sent twice with the same values to both instances saves one deal, and both get the first answer', async () => {
    const trigger = fake.trigger();
    const responseUrl = fake.responseUrl();
    await a.driver.slash({ command: '/deal-admin', text: 'add', user_id: ADMIN, channel_id: JOINED, response_url: responseUrl, trigger_id: trigger });
    const opened = fake.callsTo('views.open').at(-1)!;
    const view = opened.args.view as Json;
    const viewId = [...fake.views.keys()].at(-1)!;
    const values = {
      title: 'Lindqvale acquires Brontaby logistics unit',
      parties: 'Lindqvale (acquirer); Brontaby (seller)',
      details: 'Type: acquisition\nStatus: announced\nAnnounced: 2024-06-03\nValue: 80 million USD',
      summary: 'Lindqvale agreed to buy the logistics unit of Brontaby.',
      sources: 'https://example.com/lindqvale-brontaby',
    };
    const before = await a.app.deals.countDeals();
    const payload = viewSubmission(viewId, view, ADMIN, values);
    const [ra, rb] = await Promise.all([a.driver.interaction(payload), b.driver.interaction(payload)]);
    expect(await a.app.deals.countDeals()).toBe(before + 1);
    expect(await b.app.deals.countDeals()).toBe(before + 1);
    expect(ra.json()).toMatchObject({ response_action: 'update' });
    expect(rb.json()).toEqual(ra.json());
    expect(fake.violations).toEqual([]);
  });
});

describe('Socket Mode: two connections (two instances) on one database file', () => {
  let socket: FakeSocketMode;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    socket = new FakeSocketMode();
    await socket.start();
    fake = new FakeSlack({ memberOf: [JOINED], socketUrl: socket.url });
    await fake.start();
    const path = join(dir, 'socket.db');
    a = await startInstance(openInstance(path), 'socket');
    b = await startInstance(openInstance(path), 'socket');
    await until(() => socket.connections.length === 2, 'both connections');
  });
  afterAll(async () => {
    for (const i of [a, b]) {
      await i?.slack.stop();
      i?.app.close();
    }
    await fake?.stop();
    await socket?.stop();
  });

  it('the same events envelope on both connections is acknowledged and answered once', async () => {
    const ts = fake.userMessage(JOINED);
    const envelope = eventsEnvelope('env-both-1', appMention({ user: 'USOCK1', channel: JOINED, ts, text: `${BOT} xiaomi microsoft` }));
    const before = fake.posted.length;
    socket.send(envelope);
    await until(() => fake.posted.length > before, 'the answer');
    await until(() => socket.acksOf('env-both-1').length === 2, 'both acknowledgements');
    await Promise.all([a.slack.stop(), b.slack.stop()].map((p) => p.catch(() => undefined)));
    expect(fake.posted.slice(before)).toHaveLength(1);
    expect(fake.posted.at(-1)).toMatchObject({ method: 'chat.postMessage', channel: JOINED, threadTs: ts });
    expect(socket.violations).toEqual([]);
    expect(fake.violations).toEqual([]);
    // Connections come back for the next test.
    a = await startInstance(a.app, 'socket');
    b = await startInstance(b.app, 'socket');
    await until(() => socket.connections.filter((c) => c.readyState === c.OPEN).length === 2, 'both connections again');
  });

  it('an event retried on the other connection (a new envelope, the same event) is answered once', async () => {
    const ts = fake.userMessage(JOINED);
    const event = appMention({ user: 'USOCK2', channel: JOINED, ts, text: `${BOT} xiaomi microsoft` });
    const open = socket.connections.map((c, i) => (c.readyState === c.OPEN ? i : -1)).filter((i) => i >= 0);
    const before = fake.posted.length;
    socket.send(eventsEnvelope('env-retry-1', event, { eventId: 'Ev0SOCKRETRY' }), [open[0]!]);
    await until(() => fake.posted.length > before, 'the answer');
    socket.send(eventsEnvelope('env-retry-2', event, { eventId: 'Ev0SOCKRETRY', retryAttempt: 1 }), [open[1]!]);
    await until(() => socket.acksOf('env-retry-2').length === 1, 'the retry acknowledged');
    await a.slack.stop();
    await b.slack.stop();
    expect(fake.posted.slice(before)).toHaveLength(1);
    expect(socket.violations).toEqual([]);
    a = await startInstance(a.app, 'socket');
    b = await startInstance(b.app, 'socket');
    await until(() => socket.connections.filter((c) => c.readyState === c.OPEN).length === 2, 'both connections again');
  });

  it('the same slash command envelope on both connections is answered once and acknowledged by one', async () => {
    const responseId = randomUUID();
    const envelope = slashEnvelope('env-slash-1', {
      command: '/deal',
      text: 'xiaomi microsoft',
      user_id: 'USOCK3',
      channel_id: JOINED,
      response_url: fake.responseUrl(responseId),
      trigger_id: fake.trigger(),
    });
    const open = socket.connections.map((c, i) => (c.readyState === c.OPEN ? i : -1)).filter((i) => i >= 0);
    socket.send(envelope, open);
    await until(() => fake.respondedTo(responseId).length > 0, 'the answer at the response_url');
    await until(() => socket.acksOf('env-slash-1').length > 0, 'the acknowledgement');
    await a.slack.stop();
    await b.slack.stop();
    expect(fake.respondedTo(responseId)).toHaveLength(1);
    expect(JSON.stringify(fake.respondedTo(responseId)[0]!.blocks)).toContain('xiaomi-microsoft-mou-2018');
    expect(socket.acksOf('env-slash-1')).toHaveLength(1);
    expect(socket.violations).toEqual([]);
    expect(fake.violations).toEqual([]);
  });
});
