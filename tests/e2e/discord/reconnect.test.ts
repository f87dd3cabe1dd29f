// A platform disconnect: Discord's gateway drops the connection; the real discord.js client reconnects (its resume
// is refused, so it starts a new session) and the bot answers again, with no restart. (Slack in HTTP mode holds no
// connection to lose; its Web API calls are retried by the adapter and covered by the Slack tests.)
import type { WebSocket } from 'ws';
import { afterAll, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../src/adapters/discord/start.ts';
import { createLogger } from '../../../src/log.ts';
import { FakeDiscord } from '../../fakes/discord.ts';
import { testApp } from '../../helpers/app.ts';

const app = testApp();
let fake: FakeDiscord | undefined;
let bot: RunningDiscord | undefined;
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  app.close();
});

async function until(ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('reconnects after the gateway drops the connection, and keeps answering', async () => {
  fake = await FakeDiscord.start();
  const config = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_ANSWERS: true };
  bot = await startDiscord({ app: { core: app.core, deals: app.deals }, config: config as never, log: createLogger('silent') });
  const member = fake.member({ id: '800000000000000009', username: 'carol' });
  const before = await fake.command('deal', { query: 'xiaomi microsoft' }, member).response();
  expect(before.kind).toBe('callback');
  expect(fake.identified).toBe(1);

  // The gateway drops every connection. The client reconnects and asks to resume its session; this gateway (like
  // Discord after a long outage) answers "invalid session", so the client must identify again from scratch.
  const sockets = (fake as unknown as { sockets: Set<WebSocket> }).sockets;
  const old = new Set(sockets);
  for (const s of old) s.terminate();
  await until(() => [...sockets].some((s) => !old.has(s)));
  await new Promise((r) => setTimeout(r, 200));
  for (const s of sockets) if (!old.has(s)) s.send(JSON.stringify({ op: 9, d: false }));
  await until(() => fake!.identified === 2);
  await new Promise((r) => setTimeout(r, 200));

  const after = await fake.command('deal', { query: 'xiaomi microsoft' }, member).response(0, 10_000);
  expect(after.kind).toBe('callback');
  expect(JSON.stringify(after)).toContain('Xiaomi');
  expect(fake.violations).toEqual([]);
});
