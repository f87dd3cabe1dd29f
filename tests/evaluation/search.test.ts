// The relevance floors of name-based search on the held-out split. Runs with 2,000 synthetic distractors (npm run eval
// uses 3,000) and the fuse.js baseline on every third held-out query, to stay well under a minute on a 2-core machine.
import { describe, expect, it } from 'vitest';
import { checkFloors, formatReport, runEvaluation } from '../../bench/evaluation.ts';

describe('relevance evaluation', () => {
  it('meets the floors on the held-out split', { timeout: 120_000 }, async () => {
    const report = await runEvaluation({ distractors: 2000, baseline: 'heldout', baselineEvery: 3 });
    const broken = checkFloors(report);
    expect(broken, formatReport(report)).toEqual([]);
    // The dev split is what we tuned on: it should be at least as good.
    expect(report.ours.bySplit.dev.overall.top1).toBeGreaterThanOrEqual(0.95);
  });
});
