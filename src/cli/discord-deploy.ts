// `dealbot discord-deploy` (npm run discord:deploy): registers the slash commands from commands/ with Discord, for one
// guild when DISCORD_GUILD_ID is set (instant, for testing) or globally. Run it after changing commands/, never at
// every start-up: registration replaces all commands and Discord rate-limits it.
import type { Command } from 'commander';
import { fail } from './shared.ts';

export function registerDiscordDeploy(program: Command): void {
  program
    .command('discord-deploy')
    .description('Register the slash commands with Discord (one guild when DISCORD_GUILD_ID is set, otherwise globally)')
    .option('--dry-run', 'print the registration JSON instead of sending it')
    .option('--global', 'register globally even when DISCORD_GUILD_ID is set')
    .action(async (opts: { dryRun?: boolean; global?: boolean }) => {
      // discord.js's REST client and the command definitions load only for this command.
      const [{ ConfigError, loadConfig }, { deployCommands, registrationPayload }, { redactSecrets }] = await Promise.all([
        import('../config.ts'),
        import('../adapters/discord/register.ts'),
        import('../log.ts'),
      ]);
      if (opts.dryRun) {
        process.stdout.write(JSON.stringify(registrationPayload(), null, 2) + '\n');
        return;
      }
      let config;
      try {
        config = loadConfig();
      } catch (e) {
        if (e instanceof ConfigError) return fail(`dealbot discord-deploy: ${e.message}`, 2);
        throw e;
      }
      if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
        return fail('dealbot discord-deploy: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see docs/discord.md)', 2);
      }
      const guildId = opts.global ? undefined : config.DISCORD_GUILD_ID;
      try {
        const r = await deployCommands({
          token: config.DISCORD_TOKEN,
          applicationId: config.DISCORD_APPLICATION_ID,
          guildId,
          apiUrl: config.DISCORD_API_URL,
        });
        const where = r.scope === 'guild' ? `guild ${guildId}` : 'globally (may take up to an hour to appear everywhere)';
        process.stderr.write(`Registered ${r.names.length} commands ${where}: ${r.names.map((n) => `/${n}`).join(', ')}\n`);
      } catch (e) {
        fail(`dealbot discord-deploy: Discord refused the registration: ${redactSecrets(e instanceof Error ? e.message : String(e))}`);
      }
    });
}
