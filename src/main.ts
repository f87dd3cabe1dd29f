// Starts the adapters the configuration asks for. Discord and Slack run side by side; one failing to start never
// stops the other. With neither configured, the console opens.
import { loadConfig, discordEnabled, discordSharded, slackEnabled, ConfigError, type Config } from './config.ts';
import { openAppAsync, policyFromConfig, resolveDbPath, settingsFromConfig } from './app.ts';
import { createLogger, type Logger } from './log.ts';
import type { App } from './app.ts';
import { existsSync, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSOLE_BANNER, runConsole } from './adapters/console/console.ts';
import { dataDir } from './paths.ts';
import { installProcessGuards, shutdownGracefully } from './ops/lifecycle.ts';
import type { AdapterStarter, RunningAdapter } from './adapters/adapter.ts';

export interface StartOptions {
  dbPath?: string | undefined;
  seed?: boolean;
  forceConsole?: boolean;
  /**
   * `discord-shard`: this process is one shard process of a ShardingManager (`dealbot discord-shard`, started by
   * `dealbot start` with DISCORD_SHARDS set): the Discord adapter only, for the shard ids the manager gave it.
   */
  role?: 'bot' | 'discord-shard';
}

/**
 * What a shard process runs: this same dealbot command (`discord-shard`), compiled or — from the TypeScript sources —
 * through tsx. The database path is passed on, so every shard opens the manager's store.
 */
function shardScript(dbPath: string, databaseUrl: string | undefined): { file: string; args: string[]; execArgv: string[] } {
  const compiled = import.meta.url.endsWith('.js');
  const file = fileURLToPath(new URL(compiled ? './cli/main.js' : './cli/main.ts', import.meta.url));
  // On PostgreSQL the shard processes read DATABASE_URL from the environment they inherit (--db would mean SQLite).
  const db = databaseUrl ? [] : ['--db', dbPath];
  return { file, args: [...db, '--no-seed', 'discord-shard'], execArgv: compiled ? [] : ['--import', import.meta.resolve('tsx')] };
}

/** A shard process whose Discord adapter could not start exits after this pause, so its respawn is not a tight loop. */
const SHARD_FAILURE_PAUSE_MS = 5_000;


/** Where the console's log lines go by default: beside the database (the data folder for an in-memory one). */
export function consoleLogFile(dbPath: string): string {
  return join(dbPath === ':memory:' ? dataDir() : dirname(dbPath), 'dealbot-console.log');
}

function openLogFile(path: string): NodeJS.WritableStream {
  mkdirSync(dirname(path), { recursive: true });
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  stream.on('error', (e) => process.stderr.write(`dealbot: cannot write the log file ${path}: ${e.message}\n`));
  return stream;
}

/** The first search builds the indexes; a search that cannot answer yet (PostgreSQL, see app.ts) is logged, not fatal. */
async function warmSearch(search: App['search'], log: Logger): Promise<void> {
  try {
    await search.search('dealbot warm-up');
  } catch (e) {
    log.warn({ err: e }, 'search could not warm up');
  }
}

export async function startBot(opts: StartOptions = {}): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`dealbot: ${e.message}\nSee .env.example for every variable.\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
  const shard = opts.role === 'discord-shard';
  if (shard && !discordEnabled(config)) {
    process.stderr.write('dealbot: a Discord shard process needs DISCORD_TOKEN\n');
    process.exitCode = 2;
    return;
  }
  const chat = shard || ((discordEnabled(config) || slackEnabled(config)) && !opts.forceConsole);
  const sharded = !shard && chat && discordSharded(config);
  const dbPath = resolveDbPath(opts.dbPath);
  // --db names a SQLite file and wins; otherwise DATABASE_URL=postgres://… chooses PostgreSQL.
  const databaseUrl = opts.dbPath ? undefined : config.DATABASE_URL;
  if (sharded && !databaseUrl && dbPath === ':memory:') {
    process.stderr.write('dealbot: DISCORD_SHARDS needs a database the shard processes share (a file or DATABASE_URL), not :memory:\n');
    process.exitCode = 2;
    return;
  }
  // The console is a conversation on the terminal: its log lines go to a file (LOG_FILE, else dealbot-console.log
  // beside the database), never between a question and its answer. Chat adapters log to standard error.
  const logFile = config.LOG_FILE ?? (chat ? undefined : consoleLogFile(dbPath));
  const baseLog = createLogger(config.LOG_LEVEL ?? 'info', logFile ? openLogFile(logFile) : process.stderr);
  const log = shard ? baseLog.child({ shard: Number(process.env.SHARDS), pid: process.pid }) : baseLog;
  const progress = (text: string) => (chat ? undefined : process.stdout.write(`${text}\n`));
  if (!chat && !databaseUrl && opts.seed !== false && (dbPath === ':memory:' || !existsSync(dbPath))) {
    progress('Creating the database and filling it with the shipped corpus…');
  }
  const app = await openAppAsync({
    dbPath,
    databaseUrl,
    seed: opts.seed ?? true,
    log,
    policy: policyFromConfig(config),
    settings: settingsFromConfig(config),
    // Worker threads for search serve the chat adapters only: the console starts fast, in one thread.
    ...(chat && config.SEARCH_WORKERS > 0 && dbPath !== ':memory:' ? { searchWorkers: config.SEARCH_WORKERS } : {}),
  });

  if (!chat) {
    // Search builds its indexes on first use; do it before the prompt, saying so, so the first answer is quick.
    const deals = await app.deals.countDeals();
    if (deals > 5_000) progress(`Preparing search over ${deals} deals…`);
    await warmSearch(app.search, log);
    await runConsole(app.core, { banner: `${CONSOLE_BANNER}\n(logs: ${logFile ?? 'standard error'})` });
    await app.close();
    return;
  }

  // A stray exception from a platform library or a timer is logged, not fatal (handler errors never get this far).
  installProcessGuards(log);
  // Search builds its in-memory indexes on first use: seconds on a large store (about 7 s at 100k deals), during which
  // the event loop is blocked. Do it now, before any interaction can be waiting on it and miss its 3-second deadline.
  // (A shard manager answers nothing itself: it warms search only for Slack.)
  if (!sharded || slackEnabled(config)) {
    const warmStart = performance.now();
    const deals = await app.deals.countDeals();
    log.info({ deals }, 'preparing search (the adapters start once it is ready)');
    await warmSearch(app.search, log);
    // The ingest modules (what an admin's /deal-admin ingest loads on first use: the fetcher, the matcher, and the
    // modules they bring) load now too: loading them mid-run held the event loop ~130 ms (npm run hostile).
    await import('./ingest/ingest.ts');
    if (app.pool) {
      // The workers build theirs at the same time, on the other cores.
      await app.pool.ready();
      log.info({ workers: app.pool.size }, 'search workers ready');
    } else if (config.SEARCH_WORKERS > 0) {
      log.warn('SEARCH_WORKERS needs a SQLite database file (an in-memory database cannot be shared with worker threads, and the pool does not run on PostgreSQL yet): searching on the main thread');
    }
    log.info({ ms: Math.round(performance.now() - warmStart), deals }, 'search ready');
  }
  const running: RunningAdapter[] = [];
  const discord: [string, boolean, () => Promise<{ start: AdapterStarter }>] = [
    'discord',
    discordEnabled(config),
    async () => {
      if (!sharded) return import('./adapters/discord/start.ts');
      const { startShardManager } = await import('./adapters/discord/sharding.ts');
      return { start: (_app, cfg, l) => startShardManager({ config: cfg, log: l, ...shardScript(dbPath, databaseUrl) }) };
    },
  ];
  const slack: [string, boolean, () => Promise<{ start: AdapterStarter }>] = ['slack', !shard && slackEnabled(config), () => import('./adapters/slack/start.ts')];
  // A shard manager takes a few seconds per shard process to start them all: Slack goes first then.
  const starters = sharded ? [slack, discord] : [discord, slack];
  for (const [name, enabled, load] of starters) {
    if (!enabled) continue;
    try {
      const { start } = await load();
      running.push(await start(app, config, log));
      log.info({ adapter: name }, 'adapter started');
    } catch (e) {
      log.error({ adapter: name, err: e }, `${name} adapter failed to start; the others keep running`);
    }
  }
  if (running.length === 0) log.error('no chat adapter could start; check the configuration and the log above');
  if (shard && running.length === 0) {
    // The manager starts a dead shard again at once: pause first, so a refused token does not spin.
    await new Promise((r) => setTimeout(r, SHARD_FAILURE_PAUSE_MS));
    app.close();
    process.exit(1);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight replies');
    // Adapters stop taking work and finish theirs, then the core's in-flight replies, then the database is closed.
    const { clean } = await shutdownGracefully({ adapters: running, drain: (ms) => app.core.drain(ms), close: () => app.close(), log });
    log.info({ clean }, 'stopped');
    process.exit(clean ? 0 : 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // A shard process whose manager is gone (its IPC channel closed) stops too, rather than run on unmanaged.
  if (shard) process.on('disconnect', () => void shutdown('manager gone'));
}
