// Starts the real Bolt app in HTTP mode on 127.0.0.1 against the fake Slack, over a real (in-memory) dealbot app.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/start.ts';
import { createLogger, type Logger } from '../../../src/log.ts';
import type { SqliteApp as App } from '../../../src/app.ts';
import type { CoreSettings } from '../../../src/core/context.ts';
import { testApp } from '../../helpers/app.ts';
import { FakeSlack, SlackDriver, type SignedResponse } from '../../fakes/slack.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const ADMIN = 'UADMIN1';
export const MEMBER = 'UMEMBER1';
/** A channel the bot has joined, and one it has not (a private channel or DM). */
export const JOINED = 'C0JOINED';
export const NOT_JOINED = 'G0PRIVATE';

/** Admin ids the harness's policy knows: ADMIN, and each test's own admin (see admin()). */
const adminIds: string[] = [ADMIN];

function testKey(): string {
  let h = 0;
  for (const c of expect.getState().currentTestName ?? '') h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(36).toUpperCase();
}

/**
 * The member, with an id of their own in each test. Tests run at machine speed, and with the production rate limits
 * one person sending every test's commands within a second would (rightly) be refused.
 */
export function member(): string {
  return `${MEMBER}X${testKey()}`;
}

/** An admin, with an id of their own in each test (and in the policy). */
export function admin(): string {
  const id = `${ADMIN}X${testKey()}`;
  if (!adminIds.includes(id)) adminIds.push(id);
  return id;
}

export interface Harness {
  fake: FakeSlack;
  app: App;
  slack: SlackAdapter;
  driver: SlackDriver;
  port: number;
  slash(command: string, text: string, user: string, channel?: string): Promise<SlashResult>;
  close(): Promise<void>;
}

export interface SlashResult {
  res: SignedResponse;
  responseId: string;
  responseUrl: string;
  triggerId: string;
  /** What arrived at this interaction's response_url. */
  responses(): Record<string, unknown>[];
}

/**
 * The app runs with the production settings (rate limits included) unless `settings` says otherwise; `log` receives
 * the core's log lines. `productionRetries`: the Web API client keeps dealbot's own retry settings (tests of Slack faults).
 */
export async function startHarness(
  opts: { fixtures?: boolean; log?: Logger; settings?: Partial<CoreSettings>; productionRetries?: boolean } = {},
): Promise<Harness> {
  const fake = new FakeSlack({ memberOf: [JOINED] });
  await fake.start();
  const app = testApp({
    fixtures: opts.fixtures ?? false,
    policy: { slackUserIds: adminIds },
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
  });
  const slack = createSlackApp({
    core: app.core,
    shared: app.deals,
    log: createLogger('silent'),
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    processBeforeResponse: true,
    ...(opts.productionRetries ? {} : { clientOptions: { retryConfig: { retries: 0 } } }),
  });
  const { port } = await slack.start();
  const driver = new SlackDriver(`http://127.0.0.1:${port!}`, SIGNING_SECRET);
  return {
    fake,
    app,
    slack,
    driver,
    port: port!,
    async slash(command, text, user, channel = JOINED) {
      const responseId = randomUUID();
      const responseUrl = fake.responseUrl(responseId);
      const triggerId = fake.trigger();
      const res = await driver.slash({ command, text, user_id: user, channel_id: channel, response_url: responseUrl, trigger_id: triggerId });
      return { res, responseId, responseUrl, triggerId, responses: () => fake.respondedTo(responseId) };
    },
    async close() {
      await slack.stop();
      await fake.stop();
      app.close();
    },
  };
}
