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
