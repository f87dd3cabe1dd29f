// The question floors (right deal, stated fact, counts) on the held-out split of bench/questions-*.jsonl, asked of the
// real core over the shipped corpus (see bench/question-eval.ts and docs/search.md). Only the figures are shown on
// failure, never the held-out questions that missed: `npm run eval -- --show-heldout-misses` lists them, for the final
// run.
import { describe, expect, it } from 'vitest';
import { checkQuestionFloors, formatQuestionReport, runQuestionEvaluation } from '../../bench/question-eval.ts';

describe('question evaluation', () => {
  it('meets the floors on the held-out split', { timeout: 120_000 }, async () => {
    const report = await runQuestionEvaluation({ baseline: false });
    const broken = checkQuestionFloors(report);
    expect(broken, formatQuestionReport(report)).toEqual([]);
  });
});
