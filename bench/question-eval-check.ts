// Does an answer sentence state the asked fact? Lenient about form, strict about the fact:
// - a value is the stored amount in any common form ("$68.7 billion", "68.7bn USD", "US$68,700,000,000",
//   "Rs 43,574 crore", "€15.6bn"), with its currency next to it, within 1% (so rounding to three significant
//   figures passes and "$6.87 billion" for 68.7 billion does not); an undisclosed value must be said to be
//   undisclosed, and the answer may then name no amount the deal's own text does not contain;
// - a date is the stored one at its stored precision ("18 Jan 2022", "January 18, 2022", "2022-01-18"; "March 2015"
//   for 2015-03); an unrecorded closing date must be said to be unrecorded, with no date other than the announcement;
// - a status or binding answer uses words of that status and none of the opposite;
// - a party answer names the party (its name or one of its aliases);
// - a count answer states the number, in digits or words.
// Pure functions, unit-tested in tests/unit/bench/question-eval-check.test.ts.

export interface Money {
  amount: number;
  /** ISO code, 'JPY|CNY' for a bare ¥, 'OTHER' for a dollar that is not the US dollar, undefined when not stated. */
  currency: string | undefined;
  text: string;
}

const MULT: Record<string, number> = {
  thousand: 1e3, k: 1e3, lakh: 1e5, lakhs: 1e5, million: 1e6, millions: 1e6, mn: 1e6, mln: 1e6, m: 1e6, crore: 1e7, crores: 1e7, cr: 1e7,
  billion: 1e9, billions: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12, trn: 1e12,
};

const PREFIX: [RegExp, string][] = [
  [/^(us\$|u\.s\.\s?\$|usd)$/i, 'USD'],
  [/^\$$/, 'USD'],
  [/^[a-z]{1,3}\$$/i, 'OTHER'],
  [/^(€|eur)$/i, 'EUR'],
  [/^(£|gbp)$/i, 'GBP'],
  [/^(jp¥|jpy)$/i, 'JPY'],
  [/^(cn¥|rmb|cny)$/i, 'CNY'],
  [/^¥$/, 'JPY|CNY'],
  [/^(₹|rs\.?|inr)$/i, 'INR'],
  [/^(₩|krw)$/i, 'KRW'],
];
const SUFFIX: [RegExp, string][] = [
  [/^(us dollars?|dollars?|usd)$/i, 'USD'],
  [/^(euros?|eur)$/i, 'EUR'],
  [/^(pounds?( sterling)?|sterling|gbp)$/i, 'GBP'],
  [/^(yen|jpy)$/i, 'JPY'],
  [/^(rupees?|inr)$/i, 'INR'],
  [/^(yuan|renminbi|rmb|cny)$/i, 'CNY'],
  [/^(won|krw)$/i, 'KRW'],
];

const MONEY_RE = new RegExp(
  String.raw`(?<pre>[A-Za-z]{1,3}\$|U\.S\.\s?\$|\$|€|£|JP¥|CN¥|¥|₹|₩|\b(?:USD|EUR|GBP|JPY|INR|CNY|RMB|KRW|Rs\.?)(?![A-Za-z]))?\s?` +
    String.raw`(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)` +
    // "970m", "$68.7B" (a letter touching the number), or a word: "68.7 billion", "68.7bn", "Rs 43,574 crore".
    String.raw`(?:(?<letter>[kmbKMB])(?![A-Za-z])|\s?(?<word>thousand|lakhs?|millions?|mln|mn|crores?|cr|billions?|bn|trillion|trn|tn)(?![A-Za-z]))?` +
    String.raw`(?:\s(?<post>US dollars?|dollars?|euros?|pounds(?: sterling)?|pound|sterling|yen|rupees?|yuan|renminbi|won|USD|EUR|GBP|JPY|INR|CNY|RMB|KRW)(?![A-Za-z]))?`,
  'g',
);

/** Every amount of money an answer states. A bare number counts only with a currency or a multiplier word. */
export function findMoney(text: string): Money[] {
  const out: Money[] = [];
  for (const m of text.matchAll(MONEY_RE)) {
    const g = m.groups ?? {};
    const { pre, post } = g;
    const mult = g.letter ?? g.word;
    if (!pre && !post && !mult) continue;
    let currency: string | undefined;
    if (pre) currency = PREFIX.find(([re]) => re.test(pre.trim()))?.[1];
    if (!currency && post) currency = SUFFIX.find(([re]) => re.test(post.trim()))?.[1];
    const amount = Number(g.num!.replace(/,/g, '')) * (mult ? MULT[mult.toLowerCase()]! : 1);
    out.push({ amount, currency, text: m[0].trim() });
  }
  return out;
}

export const VALUE_TOLERANCE = 0.01;

function sameCurrency(stated: string | undefined, stored: string): boolean {
  if (!stated) return false;
  return stated.split('|').includes(stored.toUpperCase());
}

/** Two stated currencies that may be the same one (either unstated, or a bare ¥ against yen or yuan). */
function compatibleCurrencies(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  const bs = b.split('|');
  return a.split('|').some((x) => bs.includes(x));
}

function sameAmount(a: number, b: number): boolean {
  return b === 0 ? a === 0 : Math.abs(a - b) / Math.abs(b) <= VALUE_TOLERANCE;
}

/** The answer states this amount in this currency. */
export function statesValue(answer: string, amount: number, currency: string): boolean {
  return findMoney(answer).some((m) => sameCurrency(m.currency, currency) && sameAmount(m.amount, amount));
}

const UNDISCLOSED_RE =
  /\bundisclosed\b|\b(?:not|never|wasn'?t|weren'?t|isn'?t|aren'?t|hasn'?t|haven'?t)\s+(?:been\s+|officially\s+|publicly\s+)*(?:disclosed|announced|revealed|made public|published|recorded|released|stated|given)\b|\bno\s+(?:disclosed\s+|public\s+|recorded\s+|stated\s+)?(?:value|price|amount|figure|financial terms|terms|sum)\b|\b(?:terms|value|price|amount)\s+(?:is|are|was|were)\s+(?:not known|unknown|confidential|private)\b|\bconfidential\b/i;

export function saysUndisclosed(answer: string): boolean {
  return UNDISCLOSED_RE.test(answer);
}

/**
 * For a deal with no stored value: says so, and names no amount except ones the deal's own stored text (summary,
 * value note) contains ("reported at around $10 billion" is stored; anything else is invented).
 */
export function statesUndisclosed(answer: string, storedText: string): boolean {
  if (!saysUndisclosed(answer)) return false;
  const known = findMoney(storedText);
  return findMoney(answer).every((m) => known.some((k) => sameAmount(m.amount, k.amount) && compatibleCurrencies(m.currency, k.currency)));
}

// ---- dates ----

export interface DateMention {
  y: number;
  m?: number;
  d?: number;
  text: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(january|february|march|april|may|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?`;
const monthNo = (s: string) => MONTHS.indexOf(s.toLowerCase().slice(0, 3)) + 1;
const YEAR = String.raw`((?:19|20)\d{2})`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;

const DATE_PATTERNS: { re: RegExp; get: (m: RegExpExecArray) => Omit<DateMention, 'text'> }[] = [
  { re: new RegExp(String.raw`\b${YEAR}[-/](\d{1,2})[-/](\d{1,2})\b`, 'gi'), get: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! }) },
  { re: new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MONTH},?\s+${YEAR}\b`, 'gi'), get: (m) => ({ y: +m[3]!, m: monthNo(m[2]!), d: +m[1]! }) },
  { re: new RegExp(String.raw`\b${MONTH}\s+${DAY},?\s+${YEAR}\b`, 'gi'), get: (m) => ({ y: +m[3]!, m: monthNo(m[1]!), d: +m[2]! }) },
  { re: new RegExp(String.raw`\b${YEAR}-(\d{2})\b(?!-\d)`, 'gi'), get: (m) => ({ y: +m[1]!, m: +m[2]! }) },
  { re: new RegExp(String.raw`\b${MONTH},?\s+(?:of\s+)?${YEAR}\b`, 'gi'), get: (m) => ({ y: +m[2]!, m: monthNo(m[1]!) }) },
  { re: new RegExp(String.raw`(?<![\d$€£¥₹.,])\b${YEAR}\b(?![.,]?\d)`, 'g'), get: (m) => ({ y: +m[1]! }) },
];

/** Every date an answer states, most precise reading first; a span read once is not read again. */
export function findDates(text: string): DateMention[] {
  let rest = text;
  const out: DateMention[] = [];
  for (const p of DATE_PATTERNS) {
    p.re.lastIndex = 0;
    rest = rest.replace(p.re, (...args) => {
      const match = args[0] as string;
      const groups = args.slice(0, -2) as string[];
      const m = Object.assign(groups, { index: 0, input: '' }) as unknown as RegExpExecArray;
      const got = p.get(m);
      if ((got.m === undefined || (got.m >= 1 && got.m <= 12)) && (got.d === undefined || (got.d >= 1 && got.d <= 31))) out.push({ ...got, text: match });
      return ' '.repeat(match.length);
    });
  }
  return out;
}

export function parseStoredDate(s: string): Omit<DateMention, 'text'> {
  const [y, m, d] = s.split('-').map(Number);
  return { y: y!, ...(m ? { m } : {}), ...(d ? { d } : {}) };
}

const precision = (x: { m?: number | undefined; d?: number | undefined }) => (x.d !== undefined ? 3 : x.m !== undefined ? 2 : 1);

/** Agrees with the stored date in every part it states, and states no part the stored date lacks. */
function consistent(mention: DateMention, stored: Omit<DateMention, 'text'>): boolean {
  if (mention.y !== stored.y) return false;
  if (precision(mention) > precision(stored)) return false;
  if (mention.m !== undefined && mention.m !== stored.m) return false;
  if (mention.d !== undefined && mention.d !== stored.d) return false;
  return true;
}

/** The answer states this stored date (YYYY, YYYY-MM or YYYY-MM-DD) at its stored precision. */
export function statesDate(answer: string, stored: string): boolean {
  const s = parseStoredDate(stored);
  return findDates(answer).some((m) => consistent(m, s) && precision(m) === precision(s));
}

/** The answer states the year of this stored date (a fuller date is fine when it agrees). */
export function statesYear(answer: string, stored: string): boolean {
  const s = parseStoredDate(stored);
  return findDates(answer).some((m) => consistent(m, s));
}

const NOT_RECORDED_RE =
  /\b(?:not|isn'?t|wasn'?t|hasn'?t|haven'?t)\s+(?:been\s+|yet\s+)*(?:recorded|known|stored|listed|available|on record|given|disclosed|in (?:the|our) (?:data|records?))\b|\bunknown\b|\bno\s+(?:recorded\s+|known\s+)?(?:closing|completion|close|end|termination|completed)\s+date\b|\bno date\b|\bdoes(?:n'?t| not) (?:record|have|say|show|know)\b|\bnot on record\b/i;
const NOT_YET_CLOSED_RE = /\bnot\s+(?:yet\s+)?(?:closed|completed|complete)\b|\bhas(?:n'?t| not)\s+(?:yet\s+)?(?:closed|completed)\b|\byet to (?:close|complete)\b|\bstill (?:pending|open|under way)\b/i;

/**
 * For a deal with no stored closing date: says it is not recorded (or, for a deal that has not completed or ended,
 * that it has not closed), and states no date except the announcement's.
 */
export function statesNoClosing(answer: string, status: string, announced: string): boolean {
  const open = !['completed', 'terminated'].includes(status);
  if (!(NOT_RECORDED_RE.test(answer) || (open && NOT_YET_CLOSED_RE.test(answer)))) return false;
  const a = parseStoredDate(announced);
  return findDates(answer).every((m) => consistent(m, a));
}

// ---- status and binding ----

const COMPLETED_RE = /\b(?:complet(?:ed|es|ion)|closed|close[sd]? on|went through|gone through|finali[sz]ed|consummated|concluded)\b/i;
const NEGATED_COMPLETION_RE =
  /\b(?:not|never|didn'?t|did not|wasn'?t|was not|hasn'?t|has not|haven'?t|isn'?t|is not)\s+(?:been\s+|yet\s+|actually\s+|ever\s+)*(?:complete[ds]?|close[ds]?|go(?:ne)? through|went through|happen(?:ed)?|finali[sz]ed)\b/i;
const TERMINATED_RE =
  /\b(?:terminat(?:ed|ion)|called off|call(?:ed)? it off|abandon(?:ed)?|scrapped|cancell?ed|collapsed|withdr(?:ew|awn)|walked away|fell (?:through|apart)|lapsed?|let (?:it|the agreement|the deal) lapse|dropped|blocked|prohibited|gave up|given up)\b/i;
const FIRM_TERMINATION_RE =
  /\b(?:terminat(?:ed|ion)|called off|call(?:ed)? it off|abandon(?:ed)?|scrapped|cancell?ed|collapsed|withdr(?:ew|awn)|fell (?:through|apart)|lapsed)\b/i;
const AFFIRMED_COMPLETION_RE = /\b(?:was|were|is|has been|have been|got)\s+(?:completed|closed|finali[sz]ed)\b|(?<!(?:never|not|n't)\s)\bwent through\b/i;
const SIGNED_RE = /\bsigned\b|\bagreed\b|\bin (?:force|effect|place)\b|\bstruck\b/i;
const ANNOUNCED_RE = /\bannounced\b|\bplanned\b|\bproposed\b|\bpending\b|\bunder way\b|\bin progress\b|\bnot (?:yet )?(?:completed|closed)\b/i;
const PENDING_RE = /\bpending\b|\bawaiting\b|\bnot yet (?:completed|closed)\b|\bunder review\b|\byet to (?:close|complete)\b/i;
const RUMOURED_RE = /\brumou?red\b|\breported(?:ly)?\b|\bunconfirmed\b|\btalks\b/i;

/** The answer says the deal has this status, and does not say the opposite. */
export function statesStatus(answer: string, status: string): boolean {
  switch (status) {
    case 'completed':
      return COMPLETED_RE.test(answer) && !NEGATED_COMPLETION_RE.test(answer) && !FIRM_TERMINATION_RE.test(answer);
    case 'terminated':
      return (TERMINATED_RE.test(answer) || NEGATED_COMPLETION_RE.test(answer)) && !AFFIRMED_COMPLETION_RE.test(answer);
    case 'signed':
      return SIGNED_RE.test(answer) && !FIRM_TERMINATION_RE.test(answer) && !AFFIRMED_COMPLETION_RE.test(answer);
    case 'announced':
      return ANNOUNCED_RE.test(answer) && !FIRM_TERMINATION_RE.test(answer) && !AFFIRMED_COMPLETION_RE.test(answer);
    case 'pending':
      return PENDING_RE.test(answer) && !FIRM_TERMINATION_RE.test(answer) && !AFFIRMED_COMPLETION_RE.test(answer);
    case 'rumoured':
      return RUMOURED_RE.test(answer);
    default:
      return NOT_RECORDED_RE.test(answer);
  }
}

const NOT_BINDING_RE = /\bnon-?\s?binding\b|\bnot\s+(?:legally\s+)?binding\b|\bisn'?t\s+(?:legally\s+)?binding\b|\bno\s+binding\b|\bnot\s+(?:legally\s+)?bind/i;

export function statesBinding(answer: string, binding: boolean | undefined): boolean {
  if (binding === false) return NOT_BINDING_RE.test(answer);
  if (binding === true) return /\bbinding\b/i.test(answer) && !NOT_BINDING_RE.test(answer);
  return NOT_RECORDED_RE.test(answer);
}

// ---- parties and numbers ----

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The answer names one of these (names and aliases of the asked party), as a whole word. */
export function namesParty(answer: string, names: string[]): boolean {
  return names.some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(n)}(?![\\p{L}\\p{N}])`, 'iu').test(answer));
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** The answer states this whole number, in digits ("12", "1,200") or, up to twenty, in words. */
export function statesNumber(answer: string, n: number): boolean {
  const digits = new RegExp(`(?<![\\d.,])(?:${n}|${n.toLocaleString('en-US')})(?![\\d]|[.,]\\d)`);
  if (digits.test(answer)) return true;
  const word = NUMBER_WORDS[n];
  return word !== undefined && new RegExp(`\\b${word}\\b`, 'i').test(answer);
}
