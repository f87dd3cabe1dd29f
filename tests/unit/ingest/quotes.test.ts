// Speakers of quotes and reported speech: sentences of our own.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/ingest.ts';
import { findQuotes } from '../../../src/ingest/quotes.ts';

describe('quote speakers', () => {
  it('keeps a middle initial with the name, and resolves the surname after it', () => {
    const r = ingestText(
      'Ardent and Belcourt agree to merge\n\nTOLEDO, Ohio, May 3, 2021 — Ardent Systems and Belcourt Instruments said on Monday that they would combine in an all-stock merger.\n\nRobert J. Haskins, Ardent\'s chief executive, will lead the combined company.\n\nHaskins said the merger would give the two makers of sensors more money for research.',
      [],
    );
    const speakers = (r.draft.quotes ?? []).map((q) => q.speaker);
    expect(speakers).toContain('Robert J. Haskins');
    expect(speakers).not.toContain('J. Haskins');
  });

  const speakersOf = (paragraphs: string[]) => findQuotes(paragraphs).map((q) => q.speaker);

  it('reads a company and title between the quote and the name', () => {
    expect(speakersOf(['"Our plan does not hinge on a single purchase, and we will keep building," Norvale chief executive Dana Whitcombe said, adding that talks had ended.'])).toEqual(['Dana Whitcombe']);
  });

  it('resolves a family name written first ("CEO Yang Yuanqing … Yang said")', () => {
    expect(speakersOf(['At Kestrel, chairman and CEO Liu Weiming was pleased. "Buying so well known a brand gives us a strong place in new markets," Liu said.'])).toEqual(['Liu Weiming']);
  });

  it('takes "told reporters" as a speech verb after a surname', () => {
    const ps = ["Harbin's chief executive, Tomas Varga, will run the new company.", '"Together we will solve harder problems for the customers we share," Varga told reporters.'];
    expect(speakersOf(ps)).toEqual(['Tomas Varga']);
  });

  it('keeps a lowercase particle surname ("deSouza") and drops a company possessive before the name', () => {
    expect(speakersOf(['Marc deLuca, Quillon\'s president and chief executive, said that the combination would have helped many more labs.'])).toEqual(['Marc deLuca']);
    expect(speakersOf(["Brightline's Ana Ortiz, speaking after the launch, said the company wanted to give users the best tools."])).toEqual(['Ana Ortiz']);
  });

  it('takes "which he said" for the titled person the sentence opens with', () => {
    expect(speakersOf(['Mira Okafor, chief licensing officer at Norvale, welcomed the agreement, which she said settled how Kestrel may use the patents.'])).toEqual(['Mira Okafor']);
  });
});

