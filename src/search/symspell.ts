// A SymSpell-style deletion index: every word is stored under the hashes of the strings left after deleting up to
// two of its letters. A misspelt query word looks up its own deletions and gets a short candidate list, which is then
// verified with the Damerau distance. Lookups cost microseconds whatever the vocabulary size, where a scan of
// hundreds of thousands of words costs tens of milliseconds.
//
// Memory: entries are (hash tag, word id) pairs in typed arrays bucketed by hash (CSR layout), 6 bytes per deletion
// instead of a JavaScript string per deletion, plus 4 bytes per bucket (about one bucket per 4–8 deletions). The low
// bits of a hash choose its bucket and its high 16 bits are kept as the tag, so that from 2^16 buckets on (about 260k
// deletions, a vocabulary of some 10k words) an entry is matched on all 32 bits of its hash, as if the hash were
// stored; below that, and on hash collisions, the extra candidates are dropped by the verification.
import { damerau, typoBudget } from './damerau.ts';

export interface Correction {
  term: string;
  distance: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of `w` with the letters at positions skip1 and skip2 left out (-1: none), without building the string. */
function hashSkipping(w: string, skip1: number, skip2: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < w.length; i++) {
    if (i === skip1 || i === skip2) continue;
    h ^= w.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  // Mix in the length so that deletions at different depths rarely collide.
  h ^= w.length - (skip1 >= 0 ? 1 : 0) - (skip2 >= 0 ? 1 : 0);
  return Math.imul(h, FNV_PRIME) >>> 0;
}

/** Calls fn with the hash of every distinct-position deletion of up to `depth` letters (including none). */
function forEachDeletionHash(w: string, depth: number, fn: (h: number) => void): void {
  fn(hashSkipping(w, -1, -1));
  if (depth < 1) return;
  for (let i = 0; i < w.length; i++) {
    // Deleting either of two equal neighbours gives the same string: hash it once.
    if (i > 0 && w[i] === w[i - 1]) continue;
    fn(hashSkipping(w, i, -1));
    if (depth < 2) continue;
    for (let j = i + 1; j < w.length; j++) {
      if (j > i + 1 && w[j] === w[j - 1]) continue;
      fn(hashSkipping(w, i, j));
    }
  }
}

/** Deletion depth a stored word needs so that any query word whose budget could reach it finds it. */
function storedDepth(length: number): number {
  // A query of length >= 9 (budget 2) reaches words of length >= 7; a query of 5–8 letters (budget 1) reaches 4+.
  if (length >= 7) return 2;
  if (length >= 4) return 1;
  return 0;
}

/** Deletions per hash bucket, on average between this and half of it: a bucket's scan compares 16-bit tags. */
const ENTRIES_PER_BUCKET = 8;

export class DeletionIndex {
  readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  private bucketStart = new Uint32Array(1);
  private entryTag = new Uint16Array(0);
  private entryWord = new Uint32Array(0);
  private mask = 0;
  /** Words added after the last build, checked by a direct scan (few: incremental updates between rebuilds). */
  private pending: string[] = [];

  constructor(words: Iterable<string> = []) {
    for (const w of words) this.addWord(w);
    this.build();
  }

  private addWord(w: string): boolean {
    if (!w || this.ids.has(w)) return false;
    this.ids.set(w, this.words.length);
    this.words.push(w);
    return true;
  }

  get size(): number {
    return this.words.length;
  }

  has(w: string): boolean {
    return this.ids.has(w);
  }

  /** Adds words without rebuilding; they are found by a scan until the pending list is large enough to rebuild. */
  add(words: Iterable<string>): void {
    for (const w of words) if (this.addWord(w)) this.pending.push(w);
    if (this.pending.length > 2000) this.build();
  }

  private build(): void {
    this.pending = [];
    // Passes over the words (count, count per bucket, fill), hashing again rather than holding every (hash, word)
    // pair: the peak memory of a 100k-deal vocabulary's build is what the serving process's peak RSS is made of.
    let count = 0;
    for (const w of this.words) forEachDeletionHash(w, storedDepth(w.length), () => count++);
    let buckets = 1;
    while (buckets * ENTRIES_PER_BUCKET < count) buckets <<= 1;
    const mask = buckets - 1;
    // start[b] counts bucket b, then (summed) is where it ends; the fill counts each one down to where it begins.
    const start = new Uint32Array(buckets + 1);
    for (const w of this.words) forEachDeletionHash(w, storedDepth(w.length), (h) => start[h & mask]!++);
    for (let b = 1; b <= buckets; b++) start[b]! += start[b - 1]!;
    const entryTag = new Uint16Array(count);
    const entryWord = new Uint32Array(count);
    this.words.forEach((w, id) =>
      forEachDeletionHash(w, storedDepth(w.length), (h) => {
        const at = --start[h & mask]!;
        entryTag[at] = h >>> 16;
        entryWord[at] = id;
      }),
    );
    this.mask = mask;
    this.bucketStart = start;
    this.entryTag = entryTag;
    this.entryWord = entryWord;
  }

  /** Words within `max` typos of w (default: the budget for its length), closest first; w itself if present. */
  lookup(w: string, max = typoBudget(w.length)): Correction[] {
    const found = new Map<number, number>();
    const exact = this.ids.get(w);
    if (exact !== undefined) found.set(exact, 0);
    if (max > 0) {
      forEachDeletionHash(w, Math.min(max, 2), (h) => {
        const b = h & this.mask;
        const tag = h >>> 16;
        for (let i = this.bucketStart[b]!; i < this.bucketStart[b + 1]!; i++) {
          if (this.entryTag[i] !== tag) continue;
          const id = this.entryWord[i]!;
          if (found.has(id)) continue;
          found.set(id, damerau(w, this.words[id]!, max));
        }
      });
      for (const p of this.pending) {
        const id = this.ids.get(p)!;
        if (!found.has(id)) found.set(id, damerau(w, p, max));
      }
    }
    const out: Correction[] = [];
    for (const [id, d] of found) if (d <= max) out.push({ term: this.words[id]!, distance: d });
    return out.sort((a, b) => a.distance - b.distance || (a.term < b.term ? -1 : 1));
  }
}

/** Sorted words with binary-search prefix ranges: the last word of a query may be unfinished. */
export class PrefixList {
  private readonly sorted: string[];
  constructor(words: Iterable<string>, opts: { sortedUnique?: boolean } = {}) {
    // Words already sorted and distinct (a caller's own array, not copied): no second copy while building.
    this.sorted = opts.sortedUnique && Array.isArray(words) ? (words as string[]) : [...new Set(words)].sort();
  }

  /** Up to `limit` words starting with prefix (in alphabetical order). */
  complete(prefix: string, limit: number): string[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && out.length < limit && this.sorted[i]!.startsWith(prefix); i++) {
      out.push(this.sorted[i]!);
    }
    return out;
  }
}
