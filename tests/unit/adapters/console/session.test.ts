import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../../../src/adapters/console/console.ts';
import { testApp } from '../../../helpers/app.ts';

const app = testApp();
afterAll(() => app.close());

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
});
