// Audit rows as history entries: who, when, and per field what it was before and after, in the same words the deal
// form uses (so an admin reads "Value: 250 million USD -> 300 million USD", not JSON).
import type { AuditEntry } from '../../store/store.ts';
import type { DealInput } from '../../deals/schema.ts';
import { formatAreas, formatParties, formatQuotes, formatSources, formatValue } from '../forms/deal-fields.ts';
import type { HistoryEntry } from '../replies.ts';

type Change = HistoryEntry['changes'][number];

function isDealDoc(x: unknown): x is DealInput {
  return typeof x === 'object' && x !== null && 'title' in x && 'parties' in x && 'sources' in x;
}

/** A deal's fields as display text, in schema order. */
function dealTexts(d: DealInput): [string, string][] {
  return [
    ['slug', d.slug ?? ''],
    ['title', d.title],
    ['type', d.type],
    ['status', d.status],
    ['binding', d.binding === undefined ? '' : d.binding ? 'yes' : 'no'],
    ['announced', d.announced],
    ['closed', d.closed ?? ''],
    ['parties', formatParties(d.parties)],
    ['value', d.value ? formatValue(d.value) : ''],
    ['areas', formatAreas(d.areas)],
    ['summary', d.summary],
    ['quotes', formatQuotes(d.quotes)],
    ['sources', formatSources(d.sources)],
  ];
}

function plain(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(plain).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function objectTexts(o: unknown): [string, string][] {
  if (o === null || o === undefined) return [];
  if (typeof o !== 'object' || Array.isArray(o)) return [['value', plain(o)]];
  return Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, plain(v)]);
}

/** Per-field before/after of one audit row; unchanged fields are left out. */
export function auditChanges(before: unknown, after: unknown): Change[] {
  const b = isDealDoc(before) ? dealTexts(before) : objectTexts(before);
  const a = isDealDoc(after) ? dealTexts(after) : objectTexts(after);
  const bm = new Map(b);
  const am = new Map(a);
  const keys = [...new Set([...a.map(([k]) => k), ...b.map(([k]) => k)])];
  const out: Change[] = [];
  for (const k of keys) {
    const bv = bm.get(k) ?? '';
    const av = am.get(k) ?? '';
    if (bv !== av) out.push({ field: k, before: bv, after: av });
  }
  return out;
}

export function historyEntry(e: AuditEntry): HistoryEntry {
  let changes: Change[];
  if (e.action === 'deal.remove') changes = [{ field: 'state', before: 'live', after: 'removed (restorable)' }];
  else if (e.action === 'deal.restore') changes = [{ field: 'state', before: 'removed', after: 'live' }];
  else changes = auditChanges(e.before, e.after);
  return { at: e.at, actor: e.actor, platform: e.platform, action: e.action, subject: e.subject, changes };
}
