// Starts the adapters the configuration asks for. Discord and Slack run side by side; one failing to start never
// stops the other. With neither configured, the console opens.
import { loadConfig, discordEnabled, slackEnabled, ConfigError, type Config } from './config.ts';
import { openAppAsync, policyFromConfig, resolveDbPath, settingsFromConfig } from './app.ts';
import { createLogger, type Logger } from './log.ts';
import type { App } from './app.ts';
import { existsSync, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONSOLE_BANNER, runConsole } from './adapters/console/console.ts';
import { dataDir } from './paths.ts';
import { installProcessGuards, shutdownGracefully } from './ops/lifecycle.ts';
import type { AdapterStarter, RunningAdapter } from './adapters/adapter.ts';

export interface StartOptions {
  dbPath?: string | undefined;
  seed?: boolean;
  forceConsole?: boolean;
}


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
  const chat = (discordEnabled(config) || slackEnabled(config)) && !opts.forceConsole;
  const dbPath = resolveDbPath(opts.dbPath);
  // --db names a SQLite file and wins; otherwise DATABASE_URL=postgres://… chooses PostgreSQL.
  const databaseUrl = opts.dbPath ? undefined : config.DATABASE_URL;
  // The console is a conversation on the terminal: its log lines go to a file (LOG_FILE, else dealbot-console.log
  // beside the database), never between a question and its answer. Chat adapters log to standard error.
  const logFile = config.LOG_FILE ?? (chat ? undefined : consoleLogFile(dbPath));
  const log = createLogger(config.LOG_LEVEL ?? 'info', logFile ? openLogFile(logFile) : process.stderr);
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
  const warmStart = performance.now();
  const deals = await app.deals.countDeals();
  log.info({ deals }, 'preparing search (the adapters start once it is ready)');
  await warmSearch(app.search, log);
  log.info({ ms: Math.round(performance.now() - warmStart), deals }, 'search ready');
  const running: RunningAdapter[] = [];
  const starters: [string, boolean, () => Promise<{ start: AdapterStarter }>][] = [
    ['discord', discordEnabled(config), () => import('./adapters/discord/start.ts')],
    ['slack', slackEnabled(config), () => import('./adapters/slack/start.ts')],
  ];
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
}
