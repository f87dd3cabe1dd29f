// The announced date and the deal value: taken only when the text states them, next to wording that makes them the
// deal's (a date beside "announced", a sum beside "acquire for"); never guessed from the publication date or from a
// revenue figure. When nothing qualifies, the field stays empty and the reason says what the text did contain.
import { PARTIAL_DATE_RE } from '../deals/schema.ts';
import type { Sentence } from './text.ts';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

interface DateMatch {
  value: string;
  text: string;
  at: number;
  end: number;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(d: string): string | undefined {
  if (!PARTIAL_DATE_RE.test(d)) return undefined;
  const m = PARTIAL_DATE_RE.exec(d);
  if (m?.[3] && new Date(`${d}T00:00:00Z`).getUTCDate() !== Number(m[3])) return undefined;
  return d;
}

/** Every explicit date in a sentence, at the precision it is written: a day, a month, or (with a cue) a year. */
export function findDates(s: string): DateMatch[] {
  const out: DateMatch[] = [];
  const taken = (at: number, end: number) => out.some((o) => at < o.end && end > o.at);
  const add = (value: string | undefined, m: RegExpMatchArray) => {
    if (!value || m.index === undefined || taken(m.index, m.index + m[0].length)) return;
    out.push({ value, text: m[0], at: m.index, end: m.index + m[0].length });
  };
  for (const m of s.matchAll(/\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b/g)) add(valid(`${m[1]}-${m[2]}-${m[3]}`), m);
  for (const m of s.matchAll(new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b`, 'gi'))) {
    const mon = MONTHS[m[1]!.toLowerCase().replace('.', '')];
    if (mon) add(valid(`${m[3]}-${pad(mon)}-${pad(Number(m[2]))}`), m);
  }
  for (const m of s.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+((?:19|20)\\d\\d)\\b`, 'gi'))) {
    const mon = MONTHS[m[2]!.toLowerCase().replace('.', '')];
    if (mon) add(valid(`${m[3]}-${pad(mon)}-${pad(Number(m[1]))}`), m);
  }
  for (const m of s.matchAll(new RegExp(`\\b${MONTH},?\\s+((?:19|20)\\d\\d)\\b`, 'gi'))) {
    const mon = MONTHS[m[1]!.toLowerCase().replace('.', '')];
    if (mon) add(valid(`${m[2]}-${pad(mon)}`), m);
  }
  // A bare year only after "in"/"during"/"of": "in 2019", never a number in a name or a sum.
  for (const m of s.matchAll(/\b(?:in|during|early|late|mid-?)\s+((?:19|20)\d\d)\b(?!\s*(?:billion|million|%|percent))/gi)) {
    add(valid(m[1]!), m);
  }
  return out.sort((a, b) => a.at - b.at);
}

const ANNOUNCE_CUE = /\b(?:announc\w*|sign(?:s|ed)|inked|agreed|unveil\w*|revealed|confirm\w*|disclosed|said|reported|struck|entered into|launched|formed|filed|unveiled)\b/i;
const OTHER_EVENT_CUE =
  /\b(?:founded|established|since|expected|expects|close[sd]?|closing|complet\w*|until|through|by the end|deadline|launch(?:es)? in|born|IPO|went public|listed|ends?|expires?|last year's|previous|earlier deal)\b/i;

export interface DateFinding {
  value?: string;
  evidence: string;
  /** Dates the text gives for other events, or relative words like "recently": why nothing was taken. */
  rejected: string[];
}

export function findAnnouncedDate(sentences: readonly Sentence[]): DateFinding {
  let best: { value: string; score: number; text: string } | undefined;
  const rejected: string[] = [];
  for (const s of sentences) {
    for (const d of findDates(s.text)) {
      const before = s.text.slice(Math.max(0, d.at - 70), d.at);
      const after = s.text.slice(d.end, d.end + 50);
      const near = before.slice(-40) + ' ' + after.slice(0, 30);
      let score = 0;
      // A dateline: "SEOUL, 5 March 2021 —" or "March 5, 2021 -" opening the first paragraph.
      if (s.paragraph === 0 && d.at < 40 && /^\s*[-—–:|]/.test(after)) score += 3;
      if (ANNOUNCE_CUE.test(before) || ANNOUNCE_CUE.test(after.slice(0, 30))) score += 2;
      if (/\bon\s+(?:\w+day,?\s+)?$/i.test(before)) score += 1;
      if (OTHER_EVENT_CUE.test(near)) score -= 3;
      if (score >= 2 && (!best || score > best.score)) best = { value: d.value, score, text: d.text };
      else if (score < 2) rejected.push(`"${d.text}"`);
    }
  }
  if (best) return { value: best.value, evidence: `"${best.text}"`, rejected };
  for (const s of sentences) {
    const rel = /\b(?:recently|today|yesterday|this week|last week|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b/i.exec(s.text);
    if (rel) {
      rejected.push(`"${rel[0]}"`);
      break;
    }
  }
  return { evidence: '', rejected: [...new Set(rejected)].slice(0, 4) };
}

// ---------------------------------------------------------------- value

const SCALE: Record<string, number> = {
  trillion: 1e12, tn: 1e12, billion: 1e9, bn: 1e9, b: 1e9, million: 1e6, mn: 1e6, mln: 1e6, m: 1e6, thousand: 1e3, k: 1e3,
  crore: 1e7, lakh: 1e5,
};
const SYMBOLS: Record<string, string> = {
  '$': 'USD', 'us$': 'USD', usd: 'USD', '€': 'EUR', eur: 'EUR', '£': 'GBP', gbp: 'GBP', '¥': 'JPY', jpy: 'JPY', '₹': 'INR',
  rs: 'INR', 'rs.': 'INR', inr: 'INR', '₩': 'KRW', krw: 'KRW', cny: 'CNY', rmb: 'CNY', 'c$': 'CAD', 'a$': 'AUD', chf: 'CHF',
};
const WORD_CURRENCIES: Record<string, string> = {
  dollars: 'USD', 'us dollars': 'USD', euros: 'EUR', euro: 'EUR', pounds: 'GBP', yen: 'JPY', yuan: 'CNY', rupees: 'INR', won: 'KRW',
};

export interface MoneyMatch {
  amount: number;
  currency: string;
  text: string;
  at: number;
  end: number;
}

export function findMoney(s: string): MoneyMatch[] {
  const out: MoneyMatch[] = [];
  // Whole numbers only: never the first digits of a longer one.
  const num = '(\\d{1,3}(?:,\\d{3})+(?![\\d,])|\\d+(?:\\.\\d+)?(?![\\d.]))';
  const scale = '(trillion|billion|million|thousand|crore|lakh|tn|bn|mn|mln|[bmk])\\b';
  const sym = '(US\\$|C\\$|A\\$|\\$|€|£|¥|₹|₩|Rs\\.?|USD|EUR|GBP|JPY|INR|KRW|CNY|RMB|CHF)';
  const push = (raw: string, scaleWord: string | undefined, cur: string | undefined, m: RegExpMatchArray) => {
    if (!cur || m.index === undefined) return;
    const n = Number(raw.replace(/,/g, ''));
    const mult = scaleWord ? (SCALE[scaleWord.toLowerCase()] ?? 1) : 1;
    if (!Number.isFinite(n) || n <= 0 || n * mult > 1e15) return;
    const at = m.index;
    if (out.some((o) => at < o.end && at + m[0].length > o.at)) return;
    out.push({ amount: Math.round(n * mult), currency: cur, text: m[0].trim(), at, end: at + m[0].length });
  };
  for (const m of s.matchAll(new RegExp(`${sym}\\s?${num}(?:\\s?${scale})?`, 'gi'))) {
    push(m[2]!, m[3], SYMBOLS[m[1]!.toLowerCase()], m);
  }
  for (const m of s.matchAll(new RegExp(`(?<![\\d.])${num}\\s?(?:${scale})?\\s*(US dollars|dollars|euros?|pounds|yen|yuan|rupees|won|USD|EUR|GBP)\\b`, 'gi'))) {
    const cur = WORD_CURRENCIES[m[3]!.toLowerCase()] ?? SYMBOLS[m[3]!.toLowerCase()];
    push(m[1]!, m[2], cur, m);
  }
  return out;
}

const DEAL_MONEY_CUE =
  /\b(?:deal|sale|sell\w*|sold|takeover|buyout|merger|acqui\w+|buy\w*|bought|purchas\w*|for|valued|valuing the deal|worth|invest\w*|round|rais\w*|funding|price|pay\w*|paid|stake|consideration|transaction|offer\w*|bid|financing|secured|injection|commit\w*)\b/i;
const NOT_DEAL_MONEY_BEFORE =
  /\b(?:revenue|revenues|sales|turnover|profit|profits|loss|losses|income|earnings|market (?:cap\w*\b|value)|valuation (?:of )?|valuing (?:\w+ ){0,3}at|valued (?:\w+ ){0,2}at a|salary|fine[ds]?|penalty|spent|spends|budget|debt of|cash of|annual|a year|previous\w*\b|earlier|last year)\W*(?:\w+\W+){0,3}$/i;
const NOT_DEAL_MONEY_AFTER = /^\s*(?:in (?:annual |yearly |quarterly )?(?:revenue|sales|profit|earnings)|(?:a|per) (?:year|quarter|month)|annually|valuation|market cap|(?:termination|break-?up|reverse termination) fee|fee)/i;

export interface ValueFinding {
  value?: { amount: number; currency: string; note?: string };
  evidence: string;
  rejected: string[];
  undisclosed: boolean;
}

export function findDealValue(sentences: readonly Sentence[]): ValueFinding {
  const rejected: string[] = [];
  let undisclosed = false;
  let best: { m: MoneyMatch; score: number; note?: string } | undefined;
  for (const s of sentences) {
    const text = s.text.replace(/“[^“”]*”/g, (q) => ' '.repeat(q.length));
    if (/\b(?:undisclosed|not disclosed|did not disclose|didn['’]t disclose|declined to disclose|were not revealed|unclear if any financials)\b/i.test(text)) {
      undisclosed = true;
    }
    for (const m of findMoney(text)) {
      const before = text.slice(Math.max(0, m.at - 60), m.at);
      const after = text.slice(m.end, m.end + 40);
      if (NOT_DEAL_MONEY_BEFORE.test(before) || NOT_DEAL_MONEY_AFTER.test(after) || !DEAL_MONEY_CUE.test(text)) {
        rejected.push(`"${m.text}"`);
        continue;
      }
      const score = (s.paragraph < 0 ? 3 : s.index <= 3 ? 2 : 1) + (/\b(?:for|valued at|worth|deal)\s+(?:about |around |roughly |some |nearly |almost |approximately )?$/i.test(before) ? 2 : 0);
      if (!best || score > best.score) {
        const approx = /\b(?:about|around|roughly|some|nearly|almost|approximately|more than|over|up to)\s+$/i.exec(before)?.[0]?.trim().toLowerCase();
        const incl = /^\s*(?:,\s*)?including (?:debt|net debt)/i.test(after) ? 'including debt' : undefined;
        const note = [approx === 'up to' ? 'up to' : approx ? `approximately (the text says "${approx}")` : undefined, incl]
          .filter(Boolean)
          .join(', ');
        best = { m, score, ...(note ? { note } : {}) };
      }
    }
  }
  if (!best) return { evidence: '', rejected: [...new Set(rejected)].slice(0, 4), undisclosed };
  return {
    value: { amount: best.m.amount, currency: best.m.currency, ...(best.note ? { note: best.note } : {}) },
    evidence: `"${best.m.text}"`,
    rejected: [...new Set(rejected)].slice(0, 4),
    undisclosed,
  };
}
