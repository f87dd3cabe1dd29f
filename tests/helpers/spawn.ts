// Runs the real `dealbot` binary as a child process (what an admin runs), with a clean environment and a temporary
// working directory so no developer .env leaks in. Collects stderr log lines as JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const DEALBOT_BIN = fileURLToPath(new URL('../../bin/dealbot.js', import.meta.url));

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** stderr lines that parse as JSON log records. */
  logs(): Record<string, unknown>[];
  /** Resolves with the first log record `match` accepts (rejects after timeoutMs or when the process exits). */
  waitForLog(match: (l: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnDealbot(args: string[], opts: { cwd: string; env?: Record<string, string> }): Spawned {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? opts.cwd, ...opts.env };
  const child = spawn(process.execPath, [DEALBOT_BIN, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  const parsed: Record<string, unknown>[] = [];
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const rec = JSON.parse(line) as Record<string, unknown>;
        parsed.push(rec);
        for (const w of waiters.splice(0)) {
          if (w.match(rec)) w.resolve(rec);
          else waiters.push(w);
        }
      } catch {
        // not a log line
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logs: () => parsed,
    exited,
    waitForLog(match, timeoutMs = 20_000) {
      const found = parsed.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching log line in ${timeoutMs} ms; stderr:\n${err.slice(-2000)}`)), timeoutMs);
        void exited.then(() => {
          clearTimeout(t);
          const late = parsed.find(match);
          if (late) resolve(late);
          else reject(new Error(`dealbot exited before the expected log line; stderr:\n${err.slice(-2000)}`));
        });
        waiters.push({
          match,
          resolve: (l) => {
            clearTimeout(t);
            resolve(l);
          },
        });
      });
    },
  };
}
