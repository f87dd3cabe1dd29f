// The `dealbot` command. Each file here registers its subcommands; this one only assembles them.
import dotenv from 'dotenv';
import { Command } from 'commander';
import { registerAdmin } from './admin.ts';
import { registerAsk } from './ask.ts';
import { registerDoctor } from './doctor.ts';
import { StoreError } from '../store/db.ts';
import { registerIngest } from './ingest.ts';
import { registerDiscordDeploy } from './discord-deploy.ts';
import { registerSlackManifest } from './slack-manifest.ts';
import { registerStart } from './start.ts';
import { registerTransfer } from './transfer.ts';

// quiet: dotenv 17 otherwise prints a banner to stdout, which would corrupt `ask --json` output.
dotenv.config({ quiet: true });

const program = new Command('dealbot')
  .description('dealbot: answers questions about tech deals in Discord, Slack and the console')
  .option('--db <path>', 'database file (default: DEALBOT_DB or data/dealbot.db)')
  .option('--no-seed', 'do not fill a new database with the shipped corpus')
  .showHelpAfterError();

for (const register of [registerStart, registerAsk, registerTransfer, registerSlackManifest, registerAdmin, registerDiscordDeploy, registerIngest, registerDoctor]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // A database that cannot be opened or written (read-only, full disk, damaged): one clear line, not a stack trace.
  if (!(e instanceof StoreError)) throw e;
  process.stderr.write(`dealbot: ${e.message}\nRun \`dealbot doctor\` for a full check.\n`);
  process.exitCode = 2;
}
