// Issue 12, item 3: Manage Server (or an admin role id) in a server that is not configured grants nothing. The store
// is shared across every server the bot is in, and anyone can invite a public bot to a server of their own, where
// they hold every permission. Through the real discord.js client against the fake Discord: every admin path (slash
// commands, buttons, modal submissions, autocomplete of admin commands) from a stranger's server writes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import type { SqliteApp as App } from '../../../src/app.ts';
import { isAdmin, NO_ADMINS } from '../../../src/core/admins.ts';
import type { InvokeTarget } from '../../../src/core/replies.ts';
import { encodeTarget } from '../../../src/core/targets.ts';
import { adminGuildIds, loadConfig } from '../../../src/config.ts';
import { runDoctor } from '../../../src/ops/doctor.ts';
import { tmpdir } from 'node:os';
import { FakeDiscord, type FakeInteraction, type FakeMessage } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { ADMIN_ROLE, BOB, callback, capturedLogger, inThisTest } from './helpers.ts';

const STRANGER_GUILD = '910000000000000009';
const MANAGE_GUILD = String(1n << 5n); // the permissions "32" of the review: Manage Server

let fake: FakeDiscord;
let app: App;
let bot: RunningDiscord;
const { log } = capturedLogger();

beforeAll(async () => {
  fake = await FakeDiscord.start();
  // Production defaults: Manage Server counts (DISCORD_MANAGERS_ARE_ADMINS=true), an admin role, one trusted server.
  app = testApp({ policy: { discordRoleIds: [ADMIN_ROLE], discordManagersAreAdmins: true, discordAdminGuildIds: [fake.guildId] } });
  bot = await startDiscord({ app, config: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_ANSWERS: true }, log });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  app?.close();
});

afterEach(() => {
  expect(fake.violations.splice(0)).toEqual([]);
});

/** Bob owns the stranger's server: Manage Server and a role with the admin role's id (as if it could be copied). */
const strangerOwner = () => fake.member(inThisTest(BOB), [ADMIN_ROLE], MANAGE_GUILD, STRANGER_GUILD);
const homeManager = () => fake.member(inThisTest(BOB), [], MANAGE_GUILD);

/** Everything a write would change: the audit log, the deals and the aliases. */
function snapshot(): string {
  const history = app.store.history({ limit: 1000 });
  return JSON.stringify({ history: history.length, deals: app.store.exportDeals(), orgs: app.store.listOrganisations() });
}

const ephemeral = (data: Record<string, unknown>) => (Number(data.flags ?? 0) & 64) === 64;

async function refused(i: FakeInteraction): Promise<void> {
  const { type, data } = callback(await i.response());
  expect(type).toBe(4);
  expect(ephemeral(data)).toBe(true);
  expect(String(data.content)).toMatch(/Only dealbot admins/);
}

/** A bot message carrying `customId` as a button, as a public message of the bot in the stranger's server would. */
function messageWith(customId: string): FakeMessage {
  return {
    id: '920000000000000001',
    channel_id: fake.channelId,
    guild_id: STRANGER_GUILD,
    type: 0,
    author: fake.botUser,
    content: 'x',
    embeds: [],
    components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Go', custom_id: customId }] }],
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
  };
}

describe('admin rights from a server that is not configured', () => {
  it('slash commands: alias-add, remove, add and edit are refused and write nothing', async () => {
    const before = snapshot();
    await refused(fake.command('deal-admin', { organisation: 'Microsoft', alias: 'Evil Corp' }, strangerOwner(), 'alias-add'));
    await refused(fake.command('deal-admin', { slug: 'microsoft-activision-blizzard-2022' }, strangerOwner(), 'remove'));
    await refused(fake.command('deal-admin', {}, strangerOwner(), 'add'));
    await refused(fake.command('deal-admin', { slug: 'microsoft-activision-blizzard-2022' }, strangerOwner(), 'edit'));
    await refused(fake.command('deal-admin', {}, strangerOwner(), 'stats'));
    expect(snapshot()).toBe(before);
  });

  it('buttons: a remove confirmation and an alias change are refused and write nothing', async () => {
    const before = snapshot();
    const slug = app.store.exportDeals()[0]!.slug;
    const targets: InvokeTarget[] = [
      { command: 'deal-admin', subcommand: 'remove-confirm', options: { slug } },
      { command: 'deal-admin', subcommand: 'alias-add', options: { organisation: 'Microsoft', alias: 'Evil Corp' } },
    ];
    for (const target of targets) {
      const id = encodeTarget(target);
      expect(id.length).toBeLessThanOrEqual(100);
      const click = fake.click(messageWith(id), id, strangerOwner());
      const r = await click.response();
      const data = r.kind === 'delete' ? {} : r.kind === 'callback' ? (r.data ?? {}) : r.data;
      // The card stays as it was; the refusal goes to the clicker alone.
      expect(JSON.stringify(data)).toMatch(/Only dealbot admins/);
    }
    expect(snapshot()).toBe(before);
  });

  it('modal submissions: a form opened at home and submitted from the stranger’s server is refused and saves nothing', async () => {
    const open = fake.command('deal-admin', {}, homeManager(), 'add');
    const { type, data: modal } = callback(await open.response());
    expect(type).toBe(9);
    const before = snapshot();
    const submit = fake.submitModal(
      modal,
      {
        title: 'Strangerco buys Microsoft',
        parties: 'Strangerco (acquirer); Microsoft (target)',
        details: 'Type: acquisition\nStatus: announced\nAnnounced: 2024-05-02\nValue: not disclosed',
        summary: 'A deal that must never be stored.',
        sources: 'https://example.com/stranger',
      },
      strangerOwner(),
    );
    const r = callback(await submit.response());
    expect(ephemeral(r.data)).toBe(true);
    expect(String(r.data.content)).toMatch(/Only dealbot admins/);
    expect(snapshot()).toBe(before);
  });

  it('autocomplete of admin commands offers nothing', async () => {
    const i = fake.autocomplete('deal-admin', 'slug', 'micro', strangerOwner());
    const { type, data } = callback(await i.response());
    expect(type).toBe(8);
    expect(data.choices).toEqual([]);
  });

  it('the same permissions in the configured server still make an admin', async () => {
    const i = fake.command('deal-admin', { organisation: 'Microsoft', alias: 'Home Alias Test' }, homeManager(), 'alias-add');
    const { data } = callback(await i.response());
    expect(String(data.content)).not.toMatch(/Only dealbot admins/);
    expect(app.store.listOrganisations().find((o) => o.name === 'Microsoft')!.aliases).toContain('Home Alias Test');
  });
});

describe('the policy', () => {
  const policy = { ...NO_ADMINS, discordUserIds: ['u-admin'], discordRoleIds: ['r-admin'], discordManagersAreAdmins: true, discordAdminGuildIds: ['g-home'] };
  it('admin user ids count everywhere; roles and Manage Server only in configured servers; nothing in DMs but user ids', () => {
    expect(isAdmin({ id: 'u-admin', platform: 'discord', guildId: 'g-stranger' }, policy)).toBe(true);
    expect(isAdmin({ id: 'u-admin', platform: 'discord' }, policy)).toBe(true);
    expect(isAdmin({ id: 'u1', platform: 'discord', roles: ['r-admin'], guildId: 'g-home' }, policy)).toBe(true);
    expect(isAdmin({ id: 'u1', platform: 'discord', canManageServer: true, guildId: 'g-home' }, policy)).toBe(true);
    expect(isAdmin({ id: 'u1', platform: 'discord', roles: ['r-admin'], guildId: 'g-stranger' }, policy)).toBe(false);
    expect(isAdmin({ id: 'u1', platform: 'discord', canManageServer: true, guildId: 'g-stranger' }, policy)).toBe(false);
    expect(isAdmin({ id: 'u1', platform: 'discord', roles: ['r-admin'], canManageServer: true }, policy)).toBe(false);
  });

  it('DISCORD_ADMIN_GUILD_IDS defaults to DISCORD_GUILD_ID, else to none', () => {
    expect(adminGuildIds(loadConfig({}))).toEqual([]);
    expect(adminGuildIds(loadConfig({ DISCORD_GUILD_ID: '123456789' }))).toEqual(['123456789']);
    expect(adminGuildIds(loadConfig({ DISCORD_GUILD_ID: '123456789', DISCORD_ADMIN_GUILD_IDS: '55555, 66666' }))).toEqual(['55555', '66666']);
    expect(() => loadConfig({ DISCORD_ADMIN_GUILD_IDS: 'home' })).toThrow(/DISCORD_ADMIN_GUILD_IDS/);
  });
});

describe('dealbot doctor', () => {
  const discord = { DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: '123456789' };
  const check = async (env: Record<string, string>) =>
    (await runDoctor({ dbPath: ':memory:', env, cwd: tmpdir() })).checks.find((c) => c.name === 'discord admin servers');

  it('says where roles and Manage Server count, and that user ids count everywhere', async () => {
    const c = await check({ ...discord, DISCORD_GUILD_ID: '111111111', DISCORD_ADMIN_USER_IDS: '222222222' });
    expect(c?.status).toBe('ok');
    expect(c?.detail).toMatch(/1 admin user id\(s\) count in every server/);
    expect(c?.detail).toMatch(/members with Manage Server count only in 111111111 \(from DISCORD_GUILD_ID\)/);
    expect(c?.detail).toMatch(/in any other server those members are ordinary users/);
  });

  it('warns when roles or Manage Server are on but no server is trusted', async () => {
    const c = await check({ ...discord, DISCORD_ADMIN_ROLE_IDS: '333333333' });
    expect(c?.status).toBe('warn');
    expect(c?.detail).toMatch(/grant nothing.*DISCORD_ADMIN_GUILD_IDS/);
  });
});
