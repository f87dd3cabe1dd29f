// Round 11's pure rules: yearless wire datelines dated by the lead's weekday, capitals kickers above a headline, and
// time adverbials between a company and its deal verb.
import { describe, expect, it } from 'vitest';
import { yearForWeekday, yearlessDateline } from '../../../src/ingest/facts.ts';
import { withoutTimeAdverbial } from '../../../src/ingest/organisations.ts';
import { isKicker } from '../../../src/ingest/text.ts';

describe('yearless datelines', () => {
  it('reads a place in capitals or a wire tag, never prose', () => {
    expect(yearlessDateline('PARIS, July 7 (Wire) — Capgemini agreed to buy WNS.')).toMatchObject({ month: 7, day: 7 });
    expect(yearlessDateline('STOCKHOLM, April 3 — Ericsson and Lenovo settled.')).toMatchObject({ month: 4, day: 3 });
    expect(yearlessDateline('In July 7 people met — nothing more.')).toBeUndefined();
    expect(yearlessDateline('Paris, July 7 — a sentence with no tag and a place in mixed case.')).toBeUndefined();
  });

  it('takes the one year in the three up to the latest named whose day falls on the weekday', () => {
    // 7 July 2025 was a Monday; in 2023 and 2024 it was a Friday and a Sunday.
    expect(yearForWeekday(7, 7, 'Monday', [2025, 2026])).toBe(2025);
    expect(yearForWeekday(7, 7, 'monday', [2025])).toBe(2025);
    // No year of the three fits: empty, never a guess.
    expect(yearForWeekday(7, 7, 'Tuesday', [2025])).toBeUndefined();
    expect(yearForWeekday(7, 7, 'Monday', [])).toBeUndefined();
    expect(yearForWeekday(7, 7, 'Someday', [2025])).toBeUndefined();
    // A day the month does not have (a dateline's "Feb 30") falls on no weekday.
    expect(yearForWeekday(2, 30, 'Monday', [2025])).toBeUndefined();
  });
});

describe('kickers', () => {
  it('is a short line in capitals without digits', () => {
    expect(isKicker('THE SILICON COLUMN')).toBe(true);
    expect(isKicker('MARKETS')).toBe(true);
    expect(isKicker('Skyworks and Qorvo agree to merge')).toBe(false);
    expect(isKicker('Q3 2025')).toBe(false);
    expect(isKicker('ONE TWO THREE FOUR FIVE SIX SEVEN')).toBe(false);
  });
});

describe('time adverbials after a subject', () => {
  it('skips the adverbial so the verb follows the name', () => {
    expect(withoutTimeAdverbial(' agreed on Wednesday to sell its robotics unit')).toBe(' agreed to sell its robotics unit');
    expect(withoutTimeAdverbial(' said late on Tuesday it would buy')).toBe(' said it would buy');
    expect(withoutTimeAdverbial(' on Monday agreed to buy')).toBe(' agreed to buy');
    expect(withoutTimeAdverbial(' bought a rival')).toBe(' bought a rival');
  });
});
