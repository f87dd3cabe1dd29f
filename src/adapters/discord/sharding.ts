// Discord past 2,500 servers: discord.js's ShardingManager runs one process per shard (process mode), each running
// the Discord adapter only (`dealbot discord-shard`, which the entry point names). The manager decides the shard
// count (DISCORD_SHARDS: a number, or the count Discord recommends), which shards this machine runs
// (DISCORD_SHARD_LIST, when shards are split between machines) and respawns a shard process that dies. What the
// shards must agree on lives in the store they share: the identify slot (identify.ts) and form drafts.
import type { ChildProcess } from 'node:child_process';
import { ShardingManager, type Shard } from 'discord.js';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { RunningAdapter } from '../adapter.ts';
import { DiscordLoginError, loginFailureReason } from './start.ts';

/** discord.js's own pause between starting two shard processes of one manager (identify is throttled anyway). */
export const SPAWN_DELAY_MS = 5_500;

export interface ShardManagerOptions {
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_SHARDS' | 'DISCORD_SHARD_LIST'>;
  log: Logger;
  /** The script each shard process runs (the dealbot command), its arguments and node's. */
  file: string;
  args: string[];
  execArgv?: string[];
  /** Pause between starting two shard processes (default SPAWN_DELAY_MS). */
  spawnDelayMs?: number;
}

export interface RunningShards extends RunningAdapter {
  manager: ShardingManager;
  totalShards: number;
  shardList: number[];
}

interface GatewayBot {
  shards: number;
  session_start_limit: { total: number; remaining: number; reset_after: number; max_concurrency: number };
}

/**
 * GET /gateway/bot at DISCORD_API_URL (or Discord): the recommended shard count, and a check of the token before any
 * shard process starts. (discord.js's `totalShards: 'auto'` asks discord.com itself, whatever the REST base URL is.)
 */
export async function fetchGatewayBot(token: string, apiUrl: string | undefined): Promise<GatewayBot> {
  let base = apiUrl ?? 'https://discord.com/api';
  while (base.endsWith('/')) base = base.slice(0, -1);
  let res: Response;
  try {
    res = await fetch(`${base}/v10/gateway/bot`, {
      headers: { Authorization: `Bot ${token.replace(/^Bot\s+/i, '')}` },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new DiscordLoginError(`Discord login failed: cannot reach ${base} (${(e as Error).message})`);
  }
  if (res.status === 401) throw new DiscordLoginError(`Discord login failed: ${loginFailureReason({ code: 'TokenInvalid' })}`);
  if (!res.ok) throw new DiscordLoginError(`Discord login failed: GET /gateway/bot answered ${res.status}`);
  const body = (await res.json()) as Partial<GatewayBot>;
  if (!Number.isInteger(body.shards) || (body.shards ?? 0) < 1) throw new DiscordLoginError('Discord login failed: GET /gateway/bot gave no shard count');
  return body as GatewayBot;
}

/** Waits for a child process to exit; SIGKILL after `ms`. */
function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startShardManager(opts: ShardManagerOptions): Promise<RunningShards> {
  const { config } = opts;
  const log = opts.log.child({ adapter: 'discord', role: 'shard-manager' });
  const token = config.DISCORD_TOKEN;
  if (!token) throw new DiscordLoginError('DISCORD_TOKEN is not set');

  let gateway: GatewayBot;
  try {
    gateway = await fetchGatewayBot(token, config.DISCORD_API_URL);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    log.error({ reason }, `${reason}. Discord stays off; other adapters keep running.`);
    throw e;
  }
  const recommended = gateway.shards;
  const totalShards = config.DISCORD_SHARDS === 'auto' || config.DISCORD_SHARDS === undefined ? recommended : config.DISCORD_SHARDS;
  if (totalShards < recommended) {
    log.warn({ totalShards, recommended }, 'DISCORD_SHARDS is below the shard count Discord recommends; Discord may refuse the sessions (close 4011)');
  }
  const shardList = config.DISCORD_SHARD_LIST ?? [...Array(totalShards).keys()];

  const manager = new ShardingManager(opts.file, {
    totalShards,
    shardList,
    mode: 'process',
    respawn: true,
    token,
    shardArgs: opts.args,
    execArgv: opts.execArgv ?? [],
  });
  let stopping = false;
  const ready = new Set<number>();
  manager.on('shardCreate', (shard: Shard) => {
    // Process mode: each shard is a child process.
    shard.on('spawn', (p) => {
      const child = p as ChildProcess;
      log.info({ shard: shard.id, pid: child.pid, totalShards }, 'discord shard process started');
    });
    shard.on('ready', () => {
      ready.add(shard.id);
      log.info({ shard: shard.id, ready: ready.size, of: shardList.length }, 'discord shard ready');
    });
    shard.on('death', (p) => {
      const child = p as ChildProcess | null;
      ready.delete(shard.id);
      if (stopping) return;
      // The manager starts it again at once (respawn); its sessions wait for a free identify slot as usual.
      log.warn({ shard: shard.id, pid: child?.pid, code: child?.exitCode, signal: child?.signalCode }, 'discord shard process died; starting it again');
    });
    shard.on('disconnect', () => log.warn({ shard: shard.id }, 'discord shard disconnected'));
    shard.on('reconnecting', () => log.info({ shard: shard.id }, 'discord shard reconnecting'));
    // Without a listener, an 'error' event (a failed respawn) would be thrown in this process.
    shard.on('error', (e: unknown) => log.error({ shard: shard.id, err: e }, 'discord shard error'));
  });

  log.info(
    { totalShards, recommended, shardList, maxConcurrency: gateway.session_start_limit.max_concurrency },
    `starting ${shardList.length} of ${totalShards} Discord shard process(es)`,
  );
  // Processes start one after another (discord.js's delay); each shard's IDENTIFY waits for the shared slot.
  await manager.spawn({ amount: totalShards, delay: opts.spawnDelayMs ?? SPAWN_DELAY_MS, timeout: -1 });

  return {
    name: 'discord',
    manager,
    totalShards,
    shardList,
    async stop() {
      stopping = true;
      manager.respawn = false;
      // Each shard process gets SIGTERM and finishes its in-flight replies (as a single bot does) before exiting.
      const exits: Promise<void>[] = [];
      for (const shard of manager.shards.values()) {
        const child = shard.process;
        if (!child) continue;
        exits.push(exited(child, 9_000));
        shard.kill();
      }
      await Promise.all(exits);
      log.info({ shards: exits.length }, 'discord shard processes stopped');
    },
  };
}
