// Companies described, not named: a demonym outside a company name is a party slot with a country, its role read
// from the deal verb; ranking checks the slot against the parties' stored countries, and a slot no party fits keeps a
// nameless description from being answered.
import { afterAll, describe, expect, it } from 'vitest';
import { countrySlots } from '../../../../src/search/question/describe.ts';
import { OrgCountries, demonymAt } from '../../../../src/search/vocabulary/countries.ts';
import { STOP_WORDS } from '../../../../src/search/vocabulary/words.ts';
import { testApp, OPERATOR } from '../../../helpers/app.ts';
import type { Reply } from '../../../../src/core/replies.ts';

const stop = (w: string) => STOP_WORDS.has(w);
const words = (s: string) => s.split(' ');

describe('country slots', () => {
  it('reads the nationality before a buy verb as the buyer and after it as the target', () => {
    const slots = countrySlots(words('the korean phone maker that bought an american audio company'), [], stop);
    expect(slots.map((s) => [s.country, s.roles])).toEqual([
      ['KR', ['acquirer', 'investor']],
      ['US', ['target', 'investee']],
    ]);
  });
  it('swaps the roles after "by" or "from"', () => {
    const slots = countrySlots(words('a british startup acquired by a german group'), [], stop);
    expect(slots.map((s) => [s.country, s.roles?.[0]])).toEqual([
      ['GB', 'target'],
      ['DE', 'acquirer'],
    ]);
  });
  it('gives no roles without a buy or invest verb (a merger, a joint venture)', () => {
    const slots = countrySlots(words('dutch and american chip firms merging'), [], stop);
    expect(slots.map((s) => [s.country, s.roles])).toEqual([
      ['NL', undefined],
      ['US', undefined],
    ]);
  });
  it('does not read "us" the pronoun, or a place after "in", as a nationality', () => {
    expect(demonymAt(words('tell us about it'), 1, stop)).toBeUndefined();
    expect(demonymAt(words('a us chip firm'), 1, stop)).toBe('US');
    expect(countrySlots(words('a food delivery deal in india'), [], stop)).toEqual([]);
  });
  it('keeps one byte per organisation id and grows with new ids', () => {
    const t = new OrgCountries();
    t.set(3, 'JP');
    t.set(5000, 'FI');
    t.set(7, null);
    expect([t.get(3), t.get(5000), t.get(7), t.get(-1)]).toEqual(['JP', 'FI', undefined, undefined]);
  });
});

const app = testApp();
afterAll(() => app.close());

async function ask(query: string): Promise<Reply> {
  return app.core.handle({ command: 'deal', options: { query }, user: OPERATOR });
}

describe('questions that describe the companies', () => {
  it.each([
    ['the us search company that bought a british ai lab', 'google-deepmind-2014'],
    ['singaporean chip firm merging with an american chip company', 'avago-broadcom-2015'],
    ['the japanese electronics giant buying a us game studio', 'sony-bungie-2022'],
    ['a korean memory chipmaker buying an american nand business', 'sk-hynix-intel-nand-2020'],
  ])('%s: %s', async (q, slug) => {
    const r = await ask(q);
    expect(r.kind === 'deal' && r.deal.slug).toBe(slug);
  });
  it.each(['the german carmaker that acquired a british chip designer', 'the swiss bank that bought an australian social network'])(
    'a description no stored party fits is not found: %s',
    async (q) => {
      const r = await ask(q);
      expect(r.kind).not.toBe('deal');
    },
  );
});
