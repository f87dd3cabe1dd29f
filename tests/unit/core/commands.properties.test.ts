// Any command string, invocation, button target or autocomplete value gives a reply or a clear error, never a crash;
// SQL metacharacters and full-text query syntax in questions are just text.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.ts';
import type { ErrorCode, Invocation, OptionValue, Reply, User } from '../../../src/core/replies.ts';
import { decodeTarget, encodeTarget } from '../../../src/core/targets.ts';
import { testApp } from '../../helpers/app.ts';
import { hostileText, params } from '../../helpers/properties.ts';

const ADMIN: User = { id: 'U-admin', platform: 'slack' };
const MEMBER: User = { id: 'U-member', platform: 'discord' };
// Thousands of commands a second from one person: with the production rate limit most would be answered "one
// moment", which is right for a person but says nothing about the command path these properties are about. The limit
// itself is tested in tests/unit/core/limits.test.ts and, at a person's pace, end to end in tests/{slack,discord}.
const NO_USER_LIMIT = { userBurst: 0, userPerMinute: 0 };
const app = testApp({ fixtures: true, policy: { slackUserIds: [ADMIN.id] }, settings: NO_USER_LIMIT });
const reader = testApp({ fixtures: true, settings: NO_USER_LIMIT });
afterAll(() => {
  app.close();
  reader.close();
});

const KINDS = new Set(['deal', 'not_found', 'list', 'help', 'error', 'form', 'confirm', 'done', 'history', 'stats']);
const CODES = new Set<ErrorCode>(['bad_input', 'forbidden', 'not_found', 'conflict', 'duplicate', 'rate_limited', 'unavailable', 'internal']);

/** A reply, or a clear error: a known kind, and for errors a known code, a sentence and never an internal failure. */
function expectClear(r: Reply): void {
  expect(KINDS.has(r.kind), r.kind).toBe(true);
  if (r.kind === 'error') {
    expect(CODES.has(r.code)).toBe(true);
    expect(r.code, r.message).not.toBe('internal');
    expect(r.message.trim().length).toBeGreaterThan(3);
    expect(r.private).toBe(true);
  }
}

const names = COMMANDS.map((c) => c.name);
const subs = COMMANDS.flatMap((c) => (c.subcommands ?? []).map((s) => s.name));
const optionNames = [...new Set(COMMANDS.flatMap((c) => [...(c.options ?? []), ...(c.subcommands ?? []).flatMap((s) => s.options ?? [])]).map((o) => o.name))];

const word = fc.oneof(
  fc.constantFrom(...subs, ...optionNames.map((o) => `${o}:`), 'xiaomi', 'acme', 'globex', 'microsoft', '2020', '-1', '1e309', '0x10', 'NaN', 'true', '""', '"', '“', '”', ':', '='),
  fc.tuple(fc.constantFrom(...optionNames), fc.constantFrom(':', '='), fc.oneof(fc.string({ maxLength: 10 }), fc.integer().map(String))).map(([n, s, v]) => `${n}${s}${v}`),
  fc.string({ maxLength: 10 }),
  hostileText(20),
);

const commandLine = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: hostileText(200) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('/', '', ' /', '//'), fc.constantFrom(...names, 'DEAL', 'Deals', 'deal-ADMIN', 'nope'), fc.array(word, { maxLength: 8 }), fc.constantFrom(' ', '  ', '\t', '\n'))
      .map(([slash, name, words, sep]) => `${slash}${name}${words.length ? sep : ''}${words.join(sep)}`),
  },
);

describe('any command string', () => {
  it('gives a reply or a clear error, for a member and for an admin', async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, fc.boolean(), async (line, asAdmin) => {
        const r = await app.core.handleText(line, asAdmin ? ADMIN : MEMBER);
        expectClear(r);
      }),
      params,
    );
  });
});

const optionValue: fc.Arbitrary<OptionValue> = fc.oneof(
  hostileText(80),
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom('', ' ', 'add', 'edit', 'true', '-0', '99999999999999999999', 'acme-globex-2020'),
);

const invocation: fc.Arbitrary<Invocation> = fc.record({
  command: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 40 })),
  subcommand: fc.option(fc.oneof(fc.constantFrom(...subs), fc.string({ maxLength: 40 })), { nil: undefined }),
  options: fc.dictionary(fc.oneof(fc.constantFrom(...optionNames, 'title', 'parties', 'summary', 'sources', '__proto__', 'constructor'), fc.string({ maxLength: 45 })), optionValue, {
    maxKeys: 12,
  }),
  user: fc.constantFrom(ADMIN, MEMBER, { id: 'U-x', platform: 'slack' as const }),
  channel: fc.option(fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), kind: fc.constantFrom('dm' as const, 'public' as const, 'private' as const) }), {
    nil: undefined,
  }),
});

describe('any invocation (what adapters build from slash commands, buttons and forms)', () => {
  it('gives a reply or a clear error', async () => {
    await fc.assert(
      fc.asyncProperty(invocation, async (inv) => {
        expectClear(await app.core.handle(inv));
      }),
      params,
    );
  });

  it('any button target string decodes to something the core answers clearly, or to nothing', async () => {
    const targetString = fc.oneof(
      fc.string({ maxLength: 100 }),
      invocation.map((inv) => encodeTarget(inv)),
      fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 80 })).map(([n, rest]) => `${n}?${rest}`),
    );
    await fc.assert(
      fc.asyncProperty(targetString, async (s) => {
        const t = decodeTarget(s);
        if (t) expectClear(await app.core.handle({ ...t, user: MEMBER }));
      }),
      params,
    );
  });

  it('autocomplete answers within the platforms\' limits for any value, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText(300), fc.string({ maxLength: 300 })), fc.constantFrom('query', 'slug', 'company', 'x'), async (value, option) => {
        const choices = await app.core.autocomplete({ command: option === 'slug' ? 'deal-admin' : 'deal', option, value, user: ADMIN });
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThanOrEqual(1);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeGreaterThanOrEqual(1);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }),
      params,
    );
  });
});

const SQL_AND_FTS = [
  "'", "''", '"', '""', ';', '--', '/*', '*/', '*', '^', '(', ')', ':', ',', '.', '+', '-', '%', '_', '\\', '{', '}', '[', ']',
  'AND', 'OR', 'NOT', 'NEAR', 'NEAR(', 'NEAR(acme globex, 2)', 'title:', 'parties:', 'summary:', '{title summary}:', '- parties:',
  'acme*', '^acme', '"acme globex"', "'; DROP TABLE deals; --", "' OR '1'='1", '" OR 1=1 --', 'UNION SELECT * FROM audit_log',
  'deals_fts', 'rowid', 'MATCH', '\u0000', 'x\u0000y', '%_%', 'ESCAPE', 'COLLATE', 'PRAGMA', 'ATTACH', "'/tmp/x.db'",
];

function fingerprint(a: typeof app): string {
  const db = a.store.db;
  return JSON.stringify([
    db.prepare('SELECT count(*) AS n FROM deals').get(),
    db.prepare('SELECT count(*) AS n FROM deals_fts').get(),
    db.prepare('SELECT name FROM sqlite_master ORDER BY name').all(),
    db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    db.prepare('SELECT count(*) AS n FROM organisations').get(),
  ]);
}

describe('SQL metacharacters and full-text syntax are just text', () => {
  const meta = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SQL_AND_FTS) }, { weight: 1, arbitrary: fc.constantFrom('acme', 'globex', 'initech', 'robotics') }), {
    minLength: 1,
    maxLength: 8,
  });

  it('in /deal questions, /deals filters and autocomplete: a normal answer, and nothing in the database changes', async () => {
    const before = fingerprint(reader);
    await fc.assert(
      fc.asyncProperty(meta, fc.constantFrom(' ', '', '  '), async (parts, sep) => {
        const q = parts.join(sep).slice(0, 200);
        const deal = await reader.core.handle({ command: 'deal', options: { query: q }, user: MEMBER });
        expect(['deal', 'list', 'not_found', 'help'], JSON.stringify(deal).slice(0, 200)).toContain(deal.kind);
        const list = await reader.core.handle({ command: 'deals', options: { company: q.slice(0, 80) }, user: MEMBER });
        expect(list.kind).toBe('list');
        await reader.core.autocomplete({ command: 'deal', option: 'query', value: q, user: MEMBER });
      }),
      params,
    );
    reader.store.flushUsage();
    expect(fingerprint(reader)).toBe(before);
  });

  it('surrounding a real question with query syntax still finds the deal the words name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SQL_AND_FTS.filter((s) => !/[a-z]/i.test(s))), fc.constantFrom(...SQL_AND_FTS.filter((s) => !/[a-z]/i.test(s))), async (pre, post) => {
        const r = await reader.core.handle({ command: 'deal', options: { query: `${pre}acme${post} ${pre}globex${post}` }, user: MEMBER });
        expect(r.kind === 'deal' ? r.deal.slug : r.kind).toBe('acme-globex-2020');
      }),
      params,
    );
  });

  it('stores and finds a deal whose own text is made of query syntax', async () => {
    const title = `Acme's "NEAR(x)" OR * deal; DROP TABLE deals; --`;
    const r = await app.core.handle({
      command: 'deal-admin',
      subcommand: 'alias-add',
      options: { organisation: 'Globex', alias: `Globex" OR "1"="1` },
      user: ADMIN,
    });
    expect(r.kind).toBe('done');
    const found = await app.core.handle({ command: 'deals', options: { company: `Globex" OR "1"="1` }, user: MEMBER });
    expect(found.kind === 'list' && found.items.map((i) => i.slug)).toContain('acme-globex-2020');
    const stored = app.store.getDeal('acme-globex-2020')!;
    app.store.updateDeal('acme-globex-2020', { ...stored.deal, title }, stored.version, { id: 'U-admin', platform: 'slack' });
    const again = await app.core.handle({ command: 'deal', options: { query: 'acme-globex-2020' }, user: MEMBER });
    expect(again.kind === 'deal' && again.deal.title).toBe(title);
  });
});
