// End to end: the real discord.js client, logged in to a strict fake Discord, answering /deal and /deals from the
// shipped corpus.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import { registrationPayload, deployCommands } from '../../../src/adapters/discord/register.ts';
import { COMMANDS } from '../../../commands/index.ts';
import type { SqliteApp as App } from '../../../src/app.ts';
import { FakeDiscord, type FakeMessage } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { ALICE, callback, inThisTest, capturedLogger, embedOf, footerOf } from './helpers.ts';

let fake: FakeDiscord;
let app: App;
let bot: RunningDiscord;
const { log } = capturedLogger();
const config = () => ({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_ANSWERS: true });

beforeAll(async () => {
  fake = await FakeDiscord.start();
  app = testApp();
  bot = await startDiscord({ app, config: config(), log });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  app?.close();
});

afterEach(() => {
  expect(fake.violations.splice(0)).toEqual([]);
});

const alice = () => fake.member(inThisTest(ALICE));

describe('discord adapter against a fake Discord', () => {
  it('logs in over the gateway with the non-privileged intents only (Guilds, GuildMessages, DirectMessages)', () => {
    expect(fake.identified).toBe(1);
    expect(bot.client.isReady()).toBe(true);
    expect(bot.client.user?.id).toBe(fake.botUser.id);
    expect(bot.client.options.intents.bitfield).toBe(1 | (1 << 9) | (1 << 12));
    expect(fake.identifies).toEqual([1 | (1 << 9) | (1 << 12)]);
    expect(bot.client.options.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('registers exactly the commands in commands/, hidden subcommands left out', async () => {
    const result = await deployCommands({ token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl });
    expect(result.scope).toBe('guild');
    const [reg] = fake.registrations.splice(0);
    expect(reg?.path).toBe(`/api/v10/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(reg?.body).toEqual(JSON.parse(JSON.stringify(registrationPayload())));
    const body = reg!.body as { name: string; options: { name: string }[]; default_member_permissions?: string }[];
    expect(body.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    const admin = body.find((c) => c.name === 'deal-admin')!;
    expect(admin.default_member_permissions).toBe('32');
    expect(admin.options.map((o) => o.name)).not.toContain('save');
    expect(admin.options.map((o) => o.name)).not.toContain('remove-confirm');

    await deployCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
    expect(fake.registrations.splice(0)[0]?.path).toBe(`/api/v10/applications/${fake.applicationId}/commands`);
  });

  it('/deal xiaomi microsoft answers publicly with the MoU card', async () => {
    const i = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    const { type, data, body } = callback(await i.response());
    expect(type).toBe(4);
    expect(Number(data.flags ?? 0) & 64).toBe(0);
    expect((body.data as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
    const embed = embedOf(data);
    expect(String(embed.title)).toMatch(/Xiaomi/);
    expect(footerOf(data)).toMatch(/^xiaomi-microsoft-mou-2018 · version \d+$/);
    const names = embed.fields!.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Parties', 'Type', 'Status', 'Announced', 'Value', 'Sources']));
    expect(embed.fields!.find((f) => f.name === 'Type')!.value).toMatch(/^MoU/);
    expect(embed.fields!.find((f) => f.name === 'Parties')!.value).toMatch(/Xiaomi[\s\S]*Microsoft|Microsoft[\s\S]*Xiaomi/);
    const links = fake.buttons(i.original!).filter((b) => b.style === 5);
    expect(links.length).toBeGreaterThan(0);
  });

  it('autocomplete for "xiam" lists the MoU first, and choosing it opens exactly that deal', async () => {
    const ac = fake.autocomplete('deal', 'query', 'xiam', alice());
    const { type, data } = callback(await ac.response());
    expect(type).toBe(8);
    const choices = data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]!.value).toBe('xiaomi-microsoft-mou-2018');

    const open = fake.command('deal', { query: choices[0]!.value }, alice());
    expect(footerOf(callback(await open.response()).data)).toMatch(/^xiaomi-microsoft-mou-2018 /);
  });

  it('autocomplete answers with at most 25 valid choices for an empty query', async () => {
    const ac = fake.autocomplete('deal', 'query', '', alice());
    const choices = callback(await ac.response()).data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('an alternative button switches the card in place for the member who asked', async () => {
    const i = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    await i.response();
    const msg = i.original!;
    const alt = fake.buttons(msg).find((b) => String(b.custom_id).includes('xiaomi-microsoft-patents-2016'));
    expect(alt).toBeDefined();
    const click = fake.click(msg, String(alt!.custom_id), alice());
    const { type } = callback(await click.response());
    expect(type).toBe(7);
    expect(footerOf(fake.messages.get(msg.id)!)).toMatch(/^xiaomi-microsoft-patents-2016 /);
  });

  it('a not-found reply offers the did-you-mean suggestions as buttons that open the card', async () => {
    const i = fake.command('deal', { query: 'xiaomi zebra' }, alice());
    const { type, data } = callback(await i.response());
    expect(type).toBe(4);
    expect(String(data.content)).toMatch(/No deal found/);
    const buttons = fake.buttons(i.original!);
    expect(buttons.length).toBeGreaterThan(0);
    const mou = buttons.find((b) => String(b.label).includes('Xiaomi and Microsoft'));
    expect(mou).toBeDefined();
    const click = fake.click(i.original!, String(mou!.custom_id), alice());
    expect(callback(await click.response()).type).toBe(7);
    const updated = fake.messages.get(i.original!.id)!;
    expect(updated.content).toMatch(/^Xiaomi and Microsoft signed a memorandum of understanding/);
    expect(footerOf(updated)).toMatch(/^xiaomi-microsoft-mou-2018 /);
  });

  it('/deals pages with Prev/Next buttons whose state is in the custom id, also after a restart', async () => {
    const i = fake.command('deals', {}, alice());
    const { data } = callback(await i.response());
    expect(footerOf(data)).toMatch(/^Page 1 of \d+/);
    const msg: FakeMessage = i.original!;
    const next = fake.buttons(msg).find((b) => String(b.label).startsWith('Next'));
    expect(next?.custom_id).toBe('deals?page=2');

    const toPage2 = fake.click(msg, 'deals?page=2', alice());
    expect(callback(await toPage2.response()).type).toBe(7);
    expect(footerOf(fake.messages.get(msg.id)!)).toMatch(/^Page 2 of /);
    const prev = fake.buttons(fake.messages.get(msg.id)!).find((b) => String(b.label).includes('Previous'));
    expect(prev?.custom_id).toBe('deals?page=1');

    // A new process knows nothing of the old one: the buttons still work.
    await bot.stop();
    bot = await startDiscord({ app, config: config(), log });
    const back = fake.click(fake.messages.get(msg.id)!, 'deals?page=1', alice());
    expect(callback(await back.response()).type).toBe(7);
    expect(footerOf(fake.messages.get(msg.id)!)).toMatch(/^Page 1 of /);
  });

  it('choosing a deal from a list opens it as a new answer and leaves the list in place', async () => {
    const i = fake.command('deals', {}, alice());
    await i.response();
    const select = i.original!.components.flatMap((r) => r.components as Record<string, unknown>[]).find((c) => c.type === 3)!;
    const first = (select.options as { value: string }[])[0]!.value;
    const pick = fake.select(i.original!, String(select.custom_id), first, alice());
    const { type, data } = callback(await pick.response());
    expect(type).toBe(4);
    expect(footerOf(data)).toContain(first.replace('deal?query=', ''));
    expect(footerOf(fake.messages.get(i.original!.id)!)).toMatch(/^Page 1/);
  });

  it('stored text with @everyone goes out with no mention allowed and made inert', async () => {
    const [base] = app.store.listDeals({ limit: 1 }).deals;
    const deal = { ...base!.deal, slug: 'everyone-test-2020', title: 'Ping test @everyone', summary: 'Hello @everyone and @here <@&123> **bold**' };
    app.store.createDeal(deal, { id: 'test', platform: 'test' });
    const i = fake.command('deal', { query: 'everyone-test-2020' }, alice());
    const { body, data } = callback(await i.response());
    expect((body.data as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
    const embed = embedOf(data);
    expect(String(embed.description)).not.toMatch(/@everyone|@here|<@&/);
    expect(String(embed.description)).toContain('\\*\\*bold\\*\\*');

    // The user's own text echoed in a not-found message is message content: it must not ping either.
    const nf = fake.command('deal', { query: '@everyone zzzqqq' }, alice());
    const r = callback(await nf.response());
    expect((r.body.data as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
    expect(String(r.data.content)).not.toContain('@everyone');
  });
});
