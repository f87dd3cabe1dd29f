// Ingest accuracy per field over the article fixture sets: `node bin/run.js bench/ingest-eval.ts [set…] [--misses]`.
// Sets are folders under tests/fixtures/articles/ (dev, heldout-r1, …). Runs against an in-memory store seeded
// with the shipped corpus, so "this story is about a deal already stored" is scored too.
import { fileURLToPath } from 'node:url';
import { Store } from '../src/store/store.ts';
import { seedStore } from '../src/store/seed.ts';
import { ingestText } from '../src/ingest/ingest.ts';
import * as ingestModule from '../src/ingest/ingest.ts';
import { formatSummary, loadFixtures, scoreFixture, summarise, type Outcome } from './ingest-scoring.ts';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const sets = args.filter((a) => !a.startsWith('--'));
const { store } = Store.open(':memory:');
seedStore(store);
const orgs = store.listOrganisations().map((o) => ({ name: o.name, aliases: o.aliases }));
type Matcher = (r: ReturnType<typeof ingestText>, s: Store) => { slug: string } | undefined;
const matcher = (ingestModule as unknown as { findExistingDeal?: Matcher }).findExistingDeal;

for (const set of sets.length ? sets : ['dev']) {
  const dir = fileURLToPath(new URL(`../tests/fixtures/articles/${set}/`, import.meta.url));
  const rows = loadFixtures(dir).map((f) => {
    const result = ingestText(f.text, orgs, f.expected.url);
    const noDeal = (result as { noDeal?: boolean }).noDeal === true;
    const outcome: Outcome = { result, noDeal, match: noDeal ? undefined : matcher?.(result, store)?.slug };
    return scoreFixture(f, outcome);
  });
  console.log(formatSummary(set, summarise(rows)));
  if (showMisses) for (const r of rows) if (r.misses.length) console.log(`  ${r.file}\n    ${r.misses.join('\n    ')}`);
}
store.close();
