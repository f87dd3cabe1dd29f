// `dealbot copy-store --to TARGET`: moves a store to another backend — SQLite to PostgreSQL, or back — with
// everything durable (copyStore, src/store/open.ts): deals (removed ones too, with their versions and timestamps),
// organisations and aliases, the audit log, usage and the review queue, in one transaction on the target. The source
// is the store every command uses (--db FILE, else DATABASE_URL, else DEALBOT_DB or the default file); the target
// must be empty.
import type { Command } from 'commander';
import { fail, globalOptions } from './shared.ts';

export function registerCopyStore(program: Command): void {
  program
    .command('copy-store')
    .description('copy this store (deals, removed ones too, aliases, audit, usage, review queue) into an empty one: postgres://… or a new SQLite file')
    .requiredOption('--to <target>', 'postgres://user:password@host:5432/db (an empty database), or the path of a new SQLite file')
    .action(async (opts: { to: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      const [{ existsSync }, { resolve }, { copyStore, isPostgresUrl, openStore, redactDatabaseUrl }, { resolveDbPath }, { databaseUrlFrom }, { serialiseDeals }] =
        await Promise.all([
          import('node:fs'),
          import('node:path'),
          import('../store/open.ts'),
          import('../paths.ts'),
          import('../config.ts'),
          import('../deals/import-file.ts'),
        ]);
      const fromUrl = g.db ? undefined : databaseUrlFrom();
      const fromPath = resolveDbPath(g.db);
      const source = fromUrl ? redactDatabaseUrl(fromUrl) : fromPath;
      if (!fromUrl && (fromPath === ':memory:' || !existsSync(fromPath))) {
        fail(`no database at ${fromPath}; nothing to copy`);
        return;
      }
      const toUrl = isPostgresUrl(opts.to) ? opts.to : undefined;
      const toPath = toUrl ? '' : resolve(opts.to);
      const target = toUrl ? redactDatabaseUrl(toUrl) : toPath;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(opts.to) && !toUrl) {
        fail(`--to must be a postgres:// (or postgresql://) URL or a file path, not ${redactDatabaseUrl(opts.to)}`);
        return;
      }
      if ((toUrl && toUrl === fromUrl) || (!toUrl && !fromUrl && toPath === fromPath)) {
        fail('the target is the store itself; give another database with --to');
        return;
      }
      if (!toUrl && existsSync(toPath)) {
        fail(`${toPath} exists; copy-store writes a new SQLite file (or give a postgres:// URL)`);
        return;
      }
      const progress = (text: string) => process.stderr.isTTY && process.stderr.write(text + '\n');
      let from: Awaited<ReturnType<typeof openStore>>['store'] | undefined;
      let to: typeof from;
      try {
        from = (await openStore({ databaseUrl: fromUrl, path: fromPath }).catch((e: unknown) => {
          throw new Error(`cannot open the source ${source}: ${(e as Error).message}`);
        })).store;
        to = (await openStore({ databaseUrl: toUrl, path: toPath }).catch((e: unknown) => {
          throw new Error(`cannot open the target ${target}: ${(e as Error).message}`);
        })).store;
        const [deals, orgs] = await Promise.all([to.countDeals(), to.listOrganisations()]);
        if (deals > 0 || orgs.length > 0) {
          fail(
            `the target ${target} is not empty (${deals} deals, ${orgs.length} organisations); copy-store copies only into an empty ` +
              'store, so nothing was copied. Use a new database, or drop and recreate that one.',
          );
          return;
        }
        progress(`copying ${source} -> ${target}…`);
        const r = await copyStore(from, to);
        // The proof that nothing was lost: both stores export the same bytes.
        const [a, b] = await Promise.all([from.exportDeals(), to.exportDeals()]);
        const same = serialiseDeals(a) === serialiseDeals(b);
        if (!same) {
          fail(`copied, but the target's export differs from the source's; do not switch to ${target} before checking it`);
          return;
        }
        process.stdout.write(
          `copied ${r.deals} deals (${a.length} live), ${r.organisations} organisations, ${r.audit} audit entries, ${r.usage} usage rows ` +
            `from ${source} to ${target}; both export the same ${a.length} deals byte for byte\n`,
        );
        if (toUrl) process.stdout.write('To run on it: set DATABASE_URL to that URL (in .env) and start dealbot.\n');
      } catch (e) {
        fail(`copy-store failed, nothing was copied: ${(e as Error).message}`);
      } finally {
        await Promise.all([from?.close().catch(() => undefined), to?.close().catch(() => undefined)]);
      }
    });
}
