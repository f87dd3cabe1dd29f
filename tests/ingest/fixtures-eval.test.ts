// Ingest accuracy per field over the article fixture sets (bench/ingest-scoring.ts; print them all with
// `node bin/run.js bench/ingest-eval.ts dev heldout-r1 heldout-r2 heldout-r3 heldout-r4`). The newest held-out batch
// keeps issue 14's floors (≥ 0.92 of fields overall, ≥ 0.85 for every field); sets that were held out in earlier
// rounds and have since been worked on are dev sets now and must stay near perfect. Non-deal stories must say no
// deal. A wrong date or value that is not empty is the worst miss; the one the newest batch still has is recorded in
// docs/ingest.md and allowed here, no more.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FIELDS, formatSummary, loadFixtures, scoreFixture, summarise } from '../../bench/ingest-scoring.ts';
import { findExistingDeal, ingestText } from '../../src/ingest/ingest.ts';
import { testApp } from '../helpers/app.ts';

const app = testApp();
afterAll(() => app.close());
const orgs = app.store.listOrganisations().map((o) => ({ name: o.name, aliases: o.aliases }));

function score(set: string) {
  const dir = fileURLToPath(new URL(`../fixtures/articles/${set}/`, import.meta.url));
  const rows = loadFixtures(dir).map((f) => {
    const result = ingestText(f.text, orgs, f.expected.url);
    return scoreFixture(f, { result, noDeal: result.noDeal, match: findExistingDeal(result, app.store)?.slug });
  });
  const s = summarise(rows);
  console.log(formatSummary(set, s));
  return { rows, s };
}

describe('ingest accuracy per field over the article fixture sets', () => {
  it.each(['dev', 'heldout-r1', 'heldout-r2', 'heldout-r3'])('%s (worked on): every field ≥ 0.84, nothing wrong filled in', (set) => {
    const { rows, s } = score(set);
    expect(rows.length).toBeGreaterThanOrEqual(14);
    for (const f of FIELDS) expect({ field: f, rate: s.perField[f].right / s.perField[f].total >= 0.84 }).toEqual({ field: f, rate: true });
    expect(s.nonDeal.right).toBe(s.nonDeal.total);
    expect(s.inventedDates).toBe(0);
    expect(s.inventedValues).toBe(0);
  });

  it("heldout-r4 (the newest held-out batch): issue 14's floors", () => {
    const { s } = score('heldout-r4');
    expect(s.overall.right / s.overall.total).toBeGreaterThanOrEqual(0.92);
    for (const f of FIELDS) expect({ field: f, rate: s.perField[f].right / s.perField[f].total >= 0.85 }).toEqual({ field: f, rate: true });
    expect(s.nonDeal.right).toBe(s.nonDeal.total);
    expect(s.inventedDates).toBeLessThanOrEqual(1);
    expect(s.inventedValues).toBe(0);
  });

  it('the sets together hold at least 40 new articles, with non-deal stories, HTML pages and every kind of deal', () => {
    const all = ['dev', 'heldout-r1', 'heldout-r2', 'heldout-r3', 'heldout-r4'].flatMap((set) =>
      loadFixtures(fileURLToPath(new URL(`../fixtures/articles/${set}/`, import.meta.url))),
    );
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(all.filter((f) => !f.expected.deal).length).toBeGreaterThanOrEqual(3);
    expect(all.filter((f) => f.file.endsWith('.html')).length).toBeGreaterThanOrEqual(6);
    const types = new Set(all.map((f) => f.expected.type));
    for (const t of ['acquisition', 'merger', 'investment', 'joint_venture', 'divestiture', 'licensing', 'settlement', 'mou', 'partnership']) expect(types).toContain(t);
  });
});
