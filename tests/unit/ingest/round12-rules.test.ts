// Round 12's rules, each on a short story written for the test: sums that are not a deal's price, dates a story gives
// for its deal (a day that refines a month, a weekday after a dateline, the original agreement behind a raised offer),
// rumours with no announcement date, newsletter contents lines and signposts that are not the lead.
import { describe, expect, it } from 'vitest';
import { findDealValue } from '../../../src/ingest/facts.ts';
import { ingestText } from '../../../src/ingest/ingest.ts';
import { articleFromText, articleSentences, dateLineDate } from '../../../src/ingest/text.ts';
import { leadSentence } from '../../../src/ingest/story.ts';

const orgs = ['Orchard Systems', 'Lumen Peak', 'Halvard', 'Brightwave', 'Cobalt Labs', 'Northmoor'].map((name) => ({ name, aliases: [] }));
const sentencesOf = (text: string) => articleSentences(articleFromText(text));

describe('sums that are not the deal value', () => {
  it('never takes a bare per-unit price without a scale word', () => {
    const v = findDealValue(sentencesOf('Halvard raised its offer for Brightwave and then trimmed it to $79 after a rival bid.'), 'acquisition');
    expect(v.value).toBeUndefined();
    expect(v.rejected.join(' ')).toContain('$79');
  });

  it('reads a dated purchase in a relative clause as an earlier deal', () => {
    const v = findDealValue(sentencesOf("Halvard's biggest purchase so far is Brightwave, which it bought for about $3 billion in 2014."), 'acquisition');
    expect(v.value).toBeUndefined();
  });

  it('does not take what two businesses are worth together, or a valuation at a funding round', () => {
    expect(findDealValue(sentencesOf('Including debt, the two businesses together carry an enterprise value of about $13 billion.'), 'merger').value).toBeUndefined();
    expect(findDealValue(sentencesOf('Cobalt Labs was valued at about $14 billion in its most recent funding round.'), 'acquisition').value).toBeUndefined();
    // A round's own size stays the value.
    expect(findDealValue(sentencesOf('Cobalt Labs raised $300 million in a Series C funding round led by Northmoor.'), 'investment').value).toMatchObject({ amount: 300_000_000 });
  });
});

describe('dates', () => {
  it('lets a day given elsewhere refine the month of the agreement', () => {
    const r = ingestText(
      'Halvard completes Brightwave takeover\n\nAUSTIN, Texas, Sept 7, 2016 (Wire) — Halvard on Wednesday completed its takeover of Brightwave, a deal valued at about $6 billion when the two sides agreed to it in October of last year.\n\nThe agreement was announced on Oct. 12, 2015. Brightwave shareholders receive cash and stock.',
      orgs,
    );
    expect(r.draft.announced).toBe('2015-10-12');
    expect(r.draft.closed).toBe('2016-09-07');
  });

  it('counts a weekday in the opening back from the dateline', () => {
    const r = ingestText(
      'Orchard Systems and Lumen Peak settle patent fight\n\nTAIPEI, Nov 11, 2012 (Wire) — Orchard Systems and Lumen Peak have settled all of their patent lawsuits against each other.\n\nIn a joint announcement late on Saturday, the two companies said they had agreed to dismiss every case and had signed a ten-year licence.',
      orgs,
    );
    expect(r.draft.announced).toBe('2012-11-10');
  });

  it('dates a raised offer from the original agreement', () => {
    const r = ingestText(
      'THE CHIP LETTER\nWednesday, February 21, 2018 — Issue 12\n\n1. Halvard pays up for Brightwave\n\nHalvard said on Tuesday it would pay $127.50 a share in cash for Brightwave, up from the $110 a share it agreed to in October 2016. The sweetened offer values the chipmaker at about $44 billion.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('acquisition');
    expect(r.draft.announced).toBe('2016-10');
  });

  it('gives a rumour no announcement date', () => {
    const r = ingestText(
      'Would Halvard really buy Cobalt Labs?\n\nPosted by Dana Reyes\nJune 21, 2025\n\nHalvard is said to be in early talks to buy Cobalt Labs, according to people familiar with the matter. Its services chief said searches had fallen for the first time in April.',
      orgs,
    );
    expect(r.draft.status).toBe('rumoured');
    expect(r.draft.announced).toBeUndefined();
  });

  it('reads a masthead line with an issue number and a bilingual byline as the story date', () => {
    expect(dateLineDate('Wednesday, February 21, 2018 — Issue 412')).toBe('2018-02-21');
    const a = articleFromText('Halvard to buy Brightwave\n\nPar/By Élodie Martin, Paris — 17 December 2017\n\nHalvard agreed on Sunday to buy Brightwave for €4.8 billion.');
    expect(a.bylineDate).toBe('2017-12-17');
  });
});

describe('leads and kinds', () => {
  it('skips a newsletter contents line and a signpost', () => {
    const s = sentencesOf('THE AD LETTER\n\nTODAY: Halvard buys into Brightwave · Northmoor quarter · One more thing\n\nFirst, the deal.\n\nHalvard has taken a 2 percent stake in Brightwave for $240 million, the two companies said on Wednesday.');
    expect(leadSentence(s)?.text).toMatch(/^Halvard has taken/);
  });

  it('reads "buys into" as an investment and a shareholder vote against a deal as its end', () => {
    const buys = ingestText('Halvard buys into Brightwave\n\nHalvard has bought into Brightwave, taking a 2 percent stake for $240 million.', orgs);
    expect(buys.draft.type).toBe('investment');
    const vote = ingestText(
      'Brightwave investors reject Halvard deal\n\nSAN FRANCISCO, Feb 25, 2022 (Wire) — Brightwave shareholders on Friday voted down the planned purchase of Cobalt Labs, killing a deal that investors had criticised from the start.\n\nThe all-stock transaction, unveiled on Oct. 28, valued Cobalt Labs at about $4.1 billion.',
      orgs,
    );
    expect(vote.draft.status).toBe('terminated');
    expect(vote.draft.closed).toBe('2022-02-25');
    expect(vote.draft.announced).toBe('2021-10-28');
  });

  it('does not read a product price as a purchase', () => {
    const r = ingestText('New console goes on sale\n\nThe new model goes on sale on Nov. 7. Buyers who want to play discs will have to pay $79.99 for an add-on.', orgs);
    expect(r.noDeal).toBe(true);
  });
});

describe('quotes', () => {
  it('reads French quotation marks and keeps reported speech only when nobody is quoted directly', async () => {
    const { findQuotes } = await import('../../../src/ingest/quotes.ts');
    const quoted = findQuotes([
      '« Avec Brightwave, nous créons un leader mondial », said Paul Girard, Halvard\'s chief executive.',
      'Nina Holt, Brightwave\'s chief executive, said the price reflected the value of the business.',
    ]);
    expect(quoted.map((q) => q.speaker)).toEqual(['Paul Girard']);
    const reported = findQuotes(['Nina Holt, Brightwave\'s chief executive, said the price reflected the value of the business.']);
    expect(reported.map((q) => [q.speaker, q.paraphrased])).toEqual([['Nina Holt', true]]);
  });
});

describe('round 12: stories that name the deal late', () => {
  it('reads a merger announced in a column whose lead names the companies with no deal verb', () => {
    const r = ingestText(
      'THE CHIP COLUMN\n\nVarnell and Quorix finally do the obvious deal. Northmoor will be watching\n\nWednesday, October 29, 2025 — by Tom Wise\n\nFor years, bankers have pitched the same idea to Varnell Devices and Quorix: the two makers of radio chips for phones sell to the same customers and would be stronger as one. On Tuesday they finally agreed, announcing a merger that will combine them in a cash-and-stock transaction.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('merger');
    expect(r.draft.parties?.map((p) => p.name).sort()).toEqual(['Quorix', 'Varnell Devices']);
  });

  it('finds the parties of an explainer a few sentences after a lead that only says "the two companies"', () => {
    const r = ingestText(
      'Orchard and Lumen want to become one. What does that mean for you?\n\nThe two companies that sell satellite radio said on Monday that they plan to combine in what they called a merger of equals. Here are answers to the questions readers have sent us.\n\nWho is merging with whom?\n\nOrchard Systems, based in New York, and Lumen Peak, based in Washington.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.parties?.map((p) => p.name).sort()).toEqual(['Lumen Peak', 'Orchard Systems']);
  });

  it('reads pooling businesses in a jointly owned company as a venture of the companies named', () => {
    const r = ingestText(
      'PARIS, Oct 23, 2025 (Wire) — Halvard, Brightwave and Northmoor said on Thursday they would pool their satellite businesses in a new jointly owned company.\n\nThe three companies signed a preliminary agreement under which Halvard will own 35% of the new company.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('joint_venture');
    expect(r.draft.parties?.map((p) => p.name).sort()).toEqual(['Brightwave', 'Halvard', 'Northmoor']);
  });
});

describe('speakers', () => {
  it('leaves a capitalised title out of the name', async () => {
    const { findQuotes } = await import('../../../src/ingest/quotes.ts');
    const q = findQuotes(['"This gives our customers a far better shot at stopping attacks," Halvard Chief Executive Nina Holt said in a statement.']);
    expect(q.map((x) => x.speaker)).toEqual(['Nina Holt']);
  });
});
