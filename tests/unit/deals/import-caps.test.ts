// Importing 300k invalid records once printed 1.8 M problem lines and took 1.9 GB (every problem was kept
// and printed). Now at most 100 problems are kept and listed, then a count; numbers are 1-based records and lines;
// messages are plain words rather than zod's own text.
import { describe, expect, it } from 'vitest';
import { formatProblem, MAX_LISTED_PROBLEMS, parseDealFile } from '../../../src/deals/import-file.ts';

/** A record with six problems, as in the review's file. */
const BAD = JSON.stringify({ title: '', type: 'merger-ish', status: 'done', announced: '2021-13', parties: [{ name: 'A', role: 'king' }], sources: [] });

describe('a file of many bad records', () => {
  it('keeps the first 100 problems and counts the rest', () => {
    const n = 30_000; // enough to show the cap (210,000 problems); 300,000, the size of the file that
    // showed the problem, only made the test slower
    const r = parseDealFile(Array.from({ length: n }, () => BAD).join('\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(r.invalidRecords).toBe(n);
    expect(r.total).toBe(n * 7);
  });

  it('numbers records and lines from 1 and says what is wrong in plain words', () => {
    const r = parseDealFile(`\n${BAD}\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatProblem)).toEqual([
      'record 1 (line 2): title must not be empty',
      'record 1 (line 2): type must be one of: acquisition, merger, investment, partnership, mou, joint_venture, licensing, divestiture, settlement, other',
      'record 1 (line 2): status must be one of: rumoured, announced, signed, pending, completed, terminated, unknown',
      'record 1 (line 2): announced must be a date as YYYY, YYYY-MM or YYYY-MM-DD',
      'record 1 (line 2): parties.0.role must be one of: acquirer, target, seller, investor, investee, partner, licensor, licensee',
      'record 1 (line 2): summary is required',
      'record 1 (line 2): sources needs at least one source',
    ]);
  });
});
