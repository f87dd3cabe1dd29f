// The Slack adapter's start-up: builds the Bolt app (Socket Mode when SLACK_APP_TOKEN is set, HTTP mode with the
// signing secret otherwise), wires the listeners, serves /healthz, and keeps Slack trouble from stopping the process:
// the token check (auth.test) and the Socket Mode connection are retried in the background and reported in the log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { AdapterStarter, RunningAdapter } from '../adapter.ts';
import { boltLogger, normaliseApiUrl, refuseFutureRequests } from './bolt.ts';
import type { Core } from '../../core/core.ts';
import { redactSecrets, type Logger } from '../../log.ts';
import type { RetryPolicy } from './deliver.ts';
import { registerListeners } from './listeners/index.ts';
import type { SharedState } from './shared.ts';

export interface SlackAppOptions {
  core: Core;
  log: Logger;
  /**
   * Shared state with expiry (the store's `app.deals`): which deliveries were handled and form answers, so several
   * instances (behind a load balancer, or several Socket Mode connections) handle each delivery once.
   */
  shared: SharedState;
  botToken: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string | undefined;
  /** Socket Mode when set (an xapp- token). */
  appToken?: string | undefined;
  /** Web API base URL (SLACK_API_URL), e.g. http://127.0.0.1:9000/api/. */
  apiUrl?: string | undefined;
  /** HTTP mode: where /slack/events and /healthz listen. Socket Mode: where /healthz listens. */
  port: number;
  host?: string | undefined;
  /** Tests: the HTTP answer waits for the listener. Keep false in production (ack first, work after). */
  processBeforeResponse?: boolean;
  /** The bot's identity when already known; skips the auth.test look-up. */
  identity?: { botId: string; botUserId: string } | undefined;
  /** Back-off for retrying auth.test and the Socket Mode connection. */
  retry?: { initialMs: number; maxMs: number };
  /** Web API client options (retries, timeout) merged over ours. */
  clientOptions?: Partial<WebClientOptions>;
  /** Retries of response_url posts (default RESPONSE_URL_RETRY). */
  responseRetry?: RetryPolicy;
}

export interface SlackAdapter {
  app: App;
  mode: 'socket' | 'http';
  /** Starts listening (HTTP) or connecting (Socket Mode). Resolves with the HTTP port, if any. */
  start(): Promise<{ port?: number | undefined }>;
  /** Finishes in-flight interactions, then stops the app and the retries. */
  stop(): Promise<void>;
  /** True once auth.test has succeeded. */
  verified(): boolean;
}

function sleep(ms: number, signal: { stopped: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref();
    if (signal.stopped) {
      clearTimeout(t);
      resolve();
    }
  });
}

export function createSlackApp(opts: SlackAppOptions): SlackAdapter {
  const log = opts.log.child({ adapter: 'slack' });
  const mode: 'socket' | 'http' = opts.appToken ? 'socket' : 'http';
  if (mode === 'http' && !opts.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  const retry = opts.retry ?? { initialMs: 1000, maxMs: 60_000 };
  const state = { stopped: false };
  let identity: { botId?: string | undefined; botUserId?: string | undefined } = opts.identity ?? {};
  let verified = Boolean(opts.identity);

  const clientOptions: WebClientOptions = {
    // A trigger id lives 3 s and a response_url 30 min: long retry storms help nobody; fail fast and log.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
    timeout: 10_000,
    ...(opts.apiUrl ? { slackApiUrl: normaliseApiUrl(opts.apiUrl) } : {}),
    ...opts.clientOptions,
  };
  const logger = boltLogger(log);

  const health = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, mode, slackVerified: verified }));
    },
  };

  // Our own authorize: Bolt's built-in one calls auth.test when the App is constructed and turns an unreachable
  // Slack into an unhandled rejection. This one never blocks a request on auth.test; the check runs in the background.
  const authorize = async () => ({ botToken: opts.botToken, botId: identity.botId, botUserId: identity.botUserId });

  let socketReceiver: SocketModeReceiver | undefined;
  /**
   * Socket Mode: /healthz on a server of our own. The receiver's customRoutes server is private to it (no host to
   * bind, no way to learn the port it got or a listen error), so it is not used.
   */
  let healthServer: Server | undefined;
  let app: App;
  if (mode === 'socket') {
    healthServer = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === health.path && health.method.includes(req.method ?? '')) return health.handler(req, res);
      res.writeHead(404).end();
    });
    socketReceiver = new SocketModeReceiver({
      appToken: opts.appToken!,
      logger,
      installerOptions: { clientOptions },
      // The envelope id reaches the listeners' middleware (context.envelopeId), which handles each envelope once
      // even when it arrives on more than one connection.
      customPropertiesExtractor: (args: { envelope_id?: unknown }) => (typeof args.envelope_id === 'string' ? { envelopeId: args.envelope_id } : {}),
    });
    app = new App({ receiver: socketReceiver, authorize, logger, clientOptions });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: opts.signingSecret!,
      logger,
      customRoutes: [health],
      processBeforeResponse: opts.processBeforeResponse ?? false,
    });
    refuseFutureRequests(receiver, log);
    app = new App({ receiver, authorize, logger, clientOptions });
  }
  app.error(async (e) => {
    log.error({ error: redactSecrets(e.message), code: e.code }, 'slack request failed');
  });
  const listeners = registerListeners(app, {
    core: opts.core,
    log,
    fetch: clientOptions.fetch as typeof globalThis.fetch | undefined,
    retry: opts.responseRetry,
    shared: opts.shared,
  });

  async function verifyToken(): Promise<void> {
    let delay = retry.initialMs;
    while (!state.stopped && !verified) {
      try {
        const r = await app.client.auth.test({ token: opts.botToken });
        identity = { botId: r.bot_id, botUserId: r.user_id };
        verified = true;
        log.info({ team: r.team, bot: r.user }, 'slack token verified');
      } catch (e) {
        const error = (e as { data?: { error?: string } }).data?.error ?? redactSecrets((e as Error).message);
        log.error({ error, retryInMs: delay }, 'slack auth.test failed (Slack unreachable or token rejected); retrying, other adapters keep running');
        await sleep(delay, state);
        delay = Math.min(delay * 2, retry.maxMs);
      }
    }
  }

  async function connectSocket(receiver: SocketModeReceiver): Promise<void> {
    let delay = retry.initialMs;
    for (;;) {
      try {
        await receiver.client.start();
        log.info('slack socket mode connected');
        return;
      } catch (e) {
        if (state.stopped) return;
        const error = (e as { data?: { error?: string } }).data?.error ?? redactSecrets((e as Error).message);
        log.error({ error, retryInMs: delay }, 'slack socket mode could not connect; retrying');
        await sleep(delay, state);
        if (state.stopped) return;
        delay = Math.min(delay * 2, retry.maxMs);
      }
    }
  }

  return {
    app,
    mode,
    verified: () => verified,
    async start() {
      if (!verified) void verifyToken();
      if (socketReceiver) {
        const receiver = socketReceiver;
        // Health route first (it has its own HTTP server), then the connection, retried in the background.
        const server = healthServer!;
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(opts.port, opts.host, () => resolve());
        });
        void connectSocket(receiver);
        const addr = server.address();
        return { port: typeof addr === 'object' && addr ? addr.port : undefined };
      }
      const server = (await app.start({ port: opts.port, ...(opts.host ? { host: opts.host } : {}) })) as Server;
      const addr = server.address();
      log.info({ port: typeof addr === 'object' && addr ? addr.port : opts.port }, 'slack HTTP mode listening on /slack/events');
      return { port: typeof addr === 'object' && addr ? addr.port : undefined };
    },
    async stop() {
      state.stopped = true;
      await listeners.drain();
      if (socketReceiver) {
        const server = healthServer;
        await socketReceiver.client.disconnect().catch(() => undefined);
        if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      } else {
        await app.stop();
      }
    },
  };
}

export const start: AdapterStarter = async (app, config, log): Promise<RunningAdapter> => {
  if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  const slack = createSlackApp({
    core: app.core,
    log,
    shared: app.deals,
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    port: config.SLACK_PORT,
  });
  await slack.start();
  log.info({ mode: slack.mode }, 'slack adapter running');
  return { name: 'slack', stop: () => slack.stop() };
};
