// `npm run bench`: synthetic corpora of 1k, 10k and 100k deals; for each, import time, database size, peak memory,
// p50/p99 latency of /deal queries (a mix of classes, with typos) and of autocomplete, and the same queries through
// fuse.js over all deals as the baseline (a sample at large sizes). Each size runs in its own process so that peak
// RSS is that size's own. Results are written to BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { createDealSearch } from '../src/search/search.ts';
import { Store } from '../src/store/store.ts';
import { PgDealStore } from '../src/store/postgres/store.ts';
import { databaseUrlArg, withScratchDatabase } from './pg-scratch.ts';
import { parseDealFile, parseOrganisationFile } from '../src/deals/import-file.ts';
import { generateDeals, prng, type GeneratedCorpus } from './generate.ts';

interface SizeResult {
  deals: number;
  vocabulary: number;
  parseMs: number;
  importMs: number;
  importRssMb: number;
  warmMs: number;
  dbBytes: number;
  peakRssMb: number;
  queries: number;
  p50: number;
  p99: number;
  questions: number;
  qP50: number;
  qP99: number;
  allP99: number;
  acCalls: number;
  acP50: number;
  acP99: number;
  baselineQueries: number;
  baselineP50: number;
  oursP50SameQueries: number;
  outcomes: Record<string, number>;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** A typo a person makes: swap, delete, substitute or insert one letter, never the first. */
function typo(w: string, rnd: () => number): string {
  if (w.length < 5) return w;
  const i = 1 + Math.floor(rnd() * (w.length - 2));
  const k = Math.floor(rnd() * 4);
  if (k === 0) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  if (k === 1) return w.slice(0, i) + w.slice(i + 1);
  if (k === 2) return w.slice(0, i) + (w[i] === 'e' ? 'a' : 'e') + w.slice(i + 1);
  return w.slice(0, i) + 'x' + w.slice(i);
}

/** Queries the way people type them, drawn from the corpus: names, typos, aliases, partial words, topics, misses. */
export function benchQueries(c: GeneratedCorpus, count: number, seed: number): string[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const byName = new Map(c.organisations.map((o) => [o.name, o]));
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const d = pick(c.deals);
    const [a, b] = d.parties.map((p) => p.name.toLowerCase()) as [string, string];
    switch (i % 7) {
      case 0:
        out.push(`${a} ${b}`);
        break;
      case 1:
        out.push(`${typo(a.split(' ')[0]!, rnd)} ${b}`);
        break;
      case 2: {
        const alias = byName.get(d.parties[1]!.name)?.aliases.find((x) => x === x.toUpperCase());
        out.push(`${a} ${alias ?? b}`);
        break;
      }
      case 3:
        out.push(`${a} ${b.slice(0, Math.max(3, b.length - 3))}`);
        break;
      case 4:
        out.push(`${d.areas.join(' ')}`);
        break;
      case 5:
        out.push(`deal between ${b} and ${a}`);
        break;
      default:
        out.push(rnd() < 0.5 ? `${a} ${pick(c.deals).parties[1]!.name.toLowerCase()}` : `zqx${Math.floor(rnd() * 1e6)} blorf`);
    }
  }
  return out;
}

/**
 * Questions the way people ask them, drawn from the corpus: how much, when, did it close, who bought, descriptions
 * without names, lists (biggest / latest / since a year / a company's deals), how many, and deals that never happened.
 */
export function benchQuestions(c: GeneratedCorpus, count: number, seed: number): string[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: string[] = [];
  const years = [2012, 2015, 2018, 2020, 2021, 2023];
  for (let i = 0; out.length < count; i++) {
    const d = pick(c.deals);
    const [a, b] = d.parties.map((p) => p.name.toLowerCase()) as [string, string];
    const area = d.areas[0] ?? 'cloud';
    const y = pick(years);
    switch (i % 12) {
      case 0:
        out.push(`how much did ${a} pay for ${b}`);
        break;
      case 1:
        out.push(`when did ${a} announce the ${b} deal`);
        break;
      case 2:
        out.push(`is the ${a} ${b} deal still happening`);
        break;
      case 3:
        out.push(`who bought ${b}`);
        break;
      case 4:
        out.push(`the ${area} ${d.areas[1] ?? ''} company that was bought`);
        break;
      case 5:
        out.push(`largest acquisitions announced in ${y}`);
        break;
      case 6:
        out.push(`latest ${area} investments`);
        break;
      case 7:
        out.push(`how many acquisitions has ${a} made`);
        break;
      case 8:
        out.push(`${a} deals since ${y}`);
        break;
      case 9:
        out.push(`how much did ${a} pay for ${pick(c.deals).parties[1]!.name.toLowerCase()}`);
        break;
      case 10:
        out.push(`did ${typo(a.split(' ')[0]!, rnd)} actually end up buying ${b}`);
        break;
      default:
        out.push(`what did ${a} and ${b} agree in ${d.announced.slice(0, 4)}`);
    }
  }
  return out;
}

// Each size runs as three processes, as the software runs for users:
// 1. generate: the synthetic corpus to deals.jsonl + organisations.json (the import file format) and the queries;
// 2. import: what `dealbot import FILE` does — parse and validate the file, then Store.upsertOrganisations and
//    Store.importDeals (one transaction); its peak RSS is the importing process's;
// 3. serve: opens the database like the bot, builds the search indexes, answers the queries; its peak RSS (taken
//    before the fuse.js baseline loads every deal into memory) is what the bot needs to serve that corpus.

function generateStep(n: number, dir: string): void {
  const corpus = generateDeals(n, 1234);
  writeFileSync(join(dir, 'deals.jsonl'), corpus.deals.map((d) => JSON.stringify(d)).join('\n') + '\n');
  writeFileSync(join(dir, 'organisations.json'), JSON.stringify(corpus.organisations));
  writeFileSync(join(dir, 'queries.json'), JSON.stringify(benchQueries(corpus, 700, 99)));
  writeFileSync(join(dir, 'questions.json'), JSON.stringify(benchQuestions(corpus, 600, 77)));
}

interface ImportResult {
  parseMs: number;
  importMs: number;
  dbBytes: number;
  importRssMb: number;
}

async function importStep(dir: string, url?: string): Promise<ImportResult> {
  let t = performance.now();
  const orgs = parseOrganisationFile(readFileSync(join(dir, 'organisations.json'), 'utf8'));
  const deals = parseDealFile(readFileSync(join(dir, 'deals.jsonl'), 'utf8'));
  if (!orgs.ok || !deals.ok) throw new Error('generated corpus does not validate');
  const parseMs = performance.now() - t;
  if (url) {
    // PostgreSQL: what `DATABASE_URL=… dealbot import FILE` does, through the async store.
    const { store } = await PgDealStore.open(url);
    t = performance.now();
    await store.upsertOrganisations(orgs.records);
    await store.importDeals(deals.records, { id: 'bench', platform: 'system' });
    const importMs = performance.now() - t;
    await store.pool.query('VACUUM ANALYZE');
    const size = (await store.pool.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n;
    await store.close();
    return { parseMs, importMs, dbBytes: Number(size), importRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  const { store } = Store.open(join(dir, 'bench.db'));
  t = performance.now();
  store.upsertOrganisations(orgs.records);
  store.importDeals(deals.records, { id: 'bench', platform: 'system' });
  const importMs = performance.now() - t;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { parseMs, importMs, dbBytes: statSync(join(dir, 'bench.db')).size, importRssMb: process.resourceUsage().maxRSS / 1024 };
}

type ServeResult = Omit<SizeResult, 'deals' | 'importMs' | 'dbBytes' | 'parseMs' | 'importRssMb'>;

async function serveStep(n: number, dir: string, url?: string): Promise<ServeResult> {
  const pgStore = url ? (await PgDealStore.open(url)).store : undefined;
  const store = pgStore ? undefined : Store.open(join(dir, 'bench.db')).store;
  const t = performance.now();
  const search = createDealSearch(pgStore ?? store!);
  await search.warm();
  const warmMs = performance.now() - t;
  const vocabulary = store
    ? (store.db.prepare('SELECT count(*) AS n FROM deals_fts_vocab').get() as { n: number }).n
    : Number((await pgStore!.pool.query<{ n: string }>("SELECT count(*) AS n FROM ts_stat('SELECT search FROM deals WHERE deleted_at IS NULL')")).rows[0]!.n);
  const queries = JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8')) as string[];
  for (const q of queries.slice(0, 50)) await search.search(q); // JIT warm-up
  const times: number[] = [];
  const outcomes: Record<string, number> = {};
  for (const q of queries) {
    const s = performance.now();
    const o = await search.search(q);
    times.push(performance.now() - s);
    outcomes[o.status] = (outcomes[o.status] ?? 0) + 1;
  }
  // Questions: the same warm-up, then timed on their own and together with the queries (the /deal p99 floor).
  const questions = JSON.parse(readFileSync(join(dir, 'questions.json'), 'utf8')) as string[];
  for (const q of questions.slice(0, 50)) await search.search(q);
  const qTimes: number[] = [];
  const slow: [number, string][] = [];
  for (const q of questions) {
    const s = performance.now();
    const o = await search.search(q);
    qTimes.push(performance.now() - s);
    if (process.env.DEALBOT_BENCH_SLOWEST) slow.push([performance.now() - s, q]);
    outcomes[`question ${o.status}`] = (outcomes[`question ${o.status}`] ?? 0) + 1;
  }
  const allTimes = [...times, ...qTimes];
  // DEALBOT_BENCH_SLOWEST=1: the ten slowest questions on stderr (what to look at when a p99 moves).
  for (const [ms, q] of slow.sort((a, b) => b[0] - a[0]).slice(0, 10)) console.error(`${ms.toFixed(1)} ms  ${q}`);
  // Autocomplete: every keystroke of 60 queries, after a warm-up on the keystrokes of 10 others.
  for (const q of queries.slice(60, 70)) for (let k = 1; k <= q.length; k++) await search.autocomplete(q.slice(0, k), 25);
  const acTimes: number[] = [];
  for (const q of queries.slice(0, 60)) {
    for (let k = 1; k <= q.length; k++) {
      const s = performance.now();
      await search.autocomplete(q.slice(0, k), 25);
      acTimes.push(performance.now() - s);
    }
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  // Baseline: fuse.js over all deals with default options, on a sample (it takes seconds per query at 100k).
  // (Not on PostgreSQL, nor in a PostgreSQL run's SQLite half: the baseline does not depend on the backend.)
  const sample = pgStore || process.env.DEALBOT_BENCH_BASELINE === 'off' ? [] : queries.filter((_, i) => i % 7 !== 6).slice(0, n <= 1000 ? 60 : n <= 10000 ? 20 : 6);
  const deals = parseDealFile(readFileSync(join(dir, 'deals.jsonl'), 'utf8'));
  if (!deals.ok) throw new Error('generated corpus does not validate');
  const fuse = new Fuse(deals.records, { keys: ['title', 'parties.name', 'areas', 'summary'] });
  const baseTimes = sample.map((q) => {
    const s = performance.now();
    fuse.search(q, { limit: 5 });
    return performance.now() - s;
  });
  const oursSame: number[] = [];
  for (const q of sample) {
    const s = performance.now();
    await search.search(q);
    oursSame.push(performance.now() - s);
  }
  await search.close();
  store?.close();
  await pgStore?.close();
  return {
    vocabulary,
    warmMs,
    peakRssMb,
    queries: times.length,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    questions: qTimes.length,
    qP50: quantile(qTimes, 0.5),
    qP99: quantile(qTimes, 0.99),
    allP99: quantile(allTimes, 0.99),
    acCalls: acTimes.length,
    acP50: quantile(acTimes, 0.5),
    acP99: quantile(acTimes, 0.99),
    baselineQueries: sample.length,
    baselineP50: quantile(baseTimes, 0.5),
    oursP50SameQueries: quantile(oursSame, 0.5),
    outcomes,
  };
}

async function runSize(n: number, runner: string, self: string, serverUrl?: string): Promise<SizeResult & { postgres?: SizeResult }> {
  const dir = mkdtempSync(join(tmpdir(), 'dealbot-bench-'));
  const step = (...a: string[]) =>
    execFileSync(process.execPath, [runner, self, ...a], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      stdio: ['ignore', 'pipe', 'inherit'],
      // A PostgreSQL run compares the backends: the fuse.js baseline (minutes at 100k) is left to the SQLite-only run.
      env: serverUrl ? { ...process.env, DEALBOT_BENCH_BASELINE: 'off' } : process.env,
    });
  try {
    step('--step', 'generate', String(n), dir);
    const imp = JSON.parse(step('--step', 'import', String(n), dir)) as ImportResult;
    const serve = JSON.parse(step('--step', 'serve', String(n), dir)) as ServeResult;
    const sqlite = { deals: n, ...imp, ...serve };
    if (!serverUrl) return sqlite;
    if (process.env.DEALBOT_BENCH_SLOWEST) console.error('(slowest on SQLite above, PostgreSQL next)');
    // The same corpus and queries on PostgreSQL: imported by one process into a scratch database, served by another.
    const postgres = await withScratchDatabase(serverUrl, async (url) => {
      const pgImp = JSON.parse(step('--step', 'import', String(n), dir, url)) as ImportResult;
      const pgServe = JSON.parse(step('--step', 'serve', String(n), dir, url)) as ServeResult;
      return { deals: n, ...pgImp, ...pgServe };
    });
    return { ...sqlite, postgres };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const stepArg = args.indexOf('--step');
// Only when run as the script (other scripts import benchQueries).
const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (!isMain) {
  // imported: nothing to run
} else if (stepArg >= 0) {
  // Child mode: one step of one size, JSON on stdout.
  const [step, n, dir, url] = args.slice(stepArg + 1) as [string, string, string, string | undefined];
  if (step === 'generate') generateStep(Number(n), dir);
  else if (step === 'import') process.stdout.write(JSON.stringify(await importStep(dir, url)));
  else process.stdout.write(JSON.stringify(await serveStep(Number(n), dir, url)));
} else {
  const databaseUrl = databaseUrlArg(args);
  const sizeArgs = args.filter((a, i) => a !== '--database-url' && args[i - 1] !== '--database-url');
  const sizes = sizeArgs.length ? sizeArgs.map(Number) : databaseUrl ? [100000] : [1000, 10000, 100000];
  const runner = fileURLToPath(new URL('../bin/run.js', import.meta.url));
  const self = fileURLToPath(import.meta.url);
  const results: (SizeResult & { load: number; postgres?: SizeResult })[] = [];
  const loadBefore = loadavg()[0]!;
  for (const n of sizes) {
    console.error(`benchmarking ${n} deals…`);
    const load = loadavg()[0]!;
    const r = { ...(await runSize(n, runner, self, databaseUrl)), load };
    console.error(JSON.stringify(r));
    results.push(r);
  }
  const f = (x: number, d = 2) => x.toFixed(d);
  if (databaseUrl) {
    const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
    // PostgreSQL run: only its own section is rewritten, SQLite's figures from the same run beside it.
    const section = postgresSection(results, f, loadBefore);
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    const kept = old.replace(/^## PostgreSQL next to SQLite$[\s\S]*?(?=^## |(?![\s\S]))/m, '');
    // At the end: the SQLite run keeps everything from "## Start-up" on, and bench/startup.ts what follows its section.
    writeFileSync(file, `${kept.trimEnd()}\n\n${section}`);
    console.log(section);
    process.exit(0);
  }
  const lines = [
    '# Benchmarks',
    '',
    'Regenerated by `npm run bench` (bench/search.bench.ts). Synthetic corpora from bench/generate.ts (seed 1234):',
    'syllable-made company names and product words with a Zipf-like spread, plus ordinary business words. Queries:',
    'a mix of two-name, misspelt-name, ticker-alias, unfinished-word, topic-only, reordered-with-filler and no-answer',
    'questions drawn from the corpus (bench `benchQueries`). Latencies are in-process (`search.search` /',
    '`search.autocomplete`), after a 50-query warm-up; autocomplete is timed on every keystroke of 60 queries (after',
    'a warm-up on the keystrokes of 10 other queries). **Questions** (bench `benchQuestions`): how much / when / is it',
    'still happening / who bought / a description without names / largest acquisitions in a year / latest investments',
    'in an area / how many acquisitions / a company\'s deals since a year / deals that never happened / misspelt',
    'names with filler words, drawn from the corpus; the /deal floor is on queries and questions together.',
    '',
    'Each size runs as three processes, the way the software runs for users: (1) the corpus is generated to a JSON',
    'Lines file; (2) an **import process** does what `dealbot import FILE` does — parse and validate the file, then',
    '`Store.upsertOrganisations` + `Store.importDeals` in one transaction; (3) a **serving process** opens the',
    'database like the bot, builds the search indexes and answers the queries.',
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; 1-min load average ${f(loadBefore)} at start, ` +
      `${f(loadavg()[0]!)} at end (the machine is shared with other engineers' work: treat figures as indicative).`,
    '',
    '| deals | FTS vocabulary | import | file parse | DB size | import process peak RSS | search warm-up | serving peak RSS | /deal p50 | /deal p99 | question p50 | question p99 | /deal p99, queries + questions | autocomplete p50 | autocomplete p99 | fuse.js p50 (sample) | ours p50 (same sample) | speed-up at median | load (1 min) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.deals.toLocaleString('en')} | ${r.vocabulary.toLocaleString('en')} terms | ${f(r.importMs / 1000, 1)} s | ${f(r.parseMs / 1000, 1)} s | ${f(r.dbBytes / 1e6, 1)} MB | ${f(r.importRssMb, 0)} MB | ${f(r.warmMs / 1000, 2)} s | ${f(r.peakRssMb, 0)} MB | ${f(r.p50)} ms | ${f(r.p99)} ms | ${f(r.qP50)} ms | ${f(r.qP99)} ms | ${f(r.allP99)} ms | ${f(r.acP50)} ms | ${f(r.acP99)} ms | ${f(r.baselineP50, 0)} ms (${r.baselineQueries} q) | ${f(r.oursP50SameQueries)} ms | ${Math.round(r.baselineP50 / r.oursP50SameQueries).toLocaleString('en')}× | ${f(r.load)} |`,
    ),
    '',
    `Queries per size: ${results.map((r) => `${r.deals.toLocaleString('en')}: ${r.queries} /deal + ${r.questions} questions (${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}), ${r.acCalls} autocomplete calls`).join('; ')}.`,
    '',
    'What the columns mean:',
    '- **import**: `Store.upsertOrganisations` + `Store.importDeals` of all generated deals in one transaction (the',
    "  store's own write path, full-text index included); **file parse**: reading and validating the JSON Lines file",
    '  before that (the CLI does it too; not part of the import floor).',
    '- **import process peak RSS**: the importing process\'s maximum: the parsed file (every deal as an object) plus',
    '  SQLite. It runs once per import, not while the bot serves.',
    '- **serving peak RSS**: the serving process\'s maximum while building the search indexes and answering the',
    '  queries (measured before the fuse.js baseline loads every deal into memory). Node and tsx alone take about',
    '  95 MB of it. This is what the floor is about: what the bot needs to serve the corpus.',
    '- **search warm-up**: building the typo, completion and autocomplete indexes from the store (once per process,',
    '  then kept current incrementally).',
    '- **load**: the 1-minute load average when the size started (2 cores; above 2 means the benchmark shared them).',
    '',
    'Floors (issues 3 and 11, at 100k): p99 /deal ≤ 5 ms (queries and questions together), p99 autocomplete ≤ 5 ms,',
    '≥ 500× faster than fuse.js at the median, import ≤ 20 s, serving peak RSS ≤ 400 MB.',
    '',
  ];
  const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
  // The start-up section is bench/startup.ts's: keep it.
  const startup = existsSync(file) ? /^## Start-up$[\s\S]*/m.exec(readFileSync(file, 'utf8'))?.[0] : undefined;
  writeFileSync(file, lines.join('\n') + (startup ? `\n${startup}` : ''));
  console.log(lines.join('\n'));
  if (!existsSync(file)) process.exitCode = 1;
}

function postgresSection(results: (SizeResult & { load: number; postgres?: SizeResult })[], f: (x: number, d?: number) => string, loadBefore: number): string {
  const row = (backend: string, r: SizeResult, load: number) =>
    `| ${r.deals.toLocaleString('en')} | ${backend} | ${f(r.importMs / 1000, 1)} s | ${f(r.dbBytes / 1e6, 0)} MB | ${f(r.warmMs / 1000, 2)} s | ${f(r.peakRssMb, 0)} MB | ${f(r.p50)} ms | ${f(r.p99)} ms | ${f(r.qP50)} ms | ${f(r.qP99)} ms | ${f(r.allP99)} ms | ${f(r.acP50)} ms | ${f(r.acP99)} ms | ${f(load)} |`;
  return [
    '## PostgreSQL next to SQLite',
    '',
    '`npm run bench -- --database-url postgres://… [SIZES]` (default 100,000 deals): the same corpus, queries and',
    'questions, imported and served by separate processes on each backend — SQLite from its file, PostgreSQL from a',
    'scratch database on that server (dropped after), search reading through PgSearchReader over the pool (loopback',
    'TCP). The fuse.js baseline is not re-run. Floor (issue 15): /deal p99 ≤ 15 ms on PostgreSQL at 100k.',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, PostgreSQL and the benchmark on the same machine; 1-min load ${f(loadBefore)} at start, ${f(loadavg()[0]!)} at end (shared with other engineers' work).`,
    '',
    'How PostgreSQL search stays bounded at 100k (src/store/postgres/search-reader.ts; indexes of migration 3): a list',
    "matches its topic in a second GIN-indexed vector of parties, title and areas, which answers a word from the index",
    "alone ('word':ABC against the weighted vector had rechecked every match's vector, kept compressed in TOAST: the",
    "25–33 ms lists of a common topic); one type is an equality, so a list of a type walks the (type, announced) index",
    'in order, and a value-ordered list of a type and years is two index-only scans of it; a company\'s deals come from',
    'the party index before they are sorted; a phrase of common words newest first tests the index\'s matches of its',
    "words instead of walking the primary key (PostgreSQL guesses a phrase as common as its words: the 144–480 ms",
    'lookup); a list\'s bounded count and page are one statement; the fixed-text reads are named prepared statements.',
    'Before these (the same benchmark at load 0.17): /deal p99 7.87 ms, question p99 27.69 ms, together 25.14 ms.',
    '',
    '| deals | backend | import | DB size | search warm-up | serving peak RSS | /deal p50 | /deal p99 | question p50 | question p99 | /deal p99, queries + questions | autocomplete p50 | autocomplete p99 | load (1 min) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.flatMap((r) => [row('SQLite', r, r.load), ...(r.postgres ? [row('PostgreSQL', r.postgres, r.load)] : [])]),
    '',
  ].join('\n');
}
