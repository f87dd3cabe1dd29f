// The whole app on PostgreSQL (openAppAsync with a postgres:// URL), in process: the same script of admin and browse
// commands through core.handle on a SQLite app and on a PostgreSQL app, both filled from data/, must give the same
// replies (timestamps aside) and leave the same export — the core does not know which backend it runs on.
// /deal questions and autocomplete are compared too: search reads through the PostgreSQL SearchReader there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, openAppAsync, type App } from '../../../src/app.ts';
import type { Invocation, InvokeTarget, Reply } from '../../../src/core/replies.ts';
import { serialiseDeals } from '../../../src/deals/import-file.ts';
import { createLogger } from '../../../src/log.ts';
import { redactDatabaseUrl } from '../../../src/store/open.ts';
import { runDoctor } from '../../../src/ops/doctor.ts';
import { PG_LATEST_VERSION } from '../../../src/store/postgres/migrations.ts';
import { testPostgres } from '../../helpers/pg-test.ts';
import { OPERATOR } from '../../helpers/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-pgapp-'));
const found = await testPostgres();
const pgTest = 'unavailable' in found ? undefined : found;
if ('unavailable' in found) {
  console.warn(`\n*** PostgreSQL tests NOT RUN (the app on PostgreSQL): ${found.unavailable}. Set DEALBOT_TEST_DATABASE_URL or install the server to run them. ***\n`);
}
afterAll(async () => {
  await pgTest?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('database URLs in logs and messages', () => {
  it('never show the password (or a query string that may carry one)', () => {
    expect(redactDatabaseUrl('postgres://dealbot:s3cr%40t@db.example:5432/deals')).toBe('postgres://dealbot@db.example:5432/deals');
    expect(redactDatabaseUrl('postgresql://u:pw@h/db?password=pw&sslmode=require')).toBe('postgresql://u@h/db');
    expect(redactDatabaseUrl('postgres://h/db')).toBe('postgres://h/db');
    expect(redactDatabaseUrl('postgres://u:pw@[bad')).toBe('postgres://…');
    expect(redactDatabaseUrl('not a url u:pw@h')).toBe('(not a URL)');
  });
});

const admin = (subcommand: string, options: InvokeTarget['options'] = {}): InvokeTarget => ({ command: 'deal-admin', subcommand, options });
const NEW_DEAL = {
  title: 'Umbrella invests in Initech',
  parties: 'Umbrella (investor); Initech (investee)',
  details: 'Type: investment\nStatus: completed\nAnnounced: 2023-05-02\nValue: 40 million USD (series B)',
  summary: 'A fictional test deal: Umbrella leads a funding round in Initech.',
  sources: 'https://example.com/umbrella-initech | Example News | Umbrella backs Initech | 2023-05-02',
  areas: 'fintech, billing',
  quotes: '',
  deal_slug: '',
};

/** The script: browse, edit (and a stale edit), add (and its duplicate), alias, remove, restore, history, review, stats. */
async function script(app: App): Promise<Reply[]> {
  const out: Reply[] = [];
  const run = async (t: InvokeTarget) => {
    const r = await app.core.handle({ ...t, user: OPERATOR } as Invocation);
    out.push(r);
    return r;
  };
  const submit = (form: Reply, changes: Record<string, string | number> = {}) => {
    if (form.kind !== 'form') throw new Error(`expected a form, got ${JSON.stringify(form).slice(0, 300)}`);
    const values = Object.fromEntries(form.fields.map((f) => [f.id, f.value ?? '']));
    return run({ ...form.submit, options: { ...form.submit.options, ...values, ...changes } });
  };
  await run({ command: 'deals', options: { company: 'Microsoft' } });
  await run({ command: 'deals', options: { type: 'acquisition', year: 2020, page: 2 } });
  await run({ command: 'deals', options: { company: 'No Such Company' } });
  const form = await run(admin('edit', { slug: 'microsoft-github-2018' }));
  await submit(form, { title: 'Microsoft buys GitHub (edited on either backend)' });
  await submit(form, { title: 'A stale edit from the same form' }); // same version again: conflict
  await run(admin('save', { mode: 'add', ...NEW_DEAL }));
  await run(admin('save', { mode: 'add', ...NEW_DEAL })); // the same deal again: duplicate
  await run(admin('alias-add', { organisation: 'Microsoft', alias: 'Redmond Giant' }));
  await run({ command: 'deals', options: { company: 'redmond giant' } });
  await run(admin('alias-add', { organisation: 'Microsoft', alias: 'Redmond Giant' })); // taken
  await run(admin('remove-confirm', { slug: 'microsoft-github-2018' }));
  await run(admin('restore', { slug: 'microsoft-github-2018' }));
  await run(admin('history', { slug: 'microsoft-github-2018' }));
  await app.deals.enqueueReviewItems(
    ['a', 'b'].map((k) => ({ feedUrl: 'https://news.example/feed', itemKey: k, title: `Story ${k}`, status: 'pending' as const, draft: { draft: { title: `Draft ${k}` }, missing: ['parties'], flagged: [] } })),
  );
  const card = await run(admin('review'));
  const skip = card.kind === 'done' ? card.actions.find((a) => a.label === 'Skip') : undefined;
  if (!skip || !('target' in skip)) throw new Error('no Skip on the review card');
  await run(skip.target);
  await run(skip.target); // decided already
  await run(admin('stats', { days: 30 }));
  return out;
}

const QUESTIONS = ['xiaomi microsoft', 'who bought github', 'largest acquisitions in 2020', 'how many deals did microsoft do', 'zzqx nothing'];

/** /deal for each question and autocomplete for a few prefixes, through the core. */
async function searches(app: App): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const query of QUESTIONS) out.push(await app.core.handle({ command: 'deal', options: { query }, user: OPERATOR }));
  for (const value of ['micro', 'xiaom', 'nvid ar']) out.push(await app.core.autocomplete({ command: 'deal', option: 'query', value, user: OPERATOR }));
  return out;
}

/** Replies with what differs by run rather than by backend (timestamps, request ids) taken out. */
function comparable(replies: Reply[]): unknown {
  return JSON.parse(JSON.stringify(replies).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, 'T'));
}

if (pgTest) {
  describe('the app on PostgreSQL', () => {
    it('answers the admin and browse script exactly as the app on SQLite, and both stores export the same', async () => {
      const log = createLogger('silent');
      const lite = openApp({ dbPath: join(dir, 'same.db'), log });
      const onPg = await openAppAsync({ databaseUrl: await pgTest.newDatabase(), log });
      try {
        expect(lite.deals.backend).toBe('sqlite');
        expect(onPg.deals.backend).toBe('postgres');
        expect(onPg.store).toBeUndefined();
        expect(onPg.seeded).toBe(true);
        const [a, b] = [await script(lite), await script(onPg)];
        expect(a.map((r) => r.kind)).toEqual([
          'list', 'list', 'list', 'form', 'done', 'error', 'done', 'error', 'done', 'list', 'error', 'done', 'done', 'history', 'done', 'done', 'error', 'stats',
        ]);
        expect(comparable(b)).toEqual(comparable(a));
        const [sa, sb] = [await searches(lite), await searches(onPg)];
        expect((sa.slice(0, 5) as Reply[]).map((r) => r.kind)).toEqual(['deal', 'deal', 'list', 'count', 'not_found']);
        expect(comparable(sb.slice(0, 5) as Reply[])).toEqual(comparable(sa.slice(0, 5) as Reply[]));
        expect(sb.slice(5)).toEqual(sa.slice(5));
        expect(serialiseDeals(await onPg.deals.exportDeals())).toBe(serialiseDeals(await lite.deals.exportDeals()));
        expect(await onPg.deals.countReviewItems()).toEqual(await lite.deals.countReviewItems());
      } finally {
        await lite.close();
        await onPg.close();
      }
    });

    it('dealbot doctor checks the PostgreSQL store: empty, then migrated and filled, and unreachable without showing the password', async () => {
      const url = await pgTest.newDatabase();
      const check = async (u: string) => {
        const r = await runDoctor({ dbPath: join(dir, 'unused.db'), databaseUrl: u, env: {}, cwd: dir });
        return Object.fromEntries(r.checks.map((c) => [c.name, c]));
      };
      const empty = await check(url);
      expect(empty.database).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^PostgreSQL \d+/) });
      expect(empty.migrations).toMatchObject({ status: 'warn', detail: expect.stringContaining('no dealbot schema yet') });
      expect(empty['database file']).toBeUndefined();
      const app = await openAppAsync({ databaseUrl: url, log: createLogger('silent') });
      const deals = await app.deals.countDeals();
      await app.close();
      const filled = await check(url);
      expect(filled.migrations).toMatchObject({ status: 'ok', detail: `schema version ${PG_LATEST_VERSION}, up to date` });
      expect(filled['deal rows']).toMatchObject({ status: 'ok' });
      expect(filled.contents).toMatchObject({ status: 'ok', detail: expect.stringContaining(`${deals} deals`) });
      const away = new URL(url);
      away.port = '1';
      away.password = 'doctor-secret-pw';
      const r = await runDoctor({ dbPath: join(dir, 'unused.db'), databaseUrl: away.toString(), env: {}, cwd: dir });
      expect(r.ok).toBe(false);
      const db = r.checks.find((c) => c.name === 'database')!;
      expect(db).toMatchObject({ status: 'fail', detail: expect.stringContaining('cannot connect to postgres://') });
      expect(JSON.stringify(r)).not.toContain('doctor-secret-pw');
    });

    it('opening a database that is already filled does not fill it again', async () => {
      const url = await pgTest.newDatabase();
      const log = createLogger('silent');
      const first = await openAppAsync({ databaseUrl: url, log });
      const n = await first.deals.countDeals();
      const seedRows = (await first.deals.history({ limit: 100 })).filter((e) => e.actor === 'seed').length;
      await first.close();
      const second = await openAppAsync({ databaseUrl: url, log });
      try {
        expect(second.seeded).toBe(false);
        expect(await second.deals.countDeals()).toBe(n);
        expect(first.seeded).toBe(true);
        expect((await second.deals.history({ limit: 100 })).filter((e) => e.actor === 'seed')).toHaveLength(seedRows);
      } finally {
        await second.close();
      }
    });
  });
}
