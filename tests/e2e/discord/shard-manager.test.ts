// Sharding as it runs in production: the real `dealbot start` with DISCORD_SHARDS set runs discord.js's
// ShardingManager, which starts one `dealbot discord-shard` process per shard, against the fake gateway (it routes
// each server to its shard and refuses an IDENTIFY within 5 s of the last one, whoever sends it). Production
// defaults throughout; the processes share one SQLite file, as shards on one machine do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../src/app.ts';
import { createLogger } from '../../../src/log.ts';
import { FakeDiscord, shardOf } from '../../fakes/discord.ts';
import { FakeSlack, SlackDriver } from '../../fakes/slack.ts';
import { spawnDealbot, type Spawned } from '../../helpers/spawn.ts';
import { BOB, callback, footerOf, inThisTest } from './helpers.ts';

const guildOn = (shard: number, n: number) => ((BigInt(3000 + 2 * n + shard) << 22n) | 9n).toString();
const GUILD_A = guildOn(0, 1);
const GUILD_B = guildOn(1, 1);
const ADMIN = { id: '800000000000000778', username: 'shard-admin' };

const tmp = mkdtempSync(join(tmpdir(), 'dealbot-shards-'));
const fakes: FakeDiscord[] = [];
const running: Spawned[] = [];

afterEach(() => {
  for (const f of fakes) expect(f.violations.splice(0)).toEqual([]);
});

afterAll(async () => {
  // Every process this file started: the managers (which stop their shards), then any shard left over, by pid.
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  for (const pid of running.flatMap(shardPids)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const f of fakes) await f.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function fakeDiscord(): Promise<FakeDiscord> {
  const f = await FakeDiscord.start({ guildIds: [GUILD_A, GUILD_B], guildId: GUILD_A, shards: 2 });
  fakes.push(f);
  return f;
}

function start(fake: FakeDiscord, db: string, env: Record<string, string>): Spawned {
  const p = spawnDealbot(['--db', db, 'start'], {
    cwd: tmp,
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_ADMIN_USER_IDS: ADMIN.id,
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  running.push(p);
  return p;
}

const isMsg = (msg: string, shard?: number) => (l: Record<string, unknown>) => l.msg === msg && (shard === undefined || l.shard === shard);
/** The pids of the shard processes a manager started, newest last. */
const shardPids = (p: Spawned) => p.logs().filter(isMsg('discord shard process started')).map((l) => Number(l.pid));
const readyCount = (p: Spawned, shard: number) => p.logs().filter(isMsg('discord shard ready', shard)).length;

async function until(ok: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('dealbot start with DISCORD_SHARDS', () => {
  it('the manager starts the recommended two shard processes; each answers its own server; a form outlives its shard process', async () => {
    const fake = await fakeDiscord();
    expect([shardOf(GUILD_A, 2), shardOf(GUILD_B, 2)]).toEqual([0, 1]);
    const bot = start(fake, join(tmp, 'one.db'), { DISCORD_SHARDS: 'auto' });
    await bot.waitForLog(isMsg('discord shard ready', 0), 90_000);
    await bot.waitForLog(isMsg('discord shard ready', 1), 90_000);
    expect(bot.logs().find(isMsg('starting 2 of 2 Discord shard process(es)'))).toMatchObject({ totalShards: 2, recommended: 2, shardList: [0, 1] });
    const [pid0, pid1] = shardPids(bot);
    expect(new Set([pid0, pid1, bot.child.pid]).size).toBe(3);
    // Each shard process saw only its own server.
    for (const id of [0, 1]) {
      expect(await bot.waitForLog(isMsg('discord bot ready', id), 10_000)).toMatchObject({ shards: [id], shardCount: 2, guilds: 1 });
    }

    const user = inThisTest(BOB);
    const inA = fake.command('deal', { query: 'xiaomi microsoft' }, fake.member(user, [], '0', GUILD_A));
    const inB = fake.command('deal', { query: 'microsoft github' }, fake.member(user, [], '0', GUILD_B));
    expect(footerOf(callback(await inA.response(0, 10_000)).data)).toMatch(/xiaomi/);
    expect(footerOf(callback(await inB.response(0, 10_000)).data)).toMatch(/github/);
    expect([inA.deliveredTo, inB.deliveredTo]).toEqual([[0], [1]]);

    // An admin opens the add form in server A (shard 0)...
    const admin = fake.member(ADMIN, [], '0', GUILD_A);
    const open = fake.command('deal-admin', {}, admin, 'add');
    const { type, data: modal } = callback(await open.response(0, 10_000));
    expect(type).toBe(9);

    // ...and shard 0's process dies before the form comes back. The manager starts it again.
    process.kill(pid0!, 'SIGKILL');
    await bot.waitForLog(isMsg('discord shard process died; starting it again', 0), 30_000);
    await until(() => readyCount(bot, 0) === 2, 'shard 0 to be ready again');
    const newPid0 = shardPids(bot).at(-1)!;
    expect(newPid0).not.toBe(pid0);
    expect(alive(pid1!)).toBe(true);

    const submit = fake.submitModal(
      modal,
      {
        title: 'Quenmark and Ostrava Labs sign a test MoU on respawned widgets',
        parties: 'Quenmark (partner); Ostrava Labs (partner)',
        details: 'Type: mou\nStatus: signed\nAnnounced: 2024-07-01\nValue: not disclosed',
        summary: 'An invented deal for the shard manager test: its form was opened on a shard process that then died.',
        sources: 'https://example.com/quenmark-ostrava | Example News | Quenmark and Ostrava Labs sign MoU | 2024-07-01',
      },
      admin,
    );
    expect(submit.deliveredTo).toEqual([0]);
    expect(String(callback(await submit.response(0, 10_000)).data.content)).toMatch(/^✔ Added/);
    const find = fake.command('deal', { query: 'quenmark ostrava' }, fake.member(user, [], '0', GUILD_A));
    expect(footerOf(callback(await find.response(0, 10_000)).data)).toMatch(/^quenmark-and-ostrava/);

    // SIGTERM to the manager stops its shard processes too.
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    await until(() => !alive(newPid0) && !alive(pid1!), 'the shard processes to exit', 15_000);
  }, 180_000);

  it('two managers (two machines, DISCORD_SHARD_LIST 0 and 1) started together identify 5 s apart through the store', async () => {
    const fake = await fakeDiscord();
    const db = join(tmp, 'two.db');
    // The shared database exists already (on two machines: the PostgreSQL both use).
    openApp({ dbPath: db, log: createLogger('silent') }).close();
    const m0 = start(fake, db, { DISCORD_SHARDS: '2', DISCORD_SHARD_LIST: '0' });
    const m1 = start(fake, db, { DISCORD_SHARDS: '2', DISCORD_SHARD_LIST: '1' });
    await m0.waitForLog(isMsg('discord shard ready', 0), 90_000);
    await m1.waitForLog(isMsg('discord shard ready', 1), 90_000);
    // Each manager ran only its own shard, and no session was refused for identifying too soon after the other's.
    expect(m0.logs().find(isMsg('starting 1 of 2 Discord shard process(es)'))).toMatchObject({ shardList: [0] });
    expect(m1.logs().find(isMsg('starting 1 of 2 Discord shard process(es)'))).toMatchObject({ shardList: [1] });
    expect(fake.sessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.violations).toEqual([]);

    const user = inThisTest(BOB);
    const inA = fake.command('deal', { query: 'xiaomi microsoft' }, fake.member(user, [], '0', GUILD_A));
    const inB = fake.command('deal', { query: 'microsoft github' }, fake.member(user, [], '0', GUILD_B));
    expect(footerOf(callback(await inA.response(0, 10_000)).data)).toMatch(/xiaomi/);
    expect(footerOf(callback(await inB.response(0, 10_000)).data)).toMatch(/github/);

    for (const m of [m0, m1]) m.child.kill('SIGTERM');
    expect((await m0.exited).code).toBe(0);
    expect((await m1.exited).code).toBe(0);
  }, 180_000);

  it('Slack, when configured too, runs once, in the manager; the shard processes run Discord only', async () => {
    const fake = await fakeDiscord();
    const slack = new FakeSlack();
    await slack.start();
    const secret = 'shard-manager-slack-secret';
    try {
      const bot = start(fake, join(tmp, 'slack.db'), {
        DISCORD_SHARDS: '2',
        SLACK_BOT_TOKEN: 'xoxb-shard-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        SLACK_PORT: '0',
      });
      const listening = await bot.waitForLog(isMsg('slack HTTP mode listening on /slack/events'), 60_000);
      await bot.waitForLog(isMsg('discord shard ready', 0), 90_000);
      await bot.waitForLog(isMsg('discord shard ready', 1), 90_000);
      await bot.waitForLog(isMsg('discord bot ready', 1), 10_000);
      // One Slack adapter, the manager's (shard processes' lines carry their shard id); a Discord client per shard.
      const slackRunning = bot.logs().filter(isMsg('slack adapter running'));
      expect(slackRunning).toHaveLength(1);
      expect(slackRunning[0]!.shard).toBeUndefined();
      expect(bot.logs().filter(isMsg('discord bot ready')).map((l) => l.shard).sort()).toEqual([0, 1]);

      const driver = new SlackDriver(`http://127.0.0.1:${String(listening.port)}`, secret);
      const ack = await driver.slash({ command: '/deal-help', text: '', user_id: 'U1', channel_id: 'C1', response_url: 'http://127.0.0.1:9/unused', trigger_id: slack.trigger() });
      expect(ack.status).toBe(200);
      const inB = fake.command('deal', { query: 'microsoft github' }, fake.member(inThisTest(BOB), [], '0', GUILD_B));
      expect(footerOf(callback(await inB.response(0, 10_000)).data)).toMatch(/github/);

      bot.child.kill('SIGTERM');
      expect((await bot.exited).code).toBe(0);
    } finally {
      await slack.stop();
    }
  }, 180_000);
});
