// Abuse limits and request accounting, applied by the core to every invocation whatever platform it came from:
// size caps on every input (typed text, options, button targets, form fields, autocomplete values), a per-user
// token bucket (a burst, then a sustained rate), a per-channel budget of public answers, request ids, and the count of replies in flight (so a shutdown
// can finish them). Memory stays bounded: only recent users and channels are remembered, with a hard cap on both.
import { randomBytes } from 'node:crypto';
import { errorReply, type ErrorReply, type Invocation, type Reply, type User } from './replies.ts';

/** Caps on input, whatever path it takes. Per-option limits (commands/ maxLength) are checked after these. */
export const INPUT_LIMITS = {
  /** Typed text ("/deal …"): the longest option (/deal-admin ingest source, 6000) plus room for the command. */
  commandText: 8_000,
  /** Command and subcommand names. */
  name: 32,
  /** Options in one invocation (a form submission carries one per field). */
  options: 40,
  /** An option's name (or a form field's id). */
  optionName: 40,
  /**
   * One option value: the largest any platform sends (Discord string options: 6000; the article text of
   * /deal-admin ingest uses all of it). Each option's own maxLength in commands/ is checked after this.
   */
  optionValue: 6_000,
  /** All option values together. */
  totalOptionChars: 24_000,
  /** User, channel and request ids. */
  id: 128,
  /** An autocomplete value as typed so far. */
  autocompleteValue: 200,
} as const;

/** The window of the per-channel public answer budget. */
export const CHANNEL_WINDOW_MS = 60_000;
/** At most this many users and this many channels are remembered; the least recent are forgotten first. */
export const MAX_TRACKED = 20_000;

/** Checks the shape and size of an invocation before anything reads it. Returns the problem, or undefined. */
export function checkInvocationSize(inv: Invocation): string | undefined {
  if (typeof inv.command !== 'string' || inv.command.length > INPUT_LIMITS.name) return 'the command name is too long';
  if (inv.subcommand !== undefined && (typeof inv.subcommand !== 'string' || inv.subcommand.length > INPUT_LIMITS.name)) {
    return 'the subcommand name is too long';
  }
  if (!inv.user || typeof inv.user.id !== 'string' || inv.user.id.length > INPUT_LIMITS.id) return 'the user id is missing or too long';
  if (inv.channel && (typeof inv.channel.id !== 'string' || inv.channel.id.length > INPUT_LIMITS.id)) return 'the channel id is too long';
  const options = inv.options ?? {};
  if (typeof options !== 'object') return 'the options are malformed';
  const entries = Object.entries(options);
  if (entries.length > INPUT_LIMITS.options) return `too many options: ${entries.length}, at most ${INPUT_LIMITS.options}`;
  let total = 0;
  for (const [name, value] of entries) {
    if (name.length > INPUT_LIMITS.optionName) return `an option name is too long (at most ${INPUT_LIMITS.optionName} characters)`;
    if (typeof value === 'string') {
      if (value.length > INPUT_LIMITS.optionValue) {
        return `${name.slice(0, INPUT_LIMITS.optionName)} is too long: ${value.length} characters, at most ${INPUT_LIMITS.optionValue}`;
      }
      total += value.length;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `${name} must be a finite number`;
    } else if (typeof value !== 'boolean') {
      return `${name.slice(0, INPUT_LIMITS.optionName)} has a value of an unexpected kind`;
    }
  }
  if (total > INPUT_LIMITS.totalOptionChars) {
    return `the input is too long: ${total} characters in all, at most ${INPUT_LIMITS.totalOptionChars}`;
  }
  return undefined;
}

/** Operators at the keyboard (console, CLI) are never rate-limited: they own the bot. */
export function isExempt(user: User): boolean {
  return user.isOperator === true || user.platform === 'console' || user.platform === 'cli';
}

export interface RateLimitSettings {
  /** Requests one user may make back to back before the sustained rate applies (the bucket's size). 0 = no limit. */
  userBurst: number;
  /** The sustained rate: the bucket gains this many requests a minute, up to `userBurst`. 0 = no limit. */
  userPerMinute: number;
  channelPublicPerMinute: number;
}

/**
 * The production defaults, also what the config falls back to and what tests run with: six requests at once, then
 * one every two seconds. A person reading answers never notices; a script hammering the bot gets one answer in two
 * seconds.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { userBurst: 6, userPerMinute: 30, channelPublicPerMinute: 20 };

/**
 * A click on a button of a reply the user just received is never refused: each reply the core sends a user grants
 * one follow-up (up to this many), usable within FOLLOW_UP_WINDOW_MS by a button press when the bucket is empty.
 */
export const MAX_FOLLOW_UPS = 3;
export const FOLLOW_UP_WINDOW_MS = 10 * 60_000;

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  followUps: number;
  /** When the last follow-up was granted. */
  grantedAt: number;
}

/**
 * Per-user token buckets and the per-channel public budget. Both maps are kept in recency order (an entry is
 * re-inserted when used), so the oldest entries are at the front and are swept once they carry no state (a full
 * bucket, no follow-up left); a hard cap evicts the least recent if a flood of distinct ids arrives faster.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly publicByChannel = new Map<string, number[]>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
    private readonly maxTracked = MAX_TRACKED,
  ) {}

  private get limited(): boolean {
    return this.settings.userBurst > 0 && this.settings.userPerMinute > 0;
  }

  /** Milliseconds for the bucket to gain one request. */
  get refillMs(): number {
    return 60_000 / this.settings.userPerMinute;
  }

  private bucket(key: string, t: number): Bucket {
    const { userBurst } = this.settings;
    const b = this.buckets.get(key) ?? { tokens: userBurst, at: t, followUps: 0, grantedAt: 0 };
    b.tokens = Math.min(userBurst, b.tokens + (t - b.at) / this.refillMs);
    b.at = t;
    if (t - b.grantedAt > FOLLOW_UP_WINDOW_MS) b.followUps = 0;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    return b;
  }

  /**
   * Counts one request against the user's bucket. `followUp`: a press of a button on a reply, which an empty bucket
   * still admits while the user has a follow-up left. Returns how long to wait when it must be refused, else 0.
   */
  admitUser(user: User, followUp = false): number {
    if (!this.limited || isExempt(user)) return 0;
    const t = this.now();
    const b = this.bucket(`${user.platform}:${user.id}`, t);
    this.sweep(t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    if (followUp && b.followUps > 0) {
      b.followUps -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) * this.refillMs));
  }

  /** The user was just sent a reply (with buttons, perhaps): one press of one of them is admitted whatever the bucket. */
  granted(user: User): void {
    if (!this.limited || isExempt(user)) return;
    const t = this.now();
    const b = this.bucket(`${user.platform}:${user.id}`, t);
    b.followUps = Math.min(MAX_FOLLOW_UPS, b.followUps + 1);
    b.grantedAt = t;
  }

  /** Takes one public answer from the channel's budget; false when the last minute's budget is spent. */
  admitPublic(platform: string, channelId: string): boolean {
    const limit = this.settings.channelPublicPerMinute;
    if (limit <= 0) return true;
    const key = `${platform}:${channelId}`;
    const t = this.now();
    const stamps = (this.publicByChannel.get(key) ?? []).filter((s) => t - s < CHANNEL_WINDOW_MS);
    const allowed = stamps.length < limit;
    if (allowed) stamps.push(t);
    this.publicByChannel.delete(key);
    if (stamps.length) this.publicByChannel.set(key, stamps);
    sweepMap(this.publicByChannel, this.maxTracked, (v) => v.length === 0 || t - v[v.length - 1]! >= CHANNEL_WINDOW_MS);
    return allowed;
  }

  /** How many users and channels are remembered (for tests and the doctor). */
  get size(): { users: number; channels: number } {
    return { users: this.buckets.size, channels: this.publicByChannel.size };
  }

  private sweep(t: number): void {
    const full = this.settings.userBurst * this.refillMs;
    sweepMap(this.buckets, this.maxTracked, (b) => t - b.at >= full && (b.followUps === 0 || t - b.grantedAt > FOLLOW_UP_WINDOW_MS));
  }
}

/** Drops entries from the front (least recent first) while the map is over its cap or the entry has expired. */
function sweepMap<V>(map: Map<string, V>, max: number, expired: (v: V) => boolean): void {
  for (const [k, v] of map) {
    if (map.size > max || expired(v)) map.delete(k);
    else break;
  }
}

export function cooldownReply(waitMs: number, settings: RateLimitSettings = DEFAULT_RATE_LIMITS): ErrorReply {
  const seconds = Math.max(0.1, Math.ceil(waitMs / 100) / 10);
  const every = Math.round(600 / settings.userPerMinute) / 10;
  return errorReply(
    'rate_limited',
    `One moment: you can ask again in ${seconds} s. (dealbot answers each person up to ${settings.userBurst} ${settings.userBurst === 1 ? 'question' : 'questions'} at once, then about one every ${every} s.)`,
  );
}

export const BUSY_CHANNEL_NOTICE =
  'This channel has had many public answers in the last minute, so this one is shown only to you.';

export const BUSY_CHANNEL_TITLE_SUFFIX = 'only you can see this: busy channel';

/** The same reply, shown only to the asker, with a short notice saying why. */
export function privateWithNotice(reply: Reply, notice = BUSY_CHANNEL_NOTICE): Reply {
  switch (reply.kind) {
    case 'deal':
      return { ...reply, private: true, notice: reply.notice ? `${reply.notice} ${notice}` : notice };
    case 'not_found':
      return { ...reply, private: true, message: `${reply.message} ${notice}` };
    case 'list':
      // A list has no notice line of its own: the title says it, briefly (titles are short on every platform).
      return { ...reply, private: true, title: `${reply.title} (${BUSY_CHANNEL_TITLE_SUFFIX})` };
    case 'help':
      return { ...reply, private: true, intro: `${notice}\n\n${reply.intro}` };
    case 'form':
      return { ...reply, private: true, notice: reply.notice ? `${reply.notice} ${notice}` : notice };
    case 'done':
    case 'confirm':
      return { ...reply, private: true, message: `${reply.message} ${notice}` };
    default:
      return { ...reply, private: true };
  }
}

/** Counts replies being worked on, so a shutdown can wait for them. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get active(): number {
    return this.count;
  }

  begin(): void {
    this.count++;
  }

  end(): void {
    this.count = Math.max(0, this.count - 1);
    if (this.count === 0) for (const w of this.waiters.splice(0)) w();
  }

  /** Counts `work` as in flight until it settles (the adapters' listeners use this); returns what it returns. */
  track<T>(work: Promise<T>): Promise<T> {
    this.begin();
    return work.finally(() => this.end());
  }

  /** Resolves true once nothing is in flight, or false after `timeoutMs` (without one, it waits until then). */
  drain(timeoutMs?: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** A short id for one interaction, carried in every log line about it. */
export function newRequestId(): string {
  return randomBytes(6).toString('base64url');
}

/** Keeps an adapter-supplied request id when it is sane, else makes one. */
export function requestIdFor(inv: Invocation): string {
  const given = inv.requestId;
  return typeof given === 'string' && given.length > 0 && given.length <= INPUT_LIMITS.id ? given : newRequestId();
}

/** How an invocation reached the core, as the adapter saw it. */
export type InvocationVia = NonNullable<Invocation['via']>;

/** What the core runs around every invocation: size caps and the user's bucket before, the channel budget after. */
export class Guard {
  readonly limiter: RateLimiter;
  readonly inFlight = new InFlight();

  constructor(
    private readonly settings: RateLimitSettings,
    now: () => number = Date.now,
  ) {
    this.limiter = new RateLimiter(settings, now);
  }

  /**
   * An error reply when the invocation must not run, else undefined. Form submissions are never refused (that would
   * throw away what an admin typed), nor are the bot's own calls; a button press on a reply the user just got is
   * admitted even when the bucket is empty.
   */
  before(inv: Invocation, isFormSubmit = false): ErrorReply | undefined {
    const problem = checkInvocationSize(inv);
    if (problem) return errorReply('bad_input', `Sorry, ${problem}. Nothing was done.`);
    if (isFormSubmit || inv.via === 'form' || inv.via === 'internal') return undefined;
    const wait = this.limiter.admitUser(inv.user, inv.via === 'button');
    return wait > 0 ? cooldownReply(wait, this.settings) : undefined;
  }

  /** A public answer in a channel whose budget is spent goes to the asker only, rather than being refused. */
  after(inv: Invocation, reply: Reply): Reply {
    // The user now holds a reply (perhaps with buttons): one press of one of them is admitted whatever the bucket.
    if (!(reply.kind === 'error' && reply.code === 'rate_limited')) this.limiter.granted(inv.user);
    if (reply.private || !inv.answersPublicly || !inv.channel || inv.channel.kind === 'dm' || isExempt(inv.user)) return reply;
    return this.limiter.admitPublic(inv.user.platform, inv.channel.id) ? reply : privateWithNotice(reply);
  }
}
