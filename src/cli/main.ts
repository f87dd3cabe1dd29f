// The `dealbot` command. Each file here registers its subcommands; this one only assembles them. Registering loads
// nothing heavy: each subcommand imports what it needs (SQLite, search, discord.js, Bolt, the article readers) when it
// runs, so `dealbot --help` and `dealbot --version` answer at once.
import dotenv from 'dotenv';
import { Command } from 'commander';
import { packageVersion } from '../paths.ts';
import { registerAdmin } from './admin.ts';
import { registerAsk } from './ask.ts';
import { registerCopyStore } from './copy-store.ts';
import { registerDoctor } from './doctor.ts';
import { registerIngest } from './ingest.ts';
import { registerDiscordDeploy } from './discord-deploy.ts';
import { registerSlackManifest } from './slack-manifest.ts';
import { registerStart } from './start.ts';
import { registerTransfer } from './transfer.ts';

// quiet: dotenv 17 otherwise prints a banner to stdout, which would corrupt `ask --json` output.
dotenv.config({ quiet: true });

// `dealbot export | head`: the reader went away, which is not an error of ours. Stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const program = new Command('dealbot')
  .description('dealbot: answers questions about tech deals in Discord, Slack and the console')
  .version(packageVersion(), '-V, --version', 'print the version and exit')
  .option('--db <path>', 'database file (default: DEALBOT_DB or data/dealbot.db)')
  .option('--no-seed', 'do not fill a new database with the shipped corpus')
  .showHelpAfterError();

for (const register of [registerStart, registerAsk, registerTransfer, registerCopyStore, registerSlackManifest, registerAdmin, registerDiscordDeploy, registerIngest, registerDoctor]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // A database that cannot be opened or written (read-only, full disk, damaged): one clear line, not a stack trace.
  // (The store module is already loaded whenever it threw, so this import costs nothing.)
  const [{ StoreError }, { ConfigError }] = await Promise.all([import('../store/db.ts'), import('../config.ts')]);
  if (e instanceof ConfigError) {
    process.stderr.write(`dealbot: ${e.message}\nSee .env.example for every variable.\n`);
    process.exitCode = 2;
  } else if (e instanceof StoreError) {
    process.stderr.write(`dealbot: ${e.message}\nRun \`dealbot doctor\` for a full check.\n`);
    process.exitCode = 2;
  } else throw e;
}
