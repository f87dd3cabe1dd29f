// Areas read from how the article describes the business, beside the fixed taxonomy: sentences of our own.
import { describe, expect, it } from 'vitest';
import { describedArea, findAreas } from '../../../src/ingest/areas.ts';
import { articleFromText, articleSentences } from '../../../src/ingest/text.ts';

const sentencesOf = (text: string) => articleSentences(articleFromText(text));

describe('areas from the description of a business', () => {
  it('takes what a maker makes, without the generic head noun', () => {
    const s = sentencesOf('Acme buys Brightwell\n\nAcme agreed to buy Brightwell, the Ohio maker of water filtration equipment, for $2 billion.');
    expect(describedArea(s)).toBe('water filtration');
    expect(findAreas(s).map((f) => f.area)).toContain('water filtration');
  });

  it('takes the modifiers before a business noun', () => {
    const s = sentencesOf('Two brokers end their merger\n\nThe two reinsurance brokers said on Monday that they had called off their merger.');
    expect(describedArea(s)).toBe('reinsurance');
  });

  it('ignores descriptions that name no business', () => {
    const s = sentencesOf('Acme buys Brightwell\n\nAcme, a leading platform company, agreed to buy Brightwell, the maker of connected products.');
    expect(describedArea(s)).toBeUndefined();
  });

  it('adds nothing beside two areas the taxonomy already found', () => {
    const s = sentencesOf('Acme buys a chip and cloud firm\n\nAcme will buy Brightwell, the maker of cooling equipment for cloud data centers and chips.');
    expect(findAreas(s).map((f) => f.area)).not.toContain('cooling');
  });
});

describe('narrower and further areas (round 9)', () => {
  const areasOf = (lines: string[]) => findAreas(lines.map((text, i) => ({ text, index: i, paragraph: i === 0 ? -1 : i }) as never)).map((a) => a.area);

  it('names a narrower area beside the broader one', () => {
    expect(areasOf(['Kestrel to buy Corvane, a maker of optical modules', 'Kestrel will buy Corvane, whose optical networking gear links data centres.'])).toEqual(
      expect.arrayContaining(['optical networking', 'networking']),
    );
    expect(areasOf(['Brightline agrees to supply memory chips', 'Brightline will supply DRAM and HBM chips for the project.'])).toEqual(expect.arrayContaining(['memory chips', 'semiconductors']));
  });

  it('names media, patents, retail, food and IT services from their own words', () => {
    expect(areasOf(['Ringmark licenses its journalism', 'The newspaper publisher will let the company use its archive.'])).toContain('media');
    expect(areasOf(['Norvale and Tallis settle patent fight', 'The two signed a patent licence covering video patents.'])).toContain('patents');
    expect(areasOf(['Harbor Foods to buy Crispwell', 'The snack maker sells snacks and cereals through supermarkets.'])).toEqual(expect.arrayContaining(['food', 'retail']));
    expect(areasOf(['Caldera to buy Metris', 'The consulting firm sells IT services and engineering services.'])).toContain('IT services');
  });

  it('does not take a games publisher or a game title for media or food', () => {
    const got = areasOf(['Kestrel completes purchase of game publisher Brightline', 'The publisher of Candy Crush makes mobile games.']);
    expect(got).not.toContain('media');
    expect(got).not.toContain('food');
  });

  it('reads a media deal and an engineering consultancy', () => {
    expect(areasOf(['Regulator sues to stop Kestrel takeover of Norvale', 'The suit puts one of the largest media deals in the hands of a judge, as rival TV distributors object.'])).toContain('media');
    expect(areasOf(['Caldera agrees takeover of Metris', 'Caldera will buy Metris, an engineering consultancy, for about $3 billion.'])).toContain('IT services');
  });

  it('drafts at most three areas, the best scored first and, of equal scores, the one named first', () => {
    const got = areasOf([
      'Kestrel completes acquisition of Norvale, a hybrid cloud software company',
      'Norvale makes hybrid cloud tools used with AI workloads, security products and automation.',
      'Customers run cloud services on it.',
    ]);
    expect(got.length).toBeLessThanOrEqual(3);
    expect(got.slice(0, 2)).toEqual(['cloud', 'hybrid cloud']);
  });
});

