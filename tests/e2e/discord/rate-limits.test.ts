// With the production rate limits (testApp uses DEFAULT_SETTINGS), the real discord.js client against the fake
// Discord answers a person at a person's pace: two /deal commands in quick succession, a button on the answer just
// received, and only refuses a flood.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/context.ts';
import type { App } from '../../../src/app.ts';
import { FakeDiscord } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { callback, capturedLogger, embedOf, footerOf } from './helpers.ts';

let fake: FakeDiscord;
let app: App;
let bot: RunningDiscord;
const { log } = capturedLogger();

beforeAll(async () => {
  fake = await FakeDiscord.start();
  app = testApp();
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

describe('Discord at a person’s pace, with the production rate limits', () => {
  it('runs with the production settings', () => {
    expect(app.core.context.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('answers two /deal commands sent 200 ms apart', async () => {
    const carol = fake.member({ id: '800000000000000101', username: 'carol' });
    const first = fake.command('deal', { query: 'xiaomi microsoft' }, carol);
    expect(footerOf(callback(await first.response()).data)).toMatch(/^xiaomi-microsoft-mou-2018 /);
    await sleep(200);
    const second = fake.command('deal', { query: 'msft github' }, carol);
    const { data } = callback(await second.response());
    expect(String(data.content ?? '')).not.toMatch(/One moment/);
    expect(String(embedOf(data).title)).toMatch(/GitHub/);
  });

  it('follows a button on the answer 100 ms after it arrived', async () => {
    const dave = fake.member({ id: '800000000000000102', username: 'dave' });
    const i = fake.command('deal', { query: 'xiaomi microsoft' }, dave);
    await i.response();
    const alt = fake.buttons(i.original!).find((b) => String(b.custom_id).includes('xiaomi-microsoft-patents-2016'));
    await sleep(100);
    const click = fake.click(i.original!, String(alt!.custom_id), dave);
    expect(callback(await click.response()).type).toBe(7);
    expect(footerOf(fake.messages.get(i.original!.id)!)).toMatch(/^xiaomi-microsoft-patents-2016 /);
  });

  it('still refuses a flood of commands from one person, privately', async () => {
    const erin = fake.member({ id: '800000000000000103', username: 'erin' });
    const answers: string[] = [];
    for (let n = 0; n < DEFAULT_SETTINGS.userBurst + 2; n++) {
      const i = fake.command('deal-help', {}, erin);
      const { data } = callback(await i.response());
      answers.push(String(data.content ?? '') + JSON.stringify(data.embeds ?? []));
      if (/One moment/.test(answers.at(-1)!)) expect(Number(data.flags ?? 0) & 64).toBe(64);
    }
    expect(answers.filter((a) => /One moment/.test(a)).length).toBeGreaterThan(0);
  });
});
