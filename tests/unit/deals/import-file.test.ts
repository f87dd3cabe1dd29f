import { describe, expect, it } from 'vitest';
import { formatProblem, parseDealFile, serialiseDeals } from '../../../src/deals/import-file.ts';

const rec = (slug: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    slug,
    title: `Deal ${slug}`,
    type: 'partnership',
    status: 'signed',
    announced: '2021',
    parties: [{ name: 'Acme', role: 'partner' }],
    summary: 'Written for the tests.',
    sources: [{ url: 'https://example.com' }],
    ...extra,
  });

describe('import files', () => {
  it('reads JSON Lines and JSON arrays alike', () => {
    const lines = parseDealFile([rec('a'), '', rec('b')].join('\n'));
    const array = parseDealFile(`[${rec('a')},${rec('b')}]`);
    expect(lines.ok && lines.records.map((d) => d.slug)).toEqual(['a', 'b']);
    expect(array.ok && array.records.map((d) => d.slug)).toEqual(['a', 'b']);
  });

  it('reports every bad record with its number, line and field (1-based), and returns no records', () => {
    const r = parseDealFile([rec('a'), rec('b', { type: 'merger-ish' }), '{not json', rec('a')].join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const text = r.problems.map(formatProblem);
      expect(text).toEqual([
        'record 2 (line 2): type must be one of: acquisition, merger, investment, partnership, mou, joint_venture, licensing, divestiture, settlement, other',
        expect.stringMatching(/^record 3 \(line 3\): \(record\) is not valid JSON/),
        'record 4 (line 4): slug "a" is used by record 1 too',
      ]);
    }
  });

  it('serialises one canonical deal per line', () => {
    const r = parseDealFile(rec('a'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      const out = serialiseDeals(r.records);
      expect(out.endsWith('\n')).toBe(true);
      const again = parseDealFile(out);
      expect(again.ok && serialiseDeals(again.records)).toBe(out);
    }
  });
});
