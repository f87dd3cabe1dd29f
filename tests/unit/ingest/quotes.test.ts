// Speakers of quotes and reported speech: sentences of our own.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/ingest.ts';

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
});
