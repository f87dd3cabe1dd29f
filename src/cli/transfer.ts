// `dealbot import FILE` (all or nothing, every problem named) and `dealbot export [FILE]` (the same format back).
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatProblems, parseDealFile, serialiseDeals } from '../deals/import-file.ts';
import { cliUser, fail, openCliApp, readInputFile } from './shared.ts';

function progressBar(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write('\n');
}

export function registerTransfer(program: Command): void {
  program
    .command('import')
    .description('import deals from a JSON array or JSON Lines file; nothing is imported if any record is invalid')
    .argument('<file>', 'path to the file, or - for standard input')
    .action((file: string, _opts: unknown, cmd: Command) => {
      const text = readInputFile(file);
      if (text === undefined) return;
      const parsed = parseDealFile(text);
      if (!parsed.ok) {
        fail(formatProblems(file, parsed));
        return;
      }
      const app = openCliApp(cmd);
      try {
        const r = app.store.importDeals(parsed.records, cliUser(), progressBar);
        process.stdout.write(
          `imported ${parsed.records.length} deal(s): ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged\n`,
        );
      } catch (e) {
        fail(`import failed, nothing was imported: ${(e as Error).message}`);
      } finally {
        app.close();
      }
    });

  program
    .command('export')
    .description('write every deal as JSON Lines (the import format) to FILE or standard output')
    .argument('[file]', 'output file (default: standard output)')
    .action((file: string | undefined, _opts: unknown, cmd: Command) => {
      const app = openCliApp(cmd);
      try {
        const text = serialiseDeals(app.store.exportDeals());
        if (file && file !== '-') writeFileSync(file, text);
        else process.stdout.write(text);
      } finally {
        app.close();
      }
    });
}
