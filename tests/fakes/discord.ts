// A strict fake of Discord on 127.0.0.1: REST (node:http) and the gateway (ws), enough for the real discord.js
// Client to log in, receive interactions and answer them. It refuses, with Discord-like 400 JSON, what Discord
// refuses (limits, a second initial response, a late one) and records every violation so a test can fail on it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';
import { DISCORD_LIMITS as L } from '../../src/adapters/discord/limits.ts';

export interface Violation {
  where: string;
  message: string;
}

export interface FakeUser {
  id: string;
  username: string;
}

export interface FakeMember {
  user: FakeUser;
  roles?: string[];
  /** Permission bitfield as Discord sends it (a decimal string). */
  permissions?: string;
  /** The server the interaction comes from (default: the fake's guildId), e.g. a stranger's server the bot was added to. */
  guildId?: string;
}

/** What the bot sent for one interaction, in order. */
export type FakeResponse =
  | { kind: 'callback'; type: number; data: Record<string, unknown> | undefined; body: Record<string, unknown> }
  | { kind: 'edit'; data: Record<string, unknown> }
  | { kind: 'followup'; data: Record<string, unknown> }
  | { kind: 'delete' };

export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Record<string, unknown>[];
  components: Record<string, unknown>[];
  flags: number;
  [k: string]: unknown;
}

const EPOCH = 1420070400000n;
let counter = 0n;
function snowflake(at = Date.now()): string {
  counter = (counter + 1n) % 4096n;
  return (((BigInt(at) - EPOCH) << 22n) | counter).toString();
}

export class FakeInteraction {
  readonly responses: FakeResponse[] = [];
  readonly events = new EventEmitter();
  /** The message the first response created (or the component's message it updates). */
  original?: FakeMessage;
  readonly sentAt = Date.now();
  /** The shards the gateway delivered it to (exactly the one owning its server, if that shard is connected). */
  deliveredTo: number[] = [];
  constructor(
    readonly id: string,
    readonly token: string,
    readonly type: number,
    readonly payload: Record<string, unknown>,
  ) {}

  push(r: FakeResponse): void {
    this.responses.push(r);
    this.events.emit('response');
  }

  /** Waits until the bot has sent at least `index + 1` responses; returns that one. */
  async response(index = 0, timeoutMs = 5_000): Promise<FakeResponse> {
    const deadline = Date.now() + timeoutMs;
    while (this.responses.length <= index) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`interaction ${this.id}: no response #${index} within ${timeoutMs} ms (got ${JSON.stringify(this.responses)})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.events.once('response', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.responses[index]!;
  }
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  /**
   * List the guild in READY and send its GUILD_CREATE (with the channel and these roles), as Discord does for a bot
   * that is in a server. Needed for server messages: discord.js drops a message whose guild it does not know.
   */
  guild?: { roles?: { id: string; name: string; permissions?: string }[] };
  /** Privileged intents the application may use (Developer Portal switches). Others in IDENTIFY: close 4014. */
  privilegedIntents?: number;
  /** Channel permissions the bot lacks there: its replies are refused with 50013 Missing Permissions. */
  missingPermissions?: ('SendMessages' | 'ReadMessageHistory')[];
  /** Users whose DMs are closed: creating a DM works, sending in it gets 50007. */
  closedDms?: string[];
  /**
   * Every server the bot is in (listed in READY and sent as GUILD_CREATE to the shard that owns it). Default: the
   * one server of `guild`, when given. Each server's events go only to its shard: (guild_id >> 22) % shard count.
   */
  guildIds?: string[];
  /** The shard count `GET /gateway/bot` recommends (default 1). */
  shards?: number;
  /** session_start_limit.max_concurrency: how many identify buckets share the 5-second window (default 1). */
  maxConcurrency?: number;
  /** Refuse (close 4011 Sharding required) an IDENTIFY whose shard count is below the recommended one. */
  shardingRequired?: boolean;
}

/** Discord's identify rate limit: one IDENTIFY per bucket (shard_id % max_concurrency) per 5 seconds. */
export const IDENTIFY_WINDOW_MS = 5_000;

/** The shard Discord routes a server's events to. Direct messages go to shard 0. */
export function shardOf(guildId: string | undefined, shardCount: number): number {
  if (!guildId) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** One gateway session that identified (a shard of a client). */
export interface FakeSession {
  shard: [number, number];
  intents: number;
  identifiedAt: number;
  /** The interactions and messages dispatched to it, by id. */
  received: string[];
}

/** Gateway intent bits the fake checks. */
export const INTENT = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;
const PRIVILEGED = INTENT.GuildMembers | INTENT.GuildPresences | INTENT.MessageContent;

/** A message the bot sent with POST /channels/{id}/messages. */
export interface FakeChannelPost {
  channelId: string;
  body: Record<string, unknown>;
  message: FakeMessage;
}

export class FakeDiscord {
  readonly violations: Violation[] = [];
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  readonly registrations: { path: string; body: unknown }[] = [];
  readonly messages = new Map<string, FakeMessage>();
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly botUser = { id: '900000000000000001', username: 'dealbot', discriminator: '0', avatar: null, bot: true, global_name: null };
  identified = 0;
  /** The intents of every IDENTIFY, in order. */
  readonly identifies: number[] = [];
  /** Messages the bot posted in channels (replies to questions, DMs). */
  readonly channelPosts: FakeChannelPost[] = [];
  /** DM channels the bot opened, by user id. */
  readonly dmChannels = new Map<string, string>();
  /** Every session that identified, oldest first (closed ones too). */
  readonly sessions: FakeSession[] = [];
  /** Emits 'identify' (FakeSession) when a session is ready, and 'refused' ({ shard, reason }) when one is refused. */
  readonly gateway = new EventEmitter();
  private readonly live = new Map<WebSocket, FakeSession>();
  /** When each identify bucket last accepted an IDENTIFY. */
  private readonly lastIdentify = new Map<number, number>();
  private readonly opts: FakeDiscordOptions;
  /**
   * Faults to inject, first in first out: the next initial response ('callback') or follow-up/edit ('webhook') is
   * answered with this status (and Retry-After, in seconds) and not taken, as Discord does when it has trouble.
   */
  readonly faults: { target: 'callback' | 'webhook'; status: number; retryAfter?: number }[] = [];
  readonly faulted: { target: string; status: number }[] = [];
  private readonly interactions = new Map<string, FakeInteraction>();
  private readonly byToken = new Map<string, FakeInteraction>();
  private readonly sockets = new Set<WebSocket>();
  private seq = 1;
  private server!: Server;
  private wss!: WebSocketServer;
  port = 0;

  private constructor(opts: FakeDiscordOptions) {
    this.opts = opts;
    this.token = opts.token ?? 'fake-token-good';
    this.applicationId = opts.applicationId ?? '900000000000000002';
    this.guildId = opts.guildId ?? '900000000000000003';
    this.channelId = opts.channelId ?? '900000000000000004';
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const f = new FakeDiscord(opts);
    f.server = createServer((req, res) => void f.onHttp(req, res));
    f.wss = new WebSocketServer({ noServer: true });
    f.server.on('upgrade', (req, socket, head) => {
      f.wss.handleUpgrade(req, socket, head, (ws) => f.onSocket(ws));
    });
    await new Promise<void>((resolve) => f.server.listen(0, '127.0.0.1', resolve));
    f.port = (f.server.address() as AddressInfo).port;
    return f;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.gateway.removeAllListeners();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- gateway ---------------------------------------------------------------------------------------------

  /** The servers the bot is in. */
  get guilds(): string[] {
    return this.opts.guildIds ?? (this.opts.guild ? [this.guildId] : []);
  }

  get recommendedShards(): number {
    return this.opts.shards ?? 1;
  }

  /** The live sessions of shard `id` (normally one). */
  liveSessions(id?: number): FakeSession[] {
    return [...this.live.values()].filter((s) => id === undefined || s.shard[0] === id);
  }

  /** Resolves with the next session of shard `id` to identify after now (or already live, with `live: true`). */
  nextSession(id: number, opts: { live?: boolean; timeoutMs?: number } = {}): Promise<FakeSession> {
    const existing = opts.live ? this.liveSessions(id)[0] : undefined;
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.gateway.off('identify', on);
        reject(new Error(`shard ${id} did not identify within ${opts.timeoutMs ?? 60_000} ms`));
      }, opts.timeoutMs ?? 60_000);
      const on = (s: FakeSession) => {
        if (s.shard[0] !== id) return;
        clearTimeout(timer);
        this.gateway.off('identify', on);
        resolve(s);
      };
      this.gateway.on('identify', on);
    });
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.live.delete(ws);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null }));
    ws.on('message', (raw) => {
      let msg: { op: number; d: Record<string, unknown> };
      try {
        msg = JSON.parse(String(raw)) as typeof msg;
      } catch {
        this.violate('gateway', 'a frame that is not JSON');
        return;
      }
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (msg.op === 2) this.onIdentify(ws, msg.d);
    });
  }

  private onIdentify(ws: WebSocket, d: Record<string, unknown>): void {
    if (d.token !== this.token) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    const intents = Number(d.intents ?? 0);
    this.identifies.push(intents);
    const disallowed = intents & PRIVILEGED & ~(this.opts.privilegedIntents ?? 0);
    if (disallowed) {
      ws.close(4014, 'Disallowed intent(s).');
      return;
    }
    const raw = d.shard;
    const shard: [number, number] = Array.isArray(raw) ? [Number(raw[0]), Number(raw[1])] : [0, 1];
    const [id, count] = shard;
    if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
      this.refuseSession(ws, shard, `invalid shard ${JSON.stringify(raw)}`);
      ws.close(4010, 'Invalid shard.');
      return;
    }
    if (this.opts.shardingRequired && count < this.recommendedShards) {
      this.refuseSession(ws, shard, `sharding required: ${count} shard(s) for ${this.recommendedShards} recommended`);
      ws.close(4011, 'Sharding required.');
      return;
    }
    // Discord allows one IDENTIFY per bucket per 5 s, whichever process or machine sends it; a faster one gets an
    // Invalid Session (op 9, not resumable) and the client must identify again later.
    const bucket = id % (this.opts.maxConcurrency ?? 1);
    const now = Date.now();
    const last = this.lastIdentify.get(bucket);
    if (last !== undefined && now - last < IDENTIFY_WINDOW_MS) {
      this.violate('gateway', `IDENTIFY of shard [${id}, ${count}] ${now - last} ms after the previous one in bucket ${bucket} (Discord allows one per ${IDENTIFY_WINDOW_MS} ms)`);
      this.refuseSession(ws, shard, 'identify rate limit');
      ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    this.lastIdentify.set(bucket, now);
    this.identified++;
    const session: FakeSession = { shard, intents, identifiedAt: now, received: [] };
    this.sessions.push(session);
    this.live.set(ws, session);
    const mine = this.guilds.filter((g) => shardOf(g, count) === id);
    ws.send(
      JSON.stringify({
        op: 0,
        t: 'READY',
        s: this.seq++,
        d: {
          v: 10,
          user: this.botUser,
          guilds: mine.map((g) => ({ id: g, unavailable: true })),
          session_id: randomBytes(8).toString('hex'),
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          application: { id: this.applicationId, flags: 0 },
          shard,
        },
      }),
    );
    for (const g of mine) ws.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: this.seq++, d: this.guildPayload(g) }));
    this.gateway.emit('identify', session);
  }

  private refuseSession(_ws: WebSocket, shard: [number, number], reason: string): void {
    this.gateway.emit('refused', { shard, reason });
  }

  /** The channel of a server (the fake's own channelId for its main server). */
  channelOf(guildId: string): string {
    return guildId === this.guildId ? this.channelId : (BigInt(guildId) + 1n).toString();
  }

  private guildPayload(guildId = this.guildId): Record<string, unknown> {
    const roles = [{ id: guildId, name: '@everyone', permissions: '0' }, ...(this.opts.guild?.roles ?? [])].map((r) => ({
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      managed: false,
      mentionable: false,
      flags: 0,
      permissions: '0',
      ...r,
    }));
    return {
      id: guildId,
      name: guildId === this.guildId ? 'Test server' : `Test server ${guildId.slice(-4)}`,
      icon: null,
      owner_id: '800000000000000099',
      unavailable: false,
      member_count: 3,
      large: false,
      joined_at: new Date().toISOString(),
      features: [],
      roles,
      emojis: [],
      stickers: [],
      channels: [{ id: this.channelOf(guildId), type: 0, guild_id: guildId, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null }],
      threads: [],
      members: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      premium_tier: 0,
      preferred_locale: 'en-US',
      system_channel_flags: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
    };
  }

  /** The DM channel id between the bot and a user (the same one every time, as on Discord). */
  dmChannelOf(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  /**
   * A user writes a message: in the server channel, or in their DM with the bot (`dm: true`). `mentions` are the
   * users it mentions (write `<@id>` in `content` for them). Delivered as Discord would to this session: only with
   * the GuildMessages / DirectMessages intent, and with the content emptied unless the bot has Message Content, is
   * mentioned, or it is a DM.
   */
  userMessage(
    author: FakeUser & { bot?: boolean },
    content: string,
    opts: { dm?: boolean; mentions?: (FakeUser & { bot?: boolean })[]; roles?: string[]; replyTo?: FakeMessage; mentionEveryone?: boolean } = {},
  ): FakeMessage {
    const dm = opts.dm === true;
    const channelId = dm ? this.dmChannelOf(author.id) : this.channelId;
    const user = (u: FakeUser & { bot?: boolean }) => ({ discriminator: '0', avatar: null, global_name: null, ...u });
    const mentions = (opts.mentions ?? []).map(user);
    const mentionsBot = mentions.some((m) => m.id === this.botUser.id);
    const m: FakeMessage = {
      id: snowflake(),
      channel_id: channelId,
      ...(dm ? {} : { guild_id: this.guildId, member: { roles: opts.roles ?? [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null, avatar: null } }),
      channel_type: dm ? 1 : 0,
      type: opts.replyTo ? 19 : 0,
      author: user(author),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: opts.mentionEveryone === true,
      mentions,
      mention_roles: [],
      attachments: [],
      pinned: false,
      content,
      embeds: [],
      components: [],
      flags: 0,
      ...(opts.replyTo ? { message_reference: { message_id: opts.replyTo.id, channel_id: opts.replyTo.channel_id, type: 0 } } : {}),
    };
    this.messages.set(m.id, m);
    const needed = dm ? INTENT.DirectMessages : INTENT.GuildMessages;
    this.dispatch('MESSAGE_CREATE', dm ? undefined : this.guildId, m.id, (session) => {
      if (!(session.intents & needed)) return undefined;
      const seesContent = dm || mentionsBot || author.id === this.botUser.id || (session.intents & INTENT.MessageContent) !== 0;
      return seesContent ? m : { ...m, content: '', embeds: [], attachments: [], components: [] };
    });
    return m;
  }

  /** Messages the bot posted in a channel, oldest first. */
  postsIn(channelId: string): FakeChannelPost[] {
    return this.channelPosts.filter((p) => p.channelId === channelId);
  }

  /**
   * Sends an event to the session of the shard that owns `guildId` (shard 0 for DMs), as Discord routes them: never
   * to the other shards. `d` may depend on the session (its intents); undefined: not sent to it. Returns the shard
   * ids it went to (none when that shard is not connected: the event is lost, as on Discord).
   */
  private dispatch(t: string, guildId: string | undefined, id: string, d: (session: FakeSession) => unknown): number[] {
    const to: number[] = [];
    for (const [ws, session] of this.live) {
      if (session.shard[0] !== shardOf(guildId, session.shard[1])) continue;
      const data = d(session);
      if (data === undefined) continue;
      ws.send(JSON.stringify({ op: 0, t, s: this.seq++, d: data }));
      session.received.push(id);
      to.push(session.shard[0]);
    }
    return to;
  }

  // --- sending interactions --------------------------------------------------------------------------------

  member(user: FakeUser, roles: string[] = [], permissions = '0', guildId?: string): FakeMember {
    return { user, roles, permissions, ...(guildId ? { guildId } : {}) };
  }

  /** Interactions sent from now on look `ms` old when they arrive, as after a long queue at Discord or here. */
  delayCreation = 0;

  private send(type: number, data: Record<string, unknown>, member: FakeMember, extra: Record<string, unknown> = {}): FakeInteraction {
    const id = snowflake(Date.now() - this.delayCreation);
    const token = `itok-${randomBytes(12).toString('hex')}`;
    const guildId = member.guildId ?? this.guildId;
    const payload = {
      id,
      token,
      application_id: this.applicationId,
      type,
      version: 1,
      data,
      guild_id: guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: guildId, name: 'general' },
      member: {
        user: { discriminator: '0', avatar: null, global_name: null, ...member.user },
        roles: member.roles ?? [],
        permissions: member.permissions ?? '0',
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        nick: null,
        avatar: null,
        premium_since: null,
        pending: false,
      },
      app_permissions: '2147483648',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      ...extra,
    };
    const i = new FakeInteraction(id, token, type, payload);
    this.interactions.set(id, i);
    this.byToken.set(token, i);
    i.deliveredTo = this.dispatch('INTERACTION_CREATE', guildId, id, () => payload);
    return i;
  }

  /** A slash command. `options` are the option values; with `subcommand`, they go inside it. */
  command(name: string, options: Record<string, string | number | boolean>, member: FakeMember, subcommand?: string): FakeInteraction {
    const opts = Object.entries(options).map(([k, v]) => ({ name: k, type: typeof v === 'string' ? 3 : typeof v === 'number' ? 4 : 5, value: v }));
    const data = {
      id: snowflake(),
      name,
      type: 1,
      options: subcommand ? [{ name: subcommand, type: 1, options: opts }] : opts,
    };
    return this.send(2, data, member);
  }

  autocomplete(name: string, option: string, value: string, member: FakeMember): FakeInteraction {
    return this.send(4, { id: snowflake(), name, type: 1, options: [{ name: option, type: 3, value, focused: true }] }, member);
  }

  click(message: FakeMessage, customId: string, member: FakeMember): FakeInteraction {
    if (!this.findComponent(message, customId)) throw new Error(`no component ${customId} on message ${message.id}`);
    return this.send(3, { custom_id: customId, component_type: 2 }, member, { message });
  }

  select(message: FakeMessage, customId: string, value: string, member: FakeMember): FakeInteraction {
    const c = this.findComponent(message, customId);
    if (!c) throw new Error(`no select ${customId} on message ${message.id}`);
    if (!((c.options as { value: string }[] | undefined) ?? []).some((o) => o.value === value)) throw new Error(`select has no value ${value}`);
    return this.send(3, { custom_id: customId, component_type: 3, values: [value] }, member, { message });
  }

  /** Submits a modal the bot showed, with `values` by text input custom_id (others keep the prefilled value). */
  submitModal(modal: Record<string, unknown>, values: Record<string, string>, member: FakeMember): FakeInteraction {
    const components = (modal.components as Record<string, unknown>[]).map((c) => {
      const input = (c.type === 18 ? c.component : (c.components as Record<string, unknown>[])[0]) as Record<string, unknown>;
      const id = String(input.custom_id);
      const value = values[id] ?? (input.value as string | undefined) ?? '';
      const inner = { type: 4, id: 0, custom_id: id, value };
      return c.type === 18 ? { type: 18, id: 0, component: inner } : { type: 1, id: 0, components: [inner] };
    });
    return this.send(5, { custom_id: modal.custom_id, components }, member);
  }

  findComponent(message: FakeMessage, customId: string): Record<string, unknown> | undefined {
    for (const row of message.components) {
      for (const c of (row.components as Record<string, unknown>[]) ?? []) if (c.custom_id === customId) return c;
    }
    return undefined;
  }

  /** All buttons of a message, flattened. */
  buttons(message: FakeMessage): Record<string, unknown>[] {
    return message.components.flatMap((r) => ((r.components as Record<string, unknown>[]) ?? []).filter((c) => c.type === 2));
  }

  // --- HTTP ------------------------------------------------------------------------------------------------

  private violate(where: string, message: string): void {
    this.violations.push({ where, message });
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path, body });
    const json = (status: number, data?: unknown) => {
      if (data === undefined) {
        res.writeHead(status).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    };
    const authorised = req.headers.authorization === `Bot ${this.token}`;
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      if (!authorised) return json(401, { message: '401: Unauthorized', code: 0 });
      return json(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.recommendedShards,
        session_start_limit: {
          total: 1000,
          remaining: Math.max(0, 1000 - this.identified),
          reset_after: 14_400_000,
          max_concurrency: this.opts.maxConcurrency ?? 1,
        },
      });
    }
    if ((m = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      if (!authorised) return json(401, { message: '401: Unauthorized', code: 0 });
      const problems = validateCommands(body);
      if (problems.length) return this.refuse(res, 'registration', problems);
      this.registrations.push({ path, body });
      return json(200, (body as Record<string, unknown>[]).map((c) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake() })));
    }
    if (method === 'POST' && path === '/api/v10/users/@me/channels') {
      if (!authorised) return json(401, { message: '401: Unauthorized', code: 0 });
      const recipient = String((body as { recipient_id?: unknown } | undefined)?.recipient_id ?? '');
      if (!/^\d+$/.test(recipient)) return this.refuse(res, 'create DM', ['recipient_id: invalid']);
      return json(200, {
        id: this.dmChannelOf(recipient),
        type: 1,
        last_message_id: null,
        flags: 0,
        recipients: [{ id: recipient, username: `user${recipient.slice(-4)}`, discriminator: '0', avatar: null, global_name: null }],
      });
    }
    if ((m = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      if (!authorised) return json(401, { message: '401: Unauthorized', code: 0 });
      return this.onChannelMessage(m[1]!, (body ?? {}) as Record<string, unknown>, res);
    }
    const fault = (target: 'callback' | 'webhook'): boolean => {
      const i = this.faults.findIndex((f) => f.target === target);
      if (i < 0) return false;
      const [f] = this.faults.splice(i, 1);
      this.faulted.push({ target, status: f!.status });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (f!.retryAfter !== undefined) Object.assign(headers, { 'retry-after': String(f!.retryAfter), 'x-ratelimit-scope': 'user' });
      res.writeHead(f!.status, headers).end(JSON.stringify(f!.status === 429 ? { message: 'You are being rate limited.', retry_after: f!.retryAfter ?? 1, global: false } : { message: '500: Internal Server Error', code: 0 }));
      return true;
    };
    if ((m = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      if (fault('callback')) return;
      return this.onCallback(m[1]!, m[2]!, body as Record<string, unknown>, url.searchParams.get('with_response') === 'true', res);
    }
    if ((m = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path))) {
      if (method !== 'GET' && fault('webhook')) return;
      return this.onWebhook(method, m[2]!, m[3], body as Record<string, unknown>, res);
    }
    this.violate('http', `unexpected request ${method} ${path}`);
    return json(404, { message: '404: Not Found', code: 0 });
  }

  private onChannelMessage(channelId: string, body: Record<string, unknown>, res: ServerResponse): void {
    const error = (status: number, code: number, message: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message }));
    };
    const dmUser = [...this.dmChannels.entries()].find(([, id]) => id === channelId)?.[0];
    if (channelId !== this.channelId && !dmUser) {
      this.violate('channel message', `unknown channel ${channelId}`);
      return error(404, 10003, 'Unknown Channel');
    }
    const problems = validateMessage(body, true);
    // Stored text may hold @everyone or role mentions: every message the bot sends must forbid every ping.
    const am = body.allowed_mentions as { parse?: unknown[]; users?: unknown[]; roles?: unknown[]; replied_user?: unknown } | undefined;
    if (!am) problems.push('allowed_mentions missing: the message could ping whatever its text mentions');
    else {
      if (!Array.isArray(am.parse) || am.parse.length > 0) problems.push(`allowed_mentions.parse must be empty (got ${JSON.stringify(am.parse)})`);
      if ((am.users ?? []).length || (am.roles ?? []).length) problems.push('allowed_mentions lists users or roles to ping');
      if (am.replied_user === true) problems.push('allowed_mentions.replied_user pings the asker');
    }
    const ref = body.message_reference as { message_id?: string; channel_id?: string; fail_if_not_exists?: boolean } | undefined;
    if (ref) {
      const target = ref.message_id ? this.messages.get(ref.message_id) : undefined;
      if (!target || target.channel_id !== channelId) {
        if (ref.fail_if_not_exists !== false) problems.push(`message_reference: unknown message ${String(ref.message_id)}`);
      }
    }
    if (problems.length) return this.refuse(res, 'channel message', problems);
    const lacks = channelId === this.channelId ? (this.opts.missingPermissions ?? []) : [];
    if (lacks.includes('SendMessages') || (ref && lacks.includes('ReadMessageHistory'))) return error(403, 50013, 'Missing Permissions');
    if (dmUser && (this.opts.closedDms ?? []).includes(dmUser)) return error(403, 50007, 'Cannot send messages to this user');
    const stored = this.storeMessage(body);
    Object.assign(stored, {
      channel_id: channelId,
      type: ref ? 19 : 0,
      webhook_id: undefined,
      application_id: undefined,
      ...(dmUser ? { guild_id: undefined } : {}),
      ...(ref ? { message_reference: { message_id: ref.message_id, channel_id: channelId, ...(dmUser ? {} : { guild_id: this.guildId }), type: 0 } } : {}),
    });
    this.channelPosts.push({ channelId, body, message: stored });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stored));
  }

  private refuse(res: ServerResponse, where: string, problems: string[]): void {
    for (const p of problems) this.violate(where, p);
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 50035, message: 'Invalid Form Body', errors: { _errors: problems.map((p) => ({ code: 'BASE_TYPE_INVALID', message: p })) } }));
  }

  private onCallback(id: string, token: string, body: Record<string, unknown>, withResponse: boolean, res: ServerResponse): void {
    const i = this.interactions.get(id);
    if (!i || i.token !== token) {
      this.violate('callback', `unknown interaction ${id}`);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Unknown interaction', code: 10062 }));
      return;
    }
    if (i.responses.some((r) => r.kind === 'callback')) {
      this.violate('callback', `second initial response to interaction ${id}`);
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Interaction has already been acknowledged.', code: 40060 }));
      return;
    }
    const elapsed = Date.now() - i.sentAt;
    if (elapsed > L.initialResponseMs) {
      this.violate('callback', `initial response after ${elapsed} ms`);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Unknown interaction', code: 10062 }));
      return;
    }
    const type = Number(body.type);
    const data = body.data as Record<string, unknown> | undefined;
    const allowed: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
    const problems: string[] = [];
    if (!allowed[i.type]?.includes(type)) problems.push(`response type ${type} is not allowed for interaction type ${i.type}`);
    if (type === 4 || type === 7) problems.push(...validateMessage(data ?? {}, type === 4));
    if (type === 8) problems.push(...validateChoices(data));
    if (type === 9) problems.push(...validateModal(data));
    if (problems.length) return this.refuse(res, `callback type ${type}`, problems);

    const message = i.payload.message as FakeMessage | undefined;
    if (type === 4 || type === 5) {
      i.original = this.storeMessage({ ...(type === 5 ? { content: '', flags: Number(data?.flags ?? 0) | 128 } : data) }, i);
    } else if ((type === 7 || type === 6) && message) {
      i.original = this.messages.get(message.id) ?? message;
      if (type === 7) Object.assign(i.original, pickMessage(data ?? {}));
    }
    i.push({ kind: 'callback', type, data, body });
    if (withResponse) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ interaction: { id, type: i.type }, ...(i.original ? { resource: { type, message: i.original } } : {}) }),
      );
    } else res.writeHead(204).end();
  }

  private onWebhook(method: string, token: string, messageId: string | undefined, body: Record<string, unknown>, res: ServerResponse): void {
    const i = this.byToken.get(token);
    if (!i) {
      this.violate('webhook', `unknown webhook token`);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Unknown Webhook', code: 10015 }));
      return;
    }
    if (!i.responses.some((r) => r.kind === 'callback')) {
      this.violate('webhook', `${method} before the initial response`);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Unknown Webhook', code: 10015 }));
      return;
    }
    const reply = (m: FakeMessage): void => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(m));
    };
    if (method === 'POST' && !messageId) {
      const problems = validateMessage(body, true);
      if (problems.length) return this.refuse(res, 'followup', problems);
      const m = this.storeMessage(body, i);
      i.push({ kind: 'followup', data: body });
      return reply(m);
    }
    const target = messageId === '@original' ? i.original : messageId ? this.messages.get(messageId) : undefined;
    if (!target) {
      this.violate('webhook', `unknown message ${messageId ?? ''}`);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Unknown Message', code: 10008 }));
      return;
    }
    if (method === 'PATCH') {
      const problems = validateMessage(body, false);
      if (problems.length) return this.refuse(res, 'edit', problems);
      Object.assign(target, pickMessage(body));
      target.flags &= ~128;
      i.push({ kind: 'edit', data: body });
      return reply(target);
    }
    if (method === 'DELETE') {
      this.messages.delete(target.id);
      i.push({ kind: 'delete' });
      res.writeHead(204).end();
      return;
    }
    if (method === 'GET') return reply(target);
    this.violate('webhook', `unexpected ${method}`);
    res.writeHead(405).end();
  }

  /** A message the bot created; as Discord does, it records which interaction (and so which user) it answers. */
  private storeMessage(data: Record<string, unknown>, by?: FakeInteraction): FakeMessage {
    const user = ((by?.payload.member as { user?: unknown } | undefined)?.user ?? by?.payload.user) as Record<string, unknown> | undefined;
    const m: FakeMessage = {
      ...(by && user
        ? { interaction_metadata: { id: by.id, type: by.type, user, authorizing_integration_owners: by.payload.authorizing_integration_owners ?? {} } }
        : {}),
      id: snowflake(),
      channel_id: this.channelId,
      guild_id: this.guildId,
      type: 20,
      author: this.botUser,
      application_id: this.applicationId,
      webhook_id: this.applicationId,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      content: '',
      embeds: [],
      components: [],
      flags: 0,
      ...pickMessage(data),
    };
    this.messages.set(m.id, m);
    return m;
  }
}

function pickMessage(data: Record<string, unknown>): Partial<FakeMessage> {
  const out: Partial<FakeMessage> = {};
  if (data.content !== undefined) out.content = String(data.content ?? '');
  if (data.embeds !== undefined) out.embeds = (data.embeds as Record<string, unknown>[]) ?? [];
  if (data.components !== undefined) out.components = (data.components as Record<string, unknown>[]) ?? [];
  if (data.flags !== undefined) out.flags = Number(data.flags) & 64;
  if (data.allowed_mentions !== undefined) out.allowed_mentions = data.allowed_mentions;
  return out;
}

// --- Discord's validation, as far as dealbot can reach it ------------------------------------------------------

const len = (v: unknown): number => (typeof v === 'string' ? v.length : 0);

export function validateMessage(d: Record<string, unknown>, isNew: boolean): string[] {
  const p: string[] = [];
  const content = d.content as string | undefined;
  if (len(content) > L.content) p.push(`content: ${len(content)} > ${L.content}`);
  const embeds = (d.embeds as Record<string, unknown>[] | undefined) ?? [];
  const components = (d.components as Record<string, unknown>[] | undefined) ?? [];
  if (isNew && !content && embeds.length === 0 && components.length === 0) p.push('Cannot send an empty message');
  if (embeds.length > L.embedsPerMessage) p.push(`embeds: ${embeds.length} > ${L.embedsPerMessage}`);
  let total = 0;
  for (const [n, e] of embeds.entries()) {
    const fields = (e.fields as { name: string; value: string }[] | undefined) ?? [];
    const footer = e.footer as { text?: string } | undefined;
    const author = e.author as { name?: string } | undefined;
    if (len(e.title) > L.embedTitle) p.push(`embeds.${n}.title: ${len(e.title)} > ${L.embedTitle}`);
    if (len(e.description) > L.embedDescription) p.push(`embeds.${n}.description: ${len(e.description)} > ${L.embedDescription}`);
    if (fields.length > L.embedFields) p.push(`embeds.${n}.fields: ${fields.length} > ${L.embedFields}`);
    if (len(footer?.text) > L.embedFooter) p.push(`embeds.${n}.footer: too long`);
    for (const [k, f] of fields.entries()) {
      if (!f.name || len(f.name) > L.embedFieldName) p.push(`embeds.${n}.fields.${k}.name: length ${len(f.name)}`);
      if (!f.value || len(f.value) > L.embedFieldValue) p.push(`embeds.${n}.fields.${k}.value: length ${len(f.value)}`);
    }
    total += len(e.title) + len(e.description) + len(footer?.text) + len(author?.name) + fields.reduce((s, f) => s + len(f.name) + len(f.value), 0);
  }
  if (total > L.embedsTotal) p.push(`embeds: total ${total} > ${L.embedsTotal}`);
  p.push(...validateMessageComponents(components));
  return p;
}

function validateCustomId(id: unknown, where: string, seen: Set<string>, p: string[]): void {
  if (typeof id !== 'string' || id.length < 1 || id.length > L.customId) p.push(`${where}.custom_id: length ${len(id)} not in 1..${L.customId}`);
  else if (seen.has(id)) p.push(`${where}.custom_id: duplicated (${id})`);
  else seen.add(id);
}

function validateMessageComponents(rows: Record<string, unknown>[]): string[] {
  const p: string[] = [];
  if (rows.length > L.actionRows) p.push(`components: ${rows.length} rows > ${L.actionRows}`);
  const seen = new Set<string>();
  for (const [r, row] of rows.entries()) {
    if (row.type !== 1) p.push(`components.${r}: not an action row`);
    const items = (row.components as Record<string, unknown>[] | undefined) ?? [];
    if (items.length === 0) p.push(`components.${r}: empty row`);
    if (items.some((c) => c.type === 3) && items.length > 1) p.push(`components.${r}: a select menu must be alone in its row`);
    if (items.length > L.buttonsPerRow) p.push(`components.${r}: ${items.length} buttons > ${L.buttonsPerRow}`);
    for (const [k, c] of items.entries()) {
      const where = `components.${r}.${k}`;
      if (c.type === 2) {
        if (!c.label || len(c.label) > L.buttonLabel) p.push(`${where}.label: length ${len(c.label)}`);
        if (c.style === 5) {
          if (typeof c.url !== 'string' || !/^https?:\/\//.test(c.url) || c.url.length > L.linkUrl) p.push(`${where}.url: invalid`);
          if (c.custom_id !== undefined) p.push(`${where}: a link button has no custom_id`);
        } else validateCustomId(c.custom_id, where, seen, p);
      } else if (c.type === 3) {
        validateCustomId(c.custom_id, where, seen, p);
        const options = (c.options as Record<string, unknown>[] | undefined) ?? [];
        if (options.length < 1 || options.length > L.selectOptions) p.push(`${where}.options: ${options.length} not in 1..${L.selectOptions}`);
        if (len(c.placeholder) > L.selectPlaceholder) p.push(`${where}.placeholder: too long`);
        const values = new Set<string>();
        for (const [o, opt] of options.entries()) {
          if (!opt.label || len(opt.label) > L.selectOptionLabel) p.push(`${where}.options.${o}.label: length ${len(opt.label)}`);
          if (!opt.value || len(opt.value) > L.selectOptionValue) p.push(`${where}.options.${o}.value: length ${len(opt.value)}`);
          if (len(opt.description) > L.selectOptionDescription) p.push(`${where}.options.${o}.description: too long`);
          if (values.has(String(opt.value))) p.push(`${where}.options.${o}.value: duplicated`);
          values.add(String(opt.value));
        }
      } else p.push(`${where}: unexpected component type ${String(c.type)}`);
    }
  }
  return p;
}

export function validateChoices(d: Record<string, unknown> | undefined): string[] {
  const choices = (d?.choices as { name?: string; value?: unknown }[] | undefined) ?? [];
  const p: string[] = [];
  if (choices.length > L.autocompleteChoices) p.push(`choices: ${choices.length} > ${L.autocompleteChoices}`);
  for (const [i, c] of choices.entries()) {
    if (len(c.name) < 1 || len(c.name) > L.choiceName) p.push(`choices.${i}.name: length ${len(c.name)}`);
    if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > L.choiceValue)) p.push(`choices.${i}.value: length ${c.value.length}`);
  }
  return p;
}

export function validateModal(d: Record<string, unknown> | undefined): string[] {
  const p: string[] = [];
  if (!d) return ['modal: no data'];
  if (len(d.custom_id) < 1 || len(d.custom_id) > L.customId) p.push(`modal.custom_id: length ${len(d.custom_id)}`);
  if (len(d.title) < 1 || len(d.title) > L.modalTitle) p.push(`modal.title: length ${len(d.title)}`);
  const comps = (d.components as Record<string, unknown>[] | undefined) ?? [];
  if (comps.length < 1 || comps.length > L.modalComponents) p.push(`modal.components: ${comps.length} not in 1..${L.modalComponents}`);
  const seen = new Set<string>();
  for (const [n, c] of comps.entries()) {
    let input: Record<string, unknown> | undefined;
    let label: unknown;
    if (c.type === 18) {
      input = c.component as Record<string, unknown>;
      label = c.label;
      if (len(c.description) > L.modalLabelDescription) p.push(`modal.components.${n}.description: too long`);
      if (input?.label !== undefined) p.push(`modal.components.${n}: a text input inside a label has no label of its own`);
    } else if (c.type === 1) {
      const inner = (c.components as Record<string, unknown>[] | undefined) ?? [];
      if (inner.length !== 1) p.push(`modal.components.${n}: an action row in a modal holds one text input`);
      input = inner[0];
      label = input?.label;
    } else p.push(`modal.components.${n}: unexpected type ${String(c.type)}`);
    if (!input) continue;
    if (len(label) < 1 || len(label) > L.modalLabel) p.push(`modal.components.${n}.label: length ${len(label)}`);
    if (input.type !== 4) p.push(`modal.components.${n}: not a text input`);
    validateCustomId(input.custom_id, `modal.components.${n}`, seen, p);
    if (input.style !== 1 && input.style !== 2) p.push(`modal.components.${n}.style: invalid`);
    if (len(input.value) > L.textInputValue) p.push(`modal.components.${n}.value: length ${len(input.value)}`);
    if (len(input.placeholder) > L.textInputPlaceholder) p.push(`modal.components.${n}.placeholder: too long`);
    const max = input.max_length as number | undefined;
    if (max !== undefined && (max < 1 || max > L.textInputValue)) p.push(`modal.components.${n}.max_length: ${max}`);
    if (max !== undefined && len(input.value) > max) p.push(`modal.components.${n}.value: longer than max_length`);
  }
  return p;
}

const NAME_RE = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

export function validateCommands(body: unknown): string[] {
  const p: string[] = [];
  if (!Array.isArray(body)) return ['commands: not an array'];
  const checkOptions = (opts: Record<string, unknown>[] | undefined, where: string) => {
    const list = opts ?? [];
    if (list.length > L.commandOptions) p.push(`${where}.options: ${list.length} > ${L.commandOptions}`);
    let optionalSeen = false;
    for (const [i, o] of list.entries()) {
      const w = `${where}.options.${i}`;
      if (!NAME_RE.test(String(o.name))) p.push(`${w}.name: invalid`);
      if (len(o.description) < 1 || len(o.description) > L.commandDescription) p.push(`${w}.description: length ${len(o.description)}`);
      if (o.type === 1 || o.type === 2) {
        checkOptions(o.options as Record<string, unknown>[] | undefined, w);
        continue;
      }
      if (o.required) {
        if (optionalSeen) p.push(`${w}: required options must be placed before non-required options`);
      } else optionalSeen = true;
      const choices = o.choices as unknown[] | undefined;
      if (choices && choices.length > L.commandChoices) p.push(`${w}.choices: too many`);
      if (choices?.length && o.autocomplete) p.push(`${w}: autocomplete cannot be set with choices`);
      if (o.max_length !== undefined && (Number(o.max_length) < 1 || Number(o.max_length) > L.stringOptionMaxLength)) p.push(`${w}.max_length: out of range`);
    }
  };
  for (const [i, c] of (body as Record<string, unknown>[]).entries()) {
    if (!NAME_RE.test(String(c.name))) p.push(`${i}.name: invalid`);
    if (len(c.description) < 1 || len(c.description) > L.commandDescription) p.push(`${i}.description: length ${len(c.description)}`);
    checkOptions(c.options as Record<string, unknown>[] | undefined, String(i));
  }
  return p;
}
