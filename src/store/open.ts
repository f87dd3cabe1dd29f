// Choosing the backend: DATABASE_URL=postgres://… (or postgresql://…) opens PostgreSQL, loading pg only then;
// anything else opens the SQLite file at `path` (the default, nothing to configure).
import type { DealStore, OpenedStore, StoreOptions } from './types.ts';
import { SqliteDealStore } from './sqlite-store.ts';

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export async function openStore(
  opts: StoreOptions & { databaseUrl?: string | undefined; path: string; poolSize?: number },
): Promise<OpenedStore> {
  if (isPostgresUrl(opts.databaseUrl)) {
    const { PgDealStore } = await import('./postgres/store.ts');
    return PgDealStore.open(opts.databaseUrl, opts);
  }
  return SqliteDealStore.open(opts.path, opts);
}

/**
 * Copies everything durable from one store into another, empty one, in one transaction on the target: deals (removed
 * ones too, with their versions and timestamps), organisations and aliases, the audit log and usage. What a move from
 * SQLite to PostgreSQL runs (`dealbot export` + `import` carries only the live deals).
 */
export async function copyStore(
  from: DealStore,
  to: DealStore,
): Promise<{ deals: number; organisations: number; audit: number }> {
  const dump = await from.dump();
  await to.loadDump(dump);
  return { deals: dump.deals.length, organisations: dump.organisations.length, audit: dump.audit.length };
}
