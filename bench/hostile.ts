// `npm run hostile`: does hostile input stall the bot? Runs the real bot (`dealbot start`: Slack in HTTP mode and
// Discord, against the loopback fakes) with an event-loop probe preloaded (bench/event-loop-probe.mjs), keeps a steady
// stream of /deal commands going from many members on both platforms, and meanwhile feeds it, one after another:
//
//   url        /deal-admin ingest <URL> of a page of nested unclosed <div>s, served on loopback (Discord)
//   url-2mb    the same with a 2 MB page (skipped with --quick: the code before issue 12 spends minutes on it)
//   slow       a page within every cap that still takes seconds to read (the worker's time budget and thread)
//   shortcut   Slack's "Save as deal" on a message of 6,000 characters of nested <div>s
//   value      the form's value-parser string ("Value: USD", 196 spaces, "1", 392 spaces, "!") in a modal submission
//   import     `dealbot import` of a 7.5 MB file of 300,000 bad records, as another process, on the same database
//
// For each phase: the stream's acknowledgements while it ran (count, p50/p99/max, how many over 3 s), the bot's own
// event-loop delay (p99 and max of the probe's 250 ms windows), and how the hostile request itself was answered.
//
//   npm run hostile                      # this checkout
//   npm run hostile -- --bot /path/to/other/checkout --quick   # another version of the bot (e.g. before a fix)
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedStore } from '../src/store/seed.ts';
import { Store } from '../src/store/store.ts';
import { FakeDiscord, type FakeInteraction } from '../tests/fakes/discord.ts';
import { FakeSlack } from '../tests/fakes/slack.ts';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BOT_DIR = resolve(opt('bot') ?? ROOT);
const QUICK = argv.includes('--quick');
const RATE = Number(opt('rate') ?? 20);
const PHASE_TIMEOUT_MS = Number(opt('phase-timeout') ?? 180_000);
/** Each phase measures the stream for at least this long, starting when the hostile input is sent. */
const MIN_PHASE_MS = Number(opt('min-phase') ?? 5_000);
const WORK = join(ROOT, 'tmp/hostile');
const PROBE = join(ROOT, 'bench/event-loop-probe.mjs');
const ADMIN_DISCORD = '800000000000000777';
const ADMIN_SLACK = 'UHOSTILEADMIN';
const SECRET = `hostile-${randomUUID()}`;

const ARTICLE = '<p>Acme agreed to buy Globex, a maker of warehouse robots, for 120 million dollars in cash, the companies said on Tuesday.</p>';
const nested = (depth: number) => `<html><body>${'<div>'.repeat(depth)}${ARTICLE}</body></html>`;
const VALUE_ATTACK = 'Value: USD' + ' '.repeat(196) + '1' + ' '.repeat(392) + '!';

// ------------------------------------------------------------------------------------------------ set-up

function freshStore(): string {
  mkdirSync(WORK, { recursive: true });
  const seed = join(WORK, 'seed.db');
  if (!existsSync(seed)) {
    const { store } = Store.open(seed);
    seedStore(store);
    store.close();
  }
  const db = join(WORK, `run-${Date.now()}.db`);
  copyFileSync(seed, db);
  return db;
}

function badImportFile(): string {
  const file = join(WORK, 'bad-300k.jsonl');
  if (!existsSync(file)) writeFileSync(file, Array.from({ length: 300_000 }, (_, i) => `{"type":"x","title":"${i % 10}"}`).join('\n') + '\n');
  return file;
}

function servePages(): Promise<{ server: Server; base: string }> {
  const pages: Record<string, string> = {
    '/nested': nested(1200),
    // Within every cap, yet seconds of Readability and NLP: what the worker's time budget and thread are for.
    '/slow': `<html><body>${'<div>'.repeat(190)}${ARTICLE.repeat(300)}</body></html>`, '/nested-2mb': nested(400_000).slice(0, 2_000_000 - 20) + '</body></html>' };
  const server = createServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

interface Bot {
  slackPort: number;
  loop: { at: number; p99: number; max: number }[];
  stop(): Promise<void>;
}

async function startBot(db: string, slack: FakeSlack, discord: FakeDiscord): Promise<Bot> {
  const child = spawn(process.execPath, ['--import', PROBE, join(BOT_DIR, 'bin/dealbot.js'), '--db', db, '--no-seed', 'start'], {
    cwd: WORK,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-hostile',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: '0',
      SLACK_ADMIN_USER_IDS: ADMIN_SLACK,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_ADMIN_USER_IDS: ADMIN_DISCORD,
      INGEST_ALLOW_PRIVATE_URLS: 'true',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const loop: Bot['loop'] = [];
  let slackPort = 0;
  let discordUp = false;
  let partial = '';
  let tail = '';
  const ready = new Promise<void>((ok, fail) => {
    child.stderr.on('data', (d: Buffer) => {
      tail = (tail + d.toString()).slice(-3000);
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        let rec: Record<string, unknown>;
        try {
          rec = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (rec.probe === 'event-loop') loop.push({ at: Number(rec.at), p99: Number(rec.p99), max: Number(rec.max) });
        if (typeof rec.port === 'number' && String(rec.msg).includes('slack HTTP mode listening')) slackPort = rec.port;
        if (rec.adapter === 'discord' && rec.msg === 'adapter started') discordUp = true;
        if (slackPort && discordUp) ok();
      }
    });
    child.on('exit', (code) => fail(new Error(`the bot exited (${code}) before it was ready:\n${tail}`)));
  });
  await ready;
  return {
    slackPort,
    loop,
    stop: () =>
      new Promise<void>((ok) => {
        child.on('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

// ------------------------------------------------------------------------------------------------ the stream

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function postSlack(port: number, body: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return new Promise((ok) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig } },
      (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      },
    );
    req.on('error', () => ok(0));
    req.end(body);
  });
}

interface Ack {
  sentAt: number;
  ms?: number;
}

const QUESTIONS = ['microsoft activision', 'xiaomi microsoft', 'nvidia arm', 'cisco splunk', 'sony honda', 'broadcom vmware', 'adobe figma', 'google'];

function startStream(bot: Bot, slack: FakeSlack, discord: FakeDiscord): { acks: Ack[]; stop(): Promise<void> } {
  const acks: Ack[] = [];
  const pending: Promise<void>[] = [];
  let n = 0;
  const timer = setInterval(() => {
    const i = n++;
    const ack: Ack = { sentAt: Date.now() };
    acks.push(ack);
    const query = QUESTIONS[i % QUESTIONS.length]!;
    if (i % 2 === 0) {
      const user = `U${String(i % 2000).padStart(5, '0')}`;
      const body = new URLSearchParams({ command: '/deal', text: query, team_id: 'T1', team_domain: 'h', user_id: user, user_name: user, channel_id: `C${i % 50}`, channel_name: 'general', api_app_id: 'A1', response_url: slack.responseUrl(), trigger_id: slack.trigger() }).toString();
      pending.push(postSlack(bot.slackPort, body).then(() => void (ack.ms = Date.now() - ack.sentAt)));
    } else {
      const it: FakeInteraction = discord.command('deal', { query }, discord.member({ id: `81${String(i % 2000).padStart(16, '0')}`, username: `m${i % 2000}` }));
      pending.push(it.response(0, 60_000).then(() => void (ack.ms = Date.now() - ack.sentAt), () => undefined));
    }
  }, 1000 / RATE);
  return {
    acks,
    async stop() {
      clearInterval(timer);
      await Promise.allSettled(pending);
    },
  };
}

// ------------------------------------------------------------------------------------------------ hostile inputs

type Outcome = string;

async function viaDiscordIngest(discord: FakeDiscord, url: string): Promise<Outcome> {
  const i = discord.command('deal-admin', { source: url }, discord.member({ id: ADMIN_DISCORD, username: 'admin' }), 'ingest');
  return describeDiscord(i);
}

async function describeDiscord(i: FakeInteraction): Promise<Outcome> {
  const first = await i.response(0, PHASE_TIMEOUT_MS);
  let last = first;
  if (first.kind === 'callback' && first.type === 5) last = await i.response(1, PHASE_TIMEOUT_MS);
  if (last.kind === 'callback' && last.type === 9) return 'form (drafted)';
  const data = last.kind === 'delete' ? {} : last.kind === 'callback' ? (last.data ?? {}) : last.data;
  return String(data.content ?? JSON.stringify(data).slice(0, 120)).slice(0, 140);
}

async function viaShortcut(slack: FakeSlack, bot: Bot): Promise<Outcome> {
  const text = '&lt;div&gt;'.repeat(1180) + 'Acme agreed to buy Globex for 120 million dollars, the companies said on Tuesday.';
  const payload = {
    type: 'message_action', callback_id: 'save_as_deal', trigger_id: slack.trigger(), token: 'legacy', action_ts: '1.1', message_ts: '1.1',
    user: { id: ADMIN_SLACK, username: 'admin', name: 'admin', team_id: 'T1' }, team: { id: 'T1', domain: 'h' }, channel: { id: 'C1', name: 'general' },
    message: { type: 'message', user: 'U0AUTHOR', ts: '1.1', text }, response_url: slack.responseUrl(),
  };
  const updatesBefore = slack.callsTo('views.update').length;
  const status = await postSlack(bot.slackPort, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  while (slack.callsTo('views.update').length === updatesBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const view = slack.callsTo('views.update').at(-1)?.args.view as { blocks?: { text?: { text?: string } }[] } | undefined;
  const shown = JSON.stringify(view?.blocks ?? []).includes('dealbot_form') ? 'form (drafted)' : (view?.blocks?.map((b) => b.text?.text).filter(Boolean).join(' ') ?? 'no answer');
  return `ack ${status}; modal: ${String(shown).slice(0, 140)}`;
}

async function viaValueForm(discord: FakeDiscord): Promise<Outcome> {
  const admin = discord.member({ id: ADMIN_DISCORD, username: 'admin' });
  const open = discord.command('deal-admin', {}, admin, 'add');
  const r = await open.response(0, 30_000);
  if (r.kind !== 'callback' || r.type !== 9) return `no modal (${r.kind})`;
  const submit = discord.submitModal(r.data!, { title: 'Acme buys Globex', parties: 'Acme (acquirer); Globex (target)', details: VALUE_ATTACK, summary: 'A test.', sources: 'https://example.com/a' }, admin);
  return describeDiscord(submit);
}

function viaImport(db: string): Promise<Outcome> {
  const file = badImportFile();
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', PROBE, join(BOT_DIR, 'bin/dealbot.js'), '--db', db, '--no-seed', 'import', file], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let lines = 0;
    let rss = NaN;
    let head = '';
    let partial = '';
    const started = Date.now();
    child.stderr.on('data', (d: Buffer) => {
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const l of parts) {
        if (l.includes('"probe":"rss"')) rss = (JSON.parse(l) as { maxRssMb: number }).maxRssMb;
        else if (!l.includes('"probe"')) {
          lines++;
          if (lines === 1) head = l.slice(0, 110);
        }
      }
    });
    child.on('exit', (code) => ok(`exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s; ${lines} lines printed; import process peak RSS ${rss.toFixed(0)} MB; "${head}"`));
  });
}

// ------------------------------------------------------------------------------------------------ measuring

const pct = (v: number[], p: number) => {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

interface PhaseResult {
  name: string;
  seconds: number;
  outcome: string;
  acks: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  over3s: number;
  unanswered: number;
  loopP99: number;
  loopMax: number;
  /** Probe windows (250 ms each) whose p99 reached 100 ms, of all windows in the phase. */
  slowWindows: string;
}

async function phase(name: string, run: () => Promise<Outcome>, stream: { acks: Ack[] }, bot: Bot): Promise<PhaseResult> {
  const from = Date.now();
  let outcome: string;
  try {
    outcome = await run();
  } catch (e) {
    outcome = `failed: ${(e as Error).message.slice(0, 120)}`;
  }
  // At least MIN_PHASE_MS of stream per phase (a refusal can take milliseconds), then the last acknowledgements.
  const rest = from + MIN_PHASE_MS - Date.now();
  if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  await new Promise((r) => setTimeout(r, 1500));
  const to = Date.now();
  const acks = stream.acks.filter((a) => a.sentAt >= from && a.sentAt <= to - 1500);
  const ms = acks.filter((a) => a.ms !== undefined).map((a) => a.ms!);
  const windows = bot.loop.filter((w) => w.at >= from && w.at <= to);
  return {
    name,
    seconds: (to - from - 1500) / 1000,
    outcome,
    acks: acks.length,
    ackP50: pct(ms, 50),
    ackP99: pct(ms, 99),
    ackMax: Math.max(...ms),
    over3s: ms.filter((m) => m > 3000).length,
    unanswered: acks.length - ms.length,
    loopP99: Math.max(...windows.map((w) => w.p99)),
    loopMax: Math.max(...windows.map((w) => w.max)),
    slowWindows: `${windows.filter((w) => w.p99 >= 100).length}/${windows.length}`,
  };
}

const f = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');

async function main(): Promise<void> {
  const db = freshStore();
  badImportFile();
  const { server, base } = await servePages();
  const slack = new FakeSlack();
  await slack.start();
  const discord = await FakeDiscord.start();
  const bot = await startBot(db, slack, discord);
  process.stdout.write(`dealbot hostile-input run: bot from ${BOT_DIR}, ${RATE} /deal per second (half Slack, half Discord)\n\n`);
  const stream = startStream(bot, slack, discord);
  const results: PhaseResult[] = [];
  try {
    await new Promise((r) => setTimeout(r, 3000));
    results.push(await phase('baseline (stream only)', () => Promise.resolve('—'), stream, bot));
    results.push(await phase('nested HTML by URL (6 KB, 1,200 <div>s)', () => viaDiscordIngest(discord, `${base}/nested`), stream, bot));
    if (!QUICK) results.push(await phase('nested HTML by URL (2 MB)', () => viaDiscordIngest(discord, `${base}/nested-2mb`), stream, bot));
    results.push(await phase('a page within the caps but slow to read (depth 190, 300 paragraphs)', () => viaDiscordIngest(discord, `${base}/slow`), stream, bot));
    results.push(await phase('Save as deal: 6,000 chars of nested <div>s', () => viaShortcut(slack, bot), stream, bot));
    results.push(await phase('value-parser string in a form submission', () => viaValueForm(discord), stream, bot));
    results.push(await phase('dealbot import: 300k bad records (7.5 MB), same db', () => viaImport(db), stream, bot));
  } finally {
    await stream.stop();
    await bot.stop();
    await slack.stop();
    await discord.close();
    server.close();
    agent.destroy();
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
  }
  process.stdout.write(
    '| hostile input | s | stream acks | ack p50 ms | ack p99 ms | ack max ms | acks > 3 s | unanswered | bot loop delay: worst window p99 ms | max ms | windows p99 ≥ 100 ms |\n|---|---|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const r of results) {
    process.stdout.write(`| ${r.name} | ${r.seconds.toFixed(1)} | ${r.acks} | ${f(r.ackP50)} | ${f(r.ackP99)} | ${f(r.ackMax)} | ${r.over3s} | ${r.unanswered} | ${f(r.loopP99)} | ${f(r.loopMax)} | ${r.slowWindows} |\n`);
  }
  process.stdout.write(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} CPUs)\n`);
  process.stdout.write('\nHow each hostile request was answered:\n');
  for (const r of results.slice(1)) process.stdout.write(`- ${r.name}: ${r.outcome}\n`);
  const bad = results.some((r) => r.over3s > 0 || r.loopP99 >= 100);
  process.stdout.write(`\nfloor (every ack < 3 s, bot event-loop delay p99 < 100 ms in every window): ${bad ? 'NOT met' : 'met'}\n`);
}

await main();
