// Before any test runs: bring the compiled build (dist/) up to date, so a test that spawns the real `dealbot`
// (bin/dealbot.js runs dist/) never runs a stale one. tsc's incremental build makes this a second or two when nothing
// changed. Every vitest project lists this file; the build runs once per vitest process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the build (npm run build) failed:\n${out}`))));
  });
}

async function build(): Promise<void> {
  await run([]);
  // An output deleted by hand is not noticed by an incremental build: rebuild everything then.
  if (!existsSync(new URL('../dist/src/cli/main.js', import.meta.url))) await run(['--force']);
}

const KEY = Symbol.for('dealbot.build');
export default async function setup(): Promise<void> {
  const g = globalThis as { [KEY]?: Promise<void> };
  await (g[KEY] ??= build());
}
