// Parsing an import file (a JSON array or JSON Lines) into validated deals, collecting problems with the record's
// number, line and field (1-based, as an editor counts) so an admin can fix them in one go — at most
// MAX_LISTED_PROBLEMS of them, then a count, so a huge bad file cannot take the memory of the process.
import { validateDeal, validateOrganisation, type Deal, type Organisation } from './schema.ts';

export interface RecordProblem {
  /** 1-based number of the record in the file (its position among the records, blank lines not counted). */
  record: number;
  /** 1-based line for JSON Lines files. */
  line?: number;
  field: string;
  message: string;
}

/** At most this many problems are kept and listed; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 100;

export type ParseResult<T> =
  | { ok: true; records: T[] }
  | {
      ok: false;
      /** The first MAX_LISTED_PROBLEMS problems, in file order. */
      problems: RecordProblem[];
      /** Every problem found, listed or not. */
      total: number;
      /** Records with at least one problem. */
      invalidRecords: number;
    };

/** Collects problems: keeps the first `max`, counts them all. Memory stays bounded whatever the file holds. */
class Problems {
  readonly listed: RecordProblem[] = [];
  total = 0;
  invalidRecords = 0;
  private lastRecord = 0;
  constructor(private readonly max = MAX_LISTED_PROBLEMS) {}
  add(p: RecordProblem): void {
    this.total++;
    if (p.record !== this.lastRecord) {
      this.invalidRecords++;
      this.lastRecord = p.record;
    }
    if (this.listed.length < this.max) this.listed.push(p);
  }
}

/**
 * Calls `each` with every raw record, one at a time: the elements of a JSON array, or one JSON object per non-blank
 * line. A line that is not JSON is reported to `problems` and skipped.
 */
function forEachRecord(text: string, problems: Problems, each: (value: unknown, record: number, line?: number) => void): void {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  if (trimmed === '') return;
  if (trimmed.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(trimmed) as unknown;
    } catch (e) {
      problems.add({ record: 1, field: '(file)', message: `is not valid JSON: ${(e as Error).message}` });
      return;
    }
    if (!Array.isArray(arr)) return problems.add({ record: 1, field: '(file)', message: 'is not a JSON array' });
    arr.forEach((value, i) => each(value, i + 1));
    return;
  }
  let record = 0;
  let line = 0;
  for (let start = 0; start < body.length; ) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    line++;
    const raw = body.slice(start, end);
    start = end + 1;
    if (raw.trim() === '') continue;
    record++;
    let value: unknown;
    try {
      value = JSON.parse(raw) as unknown;
    } catch (e) {
      problems.add({ record, line, field: '(record)', message: `is not valid JSON: ${(e as Error).message}` });
      continue;
    }
    each(value, record, line);
  }
}

function failed<T>(problems: Problems): ParseResult<T> {
  return { ok: false, problems: problems.listed, total: problems.total, invalidRecords: problems.invalidRecords };
}

/**
 * Validates every record; any problem means nothing is returned, so an import is all or nothing. Records are read
 * and checked one at a time; once one is invalid no deal is kept, and only the first MAX_LISTED_PROBLEMS problems
 * are, so a file of 300,000 bad records costs no more memory than a good one.
 */
export function parseDealFile(text: string): ParseResult<Deal> {
  const problems = new Problems();
  let deals: Deal[] | undefined = [];
  const seen = new Map<string, number>();
  forEachRecord(text, problems, (value, record, line) => {
    const at = { record, ...(line ? { line } : {}) };
    const v = validateDeal(value);
    if (!v.ok) {
      for (const p of v.problems) problems.add({ ...at, ...p });
      deals = undefined;
      return;
    }
    const first = seen.get(v.value.slug);
    if (first !== undefined) {
      problems.add({ ...at, field: 'slug', message: `"${v.value.slug}" is used by record ${first} too` });
      deals = undefined;
      return;
    }
    seen.set(v.value.slug, record);
    deals?.push(v.value);
  });
  return problems.total || !deals ? failed(problems) : { ok: true, records: deals };
}

export function parseOrganisationFile(text: string): ParseResult<Organisation> {
  const problems = new Problems();
  const orgs: Organisation[] = [];
  forEachRecord(text, problems, (value, record, line) => {
    const v = validateOrganisation(value);
    if (!v.ok) for (const p of v.problems) problems.add({ record, ...(line ? { line } : {}), ...p });
    else if (problems.total === 0) orgs.push(v.value);
  });
  return problems.total ? failed(problems) : { ok: true, records: orgs };
}

/** "record 2 (line 3): type must be one of: acquisition, merger, …" — numbers 1-based, as an editor shows them. */
export function formatProblem(p: RecordProblem): string {
  const where = p.line ? `record ${p.record} (line ${p.line})` : `record ${p.record}`;
  return `${where}: ${p.field} ${p.message}`;
}

/** What the CLI prints for a refused file: the listed problems, then how many more there are. */
export function formatProblems(file: string, r: Extract<ParseResult<unknown>, { ok: false }>): string {
  const head = `${file}: ${r.total} problem(s) in ${r.invalidRecords} record(s); nothing was imported:`;
  const lines = r.problems.map((p) => '  ' + formatProblem(p));
  const more = r.total - r.problems.length;
  if (more > 0) lines.push(`  … and ${more} more problem(s) not listed (the first ${r.problems.length} are shown; fix them and run it again)`);
  return [head, ...lines].join('\n');
}

/** The export format: JSON Lines, one canonical deal per line, so export -> import -> export is byte-identical. */
export function serialiseDeals(deals: Deal[]): string {
  return deals.map((d) => JSON.stringify(d)).join('\n') + (deals.length ? '\n' : '');
}
