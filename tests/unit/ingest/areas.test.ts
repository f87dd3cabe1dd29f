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
