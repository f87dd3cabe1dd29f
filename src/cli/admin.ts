// Admin subcommands for scripts: `dealbot alias add|remove ORG ALIAS`, `known add|remove ORG PHRASE`, `remove SLUG`, `restore SLUG`,
// `history [SLUG]`, `stats [--days N]` and `backup FILE`. They go through core.handle as the operator, so the checks,
// messages and audit rows are the same as in chat. `remove` runs the confirmation step directly (a script has already
// decided); `restore` undoes it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { OptionValue, Reply } from '../core/replies.ts';
import { resolveDbPath } from '../paths.ts';
import { isPostgresUrl } from '../store/database-url.ts';
import { cliUser, fail, globalOptions, openCliApp } from './shared.ts';

async function runAdmin(cmd: Command, subcommand: string, options: Record<string, OptionValue>, json = false): Promise<void> {
  const [app, { renderText }] = await Promise.all([openCliApp(cmd), import('../adapters/console/render.ts')]);
  try {
    const reply: Reply = await app.core.handle({ command: 'deal-admin', subcommand, options, user: cliUser() });
    const text = json ? JSON.stringify(reply) : renderText(reply).text;
    if (reply.kind === 'error') fail(text);
    else process.stdout.write(text + '\n');
  } finally {
    await app.close();
  }
}

/** A whole-number option checked here, so the error names the CLI's option rather than the chat command's. */
function wholeNumber(max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
    }
    return n;
  };
}

export function registerAdmin(program: Command): void {
  const alias = program.command('alias').description("add or remove another name for a company (search uses it at once)");
  alias
    .command('add')
    .description('teach dealbot another name for an organisation, e.g. alias add Xiaomi Mi')
    .argument('<org>', 'the organisation as dealbot knows it (name or an existing alias)')
    .argument('<alias>', 'the other name')
    .action((org: string, name: string, _o: unknown, cmd: Command) => runAdmin(cmd, 'alias-add', { organisation: org, alias: name }));
  alias
    .command('remove')
    .description('remove an alias of an organisation')
    .argument('<org>', 'the organisation as dealbot knows it')
    .argument('<alias>', 'the alias to remove')
    .action((org: string, name: string, _o: unknown, cmd: Command) => runAdmin(cmd, 'alias-remove', { organisation: org, alias: name }));

  const known = program.command('known').description('add or remove what a company is known for, for questions that describe it without its name');
  known
    .command('add')
    .description('e.g. known add iRobot "robot vacuum"')
    .argument('<org>', 'the organisation as dealbot knows it (name or an existing alias)')
    .argument('<phrase>', 'what it makes, does or is famous for')
    .action((org: string, phrase: string, _o: unknown, cmd: Command) => runAdmin(cmd, 'known-add', { organisation: org, phrase }));
  known
    .command('remove')
    .description('remove a phrase from what an organisation is known for')
    .argument('<org>', 'the organisation as dealbot knows it')
    .argument('<phrase>', 'the phrase to remove')
    .action((org: string, phrase: string, _o: unknown, cmd: Command) => runAdmin(cmd, 'known-remove', { organisation: org, phrase }));

  program
    .command('remove')
    .description('remove a deal without asking (it leaves search at once; `restore SLUG` undoes it)')
    .argument('<slug>', 'the deal slug')
    .action((slug: string, _o: unknown, cmd: Command) => runAdmin(cmd, 'remove-confirm', { slug }));

  program
    .command('restore')
    .description('bring back a removed deal exactly as it was')
    .argument('<slug>', 'the deal slug')
    .action((slug: string, _o: unknown, cmd: Command) => runAdmin(cmd, 'restore', { slug }));

  program
    .command('history')
    .description('who changed what: one deal, or the latest changes')
    .argument('[slug]', 'a deal slug (or org:NAME for alias changes); empty for the latest changes')
    .option('--limit <n>', 'how many entries, 1 to 50 (default 10)', wholeNumber(50))
    .option('--json', 'print the reply as JSON')
    .action((slug: string | undefined, opts: { limit?: number; json?: boolean }, cmd: Command) =>
      runAdmin(cmd, 'history', { ...(slug ? { slug } : {}), ...(opts.limit ? { limit: opts.limit } : {}) }, opts.json === true),
    );

  program
    .command('stats')
    .description('number of deals, top questions and questions that found nothing')
    .option('--days <n>', 'period in days, 1 to 3650 (default 30)', wholeNumber(3650))
    .option('--json', 'print the reply as JSON ({ days, deals, queries, found, notFound, top, misses })')
    .action((opts: { days?: number; json?: boolean }, cmd: Command) =>
      runAdmin(cmd, 'stats', opts.days ? { days: opts.days } : {}, opts.json === true),
    );

  program
    .command('backup')
    .description("copy the database to FILE while the bot runs: SQLite's online backup; on PostgreSQL a JSON dump (pg_dump makes a physical one)")
    .argument('<file>', 'where to write the copy (must not exist unless --force)')
    .option('--force', 'overwrite FILE if it exists')
    .action(async (file: string, opts: { force?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      const onPostgres = !g.db && isPostgresUrl(process.env.DATABASE_URL);
      const source = onPostgres ? '' : resolveDbPath(g.db);
      if (!onPostgres && (source === ':memory:' || !existsSync(source))) {
        fail(`no database at ${source}; nothing to back up`);
        return;
      }
      const target = resolve(file);
      if (target === source) {
        fail('the backup file must not be the database itself');
        return;
      }
      if (existsSync(target) && !opts.force) {
        fail(`${target} exists; choose another file or pass --force`);
        return;
      }
      const app = await openCliApp(cmd);
      try {
        const { format, bytes } = await app.deals.backup(target);
        const what = format === 'sqlite' ? 'a SQLite database' : 'a JSON dump (dealbot copy-store loads it)';
        process.stdout.write(`backed up ${await app.deals.countDeals()} deals (${(bytes / 1e6).toFixed(1)} MB, ${what}) to ${target}\n`);
      } catch (e) {
        fail(`backup failed: ${(e as Error).message}`);
      } finally {
        await app.close();
      }
    });
}
