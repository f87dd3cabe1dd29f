// `npm run load`: how much dealbot withstands. Runs the real bot (`dealbot start`, Slack in HTTP mode and Discord)
// as its own process over a store of 100k deals, and fires bursts of signed Slack slash commands at the Bolt HTTP
// receiver and slash-command interactions through the fake Discord gateway, both on loopback, at rising rates.
// For each rate: throughput, acknowledgement time (p50/p99/max: what the platforms' 3-second deadline measures),
// answer time, and whether every answer arrived and was right (the same answer as an unloaded run).
//
//   npm run load                              # 100k deals, rates 100…800/s, 8 s each
//   npm run load -- --deals 20000 --rates 50,100 --seconds 5
//   npm run load -- --smoke                   # tiny and quick (the test suite runs this)
//   npm run load -- --workers 2               # the bot with SEARCH_WORKERS=2 (search in worker threads)
//
// The store is built once (deterministic synthetic deals from bench/generate.ts plus the shipped corpus) and kept in
// tmp/load/ for the next run.
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateDeals } from './generate.ts';
import { BUSY_CHANNEL_NOTICE, BUSY_CHANNEL_TITLE_SUFFIX } from '../src/core/limits.ts';
import { seedStore } from '../src/store/seed.ts';
import { Store } from '../src/store/store.ts';
import { FakeSlack } from '../tests/fakes/slack.ts';
import { FakeDiscord, type FakeInteraction } from '../tests/fakes/discord.ts';

// ------------------------------------------------------------------------------------------------ options

interface Options {
  deals: number;
  db: string;
  rates: number[];
  seconds: number;
  /** Share of requests sent to Slack (the rest to Discord). */
  slackShare: number;
  /** How long to wait for the last answers after the last request. */
  drainSeconds: number;
  json: boolean;
  /** How many of the evaluation's questions to ask (all by default). */
  questions: number;
  /** SEARCH_WORKERS for the bot (0: search on its main thread). */
  workers: number;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  const deals = Number(get('deals') ?? (smoke ? 0 : 100_000));
  const root = fileURLToPath(new URL('../tmp/load/', import.meta.url));
  return {
    deals,
    db: get('db') ?? `${root}load-${deals}.db`,
    rates: (get('rates') ?? (smoke ? '20' : '100,200,300,400,600,800')).split(',').map(Number),
    seconds: Number(get('seconds') ?? (smoke ? 2 : 8)),
    slackShare: Number(get('slack-share') ?? 0.5),
    drainSeconds: Number(get('drain') ?? 30),
    json: argv.includes('--json'),
    questions: Number(get('questions') ?? (smoke ? 30 : Infinity)),
    workers: Number(get('workers') ?? 0),
  };
}

// ------------------------------------------------------------------------------------------------ the store

/** Builds the store once: the shipped corpus plus `n` synthetic deals, in one import. */
function ensureStore(path: string, n: number): void {
  if (existsSync(path)) return;
  mkdirSync(fileURLToPath(new URL('../tmp/load/', import.meta.url)), { recursive: true });
  const building = `${path}.building`;
  rmSync(building, { force: true });
  rmSync(`${building}-wal`, { force: true });
  const t = performance.now();
  const { store } = Store.open(building);
  seedStore(store);
  if (n > 0) {
    process.stderr.write(`building a store of ${n} synthetic deals (once; kept at ${path})…\n`);
    store.importDeals(generateDeals(n, 42).deals, { id: 'load', platform: 'system' }, (done, total) => {
      if (done % 20_000 === 0 || done === total) process.stderr.write(`  ${done}/${total}\n`);
    });
  }
  store.close();
  copyFileSync(building, path);
  rmSync(building, { force: true });
  process.stderr.write(`store ready in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
}

interface Question {
  query: string;
  /**
   * The Slack fallback text and the Discord embed title (or content) the same bot answered with when unloaded (the
   * calibration pass before the measured steps). Asking the bot itself, not a copy of the core in this process,
   * keeps the comparison fair while the code or the data change between processes.
   */
  slack?: string | undefined;
  discord?: string | undefined;
}

function loadQuestions(): Question[] {
  const file = fileURLToPath(new URL('./eval-queries.jsonl', import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { query: string }).query)
    .filter((q) => q.trim() && q.length <= 200)
    .map((query) => ({ query }));
}

function discordHeadline(data: Record<string, unknown> | undefined): string {
  const embeds = (data?.embeds as { title?: string }[] | undefined) ?? [];
  return withoutBusyNotice(embeds[0]?.title ?? String(data?.content ?? ''));
}

/**
 * A busy channel gets its answers privately with a short notice (the per-channel public budget is on, as in
 * production): the same answer, so the notice is left out of the comparison.
 */
function withoutBusyNotice(s: string): string {
  return s.replace(` ${BUSY_CHANNEL_NOTICE}`, '').replace(` (${BUSY_CHANNEL_TITLE_SUFFIX})`, '');
}

// ------------------------------------------------------------------------------------------------ the bot

interface Bot {
  slackPort: number;
  /** Distinct error/warning messages the bot logged, with how often. */
  problems: Map<string, number>;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
  stderrTail(): string;
}

async function startBot(db: string, slack: FakeSlack, discord: FakeDiscord, secret: string, workers: number): Promise<Bot> {
  const bin = fileURLToPath(new URL('../bin/dealbot.js', import.meta.url));
  // e.g. LOAD_BOT_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the bot under load.
  const flags = (process.env.LOAD_BOT_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, bin, '--db', db, '--no-seed', 'start'], {
    cwd: fileURLToPath(new URL('../tmp/load/', import.meta.url)),
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info', // production's default for chat: the per-request log line is part of the cost measured
      SLACK_BOT_TOKEN: 'xoxb-load-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: '0',
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SEARCH_WORKERS: String(workers),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  let slackPort = 0;
  const problems = new Map<string, number>();
  let discordUp = false;
  let partial = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      const text = partial + d.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      tail = (tail + d.toString()).slice(-4000);
      for (const line of lines) {
        if (/"level":"(warn|error|fatal)"/.test(line)) {
          try {
            const rec = JSON.parse(line) as { msg?: string; error?: unknown; err?: { message?: string } };
            const key = `${rec.msg ?? ''} ${JSON.stringify(rec.error ?? rec.err?.message ?? '')}`.slice(0, 240);
            problems.set(key, (problems.get(key) ?? 0) + 1);
          } catch {
            // not JSON
          }
        }
        if (!line.includes('"msg":"slack HTTP mode listening') && !line.includes('adapter started')) continue;
        try {
          const rec = JSON.parse(line) as { port?: number; adapter?: string };
          if (rec.port) slackPort = rec.port;
          if (rec.adapter === 'discord') discordUp = true;
        } catch {
          // not JSON
        }
        if (slackPort && discordUp) resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready:\n${tail}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timeout = setTimeout(() => child.kill('SIGKILL'), 120_000);
  await ready;
  clearTimeout(timeout);
  return {
    slackPort,
    problems,
    exited,
    stderrTail: () => tail,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

// ------------------------------------------------------------------------------------------------ sending

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

function postSigned(port: number, secret: string, body: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sig,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

interface Sample {
  platform: 'slack' | 'discord';
  sentAt: number;
  ackAt?: number;
  ackOk?: boolean;
  answerAt?: number;
  right?: boolean;
  /** Looks again for the answer (polled while draining). */
  check?: () => void;
  /** What arrived, when it was not the expected answer. */
  got?: string;
  expected?: string;
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

interface StepResult {
  rate: number;
  sent: number;
  sentPerSecond: number;
  ackedPerSecond: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  answerP50: number;
  answerP99: number;
  late: number;
  /** Interactions not acknowledged within 3 s: acknowledged late, or never (Discord refuses those). */
  unacked: number;
  answered: number;
  wrong: number;
  lost: number;
  failedAcks: number;
  /** Platform rules broken during this step (a late initial response, a refused payload…), as the fakes see them. */
  violations: number;
  slackAckP99: number;
  discordAckP99: number;
  /** The load generator's own event-loop delay (p99, ms): high values mean the measurement itself was late. */
  generatorLagP99: number;
}

async function runStep(
  rate: number,
  seconds: number,
  opts: Options,
  ctx: { bot: Bot; slack: FakeSlack; discord: FakeDiscord; secret: string; questions: Question[]; answeredAt: Map<string, number> },
  counter: { n: number },
  /** Calibration: exactly these questions on these platforms, recording the answers as the expected ones. */
  plan?: [number, 'slack' | 'discord'][],
): Promise<StepResult> {
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const violationsBefore = ctx.slack.violations.length + ctx.discord.violations.length;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const total = plan ? plan.length : Math.round(rate * seconds);
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const n = counter.n++;
    const q = ctx.questions[plan ? plan[i]![0] : n % ctx.questions.length]!;
    // Distinct people (the per-user rate limit is on, as in production) across many channels.
    const user = `U${(n % 20_000).toString(36).toUpperCase().padStart(4, '0')}`;
    const sample: Sample = { platform: plan ? plan[i]![1] : (n * 0.618) % 1 < opts.slackShare ? 'slack' : 'discord', sentAt: performance.now() };
    samples.push(sample);
    if (sample.platform === 'slack') {
      const id = randomUUID();
      const body = new URLSearchParams({
        command: '/deal',
        text: q.query,
        team_id: 'T1',
        team_domain: 'load',
        user_id: user,
        user_name: user.toLowerCase(),
        channel_id: `C${n % 500}`,
        channel_name: 'general',
        api_app_id: 'A1',
        response_url: ctx.slack.responseUrl(id),
        trigger_id: ctx.slack.trigger(),
      }).toString();
      pending.push(
        postSigned(ctx.bot.slackPort, ctx.secret, body).then((status) => {
          sample.ackAt = performance.now();
          sample.ackOk = status === 200;
          const check = () => {
            const got = ctx.slack.respondedTo(id)[0] as { text?: string } | undefined;
            if (got) {
              sample.answerAt = ctx.answeredAt.get(id) ?? performance.now();
              if (plan) q.slack = withoutBusyNotice(got.text ?? '');
              sample.right = withoutBusyNotice(got.text ?? '') === q.slack;
              if (!sample.right) [sample.got, sample.expected] = [got.text ?? '', q.slack];
            }
          };
          check();
          if (sample.answerAt === undefined) sample.check = check;
        }),
      );
    } else {
      const member = ctx.discord.member({ id: `8${String(n % 20_000).padStart(17, '0')}`, username: user.toLowerCase() });
      const interaction: FakeInteraction = ctx.discord.command('deal', { query: q.query }, member);
      const onResponse = () => {
        const r = interaction.responses;
        if (sample.ackAt === undefined && r[0]) {
          sample.ackAt = performance.now();
          sample.ackOk = r[0].kind === 'callback';
        }
        // The answer: an immediate reply (type 4), or what follows a deferral (type 5): the edit, or, for a private
        // answer after a public deferral, the follow-up that replaces the deleted placeholder.
        const answer = r.find((x) => (x.kind === 'callback' && x.type === 4) || x.kind === 'edit' || x.kind === 'followup');
        if (answer && sample.answerAt === undefined) {
          sample.answerAt = performance.now();
          const data = answer.kind === 'callback' || answer.kind === 'edit' || answer.kind === 'followup' ? answer.data : undefined;
          if (plan) q.discord = discordHeadline(data);
          sample.right = discordHeadline(data) === q.discord;
          if (!sample.right) [sample.got, sample.expected] = [`${answer.kind} ${JSON.stringify(data).slice(0, 300)}`, q.discord];
        }
      };
      interaction.events.on('response', onResponse);
      sample.check = onResponse;
    }
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all(pending);
  lag.disable();
  // Wait for the answers still on their way.
  const deadline = performance.now() + opts.drainSeconds * 1000;
  while (samples.some((s) => s.answerAt === undefined) && performance.now() < deadline) {
    for (const s of samples) if (s.answerAt === undefined) s.check?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const [k, s] of samples.entries()) {
    if (plan && s.answerAt === undefined) process.stderr.write(`  unanswered in calibration (${s.platform}): ${JSON.stringify(ctx.questions[plan[k]![0]]!.query)}\n`);
  }
  for (const w of samples.filter((s) => s.right === false).slice(0, 3)) {
    process.stderr.write(`  wrong (${w.platform}): expected ${JSON.stringify(w.expected)}, got ${JSON.stringify(w.got)}\n`);
  }
  const acked = samples.filter((s) => s.ackAt !== undefined);
  const acks = acked.map((s) => s.ackAt! - s.sentAt);
  const answers = samples.filter((s) => s.answerAt !== undefined).map((s) => s.answerAt! - s.sentAt);
  const lastAck = Math.max(...acked.map((s) => s.ackAt!));
  return {
    rate,
    sent: samples.length,
    sentPerSecond: samples.length / sendSeconds,
    ackedPerSecond: acked.length / ((lastAck - start) / 1000),
    ackP50: pct(acks, 50),
    ackP99: pct(acks, 99),
    ackMax: Math.max(...acks),
    answerP50: pct(answers, 50),
    answerP99: pct(answers, 99),
    late: acks.filter((a) => a > 3000).length,
    unacked: samples.filter((s) => s.ackAt === undefined || s.ackAt - s.sentAt > 3000).length,
    answered: answers.length,
    wrong: samples.filter((s) => s.right === false).length,
    lost: samples.filter((s) => s.answerAt === undefined).length,
    failedAcks: samples.filter((s) => s.ackOk === false).length,
    violations: ctx.slack.violations.length + ctx.discord.violations.length - violationsBefore,
    slackAckP99: pct(acked.filter((s) => s.platform === 'slack').map((s) => s.ackAt! - s.sentAt), 99),
    discordAckP99: pct(acked.filter((s) => s.platform === 'discord').map((s) => s.ackAt! - s.sentAt), 99),
    generatorLagP99: lag.percentile(99) / 1e6,
  };
}

// ------------------------------------------------------------------------------------------------ main

function row(r: StepResult): string {
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');
  return `| ${r.rate} | ${r.sentPerSecond.toFixed(0)} | ${r.ackedPerSecond.toFixed(0)} | ${ms(r.ackP50)} | ${ms(r.ackP99)} | ${ms(r.ackMax)} | ${ms(r.answerP50)} | ${ms(r.answerP99)} | ${r.unacked} | ${r.answered}/${r.sent} | ${r.wrong} | ${r.lost} | ${r.violations} |`;
}

export async function runLoad(
  opts: Options,
): Promise<{ steps: StepResult[]; violations: string[]; exitCode: number | null; botProblems: Record<string, number> }> {
  ensureStore(opts.db, opts.deals);
  const questions = loadQuestions().slice(0, opts.questions);
  const secret = `load-${randomUUID()}`;
  const slack = new FakeSlack();
  await slack.start();
  const answeredAt = new Map<string, number>();
  const push = slack.responded.push.bind(slack.responded);
  slack.responded.push = (...items) => {
    for (const it of items) answeredAt.set(it.id, performance.now());
    return push(...items);
  };
  const discord = await FakeDiscord.start();
  const bot = await startBot(opts.db, slack, discord, secret, opts.workers);
  const steps: StepResult[] = [];
  const counter = { n: 0 };
  let exitCode: number | null = null;
  try {
    // Calibration, unloaded (not reported): every question once on each platform, answers recorded as the right ones.
    const plan = questions.flatMap((_, i) => [[i, 'slack'], [i, 'discord']] as [number, 'slack' | 'discord'][]);
    const cal = await runStep(100, 0, opts, { bot, slack, discord, secret, questions, answeredAt }, counter, plan);
    if (cal.lost || cal.failedAcks) {
      throw new Error(`calibration failed: ${cal.lost} unanswered, ${cal.failedAcks} failed acks; the bot logged ${JSON.stringify(Object.fromEntries(bot.problems))}`);
    }
    for (const rate of opts.rates) {
      const r = await runStep(rate, opts.seconds, opts, { bot, slack, discord, secret, questions, answeredAt }, counter);
      steps.push(r);
      if (!opts.json) {
        process.stdout.write(row(r) + '\n');
        process.stderr.write(
          `  ${rate}/s: ack p99 Slack ${r.slackAckP99.toFixed(0)} ms, Discord ${r.discordAckP99.toFixed(0)} ms; generator lag p99 ${r.generatorLagP99.toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(2)}\n`,
        );
      }
      if (r.ackP99 > 10_000) break; // far past saturation: enough
    }
  } finally {
    exitCode = await bot.stop();
    await slack.stop();
    await discord.close();
    agent.destroy();
  }
  const violations = [...slack.violations, ...discord.violations.map((v) => `${v.where}: ${v.message}`)];
  return { steps, violations, exitCode, botProblems: Object.fromEntries(bot.problems) };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.json) {
    process.stdout.write(
      `dealbot load: ${opts.deals} synthetic deals + shipped corpus, ${cpus().length} CPU(s), ${opts.seconds} s per rate, ` +
        `${Math.round(opts.slackShare * 100)}% Slack / ${Math.round((1 - opts.slackShare) * 100)}% Discord, ` +
        `SEARCH_WORKERS=${opts.workers}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start\n\n` +
        '| offered /s | sent /s | acked /s | ack p50 ms | ack p99 ms | ack max ms | answer p50 ms | answer p99 ms | not acked in 3 s | answered | wrong | lost | rule violations |\n' +
        '|---|---|---|---|---|---|---|---|---|---|---|---|---|\n',
    );
  }
  const result = await runLoad(opts);
  if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else {
    process.stdout.write(`\nplatform rule violations: ${result.violations.length}${result.violations.length ? ` (first: ${result.violations[0]})` : ''}\n`);
    process.stdout.write(`bot exit code after SIGTERM: ${result.exitCode}\n`);
    for (const [msg, n] of Object.entries(result.botProblems)) process.stdout.write(`bot logged ${n}× ${msg}\n`);
  }
  const bad = result.steps.some((s) => s.wrong > 0 || s.lost > 0) || result.exitCode !== 0;
  process.exitCode = bad ? 1 : 0;
}
