// Every environment variable dealbot reads: its default and the error that names it when it is wrong.
// .env.example documents the same list; tests/config.test.ts keeps the two in step.
import { z } from 'zod';
import { DEFAULT_SETTINGS as D } from './core/context.ts';

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? def : ['true', '1', 'yes'].includes(v)));
const idList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));
const url = optional.pipe(z.url({ message: 'must be a URL such as http://127.0.0.1:8080/api' }).optional());
const int = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? String(def) : v))
    .pipe(z.string().regex(/^-?\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A PostgreSQL connection URL; the message never repeats the value (it holds the password). */
const databaseUrl = optional.pipe(
  z
    .string()
    .regex(/^postgres(?:ql)?:\/\/[^\s/]+/i, 'must be a PostgreSQL URL such as postgres://user:password@host:5432/dealbot (or postgresql://…)')
    .optional(),
);

export const envSchema = z.object({
  DEALBOT_DB: optional,
  /** postgres://… or postgresql://…: store deals in PostgreSQL instead of the SQLite file (DEALBOT_DB). */
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  LOG_FILE: optional,

  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.pipe(z.string().regex(/^\d{5,25}$/, 'must be the numeric application id').optional()),
  DISCORD_GUILD_ID: optional.pipe(z.string().regex(/^\d{5,25}$/, 'must be a numeric guild (server) id').optional()),
  DISCORD_API_URL: url,
  DISCORD_ADMIN_ROLE_IDS: idList,
  DISCORD_ADMIN_USER_IDS: idList,
  DISCORD_MANAGERS_ARE_ADMINS: bool(true),
  /** Servers whose roles and Manage Server grant admin rights; unset: DISCORD_GUILD_ID (see adminGuildIds). */
  DISCORD_ADMIN_GUILD_IDS: optional.pipe(
    z
      .string()
      .regex(/^\d{5,25}(?:\s*,\s*\d{5,25})*$/, 'must be numeric guild (server) ids, comma-separated')
      .transform((v) => v.split(',').map((s) => s.trim()))
      .optional(),
  ),
  DISCORD_PUBLIC_ANSWERS: bool(true),
  /**
   * Sharding (docs/discord.md, docs/scaling.md): unset runs Discord in one process with no manager; `auto` (the count
   * Discord recommends) or a number runs discord.js's ShardingManager, one process per shard.
   */
  DISCORD_SHARDS: optional.pipe(
    z
      .string()
      .regex(/^(?:auto|\d{1,5})$/i, 'must be auto or a whole number of shards')
      .transform((v) => (v.toLowerCase() === 'auto' ? ('auto' as const) : Number(v)))
      .pipe(z.union([z.literal('auto'), z.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10000')]))
      .optional(),
  ),
  /** The shards this machine runs, e.g. `0,1` (default: all of them); needs a numeric DISCORD_SHARDS. */
  DISCORD_SHARD_LIST: optional.pipe(
    z
      .string()
      .regex(/^\d{1,5}(?:\s*,\s*\d{1,5})*$/, 'must be shard ids, comma-separated (e.g. 0,1)')
      .transform((v) => [...new Set(v.split(',').map((s) => Number(s.trim())))].sort((a, b) => a - b))
      .optional(),
  ),

  SLACK_BOT_TOKEN: optional.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
  SLACK_PORT: int(3000, 0, 65535),
  SLACK_API_URL: url,
  SLACK_ADMIN_USER_IDS: idList,

  INGEST_ALLOW_PRIVATE_URLS: bool(false),
  INGEST_FETCH_TIMEOUT_MS: int(10_000, 100, 120_000),
  INGEST_MAX_BYTES: int(2_000_000, 1_000, 50_000_000),
  INGEST_TIME_BUDGET_MS: int(15_000, 100, 300_000),
  INGEST_MEMORY_MB: int(256, 32, 4_096),

  USER_RATE_BURST: int(D.userBurst, 0, 1_000),
  USER_RATE_PER_MINUTE: int(D.userPerMinute, 0, 60_000),
  CHANNEL_PUBLIC_PER_MINUTE: int(D.channelPublicPerMinute, 0, 10_000),

  USAGE_RETENTION_DAYS: int(90, 1, 3_650),

  /** Search worker threads for the chat adapters (0: search on the main thread). The console never starts a pool. */
  SEARCH_WORKERS: int(0, 0, 32),
});

export type Config = z.output<typeof envSchema>;

export class ConfigError extends Error {}

/** Validates the environment; the error lists every wrong variable by name (never its value: it may be a token). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = envSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`configuration is invalid:\n${lines.join('\n')}`);
  }
  const c = r.data;
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) {
    throw new ConfigError('configuration is invalid:\n  DISCORD_APPLICATION_ID: is required when DISCORD_TOKEN is set');
  }
  if (c.DISCORD_SHARD_LIST) {
    if (typeof c.DISCORD_SHARDS !== 'number') {
      throw new ConfigError(
        'configuration is invalid:\n  DISCORD_SHARD_LIST: needs DISCORD_SHARDS set to the total number of shards (the same on every machine), not auto',
      );
    }
    const total = c.DISCORD_SHARDS;
    const over = c.DISCORD_SHARD_LIST.filter((id) => id >= total);
    if (over.length) {
      throw new ConfigError(
        `configuration is invalid:\n  DISCORD_SHARD_LIST: shard ids run from 0 to ${total - 1} with DISCORD_SHARDS=${total} (got ${over.join(', ')})`,
      );
    }
  }
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'configuration is invalid:\n  SLACK_SIGNING_SECRET: is required for HTTP mode when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN',
    );
  }
  return c;
}

/**
 * The servers whose roles and Manage Server permission make a member a dealbot admin: DISCORD_ADMIN_GUILD_IDS, or
 * DISCORD_GUILD_ID when that is unset, or none. Admin user ids (DISCORD_ADMIN_USER_IDS) count everywhere.
 */
export function adminGuildIds(c: Pick<Config, 'DISCORD_ADMIN_GUILD_IDS' | 'DISCORD_GUILD_ID'>): string[] {
  if (c.DISCORD_ADMIN_GUILD_IDS) return c.DISCORD_ADMIN_GUILD_IDS;
  return c.DISCORD_GUILD_ID ? [c.DISCORD_GUILD_ID] : [];
}

/**
 * DATABASE_URL for commands that do not load the whole configuration (the CLI): the PostgreSQL URL, or undefined
 * for SQLite. A value that is set but not a PostgreSQL URL is a ConfigError naming the variable, not its value.
 */
export function databaseUrlFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const r = envSchema.shape.DATABASE_URL.safeParse(env.DATABASE_URL);
  if (!r.success) throw new ConfigError(`configuration is invalid:\n  DATABASE_URL: ${r.error.issues[0]?.message ?? 'is not valid'}`);
  return r.data;
}

/** USAGE_RETENTION_DAYS for commands that do not load the whole configuration (the CLI); the default when unreadable. */
export function usageRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const r = envSchema.shape.USAGE_RETENTION_DAYS.safeParse(env.USAGE_RETENTION_DAYS);
  return r.success ? r.data : 90;
}

export function discordEnabled(c: Config): boolean {
  return Boolean(c.DISCORD_TOKEN);
}
/** Discord runs under discord.js's ShardingManager (one process per shard) rather than in this process. */
export function discordSharded(c: Config): boolean {
  return discordEnabled(c) && c.DISCORD_SHARDS !== undefined;
}
export function slackEnabled(c: Config): boolean {
  return Boolean(c.SLACK_BOT_TOKEN);
}
