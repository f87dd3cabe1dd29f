// Round-8 reading rules, each found on a miss of heldout-r6 / heldout-r7 (scored, so now dev material) and checked
// here on short texts of our own: a round's co-investors named after the lead, nationality adjectives that are not
// companies, and the other organisation-mention fixes listed in docs/ingest.md (they were written in round 8).
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/ingest.ts';
import { isDemonym } from '../../../src/ingest/demonyms.ts';
import { commentator } from '../../../src/ingest/parties.ts';

const ORGS = [
  { name: 'Samsung', aliases: ['Samsung Electronics'] },
  { name: 'Google', aliases: [] },
  { name: 'Nvidia', aliases: [] },
];

const roles = (r: ReturnType<typeof ingestText>) => r.draft.parties?.map((p) => `${p.name}:${p.role}`);

describe('reading parties and roles: funding rounds', () => {
  it('co-investors in a sentence of their own after the lead ("X, Y and Z also invested") are investors', () => {
    const r = ingestText(
      'Quillfeather raises $40 million in a round led by Harbour Ventures\n\nQuillfeather, a maker of warehouse robots, said on Tuesday that it had raised $40 million in a Series B round led by Harbour Ventures.\n\nLumen Peak, Nvidia and Orchard Growth also invested.',
      ORGS,
    );
    expect(r.draft.type).toBe('investment');
    expect(roles(r)).toEqual(['Quillfeather:investee', 'Harbour Ventures:investor', 'Lumen Peak:investor', 'Nvidia:investor', 'Orchard Growth:investor']);
  });

  it('"put money into the round" and "joined the round" name investors, also across an apposition', () => {
    const r = ingestText(
      'Zeta Labs lands $25 million\n\nZeta Labs said on Friday that it has raised $25 million in a round led by Kestrel Capital.\n\nBrightwater, the Norwegian shipping group, joined the round as a strategic investor. Samsung and Tallis Partners also put money into the round.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Zeta Labs:investee', 'Kestrel Capital:investor', 'Brightwater:investor', 'Samsung:investor', 'Tallis Partners:investor']);
  });

  it('the startup is found when its headline possessive owns the sum and its lead gives a full date before "that it"', () => {
    const r = ingestText(
      "Quillfeather's $60 million round, led by a Danish pension fund\n\nQuillfeather said on Wednesday, March 6, 2024, that it has raised $60 million in a Series C round led by Halvard Capital.",
      ORGS,
    );
    expect(roles(r)).toEqual(['Quillfeather:investee', 'Halvard Capital:investor']);
    expect(r.draft.announced).toBe('2024-03-06');
  });
});

describe('reading parties and roles: organisation mentions', () => {
  it('nationality and regional adjectives are never companies', () => {
    expect(isDemonym('Canadian')).toBe(true);
    expect(isDemonym('South Korean')).toBe(true);
    expect(isDemonym('Nordic')).toBe(true);
    expect(isDemonym('Quillfeather')).toBe(false);
    expect(isDemonym('Swedish Match')).toBe(false);
    const r = ingestText(
      'Regulator blocks Acme Robotics takeover of Swedish drone maker Zeta Labs\n\nThe competition authority on Monday blocked Acme Robotics from buying Zeta Labs.',
      ORGS,
    );
    expect(r.draft.parties?.map((p) => p.name)).not.toContain('Swedish');
  });
});

describe('reading parties and roles: one party per company, and the seller after "from"', () => {
  it('a company written with and without its corporate form ("Kestrel Holdings" … "Kestrel\'s") is one party', () => {
    const r = ingestText(
      "Kestrel and Marlow complete their merger\n\nLONDON, May 2, 2019 — Kestrel Holdings and Marlow Group said on Thursday that they had completed the merger of Kestrel's shipping business with Marlow, creating the largest ferry operator in the region.",
      ORGS,
    );
    expect(r.draft.type).toBe('merger');
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Kestrel Holdings', 'Marlow Group']);
  });

  it('a unit named after its owner is still not merged into the owner ("sell Kestrel Media")', () => {
    const r = ingestText(
      'Kestrel to sell Kestrel Media to Harbour Partners\n\nKestrel has agreed to sell Kestrel Media to the investment firm Harbour Partners for $2 billion.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Kestrel:seller', 'Harbour Partners:acquirer']);
  });

  it('the seller named after "from" in the sentence recalling the purchase is a party, in a story about its blocking', () => {
    const r = ingestText(
      'Regulator blocks Acme Robotics purchase of Zeta Labs\n\nBERLIN, June 3, 2022 — The competition authority on Friday blocked Acme Robotics from buying Zeta Labs.\n\nAcme Robotics agreed in March 2021 to buy Zeta Labs, a drone maker, from the buyout firm Orchard Equity for about €900 million.',
      ORGS,
    );
    expect(r.draft.status).toBe('terminated');
    expect(roles(r)).toEqual(['Acme Robotics:acquirer', 'Zeta Labs:target', 'Orchard Equity:seller']);
  });
});

describe('reading parties and roles: licences, settlements and buyers named by a descriptor', () => {
  it('a settlement signed is completed ("have signed a licence that ends their dispute")', () => {
    const r = ingestText(
      'Acme Robotics and Samsung settle their sensor patent fight\n\nOSLO, March 4, 2021 — Acme Robotics and Samsung have signed a cross-licence agreement that ends their two-year legal dispute over sensor patents, Acme Robotics said on Thursday.',
      ORGS,
    );
    expect(r.draft.type).toBe('settlement');
    expect(r.draft.status).toBe('completed');
  });

  it('"A lets B use its archive" makes A the licensor and B the licensee; a generic name closed by a legal form is a company; the titles A owns are not parties', () => {
    const r = ingestText(
      "Press Corp lets Google use its archive in a five-year licence\n\nPress Corp has signed a five-year licensing agreement that lets Google show articles from its magazines, including The Daily Ledger, Harbour Weekly and The Tribune, in its search products, the companies said on Monday.",
      ORGS,
    );
    expect(r.draft.type).toBe('licensing');
    expect(roles(r)?.sort()).toEqual(['Google:licensee', 'Press Corp:licensor']);
  });

  it('a buyer described before its name ("the American buyout firm X has agreed to buy") and "X agrees $2bn takeover of Y"', () => {
    const r = ingestText(
      'Marlo Kestrel agrees $2bn takeover of Zeta Labs\n\nThe American buyout firm Marlo Kestrel has agreed to buy Zeta Labs, the British drone maker, for $2 billion in cash.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Marlo Kestrel:acquirer', 'Zeta Labs:target']);
  });
});

describe('reading parties and roles: names a place tagger or a descriptor filter hid', () => {
  it('a buyer whose name opens with a nationality ("to American Ridge", which a place tagger takes for a place) is a company, not a place', () => {
    const r = ingestText(
      'Kestrel sells its Marlow ferry business to American Ridge for $900 million\n\nKestrel has agreed to sell its Marlow ferry business to American Ridge for $900 million in cash, the Norwegian shipping group said on Tuesday.',
      ORGS,
    );
    expect(r.draft.parties?.map((p) => p.name)).toContain('American Ridge');
    expect(r.draft.parties?.find((p) => p.name === 'American Ridge')?.role).toBe('acquirer');
  });

  it('"invest in a new Quillfeather subsidiary": the owner of the unit, a company elsewhere in the story, is the investee', () => {
    const r = ingestText(
      "Samsung to invest $300 million in a new Quillfeather subsidiary\n\nQuillfeather said on Monday that Samsung would invest $300 million in a new subsidiary that will hold its robotics patents.\n\nLena Ostrova, Quillfeather's chief executive, said the money would speed up its work.",
      ORGS,
    );
    expect(roles(r)).toEqual(['Samsung:investor', 'Quillfeather:investee']);
  });

  it('"the Roomba maker" still describes rather than names, when nothing else shows the word as a company', () => {
    const r = ingestText('Acme Robotics agrees to buy the Roomba maker Zeta Labs\n\nAcme Robotics has agreed to buy the Roomba maker Zeta Labs for $1 billion.', ORGS);
    expect(r.draft.parties?.map((p) => p.name)).not.toContain('Roomba');
  });
});

describe('reading parties and roles: joint-venture partners and units named after their owner', () => {
  it('every partner listed after "a partner with" is a partner ("with Kestrel and Marlow Energy")', () => {
    const r = ingestText(
      'Acme Robotics joins a European drone venture\n\nAcme Robotics will become an equal partner with Kestrel and Marlow Energy in Skyward Cells, their joint venture that builds drone batteries, the companies said on Monday.',
      ORGS,
    );
    expect(r.draft.type).toBe('joint_venture');
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Acme Robotics', 'Kestrel', 'Marlow Energy']);
  });

  it('a unit introduced by name ("The unit, Kestrel Semiconductor Solutions, …") does not replace its owner, the seller', () => {
    const r = ingestText(
      "Kestrel to sell its chip business to Marlow\n\nKestrel said on Thursday that it would sell its chip business to Marlow Devices, a Dutch chipmaker, for $300 million.\n\nThe unit, Kestrel Semiconductor Solutions, makes power chips.",
      ORGS,
    );
    expect(roles(r)).toEqual(['Kestrel:seller', 'Marlow Devices:acquirer']);
  });
});

describe('reading parties and roles: mergers called off, and a merger recalled in a takeover story', () => {
  it('"call off their merger" / "plan to combine" is a merger, and a share buy-back is no acquisition', () => {
    const r = ingestText(
      'Kestrel Devices and Marlow Optics call off their merger\n\nMay 4, 2016 — Kestrel Devices and Marlow Optics said on Wednesday that they had dropped their plan to combine after regulators objected.\n\nKestrel said it would buy back up to $1 billion of its shares.',
      ORGS,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('merger');
    expect(r.draft.status).toBe('terminated');
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Kestrel Devices', 'Marlow Optics']);
  });

  it('a share buy-back after an ended merger is never its value', () => {
    const r = ingestText(
      'Kestrel Devices and Marlow Optics call off their merger\n\nMay 4, 2016 — Kestrel Devices and Marlow Optics said on Wednesday that they had dropped their plan to combine.\n\nKestrel said it would buy back up to $1 billion of its own shares, and Marlow announced a $300 million share repurchase.',
      ORGS,
    );
    expect(r.draft.value).toBeUndefined();
  });

  it('"a merger agreement" ended in a takeover story stays an acquisition', () => {
    const r = ingestText(
      'Acme Robotics and Zeta Labs scrap deal\n\nAcme Robotics and Zeta Labs said on Monday that they had agreed to terminate their merger agreement.\n\nAcme Robotics had agreed in 2019 to acquire Zeta Labs for $2 billion.',
      ORGS,
    );
    expect(r.draft.type).toBe('acquisition');
  });

  it('a takeover story that recalls the buyer\'s failed merger is an announced acquisition, not a terminated merger', () => {
    const r = ingestText(
      "Kestrel to buy Zeta Labs for $900 million\n\nOSLO, Feb. 2, 2015 — Kestrel Group said on Monday that it had agreed to buy Zeta Labs, the drone maker, for $12 a share in cash, or about $900 million.\n\nThe deal is Kestrel's biggest since its planned merger with Marlow collapsed last year.\n\nThe purchase is expected to close in the second quarter, subject to approval by Zeta Labs shareholders.",
      ORGS,
    );
    expect(r.draft.type).toBe('acquisition');
    expect(r.draft.status).toBe('pending');
    expect(roles(r)).toEqual(['Kestrel Group:acquirer', 'Zeta Labs:target']);
  });
});

describe('reading parties and roles: quotes', () => {
  it('a company named by the short form of its name ("Blue Harbor said" after "Blue Harbor Technology") is never a speaker', () => {
    const r = ingestText(
      'Acme ends its Blue Harbor deal\n\nBOSTON, July 3, 2023 — Acme Devices said on Monday that it had terminated its agreement to buy Blue Harbor Technology, the drone maker.\n\nBlue Harbor said Acme had no right to end the agreement and that it would seek damages.\n\nMara Quint, Acme\'s chief executive, said the conditions for closing would not be met.',
      ORGS,
    );
    expect(r.draft.quotes?.map((q) => q.speaker)).toEqual(['Mara Quint']);
  });
});

describe('reading parties and roles: who reports or comments on the deal is not in it', () => {
  it('a newspaper, an analyst firm and a regulator not on any list are dropped by the wording around them', () => {
    const r = ingestText(
      'Acme Robotics agrees to buy Zeta Labs\n\nAcme Robotics has agreed to buy Zeta Labs for $2 billion, the Harbour Ledger reported on Monday, and analysts at Kestrel Insights said the price was high; the deal, according to Marlow Daily, needs approval from the Nordvik Competition Office.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Acme Robotics:acquirer', 'Zeta Labs:target']);
  });

  it('the wording around a name tells a commentator from a party', () => {
    const at = (text: string, name: string) => commentator(text, text.indexOf(name), text.indexOf(name) + name.length);
    const t = 'Acme agreed to buy Zeta, the Harbour Ledger reported on Monday, and analysts at Kestrel Insights said the price was high, according to Marlow Daily.';
    expect(at(t, 'Harbour Ledger')).toBe(true);
    expect(at(t, 'Kestrel Insights')).toBe(true);
    expect(at(t, 'Marlow Daily')).toBe(true);
    expect(at(t, 'Acme')).toBe(false);
    expect(at(t, 'Zeta')).toBe(false);
    expect(at('Orrin Partners said in a note that Acme would pay too much.', 'Orrin Partners')).toBe(true);
    expect(at('The deal was cleared by Nordvik Markets Office, the competition watchdog, on Friday.', 'Nordvik Markets Office')).toBe(true);
    expect(at('Kestrel reported a record quarter before it agreed to buy Zeta.', 'Kestrel')).toBe(false);
  });

  it('"X, the regulator, …" and "X said in a note" mark commentators, not parties', () => {
    const r = ingestText(
      'Samsung to acquire Zeta Labs\n\nSamsung has agreed to acquire Zeta Labs, Orrin Partners said in a note to clients, in a deal that Kestrel Watch, the consumer watchdog, said it would study.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Samsung:acquirer', 'Zeta Labs:target']);
  });
});

describe('reading parties and roles: wording probed beyond the fixtures', () => {
  it('"X snaps up Y" names buyer and target', () => {
    const r = ingestText('Brightwave snaps up Coralis for $400 million\n\nBrightwave Systems has snapped up Coralis, a payments start-up, for $400 million in cash, the companies said on Tuesday.', []);
    expect(r.draft.type).toBe('acquisition');
    expect(r.draft.status).toBe('announced');
    expect(roles(r)).toEqual(['Brightwave Systems:acquirer', 'Coralis:target']);
  });

  it('what a merger creates is worth is not its value, and "would merge" announces it', () => {
    const r = ingestText('Brightwave to merge with Tessaly\n\nBrightwave Systems and Tessaly Networks said on Monday they would merge in an all-stock deal that creates a company worth $9 billion.', []);
    expect(r.draft.type).toBe('merger');
    expect(r.draft.status).toBe('announced');
    expect(r.draft.value).toBeUndefined();
  });

  it('a completed "purchase of the wind business of X" makes X the seller, in the headline too', () => {
    const r = ingestText(
      'Caldera Infrastructure completes purchase of Nordlys wind business\n\nOSLO, Sept. 1, 2022 — Caldera Infrastructure said on Thursday it had completed its purchase of the offshore wind business of Nordlys Energi.',
      [],
    );
    expect(r.draft.status).toBe('completed');
    expect(roles(r)?.sort()).toEqual(['Caldera Infrastructure:acquirer', 'Nordlys Energi:seller']);
  });

  it('"is in advanced talks to acquire" names the bidder of a rumoured deal; "has been acquired by" is completed', () => {
    const rumour = ingestText('Halcyon in talks to buy Mirel, sources say\n\nHalcyon Foods is in advanced talks to acquire Mirel, people familiar with the matter said.', []);
    expect(rumour.draft.status).toBe('rumoured');
    expect(roles(rumour)).toEqual(['Halcyon Foods:acquirer', 'Mirel:target']);
    const done = ingestText('Pemberton acquired by Astral Group\n\nPemberton, a British maker of lab software, has been acquired by Astral Group, the Swiss conglomerate, for £220 million, the companies said on Monday.', []);
    expect(done.draft.status).toBe('completed');
    expect(roles(done)).toEqual(['Pemberton:target', 'Astral Group:acquirer']);
  });

  it('a licence "had licensed … to" is announced, and the licensee keeps its full name', () => {
    const r = ingestText('Quorra licenses its chip designs to Tavel\n\nQuorra Semiconductor said on Monday it had licensed its processor designs to Tavel Electronics, the Korean phone maker, under a multiyear agreement.', []);
    expect(r.draft.status).toBe('announced');
    expect(roles(r)).toEqual(['Quorra Semiconductor:licensor', 'Tavel Electronics:licensee']);
  });

  it('in a settlement, the headline\'s short name and the lead\'s full name are one party', () => {
    const r = ingestText('Brightwave and Orvana settle patent lawsuits\n\nBrightwave Systems and Orvana said on Friday they had settled all patent lawsuits between them, with Orvana agreeing to pay Brightwave $85 million.', []);
    expect(r.draft.type).toBe('settlement');
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Brightwave Systems', 'Orvana']);
  });

  it('each clause of a round names its investors ("A and B co-led the investment, and C joined as a strategic investor")', () => {
    const r = ingestText('Fintra lands $30 million\n\nFintra, a Nairobi payments start-up, has closed a $30 million round. Sequoia Capital and Accel co-led the investment, and Visa joined as a strategic investor.', []);
    expect(roles(r)).toEqual(['Fintra:investee', 'Sequoia Capital:investor', 'Accel:investor', 'Visa:investor']);
  });

  it('"will each own half of a new company" is a joint venture, announced', () => {
    const r = ingestText('Rhenwerk and Kovac Motors team up on chargers\n\nRhenwerk and Kovac Motors will each own half of a new company, Voltline, that will build fast chargers along motorways, the firms said on Wednesday.', []);
    expect(r.draft.type).toBe('joint_venture');
    expect(r.draft.status).toBe('announced');
  });

  it('a board that backs a cash offer from a buyer: an acquisition with both parties', () => {
    const r = ingestText('Oakmere backs $3bn offer from Tidal Foods\n\nLONDON, Jan. 9, 2024 — The board of Oakmere, the British bakery chain, said on Tuesday it would recommend a $3 billion cash offer from Tidal Foods, an American snack maker, to shareholders.', []);
    expect(r.draft.type).toBe('acquisition');
    expect(r.draft.status).toBe('announced');
    expect(roles(r)?.sort()).toEqual(['Oakmere:target', 'Tidal Foods:acquirer']);
  });

  it('every buyer listed as the subject buys ("a consortium of A and B has agreed to buy"), and "consortium" is no company', () => {
    const r = ingestText('Consortium to buy Orvana for $5 billion\n\nA consortium of Lakestone Capital and Tidewell Partners has agreed to buy Orvana, the German heat-pump maker, for $5 billion including debt.', []);
    expect(roles(r)?.sort()).toEqual(['Lakestone Capital:acquirer', 'Orvana:target', 'Tidewell Partners:acquirer']);
  });

  it('"agreed to take Orvana private" is an acquisition of Orvana by the subjects', () => {
    const r = ingestText('Lakestone and Tidewell to take Orvana private\n\nLakestone Capital and Tidewell Partners said on Monday they had agreed to take Orvana private in a $5 billion deal.', []);
    expect(r.draft.type).toBe('acquisition');
    expect(roles(r)?.sort()).toEqual(['Lakestone Capital:acquirer', 'Orvana:target', 'Tidewell Partners:acquirer']);
  });

  it('"is weighing a takeover bid for Y" names the bidder of a rumour', () => {
    const r = ingestText('Halcyon weighs bid for Mirel\n\nHalcyon Foods is weighing a takeover bid for Mirel, the snack maker, according to people familiar with the matter.', []);
    expect(r.draft.status).toBe('rumoured');
    expect(roles(r)).toEqual(['Halcyon Foods:acquirer', 'Mirel:target']);
  });

  it('"licensed patents from X" names X, the licensor', () => {
    const r = ingestText('Tavel licenses display patents from Quorra\n\nSEOUL, April 2, 2024 — Tavel Electronics said on Tuesday it had licensed display patents from Quorra Semiconductor for an undisclosed sum.', []);
    expect(roles(r)).toEqual(['Tavel Electronics:licensee', 'Quorra Semiconductor:licensor']);
  });

  it('"has taken a 20% stake in" is a completed investment', () => {
    const r = ingestText('Nordlys Energi invests in Tessaly chip unit\n\nNordlys Energi has taken a 20% stake in Tessaly Chips, the semiconductor arm of Tessaly Networks, for $400 million, the companies said.', []);
    expect(r.draft.type).toBe('investment');
    expect(r.draft.status).toBe('completed');
  });

  it('a headline\'s short name takes the company words the story completes it with ("Brightwave" → "Brightwave Systems")', () => {
    const r = ingestText('Brightwave invests $2 billion in Kestrel AI\n\nSAN FRANCISCO, Aug. 8, 2024 /PRNewswire/ -- Brightwave Systems (NASDAQ: BRWV) today announced a $2 billion investment in Kestrel AI, the maker of the Harrier language model.', []);
    expect(roles(r)).toEqual(['Brightwave Systems:investor', 'Kestrel AI:investee']);
  });
});

// Found on heldout-r8 after it was scored once (so heldout-r8 no longer measures these rules): the worst kind of
// miss, a wrong date and a wrong value filled in.
describe('after heldout-r8: dates and values of an ended deal', () => {
  it('"had terminated as of March 9" is the closing date, not the story\'s; a raised price is the value', () => {
    const r = ingestText(
      'Halcyon Foods drops its Mirel purchase\n\nCHICAGO, March 22, 2022 — Halcyon Foods has given up on buying Mirel after a regulator failed to rule in time.\n\nHalcyon said on Tuesday that its purchase agreement with Tidewell Partners, which owns Mirel, had terminated as of March 9.\n\nHalcyon first agreed to buy Mirel from Tidewell Partners in May 2020 for $1.1 billion. In November it raised the price to about $1.6 billion.',
      [],
    );
    expect(r.draft.status).toBe('terminated');
    expect(r.draft.closed).toBe('2022-03-09');
    expect(r.draft.value?.amount).toBe(1_600_000_000);
  });

  it('a newsletter item below header lines: the round in its lead is a deal, its startup named before ", based in …"', () => {
    const r = ingestText(
      'HARBOUR NOTES — our monthly letter on Nordic start-ups\n\nMarch 2024 edition\n\nTHE BIG ONE: TIDEWATCH\n\nA company founded last year is now the best-funded climate start-up in the region. Tidewatch, based in Bergen, has raised $30 million in a Series A round led by Lakestone Capital, with Fjell Partners and Orrin Ventures taking part.',
      [],
    );
    expect(r.noDeal).toBe(false);
    expect(roles(r)).toEqual(['Tidewatch:investee', 'Lakestone Capital:investor', 'Fjell Partners:investor', 'Orrin Ventures:investor']);
  });

  it('"signs content deals with X and Y" in the headline is a deal story', () => {
    const r = ingestText(
      'Kestrel AI signs content deals with Marlow Press and Tidewell Media\n\nBERLIN, May 2, 2024 — Kestrel AI has reached agreements with Marlow Press and Tidewell Media to use their archives in its chatbot, the companies said on Thursday.\n\nThe chatbot will show summaries with links. Financial terms were not disclosed. Both publishers have lost readers online.\n\nKestrel AI will pay for the licences.',
      [],
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('licensing');
  });

  it('when the headline and lead speak only of "seven carmakers", the next sentence names the partners', () => {
    const r = ingestText(
      'Five shipbuilders team up on a hydrogen ferry venture\n\nOSLO, June 4, 2024 — Five of Europe\'s biggest shipbuilders said on Tuesday that they would form a joint venture to build hydrogen ferries. Kestrel Marine, Marlow Yards, Fjell Ship, Orrin Docks and Tidewell Naval plan to deliver the first ferry in 2027.',
      ['Kestrel Marine', 'Marlow Yards', 'Fjell Ship', 'Orrin Docks', 'Tidewell Naval'].map((name) => ({ name, aliases: [] })),
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('joint_venture');
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Kestrel Marine', 'Marlow Yards', 'Fjell Ship', 'Orrin Docks', 'Tidewell Naval']);
  });

  it('a deal recalled in the fourth sentence of a job-cuts story is still no deal story', () => {
    const r = ingestText(
      'Kestrel to cut 2,000 jobs\n\nOSLO, Aug. 1, 2024 — Kestrel said on Thursday that it would cut 2,000 jobs and suspend its dividend after a weak quarter.\n\nThe company reported a loss of $300 million for the quarter. Its chief executive said demand had not recovered.\n\nIn June it sold a 49% stake in its Bergen plant to Lakestone Capital for $1 billion to help pay for new factories.',
      [],
    );
    expect(r.noDeal).toBe(true);
  });
});


describe('reading parties and roles: round 9 (from misses of heldout-r9, on sentences of our own)', () => {
  it('"X hands Y to Z" is a sale; an earlier purchase in an opening "after" clause does not make X the buyer', () => {
    const r = ingestText(
      'Google hands Fitwell to Nvidia\n\nLess than three years after Google completed its takeover of Fitwell, the company has agreed to sell the wearables maker to Nvidia for $900 million, it said on Tuesday.',
      [...ORGS, { name: 'Fitwell', aliases: [] }],
    );
    expect(roles(r)).toEqual(expect.arrayContaining(['Google:seller', 'Fitwell:target', 'Nvidia:acquirer']));
  });

  it('a company described at length before its verb is still a party ("X, the group that publishes A, B and C, has signed")', () => {
    const r = ingestText(
      'Ringmark licenses its archive to an AI start-up\n\nHAMBURG, May 2, 2024 — Ringmark Verlag, the German media group that publishes Abendpost, Nordblatt and Tagesecho, has signed an agreement with Google that lets the search company use its journalism to train models, the two said on Thursday.',
      ORGS,
    );
    expect(r.draft.type).toBe('licensing');
    expect(roles(r)).toEqual(expect.arrayContaining(['Ringmark Verlag:licensor', 'Google:licensee']));
  });

  it('a sentence about another deal or an earlier one adds no party', () => {
    const r = ingestText(
      'Nvidia to buy Corvane for $2 billion\n\nNvidia said on Thursday it had agreed to acquire Corvane, the maker of optical modules, for about $2 billion.\n\nSeparately, Nvidia said it had agreed to sell its Brightfield Submarine Networks unit to Tallgate Partners.\n\nKestrel Holdings had owned Corvane since 2019, when it bought the company from Samsung.',
      ORGS,
    );
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Nvidia', 'Corvane']);
  });

  it('every buyer listed after "a consortium of two investors," is a party, whatever a place tagger says', () => {
    const r = ingestText(
      'Samsung to sell its lighting unit\n\nSamsung said on Monday that it had agreed to sell its lighting business to a consortium of two Chinese financial investors, Jade Harbour Capital and Wise Road Capital, for about $1 billion.',
      ORGS,
    );
    expect(r.draft.parties?.map((p) => p.name)).toEqual(expect.arrayContaining(['Jade Harbour Capital', 'Wise Road Capital']));
  });

  it('"the companies behind X and Y" names products, not parties', () => {
    const r = ingestText(
      'Samsung and Google agree to explore smart-home work together\n\nIt is not every day that the companies behind Galaxy and Nestwave sign something together.\n\nSamsung and Google said on Monday they had signed a memorandum of understanding to explore a partnership.',
      ORGS,
    );
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Samsung', 'Google']);
  });

  it('a page title ends with the site name after a dash; it is not a party', () => {
    const r = ingestText('Nvidia to buy Corvane for $2 billion — Fibre & Signal\n\nNvidia said on Thursday it had agreed to acquire Corvane for about $2 billion.', ORGS);
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Nvidia', 'Corvane']);
  });

  it('titles owned by a licensor ("Prisa titles such as El Faro") are not parties; one licensee takes from several', () => {
    const r = ingestText(
      'Google signs content deals with Le Journal and Spain\'s Prisma Media\n\nPARIS, March 1, 2024 — Google has reached agreements with the French newspaper Le Journal and the Spanish publisher Prisma Media to use their journalism in its products and to train its AI models, the companies said on Wednesday.\n\nUnder the licences, users will see summaries from Le Journal and from Prisma titles such as El Faro and Cinco Vientos.',
      ORGS,
    );
    expect(roles(r)).toEqual(['Google:licensee', 'Le Journal:licensor', 'Prisma Media:licensor']);
  });

  it('a listed investor whose name mixes a number word and company words ("Capital One Ventures") is kept', () => {
    const r = ingestText(
      'Quillfeather raises $500 million\n\nQuillfeather said on Thursday that it had raised $500 million in a Series D round.\n\nHarbour Ventures led the round, with participation from Nvidia, Orchard Growth and Capital One Ventures, among others.',
      ORGS,
    );
    expect(r.draft.parties?.map((p) => p.name)).toContain('Capital One Ventures');
  });

  it('"buy the photo app from X": the seller is X, and the company the sentence before names is the target', () => {
    const r = ingestText(
      'So that is where the photos are going\n\nAfter a year of being told by a regulator to let it go, Google has finally found a buyer for Snapwell.\n\nNvidia said on Tuesday that it had agreed to buy the photo-sharing app from Google for $50 million in cash.',
      [...ORGS, { name: 'Snapwell', aliases: [] }],
    );
    expect(roles(r)).toEqual(expect.arrayContaining(['Nvidia:acquirer', 'Snapwell:target', 'Google:seller']));
    expect(r.draft.parties).toHaveLength(3);
  });

  it('a product named after a preposition following a buying verb ("buy the service through Azure") is not a party', () => {
    const r = ingestText(
      'Samsung and Google Expand Partnership to Deliver Galaxy Services on Nestwave\n\nSEOUL, May 2, 2024 — Samsung and Google today announced an expanded partnership.\n\nCustomers will be able to buy the service through Nestwave and move their data to the cloud.',
      ORGS,
    );
    expect(r.draft.parties?.map((p) => p.name)).toEqual(['Samsung', 'Google']);
  });

  it('a public body named "… Corporation of Japan" keeps the whole name', () => {
    const r = ingestText(
      'Kestrel, Norvale and Tallis to merge display units with state fund backing\n\nTOKYO, Aug. 31, 2011 — Kestrel, Norvale, Tallis and the state-backed Industrial Growth Corporation of Japan said on Wednesday that they would combine their display businesses in a joint venture.',
      [{ name: 'Kestrel', aliases: [] }, { name: 'Norvale', aliases: [] }, { name: 'Tallis', aliases: [] }],
    );
    expect(r.draft.parties?.map((p) => p.name)).toContain('Industrial Growth Corporation of Japan');
  });
});

