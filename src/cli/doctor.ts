// `dealbot doctor`: checks configuration, database and what can be checked offline; exit code 1 when something fails.
import type { Command } from 'commander';
import { resolveDbPath } from '../app.ts';
import { formatReport, runDoctor } from '../ops/doctor.ts';
import { globalOptions } from './shared.ts';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration, the database (integrity, migrations, search index) and the disk; changes nothing')
    .option('--json', 'print the checks as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const report = await runDoctor({ dbPath: resolveDbPath(globalOptions(cmd).db) });
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
      if (!report.ok) process.exitCode = 1;
    });
}
