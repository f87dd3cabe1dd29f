// The shipped corpus's closing dates agree with its own summaries and statuses: a summary that says "closed in
// December 2016" has a closed field in December 2016, every terminated deal says when, no deal closes before it was
// announced, and a deal still open has no closing date.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDealFile } from '../../../src/deals/import-file.ts';
import type { Deal } from '../../../src/deals/schema.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function corpus(): Deal[] {
  const parsed = parseDealFile(readFileSync(new URL('../../../data/deals.jsonl', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('the shipped corpus does not parse');
  return parsed.records;
}

/** "closed in December 2016", "closed on 13 October 2023", "called it off on 8 February 2022", "completed in July 2022". */
const CLOSING =
  /\b(?:closed|completed|called it off|abandoned the deal|terminated the agreement|ended the agreement|let the agreement lapse|took control|final closing)\b(?:\s+\w+){0,3}?\s+(?:on|in)\s+(?:(\d{1,2})\s+)?(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})/g;

/** Two partial dates that can be the same day: equal on every part both give. */
function compatible(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

describe('closing dates in the shipped corpus', () => {
  const deals = corpus();

  it('agree with every closing date the summaries state', () => {
    let checked = 0;
    for (const d of deals) {
      for (const m of d.summary.matchAll(CLOSING)) {
        const said = `${m[3]}-${String(MONTHS.indexOf(m[2]!.toLowerCase()) + 1).padStart(2, '0')}${m[1] ? `-${m[1].padStart(2, '0')}` : ''}`;
        expect(d.closed, `${d.slug}: the summary says "${m[0]}"`).toBeDefined();
        expect(compatible(d.closed!, said), `${d.slug}: closed ${d.closed} but the summary says "${m[0]}"`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('every terminated deal says when; no deal closes before its announcement; open deals have none', () => {
    for (const d of deals) {
      if (d.status === 'terminated') expect(d.closed, d.slug).toBeDefined();
      if (d.closed) {
        const n = Math.min(d.closed.length, d.announced.length);
        expect(d.closed.slice(0, n) >= d.announced.slice(0, n), `${d.slug}: closed ${d.closed} before announced ${d.announced}`).toBe(true);
      }
      if (['rumoured', 'announced', 'signed', 'pending'].includes(d.status)) expect(d.closed, d.slug).toBeUndefined();
    }
    expect(deals.filter((d) => d.closed).length).toBeGreaterThanOrEqual(70);
  });
});
