// The conformance suite on the SQLite backend (better-sqlite3 files in a temporary folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { MIGRATIONS } from '../../../src/store/migrations.ts';
import { SqliteDealStore } from '../../../src/store/sqlite-store.ts';
import { storeConformance } from '../../helpers/store-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-conformance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeConformance({
  name: 'sqlite',
  newDatabase: async () => join(dir, `db-${++n}.sqlite`),
  open: async (path, opts) => SqliteDealStore.open(path, opts),
  backupPath: () => join(dir, `backup-${++n}.sqlite`),
  openBackup: async (path) => SqliteDealStore.open(path).store,
  migrationCount: MIGRATIONS.length,
});
