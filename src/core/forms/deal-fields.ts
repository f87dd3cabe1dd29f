// The deal form's text formats: each deal field as text a person can type in one text box (a Discord or Slack modal
// input, or one console prompt), and back. Pure functions; deal-form.ts builds the form from them, the history
// handler uses them to show before/after in the same words the form uses.
import {
  DEAL_STATUSES,
  DEAL_TYPES,
  PARTIAL_DATE_RE,
  PARTY_ROLES,
  type DealInput,
  type DealStatus,
  type DealType,
  type FieldProblem,
  type PartyRole,
} from '../../deals/schema.ts';

type PartyInput = DealInput['parties'][number];
type ValueInput = NonNullable<DealInput['value']>;
type QuoteInput = NonNullable<DealInput['quotes']>[number];
type SourceInput = DealInput['sources'][number];

// ---------------------------------------------------------------- parties: "Xiaomi (partner); Microsoft (partner)"

export function formatParties(parties: readonly PartyInput[] | undefined): string {
  return (parties ?? [])
    .map((p) => {
      const aliases = p.aliases ?? [];
      const sep = aliases.some((a) => a.includes(',')) ? ' | ' : ', ';
      return aliases.length ? `${p.name} (${p.role}; aka ${aliases.join(sep)})` : `${p.name} (${p.role})`;
    })
    .join('; ');
}

/** Splits on `;` or new lines outside parentheses, so "(partner; aka Mi)" stays with its party. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ';' || ch === '\n') && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * "Name (role; aka X)" -> [whole, "Name", "role; aka X"], as /^(.*?)\s*\(([^()]*)\)$/s would, in one pass: the
 * brackets are the last "(" and a ")" ending the entry, with no bracket between them.
 */
function nameAndBrackets(entry: string): [string, string, string] | undefined {
  if (!entry.endsWith(')')) return undefined;
  const open = entry.lastIndexOf('(');
  if (open < 0) return undefined;
  const inner = entry.slice(open + 1, -1);
  if (inner.includes(')')) return undefined;
  return [entry, entry.slice(0, open).trimEnd(), inner];
}

export function parseParties(text: string, problems: FieldProblem[]): PartyInput[] {
  const parties: PartyInput[] = [];
  splitTopLevel(text).forEach((entry, i) => {
    const m = nameAndBrackets(entry);
    if (!m || !m[1]) {
      problems.push({ field: `parties.${i}.role`, message: `party ${i + 1} "${entry}": add the role in brackets, e.g. "${entry} (partner)"` });
      return;
    }
    const name = m[1].trim();
    const [rolePart = '', ...rest] = m[2]!.split(';');
    const role = rolePart.trim().toLowerCase() as PartyRole;
    if (!PARTY_ROLES.includes(role)) {
      problems.push({ field: `parties.${i}.role`, message: `party ${i + 1} "${name}": role must be one of ${PARTY_ROLES.join(', ')}` });
      return;
    }
    const party: PartyInput = { name, role };
    const akaText = rest.join(';').trim();
    if (akaText) {
      const aka = /^aka\s(.*)$/is.exec(akaText);
      if (!aka) {
        problems.push({ field: `parties.${i}.aliases`, message: `party ${i + 1} "${name}": write other names as "(${role}; aka Name1, Name2)"` });
        return;
      }
      const list = aka[1]!.includes('|') ? aka[1]!.split('|') : aka[1]!.split(',');
      party.aliases = list.map((a) => a.trim()).filter((a) => a !== '');
    }
    parties.push(party);
  });
  return parties;
}

// ---------------------------------------------------------------- value: "68.7 billion USD (all cash)"

const SCALES: [number, string][] = [
  [12, 'trillion'],
  [9, 'billion'],
  [6, 'million'],
];
const SCALE_WORDS: Record<string, number> = {
  thousand: 3,
  k: 3,
  million: 6,
  mn: 6,
  m: 6,
  billion: 9,
  bn: 9,
  b: 9,
  trillion: 12,
  tn: 12,
  t: 12,
};
const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₩': 'KRW' };

/** The amount in words when that reads back exactly ("68.7 billion"), else all the digits. */
function formatAmount(amount: number): string {
  for (const [exp, word] of SCALES) {
    if (amount >= 10 ** exp) {
      const q = String(amount / 10 ** exp);
      if (/^\d+(\.\d+)?$/.test(q) && Number(`${q}e${exp}`) === amount) return `${q} ${word}`;
    }
  }
  return String(amount);
}

export function formatValue(v: ValueInput | undefined): string {
  if (!v) return 'not disclosed';
  const base = `${formatAmount(v.amount)} ${v.currency}`;
  return v.note ? `${base} (${v.note})` : base;
}

export const UNDISCLOSED = /^(|-|none|n\/a|not disclosed|undisclosed|unknown)$/i;

/** The longest value text read: an amount in digits, a currency, and a note of LIMITS.note characters in brackets. */
export const VALUE_TEXT_MAX = 300;

const VALUE_HELP = 'value: write it as "68.7 billion USD (all cash)" or "USD 68700000000", or "not disclosed"';

/**
 * "68.7 billion USD (all cash)", "USD 68700000000", "$1.5bn", "250,000,000 EUR"; empty or "not disclosed": none.
 * Linear in the length of the text: the note is split off first, white space is folded to single spaces, and the
 * rest is matched by a pattern whose every space is a single optional character (the old one's three `\s*` around
 * optional groups backtracked for minutes on "USD", 196 spaces, "1", 392 spaces and "!").
 */
export function parseValue(text: string): { ok: true; value: ValueInput | undefined } | { ok: false; message: string } {
  const t = text.trim();
  if (t.length > VALUE_TEXT_MAX) return { ok: false, message: `value: at most ${VALUE_TEXT_MAX} characters (it has ${t.length})` };
  if (UNDISCLOSED.test(t)) return { ok: true, value: undefined };
  // "… (note)": the note runs from the first "(" to a ")" that ends the text.
  let head = t;
  let note: string | undefined;
  const open = t.indexOf('(');
  if (open >= 0) {
    if (!t.endsWith(')')) return { ok: false, message: VALUE_HELP };
    note = t.slice(open + 1, -1);
    head = t.slice(0, open);
  }
  const m = /^(?:([a-z]{3}) ?)?([$€£¥₹₩])? ?(\d[\d,]*(?:\.\d+)?) ?(thousand|million|billion|trillion|mn|bn|tn|k|m|b|t)? ?([a-z]{3})?$/i.exec(
    head.replace(/\s+/g, ' ').trim(),
  );
  if (!m) {
    return { ok: false, message: VALUE_HELP };
  }
  const [, before, symbol, digits, scale, after] = m;
  const codes = [before, symbol ? SYMBOLS[symbol] : undefined, after].filter((c): c is string => !!c).map((c) => c.toUpperCase());
  if (codes.length === 0) return { ok: false, message: 'value: add a three-letter currency code, e.g. "250 million USD"' };
  if (new Set(codes).size > 1) return { ok: false, message: `value: two different currencies (${codes.join(', ')})` };
  const exp = scale ? SCALE_WORDS[scale.toLowerCase()]! : 0;
  // Decimal text with an exponent parses exactly, where 68.7 * 1e9 might not.
  const amount = Number(`${digits!.replace(/,/g, '')}e${exp}`);
  const value: ValueInput = { amount, currency: codes[0]! };
  if (note !== undefined && note.trim() !== '') value.note = note.trim();
  return { ok: true, value };
}

// ---------------------------------------------------------------- details: one "Label: value" per line

/** The labels the details field understands, in the order the form shows them. */
const DETAIL_LABELS = 'Type, Status, Announced, Closed, Value, Binding';

export function formatDetails(d: Partial<Pick<DealInput, 'type' | 'status' | 'announced' | 'closed' | 'value' | 'binding'>>): string {
  const lines = [
    `Type: ${d.type ?? ''}`,
    `Status: ${d.status ?? ''}`,
    `Announced: ${d.announced ?? ''}`,
    // Always shown, empty while the deal is open, so an admin editing a deal sees where the closing date goes.
    `Closed: ${d.closed ?? ''}`,
    `Value: ${formatValue(d.value)}`,
  ];
  if (d.binding !== undefined) lines.push(`Binding: ${d.binding ? 'yes' : 'no'}`);
  return lines.join('\n');
}

function enumValue<T extends string>(raw: string, allowed: readonly T[]): T | undefined {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const aliases: Record<string, string> = { memorandum_of_understanding: 'mou', jv: 'joint_venture', license: 'licensing', licence: 'licensing', rumored: 'rumoured', closed: 'completed' };
  const v = (aliases[key] ?? key) as T;
  return allowed.includes(v) ? v : undefined;
}

export interface ParsedDetails {
  type?: DealType;
  status?: DealStatus;
  announced?: string;
  closed?: string;
  value?: ValueInput;
  binding?: boolean;
}

/**
 * "Label: value" -> [whole, "Label", "value"] as /^([A-Za-z ]+?)\s*[:=]\s*(.*)$/ would, in one pass: the label is
 * what comes before the first ":" or "=", letters and spaces only, without the white space before the separator.
 */
function labelAndValue(line: string): [string, string, string] | undefined {
  const colon = line.indexOf(':');
  const equals = line.indexOf('=');
  const at = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
  if (at < 0) return undefined;
  const label = line.slice(0, at).trimEnd();
  if (!/^[A-Za-z ]+$/.test(label)) return undefined;
  return [line, label, line.slice(at + 1).trimStart()];
}

/** The longest details text read (the form's field allows 600; the console and CLI are held to the same). */
export const DETAILS_TEXT_MAX = 600;

export function parseDetails(text: string, problems: FieldProblem[]): ParsedDetails {
  const out: ParsedDetails = {};
  if (text.length > DETAILS_TEXT_MAX) {
    problems.push({ field: 'details', message: `details: at most ${DETAILS_TEXT_MAX} characters (it has ${text.length})` });
    return out;
  }
  const seen = new Set<string>();
  // " / " separates entries too: it is how one-line inputs (the console, a Slack text box pasted into) show them.
  for (const raw of text.split(/\n|\s\/\s/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = labelAndValue(line);
    if (!m) {
      problems.push({ field: 'details', message: `details: write "${line}" as "Label: value" (${DETAIL_LABELS})` });
      continue;
    }
    const label = m[1]!.toLowerCase();
    const v = m[2]!.trim();
    const key = label === 'date' ? 'announced' : CLOSED_LABELS.has(label) ? 'closed' : label;
    if (seen.has(key)) {
      problems.push({ field: `details.${key}`, message: `details: "${m[1]}" is given twice` });
      continue;
    }
    seen.add(key);
    switch (key) {
      case 'type': {
        if (!v) break;
        const t = enumValue(v, DEAL_TYPES);
        if (t) out.type = t;
        else problems.push({ field: 'details.type', message: `type: "${v}" is not one of ${DEAL_TYPES.join(', ')}` });
        break;
      }
      case 'status': {
        if (!v) break;
        const s = enumValue(v, DEAL_STATUSES);
        if (s) out.status = s;
        else problems.push({ field: 'details.status', message: `status: "${v}" is not one of ${DEAL_STATUSES.join(', ')}` });
        break;
      }
      case 'announced':
        if (v) out.announced = v;
        break;
      case 'closed':
        // Empty (or "open", "unknown", "-"): not closed, or the date is not known.
        if (v && !NO_DATE.test(v)) out.closed = v;
        break;
      case 'value': {
        const r = parseValue(v);
        if (r.ok) {
          if (r.value) out.value = r.value;
        } else problems.push({ field: 'details.value', message: r.message });
        break;
      }
      case 'binding': {
        const b = v.toLowerCase();
        if (['yes', 'true', 'binding'].includes(b)) out.binding = true;
        else if (['no', 'false', 'not binding', 'non-binding', 'nonbinding'].includes(b)) out.binding = false;
        else if (!['', 'unknown', '-'].includes(b)) problems.push({ field: 'details.binding', message: 'binding: write yes, no, or leave it empty' });
        break;
      }
      default:
        problems.push({ field: 'details', message: `details: unknown label "${m[1]}" (use ${DETAIL_LABELS})` });
    }
  }
  if (!out.type && !problems.some((p) => p.field === 'details.type')) {
    problems.push({ field: 'details.type', message: `type is required: one of ${DEAL_TYPES.join(', ')}` });
  }
  if (!out.status && !problems.some((p) => p.field === 'details.status')) {
    problems.push({ field: 'details.status', message: `status is required: one of ${DEAL_STATUSES.join(', ')}` });
  }
  if (!out.announced) problems.push({ field: 'details.announced', message: 'announced is required: a date as YYYY, YYYY-MM or YYYY-MM-DD' });
  if (out.announced && out.closed && closesBeforeAnnounced(out.announced, out.closed)) {
    problems.push({ field: 'details.closed', message: `closed: ${out.closed} is before the announcement (${out.announced})` });
  }
  return out;
}

/** Labels for the closing date: "Closed: 2023-10-13", also "Completed:", "Terminated:", "Closing date:". */
const CLOSED_LABELS = new Set(['closed', 'closing', 'closing date', 'close date', 'completed', 'completed on', 'terminated', 'terminated on']);
const NO_DATE = /^(-|none|n\/a|open|unknown|not closed|not yet)$/i;

/**
 * A closing date earlier than the announcement, compared at the precision both have ("2022" is not before
 * "2022-09-15"; "2021-12" is). Dates the schema would refuse are left to its own, clearer message.
 */
export function closesBeforeAnnounced(announced: string, closed: string): boolean {
  if (!PARTIAL_DATE_RE.test(announced) || !PARTIAL_DATE_RE.test(closed)) return false;
  const n = Math.min(announced.length, closed.length);
  return closed.slice(0, n) < announced.slice(0, n);
}

// ---------------------------------------------------------------- areas: "cloud, billing"

export function formatAreas(areas: readonly string[] | undefined): string {
  return (areas ?? []).join(', ');
}

export function parseAreas(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// ---------------------------------------------------------------- quotes: "Speaker | title | text" per line

const QUOTE_FLAGS: Record<string, boolean> = { paraphrased: true, verbatim: false };

export function formatQuotes(quotes: readonly QuoteInput[] | undefined): string {
  return (quotes ?? [])
    .map((q) => {
      const parts = [esc(q.speaker), esc(q.title ?? ''), q.text];
      if (q.paraphrased !== undefined) parts.push(q.paraphrased ? 'paraphrased' : 'verbatim');
      return parts.join(' | ');
    })
    .join('\n');
}

export function parseQuotes(text: string, problems: FieldProblem[]): QuoteInput[] {
  const out: QuoteInput[] = [];
  nonBlankLines(text).forEach((line, i) => {
    const segs = splitPipes(line);
    if (segs.length < 2) {
      problems.push({ field: `quotes.${i}`, message: `quote ${i + 1}: write it as "Speaker | title | text"` });
      return;
    }
    const q: QuoteInput = { speaker: unesc(segs[0]!), text: '' };
    let rest = segs.slice(1);
    const last = rest[rest.length - 1]!.trim().toLowerCase();
    let flag: boolean | undefined;
    if (rest.length >= 3 && last in QUOTE_FLAGS) {
      flag = QUOTE_FLAGS[last];
      rest = rest.slice(0, -1);
    }
    if (rest.length >= 2) {
      const title = unesc(rest[0]!);
      if (title) q.title = title;
      rest = rest.slice(1);
    }
    // The text keeps any "|" of its own.
    q.text = unesc(rest.join('|'));
    if (flag !== undefined) q.paraphrased = flag;
    out.push(q);
  });
  return out;
}

// ---------------------------------------------------------------- sources: "URL | publisher | title | YYYY-MM-DD" per line

const DATEISH = /^\d{4}(-\d{2}){0,2}$/;

export function formatSources(sources: readonly SourceInput[] | undefined): string {
  return (sources ?? [])
    .map((s) => {
      const parts = [s.url, esc(s.publisher ?? ''), s.title ?? '', s.published ?? ''];
      // Drop empty trailing parts, but keep the date column when a title could be mistaken for a date.
      while (parts.length > 1 && parts[parts.length - 1] === '' && !(parts.length === 4 && DATEISH.test(parts[2]!))) parts.pop();
      if (parts.length === 2 && DATEISH.test(parts[1]!)) parts.push('', '');
      if (parts.length === 3 && DATEISH.test(parts[2]!)) parts.push('');
      return parts.join(' | ');
    })
    .join('\n');
}

export function parseSources(text: string): SourceInput[] {
  return nonBlankLines(text).map((line) => {
    const segs = splitPipes(line);
    const s: SourceInput = { url: unesc(segs[0]!) };
    let published: string | undefined;
    let middle = segs.slice(1);
    if (segs.length >= 4) {
      published = middle[middle.length - 1]!.trim();
      middle = middle.slice(0, -1);
    } else if (segs.length >= 2 && DATEISH.test(middle[middle.length - 1]!.trim())) {
      published = middle[middle.length - 1]!.trim();
      middle = middle.slice(0, -1);
    }
    const publisher = middle[0] === undefined ? undefined : unesc(middle[0]);
    const title = unesc(middle.slice(1).join('|'));
    if (publisher) s.publisher = publisher;
    if (title) s.title = title;
    if (published) s.published = published;
    return s;
  });
}

/** Splits on "|" not written as "\\|": a publisher or speaker may contain one, written escaped. */
function splitPipes(line: string): string[] {
  return line.split(/(?<!\\)\|/);
}

function esc(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function unesc(s: string): string {
  return s.replace(/\\\|/g, '|').trim();
}

function nonBlankLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

// ---------------------------------------------------------------- the whole deal as form texts

/** The form's field ids. Never "mode", "slug" or "version": those are the save step's own options. */
export const FIELD_IDS = ['title', 'parties', 'details', 'summary', 'sources', 'areas', 'quotes', 'deal_slug'] as const;
export type FieldId = (typeof FIELD_IDS)[number];

/** Every field's full text for a (possibly partial) deal, before any cutting to a field's length. */
export function dealFieldTexts(d: Partial<DealInput>): Record<FieldId, string> {
  return {
    title: d.title ?? '',
    parties: formatParties(d.parties),
    details: formatDetails(d),
    summary: d.summary ?? '',
    sources: formatSources(d.sources),
    areas: formatAreas(d.areas),
    quotes: formatQuotes(d.quotes),
    deal_slug: d.slug ?? '',
  };
}
