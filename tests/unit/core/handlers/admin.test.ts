// The admin workflow through the core: each operation by an admin and by a non-admin, the version check, remove and
// undo, aliases, history with before/after, and stats.
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/core/core.ts';
import { DEFAULT_SETTINGS } from '../../../../src/core/context.ts';
import { buildDealForm } from '../../../../src/core/forms/deal-form.ts';
import type { FormReply, Invocation, InvokeTarget, Reply, User } from '../../../../src/core/replies.ts';
import { serialiseDeals } from '../../../../src/deals/import-file.ts';
import { LIMITS } from '../../../../src/deals/schema.ts';
import { createLogger } from '../../../../src/log.ts';
import type { SqliteApp as App } from '../../../../src/app.ts';
import { OPERATOR, STRANGER, testApp } from '../../../helpers/app.ts';

const DISCORD_ADMIN: User = { id: '111', name: 'mod', platform: 'discord', roles: ['role-admin'], guildId: 'guild-home' };
const DISCORD_MEMBER: User = { id: '222', name: 'member', platform: 'discord', roles: ['role-other'], canManageServer: true, guildId: 'guild-home' };
const SLACK_ADMIN: User = { id: 'UADMIN', name: 'boss', platform: 'slack' };

let app: App;
let core: Core;
let logLines: string[];

beforeEach(() => {
  app = testApp({ fixtures: true, policy: { discordRoleIds: ['role-admin'], discordAdminGuildIds: ['guild-home'], slackUserIds: ['UADMIN'] } });
  // The same app, with a logger we can read, to see refusals logged.
  logLines = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  core = createCore({ ...app.core.context, log: createLogger('info', sink), settings: DEFAULT_SETTINGS });
});
afterEach(() => app.close());

const admin = (subcommand: string, options: InvokeTarget['options'] = {}): InvokeTarget => ({ command: 'deal-admin', subcommand, options });
const run = (t: InvokeTarget, user: User = OPERATOR): Promise<Reply> => core.handle({ ...t, user } as Invocation);
const ask = (query: string) => core.handle({ command: 'deal', options: { query }, user: STRANGER });
const exported = () => serialiseDeals(app.store.exportDeals());

/** Submits a form as an adapter does: each field's value under its id, on top of the submit options. */
function submit(form: Reply, changes: Record<string, string> = {}, user: User = OPERATOR): Promise<Reply> {
  if (form.kind !== 'form') throw new Error(`expected a form, got ${JSON.stringify(form)}`);
  const values = Object.fromEntries(form.fields.map((f) => [f.id, f.value ?? '']));
  return run({ ...form.submit, options: { ...form.submit.options, ...values, ...changes } }, user);
}

function expectKind<K extends Reply['kind']>(r: Reply, kind: K): Extract<Reply, { kind: K }> {
  if (r.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(r)}`);
  return r as Extract<Reply, { kind: K }>;
}

const NEW_DEAL = {
  title: 'Umbrella invests in Initech',
  parties: 'Umbrella (investor); Initech (investee)',
  details: 'Type: investment\nStatus: completed\nAnnounced: 2023-05-02\nValue: 40 million USD (series B)',
  summary: 'A fictional test deal: Umbrella leads a funding round in Initech.',
  sources: 'https://example.com/umbrella-initech | Example News | Umbrella backs Initech | 2023-05-02',
  areas: 'fintech, billing',
};

describe('non-admins change nothing and are told why', () => {
  const attempts: [string, InvokeTarget][] = [
    ['add', admin('add')],
    ['edit', admin('edit', { slug: 'acme-globex-2020' })],
    ['save (add)', { ...admin('save', { mode: 'add' }), options: { mode: 'add', ...NEW_DEAL } }],
    ['save (edit)', admin('save', { mode: 'edit', slug: 'acme-globex-2020', version: 1, title: 'Hijacked' })],
    ['remove', admin('remove', { slug: 'acme-globex-2020' })],
    ['remove-confirm', admin('remove-confirm', { slug: 'acme-globex-2020' })],
    ['restore', admin('restore', { slug: 'acme-globex-2020' })],
    ['alias-add', admin('alias-add', { organisation: 'Acme', alias: 'Roadrunner' })],
    ['alias-remove', admin('alias-remove', { organisation: 'Acme', alias: 'ACME' })],
    ['known-add', admin('known-add', { organisation: 'Globex', phrase: 'rocket engines' })],
    ['known-remove', admin('known-remove', { organisation: 'Globex', phrase: 'rocket engines' })],
    ['history', admin('history')],
    ['stats', admin('stats')],
  ];
  const outsiders: User[] = [STRANGER, DISCORD_MEMBER, { ...OPERATOR, isOperator: false }, { id: 'x', platform: 'test' }];

  it.each(attempts)('%s is refused for every kind of non-admin', async (_name, target) => {
    const before = exported();
    const orgs = JSON.stringify(app.store.listOrganisations());
    const audit = app.store.history({ limit: 1000 }).length;
    for (const user of outsiders) {
      const r = expectKind(await run(target, user), 'error');
      expect(r.code).toBe('forbidden');
      expect(r.private).toBe(true);
      expect(r.message).toMatch(/only dealbot admins/i);
    }
    expect(exported()).toBe(before);
    expect(JSON.stringify(app.store.listOrganisations())).toBe(orgs);
    expect(app.store.history({ limit: 1000 })).toHaveLength(audit);
    const refusals = logLines.filter((l) => l.includes('admin command refused'));
    expect(refusals).toHaveLength(outsiders.length);
    expect(refusals[0]).toContain(STRANGER.id);
  });

  it('checks at the moment of the write: a form opened as admin cannot be saved after the role is gone', async () => {
    const form = await run(admin('edit', { slug: 'acme-globex-2020' }), DISCORD_ADMIN);
    expect(form.kind).toBe('form');
    const before = exported();
    const r = expectKind(await submit(form, { title: 'Changed after demotion' }, { ...DISCORD_ADMIN, roles: [] }), 'error');
    expect(r.code).toBe('forbidden');
    expect(exported()).toBe(before);
    // The same submission by a configured admin goes through.
    expectKind(await submit(form, { title: 'Changed by an admin' }, DISCORD_ADMIN), 'done');
  });
});

describe('add', () => {
  it('an admin adds a deal through the form; it is searchable at once and in the history', async () => {
    const form = expectKind(await run(admin('add'), SLACK_ADMIN), 'form');
    expect(form.submit.options).toEqual({ mode: 'add' });
    const done = expectKind(await submit(form, NEW_DEAL, SLACK_ADMIN), 'done');
    expect(done.deal?.slug).toBe('umbrella-invests-in-initech-2023');
    expect(done.private).toBe(true);

    const card = expectKind(await ask('umbrella initech'), 'deal');
    expect(card.deal.slug).toBe('umbrella-invests-in-initech-2023');
    expect(card.deal.value).toEqual({ amount: 40_000_000, currency: 'USD', note: 'series B' });

    const h = expectKind(await run(admin('history', { slug: 'umbrella-invests-in-initech-2023' })), 'history');
    expect(h.entries).toHaveLength(1);
    expect(h.entries[0]).toMatchObject({ action: 'deal.add', platform: 'slack', actor: 'boss (UADMIN)' });
    expect(h.entries[0]!.changes).toContainEqual({ field: 'value', before: '', after: '40 million USD (series B)' });
  });

  it('returns validation problems per field and saves nothing', async () => {
    const before = exported();
    const form = await run(admin('add'));
    const r = expectKind(await submit(form, { ...NEW_DEAL, parties: 'Umbrella', details: 'Type: acquisition\nStatus: done\nAnnounced: 2023-13' }), 'error');
    expect(r.code).toBe('bad_input');
    const fields = (r.fieldErrors ?? []).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['parties.0.role', 'details.status', 'details.announced']));
    expect(exported()).toBe(before);
  });

  it('flags a duplicate (same parties, type and date) before saving, unless allowed explicitly', async () => {
    const dup = {
      title: 'Acme acquires the Globex robotics arm',
      parties: 'Globex (seller); Acme (acquirer)',
      details: 'Type: acquisition\nStatus: completed\nAnnounced: 2020-03',
      summary: 'The same deal, typed again.',
      sources: 'https://example.com/again',
    };
    const before = exported();
    const r = expectKind(await submit(await run(admin('add')), dup), 'error');
    expect(r.code).toBe('duplicate');
    expect(r.message).toContain('acme-globex-2020');
    expect(r.fieldErrors?.map((f) => f.field)).toEqual(['details', 'parties']);
    expect(exported()).toBe(before);

    const allowed = expectKind(await core.handleText('/deal-admin add allow_duplicate:true', OPERATOR), 'form');
    expect(allowed.submit.options.allow_duplicate).toBe(true);
    expectKind(await submit(allowed, dup), 'done');
    expect(app.store.countDeals()).toBe(3);
  });
});

describe('edit', () => {
  it('prefills the form, saves the change, and the history shows before and after', async () => {
    const form = expectKind(await run(admin('edit', { slug: 'acme-globex-2020' })), 'form');
    expect(form.submit.options).toEqual({ mode: 'edit', slug: 'acme-globex-2020', version: 1 });
    expect(form.fields.find((f) => f.id === 'title')!.value).toBe("Acme buys Globex's robotics unit");
    const details = form.fields.find((f) => f.id === 'details')!.value!;
    const done = expectKind(await submit(form, { details: details.replace('250 million USD', '300 million USD') }), 'done');
    expect(done.message).toContain('version 2');

    const card = expectKind(await ask('acme globex robotics'), 'deal');
    expect(card.deal.value?.amount).toBe(300_000_000);
    expect(card.version).toBe(2);

    const h = expectKind(await run(admin('history', { slug: 'acme-globex-2020' })), 'history');
    expect(h.entries[0]!.action).toBe('deal.edit');
    expect(h.entries[0]!.changes).toEqual([{ field: 'value', before: '250 million USD', after: '300 million USD' }]);
  });

  it('two edits from the same version: the second is refused with a message, the first is kept', async () => {
    const formA = await run(admin('edit', { slug: 'acme-globex-2020' }));
    const formB = await run(admin('edit', { slug: 'acme-globex-2020' }), DISCORD_ADMIN);
    expectKind(await submit(formA, { title: 'First editor wins' }), 'done');
    const afterFirst = exported();
    const r = expectKind(await submit(formB, { summary: 'Second editor, stale form.' }, DISCORD_ADMIN), 'error');
    expect(r.code).toBe('conflict');
    expect(r.message).toMatch(/changed by someone else/);
    expect(r.message).toMatch(/nothing was saved/);
    expect(exported()).toBe(afterFirst);
    expect(app.store.getDeal('acme-globex-2020')!.deal.title).toBe('First editor wins');
    expect(app.store.history({ subject: 'acme-globex-2020' }).filter((e) => e.action === 'deal.edit')).toHaveLength(1);
  });

  it('saving an unchanged form writes nothing', async () => {
    const before = app.store.history({ limit: 100 }).length;
    const r = expectKind(await submit(await run(admin('edit', { slug: 'acme-globex-2020' }))), 'done');
    expect(r.message).toMatch(/no changes/i);
    expect(app.store.getDeal('acme-globex-2020')!.version).toBe(1);
    expect(app.store.history({ limit: 100 })).toHaveLength(before);
  });

  it('keeps a stored value too long for its field when that field comes back unchanged', async () => {
    const stored = app.store.getDeal('acme-globex-2020')!;
    const sources = Array.from({ length: 10 }, (_, i) => ({
      url: `https://example.com/${'long-path-'.repeat(30)}${i}`,
      publisher: 'P'.repeat(LIMITS.publisher),
      title: 'T'.repeat(LIMITS.sourceTitle),
    }));
    app.store.updateDeal(stored.deal.slug, { ...stored.deal, sources }, 1, OPERATOR);
    const form = expectKind(await run(admin('edit', { slug: 'acme-globex-2020' })), 'form');
    expect(form.notice).toMatch(/sources holds/);
    expectKind(await submit(form, { title: 'Retitled' }), 'done');
    const after = app.store.getDeal('acme-globex-2020')!.deal;
    expect(after.title).toBe('Retitled');
    expect(after.sources).toEqual(sources);
  });

  it('answers an unknown slug clearly', async () => {
    const r = expectKind(await run(admin('edit', { slug: 'no-such-deal' })), 'error');
    expect(r.code).toBe('not_found');
    expect(r.message).toContain('no-such-deal');
  });
});

describe('remove and restore', () => {
  it('asks first, removes from search at once, and Undo restores the deal exactly', async () => {
    const before = exported();
    const confirm = expectKind(await run(admin('remove', { slug: 'acme-globex-2020' })), 'confirm');
    expect(confirm.confirm.target).toEqual(admin('remove-confirm', { slug: 'acme-globex-2020' }));
    expect(exported()).toBe(before); // asking changes nothing

    const done = expectKind(await run(confirm.confirm.target), 'done');
    expect(exported()).not.toContain('acme-globex-2020');
    const search = await ask('acme globex robotics');
    expect(search.kind === 'deal' && search.deal.slug === 'acme-globex-2020').toBe(false);
    const edit = expectKind(await run(admin('edit', { slug: 'acme-globex-2020' })), 'error');
    expect(edit.code).toBe('not_found');

    const undo = done.actions.find((a) => a.label === 'Undo');
    expect(undo && 'target' in undo ? undo.target : undefined).toEqual(admin('restore', { slug: 'acme-globex-2020' }));
    if (!undo || !('target' in undo)) return;
    expectKind(await run(undo.target), 'done');
    expect(exported()).toBe(before);
    expectKind(await ask('acme globex robotics'), 'deal');

    const h = expectKind(await run(admin('history', { slug: 'acme-globex-2020' })), 'history');
    expect(h.entries.map((e) => e.action)).toEqual(['deal.restore', 'deal.remove']);
  });

  it('restoring a deal that is not removed is refused', async () => {
    const r = expectKind(await run(admin('restore', { slug: 'acme-globex-2020' })), 'error');
    expect(r.code).toBe('duplicate');
    expect(r.message).toMatch(/not removed/);
  });
});

describe('aliases', () => {
  it('an added alias finds the organisation at once; removing it stops that', async () => {
    const miss = await ask('roadrunner globex');
    expect(miss.kind === 'deal' && miss.deal.slug === 'acme-globex-2020').toBe(false);
    const done = expectKind(await core.handleText('/deal-admin alias-add Acme Roadrunner', OPERATOR), 'done');
    expect(done.message).toContain('Roadrunner');
    const hit = expectKind(await ask('roadrunner globex'), 'deal');
    expect(hit.deal.slug).toBe('acme-globex-2020');

    const h = expectKind(await run(admin('history', { slug: 'org:Acme' })), 'history');
    expect(h.entries[0]!.changes).toEqual([{ field: 'aliases', before: 'Acme Corp', after: 'Acme Corp, Roadrunner' }]);

    expectKind(await run(admin('alias-remove', { organisation: 'Acme', alias: 'Roadrunner' })), 'done');
    const gone = await ask('roadrunner globex');
    expect(gone.kind === 'deal' && gone.deal.slug === 'acme-globex-2020').toBe(false);
  });

  it('refuses an alias that already names another organisation, and an unknown organisation', async () => {
    const taken = expectKind(await run(admin('alias-add', { organisation: 'Acme', alias: 'GBX' })), 'error');
    expect(taken.code).toBe('duplicate');
    expect(taken.message).toContain('Globex');
    const unknown = expectKind(await run(admin('alias-add', { organisation: 'Nobody Inc', alias: 'NBD' })), 'error');
    expect(unknown.code).toBe('not_found');
  });
});

describe('what a company is known for', () => {
  it('an added phrase lets a question without names find the deal; undo removes it; both are in the history', async () => {
    const question = 'the rocket engine maker that sold acme a unit';
    const before = await ask(question);
    expect(before.kind === 'deal' && before.deal.slug === 'acme-globex-2020').toBe(false);
    const done = expectKind(await core.handleText('/deal-admin known-add Globex "rocket engines"', OPERATOR), 'done');
    expect(done.message).toContain('rocket engines');
    expect(expectKind(await ask(question), 'deal').deal.slug).toBe('acme-globex-2020');

    const undo = done.actions.find((a) => a.label === 'Undo');
    if (!undo || !('target' in undo)) throw new Error('no Undo button');
    expectKind(await run(undo.target), 'done');
    const after = await ask(question);
    expect(after.kind === 'deal' && after.deal.slug === 'acme-globex-2020').toBe(false);

    const h = expectKind(await run(admin('history', { slug: 'org:Globex' })), 'history');
    expect(h.entries.map((e) => e.action)).toEqual(['org.known', 'org.known']);
    expect(h.entries[1]!.changes).toEqual([{ field: 'known', before: '', after: 'rocket engines' }]);
  });

  it('refuses a phrase already known, one not known, an unknown company and an oversized phrase, changing nothing', async () => {
    expectKind(await run(admin('known-add', { organisation: 'Globex', phrase: 'rocket engines' })), 'done');
    expect(expectKind(await run(admin('known-add', { organisation: 'globex', phrase: 'Rocket Engines' })), 'error').code).toBe('conflict');
    expect(expectKind(await run(admin('known-remove', { organisation: 'Globex', phrase: 'jet packs' })), 'error').message).toContain('rocket engines');
    expect(expectKind(await run(admin('known-add', { organisation: 'Nobody Inc', phrase: 'widgets' })), 'error').code).toBe('not_found');
    expect(expectKind(await run(admin('known-add', { organisation: 'Globex', phrase: 'x'.repeat(LIMITS.known + 1) })), 'error').code).toBe('bad_input');
    expect((await app.deals.findOrganisation('Globex'))!.known).toEqual(['rocket engines']);
  });
});

describe('history', () => {
  it('lists the last N changes across deals, newest first', async () => {
    await run(admin('alias-add', { organisation: 'Globex', alias: 'Globby' }));
    await run(admin('remove-confirm', { slug: 'initech-acme-2021' }));
    const h = expectKind(await run(admin('history', { limit: 2 })), 'history');
    expect(h.subject).toBeUndefined();
    expect(h.entries.map((e) => e.action)).toEqual(['deal.remove', 'alias.add']);
    expect(h.entries[0]!.actor).toBe('tester (cli:tester)');
  });

  it('says so for a slug that never existed', async () => {
    expectKind(await run(admin('history', { slug: 'never-was' })), 'error');
  });
});

describe('stats', () => {
  it('lists questions that found nothing, most frequent first, with totals', async () => {
    for (const q of ['zorblax quantum', 'Zorblax Quantum', 'zorblax quantum', 'flimflam widgets', 'acme globex robotics']) await ask(q);
    const s = expectKind(await run(admin('stats', { days: 7 })), 'stats');
    expect(s).toMatchObject({ days: 7, deals: 2, queries: 5, found: 1, notFound: 4 });
    expect(s.misses).toEqual([
      { query: 'zorblax quantum', count: 3 },
      { query: 'flimflam widgets', count: 1 },
    ]);
    expect(s.top[0]).toEqual({ query: 'zorblax quantum', count: 3 });
  });

  it('defaults to 30 days and counts deals live in the store', async () => {
    await run(admin('remove-confirm', { slug: 'initech-acme-2021' }));
    const s = expectKind(await run(admin('stats')), 'stats');
    expect(s.days).toBe(30);
    expect(s.deals).toBe(1);
    expect(s.queries).toBe(0);
  });
});

describe('the form submission is checked like any other invocation', () => {
  it('an edit without version or with a stale slug is refused clearly', async () => {
    const form = buildDealForm({ mode: 'edit', slug: 'acme-globex-2020', version: 1 }, app.store.getDeal('acme-globex-2020')!.deal);
    const noVersion: FormReply = { ...form, submit: admin('save', { mode: 'edit', slug: 'acme-globex-2020' }) };
    expect(expectKind(await submit(noVersion), 'error').code).toBe('bad_input');
    const bad = expectKind(await run(admin('save', { mode: 'remove' })), 'error');
    expect(bad.code).toBe('bad_input');
  });
});
