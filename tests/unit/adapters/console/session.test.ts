import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../../../src/adapters/console/console.ts';
import { testApp } from '../../../helpers/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-console-'));
const app = testApp();
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c) => (text += String(c)));
  const done = runConsole(app.core, { input, output });
  input.end(lines.join('\n') + '\n');
  await done;
  return text;
}

describe('console adapter', () => {
  it('answers typed commands and follows numbered choices', async () => {
    const out = await session(['/deals', '1', 'exit']);
    expect(out).toContain('Latest deals');
    expect(out).toMatch(/\[1\] /);
    // Choice 1 opened the newest deal's card.
    expect(out).toContain('Parties');
  });

  it('explains mistakes and keeps going', async () => {
    const out = await session(['/dael x', '7', '/deal xiaomi microsoft']);
    expect(out).toContain('Unknown command "/dael"');
    expect(out).toContain('No choice 7 here.');
    expect(out).toContain('Xiaomi');
  });

  it('npm start with no tokens opens the console on a new database', async () => {
    const bin = fileURLToPath(new URL('../../../../bin/dealbot.js', import.meta.url));
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
