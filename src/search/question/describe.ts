// Companies described, not named: "the swedish telecom gear maker that bought a us cloud comms firm". A demonym
// ("swedish", "us", "india's") outside a company name is a party slot with a country constraint; the deal verb's
// grammar gives the slot a role (before "bought": the buyer; after it, or after "by"/"from" swapped: the target).
// The rest of the description ("telecom gear maker") stays content words, matched through the concept vocabulary.
// rank.ts checks each slot against the parties' stored countries (vocabulary/countries.ts).
// A company described by what it is known for ("the roomba maker", "the xbox people") is a known-for slot: the
// organisations whose stored `known` phrases match, checked in rank.ts against the deal's parties.
import type { PartyRole } from '../../deals/schema.ts';
import { demonymAt } from '../vocabulary/countries.ts';
import { knownWord, type KnownIndex } from '../vocabulary/indexes.ts';
import type { NameSpan } from './names.ts';

export interface CountrySlot {
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  /** The word typed ("swedish"), also matched as text (an area "India", "US sanctions"). */
  word: string;
  at: number;
  /** Roles the described party plays, when the verb grammar says so. */
  roles?: readonly PartyRole[] | undefined;
}

const BUY = /^(buy|buys|bought|buying|acquire|acquired|acquires|acquiring|purchase|purchased|purchases|purchasing|pay|paid|pays|paying|spent|spend|took|take|takes|taking|snapped|snaps|grabbed|grabs|picking|picked|picks|swallowed|absorbed)$/;
const INVEST = /^(invest|invested|invests|investing|backs|backed|backing|funds|funded|funding|money|stake)$/;
const AGENT_BUY: readonly PartyRole[] = ['acquirer', 'investor'];
// A seller of the same country fits only in part (rank.ts): "a japanese game studio" bought is the target.
const OBJECT_BUY: readonly PartyRole[] = ['target', 'investee'];
const AGENT_INVEST: readonly PartyRole[] = ['investor', 'acquirer'];
const OBJECT_INVEST: readonly PartyRole[] = ['investee', 'target'];

/** The country slots of a question: demonyms outside names, with roles from the first buy or invest verb. */
export function countrySlots(words: readonly string[], names: readonly NameSpan[], isStop: (w: string) => boolean): CountrySlot[] {
  const inName = (i: number) => names.some((s) => i >= s.start && i < s.end);
  const slots: CountrySlot[] = [];
  for (let i = 0; i < words.length; i++) {
    if (inName(i)) continue;
    const country = demonymAt(words, i, isStop);
    // "in china", "to india": a place the deal is about, not a party's nationality — still text, not a slot.
    if (country && !/^(in|into|across|throughout)$/.test(words[i - 1] ?? '')) slots.push({ country, word: words[i]!, at: i });
  }
  giveRoles(words, names, slots);
  return slots;
}

/** Roles from the first buy or invest verb outside names: before it the agent, after it the object; "by"/"from" swap. */
function giveRoles(words: readonly string[], names: readonly NameSpan[], slots: { at: number; roles?: readonly PartyRole[] | undefined }[]): void {
  if (!slots.length) return;
  const inName = (i: number) => names.some((s) => i >= s.start && i < s.end);
  const verbAt = words.findIndex((w, i) => !inName(i) && (BUY.test(w) || INVEST.test(w)));
  if (verbAt < 0) return;
  const invest = INVEST.test(words[verbAt]!);
  const agent = invest ? AGENT_INVEST : AGENT_BUY;
  const object = invest ? OBJECT_INVEST : OBJECT_BUY;
  // "acquired by", "money from", "backed by": the party after the preposition is the agent.
  const passiveAt = words.findIndex((w, i) => i > verbAt && i <= verbAt + 3 && (w === 'by' || w === 'from'));
  for (const s of slots) {
    if (passiveAt >= 0) s.roles = s.at > passiveAt ? agent : s.at < verbAt ? object : undefined;
    else s.roles = s.at < verbAt ? agent : object;
  }
}

/**
 * A company described by what it is known for ("the roomba maker", "the people behind call of duty", "a chip
 * foundry"): the organisations whose `known` phrases match, with the words that describe it.
 */
export interface KnownSlot {
  orgIds: number[];
  /** The matched phrase, normalised ("robot vacuum"), also looked for in the deal's own text. */
  phrase: string;
  /** Word positions [start, end) of the description, trade nouns around the phrase included ("maker", "behind"). */
  start: number;
  end: number;
  /** The phrase's first word, for the verb grammar's roles. */
  at: number;
  roles?: readonly PartyRole[] | undefined;
  /** A kind of company read from a longer phrase ("search engine"): it adds when a party fits, never rules out. */
  soft?: boolean;
}

/** Nouns that say "the company" around what it is known for: "the roomba maker", "the makers of fortnite". */
export const TRADE_NOUNS = new Set(
  ('maker makers manufacturer company companies firm firms giant giants people guys folks owner owners developer developers ' +
    'publisher studio creator creators platform app site service brand startup outfit operator group business provider team ' +
    'corp player players specialist vendor supplier chain network')
    .split(' '),
);

/** Typos allowed in a described word: none up to 4 letters, 1 for 5–8, 2 from 9 (as for names). */
function typoBudget(n: number): number {
  return n <= 4 ? 0 : n <= 8 ? 1 : 2;
}

/**
 * The known-for slots of a question: the longest phrase at each free position (outside names and consumed words)
 * that some organisation is known for, widened over the trade nouns next to it. A phrase must begin and end on a
 * content word; stop words may sit inside it ("front page of the internet"). A phrase of two words or more may also
 * begin or end on a stop word the grammar did not read ("search giant", "gif search": "search" is a filler alone),
 * as long as one of its words is content. A word neither the index nor the phrases know is read as the phrase word
 * it is one typo from (two from nine letters: "serch giant" is "search giant"), when `knows` is given.
 */
export function knownSlots(
  words: readonly string[],
  names: readonly NameSpan[],
  taken: ReadonlySet<number>,
  index: KnownIndex | undefined,
  isStop: (w: string) => boolean,
  knows?: (w: string) => boolean,
): KnownSlot[] {
  if (!index) return [];
  const inName = (i: number) => names.some((s) => i >= s.start && i < s.end);
  const free = (i: number) => i >= 0 && i < words.length && !inName(i) && !taken.has(i);
  // A stop word may sit in a phrase even when the grammar consumed it as a filler (not as meaning: an ask or a verb
  // is never a stop word).
  const usable = (i: number) => i >= 0 && i < words.length && !inName(i) && (!taken.has(i) || isStop(words[i]!));
  const forms = words.map((w) => {
    const k = knownWord(w);
    if (!knows || !index.words || index.words.has(k) || knows(w) || isStop(w) || /\d/.test(w)) return k;
    // As typed first ("fitnes" is one letter from "fitness"; its singular "fitne" two), then singular.
    const fix = index.words.lookup(w, typoBudget(w.length)).find((c) => c.distance > 0) ?? index.words.lookup(k, typoBudget(k.length)).find((c) => c.distance > 0);
    return fix ? fix.term : k;
  });
  const slots: KnownSlot[] = [];
  const used = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    if (!usable(i) || used.has(i)) continue;
    for (let n = Math.min(index.maxWords, words.length - i); n >= 1; n--) {
      const last = i + n - 1;
      if (n === 1 ? !free(i) || isStop(words[i]!) : isStop(words[last]!) && isStop(words[i]!)) continue;
      let ok = true;
      let content = false;
      for (let k = i; k <= last; k++) {
        if (!usable(k) || used.has(k)) ok = false;
        if (free(k) && !isStop(words[k]!)) content = true;
      }
      if (!ok || !content) continue;
      const phrase = forms.slice(i, i + n).join(' ');
      const orgIds = index.phrases.get(phrase);
      if (!orgIds) continue;
      let start = i;
      let end = i + n;
      // "the roomba maker", "call of duty publisher", "chip foundry company"
      for (let k = 0; k < 2 && free(end) && TRADE_NOUNS.has(words[end]!); k++) end++;
      // "the maker of roomba", "the people behind fortnite"
      if (/^(of|behind)$/.test(words[start - 1] ?? '') && free(start - 2) && TRADE_NOUNS.has(words[start - 2]!)) start -= 2;
      for (let k = start; k < end; k++) used.add(k);
      slots.push({ orgIds, phrase, start, end, at: i, ...(index.soft?.has(phrase) ? { soft: true } : {}) });
      i = end - 1;
      break;
    }
  }
  giveRoles(words, names, slots);
  return slots;
}
