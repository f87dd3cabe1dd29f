// The console as a person uses it: numbered choices that survive a mistyped line, yes/no at a confirmation, forms
// checked field by field, kept values shown whole, and errors that name their field once.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../../../src/adapters/console/console.ts';
import { renderText } from '../../../../src/adapters/console/render.ts';
import type { User } from '../../../../src/core/replies.ts';
import { testApp } from '../../../helpers/app.ts';

const shipped = testApp();
const mini = testApp({ fixtures: true });
afterAll(() => {
  shipped.close();
  mini.close();
});
const operator: User = { id: 'console:t', name: 't', platform: 'console', isOperator: true };

async function session(app: ReturnType<typeof testApp>, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c) => (text += String(c)));
  const done = runConsole(app.core, { input, output, user: operator });
  input.end(lines.join('\n') + '\n');
  await done;
  return text;
}

describe('numbered choices', () => {
  it('stay usable after a mistyped line', async () => {
    // Page 2 offers [11] Previous page and [12] Next page; a typo in between must not take them away.
    const out = await session(shipped, ['/deals', '11', '/dela', '12', 'exit']);
    expect(out).toMatch(/Did you mean \/deal\?/i);
    expect(out).not.toContain('No choice 12 here');
    expect(out).toMatch(/Page 3 of \d+/);
  });

  it('follow "next" and "prev" to the Next and Previous page', async () => {
    const out = await session(shipped, ['/deals', 'next', 'next', 'prev', 'exit']);
    const pages = /Page 1 of (\d+)/.exec(out)![1];
    expect(out.match(/Page \d+ of \d+/g)).toEqual([1, 2, 3, 2].map((p) => `Page ${p} of ${pages}`));
  });
});

describe('confirmations', () => {
  it('take "no" as keeping the deal and "yes" as confirming', async () => {
    const kept = await session(mini, ['/deal-admin remove initech-acme-2021', 'no', 'exit']);
    expect(kept).toContain('Keep it: nothing was changed.');
    expect(kept).not.toMatch(/Unknown command/i);
    expect(mini.store.getDeal('initech-acme-2021')).toBeDefined();

    const removed = await session(mini, ['/deal-admin remove initech-acme-2021', 'yes', '/deal-admin restore initech-acme-2021', 'exit']);
    expect(removed).toContain('✔ Removed');
    expect(removed).toContain('✔ Restored');
  });
});

describe('forms in the console', () => {
  it('checks each field as it is entered and asks it again before going on', async () => {
    const out = await session(mini, [
      '/deal-admin add',
      'Umbrella invests in Hooli', // title
      'Umbrella; Hooli (investee)', // parties: the first lacks a role
      'Umbrella (investor); Hooli (investee)', // asked again at once
      'Type: investment\\nStatus: completed\\nAnnounced: 2023-05-02',
      'A fictional test deal written for this test.',
      'https://example.com/u-h | Example News',
      '',
      '',
      '',
      'exit',
    ]);
    const problem = out.indexOf('party 1 "Umbrella": add the role in brackets');
    const details = out.search(/^Details: /m); // the next field's prompt
    expect(problem).toBeGreaterThan(-1);
    expect(problem).toBeLessThan(details); // said before the next field, not after the last one
    expect(out).toContain('✔ Added "Umbrella invests in Hooli"');
  });

  it('shows a kept value whole, however long or multi-line', async () => {
    const out = await session(shipped, ['/deal-admin edit xiaomi-microsoft-mou-2018', '', '', 'cancel', 'exit']);
    const title = shipped.store.getDeal('xiaomi-microsoft-mou-2018')!.deal.title;
    expect(out).toContain(title); // 88 characters: once cut at 57
    expect(out).toContain('│ Type: mou');
    expect(out).toContain('│ Announced: 2018-02-23');
    expect(out).not.toMatch(/…\/|\/ \w…\]/);
    expect(out).toContain('Cancelled; nothing was saved.');
  });

  it('names a field once in its error', async () => {
    const out = await session(mini, [
      '/deal-admin add',
      'Umbrella buys Hooli',
      'Umbrella (acquirer); Hooli (target)',
      'Type: acquisition\\nStatus: announced\\nAnnounced: 2024-01-02',
      'A fictional test deal.',
      '-', // no source: required
      'cancel',
      'exit',
    ]);
    expect(out).toContain('sources: needs at least one source');
    expect(out).not.toMatch(/sources: sources:/);
    const rendered = renderText({
      kind: 'error',
      code: 'bad_input',
      message: 'Some fields need fixing; nothing was saved.',
      fieldErrors: [{ field: 'sources', message: 'sources: needs at least one source' }],
    }).text;
    expect(rendered).not.toMatch(/sources: sources:/);
  });
});

describe('cards in the console', () => {
  it('show the slug admin commands take', async () => {
    const out = await session(shipped, ['/deal xiaomi microsoft', 'exit']);
    expect(out).toMatch(/^xiaomi-microsoft-mou-2018 · version \d+$/m);
  });
});
