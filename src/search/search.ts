// A first search over the store: organisation names and aliases resolve to parties, the rest goes to the full-text
// index, and a gate refuses to answer when not every meaningful word is found. Replaced by the full pipeline later.
import Fuse from 'fuse.js';
import { normaliseText } from '../deals/names.ts';
import type { Store } from '../store/store.ts';
import type { DealSearch, SearchHit, SearchOutcome } from './types.ts';

const STOPWORDS = new Set(
  'a an the and or of in on with between to for by from deal deals what which who did does do is was were has have buy buys bought acquire acquired acquires acquisition invest invested investment partner partnership mou agreement about vs x'.split(
    ' ',
  ),
);

interface NameIndex {
  stamp: string;
  keyToOrg: Map<string, number>;
  fuse: Fuse<{ key: string; orgId: number }>;
  maxWords: number;
}

export function createDealSearch(store: Store): DealSearch {
  let names: NameIndex | undefined;

  function nameIndex(): NameIndex {
    const stamp = store.changeStamp();
    if (names && names.stamp === stamp) return names;
    const keyToOrg = new Map<string, number>();
    for (const o of store.listOrganisations()) {
      keyToOrg.set(normaliseText(o.name), o.id);
      for (const a of o.aliases) keyToOrg.set(normaliseText(a), o.id);
    }
    const list = [...keyToOrg].map(([key, orgId]) => ({ key, orgId }));
    names = {
      stamp,
      keyToOrg,
      fuse: new Fuse(list, { keys: ['key'], threshold: 0.3, includeScore: true }),
      maxWords: Math.max(1, ...list.map((l) => l.key.split(' ').length)),
    };
    return names;
  }

  function hitsFor(orgIds: number[], terms: string[], limit: number): SearchHit[] {
    const where: string[] = ['d.deleted_at IS NULL'];
    const params: (string | number)[] = [];
    for (const id of orgIds) {
      where.push('EXISTS (SELECT 1 FROM deal_parties p WHERE p.deal_id = d.id AND p.org_id = ?)');
      params.push(id);
    }
    let from = 'deals d';
    let order = 'd.announced DESC';
    if (terms.length) {
      from = 'deals_fts f JOIN deals d ON d.id = f.rowid';
      where.push('deals_fts MATCH ?');
      params.push(terms.map((t) => `"${t.replace(/"/g, '')}"*`).join(' AND '));
      order = 'bm25(deals_fts, 10.0, 5.0, 3.0, 1.0)';
    }
    const rows = store.db
      .prepare(`SELECT d.id, d.slug, d.title FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`)
      .all(...params, limit) as { id: number; slug: string; title: string }[];
    return rows.map((r, i) => ({ ...r, score: 1 / (i + 1) }));
  }

  return {
    search(query: string): SearchOutcome {
      const direct = store.getDeal(query.trim());
      if (direct) {
        return {
          status: 'found',
          best: { id: direct.id, slug: direct.deal.slug, title: direct.deal.title, score: 1 },
          alternatives: [],
          corrections: [],
        };
      }
      const idx = nameIndex();
      const words = normaliseText(query)
        .split(' ')
        .filter((w) => w && !STOPWORDS.has(w));
      if (words.length === 0) return { status: 'none', suggestions: [] };
      const orgIds: number[] = [];
      const terms: string[] = [];
      const corrections: { from: string; to: string }[] = [];
      for (let i = 0; i < words.length; ) {
        let matched = false;
        for (let n = Math.min(idx.maxWords, words.length - i); n >= 1; n--) {
          const key = words.slice(i, i + n).join(' ');
          const org = idx.keyToOrg.get(key);
          if (org !== undefined) {
            if (!orgIds.includes(org)) orgIds.push(org);
            i += n;
            matched = true;
            break;
          }
        }
        if (matched) continue;
        const w = words[i]!;
        const fuzzy = w.length >= 5 ? idx.fuse.search(w, { limit: 1 })[0] : undefined;
        if (fuzzy && (fuzzy.score ?? 1) < 0.25) {
          if (!orgIds.includes(fuzzy.item.orgId)) orgIds.push(fuzzy.item.orgId);
          corrections.push({ from: w, to: fuzzy.item.key });
        } else {
          terms.push(w);
        }
        i++;
      }
      const hits = hitsFor(orgIds, terms, 10);
      if (hits.length === 0) {
        const suggestions = orgIds.length
          ? hitsFor(orgIds.slice(0, 1), [], 5).map((h) => ({ label: h.title, query: h.slug }))
          : [];
        return { status: 'none', suggestions };
      }
      if (orgIds.length === 1 && terms.length === 0 && hits.length > 1) {
        return { status: 'broad', label: query.trim(), hits };
      }
      return { status: 'found', best: hits[0]!, alternatives: hits.slice(1, 5), corrections };
    },

    autocomplete(partial: string, limit = 25) {
      const words = normaliseText(partial).split(' ').filter(Boolean);
      if (words.length === 0) {
        return store.listDeals({ limit }).deals.map((d) => ({ name: d.deal.title.slice(0, 100), value: d.deal.slug }));
      }
      const match = words.map((t) => `"${t.replace(/"/g, '')}"*`).join(' AND ');
      const rows = store.db
        .prepare(
          `SELECT d.slug, d.title FROM deals_fts f JOIN deals d ON d.id = f.rowid WHERE deals_fts MATCH ?
           ORDER BY bm25(deals_fts, 10.0, 5.0, 3.0, 1.0) LIMIT ?`,
        )
        .all(match, limit) as { slug: string; title: string }[];
      return rows.map((r) => ({ name: r.title.slice(0, 100), value: r.slug }));
    },
  };
}
