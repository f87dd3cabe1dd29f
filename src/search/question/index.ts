// A question, understood: its words, the organisations it names, what it asks and constrains, and the content
// words left to match. The stages run in order: normalise -> names -> intent -> terms.
import type { PartyRole } from '../../deals/schema.ts';
import type { NameIndex } from '../vocabulary/indexes.ts';
import { demonymAt } from '../vocabulary/countries.ts';
import { GRAMMAR_WORDS, STOP_WORDS } from '../vocabulary/words.ts';
import { questionClauses, questionWords } from './normalise.ts';
import { resolveNames, verbsInVerbPosition, type NameSpan } from './names.ts';
import { INTENT_WORDS, parseIntent, type Intent } from './intent.ts';
import { countrySlots, knownSlots, TRADE_NOUNS, type CountrySlot, type KnownSlot } from './describe.ts';
import { questionWordFor, termGroups, type TermContext, type TermGroup } from './terms.ts';

export interface Question {
  text: string;
  words: string[];
  names: NameSpan[];
  intent: Intent;
  terms: TermGroup[];
  /** Parties described by nationality ("the swedish telecom gear maker"): see describe.ts. */
  countries?: CountrySlot[] | undefined;
  /**
   * Lists and counts: parties described by nationality ("acquisitions made by japanese companies"), as the
   * organisations of that stored country, in the role the words give them (see `listCountries`).
   */
  partyCountries?: PartyCountry[] | undefined;
  /** An organisation's stored country (from the warm vocabulary), to check the country slots against. */
  countryOf?: ((orgId: number) => string | undefined) | undefined;
  /** Parties described by what they are known for ("the roomba maker"): see describe.ts. */
  known?: KnownSlot[] | undefined;
}

/** The words the question stages read by themselves: what a misspelt word not in any deal may stand for. */
const QUESTION_VOCABULARY: ReadonlySet<string> = new Set([...GRAMMAR_WORDS, ...INTENT_WORDS]);

export interface QuestionContext extends TermContext {
  names: NameIndex;
}

/**
 * `single`: read a question the grammar took for a list as about one deal ("us retail giant takes over india's
 * biggest online store", "the windows company's first billion dollars into the chatgpt lab"): the order and value
 * words describe a company or a deal, the rest is matched with slots as any lookup. Used when the list found nothing.
 */
export function understand(text: string, ctx: QuestionContext, opts: { relaxed?: boolean; single?: boolean } = {}): Question {
  // A misspelt question or vocabulary word the index does not know is read as the word meant ("whne" -> "when",
  // "acquisitons" -> "acquisitions").
  const words = questionWords(text).map((w) => (ctx.has(w) || ctx.names.words.has(w) ? w : (questionWordFor(w, QUESTION_VOCABULARY) ?? w)));
  let names = verbsInVerbPosition(words, resolveNames(words, (i) => !STOP_WORDS.has(words[i]!), { names: ctx.names, knownWord: (w) => ctx.has(w) || GRAMMAR_WORDS.has(w) }));
  let intent = parseIntent(words, names, { clauses: questionClauses(text) });
  if ((intent.ask === 'list' || intent.ask === 'count') && !opts.single) {
    // "the search giant's acquisitions", "how many deals has the iphone maker done": in a list or count, a company
    // described by what only it is known for, as a company ("maker", "giant", "'s"), is that company, as if named.
    const described = describedCompanies(text, words, names, intent.consumed, ctx);
    if (described.length) {
      names = [...names, ...described].sort((a, b) => a.start - b.start);
      intent = parseIntent(words, names, { clauses: questionClauses(text) });
    }
  }
  if (opts.single && intent.ask === 'list') {
    intent.ask = 'show';
    intent.order = undefined;
    intent.limit = undefined;
    intent.minUsd = undefined;
    intent.maxUsd = undefined;
  }
  if (intent.ask === 'list' || intent.ask === 'count') possessiveOwners(text, words, names, intent.consumed);
  // Lists and counts keep a demonym as a topic to filter on ("chinese acquisitions"): slots are for one deal.
  const countries = intent.ask === 'list' || intent.ask === 'count' ? [] : countrySlots(words, names, (w) => STOP_WORDS.has(w));
  const partyCountries = intent.ask === 'list' || intent.ask === 'count' ? listCountries(words, names, ctx.names, intent.consumed) : [];
  for (const c of countries) intent.consumed.add(c.at);
  // Known-for slots keep their words as terms: matched in a deal's text they still count (see rank.ts).
  const known = intent.ask === 'list' || intent.ask === 'count' ? [] : knownSlots(words, names, intent.consumed, ctx.names.known, (w) => STOP_WORDS.has(w), (w) => ctx.has(w));
  narrowByCountry(known, countries, ctx.names);
  const inName = new Set<number>();
  for (const s of names) for (let i = s.start; i < s.end; i++) inName.add(i);
  const terms = termGroups(words, (i) => inName.has(i) || intent.consumed.has(i), ctx, opts);
  const table = ctx.names.orgCountry;
  return { text, words, names, intent, terms, countries, partyCountries, countryOf: table ? (id) => table.get(id) : undefined, ...(known.length ? { known } : {}) };
}

/**
 * Known-for slots of a list or count question that name one company: a phrase only one organisation is known by
 * (not a soft key), said of a company — with a trade noun in or after it ("the iphone maker", "the search giant") or
 * a possessive ("minecraft's deals"). A phrase that is also a topic ("ai chips deals") names no company.
 */
export function describedCompanies(text: string, words: string[], names: NameSpan[], consumed: ReadonlySet<number>, ctx: QuestionContext): NameSpan[] {
  const slots = knownSlots(words, names, consumed, ctx.names.known, (w) => STOP_WORDS.has(w), (w) => ctx.has(w));
  const lower = text.toLowerCase().replace(/\u2019/g, "'");
  const out: NameSpan[] = [];
  for (const s of slots) {
    // The organisations that state the phrase as it is (not only inside a longer one, "Korean search giant").
    const stripped = ctx.names.known?.stripped?.get(s.phrase) ?? [];
    const orgIds = s.orgIds.filter((id) => !stripped.includes(id));
    if (orgIds.length !== 1 || s.soft) continue;
    const n = s.phrase.split(' ').length;
    // A trade noun after the phrase even when the count's grammar consumed it ("how many … the xbox company made").
    const trade = s.end > s.at + n || s.start < s.at || TRADE_NOUNS.has(words[s.at + n - 1]!) || TRADE_NOUNS.has(words[s.at + n] ?? '');
    const possessive = lower.includes(`${words[s.end - 1]!}'s `);
    if (!trade && !possessive) continue;
    const end = TRADE_NOUNS.has(words[s.at + n] ?? '') ? Math.max(s.end, s.at + n + 1) : s.end;
    out.push({ start: s.start, end, typed: words.slice(s.start, end).join(' '), key: s.phrase, orgIds, distance: 0, described: true });
  }
  return out;
}

/**
 * "the japanese carmaker", "a chinese search engine company": a nationality right before a known-for phrase says it
 * of the same company, so the phrase's organisations are narrowed to those of that country (when any are left; when
 * none is, the country slot alone already rules deals out). Not after: "the carmaker's japanese partner".
 */
export function narrowByCountry(known: KnownSlot[], countries: readonly CountrySlot[], index: NameIndex): void {
  const table = index.orgCountry;
  if (!table) return;
  for (const c of countries) {
    const k = known.findIndex((s) => s.at === c.at + 1);
    if (k < 0) continue;
    const slot = known[k]!;
    const of = slot.orgIds.filter((id) => table.get(id) === c.country);
    if (of.length && of.length < slot.orgIds.length) known[k] = { ...slot, orgIds: of };
  }
}

export interface PartyCountry {
  /** The word typed ("japanese"). */
  word: string;
  country: string;
  /** Organisations of that stored country. */
  orgIds: number[];
  /** The role they played: by them (buyer or investor), of them (bought or invested in), or any. */
  roles?: readonly PartyRole[] | undefined;
}

/** Nouns for companies after a nationality: "japanese companies", "a chinese firm", "us buyers". */
const COMPANY_NOUNS = new Set('company companies firm firms group groups business businesses startup startups player players giant giants buyer buyers acquirer acquirers investor investors backer backers corporation corporations corporates brand brands outfit outfits'.split(' '));
const AGENT_NOUNS = new Set('buyer buyers acquirer acquirers investor investors backer backers'.split(' '));
/** Verbs and prepositions before a nationality that make its companies the ones bought or invested in. */
const OBJECT_BEFORE = new Set('of in into buying bought acquiring acquired purchasing backing funding investing'.split(' '));
const AGENT_AFTER = /^(bought|buy|buying|acquired|acquire|acquiring|purchased|made|make|did|invested|invest|investing|backed|funded)$/;
const AGENT: readonly PartyRole[] = ['acquirer', 'investor'];
const OBJECT: readonly PartyRole[] = ['target', 'investee'];

/**
 * "acquisitions made by japanese companies", "how many deals by a chinese firm", "investments in us startups": in a
 * list or count, a nationality said of companies ("<demonym> companies", "by <demonym>") is a filter on the parties'
 * stored countries, by the companies (after "by", or before a buying verb), of them (after "of"/"in" or a buying
 * verb) or in any role. A nationality not said of companies ("india deals", "chinese acquisitions") stays a topic, as
 * before. Needs the organisations' countries; without them, or with no organisation of that country, nothing is read.
 */
export function listCountries(words: string[], names: NameSpan[], index: NameIndex, consumed: Set<number>): PartyCountry[] {
  const table = index.orgCountry;
  if (!table) return [];
  const inName = (i: number) => names.some((s) => i >= s.start && i < s.end);
  const out: PartyCountry[] = [];
  for (let i = 0; i < words.length; i++) {
    if (inName(i)) continue;
    const country = demonymAt(words, i, (w) => STOP_WORDS.has(w));
    if (!country) continue;
    const article = /^(a|an|the|some)$/.test(words[i - 1] ?? '') ? 1 : 0;
    const before = words[i - 1 - article] ?? '';
    const noun = COMPANY_NOUNS.has(words[i + 1] ?? '');
    if (!noun && before !== 'by') continue;
    let roles: readonly PartyRole[] | undefined;
    if (before === 'by' || AGENT_NOUNS.has(words[i + 1] ?? '') || (noun && AGENT_AFTER.test(words[i + 2] ?? ''))) roles = AGENT;
    else if (OBJECT_BEFORE.has(before)) roles = OBJECT;
    const orgIds = [...index.orgName.keys()].filter((id) => table.get(id) === country);
    if (!orgIds.length) continue;
    consumed.add(i);
    if (noun) consumed.add(i + 1);
    out.push({ word: words[i]!, country, orgIds, roles });
  }
  return out;
}

/**
 * "masayoshi son's softbank deals": the person (up to two words) owning a named company in a list or count says who
 * runs it, not a topic to filter on; those words are consumed.
 */
export function possessiveOwners(text: string, words: string[], names: NameSpan[], consumed: Set<number>): void {
  const lower = text.toLowerCase().replace(/\u2019/g, "'");
  for (const s of names) {
    const owner = words[s.start - 1];
    if (!owner || s.start === 0 || !lower.includes(`${owner}'s ${words[s.start]!}`)) continue;
    const taken = (i: number) => names.some((n) => i >= n.start && i < n.end);
    for (const i of [s.start - 1, s.start - 2]) if (i >= 0 && !taken(i) && !consumed.has(i) && !STOP_WORDS.has(words[i]!)) consumed.add(i);
  }
}

export type { NameSpan, Intent, TermGroup };
