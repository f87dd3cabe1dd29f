// Typed text into the core, as every adapter that reads text (console, `dealbot ask`, Slack) passes it: a plain
// question is a /deal question, a mistyped command gets the closest real one, names of several words take quotes or
// "=", and an admin command with a near-miss slug offers the nearest ones.
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, commandKeys, findCommand, formOpenedFirst, subcommandOf } from '../../../commands/index.ts';
import { HANDLERS, type HandlerTable } from '../../../src/core/core.ts';
import { parseCommandLine } from '../../../src/core/parse-command.ts';
import { OPERATOR, testApp } from '../../helpers/app.ts';

const app = testApp();
afterAll(() => app.close());
const ask = (text: string) => app.core.handleText(text, OPERATOR);

describe('asking like a person', () => {
  it('answers a plain question without a slash as /deal', async () => {
    const r = await ask('who bought github');
    expect(r.kind).toBe('deal');
    if (r.kind === 'deal') expect(r.deal.slug).toMatch(/github/);
    expect(parseCommandLine('who bought github', COMMANDS)).toEqual({ ok: true, target: { command: 'deal', options: { query: 'who bought github' } } });
    // A command name typed without its slash is still that command.
    expect(parseCommandLine('deals company:tencent', COMMANDS)).toMatchObject({ ok: true, target: { command: 'deals' } });
  });

  it('suggests the closest real command for a mistyped one', async () => {
    for (const typo of ['/dela xiaomi', '/dael x', '/deasl', '/deal-hlep', '/deal-admn stats']) {
      const r = await ask(typo);
      expect(r.kind).toBe('error');
      if (r.kind === 'error') expect(r.message).toMatch(/did you mean \/deal(-help|-admin|s)?\?$/);
    }
    const r = await ask('/frobnicate');
    expect(r.kind === 'error' && r.message).toMatch(/commands: \/deal, \/deals/);
  });
});

describe('/deals typed with words that are not its options', () => {
  it('asks words that fit no option, or name no known company, as a question', async () => {
    const completed = await ask('deals completed in 2023');
    expect(completed.kind).toBe('list');
    // Deals that completed in 2023, by their closing dates (not the ones announced in 2023).
    if (completed.kind === 'list') expect(completed.answer).toMatch(/deals completed in 2023 \(by the recorded closing date\)/);
    const slashed = await ask('/deals acquisitions');
    expect(slashed.kind).toBe('list');
    if (slashed.kind === 'list') expect(slashed.answer).toMatch(/^\d+ acquisitions/);
    const pair = await ask('/deals xiaomi microsoft');
    expect(pair.kind === 'list' && pair.answer).toMatch(/Xiaomi and Microsoft/);
  });

  it('keeps the browse list for real options, and refuses a wrong option given by name', async () => {
    const byCompany = await ask('deals microsoft acquisition 2022');
    expect(byCompany.kind === 'list' && byCompany.title).toBe('Deals: microsoft, Acquisition, 2022');
    const named = await ask('/deals company:nosuchco');
    expect(named.kind === 'list' && named.emptyMessage).toMatch(/knows no company called "nosuchco"/);
    const wrong = await ask('/deals type:banana');
    expect(wrong.kind === 'error' && wrong.message).toMatch(/type must be one of/);
    const bare = await ask('deals');
    expect(bare.kind === 'list' && bare.title).toBe('Latest deals');
  });
});

describe('alias names of several words', () => {
  it('refuses to guess where the organisation ends, and says how to write it', async () => {
    const before = app.store.findOrganisation('Activision Blizzard')!.aliases;
    const r = await ask('/deal-admin alias-add Activision Blizzard ATVI');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.message).toContain('can be read more than one way');
      expect(r.message).toContain('/deal-admin alias-add "Activision Blizzard" ATVI');
      expect(r.message).toContain('Activision Blizzard = ATVI');
    }
    expect(app.store.findOrganisation('Activision Blizzard')!.aliases).toEqual(before);
    expect(app.store.findOrganisation('Blizzard ATVI')).toBeUndefined();
  });

  it('takes the organisation in quotes, or before "="', async () => {
    const quoted = await ask('/deal-admin alias-add "Activision Blizzard" Acti Blizz');
    expect(quoted.kind).toBe('done');
    expect(app.store.findOrganisation('Acti Blizz')?.name).toBe('Activision Blizzard');
    const equals = await ask('/deal-admin alias-add Activision Blizzard = King Digital Parent');
    expect(equals.kind).toBe('done');
    expect(app.store.findOrganisation('King Digital Parent')?.name).toBe('Activision Blizzard');
    expect(parseCommandLine('/deal-admin alias-add Sony Group = Sony Corp', COMMANDS)).toEqual({
      ok: true,
      target: { command: 'deal-admin', subcommand: 'alias-add', options: { organisation: 'Sony Group', alias: 'Sony Corp' } },
    });
  });

  it('reads several words without quotes when only one reading names a known organisation', async () => {
    const r = await ask('/deal-admin alias-add Xiaomi Mi Phones');
    expect(r.kind).toBe('done');
    expect(app.store.findOrganisation('Mi Phones')?.name).toBe('Xiaomi');
    const removed = await ask('/deal-admin alias-remove Xiaomi Mi Phones');
    expect(removed.kind).toBe('done');
    expect(app.store.findOrganisation('Mi Phones')).toBeUndefined();
  });
});

describe('near-miss slugs in admin commands', () => {
  it('offer the nearest slugs as did-you-mean choices that run the same subcommand', async () => {
    for (const sub of ['edit', 'remove', 'history']) {
      const r = await ask(`/deal-admin ${sub} xiaomi-microsoft-mou-2019`);
      expect(r.kind).toBe('not_found');
      if (r.kind !== 'not_found') continue;
      expect(r.private).toBe(true);
      expect(r.message).not.toContain('shown on its card');
      expect(r.suggestions[0]!.target).toEqual({ command: 'deal-admin', subcommand: sub, options: { slug: 'xiaomi-microsoft-mou-2018' } });
      expect(r.suggestions[0]!.label).toContain('xiaomi-microsoft-mou-2018');
    }
  });

  it('say where the slug is when nothing is near', async () => {
    const r = await ask('/deal-admin edit zzzz-qqqq-0000');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toMatch(/slug is at the foot of its card/);
  });
});

describe('commands as typed pieces', () => {
  it('the handler table is typed from the definitions: a command without a handler does not compile', () => {
    // @ts-expect-error every other command and subcommand is missing a handler
    const partial: HandlerTable = { deal: HANDLERS.deal };
    expect(Object.keys(partial)).toEqual(['deal']);
    // And at run time: every command key the definitions declare has a handler, and no handler is for nothing.
    expect(Object.keys(HANDLERS).sort()).toEqual(commandKeys().sort());
  });

  it('a definition says when its form opens before the answer, so adapters need no command names', () => {
    const admin = findCommand('deal-admin')!;
    expect(subcommandOf(admin, 'ingest https://example.com/a')?.name).toBe('ingest');
    expect(subcommandOf(admin, 'INGEST some text')?.name).toBe('ingest');
    expect(subcommandOf(admin, 'ingesting')).toBeUndefined();
    expect(formOpenedFirst(admin, 'ingest')).toEqual({ title: 'Draft a deal', waiting: 'Reading the article…' });
    for (const sub of ['add', 'edit', 'remove', 'stats']) expect(formOpenedFirst(admin, sub)).toBeUndefined();
    expect(formOpenedFirst(findCommand('deal')!, undefined)).toBeUndefined();
  });
});
