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

  // One shard process of a ShardingManager: `dealbot start` with DISCORD_SHARDS set starts these (discord.js sets
  // SHARDING_MANAGER, SHARDS and SHARD_COUNT in their environment). Not for running by hand.
  program
    .command('discord-shard', { hidden: true })
    .description('run one Discord shard process (started by `dealbot start` when DISCORD_SHARDS is set)')
    .action(async (_opts: unknown, cmd: Command) => {
      if (!process.env.SHARDING_MANAGER || process.env.SHARDS === undefined) {
        process.stderr.write('dealbot: discord-shard is started by `dealbot start` when DISCORD_SHARDS is set, not by hand\n');
        process.exitCode = 2;
        return;
      }
      const g = globalOptions(cmd);
      const { startBot } = await import('../main.ts');
      await startBot({ dbPath: g.db, seed: false, role: 'discord-shard' });
    });
}
