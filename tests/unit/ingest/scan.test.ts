// The linear scans that replaced patterns with a quadratic worst case (eslint-plugin-regexp's no-super-linear-move):
// each does exactly what the pattern it replaced did — checked against that pattern on random strings built from the
// characters that matter — and reads hostile text (thousands of unclosed marks) in one pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankQuotations, blankSpans, trimEndWord } from '../../../src/ingest/scan.ts';
import { findQuotes } from '../../../src/ingest/quotes.ts';

const blank = (m: string): string => ' '.repeat(m.length);
// The oracles below are the replaced patterns themselves, run only on these 40-character random strings.
/* eslint-disable regexp/no-super-linear-move */
const text = (chars: string[]): fc.Arbitrary<string> => fc.array(fc.constantFrom(...chars), { maxLength: 40 }).map((a) => a.join(''));

describe('linear scans', () => {
  it('blankSpans does what /O[^C]*C/g did', () => {
    fc.assert(
      fc.property(text(['(', ')', 'a', ' ', '“', '”']), (s) => {
        expect(blankSpans(s, '(', ')')).toBe(s.replace(/\([^)]*\)/g, blank));
        expect(blankSpans(s, '“', '”')).toBe(s.replace(/“[^”]*”/g, blank));
      }),
      { numRuns: 2000 },
    );
    expect(blankSpans('Intel (NASDAQ: INTC) and “a quote” (open', '(', ')')).toBe(`Intel ${blank('(NASDAQ: INTC)')} and “a quote” (open`);
  });

  it('blankQuotations does what /“[^”]*”|"[^"]*"/g did', () => {
    fc.assert(
      fc.property(text(['“', '”', '"', 'a', ' ']), (s) => {
        expect(blankQuotations(s)).toBe(s.replace(/“[^”]*”|"[^"]*"/g, blank));
      }),
      { numRuns: 3000 },
    );
    expect(blankQuotations('He said “no deal” and "maybe" then “open')).toBe(`He said ${blank('“no deal”')} and ${blank('"maybe"')} then “open`);
  });

  it('trimEndWord does what /\\S+$/ did', () => {
    fc.assert(
      fc.property(text(['a', ' ', '\n', '.', '\u00a0']), (s) => {
        expect(trimEndWord(s)).toBe(s.replace(/\S+$/, ''));
      }),
      { numRuns: 2000 },
    );
  });

  /* eslint-enable regexp/no-super-linear-move */

  it('keeps offsets: the blanked text is as long as the input, on hostile runs of unclosed marks too', () => {
    const hostile = '“'.repeat(50_000) + '('.repeat(50_000) + '"';
    expect(blankQuotations(hostile)).toBe(hostile);
    expect(blankSpans(hostile, '(', ')')).toBe(hostile);
    expect(blankSpans(hostile, '“', '”')).toBe(hostile);
  });

  it('quote speakers still read names, "also said" and a surname alone after the bounded rewrite', () => {
    const quotes = findQuotes([
      'Bobby Kotick, chief executive of Activision Blizzard, said the company looked forward to joining the team.',
      'Kotick also said the studios would keep making the games their players love.',
    ]);
    expect(quotes.map((q) => [q.speaker, q.title])).toEqual([['Bobby Kotick', 'Chief executive of Activision Blizzard']]);
    // A run of capitals with no name in it is read without a match (and without a quadratic scan).
    expect(findQuotes(['A' + 'B'.repeat(20_000) + ' said the deal is done and dusted for good.'])).toEqual([]);
  });
});
