// Companies described, not named: a demonym outside a company name is a party slot with a country, its role read
// from the deal verb; ranking checks the slot against the parties' stored countries, and a slot no party fits keeps a
// nameless description from being answered.
import { afterAll, describe, expect, it } from 'vitest';
import { countrySlots, knownSlots } from '../../../../src/search/question/describe.ts';
import { knownKey, knownWord, type KnownIndex } from '../../../../src/search/vocabulary/indexes.ts';
import { DeletionIndex } from '../../../../src/search/symspell.ts';
import { narrowByCountry } from '../../../../src/search/question/index.ts';
import type { NameIndex } from '../../../../src/search/vocabulary/indexes.ts';
import { OrgCountries, demonymAt } from '../../../../src/search/vocabulary/countries.ts';
import { STOP_WORDS } from '../../../../src/search/vocabulary/words.ts';
import { testApp, OPERATOR } from '../../../helpers/app.ts';
import type { Reply } from '../../../../src/core/replies.ts';

const stop = (w: string) => STOP_WORDS.has(w);
const words = (s: string) => s.split(' ');

describe('a nationality before a known-for phrase', () => {
  it('narrows the phrase to the organisations of that country, when any are', () => {
    const table = new OrgCountries();
    table.set(1, 'JP');
    table.set(2, 'KR');
    const names = { orgCountry: table } as unknown as NameIndex;
    const known = [{ orgIds: [1, 2], phrase: 'carmaker', start: 1, end: 2, at: 1 }];
    narrowByCountry(known, [{ country: 'JP', word: 'japanese', at: 0 }], names);
    expect(known[0]!.orgIds).toEqual([1]);
    const none = [{ orgIds: [2], phrase: 'carmaker', start: 1, end: 2, at: 1 }];
    narrowByCountry(none, [{ country: 'FR', word: 'french', at: 0 }], names);
    expect(none[0]!.orgIds).toEqual([2]);
  });
});

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

describe('known-for slots (what a company makes, its brands and nicknames)', () => {
  // Organisation ids: 1 a robot vacuum maker, 2 and 3 two chipmakers, 4 a web shop.
  const index: KnownIndex = {
    phrases: new Map([
      [knownKey(['robot', 'vacuums']), [1]],
      ['roomba', [1]],
      ['chipmaker', [2, 3]],
      [knownKey(['online', 'store']), [4]],
      [knownKey(['front', 'page', 'of', 'the', 'internet']), [5]],
    ]),
    maxWords: 5,
  };
  const slots = (q: string) => knownSlots(words(q), [], new Set(), index, stop);

  it('matches plural and singular alike', () => {
    expect(knownWord('vacuums')).toBe('vacuum');
    expect(knownWord('companies')).toBe('company');
    expect(knownWord('business')).toBe('business');
    expect(slots('who sells robot vacuum cleaners').map((s) => s.orgIds)).toEqual([[1]]);
  });
  it('takes the trade nouns around the phrase into the description', () => {
    const [s] = slots('the roomba maker');
    expect([s!.start, s!.end]).toEqual([1, 3]);
    const [t] = slots('the makers of roomba');
    expect([t!.start, t!.end]).toEqual([1, 4]);
  });
  it('gives roles from the deal verb: before it the buyer, after it the bought', () => {
    expect(slots('the online store giant that bought the roomba maker').map((s) => [s.orgIds, s.roles?.[0]])).toEqual([
      [[4], 'acquirer'],
      [[1], 'target'],
    ]);
    expect(slots('the roomba maker acquired by the online store').map((s) => s.roles?.[0])).toEqual(['target', 'acquirer']);
  });
  it('keeps a phrase many companies share as all of them, and lets stop words sit inside a phrase', () => {
    expect(slots('a chipmaker deal')[0]!.orgIds).toEqual([2, 3]);
    expect(slots('the front page of the internet')[0]!.orgIds).toEqual([5]);
  });
  it('lets a stop word the grammar read as filler begin or end a phrase of two words or more', () => {
    const ix: KnownIndex = { phrases: new Map([[knownKey(['search', 'giant']), [7]], [knownKey(['gif', 'search']), [8]]]), maxWords: 2 };
    // "search" is a filler alone ("search for…"): consumed by the grammar, it may still sit in a phrase.
    expect(knownSlots(words('the search giant buying a tracker'), [], new Set([0, 1]), ix, stop).map((s) => s.orgIds)).toEqual([[7]]);
    expect(knownSlots(words('the gif search site'), [], new Set([0, 2]), ix, stop).map((s) => [s.orgIds, s.end])).toEqual([[[8], 4]]);
    // A stop word alone is no description.
    expect(knownSlots(words('search'), [], new Set([0]), { phrases: new Map([['search', [7]]]), maxWords: 1 }, stop)).toEqual([]);
  });
  it('reads a word nobody knows as the phrase word one typo away, and never corrects a word the index knows', () => {
    const ix: KnownIndex = { phrases: new Map([[knownKey(['fitness', 'tracker']), [3]], ['roomba', [1]]]), maxWords: 2, words: new DeletionIndex(['fitness', 'tracker', 'roomba']) };
    const unknown = (w: string) => w === 'the' || w === 'brand';
    expect(knownSlots(words('the fitnes tracker brand'), [], new Set([0]), ix, stop, unknown).map((s) => s.orgIds)).toEqual([[3]]);
    // "rumba" is a word of its own when the index has it; four letters or fewer get no typo ("romb").
    expect(knownSlots(words('the rumba maker'), [], new Set([0]), ix, stop, (w) => w === 'rumba')).toEqual([]);
    expect(knownSlots(words('the roomb maker'), [], new Set([0]), ix, stop, () => false).map((s) => s.orgIds)).toEqual([[1]]);
  });
  it('never reads a named company or a word the question already used as a description', () => {
    expect(knownSlots(words('roomba news'), [{ start: 0, end: 1, typed: 'roomba', key: 'roomba', orgIds: [9], distance: 0 }], new Set(), index, stop)).toEqual([]);
    expect(knownSlots(words('chipmaker deal'), [], new Set([0]), index, stop)).toEqual([]);
    expect(knownSlots(words('the roomba maker'), [], new Set(), undefined, stop)).toEqual([]);
  });
});

describe('lists and counts of a company described by what only it is known for', () => {
  it.each([
    ["the search giant's acquisitions", 'list', 'Google'],
    ['acquisitions by the iphone maker', 'list', 'Apple'],
    ['everything the social media giant bought', 'list', 'Meta'],
    ['how many acquisitions did the xbox company make', 'count', 'Microsoft'],
  ])('%s: a %s of %s', async (q, kind, name) => {
    const r = await ask(q);
    expect(r.kind).toBe(kind);
    if (r.kind === 'list' || r.kind === 'count') expect(r.answer).toContain(name);
  });
  it('keeps a phrase said of no company as a topic ("ai chips deals" is not Nvidia\'s deals)', async () => {
    const r = await ask('ai chips deals');
    expect(r.kind === 'list' && r.answer).not.toContain('Nvidia');
  });
});

describe('questions that describe companies by what they are known for', () => {
  it.each([
    ['who bought the roomba maker', 'amazon-irobot-2022'],
    ['when the xbox people bought the place coders host their repos', 'microsoft-github-2018'],
    ['the photoshop company buying the design tool', 'adobe-figma-2022'],
    ['the makers of fortnite got money from the mickey mouse company', 'disney-epic-games-2024'],
    ['which chipmaker bought the israeli foundry', 'intel-tower-2022'],
    ['serch giant buyng the fitness tracker brand', 'google-fitbit-2019'],
    ['chinese search engine company teaming up with a carmaker on smart cars', 'baidu-geely-2021'],
    // An object after the verb makes it active: Sony bought, it was not bought.
    ['when the playstation company bought the halo developer', 'sony-bungie-2022'],
    // A candidate a described party rules out ranks after one it does not (Flipkart is not Chinese).
    ['chinese retailer getting money from an american supermarket chain', 'walmart-jd-2016'],
    // A list read that finds nothing is looked up as one described deal ("biggest" describes the store).
    ["us retail giant takes over india's biggest online store", 'walmart-flipkart-2018'],
  ])('%s: %s', async (q, slug) => {
    const r = await ask(q);
    expect(r.kind === 'deal' && r.deal.slug).toBe(slug);
  });
  it.each([
    'the roomba maker buying the james bond studio',
    'the minecraft studio buying the photoshop company',
    // Only a phrase's distinctive words in a deal's text show it: "maker" is in Mojang's, "iphone" is not.
    'when did the iphone maker buy the swedish minecraft studio',
    'how much did the search giant pay for the israeli infiniband firm',
    // Beside a named company too: none of Sony's deals has the Roomba maker.
    'that time the playstation company bought the roomba maker',
    // "whole foods" is not shown by Ele.me's "food delivery": every distinctive word of the phrase must be there.
    'who bought whole foods',
    // The nationality before a known-for phrase is the same company's: Hyundai is a carmaker, not a Japanese one
    // (SoftBank, the seller, is Japanese).
    'the japanese carmaker buying the robot dog company',
    // What a named company bought, named by a word of another deal's party (JD.com), is not in Walmart–Flipkart.
    'did walmart buy jd',
  ])(
    'a description of companies that made no such deal is not found: %s',
    async (q) => {
      const r = await ask(q);
      expect(r.kind).not.toBe('deal');
    },
  );
  it('offers no other deal the description rules out beside the answer', async () => {
    const r = await ask('who bought the roomba maker');
    expect(r.kind === 'deal' && r.deal.slug).toBe('amazon-irobot-2022');
    // Mojang's deal says "Minecraft maker", but Mojang is not the roomba maker.
    if (r.kind === 'deal') expect(r.alternatives.map((a) => a.slug)).not.toContain('microsoft-mojang-2014');
  });
  it('follows a change to what an organisation is known for at once', async () => {
    expect((await ask('the zorbtastic gadget company deal with xiaomi')).kind).not.toBe('deal');
    app.store.upsertOrganisations([{ name: 'Microsoft', aliases: [], known: ['Windows', 'zorbtastic gadgets'] }]);
    const r = await ask('the zorbtastic gadget company deal with xiaomi in 2018');
    expect(r.kind === 'deal' && r.deal.slug).toBe('xiaomi-microsoft-mou-2018');
  });
});
