// A question, understood: its words, the organisations it names, what it asks and constrains, and the content
// words left to match. The stages run in order: normalise -> names -> intent -> terms.
import type { NameIndex } from '../vocabulary/indexes.ts';
import { GRAMMAR_WORDS, STOP_WORDS } from '../vocabulary/words.ts';
import { questionClauses, questionWords } from './normalise.ts';
import { resolveNames, verbsInVerbPosition, type NameSpan } from './names.ts';
import { parseIntent, type Intent } from './intent.ts';
import { countrySlots, knownSlots, type CountrySlot, type KnownSlot } from './describe.ts';
import { questionWordFor, termGroups, type TermContext, type TermGroup } from './terms.ts';

export interface Question {
  text: string;
  words: string[];
  names: NameSpan[];
  intent: Intent;
  terms: TermGroup[];
  /** Parties described by nationality ("the swedish telecom gear maker"): see describe.ts. */
  countries?: CountrySlot[] | undefined;
  /** An organisation's stored country (from the warm vocabulary), to check the country slots against. */
  countryOf?: ((orgId: number) => string | undefined) | undefined;
  /** Parties described by what they are known for ("the roomba maker"): see describe.ts. */
  known?: KnownSlot[] | undefined;
}

export interface QuestionContext extends TermContext {
  names: NameIndex;
}

export function understand(text: string, ctx: QuestionContext, opts: { relaxed?: boolean } = {}): Question {
  // A misspelt question word the index does not know is read as the word meant ("whne" -> "when").
  const words = questionWords(text).map((w) => (ctx.has(w) || ctx.names.words.has(w) ? w : (questionWordFor(w) ?? w)));
  const names = verbsInVerbPosition(words, resolveNames(words, (i) => !STOP_WORDS.has(words[i]!), { names: ctx.names, knownWord: (w) => ctx.has(w) || GRAMMAR_WORDS.has(w) }));
  const intent = parseIntent(words, names, { clauses: questionClauses(text) });
  if (intent.ask === 'list' || intent.ask === 'count') possessiveOwners(text, words, names, intent.consumed);
  // Lists and counts keep a demonym as a topic to filter on ("chinese acquisitions"): slots are for one deal.
  const countries = intent.ask === 'list' || intent.ask === 'count' ? [] : countrySlots(words, names, (w) => STOP_WORDS.has(w));
  for (const c of countries) intent.consumed.add(c.at);
  // Known-for slots keep their words as terms: matched in a deal's text they still count (see rank.ts).
  const known = intent.ask === 'list' || intent.ask === 'count' ? [] : knownSlots(words, names, intent.consumed, ctx.names.known, (w) => STOP_WORDS.has(w));
  const inName = new Set<number>();
  for (const s of names) for (let i = s.start; i < s.end; i++) inName.add(i);
  const terms = termGroups(words, (i) => inName.has(i) || intent.consumed.has(i), ctx, opts);
  const table = ctx.names.orgCountry;
  return { text, words, names, intent, terms, countries, countryOf: table ? (id) => table.get(id) : undefined, ...(known.length ? { known } : {}) };
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
