// Round 13's rules for dates, status and values, each on a short story written for the test: a lead that reports a
// later step (a vote, an approval, a court ruling) or what came "two days after agreeing", an outlet's byline with
// a time, a press release's deck before its dateline, an ending the text dates a year back, and sums that belong to
// other deals (another company's purchase, a list of them, a total over several agreements, what a company is worth,
// what it invested over the years, what it expects to earn).
import { describe, expect, it } from 'vitest';
import { findDealValue } from '../../../src/ingest/facts.ts';
import { ingestText } from '../../../src/ingest/ingest.ts';
import { articleFromText, articleSentences } from '../../../src/ingest/text.ts';

const orgs = ['Orchard Systems', 'Lumen Peak', 'Halvard', 'Brightwave', 'Cobalt Labs', 'Northmoor', 'Tessel'].map((name) => ({ name, aliases: [] }));
const sentencesOf = (text: string) => articleSentences(articleFromText(text));

describe('dates of a story about a later step', () => {
  it('does not date the deal from a shareholder vote, and reads an outlet byline with a time', () => {
    const r = ingestText(
      'Brightwave investors approve Halvard takeover\n\nRiverside Business Wire — November 4, 2022, 5:52 p.m. EDT\n\nAUSTIN, Texas — Brightwave shareholders on Friday voted to approve the company’s sale to Halvard, clearing one of the last hurdles for a cash deal valued at about $6 billion.\n\nHalvard announced the agreement on May 26. The companies expect to complete the purchase next year, pending approval by regulators.',
      orgs,
    );
    expect(r.draft.announced).toBe('2022-05-26');
  });

  it('still dates the deal from a board approval, which is how a seller announces it', () => {
    const r = ingestText(
      'Brightwave sells its storage unit to Halvard\n\nTAIPEI, Oct. 27, 2023 — Brightwave said on Friday that its board had approved the sale of its storage unit to Halvard for about $125 million.',
      orgs,
    );
    expect(r.draft.announced).toBe('2023-10-27');
  });

  it('takes the agreement’s own day when the lead tells what came after it', () => {
    const r = ingestText(
      'Halvard explains its Brightwave bet\n\nTOKYO, Feb. 10, 2021 (Wire) — Two days after agreeing to buy Brightwave, Halvard spent Wednesday telling analysts why it paid a premium.\n\nHalvard said on Monday, Feb. 8, that it had agreed to buy Brightwave for about 4.9 billion euros. In 2018 Halvard agreed a smaller supply deal with Brightwave.',
      orgs,
    );
    expect(r.draft.announced).toBe('2021-02-08');
  });

  it('finds a press release dateline under the headline’s deck', () => {
    const r = ingestText(
      'Halvard to Acquire Brightwave\n\nTransaction values Brightwave at an enterprise value of $2.3 billion\n\nExpected to speed up Halvard’s growth with cloud customers\n\nAUSTIN, Texas, June 27, 2024 /Riverside Newswire/ -- Halvard and Brightwave today announced that they have entered into a definitive agreement under which Halvard will acquire Brightwave for $6.65 per share in cash.',
      orgs,
    );
    expect(r.draft.announced).toBe('2024-06-27');
  });

  it('reads a court refusing to halt a deal as a legal step, with the announcement from the text', () => {
    const r = ingestText(
      'Judge rejects regulator bid to halt Halvard’s Brightwave deal\n\nBy Staff | July 11, 2023\n\nA judge on Tuesday turned down a regulator’s request to temporarily block Halvard from buying Brightwave.\n\nHalvard announced the agreement on Jan. 18, 2022, in a deal valued at $68.7 billion.',
      orgs,
    );
    expect(r.draft.status).toBe('pending');
    expect(r.draft.announced).toBe('2022-01-18');
  });
});

describe('an ending the text dates in the past', () => {
  it('is history: "reviving a deal that fell apart a year ago" is a new agreement', () => {
    const r = ingestText(
      'Halvard agrees to buy Brightwave\n\nBy Staff | Tuesday, May 27, 2025\n\nSAN FRANCISCO — Halvard said on Tuesday it would buy Brightwave for $25 a share in cash, reviving a deal that fell apart a year ago. The transaction has an equity value of about $8 billion.',
      orgs,
    );
    expect(r.draft.status).not.toBe('terminated');
    expect(r.draft.closed).toBeUndefined();
  });
});

describe('sums that belong to other deals', () => {
  const parties = ['Halvard', 'Brightwave'];
  it('rejects another company’s purchase, and the list that goes on from it', () => {
    const v = findDealValue(sentencesOf('Halvard is selling Brightwave. To build the unit, Halvard bought Tessel Analytics for about $2.6 billion, imaging firm Cobalt Labs for about $1 billion, and smaller firms.'), 'acquisition', parties);
    expect(v.value).toBeUndefined();
    expect(v.rejected.join(' ')).toContain('earlier deal');
  });

  it('rejects a purchase the text dates years back, and another buyer agreeing to buy another company', () => {
    expect(findDealValue(sentencesOf('Brightwave bought Tessel in 2016 for about $680 million.'), 'settlement', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('Last month Northmoor agreed to acquire records provider Tessel for about $28 billion.'), 'acquisition', parties).value).toBeUndefined();
    // This deal's own purchase stays the value.
    expect(findDealValue(sentencesOf('Halvard bought Brightwave for about $3 billion.'), 'acquisition', parties).value).toMatchObject({ amount: 3_000_000_000 });
  });

  it('rejects a total over several agreements, a company’s worth, money invested over years, and expected earnings', () => {
    expect(findDealValue(sentencesOf('Brightwave said it had signed agreements for its data worth more than $200 million in total.'), 'licensing', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('Halvard, based in Austin, is valued at about $190 billion.'), 'acquisition', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('Altogether Halvard is estimated to have invested more than $4 billion in the unit.'), 'acquisition', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('Brightwave expects to earn at least $66 million from its licences this year.'), 'licensing', parties).value).toBeUndefined();
  });
});

describe('parties and roles', () => {
  const roles = (r: ReturnType<typeof ingestText>) => (r.draft.parties ?? []).map((p) => `${p.name}:${p.role}`);

  it('does not draft a person or an event as a party', () => {
    const r = ingestText(
      'Halvard and Brightwave form a driverless-car venture\n\nBOSTON, Sept. 23, 2019 — Halvard and Brightwave said on Monday they would form a joint venture to build self-driving systems. The venture will be led by Karl Iagnemma, who runs Brightwave’s autonomous driving unit.\n\nJudge Maria Olsen of the district court had no role in the deal, which was shown at the Worldwide Developers Conference.',
      orgs,
    );
    expect(roles(r).map((x) => x.split(':')[0])).toEqual(['Halvard', 'Brightwave']);
  });

  it('keeps the buyer and the company bought apart in a called-off purchase', () => {
    const ended = ingestText(
      'Halvard and Brightwave call off their deal\n\nSEATTLE, Jan. 29, 2024 — Halvard and Brightwave on Monday scrapped Halvard’s planned purchase of the robot vacuum maker, saying there was no path to approval.',
      orgs,
    );
    expect(roles(ended)).toEqual(['Halvard:acquirer', 'Brightwave:target']);
  });

  it('keeps a seller that sells a part of itself', () => {
    const r = ingestText(
      'Halvard completes its purchase of Brightwave’s hard-drive unit\n\nCUPERTINO, Calif., Dec. 19, 2011 — Halvard said on Monday that it had completed its purchase of the hard disk drive business of Brightwave.',
      orgs,
    );
    expect(roles(r)).toEqual(['Halvard:acquirer', 'Brightwave:seller']);
  });
});

describe('round 14: the story date and sums of other deals', () => {
  const parties = ['Halvard', 'Brightwave'];
  it('takes a section-and-date first line as the story date, the line under it as the headline, and the year for a yearless dateline', () => {
    const r = ingestText(
      'MARKETS & DEALS | Wednesday 16 August 2023\n\nHalvard walks away from Brightwave after approval never arrives\n\nSANTA CLARA, California, Aug 16 (Wire) - Halvard said on Wednesday it had terminated its agreement to buy Brightwave after the deal ran out of time.\n\nThe purchase, announced in February of last year at $53 a share in cash, valued Brightwave at about $5.4 billion. Halvard first tried to buy a chipmaker in 2017.',
      orgs,
    );
    expect(r.draft.closed).toBe('2023-08-16');
    expect(r.draft.announced).toBe('2022-02');
  });

  it('rejects another purchase named after the sum, one told in a participle or a bare relative clause, and a value from private trades', () => {
    expect(findDealValue(sentencesOf('Its $6.9 billion acquisition of Israeli networking specialist Tessel closed in April 2020.'), 'acquisition', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('It is the same argument it made for Tessel, bought for $34 billion in 2019.'), 'acquisition', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('Halvard did something similar with Tessel, the software maker it bought for $4.6 billion in 2023.'), 'acquisition', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('The deal is Halvard’s largest since it bought Tessel, a maker of edge routers, for $1.1 billion in 2020.'), 'acquisition', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('Northmoor itself was valued at more than $100 billion in private-market trades earlier this year.'), 'acquisition', parties).value).toBeUndefined();
  });
});


describe('round 14: deal or no deal, and the page above the headline', () => {
  it('reads "agree … merger" and "would merge" as a merger, and "paying up for" in a column headline as a purchase', () => {
    const merger = ingestText(
      'Two taxi-app rivals agree Valentine’s Day merger\n\nBEIJING, Feb. 14, 2015 (Wire) — Halvard and Brightwave, the two taxi-hailing apps that dominate the market, said on Saturday they would merge, ending a costly subsidy war.',
      orgs,
    );
    expect(merger.noDeal).toBe(false);
    expect(merger.draft.type).toBe('merger');
    const column = ingestText(
      'SILICON LEDGER | COLUMN\n\nHalvard is paying up for Brightwave. The hard part starts now\n\nBy Ines Vallory\nJanuary 19, 2024\n\nDesign software is one of the quietest corners of the industry. Three companies supply most of the tools engineers use. Customers grumble about the prices.\n\nSo it says something that Halvard has decided it needs to get bigger. On Jan. 16 it agreed to buy Brightwave in a cash-and-stock deal.',
      orgs,
    );
    expect(column.noDeal).toBe(false);
    expect(column.draft.type).toBe('acquisition');
  });

  it('says no deal for a results story and for a court ruling about payment buttons', () => {
    expect(
      ingestText(
        'Halvard’s profit jumps 33% as cloud demand grows\n\nGame sales add to revenue in the first full quarter since takeover\n\nBy Staff — January 30, 2024\n\nAUSTIN, Texas — Halvard reported a 33% rise in quarterly profit on Tuesday as businesses spent more on its cloud services.',
        orgs,
      ).noDeal,
    ).toBe(true);
    expect(
      ingestText(
        'Judge orders Halvard to let apps point users to outside payments\n\nOAKLAND, Calif., Sept. 10, 2021 — A federal judge on Friday ordered Halvard to let app developers point users toward payment options outside its store.\n\nThe order bars Halvard from stopping developers from adding buttons that direct customers to purchasing mechanisms other than its own, a partial win for Brightwave.',
        orgs,
      ).noDeal,
    ).toBe(true);
  });

  it('reads past an outlet masthead, a breadcrumb and a year-first date to the headline, and leaves out companies of an earlier sale', () => {
    const r = ingestText(
      'HANBIT ECONOMIC TIMES (English Edition)\nIndustry > Robotics\nPublished: 2021.06.21 17:05 KST\n\nHalvard takes control of Brightwave, closing robot deal with Northmoor\n\nSEOUL — Halvard said on June 21 that it had completed its acquisition of a controlling stake in Brightwave from Northmoor.\n\nHalvard first announced the agreement on December 11 last year. Tessel bought Brightwave in 2013, and Northmoor acquired it from Tessel in 2017.',
      orgs,
    );
    expect(r.article.title).toBe('Halvard takes control of Brightwave, closing robot deal with Northmoor');
    expect(r.draft.status).toBe('completed');
    expect(r.draft.closed).toBe('2021-06-21');
    expect(r.draft.announced).toBe('2020-12-11');
    expect((r.draft.parties ?? []).map((p) => p.name)).not.toContain('Tessel');
  });
});

describe('round 14: who licenses to whom', () => {
  it('makes the company that pays the licensee, whatever order the story names them in', () => {
    const r = ingestText(
      'Halvard and Brightwave sign a patent licence\n\nHELSINKI, May 23, 2017 (Wire) — Halvard and Brightwave have signed a multi-year patent licence, the two companies said on Tuesday.\n\nBrightwave will make an up-front cash payment to Halvard, followed by royalties over the term of the licence.',
      orgs,
    );
    expect(r.draft.type).toBe('licensing');
    expect((r.draft.parties ?? []).map((p) => `${p.name}:${p.role}`).sort()).toEqual(['Brightwave:licensee', 'Halvard:licensor']);
  });
});

describe('round 15: heldout-r14 as dev', () => {
  const parties = ['Halvard', 'Brightwave'];
  it('rejects sums of earlier or other deals: paid before, agreed in an earlier year, a stake in another company, a purchase the text dates before the story', () => {
    expect(findDealValue(sentencesOf('Brightwave had already paid Halvard around $548 million in 2015 under earlier rulings.'), 'settlement', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('It is larger than the takeover of Tessel, which it agreed in 2014 for about $3 billion.'), 'acquisition', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('Earlier this year Halvard took a small stake in France’s Tessel, worth about €15 million.'), 'investment', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('It agreed last year to buy Dutch chipmaker Tessel in a deal valued at about $47 billion.'), 'acquisition', parties).value).toBeUndefined();
    expect(findDealValue(sentencesOf('Northmoor bought the original Brightwave for $37 billion, a deal completed in early 2016.'), 'acquisition', parties, 2017).value).toBeUndefined();
    // In the story's own year the purchase is this one.
    expect(findDealValue(sentencesOf('Halvard bought Brightwave for $37 billion, a deal completed in early 2017.'), 'acquisition', parties, 2017).value).toMatchObject({ amount: 37_000_000_000 });
  });

  it('reads "put $1.5 billion into" as the investment and "the enterprise value of the transaction at" as the total', () => {
    expect(findDealValue(sentencesOf('Halvard’s decision to put $1.5 billion into Brightwave is about something else.'), 'investment', parties).value).toMatchObject({ amount: 1_500_000_000 });
    expect(findDealValue(sentencesOf('At the time Halvard offered US$23.85 in cash for each Brightwave share and put the enterprise value of the transaction at €9.0 billion.'), 'acquisition', parties).value).toMatchObject({ amount: 9_000_000_000, currency: 'EUR' });
  });

  it('reads an outlet masthead with "— English Edition", a day-first dateline and "agreed on 3 June last year"', () => {
    const r = ingestText(
      'Süddeutscher Wirtschaftskurier — English Edition\nBusiness | Technology\nThursday, 16 April 2020\n\nHalvard finally takes control of Brightwave after a long approval wait\n\nNEUBIBERG, 16 April — Halvard, the chipmaker based in this town just south of München, has completed its takeover of Brightwave, the company said on Thursday.\n\nThe deal had been agreed on 3 June last year.',
      [],
    );
    expect((r.draft.parties ?? []).map((p) => `${p.name}:${p.role}`)).toEqual(['Halvard:acquirer', 'Brightwave:target']);
    expect(r.draft.closed).toBe('2020-04-16');
    expect(r.draft.announced).toBe('2019-06-03');
  });

  it('dates a settlement from the day the companies told the court', () => {
    const r = ingestText(
      'The Han River Herald — English Edition\nIndustry · Electronics\nThursday, June 28, 2018\n\nHalvard and Brightwave bury their patent war with a quiet settlement\n\nThe longest-running legal fight in the industry ended not with a verdict but with a court filing. Halvard and Brightwave told a federal court on Wednesday, US time, that they had settled their remaining claims against each other.',
      orgs,
    );
    expect(r.draft.announced).toBe('2018-06-27');
  });
});

describe('round 15: the investors of a round', () => {
  it('reads investors listed with "as did existing investors", "also took part" and in the sentence after the lead', () => {
    const r = ingestText(
      'Brightwave raises $300 million in a round led by Halvard\n\nBy Staff — May 22, 2024\n\nBrightwave, the Köln-based translation company, has raised $300 million in new funding.\n\nHalvard led the investment. New backers Iconix Growth and Orchard Systems also took part, as did existing investors Cobalt Labs and Northmoor.',
      orgs,
    );
    expect((r.draft.parties ?? []).map((p) => `${p.name}:${p.role}`).sort()).toEqual(
      ['Brightwave:investee', 'Cobalt Labs:investor', 'Halvard:investor', 'Northmoor:investor', 'Orchard Systems:investor', 'Iconix Growth:investor'].sort(),
    );
    const next = ingestText(
      'Brightwave raises €450 million\n\nMUNICH, July 11, 2024 — Brightwave said on Thursday it had raised €450 million. The round was led by Halvard, which also led its previous raise.\n\nJoining it were Cobalt Labs, Northmoor and Orchard Systems.',
      orgs,
    );
    expect((next.draft.parties ?? []).map((p) => p.name).sort()).toEqual(['Brightwave', 'Cobalt Labs', 'Halvard', 'Northmoor', 'Orchard Systems']);
  });
});

describe('round 15: status and the kind of deal', () => {
  it('reads a deal waiting for works councils or a shareholder vote as pending', () => {
    const r = ingestText(
      'Halvard to buy Brightwave for €3.6 billion\n\nPARIS, June 24, 2019 — Halvard said on Monday it would buy Brightwave for €14 a share. The proposed transaction remains subject to the information and consultation of the works councils of both companies.',
      orgs,
    );
    expect(r.draft.status).toBe('pending');
    const vote = ingestText(
      'Halvard and Brightwave agree to merge\n\nHELSINKI, April 15, 2015 — Halvard and Brightwave agreed on Wednesday to merge. It requires the approval of Halvard’s shareholders at an extraordinary general meeting.',
      orgs,
    );
    expect(vote.draft.status).toBe('pending');
  });

  it('reads "will make smartphone games with" as a partnership, dated from the lead of a Q&A', () => {
    const r = ingestText(
      'GAMES DESK EXPLAINER\nWednesday 18 March 2015\n\nHalvard goes mobile with Brightwave: your questions answered\n\nAfter years of insisting that its characters belonged on its own hardware, Halvard announced on Tuesday that it will make smartphone games with Brightwave, the Tokyo-based mobile-gaming company. Here is what we know.\n\nQ: What exactly did the two companies agree?\n\nA: A business tie-up. The two will develop new games for phones together.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('partnership');
    expect(r.draft.announced).toBe('2015-03-17');
  });
});

describe('round 16: heldout-r15 as dev', () => {
  const parties = ['Halvard', 'Brightwave'];
  it('takes a headline that names the deal as a deal story, whatever the lead talks about first', () => {
    const court = ingestText(
      'Judge grants Brightwave a fast trial in its fight to hold Halvard to $44 billion deal\n\nWILMINGTON, Delaware, July 19, 2022 -- A Delaware judge on Tuesday sided with Brightwave on the timing of its lawsuit against Halvard, ordering a five-day trial in October.\n\nBrightwave sued Halvard last week, days after Halvard said he was terminating the agreement he signed on April 25 to buy it for $54.20 a share, a deal valued at about $44 billion.',
      orgs,
    );
    expect(court.noDeal).toBe(false);
    const venture = ingestText(
      'Halvard, Brightwave and six other firms back new chip venture Tessel\n\nTOKYO, Nov. 11, 2022 -- Eight of the country’s biggest companies have joined forces to set up a new chipmaker, the venture said on Friday. Together they have put in 7.3 billion yen of capital, and Northmoor invested 300 million yen.',
      orgs,
    );
    expect(venture.noDeal).toBe(false);
    expect(venture.draft.type).toBe('joint_venture');
    expect(venture.draft.value).toMatchObject({ amount: 7_300_000_000, currency: 'JPY' });
  });

  it('rejects another company’s investment named as "the X investment"', () => {
    expect(findDealValue(sentencesOf('The Northmoor investment, reported at around $10 billion earlier this year, has funded its computing costs.'), 'licensing', parties).value).toBeUndefined();
    // "Total investment" is not a company's.
    expect(findDealValue(sentencesOf('Total investment in the plant is expected to exceed €10 billion.'), 'joint_venture', parties).value).toMatchObject({ amount: 10_000_000_000 });
  });
});

describe('round 16: a section line above the headline', () => {
  it('takes the line under "SECTION | Column" or "Outlet | Section | Published …" as the headline, keeping the date', () => {
    const column = ingestText(
      'OPINION | The Fabless Column\nFriday, 29 May 2015\n\nHalvard and Brightwave: a merger built on spreadsheets, not dreams\n\nEvery few years the chip industry produces a deal so large that it redraws the map. On Thursday it produced another. Halvard and Brightwave agreed to combine in a cash-and-stock transaction valued at about $37 billion.\n\nHalvard’s shareholders will own about two thirds of the business once it has bought Brightwave.',
      orgs,
    );
    expect(column.article.title).toBe('Halvard and Brightwave: a merger built on spreadsheets, not dreams');
    expect(column.noDeal).toBe(false);
    const wire = ingestText(
      'Riverside Wire Service | Business | Published 19 July 2022, 18:42 GMT\n\nJudge grants Brightwave a fast trial in its fight to hold Halvard to $44 billion deal\n\nA judge on Tuesday sided with Brightwave on the timing of its lawsuit against Halvard.\n\nBrightwave sued Halvard last week, days after Halvard said it was terminating the agreement it signed on April 25 to buy Brightwave for $54.20 a share, a deal valued at about $44 billion.',
      orgs,
    );
    expect(wire.article.title).toBe('Judge grants Brightwave a fast trial in its fight to hold Halvard to $44 billion deal');
    expect(wire.article.bylineDate).toBe('2022-07-19');
    expect(wire.noDeal).toBe(false);
    // A headline with its site's name stays the headline.
    expect(ingestText('Halvard to Acquire Brightwave | Fibre & Signal\n\nTransaction values Brightwave at $2.3 billion\n\nHalvard said on Monday it would buy Brightwave.', orgs).article.title).toBe('Halvard to Acquire Brightwave | Fibre & Signal');
  });
});
