// `dealbot doctor [--json]`: checks configuration, database and what can be checked offline; exit code 1 when
// something fails.
import type { Command } from 'commander';
import { globalOptions } from './shared.ts';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration, the database (integrity, migrations, search index) and the disk; changes nothing')
    .option('--json', 'print the checks as JSON: { ok, checks: [{ name, status, detail }] }')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const [{ resolveDbPath }, { formatReport, runDoctor }] = await Promise.all([import('../paths.ts'), import('../ops/doctor.ts')]);
      const g = globalOptions(cmd);
      // As every command: --db names a SQLite file; otherwise a postgres:// DATABASE_URL is the store to check.
      const report = await runDoctor({ dbPath: resolveDbPath(g.db), databaseUrl: g.db ? undefined : process.env.DATABASE_URL });
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
      if (!report.ok) process.exitCode = 1;
    });
}
