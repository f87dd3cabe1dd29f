import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { damerau, typoBudget } from '../../../src/search/damerau.ts';
import { DeletionIndex, PrefixList } from '../../../src/search/symspell.ts';
import { Completions } from '../../../src/search/vocabulary/indexes.ts';

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
  it('finds words added in bulk, past the pending list, after it rebuilds', () => {
    const live = new DeletionIndex(['alpha']);
    const added = Array.from({ length: 2500 }, (_, i) => `zomato${i.toString(36)}`);
    live.add(added);
    expect(live.size).toBe(2501);
    expect(live.lookup('zomatto1')[0]).toEqual({ term: 'zomato1', distance: 1 });
    const all = ['alpha', ...added];
    for (const q of ['zomato1zz', 'zmato2k', 'zomatoab']) {
      expect(live.lookup(q).map((c) => c.term).sort()).toEqual(all.filter((w) => damerau(q, w, typoBudget(q.length)) <= typoBudget(q.length)).sort());
    }
    expect(live.lookup('alpha')).toEqual([{ term: 'alpha', distance: 0 }]);
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
  it('agrees with a brute-force scan on a vocabulary large enough for 2^16 hash buckets and more', () => {
    // Buckets and 16-bit tags together match all 32 bits of a deletion's hash from 2^16 buckets on: a vocabulary of
    // 30k words (about 800k deletions) takes that path, where the random vocabularies above take the small one.
    const rnd = mulberry(7);
    const letters = 'abcdefghiklmnoprstu';
    const word = (n: number) => Array.from({ length: n }, () => letters[Math.floor(rnd() * letters.length)]).join('');
    const vocab = [...new Set(Array.from({ length: 30000 }, () => word(4 + Math.floor(rnd() * 8))))];
    const index = new DeletionIndex(vocab);
    for (let k = 0; k < 60; k++) {
      // A word of the vocabulary with one or two letters changed, or a fresh random one.
      const base = k % 3 === 2 ? word(5 + (k % 6)) : vocab[Math.floor(rnd() * vocab.length)]!;
      const q = k % 3 === 0 ? base.slice(0, 2) + base.slice(3) : k % 3 === 1 ? base.slice(0, 1) + 'z' + base.slice(2) + 'e' : base;
      const max = typoBudget(q.length);
      const expected = vocab.filter((w) => damerau(q, w, max) <= max).sort();
      expect(index.lookup(q).map((c) => c.term).sort()).toEqual(expected);
    }
  });
});

function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('prefix list', () => {
  it('returns words starting with a prefix', () => {
    const p = new PrefixList(['github', 'gitlab', 'giphy', 'google', 'git']);
    expect(p.complete('git', 10)).toEqual(['git', 'github', 'gitlab']);
    expect(p.complete('zz', 10)).toEqual([]);
  });
});

describe('completions', () => {
  // The short prefixes' top lists are built once from every word in order of count: they must equal a sort of each
  // prefix's words by count (ties alphabetical), also after words are added and removed.
  const brute = (df: Map<string, number>, prefix: string, limit: number) =>
    [...df]
      .filter(([t]) => t.startsWith(prefix))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([t]) => t);
  it('ranks a prefix\'s words by document count, ties alphabetical, for short and long prefixes', () => {
    const rnd = mulberry(3);
    const df = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const t = Array.from({ length: 2 + Math.floor(rnd() * 6) }, () => 'abcde'[Math.floor(rnd() * 5)]).join('');
      df.set(t, (df.get(t) ?? 0) + 1 + Math.floor(rnd() * 3));
    }
    const c = new Completions([...df]);
    const prefixes = ['a', 'b', 'e', 'ab', 'ca', 'dd', 'abc', 'eed', 'abca', 'bbdee', 'z'];
    for (const p of prefixes) expect(c.complete(p, 40)).toEqual(brute(df, p, 40));
    c.add(['abzz', 'abzz', 'abzz', 'q']);
    c.remove(['q']);
    df.set('abzz', 3);
    for (const p of ['a', 'ab', 'abz', 'q']) expect(c.complete(p, 10)).toEqual(brute(df, p, 10));
    expect(c.hasPrefix('q')).toBe(false);
  });
});
