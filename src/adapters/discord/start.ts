// The Discord client: login, wiring of interactions to the router, and a stop that lets in-flight answers finish.
import { Client, Events, GatewayIntentBits, Partials, type Interaction, type Message } from 'discord.js';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import { InFlight } from '../../core/limits.ts';
import type { Logger } from '../../log.ts';
import type { AdapterStarter, RunningAdapter } from '../adapter.ts';
import { SharedIdentifyThrottler, botKeyOf } from './identify.ts';
import { InteractionRouter } from './interactions.ts';
import { MessageRouter } from './messages.ts';

export interface DiscordStartOptions {
  /** The core, and the store's shared state (form drafts, the identify slot) that every shard process shares. */
  app: Pick<App, 'core' | 'deals'>;
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_PUBLIC_ANSWERS'>;
  log: Logger;
  /** REST base URL (".../api"); defaults to config.DISCORD_API_URL, then Discord itself. */
  apiUrl?: string | undefined;
  /** Milliseconds before a slow answer is deferred (default DEFER_AFTER_MS in respond.ts; Discord allows 3000). */
  deadlineMs?: number;
  /** How long to wait for the gateway to become ready after login (default 30 s). */
  readyTimeoutMs?: number;
  /**
   * The shards this client runs, of how many (discord.js's `shards` and `shardCount`). Default: one shard, or under
   * a ShardingManager the shard the manager gave this process (its SHARDS and SHARD_COUNT variables).
   */
  shards?: { ids: number[]; count: number };
}

export interface RunningDiscord extends RunningAdapter {
  client: Client;
  router: InteractionRouter;
  messages: MessageRouter;
}

/**
 * Non-privileged intents only. Guilds: slash commands and the server the bot is in. GuildMessages and
 * DirectMessages: messages that mention the bot, and DMs to it, whose content Discord sends without the privileged
 * Message Content intent. (Partials.Channel: DM channels are not cached, so their messages arrive as partials.)
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

export class DiscordLoginError extends Error {}

export function loginFailureReason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'TokenInvalid' || /401|invalid token/i.test(message)) {
    return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot > Reset Token)';
  }
  if (code === 'DisallowedIntents') return 'Discord refused the requested intents';
  return message;
}

export async function startDiscord(opts: DiscordStartOptions): Promise<RunningDiscord> {
  const { config } = opts;
  const log = opts.log.child({ adapter: 'discord' });
  const token = config.DISCORD_TOKEN;
  if (!token) throw new DiscordLoginError('DISCORD_TOKEN is not set');
  const apiUrl = opts.apiUrl ?? config.DISCORD_API_URL;

  const client = new Client({
    intents: [...INTENTS],
    partials: [Partials.Channel],
    ...(opts.shards ? { shards: opts.shards.ids, shardCount: opts.shards.count } : {}),
    // Stored text may contain @everyone or role mentions: nothing the bot sends may ping anyone.
    allowedMentions: { parse: [], repliedUser: false },
    // Replies, follow-ups and edits are retried by discord.js itself: a 5xx up to 3 times, a 429 after its
    // Retry-After. Bounded here: a rate limit longer than 5 s rejects instead of holding the answer, and the
    // router then tells the person privately that something went wrong.
    rest: { ...(apiUrl ? { api: apiUrl } : {}), retries: 3, timeout: 15_000, rejectOnRateLimit: (limit) => limit.retryAfter > 5_000 },
    // Identify (start a gateway session) only when the store says this bot's bucket is free: Discord allows one per
    // 5 s for the bot as a whole, across shard processes and machines (identify.ts). Under a ShardingManager, the
    // client's shard ids and count come from the SHARDS and SHARD_COUNT variables the manager sets.
    ws: {
      buildIdentifyThrottler: async (manager) => {
        const info = await manager.fetchGatewayInformation();
        return new SharedIdentifyThrottler(opts.app.deals, {
          botKey: botKeyOf(token),
          maxConcurrency: info.session_start_limit.max_concurrency,
          log,
        });
      },
    },
  });
  const router = new InteractionRouter({
    core: opts.app.core,
    state: opts.app.deals,
    log,
    publicAnswers: config.DISCORD_PUBLIC_ANSWERS,
    ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
  });

  const messages = new MessageRouter({ core: opts.app.core, log, ids: router.ids, publicAnswers: config.DISCORD_PUBLIC_ANSWERS });

  // What is being answered, so stop() can let it finish (both routers never throw).
  const inFlight = new InFlight();
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (stopping) return;
    void inFlight.track(router.handle(interaction));
  });
  // A message that mentions the bot, or a DM to it: a question, answered as a reply.
  client.on(Events.MessageCreate, (message: Message) => {
    if (stopping || !messages.isQuestion(message)) return;
    void inFlight.track(messages.handle(message));
  });
  client.on(Events.Error, (e) => log.error({ err: e }, 'discord client error'));
  client.on(Events.Warn, (m) => log.warn({ detail: m }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (ev, shard) => log.warn({ code: ev.code, shard }, 'discord gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'discord gateway reconnecting'));

  // Attached before login: ready can fire before login() resolves.
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  let readyTimer: NodeJS.Timeout | undefined;
  try {
    await client.login(token);
    const c = await Promise.race([
      ready,
      new Promise<never>((_r, reject) => {
        readyTimer = setTimeout(
          () => reject(new Error('the gateway did not become ready in time')),
          opts.readyTimeoutMs ?? 30_000,
        );
      }),
    ]);
    log.info(
      {
        user: c.user.tag,
        applicationId: c.application.id,
        api: apiUrl ?? 'discord.com',
        shards: c.options.shards,
        shardCount: c.options.shardCount,
        guilds: c.guilds.cache.size,
      },
      'discord bot ready',
    );
  } catch (e) {
    const reason = loginFailureReason(e);
    log.error({ reason }, `Discord login failed: ${reason}. Discord stays off; other adapters keep running.`);
    await client.destroy().catch(() => undefined);
    throw new DiscordLoginError(`Discord login failed: ${reason}`);
  } finally {
    clearTimeout(readyTimer);
  }

  return {
    name: 'discord',
    client,
    router,
    messages,
    async stop() {
      stopping = true;
      await inFlight.drain(10_000);
      await client.destroy();
      log.info('discord client stopped');
    },
  };
}

export const start: AdapterStarter = (app, config, log) => startDiscord({ app, config, log });
