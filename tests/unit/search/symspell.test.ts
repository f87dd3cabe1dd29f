import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { damerau, typoBudget } from '../../../src/search/damerau.ts';
import { DeletionIndex, PrefixList } from '../../../src/search/symspell.ts';

describe('damerau distance', () => {
  it('counts a swap of two neighbouring letters as one typo', () => {
    expect(damerau('xiamoi', 'xiaomi', 2)).toBe(1);
    expect(damerau('microsft', 'microsoft', 2)).toBe(1);
    expect(damerau('abc', 'abc', 0)).toBe(0);
    expect(damerau('kitten', 'sitting', 5)).toBe(3);
  });
  it('stops early past the budget', () => {
    expect(damerau('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
  it('gives budgets by length: none up to 4, 1 for 5–8, 2 from 9', () => {
    expect([3, 4, 5, 8, 9, 14].map(typoBudget)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('deletion index', () => {
  const words = ['xiaomi', 'microsoft', 'nokia', 'mellanox', 'qualcomm', 'arm', 'meta', 'salesforce', 'shazam'];
  const idx = new DeletionIndex(words);

  it('finds swaps, deletions, insertions and substitutions within the budget', () => {
    expect(idx.lookup('xiamoi')[0]).toEqual({ term: 'xiaomi', distance: 1 });
    expect(idx.lookup('microsfot')[0]).toEqual({ term: 'microsoft', distance: 1 });
    expect(idx.lookup('mcrosoftt')[0]).toEqual({ term: 'microsoft', distance: 2 });
    expect(idx.lookup('qualcom')[0]).toEqual({ term: 'qualcomm', distance: 1 });
    expect(idx.lookup('salesforse')[0]).toEqual({ term: 'salesforce', distance: 1 });
  });
  it('allows no typo in short words', () => {
    expect(idx.lookup('amr')).toEqual([]);
    expect(idx.lookup('meta')).toEqual([{ term: 'meta', distance: 0 }]);
    expect(idx.lookup('mata')).toEqual([]);
  });
  it('sees words added after the build', () => {
    const live = new DeletionIndex(['alpha']);
    live.add(['zomato']);
    expect(live.lookup('zomatto')[0]).toEqual({ term: 'zomato', distance: 1 });
  });
  it('agrees with a brute-force scan on random vocabularies', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-e]{3,10}$/), { minLength: 1, maxLength: 40 }),
        fc.stringMatching(/^[a-e]{3,11}$/),
        (vocab, q) => {
          const index = new DeletionIndex(vocab);
          const max = typoBudget(q.length);
          const expected = vocab.filter((w) => damerau(q, w, max) <= max).sort();
          expect(index.lookup(q).map((c) => c.term).sort()).toEqual(expected);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });
});

describe('prefix list', () => {
  it('returns words starting with a prefix', () => {
    const p = new PrefixList(['github', 'gitlab', 'giphy', 'google', 'git']);
    expect(p.complete('git', 10)).toEqual(['git', 'github', 'gitlab']);
    expect(p.complete('zz', 10)).toEqual([]);
  });
});
