// A scratch database on a PostgreSQL server for one evaluation or benchmark run: created next to the database the URL
// names (which is never written), dropped at the end. `--database-url URL` or DATABASE_URL=postgres://… choose the
// server; the URL's user must be allowed to create databases.
import pg from 'pg';
import { isPostgresUrl } from '../src/store/open.ts';

/** The PostgreSQL URL given by `--database-url URL` or DATABASE_URL, if any. */
export function databaseUrlArg(args: string[]): string | undefined {
  const at = args.indexOf('--database-url');
  const url = at >= 0 ? args[at + 1] : process.env.DATABASE_URL;
  if (at >= 0 && !isPostgresUrl(url)) throw new Error('--database-url needs a postgres:// URL');
  return isPostgresUrl(url) ? url : undefined;
}

let made = 0;

export async function withScratchDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `dealbot_scratch_${process.pid}_${++made}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    try {
      return await fn(u.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
