// A loopback fake of Slack for end-to-end tests: the Web API (views.*, chat.postMessage, auth.test,
// apps.connections.open), response_urls, a driver that sends signed requests to the real Bolt app, and a Socket Mode
// endpoint (FakeSocketMode) that several connections can open at once.
// It enforces Slack's Block Kit limits from src/adapters/slack/limits.ts: a violation is answered the way Slack does
// ({ok:false, error:'invalid_blocks'} / HTTP 400) and recorded, so a test that renders something Slack would refuse fails.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SLACK_LIMITS as L } from '../../src/adapters/slack/limits.ts';

type Json = Record<string, unknown>;

export interface ApiCall {
  method: string;
  args: Json;
}

/** A message the bot posted with chat.postMessage or chat.postEphemeral, as Slack would show it. */
export interface Posted {
  method: 'chat.postMessage' | 'chat.postEphemeral';
  channel: string;
  ts: string;
  /** The thread it went to, if any. */
  threadTs?: string | undefined;
  /** chat.postEphemeral: the only user who sees it. */
  user?: string | undefined;
  args: Json;
}

export interface Responded {
  /** Which response_url received it. */
  id: string;
  body: Json;
}

function plainText(o: unknown, max: number, where: string, problems: string[]): void {
  const t = o as { type?: string; text?: string } | undefined;
  if (!t || typeof t.text !== 'string') return void problems.push(`${where}: missing text object`);
  if (t.type !== 'plain_text') problems.push(`${where}: must be plain_text`);
  if (t.text.length > max) problems.push(`${where}: ${t.text.length} > ${max} characters`);
  if (t.text.length === 0) problems.push(`${where}: empty text`);
}

function textObject(o: unknown, max: number, where: string, problems: string[]): void {
  const t = o as { type?: string; text?: string } | undefined;
  if (!t || typeof t.text !== 'string') return void problems.push(`${where}: missing text object`);
  if (t.text.length > max) problems.push(`${where}: ${t.text.length} > ${max} characters`);
  if (t.text.length === 0) problems.push(`${where}: empty text`);
}

function checkElement(e: Json, where: string, problems: string[]): void {
  if (typeof e.action_id === 'string' && e.action_id.length > L.actionId) problems.push(`${where}: action_id too long`);
  if (e.type === 'button') {
    plainText(e.text, L.buttonText, `${where}.text`, problems);
    if (typeof e.value === 'string' && e.value.length > L.buttonValue) problems.push(`${where}: value ${e.value.length} > ${L.buttonValue}`);
    if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') problems.push(`${where}: bad style`);
  }
  if (e.type === 'plain_text_input') {
    const max = (e.max_length as number | undefined) ?? L.inputMaxLength;
    if (max > L.inputMaxLength) problems.push(`${where}: max_length ${max} > ${L.inputMaxLength}`);
    if (typeof e.initial_value === 'string' && e.initial_value.length > max) problems.push(`${where}: initial_value longer than max_length`);
    if (e.placeholder) plainText(e.placeholder, L.inputPlaceholder, `${where}.placeholder`, problems);
  }
}

/** Slack's checks on a list of blocks, as far as dealbot uses them. Returns the problems found. */
export function checkBlocks(blocks: unknown, maxBlocks: number): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  const actionIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const where = `blocks[${i}](${String(b.type)})`;
    if (typeof b.block_id === 'string' && b.block_id.length > L.blockId) problems.push(`${where}: block_id too long`);
    const elements: Json[] = [];
    switch (b.type) {
      case 'header':
        plainText(b.text, L.headerText, `${where}.text`, problems);
        break;
      case 'section': {
        if (!b.text && !b.fields) problems.push(`${where}: needs text or fields`);
        if (b.text) textObject(b.text, L.sectionText, `${where}.text`, problems);
        const fields = (b.fields as unknown[] | undefined) ?? [];
        if (fields.length > L.sectionFields) problems.push(`${where}: ${fields.length} fields > ${L.sectionFields}`);
        fields.forEach((f, j) => textObject(f, L.fieldText, `${where}.fields[${j}]`, problems));
        if (b.accessory) elements.push(b.accessory as Json);
        break;
      }
      case 'context': {
        const els = (b.elements as Json[] | undefined) ?? [];
        if (els.length === 0 || els.length > L.contextElements) problems.push(`${where}: ${els.length} elements`);
        els.forEach((e, j) => textObject(e, L.contextText, `${where}.elements[${j}]`, problems));
        break;
      }
      case 'actions': {
        const els = (b.elements as Json[] | undefined) ?? [];
        if (els.length === 0 || els.length > L.actionsElements) problems.push(`${where}: ${els.length} elements`);
        elements.push(...els);
        break;
      }
      case 'input':
        plainText(b.label, L.inputLabel, `${where}.label`, problems);
        if (b.hint) plainText(b.hint, L.inputHint, `${where}.hint`, problems);
        if (!b.block_id) problems.push(`${where}: input without block_id`);
        elements.push(b.element as Json);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unknown block type`);
    }
    elements.forEach((e, j) => {
      checkElement(e, `${where}.elements[${j}]`, problems);
      const id = `${String(b.block_id ?? i)}/${String(e.action_id)}`;
      if (typeof e.action_id === 'string') {
        if (actionIds.has(`${e.action_id}`) && b.type === 'actions') problems.push(`${where}: duplicate action_id ${e.action_id}`);
        actionIds.add(`${e.action_id}`);
      }
      void id;
    });
  });
  return problems;
}

export function checkView(view: unknown): string[] {
  const v = view as Json | undefined;
  if (!v || typeof v !== 'object') return ['view is missing'];
  const problems = checkBlocks(v.blocks, L.viewBlocks);
  if (v.type === 'modal') {
    plainText(v.title, L.viewTitle, 'title', problems);
    if (v.submit) plainText(v.submit, L.viewSubmit, 'submit', problems);
    if (v.close) plainText(v.close, L.viewClose, 'close', problems);
    if (v.blocks && (v.blocks as Json[]).some((b) => b.type === 'input') && !v.submit) problems.push('a modal with inputs needs submit');
  } else if (v.type !== 'home') problems.push(`unknown view type ${String(v.type)}`);
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > L.privateMetadata) {
    problems.push(`private_metadata ${v.private_metadata.length} > ${L.privateMetadata}`);
  }
  return problems;
}

export function checkMessage(m: Json): string[] {
  const problems: string[] = [];
  if (m.delete_original) return problems;
  if (typeof m.text !== 'string' || m.text.length === 0) problems.push('message without fallback text');
  else if (m.text.length > L.messageText) problems.push('message text too long');
  if (m.blocks !== undefined) problems.push(...checkBlocks(m.blocks, L.messageBlocks));
  return problems;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface FakeSlackOptions {
  /** Channels the bot is a member of (chat.postMessage works there; elsewhere: not_in_channel). */
  memberOf?: string[];
  /** apps.connections.open answers with this WebSocket URL (Socket Mode). */
  socketUrl?: string;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responded: Responded[] = [];
  /** Everything Slack would have refused. A passing test expects this to stay empty. */
  readonly violations: string[] = [];
  readonly views = new Map<string, Json>();
  readonly published = new Map<string, Json>();
  private readonly triggers = new Map<string, { issued: number; used: boolean }>();
  /** Messages the bot posted (chat.postMessage, chat.postEphemeral), in order. */
  readonly posted: Posted[] = [];
  /** Message timestamps per channel: what users wrote (delivered as events) and what the bot posted. */
  private readonly messageTs = new Map<string, Set<string>>();
  private tsSeq = 0;
  /** While true, Web API calls get their connection reset, as if Slack were unreachable. */
  unreachable = false;
  /**
   * Faults to inject, first in first out: the next response_url posts (or calls of a Web API method) are answered
   * with this status (and Retry-After, in seconds) instead of being accepted.
   */
  readonly faults: { target: 'respond' | string; status: number; retryAfter?: number }[] = [];
  /** Every response_url post and Web API call refused by an injected fault, in order. */
  readonly faulted: { target: string; status: number }[] = [];
  private server: Server | undefined;
  private viewSeq = 0;
  port = 0;

  constructor(readonly opts: FakeSlackOptions = {}) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A new response_url for one interaction. */
  responseUrl(id: string = randomUUID()): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** A trigger id as Slack issues one with each interaction: valid 3 s, once. */
  trigger(): string {
    const id = `T${randomUUID().replace(/-/g, '')}`;
    this.triggers.set(id, { issued: Date.now(), used: false });
    return id;
  }

  /** A new message timestamp, unique and in Slack's "seconds.micro" form. */
  nextTs(): string {
    this.tsSeq++;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsSeq).padStart(6, '0')}`;
  }

  /** Records a message a user wrote in `channel` (so a reply can thread under it) and returns its ts. */
  userMessage(channel: string, threadTs?: string): string {
    if (threadTs !== undefined && !this.messageTs.get(channel)?.has(threadTs)) throw new Error(`no message ${threadTs} in ${channel}`);
    const ts = this.nextTs();
    this.remember(channel, ts);
    return ts;
  }

  /** Posted messages in a channel (optionally only those in one thread). */
  postsIn(channel: string, threadTs?: string): Posted[] {
    return this.posted.filter((p) => p.channel === channel && (threadTs === undefined || p.threadTs === threadTs));
  }

  private remember(channel: string, ts: string): void {
    let set = this.messageTs.get(channel);
    if (!set) this.messageTs.set(channel, (set = new Set()));
    set.add(ts);
  }

  /** The bot can post in channels it joined and in its DMs (D…), as Slack allows. */
  private canPost(channel: string): boolean {
    return (this.opts.memberOf ?? []).includes(channel) || /^D[A-Z0-9]+$/.test(channel);
  }

  /** Slack refuses a thread_ts that is not a message in that channel. */
  private threadProblem(channel: string, threadTs: unknown): string | undefined {
    if (threadTs === undefined || threadTs === '') return undefined;
    if (typeof threadTs !== 'string' || !/^\d+\.\d+$/.test(threadTs)) return 'invalid_thread_ts';
    return this.messageTs.get(channel)?.has(threadTs) ? undefined : 'thread_not_found';
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  respondedTo(id: string): Json[] {
    return this.responded.filter((r) => r.id === id).map((r) => r.body);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void (async () => {
        const raw = await readBody(req);
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const send = (status: number, body: Json) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const fault = (target: string): boolean => {
          const i = this.faults.findIndex((f) => f.target === target);
          if (i < 0) return false;
          const [f] = this.faults.splice(i, 1);
          this.faulted.push({ target, status: f!.status });
          res.writeHead(f!.status, { 'content-type': 'application/json', ...(f!.retryAfter !== undefined ? { 'retry-after': String(f!.retryAfter) } : {}) });
          res.end(JSON.stringify({ ok: false, error: f!.status === 429 ? 'ratelimited' : 'internal_error' }));
          return true;
        };
        if (url.pathname.startsWith('/respond/')) {
          if (fault('respond')) return;
          const id = url.pathname.slice('/respond/'.length);
          const body = JSON.parse(raw) as Json;
          const problems = checkMessage(body);
          if (problems.length) {
            this.violations.push(...problems.map((p) => `response_url: ${p}`));
            res.writeHead(400);
            res.end('invalid_blocks');
            return;
          }
          this.responded.push({ id, body });
          send(200, { ok: true });
          return;
        }
        if (url.pathname.startsWith('/api/')) {
          if (this.unreachable) return void req.socket.destroy();
          const method = url.pathname.slice('/api/'.length);
          if (fault(method)) return;
          const args = parseArgs(req.headers['content-type'] ?? '', raw);
          this.calls.push({ method, args });
          send(200, this.api(method, args));
          return;
        }
        res.writeHead(404);
        res.end();
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private useTrigger(id: unknown): string | undefined {
    const t = typeof id === 'string' ? this.triggers.get(id) : undefined;
    if (!t) return 'invalid_trigger_id';
    if (t.used || Date.now() - t.issued > L.triggerIdTtlMs) return 'expired_trigger_id';
    t.used = true;
    return undefined;
  }

  private refuse(method: string, problems: string[]): Json {
    this.violations.push(...problems.map((p) => `${method}: ${p}`));
    return { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } };
  }

  private api(method: string, args: Json): Json {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: FAKE_BOT_USER_ID, bot_id: 'BBOT', team: 'Test team', user: 'dealbot' };
      case 'apps.connections.open':
        return this.opts.socketUrl ? { ok: true, url: this.opts.socketUrl } : { ok: false, error: 'not_allowed' };
      case 'views.open':
      case 'views.push': {
        const view = args.view as Json;
        const problems = checkView(view);
        if (problems.length) return this.refuse(method, problems);
        const bad = this.useTrigger(args.trigger_id);
        if (bad) {
          this.violations.push(`${method}: ${bad}`);
          return { ok: false, error: bad };
        }
        const id = `V${++this.viewSeq}`;
        this.views.set(id, view);
        return { ok: true, view: { ...view, id } };
      }
      case 'views.update': {
        const view = args.view as Json;
        const problems = checkView(view);
        if (problems.length) return this.refuse(method, problems);
        const id = String(args.view_id);
        if (!this.views.has(id)) return { ok: false, error: 'not_found' };
        this.views.set(id, view);
        return { ok: true, view: { ...view, id } };
      }
      case 'views.publish': {
        const view = args.view as Json;
        const problems = checkView(view);
        if (view?.type !== 'home') problems.push('views.publish needs a home view');
        if (problems.length) return this.refuse(method, problems);
        this.published.set(String(args.user_id), view);
        return { ok: true, view: { ...view, id: `VH${String(args.user_id)}` } };
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const problems = checkMessage(args);
        if (problems.length) return this.refuse(method, problems);
        const channel = String(args.channel);
        if (!this.canPost(channel)) return { ok: false, error: 'not_in_channel' };
        if (method === 'chat.postEphemeral' && (typeof args.user !== 'string' || !args.user)) {
          this.violations.push(`${method}: no user`);
          return { ok: false, error: 'user_not_in_channel' };
        }
        const bad = this.threadProblem(channel, args.thread_ts);
        if (bad) {
          this.violations.push(`${method}: ${bad} (${String(args.thread_ts)})`);
          return { ok: false, error: bad };
        }
        const ts = this.nextTs();
        const threadTs = typeof args.thread_ts === 'string' && args.thread_ts ? args.thread_ts : undefined;
        this.posted.push({ method, channel, ts, threadTs, user: method === 'chat.postEphemeral' ? String(args.user) : undefined, args });
        if (method === 'chat.postEphemeral') return { ok: true, message_ts: ts };
        this.remember(channel, ts);
        return { ok: true, channel, ts, message: { type: 'message', ts, text: args.text, ...(threadTs ? { thread_ts: threadTs } : {}) } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** Web API bodies are form-encoded with JSON in `view`/`blocks`, or JSON. */
function parseArgs(contentType: string, raw: string): Json {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Json;
  const out: Json = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if ((k === 'view' || k === 'blocks' || k === 'attachments') && v.startsWith('[') !== v.startsWith('{')) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // keep as string
      }
    }
    out[k] = v;
  }
  return out;
}

// ------------------------------------------------------------------------------------------- signed requests

export interface SignedResponse {
  status: number;
  body: string;
  json(): Json;
}

/** Sends requests to the app's /slack/events the way Slack does: form bodies, signed with the signing secret. */
export class SlackDriver {
  constructor(
    readonly appUrl: string,
    readonly signingSecret: string,
  ) {}

  sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = this.signingSecret): Record<string, string> {
    const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
    return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sig };
  }

  async post(
    body: string,
    contentType: string,
    opts: { timestamp?: number; secret?: string; headers?: Record<string, string> } = {},
  ): Promise<SignedResponse> {
    const res = await fetch(`${this.appUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...this.sign(body, opts.timestamp, opts.secret), ...opts.headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text, json: () => JSON.parse(text) as Json };
  }

  slash(
    fields: { command: string; text: string; user_id: string; channel_id: string; response_url: string; trigger_id: string; channel_name?: string },
    opts: { timestamp?: number; secret?: string } = {},
  ): Promise<SignedResponse> {
    const body = new URLSearchParams({ team_id: 'T1', team_domain: 'test', user_name: fields.user_id.toLowerCase(), api_app_id: 'A1', channel_name: 'general', ...fields }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', opts);
  }

  interaction(payload: Json, opts: { timestamp?: number; secret?: string } = {}): Promise<SignedResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', opts);
  }

  event(event: Json, opts: { retryNum?: number; eventId?: string } = {}): Promise<SignedResponse> {
    const body = JSON.stringify(eventCallback(event, opts.eventId));
    const headers: Record<string, string> = opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
    return this.post(body, 'application/json', { headers });
  }
}

/** An Events API envelope (event_callback) as Slack sends it over HTTP, or inside a Socket Mode events_api envelope. */
export function eventCallback(event: Json, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`): Json {
  return {
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: 'T1', user_id: FAKE_BOT_USER_ID, is_bot: true }],
  };
}

/** The bot's user id in the fake workspace (auth.test answers it; events name it in `authorizations`). */
export const FAKE_BOT_USER_ID = 'UBOT';

/** An app_mention event: `text` as the user typed it, e.g. `<@UBOT> who bought github`. */
export function appMention(fields: { user: string; channel: string; ts: string; text: string; threadTs?: string; botId?: string; subtype?: string }): Json {
  return {
    type: 'app_mention',
    user: fields.user,
    text: fields.text,
    ts: fields.ts,
    channel: fields.channel,
    event_ts: fields.ts,
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    ...(fields.botId ? { bot_id: fields.botId } : {}),
    ...(fields.subtype ? { subtype: fields.subtype } : {}),
  };
}

/** A message event; `channelType: 'im'` for a direct message to the bot. */
export function messageEvent(fields: {
  user?: string;
  channel: string;
  ts: string;
  text: string;
  channelType?: 'im' | 'channel' | 'group' | 'mpim';
  threadTs?: string;
  subtype?: string;
  botId?: string;
}): Json {
  return {
    type: 'message',
    ...(fields.subtype ? { subtype: fields.subtype } : {}),
    ...(fields.user ? { user: fields.user } : {}),
    text: fields.text,
    ts: fields.ts,
    channel: fields.channel,
    event_ts: fields.ts,
    channel_type: fields.channelType ?? 'im',
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    ...(fields.botId ? { bot_id: fields.botId } : {}),
  };
}

/** Mentions and broadcasts Slack would turn into pings in a message's mrkdwn (and its notification text). */
export function pingsIn(message: Json): string[] {
  const texts = [...mrkdwnTexts(message.blocks), typeof message.text === 'string' ? message.text : ''];
  return texts.flatMap((t) => [...t.matchAll(/<(?:@[UW]|!|#C)[^>]*>/g)].map((m) => m[0]));
}

/** A block_actions payload for pressing `button` (an element from a rendered message or view). */
export function buttonPress(
  button: Json,
  ctx: { user: string; channel?: string; responseUrl?: string; triggerId: string; messageTs?: string; view?: Json },
): Json {
  return {
    type: 'block_actions',
    user: { id: ctx.user, username: ctx.user.toLowerCase(), name: ctx.user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    team: { id: 'T1', domain: 'test' },
    trigger_id: ctx.triggerId,
    ...(ctx.channel ? { channel: { id: ctx.channel, name: 'general' } } : {}),
    ...(ctx.responseUrl ? { response_url: ctx.responseUrl } : {}),
    container: ctx.view
      ? { type: 'view', view_id: ctx.view.id }
      : { type: 'message', message_ts: ctx.messageTs ?? '1.0', channel_id: ctx.channel, is_ephemeral: true },
    ...(ctx.view ? { view: ctx.view } : {}),
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'b', value: button.value, text: button.text, action_ts: `${Date.now() / 1000}${Math.random()}` }],
  };
}

/** Every button in a list of blocks (accessories and actions elements). */
export function buttonsIn(blocks: unknown): Json[] {
  const out: Json[] = [];
  for (const b of (blocks as Json[] | undefined) ?? []) {
    if (b.accessory && (b.accessory as Json).type === 'button') out.push(b.accessory as Json);
    if (b.type === 'actions') out.push(...((b.elements as Json[]).filter((e) => e.type === 'button')));
  }
  return out;
}

export function buttonLabelled(blocks: unknown, label: string | RegExp): Json {
  const found = buttonsIn(blocks).find((b) => {
    const t = (b.text as { text: string }).text;
    return typeof label === 'string' ? t === label : label.test(t);
  });
  if (!found) throw new Error(`no button labelled ${String(label)} in ${JSON.stringify(buttonsIn(blocks).map((b) => (b.text as Json).text))}`);
  return found;
}

/** All the text a user could read in some blocks (for escaping assertions). */
export function allText(x: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') return;
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Json;
      if (typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(x);
  return out;
}

/** Only the mrkdwn texts (the ones Slack parses for mentions and links); plain_text is shown as typed. */
export function mrkdwnTexts(x: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(x);
  return out;
}

/** A view_submission payload for `view` (as opened through views.open) with these values typed into its inputs. */
export function viewSubmission(viewId: string, view: Json, user: string, values: Record<string, string>): Json {
  const state: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const b of view.blocks as Json[]) {
    if (b.type !== 'input') continue;
    const id = b.block_id as string;
    const initial = ((b.element as Json).initial_value as string | undefined) ?? null;
    state[id] = { value: { type: 'plain_text_input', value: values[id] ?? initial } };
  }
  return {
    type: 'view_submission',
    team: { id: 'T1', domain: 'test' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: 'unused',
    view: {
      ...view,
      id: viewId,
      team_id: 'T1',
      app_id: 'A1',
      bot_id: 'BBOT',
      hash: 'h1',
      state: { values: state },
      root_view_id: viewId,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
    },
  };
}

// ------------------------------------------------------------------------------------------- Socket Mode

export interface SocketAck {
  /** Which connection (in the order they opened) sent the acknowledgement. */
  connection: number;
  envelopeId: string;
  payload: Json | undefined;
  /** Milliseconds after the envelope was sent. */
  afterMs: number;
}

/**
 * Slack's side of Socket Mode: the WebSocket URL that apps.connections.open hands out (FakeSlack's `socketUrl`).
 * Each connection gets `hello`; envelopes go to the connections a test names (Slack sends each to one, but a retry
 * may land on another, and the test can send the same envelope to several). Refused and recorded as Slack would:
 * more than 10 connections at once, an acknowledgement of an envelope never sent, and one later than 3 s;
 * `unacknowledged()` lists envelopes nobody acknowledged in time.
 */
export class FakeSocketMode {
  private wss: WebSocketServer | undefined;
  /** Open connections, in the order they were opened. */
  readonly connections: WebSocket[] = [];
  readonly acks: SocketAck[] = [];
  readonly violations: string[] = [];
  private readonly sentAt = new Map<string, number>();

  get url(): string {
    const addr = this.wss?.address() as AddressInfo | undefined;
    return `ws://127.0.0.1:${addr?.port ?? 0}/`;
  }

  async start(): Promise<void> {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.wss = wss;
    await new Promise<void>((r) => wss.once('listening', () => r()));
    wss.on('connection', (ws) => {
      const open = this.connections.filter((c) => c.readyState === c.OPEN);
      if (open.length >= L.socketConnections) {
        this.violations.push(`socket: more than ${L.socketConnections} connections`);
        ws.close(1008, 'too_many_websockets');
        return;
      }
      const index = this.connections.push(ws) - 1;
      ws.on('message', (m) => this.onAck(index, String(m)));
      ws.send(JSON.stringify({ type: 'hello', num_connections: open.length + 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'test' } }));
    });
  }

  private onAck(connection: number, raw: string): void {
    let msg: Json;
    try {
      msg = JSON.parse(raw) as Json;
    } catch {
      this.violations.push(`socket: unreadable message from connection ${connection}`);
      return;
    }
    const envelopeId = String(msg.envelope_id ?? '');
    const sent = this.sentAt.get(envelopeId);
    if (sent === undefined) {
      this.violations.push(`socket: ack of unknown envelope ${envelopeId}`);
      return;
    }
    const afterMs = Date.now() - sent;
    if (afterMs > L.ackMs) this.violations.push(`socket: envelope ${envelopeId} acknowledged after ${afterMs} ms`);
    this.acks.push({ connection, envelopeId, payload: msg.payload as Json | undefined, afterMs });
  }

  /** Sends one envelope to the given connections (all open ones by default). */
  send(envelope: Json & { envelope_id: string }, to?: number[]): void {
    this.sentAt.set(envelope.envelope_id, Date.now());
    const targets = to ?? this.connections.map((_, i) => i);
    for (const i of targets) this.connections[i]!.send(JSON.stringify(envelope));
  }

  /** Envelopes sent more than 3 s ago that no connection has acknowledged. */
  unacknowledged(): string[] {
    const now = Date.now();
    return [...this.sentAt].filter(([id, at]) => now - at > L.ackMs && !this.acks.some((a) => a.envelopeId === id)).map(([id]) => id);
  }

  acksOf(envelopeId: string): SocketAck[] {
    return this.acks.filter((a) => a.envelopeId === envelopeId);
  }

  async stop(): Promise<void> {
    for (const c of this.connections) c.terminate();
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
  }
}

/** An events_api envelope carrying `event` (retry_attempt 0 unless a retry). */
export function eventsEnvelope(envelopeId: string, event: Json, opts: { eventId?: string; retryAttempt?: number } = {}): Json & { envelope_id: string } {
  return {
    envelope_id: envelopeId,
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: opts.retryAttempt ?? 0,
    retry_reason: opts.retryAttempt ? 'timeout' : '',
    payload: eventCallback(event, opts.eventId),
  };
}

/** A slash_commands envelope. */
export function slashEnvelope(
  envelopeId: string,
  fields: { command: string; text: string; user_id: string; channel_id: string; response_url: string; trigger_id: string },
): Json & { envelope_id: string } {
  return {
    envelope_id: envelopeId,
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: { team_id: 'T1', team_domain: 'test', user_name: fields.user_id.toLowerCase(), api_app_id: 'A1', channel_name: 'general', ...fields },
  };
}
