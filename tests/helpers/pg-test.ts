// PostgreSQL for a test file: DEALBOT_TEST_DATABASE_URL (set by .ci/run), else a throwaway server started from the
// installed binaries (pg-server.ts), else none — then the file registers no PostgreSQL tests and prints a line
// saying so, unless DEALBOT_REQUIRE_POSTGRES=1 (as in CI), which makes a missing server an error.
// `newDatabase()` gives each test an empty database of its own; all are dropped at the end.
import pg from 'pg';
import { startTempPostgres, type TempPostgres } from './pg-server.ts';

export interface TestPostgres {
  /** The server's test database (for admin queries: pg_locks, pg_stat_activity, CREATE DATABASE). */
  baseUrl: string;
  admin: pg.Pool;
  /** A new, empty database; its URL. */
  newDatabase(): Promise<string>;
  /** Drops the databases made and stops a server this helper started. */
  close(): Promise<void>;
}

export async function testPostgres(what: string): Promise<TestPostgres | undefined> {
  let server: TempPostgres | undefined;
  let baseUrl = process.env.DEALBOT_TEST_DATABASE_URL;
  let why = '';
  if (baseUrl === 'off') {
    baseUrl = undefined;
    why = 'DEALBOT_TEST_DATABASE_URL=off';
  } else if (!baseUrl) {
    const started = await startTempPostgres();
    if ('url' in started) {
      server = started;
      baseUrl = started.url;
    } else why = started.unavailable;
  }
  if (!baseUrl) {
    if (process.env.DEALBOT_REQUIRE_POSTGRES === '1') throw new Error(`DEALBOT_REQUIRE_POSTGRES=1 but no PostgreSQL: ${why}`);
    console.warn(`\n*** PostgreSQL tests NOT RUN (${what}): ${why}. Set DEALBOT_TEST_DATABASE_URL or install the server to run them. ***\n`);
    return undefined;
  }
  const url = baseUrl;
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  admin.on('error', () => undefined);
  const databases: string[] = [];
  let n = 0;
  return {
    baseUrl: url,
    admin,
    async newDatabase() {
      const name = `dealbot_w${process.pid}_${++n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      databases.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async close() {
      for (const db of databases) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
      server?.stop();
    },
  };
}

/** The URL with a password put in (the test servers trust loopback, so any password works): to check it is never shown. */
export function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}
