// Abuse limits in the core: per-user token bucket, per-channel public budget, size caps on every input path, request ids
// in the logs, and the in-flight count a shutdown waits on.
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, HANDLERS } from '../../../src/core/core.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/context.ts';
import {
  BUSY_CHANNEL_NOTICE,
  DEFAULT_RATE_LIMITS,
  Guard,
  INPUT_LIMITS,
  RateLimiter,
  checkInvocationSize,
  privateWithNotice,
} from '../../../src/core/limits.ts';
import type { Invocation, Reply, User } from '../../../src/core/replies.ts';
import { encodeTarget, decodeTarget } from '../../../src/core/targets.ts';
import { createLogger } from '../../../src/log.ts';
import { OPERATOR, testApp } from '../../helpers/app.ts';

const alice: User = { id: 'U-alice', name: 'alice', platform: 'slack' };
const bob: User = { id: 'U-bob', name: 'bob', platform: 'slack' };
const channel = { id: 'C-general', kind: 'public' as const };

const limited = testApp({ fixtures: true, settings: { userBurst: 1, userPerMinute: 1, channelPublicPerMinute: 2 } });
const open = testApp({ fixtures: true });
afterAll(() => {
  limited.close();
  open.close();
});

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('per-user token bucket', () => {
  it('answers within the burst and refuses the request after it, kindly and privately', async () => {
    const first = await limited.core.handle({ command: 'deal-help', options: {}, user: { ...alice, id: 'U-cool-1' } });
    expect(first.kind).toBe('help');
    const second = await limited.core.handle({ command: 'deal-help', options: {}, user: { ...alice, id: 'U-cool-1' } });
    expect(second.kind).toBe('error');
    if (second.kind !== 'error') return;
    expect(second.code).toBe('rate_limited');
    expect(second.private).toBe(true);
    expect(second.message).toMatch(/ask again in \d+(\.\d)? s/);
    // Someone else is not held up by it.
    const other = await limited.core.handle({ command: 'deal-help', options: {}, user: { ...bob, id: 'U-cool-2' } });
    expect(other.kind).toBe('help');
  });

  it('allows a burst of requests, then one per refill interval', () => {
    const c = clock();
    const limiter = new RateLimiter({ userBurst: 3, userPerMinute: 60, channelPublicPerMinute: 0 }, c.now);
    expect([1, 2, 3].map(() => limiter.admitUser(alice))).toEqual([0, 0, 0]);
    expect(limiter.admitUser(alice)).toBe(1000);
    c.advance(400);
    expect(limiter.admitUser(alice)).toBe(600);
    c.advance(600);
    expect(limiter.admitUser(alice)).toBe(0);
    expect(limiter.admitUser(alice)).toBe(1000);
    // A quiet spell refills the bucket, but never beyond the burst.
    c.advance(60_000);
    expect([1, 2, 3, 4].map(() => limiter.admitUser(alice) === 0)).toEqual([true, true, true, false]);
    // The same id on another platform is another person.
    expect(limiter.admitUser({ ...alice, platform: 'discord' })).toBe(0);
  });

  it('with the production defaults, answers two commands in a row and a button on the reply at once', () => {
    const c = clock();
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS, c.now);
    expect(DEFAULT_SETTINGS).toMatchObject(DEFAULT_RATE_LIMITS);
    expect(limiter.admitUser(alice)).toBe(0);
    c.advance(200);
    expect(limiter.admitUser(alice)).toBe(0);
    c.advance(100);
    expect(limiter.admitUser(alice, true)).toBe(0);
  });

  it('never refuses a press of a button on a reply the user just received, even with the bucket empty', async () => {
    const c = clock();
    const guard = new Guard({ userBurst: 1, userPerMinute: 1, channelPublicPerMinute: 0 }, c.now);
    const ask: Invocation = { command: 'deal', options: { query: 'x' }, user: alice };
    expect(guard.before(ask)).toBeUndefined();
    const reply: Reply = { kind: 'help', title: '', intro: '', commands: [], examples: [] };
    guard.after(ask, reply);
    // The bucket is empty: a typed command is refused, a button on the reply is not, and neither is the next one on
    // the reply that button brought.
    expect(guard.before(ask)?.code).toBe('rate_limited');
    const press: Invocation = { ...ask, via: 'button' };
    for (let i = 0; i < 5; i++) {
      expect(guard.before(press)).toBeUndefined();
      guard.after(press, reply);
    }
    // Presses with no new reply behind them (a flood of clicks on one message) run out.
    expect(guard.before(press)).toBeUndefined();
    expect(guard.before(press)?.code).toBe('rate_limited');
    // A follow-up is for a reply just received, not one from long ago.
    guard.after(ask, reply);
    c.advance(11 * 60_000);
    expect(guard.before(ask)).toBeUndefined(); // the bucket has refilled by now
    expect(guard.before(press)?.code).toBe('rate_limited');
  });

  it("never limits the bot's own calls", () => {
    const guard = new Guard({ userBurst: 1, userPerMinute: 1, channelPublicPerMinute: 0 });
    const inv: Invocation = { command: 'deals', options: {}, user: alice, via: 'internal' };
    for (let i = 0; i < 5; i++) expect(guard.before(inv)).toBeUndefined();
    // And they spend nothing of the user's own bucket.
    expect(guard.before({ ...inv, via: undefined })).toBeUndefined();
  });

  it('never limits the operator at the console or CLI', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await limited.core.handleText('/deal-help', OPERATOR);
      expect(r.kind).toBe('help');
    }
    const limiter = new RateLimiter({ userBurst: 1, userPerMinute: 1, channelPublicPerMinute: 1 });
    expect(limiter.admitUser({ id: 'me', platform: 'console' })).toBe(0);
    expect(limiter.admitUser({ id: 'me', platform: 'console' })).toBe(0);
  });

  it('does not refuse a form submission, which would throw away what the admin typed', () => {
    const guard = new Guard({ userBurst: 1, userPerMinute: 1, channelPublicPerMinute: 0 });
    const inv: Invocation = { command: 'deal-admin', subcommand: 'save', options: { mode: 'add' }, user: alice };
    expect(guard.before({ command: 'deal-admin', subcommand: 'add', options: {}, user: alice }, false)).toBeUndefined();
    expect(guard.before(inv, true)).toBeUndefined();
    expect(guard.before({ ...inv, via: 'form' })).toBeUndefined();
    expect(guard.before({ command: 'deal-admin', subcommand: 'add', options: {}, user: alice }, false)?.code).toBe('rate_limited');
  });

  it('keeps memory bounded under a flood of distinct users', () => {
    const c = clock();
    const limiter = new RateLimiter({ userBurst: 2, userPerMinute: 60, channelPublicPerMinute: 5 }, c.now, 500);
    for (let i = 0; i < 20_000; i++) {
      limiter.admitUser({ id: `U${i}`, platform: 'discord' });
      limiter.admitPublic('discord', `C${i}`);
    }
    expect(limiter.size.users).toBeLessThanOrEqual(500);
    expect(limiter.size.channels).toBeLessThanOrEqual(500);
    // Entries whose bucket has refilled are forgotten as soon as anyone new arrives.
    c.advance(61_000);
    limiter.admitUser({ id: 'late', platform: 'discord' });
    limiter.admitPublic('discord', 'late');
    expect(limiter.size).toEqual({ users: 1, channels: 1 });
  });
});

describe('per-channel public answers', () => {
  it('answers privately, with a notice, once the channel has had its public answers for the minute', async () => {
    const ask = (id: string, ch = channel) =>
      limited.core.handle({ command: 'deal', options: { query: 'acme globex' }, user: { ...alice, id }, channel: ch, answersPublicly: true });
    const a = await ask('U-ch-1');
    const b = await ask('U-ch-2');
    expect(a.kind).toBe('deal');
    expect(a.private).toBeFalsy();
    expect(b.private).toBeFalsy();
    const c = await ask('U-ch-3');
    // Not refused: the same answer, for the asker only, saying why.
    expect(c.kind).toBe('deal');
    expect(c.private).toBe(true);
    if (c.kind === 'deal') expect(c.notice).toContain(BUSY_CHANNEL_NOTICE);
    // Another channel and a DM keep their own budgets.
    const elsewhere = await ask('U-ch-4', { id: 'C-other', kind: 'public' });
    expect(elsewhere.private).toBeFalsy();
    const dm = await ask('U-ch-5', { id: 'D-1', kind: 'dm' as 'public' });
    expect(dm.private).toBeFalsy();
    // An answer the adapter shows only to the asker (Slack's private answers) spends nothing of the budget.
    const privately = await limited.core.handle({
      command: 'deal',
      options: { query: 'acme globex' },
      user: { ...alice, id: 'U-ch-6' },
      channel,
    });
    expect(privately.private).toBeFalsy();
    if (privately.kind === 'deal') expect(privately.notice ?? '').not.toContain(BUSY_CHANNEL_NOTICE);
  });

  it('refills after a minute', () => {
    const c = clock();
    const limiter = new RateLimiter({ userBurst: 0, userPerMinute: 0, channelPublicPerMinute: 3 }, c.now);
    expect([1, 2, 3, 4].map(() => limiter.admitPublic('slack', 'C1'))).toEqual([true, true, true, false]);
    c.advance(30_000);
    expect(limiter.admitPublic('slack', 'C1')).toBe(false);
    c.advance(30_000);
    expect(limiter.admitPublic('slack', 'C1')).toBe(true);
  });

  it('gives every kind of public reply a visible notice when it turns private', () => {
    const replies: Reply[] = [
      { kind: 'not_found', query: 'x', message: 'No deal found for "x".', suggestions: [] },
      { kind: 'list', title: 'Latest deals', items: [], page: 1, pageCount: 1, total: 0 },
      { kind: 'help', title: 'dealbot', intro: 'Hello.', commands: [], examples: [] },
      { kind: 'done', message: 'Saved.', actions: [] },
    ];
    for (const r of replies) {
      const p = privateWithNotice(r);
      expect(p.private).toBe(true);
      expect(JSON.stringify(p)).toMatch(/busy channel|many public answers/);
    }
  });
});

describe('size limits on every input path', () => {
  const base = { user: alice };

  it('refuses typed text beyond the cap before parsing it', async () => {
    const r = await open.core.handleText('/deal ' + 'a'.repeat(INPUT_LIMITS.commandText), alice);
    expect(r.kind === 'error' && r.code).toBe('bad_input');
    if (r.kind === 'error') expect(r.message).toMatch(/too long/);
  });

  it('refuses an option longer than the command allows (typed or from a button)', async () => {
    const typed = await open.core.handleText('/deal ' + 'x'.repeat(201), alice);
    expect(typed.kind === 'error' && typed.message).toMatch(/query is too long: 201 characters, at most 200/);
    const target = decodeTarget(encodeTarget({ command: 'deal', options: { query: 'y'.repeat(300) } }))!;
    const pressed = await open.core.handle({ ...target, ...base });
    expect(pressed.kind === 'error' && pressed.code).toBe('bad_input');
  });

  it('caps form fields, which pass through the option checks to the form validation', async () => {
    const admin = testApp({ fixtures: true, policy: { slackUserIds: ['U-admin'] } });
    try {
      const user: User = { id: 'U-admin', platform: 'slack' };
      const r = await admin.core.handle({
        command: 'deal-admin',
        subcommand: 'save',
        options: { mode: 'add', summary: 's'.repeat(INPUT_LIMITS.optionValue + 1) },
        user,
      });
      expect(r.kind === 'error' && r.code).toBe('bad_input');
      if (r.kind === 'error') expect(r.message).toMatch(/summary is too long/);
      const many: Record<string, string> = { mode: 'add' };
      for (let i = 0; i < 100; i++) many[`field${i}`] = 'v';
      const r2 = await admin.core.handle({ command: 'deal-admin', subcommand: 'save', options: many, user });
      expect(r2.kind === 'error' && r2.message).toMatch(/too many options/);
      const wide: Record<string, string> = { mode: 'add' };
      for (let i = 0; i < 10; i++) wide[`f${i}`] = 'w'.repeat(3000);
      const r3 = await admin.core.handle({ command: 'deal-admin', subcommand: 'save', options: wide, user });
      expect(r3.kind === 'error' && r3.message).toMatch(/in all, at most/);
      expect(admin.store.history({ limit: 5 }).map((h) => h.action)).toEqual(['import']);
    } finally {
      admin.close();
    }
  });

  it('refuses oversized names and ids, and values that are not text, numbers or booleans', () => {
    const ok: Invocation = { command: 'deal', options: { query: 'x' }, user: alice };
    expect(checkInvocationSize(ok)).toBeUndefined();
    expect(checkInvocationSize({ ...ok, command: 'c'.repeat(33) })).toMatch(/command name/);
    expect(checkInvocationSize({ ...ok, subcommand: 's'.repeat(33) })).toMatch(/subcommand/);
    expect(checkInvocationSize({ ...ok, user: { ...alice, id: 'u'.repeat(129) } })).toMatch(/user id/);
    expect(checkInvocationSize({ ...ok, channel: { id: 'c'.repeat(129) } })).toMatch(/channel id/);
    expect(checkInvocationSize({ ...ok, options: { ['n'.repeat(41)]: 'x' } })).toMatch(/option name/);
    expect(checkInvocationSize({ ...ok, options: { page: Infinity } })).toMatch(/finite/);
    expect(checkInvocationSize({ ...ok, options: { query: { toString: () => 'x' } as unknown as string } })).toMatch(/unexpected kind/);
  });

  it('caps autocomplete values and never throws on them', async () => {
    const huge = 'microsoft '.repeat(10_000);
    const choices = await open.core.autocomplete({ command: 'deal', option: 'query', value: huge, user: alice });
    expect(Array.isArray(choices)).toBe(true);
    expect(await open.core.autocomplete({ command: 'x'.repeat(1000), option: 'query', value: 'a', user: alice })).toEqual([]);
  });
});

describe('request ids and in-flight replies', () => {
  it('logs one line per interaction with a request id, keeping the id an adapter gives', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const core = createCore({ ...open.core.context, log: createLogger('info', sink), settings: DEFAULT_SETTINGS });
    await core.handle({ command: 'deal', options: { query: 'acme globex' }, user: alice, requestId: 'req-given-1' });
    await core.handle({ command: 'deal', options: { query: 'acme globex' }, user: bob });
    const handled = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'handled');
    expect(handled).toHaveLength(2);
    expect(handled[0]!.requestId).toBe('req-given-1');
    expect(typeof handled[1]!.requestId).toBe('string');
    expect((handled[1]!.requestId as string).length).toBeGreaterThanOrEqual(6);
    expect(handled[0]).toMatchObject({ command: 'deal', reply: 'deal', platform: 'slack', user: 'U-alice' });
  });

  it('drain() waits for replies still being worked on', async () => {
    const original = HANDLERS['deal-help']!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    HANDLERS['deal-help'] = async (inv, ctx) => {
      await gate;
      return original(inv, ctx);
    };
    try {
      const pending = open.core.handle({ command: 'deal-help', options: {}, user: alice });
      expect(await open.core.drain(20)).toBe(false);
      const drained = open.core.drain(5_000);
      release();
      expect((await pending).kind).toBe('help');
      expect(await drained).toBe(true);
    } finally {
      HANDLERS['deal-help'] = original;
    }
  });
});
