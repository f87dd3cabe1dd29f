// `npm run eval [-- --distractors N] [--misses]`: prints the evaluation table (ours vs the fuse.js baseline, dev and
// held-out) and whether the floors are met; exits 1 when they are not.
import { checkFloors, formatReport, runEvaluation } from './evaluation.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--distractors');
const distractors = at >= 0 ? Number(args[at + 1]) : 3000;
const baseline = args.includes("--no-baseline") ? "none" : "all";
const r = runEvaluation({ distractors, baseline });
console.log(formatReport(r));
if (args.includes('--misses')) {
  console.log('\nMisses (ours):');
  for (const m of r.ours.misses) console.log(`  [${m.split}/${m.class}] "${m.query}" expected ${m.expect ?? 'none'}, got ${m.got}`);
}
const broken = checkFloors(r);
console.log(broken.length ? `\nFLOORS NOT MET:\n  ${broken.join('\n  ')}` : '\nAll floors met (held-out split).');
process.exitCode = broken.length ? 1 : 0;
