// Which organisations are the deal's parties, and in what role. Parties are the organisations the headline and the
// first deal sentences name (not every company the article mentions in passing); roles come from the wording around
// the deal verb ("A acquires B", "B was bought by A", "B raises … led by A", "A licenses … to B").
import type { DealType, PartyRole } from '../deals/schema.ts';
import { LIMITS } from '../deals/schema.ts';
import { normaliseText } from '../deals/names.ts';
import type { OrgMention } from './organisations.ts';
import { isNonParty } from './non-parties.ts';
import { DEAL_WORD } from './story.ts';
import type { Sentence } from './text.ts';
import { blankSpans } from './scan.ts';

export interface PartyFinding {
  name: string;
  role: PartyRole;
  known: boolean;
  /** How the name was found: exact, alias, typo ("Xiamoi"), or new. */
  how: OrgMention['how'];
  written: string[];
  roleFrom: 'wording' | 'default';
  /** Named in the headline. */
  inTitle?: boolean;
}


/** The verb after which, in a partnership, JV, merger or MoU sentence, names are what is combined rather than who combines. */
// Lowercase only: "Global Infrastructure Partners" is a name, "partners" a verb.
const PARTNER_VERB =
  /\b(?:said|says|announced|agreed|agree|signed|sign|signs|to form|will form|formed|forms|to combine|combine|combines|will combine|to merge|merge|merged|plan|plans|have|has|had|settled|settle|settles|launch|launched|unveil(?:ed|s)?|team(?:s|ed)? up|partner(?:s|ed)?|called off|calls off|call off|walk(?:s|ed)? away|end(?:s|ed)?|abandon(?:s|ed)?|scrap(?:s|ped)?|prohibit(?:s|ed)?|block(?:s|ed)?|approv(?:es|ed))\b/;
/** Names after these are parties too: the other side of "a merger with X", "the merger of X with Y". */
const PARTNER_WITH =
  /\b(?:with|of|between|including)\s+(?:the\s+)?(?:(?:\p{Ll}[\p{L}-]*|French|German|British|American|Japanese|Chinese|Korean|Indian|Spanish|Italian|Dutch|Swiss|Swedish|Finnish|Taiwanese|Israeli)\s+){0,4}$|\bbetween\s+\S+(?:\s\S+){0,3}\s+and\s+$/u;
const PARTNER_VERB_AFTER = /^['’]?s?\s+(?:also\s+)?(?:signed|signs|agreed|joined|joins|will join|has signed|is to join)\b/i;

const RIVAL_BEFORE = /\b(?:rac(?:es|ing)|rivals?|rivalling|compet(?:es|ing|e) with|competitors?|against|take on|challenge)\s+(?:(?:the\s+)?[\p{L}&.-]+(?:,\s|\s+and\s+|\s+))?$/u;

const INVESTOR_LIST = /\b(?:led by|co-led by|participation (?:from|of)|joined by|backed by|investors (?:include|including|such as)|alongside|(?:led|leads|co-led) the (?:round|financing|investment)|put (?:money|capital) in(?:to)?|took part|taking part|participated|participating|(?:were|are) among the (?:new |other )?(?:investors|backers)|also (?:invested|backed|joined|chipped in)|join(?:s|ed)? the (?:round|financing)|join(?:s|ed)? as (?:an? )?(?:\w+ )?investors?|joining (?:it|them|the round|the financing) (?:were|was|are)|along with|as did|existing (?:investors|backers|shareholders))\b/i;
/** A takeover's sellers are often named after the lead: "Its lead investors, Oracle and Carlyle, will sell their stakes". */
const SELLER_LIST = /\b(?:will sell|to sell|are selling|is selling|sell (?:their|its) (?:respective )?stakes?|selling (?:shareholders|stakeholders))\b/i;

/** Drops asides that name other companies: "(NASDAQ: MSFT)", ", which bought LinkedIn in 2016,". */
function withoutAsides(s: string): string {
  const t = blankSpans(s, '(', ')')
    .replace(/,\s+(?:which|who|whose)\b[^,]*,/g, (m) => ' '.repeat(m.length))
    // Descriptions in apposition name brands and owners, not parties: ", the maker of Peugeot and Citroën cars,".
    .replace(/,\s(?:the|a|an|home (?:of|to)|owner of|parent of|maker of)\s[^,]{0,100},/g, (m) => ' '.repeat(m.length))
    // … and one that closes the sentence: "a buyer for Crunchyroll, the anime service it took over with Time Warner."
    .replace(/,\s(?:the|a|an)\s[^,.]{0,100}(?:\.)?$/, (m) => ' '.repeat(m.length));
  return blankSpans(t, '“', '”');
}

/** "Verizon has agreed to sell Verizon Media": one sentence names the short form on its own (not as the start of
 * another name, "Reliance Industries") and the longer one. */
function namedApart(sentences: readonly Sentence[], short: string, long: string): boolean {
  return sentences.some((s) => s.text.includes(long) && new RegExp(`(?<![\\p{L}])${escapeRe(short)}(?![\\p{L}]|\\s\\p{Lu})`, 'u').test(s.text.split(long).join(' ')));
}

/** Words that only give a company's legal or corporate form: "Booking Holdings" is Booking, "Idea Cellular" is Idea. */
const CORPORATE_FORM = new Set(['group', 'groups', 'holdings', 'holding', 'corporation', 'corp', 'company', 'co', 'inc', 'incorporated', 'limited', 'ltd', 'plc', 'industries', 'international', 'enterprises', 'worldwide', 'cellular', 'sa', 'ag', 'se', 'nv', 'technologies', 'technology']);

/** `long` is `short` followed only by corporate-form words (keys as normaliseText gives them). However often a story
 * writes the short form beside the long one ("Booking Holdings … Booking's dominant position"), they are one party,
 * unlike a unit named after its owner ("Verizon Media"), whose tail names a business. */
function corporateVariant(short: string, long: string): boolean {
  if (!long.startsWith(short + ' ')) return false;
  const tail = long.slice(short.length + 1).split(' ');
  return tail.length <= 2 && tail.every((w) => CORPORATE_FORM.has(w));
}

/** "Brightwave" in the headline and "Brightwave Systems" in the lead of a merger, a JV or a settlement: no unit is
 * sold in those, so a party whose name opens another party's is that party (the longer name is kept). */
function sameCompanyMerged(parties: PartyFinding[]): PartyFinding[] {
  const key = (p: PartyFinding) => normaliseText(p.name);
  const out: PartyFinding[] = [];
  for (const p of parties) {
    const longer = parties.find((q) => q !== p && key(q).startsWith(key(p) + ' '));
    const keep = longer ?? p;
    if (longer) {
      for (const w of p.written) if (!longer.written.includes(w)) longer.written.push(w);
      longer.inTitle = longer.inTitle || p.inTitle;
    }
    if (!out.includes(keep)) out.push(keep);
  }
  return out;
}

/** "agreed to buy Etraveli, a Swedish company, from the private equity firm CVC": a sentence naming who sells, by
 * "from" after a buying verb (a descriptor may stand between), names a party too. */
function namesSellerAfterFrom(s: Sentence, mentions: readonly OrgMention[]): boolean {
  const text = withoutAsides(s.text);
  const buy = /\b(?:buy|buys|bought|buying|acquire|acquires|acquired|acquiring|purchase|purchased|acquisition of|purchase of)\b/i.exec(text);
  if (!buy) return false;
  return mentions.some(
    (m) => m.sentence === s.index && m.at > buy.index && text.slice(m.at, m.end).trim() !== '' && /\bfrom\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,4}$/u.test(text.slice(Math.max(0, m.at - 60), m.at)),
  );
}

/**
 * A sentence about another deal ("Separately, Nokia said it had agreed to sell its submarine-cable business …") or an
 * earlier one ("SoftBank had owned Boston Dynamics since 2017, when it bought the company from Google", "Google bought it
 * in 2013, and SoftBank acquired it from Google's parent in 2017"): its companies
 * are not this deal's parties.
 */
function otherDeal(text: string): boolean {
  return (
    /^(?:Separately|Elsewhere|In (?:a |an )?(?:separate|unrelated|other)\b|In other (?:news|deals))/i.test(text) ||
    // "Hitachi only last year completed its purchase of …, and it is also in talks to sell its stake in Hitachi Metals".
    /\b(?:last|previous) year (?:\w+ )?(?:completed|closed|bought|acquired|sold)\b|\bis also in talks to\b|\bhad\s+(?:\w+\s+)?(?:owned|bought|acquired|purchased|held|controlled)\b|\bsince (?:19|20)\d\d\b|\b(?:back )?in (?:19|20)\d\d\b, when\b|\bwhen it (?:bought|acquired|purchased)\b|\b(?:bought|acquired|purchased|took over)\b[^.;]{0,40}\bin (?:19|20)\d\d\b/i.test(text)
  );
}

/** Who reports or comments on the deal, by the wording around its name rather than a list: "according to X",
 * "told X", "analysts at X", "X reported on Monday that", "X, the regulator,", "X said in a note". */
const COMMENTATOR_BEFORE =
  /\b(?:according to|reported by|first reported by|told|(?:approval|clearance|consent|review|scrutiny|objections?) (?:from|of|by)|(?:approved|cleared|blocked|reviewed|examined|probed) by|analysts? (?:at|from|with)|a (?:research )?note (?:from|by)|(?:research|analyst|analysis|consulting|consultancy|rating|ratings|market research) (?:firm|house|agency|company)|newspaper|news (?:agency|site|outlet|service)|broadcaster|watchdog|regulators?|antitrust (?:authority|agency|enforcer)|competition (?:authority|regulator|watchdog))\s+(?:the\s+|its\s+)?$/i;
const COMMENTATOR_AFTER =
  /^['’]?s?\s+(?:(?:first\s+)?reported(?:\s+on\s+\w+)?(?:,|\s+that\b|\s+earlier\b|\s+last\b)|first reported\b|analysts?\b|said in a (?:research |client )?note\b|(?:newspaper|news agency|broadcaster|regulator|watchdog)\b)|^,\s+(?:the|a|an)\s+(?:\w+\s+){0,2}(?:newspaper|news agency|news site|broadcaster|regulator|watchdog|research firm|analyst firm|consultancy|court|tribunal|agency|authority)\b|^,\s+citing\b/i;

export function commentator(text: string, at: number, end: number): boolean {
  return COMMENTATOR_BEFORE.test(text.slice(Math.max(0, at - 60), at)) || COMMENTATOR_AFTER.test(text.slice(end, end + 80));
}

/** "content from its newspapers, including The Wall Street Journal, Barron's and The Times": what a party owns
 * (titles, brands, studios, units), listed after a possessive, is not a party. */
const OWNED_LIST = /\b(?:(?:its|their|his|her)\s+|\p{Lu}[\p{L}\p{N}&-]*\s+)(?:[\p{Ll}-]+\s+)?(?:newspapers|papers|titles|publications|mastheads|magazines|websites|sites|news sites|brands|labels|games|franchises|studios|channels|stations|networks|products|apps|services|subsidiaries|units|businesses|divisions|properties|shows|films)\b,?\s+(?:including|such as|like|among them|notably)\s+/giu;
const LIST_RUN = /^(?:\p{Lu}[\p{L}\p{N}'’&.-]*|and|the|of|,|\s)+/u;

/** "the companies behind PlayStation and Xbox": what follows names their products or brands, not parties. */
const BEHIND_LIST = /\b(?:compan(?:y|ies)|firms?|groups?|makers?|teams?|owners?|people)\s+behind\s+(?:the\s+)?/giu;

function inOwnedList(text: string, at: number): boolean {
  for (const m of [...text.matchAll(OWNED_LIST), ...text.matchAll(BEHIND_LIST)]) {
    const start = m.index + m[0].length;
    if (at < start) continue;
    const run = LIST_RUN.exec(text.slice(start));
    if (run && at < start + run[0].length) return true;
  }
  return false;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function initials(name: string): string {
  const words = name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length >= 2 ? words.map((w) => w[0]).join('') : '';
}

interface Placed {
  name: string;
  at: number;
}

/** "Apollo … completed their purchase of Yahoo from Verizon, months after Verizon agreed to sell": the purchase comes first. */
function purchaseOfFirst(text: string, sellAt: number): boolean {
  const p = /\b(?:acquisition|takeover|purchase|buyout)\s+of\b/i.exec(text);
  if (!p || p.index >= sellAt) return false;
  // "Less than two years after Google closed its takeover of Motorola, the company has decided to sell the phone maker
  // to Lenovo": a purchase in a clause the sentence opens with (after, since, when …) is the past; the sale is the news.
  const opener = /^(?:[^,]*?\b)?(?:after|since|when|once|before|years after|months after)\b[^,]*$/i.test(text.slice(0, p.index));
  return !(opener && text.slice(p.index, sellAt).includes(','));
}

/** Roles from one sentence's wording, for the deal type; only organisations in `mentions` are considered. */
function rolesFromSentence(text: string, mentions: Placed[], type: DealType): { roles: Map<string, PartyRole>; drop: Set<string>; weak: Set<string> } {
  const roles = new Map<string, PartyRole>();
  const drop = new Set<string>();
  /** Roles read from a possessive alone ("buy TikTok's US business"): a later sentence naming the seller overrides them. */
  const weak = new Set<string>();
  const set = (name: string | undefined, role: PartyRole) => {
    if (name && !roles.has(name)) roles.set(name, role);
  };
  const before = (i: number) => mentions.filter((m) => m.at < i);
  const after = (i: number) => mentions.filter((m) => m.at >= i);
  const lastBefore = (i: number) => before(i).at(-1)?.name;
  const firstAfter = (i: number) => after(i)[0]?.name;
  const possessive = (x: Placed) => /^[^\s]*['’]s?\s/.test(text.slice(x.at, x.at + 60).replace(/^[\p{L}\p{N}&.-]+(?:\s+[\p{Lu}][\p{L}\p{N}&.-]*)*/u, (w) => w.replace(/\s/g, '_')));
  /** The first organisation after a word ("from", "to", "by") that follows position `from` in the sentence. */
  const afterWord = (from: number, word: string): { at: number; name?: string } | undefined => {
    const m = new RegExp(`\\b${word}\\b`, 'i').exec(text.slice(from));
    if (!m) return undefined;
    const at = from + m.index + m[0].length;
    return { at, name: mentions.find((x) => x.at >= at)?.name };
  };
  let m: RegExpExecArray | null;
  if (type === 'acquisition' || type === 'divestiture') {
    if ((m = /\b(?:acquired|bought|purchased|taken over|snapped up)\s+by\b/i.exec(text))) {
      set(firstAfter(m.index), 'acquirer');
      set(lastBefore(m.index), 'target');
    } else if ((m = /\b(?:takeover|buyout|acquisition|purchase)\s+by\b/i.exec(text)) && firstAfter(m.index + m[0].length)) {
      // "as part of a takeover by the private equity firm Silver Lake and the Canada Pension Plan Investment Board":
      // the names after "by", listed with "and", buy; the company named before is bought (or sells, when the wording
      // says so — a seller found by the rules below keeps its role).
      const by = after(m.index + m[0].length);
      set(by[0]!.name, 'acquirer');
      for (let i = 1; i < by.length && /^(?:,\s|\s+and\s+|,\s+and\s+)(?:the\s+)?$/.test(text.slice(by[i - 1]!.at + by[i - 1]!.name.length, by[i]!.at)); i++) set(by[i]!.name, 'acquirer');
      const sells = /\b(?:sell|sells|sold|selling)\b/i.exec(text.slice(0, m.index));
      if (sells) set(lastBefore(sells.index), 'seller');
      for (const x of before(m.index)) set(x.name, 'target');
    } else if ((m = /\b(?:offer|bid|buyout|approach|proposal)\b/i.exec(text)) && afterWord(m.index, 'from')?.name) {
      // "Toshiba accepts a buyout from Japan Industrial Partners", "an offer from a consortium led by X".
      const from = afterWord(m.index, 'from')!;
      const led = afterWord(from.at, 'led by');
      set(led?.name && !mentions.some((x) => x.at >= from.at && x.at < led.at) ? led.name : from.name, 'acquirer');
      set(lastBefore(m.index), 'target');
    } else if ((m = /\b(?:sell|sells|sold|selling|divest\w*|spin\w* off|offload\w*|hand(?:s|ed|ing)?(?=\s+(?:over\s+)?(?:its\s+|the\s+)?\p{Lu}[^.]*?\bto\b))\b/iu.exec(text)) && !purchaseOfFirst(text, m.index)) {
      const seller = lastBefore(m.index);
      set(seller, 'seller');
      // "Oracle and The Carlyle Group will sell": every name listed as the subject sells.
      const subj = before(m.index);
      for (let i = subj.length - 2; i >= 0; i--) {
        const gap = text.slice(subj[i]!.at + subj[i]!.name.length, subj[i + 1]!.at);
        if (!/^(?:,\s|\s+and\s+|,\s+and\s+)$/.test(gap) && !/^[\p{L}\s.'’-]{0,20}(?:,\s|\s+and\s+|,\s+and\s+)$/u.test(gap)) break;
        set(subj[i]!.name, 'seller');
      }
      const to = afterWord(m.index + m[0].length, 'to');
      const between = mentions.filter((x) => x.at > m!.index && (!to || x.at < to.at));
      for (const x of between) {
        // "sell Verizon Media": a unit named after its owner, the seller, is what is sold, not a party.
        if (seller && x.name !== seller && normaliseText(x.name).startsWith(normaliseText(seller) + ' ')) {
          drop.add(x.name);
          continue;
        }
        // "sell its Nokia feature-phone business": the unit's former owner or brand, once the seller is known.
        const unitBrand = /^\S+(?:\s+[\w-]+){0,2}\s+(?:business|unit|division|operations|arm|assets)\b/i.test(text.slice(x.at, x.at + 60)) && !!seller;
        if (unitBrand) {
          drop.add(x.name);
          continue;
        }
        if (possessive(x)) {
          if (seller) drop.add(x.name);
          else set(x.name, 'seller');
        } else set(x.name, 'target');
      }
      if (to?.name) {
        set(to.name, 'acquirer');
        const buyers = mentions.filter((x) => x.at >= to.at);
        for (let i = 1; i < buyers.length; i++) {
          const gap = text.slice(buyers[i - 1]!.at + buyers[i - 1]!.name.length, buyers[i]!.at);
          if (!/^(?:,\s|\s+and\s+|,\s+and\s+)$/.test(gap)) break;
          set(buyers[i]!.name, 'acquirer');
        }
      }
    } else if ((m = /\bsale\s+of\b/i.exec(text))) {
      set(lastBefore(m.index), 'seller');
      const to = afterWord(m.index, 'to');
      for (const x of mentions.filter((x) => x.at > m!.index && (!to || x.at < to.at))) set(x.name, possessive(x) ? 'seller' : 'target');
      if (to?.name) set(to.name, 'acquirer');
    } else if ((m = /\b(?:acquisition|takeover|purchase|buyout)\s+of\b/i.exec(text))) {
      const ofEnd = m.index + m[0].length;
      const from = afterWord(ofEnd, 'from');
      const by = afterWord(ofEnd, 'by');
      const target = mentions.find((x) => x.at >= ofEnd && (!from || x.at < from.at) && (!by || x.at < by.at));
      // "its purchase of the offshore wind business of Nordlys": the owner of the unit bought is the seller.
      const unitOf = target && /\b(?:business(?:es)?|units?|divisions?|operations|arm|assets)\s+of\s+(?:the\s+)?$/i.test(text.slice(ofEnd, target.at));
      // "purchase of Nordlys wind business": the name before a unit noun owns the unit.
      const unitAfter = target && /^\S+(?:\s+[\w-]+){0,2}\s+(?:business|unit|division|operations|arm|assets)\b/i.test(text.slice(target.at, target.at + 60));
      if (target) set(target.name, possessive(target) || ((unitOf || unitAfter) && !from?.name) ? 'seller' : 'target');
      if (from?.name) set(from.name, 'seller');
      if (by?.name) set(by.name, 'acquirer');
      set(lastBefore(m.index), 'acquirer');
    } else if (
      (m = /\b(?:acquir\w*|buy|buys|bought|buying|purchas\w*|take over|takes over|took over|snap\w* up|bid for|offer for)\b|\b(?:take|takes|took|taking)\b(?=(?:\s\S+){1,3}\sprivate\b)/i.exec(text))
    ) {
      // "Cisco completes Acacia purchase": a name standing right before the deal noun is what is bought.
      const adjunct = before(m.index).at(-1);
      if (/^(?:purchase|acquisition|takeover|buyout)$/i.test(m[0]) && adjunct && /^\p{Lu}[\p{L}\p{N}&.-]*(?:\s\p{Lu}[\p{L}\p{N}&.-]*){0,3}\s$/u.test(text.slice(adjunct.at, m.index))) {
        set(adjunct.name, 'target');
        set(before(m.index).at(-2)?.name, 'acquirer');
      }
      set(lastBefore(m.index), 'acquirer');
      // "A consortium of Lakestone Capital and Tidewell Partners has agreed to buy": every listed subject buys.
      const buyers = before(m.index);
      for (let i = buyers.length - 2; i >= 0; i--) {
        const gap = text.slice(buyers[i]!.at + buyers[i]!.name.length, buyers[i + 1]!.at);
        if (!/^(?:,\s|\s+and\s+|,\s+and\s+)$/.test(gap)) break;
        set(buyers[i]!.name, 'acquirer');
      }
      const from = afterWord(m.index, 'from');
      // "buy the GIF search engine from Meta": the first name after the verb is the seller, not what is bought.
      const target = after(m.index).find((x) => !from || x.at < from.at || x.name !== from.name);
      // "buy the enterprise business of Motorola Solutions": the owner of the unit bought is the seller.
      const unitOf = target && /\b(?:business(?:es)?|units?|divisions?|operations|arm|assets)\s+of\s+(?:the\s+)?$/i.test(text.slice(m.index, target.at));
      if (target && unitOf && !from?.name) {
        set(target.name, 'seller');
      } else if (target) {
        set(target.name, possessive(target) && !from?.name ? 'seller' : 'target');
        if (possessive(target) && !from?.name) weak.add(target.name);
      }
      if (from?.name) set(from.name, 'seller');
    }
  } else if (type === 'investment') {
    const lead = /\b(?:led by|co-led by|participation (?:from|of)|joined by|backed by|investors (?:include|including|such as)|alongside)\b/i.exec(text);
    // "Thrive Capital led the round", "Microsoft, Nvidia and SoftBank also put money in": the subjects invest.
    const tookRe = /\b(?:led|leads|co-led) the (?:round|financing|investment)\b|\b(?:also )?(?:put|putting) (?:money|capital) in(?:to)?\b|\b(?:took|taking) part\b|\bparticipat(?:ed|ing)\b|\b(?:were|are) among the (?:new |other )?(?:investors|backers)\b|\balso (?:invested|backed|joined|chipped in)\b|\bjoin(?:s|ed)? (?:the (?:round|financing)|as (?:an? )?(?:\w+ )?investors?)\b/gi;
    const took = [...text.matchAll(tookRe)];
    // "Sequoia and Accel co-led the investment, and Visa joined as a strategic investor": each clause's subjects invest.
    let clauseStart = 0;
    for (const t of took) {
      // "led by Lightspeed, with Peak XV Partners and Khosla Ventures taking part": the clause opens at "with".
      if (/^(?:taking|participating)/i.test(t[0])) {
        const w = text.slice(clauseStart, t.index).lastIndexOf(' with ');
        if (w >= 0) clauseStart += w;
      }
      for (const x of before(t.index)) if (x.at >= clauseStart) set(x.name, 'investor');
      clauseStart = t.index + t[0].length;
    }
    if ((m = /\b(?:rais\w+|secur\w+|closes?|closed|lands?|landed|gets?|got)\b/i.exec(text)) && before(m.index).length) {
      set(lastBefore(m.index), 'investee');
      for (const x of after(m.index)) set(x.name, 'investor');
    } else if (lead) {
      for (const x of after(lead.index)) set(x.name, 'investor');
    } else if ((m = /\b(?:invest\w*|leads?|led|backs?|backed|takes? a stake|took a stake|stake)\b[^.]*?\b(?:in|into)\b/i.exec(text))) {
      // "A has led a $100 million Series C investment in B": B follows the "in".
      const inAt = m.index + m[0].length;
      for (const x of before(inAt)) set(x.name, 'investor');
      set(firstAfter(inAt), 'investee');
      for (const x of after(inAt)) set(x.name, 'investor');
    } else if ((m = /\b(?:investment|funding|backing)\s+(?:in|for)\b/i.exec(text))) {
      set(firstAfter(m.index), 'investee');
      for (const x of mentions) set(x.name, 'investor');
    }
    if (lead) for (const x of after(lead.index)) set(x.name, 'investor');
    // "… also took part, as did existing investors IVP, Atomico and WiL", "Joining it were Accel, Plural and Saab":
    // the names listed after these words invest too.
    for (const l of text.matchAll(/\b(?:as did|along with|joining (?:it|them|the round|the financing) (?:were|was|are)|(?:existing|new|other) (?:investors|backers|shareholders)(?: such as| including)?)\b/gi)) {
      for (const x of after(l.index)) set(x.name, 'investor');
    }
  } else if (type === 'licensing') {
    const patents = /\b(?:buy|buys|bought|buying|acquires?|acquired|purchas(?:e|es|ed))\b[^.]{0,40}?\bpatents\b/i.exec(text);
    // "A lets B use its archive", "allows B to show", "gives B access to": A grants the rights, B takes them.
    const lets = /\b(?:lets?|letting|allows?|allowed|allowing|permits?|permitted|gives?|gave|giving)\s+/gi;
    let grant: { by: string | undefined; to: string } | undefined;
    for (const g of text.matchAll(lets)) {
      let x = after(g.index + g[0].length)[0];
      // "… has signed an agreement with OpenAI that lets the artificial-intelligence company use its journalism": a
      // description of a company stands for the one other organisation the sentence names.
      const described = /^the\s+(?:[\w-]+\s+){0,3}?(?:company|firm|start-?up|group|maker|developer|lab|giant|platform|operator)\s+/i.exec(text.slice(g.index + g[0].length));
      let subject: string | undefined;
      if (described) {
        // The grantor is the sentence's subject; the company described is the one it signed with.
        subject = before(g.index)[0]?.name;
        const others = before(g.index).filter((y) => y.name !== subject);
        if (subject && new Set(others.map((y) => y.name)).size === 1) x = { name: others[0]!.name, at: g.index + g[0].length + described[0].length - 1 };
        else continue;
      }
      if (!x || (x.at !== g.index + g[0].length && !described)) continue;
      if (!/^\s+(?:(?:to\s+)?(?:use|show|display|sell|distribute|stream|access|train|publish|offer|include|make|run|license)\b|access\b|the rights?\b|rights\b)/i.test(text.slice(x.at).replace(/^[^\s]+(?:\s\p{Lu}[^\s]*)*/u, ''))) continue;
      // ("The magazine publisher said it had signed a partnership allowing OpenAI to display content from its brands":
      // a grantor the sentence names only by description leaves the licensee known; the other side follows from it.)
      grant = { by: subject ?? lastBefore(g.index), to: x.name };
      break;
    }
    // "OpenAI has reached agreements with Le Monde and Prisa Media to use their journalism": the subject takes the
    // rights of those it signed with.
    const withAt = /\bwith\s/i.exec(text)?.index ?? -1;
    const useAt = withAt < 0 ? -1 : text.slice(withAt).search(/\bto (?:use|show|display|access|license|distribute|train on) (?:their|its|the)\b/i);
    const useTheirs = useAt > 0;
    const owners = useTheirs ? mentions.filter((x) => x.at > withAt && x.at < withAt + useAt) : [];
    if (grant) {
      if (grant.by) set(grant.by, 'licensor');
      set(grant.to, 'licensee');
    } else if (useTheirs && owners.length && before(withAt).length) {
      set(before(withAt)[0]!.name, 'licensee');
      for (const o of owners) set(o.name, 'licensor');
    } else if (patents && before(patents.index).length) {
      // "Xiaomi buys 1,500 Microsoft patents": the buyer takes the rights, the seller of the patents grants them.
      set(lastBefore(patents.index), 'licensee');
      for (const x of after(patents.index)) set(x.name, 'licensor');
    } else if ((m = /\bpa(?:y|ys|id|ying)\b/i.exec(text)) && /\brights?\b|\broyalt/i.test(text.slice(m.index)) && after(m.index).length) {
      // "Nestlé pays Starbucks $7.15 billion for the rights to sell its coffee": the payer is the licensee.
      set(lastBefore(m.index), 'licensee');
      set(firstAfter(m.index), 'licensor');
    } else if ((m = /\b(?:make|makes|made|making) (?:a |an )?(?:\w+ )?payments? to\b/i.exec(text)) && after(m.index).length && before(m.index).length) {
      // "Apple will make a payment to Qualcomm": in a licence or settlement, the payer takes the licence.
      set(lastBefore(m.index), 'licensee');
      set(firstAfter(m.index), 'licensor');
    } else if ((m = /\b(?:licen[cs](?:e|es|ed|ing)|hand(?:s|ing)?|transfer(?:s|ring)?|grant(?:s|ing)?)\b(?=[^.]*\b(?:rights?|licen[cs]e|patents?|technology)\b)|\blicen[cs](?:e|es|ed|ing)\b/i.exec(text))) {
      const to = afterWord(m.index + m[0].length, 'to');
      const from = afterWord(m.index + m[0].length, 'from');
      // Whose rights they were ("Activision's streaming rights") names the source, not a party, once the licensor is known.
      const owners = mentions.filter((x) => x.at > m!.index && (!to || x.at < to.at) && possessive(x));
      if (from?.name) {
        set(lastBefore(m.index), 'licensee');
        set(from.name, 'licensor');
      } else if (to?.name) {
        set(lastBefore(m.index), 'licensor');
        set(to.name, 'licensee');
        if (lastBefore(m.index)) for (const o of owners) drop.add(o.name);
      } else if (/\bto\s+(?:\w+ly\s+)?$/i.test(text.slice(Math.max(0, m.index - 20), m.index))) {
        // "Microsoft is teaming up with OpenAI to exclusively license GPT-3": the one taking the licence is the subject.
        const subject = mentions[0];
        set(subject?.name, 'licensee');
        for (const x of mentions.slice(1)) set(x.name, 'licensor');
      }
    }
  }
  return { roles, drop, weak };
}

const DEFAULT_ROLE: Record<DealType, PartyRole> = {
  acquisition: 'target',
  merger: 'partner',
  investment: 'investor',
  partnership: 'partner',
  mou: 'partner',
  joint_venture: 'partner',
  licensing: 'partner',
  divestiture: 'partner',
  settlement: 'partner',
  other: 'partner',
};

/**
 * Picks the parties: every organisation named in the title, plus those named in the first two body sentences that
 * speak of a deal. Orders them by first mention; assigns roles from the wording, falling back to the type's default.
 */
/** "The buyer is X", "The purchaser will be X", "The new owners are X and Y". */
const BUYER_IS = /\b(?:the|its) (?:buyer|purchaser|acquirer|new owner)s? (?:is|was|will be|are|were) (?:the )?/i;

export function selectParties(sentences: readonly Sentence[], mentions: readonly OrgMention[], type: DealType | undefined): PartyFinding[] {
  // The title and the first deal sentence name the parties; a second deal sentence only when those name fewer than two.
  const allDeal = sentences.filter((s) => s.paragraph >= 0 && DEAL_WORD.test(withoutAsides(s.text)));
  const orgsIn = (idx: number[]) => new Set(mentions.filter((m) => idx.includes(m.sentence)).map((m) => m.name)).size;
  const titleIdx = sentences.filter((s) => s.paragraph < 0).map((s) => s.index);
  const dealSentences = allDeal.slice(0, orgsIn([...titleIdx, ...allDeal.slice(0, 1).map((s) => s.index)]) >= 2 ? 1 : 2);
  // A round's investors are often named in the sentence after the lead ("The round is led by X, with participation from Y").
  if (type === 'investment' || type === 'joint_venture' || type === 'acquisition') {
    const list = type === 'acquisition' ? SELLER_LIST : INVESTOR_LIST;
    const firstBody = sentences.filter((s) => s.paragraph >= 0).slice(0, 5);
    for (const s of type === 'investment' ? [...new Set([...allDeal.slice(0, 4), ...firstBody])].sort((a, b) => a.index - b.index) : allDeal.slice(0, 4)) {
      if (otherDeal(s.text)) continue;
      if (!dealSentences.includes(s) && (list.test(s.text) || (type === 'acquisition' && namesSellerAfterFrom(s, mentions)))) dealSentences.push(s);
    }
  }
  // "The round was led by General Catalyst. Joining it were Accel, Plural and Saab.": a list of investors that goes on
  // in the next sentence is read with it.
  if (type === 'investment') {
    for (const s of [...dealSentences]) {
      const next = sentences.find((x) => x.index === s.index + 1 && x.paragraph >= 0);
      if (next && !dealSentences.includes(next) && INVESTOR_LIST.test(s.text) && INVESTOR_LIST.test(next.text) && !otherDeal(next.text)) dealSentences.push(next);
    }
  }
  // "Seven of the world's biggest carmakers said they would form a joint venture. BMW Group, General Motors … plan to
  // install …": when the headline and the deal sentences name no organisation, the sentence that follows names them.
  if (orgsIn([...titleIdx, ...dealSentences.map((s) => s.index)]) === 0 && dealSentences[0]) {
    const next = sentences.filter((s) => s.paragraph >= 0 && s.index > dealSentences[0]!.index).slice(0, 4).find((s) => orgsIn([s.index]) >= 2);
    if (next) dealSentences.push(next);
  }
  const focus = new Set<number>([...titleIdx, ...dealSentences.map((s) => s.index)]);
  const focusText = new Map(sentences.map((s) => [s.index, withoutAsides(s.text)]));
  // A new name that only appears as part of a longer new name ("Zeta" in "Zeta Labs") is the same organisation.
  const newNames = [...new Set(mentions.filter((m) => !m.known).map((m) => m.name))];
  const knownNames = [...new Set(mentions.filter((m) => m.known).map((m) => m.name))];
  const canonical = (m: OrgMention) => {
    if (m.known) return m.name;
    const key = normaliseText(m.name);
    // "Vodafone Group" when "Vodafone" is known: a corporate form after a known name is that organisation.
    const knownShort = knownNames.find((n) => corporateVariant(normaliseText(n), key));
    if (knownShort) return knownShort;
    const longer = newNames.find(
      (n) =>
        n !== m.name &&
        (corporateVariant(key, normaliseText(n)) ||
          ((normaliseText(n).startsWith(key + ' ') || normaliseText(n).endsWith(' ' + key)) && !namedApart(sentences, m.name, n))),
    );
    return longer ?? m.name;
  };
  const picked: PartyFinding[] = [];
  const seen = new Map<string, PartyFinding>();
  for (const m of mentions) {
    if (!focus.has(m.sentence)) continue;
    // Mentions blanked out as asides ("(NASDAQ: MSFT)") do not count.
    const text = focusText.get(m.sentence) ?? '';
    if (text.slice(m.at, m.end).trim() === '') continue;
    const name = canonical(m);
    const existing = seen.get(name);
    if (existing) {
      if (!existing.written.includes(m.written)) existing.written.push(m.written);
      continue;
    }
    if (isNonParty(name) || isNonParty(m.written) || inOwnedList(text, m.at) || commentator(text, m.at, m.end)) continue;
    // "… Expand Partnership to Deliver Galaxy Services": what a headline's purpose clause delivers is a product.
    const purpose = titleIdx.includes(m.sentence) ? /\bto\s+(\p{Lu}\p{Ll}+)\s+$/u.exec(text.slice(0, m.at)) : null;
    if (purpose && !/^(?:Acquire|Buy|Purchase|Merge|Invest|Sell|Partner|Join|Take|Form|License|Licence|Combine|Back|Fund|Bid)$/.test(purpose[1]!)) continue;
    // "Nokia to buy Infinera … — Fibre & Signal": a page title ends with the site's name after a dash or a bar.
    if (titleIdx.includes(m.sentence) && /\S\s+[—–|-]\s+$/.test(text.slice(0, m.at)) && /^[\s.]*$/.test(text.slice(m.end))) continue;
    // "Skyworks and Qorvo finally do the obvious deal. Apple will be watching": in a headline of two clauses, a name in
    // the clause without the deal is a bystander.
    if (titleIdx.includes(m.sentence) && /[.!?;]\s/.test(text)) {
      const from = Math.max(...[...text.slice(0, m.at).matchAll(/[.!?;]\s/g)].map((x) => x.index + 1), 0);
      const next = text.slice(m.end).search(/[.!?;](?:\s|$)/);
      const clause = text.slice(from, next < 0 ? undefined : m.end + next);
      if (!DEAL_WORD.test(clause) && DEAL_WORD.test(text)) continue;
    }
    // Rivals named for comparison ("as it races Microsoft and Google", "competes with X") are not in the deal.
    if (RIVAL_BEFORE.test(text.slice(Math.max(0, m.at - 50), m.at))) continue;
    const p: PartyFinding = { name, role: 'partner', known: m.known, how: m.how, written: [m.written], roleFrom: 'default', inTitle: titleIdx.includes(m.sentence) };
    seen.set(name, p);
    picked.push(p);
  }
  // "HP" and "Hewlett-Packard", "IBM" and "International Business Machines": initials of another party are that party.
  for (let i = picked.length - 1; i >= 0; i--) {
    const short = picked[i]!;
    if (!/^\p{Lu}{2,5}$/u.test(short.name)) continue;
    const long = picked.find((p) => p !== short && initials(p.name) === short.name);
    if (!long) continue;
    const keep = short.known && !long.known ? short : long;
    const gone = keep === short ? long : short;
    for (const w of gone.written) if (!keep.written.includes(w)) keep.written.push(w);
    keep.inTitle = keep.inTitle || gone.inTitle;
    picked.splice(picked.indexOf(gone), 1);
    seen.set(gone.name, keep);
  }
  // New organisations need support beyond one mention in a deal sentence unless a deal verb points at them.
  const parties = picked.slice(0, LIMITS.parties);
  if (type === 'merger' || type === 'joint_venture' || type === 'mou' || type === 'partnership' || type === 'settlement') {
    const subjects = new Set<string>();
    for (const s of [...sentences.filter((x) => x.paragraph < 0), ...dealSentences]) {
      const text = withoutAsides(s.text);
      const placed = mentions
        .filter((m) => m.sentence === s.index && text.slice(m.at, m.end).trim() !== '')
        .map((m) => ({ name: canonical(m), at: m.at, end: m.end }));
      const verb = PARTNER_VERB.exec(text);
      let prev: (typeof placed)[number] | undefined;
      for (const x of placed) {
        const before = text.slice(Math.max(0, x.at - 40), x.at);
        const after = text.slice(x.end, x.end + 40);
        // "a partner with Stellantis and TotalEnergies": a name listed after a partner is a partner too.
        const listedAfter = !!prev && subjects.has(prev.name) && /^(?:,\s|\s+and\s+|,\s+and\s+)$/.test(text.slice(prev.end, x.at));
        if (!verb || x.at < verb.index || PARTNER_WITH.test(before) || PARTNER_VERB_AFTER.test(after) || listedAfter) subjects.add(x.name);
        prev = x;
      }
    }
    const kept = parties.filter((p) => subjects.has(p.name));
    const out = sameCompanyMerged(kept.length >= 2 ? kept : parties);
    for (const p of out) p.role = 'partner';
    if (type === 'merger' && out.length === 2) buyerInMerger(sentences, out as [PartyFinding, PartyFinding]);
    // A settlement that licenses patents and says who pays ("OPPO will make royalty payments"): licensee and licensor.
    if (type === 'settlement' && out.length === 2) payerIsLicensee(sentences, out as [PartyFinding, PartyFinding]);
    return out;
  }
  if (!type) return parties;
  // Roles from the headline and the deal sentences first; parties still without one look further down the article
  // ("The $20 billion takeover of Figma by Adobe was announced in 2022").
  const later = sentences.filter((s) => s.paragraph >= 0 && !dealSentences.includes(s)).slice(0, 12);
  const roleSources = [...sentences.filter((s) => s.paragraph < 0), ...dealSentences, ...later];
  const dropped = new Set<string>();
  const weakRoles = new Set<string>();
  for (const s of roleSources) {
    const text = withoutAsides(s.text);
    // A later sentence about some other deal of the same company gives no roles in this one.
    if (later.includes(s) && otherDeal(text)) continue;
    const placed = mentions
      .filter((m) => m.sentence === s.index && text.slice(m.at, m.end).trim() !== '')
      .map((m) => ({ name: canonical(m), at: m.at }))
      .filter((m) => seen.has(m.name));
    const { roles, drop, weak } = rolesFromSentence(text, placed, type);
    for (const name of drop) dropped.add(name);
    // A seller named outright ("from ByteDance") turns a possessive guess ("TikTok's business") into the target.
    const namedSeller = [...roles].some(([n, r]) => r === 'seller' && !weak.has(n));
    if (namedSeller) {
      for (const name of weakRoles) {
        const p = seen.get(name);
        if (p && p.role === 'seller' && !roles.has(name)) {
          p.role = 'target';
          weakRoles.delete(name);
        }
      }
    }
    for (const [name, role] of roles) {
      if (dropped.has(name)) continue;
      const p = seen.get(name);
      if (p && (p.roleFrom === 'default' || (weakRoles.has(name) && !weak.has(name) && role !== p.role))) {
        p.role = role;
        p.roleFrom = 'wording';
        if (weak.has(name)) weakRoles.add(name);
        else weakRoles.delete(name);
      }
    }
  }
  /** Gives `name` its role from the wording: the party it already is, or a new party (at `at`) when there is room. */
  const giveRole = (m: OrgMention, name: string, role: PartyRole, at: number) => {
    const known = seen.get(name);
    const p = known && parties.includes(known) ? known : parties.find((x) => x.name === name);
    if (p) {
      p.role = role;
      p.roleFrom = 'wording';
    } else if (parties.length < LIMITS.parties) {
      const found: PartyFinding = { name, role, known: m.known, how: m.how, written: [m.written], roleFrom: 'wording' };
      seen.set(name, found);
      parties.splice(at, 0, found);
    }
  };
  // "Meta has finally found a home for Giphy. Shutterstock … agreed to buy the GIF search engine from Meta": the thing
  // bought is described, not named; the company the sentence before names (and no other party is) is the target.
  if ((type === 'acquisition' || type === 'divestiture') && !parties.some((p) => p.role === 'target') && parties.some((p) => p.role === 'acquirer')) {
    const buyDescribed = [...dealSentences, ...later.slice(0, 3)].find((s) => /\b(?:buy|acquire|purchase|bought|acquired|purchased)\s+the\s+(?:[\p{L}-]+\s){1,4}(?:from|for)\b/u.test(s.text));
    if (buyDescribed) {
      // The nearest sentence before it that names exactly one company not yet a party.
      let earlier: OrgMention[] = [];
      let named: string[] = [];
      for (let i = buyDescribed.index - 1; i >= buyDescribed.index - 2 && named.length === 0; i--) {
        if ((sentences.find((x) => x.index === i)?.paragraph ?? -1) < 0) break;
        earlier = mentions.filter((m) => m.sentence === i);
        named = [...new Set(earlier.map((m) => canonical(m)))].filter((n) => (!seen.has(n) || seen.get(n)!.roleFrom === 'default') && !isNonParty(n));
      }
      if (named.length === 1) giveRole(earlier.find((x) => canonical(x) === named[0])!, named[0]!, 'target', 1);
    }
  }
  // "The buyer is Shenzhen Zhixin New Information Technology, a company set up …": a sentence of the opening that says
  // who the buyer is names the acquirer, also one the deal sentences left out.
  if (type === 'acquisition' || type === 'divestiture') {
    for (const s of sentences.filter((x) => x.paragraph >= 0).slice(0, 6)) {
      const said = BUYER_IS.exec(s.text);
      if (!said) continue;
      const at = said.index + said[0].length;
      const m = mentions.find((x) => x.sentence === s.index && x.at >= at && x.at <= at + 4);
      if (!m || isNonParty(m.name)) continue;
      giveRole(m, canonical(m), 'acquirer', 0);
      break;
    }
  }
  // A company named only in passing in the lead ("… the first Indian company to assemble Apple's phones") is not a
  // party when the wording gives the deal's roles to others; nor is the former owner of a unit being sold on.
  const worded = parties.filter((p) => p.roleFrom === 'wording').length;
  const graded = type === 'acquisition' || type === 'divestiture' || type === 'investment' || type === 'licensing';
  for (let i = parties.length - 1; i >= 0; i--) {
    const p = parties[i]!;
    if ((dropped.has(p.name) && p.roleFrom === 'default') || (graded && worded >= 2 && p.roleFrom === 'default' && !p.inTitle)) parties.splice(i, 1);
  }
  // A licence has two sides: once the wording names one ("lets OpenAI use …" makes OpenAI the licensee), the parties
  // it gave no role are on the other side.
  if (type === 'licensing') {
    const has = (r: PartyRole) => parties.some((p) => p.roleFrom === 'wording' && p.role === r);
    // With both sides named, one licensee taking from several ("OpenAI … with Le Monde and Prisa Media") is the usual
    // shape: the rest stand with the licensors.
    const count = (r: PartyRole) => parties.filter((p) => p.roleFrom === 'wording' && p.role === r).length;
    const other: PartyRole | undefined =
      has('licensee') && !has('licensor') ? 'licensor' : has('licensor') && !has('licensee') ? 'licensee' : count('licensee') === 1 ? 'licensor' : count('licensor') === 1 ? 'licensee' : undefined;
    if (other) for (const p of parties) if (p.roleFrom === 'default') p.role = other;
    if (other) for (const p of parties) if (p.role === other) p.roleFrom = 'wording';
  }
  for (const p of parties) {
    if (p.roleFrom === 'default') p.role = DEFAULT_ROLE[type];
  }
  // An investment has one investee: without wording, the last-named organisation in the title is the likeliest.
  if (type === 'investment' && !parties.some((p) => p.role === 'investee') && parties.length > 1) {
    parties[parties.length - 1]!.role = 'investee';
  }
  if (type === 'acquisition' && !parties.some((p) => p.role === 'acquirer')) {
    const first = parties.find((p) => p.roleFrom === 'default');
    if (first) first.role = 'acquirer';
  }
  if (type === 'acquisition' && parties.length === 2 && !parties.some((p) => p.role === 'target')) {
    const [a, b] = parties as [PartyFinding, PartyFinding];
    // A buyer and a "seller" that sells nothing of its own ("scrapped Amazon's planned purchase of the robot vacuum
    // maker"): with no target named, the company being bought is the target.
    const seller = a.role === 'acquirer' && b.role === 'seller' ? b : b.role === 'acquirer' && a.role === 'seller' ? a : undefined;
    if (seller && !sellsPartOfItself(sentences, seller)) seller.role = 'target';
    // Two buyers and nothing bought ("Qualcomm has approached Intel about buying the company"): the second is bought.
    if (a.role === 'acquirer' && b.role === 'acquirer') b.role = 'target';
  }
  if (type === 'licensing' && parties.length === 2) payerIsLicensee(sentences, parties as [PartyFinding, PartyFinding]);
  return armForOwner(sentences, parties);
}

/**
 * "Global Payments said it had agreed to buy Total System Services in an all-stock merger": a merger the headline or
 * the lead tells as one company buying the other has a buyer and a bought, not two partners (a merger of equals, or
 * one that no sentence of the opening tells as a purchase, keeps its partners).
 */
function buyerInMerger(sentences: readonly Sentence[], parties: [PartyFinding, PartyFinding]): void {
  if (parties.some((p) => p.role !== 'partner')) return;
  const opening = sentences.filter((s) => s.paragraph < 0 || s.index <= 4).map((s) => s.text);
  if (opening.some((t) => /\bmerger of equals\b/i.test(t))) return;
  const [a, b] = parties;
  for (const [buyer, bought] of [[a, b], [b, a]] as const) {
    const buys = new RegExp(`(?:${namesOf(buyer)})\\b[^.;]{0,40}?\\b(?:to (?:buy|acquire|take over)|(?:buys|acquires|bought|acquired))\\s+(?:[\\p{Ll}-]+\\s+){0,4}?(?:${namesOf(bought)})\\b`, 'u');
    if (opening.some((t) => buys.test(t))) {
      buyer.role = 'acquirer';
      bought.role = 'target';
      return;
    }
  }
}

/** A party's name and every way the text wrote it, as one pattern. */
function namesOf(p: PartyFinding): string {
  return [p.name, ...p.written].map(escapeRe).join('|');
}

/**
 * "Apple will make an up-front cash payment to Nokia", "Samsung will make payments to Nokia": in a licence between two
 * companies the one that pays is the licensee and the other the licensor, whatever order the story names them in.
 */
function payerIsLicensee(sentences: readonly Sentence[], parties: [PartyFinding, PartyFinding]): void {
  for (const [payer, payee] of [parties, [parties[1], parties[0]]] as const) {
    const pays = new RegExp(`(?<![\\p{L}])(?:${namesOf(payer)})(?![\\p{L}])\\s+(?:will |would |is to |has agreed to |agreed to )?(?:make|makes|made|pay|pays|paid)\\b[^.;]{0,60}?\\b(?:payments?|royalt\\w+|fees?|to (?:${namesOf(payee)})(?![\\p{L}])|for (?:the )?(?:use of|rights to|a licen[cs]e))`, 'u');
    if (sentences.some((s) => s.paragraph >= 0 && pays.test(withoutAsides(s.text)))) {
      payer.role = 'licensee';
      payee.role = 'licensor';
      payer.roleFrom = 'wording';
      payee.roleFrom = 'wording';
      return;
    }
  }
}

/** "Wistron sells its Indian iPhone plant", "the sale of its storage unit": the seller parts with a piece of itself. */
function sellsPartOfItself(sentences: readonly Sentence[], seller: PartyFinding): boolean {
  const names = namesOf(seller);
  const re = new RegExp(`(?<![\\p{L}])(?:${names})(?![\\p{L}])[^.]{0,80}?\\b(?:sell(?:s|ing)?|sold|sale of|divest\\w*|spin(?:s|ning)? off|carve-out of)\\s+(?:its|their|a|the|part of|most of|some of)\\b|\\b(?:sell(?:s|ing)?|sold|sale of|divest\\w*)\\s+(?:its|their)\\s+[^.]{0,60}\\b(?:unit|division|business|arm|plant|assets?|stake|operations?|subsidiary)\\b`, 'iu');
  // "Samsung's hard-drive unit", "the enterprise business of Motorola Solutions": a part of the company is bought.
  const part = '(?:unit|units|division|business|businesses|arm|plant|assets|operations|subsidiary)';
  const owned = new RegExp(`(?<![\\p{L}])(?:${names})['’]s?\\s+(?:[\\p{L}-]+\\s+){0,4}?${part}\\b|\\b${part}\\s+of\\s+(?:${names})(?![\\p{L}])`, 'iu');
  return sentences.some((s) => re.test(s.text) || owned.test(s.text));
}

/**
 * "raises $235 million from Salesforce, Google …" in the headline, "led by Salesforce Ventures" in the lead: when the
 * body names a company only as part of its investment arm, the headline's short name is that arm, one party.
 */
function armForOwner(sentences: readonly Sentence[], parties: PartyFinding[]): PartyFinding[] {
  return parties.filter((p) => {
    const arm = parties.find((q) => q !== p && new RegExp(`^${escapeRe(p.name)} (?:Ventures|Capital|Investments)$`, 'u').test(q.name));
    if (!arm) return true;
    const alone = sentences.some((s) => s.paragraph >= 0 && new RegExp(`(?<![\\p{L}])${escapeRe(p.name)}(?![\\p{L}]|\\s(?:Ventures|Capital|Investments)\\b)`, 'u').test(s.text));
    if (alone) return true;
    arm.inTitle = arm.inTitle || p.inTitle;
    for (const w of p.written) if (!arm.written.includes(w)) arm.written.push(w);
    return false;
  });
}
