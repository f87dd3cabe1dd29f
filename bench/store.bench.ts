// `npm run bench:store [-- --deals N]`: the PostgreSQL store next to the SQLite store on one synthetic corpus
// (bench/generate.ts, 100k deals by default): import time through each store's importDeals, database size, and
// p50/p99 of the retrieval queries search's bounded strategies need — ranked matches of a rare word, newest-first
// matches of a very common word, counting a common word (why the bounded strategy exists), browsing by company, and
// reading deals by id. Prints figures only; full /deal figures come once search runs on the store interface.
//
// PostgreSQL: DEALBOT_BENCH_DATABASE_URL (a database this may fill and empty), else a throwaway server started from
// the installed binaries (tests/helpers/pg-server.ts).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { normaliseText } from '../src/deals/names.ts';
import { PgDealStore } from '../src/store/postgres/store.ts';
import { countMatches, newestMatches, rankedMatches } from '../src/store/postgres/retrieval.ts';
import { SqliteDealStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { startTempPostgres } from '../tests/helpers/pg-server.ts';
import { generateDeals, prng } from './generate.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('deals', 100_000);
const RUNS = arg('runs', 200);
const LIMIT = 20;
const actor = { id: 'bench', platform: 'system' };

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const ms = (x: number) => x.toFixed(2);

async function timeRuns(inputs: string[], fn: (input: string) => Promise<unknown> | unknown): Promise<{ p50: number; p99: number }> {
  for (const w of inputs.slice(0, 10)) await fn(w); // warm-up
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const input = inputs[i % inputs.length]!;
    const t0 = performance.now();
    await fn(input);
    t.push(performance.now() - t0);
  }
  return { p50: quantile(t, 0.5), p99: quantile(t, 0.99) };
}

console.log(`store benchmark: ${N} synthetic deals, ${RUNS} runs per query class, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`);
const t0 = performance.now();
const corpus = generateDeals(N, 42);
console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${corpus.deals.length} deals, ${corpus.organisations.length} organisations`);

// Words by the share of deals whose text has them: very common (> 40 %) and rare (2–20 deals).
const df = new Map<string, number>();
for (const d of corpus.deals) {
  const words = new Set(normaliseText(`${d.title} ${d.summary} ${d.areas.join(' ')}`).split(' '));
  for (const w of words) if (w.length >= 4) df.set(w, (df.get(w) ?? 0) + 1);
}
const rnd = prng(7);
const shuffle = <T>(xs: T[]) => xs.map((x) => [rnd(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
const common = [...df].filter(([, n]) => n > 0.4 * N).map(([w]) => w);
const rare = shuffle([...df].filter(([, n]) => n >= 2 && n <= 20).map(([w]) => w)).slice(0, 100);
const companies = shuffle(corpus.organisations.map((o) => o.name)).slice(0, 100);
console.log(`common words (> 40 % of deals): ${common.slice(0, 8).join(', ')}${common.length > 8 ? '…' : ''} (${common.length}); rare sample: ${rare.length}`);
if (common.length === 0) common.push([...df].sort((a, b) => b[1] - a[1])[0]![0]);

interface Row {
  what: string;
  pg: string;
  sqlite: string;
}
const rows: Row[] = [];
const set = (what: string, side: 'pg' | 'sqlite', v: string) => {
  let r = rows.find((x) => x.what === what);
  if (!r) rows.push((r = { what, pg: '', sqlite: '' }));
  r[side] = v;
  process.stderr.write(`  ${side === 'pg' ? 'PostgreSQL' : 'SQLite'}: ${what}: ${v}\n`);
};

// ------------------------------------------------------------------ PostgreSQL
let stopServer: (() => void) | undefined;
let url = process.env.DEALBOT_BENCH_DATABASE_URL;
if (!url) {
  const t = performance.now();
  const s = await startTempPostgres();
  if (!('url' in s)) throw new Error(`no PostgreSQL for the benchmark: ${s.unavailable}`);
  url = s.url;
  stopServer = s.stop;
  set('server start (initdb + start + createdb)', 'pg', `${((performance.now() - t) / 1000).toFixed(2)} s`);
}
try {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const db = `dealbot_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${db}`);
  const u = new URL(url);
  u.pathname = `/${db}`;
  try {
    let t = performance.now();
    const { store } = await PgDealStore.open(u.toString());
    set('open + migrations (empty database)', 'pg', `${ms(performance.now() - t)} ms`);
    t = performance.now();
    await store.upsertOrganisations(corpus.organisations);
    await store.importDeals(corpus.deals, actor);
    set('import (organisations + deals, one transaction)', 'pg', `${((performance.now() - t) / 1000).toFixed(1)} s`);
    const size = (await store.pool.query<{ n: string }>('SELECT pg_database_size(current_database())::text AS n')).rows[0]!.n;
    set('database size', 'pg', `${(Number(size) / 1e6).toFixed(0)} MB`);
    const ids = (await store.pool.query<{ id: number }>('SELECT id FROM deals ORDER BY random() LIMIT 1000')).rows.map((r) => r.id);
    const q = async (what: string, inputs: string[], fn: (x: string) => Promise<unknown>) => {
      const r = await timeRuns(inputs, fn);
      set(what, 'pg', `${ms(r.p50)} / ${ms(r.p99)} ms`);
    };
    await q('ranked matches, rare word (p50 / p99)', rare, (w) => rankedMatches(store.pool, w, LIMIT));
    await q('newest-first matches, common word', common, (w) => newestMatches(store.pool, w, LIMIT));
    await q('newest-first matches, rare word', rare, (w) => newestMatches(store.pool, w, LIMIT));
    await q('count matches, common word', common, (w) => countMatches(store.pool, w));
    await q('browse by company (listDeals, 10)', companies, (c) => store.listDeals({ company: c, limit: 10 }));
    await q('getDealsByIds (10 ids)', ids.map((_, i) => String(i)), (i) => store.getDealsByIds(ids.slice(Number(i) % 990, (Number(i) % 990) + 10)));
    await q('changesSince (nothing new)', ['x'], async () => store.changesSince(await store.generation()));
    await store.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
} finally {
  stopServer?.();
}

// ------------------------------------------------------------------ SQLite, same corpus, same query shapes
const dir = mkdtempSync(join(tmpdir(), 'dealbot-store-bench-'));
try {
  let t = performance.now();
  const { store } = SqliteDealStore.open(join(dir, 'bench.sqlite'));
  set('open + migrations (empty database)', 'sqlite', `${ms(performance.now() - t)} ms`);
  t = performance.now();
  await store.upsertOrganisations(corpus.organisations);
  await store.importDeals(corpus.deals, actor);
  set('import (organisations + deals, one transaction)', 'sqlite', `${((performance.now() - t) / 1000).toFixed(1)} s`);
  const sync = (store as SqliteDealStore).store as Store;
  sync.db.pragma('wal_checkpoint(TRUNCATE)');
  set('database size', 'sqlite', `${(statSync(join(dir, 'bench.sqlite')).size / 1e6).toFixed(0)} MB`);
  const match = (w: string) => `"${w.replace(/"/g, '""')}"`;
  const ranked = sync.db.prepare(
    `SELECT d.id, bm25(deals_fts, 10.0, 5.0, 3.0, 1.0) AS rank FROM deals_fts f JOIN deals d ON d.id = f.rowid
     WHERE deals_fts MATCH ? AND d.deleted_at IS NULL ORDER BY rank LIMIT ?`,
  );
  const newest = sync.db.prepare(
    `SELECT d.id, 0 AS rank FROM deals_fts f JOIN deals d ON d.id = f.rowid
     WHERE deals_fts MATCH ? AND d.deleted_at IS NULL ORDER BY f.rowid DESC LIMIT ?`,
  );
  const count = sync.db.prepare(`SELECT count(*) FROM deals_fts f JOIN deals d ON d.id = f.rowid WHERE deals_fts MATCH ? AND d.deleted_at IS NULL`);
  const ids = (sync.db.prepare('SELECT id FROM deals ORDER BY random() LIMIT 1000').all() as { id: number }[]).map((r) => r.id);
  const q = async (what: string, inputs: string[], fn: (x: string) => unknown) => {
    const r = await timeRuns(inputs, fn);
    set(what, 'sqlite', `${ms(r.p50)} / ${ms(r.p99)} ms`);
  };
  await q('ranked matches, rare word (p50 / p99)', rare, (w) => ranked.all(match(w), LIMIT));
  await q('newest-first matches, common word', common, (w) => newest.all(match(w), LIMIT));
  await q('newest-first matches, rare word', rare, (w) => newest.all(match(w), LIMIT));
  await q('count matches, common word', common, (w) => count.get(match(w)));
  await q('browse by company (listDeals, 10)', companies, (c) => store.listDeals({ company: c, limit: 10 }));
  await q('getDealsByIds (10 ids)', ids.map((_, i) => String(i)), (i) => store.getDealsByIds(ids.slice(Number(i) % 990, (Number(i) % 990) + 10)));
  await q('changesSince (nothing new)', ['x'], async () => store.changesSince(await store.generation()));
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const w = Math.max(...rows.map((r) => r.what.length));
console.log(`\n${'measure'.padEnd(w)} | ${'PostgreSQL'.padEnd(20)} | SQLite`);
console.log(`${'-'.repeat(w)}-|-${'-'.repeat(20)}-|-${'-'.repeat(20)}`);
for (const r of rows) console.log(`${r.what.padEnd(w)} | ${r.pg.padEnd(20)} | ${r.sqlite}`);
console.log(`\nload average at the end: ${loadavg()[0]!.toFixed(2)}`);
