// Asking like a person, end to end: the real discord.js client, logged in to the strict fake Discord with only
// non-privileged intents, receives MESSAGE_CREATE for a server message that mentions it and for a DM, and answers
// with a reply (POST /channels/{id}/messages with a message_reference) that the fake checks against Discord's limits
// and refuses if it could ping anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Partials } from 'discord.js';
import { questionFromDiscordText } from '../../../src/adapters/discord/messages.ts';
import { questionTarget } from '../../../src/core/targets.ts';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import type { SqliteApp as App } from '../../../src/app.ts';
import type { CoreSettings } from '../../../src/core/context.ts';
import { FakeDiscord, INTENT, type FakeChannelPost, type FakeDiscordOptions, type FakeMessage } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { ADMIN_ROLE, ALICE, BOB, callback, capturedLogger, embedOf, footerOf } from './helpers.ts';

interface Setup {
  fake: FakeDiscord;
  app: App;
  bot: RunningDiscord;
  close(): Promise<void>;
}

async function setup(opts: { fake?: FakeDiscordOptions; settings?: Partial<CoreSettings>; publicAnswers?: boolean } = {}): Promise<Setup> {
  const fake = await FakeDiscord.start({ guild: { roles: [{ id: ADMIN_ROLE, name: 'dealbot admins' }] }, ...opts.fake });
  const app = testApp({ policy: { discordRoleIds: [ADMIN_ROLE], discordAdminGuildIds: [fake.guildId] }, ...(opts.settings ? { settings: opts.settings } : {}) });
  const { log } = capturedLogger();
  const bot = await startDiscord({
    app,
    config: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_ANSWERS: opts.publicAnswers ?? true },
    log,
  });
  return {
    fake,
    app,
    bot,
    async close() {
      await bot.stop();
      await fake.close();
      app.close();
    },
  };
}

async function until(check: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Sends a user message and waits for the bot's next `n` channel posts. */
async function ask(s: Setup, send: () => FakeMessage, n = 1): Promise<{ question: FakeMessage; posts: FakeChannelPost[] }> {
  const before = s.fake.channelPosts.length;
  const question = send();
  await until(() => s.fake.channelPosts.length >= before + n, 'the answer');
  return { question, posts: s.fake.channelPosts.slice(before) };
}

const at = (s: Setup) => `<@${s.fake.botUser.id}>`;
const me = (s: Setup) => ({ id: s.fake.botUser.id, username: s.fake.botUser.username, bot: true });

describe('reading the question', () => {
  it('drops the bot mention, turns other mentions into names (or nothing), never leaves a ping', () => {
    const users = new Map([['800000000000000002', 'bob']]);
    const channels = new Map([['900000000000000004', 'general']]);
    expect(questionFromDiscordText('<@900000000000000001> who bought github', '900000000000000001')).toBe('who bought github');
    expect(questionFromDiscordText('hey <@!900000000000000001>, ask <@800000000000000002> in <#900000000000000004>', '900000000000000001', { users, channels })).toBe(
      'hey , ask bob in general',
    );
    expect(questionFromDiscordText('<@900000000000000001> @everyone @here <@&700000000000000001> <@800000000000000009> <:deal:123> xiaomi', '900000000000000001')).toBe(
      ':deal: xiaomi',
    );
    expect(questionTarget('/deals company:xiaomi')).toEqual({ text: '/deals company:xiaomi' });
    expect(questionTarget('msft github')).toEqual({ command: 'deal', options: { query: 'msft github' } });
    expect(questionTarget('')).toEqual({ command: 'deal', options: {} });
  });
});

describe('Discord: questions by mention and DM', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('identifies with Guilds, GuildMessages and DirectMessages only, and takes DM channels as partials', () => {
    const [intents] = s.fake.identifies;
    expect(intents).toBe(INTENT.Guilds | INTENT.GuildMessages | INTENT.DirectMessages);
    expect(intents! & (INTENT.MessageContent | INTENT.GuildMembers | INTENT.GuildPresences)).toBe(0);
    expect(s.bot.client.options.partials).toContain(Partials.Channel);
    expect(s.bot.client.guilds.cache.has(s.fake.guildId)).toBe(true);
  });

  it('a server message mentioning the bot gets a reply with the card, pinging nobody', async () => {
    const { question, posts } = await ask(s, () => s.fake.userMessage(ALICE, `${at(s)} xiaomi microsoft`, { mentions: [me(s)] }));
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post!.channelId).toBe(s.fake.channelId);
    expect(post!.body.message_reference).toMatchObject({ message_id: question.id, fail_if_not_exists: false });
    expect(post!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(footerOf(post!.message)).toMatch(/^xiaomi-microsoft-mou-2018 · version \d+$/);
    expect(s.fake.violations).toEqual([]);
  });

  it("the reply's buttons work like a slash command's: an alternative switches the card in place", async () => {
    const { posts } = await ask(s, () => s.fake.userMessage(ALICE, `${at(s)} xiaomi microsoft`, { mentions: [me(s)] }));
    const msg = posts[0]!.message;
    const alt = s.fake.buttons(msg).find((b) => String(b.custom_id).includes('xiaomi-microsoft-patents-2016'));
    expect(alt).toBeDefined();
    const click = s.fake.click(msg, String(alt!.custom_id), s.fake.member(BOB));
    expect(callback(await click.response()).type).toBe(7);
    expect(footerOf(s.fake.messages.get(msg.id)!)).toMatch(/^xiaomi-microsoft-patents-2016 /);
    expect(s.fake.violations).toEqual([]);
  });

  it('a DM to the bot is answered with a reply in the DM', async () => {
    const { question, posts } = await ask(s, () => s.fake.userMessage(BOB, 'msft github', { dm: true }));
    const [post] = posts;
    expect(post!.channelId).toBe(s.fake.dmChannelOf(BOB.id));
    expect(post!.body.message_reference).toMatchObject({ message_id: question.id });
    expect(post!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(String(embedOf(post!.message).title)).toMatch(/GitHub/);
    expect(s.fake.violations).toEqual([]);
  });

  it('mentions and @everyone in the question are not echoed as pings', async () => {
    const { posts } = await ask(s, () =>
      s.fake.userMessage(ALICE, `${at(s)} <@${BOB.id}> @everyone <@&${ADMIN_ROLE}> xiaomi zebra`, { mentions: [me(s), BOB], mentionEveryone: true }),
    );
    const content = String(posts[0]!.body.content);
    expect(content).toContain('No deal found for "bob xiaomi zebra"');
    expect(content).not.toMatch(/<@|@everyone|@here/);
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(s.fake.violations).toEqual([]);
  });

  it('a question starting with a slash runs that command; a bare mention answers with help', async () => {
    let { posts } = await ask(s, () => s.fake.userMessage(ALICE, `${at(s)} /deals company:xiaomi`, { mentions: [me(s)] }));
    expect(String(embedOf(posts[0]!.message).description)).toContain('xiaomi-microsoft-mou-2018');
    ({ posts } = await ask(s, () => s.fake.userMessage(ALICE, at(s), { mentions: [me(s)] })));
    expect(String(embedOf(posts[0]!.message).title)).toMatch(/dealbot/i);
  });

  it('ignores bots, its own messages and server messages that do not mention it', async () => {
    const before = s.fake.channelPosts.length;
    s.fake.userMessage({ id: '800000000000000077', username: 'otherbot', bot: true }, `${at(s)} xiaomi microsoft`, { mentions: [me(s)] });
    s.fake.userMessage(me(s), `${at(s)} xiaomi microsoft`, { mentions: [me(s)] });
    s.fake.userMessage(ALICE, 'xiaomi microsoft');
    s.fake.userMessage(ALICE, '@everyone xiaomi microsoft', { mentionEveryone: true });
    s.fake.userMessage({ id: '800000000000000078', username: 'dmbot', bot: true }, 'xiaomi microsoft', { dm: true });
    // Events arrive in order: once this question is answered, the ones before it have been seen.
    await ask(s, () => s.fake.userMessage(BOB, `${at(s)} msft github`, { mentions: [me(s)] }));
    expect(s.fake.channelPosts.slice(before)).toHaveLength(1);
    expect(String(embedOf(s.fake.channelPosts.at(-1)!.message).title)).toMatch(/GitHub/);
  });

  it("an admin command by mention is refused to a non-admin in their DMs, and a form says where it opens", async () => {
    let { posts } = await ask(s, () => s.fake.userMessage(BOB, `${at(s)} /deal-admin remove xiaomi-microsoft-mou-2018`, { mentions: [me(s)] }));
    expect(posts[0]!.channelId).toBe(s.fake.dmChannelOf(BOB.id));
    expect(String(posts[0]!.body.content)).toMatch(/Only dealbot admins/);
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(s.app.store.getDeal('xiaomi-microsoft-mou-2018')).toBeDefined();

    ({ posts } = await ask(s, () => s.fake.userMessage(ALICE, `${at(s)} /deal-admin add`, { mentions: [me(s)], roles: [ADMIN_ROLE] })));
    expect(posts[0]!.channelId).toBe(s.fake.dmChannelOf(ALICE.id));
    expect(String(posts[0]!.body.content)).toMatch(/Forms open only from the slash command/);
    expect(s.fake.violations).toEqual([]);
  });
});

describe('Discord: the same limits, and what the bot may not do', () => {
  let s: Setup;
  const SHY = { id: '800000000000000003', username: 'shy' };
  beforeAll(async () => {
    s = await setup({ fake: { closedDms: [SHY.id], missingPermissions: ['ReadMessageHistory'] }, settings: { userBurst: 1, userPerMinute: 1 } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('without Read Message History the answer is sent without the reply reference', async () => {
    const { posts } = await ask(s, () => s.fake.userMessage(ALICE, `${at(s)} xiaomi microsoft`, { mentions: [me(s)] }));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.message_reference).toBeUndefined();
    expect(footerOf(posts[0]!.message)).toMatch(/^xiaomi-microsoft-mou-2018 /);
  });

  it('inside the cooldown, the "one moment" goes to the asker\'s DMs, not the channel', async () => {
    const { posts } = await ask(s, () => s.fake.userMessage(ALICE, `${at(s)} msft github`, { mentions: [me(s)] }));
    expect(posts[0]!.channelId).toBe(s.fake.dmChannelOf(ALICE.id));
    expect(String(posts[0]!.body.content)).toMatch(/you can ask again in/);
  });

  it('when the asker does not accept DMs, a short note in the channel says so', async () => {
    await ask(s, () => s.fake.userMessage(SHY, `${at(s)} xiaomi microsoft`, { mentions: [me(s)] }));
    const { posts } = await ask(s, () => s.fake.userMessage(SHY, `${at(s)} msft github`, { mentions: [me(s)] }));
    expect(posts[0]!.channelId).toBe(s.fake.channelId);
    expect(String(posts[0]!.body.content)).toMatch(/could not send you that answer in a direct message/);
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('Discord: DISCORD_PUBLIC_ANSWERS=false', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup({ publicAnswers: false });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a question asked in a server is answered in the asker\'s DMs', async () => {
    const { posts } = await ask(s, () => s.fake.userMessage(ALICE, `${at(s)} xiaomi microsoft`, { mentions: [me(s)] }));
    expect(posts[0]!.channelId).toBe(s.fake.dmChannelOf(ALICE.id));
    expect(footerOf(posts[0]!.message)).toMatch(/^xiaomi-microsoft-mou-2018 /);
    expect(s.fake.postsIn(s.fake.channelId)).toEqual([]);
  });
});

describe('Discord: a privileged intent the application may not use', () => {
  it('is refused by the gateway (close 4014), which the bot does not ask for', async () => {
    const fake = await FakeDiscord.start();
    try {
      // What Discord does if the bot asked for Message Content without the portal switch: the fake is that strict.
      const ws = new (await import('ws')).WebSocket(`ws://127.0.0.1:${fake.port}/gateway`);
      const closed = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
      ws.on('message', (raw) => {
        if ((JSON.parse(String(raw)) as { op: number }).op === 10) ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: INTENT.Guilds | INTENT.MessageContent, properties: {} } }));
      });
      expect(await closed).toBe(4014);
      expect(fake.identified).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
