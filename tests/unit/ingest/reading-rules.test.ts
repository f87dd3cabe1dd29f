// Reading rules, each found on a dev article (tests/fixtures/articles/dev/d31–d42) and checked here on a
// short text of its own: a month without a year takes the story's year, an offer's date is its announcement, a
// completed merger is a merger, a past deal recalled in passing (or refunded purchases) makes no deal story, and the
// company that withdraws its offer is the bidder.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/ingest.ts';

const ORGS = [
  { name: 'Samsung', aliases: ['Samsung Electronics'] },
  { name: 'Google', aliases: [] },
  { name: 'Meta', aliases: ['Facebook'] },
  { name: 'Vodafone', aliases: [] },
];

describe('reading a news story: dates, deal types, parties and values from its wording', () => {
  it('"announced the deal in April" in a December story is that April, the story year', () => {
    const r = ingestText(
      'Quillfeather completes its purchase of Samsung\'s drive unit\n\nSEOUL, Dec. 19, 2011 — Quillfeather Robotics said on Monday that it had completed its purchase of the drive business of Samsung Electronics, months after the two companies announced the deal in April.\n\nThe deal was valued at $1.2 billion when it was agreed.',
      ORGS,
    );
    expect(r.draft.status).toBe('completed');
    expect(r.draft.closed).toBe('2011-12-19');
    expect(r.draft.announced).toBe('2011-04');
    // The summary's lead tells the completion: it is not prefixed with the announcement's date.
    expect(r.draft.summary).toMatch(/^Quillfeather Robotics said on Monday that it had completed/);
  });

  it('a completion story whose lead gives no day is prefixed with the closing date, never the announcement\'s', () => {
    const r = ingestText(
      'Acme Robotics closes Zeta Labs deal\n\nBOSTON, Feb. 3, 2020 — Acme Robotics has completed its acquisition of Zeta Labs, the robot arm maker, the company said. Acme first announced the $400 million deal in October 2019.',
      ORGS,
    );
    expect(r.draft.closed).toBe('2020-02-03');
    expect(r.draft.announced).toBe('2019-10');
    expect(r.draft.summary).toMatch(/^On 3 Feb 2020, Acme Robotics has completed/);
  });

  it('a month later in the year than the story date is last year\'s', () => {
    const r = ingestText(
      'Acme Robotics completes Zeta Labs purchase\n\nBOSTON, Feb. 3, 2020 — Acme Robotics said on Monday that it had completed its acquisition of Zeta Labs, which it agreed to buy in November.',
      ORGS,
    );
    expect(r.draft.announced).toBe('2019-11');
  });

  it('"first made its offer in November 2019" dates the announcement of a withdrawn bid, and the bidder is a party', () => {
    const r = ingestText(
      'Xerox drops its hostile bid for HP\n\nNORWALK, Conn., March 31, 2020 — Xerox said on Tuesday that it had withdrawn its $35 billion offer for HP.\n\nXerox first made its offer in November 2019, and HP rejected it.',
      ORGS,
    );
    expect(r.draft.status).toBe('terminated');
    expect(r.draft.announced).toBe('2019-11');
    expect(r.draft.closed).toBe('2020-03-31');
    expect(r.draft.parties?.map((p) => [p.name, p.role])).toEqual([
      ['Xerox', 'acquirer'],
      ['HP', 'target'],
    ]);
  });

  it('"complete UK merger" and "the merger of their networks" are a merger', () => {
    const r = ingestText(
      'Vodafone and Three complete UK merger\n\nLONDON, May 31, 2025 — Vodafone and CK Hutchison said on Saturday that they had completed the merger of their British mobile networks.',
      ORGS,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('merger');
    expect(r.draft.status).toBe('completed');
  });

  it('a past purchase recalled in passing ("which bought Oculus in 2014") does not make a deal story', () => {
    const r = ingestText(
      'Facebook renames itself Meta\n\nMENLO PARK, Calif., Oct. 28, 2021 — Facebook said on Thursday that it would change its name to Meta.\n\nThe company, which bought Oculus in 2014 for about $2 billion, is spending billions on virtual reality.',
      ORGS,
    );
    expect(r.noDeal).toBe(true);
  });

  it('refunded purchases of a product are not a takeover', () => {
    const r = ingestText(
      'Google will close Stadia\n\nSeptember 29, 2022 — Google said on Thursday that it would shut down Stadia in January. Google will refund purchases of Stadia hardware and games, and the technology will be offered to partners such as YouTube.',
      ORGS,
    );
    expect(r.noDeal).toBe(true);
  });

  const roles = (r: ReturnType<typeof ingestText>) => (r.draft.parties ?? []).map((p) => `${p.name}:${p.role}`).sort();

  it('"Illumina\'s acquisition of Grail" makes Illumina the acquirer; the regulator that sues is not a party', () => {
    const r = ingestText(
      "FTC sues to block Illumina's purchase of Grail\n\nWASHINGTON, March 30, 2021 — The Federal Trade Commission said on Tuesday that it had sued to block Illumina's acquisition of Grail, a start-up developing cancer tests.",
      ORGS,
    );
    expect(roles(r)).toEqual(['Grail:target', 'Illumina:acquirer']);
    expect(r.draft.status).toBe('pending');
  });

  it('"X said that its funds had completed their purchase of Y from Z, after Z agreed to sell": purchase first, X the buyer', () => {
    const r = ingestText(
      'Apollo completes its purchase of Yahoo from Verizon\n\nSeptember 1, 2021 — Apollo Global Management said on Wednesday that its funds had completed their purchase of Yahoo from Verizon, four months after Verizon agreed in May to sell the business for $5 billion.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Apollo Global Management:acquirer', 'Verizon:seller', 'Yahoo:target']);
    // A company never speaks as a person.
    expect((r.draft.quotes ?? []).map((q) => q.speaker)).not.toContain('Apollo Global Management');
  });

  it('a unit named after its owner ("sell Verizon Media") and brands after "home of" are not parties', () => {
    const r = ingestText(
      'Verizon sells its media unit, home of Yahoo and AOL, to Apollo for $5 billion\n\nNEW YORK, May 3, 2021 — Verizon has agreed to sell Verizon Media, the division that owns Yahoo and AOL, to funds managed by Apollo Global Management for $5 billion, the telecom company said on Monday.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Apollo Global Management:acquirer', 'Verizon:seller']);
    expect(r.draft.type).toBe('divestiture');
  });

  it('"Cisco completes Acacia purchase": the name before the deal noun is the target; a raised offer is the value', () => {
    const r = ingestText(
      'Cisco completes Acacia purchase after raising its price\n\nSAN JOSE, Calif., March 1, 2021 — Cisco said on Monday that it had completed its acquisition of Acacia Communications.\n\nCisco first agreed to buy Acacia in July 2019 for $70 a share, or about $2.6 billion. In January, Cisco raised its offer to $115 a share, about $4.5 billion.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Acacia Communications:target', 'Cisco:acquirer']);
    expect(r.draft.value?.amount).toBe(4_500_000_000);
  });

  it('"X, Y and Z were among the new investors" names investors; "AI. Wang said" is Alexandr Wang, not "I. Wang"', () => {
    const r = ingestText(
      'Scale AI raises $1 billion in a round led by Accel\n\nSAN FRANCISCO, May 21, 2024 — Scale AI said on Tuesday that it had raised $1 billion in a Series F round led by Accel.\n\nGoogle, Meta and Samsung were among the new investors.\n\nAlexandr Wang, Scale\'s founder and chief executive, said the money would help the company supply data for AI. Wang said Scale expected to be profitable by the end of the year.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Accel:investor', 'Google:investor', 'Meta:investor', 'Samsung:investor', 'Scale AI:investee']);
    expect((r.draft.quotes ?? []).map((q) => q.speaker)).toEqual(['Alexandr Wang']);
  });

  it('businesses combined "in a joint venture" make a joint venture, not a merger', () => {
    const r = ingestText(
      'Hitachi, Sony and Toshiba to merge display units\n\nTOKYO, Aug. 31, 2011 — Hitachi, Sony and Toshiba said on Wednesday that they would combine their display businesses in a joint venture called Japan Display.',
      [...ORGS, { name: 'Sony', aliases: [] }, { name: 'Hitachi', aliases: [] }, { name: 'Toshiba', aliases: [] }],
    );
    expect(r.draft.type).toBe('joint_venture');
    expect(roles(r)).toEqual(['Hitachi:partner', 'Sony:partner', 'Toshiba:partner']);
  });

  it('"HP" and "Hewlett-Packard" in one story are one party', () => {
    const r = ingestText(
      'HP to buy Aruba Networks for $3 billion\n\nPALO ALTO, Calif., March 2, 2015 — Hewlett-Packard said on Monday that it had agreed to acquire Aruba Networks for $24.67 per share in cash, or about $3.0 billion.',
      [...ORGS, { name: 'HP', aliases: [] }],
    );
    expect(roles(r)).toEqual(['Aruba Networks:target', 'HP:acquirer']);
    expect(r.draft.value?.amount).toBe(3_000_000_000);
  });

  it('"a deal that values Lucent at $13.4 billion" is a merger\'s value; a country is never a speaker', () => {
    const r = ingestText(
      'Alcatel and Lucent agree to merge\n\nPARIS, April 2, 2006 — Alcatel of France and Lucent Technologies of the United States said on Sunday that they had agreed to combine in a merger of equals.\n\nLucent shareholders will receive 0.1952 of an Alcatel share for each Lucent share, an all-stock deal that values Lucent at about $13.4 billion.',
      ORGS,
    );
    expect(r.draft.type).toBe('merger');
    expect(r.draft.value?.amount).toBe(13_400_000_000);
    expect(r.draft.quotes ?? []).toEqual([]);
  });

  it('participants named after the lead without a deal word ("SAP and HPE also took part") are investors', () => {
    const r = ingestText(
      'Aleph Alpha raises more than $500 million\n\nHEIDELBERG, Germany, Nov. 6, 2023 — Aleph Alpha said on Monday that it had raised more than $500 million in a Series B round led by Bosch Ventures.\n\nSAP and Hewlett Packard Enterprise also took part.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Aleph Alpha:investee', 'Bosch Ventures:investor', 'Hewlett Packard Enterprise:investor', 'SAP:investor']);
  });

  it('a company that "said it would take a stake" in a venture is one of its partners', () => {
    const r = ingestText(
      'Denso joins TSMC and Sony in chip plant venture\n\nTOKYO, Feb. 15, 2022 — Denso said on Tuesday that it would take a stake of more than 10% in Japan Advanced Semiconductor Manufacturing, the joint venture TSMC and Sony set up last year.',
      [...ORGS, { name: 'Sony', aliases: [] }, { name: 'TSMC', aliases: [] }],
    );
    expect(r.draft.type).toBe('joint_venture');
    expect(roles(r)).toEqual(['Denso:partner', 'Sony:partner', 'TSMC:partner']);
  });

  it('"Motorola Solutions" is not Motorola Mobility (alias "Motorola"); the owner of "the business of X" is the seller', () => {
    const r = ingestText(
      "Zebra to buy Motorola Solutions' enterprise business for $3.45 billion\n\nLINCOLNSHIRE, Ill., April 15, 2014 — Zebra Technologies said on Tuesday that it had agreed to buy the enterprise business of Motorola Solutions for $3.45 billion in cash.",
      [...ORGS, { name: 'Motorola Mobility', aliases: ['Motorola'] }],
    );
    expect(r.draft.type).toBe('acquisition');
    expect(roles(r)).toEqual(['Motorola Solutions:seller', 'Zebra Technologies:acquirer']);
  });

  it('a cookie notice kept by the page extraction is not the story, and the repeated headline below it is dropped', () => {
    const html = '<html><head><title>Nvidia closes Mellanox deal | Notes</title><meta property="og:site_name" content="Notes"></head><body><div id="cookies"><p>We use cookies. Continue browsing to accept.</p></div><article><h1>Nvidia closes its $6.9 billion Mellanox deal</h1><p>Posted April 27, 2020</p><p>Nvidia said on Monday that it had completed its acquisition of Mellanox Technologies, the Israeli maker of networking chips for data centres, after China approved the deal. Nvidia first announced the purchase on March 11, 2019.</p></article></body></html>';
    const r = ingestText(html, [...ORGS, { name: 'Nvidia', aliases: [] }], 'https://notes.example/nvidia');
    expect(r.noDeal).toBe(false);
    expect(roles(r)).toEqual(['Mellanox Technologies:target', 'Nvidia:acquirer']);
    expect(r.draft.closed).toBe('2020-04-27');
    expect(r.draft.announced).toBe('2019-03-11');
    expect(r.draft.summary ?? '').not.toMatch(/cookies/i);
  });

  it('names listed around descriptions ("Essilor, the French maker of lenses, and Luxottica, the Italian group, said") are both parties', () => {
    const r = ingestText(
      'Essilor and Luxottica agree to combine\n\nPARIS, Jan. 16, 2017 — Essilor, the French maker of spectacle lenses, and Luxottica, the Italian eyewear group behind Ray-Ban, said on Monday that they had agreed to combine in a merger of equals.',
      ORGS,
    );
    expect(r.draft.type).toBe('merger');
    expect(roles(r)).toEqual(['Essilor:partner', 'Luxottica:partner']);
  });

  it('"Twitter, which Elon Musk bought last year" is a past deal in passing: a product launch stays a non-deal story', () => {
    const r = ingestText(
      'Meta launches Threads to take on Twitter\n\nMENLO PARK, Calif., July 6, 2023 — Meta on Thursday released Threads, a text-based app, in its most direct challenge yet to Twitter, which Elon Musk bought last year.',
      ORGS,
    );
    expect(r.noDeal).toBe(true);
  });

  it('a headline in dollars that the body gives as a conversion ("₹33,737 crore, about $4.5 billion") takes the stated sum', () => {
    const r = ingestText(
      "Google to invest $4.5 billion in Reliance's Jio Platforms\n\nMUMBAI, July 15, 2020 — Google will invest ₹33,737 crore, about $4.5 billion, for a 7.73% stake in Jio Platforms, the digital arm of Reliance Industries, Reliance said on Wednesday.",
      ORGS,
    );
    expect(r.draft.value).toMatchObject({ amount: 337_370_000_000, currency: 'INR' });
    expect(roles(r)).toEqual(['Google:investor', 'Jio Platforms:investee']);
  });

  it('"a raised bid of $33 a share, or about $47.5 billion" beats the first offer\'s valuation', () => {
    const r = ingestText(
      'Microsoft walks away from its Yahoo bid\n\nREDMOND, Wash., May 3, 2008 — Microsoft said on Saturday that it had withdrawn its offer to buy Yahoo, after the board turned down a raised bid of $33 a share, or about $47.5 billion.\n\nMicrosoft first made an unsolicited offer of $31 a share in February, valuing Yahoo at $44.6 billion.',
      ORGS,
    );
    expect(r.draft.value?.amount).toBe(47_500_000_000);
    expect(r.draft.status).toBe('terminated');
    expect(r.draft.announced).toBe('2008-02');
  });

  it('"said that they would set up a joint venture" is an announcement', () => {
    const r = ingestText(
      'Toyota and Panasonic to set up a battery venture\n\nTOKYO, Jan. 22, 2019 — Toyota and Panasonic said on Tuesday that they would set up a joint venture to make batteries for electric cars.',
      [...ORGS, { name: 'Toyota', aliases: [] }, { name: 'Panasonic', aliases: [] }],
    );
    expect(r.draft.type).toBe('joint_venture');
    expect(r.draft.status).toBe('announced');
    expect(r.draft.announced).toBe('2019-01-22');
  });

  it('for a stake, "a deal that values it at €4 billion" is the company\'s worth, never the investment', () => {
    const r = ingestText(
      'Tencent to invest €1.16 billion in a new Ubisoft subsidiary\n\nPARIS, March 27, 2025 — Ubisoft said on Thursday that Tencent would invest €1.16 billion in a new subsidiary. Tencent will own about 25% of the new company, a deal that values it at about €4 billion.',
      ORGS,
    );
    expect(r.draft.type).toBe('investment');
    expect(r.draft.value).toMatchObject({ amount: 1_160_000_000, currency: 'EUR' });
  });
});
