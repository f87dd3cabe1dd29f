// Field-by-field scoring of ingest against article fixtures (tests/fixtures/articles/<set>/): each fixture is an
// article (.txt or .html) and a .expected.json saying what a careful admin would extract. Used by
// tests/evaluation/ingest-fixtures.test.ts (floors) and bench/ingest-eval.ts (prints the table).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseText } from '../src/deals/names.ts';
import type { IngestResult } from '../src/ingest/ingest.ts';

export const FIELDS = ['parties', 'roles', 'type', 'status', 'announced', 'closed', 'value', 'areas', 'quotes', 'summary'] as const;
export type Field = (typeof FIELDS)[number];

export interface ExpectedParty {
  name: string;
  role: string;
  /** Other spellings a careful admin would accept ("Medidata" for "Medidata Solutions"). */
  accept?: string[];
}

export interface Expected {
  kind?: string;
  style?: string;
  /** false: not a deal story; ingest must say it found no deal. */
  deal: boolean;
  url?: string;
  parties?: ExpectedParty[];
  type?: string;
  status?: string;
  announced?: string | null;
  closed?: string | null;
  value?: { amount: number; currency: string } | null;
  areas?: string[];
  quoteSpeakers?: string[];
  summaryMentions?: string[];
  /** The slug of the stored deal the story is about, or null. */
  match?: string | null;
}

export interface Fixture {
  file: string;
  text: string;
  expected: Expected;
}

export function loadFixtures(dir: string): Fixture[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort()
    .map((file) => ({
      file,
      text: readFileSync(join(dir, file), 'utf8'),
      expected: JSON.parse(readFileSync(join(dir, file.replace(/\.(txt|html)$/, '.expected.json')), 'utf8')) as Expected,
    }));
}

/** What ingest produced for one fixture; `match` is the slug of the stored deal it says the story is about. */
export interface Outcome {
  result: IngestResult;
  noDeal: boolean;
  match?: string | undefined;
}

export interface Row {
  file: string;
  deal: boolean;
  /** Non-deal fixtures: did ingest say no deal? Deal fixtures: did it draft one? */
  dealRight: boolean;
  fields: Partial<Record<Field, boolean>>;
  match: boolean;
  inventedDates: string[];
  inventedValue: boolean;
  misses: string[];
}

const fold = (s: string) => normaliseText(s);

function partyNameMatches(e: ExpectedParty, name: string): boolean {
  return [e.name, ...(e.accept ?? [])].some((n) => fold(n) === fold(name));
}

export function scoreFixture(f: Fixture, o: Outcome): Row {
  const e = f.expected;
  const d = o.result.draft;
  const row: Row = { file: f.file, deal: e.deal, dealRight: e.deal ? !o.noDeal : o.noDeal, fields: {}, match: true, inventedDates: [], inventedValue: false, misses: [] };
  if (!e.deal) {
    if (!o.noDeal) row.misses.push('drafted a deal from a non-deal story');
    return row;
  }
  const got = o.noDeal ? [] : (d.parties ?? []);
  const exp = e.parties ?? [];
  const pairs = exp.map((x) => ({ x, p: got.find((p) => partyNameMatches(x, p.name)) }));
  const namesRight = pairs.every((q) => q.p) && got.length === exp.length;
  row.fields.parties = namesRight;
  row.fields.roles = namesRight && pairs.every((q) => q.p!.role === q.x.role);
  const eq = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
  row.fields.type = !o.noDeal && d.type === e.type;
  row.fields.status = !o.noDeal && d.status === e.status;
  row.fields.announced = !o.noDeal && eq(d.announced, e.announced);
  row.fields.closed = !o.noDeal && eq(d.closed, e.closed);
  const v = d.value ? { amount: d.value.amount, currency: d.value.currency } : null;
  row.fields.value = !o.noDeal && JSON.stringify(v) === JSON.stringify(e.value ?? null);
  const areas = d.areas ?? [];
  const expAreas = e.areas ?? [];
  // Areas are tags: "AI" and "ai" are the same one.
  const folded = new Set(areas.map((a) => a.toLowerCase()));
  const expFolded = new Set(expAreas.map((a) => a.toLowerCase()));
  row.fields.areas = !o.noDeal && [...expFolded].every((a) => folded.has(a)) && [...folded].filter((a) => !expFolded.has(a)).length <= 2;
  const speakers = new Set((d.quotes ?? []).map((q) => fold(q.speaker)));
  const expSpeakers = new Set((e.quoteSpeakers ?? []).map(fold));
  row.fields.quotes = !o.noDeal && speakers.size === expSpeakers.size && [...expSpeakers].every((s) => speakers.has(s));
  const summary = fold(d.summary ?? '');
  row.fields.summary =
    !o.noDeal && summary.length > 0 && (d.summary ?? '').length <= 700 && (e.summaryMentions ?? []).every((m) => summary.includes(fold(m)));
  row.match = (o.match ?? null) === (e.match ?? null);
  if (!o.noDeal) {
    if (d.announced && d.announced !== e.announced) row.inventedDates.push(`announced ${d.announced}`);
    if (d.closed && d.closed !== e.closed) row.inventedDates.push(`closed ${d.closed}`);
    if (v && JSON.stringify(v) !== JSON.stringify(e.value ?? null)) row.inventedValue = true;
  }
  for (const k of FIELDS) {
    if (row.fields[k]) continue;
    const show: Record<Field, unknown> = {
      parties: got.map((p) => p.name),
      roles: got.map((p) => `${p.name}:${p.role}`),
      type: d.type,
      status: d.status,
      announced: d.announced,
      closed: d.closed,
      value: v,
      areas,
      quotes: [...speakers],
      summary: d.summary,
    };
    const want: Record<Field, unknown> = {
      parties: exp.map((p) => p.name),
      roles: exp.map((p) => `${p.name}:${p.role}`),
      type: e.type,
      status: e.status,
      announced: e.announced,
      closed: e.closed,
      value: e.value,
      areas: expAreas,
      quotes: [...expSpeakers],
      summary: e.summaryMentions,
    };
    row.misses.push(`${k}: got ${JSON.stringify(show[k])}, want ${JSON.stringify(want[k])}`);
  }
  if (!row.match) row.misses.push(`match: got ${o.match ?? null}, want ${e.match ?? null}`);
  if (o.noDeal) row.misses.unshift('said no deal for a deal story');
  return row;
}

export interface Summary {
  fixtures: number;
  dealFixtures: number;
  nonDeal: { right: number; total: number };
  perField: Record<Field, { right: number; total: number }>;
  overall: { right: number; total: number };
  match: { right: number; total: number };
  inventedDates: number;
  inventedValues: number;
}

export function summarise(rows: Row[]): Summary {
  const deals = rows.filter((r) => r.deal);
  const perField = Object.fromEntries(FIELDS.map((k) => [k, { right: deals.filter((r) => r.fields[k]).length, total: deals.length }])) as Summary['perField'];
  const right = FIELDS.reduce((n, k) => n + perField[k].right, 0);
  return {
    fixtures: rows.length,
    dealFixtures: deals.length,
    nonDeal: { right: rows.filter((r) => !r.deal && r.dealRight).length, total: rows.filter((r) => !r.deal).length },
    perField,
    overall: { right, total: FIELDS.length * deals.length },
    match: { right: rows.filter((r) => r.match).length, total: rows.length },
    inventedDates: rows.reduce((n, r) => n + r.inventedDates.length, 0),
    inventedValues: rows.filter((r) => r.inventedValue).length,
  };
}

export function formatSummary(name: string, s: Summary): string {
  const pct = (x: { right: number; total: number }) => (x.total ? (x.right / x.total).toFixed(2) : '—');
  const cells = FIELDS.map((k) => `${k} ${s.perField[k].right}/${s.perField[k].total} (${pct(s.perField[k])})`);
  return (
    `${name}: ${s.fixtures} fixtures (${s.dealFixtures} deal stories). overall ${s.overall.right}/${s.overall.total} (${pct(s.overall)}); ` +
    `${cells.join(', ')}; no-deal stories ${s.nonDeal.right}/${s.nonDeal.total}; existing-deal match ${s.match.right}/${s.match.total}; ` +
    `wrong non-empty dates ${s.inventedDates}, wrong non-empty values ${s.inventedValues}`
  );
}
