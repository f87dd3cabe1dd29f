// Acknowledge first, with the production settings: while the answer is not ready (the core is waiting on search
// workers, held here by a gate the test opens), the interaction is acknowledged with a deferral well inside Discord's
// 3 seconds, and the answer is edited in once it comes. The fake refuses an initial response after 3 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import type { App } from '../../../src/app.ts';
import type { Core } from '../../../src/core/core.ts';
import { FakeDiscord } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';
import { ALICE, callback, capturedLogger, footerOf, inThisTest } from './helpers.ts';

let fake: FakeDiscord;
let app: App;
let bot: RunningDiscord;
let gate: Promise<void> = Promise.resolve();
let arrived = 0;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  app = testApp();
  const core: Core = {
    ...app.core,
    async handle(inv) {
      arrived++;
      await gate;
      return app.core.handle(inv);
    },
  };
  // No deadlineMs: the production default.
  bot = await startDiscord({
    app: { core, deals: app.deals },
    config: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_ANSWERS: true },
    log: capturedLogger().log,
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  app?.close();
});

describe('acknowledge first', () => {
  it('defers while the answer is not ready, then edits the answer in', async () => {
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    const i = fake.command('deal', { query: 'xiaomi microsoft' }, fake.member(inThisTest(ALICE)));
    const first = callback(await i.response(0));
    // Acknowledged while the core still holds the answer.
    expect(arrived).toBe(1);
    expect(first.type).toBe(5);
    open();
    expect((await i.response(1)).kind).toBe('edit');
    expect(footerOf(fake.messages.get(i.original!.id)!)).toMatch(/^xiaomi-microsoft-mou-2018 /);
    expect(fake.violations).toEqual([]);
  });

  it('answers at once, without a deferral, when the answer is ready', async () => {
    gate = Promise.resolve();
    const i = fake.command('deal', { query: 'xiaomi microsoft' }, fake.member(inThisTest(ALICE)));
    const first = callback(await i.response(0));
    expect(first.type).toBe(4);
    expect(fake.violations).toEqual([]);
  });
});
