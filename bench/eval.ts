// `npm run eval [-- --distractors N] [--misses] [--no-baseline] [--names-only | --questions-only] [--show-heldout-misses]`:
// prints the name-based evaluation table (ours vs the fuse.js baseline, dev and held-out) and the question
// evaluation table (bench/question-eval.ts), and whether the floors of both are met; exits 1 when they are not.
// `--misses` lists the name misses and the dev question misses; held-out question misses are listed only with
// `--show-heldout-misses` (the held-out split is scored once, at the end, and never tuned on).
import { checkFloors, formatReport, runEvaluation } from './evaluation.ts';
import { checkQuestionFloors, formatMisses, formatQuestionReport, runQuestionEvaluation } from './question-eval.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--distractors');
const distractors = at >= 0 ? Number(args[at + 1]) : 3000;
const withBaseline = !args.includes('--no-baseline');
const broken: string[] = [];

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
  const q = await runQuestionEvaluation({ baseline: withBaseline });
  console.log('\n## Questions\n');
  console.log(formatQuestionReport(q));
  if (args.includes('--misses')) {
    const dev = formatMisses(q, 'dev');
    console.log(`\nQuestion misses, dev split (${dev.length}):`);
    for (const m of dev) console.log(`  ${m}`);
  }
  if (args.includes('--show-heldout-misses')) {
    const held = formatMisses(q, 'heldout');
    console.log(`\nQuestion misses, HELD-OUT split (${held.length}) — for the final run only; never tune on these:`);
    for (const m of held) console.log(`  ${m}`);
  }
  broken.push(...checkQuestionFloors(q));
}

console.log(broken.length ? `\nFLOORS NOT MET:\n  ${broken.join('\n  ')}` : '\nAll floors met (held-out split).');
process.exitCode = broken.length ? 1 : 0;
