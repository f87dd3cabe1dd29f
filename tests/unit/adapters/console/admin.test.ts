// The console asks the deal form field by field, with the same validation: a bad field is asked again.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../../../src/adapters/console/console.ts';
import { testApp } from '../../../helpers/app.ts';

const app = testApp({ fixtures: true });
afterAll(() => app.close());

async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c) => (text += String(c)));
  const done = runConsole(app.core, { input, output, user: { id: 'console:t', name: 't', platform: 'console', isOperator: true } });
  input.end(lines.join('\n') + '\n');
  await done;
  return text;
}

describe('admin in the console', () => {
  it('adds a deal field by field, re-asking only the fields with problems', async () => {
    const out = await session([
      '/deal-admin add',
      'Umbrella invests in Initech', // title
      'Umbrella; Initech (investee)', // parties: first party lacks a role
      'Umbrella (investor); Initech (investee)', // parties, asked again at once
      'Type: investment\\nStatus: completed\\nAnnounced: 2023-05-02\\nValue: 40 million USD', // details
      'A fictional test deal written for this test.', // summary
      'https://example.com/u-i | Example News', // sources
      'fintech', // areas
      '', // quotes
      '', // slug: made from the title
      '/deal umbrella initech',
      'exit',
    ]);
    expect(out).toContain('party 1 "Umbrella": add the role in brackets');
    expect(out).toContain('✔ Added "Umbrella invests in Initech" (umbrella-invests-in-initech-2023)');
    expect(out).toContain('$40 million');
    expect(app.store.getDeal('umbrella-invests-in-initech-2023')!.deal.parties).toEqual([
      { name: 'Umbrella', role: 'investor' },
      { name: 'Initech', role: 'investee' },
    ]);
    expect(app.store.history({ subject: 'umbrella-invests-in-initech-2023' })[0]).toMatchObject({ platform: 'console', action: 'deal.add' });
  });

  it('remove asks for confirmation; the numbered choice confirms; Undo restores', async () => {
    const out = await session(['/deal-admin remove initech-acme-2021', '1', '1', 'exit']);
    expect(out).toContain('Remove "Initech and Acme team up on cloud billing"');
    expect(out).toContain('✔ Removed');
    expect(out).toContain('✔ Restored');
    expect(app.store.getDeal('initech-acme-2021')).toBeDefined();
  });
});
