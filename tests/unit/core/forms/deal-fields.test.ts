// The form's value parser once backtracked catastrophically. "Value: USD", 196 spaces, "1", 392 spaces
// and "!" — 600 characters, inside the details field's own limit — took 80 s and froze the bot. The budget below is
// a thousand times what the parse needs (microseconds): it only catches super-linear work, which takes seconds.
import { describe, expect, it } from 'vitest';
import { DETAILS_TEXT_MAX, parseDetails, parseValue, VALUE_TEXT_MAX } from '../../../../src/core/forms/deal-fields.ts';
import type { FieldProblem } from '../../../../src/deals/schema.ts';
import { OPERATOR, testApp } from '../../../helpers/app.ts';

const BUDGET_MS = 1000;
const ATTACK = 'USD' + ' '.repeat(196) + '1' + ' '.repeat(392) + '!';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

describe('parseValue on hostile input', () => {
  it('refuses 600 characters of a currency, spaces and a number at once, instead of backtracking', () => {
    const r = timed(() => parseValue(ATTACK));
    expect(r.value.ok).toBe(false);
    expect(r.ms).toBeLessThan(BUDGET_MS);
  });

  it('refuses the same shape at every length up to the cap, and text longer than the cap with a clear message', () => {
    for (const n of [50, 99, 100, 150]) {
      const r = timed(() => parseValue('USD' + ' '.repeat(n) + '1' + ' '.repeat(Math.min(2 * n, 294 - n)) + '!'));
      expect(r.value.ok).toBe(false);
      expect(r.ms).toBeLessThan(BUDGET_MS);
    }
    const long = parseValue('1 USD (' + 'x'.repeat(VALUE_TEXT_MAX) + ')');
    expect(long).toEqual({ ok: false, message: expect.stringContaining(`at most ${VALUE_TEXT_MAX} characters`) });
  });

  it('still reads every format the form documents', () => {
    expect(parseValue('68.7 billion USD (all cash)')).toEqual({ ok: true, value: { amount: 68_700_000_000, currency: 'USD', note: 'all cash' } });
    expect(parseValue('USD 68700000000')).toEqual({ ok: true, value: { amount: 68_700_000_000, currency: 'USD' } });
    expect(parseValue('$1.5bn')).toEqual({ ok: true, value: { amount: 1_500_000_000, currency: 'USD' } });
    expect(parseValue('250,000,000   EUR')).toEqual({ ok: true, value: { amount: 250_000_000, currency: 'EUR' } });
    expect(parseValue('  €  3\tmillion  (about (roughly) half)  ')).toEqual({ ok: true, value: { amount: 3_000_000, currency: 'EUR', note: 'about (roughly) half' } });
    expect(parseValue('not disclosed')).toEqual({ ok: true, value: undefined });
    expect(parseValue('1 USD (unclosed').ok).toBe(false);
    expect(parseValue('(only a note)').ok).toBe(false);
  });

  it('parseDetails refuses details longer than the form allows before reading a line', () => {
    const problems: FieldProblem[] = [];
    const r = timed(() => parseDetails(`Type: mou\nValue: ${ATTACK}`.padEnd(DETAILS_TEXT_MAX + 1, ' ') + 'x', problems));
    expect(r.ms).toBeLessThan(BUDGET_MS);
    expect(problems).toEqual([{ field: 'details', message: expect.stringContaining(`at most ${DETAILS_TEXT_MAX} characters`) }]);
  });
});

describe('the string through a form submission', () => {
  it('is answered with a field error, not a stall', async () => {
    const app = testApp({ fixtures: true });
    try {
      // The submission: the details field holds only this line, exactly its 600-character limit.
      const details = `Value: ${ATTACK}`;
      expect(details).toHaveLength(600);
      const r = timed(() =>
        app.core.handle({
          command: 'deal-admin',
          subcommand: 'save',
          options: { mode: 'add', title: 'Acme buys Globex', parties: 'Acme (acquirer); Globex (target)', details, summary: 'Acme buys Globex.', sources: 'https://example.com/a' },
          user: OPERATOR,
        }),
      );
      const reply = await r.value;
      expect(r.ms).toBeLessThan(BUDGET_MS);
      expect(reply.kind).toBe('error');
      if (reply.kind === 'error') expect(reply.fieldErrors?.map((f) => f.field)).toContain('details.value');
    } finally {
      app.close();
    }
  });
});
