// What every CLI subcommand shares: global options, opening the app, the operator as the acting user. Kept light:
// `dealbot --help` loads this, so the app (SQLite, search, the core) is imported only when a command opens it.
import type { Command } from 'commander';
import type { App } from '../app.ts';
import type { User } from '../core/replies.ts';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

export interface GlobalOptions {
  db?: string;
  seed: boolean;
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/**
 * Opens the store for a CLI command: the SQLite file given with --db, else PostgreSQL when DATABASE_URL is a
 * postgres:// URL, else DEALBOT_DB or the default file. Logs stay quiet (warnings only) unless LOG_LEVEL says so.
 */
export async function openCliApp(cmd: Command): Promise<App> {
  const g = globalOptions(cmd);
  const [{ openAppAsync }, { createLogger }, { resolveDbPath }, { databaseUrlFrom, usageRetentionDays }] = await Promise.all([
    import('../app.ts'),
    import('../log.ts'),
    import('../paths.ts'),
    import('../config.ts'),
  ]);
  return openAppAsync({
    dbPath: resolveDbPath(g.db),
    databaseUrl: g.db ? undefined : databaseUrlFrom(),
    seed: g.seed,
    log: createLogger(process.env.LOG_LEVEL ?? 'warn'),
    settings: { usageRetentionDays: usageRetentionDays() },
  });
}

export function cliUser(): User {
  let name = 'operator';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry: keep the generic name
  }
  return { id: `cli:${name}`, name, platform: 'cli', isOperator: true };
}

/** Prints to stderr and sets a failing exit code, for errors a script should notice. */
export function fail(message: string, code = 1): void {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exitCode = code;
}

/** Reads a file argument ("-" is standard input); on failure says so and returns undefined. */
export function readInputFile(path: string): string | undefined {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    fail(`cannot read ${path}: ${(e as Error).message}`);
    return undefined;
  }
}
