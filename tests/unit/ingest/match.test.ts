// Matching a draft to a stored deal: pure findExistingDeal over a fake lookup (deals and names of our own).
import { describe, expect, it } from 'vitest';
import { findExistingDeal, type DealLookup } from '../../../src/ingest/match.ts';
import type { StoredDeal } from '../../../src/store/store.ts';

const ORGS = ['Kestrel', 'Norvale', 'Tallis'];
const stored = (slug: string, announced: string, type = 'investment', parties = [{ name: 'Kestrel', role: 'investor' }, { name: 'Norvale', role: 'investee' }]): StoredDeal =>
  ({
    id: slug.length,
    version: 1,
    deal: { slug, title: slug, type, status: 'signed', announced, parties, sources: [{ url: 'https://example.test/a' }], areas: [], quotes: [], summary: 's' },
  }) as unknown as StoredDeal;

function lookup(deals: StoredDeal[]): DealLookup {
  return {
    findOrganisation: (n) => (ORGS.includes(n) ? { id: ORGS.indexOf(n) + 1, name: n } : undefined),
    listDeals: ({ company }) => ({ total: deals.length, deals: deals.filter((d) => d.deal.parties.some((p) => p.name === company)) }),
  };
}

describe('findExistingDeal', () => {
  it('takes full dates a day or two apart for the same event', () => {
    const l = lookup([stored('kestrel-norvale-2019', '2019-05-16', 'mou', [{ name: 'Kestrel', role: 'partner' }, { name: 'Norvale', role: 'partner' }])]);
    const draft = { type: 'mou' as const, announced: '2019-05-17', parties: [{ name: 'Kestrel', role: 'partner' as const }, { name: 'Norvale', role: 'partner' as const }] };
    expect(findExistingDeal(draft, l)?.slug).toBe('kestrel-norvale-2019');
    expect(findExistingDeal({ ...draft, announced: '2019-05-25' }, l)).toBeUndefined();
  });

  it('a round with many investors is not a stored two-party stake between two of them', () => {
    const l = lookup([stored('kestrel-norvale-2023', '2023-10')]);
    const round = {
      type: 'investment' as const,
      parties: [
        { name: 'Norvale', role: 'investee' as const },
        { name: 'Harbour Ventures', role: 'investor' as const },
        { name: 'Kestrel', role: 'investor' as const },
        { name: 'Orchard Growth', role: 'investor' as const },
        { name: 'Lumen Peak', role: 'investor' as const },
      ],
    };
    expect(findExistingDeal(round, l)).toBeUndefined();
    expect(findExistingDeal({ ...round, parties: round.parties.slice(0, 3) }, l)?.slug).toBe('kestrel-norvale-2023');
  });
});
