// Round 18's rules, each on a short story written for the test (fictional companies, our own words): sums written
// with thousands and decimals ("Rs 4,447.48 crore"), "the deal values X at", "the value of the transaction at",
// "the headline figure", the stock part of a price, a revenue outlook, and a headline's rounded figure beside the
// lead's precise one.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/ingest.ts';
import { findMoney } from '../../../src/ingest/facts.ts';

const orgs = ['Orchard Systems', 'Lumen Peak', 'Halvard', 'Brightwave', 'Cobalt Labs', 'Northmoor', 'Tessel'].map((name) => ({ name, aliases: [] }));

describe('values', () => {
  it('reads a sum with thousands and decimals, and keeps it over its conversion', () => {
    expect(findMoney('at Rs 4,447.48 crore, or about $568 million')[0]).toMatchObject({ amount: 44_474_800_000, currency: 'INR' });
    const r = ingestText(
      'Halvard completes Brightwave takeover\n\nMUMBAI, August 11, 2022 -- Halvard has completed its all-stock acquisition of the grocery app Brightwave, the company said on Wednesday.\n\nThe deal values Brightwave at Rs 2,105.60 crore, or about $265 million at the exchange rate at the time.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 21_056_000_000, currency: 'INR' });
  });

  it('takes "the deal values X at" as the price of a merger, not the combined worth', () => {
    const r = ingestText(
      'Halvard and Brightwave agree to merge\n\nOSLO, December 15, 2004 -- Halvard and Brightwave said on Wednesday that they would combine in a merger of equals.\n\nThe deal values Brightwave at about $12 billion. The two companies together have a combined equity value of roughly $30 billion, which is what the merged company would be worth.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 12_000_000_000, currency: 'USD' });
  });

  it('takes "they put the value of the transaction at" over an option price later', () => {
    const r = ingestText(
      'Halvard and Brightwave close their chip venture\n\nOSLO, February 8, 2017 -- Halvard and Brightwave said on Friday that they had completed the joint venture they agreed last year to make radio filters.\n\nWhen the two companies unveiled the plan, they put the value of the transaction at about $3 billion. Halvard may later buy the rest of the venture, and Brightwave may sell it, for $1.15 billion once 30 months have passed.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 3_000_000_000, currency: 'USD' });
  });

  it('takes the headline figure, not the stock part of it', () => {
    const r = ingestText(
      'Halvard completes Brightwave purchase\n\nOSLO, July 22, 2014 -- Halvard said on Monday that it had completed its purchase of Brightwave, the headset maker.\n\nThe headline figure is about $2 billion: roughly $400 million in cash plus 23.1 million Halvard shares, which were worth around $1.6 billion when the deal was struck.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 2_000_000_000, currency: 'USD' });
  });

  it('does not take a revenue outlook for the value of a settlement whose terms are confidential', () => {
    const r = ingestText(
      'Halvard and Brightwave settle their patent dispute\n\nOSLO, January 25, 2024 -- Halvard and Brightwave said on Wednesday that they had signed a patent cross-licence that ends all their litigation. The financial terms are confidential.\n\nHalvard said the deal fits the outlook it gave in October, when it said it expects annual net sales to return to a run-rate of €1.4 billion to €1.5 billion.',
      orgs,
    );
    expect(r.draft.value).toBeUndefined();
  });

  it('prefers the lead’s precise figure to the headline’s rounded one', () => {
    const r = ingestText(
      'Halvard buys control of Brightwave for 2.47 billion euros\n\nPRAGUE, Nov. 5, 2013 -- Halvard agreed on Tuesday to buy a 65.9 percent stake in Brightwave from Tessel for 2.467 billion euros, taking control of the country’s largest telecoms operator.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 2_467_000_000, currency: 'EUR' });
  });
});

describe('dates', () => {
  const entry = (time: string, head: string, body: string) => `<div class="entry"><p class="time">${time}</p><h3>${head}</h3><p>${body}</p></div>`;
  it('dates the news of a live blog by the blog’s own date, read from a long byline of parts', async () => {
    const { articleFromHtml } = await import('../../../src/ingest/extract.ts');
    const { ingestArticle } = await import('../../../src/ingest/ingest.ts');
    const html = `<!DOCTYPE html><html><head><title>Live: Halvard walks away from Brightwave | The Desk</title></head><body><article><h1>Live: Halvard drops its Brightwave takeover after pushback from regulators</h1><p class="byline">Friday, April 24, 2015 · Live coverage by the markets and policy desk staff in New York and Washington · All times Eastern</p>${entry(
      '4:40 PM',
      'Wrapping up',
      'That is where we will leave it for today. To recap: Halvard and Brightwave have terminated the merger agreement they signed in February of last year, and no money changes hands on the way out.',
    )}${entry('12:30 PM', 'What was on the table', 'When the deal was announced on February 13, 2014, Halvard agreed to swap 2.875 of its shares for each Brightwave share, a deal that valued Brightwave at about $45 billion.')}${entry(
      '9:50 AM',
      'Shares at the open',
      'Halvard edged higher in early trading, while Brightwave slipped below $150 a share as investors took in the news.',
    )}</article></body></html>`;
    const r = ingestArticle(articleFromHtml(html), orgs);
    expect(r.draft.status).toBe('terminated');
    expect(r.draft.closed).toBe('2015-04-24');
    expect(r.draft.announced).toBe('2014-02-13');
  });
});

describe('parties', () => {
  it('drops an opening conjunction and where a company is based from its name', async () => {
    const { cleanOrgName } = await import('../../../src/ingest/organisations.ts');
    expect(cleanOrgName('If Sabre')).toBe('Sabre');
    expect(cleanOrgName('Miami-based Farelogix')).toBe('Farelogix');
    expect(cleanOrgName('San Jose-based GlobalLogic')).toBe('GlobalLogic');
    expect(cleanOrgName('Andersen Consulting')).toBe('Andersen Consulting');
  });

  it('takes "the buyer is X" as the acquirer of a sale whose lead names only the seller', () => {
    const r = ingestText(
      'Halvard sells its phone brand Brightwave\n\nOSLO, Nov. 17, 2020 -- Halvard said on Tuesday it was selling its entire Brightwave smartphone business because sanctions have cut off its supply of chips.\n\nThe buyer is Northmoor, a company set up for the purpose by more than 30 of Brightwave’s distributors. The two sides have signed an acquisition agreement covering the brand and its research teams.',
      orgs,
    );
    const roles = Object.fromEntries((r.draft.parties ?? []).map((p) => [p.name, p.role]));
    expect(roles).toMatchObject({ Northmoor: 'acquirer', Halvard: 'seller', Brightwave: 'target' });
  });
});

describe('a weekday with its own date', () => {
  it('is not counted back as the news day of a completion', () => {
    const r = ingestText(
      'Halvard closes its Brightwave purchase\n\nOSLO, Jan. 24, 2019 -- Halvard said it completed its acquisition of Brightwave, the survey-software maker, on Wednesday, about ten weeks after it swooped days before a planned share listing.\n\nThe group agreed on Sunday, Nov. 11, to pay $8 billion in cash for Brightwave. Halvard said the closing followed the receipt of all regulatory approvals.',
      orgs,
    );
    expect(r.draft.closed).toBe('2019-01-23');
    expect(r.draft.announced).toBe('2018-11-11');
  });
});

describe('settlements', () => {
  it('reads a licence that resolves all litigation as a settlement, the payer of royalties as licensee', () => {
    const r = ingestText(
      'Halvard and Brightwave call a truce over patents\n\nOSLO, January 25, 2024 -- Halvard and Brightwave announced on Wednesday that they had signed a multi-year patent cross-licence, and that the agreement resolves all pending patent litigation between them.\n\nAccording to Halvard, Brightwave will make royalty payments for the licence period and catch-up payments for the years it went without one. The financial terms are confidential.',
      orgs,
    );
    expect(r.draft.type).toBe('settlement');
    const roles = Object.fromEntries((r.draft.parties ?? []).map((p) => [p.name, p.role]));
    expect(roles).toMatchObject({ Halvard: 'licensor', Brightwave: 'licensee' });
  });
});

describe('type and roles', () => {
  it('reads "bids €3.9bn for" and a takeover offer as an acquisition, not the target’s "investment operations"', () => {
    const r = ingestText(
      'Halvard bids €3.9bn for Danish software firm Brightwave\n\nFRANKFURT, 27 April 2023 -- Halvard said on Thursday it had signed an agreement to launch an all-cash takeover offer for Brightwave, the maker of software that asset managers and insurers use to run their investment operations.\n\nHalvard will pay for the deal with debt. It intends to run Brightwave beside its own investment management software unit.',
      orgs,
    );
    expect(r.draft.type).toBe('acquisition');
    const roles = Object.fromEntries((r.draft.parties ?? []).map((p) => [p.name, p.role]));
    expect(roles).toMatchObject({ Halvard: 'acquirer', Brightwave: 'target' });
  });

  it('takes no role from a later sentence about the buyer’s other deals', () => {
    const r = ingestText(
      'Halvard to buy Brightwave for $9.6 billion\n\nOSLO, March 31, 2021 -- Halvard said on Wednesday it would buy Brightwave, a digital engineering firm, for $9.6 billion.\n\nAn analyst noted that Halvard only last year completed its purchase of a majority of Tessel’s grid business, and that it is also in talks to sell its stake in Halvard Metals.',
      orgs,
    );
    const roles = Object.fromEntries((r.draft.parties ?? []).map((p) => [p.name, p.role]));
    expect(roles).toMatchObject({ Halvard: 'acquirer', Brightwave: 'target' });
  });
});

describe('quotes and status', () => {
  it('finds a surname speaker after an opening phrase ("In a statement, Sikka said:")', () => {
    const r = ingestText(
      'Halvard to buy Brightwave\n\nOSLO, February 17, 2015 -- Halvard said on Monday that it had agreed to buy Brightwave, the maker of testing software, for $200 million in cash. The move is the first big bet of Halvard chief executive Vishal Sikka.\n\nIn a statement, Sikka said: "Automation will free our people to focus on the work that matters most to our clients."',
      orgs,
    );
    expect(r.draft.quotes?.[0]?.speaker).toBe('Vishal Sikka');
  });
  it('reads "still has to go through the usual closing conditions" and "completion depends on" as pending', () => {
    for (const clause of ['The purchase, which still has to go through the usual closing conditions, is its first in years.', 'Completion depends on regulatory approvals and on enough shareholders accepting the offer.']) {
      const r = ingestText(`Halvard to buy Brightwave\n\nOSLO, February 17, 2015 -- Halvard said on Monday that it had agreed to buy Brightwave, the maker of testing software, for $200 million in cash. ${clause}`, orgs);
      expect(r.draft.status).toBe('pending');
    }
  });
});
