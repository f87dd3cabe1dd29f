// Field accuracy of ingest over the article fixtures (our own words, real-news styles), against the shipped
// organisations: parties all correct, type correct in at least all-but-one, and no date or value the text does not state.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestText, type IngestResult } from '../../src/ingest/ingest.ts';
import { testApp } from '../helpers/app.ts';

const DIR = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));

interface Expected {
  parties: { name: string; role: string }[];
  type: string;
  status?: string;
  binding?: boolean;
  announced: string | null;
  value: { amount: number; currency: string } | null;
  areasInclude: string[];
  quoteSpeakers: string[];
  url?: string;
  publisher?: string;
  published?: string;
}

const app = testApp();
afterAll(() => app.close());
const orgs = app.store.listOrganisations().map((o) => ({ name: o.name, aliases: o.aliases }));

const fixtures = readdirSync(DIR)
  .filter((f) => /\.(txt|html)$/.test(f))
  .sort()
  .map((file) => {
    const expected = JSON.parse(readFileSync(DIR + file.replace(/\.(txt|html)$/, '.expected.json'), 'utf8')) as Expected;
    const result: IngestResult = ingestText(readFileSync(DIR + file, 'utf8'), orgs, expected.url);
    return { file, expected, result };
  });

const partyKey = (ps: { name: string; role: string }[] | undefined) => (ps ?? []).map((p) => `${p.name}:${p.role}`).sort();

describe('ingest accuracy over the article fixtures', () => {
  it('has at least 10 fixtures, including an HTML page, a misspelling and an article with no date', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    expect(fixtures.some((f) => f.file.endsWith('.html'))).toBe(true);
    expect(fixtures.some((f) => f.expected.announced === null)).toBe(true);
    const typed = new Set(fixtures.map((f) => f.expected.type));
    for (const t of ['mou', 'acquisition', 'investment', 'joint_venture']) expect(typed).toContain(t);
  });

  it('reports field accuracy: parties all correct, type in all but at most one, nothing invented', () => {
    const rows = fixtures.map(({ file, expected, result }) => {
      const d = result.draft;
      return {
        file,
        parties: JSON.stringify(partyKey(d.parties)) === JSON.stringify(partyKey(expected.parties)),
        type: d.type === expected.type,
        status: expected.status === undefined ? null : d.status === expected.status,
        date: (d.announced ?? null) === expected.announced,
        dateInvented: d.announced !== undefined && d.announced !== expected.announced,
        value: JSON.stringify(d.value ? { amount: d.value.amount, currency: d.value.currency } : null) === JSON.stringify(expected.value),
        valueInvented: d.value !== undefined && (expected.value === null || d.value.amount !== expected.value.amount),
        areas: expected.areasInclude.every((a) => d.areas?.includes(a)),
        quotes: expected.quoteSpeakers.every((s) => d.quotes?.some((q) => q.speaker === s)),
      };
    });
    const n = rows.length;
    const count = (k: keyof (typeof rows)[number]) => rows.filter((r) => r[k] === true).length;
    const statusRows = rows.filter((r) => r.status !== null);
    console.log(
      `ingest accuracy over ${n} fixtures: parties ${count('parties')}/${n}, type ${count('type')}/${n}, ` +
        `status ${statusRows.filter((r) => r.status).length}/${statusRows.length}, date ${count('date')}/${n}, ` +
        `value ${count('value')}/${n}, areas ${count('areas')}/${n}, quote speakers ${count('quotes')}/${n}; ` +
        `invented dates ${count('dateInvented')}, invented values ${count('valueInvented')}`,
    );
    for (const r of rows) expect({ file: r.file, parties: r.parties }).toEqual({ file: r.file, parties: true });
    expect(count('type')).toBeGreaterThanOrEqual(n - 1);
    expect(rows.filter((r) => r.dateInvented).map((r) => r.file)).toEqual([]);
    expect(rows.filter((r) => r.valueInvented).map((r) => r.file)).toEqual([]);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s: fields match the expected draft', (_file, { expected, result }) => {
    const d = result.draft;
    if (expected.status) expect(d.status).toBe(expected.status);
    if (expected.binding !== undefined) expect(d.binding).toBe(expected.binding);
    expect(d.announced ?? null).toBe(expected.announced);
    expect(d.value ? { amount: d.value.amount, currency: d.value.currency } : null).toEqual(expected.value);
    for (const a of expected.areasInclude) expect(d.areas).toContain(a);
    for (const s of expected.quoteSpeakers) expect(d.quotes?.map((q) => q.speaker)).toContain(s);
    // Empty fields are flagged, never filled in.
    if (expected.announced === null) expect(result.notes.announced?.confidence).toBe('missing');
    if (expected.value === null) expect(result.notes.value?.confidence).toBe('missing');
    expect(d.summary!.length).toBeLessThanOrEqual(700);
    expect(d.title!.length).toBeGreaterThan(5);
    if (expected.url) {
      expect(d.sources).toEqual([
        expect.objectContaining({ url: expected.url, publisher: expected.publisher, published: expected.published }),
      ]);
    } else {
      expect(d.sources).toBeUndefined();
      expect(result.missing).toContain('sources');
    }
  });
});
