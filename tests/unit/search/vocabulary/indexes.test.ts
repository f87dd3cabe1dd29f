// The autocomplete postings as search keeps them current: deals taken out of every word's list (edits, removals),
// whether a few (binary searches) or many at once (one pass), with the words each one had.
import { describe, expect, it } from 'vitest';
import { loadNames, TitlePostings } from '../../../../src/search/vocabulary/indexes.ts';
import { DeletionIndex } from '../../../../src/search/symspell.ts';
import type { SearchReader } from '../../../../src/store/search-reader.ts';

function filled(n: number): TitlePostings {
  const p = new TitlePostings();
  for (let id = 1; id <= n; id++) p.add(id, ['common', id % 2 ? 'odd' : 'even', `only${id}`]);
  return p;
}

describe('TitlePostings.removeMany', () => {
  it.each([
    ['a few deals', [3, 4]],
    ['many deals at once', Array.from({ length: 30 }, (_, i) => i * 2 + 1)],
  ])('takes out %s and returns their words', (_, ids) => {
    const p = filled(80);
    const removed = p.removeMany(ids);
    expect([...removed.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    for (const id of ids) expect(removed.get(id)!.sort()).toEqual(['common', id % 2 ? 'odd' : 'even', `only${id}`].sort());
    for (const id of ids) expect(p.has(`only${id}`)).toBe(false);
    expect(p.get('common')).toEqual(Array.from({ length: 80 }, (_, i) => i + 1).filter((id) => !ids.includes(id)));
    // Unknown deals are left out; an edited deal comes back in place.
    expect(p.removeMany([999]).size).toBe(0);
    p.add(ids[0]!, ['common']);
    expect(p.get('common')!.indexOf(ids[0]!)).toBeGreaterThanOrEqual(0);
    expect([...p.get('common')!]).toEqual([...p.get('common')!].sort((a, b) => a - b));
  });
});

describe('TitlePostings after the bulk load', () => {
  it('keeps every list and its order through trim, and takes adds after it', () => {
    const p = filled(50);
    const before = ['common', 'odd', 'even', 'only7'].map((w) => [...p.get(w)!]);
    p.trim();
    expect(['common', 'odd', 'even', 'only7'].map((w) => p.get(w))).toEqual(before);
    expect([...p.counts()].find(([w]) => w === 'odd')).toEqual(['odd', 25]);
    p.add(51, ['odd', 'only51']);
    expect(p.get('odd')!.at(-1)).toBe(51);
    expect(p.get('only51')).toEqual([51]);
  });
});

describe('what organisations are known for, as loadNames indexes it', () => {
  it('also keys a phrase without its nationality, as a soft key when no organisation states it whole', async () => {
    const orgs = [
      { id: 1, name: 'Baidu', country: 'CN', known: ['Chinese search engine'] },
      { id: 2, name: 'Google', country: 'US', known: ['search engine', 'Chinese whispers'] },
      { id: 3, name: 'Naver', country: 'KR', known: ['Korean internet giant'] },
    ];
    const reader = { organisations: async () => orgs, aliases: async () => [] } as unknown as SearchReader;
    const names = await loadNames(reader, new DeletionIndex([]));
    const known = names.known!;
    expect(known.phrases.get('search engine')).toEqual([1, 2]);
    expect(known.phrases.get('chinese search engine')).toEqual([1]);
    // Stated whole by Google, so not soft; Naver's "internet giant" only comes from the longer phrase.
    expect(known.soft?.has('search engine')).toBe(false);
    expect(known.soft?.has('internet giant')).toBe(true);
    // A first word that is not the organisation's own nationality stays part of the phrase.
    expect(known.phrases.has('whisper')).toBe(false);
    expect(known.words?.has('search')).toBe(true);
  });
});
