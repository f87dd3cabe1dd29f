// Parsing an import file (a JSON array or JSON Lines) into validated deals, collecting every problem with the
// record's index and field so an admin can fix them all in one go.
import { validateDeal, validateOrganisation, type Deal, type Organisation } from './schema.ts';

export interface RecordProblem {
  /** 0-based index of the record in the file. */
  index: number;
  /** 1-based line for JSON Lines files. */
  line?: number;
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; records: T[] } | { ok: false; problems: RecordProblem[] };

/** Splits text into raw records: a JSON array, or one JSON object per non-blank line. */
export function parseRecords(text: string): { records: { value: unknown; line?: number }[]; problems: RecordProblem[] } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { records: [], problems: [] };
  if (trimmed.startsWith('[')) {
    try {
      const arr = JSON.parse(trimmed) as unknown;
      if (!Array.isArray(arr)) return { records: [], problems: [{ index: 0, field: '(file)', message: 'is not a JSON array' }] };
      return { records: arr.map((value) => ({ value })), problems: [] };
    } catch (e) {
      return { records: [], problems: [{ index: 0, field: '(file)', message: `is not valid JSON: ${(e as Error).message}` }] };
    }
  }
  const records: { value: unknown; line?: number }[] = [];
  const problems: RecordProblem[] = [];
  const lines = trimmed.split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      records.push({ value: JSON.parse(raw) as unknown, line: i + 1 });
    } catch (e) {
      problems.push({ index: records.length, line: i + 1, field: '(record)', message: `is not valid JSON: ${(e as Error).message}` });
      records.push({ value: undefined, line: i + 1 });
    }
  });
  return { records, problems };
}

/** Validates every record; any problem means nothing is returned, so an import is all or nothing. */
export function parseDealFile(text: string): ParseResult<Deal> {
  const { records, problems } = parseRecords(text);
  const deals: Deal[] = [];
  const seen = new Map<string, number>();
  records.forEach((r, index) => {
    if (r.value === undefined) return;
    const v = validateDeal(r.value);
    if (!v.ok) {
      for (const p of v.problems) problems.push({ index, ...(r.line ? { line: r.line } : {}), ...p });
      return;
    }
    const first = seen.get(v.value.slug);
    if (first !== undefined) {
      problems.push({
        index,
        ...(r.line ? { line: r.line } : {}),
        field: 'slug',
        message: `"${v.value.slug}" is used by record ${first} too`,
      });
      return;
    }
    seen.set(v.value.slug, index);
    deals.push(v.value);
  });
  problems.sort((a, b) => a.index - b.index);
  return problems.length ? { ok: false, problems } : { ok: true, records: deals };
}

export function parseOrganisationFile(text: string): ParseResult<Organisation> {
  const { records, problems } = parseRecords(text);
  const orgs: Organisation[] = [];
  records.forEach((r, index) => {
    if (r.value === undefined) return;
    const v = validateOrganisation(r.value);
    if (!v.ok) for (const p of v.problems) problems.push({ index, ...p });
    else orgs.push(v.value);
  });
  return problems.length ? { ok: false, problems } : { ok: true, records: orgs };
}

export function formatProblem(p: RecordProblem): string {
  const where = p.line ? `record ${p.index} (line ${p.line})` : `record ${p.index}`;
  return `${where}: ${p.field} ${p.message}`;
}

/** The export format: JSON Lines, one canonical deal per line, so export -> import -> export is byte-identical. */
export function serialiseDeals(deals: Deal[]): string {
  return deals.map((d) => JSON.stringify(d)).join('\n') + (deals.length ? '\n' : '');
}
