// Asking like a person, end to end: signed Events API deliveries (app_mention in a channel, message in a DM) into the
// real Bolt app in HTTP mode; the answers are checked where the fake Slack received them (chat.postMessage in the
// thread or DM, chat.postEphemeral for the asker alone), with the fake refusing unknown threads and Slack's limits.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { questionFromSlackText } from '../../../src/adapters/slack/listeners/messages.ts';
import { questionTarget } from '../../../src/core/targets.ts';
import { createSlackApp } from '../../../src/adapters/slack/start.ts';
import { createLogger } from '../../../src/log.ts';
import { testApp } from '../../helpers/app.ts';
import { allText, appMention, eventCallback, FAKE_BOT_USER_ID, FakeSlack, messageEvent, pingsIn, type Posted } from '../../fakes/slack.ts';
import { ADMIN, JOINED, MEMBER, startHarness, type Harness } from './harness.ts';

type Json = Record<string, unknown>;
const BOT = `<@${FAKE_BOT_USER_ID}>`;
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

/** Sends `@dealbot <text>` from `user` in `channel` (optionally inside a thread) and returns the mention's ts. */
async function mention(text: string, user: string, channel = JOINED, threadTs?: string): Promise<{ ts: string; status: number }> {
  const ts = h.fake.userMessage(channel, threadTs);
  const res = await h.driver.event(appMention({ user, channel, ts, text, ...(threadTs ? { threadTs } : {}) }));
  return { ts, status: res.status };
}

function newPosts(before: number): Posted[] {
  return h.fake.posted.slice(before);
}

describe('reading the question', () => {
  it('drops the bot mention (with or without its name), turns other markup into plain words', () => {
    expect(questionFromSlackText('<@UBOT> who bought github', 'UBOT')).toBe('who bought github');
    expect(questionFromSlackText('hey <@UBOT|dealbot>,  who   bought\ngithub?', 'UBOT')).toBe('hey , who bought github?');
    expect(questionFromSlackText('<@UBOT> ask <@U0OTHER|bob> about <!here> <https://example.com|this> &amp; that', 'UBOT')).toBe(
      'ask bob about this (https://example.com) & that',
    );
    expect(questionFromSlackText('<@UBOT>', 'UBOT')).toBe('');
  });

  it('a leading slash is a command; anything else is /deal <question>', () => {
    expect(questionTarget('/deals company:xiaomi')).toEqual({ text: '/deals company:xiaomi' });
    expect(questionTarget('who bought github')).toEqual({ command: 'deal', options: { query: 'who bought github' } });
    expect(questionTarget('')).toEqual({ command: 'deal', options: {} });
  });
});

describe('@dealbot <question> in a channel', () => {
  it('is answered in a thread under the question, with the same card as /deal and nobody pinged', async () => {
    const before = h.fake.posted.length;
    const { ts, status } = await mention(`${BOT} xiaomi microsoft`, 'UASK1');
    expect(status).toBe(200);
    const [post, ...rest] = newPosts(before);
    expect(rest).toEqual([]);
    expect(post).toMatchObject({ method: 'chat.postMessage', channel: JOINED, threadTs: ts });
    expect(header(post!.args.blocks)).toMatch(/Xiaomi and Microsoft/);
    expect(allText(post!.args.blocks).join('\n')).toContain('xiaomi-microsoft-mou-2018');
    // Already public: no "Share to channel" button.
    expect(allText(post!.args.blocks)).not.toContain('Share to channel');
    expect(String(post!.args.unfurl_links)).toBe('false'); // form-encoded by the web client
    expect(pingsIn(post!.args)).toEqual([]);
    expect(h.fake.violations).toEqual([]);
  });

  it('a mention inside a thread is answered in that thread', async () => {
    const parent = h.fake.userMessage(JOINED);
    const before = h.fake.posted.length;
    // The bot's mention may carry its name ("<@UBOT|dealbot>"): it is not part of the question.
    await mention(`what about <@${FAKE_BOT_USER_ID}|dealbot> msft github`, 'UASK2', JOINED, parent);
    const [post] = newPosts(before);
    expect(post).toMatchObject({ channel: JOINED, threadTs: parent });
    expect(header(post!.args.blocks)).toMatch(/GitHub/);
    expect(h.fake.violations).toEqual([]);
  });

  it('mentions and broadcasts in the question never become pings in the answer', async () => {
    const before = h.fake.posted.length;
    await mention(`${BOT} <@U0OTHER> <!channel> <!here> xiaomi zebra <#C0SECRET|secret>`, 'UASK3');
    const [post] = newPosts(before);
    expect(post!.method).toBe('chat.postMessage');
    const text = [...allText(post!.args.blocks), String(post!.args.text)].join('\n');
    expect(text).toContain('No deal found');
    expect(text).not.toMatch(/U0OTHER|<!channel>|<!here>|C0SECRET/);
    expect(pingsIn(post!.args)).toEqual([]);
    // The core saw the question as a person reads it.
    expect(text).toContain('No deal found for "xiaomi zebra secret"');
  });

  it('a question that starts with a slash runs that command; an empty mention answers with help', async () => {
    let before = h.fake.posted.length;
    await mention(`${BOT} /deals company:xiaomi`, 'UASK4');
    let [post] = newPosts(before);
    expect(allText(post!.args.blocks).join('\n')).toContain('xiaomi-microsoft-mou-2018');
    expect(header(post!.args.blocks)).toMatch(/Xiaomi/i);

    before = h.fake.posted.length;
    await mention(BOT, 'UASK5');
    [post] = newPosts(before);
    expect(header(post!.args.blocks)).toMatch(/dealbot/i);
    expect(allText(post!.args.blocks).join('\n')).toContain('/deal');
    expect(h.fake.violations).toEqual([]);
  });

  it('a form cannot open from a message: the admin is told privately where it opens', async () => {
    const before = h.fake.posted.length;
    const opens = h.fake.callsTo('views.open').length;
    const { ts } = await mention(`${BOT} /deal-admin add`, ADMIN);
    const [post] = newPosts(before);
    expect(post).toMatchObject({ method: 'chat.postEphemeral', channel: JOINED, user: ADMIN, threadTs: ts });
    expect(String(post!.args.text)).toMatch(/Forms open only from the slash command/);
    expect(h.fake.callsTo('views.open')).toHaveLength(opens);
  });

  it("a non-admin's admin command is refused to them alone", async () => {
    const before = h.fake.posted.length;
    await mention(`${BOT} /deal-admin remove xiaomi-microsoft-mou-2018`, MEMBER);
    const [post] = newPosts(before);
    expect(post).toMatchObject({ method: 'chat.postEphemeral', user: MEMBER });
    expect(String(post!.args.text)).toMatch(/Only dealbot admins/);
    expect(h.app.store.getDeal('xiaomi-microsoft-mou-2018')).toBeDefined();
  });
});

describe('a direct message to the bot', () => {
  it('is answered in the DM, outside a thread', async () => {
    const dm = 'D0DMALICE';
    const ts = h.fake.userMessage(dm);
    const before = h.fake.posted.length;
    const res = await h.driver.event(messageEvent({ user: 'UDM1', channel: dm, ts, text: 'msft github' }));
    expect(res.status).toBe(200);
    const [post, ...rest] = newPosts(before);
    expect(rest).toEqual([]);
    expect(post).toMatchObject({ method: 'chat.postMessage', channel: dm, threadTs: undefined });
    expect(header(post!.args.blocks)).toMatch(/GitHub/);
    expect(h.fake.violations).toEqual([]);
  });

  it('in a DM thread, in that thread; a mention of the bot in the DM is answered once', async () => {
    const dm = 'D0DMBOB';
    const parent = h.fake.userMessage(dm);
    const ts = h.fake.userMessage(dm, parent);
    const before = h.fake.posted.length;
    // Slack can deliver both events for a DM that mentions the bot.
    await h.driver.event(appMention({ user: 'UDM2', channel: dm, ts, text: `${BOT} xiaomi microsoft`, threadTs: parent }));
    await h.driver.event(messageEvent({ user: 'UDM2', channel: dm, ts, text: `${BOT} xiaomi microsoft`, threadTs: parent }));
    const posts = newPosts(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: dm, threadTs: parent });
    expect(header(posts[0]!.args.blocks)).toMatch(/Xiaomi and Microsoft/);
  });
});

describe('what is not answered', () => {
  it("the bot's own messages, other bots, message subtypes, channel messages without a mention", async () => {
    const dm = 'D0DMCAROL';
    const before = h.fake.posted.length;
    const events: Json[] = [
      messageEvent({ user: FAKE_BOT_USER_ID, channel: dm, ts: h.fake.userMessage(dm), text: 'xiaomi microsoft' }),
      messageEvent({ user: 'UOTHERBOT', botId: 'B0OTHER', channel: dm, ts: h.fake.userMessage(dm), text: 'xiaomi microsoft' }),
      messageEvent({ subtype: 'bot_message', botId: 'B0OTHER', channel: dm, ts: h.fake.userMessage(dm), text: 'xiaomi microsoft' }),
      messageEvent({ subtype: 'message_changed', channel: dm, ts: h.fake.userMessage(dm), text: '' }),
      messageEvent({ subtype: 'channel_join', user: 'UJOIN', channel: JOINED, channelType: 'channel', ts: h.fake.userMessage(JOINED), text: '<@UJOIN> has joined' }),
      messageEvent({ user: 'UCHAT', channel: JOINED, channelType: 'channel', ts: h.fake.userMessage(JOINED), text: 'xiaomi microsoft' }),
      appMention({ user: 'UOTHERBOT', botId: 'B0OTHER', channel: JOINED, ts: h.fake.userMessage(JOINED), text: `${BOT} xiaomi microsoft` }),
      appMention({ user: FAKE_BOT_USER_ID, channel: JOINED, ts: h.fake.userMessage(JOINED), text: `${BOT} xiaomi microsoft` }),
    ];
    for (const e of events) expect((await h.driver.event(e)).status).toBe(200);
    expect(newPosts(before)).toEqual([]);
  });

  it('a retried delivery, or the same event delivered twice, is answered once', async () => {
    const ts = h.fake.userMessage(JOINED);
    const event = appMention({ user: 'URETRY1', channel: JOINED, ts, text: `${BOT} xiaomi microsoft` });
    const before = h.fake.posted.length;
    await h.driver.event(event, { eventId: 'Ev0SAME' });
    await h.driver.event(event, { eventId: 'Ev0SAME', retryNum: 1 });
    await h.driver.event(event, { eventId: 'Ev0SAME' });
    expect(newPosts(before)).toHaveLength(1);
  });
});

describe('the same limits as the slash command', () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness({ settings: { userBurst: 1, userPerMinute: 1, channelPublicPerMinute: 2 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  async function ask(user: string, channel = JOINED): Promise<Posted> {
    const ts = limited.fake.userMessage(channel);
    const before = limited.fake.posted.length;
    const e =
      channel.startsWith('D')
        ? messageEvent({ user, channel, ts, text: 'xiaomi microsoft' })
        : appMention({ user, channel, ts, text: `${BOT} xiaomi microsoft` });
    await limited.driver.event(e);
    const posts = limited.fake.posted.slice(before);
    expect(posts).toHaveLength(1);
    return posts[0]!;
  }

  it('a second question inside the cooldown gets a private "one moment", in the thread', async () => {
    expect((await ask('UCOOL')).method).toBe('chat.postMessage');
    const second = await ask('UCOOL');
    expect(second).toMatchObject({ method: 'chat.postEphemeral', user: 'UCOOL' });
    expect(second.threadTs).toBeDefined();
    expect(String(second.args.text)).toMatch(/you can ask again in/);
  });

  it('past the channel budget, answers go to the asker alone, saying why; DMs are not counted', async () => {
    const channel = 'C0BUSY';
    limited.fake.opts.memberOf!.push(channel);
    expect((await ask('UBUSY1', channel)).method).toBe('chat.postMessage');
    expect((await ask('UBUSY2', channel)).method).toBe('chat.postMessage');
    const third = await ask('UBUSY3', channel);
    expect(third).toMatchObject({ method: 'chat.postEphemeral', user: 'UBUSY3', channel });
    expect(allText(third.args.blocks).join(' ')).toMatch(/only to you/);
    expect(header(third.args.blocks)).toMatch(/Xiaomi and Microsoft/);
    expect((await ask('UBUSY4', 'D0DMBUSY')).method).toBe('chat.postMessage');
    expect(limited.fake.violations).toEqual([]);
  });
});

describe('Socket Mode', () => {
  it('an app_mention envelope is acknowledged and answered in the thread', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const acks: Json[] = [];
    let socket: WebSocket | undefined;
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (m) => acks.push(JSON.parse(String(m)) as Json));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'test' } }));
    });
    const fake = new FakeSlack({ memberOf: [JOINED], socketUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/` });
    await fake.start();
    const app = testApp();
    const slack = createSlackApp({
      core: app.core,
      shared: app.deals,
      log: createLogger('silent'),
      botToken: 'xoxb-test',
      appToken: 'xapp-1-test',
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      clientOptions: { retryConfig: { retries: 0 } },
    });
    try {
      await slack.start();
      await until(() => socket !== undefined, 'the WebSocket connection');
      const ts = fake.userMessage(JOINED);
      socket!.send(
        JSON.stringify({
          envelope_id: 'env-mention-1',
          type: 'events_api',
          accepts_response_payload: false,
          retry_attempt: 0,
          retry_reason: '',
          payload: eventCallback(appMention({ user: 'USOCK', channel: JOINED, ts, text: `${BOT} xiaomi microsoft` })),
        }),
      );
      await until(() => acks.some((a) => a.envelope_id === 'env-mention-1'), 'the envelope ack');
      await until(() => fake.posted.length > 0, 'the answer');
      expect(fake.posted).toHaveLength(1);
      expect(fake.posted[0]).toMatchObject({ method: 'chat.postMessage', channel: JOINED, threadTs: ts });
      expect(header(fake.posted[0]!.args.blocks)).toMatch(/Xiaomi and Microsoft/);
      expect(pingsIn(fake.posted[0]!.args)).toEqual([]);
      expect(fake.violations).toEqual([]);
    } finally {
      await slack.stop();
      await fake.stop();
      await new Promise<void>((r) => wss.close(() => r()));
      app.close();
    }
  });
});

async function until(check: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
