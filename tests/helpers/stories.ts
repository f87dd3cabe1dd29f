// Article texts and a feed shared by the in-process ingest tests (tests/unit/ingest/) and the ones that run the real
// `dealbot ingest` (tests/e2e/cli/ingest.test.ts). Every sentence is in our own words about a real deal.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Deal } from '../../src/deals/schema.ts';

/** The end of the Adobe–Figma deal, a story about a deal in the shipped corpus. */
export const TERMINATION = `Adobe and Figma end their $20 billion deal

SAN JOSE, Calif., December 18, 2023 — Adobe and Figma said on Monday that they had agreed to terminate their merger agreement, under which Adobe would have bought the design software start-up for about $20 billion. Adobe first announced the deal on September 15, 2022.

The companies said they saw no clear path to regulatory approval in Europe and the United Kingdom. Adobe will pay Figma a termination fee of $1 billion.`;

const corpus = readFileSync(fileURLToPath(new URL('../../data/deals.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Deal);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Twenty real deals from the shipped corpus, as a news feed would carry them (title and our own summary).
const picked = corpus.filter((d) => d.type === 'acquisition').slice(0, 20);
export const rss = (n: number): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Deal wire</title><link>https://wire.example/</link><description>Deals</description>
${picked
  .slice(0, n)
  .map(
    (d, i) => `<item><title>${esc(d.title)}</title><link>https://wire.example/deals/${i}</link><guid isPermaLink="false">wire-${i}</guid>
<pubDate>${new Date(`${d.announced.length === 10 ? d.announced : `${d.announced.slice(0, 4)}-06-01`}T12:00:00Z`).toUTCString()}</pubDate>
<description>${esc(`<p>${d.summary}</p>`)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;

export const ARTICLE =
  '<p>Microsoft said on Tuesday that it had agreed to buy Activision Blizzard for 68.7 billion dollars in cash, the ' +
  'largest deal in the history of the games industry, according to a statement from both companies.</p>';

/** The review's page: `depth` unclosed <div>s around a paragraph of article text. */
export const nestedDivs = (depth: number): string => `<html><body>${'<div>'.repeat(depth)}${ARTICLE}</body></html>`;
