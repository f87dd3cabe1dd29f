import { describe, expect, it } from 'vitest';
import { canonicalDeal, defaultSlug, slugify, validateDeal } from '../../../src/deals/schema.ts';
import { formatMoney, formatPartialDate, formatValue } from '../../../src/deals/format.ts';

const good = {
  title: 'Acme buys Globex',
  type: 'acquisition',
  status: 'completed',
  announced: '2020-03',
  parties: [
    { name: 'Acme', role: 'acquirer' },
    { name: 'Globex', role: 'target' },
  ],
  summary: 'A test deal written for this suite.',
  sources: [{ url: 'https://example.com/a' }],
};

describe('deal schema', () => {
  it('accepts a valid deal and derives the slug from title and year', () => {
    const r = validateDeal(good);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.slug).toBe('acme-buys-globex-2020');
      expect(r.value.areas).toEqual([]);
    }
  });

  it('keeps date precision and rejects impossible dates', () => {
    for (const d of ['2018', '2018-02', '2018-02-23']) expect(validateDeal({ ...good, announced: d }).ok).toBe(true);
    for (const d of ['2018-2-3', '2018-13', '2019-02-30', '23/02/2018', '']) {
      const r = validateDeal({ ...good, announced: d });
      expect(r.ok, d).toBe(false);
      if (!r.ok) expect(r.problems[0]!.field).toBe('announced');
    }
  });

  it('names the field of every problem', () => {
    const r = validateDeal({
      ...good,
      type: 'takeover',
      parties: [{ name: 'Acme', role: 'boss' }],
      sources: [{ url: 'ftp://x' }],
      summary: 'x'.repeat(1501),
      extra: 1,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const fields = r.problems.map((p) => p.field);
      expect(fields).toEqual(expect.arrayContaining(['type', 'parties.0.role', 'sources.0.url', 'summary']));
      expect(r.problems.some((p) => p.message.includes('extra'))).toBe(true);
    }
  });

  it('rejects control characters in one-line fields and empty titles', () => {
    expect(validateDeal({ ...good, title: 'a\u0007b' }).ok).toBe(false);
    expect(validateDeal({ ...good, title: '   ' }).ok).toBe(false);
    expect(validateDeal({ ...good, summary: 'line one\nline two' }).ok).toBe(true);
  });

  it('rejects bad slugs and currency codes', () => {
    expect(validateDeal({ ...good, slug: 'Not A Slug' }).ok).toBe(false);
    expect(validateDeal({ ...good, value: { amount: 5, currency: 'usd' } }).ok).toBe(false);
    expect(validateDeal({ ...good, value: { amount: -5, currency: 'USD' } }).ok).toBe(false);
  });

  it('canonical form orders keys and drops empty optionals', () => {
    const r = validateDeal({ ...good, quotes: [], slug: 'x-1' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const c = canonicalDeal(r.value);
      expect(Object.keys(c)).toEqual(['slug', 'title', 'type', 'status', 'announced', 'parties', 'areas', 'summary', 'sources']);
    }
  });

  it('slugifies accents and symbols', () => {
    expect(slugify('Société Générale & Co!')).toBe('societe-generale-and-co');
    expect(defaultSlug({ title: 'Deal 2018', announced: '2018-01' })).toBe('deal-2018');
  });
});

describe('formatting', () => {
  it('never shows more date precision than the data has', () => {
    expect(formatPartialDate('2018-02-23')).toBe('23 Feb 2018');
    expect(formatPartialDate('2018-02')).toBe('Feb 2018');
    expect(formatPartialDate('2018')).toBe('2018');
  });
  it('formats money in words', () => {
    expect(formatMoney(68_700_000_000, 'USD')).toBe('$68.7 billion');
    expect(formatMoney(250_000_000, 'EUR')).toBe('€250 million');
    expect(formatMoney(1234, 'CHF')).toBe('1,234 CHF');
    expect(formatValue(undefined)).toBe('Not disclosed');
    expect(formatValue({ amount: 2e9, currency: 'USD', note: 'cash' })).toBe('$2 billion (cash)');
  });
});
