// The PostgreSQL a test file runs against, found as tests/e2e/store/postgres.test.ts finds it: DEALBOT_TEST_DATABASE_URL
// (set by .ci/run), else a throwaway server from the installed binaries, else none (or DEALBOT_TEST_DATABASE_URL=off)
// and the caller says the PostgreSQL part was not run. DEALBOT_REQUIRE_POSTGRES=1 (as in CI) makes a missing server
// an error instead. Each test gets a database of its own, dropped at the end.
import pg from 'pg';
import { startTempPostgres, type TempPostgres } from './pg-server.ts';

export interface TestPostgres {
  /** A new, empty database's URL. */
  newDatabase(): Promise<string>;
  /** Runs SQL as the administrator (on the server's first database). */
  admin: pg.Pool;
  close(): Promise<void>;
}

export async function testPostgres(): Promise<TestPostgres | { unavailable: string }> {
  let url = process.env.DEALBOT_TEST_DATABASE_URL;
  let server: TempPostgres | undefined;
  let why = '';
  if (url === 'off') {
    url = undefined;
    why = 'DEALBOT_TEST_DATABASE_URL=off';
  } else if (!url) {
    const started = await startTempPostgres();
    if ('url' in started) {
      server = started;
      url = started.url;
    } else why = started.unavailable;
  }
  if (!url) {
    if (process.env.DEALBOT_REQUIRE_POSTGRES === '1') throw new Error(`DEALBOT_REQUIRE_POSTGRES=1 but no PostgreSQL: ${why}`);
    return { unavailable: why };
  }
  const base = url;
  const admin = new pg.Pool({ connectionString: base, max: 2 });
  const databases: string[] = [];
  let n = 0;
  return {
    admin,
    async newDatabase() {
      const name = `dealbot_f${process.pid}_${++n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      databases.push(name);
      const u = new URL(base);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async close() {
      for (const db of databases) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      server?.stop();
    },
  };
}
