// The role rule on the large-corpus path: the shipped deals plus 3,000 synthetic ones in which Microsoft, GitHub and
// Oracle are each a party to hundreds of deals, so retrieval reads only the newest of each company's deals and the
// 2018 acquisition of GitHub is far down their lists. A question whose roles the store contradicts is refused there
// too (never answered with the nearest deal), and the real deal is still suggested. One synthetic Oracle–GitHub
// partnership is added so that a role-blind search has a deal between the two to answer with: with the role rule
// disabled (rank.ts `roleConflict`, or the gate keeping deals that conflict), the two role tests fail; with the
// gate's threshold at 0 (gate.ts GATE), the rare-word test does; without retrieval of a named company's deals that
// match the question's rarest word (retrieve.ts), the older-deal test does.
import { describe, expect, it } from 'vitest';
import { createDealSearch } from '../../../src/search/search.ts';
import { seedStore } from '../../../src/store/seed.ts';
import { Store } from '../../../src/store/store.ts';
import type { Deal } from '../../../src/deals/schema.ts';
import type { SearchOutcome } from '../../../src/search/types.ts';
import { generateDeals } from '../../../bench/generate.ts';

const { store } = Store.open(':memory:');
seedStore(store);
const synthetic = generateDeals(3000, 7, { realOrganisations: ['Microsoft', 'GitHub', 'Oracle'], realShare: 0.4 });
// As in the real world, the big companies mostly buy and invest: where a synthetic deal made Microsoft or GitHub the
// one bought, invested in or selling, the two parties swap roles (so the 2018 acquisition stays the one GitHub was
// bought in, and the role rule, not chance, decides).
const BOUGHT = new Set(['target', 'investee', 'seller']);
for (const d of synthetic.deals) {
  const big = d.parties.find((p) => (p.name === 'Microsoft' || p.name === 'GitHub') && BOUGHT.has(p.role));
  const other = d.parties.find((p) => p !== big);
  if (big && other && d.parties.length === 2) [big.role, other.role] = [other.role, big.role];
}
store.upsertOrganisations(synthetic.organisations);
store.importDeals(synthetic.deals, { id: 'test', platform: 'system' });
const partnership: Deal = {
  slug: 'oracle-github-cloud-partnership-2024',
  title: 'Oracle and GitHub cloud partnership',
  type: 'partnership',
  status: 'signed',
  announced: '2024-10-01',
  parties: [
    { name: 'Oracle', role: 'partner' },
    { name: 'GitHub', role: 'partner' },
  ],
  areas: ['cloud', 'developer tools'],
  summary: 'A synthetic test deal: the two companies agree to work together on hosting developer tools in the cloud.',
  quotes: [],
  sources: [{ url: 'https://example.org/synthetic-test-deal' }],
} as unknown as Deal;
store.importDeals([partnership], { id: 'test', platform: 'system' });
const search = createDealSearch(store, { warm: true });

const labels = (o: SearchOutcome) => (o.status === 'none' ? o.suggestions.map((s) => s.label) : []);

describe('the role rule, the gate and retrieval on a large corpus', () => {
  it('is a large-corpus question: each named company has far more deals than retrieval reads', async () => {
    for (const name of ['microsoft', 'github', 'oracle']) {
      const o = await search.search(name);
      expect(o.status).toBe('list');
      if (o.status === 'list') expect(o.total).toBeGreaterThan(300);
    }
  });
  it('how much did oracle pay for github: no such deal (not the Oracle–GitHub partnership), Microsoft acquired GitHub suggested', async () => {
    const o = await search.search('how much did oracle pay for github');
    expect(o.status).toBe('none');
    if (o.status !== 'none') return;
    expect(o.reason).toEqual({ kind: 'roles', names: ['Oracle', 'GitHub'] });
    expect(labels(o)).toContain('Microsoft acquired GitHub (2018)');
  });
  it('how much did github pay for microsoft: the roles are reversed, so it is refused, with the real deal suggested', async () => {
    const o = await search.search('how much did github pay for microsoft');
    expect(o.status).toBe('none');
    if (o.status !== 'none') return;
    expect(o.reason?.kind).toBe('roles');
    expect(labels(o)).toContain('Microsoft acquired GitHub (2018)');
  });
  it('a company and a rare word none of its hundreds of deals has is not found (the gate, not the nearest deal)', async () => {
    // "minecraft" is only in Microsoft's Mojang deal: no GitHub deal covers enough of the question to answer.
    const o = await search.search('github minecraft');
    expect(o.status).toBe('none');
    if (o.status === 'none') expect(o.reason?.kind).toBe('no_match');
  });
  it('the same question in the stored roles is answered with the 2018 acquisition', async () => {
    const o = await search.search('how much did microsoft pay for github');
    expect(o.status === 'found' && o.best.slug).toBe('microsoft-github-2018');
  });
  it('a company and a word only one of its older deals has finds that deal, beyond the newest ones retrieval reads', async () => {
    // "dictation" is only in the 2021 Nuance deal, older than Microsoft's newest hundred: retrieval must look for the
    // word among the company's deals rather than rank only the newest of them.
    const newer = synthetic.deals.filter((d) => d.announced > '2021-04-12' && d.parties.some((p) => p.name === 'Microsoft'));
    expect(newer.length).toBeGreaterThan(100);
    const o = await search.search('microsoft dictation');
    expect(o.status === 'found' && o.best.slug).toBe('microsoft-nuance-2021');
  });
});
