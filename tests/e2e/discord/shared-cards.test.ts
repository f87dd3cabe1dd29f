// Issue 12, item 7: any member could replace someone else's public Discord card by clicking its alternative buttons.
// Through the real discord.js client: the asker's click switches the card in place; another member's click is
// answered privately and the shared card stays as it was.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import type { App } from '../../../src/app.ts';
import { FakeDiscord } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { ALICE, BOB, callback, capturedLogger, footerOf } from './helpers.ts';

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
afterEach(() => expect(fake.violations.splice(0)).toEqual([]));

it("another member's click on an alternative is answered privately; the shared card does not change", async () => {
  const asked = fake.command('deal', { query: 'xiaomi microsoft' }, fake.member(ALICE));
  await asked.response();
  const card = asked.original!;
  const before = footerOf(fake.messages.get(card.id)!);
  const alt = fake.buttons(card).find((b) => String(b.custom_id).includes('xiaomi-microsoft-patents-2016'))!;

  const bobs = fake.click(card, String(alt.custom_id), fake.member(BOB));
  const { type, data } = callback(await bobs.response());
  expect(type).toBe(4);
  expect(Number(data.flags ?? 0) & 64).toBe(64);
  expect(footerOf(data)).toMatch(/^xiaomi-microsoft-patents-2016 /);
  expect(footerOf(fake.messages.get(card.id)!)).toBe(before);

  const alices = fake.click(card, String(alt.custom_id), fake.member(ALICE));
  expect(callback(await alices.response()).type).toBe(7);
  expect(footerOf(fake.messages.get(card.id)!)).toMatch(/^xiaomi-microsoft-patents-2016 /);
});

it("another member's Next on a public /deals list gets the next page privately", async () => {
  const list = fake.command('deals', {}, fake.member(ALICE));
  await list.response();
  const msg = list.original!;
  const before = footerOf(fake.messages.get(msg.id)!);
  const next = fake.click(msg, 'deals?page=2', fake.member(BOB));
  const { type, data } = callback(await next.response());
  expect(type).toBe(4);
  expect(Number(data.flags ?? 0) & 64).toBe(64);
  expect(footerOf(data)).toMatch(/^Page 2 of/);
  expect(footerOf(fake.messages.get(msg.id)!)).toBe(before);
});
