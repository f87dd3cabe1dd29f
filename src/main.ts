// Starts the adapters the configuration asks for. Discord and Slack run side by side; one failing to start never
// stops the other. With neither configured, the console opens.
import { loadConfig, discordEnabled, slackEnabled, ConfigError, type Config } from './config.ts';
import { openApp, policyFromConfig, resolveDbPath, settingsFromConfig, type App } from './app.ts';
import { createLogger, type Logger } from './log.ts';
import { runConsole } from './adapters/console/console.ts';
import { installProcessGuards, shutdownGracefully } from './ops/lifecycle.ts';

export interface StartOptions {
  dbPath?: string | undefined;
  seed?: boolean;
  forceConsole?: boolean;
}

/** A running adapter; `stop` finishes in-flight replies and disconnects. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}

export type AdapterStarter = (app: App, config: Config, log: Logger) => Promise<RunningAdapter>;

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
  const log = createLogger(config.LOG_LEVEL ?? (chat ? 'info' : 'warn'));
  const app = openApp({
    dbPath: resolveDbPath(opts.dbPath),
    seed: opts.seed ?? true,
    log,
    policy: policyFromConfig(config),
    settings: settingsFromConfig(config),
  });

  if (!chat) {
    await runConsole(app.core);
    app.close();
    return;
  }

  // A stray exception from a platform library or a timer is logged, not fatal (handler errors never get this far).
  installProcessGuards(log);
  // Search builds its in-memory indexes on first use: seconds on a large store (about 7 s at 100k deals), during which
  // the event loop is blocked. Do it now, before any interaction can be waiting on it and miss its 3-second deadline.
  const warmStart = performance.now();
  app.search.search('dealbot warm-up');
  log.info({ ms: Math.round(performance.now() - warmStart), deals: app.store.countDeals() }, 'search ready');
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
