// Start-up robustness and Socket Mode: an unreachable Slack is reported and retried without crashing; Socket Mode
// connects through apps.connections.open to a loopback WebSocket and answers a slash command envelope.
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/start.ts';
import { createLogger } from '../../../src/log.ts';
import { testApp } from '../../helpers/app.ts';
import { FakeSlack } from '../../fakes/slack.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function until(check: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { log: createLogger('info', stream), lines };
}

describe('when Slack is unreachable at start-up', () => {
  it('keeps serving, reports the failed auth.test, retries, and recovers when Slack comes back', async () => {
    const fake = new FakeSlack();
    await fake.start();
    cleanups.push(() => fake.stop());
    fake.unreachable = true;
    const app = testApp();
    cleanups.push(() => app.close());
    const { log, lines } = capturingLogger();
    const slack: SlackAdapter = createSlackApp({
      core: app.core,
      shared: app.deals,
      log,
      botToken: 'xoxb-test-secret-token-123456',
      signingSecret: 's',
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      retry: { initialMs: 20, maxMs: 40 },
      clientOptions: { retryConfig: { retries: 0 } },
    });
    const { port } = await slack.start();
    cleanups.push(() => slack.stop());
    await until(() => lines.filter((l) => String(l.msg).includes('auth.test failed')).length >= 2, 'two reported attempts');
    const health = (await (await fetch(`http://127.0.0.1:${port!}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, slackVerified: false });
    fake.unreachable = false;
    await until(() => slack.verified(), 'auth.test to succeed');
    expect(JSON.stringify(lines)).not.toContain('xoxb-test-secret-token-123456');
  });
});

describe('Socket Mode', () => {
  it('connects over a loopback WebSocket and answers /deal through the response_url', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const received: Record<string, unknown>[] = [];
    let socket: WebSocket | undefined;
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (m) => received.push(JSON.parse(String(m)) as Record<string, unknown>));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'test' } }));
    });
    const fake = new FakeSlack({ socketUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/` });
    await fake.start();
    cleanups.push(() => fake.stop());
    const app = testApp();
    cleanups.push(() => app.close());
    const slack = createSlackApp({
      core: app.core,
      shared: app.deals,
      log: createLogger('silent'),
      botToken: 'xoxb-test',
      appToken: 'xapp-1-test',
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      clientOptions: { retryConfig: { retries: 0 } },
    });
    expect(slack.mode).toBe('socket');
    const { port } = await slack.start();
    cleanups.push(() => slack.stop());
    expect((await fetch(`http://127.0.0.1:${port!}/healthz`)).status).toBe(200);
    // The health server is dealbot's own: it serves /healthz and nothing else.
    expect((await fetch(`http://127.0.0.1:${port!}/slack/install`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port!}/healthz`, { method: 'POST' })).status).toBe(404);
    await until(() => socket !== undefined, 'the WebSocket connection');
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    const responseUrl = fake.responseUrl('sock1');
    socket!.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: { command: '/deal', text: 'xiaomi microsoft', user_id: 'U1', user_name: 'u1', channel_id: 'C1', team_id: 'T1', response_url: responseUrl, trigger_id: fake.trigger(), api_app_id: 'A1' },
      }),
    );
    await until(() => received.some((m) => m.envelope_id === 'env-1'), 'the envelope ack');
    await until(() => fake.respondedTo('sock1').length > 0, 'the answer at the response_url');
    const answer = fake.respondedTo('sock1')[0]!;
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.blocks)).toContain('xiaomi-microsoft-mou-2018');
    expect(fake.violations).toEqual([]);
  });
});
