// Sharding, in one process: real discord.js clients, each running one shard of two, against the fake gateway, which
// routes each server's events to the shard Discord would ((guild_id >> 22) % 2) and refuses an IDENTIFY within 5 s
// of the last one. The clients share one store, as shard processes do: the identify slot and form drafts go through
// it. (tests/e2e/discord/shard-manager.test.ts runs the same through the real ShardingManager and processes.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, type Interaction, type Message } from 'discord.js';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import type { App } from '../../../src/app.ts';
import { FakeDiscord, shardOf } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { BOB, callback, capturedLogger, footerOf, inThisTest } from './helpers.ts';

/** A server id on the given shard of two: Discord takes the shard from the timestamp bits (id >> 22). */
const guildOn = (shard: number, n: number) => (((BigInt(2000 + 2 * n + shard) << 22n) | 7n)).toString();
const GUILD_A = guildOn(0, 1);
const GUILD_B = guildOn(1, 1);

let fake: FakeDiscord;
let app: App;
const bots: (RunningDiscord | undefined)[] = [];
const seen: string[][] = [[], []];
const seenMessages: string[][] = [[], []];
const { log } = capturedLogger();
/** An admin by user id (counted in every server); fixed, as the app is made before any test runs. */
const ADMIN = { id: '800000000000000777', username: 'shard-admin' };

async function startShard(id: number): Promise<RunningDiscord> {
  const bot = await startDiscord({
    app,
    config: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_ANSWERS: true },
    log,
    shards: { ids: [id], count: 2 },
  });
  bot.client.on(Events.InteractionCreate, (i: Interaction) => seen[id]!.push(i.id));
  bot.client.on(Events.MessageCreate, (m: Message) => seenMessages[id]!.push(m.id));
  bots[id] = bot;
  return bot;
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ guildIds: [GUILD_A, GUILD_B], shards: 2, guildId: GUILD_A });
  app = testApp({ policy: { discordUserIds: [ADMIN.id] } });
  // Both at once, as two processes starting together would: the shared slot spaces their IDENTIFYs.
  await Promise.all([startShard(0), startShard(1)]);
}, 60_000);

afterAll(async () => {
  for (const b of bots) await b?.stop();
  await fake?.close();
  app?.close();
});

afterEach(() => {
  expect(fake.violations.splice(0)).toEqual([]);
});

describe('two shards of one bot', () => {
  it('the fake puts the two servers on different shards', () => {
    expect(shardOf(GUILD_A, 2)).toBe(0);
    expect(shardOf(GUILD_B, 2)).toBe(1);
  });

  it('started together, they identified one after the other (no session refused) and each got its own servers', () => {
    expect(fake.sessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect([...bots[0]!.client.guilds.cache.keys()]).toEqual([GUILD_A]);
    expect([...bots[1]!.client.guilds.cache.keys()]).toEqual([GUILD_B]);
  });

  it("each shard answers its own servers' interactions, and never sees the other's", async () => {
    const user = inThisTest(BOB);
    const inA = fake.command('deal', { query: 'xiaomi microsoft' }, fake.member(user, [], '0', GUILD_A));
    const inB = fake.command('deal', { query: 'microsoft github' }, fake.member(user, [], '0', GUILD_B));
    expect(footerOf(callback(await inA.response()).data)).toMatch(/xiaomi/);
    expect(footerOf(callback(await inB.response()).data)).toMatch(/github/);
    expect(inA.deliveredTo).toEqual([0]);
    expect(inB.deliveredTo).toEqual([1]);
    expect(seen[0]).toContain(inA.id);
    expect(seen[0]).not.toContain(inB.id);
    expect(seen[1]).toContain(inB.id);
    expect(seen[1]).not.toContain(inA.id);
    // One answer each (a second one would be refused by the fake as a second initial response).
    expect(inA.responses.filter((r) => r.kind === 'callback')).toHaveLength(1);
    expect(inB.responses.filter((r) => r.kind === 'callback')).toHaveLength(1);
  });

  it('a direct message goes to shard 0 only, which answers it', async () => {
    const user = inThisTest(BOB);
    const dm = fake.userMessage(user, 'xiaomi microsoft', { dm: true });
    const channel = fake.dmChannelOf(user.id);
    const until = Date.now() + 10_000;
    while (fake.postsIn(channel).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(fake.postsIn(channel)).toHaveLength(1);
    expect(seenMessages[0]).toContain(dm.id);
    expect(seenMessages[1]).not.toContain(dm.id);
  });

  it('a form opened on a shard is submitted after that shard was stopped and started again: the draft is in the store', async () => {
    const admin = fake.member(ADMIN, [], '0', GUILD_A);
    const open = fake.command('deal-admin', {}, admin, 'add');
    const { type, data: modal } = callback(await open.response());
    expect(type).toBe(9);
    expect(open.deliveredTo).toEqual([0]);

    // The shard goes away (its process memory with it) and a new client takes shard 0 over.
    await bots[0]!.stop();
    bots[0] = undefined;
    const next = fake.nextSession(0);
    await startShard(0);
    await next;

    const submit = fake.submitModal(
      modal,
      {
        title: 'Vantorix and Plumeridge sign a test MoU on sharded widgets',
        parties: 'Vantorix (partner); Plumeridge (partner)',
        details: 'Type: mou\nStatus: signed\nAnnounced: 2024-06-03\nValue: not disclosed',
        summary: 'An invented deal for the sharding tests: two firms agree to study widgets that come in shards.',
        sources: 'https://example.com/vantorix-plumeridge | Example News | Vantorix and Plumeridge sign MoU | 2024-06-03',
      },
      admin,
    );
    const answer = callback(await submit.response(0, 10_000)).data;
    expect(String(answer.content)).toMatch(/^✔ Added/);
    const find = fake.command('deal', { query: 'vantorix plumeridge' }, fake.member(inThisTest(BOB), [], '0', GUILD_A));
    expect(footerOf(callback(await find.response()).data)).toMatch(/^vantorix-and-plumeridge/);
  }, 60_000);

  it('a button whose target is too long for its custom_id still works after its shard was replaced', async () => {
    const user = inThisTest(BOB);
    const card = fake.command('deal', { query: 'xiaomi microsoft' }, fake.member(user, [], '0', GUILD_A));
    await card.response();
    const message = card.original!;
    // What a long question's alternative looks like: more than 100 characters, so the button carries a key.
    const query = 'microsoft github acquisition of the developer platform announced in june and completed in october';
    const customId = bots[0]!.router.ids({ command: 'deal', options: { query } });
    expect(customId).toMatch(/^~t:/);
    message.components = [{ type: 1, components: [{ type: 2, style: 2, label: 'Microsoft / GitHub', custom_id: customId }] }];

    await bots[0]!.stop();
    bots[0] = undefined;
    await startShard(0);

    const click = fake.click(message, customId, fake.member(user, [], '0', GUILD_A));
    const { type, data } = callback(await click.response(0, 10_000));
    expect(String(data.content ?? '')).not.toMatch(/expired/);
    expect(type).toBe(7);
    expect(footerOf(data)).toMatch(/^microsoft-github/);
  }, 60_000);
});

describe('the fake enforces the identify rate limit', () => {
  it('two clients that each throttle only themselves (discord.js alone, two processes) get a session refused', async () => {
    const strict = await FakeDiscord.start({ shards: 2 });
    const refused = new Promise<unknown>((resolve) => strict.gateway.once('refused', resolve));
    const clients = [0, 1].map(
      (id) => new Client({ intents: [GatewayIntentBits.Guilds], shards: [id], shardCount: 2, rest: { api: strict.apiUrl } }),
    );
    const ready = clients.map((c) => new Promise((resolve) => c.once(Events.ClientReady, resolve)));
    try {
      for (const c of clients) void c.login(strict.token).catch(() => undefined);
      expect(await refused).toMatchObject({ reason: 'identify rate limit' });
      expect(strict.violations.some((v) => /IDENTIFY of shard \[\d, 2\] \d+ ms after the previous one/.test(v.message))).toBe(true);
      // discord.js identifies again after its own pause; let it, so the clients are settled before they are destroyed.
      await Promise.all(ready);
    } finally {
      await Promise.all(clients.map((c) => c.destroy()));
      await strict.close();
    }
  }, 30_000);
});
