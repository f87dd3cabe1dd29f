// Ranking: each candidate deal gets an idf-weighted coverage of the question — the names (weighing most), every
// content word through its best form (as typed > stem > concept word > typo fix, in a more important field better),
// and the stated year, deal type and status — then candidates are ordered by an explicit list of named rules, the
// way Meilisearch names its own. The coverage is also the confidence the gate decides on.
import type { CandidateRow } from '../store/search-reader.ts';
import type { DealType, PartyRole } from '../deals/schema.ts';
import type { Question } from './question/index.ts';
import type { TermAlt, TermGroup } from './question/terms.ts';
import { CONCEPTS } from './vocabulary/concepts.ts';
import { fieldText } from '../deals/names.ts';
import { approxUsd } from './vocabulary/currency.ts';
import { TRADE_NOUNS } from './question/describe.ts';

/** Weight of a column when a word is found there (parties incl. aliases, title, areas, summary). */
const FIELD_FACTOR = [1, 1, 0.95, 0.85] as const;
const FIELD_RANK = [4, 3, 2, 1] as const;
/** Share of a name's weight that a stated year, type or status carries. */
const CONSTRAINT_SHARE = 0.35;
/** Share of a name's weight a party described by nationality carries ("the swedish … maker"): strong evidence. */
const COUNTRY_SHARE = 0.6;
/**
 * Share of a name's weight a party described by what it is known for carries: a phrase only one organisation is known
 * by ("roomba") nearly names it; one many share ("chipmaker") says what kind of company.
 */
const KNOWN_SHARE = { one: 0.8, many: 0.6 } as const;
/** Share of its weight an unmatched word keeps beside two or more named companies all party to the deal. */
const LEFTOVER_WEIGHT = 0.2;

/** Deal types close enough that a question's word for one partly fits the other ("bought" for a merger). */
const NEAR_TYPES: Partial<Record<DealType, DealType[]>> = {
  acquisition: ['merger', 'divestiture', 'other'],
  merger: ['acquisition'],
  divestiture: ['acquisition'],
  investment: ['acquisition'],
  partnership: ['mou', 'joint_venture', 'licensing'],
  mou: ['partnership', 'joint_venture'],
  joint_venture: ['partnership', 'mou'],
  licensing: ['settlement', 'partnership'],
  settlement: ['licensing'],
};

export interface Scored {
  row: CandidateRow;
  /** Covered weight / the question's weight: 0–1. */
  confidence: number;
  /** A named company plays a role the question contradicts ("oracle paid for github": Oracle is no acquirer). */
  roleConflict: boolean;
  /** A party the question describes by nationality has no counterpart of that country in the deal. */
  countryMiss?: boolean;
  /** A party the question describes by what it is known for is not in the deal, nor the phrase's distinctive words in its text. */
  knownMiss?: boolean;
  nameTypos: number;
  termTypos: number;
  fields: number;
  otherParties: number;
  bm25: number;
  matched: Map<TermGroup, TermAlt>;
}

export interface RankContext {
  /** Live deals in the store, for idf. */
  totalDeals: number;
  /** bm25 rank of each candidate from retrieval (lower is better; 0 when not ranked). */
  bm25: Map<number, number>;
}

export function idf(df: number, total: number): number {
  return Math.log(1 + total / (1 + df));
}

/** The weight a question's name carries: as much as the rarest possible word. */
export function nameWeight(total: number): number {
  return Math.log(1 + total);
}

/** Any character outside ASCII: such a field takes normaliseText's full path (fieldText). */
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
/** A word or phrase of ASCII letters and digits between single spaces: what an ASCII field's normal form is made of. */
const PLAIN_PHRASE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * Whether `words` are consecutive letter-and-digit runs of `lower` (a lowercased ASCII field): exactly whether
 * ` ${words.join(' ')} ` is in ` ${fieldText(field)} `, whose ASCII path keeps those runs and puts one space for
 * everything between them — without building that text.
 */
export function runsHave(lower: string, words: readonly string[]): boolean {
  const first = words[0]!;
  for (let i = lower.indexOf(first); i >= 0; i = lower.indexOf(first, i + 1)) {
    if (i > 0 && isWordChar(lower.charCodeAt(i - 1))) continue;
    let end = i + first.length;
    let ok = true;
    for (let w = 1; w < words.length && ok; w++) {
      let next = end;
      while (next < lower.length && !isWordChar(lower.charCodeAt(next))) next++;
      ok = next > end && lower.startsWith(words[w]!, next);
      end = next + words[w]!.length;
    }
    if (ok && (end >= lower.length || !isWordChar(lower.charCodeAt(end)))) return true;
  }
  return false;
}

/**
 * A row's fields as their words between single spaces, with a space at each end: a word or a phrase is in a field
 * when ` ${alt} ` is in its text (no word sets: building four per candidate was a fifth of a question's time). The
 * normal form is not built for an ASCII field (nearly all of them) and a plain word or phrase: runsHave answers the
 * same from the lowercased field, where building the summary's normal form (most of a row's text) for every
 * candidate was a seventh of a topic question's time. Other fields and words take fieldText, once per field.
 */
class Fields {
  private readonly raw: readonly string[];
  /** Per field: its lowercased text when ASCII, null otherwise; undefined until first needed. */
  private readonly lower: (string | null | undefined)[] = [undefined, undefined, undefined, undefined];
  private readonly text: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  constructor(row: CandidateRow) {
    this.raw = [row.partiesText, row.titleText, row.areasText, row.summaryText];
  }

  /** The first of the first `upTo` fields (parties, title, areas, summary) with `alt` in it, or -1. */
  find(alt: string, upTo = 4): number {
    const words = PLAIN_PHRASE.test(alt) ? alt.split(' ') : undefined;
    const needle = ` ${alt} `;
    for (let k = 0; k < upTo; k++) {
      const raw = this.raw[k]!;
      let lower = this.lower[k];
      if (lower === undefined) lower = this.lower[k] = NON_ASCII.test(raw) ? null : raw.toLowerCase();
      if (words && lower !== null) {
        if (runsHave(lower, words)) return k;
        continue;
      }
      const t = (this.text[k] ??= ` ${fieldText(raw)} `);
      if (t.includes(needle)) return k;
    }
    return -1;
  }
}

/** Whether a demonym, or a word of its concept ("chinese" -> "china"), is in the deal's text. */
function countryInText(fields: Fields, word: string): boolean {
  const c = CONCEPTS.find((x) => x.words.includes(word));
  return (c ? c.words : [word]).some((w) => fields.find(w) >= 0);
}

const conceptByName = new Map(CONCEPTS.map((c) => [c.name, c]));

/** Whether the candidate's party roles fit the roles the question gives each named company. */
export function rolesFit(row: CandidateRow, q: Question): boolean {
  return q.names.every((s, k) => {
    const wanted = q.intent.nameRoles[k];
    if (!wanted) return true;
    const mine = row.parties.filter((p) => s.orgIds.includes(p.orgId)).map((p) => p.role);
    return mine.length === 0 || mine.some((r) => wanted.includes(r as PartyRole));
  });
}

export function score(rows: CandidateRow[], q: Question, ctx: RankContext): Scored[] {
  const N = Math.max(ctx.totalDeals, 1);
  const W = nameWeight(N);
  const { intent } = q;
  const out: Scored[] = [];
  for (const row of rows) {
    const fields = new Fields(row);
    let total = 0;
    let covered = 0;
    let termTypos = 0;
    let fieldRank = 0;
    const matched = new Map<TermGroup, TermAlt>();
    // Two or more companies, named or found among the deal's party names ("intel and tower"), all parties to the deal
    // are strong evidence: a word left over beside them ("hey bot quick one", "im doing a writeup on …") is weak
    // evidence, and costs the answer little when unmatched. A word in a deal verb's object slot ("pay for zoomcorp")
    // is never weak: it names what was bought.
    const allNamed = q.names.every((s) => row.parties.some((p) => s.orgIds.includes(p.orgId)));
    // Parties described by what they are known for ("the roomba maker"): a slot whose organisation is a party in the
    // role the verb gives it is covered (weighing KNOWN_SHARE of a name), and its words then only add when the deal's
    // text has them too (telling apart that company's deals). A slot with no such party leaves its words to count as
    // any other; when its distinctive words are not all in the deal's text either, the description does not fit it
    // (knownMiss): "iphone maker" is not shown by "maker", nor "whole foods" by "food".
    const knownFit = (q.known ?? []).map((slot) => {
      const of = row.parties.filter((p) => slot.orgIds.includes(p.orgId));
      return of.some((p) => !slot.roles || slot.roles.includes(p.role)) ? 1 : of.length ? 0.5 : 0;
    });
    // Each slot's distinctive words found in the deal's text: all of them must be, for the text to show it.
    const knownWant = (q.known ?? []).map(() => 0);
    const knownFound = (q.known ?? []).map(() => 0);
    const slotOf = (g: TermGroup) => (q.known ?? []).findIndex((s) => g.positions.every((p) => p >= s.start && p < s.end));
    // Only the phrase's own distinctive words show the description in a deal's text: "maker" or "company" beside it
    // do not, nor a trade noun inside it ("iphone maker": "maker" is in many deals, "iphone" says Apple).
    const inPhrase = (g: TermGroup, k: number) => {
      const s = q.known![k]!;
      const n = s.phrase.split(' ').length;
      return g.positions.every((p) => p >= s.at && p < s.at + n) && g.concept !== 'maker' && !TRADE_NOUNS.has(g.typed);
    };
    for (const g of q.terms) {
      const ks = slotOf(g);
      if (ks >= 0 && inPhrase(g, ks)) knownWant[ks]!++;
    }
    let partyWords = 0;
    let leftover = 0;
    let described = 0;
    total += W * q.names.length;
    covered += W * q.names.length;
    fieldRank += FIELD_RANK[0] * q.names.length;
    for (const g of q.terms) {
      const weight = idf(g.df, N);
      const ks = slotOf(g);
      const bonusOnly = ks >= 0 && knownFit[ks] === 1;
      if (!bonusOnly) total += weight;
      let best: { alt: TermAlt; gain: number; field: number } | undefined;
      const slot = g.positions.some((p) => intent.slots.has(p));
      for (const a of g.alts) {
        const f = fields.find(a.text, slot ? 3 : 4);
        if (f < 0) continue;
        const gain = a.quality * FIELD_FACTOR[f as 0 | 1 | 2 | 3];
        if (!best || gain > best.gain) best = { alt: a, gain, field: f };
      }
      // A concept word that names a status or type ("abandoned") also fits a deal with that stored status or type.
      const c = g.concept ? conceptByName.get(g.concept) : undefined;
      if (c && ((c.status && row.status === c.status) || (c.type && row.type === c.type))) {
        const gain = 0.9;
        if (!best || gain > best.gain) best = { alt: { text: g.typed, quality: 0.9, distance: 0 }, gain, field: 2 };
      }
      if (best) {
        if (ks >= 0 && inPhrase(g, ks)) knownFound[ks]!++;
        // A covered slot's word in the deal's text too: evidence that adds without lowering the coverage.
        if (bonusOnly) total += weight * best.gain;
        if (best.field === 0 && best.alt.quality === 1) partyWords++;
        covered += weight * best.gain;
        matched.set(g, best.alt);
        termTypos += best.alt.distance;
        fieldRank += FIELD_RANK[best.field as 0 | 1 | 2 | 3];
      } else if (!bonusOnly) {
        termTypos += 2;
        if (g.positions.some((p) => intent.described?.has(p))) described += weight;
        else if (!slot) leftover += weight;
      }
    }
    if (allNamed && q.names.length >= 1 && q.names.length + Math.min(partyWords, 1) >= 2) total -= leftover * (1 - LEFTOVER_WEIGHT);
    // Words describing the party a which-question asks about ("which chinese giant bought …") are weak beside a name.
    if (allNamed && q.names.length >= 1) total -= described * (1 - LEFTOVER_WEIGHT);
    const cw = W * CONSTRAINT_SHARE;
    const year = Number(row.announced.slice(0, 4));
    if (intent.years.length || intent.fromYear !== undefined || intent.toYear !== undefined) {
      total += cw;
      const inYears = intent.years.length === 0 || intent.years.includes(year);
      const inRange = (intent.fromYear === undefined || year >= intent.fromYear) && (intent.toYear === undefined || year <= intent.toYear);
      if (inYears && inRange) covered += cw;
    }
    if (intent.types.length) {
      total += cw;
      if (intent.types.includes(row.type)) covered += cw;
      else if (intent.types.some((t) => NEAR_TYPES[t]?.includes(row.type))) covered += cw * 0.5;
    }
    if (intent.amountUsd !== undefined) {
      total += cw;
      const usd = row.valueAmount !== null && row.valueCurrency ? approxUsd(row.valueAmount, row.valueCurrency) : undefined;
      if (usd !== undefined && Math.abs(usd - intent.amountUsd) <= 0.15 * intent.amountUsd) covered += cw;
    }
    if (intent.status && intent.ask !== 'status') {
      total += cw;
      if (row.status === intent.status) covered += cw;
    }
    // Parties described by nationality: a party of that country in the role the verb gives it covers the slot; of
    // that country in another role, or the word in the deal's text ("India" in its areas), partly.
    let countryMiss = false;
    for (const slot of q.countries ?? []) {
      const sw = W * COUNTRY_SHARE;
      total += sw;
      const of = row.parties.filter((p) => q.countryOf?.(p.orgId) === slot.country);
      // The word in the deal's own text as well ("the Japanese carmaker" in its summary) breaks ties.
      if (countryInText(fields, slot.word)) fieldRank += 1;
      if (of.some((p) => !slot.roles || slot.roles.includes(p.role))) covered += sw;
      else if (of.length) covered += sw * 0.5;
      else if (countryInText(fields, slot.word)) covered += sw * 0.5;
      else countryMiss = true;
    }
    let knownMiss = false;
    (q.known ?? []).forEach((slot, k) => {
      if (knownFit[k] === 1) {
        const sw = W * (slot.orgIds.length === 1 ? KNOWN_SHARE.one : KNOWN_SHARE.many);
        total += sw;
        covered += sw;
        fieldRank += FIELD_RANK[0];
      } else if (!slot.soft && knownFit[k] === 0 && !(knownWant[k]! > 0 && knownFound[k] === knownWant[k])) knownMiss = true;
    });
    const namedOrgs = new Set(q.names.flatMap((s) => s.orgIds));
    out.push({
      row,
      confidence: total > 0 ? covered / total : 0,
      // Buying asked, an investment recorded: a stake is not an acquisition (the not-found suggests it instead).
      roleConflict: !rolesFit(row, q) || (intent.outright === true && row.type === 'investment'),
      countryMiss,
      knownMiss,
      nameTypos: q.names.reduce((n, s) => n + s.distance, 0),
      termTypos,
      fields: fieldRank,
      otherParties: row.parties.filter((p) => !namedOrgs.has(p.orgId)).length,
      bm25: ctx.bm25.get(row.id) ?? 0,
      matched,
    });
  }
  return out;
}

export interface RankingRule {
  name: string;
  /** Negative: a before b. */
  compare(a: Scored, b: Scored): number;
}

/** Coverage compared in steps of 2 %: closer than that, the next rules decide. */
const bucket = (x: number) => Math.round(x * 50);

/** The ranking rules, in order: a rule decides only between candidates all earlier rules left tied. */
export const RANKING_RULES: readonly RankingRule[] = [
  { name: 'roles', compare: (a, b) => Number(a.roleConflict) - Number(b.roleConflict) },
  // A party described by nationality or by what it is known for that no party fits rules the deal out before
  // coverage is weighed ("a chinese retailer getting money from an american supermarket chain": not Flipkart).
  { name: 'described', compare: (a, b) => Number(!!(a.countryMiss || a.knownMiss)) - Number(!!(b.countryMiss || b.knownMiss)) },
  { name: 'coverage', compare: (a, b) => bucket(b.confidence) - bucket(a.confidence) },
  { name: 'typo', compare: (a, b) => a.termTypos - b.termTypos },
  { name: 'attribute', compare: (a, b) => b.fields - a.fields },
  { name: 'otherParties', compare: (a, b) => a.otherParties - b.otherParties },
  { name: 'bm25', compare: (a, b) => a.bm25 - b.bm25 },
  { name: 'recency', compare: (a, b) => (a.row.announced < b.row.announced ? 1 : a.row.announced > b.row.announced ? -1 : b.row.id - a.row.id) },
];

export function rank(scored: Scored[], rules: readonly RankingRule[] = RANKING_RULES): Scored[] {
  return [...scored].sort((a, b) => {
    for (const r of rules) {
      const c = r.compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  });
}
