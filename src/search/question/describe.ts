// Companies described, not named: "the swedish telecom gear maker that bought a us cloud comms firm". A demonym
// ("swedish", "us", "india's") outside a company name is a party slot with a country constraint; the deal verb's
// grammar gives the slot a role (before "bought": the buyer; after it, or after "by"/"from" swapped: the target).
// The rest of the description ("telecom gear maker") stays content words, matched through the concept vocabulary.
// rank.ts checks each slot against the parties' stored countries (vocabulary/countries.ts).
import type { PartyRole } from '../../deals/schema.ts';
import { demonymAt } from '../vocabulary/countries.ts';
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

const BUY = /^(buy|buys|bought|buying|acquire|acquired|acquires|acquiring|purchase|purchased|purchases|purchasing|took|take|takes|taking|snapped|snaps|grabbed|grabs|picking|picked|picks|swallowed|absorbed)$/;
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
  if (!slots.length) return slots;
  const verbAt = words.findIndex((w, i) => !inName(i) && (BUY.test(w) || INVEST.test(w)));
  if (verbAt < 0) return slots;
  const invest = INVEST.test(words[verbAt]!);
  const agent = invest ? AGENT_INVEST : AGENT_BUY;
  const object = invest ? OBJECT_INVEST : OBJECT_BUY;
  // "acquired by", "money from", "backed by": the party after the preposition is the agent.
  const passiveAt = words.findIndex((w, i) => i > verbAt && i <= verbAt + 3 && (w === 'by' || w === 'from'));
  for (const s of slots) {
    if (passiveAt >= 0) s.roles = s.at > passiveAt ? agent : s.at < verbAt ? object : undefined;
    else s.roles = s.at < verbAt ? agent : object;
  }
  return slots;
}
