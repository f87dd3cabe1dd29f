// Child process for the kill -9 test: edits deals as fast as it can, the way an admin's form save does (a versioned
// update with its audit row and index update in one transaction), printing "edit N" after each commit.
import { Store } from '../../src/store/store.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: editor.ts DB');
const { store } = Store.open(path);
const slugs = store.exportDeals().map((d) => d.slug!);
const actor = { id: 'U-editor', name: 'editor', platform: 'test' };
for (let n = 1; ; n++) {
  const slug = slugs[n % slugs.length]!;
  const current = store.getDeal(slug)!;
  const deal = {
    ...current.deal,
    title: `${current.deal.title.replace(/ \(rev \d+\)$/, '')} (rev ${n})`.slice(0, 150),
    summary: `${current.deal.summary.slice(0, 1200)} Revised ${n}.`.slice(0, 1500),
    areas: [...current.deal.areas.slice(0, 3), `area ${n % 7}`],
  };
  store.updateDeal(slug, deal, current.version, actor);
  process.stdout.write(`edit ${n}\n`);
}
