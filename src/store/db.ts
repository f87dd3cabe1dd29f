// Opening the SQLite database: pragmas, migrations, and the first-start seed from the shipped corpus.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'readonly' | 'full' | 'busy' | 'corrupt' | 'newer_schema' | 'io',
  ) {
    super(message);
  }
}

/**
 * Opens (creating if needed) and migrates the database. `created` says whether the file is new; `applied` lists the
 * migrations this call ran (another process starting at the same moment may have run them instead).
 */
export function openDatabase(path: string, opts: OpenOptions = {}): { db: Db; created: boolean; applied: number[] } {
  const inMemory = path === ':memory:';
  const created = inMemory || !existsSync(path);
  let db: Db;
  const applied: number[] = [];
  try {
    if (!inMemory && created) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (e) {
    throw describeOpenError(path, e) ?? e;
  }
  try {
    // Another process (a CLI import while the bot runs) may hold the write lock for a moment: wait, do not fail.
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) whileBusy(() => db.pragma('journal_mode = WAL'));
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // Each migration is one transaction, so a try that met a lock SQLite does not wait on is simply made again.
    if (!opts.readonly) whileBusy(() => migrate(db, applied));
    else checkVersion(db);
  } catch (e) {
    db.close();
    throw describeOpenError(path, e) ?? e;
  }
  return { db, created, applied };
}

function checkVersion(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw new StoreError(
      `database schema version ${current} is newer than this dealbot (${LATEST_VERSION}); upgrade dealbot`,
      'newer_schema',
    );
  }
  return current;
}

export function migrate(db: Db, applied: number[] = []): number {
  const current = checkVersion(db);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    // IMMEDIATE: take the write lock first, so two processes starting together cannot both migrate.
    const ran = db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now >= m.version) return false;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      return true;
    }).immediate();
    // Counted once committed (a commit that failed is tried again by the caller).
    if (ran) applied.push(m.version);
  }
  return db.pragma('user_version', { simple: true }) as number;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Opening fails on a read-only folder or mount even for reading: SQLite must create PATH-wal and PATH-shm beside a
 * WAL database. Says so, instead of SQLite's bare "unable to open database file".
 */
function describeOpenError(path: string, e: unknown): StoreError | undefined {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code === 'ENOSPC') return new StoreError(`cannot create the database ${path}: the disk is full`, 'full');
  const fsCodes = ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'];
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') || fsCodes.includes(code)) {
    return new StoreError(
      `cannot open the database ${path}: the file or its folder is read-only, missing or not accessible ` +
        '(dealbot needs to write the file and create its -wal and -shm files beside it)',
      code.startsWith('SQLITE_READONLY') || code === 'EROFS' ? 'readonly' : 'io',
    );
  }
  const known = describeSqliteError(e);
  return known ? new StoreError(`cannot open the database ${path}: ${known.message}`, known.code) : undefined;
}

/** Translates SQLite's error codes into messages an admin can act on. */
export function describeSqliteError(e: unknown): StoreError | undefined {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code.startsWith('SQLITE_READONLY')) return new StoreError('the database is read-only; nothing was changed', 'readonly');
  if (code === 'SQLITE_FULL') return new StoreError('the disk is full; nothing was changed', 'full');
  if (code.startsWith('SQLITE_BUSY')) return new StoreError('the database is busy; try again in a moment', 'busy');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new StoreError('the database file is damaged', 'corrupt');
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') return new StoreError('the database could not be written', 'io');
  return undefined;
}

/**
 * Runs `fn` again while it fails with SQLITE_BUSY, for up to the busy timeout. Two processes creating the same new
 * file at once (the bot and a CLI command started together) can get SQLITE_BUSY without SQLite waiting on the busy
 * handler — switching the journal mode, or a WAL read snapshot that another process's commit made stale — which a
 * second try a moment later gets past.
 */
function whileBusy<T>(fn: () => T): T {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (!String((e as { code?: string }).code ?? '').startsWith('SQLITE_BUSY') || Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}
