// PostgreSQL's failures as the StoreErrors SQLite's give (its own module: the search reader uses it without loading pg).
import { StoreError } from '../db.ts';

/** Translates PostgreSQL's failures into the same StoreErrors SQLite's give, so callers handle one set. */
export function describePgError(e: unknown): StoreError | undefined {
  if (e instanceof StoreError) return e;
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (code === '53100') return new StoreError('the database disk is full; nothing was changed', 'full');
  if (code === '25006') return new StoreError('the database is read-only; nothing was changed', 'readonly');
  if (code === '40P01' || code === '55P03' || code === '53300') return new StoreError('the database is busy; try again in a moment', 'busy');
  if (code === 'XX001' || code === 'XX002') return new StoreError('the database is damaged', 'corrupt');
  if (code.startsWith('08') || code === '57P01' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ENOTFOUND') {
    return new StoreError('the database could not be reached; nothing was changed', 'io');
  }
  return undefined;
}
