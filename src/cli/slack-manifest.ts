// `dealbot slack-manifest`: prints (or writes) the Slack app manifest to paste at api.slack.com/apps.
import type { Command } from 'commander';
import { fail } from './shared.ts';

export function registerSlackManifest(program: Command): void {
  program
    .command('slack-manifest')
    .description('Write the Slack app manifest (Socket Mode by default; --http <url> for HTTP mode)')
    .option('--http <url>', 'HTTP mode: the public URL of /slack/events, e.g. https://dealbot.example.com/slack/events')
    .option('--name <name>', 'app name shown in Slack', 'dealbot')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { http?: string; name: string; out?: string }) => {
      const { buildManifest } = await import('../adapters/slack/manifest.ts');
      let manifest: Record<string, unknown>;
      try {
        manifest = buildManifest({ socketMode: !opts.http, requestUrl: opts.http, name: opts.name });
      } catch (e) {
        fail(`dealbot slack-manifest: ${(e as Error).message}`, 2);
        return;
      }
      const json = JSON.stringify(manifest, null, 2) + '\n';
      if (opts.out) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(opts.out, json);
        process.stderr.write(`Slack app manifest written to ${opts.out}\n`);
      } else process.stdout.write(json);
    });
}
