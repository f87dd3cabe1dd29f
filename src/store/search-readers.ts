// The SearchReader for a store of either backend. PostgreSQL's reader shares the store's pool; it imports only pg's
// types, so the default SQLite set-up still never loads pg.
import type pg from 'pg';
import { SqliteSearchReader, type SearchReader } from './search-reader.ts';
import { PgSearchReader } from './postgres/search-reader.ts';
import { SqliteDealStore } from './sqlite-store.ts';
import type { DealStore } from './types.ts';

export function searchReaderFor(deals: DealStore): SearchReader {
  if (deals instanceof SqliteDealStore) return new SqliteSearchReader(deals.store);
  const pool = (deals as { pool?: pg.Pool }).pool;
  if (deals.backend === 'postgres' && pool) return new PgSearchReader(pool);
  throw new Error(`no search reader for this ${deals.backend} store`);
}
