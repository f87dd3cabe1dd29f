// The conformance suite on the PostgreSQL backend, plus what only PostgreSQL has: LISTEN/NOTIFY with a killed
// listening connection, weighted full-text search, and the copy from a SQLite store.
//
// The server: DEALBOT_TEST_DATABASE_URL (set by .ci/run), else one this file starts from the installed binaries
// (tests/helpers/pg-server.ts), else (or with DEALBOT_TEST_DATABASE_URL=off) the PostgreSQL part is not registered
// and a line says so. With
// DEALBOT_REQUIRE_POSTGRES=1 (as in CI) a missing server fails the run instead.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { serialiseDeals } from '../../../src/deals/import-file.ts';
import { copyStore, isPostgresUrl, openStore } from '../../../src/store/open.ts';
import { PG_MIGRATIONS } from '../../../src/store/postgres/migrations.ts';
import { LISTENER_APPLICATION_NAME, PgDealStore } from '../../../src/store/postgres/store.ts';
import { seedDealStore } from '../../../src/store/seed.ts';
import { SqliteDealStore } from '../../../src/store/sqlite-store.ts';
import type { ChangeBatch, StoreDump } from '../../../src/store/types.ts';
import { FIXTURES } from '../../helpers/app.ts';
import { startTempPostgres, type TempPostgres } from '../../helpers/pg-server.ts';
import { actor, deal, eventually, storeConformance } from '../../helpers/store-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-pgtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('choosing the backend', () => {
  it('opens PostgreSQL only for a postgres:// URL and SQLite otherwise', async () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true);
    expect(isPostgresUrl(undefined)).toBe(false);
    expect(isPostgresUrl('')).toBe(false);
    expect(isPostgresUrl('/var/lib/dealbot.db')).toBe(false);
    const { store } = await openStore({ databaseUrl: undefined, path: join(dir, 'default.sqlite') });
    expect(store.backend).toBe('sqlite');
    await store.close();
  });
});

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
if (!baseUrl && process.env.DEALBOT_REQUIRE_POSTGRES === '1') {
  throw new Error(`DEALBOT_REQUIRE_POSTGRES=1 but no PostgreSQL: ${why}`);
}

if (!baseUrl) {
  console.warn(`\n*** PostgreSQL tests NOT RUN: ${why}. Set DEALBOT_TEST_DATABASE_URL or install the server to run them. ***\n`);
} else {
  const admin = new pg.Pool({ connectionString: baseUrl, max: 2 });
  const databases: string[] = [];
  let n = 0;
  const urlOf = (db: string) => {
    const u = new URL(baseUrl!);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const newDatabase = async () => {
    const name = `dealbot_t${process.pid}_${++n}`;
    await admin.query(`CREATE DATABASE ${name}`);
    databases.push(name);
    return urlOf(name);
  };
  afterAll(async () => {
    for (const db of databases) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    server?.stop();
  });

  storeConformance({
    name: 'postgres',
    newDatabase,
    open: async (url, opts) => PgDealStore.open(url, opts),
    backupPath: () => join(dir, `backup-${++n}.json`),
    openBackup: async (path) => {
      const { store } = await PgDealStore.open(await newDatabase());
      await store.loadDump(JSON.parse(readFileSync(path, 'utf8')) as StoreDump);
      return store;
    },
    migrationCount: PG_MIGRATIONS.length,
  });

  describe('PostgreSQL only', () => {
    it('a killed LISTEN connection loses nothing: it reconnects and catches up by generation', async () => {
      const url = await newDatabase();
      const { store: writer } = await PgDealStore.open(url);
      const { store: reader } = await PgDealStore.open(url);
      try {
        await seedDealStore(writer, FIXTURES);
        const seen: ChangeBatch[] = [];
        const errors: unknown[] = [];
        // A long poll, so what arrives comes from NOTIFY or from the catch-up on reconnect.
        const sub = reader.onChange((b) => void seen.push(b), { pollMs: 60_000, onError: (e) => errors.push(e) });
        await sub.ready;
        const keys = () => seen.flatMap((b) => b.changes.map((c) => c.key));
        await writer.createDeal(deal('t-n0'), actor);
        await eventually(() => keys().includes('t-n0'), 'the notified change');
        const db = new URL(url).pathname.slice(1);
        const listening = async () =>
          (
            await admin.query(
              `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND datname = $2 AND query LIKE 'LISTEN%'`,
              [LISTENER_APPLICATION_NAME, db],
            )
          ).rowCount === 1;
        for (let round = 1; round <= 3; round++) {
          await eventually(listening, 'the listener to be connected');
          const killed = await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = $2',
            [LISTENER_APPLICATION_NAME, db],
          );
          expect(killed.rowCount).toBe(1);
          // Written while the listener is down: no notification reaches it.
          await writer.createDeal(deal(`t-n${round}a`), actor);
          await writer.addAlias('Globex', `Globex Round ${round}`, actor);
          await writer.createDeal(deal(`t-n${round}b`), actor);
        }
        const target = await writer.generation();
        await eventually(() => sub.generation === target, 'catch-up after the reconnects');
        expect(keys()).toEqual(['t-n0', 't-n1a', 'Globex', 't-n1b', 't-n2a', 'Globex', 't-n2b', 't-n3a', 'Globex', 't-n3b']);
        const gens = seen.flatMap((b) => b.changes.map((c) => c.generation));
        expect(gens).toEqual([...gens].sort((a, b) => a - b));
        expect(errors.length).toBeGreaterThan(0); // the kills were noticed, not silently ignored
        // Listening again: a new change arrives by NOTIFY without a poll.
        await writer.createDeal(deal('t-after'), actor);
        await eventually(() => keys().includes('t-after'), 'a change after reconnecting');
        await sub.close();
      } finally {
        await writer.close();
        await reader.close();
      }
    });

    it('weights parties over title over areas over summary, folds accents, and serves newest first from the btree', async () => {
      const url = await newDatabase();
      const { store } = await PgDealStore.open(url);
      try {
        await store.createDeal(deal('t-summary', { summary: 'Mentions zorblax only in the summary text here.' }), actor);
        await store.createDeal(deal('t-area', { areas: ['zorblax'] }), actor);
        await store.createDeal(deal('t-title', { title: 'Zörblax deal in the title' }), actor);
        await store.createDeal(deal('t-party', { parties: [{ name: 'Zorblax Inc', role: 'partner' }, { name: 'Acme', role: 'partner' }] }), actor);
        const ranked = await store.pool.query<{ slug: string }>(
          `SELECT slug FROM deals WHERE deleted_at IS NULL AND search @@ to_tsquery('simple', dealbot_unaccent($1))
           ORDER BY ts_rank(search, to_tsquery('simple', dealbot_unaccent($1))) DESC, id`,
          ['zorblax'],
        );
        expect(ranked.rows.map((r) => r.slug)).toEqual(['t-party', 't-title', 't-area', 't-summary']);
        // An alias added later reaches the parties text of the organisation's deals.
        await store.addAlias('Acme', 'Quuxcorp', actor);
        const alias = await store.pool.query<{ slug: string }>(
          `SELECT slug FROM deals WHERE search @@ to_tsquery('simple', 'quuxcorp') ORDER BY slug`,
        );
        expect(alias.rows.map((r) => r.slug)).toEqual(['t-area', 't-party', 't-summary', 't-title']);
        const plan = await store.pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT id FROM deals WHERE deleted_at IS NULL ORDER BY announced DESC, id DESC LIMIT 10`,
        );
        await store.pool.query('ANALYZE deals');
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/deals_newest|deals_type_newest|Seq Scan/); // four rows: any of them is cheapest
        const idx = await store.pool.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'deals' ORDER BY indexname`);
        const defs = idx.rows.map((r) => r.indexdef).join('\n');
        expect(defs).toMatch(/USING gin \(search\)/);
        expect(defs).toMatch(/\(announced DESC, id DESC\)/);
      } finally {
        await store.close();
      }
    });

    it('copies a SQLite store into an empty PostgreSQL store: the same export, history, aliases and removed deals', async () => {
      const { store: lite } = SqliteDealStore.open(join(dir, 'copy-source.sqlite'));
      const { store: pgStore } = await PgDealStore.open(await newDatabase());
      try {
        await seedDealStore(lite);
        const v = await lite.createDeal(deal('t-copy'), actor);
        await lite.updateDeal('t-copy', deal('t-copy', { title: 'Copied' }), v.version, actor);
        await lite.createDeal(deal('t-copy-removed'), actor);
        await lite.removeDeal('t-copy-removed', actor);
        await lite.addAlias('Microsoft', 'Copy Alias', actor);
        const r = await copyStore(lite, pgStore);
        expect(r.deals).toBe((await lite.dump()).deals.length);
        expect(serialiseDeals(await pgStore.exportDeals())).toBe(serialiseDeals(await lite.exportDeals()));
        expect(await pgStore.dump()).toEqual(await lite.dump());
        expect(await pgStore.history({ limit: 1000 })).toEqual(await lite.history({ limit: 1000 }));
        expect(await pgStore.listOrganisations()).toEqual(await lite.listOrganisations());
        expect(await pgStore.listDeals({ company: 'copy alias', limit: 5 })).toEqual(await lite.listDeals({ company: 'copy alias', limit: 5 }));
        expect(await pgStore.restoreDeal('t-copy-removed', actor)).toMatchObject({ version: 3 });
      } finally {
        await lite.close();
        await pgStore.close();
      }
    });

    it('a database that cannot be reached gives a clear StoreError', async () => {
      const u = new URL(baseUrl!);
      u.port = '1';
      await expect(PgDealStore.open(u.toString())).rejects.toMatchObject({ code: 'io', message: /could not be reached/ });
    });
  });
}
