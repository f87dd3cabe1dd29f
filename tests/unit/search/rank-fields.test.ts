import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldText } from '../../../src/deals/names.ts';
import { runsHave } from '../../../src/search/rank.ts';

/** What ranking asked before runsHave: the phrase between spaces in the field's normal form. */
const inNormalForm = (field: string, phrase: string) => ` ${fieldText(field)} `.includes(` ${phrase} `);
const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

describe('runsHave: a plain word or phrase in an ASCII field, without building its normal form', () => {
  it('answers as the normal form does', () => {
    const field = "Klyzhan Retail ; Klyzhan ; KR - acquires Kyzicou's e-commerce unit (storage/chips), 2.1bn";
    for (const [phrase, want] of [
      ['klyzhan retail', true],
      ['retail klyzhan', true],
      ['kr acquires kyzicou', true],
      ['s e', true],
      ['e commerce', true],
      ['commerce unit storage', true],
      ['storage chips', true],
      ['2 1bn', true],
      ['lyzhan', false],
      ['klyzhan retai', false],
      ['chips 2', true],
      ['unit storage chips 2 1', false],
      ['ecommerce', false],
    ] as const) {
      expect([phrase, runsHave(field.toLowerCase(), phrase.split(' '))]).toEqual([phrase, want]);
      expect(inNormalForm(field, phrase)).toBe(want);
    }
  });

  it('agrees with the normal form on any ASCII text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'ab1 -.,;\'&AB\t'.split('')), maxLength: 30 });
    const phrase = fc.string({ unit: fc.constantFrom('a', 'b', '1', ' '), minLength: 1, maxLength: 6 }).filter((p) => PLAIN.test(p));
    fc.assert(
      fc.property(text, phrase, (t, p) => runsHave(t.toLowerCase(), p.split(' ')) === inNormalForm(t, p)),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });
});
