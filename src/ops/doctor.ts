// `dealbot doctor`: what an admin who is not a developer runs when something seems wrong. Checks the configuration,
// the database (can it be opened and written, integrity, migrations, full-text index in step with the deals) and what
// can be checked without the network (disk space, the shipped corpus, the Slack port, the .env file's permissions).
// It only reads: the database is opened read-only and nothing is migrated or repaired.
import { accessSync, constants, existsSync, readFileSync, statSync, statfsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { adminGuildIds, ConfigError, discordEnabled, loadConfig, slackEnabled, type Config } from '../config.ts';
import { formatProblem, parseDealFile, parseOrganisationFile } from '../deals/import-file.ts';
import { LATEST_VERSION, MIGRATIONS } from '../store/migrations.ts';
import { CORPUS_FILE, ORGANISATIONS_FILE } from '../store/seed.ts';
import { isPostgresUrl, redactDatabaseUrl } from '../store/database-url.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: Check[];
}

export interface DoctorOptions {
  dbPath: string;
  /** A postgres:// URL: check that PostgreSQL database instead of the SQLite file (read-only, nothing migrated). */
  databaseUrl?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Where `.env` would be read from (the working directory). */
  cwd?: string;
  corpus?: { deals: string; organisations: string };
  /** Below this, free disk space is a warning; below a tenth of it, a failure. */
  minFreeBytes?: number;
}

const MB = 1024 * 1024;

/**
 * Who is a dealbot admin on Discord, in words: user ids everywhere, roles and Manage Server only in the configured
 * servers (anyone can invite a public bot to a server of their own and hold every role there).
 */
function discordAdminCheck(config: Config, guilds: string[]): [string, CheckStatus, string] {
  const users = config.DISCORD_ADMIN_USER_IDS.length;
  const userPart = users ? `${users} admin user id(s) count in every server and in direct messages` : 'no admin user ids';
  const byServer = [
    config.DISCORD_ADMIN_ROLE_IDS.length ? `${config.DISCORD_ADMIN_ROLE_IDS.length} admin role(s)` : undefined,
    config.DISCORD_MANAGERS_ARE_ADMINS ? 'members with Manage Server' : undefined,
  ].filter(Boolean);
  if (guilds.length === 0) {
    if (byServer.length === 0) return ['discord admin servers', 'ok', `${userPart}; roles and Manage Server are not used`];
    return [
      'discord admin servers',
      'warn',
      `${userPart}; ${byServer.join(' and ')} grant nothing, because no server is trusted: set DISCORD_ADMIN_GUILD_IDS ` +
        '(or DISCORD_GUILD_ID) to the servers whose roles and permissions should count',
    ];
  }
  const source = config.DISCORD_ADMIN_GUILD_IDS ? 'DISCORD_ADMIN_GUILD_IDS' : 'DISCORD_GUILD_ID';
  return [
    'discord admin servers',
    'ok',
    `${userPart}; ${byServer.length ? byServer.join(' and ') : 'roles and Manage Server'} count only in ${guilds.join(', ')} ` +
      `(from ${source}); in any other server those members are ordinary users`,
  ];
}

export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const checks: Check[] = [];
  const add = (name: string, status: CheckStatus, detail: string) => checks.push({ name, status, detail });
  const env = opts.env ?? process.env;

  // ------------------------------------------------------------------ configuration
  let config: Config | undefined;
  try {
    config = loadConfig(env);
    const adapters = [
      discordEnabled(config) ? 'Discord' : undefined,
      slackEnabled(config) ? `Slack (${config.SLACK_APP_TOKEN ? 'Socket Mode' : `HTTP on port ${config.SLACK_PORT}`})` : undefined,
    ].filter(Boolean);
    add('configuration', 'ok', adapters.length ? `valid; adapters: ${adapters.join(', ')}` : 'valid; no chat adapter configured (start opens the console)');
    const guilds = adminGuildIds(config);
    const serverAdmins = guilds.length > 0 && (config.DISCORD_ADMIN_ROLE_IDS.length > 0 || config.DISCORD_MANAGERS_ARE_ADMINS);
    const admins = config.DISCORD_ADMIN_USER_IDS.length + config.SLACK_ADMIN_USER_IDS.length + (serverAdmins ? 1 : 0);
    if (adapters.length && admins === 0) {
      add('admins', 'warn', 'no dealbot admins are configured: nobody can add or edit deals from chat');
    }
    if (discordEnabled(config)) add(...discordAdminCheck(config, guilds));
    add(
      'abuse limits',
      'ok',
      `${config.USER_RATE_BURST && config.USER_RATE_PER_MINUTE ? `${config.USER_RATE_BURST} commands at once, then ${config.USER_RATE_PER_MINUTE} a minute, per user` : 'no per-user limit'}; ${config.CHANNEL_PUBLIC_PER_MINUTE || 'unlimited'} public answers per channel per minute`,
    );
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    add('configuration', 'fail', e.message.replace(/\n\s*/g, ' '));
  }
  // Read by earlier versions only: a setting that silently does nothing is worth a word.
  if (env.USER_COOLDOWN_MS !== undefined && env.USER_COOLDOWN_MS.trim() !== '') {
    add('retired setting', 'warn', 'USER_COOLDOWN_MS is no longer read: the per-user limit is USER_RATE_BURST and USER_RATE_PER_MINUTE (.env.example)');
  }
  const envFile = resolve(opts.cwd ?? process.cwd(), '.env');
  if (existsSync(envFile)) {
    const mode = statSync(envFile).mode;
    if (mode & 0o004) add('.env permissions', 'warn', `${envFile} is readable by every user on this machine; it holds tokens (chmod 600 it)`);
    else add('.env permissions', 'ok', `${envFile} is not world-readable`);
  }

  // ------------------------------------------------------------------ database file and disk
  const dbPath = opts.dbPath;
  const dir = dirname(dbPath);
  if (isPostgresUrl(opts.databaseUrl)) {
    await checkPostgres(opts.databaseUrl, add);
  } else if (dbPath === ':memory:') {
    add('database', 'warn', 'in-memory database: nothing is kept between runs');
  } else {
    const exists = existsSync(dbPath);
    const dirWritable = canWrite(dir);
    if (!exists) {
      add(
        'database file',
        existsSync(dir) && dirWritable ? 'warn' : 'fail',
        existsSync(dir)
          ? dirWritable
            ? `${dbPath} does not exist yet; it is created (with the shipped corpus) on first start`
            : `${dbPath} does not exist and its folder is not writable`
          : `${dbPath} does not exist and neither does its folder ${dir}`,
      );
    } else if (!dirWritable || !canWrite(dbPath)) {
      add('database file', 'fail', `${dbPath} or its folder is read-only: dealbot cannot answer or save anything (SQLite writes -wal/-shm files beside it)`);
    } else {
      // Until a checkpoint, recent writes live in the write-ahead log beside the file: count it, and say so.
      const main = statSync(dbPath).size;
      const wal = existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0;
      const size = `${((main + wal) / MB).toFixed(1)} MB${wal ? `, of which ${(wal / MB).toFixed(1)} MB in the write-ahead log` : ''}`;
      add('database file', 'ok', `${dbPath} (${size}), writable`);
    }
    if (existsSync(dir)) {
      const min = opts.minFreeBytes ?? 200 * MB;
      try {
        const fs = statfsSync(dir);
        const free = fs.bavail * fs.bsize;
        add('disk space', free < min / 10 ? 'fail' : free < min ? 'warn' : 'ok', `${(free / MB).toFixed(0)} MB free where the database lives`);
      } catch (e) {
        add('disk space', 'warn', `could not measure: ${(e as Error).message}`);
      }
    }
    if (exists) checkDatabase(dbPath, add);
  }

  // ------------------------------------------------------------------ offline reachability
  const corpus = opts.corpus ?? { deals: CORPUS_FILE, organisations: ORGANISATIONS_FILE };
  try {
    const deals = parseDealFile(readFileSync(corpus.deals, 'utf8'));
    const orgs = parseOrganisationFile(readFileSync(corpus.organisations, 'utf8'));
    const problems = [...(deals.ok ? [] : deals.problems), ...(orgs.ok ? [] : orgs.problems)];
    const total = (deals.ok ? 0 : deals.total) + (orgs.ok ? 0 : orgs.total);
    if (problems.length) add('shipped corpus', 'fail', `${total} problem(s), first: ${formatProblem(problems[0]!)}`);
    else add('shipped corpus', 'ok', `${deals.ok ? deals.records.length : 0} deals, ${orgs.ok ? orgs.records.length : 0} organisations (used to seed a new database)`);
  } catch (e) {
    add('shipped corpus', 'fail', `cannot read it: ${(e as Error).message}`);
  }
  if (config && slackEnabled(config) && !config.SLACK_APP_TOKEN && config.SLACK_PORT !== 0) {
    const free = await portFree(config.SLACK_PORT);
    add(
      'slack port',
      free === true ? 'ok' : 'warn',
      free === true
        ? `port ${config.SLACK_PORT} is free for /slack/events`
        : `port ${config.SLACK_PORT} cannot be opened (${free}); is dealbot already running?`,
    );
  }
  if (config && (discordEnabled(config) || slackEnabled(config))) {
    add('platforms', 'ok', 'Discord and Slack reachability is not checked offline: start the bot and watch for "adapter started"');
  }
  return { ok: !checks.some((c) => c.status === 'fail'), checks };
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<true | string> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

function checkDatabase(path: string, add: (name: string, status: CheckStatus, detail: string) => void): void {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (e) {
    add('database open', 'fail', `cannot open ${path}: ${(e as Error).message} (a read-only folder or mount prevents even reading a WAL database)`);
    return;
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === LATEST_VERSION) add('migrations', 'ok', `schema version ${version}, up to date`);
    else if (version > LATEST_VERSION) add('migrations', 'fail', `schema version ${version} is newer than this dealbot (${LATEST_VERSION}): upgrade dealbot`);
    else {
      const pending = MIGRATIONS.filter((m) => m.version > version).map((m) => `${m.version}: ${m.description}`);
      add('migrations', 'warn', `schema version ${version}; the next start applies ${pending.length} migration(s): ${pending.join('; ')}`);
    }
    if (version === 0) {
      add('database', 'fail', 'the file has no dealbot schema (is it the right file?)');
      return;
    }
    const journal = String(db.pragma('journal_mode', { simple: true }));
    add('journal mode', journal === 'wal' ? 'ok' : 'warn', journal === 'wal' ? 'WAL (readers never wait for writers)' : `${journal}: expected wal`);
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    add('integrity', integrity.length === 1 && integrity[0] === 'ok' ? 'ok' : 'fail', integrity.slice(0, 3).join('; '));
    const fk = (db.pragma('foreign_key_check') as unknown[]).length;
    add('foreign keys', fk === 0 ? 'ok' : 'fail', fk === 0 ? 'every reference resolves' : `${fk} dangling reference(s)`);
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const live = n('SELECT count(*) AS n FROM deals WHERE deleted_at IS NULL');
    const removed = n('SELECT count(*) AS n FROM deals WHERE deleted_at IS NOT NULL');
    const missing = n('SELECT count(*) AS n FROM deals d WHERE d.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM deals_fts f WHERE f.rowid = d.id)');
    const orphans = n('SELECT count(*) AS n FROM deals_fts f WHERE NOT EXISTS (SELECT 1 FROM deals d WHERE d.id = f.rowid AND d.deleted_at IS NULL)');
    const stale = n('SELECT count(*) AS n FROM deals d JOIN deals_fts f ON f.rowid = d.id WHERE f.title != d.title');
    const bad = missing + orphans + stale;
    add(
      'search index',
      bad === 0 ? 'ok' : 'fail',
      bad === 0
        ? `in step: ${live} live deals indexed (${removed} removed, not indexed)`
        : `out of step: ${missing} deal(s) missing, ${orphans} stray entr(ies), ${stale} stale title(s)`,
    );
    const rows = n(`SELECT count(*) AS n FROM deals d WHERE json_array_length(d.doc, '$.parties') !=
      (SELECT count(*) FROM deal_parties p WHERE p.deal_id = d.id)`);
    add('deal rows', rows === 0 ? 'ok' : 'fail', rows === 0 ? 'every deal document matches its party rows' : `${rows} deal(s) whose parties do not match their document`);
    add('contents', 'ok', `${live} deals, ${n('SELECT count(*) AS n FROM organisations')} organisations, ${n('SELECT count(*) AS n FROM audit_log')} audit entries`);
  } catch (e) {
    add('database', 'fail', `reading it failed: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

/** The PostgreSQL database: reachable, schema version, contents. Read-only; pg is loaded only here. */
async function checkPostgres(url: string, add: (name: string, status: CheckStatus, detail: string) => void): Promise<void> {
  const where = redactDatabaseUrl(url);
  const [{ default: pg }, { PG_LATEST_VERSION, PG_MIGRATIONS }] = await Promise.all([import('pg'), import('../store/postgres/migrations.ts')]);
  const client = new pg.Client({ connectionString: url, application_name: 'dealbot-doctor', connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    const code = (e as { code?: string }).code;
    add('database', 'fail', `cannot connect to ${where}${code ? ` (${code})` : ''}: is PostgreSQL running there, and are the user and password right?`);
    return;
  }
  try {
    await client.query('SET default_transaction_read_only = on');
    const ver = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
    add('database', 'ok', `PostgreSQL ${ver} at ${where}`);
    const hasTable = async (t: string) => (await client.query<{ r: string | null }>('SELECT to_regclass($1) AS r', [t])).rows[0]?.r != null;
    if (!(await hasTable('dealbot_migrations'))) {
      add('migrations', 'warn', `no dealbot schema yet; the first start creates it (${PG_MIGRATIONS.length} migration(s)) and fills it with the shipped corpus`);
      return;
    }
    const version = (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM dealbot_migrations')).rows[0]?.v ?? 0;
    if (version === PG_LATEST_VERSION) add('migrations', 'ok', `schema version ${version}, up to date`);
    else if (version > PG_LATEST_VERSION) add('migrations', 'fail', `schema version ${version} is newer than this dealbot (${PG_LATEST_VERSION}): upgrade dealbot`);
    else {
      const pending = PG_MIGRATIONS.filter((m) => m.version > version).map((m) => `${m.version}: ${m.description}`);
      add('migrations', 'warn', `schema version ${version}; the next start applies ${pending.length} migration(s): ${pending.join('; ')}`);
    }
    const n = async (sql: string) => (await client.query<{ n: number }>(sql)).rows[0]!.n;
    const live = await n('SELECT count(*)::int AS n FROM deals WHERE deleted_at IS NULL');
    const rows = await n(`SELECT count(*)::int AS n FROM deals d WHERE json_array_length(d.doc::json -> 'parties') !=
      (SELECT count(*) FROM deal_parties p WHERE p.deal_id = d.id)`);
    add('deal rows', rows === 0 ? 'ok' : 'fail', rows === 0 ? 'every deal document matches its party rows' : `${rows} deal(s) whose parties do not match their document`);
    const orgs = await n('SELECT count(*)::int AS n FROM organisations');
    const audit = await n('SELECT count(*)::int AS n FROM audit_log');
    add('contents', 'ok', `${live} deals, ${orgs} organisations, ${audit} audit entries`);
  } catch (e) {
    add('database', 'fail', `reading ${where} failed: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };

export function formatReport(r: DoctorReport): string {
  const width = Math.max(...r.checks.map((c) => c.name.length));
  const lines = r.checks.map((c) => `${MARK[c.status]}  ${c.name.padEnd(width)}  ${c.detail}`);
  const fails = r.checks.filter((c) => c.status === 'fail').length;
  const warns = r.checks.filter((c) => c.status === 'warn').length;
  lines.push('', fails ? `${fails} problem(s) to fix, ${warns} warning(s).` : warns ? `Healthy, with ${warns} warning(s).` : 'Healthy.');
  return lines.join('\n') + '\n';
}
