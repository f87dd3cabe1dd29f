// Start-up times of the real `dealbot` command (the compiled build), as a person at a shell meets them: `--help`,
// `ask "/deal xiaomi microsoft"`, and the console until its prompt is ready (and the first answer), on the shipped
// corpus. `npm run bench:startup [-- --runs 15]` builds first and prints medians (and the machine's load average,
// which matters on a shared machine) as a table and, with --json, as JSON. Figures go to BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/dealbot.js', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 0) || 11;
const json = args.includes('--json');
const dir = mkdtempSync(join(tmpdir(), 'dealbot-startup-'));
const db = join(dir, 'startup.db');
// Empty, not unset: dotenv never overrides a set variable, so a developer's .env cannot start a chat adapter.
const env = { PATH: process.env.PATH ?? '', HOME: dir, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '' };

/** Milliseconds until the process exits (it must exit 0). */
function timeRun(argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...argv], { env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Milliseconds until the console's prompt appears, and until it has answered the first question. */
function timeConsole(dbPath: string): Promise<{ prompt: number; answer: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, '--db', dbPath, 'start', '--console'], { env, cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let prompt: number | undefined;
    let answer: number | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (prompt === undefined && out.includes('\n> ')) {
        prompt = performance.now() - t0;
        child.stdin.write('/deal xiaomi microsoft\n');
      } else if (prompt !== undefined && answer === undefined && out.includes('MoU · not binding')) {
        answer = performance.now() - t0;
        child.stdin.end('exit\n');
      }
    });
    child.on('exit', (code) =>
      code === 0 && prompt !== undefined && answer !== undefined ? resolve({ prompt, answer }) : reject(new Error(`console exited ${code}: ${out}`)),
    );
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  await timeRun(['--db', db, 'ask', '/deal-help']); // creates and seeds the database once
  const load = [loadavg()[0]!];
  const samples: Record<string, number[]> = { '--help': [], ask: [], 'console prompt': [], 'console first answer': [], 'first start prompt': [] };
  for (let i = 0; i < runs; i++) {
    samples['--help']!.push(await timeRun(['--help']));
    samples.ask!.push(await timeRun(['--db', db, 'ask', '/deal xiaomi microsoft']));
    const c = await timeConsole(db);
    samples['console prompt']!.push(c.prompt);
    samples['console first answer']!.push(c.answer);
    const fresh = join(dir, `fresh-${i}.db`);
    samples['first start prompt']!.push((await timeConsole(fresh)).prompt);
    rmSync(fresh, { force: true });
    load.push(loadavg()[0]!);
  }
  const result = {
    runs,
    loadAverage: { min: Math.min(...load), max: Math.max(...load) },
    medianMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))])),
  };
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    process.stdout.write(`dealbot start-up, ${runs} runs each, 1-minute load average ${result.loadAverage.min.toFixed(1)}–${result.loadAverage.max.toFixed(1)}\n`);
    for (const [k, v] of Object.entries(result.medianMs)) process.stdout.write(`  ${k.padEnd(22)} median ${(v / 1000).toFixed(2)} s\n`);
  }
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
