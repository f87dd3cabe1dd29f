// Faults at the process level: SIGTERM finishes in-flight replies and closes the database; a handler exception or a
// stray exception from a library does not end the process.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../../src/core/core.ts';
import { createLogger } from '../../../src/log.ts';
import { installProcessGuards, shutdownGracefully } from '../../../src/ops/lifecycle.ts';
import { FakeSlack, SlackDriver } from '../../fakes/slack.ts';
import { testApp } from '../../helpers/app.ts';
import { spawnDealbot } from '../../helpers/spawn.ts';

const silent = createLogger('silent');
const tmp = mkdtempSync(join(tmpdir(), 'dealbot-lifecycle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('graceful shutdown', () => {
  it('stops the adapters, waits for replies in flight, then closes the database', async () => {
    const app = testApp({ fixtures: true });
    const order: string[] = [];
    const original = HANDLERS['deal-help']!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    HANDLERS['deal-help'] = async (inv, ctx) => {
      await gate;
      order.push('reply finished');
      return original(inv, ctx);
    };
    try {
      const pending = app.core.handle({ command: 'deal-help', options: {}, user: { id: 'U1', platform: 'slack' } });
      const done = shutdownGracefully(
        {
          adapters: [{ name: 'fake', stop: async () => void order.push('adapter stopped') }],
          drain: (ms) => app.core.drain(ms),
          close: () => {
            order.push('database closed');
            app.close();
          },
          log: silent,
        },
        { adaptersMs: 2_000, drainMs: 5_000 },
      );
      await new Promise((r) => setTimeout(r, 30));
      expect(app.store.db.open).toBe(true);
      release();
      expect((await pending).kind).toBe('help');
      expect(await done).toEqual({ clean: true });
      expect(order).toEqual(['adapter stopped', 'reply finished', 'database closed']);
      expect(app.store.db.open).toBe(false);
    } finally {
      HANDLERS['deal-help'] = original;
      app.close();
    }
  });

  it('still closes the database when an adapter hangs, and says the stop was not clean', async () => {
    const app = testApp({ fixtures: true });
    const r = await shutdownGracefully(
      {
        adapters: [{ name: 'stuck', stop: () => new Promise<void>(() => undefined) }, { name: 'broken', stop: () => Promise.reject(new Error('x')) }],
        drain: (ms) => app.core.drain(ms),
        close: () => app.close(),
        log: silent,
      },
      { adaptersMs: 50, drainMs: 50 },
    );
    expect(r.clean).toBe(false);
    expect(app.store.db.open).toBe(false);
  });
});

describe('surviving exceptions', () => {
  it('turns a handler exception into an error reply with a reference, and keeps answering', async () => {
    const app = testApp({ fixtures: true });
    const original = HANDLERS['deal-help']!;
    HANDLERS['deal-help'] = () => {
      throw new Error('boom');
    };
    try {
      const r = await app.core.handle({ command: 'deal-help', options: {}, user: { id: 'U1', platform: 'slack' } });
      expect(r.kind === 'error' && r.code).toBe('internal');
      if (r.kind === 'error') expect(r.ref).toMatch(/^[0-9a-f]{8}$/);
    } finally {
      HANDLERS['deal-help'] = original;
    }
    const next = await app.core.handle({ command: 'deal', options: { query: 'acme globex' }, user: { id: 'U1', platform: 'slack' } });
    expect(next.kind).toBe('deal');
    app.close();
  });

  it('logs stray exceptions and rejections and keeps running; a burst exits for the supervisor', () => {
    const proc = new EventEmitter();
    let exits = 0;
    const lines: string[] = [];
    const log = createLogger('error', { write: (s: string) => lines.push(s) } as unknown as NodeJS.WritableStream);
    const remove = installProcessGuards(log, { maxPerMinute: 3, onTooMany: () => exits++, now: () => 0 }, proc);
    proc.emit('uncaughtException', new Error('from a timer'));
    proc.emit('unhandledRejection', new Error('from a promise'));
    proc.emit('unhandledRejection', 'not even an error');
    expect(exits).toBe(0);
    expect(lines.join('')).toContain('from a timer');
    proc.emit('uncaughtException', new Error('one too many'));
    expect(exits).toBe(1);
    remove();
    expect(proc.listenerCount('uncaughtException')).toBe(0);
  });
});

/** A response_url endpoint that answers slowly, so replies are still in flight when the signal arrives. */
async function slowResponder(delayMs: number): Promise<{ server: Server; url: (id: string) => string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      setTimeout(() => {
        received.push(`${req.url}:${body.length > 0 ? 'body' : 'empty'}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, url: (id) => `http://127.0.0.1:${port}/respond/${id}`, received };
}

describe('SIGTERM on the real process', () => {
  it('finishes the replies in flight, closes the database and exits 0', async () => {
    const fake = new FakeSlack();
    await fake.start();
    const responder = await slowResponder(400);
    const db = join(tmp, 'sigterm.db');
    const secret = 'sigterm-test-secret';
    const bot = spawnDealbot(['--db', db, 'start'], {
      cwd: tmp,
      env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, SLACK_PORT: '0', LOG_LEVEL: 'info' },
    });
    try {
      const listening = await bot.waitForLog((l) => l.msg === 'slack HTTP mode listening on /slack/events');
      const driver = new SlackDriver(`http://127.0.0.1:${String(listening.port)}`, secret);
      const n = 8;
      const acks = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          driver.slash({
            command: '/deal',
            text: 'xiaomi microsoft',
            user_id: `U${i}`,
            channel_id: 'C1',
            response_url: responder.url(String(i)),
            trigger_id: fake.trigger(),
          }),
        ),
      );
      expect(acks.map((a) => a.status)).toEqual(Array(n).fill(200));
      // Every request is acknowledged; its answer is still on its way to the (slow) response_url.
      expect(responder.received.length).toBeLessThan(n);
      bot.child.kill('SIGTERM');
      const exit = await bot.exited;
      expect(exit.code).toBe(0);
      expect(responder.received).toHaveLength(n);
      expect(bot.logs().find((l) => l.msg === 'stopped')).toMatchObject({ clean: true });
      // Closed properly: the write-ahead log was checkpointed and removed, and the file is sound.
      expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
      const check = new Database(db, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
      // The token never reached the log.
      expect(bot.stderr()).not.toContain('xoxb-test-token');
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await fake.stop();
      responder.server.closeAllConnections();
      await new Promise<void>((r) => responder.server.close(() => r()));
    }
  });
});
