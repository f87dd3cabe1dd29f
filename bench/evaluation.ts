// The relevance evaluation: labelled queries over the shipped corpus plus deterministic synthetic distractor deals,
// scored for our search and, in the same run, for a baseline of fuse.js over all deals with default options.
// Used by `npm run eval` (bench/eval.ts) and by tests/evaluation/search.test.ts, which asserts the floors.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { createDealSearch } from '../src/search/search.ts';
import type { SearchOutcome } from '../src/search/types.ts';
import { seedDealStore, seedStore } from '../src/store/seed.ts';
import { PgDealStore } from '../src/store/postgres/store.ts';
import { withScratchDatabase } from './pg-scratch.ts';
import { Store } from '../src/store/store.ts';
import type { Deal } from '../src/deals/schema.ts';
import { generateDeals } from './generate.ts';

export const QUERY_FILE = fileURLToPath(new URL('./eval-queries.jsonl', import.meta.url));
export const CLASSES = ['exact', 'typo', 'alias', 'partial', 'topic', 'order', 'none'] as const;
export type QueryClass = (typeof CLASSES)[number];
export type Split = 'dev' | 'heldout';

export interface LabelledQuery {
  query: string;
  /** The slug of the right deal, or null when the right answer is "no deal found". */
  expect: string | null;
  class: QueryClass;
  split: Split;
}

export interface Scores {
  n: number;
  /** Share of queries answered with the expected deal as the card (answerable queries). */
  top1: number;
  /** Mean reciprocal rank of the expected deal in the first five shown (card + alternatives, or the list). */
  mrr5: number;
  /** Answerable queries answered "not found". */
  refused: number;
  /** "none" queries answered "not found" (share). */
  correctNone: number;
}

export interface SystemReport {
  bySplit: Record<Split, { overall: Scores; byClass: Partial<Record<QueryClass, Scores>> }>;
  misses: { query: string; split: Split; class: QueryClass; expect: string | null; got: string }[];
  msPerQuery: number;
}

export interface EvalReport {
  distractors: number;
  deals: number;
  queries: number;
  ours: SystemReport;
  baseline?: SystemReport;
}

export function loadQueries(file = QUERY_FILE): LabelledQuery[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledQuery);
}

/** What a system showed: the card first, then alternatives or the list; empty when it said "not found". */
interface Shown {
  status: 'found' | 'broad' | 'none';
  slugs: string[];
}

function fromOutcome(o: SearchOutcome): Shown {
  if (o.status === 'found') return { status: 'found', slugs: [o.best.slug, ...o.alternatives.map((a) => a.slug)] };
  if (o.status === 'list' || o.status === 'count') return { status: 'broad', slugs: o.hits.map((h) => h.slug) };
  return { status: 'none', slugs: [] };
}

function score(queries: LabelledQuery[], shown: Shown[]): Scores {
  const answerable = queries.map((q, i) => ({ q, s: shown[i]! })).filter((x) => x.q.expect !== null);
  const negatives = queries.map((q, i) => ({ q, s: shown[i]! })).filter((x) => x.q.expect === null);
  const top1 = answerable.filter((x) => x.s.status === 'found' && x.s.slugs[0] === x.q.expect).length;
  const rr = answerable.reduce((sum, x) => {
    const r = x.s.slugs.slice(0, 5).indexOf(x.q.expect!);
    return sum + (r < 0 ? 0 : 1 / (r + 1));
  }, 0);
  const refused = answerable.filter((x) => x.s.status === 'none').length;
  const nones = negatives.filter((x) => x.s.status === 'none').length;
  const div = (a: number, b: number) => (b ? a / b : NaN);
  return {
    n: queries.length,
    top1: div(top1, answerable.length),
    mrr5: div(rr, answerable.length),
    refused: div(refused, answerable.length),
    correctNone: div(nones, negatives.length),
  };
}

function report(queries: LabelledQuery[], shown: Shown[], ms: number): SystemReport {
  const bySplit = {} as SystemReport['bySplit'];
  for (const split of ['dev', 'heldout'] as const) {
    const idx = queries.map((q, i) => (q.split === split ? i : -1)).filter((i) => i >= 0);
    const qs = idx.map((i) => queries[i]!);
    const ss = idx.map((i) => shown[i]!);
    const byClass: Partial<Record<QueryClass, Scores>> = {};
    for (const c of CLASSES) {
      const ci = qs.map((q, i) => (q.class === c ? i : -1)).filter((i) => i >= 0);
      if (ci.length) byClass[c] = score(ci.map((i) => qs[i]!), ci.map((i) => ss[i]!));
    }
    bySplit[split] = { overall: score(qs, ss), byClass };
  }
  const misses = queries
    .map((q, i) => ({ q, s: shown[i]! }))
    .filter(({ q, s }) => (q.expect === null ? s.status !== 'none' : !(s.status === 'found' && s.slugs[0] === q.expect)))
    .map(({ q, s }) => ({
      query: q.query,
      split: q.split,
      class: q.class,
      expect: q.expect,
      got: `${s.status}${s.slugs.length ? ` ${s.slugs.slice(0, 3).join(',')}` : ''}`,
    }));
  return { bySplit, misses, msPerQuery: ms / Math.max(1, queries.length) };
}

export interface EvalOptions {
  /** Synthetic distractor deals added to the shipped corpus (default 3000). */
  distractors?: number;
  seed?: number;
  /** Run the fuse.js baseline: on all queries, only on the held-out split, or not at all. */
  baseline?: 'all' | 'heldout' | 'none';
  /** Run the baseline on every k-th query of that set only (fuse.js takes ~0.3 s a query over 3k deals). */
  baselineEvery?: number;
  queries?: LabelledQuery[];
  /**
   * Run search on PostgreSQL: a scratch database on this server, filled with the same deals in the same order (the
   * SQLite store is still built, for the baseline and the distractors' real names).
   */
  databaseUrl?: string | undefined;
}

export async function runEvaluation(opts: EvalOptions = {}): Promise<EvalReport> {
  const distractors = opts.distractors ?? 3000;
  const queries = opts.queries ?? loadQueries();
  const { store } = Store.open(':memory:');
  try {
    seedStore(store);
    // Distractors may have one real company as a party (so "microsoft" has synthetic deals too), never two, and only
    // companies that have a shipped deal: a company with no deal must stay without one for the hard negatives.
    const realNames = (
      store.db.prepare('SELECT DISTINCT o.name FROM deal_parties p JOIN organisations o ON o.id = p.org_id ORDER BY o.name').all() as {
        name: string;
      }[]
    ).map((o) => o.name);
    const synthetic = generateDeals(distractors, opts.seed ?? 1, { realOrganisations: realNames });
    store.upsertOrganisations(synthetic.organisations);
    store.importDeals(synthetic.deals, { id: 'eval', platform: 'system' });
    const answer = async (search: ReturnType<typeof createDealSearch>) => {
      await search.warm();
      const t0 = performance.now();
      const shown: Shown[] = [];
      for (const q of queries) shown.push(fromOutcome(await search.search(q.query)));
      return report(queries, shown, performance.now() - t0);
    };
    const oursReport = opts.databaseUrl
      ? await withScratchDatabase(opts.databaseUrl, async (url) => {
          const { store: pgStore } = await PgDealStore.open(url);
          try {
            await seedDealStore(pgStore);
            await pgStore.upsertOrganisations(synthetic.organisations);
            await pgStore.importDeals(synthetic.deals, { id: 'eval', platform: 'system' });
            const search = createDealSearch(pgStore);
            try {
              return await answer(search);
            } finally {
              await search.close();
            }
          } finally {
            await pgStore.close();
          }
        })
      : await answer(createDealSearch(store));

    let t: number;

    let baseline: SystemReport | undefined;
    const mode = opts.baseline ?? 'all';
    if (mode !== 'none') {
      const every = opts.baselineEvery ?? 1;
      const subset = (mode === 'all' ? queries : queries.filter((q) => q.split === 'heldout')).filter((_, i) => i % every === 0);
      const deals: Deal[] = store.exportDeals();
      const fuse = new Fuse(deals, { keys: ['title', 'parties.name', 'areas', 'summary'] });
      t = performance.now();
      const shown = subset.map((q): Shown => {
        const r = fuse.search(q.query, { limit: 5 });
        return r.length ? { status: 'found', slugs: r.map((x) => x.item.slug) } : { status: 'none', slugs: [] };
      });
      baseline = report(subset, shown, performance.now() - t);
    }
    return { distractors, deals: distractors + (store.listDeals({ limit: 1 }).total - distractors), queries: queries.length, ours: oursReport, ...(baseline ? { baseline } : {}) };
  } finally {
    store.close();
  }
}

/** The floors of issue 3, checked on the held-out split. Returns the broken ones (empty: all met). */
export function checkFloors(r: EvalReport): string[] {
  const broken: string[] = [];
  const h = r.ours.bySplit.heldout;
  const o = h.overall;
  if (!(o.top1 >= 0.95)) broken.push(`held-out top-1 ${o.top1.toFixed(3)} < 0.95`);
  for (const c of CLASSES) {
    const s = h.byClass[c];
    if (!s || c === 'none') continue;
    const floor = c === 'topic' ? 0.85 : 0.9;
    if (!(s.top1 >= floor)) broken.push(`held-out ${c} top-1 ${s.top1.toFixed(3)} < ${floor}`);
  }
  if (!(o.correctNone >= 0.95)) broken.push(`held-out correct not-found ${o.correctNone.toFixed(3)} < 0.95`);
  if (!(o.refused <= 0.03)) broken.push(`held-out wrongly refused ${o.refused.toFixed(3)} > 0.03`);
  const b = r.baseline?.bySplit.heldout.overall;
  // "At least twice the baseline's top-1" cannot be met once the baseline scores above 0.5 (top-1 is at most 1):
  // then we require closing at least 90% of the baseline's gap to perfect instead, and say so in docs/search.md.
  if (b) {
    const need = Math.min(2 * b.top1, b.top1 + 0.9 * (1 - b.top1));
    if (!(o.top1 >= need)) broken.push(`held-out top-1 ${o.top1.toFixed(3)} < ${need.toFixed(3)} (baseline ${b.top1.toFixed(3)})`);
  }
  return broken;
}

const pct = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(3));

export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(`Corpus: shipped deals + ${r.distractors} synthetic distractors; ${r.queries} labelled queries.`);
  lines.push('');
  lines.push('| split | class | n | ours top-1 | ours MRR@5 | ours refused | ours not-found ok | fuse top-1 | fuse MRR@5 | fuse refused | fuse not-found ok |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const split of ['dev', 'heldout'] as const) {
    const rows: [string, Scores, Scores | undefined][] = [];
    for (const c of CLASSES) {
      const s = r.ours.bySplit[split].byClass[c];
      if (s) rows.push([c, s, r.baseline?.bySplit[split]?.byClass[c]]);
    }
    rows.push(['**overall**', r.ours.bySplit[split].overall, r.baseline?.bySplit[split]?.overall]);
    for (const [c, s, b] of rows) {
      const base = b && b.n ? [pct(b.top1), pct(b.mrr5), pct(b.refused), pct(b.correctNone)] : ['–', '–', '–', '–'];
      lines.push(`| ${split} | ${c} | ${s.n} | ${pct(s.top1)} | ${pct(s.mrr5)} | ${pct(s.refused)} | ${pct(s.correctNone)} | ${base.join(' | ')} |`);
    }
  }
  lines.push('');
  lines.push(`Time per query: ours ${r.ours.msPerQuery.toFixed(2)} ms` + (r.baseline ? `, fuse.js ${r.baseline.msPerQuery.toFixed(1)} ms` : '') + '.');
  lines.push('(top-1 and MRR@5 over answerable queries; "refused" = answerable queries answered not-found; "not-found ok" = none-class queries answered not-found.)');
  return lines.join('\n');
}
