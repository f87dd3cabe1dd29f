// Human wording for deal fields, shared by every renderer so a card reads the same on each platform.
import type { DealStatus, DealType, PartyRole } from './schema.ts';

export const TYPE_LABELS: Record<DealType, string> = {
  acquisition: 'Acquisition',
  merger: 'Merger',
  investment: 'Investment',
  partnership: 'Partnership',
  mou: 'MoU',
  joint_venture: 'Joint venture',
  licensing: 'Licensing',
  divestiture: 'Divestiture',
  settlement: 'Settlement',
  other: 'Other',
};

export const STATUS_LABELS: Record<DealStatus, string> = {
  rumoured: 'Rumoured',
  announced: 'Announced',
  signed: 'Signed',
  pending: 'Pending',
  completed: 'Completed',
  terminated: 'Terminated',
  unknown: 'Unknown',
};

export const ROLE_LABELS: Record<PartyRole, string> = {
  acquirer: 'acquirer',
  target: 'target',
  seller: 'seller',
  investor: 'investor',
  investee: 'investee',
  partner: 'partner',
  licensor: 'licensor',
  licensee: 'licensee',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2018-02-23" -> "23 Feb 2018", "2018-02" -> "Feb 2018", "2018" -> "2018": never more precise than the data. */
export function formatPartialDate(d: string): string {
  const [y, m, day] = d.split('-');
  if (!m) return y ?? d;
  const month = MONTHS[Number(m) - 1] ?? m;
  return day ? `${Number(day)} ${month} ${y}` : `${month} ${y}`;
}

const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CNY: 'CN¥', INR: '₹', KRW: '₩' };

/** 68700000000 USD -> "$68.7 billion". */
export function formatMoney(amount: number, currency: string): string {
  const sym = CURRENCY_SYMBOLS[currency];
  const scale: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  let body = amount.toLocaleString('en-US');
  for (const [n, word] of scale) {
    if (amount >= n) {
      body = `${Number((amount / n).toFixed(2)).toString()} ${word}`;
      break;
    }
  }
  return sym ? `${sym}${body}` : `${body} ${currency}`;
}

export function formatValue(v: { amount: number; currency: string; note?: string | undefined } | undefined): string {
  if (!v) return 'Not disclosed';
  const money = formatMoney(v.amount, v.currency);
  return v.note ? `${money} (${v.note})` : money;
}

export function formatBinding(b: boolean | undefined): string | undefined {
  if (b === undefined) return undefined;
  return b ? 'binding' : 'not binding';
}

/** What a deal's closing date is called on a card: it completed, it was terminated, or (other statuses) it closed. */
export function closedLabel(status: DealStatus): string {
  return status === 'completed' ? 'Completed' : status === 'terminated' ? 'Terminated' : 'Closed';
}

/** "completed 13 Oct 2023", "terminated Feb 2022", "closed 2019": the closing date in a line of a list. */
export function closedPhrase(status: DealStatus, closed: string): string {
  return `${closedLabel(status).toLowerCase()} ${formatPartialDate(closed)}`;
}

/** One count of a breakdown: "Acquisition: 3 (2 completed, 1 terminated)". */
export function breakdownLine(b: { type: DealType; count: number; byStatus: Partial<Record<DealStatus, number>> }): string {
  const parts = Object.entries(b.byStatus)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .sort((x, y) => (y[1] as number) - (x[1] as number))
    .map(([s, n]) => `${n} ${STATUS_LABELS[s as DealStatus].toLowerCase()}`);
  return `${TYPE_LABELS[b.type]}: ${b.count}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
