// `npm run eval [-- --distractors N] [--misses] [--no-baseline] [--names-only | --questions-only] [--show-heldout-misses]
// [--splits dev,dev2]`:
// prints the name-based evaluation table (ours vs the fuse.js baseline, dev and held-out) and the question
// evaluation table (bench/question-eval.ts), and whether the floors of both are met; exits 1 when they are not.
// `--misses` lists the name misses and the dev question misses; held-out question misses are listed only with
// `--show-heldout-misses` (the held-out split is scored once, at the end, and never tuned on). `--splits dev,dev2`
// asks only the question splits named (the held-out floors are then not checked): for working on dev.
import { QUESTION_FILES, loadQuestions, type Split } from './question-eval-expect.ts';
import { checkFloors, formatReport, runEvaluation } from './evaluation.ts';
import { checkQuestionFloors, formatMisses, formatQuestionReport, runQuestionEvaluation } from './question-eval.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--distractors');
const distractors = at >= 0 ? Number(args[at + 1]) : 3000;
const withBaseline = !args.includes('--no-baseline');
const broken: string[] = [];
const sp = args.indexOf('--splits');
const splits = sp >= 0 ? ((args[sp + 1] ?? '').split(',').filter((x) => x in QUESTION_FILES) as Split[]) : undefined;

if (!args.includes('--questions-only')) {
  const r = await runEvaluation({ distractors, baseline: withBaseline ? 'all' : 'none' });
  console.log('## Name-based queries\n');
  console.log(formatReport(r));
  if (args.includes('--misses')) {
    console.log('\nMisses (ours):');
    for (const m of r.ours.misses) console.log(`  [${m.split}/${m.class}] "${m.query}" expected ${m.expect ?? 'none'}, got ${m.got}`);
  }
  broken.push(...checkFloors(r));
}

if (!args.includes('--names-only')) {
  const q = await runQuestionEvaluation({ baseline: withBaseline, ...(splits ? { questions: loadQuestions(splits.map((x) => QUESTION_FILES[x])) } : {}) });
  console.log('\n## Questions\n');
  console.log(formatQuestionReport(q));
  if (args.includes('--misses')) {
    for (const split of ['dev', 'dev2'] as const) {
      if (!q.bySplit[split]) continue;
      const dev = formatMisses(q, split);
      console.log(`\nQuestion misses, ${split} split (${dev.length}):`);
      for (const m of dev) console.log(`  ${m}`);
    }
  }
  if (args.includes('--show-heldout-misses')) {
    const held = formatMisses(q, 'heldout');
    console.log(`\nQuestion misses, HELD-OUT split (${held.length}) — for the final run only; never tune on these:`);
    for (const m of held) console.log(`  ${m}`);
  }
  if (!splits || splits.includes('heldout')) broken.push(...checkQuestionFloors(q));
}

console.log(broken.length ? `\nFLOORS NOT MET:\n  ${broken.join('\n  ')}` : splits && !splits.includes('heldout') ? '\n(Held-out split not asked: floors not checked.)' : '\nAll floors met (held-out split).');
process.exitCode = broken.length ? 1 : 0;
