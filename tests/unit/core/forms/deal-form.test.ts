// The deal form: build from a deal, read the values back, get the same deal; every problem keyed by a form field.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDealForm, DEAL_FORM_ID, FORM_TEXT_MAX, parseDealForm } from '../../../../src/core/forms/deal-form.ts';
import { parseValue } from '../../../../src/core/forms/deal-fields.ts';
import { parseDealFile } from '../../../../src/deals/import-file.ts';
import { canonicalDeal, LIMITS, validateDeal, type Deal, type DealInput } from '../../../../src/deals/schema.ts';
import { FIXTURES } from '../../../helpers/app.ts';

/** Deals in the shipped corpus's style (our own words, invented details), exercising every optional part. */
const SAMPLES: DealInput[] = [
  {
    slug: 'northwind-contoso-mou-2018',
    title: 'Northwind and Contoso sign an MoU on cloud and AI',
    type: 'mou',
    status: 'signed',
    binding: false,
    announced: '2018-02-23',
    parties: [
      { name: 'Northwind', role: 'partner', aliases: ['NW', 'Northwind Corp'] },
      { name: 'Contoso', role: 'partner' },
    ],
    areas: ['cloud', 'artificial intelligence', 'smart speakers'],
    summary: 'The two firms agreed to explore joint work on cloud services and voice assistants.\nNo money changed hands.',
    quotes: [
      { speaker: 'Ann Example', title: 'CEO, Northwind', text: 'We look forward to building | together.', paraphrased: true },
      { speaker: 'Bo Sample', text: 'A good step for both of us.', paraphrased: false },
      { speaker: 'Cy Person', title: 'CTO', text: 'More to come.' },
    ],
    sources: [
      { url: 'https://example.com/news/nw-contoso', publisher: 'Example News', title: 'Northwind, Contoso sign MoU', published: '2018-02-23' },
      { url: 'https://example.org/a', title: '2018' },
      { url: 'https://example.org/b', published: '2018-03' },
      { url: 'https://example.org/c', publisher: '2019' },
      { url: 'https://example.org/d' },
    ],
  },
  {
    slug: 'fabrikam-buys-tailspin-2022',
    title: 'Fabrikam buys Tailspin (TS) for $68.7 billion',
    type: 'acquisition',
    status: 'completed',
    binding: true,
    announced: '2022-01',
    closed: '2023-10-13',
    parties: [
      { name: 'Fabrikam', role: 'acquirer' },
      { name: 'Tailspin Games (TS)', role: 'target', aliases: ['Tailspin, Inc.', 'TSG'] },
    ],
    value: { amount: 68_700_000_000, currency: 'USD', note: 'all cash (per share)' },
    areas: ['gaming'],
    summary: 'Fabrikam agreed to take over the games maker in an all-cash deal.',
    sources: [{ url: 'https://example.com/fabrikam-tailspin', publisher: 'Wire | Daily' }],
  },
  {
    slug: 'odd-values-2001',
    title: 'A deal with an odd amount',
    type: 'joint_venture',
    status: 'unknown',
    announced: '2001',
    closed: '2001',
    parties: [{ name: 'Alpha', role: 'investor' }],
    value: { amount: 1234.5678, currency: 'EUR' },
    areas: [],
    summary: 'Tests amounts that do not read as millions.',
    sources: [{ url: 'http://example.net/x' }],
  },
];

function roundTrip(d: Deal): Deal {
  const form = buildDealForm({ mode: 'edit', slug: d.slug, version: 3 }, d);
  const values = Object.fromEntries(form.fields.map((f) => [f.id, f.value ?? '']));
  const back = parseDealForm(values);
  if (!back.ok) throw new Error(JSON.stringify(back.problems));
  return back.value;
}

function valid(input: DealInput): Deal {
  const v = validateDeal(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.value;
}

describe('buildDealForm', () => {
  it('builds an edit form with the contract the adapters rely on', () => {
    const d = valid(SAMPLES[0]!);
    const form = buildDealForm({ mode: 'edit', slug: d.slug, version: 7 }, d);
    expect(form.kind).toBe('form');
    expect(form.formId).toBe(DEAL_FORM_ID);
    expect(form.submit).toEqual({ command: 'deal-admin', subcommand: 'save', options: { mode: 'edit', slug: d.slug, version: 7 } });
    expect(form.compactFieldIds.length).toBeLessThanOrEqual(5);
    const ids = form.fields.map((f) => f.id);
    for (const id of form.compactFieldIds) expect(ids).toContain(id);
    // Field ids must not clash with the save step's own options.
    for (const id of ['mode', 'slug', 'version', 'allow_duplicate']) expect(ids).not.toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of form.fields) {
      expect(f.label.length).toBeLessThanOrEqual(45);
      expect(f.maxLength).toBeLessThanOrEqual(FORM_TEXT_MAX);
      expect((f.value ?? '').length).toBeLessThanOrEqual(f.maxLength);
      expect((f.placeholder ?? '').length).toBeLessThanOrEqual(100);
    }
    expect(form.title.length).toBeLessThanOrEqual(45);
    expect(form.fields.find((f) => f.id === 'parties')!.value).toBe(
      'Northwind (partner; aka NW, Northwind Corp); Contoso (partner)',
    );
    expect(form.notice).toBeUndefined();
  });

  it('an add form is empty apart from a default status, and carries the notice', () => {
    const form = buildDealForm({ mode: 'add' }, undefined, 'Drafted from the article; check the flagged fields');
    expect(form.submit.options).toEqual({ mode: 'add' });
    expect(form.notice).toBe('Drafted from the article; check the flagged fields');
    expect(form.fields.find((f) => f.id === 'title')!.value).toBeUndefined();
    expect(form.fields.find((f) => f.id === 'details')!.value).toContain('Status: announced');
  });

  it('an add form takes a partial ingest draft', () => {
    const form = buildDealForm({ mode: 'add' }, { title: 'Draft title', parties: [{ name: 'Acme', role: 'acquirer' }] });
    expect(form.fields.find((f) => f.id === 'title')!.value).toBe('Draft title');
    expect(form.fields.find((f) => f.id === 'parties')!.value).toBe('Acme (acquirer)');
  });

  it('says so in the notice when a stored value is longer than its field, cutting at a line break', () => {
    const d = valid({
      ...SAMPLES[0]!,
      sources: Array.from({ length: 10 }, (_, i) => ({
        url: `https://example.com/${'x'.repeat(300)}/${i}`,
        publisher: 'P'.repeat(LIMITS.publisher),
        title: 'T'.repeat(LIMITS.sourceTitle),
      })),
    });
    const form = buildDealForm({ mode: 'edit', slug: d.slug, version: 1 }, d);
    const sources = form.fields.find((f) => f.id === 'sources')!;
    expect(sources.value!.length).toBeLessThanOrEqual(sources.maxLength);
    expect(sources.value!.split('\n').every((l) => l.startsWith('https://'))).toBe(true);
    expect(form.notice).toMatch(/sources holds \d+ characters, more than this form allows \(3000\)/);
  });
});

describe('parseDealForm', () => {
  it('round-trips the sample deals exactly', () => {
    for (const s of SAMPLES) {
      const d = valid(s);
      expect(JSON.stringify(canonicalDeal(roundTrip(d)))).toBe(JSON.stringify(canonicalDeal(d)));
    }
  });

  it('round-trips the fixture corpus (and the shipped corpus where present) exactly', () => {
    const files = [FIXTURES.deals, new URL('../../../../data/deals.jsonl', import.meta.url)];
    let n = 0;
    for (const f of files) {
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch {
        continue; // data/ may not be built yet; the fixture file always is
      }
      const parsed = parseDealFile(text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      for (const d of parsed.records) {
        expect(JSON.stringify(canonicalDeal(roundTrip(d)))).toBe(JSON.stringify(canonicalDeal(d)));
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('reads the typeable formats people write', () => {
    const r = parseDealForm({
      title: '  Xiaomi and Microsoft team up ',
      parties: 'Xiaomi (Partner)\nMicrosoft (partner)',
      details: 'type: MoU\nStatus: Signed\nDate: 2018-02-23\nValue: USD 1,500,000\nBinding: no',
      summary: 'They agreed things.\r\nMore things.',
      sources: 'https://example.com/a | Example | A title | 2018-02-23\n\nhttps://example.com/b',
      areas: 'cloud, ai,',
      quotes: '',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      slug: 'xiaomi-and-microsoft-team-up-2018',
      title: 'Xiaomi and Microsoft team up',
      type: 'mou',
      status: 'signed',
      binding: false,
      announced: '2018-02-23',
      parties: [
        { name: 'Xiaomi', role: 'partner' },
        { name: 'Microsoft', role: 'partner' },
      ],
      value: { amount: 1_500_000, currency: 'USD' },
      areas: ['cloud', 'ai'],
      summary: 'They agreed things.\nMore things.',
      sources: [
        { url: 'https://example.com/a', publisher: 'Example', title: 'A title', published: '2018-02-23' },
        { url: 'https://example.com/b' },
      ],
    });
    expect(r.value.quotes).toBeUndefined();
  });

  it('reads values in several spellings, exactly', () => {
    expect(parseValue('68.7 billion USD (all cash)')).toEqual({ ok: true, value: { amount: 68_700_000_000, currency: 'USD', note: 'all cash' } });
    expect(parseValue('USD 68700000000')).toEqual({ ok: true, value: { amount: 68_700_000_000, currency: 'USD' } });
    expect(parseValue('$1.5bn')).toEqual({ ok: true, value: { amount: 1_500_000_000, currency: 'USD' } });
    expect(parseValue('250,000,000 eur')).toEqual({ ok: true, value: { amount: 250_000_000, currency: 'EUR' } });
    expect(parseValue('not disclosed')).toEqual({ ok: true, value: undefined });
    expect(parseValue('a lot').ok).toBe(false);
    expect(parseValue('1 million').ok).toBe(false);
    expect(parseValue('USD 5 EUR').ok).toBe(false);
  });

  it('keys every problem by the form field that holds it', () => {
    const r = parseDealForm({
      title: '',
      parties: 'Xiaomi (partner); Microsoft',
      details: 'Type: takeover\nStatus: signed\nAnnounced: 2018-02-30\nValue: lots',
      summary: 'x'.repeat(LIMITS.summary + 1),
      sources: 'not a url',
      areas: '',
      quotes: 'just text',
      deal_slug: 'Bad Slug',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['title', 'parties.1.role', 'details.type', 'details.value', 'details.announced', 'summary', 'sources.0.url', 'quotes.0', 'deal_slug']),
    );
    const ids = new Set(['title', 'parties', 'details', 'summary', 'sources', 'areas', 'quotes', 'deal_slug']);
    for (const f of fields) expect(ids.has(f.split('.')[0]!)).toBe(true);
    expect(r.problems.find((p) => p.field === 'parties.1.role')!.message).toContain('Microsoft (partner)');
    expect(r.problems.find((p) => p.field === 'sources.0.url')!.message).toMatch(/^source 1, url: must be an http\(s\) URL/);
  });

  it('reads the closing date under its labels, and refuses one that is not a date or comes before the announcement', () => {
    const base = { title: 'Fabrikam buys Tailspin', parties: 'Fabrikam (acquirer); Tailspin (target)', summary: 'A takeover.', sources: 'https://example.com/a' };
    const closedOf = (details: string) => {
      const r = parseDealForm({ ...base, details });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.value.closed;
    };
    expect(closedOf('Type: acquisition\nStatus: completed\nAnnounced: 2022-01-18\nClosed: 2023-10-13')).toBe('2023-10-13');
    expect(closedOf('Type: acquisition / Status: terminated / Announced: 2022-09 / Terminated: 2023-12')).toBe('2023-12');
    expect(closedOf('Type: acquisition\nStatus: completed\nAnnounced: 2022-01-18\nCompleted: 2022')).toBe('2022');
    expect(closedOf('Type: acquisition\nStatus: pending\nAnnounced: 2022-01-18\nClosed: ')).toBeUndefined();
    expect(closedOf('Type: acquisition\nStatus: pending\nAnnounced: 2022-01-18\nClosed: open')).toBeUndefined();
    // "Status: closed" still means completed; it is the label that decides.
    const status = parseDealForm({ ...base, details: 'Type: acquisition\nStatus: closed\nAnnounced: 2022\nClosed: 2022-05' });
    expect(status.ok && status.value.status).toBe('completed');

    const problems = (details: string) => {
      const r = parseDealForm({ ...base, details });
      return r.ok ? [] : r.problems;
    };
    const early = problems('Type: acquisition\nStatus: completed\nAnnounced: 2022-01-18\nClosed: 2021-12');
    expect(early).toEqual([{ field: 'details.closed', message: 'closed: 2021-12 is before the announcement (2022-01-18)' }]);
    const bad = problems('Type: acquisition\nStatus: completed\nAnnounced: 2022-01-18\nClosed: October 2023');
    expect(bad.map((p) => p.field)).toEqual(['details.closed']);
    expect(bad[0]!.message).toMatch(/^closed: must be a date as YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(problems('Type: acquisition\nStatus: completed\nAnnounced: 2022-01-18\nClosed: 2023-02-30').map((p) => p.field)).toEqual(['details.closed']);
    expect(problems('Type: acquisition\nStatus: completed\nAnnounced: 2022-01-18\nClosed: 2023\nCompleted: 2023').map((p) => p.field)).toEqual(['details.closed']);
  });

  it('shows the closing date in the details field, empty while a deal is open', () => {
    const closedDeal = valid(SAMPLES[1]!);
    const details = (d: Deal) => buildDealForm({ mode: 'edit', slug: d.slug, version: 1 }, d).fields.find((f) => f.id === 'details')!.value;
    expect(details(closedDeal)).toBe('Type: acquisition\nStatus: completed\nAnnounced: 2022-01\nClosed: 2023-10-13\nValue: 68.7 billion USD (all cash (per share))\nBinding: yes');
    expect(details(valid(SAMPLES[0]!))).toContain('\nAnnounced: 2018-02-23\nClosed: \nValue: not disclosed');
  });

  it('reports missing details once each, and an empty form without crashing', () => {
    const r = parseDealForm({});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'parties', 'details.type', 'details.status', 'details.announced', 'summary', 'sources']));
    expect(fields.filter((f) => f === 'details.announced')).toHaveLength(1);
  });

  it('round-trips generated deals (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .&'-]{0,20}[A-Za-z0-9]$/);
    const sentence = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.'!?()|-]{0,60}[A-Za-z0-9.!?]$/);
    const date = fc.constantFrom('2019', '2020-07', '2021-12-31', '1999-02-28');
    const deal = fc.record({
      title: sentence,
      type: fc.constantFrom('acquisition', 'mou', 'joint_venture', 'other'),
      status: fc.constantFrom('signed', 'completed', 'unknown'),
      binding: fc.option(fc.boolean(), { nil: undefined }),
      announced: date,
      closed: fc.option(fc.constantFrom('2019', '2020-08', '2022-01-31', '2024'), { nil: undefined }),
      parties: fc.array(
        fc.record({
          name: word,
          role: fc.constantFrom('acquirer', 'target', 'partner', 'licensee'),
          aliases: fc.option(fc.array(word, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      value: fc.option(
        fc.record({
          amount: fc.oneof(fc.integer({ min: 0, max: 1e12 }), fc.double({ min: 0, max: 1e12, noNaN: true }).map((x) => Math.round(x * 100) / 100)),
          currency: fc.constantFrom('USD', 'EUR', 'JPY'),
          note: fc.option(sentence, { nil: undefined }),
        }),
        { nil: undefined },
      ),
      areas: fc.array(word, { maxLength: 4 }),
      summary: sentence,
      quotes: fc.option(
        fc.array(fc.record({ speaker: word, title: fc.option(word, { nil: undefined }), text: sentence, paraphrased: fc.option(fc.boolean(), { nil: undefined }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        { nil: undefined },
      ),
      sources: fc.array(
        fc.record({
          url: word.map((w) => `https://example.com/${encodeURIComponent(w)}`),
          publisher: fc.option(fc.oneof(word, date), { nil: undefined }),
          title: fc.option(fc.oneof(word, date), { nil: undefined }),
          published: fc.option(date, { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(deal, (input) => {
        const v = validateDeal(JSON.parse(JSON.stringify(input)));
        fc.pre(v.ok && !(input.closed && input.closed.slice(0, 4) < input.announced.slice(0, 4)));
        if (!v.ok) return;
        expect(JSON.stringify(canonicalDeal(roundTrip(v.value)))).toBe(JSON.stringify(canonicalDeal(v.value)));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });
});
