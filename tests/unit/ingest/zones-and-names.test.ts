// Round-9 rules on the document's zones and on how names are written, each checked on texts of our own wording:
// a press release's boilerplate after the story (About blocks, contact desks, legal notices, related stories) names no
// party, a title-case headline's verb is not part of the name after it, and a plural noun's possessive opening a name
// ("Teachers' …") stays in it.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/ingest.ts';
import { articleFromText, isEndOfStoryHeading } from '../../../src/ingest/text.ts';
import { cleanOrgName, headlineVerbOff, isGenericName } from '../../../src/ingest/organisations.ts';

const ORGS = [{ name: 'Google', aliases: [] }];
const roles = (r: ReturnType<typeof ingestText>) => r.draft.parties?.map((p) => `${p.name}:${p.role}`);

describe('zones of the document: the story ends at its boilerplate', () => {
  const release = [
    'Orvane to Acquire Pellucid Robotics',
    'OSLO, March 3, 2025 /PRNewswire/ -- Orvane said today it has agreed to acquire Pellucid Robotics for $900 million in cash.',
    'The purchase adds warehouse picking arms to Orvane\'s logistics software.',
    'About Orvane\nOrvane builds logistics software used by Tallis Freight and Marrow Shipping.',
    'Media Contacts\nOrvane Corporate Communications\npress@example.com\n\nPellucid Investor Relations\nir@example.com',
  ].join('\n\n');

  it('drops the About block and the contact desks from the article', () => {
    const a = articleFromText(release);
    const text = a.paragraphs.join(' ');
    expect(text).toContain('warehouse picking arms');
    expect(text).not.toContain('Tallis Freight');
    expect(text).not.toContain('Corporate Communications');
  });

  it('so a contact desk or a customer named in the boilerplate never becomes a party', () => {
    expect(roles(ingestText(release, ORGS))).toEqual(['Orvane:acquirer', 'Pellucid Robotics:target']);
  });

  it('knows the headings that open boilerplate, and not sentences or the lead', () => {
    for (const h of ['About Orvane', 'Media Contacts:', 'Investor Relations', 'Forward-Looking Statements', 'Additional Information and Where to Find It', 'Related stories', 'Contact'])
      expect(isEndOfStoryHeading(h), h).toBe(true);
    for (const h of ['Orvane said it is about to close the deal.', 'About 400 engineers will join Orvane after the purchase closes, the company said in its statement today.', 'Financing'])
      expect(isEndOfStoryHeading(h), h).toBe(false);
  });

  it('a heading in the first two blocks is not cut (it is the lead, not boilerplate)', () => {
    const a = articleFromText('About Face raises $10 million\n\nAbout Face said on Monday it had raised $10 million.\n\nThe round was led by Kestrel Capital.');
    expect(a.paragraphs.join(' ')).toContain('Kestrel Capital');
  });
});

describe('names as written', () => {
  it('a headline\'s capitalised infinitive after "to" is the verb, not the start of the target\'s name', () => {
    expect(headlineVerbOff({ text: 'Acquire Pellucid', at: 10 }, 'Orvane to Acquire Pellucid')).toEqual({ text: 'Pellucid', at: 18 });
    expect(headlineVerbOff({ text: 'Adding Optical Chips', at: 28 }, 'Orvane to Buy Pellucid Labs, Adding Optical Chips')).toBeUndefined();
    // A name that opens a sentence with a gerund-like word stays ("Hugging Face raises …").
    expect(headlineVerbOff({ text: 'Hugging Face', at: 0 }, 'Hugging Face raises $235 million')).toEqual({ text: 'Hugging Face', at: 0 });
  });

  it('"X to Acquire Y" in a title-case headline gives Y as the target', () => {
    const r = ingestText('Orvane to Acquire Pellucid, Adding Warehouse Arms\n\nOSLO, March 3, 2025 -- Orvane said today it has agreed to acquire Pellucid for $900 million.', ORGS);
    expect(roles(r)).toEqual(['Orvane:acquirer', 'Pellucid:target']);
  });

  it('a plural noun\'s possessive opening a name is part of it; an owner\'s possessive is not', () => {
    expect(cleanOrgName("Teachers' Venture Growth")).toBe("Teachers' Venture Growth");
    expect(cleanOrgName("Farmers' Mutual Bank")).toBe("Farmers' Mutual Bank");
    expect(cleanOrgName("India's Zee Entertainment")).toBe('Zee Entertainment');
    expect(cleanOrgName("Siemens' Healthineers")).toBe('Healthineers');
  });
});

describe('investment arms', () => {
  const STORED = [{ name: 'Quorra', aliases: [] }, { name: 'Google', aliases: [] }];

  it('a stored company followed by "Ventures" is its investment arm, a party of its own', () => {
    const r = ingestText('Lumenfold raises $80 million\n\nLumenfold said on Tuesday it had raised $80 million in a round led by Kestrel Capital, with participation from Google and Quorra Ventures.', STORED);
    expect(roles(r)).toEqual(['Lumenfold:investee', 'Kestrel Capital:investor', 'Google:investor', 'Quorra Ventures:investor']);
  });

  it("the headline's short name is the arm when the body names the company only through it", () => {
    const r = ingestText('Lumenfold raises $80 million from Quorra and Google\n\nLumenfold said on Tuesday it had raised $80 million in a round led by Quorra Ventures. Google also took part.', STORED);
    expect(r.draft.parties?.map((p) => p.name)).toEqual(expect.arrayContaining(['Lumenfold', 'Quorra Ventures', 'Google']));
    expect(r.draft.parties?.map((p) => p.name)).not.toContain('Quorra');
  });
});

describe('names joined by an ampersand', () => {
  it('letters joined by "&" are one name, not the generic words "at and t"', () => {
    expect(isGenericName('AT&T')).toBe(false);
    expect(isGenericName('Q&A Labs')).toBe(false);
    expect(isGenericName('At And')).toBe(true);
  });

  it('so a buyer written with an ampersand is a party with its role', () => {
    const r = ingestText('Orvane to buy Q&A Labs\n\nOrvane said on Monday it would buy Q&A Labs for $80 million.', []);
    expect(roles(r)).toEqual(['Orvane:acquirer', 'Q&A Labs:target']);
  });
});

describe('products are not companies', () => {
  it('a longer form introduced as a product ("a product called X Write") does not replace the company\'s name', () => {
    const r = ingestText('Lexora raises $100 million in a round led by Kestrel Capital\n\nLexora, the translation start-up, said on Monday it had raised $100 million in a round led by Kestrel Capital. Its newer product called Lexora Write helps staff edit their emails.', []);
    expect(roles(r)).toEqual(['Lexora:investee', 'Kestrel Capital:investor']);
  });

  it('"the X search engine" after a buying verb describes the product bought, so X is not a party', () => {
    const r = ingestText('Orvane buys Pictra from Quorra\n\nOrvane said on Tuesday that it had agreed to buy the Snapframe search engine from Quorra for $50 million.', []);
    expect(r.draft.parties?.map((p) => p.name)).toEqual(expect.arrayContaining(['Orvane', 'Pictra', 'Quorra']));
    expect(r.draft.parties?.map((p) => p.name)).not.toContain('Snapframe');
  });
});
