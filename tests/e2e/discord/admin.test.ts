// End to end: admin work through Discord modals and buttons, and refusals for members who are not admins.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import type { SqliteApp as App } from '../../../src/app.ts';
import { FakeDiscord, type FakeInteraction } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { ADMIN_ROLE, ALICE, BOB, callback, inThisTest, capturedLogger, footerOf } from './helpers.ts';

let fake: FakeDiscord;
let app: App;
let bot: RunningDiscord;
const { log } = capturedLogger();

beforeAll(async () => {
  fake = await FakeDiscord.start();
  app = testApp({ policy: { discordRoleIds: [ADMIN_ROLE], discordAdminGuildIds: [fake.guildId] } });
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

const admin = () => fake.member(inThisTest(ALICE), [ADMIN_ROLE]);
const member = () => fake.member(inThisTest(BOB), ['700000000000000099']);
const ephemeral = (data: Record<string, unknown>) => (Number(data.flags ?? 0) & 64) === 64;

async function modalOf(i: FakeInteraction): Promise<Record<string, unknown>> {
  const { type, data } = callback(await i.response());
  expect(type).toBe(9);
  return data;
}

const NEW_DEAL = {
  title: 'Zephyrtech and Quillora sign a test MoU on quantum widgets',
  parties: 'Zephyrtech (partner); Quillora (partner)',
  details: 'Type: mou\nStatus: signed\nAnnounced: 2024-05-02\nValue: not disclosed',
  summary: 'An invented deal for the Discord tests: the two firms agree to study quantum widgets together.',
  sources: 'https://example.com/zephyrtech-quillora | Example News | Zephyrtech and Quillora sign MoU | 2024-05-02',
};

describe('discord admin flows', () => {
  it("a member who is not an admin is refused privately, and nothing opens", async () => {
    const i = fake.command('deal-admin', {}, member(), 'add');
    const { type, data } = callback(await i.response());
    expect(type).toBe(4);
    expect(ephemeral(data)).toBe(true);
    expect(String(data.content)).toMatch(/Only dealbot admins/);
  });

  it('a member with Manage Server but no admin role is still refused (the policy decides)', async () => {
    const i = fake.command('deal-admin', {}, fake.member(BOB, [], String(1n << 5n)), 'stats');
    const { data } = callback(await i.response());
    expect(ephemeral(data)).toBe(true);
    expect(String(data.content)).toMatch(/Only dealbot admins/);
  });

  it('an admin adds a deal through the modal and then finds it with /deal', async () => {
    const modal = await modalOf(fake.command('deal-admin', {}, admin(), 'add'));
    expect(String(modal.custom_id)).toMatch(/^~f:/);
    expect(modal.title).toBe('Add a deal');
    expect((modal.components as unknown[]).length).toBe(5);

    const submit = fake.submitModal(modal, NEW_DEAL, admin());
    const { type, data } = callback(await submit.response());
    expect(type).toBe(4);
    expect(ephemeral(data)).toBe(true);
    expect(String(data.content)).toMatch(/^✔ Added/);

    const find = fake.command('deal', { query: 'zephyrtech quillora' }, member());
    const card = callback(await find.response()).data;
    expect(footerOf(card)).toMatch(/^zephyrtech-and-quillora/);
  });

  it('validation errors come back privately with a button that reopens the form with the values typed', async () => {
    const modal = await modalOf(fake.command('deal-admin', {}, admin(), 'add'));
    const bad = { ...NEW_DEAL, title: 'A second invented deal', details: 'Type: banana\nStatus: signed\nAnnounced: 2024-05-03' };
    const submit = fake.submitModal(modal, bad, admin());
    const { data } = callback(await submit.response());
    expect(ephemeral(data)).toBe(true);
    expect(String(data.content)).toMatch(/fixing/);
    expect(String(data.content)).toMatch(/details/);
    const msg = submit.original!;
    const fix = fake.buttons(msg).find((b) => b.label === 'Fix the form');
    expect(fix).toBeDefined();

    const reopened = await modalOf(fake.click(msg, String(fix!.custom_id), admin()));
    const inputs = (reopened.components as { component: { custom_id: string; value?: string } }[]).map((c) => c.component);
    expect(inputs.find((c) => c.custom_id === 'title')?.value).toBe('A second invented deal');
    expect(inputs.find((c) => c.custom_id === 'details')?.value).toContain('banana');

    // Fixed and sent again from the reopened form: saved.
    const again = fake.submitModal(reopened, { details: 'Type: partnership\nStatus: signed\nAnnounced: 2024-05-03' }, admin());
    expect(String(callback(await again.response()).data.content)).toMatch(/^✔ Added/);
  });

  it('edit keeps the fields the modal cannot show, and the submit target (slug, version) survives', async () => {
    const before = app.store.getDeal('xiaomi-microsoft-mou-2018')!;
    const modal = await modalOf(fake.command('deal-admin', { slug: 'xiaomi-microsoft-mou-2018' }, admin(), 'edit'));
    const submit = fake.submitModal(modal, { summary: before.deal.summary + ' Edited in a Discord test.' }, admin());
    expect(String(callback(await submit.response()).data.content)).toMatch(/^✔ Saved/);
    const after = app.store.getDeal('xiaomi-microsoft-mou-2018')!;
    expect(after.version).toBe(before.version + 1);
    expect(after.deal.summary).toMatch(/Edited in a Discord test\.$/);
    expect(after.deal.areas).toEqual(before.deal.areas);
    expect(after.deal.quotes).toEqual(before.deal.quotes);
  });

  it('remove asks first, then offers undo; both switch the private message in place', async () => {
    const ask = fake.command('deal-admin', { slug: 'zephyrtech-and-quillora-sign-a-test-mou-on-quantum-widgets-2024' }, admin(), 'remove');
    const { data } = callback(await ask.response());
    expect(ephemeral(data)).toBe(true);
    const confirm = fake.buttons(ask.original!).find((b) => b.label === 'Remove');
    expect(confirm?.style).toBe(4);
    const done = fake.click(ask.original!, String(confirm!.custom_id), admin());
    expect(callback(await done.response()).type).toBe(7);
    const removedMsg = fake.messages.get(ask.original!.id)!;
    expect(removedMsg.content).toMatch(/^✔ Removed/);
    expect(app.store.getDeal('zephyrtech-and-quillora-sign-a-test-mou-on-quantum-widgets-2024')).toBeUndefined();

    const undo = fake.buttons(removedMsg).find((b) => b.label === 'Undo');
    const restored = fake.click(removedMsg, String(undo!.custom_id), admin());
    expect(callback(await restored.response()).type).toBe(7);
    expect(fake.messages.get(ask.original!.id)!.content).toMatch(/^✔ Restored/);
    expect(app.store.getDeal('zephyrtech-and-quillora-sign-a-test-mou-on-quantum-widgets-2024')).toBeDefined();
  });

  it('two clicks on Remove in quick succession remove the deal once: both are acknowledged, one audit entry', async () => {
    const slug = 'xiaomi-microsoft-patents-2016';
    expect(app.store.getDeal(slug)).toBeDefined();
    const ask = fake.command('deal-admin', { slug }, admin(), 'remove');
    await ask.response();
    const confirm = fake.buttons(ask.original!).find((b) => b.label === 'Remove')!;
    // Both presses are sent before either is answered, as a double click does.
    const first = fake.click(ask.original!, String(confirm.custom_id), admin());
    const second = fake.click(ask.original!, String(confirm.custom_id), admin());
    const answers = await Promise.all([first.response(), second.response()]);
    for (const a of answers) expect([4, 6, 7]).toContain(callback(a).type);
    // One switches the message to "Removed"; the other is told privately that the deal is gone, and nothing else.
    const contents = answers.map((a) => String(callback(a).data.content ?? ''));
    expect(contents.filter((c) => /^✔ Removed/.test(c))).toHaveLength(1);
    const other = answers.find((a) => !/^✔ Removed/.test(String(callback(a).data.content ?? '')))!;
    expect(ephemeral(callback(other).data)).toBe(true);
    expect(app.store.getDeal(slug)).toBeUndefined();
    expect(app.store.history({ subject: slug }).filter((e) => e.action === 'deal.remove')).toHaveLength(1);
  });

  it('a confirm button pressed by a non-admin is refused at the moment of the write', async () => {
    const ask = fake.command('deal-admin', { slug: 'xiaomi-microsoft-mou-2018' }, admin(), 'remove');
    await ask.response();
    const confirm = fake.buttons(ask.original!).find((b) => b.label === 'Remove')!;
    const press = fake.click(ask.original!, String(confirm.custom_id), member());
    const { type, data } = callback(await press.response());
    expect([4, 7]).toContain(type);
    expect(String(data.content)).toMatch(/Only dealbot admins/);
    expect(app.store.getDeal('xiaomi-microsoft-mou-2018')).toBeDefined();

    const cancel = fake.click(ask.original!, '~cancel', admin());
    expect(callback(await cancel.response()).type).toBe(7);
    expect(fake.messages.get(ask.original!.id)!.components).toEqual([]);
  });

  it('aliases, history and stats answer privately', async () => {
    const alias = fake.command('deal-admin', { organisation: 'Xiaomi', alias: 'Xiaomi Test Alias' }, admin(), 'alias-add');
    const a = callback(await alias.response()).data;
    expect(ephemeral(a)).toBe(true);
    expect(String(a.content)).toMatch(/now finds Xiaomi/);

    const history = fake.command('deal-admin', { slug: 'xiaomi-microsoft-mou-2018' }, admin(), 'history');
    const h = callback(await history.response()).data;
    expect(ephemeral(h)).toBe(true);
    expect(String((h.embeds as { title: string }[])[0]!.title)).toMatch(/History of xiaomi-microsoft-mou-2018/);

    const stats = fake.command('deal-admin', { days: 7 }, admin(), 'stats');
    const s = callback(await stats.response()).data;
    expect(ephemeral(s)).toBe(true);
    expect(String((s.embeds as { title: string }[])[0]!.title)).toMatch(/7 days/);
  });
});
