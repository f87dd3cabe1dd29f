// Choosing the backend: DATABASE_URL=postgres://… (or postgresql://…) opens PostgreSQL, loading pg only then;
// anything else opens the SQLite file at `path` (the default, nothing to configure).
import { isPostgresUrl } from './database-url.ts';
import type { DealStore, OpenedStore, StoreOptions } from './types.ts';
import type { PgDealStore } from './postgres/store.ts';
import { CORPUS_FILE, ORGANISATIONS_FILE, seedDealStore, seedKnown } from './seed.ts';
import { SqliteDealStore } from './sqlite-store.ts';

export { isPostgresUrl, redactDatabaseUrl } from './database-url.ts';

export async function openStore(
  opts: StoreOptions & { databaseUrl?: string | undefined; path: string; poolSize?: number },
): Promise<OpenedStore> {
  if (isPostgresUrl(opts.databaseUrl)) {
    const { PgDealStore } = await import('./postgres/store.ts');
    return PgDealStore.open(opts.databaseUrl, opts);
  }
  return SqliteDealStore.open(opts.path, opts);
}

/** The migration of each backend that added organisations' `known` column (SQLite 7, PostgreSQL 4). */
const KNOWN_MIGRATION = { sqlite: 7, postgres: 4 } as const;

/** Any fixed 64-bit number, the same in every dealbot process: held while an empty database is filled. */
export const SEED_LOCK_ID = 7_241_865_325_823_964n + 16n;

/**
 * openStore, then fills an empty database with the shipped corpus (data/) unless `seed` is false. On PostgreSQL the
 * filling holds an advisory lock and checks again that the database is still empty, so of several processes starting
 * together on a new database exactly one seeds it. `seeded`: how many deals this call put in (undefined: none).
 */
export async function openSeededStore(
  opts: StoreOptions & {
    databaseUrl?: string | undefined;
    path: string;
    poolSize?: number;
    seed: boolean;
    files?: { deals: string; organisations: string };
  },
): Promise<OpenedStore & { seeded?: number | undefined }> {
  const opened = await openStore(opts);
  if (!opts.seed) return opened;
  const store = opened.store;
  const files = opts.files ?? { deals: CORPUS_FILE, organisations: ORGANISATIONS_FILE };
  if (!opened.created) {
    // A database seeded before organisations kept what they are known for gets the shipped descriptions once, by the
    // process whose open added the column (nothing else of the shipped file is merged into a store in use).
    if (opened.applied.includes(KNOWN_MIGRATION[store.backend])) {
      try {
        await seedKnown(store, files.organisations);
      } catch (e) {
        await store.close().catch(() => undefined);
        throw e;
      }
    }
    return opened;
  }
  try {
    if (store.backend !== 'postgres') return { ...opened, seeded: (await seedDealStore(store, files)).deals };
    const seeded = await (store as PgDealStore).exclusively(SEED_LOCK_ID, async () =>
      (await store.countDeals()) === 0 && (await store.listOrganisations()).length === 0 ? (await seedDealStore(store, files)).deals : undefined,
    );
    return { ...opened, seeded };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Copies everything durable from one store into another, empty one, in one transaction on the target: deals (removed
 * ones too, with their versions and timestamps), organisations and aliases, the audit log, usage and the review
 * queue. What a move from SQLite to PostgreSQL runs (`dealbot export` + `import` carries only the live deals).
 */
export async function copyStore(
  from: DealStore,
  to: DealStore,
): Promise<{ deals: number; organisations: number; audit: number; usage: number }> {
  const dump = await from.dump();
  await to.loadDump(dump);
  return { deals: dump.deals.length, organisations: dump.organisations.length, audit: dump.audit.length, usage: dump.usage.length };
}
