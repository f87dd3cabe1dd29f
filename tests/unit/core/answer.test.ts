// src/core/answer.ts on its own: sentences only from stored fields, at their precision, never invented.
import { describe, expect, it } from 'vitest';
import { countAnswer, dealAnswer, listAnswer, notFoundAnswer } from '../../../src/core/answer.ts';
import type { Deal } from '../../../src/deals/schema.ts';
import type { QuestionReading } from '../../../src/search/types.ts';

const deal: Deal = {
  slug: 'microsoft-activision-blizzard-2022',
  title: 'Microsoft acquires Activision Blizzard',
  type: 'acquisition',
  status: 'completed',
  announced: '2022-01-18',
  closed: '2023-10',
  parties: [
    { name: 'Microsoft', role: 'acquirer' },
    { name: 'Activision Blizzard', role: 'target' },
  ],
  value: { amount: 68_700_000_000, currency: 'USD' },
  areas: [],
  summary: 'x',
  sources: [{ url: 'https://example.com/' }],
};
const q = (ask: QuestionReading['ask'], extra: Partial<QuestionReading> = {}): QuestionReading => ({ ask, names: [], types: [], years: [], topics: [], ...extra });

describe('answers about one deal', () => {
  it('value, with both dates at their stored precision', () => {
    expect(dealAnswer(deal, q('value'))).toBe('Microsoft paid $68.7 billion for Activision Blizzard (announced 18 Jan 2022, completed in Oct 2023).');
  });
  it("a value's note shares the sentence's one bracket with the dates", () => {
    const noted = { ...deal, value: { amount: 68_700_000_000, currency: 'USD' as const, note: 'all-cash, $95 per share' } };
    expect(dealAnswer(noted, q('value'))).toBe(
      'Microsoft paid $68.7 billion for Activision Blizzard (all-cash, $95 per share; announced 18 Jan 2022, completed in Oct 2023).',
    );
    expect(dealAnswer(noted, q('show'))).not.toMatch(/\) \(/);
  });
  it('a party question is answered short only when the sentence names the party asked; a consortium\'s investor is named', () => {
    const consortium: Deal = {
      ...deal,
      type: 'divestiture',
      parties: [
        { name: 'Quillco', role: 'acquirer' },
        { name: 'Unitco', role: 'target' },
        { name: 'Sellco', role: 'seller' },
        { name: 'Backco', role: 'investor' },
      ],
    };
    const who = dealAnswer(consortium, q('parties', { askedRoles: ['investor'] }));
    expect(who).toMatch(/^Quillco, with Backco investing, bought Unitco from Sellco/);
    // An asked role the sentence does not name gets the parties listed with their roles.
    const licensed: Deal = { ...deal, type: 'settlement', parties: [{ name: 'Aco', role: 'licensor' }, { name: 'Bco', role: 'licensee' }] };
    expect(dealAnswer(licensed, q('parties', { askedRoles: ['licensee'] }))).toMatch(/Bco/);
  });
  it('the one deal of an order names a stated status before its noun, in the singular', () => {
    const latest = dealAnswer(deal, q('show', { order: 'newest', status: 'completed' }));
    expect(latest).toMatch(/^The most recent completed deal recorded: Microsoft/);
    expect(latest).not.toMatch(/were/);
    expect(dealAnswer(deal, q('show', { order: 'value_desc', types: ['acquisition'] }))).toMatch(/^The largest acquisition recorded:/);
  });
  it('undisclosed value and unrecorded closing date are said, not guessed', () => {
    const d = { ...deal, value: undefined, closed: undefined };
    expect(dealAnswer(d, q('value'))).toBe(
      "Microsoft's acquisition of Activision Blizzard: the terms were not disclosed (announced 18 Jan 2022, completed; the closing date is not recorded).",
    );
    expect(dealAnswer({ ...d, status: 'terminated' }, q('closed'))).toMatch(/terminated; the date it ended is not recorded/);
  });
  it('an MoU or partnership that is signed is in force: no missing completion is mentioned', () => {
    const mou: Deal = { ...deal, type: 'mou', status: 'signed', closed: undefined, value: undefined, parties: [{ name: 'Xiaomi', role: 'partner' }, { name: 'Microsoft', role: 'partner' }] };
    const a = dealAnswer(mou, q('show'));
    expect(a).toMatch(/signed/);
    expect(a).not.toMatch(/not recorded as completed/);
    // An acquisition that is only signed has not completed yet, and says so.
    expect(dealAnswer({ ...deal, status: 'signed', closed: undefined }, q('status'))).toMatch(/not recorded as completed/);
  });
  it('closing date, status and binding', () => {
    expect(dealAnswer(deal, q('closed'))).toBe("Microsoft's acquisition of Activision Blizzard was completed in Oct 2023 (announced 18 Jan 2022).");
    expect(dealAnswer({ ...deal, status: 'pending', closed: undefined }, q('status'))).toMatch(/is pending, not yet closed/);
    expect(dealAnswer({ ...deal, binding: false }, q('binding'))).toMatch(/is not binding/);
    expect(dealAnswer(deal, q('binding'))).toMatch(/^Whether .* is binding is not recorded/);
  });
  it('announcement dates keep their precision', () => {
    expect(dealAnswer({ ...deal, announced: '2015-03' }, q('announced'))).toMatch(/was announced in Mar 2015/);
    expect(dealAnswer({ ...deal, announced: '2015' }, q('announced'))).toMatch(/was announced in 2015/);
  });
});

describe('counts and not-found', () => {
  it('counts with a breakdown by type and status', () => {
    const nvidia = q('count', { names: [{ typed: 'nvidia', name: 'Nvidia', orgIds: [1], roles: ['acquirer', 'investor'] }], types: ['acquisition'] });
    expect(countAnswer(nvidia, 4, [{ type: 'acquisition', count: 4, byStatus: { completed: 3, terminated: 1 } }])).toBe(
      'Nvidia made 4 acquisitions: 3 completed, 1 terminated.',
    );
    const any = q('count', { names: [{ typed: 'nvidia', name: 'Nvidia', orgIds: [1] }] });
    expect(
      countAnswer(any, 4, [
        { type: 'acquisition', count: 3, byStatus: { completed: 2, terminated: 1 } },
        { type: 'investment', count: 1, byStatus: { completed: 1 } },
      ]),
    ).toBe('Nvidia is a party to 4 deals: 3 acquisitions (1 terminated), 1 investment.');
  });
  it('a count or list by closing year says it counted by the recorded closing date, with the status said once', () => {
    const byType = [{ type: 'acquisition' as const, count: 3, byStatus: { completed: 3 } }, { type: 'merger' as const, count: 1, byStatus: { completed: 1 } }];
    expect(countAnswer(q('count', { status: 'completed', closedYears: [2022] }), 4, byType)).toBe(
      'dealbot records 4 deals completed in 2022 (by the recorded closing date): 3 acquisitions, 1 merger.',
    );
    expect(countAnswer(q('count', { status: 'terminated', types: ['acquisition'], closedFromYear: 2021 }), 2, [{ type: 'acquisition', count: 2, byStatus: { terminated: 2 } }])).toBe(
      'dealbot records 2 acquisitions terminated since 2021 (by the recorded closing date).',
    );
    expect(countAnswer(q('count', { closedFromYear: 2019, closedToYear: 2021 }), 4, byType)).toContain('completed or ended 2019–2021 (by the recorded closing date)');
    expect(listAnswer(q('list', { status: 'completed', years: [2020], closedYears: [2021] }), 3, 'newest')).toBe(
      '3 deals announced in 2020 completed in 2021 (by the recorded closing date), newest first:',
    );
    // Announced years are said as before.
    expect(listAnswer(q('list', { years: [2022] }), 10, 'newest')).toBe('10 deals announced in 2022, newest first:');
  });
  it('a list of one company\'s deals says the role asked: by, of, in, or where it was the seller', () => {
    const one = (roles: QuestionReading['names'][number]['roles'], types: QuestionReading['types'] = []) =>
      q('list', { types, names: [{ typed: 'acme', name: 'Acme', orgIds: [1], roles }] });
    expect(listAnswer(one(['acquirer', 'investor'], ['acquisition']), 3, 'newest')).toBe('3 acquisitions by Acme, newest first:');
    expect(listAnswer(one(['seller']), 2, 'newest')).toBe('2 deals where Acme was the seller, newest first:');
    expect(listAnswer(one(['investee', 'target'], ['investment']), 2, 'newest')).toBe('2 investments in Acme, newest first:');
    expect(listAnswer(one(['target', 'investee', 'seller'], ['acquisition']), 2, 'newest')).toBe('2 acquisitions of Acme, newest first:');
    expect(listAnswer(one(undefined), 4, 'newest')).toBe('Acme is a party to 4 recorded deals, newest first:');
  });
  it('says what is not recorded, in the roles asked', () => {
    const r = q('value', {
      names: [
        { typed: 'oracle', name: 'Oracle', orgIds: [1], roles: ['acquirer', 'investor'] },
        { typed: 'github', name: 'GitHub', orgIds: [2], roles: ['target', 'investee', 'seller'] },
      ],
    });
    expect(notFoundAnswer(r, 'how much did oracle pay for github', true)).toBe('dealbot has no record of Oracle buying GitHub.');
  });
  it('names the seller asked about among what is not recorded', () => {
    const r = q('announced', {
      types: ['acquisition'],
      names: [
        { typed: 'lenovo', name: 'Lenovo', orgIds: [1], roles: ['acquirer', 'investor'] },
        { typed: 'motorola', name: 'Motorola Mobility', orgIds: [2], roles: ['target', 'investee', 'seller'] },
        { typed: 'samsung', name: 'Samsung', orgIds: [3], roles: ['seller'] },
      ],
    });
    expect(notFoundAnswer(r, 'when did lenovo buy motorola from samsung', true)).toBe('dealbot has no record of Lenovo buying Motorola Mobility from Samsung.');
  });
});
