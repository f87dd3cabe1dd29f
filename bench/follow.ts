// `node bin/run.js bench/follow.ts [--database-url postgres://…] [--edits N]` (or DATABASE_URL): how long until an
// admin change made through one process is answered by another process's search, on one PostgreSQL database.
//
// Two bot processes on a scratch database of that server (filled with the shipped corpus, dropped after), each the app
// `dealbot start` runs (openAppAsync with DATABASE_URL: its own pool, core and search; no chat platform attached): the
// writer makes N changes (default 200) through its core, alternately an admin alias (`/deal-admin alias-add`; the
// alias alone must then be answered as that company) and an edit of a deal's title (through the store, as the admin
// form's save does; its new word must then find the deal); the reader asks `/deal` through its core until the
// answer has the change. Latency: from the writer's commit returning
// to the reader's first answer with it (both clocks are this machine's). Midway, twice, the reader's listening
// connection is killed (pg_terminate_backend): its subscription reconnects and catches up by generation. At the end
// every one of the N questions is asked again and the reader's generation must equal the writer's: nothing lost.
// Prints the figures as Markdown (docs/scaling.md has them) and exits 1 if p99 > 2 s or anything was lost.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openAppAsync } from '../src/app.ts';
import type { Reply, User } from '../src/core/replies.ts';
import { createLogger } from '../src/log.ts';
import { LISTENER_APPLICATION_NAME, PgDealStore } from '../src/store/postgres/store.ts';
import { seedDealStore } from '../src/store/seed.ts';
import { databaseUrlArg, withScratchDatabase } from './pg-scratch.ts';

interface Change {
  i: number;
  kind: 'alias' | 'edit';
  slug: string;
  question: string;
}

type ToChild = { op: 'write'; change: Change } | { op: 'await'; change: Change } | { op: 'verify'; changes: Change[] } | { op: 'generation' } | { op: 'exit' };
type FromChild = { ok: true; at?: number; generation?: number; lost?: string[]; polls?: number } | { ok: false; error: string };

const now = () => performance.timeOrigin + performance.now();
const P99_FLOOR_MS = 2000;

/** Letters only, different for every i: a word no deal and no company has. */
function word(prefix: string, i: number): string {
  let s = '';
  let n = i + 26 * 26;
  while (n > 0) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return `${prefix}${s}`;
}

/**
 * Whether the reply has the change: the alias (a word no deal has) answered as a company (its deal or its list), or
 * the edited deal found by its new title word.
 */
function answered(c: Change, r: Reply): boolean {
  if (c.kind === 'alias') return r.kind === 'deal' || r.kind === 'list';
  return r.kind === 'deal' && r.deal.slug === c.slug;
}

const ADMIN: User = { id: 'bench:follow', name: 'follow-bench', platform: 'cli', isOperator: true };

async function child(role: string, url: string): Promise<void> {
  const app = await openAppAsync({ databaseUrl: url, log: createLogger('silent'), seed: false });
  const store = app.deals;
  const ask = (q: string) => app.core.handle({ command: 'deal', options: { query: q }, user: ADMIN });
  await ask('dealbot warm-up');
  const send = (m: FromChild) => process.send!(m);
  process.on('message', (m: ToChild) => {
    void (async () => {
      try {
        if (m.op === 'exit') {
          await app.close();
          send({ ok: true });
          process.exit(0);
        }
        if (m.op === 'generation') {
          const gen = role === 'reader' ? (app.search as { generation?: () => number }).generation?.() : await store.generation();
          return send({ ok: true, generation: gen ?? -1 });
        }
        if (m.op === 'write') {
          const c = m.change;
          const d = (await store.getDeal(c.slug))!;
          if (c.kind === 'alias') {
            const r = await app.core.handleText(`/deal-admin alias-add "${d.deal.parties[0]!.name}" ${word('zal', c.i)}`, ADMIN);
            if (r.kind !== 'done') throw new Error(`alias-add: ${JSON.stringify(r).slice(0, 300)}`);
          } else await store.updateDeal(c.slug, { ...d.deal, title: `${d.deal.title} ${word('zed', c.i)}` }, d.version, { id: 'bench', platform: 'system' });
          return send({ ok: true, at: now() });
        }
        if (m.op === 'await') {
          // Ask until the answer has the change (a question every 5 ms), for at most 30 s.
          const end = now() + 30_000;
          let polls = 0;
          for (;;) {
            polls++;
            if (answered(m.change, await ask(m.change.question))) return send({ ok: true, at: now(), polls });
            if (now() > end) return send({ ok: false, error: `no answer for "${m.change.question}"` });
            await new Promise((r) => setTimeout(r, 5));
          }
        }
        const lost: string[] = [];
        for (const c of m.changes) if (!answered(c, await ask(c.question))) lost.push(c.question);
        send({ ok: true, lost });
      } catch (e) {
        send({ ok: false, error: (e as Error).stack ?? String(e) });
      }
    })();
  });
  send({ ok: true });
}

function talk(p: ChildProcess) {
  const queue: ((m: FromChild) => void)[] = [];
  p.on('message', (m: FromChild) => queue.shift()?.(m));
  const next = () => new Promise<FromChild>((resolve) => queue.push(resolve));
  const ready = next();
  return {
    ready,
    async ask(m: ToChild): Promise<FromChild & { ok: true }> {
      const r = next();
      p.send(m);
      const a = await r;
      if (!a.ok) throw new Error(a.error);
      return a;
    },
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const serverUrl = databaseUrlArg(args);
  if (!serverUrl) throw new Error('give a PostgreSQL server: --database-url postgres://… or DATABASE_URL');
  const at = args.indexOf('--edits');
  const edits = at >= 0 ? Number(args[at + 1]) : 200;
  const runner = fileURLToPath(new URL('../bin/run.js', import.meta.url));
  const self = fileURLToPath(import.meta.url);
  await withScratchDatabase(serverUrl, async (url) => {
    const { store: setup } = await PgDealStore.open(url);
    await seedDealStore(setup);
    // Deals with two named parties: "<alias of the first> <the second>" names the deal; a title word alone does too.
    const deals = (await setup.exportDeals()).filter((d) => d.parties.length === 2);
    await setup.close();
    const changes: Change[] = Array.from({ length: edits }, (_, i) => {
      const d = deals[i % deals.length]!;
      return i % 2 === 0
        ? { i, kind: 'alias', slug: d.slug, question: word('zal', i) }
        : { i, kind: 'edit', slug: d.slug, question: word('zed', i) };
    });
    const spawn = (role: string) => fork(runner, [self, '--child', role, url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const writer = spawn('writer');
    const reader = spawn('reader');
    const w = talk(writer);
    const r = talk(reader);
    await Promise.all([w.ready, r.ready]);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const db = new URL(url).pathname.slice(1);
    const latencies: number[] = [];
    const kills = [Math.floor(edits / 3), Math.floor((2 * edits) / 3)];
    let killed = 0;
    const t0 = now();
    try {
      for (const c of changes) {
        if (kills.includes(c.i)) {
          const k = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [db, LISTENER_APPLICATION_NAME]);
          killed += k.rowCount ?? 0;
        }
        const answered = r.ask({ op: 'await', change: c });
        const wrote = await w.ask({ op: 'write', change: c });
        const seen = await answered;
        latencies.push(Math.max(0, seen.at! - wrote.at!));
      }
      const total = now() - t0;
      const writerGen = (await w.ask({ op: 'generation' })).generation!;
      let readerGen = (await r.ask({ op: 'generation' })).generation!;
      for (let k = 0; k < 100 && readerGen !== writerGen; k++) {
        await new Promise((res) => setTimeout(res, 50));
        readerGen = (await r.ask({ op: 'generation' })).generation!;
      }
      const lost = (await r.ask({ op: 'verify', changes })).lost!;
      const f = (x: number) => `${x.toFixed(0)} ms`;
      const lines = [
        `| changes | p50 | p90 | p99 | max | listening connections killed (both processes') | lost | reader generation = writer's | run |`,
        '|---|---|---|---|---|---|---|---|---|',
        `| ${edits} (${edits / 2} aliases, ${edits / 2} title edits) | ${f(quantile(latencies, 0.5))} | ${f(quantile(latencies, 0.9))} | ${f(quantile(latencies, 0.99))} | ${f(Math.max(...latencies))} | ${killed} | ${lost.length} | ${readerGen === writerGen ? 'yes' : `no (${readerGen} vs ${writerGen})`} | ${(total / 1000).toFixed(1)} s |`,
      ];
      console.log(lines.join('\n'));
      if (lost.length) console.log(`lost: ${lost.join(', ')}`);
      const p99 = quantile(latencies, 0.99);
      if (p99 > P99_FLOOR_MS || lost.length || readerGen !== writerGen || killed < kills.length) {
        console.log(`FLOOR NOT MET (p99 ≤ ${P99_FLOOR_MS} ms, nothing lost, both listener kills done)`);
        process.exitCode = 1;
      }
    } finally {
      await admin.end();
      await Promise.allSettled([w.ask({ op: 'exit' }), r.ask({ op: 'exit' })]);
    }
  });
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) await child(process.argv[childAt + 1]!, process.argv[childAt + 2]!);
else await main();
