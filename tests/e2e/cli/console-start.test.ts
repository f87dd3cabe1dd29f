// `dealbot start` with no chat tokens, as a person at a terminal runs it: the console, with log lines kept out of the
// conversation (in a file beside the database) and a line saying what a slow start is doing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dealbot-console-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function consoleSession(lines: string[], extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Empty, not unset: dotenv never overrides a set variable, so a developer's .env cannot start a chat adapter.
    const env = { PATH: process.env.PATH ?? '', HOME: dir, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', ...extraEnv };
    const child = execFile(process.execPath, [BIN, '--db', join(dir, 'console.db'), 'start', '--console'], { env, cwd: dir, timeout: 60_000 }, (e, stdout, stderr) =>
      e ? reject(e) : resolve({ stdout, stderr }),
    );
    child.stdin!.end(lines.join('\n') + '\n');
  });
}

describe('the console started from the command line', () => {
  it('keeps log lines out of the conversation, in a file it names', async () => {
    // A refused fetch logs a warning: it must not land between the question and its answer.
    const { stdout, stderr } = await consoleSession(['/deal-admin ingest http://127.0.0.1:9/article', '/deal xiaomi microsoft', 'exit']);
    const logFile = join(dir, 'dealbot-console.log');
    expect(stdout).toContain(`(logs: ${logFile})`);
    expect(stdout).toContain('Could not use that URL');
    expect(stdout).toContain('MoU · not binding');
    expect(`${stdout}\n${stderr}`).not.toMatch(/^\{"level"/m);
    expect(stderr).toBe('');
    expect(existsSync(logFile)).toBe(true);
    expect(readFileSync(logFile, 'utf8')).toMatch(/"msg":"ingest fetch refused or failed"/);
  });

  it('says it is filling a new database before the first prompt', async () => {
    rmSync(join(dir, 'console.db'), { force: true });
    const { stdout } = await consoleSession(['exit'], { LOG_FILE: join(dir, 'elsewhere.log') });
    expect(stdout.indexOf('Creating the database and filling it with the shipped corpus')).toBe(0);
    expect(stdout).toContain(`(logs: ${join(dir, 'elsewhere.log')})`);
  });

  it('npm start with no tokens opens the console on a new database', async () => {
    const bin = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
    const out = await new Promise<string>((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DEALBOT_DB: join(dir, 'start.db') };
      // Empty, not deleted: dotenv never overrides a set variable, so a developer's .env cannot start a chat adapter here.
      for (const k of ['DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']) env[k] = '';
      const child = execFile(process.execPath, [bin, 'start'], { env, timeout: 60_000 }, (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      );
      child.stdin!.end('/deal xiaomi microsoft\nexit\n');
    });
    expect(out).toContain('dealbot console');
    expect(out).toContain('MoU · not binding');
  });
});
