// End to end: failures never crash the process, slow answers are deferred in time, a bad token is reported.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscordLoginError, startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import type { App } from '../../../src/app.ts';
import type { Core } from '../../../src/core/core.ts';
import { FakeDiscord } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { ALICE, callback, inThisTest, capturedLogger, footerOf } from './helpers.ts';

let fake: FakeDiscord;
let app: App;
let bot: RunningDiscord;
let mode: 'normal' | 'throw' | 'slow' = 'normal';
const { log, lines } = capturedLogger();
const config = (extra: Record<string, unknown> = {}) => ({
  DISCORD_TOKEN: fake.token,
  DISCORD_API_URL: fake.apiUrl,
  DISCORD_PUBLIC_ANSWERS: true,
  ...extra,
});

beforeAll(async () => {
  fake = await FakeDiscord.start();
  app = testApp();
  const core: Core = {
    ...app.core,
    async handle(inv) {
      if (mode === 'throw') throw new Error('the store caught fire');
      if (mode === 'slow') await new Promise((r) => setTimeout(r, 400));
      return app.core.handle(inv);
    },
  };
  bot = await startDiscord({ app: { core, deals: app.deals }, config: config(), log, deadlineMs: 100 });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  app?.close();
});

afterEach(() => {
  mode = 'normal';
  fake.delayCreation = 0;
  expect(fake.violations.splice(0)).toEqual([]);
});

const alice = () => fake.member(inThisTest(ALICE));

describe('discord adapter resilience', () => {
  it('an exception in a handler answers privately with a reference id, logs it, and the bot keeps answering', async () => {
    mode = 'throw';
    const i = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    const { type, data } = callback(await i.response());
    expect(type).toBe(4);
    expect(Number(data.flags) & 64).toBe(64);
    const ref = /reference ([0-9a-f]{8})/.exec(String(data.content))?.[1];
    expect(ref).toBeDefined();
    const logged = lines.find((l) => l.includes(ref!) && l.includes('discord interaction failed'));
    expect(logged).toContain('the store caught fire');
    expect(String(data.content)).not.toContain('the store caught fire');

    mode = 'normal';
    const again = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    expect(footerOf(callback(await again.response()).data)).toMatch(/^xiaomi-microsoft-mou-2018 /);
  });

  it('an interaction that arrives after its 3-second window is skipped and logged; fresh ones are still answered', async () => {
    // Prime the clock-offset estimate with a fresh interaction, then send one created 4 s ago.
    callback(await fake.command('deal', { query: 'xiaomi microsoft' }, alice()).response());
    fake.delayCreation = 4_000;
    const stale = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    await expect(stale.response(0, 600)).rejects.toThrow(/no response/);
    expect(lines.some((l) => l.includes(stale.id) && l.includes('too late to acknowledge'))).toBe(true);
    fake.delayCreation = 0;
    const fresh = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    expect(footerOf(callback(await fresh.response()).data)).toMatch(/^xiaomi-microsoft-mou-2018 /);
  });

  it('a slow answer is deferred within the deadline, then edited in', async () => {
    mode = 'slow';
    const i = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    const first = callback(await i.response(0));
    expect(first.type).toBe(5);
    expect(Number(first.data.flags ?? 0) & 64).toBe(0);
    const second = await i.response(1);
    expect(second.kind).toBe('edit');
    expect(footerOf(fake.messages.get(i.original!.id)!)).toMatch(/^xiaomi-microsoft-mou-2018 /);
  });

  it('a slow error after a public deferral drops the placeholder and answers privately', async () => {
    mode = 'slow';
    const i = fake.command('deals', { year: 1800 }, alice());
    expect(callback(await i.response(0)).type).toBe(5);
    expect((await i.response(1)).kind).toBe('delete');
    const follow = await i.response(2);
    expect(follow.kind).toBe('followup');
    if (follow.kind !== 'followup') return;
    expect(Number(follow.data.flags) & 64).toBe(64);
    expect(String(follow.data.content)).toMatch(/year/);
  });

  it('a slow button press is acknowledged with a deferred update, then the message is edited', async () => {
    const list = fake.command('deals', {}, alice());
    await list.response();
    mode = 'slow';
    const click = fake.click(list.original!, 'deals?page=2', alice());
    expect(callback(await click.response(0)).type).toBe(6);
    expect((await click.response(1)).kind).toBe('edit');
    expect(footerOf(fake.messages.get(list.original!.id)!)).toMatch(/^Page 2 of /);
  });

  it('a rejected token is reported clearly, never logged, and the running bot stays up', async () => {
    const before = lines.length;
    const bad = 'not-the-right-token-123456';
    await expect(startDiscord({ app, config: config({ DISCORD_TOKEN: bad }), log })).rejects.toThrow(DiscordLoginError);
    await expect(startDiscord({ app, config: config({ DISCORD_TOKEN: bad }), log })).rejects.toThrow(/rejected DISCORD_TOKEN/);
    const newLines = lines.slice(before);
    expect(newLines.some((l) => l.includes('Discord login failed') && l.includes('401'))).toBe(true);
    expect(newLines.join('\n')).not.toContain(bad);

    const i = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    expect(callback(await i.response()).type).toBe(4);
  });

  it('with DISCORD_PUBLIC_ANSWERS=false answers in servers are private', async () => {
    await bot.stop();
    bot = await startDiscord({ app, config: config({ DISCORD_PUBLIC_ANSWERS: false }), log });
    const i = fake.command('deal', { query: 'xiaomi microsoft' }, alice());
    const { data } = callback(await i.response());
    expect(Number(data.flags) & 64).toBe(64);
  });
});
