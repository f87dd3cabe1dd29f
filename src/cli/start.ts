// `dealbot start` (what `npm start` runs): the chat adapters the configuration asks for, or the console when none is
// configured.
import type { Command } from 'commander';
import { globalOptions } from './shared.ts';

export function registerStart(program: Command): void {
  program
    .command('start', { isDefault: true })
    .description('run the bot: Discord and/or Slack when configured, otherwise the interactive console')
    .option('--console', 'open the console even when chat adapters are configured')
    .action(async (opts: { console?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      const { startBot } = await import('../main.ts');
      await startBot({ dbPath: g.db, seed: g.seed, forceConsole: opts.console === true });
    });
}
