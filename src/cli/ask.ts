// `dealbot ask "/deal xiaomi microsoft" [--json]`, or `--json -` for one command per line from standard input.
import type { Command } from 'commander';
import type { Reply } from '../core/replies.ts';
import { cliUser, openCliApp } from './shared.ts';

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('answer one command and exit ("-" reads one command per line from standard input)')
    .argument('<command>', 'e.g. "/deal xiaomi microsoft" (or a plain question: "who bought github"), or - for standard input')
    .option('--json', 'print the reply object as JSON')
    .action(async (text: string, opts: { json?: boolean }, cmd: Command) => {
      const [app, { renderText }] = await Promise.all([openCliApp(cmd), import('../adapters/console/render.ts')]);
      const user = cliUser();
      const print = (r: Reply) => process.stdout.write((opts.json ? JSON.stringify(r) : renderText(r).text) + '\n');
      try {
        if (text === '-') {
          const { createInterface } = await import('node:readline');
          const rl = createInterface({ input: process.stdin, terminal: false });
          for await (const line of rl) {
            if (!line.trim()) continue;
            print(await app.core.handleText(line, user));
          }
        } else {
          const reply = await app.core.handleText(text, user);
          print(reply);
          if (reply.kind === 'error') process.exitCode = 1;
        }
      } finally {
        await app.close();
      }
    });
}
