// Where dealbot's files are, whether it runs from the TypeScript sources (src/, through tsx or vitest) or from the
// compiled build (dist/src/): the package root is the nearest folder above this module with dealbot's package.json,
// and the shipped corpus and the default database live in its data/ folder. DEALBOT_DB moves the database.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding dealbot's package.json (and data/, bin/, dist/). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'dealbot') return (root = dir);
      } catch {
        // not ours: keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find dealbot's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** dealbot's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The shipped corpus (deals.jsonl, organisations.json) and, by default, the database. */
export function dataDir(): string {
  return join(packageRoot(), 'data');
}

export function defaultDbPath(): string {
  return join(dataDir(), 'dealbot.db');
}

/** The database to open: --db, else DEALBOT_DB, else data/dealbot.db in the package. */
export function resolveDbPath(cliPath: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const p = cliPath ?? env.DEALBOT_DB;
  return p ? (p === ':memory:' ? p : resolve(p)) : defaultDbPath();
}
