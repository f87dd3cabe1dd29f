// `dealbot import FILE` (all or nothing, every problem named) and `dealbot export [FILE]` (the same format back).
import type { Command } from 'commander';
import { cliUser, fail, openCliApp, readInputFile } from './shared.ts';

/** On a terminal, a bar that redraws in place; elsewhere (a log, a pipe) nothing, so scripts' stderr stays clean. */
function progressBar(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write('\n');
}

/** A line saying what a slow step is doing, on a terminal only. */
function progressLine(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(text + '\n');
}

export function registerTransfer(program: Command): void {
  program
    .command('import')
    .description('import deals from a JSON array or JSON Lines file; nothing is imported if any record is invalid')
    .argument('<file>', 'path to the file, or - for standard input')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const text = readInputFile(file);
      if (text === undefined) return;
      progressLine(`checking ${file} (${(text.length / 1e6).toFixed(1)} MB)…`);
      const { formatProblems, parseDealFile } = await import('../deals/import-file.ts');
      const parsed = parseDealFile(text);
      if (!parsed.ok) {
        fail(formatProblems(file, parsed));
        return;
      }
      const app = await openCliApp(cmd);
      try {
        progressLine(`importing ${parsed.records.length} deal(s)…`);
        const r = await app.deals.importDeals(parsed.records, cliUser(), progressBar);
        process.stdout.write(
          `imported ${parsed.records.length} deal(s): ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged\n`,
        );
      } catch (e) {
        fail(`import failed, nothing was imported: ${(e as Error).message}`);
      } finally {
        await app.close();
      }
    });

  program
    .command('export')
    .description('write every deal as JSON Lines (the import format) to FILE or standard output')
    .argument('[file]', 'output file (default: standard output); must not exist unless --force')
    .option('--force', 'overwrite FILE if it exists')
    .action(async (file: string | undefined, opts: { force?: boolean }, cmd: Command) => {
      const toFile = file !== undefined && file !== '-';
      const { existsSync, writeFileSync } = await import('node:fs');
      if (toFile && !opts.force && existsSync(file)) {
        fail(`${file} exists; choose another file or pass --force`);
        return;
      }
      const [app, { serialiseDeals }] = await Promise.all([openCliApp(cmd), import('../deals/import-file.ts')]);
      try {
        const text = serialiseDeals(await app.deals.exportDeals());
        if (!toFile) {
          process.stdout.write(text);
          return;
        }
        try {
          // 'wx' fails if the file appeared meanwhile: --force is the only way to overwrite.
          writeFileSync(file, text, { flag: opts.force ? 'w' : 'wx' });
        } catch (e) {
          fail(`cannot write ${file}: ${(e as Error).message}`);
        }
      } finally {
        await app.close();
      }
    });
}
