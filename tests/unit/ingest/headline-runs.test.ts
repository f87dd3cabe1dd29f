// Capitalised runs in a title-case headline are split at the verb inside them (compromise tags the lowercased text).
import { describe, expect, it } from 'vitest';
import { capitalisedRuns, isTitleCase } from '../../../src/ingest/organisations.ts';
import { ingestText } from '../../../src/ingest/ingest.ts';

const title = (text: string) => capitalisedRuns({ text, paragraph: -1 }).map((r) => r[0]);

describe('headline runs', () => {
  it('tells a title-case headline from a sentence-case one', () => {
    expect(isTitleCase('Orbix and Tallis Launch Strategic Partnership to Bring Data Together')).toBe(true);
    expect(isTitleCase('Orbix and Tallis launch a partnership to bring data together')).toBe(false);
  });

  it('splits a run at the verb inside it, keeps a verb that ends its run, and splits at the last of several', () => {
    expect(title('Orbix and Tallis Launch Strategic Partnership')).toEqual(['Orbix', 'Tallis', 'Strategic Partnership']);
    expect(title('Kestrel Sells Fenwick to Norvale')).toEqual(['Kestrel', 'Fenwick', 'Norvale']);
    expect(title('Johnson Controls to Buy Tyco')).toEqual(['Johnson Controls', 'Buy Tyco']);
  });

  it('leaves body sentences alone', () => {
    expect(capitalisedRuns({ text: 'Kestrel Sells Fenwick', paragraph: 0 }).map((r) => r[0])).toEqual(['Kestrel Sells Fenwick']);
  });

  it('drafts neither the headline phrase nor a money word as a party', () => {
    const r = ingestText(
      'Orbix and Tallis Launch Strategic Partnership to Bring Data and AI Together, a $2 Billion Bet\n\nOrbix SE and Tallis, Inc. today announced a strategic partnership that makes Tallis\' data platform part of Orbix Cloud.',
      [],
    );
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Orbix', 'Tallis']);
  });
});
