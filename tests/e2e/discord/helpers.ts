// Shared set-up for the Discord end-to-end tests: a fake Discord, the real app on the shipped corpus, the real client.
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { createLogger, type Logger } from '../../../src/log.ts';
import type { FakeMessage, FakeResponse, FakeUser } from '../../fakes/discord.ts';

export const ADMIN_ROLE = '700000000000000001';
export const ALICE = { id: '800000000000000001', username: 'alice' };
export const BOB = { id: '800000000000000002', username: 'bob' };

/**
 * The same person with an id of their own in each test. Tests run at machine speed, and with the production rate
 * limits one person sending every test's commands within a second would (rightly) be refused.
 */
export function inThisTest(user: FakeUser): FakeUser {
  let h = 0;
  for (const c of expect.getState().currentTestName ?? '') h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return { ...user, id: (BigInt(user.id) + BigInt(h % 1_000_000) * 1000n).toString() };
}

export function capturedLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { log: createLogger('info', sink), lines };
}

export function callback(r: FakeResponse): { type: number; data: Record<string, unknown>; body: Record<string, unknown> } {
  if (r.kind !== 'callback') throw new Error(`expected an initial response, got ${r.kind}`);
  return { type: r.type, data: r.data ?? {}, body: r.body };
}

export function embedOf(data: Record<string, unknown> | FakeMessage): Record<string, unknown> & { fields?: { name: string; value: string }[] } {
  const embeds = data.embeds as Record<string, unknown>[] | undefined;
  if (!embeds?.[0]) throw new Error(`no embed in ${JSON.stringify(data)}`);
  return embeds[0] as Record<string, unknown> & { fields?: { name: string; value: string }[] };
}

export function footerOf(data: Record<string, unknown> | FakeMessage): string {
  return String((embedOf(data).footer as { text: string }).text);
}
