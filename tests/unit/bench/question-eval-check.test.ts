// The question evaluation's own checkers and expectations, so that its figures can be trusted: lenient about how a
// fact is written, strict about the fact; lists and counts computed from the data with explicit ties.
import { describe, expect, it } from 'vitest';
import {
  findDates,
  findMoney,
  namesParty,
  statesBinding,
  statesDate,
  statesNoClosing,
  statesNumber,
  statesStatus,
  statesUndisclosed,
  statesValue,
  statesYear,
} from '../../../bench/question-eval-check.ts';
import {
  compareDates,
  expectedCount,
  filterDeals,
  loadCorpus,
  loadQuestions,
  scoreSetList,
  scoreSortedList,
  validateQuestions,
  type Corpus,
  type DataDeal,
} from '../../../bench/question-eval-expect.ts';
import { scoreQuestion } from '../../../bench/question-eval.ts';

describe('value checker', () => {
  const v = 68_700_000_000;
  it.each([
    'Microsoft paid $68.7 billion in cash for Activision Blizzard.',
    'It was worth 68.7bn USD.',
    'The price: US$68,700,000,000.',
    'USD 68.7 billion, all cash',
    'about $68.7B',
    'roughly 68.7 billion dollars',
    'Microsoft agreed to pay $68.70bn.',
  ])('accepts %j for 68.7 billion USD', (a) => expect(statesValue(a, v, 'USD')).toBe(true));

  it.each([
    ['a tenth of it', 'Microsoft paid $6.87 billion.'],
    ['no currency', 'Microsoft paid 68.7 billion.'],
    ['a different currency', 'Microsoft paid €68.7 billion.'],
    ['a rounded-away amount', 'Microsoft paid about $70 billion.'],
    ['a per-share price only', 'Microsoft paid $95 per share.'],
    ['no amount', 'Microsoft bought Activision Blizzard.'],
  ])('rejects %s', (_why, a) => expect(statesValue(a, v, 'USD')).toBe(false));

  it('reads other currencies and Indian units', () => {
    expect(statesValue('SoftBank paid £24.3 billion (about $32 billion).', 24_300_000_000, 'GBP')).toBe(true);
    expect(statesValue('SoftBank paid about $32 billion.', 24_300_000_000, 'GBP')).toBe(false);
    expect(statesValue('Meta invested Rs 43,574 crore for 9.99%.', 435_740_000_000, 'INR')).toBe(true);
    expect(statesValue('Meta invested ₹435.74 billion.', 435_740_000_000, 'INR')).toBe(true);
    expect(statesValue('Zomato paid Rs 4,447 crore in stock.', 44_474_800_000, 'INR')).toBe(true);
    expect(statesValue('for about ¥2 trillion', 2_000_000_000_000, 'JPY')).toBe(true);
    expect(statesValue('for about JPY 2 trillion', 2_000_000_000_000, 'JPY')).toBe(true);
    expect(statesValue('valued at EUR 15.6bn', 15_600_000_000, 'EUR')).toBe(true);
    expect(statesValue('Amazon paid $970m in cash.', 970_000_000, 'USD')).toBe(true);
    expect(statesValue('Amazon paid $0.97 billion.', 970_000_000, 'USD')).toBe(true);
    expect(statesValue('Amazon paid C$970 million.', 970_000_000, 'USD')).toBe(false);
    expect(statesValue('Lenovo paid $2.91 billion.', 2_910_000_000, 'USD')).toBe(true);
    expect(statesValue('Lenovo paid $2.9 billion.', 2_910_000_000, 'USD')).toBe(true);
    expect(statesValue('Lenovo paid $3 billion.', 2_910_000_000, 'USD')).toBe(false);
  });

  it('does not take dates, counts or percentages for money', () => {
    expect(findMoney('announced on 18 January 2022, 9.99% stake, 1,500 patents, 2 deals')).toEqual([]);
  });

  it('an undisclosed value must be said to be undisclosed, with no invented amount', () => {
    const stored = 'The price was not disclosed but was reported at around $400 million.';
    expect(statesUndisclosed('Apple bought Shazam; the price was not disclosed.', stored)).toBe(true);
    expect(statesUndisclosed('Terms were undisclosed.', stored)).toBe(true);
    expect(statesUndisclosed('No value is recorded for this deal.', stored)).toBe(true);
    expect(statesUndisclosed('The price was not disclosed (reported at about $400 million).', stored)).toBe(true);
    expect(statesUndisclosed('The price was not disclosed; it was about $1 billion.', stored)).toBe(false);
    expect(statesUndisclosed('Apple paid $400 million for Shazam.', stored)).toBe(false);
    expect(statesUndisclosed('Apple bought Shazam.', stored)).toBe(false);
  });
});

describe('date checker', () => {
  it.each(['announced 18 Jan 2022', 'on January 18, 2022', 'on 2022-01-18', 'on 18th January 2022', 'Jan. 18 2022'])(
    'accepts %j for 2022-01-18',
    (a) => expect(statesDate(a, '2022-01-18')).toBe(true),
  );

  it.each([
    ['an invented day', 'announced 19 January 2022'],
    ['a less precise date', 'announced in January 2022'],
    ['the wrong year', 'announced 18 January 2021'],
    ['no date', 'Microsoft agreed to buy Activision Blizzard.'],
  ])('rejects %s for 2022-01-18', (_why, a) => expect(statesDate(a, '2022-01-18')).toBe(false));

  it('keeps the stored precision', () => {
    expect(statesDate('NXP agreed in March 2015 to merge with Freescale.', '2015-03')).toBe(true);
    expect(statesDate('NXP agreed on 2015-03 to merge.', '2015-03')).toBe(true);
    expect(statesDate('NXP agreed on 2 March 2015 to merge.', '2015-03')).toBe(false);
    expect(statesDate('NXP agreed in 2015 to merge.', '2015-03')).toBe(false);
  });

  it('a "what year" answer needs the year, and a fuller date only when it agrees', () => {
    expect(statesYear('Google bought DeepMind in 2014.', '2014-01-26')).toBe(true);
    expect(statesYear('announced 26 January 2014', '2014-01-26')).toBe(true);
    expect(statesYear('announced 27 January 2014', '2014-01-26')).toBe(false);
    expect(statesYear('Google bought DeepMind in 2015.', '2014-01-26')).toBe(false);
  });

  it('does not read amounts as years', () => {
    expect(findDates('for $2014 million and 2,014 shares')).toEqual([]);
  });

  it('an unrecorded closing date is said to be unrecorded, and none is invented', () => {
    expect(statesNoClosing('Microsoft completed its purchase of LinkedIn; the closing date is not recorded.', 'completed', '2016-06-13')).toBe(true);
    expect(statesNoClosing('Announced 13 Jun 2016; when it closed is unknown.', 'completed', '2016-06-13')).toBe(true);
    expect(statesNoClosing('Microsoft completed its purchase of LinkedIn on 8 December 2016.', 'completed', '2016-06-13')).toBe(false);
    expect(statesNoClosing('The closing date is not recorded; it closed in December 2016.', 'completed', '2016-06-13')).toBe(false);
    // "has not closed" is true of a deal still open, false of one that completed.
    expect(statesNoClosing('Stargate was announced on 21 Jan 2025 and has not closed.', 'announced', '2025-01-21')).toBe(true);
    expect(statesNoClosing('The LinkedIn deal has not closed.', 'completed', '2016-06-13')).toBe(false);
  });
});

describe('status, binding, party and number checkers', () => {
  it('status words per status, and not the opposite', () => {
    expect(statesStatus('Microsoft completed the acquisition of Activision Blizzard.', 'completed')).toBe(true);
    expect(statesStatus('Yes: it closed in October 2023 after the UK regulator first blocked it.', 'completed')).toBe(true);
    expect(statesStatus('The deal did not go through.', 'completed')).toBe(false);
    expect(statesStatus('Adobe and Figma called off the deal in December 2023.', 'terminated')).toBe(true);
    expect(statesStatus('No: Nvidia’s purchase of Arm was terminated.', 'terminated')).toBe(true);
    expect(statesStatus('Nvidia’s purchase of Arm never went through.', 'terminated')).toBe(true);
    expect(statesStatus('The acquisition was completed.', 'terminated')).toBe(false);
    expect(statesStatus('Adobe agreed to buy Figma.', 'terminated')).toBe(false);
    expect(statesStatus('Xiaomi and Microsoft signed a memorandum of understanding.', 'signed')).toBe(true);
    expect(statesStatus('It was terminated.', 'signed')).toBe(false);
    expect(statesStatus('Stargate was announced on 21 January 2025; it has not completed.', 'announced')).toBe(true);
    expect(statesStatus('Stargate was completed.', 'announced')).toBe(false);
  });

  it('binding', () => {
    expect(statesBinding('No, it is a non-binding memorandum of understanding.', false)).toBe(true);
    expect(statesBinding('The MoU is not binding.', false)).toBe(true);
    expect(statesBinding('The MoU is binding.', false)).toBe(false);
    expect(statesBinding('The agreement is binding.', true)).toBe(true);
  });

  it('party names, as whole words, by any name the company goes by', () => {
    expect(namesParty('GitHub was bought by Microsoft in 2018.', ['Microsoft', 'MSFT'])).toBe(true);
    expect(namesParty('Facebook bought WhatsApp.', ['Meta', 'Facebook'])).toBe(true);
    expect(namesParty('Oracle bought GitHub.', ['Microsoft', 'MSFT'])).toBe(false);
    expect(namesParty('Microsoftish', ['Microsoft'])).toBe(false);
  });

  it('numbers in digits or words', () => {
    expect(statesNumber('Nvidia is a party to 2 deals.', 2)).toBe(true);
    expect(statesNumber('Nvidia made two acquisitions.', 2)).toBe(true);
    expect(statesNumber('Nvidia is a party to 12 deals.', 2)).toBe(false);
    expect(statesNumber('1,200 deals', 1200)).toBe(true);
    expect(statesNumber('2.5 deals', 2)).toBe(false);
  });
});

describe('expectations computed from the data', () => {
  const c: Corpus = loadCorpus();

  it('every question file entry resolves against the shipped data', () => {
    expect(validateQuestions(c, loadQuestions())).toEqual([]);
  });

  it('companies resolve through aliases and roles', () => {
    expect(filterDeals(c, { company: 'MSFT', role: 'acquirer' }).map((d) => d.slug).sort()).toEqual(
      filterDeals(c, { company: 'Microsoft', role: 'acquirer' }).map((d) => d.slug).sort(),
    );
    expect(filterDeals(c, { company: 'Facebook' }).length).toBe(filterDeals(c, { company: 'Meta' }).length);
    expect(() => filterDeals(c, { company: 'Nonexistent Corp' })).toThrow(/unknown company/);
    // Intel sold two businesses and tried to buy one company: a role-blind count would say 3 acquisitions.
    expect(expectedCount(c, { company: 'Intel', role: 'acquirer' })).toBe(filterDeals(c, { company: 'Intel', role: 'acquirer' }).length);
    expect(expectedCount(c, { company: 'Intel', role: 'acquirer' })).toBeLessThan(expectedCount(c, { company: 'Intel', type: 'acquisition' }));
  });

  it('closing-year filters read the stored closed date, and a deal without one matches none', () => {
    const closed2022 = filterDeals(c, { closedYear: 2022 });
    expect(closed2022.length).toBeGreaterThan(0);
    expect(closed2022.every((d) => d.closed?.startsWith('2022'))).toBe(true);
    // Not the announced year: some deals closing in 2022 were announced earlier.
    expect(closed2022.some((d) => !d.announced.startsWith('2022'))).toBe(true);
    expect(filterDeals(c, { closedSince: 2023 }).every((d) => Number(d.closed!.slice(0, 4)) >= 2023)).toBe(true);
    expect(filterDeals(c, { closedBefore: 2020 }).every((d) => Number(d.closed!.slice(0, 4)) < 2020)).toBe(true);
    const undated = c.deals.filter((d) => !d.closed);
    expect(undated.length).toBeGreaterThan(0);
    expect(filterDeals(c, { closedUntil: 2100 }).length).toBe(c.deals.length - undated.length);
  });

  it('partial dates tie as far as the less precise goes', () => {
    expect(compareDates('2014-01', '2014-01-26')).toBe(0);
    expect(compareDates('2014-01-26', '2014-01-29')).toBe(-1);
    expect(compareDates('2023-10', '2023-09-25')).toBe(1);
  });

  // A small synthetic corpus for the ordering rules, so the test does not move when the shipped data does.
  const deal = (slug: string, amount: number | undefined, currency = 'USD', announced = '2020-01-01'): DataDeal => ({
    slug,
    title: slug,
    type: 'acquisition',
    status: 'completed',
    announced,
    parties: [{ name: 'A', role: 'acquirer' }],
    areas: [],
    summary: '',
    ...(amount === undefined ? {} : { value: { amount, currency } }),
  });
  const mini = (deals: DataDeal[]): Corpus => ({ deals, bySlug: new Map(deals.map((d) => [d.slug, d])), orgOf: new Map([['a', 'A']]), namesOf: new Map([['A', ['A']]]) });

  it('a value-sorted list: exact order, ties in any order, undisclosed values left out, currencies compared', () => {
    const m = mini([deal('big', 50e9), deal('tie1', 35e9), deal('tie2', 35e9), deal('gbp', 24.3e9, 'GBP'), deal('usd26', 26.2e9), deal('secret', undefined), deal('small', 1e9)]);
    const f = { sort: 'value_desc' as const, top: 4 };
    expect(scoreSortedList(m, f, ['big', 'tie1', 'tie2', 'gbp']).ok).toBe(true);
    expect(scoreSortedList(m, f, ['big', 'tie2', 'tie1', 'gbp']).ok).toBe(true);
    // 24.3bn GBP is about $31bn, within the tie ratio of $26.2bn: either may come fourth.
    expect(scoreSortedList(m, f, ['big', 'tie1', 'tie2', 'usd26']).ok).toBe(true);
    expect(scoreSortedList(m, f, ['tie1', 'big', 'tie2', 'gbp']).ok).toBe(false);
    expect(scoreSortedList(m, f, ['big', 'tie1', 'tie2', 'small']).ok).toBe(false);
    expect(scoreSortedList(m, f, ['big', 'secret', 'tie1', 'tie2']).ok).toBe(false);
    expect(scoreSortedList(m, f, ['big', 'tie1', 'tie2']).ok).toBe(false);
    const wrongOrder = scoreSortedList(m, f, ['tie1', 'big', 'tie2', 'gbp']);
    expect(wrongOrder.precision).toBe(1);
    expect(wrongOrder.order).toBeLessThan(1);
  });

  it('a date-sorted list with partial dates', () => {
    const m = mini([deal('month', 1, 'USD', '2014-01'), deal('d26', 1, 'USD', '2014-01-26'), deal('d29', 1, 'USD', '2014-01-29'), deal('feb', 1, 'USD', '2014-02-14')]);
    const f = { sort: 'announced_asc' as const, top: 3 };
    expect(scoreSortedList(m, f, ['month', 'd26', 'd29']).ok).toBe(true);
    expect(scoreSortedList(m, f, ['d26', 'month', 'd29']).ok).toBe(true);
    expect(scoreSortedList(m, f, ['d29', 'd26', 'month']).ok).toBe(false);
    expect(scoreSortedList(m, f, ['month', 'd26', 'feb']).ok).toBe(false);
  });

  it('an unordered list: the right total and only matching items', () => {
    const f = { company: 'Microsoft', role: 'acquirer' as const };
    const all = filterDeals(c, f).map((d) => d.slug);
    expect(scoreSetList(c, f, [...all].reverse(), all.length).ok).toBe(true);
    expect(scoreSetList(c, f, all.slice(1), all.length - 1).ok).toBe(false);
    expect(scoreSetList(c, f, [...all, 'microsoft-openai-2019'], all.length + 1).ok).toBe(false);
  });
});

describe('scoring one reply', () => {
  const c = loadCorpus();
  const dealReply = (slug: string, answer?: string) => ({ kind: 'deal', deal: { slug }, alternatives: [], answer });

  it('right deal and stated fact', () => {
    const q = { q: 'how much did microsoft pay for activision', class: 'value' as const, split: 'dev' as const, expect: { deal: 'microsoft-activision-blizzard-2022', fact: 'value' as const } };
    expect(scoreQuestion(c, q, dealReply('microsoft-activision-blizzard-2022', 'Microsoft paid $68.7 billion in cash for Activision Blizzard.'))).toMatchObject({ rightDeal: true, fact: true });
    expect(scoreQuestion(c, q, dealReply('microsoft-activision-blizzard-2022', 'Microsoft paid $6.87 billion.'))).toMatchObject({ rightDeal: true, fact: false });
    expect(scoreQuestion(c, q, dealReply('microsoft-activision-blizzard-2022'))).toMatchObject({ rightDeal: true, fact: false });
    expect(scoreQuestion(c, q, dealReply('microsoft-nuance-2021', 'Microsoft paid $68.7 billion.'))).toMatchObject({ rightDeal: false, fact: false });
  });

  it('never-happened questions are right only when answered not found', () => {
    const q = { q: 'how much did oracle pay for github', class: 'never' as const, split: 'dev' as const, expect: { none: true as const, real: 'microsoft-github-2018' } };
    expect(scoreQuestion(c, q, { kind: 'not_found', message: 'No deal found', suggestions: [{ label: 'Microsoft acquires GitHub (2018)', target: { command: 'deal', options: { query: 'microsoft-github-2018' } } }] })).toMatchObject({ rightDeal: true, suggestsReal: true });
    expect(scoreQuestion(c, q, dealReply('microsoft-github-2018', 'Microsoft paid $7.5 billion.'))).toMatchObject({ rightDeal: false });
  });

  it('counts need the number in the count and in the answer', () => {
    const q = { q: 'how many acquisitions has nvidia made', class: 'count' as const, split: 'dev' as const, expect: { count: { company: 'Nvidia', type: 'acquisition' as const } } };
    const n = expectedCount(c, q.expect.count);
    const reply = (count: number, answer: string) => ({ kind: 'count', count, answer, items: [], total: count, breakdown: [] });
    expect(scoreQuestion(c, q, reply(n, `Nvidia has made ${n} acquisitions.`)).count).toBe(true);
    expect(scoreQuestion(c, q, reply(n, 'Nvidia has made several acquisitions.')).count).toBe(false);
    expect(scoreQuestion(c, q, reply(n + 1, `Nvidia has made ${n + 1} acquisitions.`)).count).toBe(false);
  });
});

// A reference answerer built from the data, in three writing styles, run over every question of both files: the
// harness must score it perfect (no false negatives from the checkers on ordinary formats, and every expectation
// can be met), and must score the same answers with a wrong fact as wrong (no false positives).
describe('a reference answerer from the data', () => {
  const c = loadCorpus();
  const qs = loadQuestions();
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

  const money = (amount: number, currency: string, style: number): string => {
    if (style === 2) return `${currency === 'USD' ? 'US$' : `${currency} `}${amount.toLocaleString('en-US')}`;
    const [div, word, short] = amount >= 1e12 ? [1e12, 'trillion', 'tn'] : amount >= 1e9 ? [1e9, 'billion', 'bn'] : [1e6, 'million', 'm'];
    const n = String(Number((amount / div).toFixed(3)));
    return style === 0 ? `${SYMBOL[currency] ?? `${currency} `}${n} ${word}` : `${currency} ${n}${short}`;
  };
  const date = (s: string, style: number): string => {
    const [y, m, d] = s.split('-').map(Number) as [number, number?, number?];
    if (style === 2 || !m) return s;
    const month = MONTHS[m - 1]!;
    if (!d) return style === 0 ? `${month.slice(0, 3)} ${y}` : `${month} ${y}`;
    return style === 0 ? `${d} ${month.slice(0, 3)} ${y}` : `${month} ${d}, ${y}`;
  };
  const STATUS: Record<string, string> = {
    completed: 'was completed',
    terminated: 'was terminated',
    signed: 'was signed',
    announced: 'was announced and has not completed',
    pending: 'is pending',
    rumoured: 'is only rumoured',
    unknown: 'has a status that is unknown',
  };
  const WRONG_STATUS: Record<string, string> = { completed: 'was terminated', terminated: 'was completed', signed: 'was terminated', announced: 'was completed' };

  function answerFor(d: DataDeal, fact: string | undefined, party: string, style: number, wrong: boolean): string {
    // (Not the title: some titles carry the value, which would make a wrong answer state the right one too.)
    const title = d.parties.map((p) => p.name).join(' and ');
    switch (fact) {
      case 'value':
        if (!d.value) return wrong ? `${title}: about $1.23 billion.` : `${title}: the value was not disclosed.`;
        return `${title}: ${money(wrong ? d.value.amount * 10 : d.value.amount, d.value.currency, style)} (announced ${date(d.announced, style)}).`;
      case 'announced':
      case 'announced_year': {
        const y = Number(d.announced.slice(0, 4));
        return `${title} was announced on ${date(wrong ? `${y + 1}${d.announced.slice(4)}` : d.announced, style)}.`;
      }
      case 'closed':
        if (d.closed) return `${title} ${STATUS[d.status]} (closed ${date(wrong ? `${Number(d.closed.slice(0, 4)) + 1}${d.closed.slice(4)}` : d.closed, style)}).`;
        return wrong ? `${title} closed on 1 January 2030.` : `${title} was announced ${date(d.announced, style)}; its closing date is not recorded.`;
      case 'status':
        return `${title} ${(wrong ? WRONG_STATUS : STATUS)[d.status]}.`;
      case 'binding':
        return d.binding === false ? (wrong ? 'It is binding.' : 'No: it is a non-binding memorandum.') : wrong ? 'It is non-binding.' : 'Yes, it is binding.';
      case 'party':
        return wrong ? 'Nobody we know of.' : `${party} (${title}).`;
      default:
        return title;
    }
  }

  function reply(q: (typeof qs)[number], style: number, wrong: boolean) {
    const e = q.expect;
    if ('deal' in e) {
      const d = c.bySlug.get(e.deal)!;
      const party = e.party ?? d.parties.find((p) => p.role === e.role)?.name ?? '';
      return { kind: 'deal', deal: { slug: d.slug }, alternatives: [], answer: answerFor(d, e.fact, party, style, wrong) };
    }
    if ('none' in e) return wrong ? { kind: 'deal', deal: { slug: e.real ?? c.deals[0]!.slug } } : { kind: 'not_found', suggestions: [] };
    if ('list' in e) {
      const f = e.list;
      const slugs = f.sort ? scoreSortedList(c, { ...f, sort: f.sort }, []).expected : filterDeals(c, f).map((d) => d.slug);
      const other = c.deals.find((d) => !slugs.includes(d.slug))!.slug;
      const items = (wrong ? [other, ...[...slugs].reverse()] : slugs).slice(0, 10).map((slug) => ({ slug }));
      return { kind: 'list', items, total: wrong ? slugs.length + 1 : slugs.length, answer: 'Here they are.' };
    }
    const n = expectedCount(c, e.count);
    return { kind: 'count', count: wrong ? n + 1 : n, answer: `There are ${wrong ? n + 1 : n} such deals.`, items: [], total: n, breakdown: [] };
  }

  for (const style of [0, 1, 2]) {
    it(`scores a right answer to every question as right (style ${style})`, () => {
      const failed = qs
        .map((q) => ({ q, r: scoreQuestion(c, q, reply(q, style, false)) }))
        .filter(({ r }) => r.rightDeal === false || r.fact === false || (r.list && !r.list.ok) || r.count === false)
        .map(({ q, r }) => `${q.q} -> ${r.answer ?? r.got}`);
      expect(failed).toEqual([]);
    });
  }

  it('scores a wrong fact, list or count as wrong', () => {
    const passed = qs
      .filter((q) => !('deal' in q.expect) || q.expect.fact)
      .map((q) => ({ q, r: scoreQuestion(c, q, reply(q, 0, true)) }))
      .filter(({ q, r }) => ('none' in q.expect ? r.rightDeal : r.fact ?? r.list?.ok ?? r.count))
      .map(({ q, r }) => `${q.q} -> ${r.answer ?? r.got}`);
    expect(passed).toEqual([]);
  });

  it('the files are big enough and the held-out split is at least 40%', () => {
    expect(qs.length).toBeGreaterThanOrEqual(400);
    expect(qs.filter((q) => q.split === 'heldout').length / qs.length).toBeGreaterThanOrEqual(0.4);
  });
});
