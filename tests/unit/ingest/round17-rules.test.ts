// Round 17's rules, each on a short story written for the test: a page byline that Readability takes out of the
// text still dates the story; a weekday with no news verb beside it gives way to the one that has one; and sums that
// belong to something else — a fine, another company's deal, a sale to an outsider, a purchase years before, a price
// others reported before the deal was struck — are not the deal's value, while "a merger valued at" is.
import { describe, expect, it } from 'vitest';
import { articleFromHtml } from '../../../src/ingest/extract.ts';
import { ingestArticle, ingestText } from '../../../src/ingest/ingest.ts';

const orgs = ['Orchard Systems', 'Lumen Peak', 'Halvard', 'Brightwave', 'Cobalt Labs', 'Northmoor', 'Tessel'].map((name) => ({ name, aliases: [] }));

describe('dates', () => {
  it('reads the date on a page byline that Readability drops', () => {
    const para = 'Halvard said on Monday that it would buy Brightwave, the maker of storage software, in an all-cash deal worth about $2.1 billion. The boards of both companies back the offer, which needs approval from regulators.';
    const html = `<!DOCTYPE html><html><head><title>Halvard agrees to buy Brightwave</title></head><body><article><h1>Halvard agrees to buy Brightwave</h1><p class="byline">By a Staff Correspondent, Oslo &middot; 24 February 2025, 09:45 CET</p><p>${para}</p><p>${para.replace('Monday', 'the day')}</p><p>Brightwave employs about 900 people and sells to banks and insurers across Europe and North America, where it has grown quickly.</p></article></body></html>`;
    const r = ingestArticle(articleFromHtml(html), orgs);
    expect(r.draft.announced).toBe('2025-02-24');
  });

  it('counts back from the weekday the news verb stands beside, not a reaction’s weekday', () => {
    const r = ingestText(
      'Halvard agrees to pay up to $4 billion for Brightwave\n\nOSLO, February 20, 2014 -- Investors on Thursday were still weighing the price Halvard has agreed to pay for Brightwave, a young messaging company.\n\nHalvard said late on Wednesday that it would buy Brightwave for as much as $4 billion in cash and shares.',
      orgs,
    );
    expect(r.draft.announced).toBe('2014-02-19');
  });
});

describe('values', () => {
  it('takes "a merger valued at" as the deal’s value, not another company’s deal later in the story', () => {
    const r = ingestText(
      'Halvard and Brightwave to merge\n\nOSLO, May 28, 2019 — Halvard said on Tuesday that it had agreed to buy Brightwave in an all-stock merger valued at about $21.5 billion.\n\nThe merger follows Tessel’s $22 billion agreement in January to buy Northmoor and Cobalt Labs’ roughly $35 billion deal for Lumen Peak in March.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 21_500_000_000, currency: 'USD' });
  });

  it('does not take a fine named after its sum', () => {
    const r = ingestText(
      'Halvard and Brightwave settle their patent fight\n\nOSLO, April 16, 2019 — Halvard and Brightwave said on Tuesday that they had settled all their patent disputes and signed a six-year licence agreement. Terms were not disclosed.\n\nThe only sum in the air is the €997 million fine the European Commission imposed on Brightwave last year, which has nothing to do with the settlement.',
      orgs,
    );
    expect(r.draft.value).toBeUndefined();
  });

  it('does not take a party’s sale of a unit to an outsider, told later in the story', () => {
    const r = ingestText(
      'Halvard explores a purchase of Brightwave\n\nOSLO, July 15, 2021 — Halvard is exploring a purchase of Brightwave, the contract chipmaker, in a deal that could value it at about $30 billion, people familiar with the matter said.\n\nBrightwave is owned by Northmoor. Halvard’s executives declined to comment.\n\nWorth remembering: Halvard is also in the middle of selling its memory business to Tessel for $9 billion, agreed last October.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 30_000_000_000 });
  });

  it('does not take what a party paid for the target years before the story', () => {
    const r = ingestText(
      'Halvard sells Brightwave to Northmoor\n\nOSLO, March 13, 2023 — Halvard said on Monday that it had agreed to sell Brightwave to Northmoor for $12.5 billion in cash.\n\nHalvard’s own story: buy a fast-growing software company for $8 billion in early 2019, float part of it two years later, and sell the rest for more than it paid.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 12_500_000_000 });
  });

  it('prefers the price the deal states over one reported while the talks went on', () => {
    const r = ingestText(
      'Halvard confirms Brightwave purchase\n\nOSLO, May 29, 2014 — Halvard confirmed on Wednesday that it would buy Brightwave, the headphone maker.\n\nThe news had been a long time coming. Early this month a newspaper in London reported that Halvard was in talks to buy Brightwave for around $3.2 billion. Then nothing official came for weeks.\n\nIn the end Halvard is paying a total of $3 billion, about $2.6 billion of it up front.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 3_000_000_000 });
  });
});

describe('roles', () => {
  it('makes the company a licence lets use content the licensee when the grantor is named only by description', () => {
    const r = ingestText(
      'Halvard titles headed for Brightwave’s assistant under licensing pact\n\nNEW YORK, August 21, 2024 — Halvard has struck a content deal with Brightwave.\n\nThe magazine publisher said on Tuesday that it had signed a multi-year partnership allowing Brightwave to display content from its brands in its chatbot. Financial terms were not disclosed.',
      orgs,
    );
    expect(r.draft.type).toBe('licensing');
    expect(r.draft.parties).toEqual(expect.arrayContaining([{ name: 'Brightwave', role: 'licensee' }, { name: 'Halvard', role: 'licensor' }]));
  });

  it('gives a merger told as one company buying the other a buyer and a bought', () => {
    const r = ingestText(
      'Halvard agrees to combine with Brightwave\n\nATLANTA, May 28, 2019 -- Two payment processors have decided they are better off as one.\n\nHalvard said on Tuesday that it had agreed to buy Brightwave, the card-processing company, in an all-stock merger valued at about $21.5 billion.',
      orgs,
    );
    expect(r.draft.type).toBe('merger');
    expect(r.draft.parties).toEqual([{ name: 'Halvard', role: 'acquirer' }, { name: 'Brightwave', role: 'target' }]);
  });

  it('keeps a merger of equals between partners', () => {
    const r = ingestText(
      'Halvard and Brightwave agree to merge\n\nPARIS, July 28, 2013 — Halvard and Brightwave said on Sunday that they had agreed to a merger of equals, creating the largest advertising group in the world.',
      orgs,
    );
    expect(r.draft.parties?.map((p) => p.role)).toEqual(['partner', 'partner']);
  });
});

describe('a newsletter item', () => {
  it('reads the deal past the issue line and contents, dated by the issue line', () => {
    const r = ingestText(
      'THE CHIP LETTER\n\nA weekly letter on the chip business\n\nIssue 212 -- Monday, December 7, 2015\n\nIn this issue:\n\n1. Halvard and Brightwave are now one company\n\n2. The scoreboard\n\nHello again. Short intro this week because the lead item is a big one, and because I am writing from an airport lounge.\n\nThe merger of Halvard and Brightwave closed today. The Eindhoven-based company said this morning that the transaction had been completed.\n\nThe deal was announced in March. Brightwave shareholders get cash and shares, a package valued at about $11.8 billion when it was agreed. To satisfy competition concerns, Halvard agreed to sell its radio business, which makes chips for base stations, to Tessel, a Chinese investor, for about $1.8 billion.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('merger');
    expect(r.draft.status).toBe('completed');
    expect(r.draft.closed).toBe('2015-12-07');
    expect(r.draft.value).toMatchObject({ amount: 11_800_000_000 });
  });
});

describe('quotes', () => {
  const speakers = (text: string) => (ingestText(text, orgs).draft.quotes ?? []).map((q) => q.speaker);

  it('gives "he said" to the person compromise finds in the sentence just before the quote', () => {
    expect(
      speakers(
        'Halvard buys Brightwave\n\nOSLO, May 2, 2024 — Halvard said on Thursday that it would buy Brightwave for about $970 million in cash.\n\nBrightwave chief executive Erik Lund broke the news in a blog post.\n\nJeff Bezos, for his part, put it in his usual terms. “Watching other people play has become a huge form of entertainment, and we are excited to help,” he said.',
      ),
    ).toContain('Jeff Bezos');
  });

  it('reads "In his words:" as pointing back to the person just named', () => {
    expect(
      speakers(
        'Halvard buys Brightwave\n\nOSLO, May 2, 2024 — Halvard said on Thursday that it would buy Brightwave for about $970 million in cash. Brightwave chief executive Erik Lund told staff first.\n\nLund’s pitch was simple. In his words: “We looked hard at who would let us stay ourselves, and Halvard understood what this community is.”',
      ),
    ).toContain('Erik Lund');
  });

  it('reads a transcript’s speaker labels and a spoken "quote, … end quote"', () => {
    const found = speakers(
      'Transcript: the Halvard and Brightwave deal\n\nRecorded Thursday, May 29, 2014. Guest: Rosalind Achterberg, an analyst at Fenwick Row Research.\n\nNINA: Halvard said yesterday it would buy Brightwave for $3 billion.\n\nACHTERBERG: “I don’t think it’s about the headphones, even though that’s where most of the revenue is today.”\n\nNINA: Tim Cook had a line about that in the announcement, right?\n\nOWEN: I do. Cook said, quote, “Their team brings something rare to us, a real feel for what listeners want,” end quote.',
    );
    expect(found).toEqual(expect.arrayContaining(['Rosalind Achterberg', 'Tim Cook']));
  });
});

describe('a court story', () => {
  it('says a jury verdict explainer is no deal, though it explains a licence', () => {
    const r = ingestText(
      'EXPLAINER: What the Halvard v Brightwave verdict does, and does not, settle\n\nBy a Legal Affairs Writer\nDecember 21, 2024\n\nA federal jury in Wilmington handed Brightwave a big win on Friday in its fight with Halvard, the chip-design company. Here is a guide to what happened.\n\nBrightwave had its own licence from Halvard to design custom processors and pays royalties under it. Halvard argued that a licence it granted to a start-up could not be transferred to Brightwave.',
      orgs,
    );
    expect(r.noDeal).toBe(true);
    expect(r.noDealReason).toMatch(/verdict/);
  });

  it('still reads a settlement reached before the jury came in as a deal', () => {
    const r = ingestText(
      'Halvard and Brightwave settle their patent fight\n\nSAN DIEGO, April 16, 2019 — Before the jury was brought in on Tuesday, Halvard and Brightwave said they had settled all their litigation and signed a six-year licence agreement.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
  });
});

describe('a deck for a lead', () => {
  it('counts back from the weekday in the first prose after a deck with no full stop', () => {
    const html = `<!DOCTYPE html><html><head><title>Halvard signs content deal with Brightwave</title></head><body><article><h1>Halvard signs content deal with Brightwave</h1><p class="label">AI &amp; Media</p><p class="sub">Three magazines headed for Brightwave's chatbot under Halvard licensing pact</p><p class="byline">By a Media Reporter &middot; August 21, 2024</p><p>Seven months after its chief executive told senators that chatbot makers had been helping themselves to magazines' work, the publisher has decided to take their money instead.</p><p>The magazine publisher said on Tuesday that it had signed a multi-year partnership allowing Brightwave to display content from its brands in its chatbot. Financial terms were not disclosed.</p><p>Under the arrangement, answers in Brightwave's products that draw on Halvard journalism will credit and link back to the original articles.</p></article></body></html>`;
    const r = ingestArticle(articleFromHtml(html), orgs);
    expect(r.draft.announced).toBe('2024-08-20');
  });
});

describe('a lead that recalls the talks', () => {
  it('takes the stated price over the rumoured one a lead opening in the past reports', () => {
    const r = ingestText(
      'Halvard buys Brightwave after all\n\nBy a Games Blogger · August 26, 2014\n\nBack in May the trade press reported that Tessel had agreed to pay about $1 billion for Brightwave, and a lot of us spent June grumbling.\n\nYesterday the actual buyer turned out to be Halvard. Halvard is paying roughly $970 million in cash for Brightwave, the streaming site.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 970_000_000 });
  });
});

describe('a takeover by named buyers', () => {
  it('makes the names after "a takeover by" the buyers, the seller the seller and the company sold the target', () => {
    const r = ingestText(
      'Halvard cashes out of Brightwave\n\nOSLO, March 14, 2023 — On Monday, Halvard agreed to sell its roughly 71 percent stake in Brightwave, the survey software company, as part of a takeover by the private equity firm Northmoor and Tessel. The buyers are paying $18.15 a share in cash, which values all of Brightwave at about $12.5 billion.',
      orgs,
    );
    expect(r.draft.parties).toEqual(
      expect.arrayContaining([
        { name: 'Halvard', role: 'seller' },
        { name: 'Brightwave', role: 'target' },
        { name: 'Northmoor', role: 'acquirer' },
        { name: 'Tessel', role: 'acquirer' },
      ]),
    );
  });
});

describe('a rumour', () => {
  it('reads "is exploring a purchase of", as reported by a newspaper, as talks with no announcement date', () => {
    const r = ingestText(
      'Halvard eyes Brightwave\n\nThe Chip Letter · July 16, 2021\n\nThe Daily Ledger reported on Thursday that Halvard is exploring a purchase of Brightwave, the contract chipmaker, in a deal that could value it at about $30 billion. Neither company commented.',
      orgs,
    );
    expect(r.draft.status).toBe('rumoured');
    expect(r.draft.announced).toBeUndefined();
  });
});
