// Stage 3 of a question: what it asks for (the ask), what it constrains (years, deal type, status, roles) and how it
// aggregates (biggest, latest, how many). Pure: reads the words and the name spans found in stage 2. Every word it
// reads as grammar is "consumed" and never matched against deals, so "is it still happening" costs no answer.
import type { DealStatus, DealType, PartyRole } from '../../deals/schema.ts';
import { YEAR_RE } from './normalise.ts';
import type { NameSpan } from './names.ts';
import {
  LIST_WORDS,
  ORDER_WORDS,
  PAY_WORDS,
  SELL_WORDS,
  STATUS_PHRASES,
  STATUS_WORDS,
  STOP_WORDS,
  TYPE_PHRASES,
  TYPE_WORDS,
  type OrderWord,
} from '../vocabulary/words.ts';

export type Ask = 'show' | 'value' | 'announced' | 'closed' | 'status' | 'binding' | 'parties' | 'count' | 'list';

export interface Intent {
  ask: Ask;
  /** For `parties`: the roles of the party asked about ("who bought X": acquirer). Undefined: every party. */
  askedRoles?: readonly PartyRole[] | undefined;
  /** Per name span (same order): the roles the question gives it ("how much did oracle pay for github"). */
  nameRoles: (readonly PartyRole[] | undefined)[];
  types: DealType[];
  /** A status the question states ("called off", "completed"). */
  status?: DealStatus | undefined;
  /** Years stated on their own or after "in" (any of them). */
  years: number[];
  /** "since 2020", "before 2016", "between 2015 and 2018" (inclusive years). */
  fromYear?: number | undefined;
  toYear?: number | undefined;
  /**
   * Years of the closing date, for lists and counts: a year phrase right after a word of closing or ending ("how many
   * deals closed in 2022", "acquisitions completed since 2021", "deals called off in 2019"). In a question about one
   * deal these are read as the other years are (announced), as before.
   */
  closedYears: number[];
  closedFromYear?: number | undefined;
  closedToYear?: number | undefined;
  order?: OrderWord | undefined;
  /** "deals worth over 60 billion": bounds on the value in approximate US dollars. */
  minUsd?: number | undefined;
  maxUsd?: number | undefined;
  /** "over 20 billion", "more than", "under", "less than": the bound itself is left out ("at least", "at most" keep it). */
  minStrict?: boolean | undefined;
  maxStrict?: boolean | undefined;
  /** "bought for 19 billion": a stated amount (approximate US dollars), which prefers deals of about that value. */
  amountUsd?: number | undefined;
  /** "top 5", "three biggest". */
  limit?: number | undefined;
  /** The deal types were read from verbs only ("has sony bought", "did google sell"), not from nouns ("acquisitions"). */
  typesFromVerbs?: boolean | undefined;
  /**
   * The question says buying outright ("buy", "acquired", "took over", "takeover"), and nothing of investing: a deal
   * recorded as an investment is not what it asks about ("when did sony buy epic games" is no question about Sony's
   * stake in Epic).
   */
  outright?: boolean | undefined;
  /** The question wants several deals (plural deal words, "all", "list", ranges, aggregates in the plural). */
  plural: boolean;
  /** Positions of words in a deal verb's object slot that are no company name (see rank.ts). */
  slots: Set<number>;
  /** Words describing the party a which-question asks about ("which chinese giant bought …"): weak evidence. */
  described?: Set<number> | undefined;
  /** Word positions read as grammar or constraints: not matched against deals. */
  consumed: Set<number>;
}

const AGENT_BUY: readonly PartyRole[] = ['acquirer', 'investor'];
const OBJECT_BUY: readonly PartyRole[] = ['target', 'investee', 'seller'];
const AGENT_INVEST: readonly PartyRole[] = ['investor', 'acquirer'];
const OBJECT_INVEST: readonly PartyRole[] = ['investee', 'target'];
const SELLER: readonly PartyRole[] = ['seller'];
const SOLD: readonly PartyRole[] = ['target'];
const PARTNER: readonly PartyRole[] = ['partner', 'licensor', 'licensee'];

type VerbClass = 'buy' | 'invest' | 'sell' | 'partner';

const PASSIVE = new Set('bought acquired purchased sold invested backed funded taken owned sold acquired merged'.split(' '));
const NOUNS = new Set(
  'acquisition acquisitions takeover takeovers purchase purchases buyout buyouts investment investments stake stakes funding sale sales merger mergers bid bids offer'.split(
    ' ',
  ),
);
const YES_NO_START = new Set('did does do is was were are has have had will can could would'.split(' '));
const WHEN_WORDS = new Set(['when']);
const WHEN_PAIRS = [
  ['what', 'year'],
  ['which', 'year'],
  ['what', 'date'],
  ['which', 'date'],
  ['what', 'month'],
  ['how', 'long', 'ago'],
  ['what', 'day'],
];
const VALUE_WORDS = new Set(
  'price priced prices pricetag cost costs costed worth value valued valuation valuing pay paid pays paying spend spent spending amount sum bill headline commit commits committed committing pledge pledged pledging'.split(' '),
);
const PARTY_NOUNS = new Set(
  'company companies firm firms buyer buyers acquirer acquirers investor investors partner partners one ones business businesses startup startups group groups brand brands bidder bidders backer backers owner owners parties party side sides'.split(
    ' ',
  ),
);
const PLURAL_DEAL_WORDS = new Set(
  'deals acquisitions investments mergers partnerships settlements takeovers purchases mous jvs ventures buyouts divestitures licences licenses agreements transactions stakes'.split(
    ' ',
  ),
);
const SINGULAR_DEAL_WORDS = new Set(
  'deal acquisition investment merger partnership settlement takeover purchase mou jv venture buyout divestiture licence license agreement transaction stake one'.split(' '),
);
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20 };
/** Status questions ("is it still on"): words that make a yes/no question about whether it happened. */
const STATUS_ASK_WORDS = new Set('still status happen happened happening succeed succeeded fail failed approved approve ahead through alive on dead over'.split(' '));
const CLOSING_WORDS = new Set('close closed closing complete completed completion finish finished finalised finalized end ended terminated wrap wrapped wraps quits approve approved approval clear cleared'.split(' '));
/** "how many acquisitions has nvidia made / done / announced". */
const MADE_WORDS = new Set('made make makes done do did does completed announced announce struck strike signed closed'.split(' '));
/** Verbs of getting that act as "buy" between two named companies ("when did tencent get supercell"). */
const GET_WORDS = new Set('get got gets getting grab grabs grabbed snap snaps snapped nab nabbed scoop scooped'.split(' '));
/** Nouns that make the words before them a description ("the roomba maker") rather than a name. */
const HEAD_NOUNS = new Set(
  'maker makers developer developers publisher publishers studio studios company companies firm firms startup startups business businesses app apps platform service unit division operator owner brand chain network site manufacturer producer creator designer provider specialist group'.split(' '),
);
/** Verb forms of deal words: a type read only from these is everyday buying or selling, not a stated kind of deal. */
const VERB_FORMS = new Set('buy buys bought buying acquire acquires acquired acquiring purchased purchasing invest invests invested investing backed funded sell sells sold selling'.split(' '));
/** Auxiliaries that put the name after them in the subject of an active verb ("what has nvidia bought"). */
const AUXILIARIES = new Set('has have had did does do will would could can'.split(' '));
/** Role nouns after a name ("deals where softbank was the seller", "google as a buyer"): the role it played. */
const ROLE_NOUNS: Record<string, readonly PartyRole[]> = {
  seller: ['seller'], sellers: ['seller'], vendor: ['seller'],
  buyer: ['acquirer'], buyers: ['acquirer'], acquirer: ['acquirer'], acquirers: ['acquirer'], purchaser: ['acquirer'], bidder: ['acquirer'],
  target: ['target'], targets: ['target'],
  investor: ['investor'], investors: ['investor'], backer: ['investor'], backers: ['investor'],
  investee: ['investee'],
  licensor: ['licensor'], licensee: ['licensee'],
};
/** Words between a name and its role noun ("softbank was the seller", "google as a buyer", "meta acting as seller"). */
const ROLE_GLUE = new Set('as was were is the a an acting been being'.split(' '));
/**
 * Generic nouns and glue of counting and listing that name nothing to match in a deal: "how many companies has sony
 * acquired", "is samsung a party to", "how many times did uber sell a business", "largest tech acquisitions".
 */
const GENERIC_WORDS = new Set(
  'company companies firm firms business businesses startup startups party parties part involved involve involves involving overall total altogether tech technology times money cash funds'.split(' '),
);
/**
 * Chat and shorthand a list or count carries besides what it asks ("deals you have on file", "how many deals r there",
 * "any on record"): never a topic to filter on.
 */
const LIST_CHAT_WORDS = new Set(
  'r u ur file files record records there exist exists stored tracked known any ever overall including incl inclusive plus disclosed whole entire db dataset data corpus collection catalog catalogue everything altogether'.split(' '),
);
/** Words that negate the status word after them ("havent closed"). */
const NEGATIONS = new Set('not never havent hasnt hadnt didnt isnt arent wasnt werent unable failed'.split(' '));
/** Words before a status phrase that widen a list to it rather than restrict it ("including any that fell through"). */
const INCLUSIVE_WORDS = new Set('including incl include includes inclusive even plus also'.split(' '));
/** Who blocks deals: read with a status word ("blocked by regulators"), never a word to find. */
const BLOCKERS = new Set('regulators regulator regulatory antitrust authorities watchdog watchdogs government governments competition'.split(' '));
/** Verbs of receiving: the company before them was invested in or bought ("how many investments has openai received"). */
const RECEIVE_WORDS = new Set('received receive receives receiving raised raise raises raising secured secure attracted landed'.split(' '));
/** Relative years: "this year", "last year", "the last 3 years", "past two years". */
const RELATIVE_SPAN = new Set(['last', 'past', 'previous']);

/** "who ended up with giphy", "who wound up owning it": the one who ended up with a company bought it. */
const ENDED_WITH: readonly (readonly string[])[] = [
  ['ended', 'up', 'with'], ['end', 'up', 'with'], ['ends', 'up', 'with'], ['wound', 'up', 'with'], ['ending', 'up', 'with'],
];
/** "how many billions was it", "how many millions did they pay": an amount asked, not a count. */
const AMOUNT_UNITS = new Set('billions billion millions million bucks dollars usd euros pounds yen crore crores lakh lakhs rupees'.split(' '));
/** A deal verb sets roles only when a named company is this close to it (words between): "im writing about firms buying
 * startups - when did hitachi announce the globallogic deal" says nothing about Hitachi's role. */
const VERB_REACH = 4;

/** Buying a part of a company is investing ("buy shares in", "a minority piece of"): never buying outright. */
const PART_WORDS = new Set('share shares equity minority percent pct portion piece slice chunk'.split(' '));
/** Words that open a chat question before its first real word ("so did…", "ok is…", "hey quick one, was…"). */
const OPENERS = new Set('so ok okay hey hi hello well and but yo um uh right alright quick q also then now sorry btw anyway oh lol'.split(' '));

/**
 * Words of a deal completing or ending: a year phrase right after one dates the closing, not the announcement ("deals
 * that closed in 2022", "were terminated in 2020", "wrapped up by 2021"). Not "approved" or "tried".
 */
const CLOSE_DATE_WORDS = new Set(
  'close closed closes closing complete completed completes completing completion finish finished finalise finalised finalize finalized finalising end ended ends wrap wrapped terminated termination cancelled canceled scrapped abandoned collapsed dropped killed axed withdrawn ditched blocked failed'.split(' '),
);
/** Words of announcing: a year phrase right after one is the announcement's ("announced in 2020 that closed in 2021"). */
const ANNOUNCE_DATE_WORDS = new Set('announced announce announces unveiled revealed agreed signed struck launched'.split(' '));
/** Words between a closing word and its year: prepositions, "the year of", "up", a company after "by". */
const DATE_GLUE = new Set('in since after before until till through throughout within by during from starting of as prior to up the year years early late mid between and on around back'.split(' '));

/**
 * Verbs of making in a purpose after "to" ("teamed up to build electric cars", "partnered to develop chips"): what is
 * made is the deal's subject, the verb itself names nothing a deal would contain.
 */
const PURPOSE_VERBS = new Set('build builds building make develop design create produce manufacture launch offer bring work'.split(' '));
/** After a name that follows a verb of selling, these begin what was sold: "sold apple its modem business". */
const THING_SOLD = new Set('its their his her the a an most part some all half'.split(' '));

/** Verbs asking for an order ("rank … by how much", "sort them by date"). */
const RANK_WORDS = new Set('rank ranked ranking sort sorted order ordered'.split(' '));

/** "who owns whatsapp": owning reads as having bought. */
const OWN_WORDS = new Set('own owns owned owning owner owners'.split(' '));

/**
 * Every word this stage reads by itself, for the question's spelling check (index.ts): a misspelt one the deals
 * do not contain ("anounced", "acquisitons", "companys") is read as the word meant, not looked for as a topic.
 */
export const INTENT_WORDS: ReadonlySet<string> = new Set(
  [PASSIVE, NOUNS, VALUE_WORDS, PARTY_NOUNS, PLURAL_DEAL_WORDS, SINGULAR_DEAL_WORDS, STATUS_ASK_WORDS, CLOSING_WORDS, MADE_WORDS, GET_WORDS, HEAD_NOUNS, VERB_FORMS, GENERIC_WORDS, LIST_CHAT_WORDS, RECEIVE_WORDS, AMOUNT_UNITS, CLOSE_DATE_WORDS, ANNOUNCE_DATE_WORDS, OWN_WORDS]
    .flatMap((set) => [...set])
    .concat(Object.keys(ROLE_NOUNS)),
);

/** Years stated for one date: on their own or after "in" (any of them), and a range. */
interface YearSpan {
  years: number[];
  from?: number | undefined;
  to?: number | undefined;
}

function verbClassOf(w: string, type: DealType | undefined): VerbClass | undefined {
  if (SELL_WORDS.has(w) || type === 'divestiture') return 'sell';
  if (PAY_WORDS.has(w) || type === 'acquisition' || type === 'merger') return 'buy';
  if (type === 'investment') return 'invest';
  if (type === 'partnership' || type === 'mou' || type === 'joint_venture' || type === 'licensing') return 'partner';
  return undefined;
}

export function parseIntent(words: string[], names: NameSpan[], opts: { thisYear?: number; clauses?: number[] } = {}): Intent {
  const thisYear = opts.thisYear ?? new Date().getUTCFullYear();
  const clause = (i: number) => opts.clauses?.[i] ?? 0;
  const consumed = new Set<number>();
  const nameAt = new Map<number, number>();
  names.forEach((s, k) => {
    for (let i = s.start; i < s.end; i++) nameAt.set(i, k);
  });
  const isWord = (i: number, w: string) => words[i] === w && !nameAt.has(i);
  const free = (i: number) => i >= 0 && i < words.length && !nameAt.has(i);
  const has = (w: string) => words.some((x, i) => x === w && !nameAt.has(i));
  const seq = (i: number, phrase: readonly string[]) => phrase.every((p, k) => isWord(i + k, p));
  const findSeq = (phrase: readonly string[]) => {
    for (let i = 0; i + phrase.length <= words.length; i++) if (seq(i, phrase)) return i;
    return -1;
  };
  const eat = (i: number, n = 1) => {
    for (let k = i; k < i + n; k++) consumed.add(k);
  };

  // Deal types and statuses, phrases first.
  const types: DealType[] = [];
  const addType = (t: DealType) => {
    if (!types.includes(t)) types.push(t);
  };
  let status: DealStatus | undefined;
  const verbs: { at: number; cls: VerbClass; noun: boolean; passiveForm: boolean }[] = [];
  let nounType = false;
  let outrightWord = false;
  /** Positions of words (or phrases' last words) of closing or ending. */
  const closingAt = new Set<number>();
  words.forEach((w, i) => free(i) && CLOSE_DATE_WORDS.has(w) && closingAt.add(i));
  for (let i = 0; i < words.length; i++) {
    if (!free(i)) continue;
    const ew = ENDED_WITH.find((p) => seq(i, p));
    if (ew) {
      // "who ended up with giphy": whoever ended up with it bought it.
      verbs.push({ at: i + ew.length - 1, cls: 'buy', noun: false, passiveForm: false });
      eat(i, ew.length);
      i += ew.length - 1;
      continue;
    }
    const tp = TYPE_PHRASES.find(([p]) => seq(i, p));
    if (tp) {
      addType(tp[1]);
      if (tp[1] === 'acquisition') outrightWord = true;
      if (tp[0][0] === 'joint' || tp[0][0] === 'memorandum' || tp[0][0] === 'patent') nounType = true;
      const cls = verbClassOf('', tp[1]);
      if (cls) verbs.push({ at: i, cls, noun: false, passiveForm: tp[0][0] === 'taken' });
      eat(i, tp[0].length);
      i += tp[0].length - 1;
      continue;
    }
    const sp = STATUS_PHRASES.find(([p]) => seq(i, p));
    if (sp) {
      // "went through", "called off", "fell through": the phrase's last word ends it, as a closing word would.
      if (sp[1] === 'completed' || sp[1] === 'terminated') closingAt.add(i + sp[0].length - 1);
      // "including any that fell through", "even the failed ones": every status, not only the stated one.
      const widens = [1, 2, 3, 4, 5].some((d) => INCLUSIVE_WORDS.has(words[i - d] ?? ''));
      if (!widens) status ??= sp[1];
      eat(i, sp[0].length);
      i += sp[0].length - 1;
      continue;
    }
    const w = words[i]!;
    const t = TYPE_WORDS[w];
    const cls = verbClassOf(w, t);
    if (t && !(t === 'divestiture' && SELL_WORDS.has(w))) {
      addType(t);
      if (t === 'acquisition' && !/^(buyer|buyers)$/.test(w)) outrightWord = true;
      if (!VERB_FORMS.has(w)) nounType = true;
    }
    if (SELL_WORDS.has(w) || t === 'divestiture') {
      // "sold" is a sale from the seller's side: the buyer made an acquisition.
      if (!types.includes('divestiture') && !types.includes('acquisition')) addType('acquisition');
    }
    if (cls || PAY_WORDS.has(w)) {
      verbs.push({ at: i, cls: cls ?? 'buy', noun: NOUNS.has(w), passiveForm: PASSIVE.has(w) });
      eat(i);
      continue;
    }
    if (OWN_WORDS.has(w)) {
      verbs.push({ at: i, cls: 'buy', noun: w.startsWith('owner'), passiveForm: w === 'owned' });
      eat(i);
      continue;
    }
    if (w === 'bid' || w === 'bids' || w === 'offer') {
      addType('acquisition');
      verbs.push({ at: i, cls: 'buy', noun: true, passiveForm: false });
      eat(i);
      continue;
    }
    // "open deals", "still open": neither completed nor ended.
    if (w === 'open' && (PLURAL_DEAL_WORDS.has(words[i + 1] ?? '') || words[i - 1] === 'still')) {
      status ??= 'pending';
      eat(i);
      continue;
    }
    const st = STATUS_WORDS[w];
    if (st) {
      // "deals that havent closed", "not completed yet", "yet to close": not completed is still pending.
      const negated = st === 'completed' && (NEGATIONS.has(words[i - 1] ?? '') || (words[i - 1] === 'to' && words[i - 2] === 'yet') || (/^(been|yet)$/.test(words[i - 1] ?? '') && NEGATIONS.has(words[i - 2] ?? '')));
      if (![1, 2, 3, 4, 5].some((d) => INCLUSIVE_WORDS.has(words[i - d] ?? ''))) status ??= negated ? 'pending' : st;
      eat(i);
    }
  }
  // "joint venture" / "venture": a JV word alone.
  if (has('venture') && !types.includes('joint_venture') && !has('capital')) {
    addType('joint_venture');
    words.forEach((w, i) => w === 'venture' && free(i) && eat(i));
  }

  // Years and ranges: of the announcement, or of the closing when a closing word comes just before the year phrase.
  const announcedSpan: YearSpan = { years: [] };
  const closedSpan: YearSpan = { years: [] };
  const spanAt = (i: number): YearSpan => {
    // Back from the year phrase's first word, over prepositions and glue (and "by <company>"), to the nearest word
    // of closing or announcing, in the same clause.
    for (let j = i - 1, steps = 0; j >= 0 && steps < 5 && clause(j) === clause(i); j--, steps++) {
      if (closingAt.has(j)) return closedSpan;
      const k = nameAt.get(j);
      if (k !== undefined) {
        const s = names[k]!;
        if (words[s.start - 1] !== 'by') return announcedSpan;
        j = s.start - 1;
        continue;
      }
      if (ANNOUNCE_DATE_WORDS.has(words[j]!)) return announcedSpan;
      if (!DATE_GLUE.has(words[j]!) && !YEAR_RE.test(words[j]!)) return announcedSpan;
      if (j === 0 || clause(j - 1) !== clause(i)) return openingSpan(i);
    }
    return i === 0 || clause(i - 1) !== clause(i) ? openingSpan(i) : announcedSpan;
  };
  // "in 2023 how many deals were terminated", "by end of 2015, how many had closed": a year phrase opening the
  // question dates the closing or ending it goes on to ask about, when nothing in it speaks of announcing.
  const openingSpan = (i: number): YearSpan =>
    [...closingAt].some((k) => k > i) && !words.some((w, k) => free(k) && ANNOUNCE_DATE_WORDS.has(w)) ? closedSpan : announcedSpan;
  // Relative: "this year", "last year", "in the last two years" (whole announced years, counted back from this one).
  for (let i = 0; i < words.length; i++) {
    if (!free(i) || consumed.has(i)) continue;
    const w = words[i]!;
    const lead = (words[i - 1] === 'the' ? 1 : 0) + (words[i - 1 - (words[i - 1] === 'the' ? 1 : 0)] === 'in' || words[i - 1 - (words[i - 1] === 'the' ? 1 : 0)] === 'over' ? 1 : 0);
    if ((w === 'this' || RELATIVE_SPAN.has(w)) && (words[i + 1] === 'year') && free(i + 1)) {
      const span = spanAt(i - lead);
      if (w === 'this') span.years.push(thisYear);
      else if (w === 'last' || w === 'previous') span.years.push(thisYear - 1);
      else span.from = thisYear - 1;
      eat(i - lead, lead + 2);
    } else if (RELATIVE_SPAN.has(w) && free(i + 1) && free(i + 2) && /^(years|yrs)$/.test(words[i + 2] ?? '')) {
      const n = NUMBERS[words[i + 1]!] ?? (/^\d{1,2}$/.test(words[i + 1]!) ? Number(words[i + 1]) : 0);
      if (n > 0) {
        spanAt(i - lead).from = thisYear - n;
        eat(i - lead, lead + 3);
      }
    }
  }
  for (let i = 0; i < words.length; i++) {
    if (!free(i) || !YEAR_RE.test(words[i]!)) continue;
    const y = Number(words[i]);
    const prev = words[i - 1];
    const prev2 = `${words[i - 2] ?? ''} ${prev ?? ''}`;
    eat(i);
    const next = words[i + 1];
    const fromOn = prev === 'from' && (next === 'on' || next === 'onwards' || next === 'onward' || next === 'to' || next === 'until');
    const between = prev === 'and' && words[i - 2] && YEAR_RE.test(words[i - 2]!) && words[i - 3] === 'between';
    // "between 2020 and 2022" and "from 2019 to 2021" are one phrase: dated by the word before its start.
    const span = between ? spanAt(i - 3) : prev === 'to' && YEAR_RE.test(words[i - 2] ?? '') && words[i - 3] === 'from' ? spanAt(i - 3) : spanAt(i);
    // "2021 onwards", "2022 and later", "2020 or after", "from 2019 on": from that year; "2016 or earlier": up to it;
    // "post 2020" / "pre 2016" (post-2020 normalised): after and before it.
    const next2 = `${next ?? ''} ${words[i + 2] ?? ''}`;
    const onwards = /^(onwards|onward|later|beyond)$/.test(next ?? '') || /^(and|or) (later|after|beyond|since|onwards|newer)$/.test(next2);
    const earlier = /^(and|or) (earlier|before|older|prior)$/.test(next2);
    if (!fromOn && (onwards || earlier) && (prev === undefined || !/^(since|after|before|until|till|between|from|to)$/.test(prev))) {
      if (onwards) span.from = y;
      else span.to = y;
      eat(i + 1, /^(and|or)$/.test(next ?? '') ? 2 : 1);
    } else if (prev === 'post' || prev === 'pre') {
      if (prev === 'post') span.from = y + 1;
      else span.to = y - 1;
      eat(i - 1);
    } else if (prev === 'since' || fromOn || prev === 'starting' || prev2 === 'as of' || prev2 === 'on or') {
      if (fromOn && next !== 'to' && next !== 'until') eat(i + 1);
      span.from = y;
      eat(i - 1);
    } else if (prev === 'after') {
      span.from = y + 1;
      eat(i - 1);
    } else if (prev === 'before' || prev2 === 'prior to') {
      span.to = y - 1;
      eat(i - 1);
    } else if (prev === 'until' || prev === 'till' || prev === 'through' || prev2 === 'up to' || prev === 'by' || (prev === 'to' && span.from !== undefined)) {
      span.to = y;
      eat(i - 1);
    } else if (prev2 === 'end of' && /^(by|until|till)$/.test(words[i - 3] === 'the' ? (words[i - 4] ?? '') : (words[i - 3] ?? ''))) {
      // "by end of 2015", "until the end of 2019": up to that year.
      span.to = y;
      eat(i - 2, 2);
    } else if (between) {
      span.from = Math.min(Number(words[i - 2]), y);
      span.to = Math.max(Number(words[i - 2]), y);
      const j = span.years.indexOf(Number(words[i - 2]));
      if (j >= 0) span.years.splice(j, 1);
    } else {
      span.years.push(y);
      // "during 2022", "throughout 2021", "around 2014": the year's own preposition, never a topic.
      if (prev === 'during' || prev === 'throughout' || prev === 'within' || prev === 'around' || prev === 'circa' || prev === 'roughly') eat(i - 1);
    }
  }
  const years = announcedSpan.years;
  let fromYear = announcedSpan.from;
  let toYear = announcedSpan.to;

  // Orders, counts and plurals.
  let order: OrderWord | undefined;
  let limit: number | undefined;
  /** "rank microsoft's acquisitions by how much it paid", "sort them by date": an order asked for, so a list. */
  let ranked = false;
  for (let i = 0; i < words.length; i++) {
    if (!free(i) || consumed.has(i)) continue;
    const w = words[i]!;
    const by = RANK_WORDS.has(w) ? words.indexOf('by', i + 1) : -1;
    if (by > i && by - i <= 6 && free(by)) {
      const what = words.slice(by + 1, by + 3);
      const byValue = (what[0] === 'how' && what[1] === 'much') || VALUE_WORDS.has(what[0] ?? '') || /^(size|money)$/.test(what[0] ?? '');
      const byDate = /^(date|when|year|time|age)$/.test(what[0] ?? '') || (what[0] === 'how' && /^(recent|new|old)$/.test(what[1] ?? ''));
      if (byValue || byDate) {
        order ??= byValue ? (/^(smallest|cheapest|lowest)$/.test(words[by + 3] ?? '') ? 'value_asc' : 'value_desc') : 'newest';
        ranked = true;
        eat(i);
        eat(by, what[0] === 'how' ? 3 : 2);
        continue;
      }
    }
    if (ORDER_WORDS[w] && !(w === 'first' && words[i + 1] === 'time')) {
      // "big"/"large"/"top" order only next to a deal word ("big deals"), never in "how big was it".
      if ((w === 'big' || w === 'large' || w === 'small' || w === 'huge') && !(PLURAL_DEAL_WORDS.has(words[i + 1] ?? '') || SINGULAR_DEAL_WORDS.has(words[i + 1] ?? ''))) continue;
      order ??= ORDER_WORDS[w];
      eat(i);
      if (words[i - 1] === 'most' || words[i - 1] === 'the') eat(i - 1);
    } else if (w === 'most' && (words[i + 1] === 'expensive' || words[i + 1] === 'valuable')) {
      order ??= 'value_desc';
      eat(i, 2);
    } else if ((w === 'highest' || w === 'lowest') && (VALUE_WORDS.has(words[i + 1] ?? '') || PLURAL_DEAL_WORDS.has(words[i + 1] ?? '') || SINGULAR_DEAL_WORDS.has(words[i + 1] ?? '') || /^(priced|valued)$/.test(words[i - 1] ?? ''))) {
      // "highest value acquisitions", "the lowest priced deals".
      order ??= w === 'highest' ? 'value_desc' : 'value_asc';
      eat(i);
      if (VALUE_WORDS.has(words[i + 1] ?? '')) eat(i + 1);
    } else if ((w === 'least' && words[i + 1] === 'expensive') || (w === 'worth' && words[i + 1] === 'the' && /^(most|least)$/.test(words[i + 2] ?? ''))) {
      // "the least expensive acquisitions", "deals worth the most".
      order ??= w === 'least' || words[i + 2] === 'least' ? 'value_asc' : 'value_desc';
      eat(i, w === 'least' ? 2 : 3);
    } else if (w === 'most' && /^(money|cash)$/.test(words[i + 1] ?? '') && free(i + 1)) {
      // "the most money spent on an acquisition", "who paid the most cash".
      order ??= 'value_desc';
      eat(i, 2);
    } else if (/^\d{1,2}$/.test(w) || NUMBERS[w]) {
      const n = NUMBERS[w] ?? Number(w);
      // "top 5", "3 biggest", "the 5 most recent", "5 most expensive".
      const next = words[i + 1] ?? '';
      const orderNext = ORDER_WORDS[next] || (next === 'most' && (ORDER_WORDS[words[i + 2] ?? ''] || /^(expensive|valuable)$/.test(words[i + 2] ?? '')));
      if (n > 0 && n <= 50 && (order || orderNext || words[i - 1] === 'top')) {
        limit = n;
        eat(i);
      }
    }
  }
  // Amounts ("4 billion", "68 7bn", "$500m"): a value, never a word to find in a deal.
  let minUsd: number | undefined;
  let maxUsd: number | undefined;
  let amountUsd: number | undefined;
  let minStrict: boolean | undefined;
  let maxStrict: boolean | undefined;
  const scaleOf = (u: string | undefined) => (/^(bn|b|billion)$/.test(u ?? '') ? 1e9 : /^(m|mn|million)$/.test(u ?? '') ? 1e6 : /^(tn|trillion)$/.test(u ?? '') ? 1e12 : 0);
  for (let i = 0; i + 3 < words.length; i++) {
    // "between 1 and 5 billion", "between 500m and 2bn": both bounds, the unit of the second for a bare first.
    if (!isWord(i, 'between') || !isWord(i + 2, 'and')) continue;
    const a = /^(\d+)(bn|b|m|mn)?$/.exec(words[i + 1]!);
    const b = /^(\d+)(bn|b|m|mn)?$/.exec(words[i + 3]!);
    if (!a || !b || !free(i + 1) || !free(i + 3)) continue;
    const unitB = b[2] ?? words[i + 4];
    const sb = scaleOf(unitB);
    if (!sb) continue;
    const sa = a[2] ? scaleOf(a[2]) : sb;
    minUsd = Number(a[1]) * sa;
    maxUsd = Number(b[1]) * sb;
    eat(i, b[2] ? 4 : 5);
  }
  for (let i = 0; i < words.length; i++) {
    // "billion dollar deals", "multi billion acquisitions": at least a billion.
    const w = words[i]!;
    if (!free(i) || consumed.has(i) || !scaleOf(w) || w.length < 5 || /^\d/.test(words[i - 1] ?? '')) continue;
    if (/^(dollar|dollars|usd|plus)$/.test(words[i + 1] ?? '') || words[i - 1] === 'multi') {
      minUsd ??= scaleOf(w);
      eat(i, /^(dollar|dollars|usd|plus)$/.test(words[i + 1] ?? '') ? 2 : 1);
      if (words[i - 1] === 'multi') eat(i - 1);
    }
  }
  for (let i = 0; i < words.length; i++) {
    if (!free(i) || consumed.has(i) || YEAR_RE.test(words[i]!)) continue;
    const m = /^(\d+)(bn|b|m|mn|k)?$/.exec(words[i]!);
    if (!m) continue;
    let n = Number(m[1]);
    let j = i;
    if (/^\d+$/.test(words[i + 1] ?? '') && /^(billion|million|bn|b|m|mn)$/.test(words[i + 2] ?? '')) {
      n = Number(`${m[1]}.${words[i + 1]}`);
      j = i + 1;
    }
    const unit = m[2] ?? words[j + 1];
    const scale = /^(bn|b|billion)$/.test(unit ?? '') ? 1e9 : /^(m|mn|million)$/.test(unit ?? '') ? 1e6 : /^(k|thousand)$/.test(unit ?? '') ? 1e3 : /^(trillion|tn)$/.test(unit ?? '') ? 1e12 : 0;
    if (!scale) continue;
    eat(i, j - i + 1 + (m[2] ? 0 : 1));
    // "worth more than 10 billion dollars": the currency word after the amount belongs to it, not to the topic.
    const currencyAt = j + (m[2] ? 1 : 2);
    if (free(currencyAt) && /^(dollars?|usd|bucks)$/.test(words[currencyAt] ?? '')) eat(currencyAt);
    const usd = n * scale;
    const before = `${words[i - 2] ?? ''} ${words[i - 1] ?? ''}`;
    if (/(over|above|exceeding|than|least|past)$/.test(before) && !/less than$/.test(before)) {
      minUsd = usd;
      minStrict = !/least$/.test(before);
    } else if (/(under|below|less than|most)$/.test(before)) {
      maxUsd = usd;
      maxStrict = !/most$/.test(before);
    }
    else amountUsd = usd;
    for (let k = i - 2; k < i; k++) if (k >= 0 && free(k) && /^(over|above|more|than|at|least|under|below|less|most|exceeding|greater)$/.test(words[k]!)) eat(k);
    i = j;
  }

  // "by value", "by size", "by price": an order, not a question about a value.
  for (let i = 0; i + 1 < words.length; i++) {
    if (isWord(i, 'by') && free(i + 1) && /^(value|size|price|worth|amount|valuation)$/.test(words[i + 1]!)) {
      order ??= 'value_desc';
      eat(i, 2);
    } else if (isWord(i, 'by') && free(i + 1) && /^(date|year|time|recency)$/.test(words[i + 1]!)) {
      // "amazon acquisitions by date": newest first, as /deals lists.
      order ??= 'newest';
      eat(i, 2);
    }
  }
  // "name the companies amazon invested in", "pls enumerate …": an imperative opening asks for a list when what
  // follows is plural; "name the buyer of slack" asks for the one party, like "tell me".
  const opening = (i: number) => words.slice(0, i).every((w) => OPENERS.has(w) || /^(please|pls|can|could|you|u)$/.test(w));
  const pluralAfter = (i: number) => words.slice(i + 1).some((w, k) => free(i + 1 + k) && (PLURAL_DEAL_WORDS.has(w) || /^(companies|firms|startups|businesses|buyers|investors|partners|targets|acquisitions|all|every|each)$/.test(w)));
  let imperative = false;
  words.forEach((w, i) => {
    if (!free(i) || !/^(name|enumerate|itemise|itemize)$/.test(w) || !opening(i)) return;
    eat(i);
    if (w !== 'name' || pluralAfter(i)) imperative = true;
  });
  const pluralDeal = words.some((w, i) => free(i) && PLURAL_DEAL_WORDS.has(w));
  // "before it all fell apart", "an all-stock buyout": "all" of a pronoun or of how a deal was paid asks for no list.
  const notListAll = (i: number) => words[i] === 'all' && (/^(it|they|them|we|you|at)$/.test(words[i - 1] ?? '') || /^(stock|cash|equity|share|shares|in|over)$/.test(words[i + 1] ?? ''));
  const listWord = imperative || words.some((w, i) => free(i) && LIST_WORDS.has(w) && !notListAll(i));
  words.forEach((w, i) => {
    if (free(i) && (PLURAL_DEAL_WORDS.has(w) || SINGULAR_DEAL_WORDS.has(w) || (LIST_WORDS.has(w) && !notListAll(i)))) eat(i);
  });

  // The ask.
  let ask: Ask = 'show';
  // A yes/no question may follow a clause of its own ("after all the back and forth, did microsoft close activision").
  // Openers before it ("so did adobe…", "ok is the deal done") do not hide it.
  const clauseStart = (i: number) => {
    let j = i - 1;
    while (j >= 0 && clause(j) === clause(i) && free(j) && OPENERS.has(words[j]!)) j--;
    return j < 0 || clause(j) !== clause(i);
  };
  const yesNo = words.some((w, i) => free(i) && YES_NO_START.has(w) && clauseStart(i));
  let howMany = findSeq(['how', 'many']);
  const amountAsked = howMany >= 0 && AMOUNT_UNITS.has(words[howMany + 2] ?? '') && free(howMany + 2);
  if (amountAsked) {
    eat(howMany, 3);
    howMany = -1;
  }
  const numberOf = findSeq(['number', 'of']);
  const howMuch = findSeq(['how', 'much']);
  const when = words.some((w, i) => free(i) && WHEN_WORDS.has(w)) || WHEN_PAIRS.some((p) => findSeq(p) >= 0);
  const who = words.findIndex((w, i) => free(i) && (w === 'who' || w === 'whom' || w === 'whos'));
  const whichParty = words.findIndex(
    (w, i) => free(i) && (w === 'which' || w === 'what') && PARTY_NOUNS.has(words[i + 1] ?? '') && !nameAt.has(i + 1),
  );
  // "which chinese giant bought ele me": "which" and a few words before a deal verb ask for its agent; those words
  // describe the party asked about, so they are weak evidence (see `described`).
  const whichDesc = words.findIndex(
    (w, i) => free(i) && (w === 'which' || w === 'what') && verbs.some((v) => !v.noun && v.at > i + 1 && v.at - i <= 4 && !names.some((s) => s.start > i && s.start < v.at)),
  );
  const described = new Set<number>();
  if (whichDesc >= 0) {
    const v = verbs.find((x) => !x.noun && x.at > whichDesc + 1)!;
    for (let k = whichDesc + 1; k < v.at; k++) if (free(k)) described.add(k);
  }
  const valueWord = words.findIndex((w, i) => free(i) && !consumed.has(i) && VALUE_WORDS.has(w));
  const countWord = words.some((w, i) => free(i) && !consumed.has(i) && (w === 'count' || w === 'tally')) || (free(0) && words[0] === 'total' && !VALUE_WORDS.has(words[1] ?? ''));
  if (howMany >= 0 || numberOf >= 0 || countWord) {
    ask = 'count';
    if (howMany >= 0) eat(howMany, 2);
    if (numberOf >= 0) eat(numberOf, 2);
    words.forEach((w, i) => free(i) && (w === 'count' || w === 'tally' || (w === 'total' && i === 0)) && eat(i));
  } else if (amountAsked || howMuch >= 0 || valueWord >= 0 || seq(findSeq(['how', 'big']), ['how', 'big'])) {
    ask = 'value';
    if (howMuch >= 0) eat(howMuch, 2);
    if (valueWord >= 0) eat(valueWord);
    words.forEach((w, i) => free(i) && (w === 'tag' || w === 'big') && eat(i));
  } else if (when) {
    const closing = status !== undefined || words.some((w, i) => free(i) && CLOSING_WORDS.has(w));
    ask = closing ? 'closed' : 'announced';
    words.forEach((w, i) => free(i) && CLOSING_WORDS.has(w) && eat(i));
  } else if (has('binding') || has('legally')) {
    ask = 'binding';
    words.forEach((w, i) => free(i) && (w === 'binding' || w === 'legally' || w === 'nonbinding') && eat(i));
  } else if (who >= 0 || whichParty >= 0 || whichDesc >= 0) {
    ask = 'parties';
    if (whichParty >= 0) eat(whichParty, 2);
  } else if (
    yesNo ||
    findSeq(['what', 'happened']) >= 0 ||
    // "where does stargate stand", "where do things stand with the deal".
    (has('where') && words.some((w, i) => free(i) && /^(stand|stands|standing)$/.test(w) && (eat(i), true))) ||
    words.some((w, i) => free(i) && (w === 'status' || w === 'still' || w === 'outcome'))
  ) {
    ask = 'status';
  }
  // "do we know what google paid for deepmind", "what was shazam sold to apple for": the price is asked, whatever
  // the question opens with.
  if ((ask === 'show' || ask === 'status') && paidAsk(words, verbs, free)) ask = 'value';
  // A question that is only an aggregate or a range asks for a list.
  const pluralParty = words.some((w, i) => free(i) && /^(companies|firms|startups|businesses)$/.test(w));
  if ((minUsd !== undefined || maxUsd !== undefined) && (ask === 'value' || ask === 'show') && (pluralDeal || !names.length)) ask = 'list';
  // "cheapest deals with a disclosed price": an order by value over several deals is a list, not one deal's value.
  if (ask === 'value' && (order === 'value_asc' || order === 'value_desc') && pluralDeal && !names.length) ask = 'list';
  const closedRange = closedSpan.from !== undefined || closedSpan.to !== undefined;
  if (ranked && ask !== 'count') ask = 'list';
  if (ask === 'show' && (order || listWord || pluralDeal || pluralParty || fromYear !== undefined || toYear !== undefined || closedRange)) ask = 'list';
  // "which deals are still pending", "are any acquisitions still on": a status asked of deals in the plural, with no
  // company named, lists the deals in that status.
  if (ask === 'status' && pluralDeal && !names.length) ask = 'list';
  words.forEach((w, i) => free(i) && (STATUS_ASK_WORDS.has(w) || w === 'announced' || w === 'announce') && ask !== 'show' && eat(i));

  // Roles, from the first deal verb or noun: who did what to whom.
  const nameRoles: (readonly PartyRole[] | undefined)[] = names.map(() => undefined);
  let askedRoles: readonly PartyRole[] | undefined;
  // The first deal verb near a named company (a clause about something else says nothing about their roles); with no
  // company named, the first deal verb.
  const near = (at: number) => names.some((s) => clause(s.start) === clause(at) && (s.start > at ? s.start - at : at - s.end + 1) <= VERB_REACH);
  const verb = names.length ? (verbs.find((x) => near(x.at)) ?? getVerb(words, names, free)) : (verbs[0] ?? getVerb(words, names, free));
  if (verb && GET_WORDS.has(words[verb.at]!)) {
    eat(verb.at);
    // "grab", "snap up": buying outright; "get" may be getting a stake.
    if (!/^(get|got|gets|getting)$/.test(words[verb.at]!) && !types.includes('investment')) outrightWord = true;
  }
  if (verb) {
    const { cls } = verb;
    const agent = cls === 'buy' ? AGENT_BUY : cls === 'invest' ? AGENT_INVEST : cls === 'sell' ? SELLER : PARTNER;
    const object = cls === 'buy' ? OBJECT_BUY : cls === 'invest' ? OBJECT_INVEST : cls === 'sell' ? SOLD : PARTNER;
    const byAt = words.findIndex((w, i) => i > verb.at && w === 'by' && free(i) && !consumed.has(i));
    // "what has nvidia bought", "how many companies has sony acquired": an auxiliary before the subject is active.
    const subject = namesBefore(names, verb.at).at(-1);
    const auxSubject = subject !== undefined && AUXILIARIES.has(words[subject.start - 1] ?? '');
    const beSubject = subject !== undefined && subject.end === verb.at && /^(was|were|is|been)$/.test(words[subject.start - 1] ?? '');
    const statedPassive = byAt >= 0 || (verb.passiveForm && (beSubject || /^(was|were|is|been|get|got)$/.test(words[verb.at - 1] ?? '')));
    // "the playstation company bought the halo developer": an object after the verb makes it active.
    const objectAfter = /^(the|a|an|its|their|his|her|that|this)$/.test(words[verb.at + 1] ?? '');
    // "everything microsoft bought", "the companies google acquired", "the linux company ibm bought": after a
    // quantifier or a description's head noun, the name is the subject of a relative clause.
    const at0 = (subject?.start ?? 0) - 1;
    const before = (/^(the|a|an)$/.test(words[at0] ?? '') ? words[at0 - 1] : words[at0]) ?? '';
    const relative = subject !== undefined && subject.end === verb.at && (/^(everything|anything|all|whatever|companies|firms|startups|businesses|ones|things)$/.test(before) || HEAD_NOUNS.has(before));
    const passive = statedPassive || (verb.passiveForm && !auxSubject && !objectAfter && !relative && !/^(has|have|had|ever|just|once|never|recently|already)$/.test(words[verb.at - 1] ?? '') && namesBefore(names, verb.at).length === 1 && namesAfter(names, verb.at).length === 0 && who < 0 && ask !== 'parties' && !yesNo && !has('did'));
    // "whatsapp sold to facebook": no object between the verb and "to" — the name before may be what was sold.
    const after = namesAfter(names, verb.at);
    const soldTo = cls === 'sell' && after.length > 0 && after.every((o) => prepositionBefore(words, o.start, nameAt) === 'to');
    names.forEach((s, k) => {
      const before = s.end <= verb.at;
      const prep = prepositionBefore(words, s.start, nameAt);
      if (cls === 'partner') nameRoles[k] = PARTNER;
      else if (prep === 'by' || (prep === 'alongside' && cls !== 'sell')) nameRoles[k] = agent;
      else if (prep === 'from') nameRoles[k] = cls === 'sell' ? AGENT_BUY : SELLER;
      else if (prep === 'to' && cls === 'sell' && !before) nameRoles[k] = AGENT_BUY;
      // "who sold apple its smartphone modem business": a name right after "sold" and before what was sold is the
      // one it was sold to.
      else if (cls === 'sell' && !before && prep === undefined && s.start === verb.at + 1 && THING_SOLD.has(words[s.end] ?? '') && words.length > s.end + 1) nameRoles[k] = AGENT_BUY;
      else if (verb.noun && !before && prep !== 'of' && prep !== 'in' && prep !== 'for') {
        // "how many acquisitions has nvidia made": the name after a deal noun is its maker only with such a verb.
        nameRoles[k] = words.slice(s.end).some((w) => MADE_WORDS.has(w)) ? agent : undefined;
      } else if (before) {
        // "the oracle cerner acquisition", "tencent supercell how much did they pay": two names side by side before
        // the verb say nothing about who bought whom; "the giphy sale" may name the seller or what was sold.
        if (namesBefore(names, verb.at).filter((o) => prepositionBefore(words, o.start, nameAt) === undefined).length > 1) nameRoles[k] = undefined;
        else if (verb.noun && cls === 'sell' && prep !== 'of') nameRoles[k] = undefined;
        else if (verb.noun && !namesAfter(names, verb.at).length && byAt < 0) nameRoles[k] = undefined;
        // "what did sap get for qualtrics when it sold it": a pronoun is the verb's subject, which name it stands for
        // is not read, so no role is given (the role check refuses only when sure).
        else if (!passive && /^(it|they|he|she|them)$/.test(words[verb.at - 1] ?? '')) nameRoles[k] = undefined;
        // "uber sold out", "whatsapp sold to facebook": a bare "X sold" may be the seller or the company sold.
        else if (cls === 'sell' && !statedPassive && (passive || soldTo)) nameRoles[k] = ['target', 'seller'];
        else nameRoles[k] = passive ? object : agent;
      } else if (names.some((o) => o.start > verb.at && o.start < s.start && prepositionBefore(words, o.start, nameAt) === undefined) && prep === undefined) {
        // "who bought slack salesforce": only the first bare name after the verb is its object.
        nameRoles[k] = undefined;
      } else nameRoles[k] = object;
    });
    if (ask === 'parties') {
      const whoAt = who >= 0 ? who : whichParty >= 0 ? whichParty : whichDesc;
      const trailingTo = cls === 'sell' && /^(to|whom)$/.test(words[words.length - 1] ?? '') ? true : false;
      const trailingBy = words[words.length - 1] === 'by' || (words[words.length - 2] === 'by' && words[words.length - 1] === 'whom');
      const nameBetween = names.some((s) => s.start > whoAt && s.end <= verb.at);
      if (cls === 'partner') askedRoles = PARTNER;
      else if (trailingTo) askedRoles = ['acquirer', 'investor'];
      else if (trailingBy || passive) askedRoles = cls === 'sell' ? SELLER : agent;
      else if (whoAt >= 0 && whoAt < verb.at && !nameBetween) askedRoles = cls === 'buy' ? ['acquirer'] : cls === 'invest' ? ['investor'] : SELLER;
      else if (nameBetween) askedRoles = cls === 'buy' ? ['target'] : cls === 'invest' ? ['investee'] : SOLD;
      else if (whoAt > verb.at) askedRoles = cls === 'buy' ? ['target'] : cls === 'invest' ? ['investee'] : SOLD;
    }
  }

  // The object slot of a deal verb filled by a word that names no known company ("pay for instagram", "buy whole
  // foods"): such words must be found where deals name things (parties, title, areas), not only in a summary.
  const slots = new Set<number>();
  if (verb && !verb.noun) {
    let i = verb.at + 1;
    while (i < words.length && free(i) && /^(for|the|a|an|in|into|of|to|up|out|over)$/.test(words[i]!)) i++;
    const run: number[] = [];
    // The object ends with its clause ("pay for tiktok, roughly").
    while (i < words.length && free(i) && !consumed.has(i) && !STOP_WORDS.has(words[i]!) && clause(i) === clause(verb.at)) run.push(i++);
    // "the roomba maker", "the fitness tracker company": a description, not a name, may be found anywhere.
    const described = run.some((k) => HEAD_NOUNS.has(words[k]!)) || HEAD_NOUNS.has(words[i] ?? '');
    if (!described) for (const k of run) slots.add(k);
  }

  // Role nouns after a name: "deals where softbank was the seller", "google as a buyer".
  for (let i = 0; i < words.length; i++) {
    const roles = ROLE_NOUNS[words[i]!];
    if (!roles || !free(i)) continue;
    let j = i - 1;
    while (j >= 0 && i - j <= 4 && free(j) && ROLE_GLUE.has(words[j]!)) j--;
    const k = nameAt.get(j);
    if (k !== undefined && j !== i - 1) {
      nameRoles[k] = roles;
      eat(j + 1, i - j);
      continue;
    }
    // "who was the seller in the supercell deal", "giphy's buyer", "the buyer of mellanox": the role noun is the
    // party asked about; a name right before it or after "of"/"in" is the company bought or sold.
    const whoAsk = ask === 'parties' || ask === 'show';
    if (!whoAsk || (verb && verb.at !== i)) continue;
    const of = names.findIndex((sp) => sp.start > i && sp.start <= i + 4 && words.slice(i + 1, sp.start).every((w) => /^(of|in|for|the|a|an)$/.test(w)));
    if (k === undefined && of < 0) continue;
    ask = 'parties';
    askedRoles = roles;
    const other = k ?? of;
    if (names.length === 1) nameRoles[other] = counterpartOf(roles);
    eat(i);
  }
  // "how many investments has openai received", "how much has anthropic raised": the subject received the money.
  for (let i = 0; i < words.length; i++) {
    if (!free(i) || consumed.has(i) || !RECEIVE_WORDS.has(words[i]!)) continue;
    const k = nameAt.get(i - 1);
    if (k !== undefined) nameRoles[k] = OBJECT_INVEST;
    eat(i);
  }
  // Counting and listing: generic nouns ("how many companies", "a party to", "tech") name nothing to match.
  if (ask === 'count' || ask === 'list') words.forEach((w, i) => free(i) && (GENERIC_WORDS.has(w) || LIST_CHAT_WORDS.has(w)) && eat(i));
  // "blocked by regulators": who ended it is part of the status, not a word to find.
  if (status === 'terminated') {
    words.forEach((w, i) => {
      if (free(i) && BLOCKERS.has(w)) {
        eat(i);
        if (words[i - 1] === 'by' || words[i - 1] === 'the') eat(i - 1);
      }
    });
  }
  // A value bound or a count says what "worth" meant: never a word to find ("how many deals worth over 20 billion").
  if (minUsd !== undefined || maxUsd !== undefined || ask === 'count' || ask === 'list') words.forEach((w, i) => free(i) && VALUE_WORDS.has(w) && eat(i));

  // A clause with no company and nothing read in it ("for my report, …", "…, need it for a slide") is chatter when
  // another clause names the companies: a list or count never filters on its words, a lookup weighs them little.
  if (names.length && opts.clauses && new Set(opts.clauses).size > 1) {
    const byClause = new Map<number, number[]>();
    words.forEach((_, i) => byClause.set(clause(i), [...(byClause.get(clause(i)) ?? []), i]));
    for (const idx of byClause.values()) {
      const plain = idx.every((i) => free(i) && (!consumed.has(i) || STOP_WORDS.has(words[i]!)));
      if (!plain) continue;
      for (const i of idx) {
        if (ask === 'list' || ask === 'count') eat(i);
        else if (!STOP_WORDS.has(words[i]!)) described.add(i);
      }
    }
  }
  // "to build electric cars": a purpose's verb of making names nothing to find.
  words.forEach((w, i) => free(i) && PURPOSE_VERBS.has(w) && words[i - 1] === 'to' && eat(i));
  // Grammar words left over are stop words; consume them too so terms see only content.
  words.forEach((w, i) => free(i) && STOP_WORDS.has(w) && eat(i));
  // A closing year filters lists and counts by the closing date; a question about one deal keeps reading every year
  // stated as a preference among candidates, as before.
  // "what closed in 2021", "anything terminated in 2022": no company and nothing left to describe a deal — the
  // closing year or status alone asks for the deals that meet it.
  const closedStated = closedSpan.years.length > 0 || closedSpan.from !== undefined || closedSpan.to !== undefined;
  if (ask === 'show' && !names.length && (closedStated || status !== undefined) && words.every((_, i) => consumed.has(i))) ask = 'list';
  const byClosing = ask === 'list' || ask === 'count';
  // The closing word dated a year: it is read (as a status where it names one), never a topic ("deals that ended in 2022").
  if (byClosing && (closedSpan.years.length || closedRange)) closingAt.forEach((i) => eat(i));
  if (!byClosing) {
    years.push(...closedSpan.years);
    fromYear ??= closedSpan.from;
    toYear ??= closedSpan.to;
  }
  return {
    ask,
    askedRoles,
    nameRoles,
    types,
    status,
    years,
    fromYear,
    toYear,
    closedYears: byClosing ? closedSpan.years : [],
    closedFromYear: byClosing ? closedSpan.from : undefined,
    closedToYear: byClosing ? closedSpan.to : undefined,
    order,
    limit,
    minUsd,
    maxUsd,
    minStrict,
    maxStrict,
    amountUsd,
    slots,
    typesFromVerbs: types.length > 0 && !nounType,
    outright: outrightWord && !types.includes('investment') && !words.some((w, i) => free(i) && PART_WORDS.has(w)),
    plural: pluralDeal || listWord || (order !== undefined && limit !== undefined && limit > 1),
    described,
    consumed,
  };
}

/** A question about what was paid: a verb of paying, or "what … for" around a deal verb ("what did x sell for"). */
function paidAsk(words: string[], verbs: { at: number; noun: boolean }[], free: (i: number) => boolean): boolean {
  if (verbs.some((v) => !v.noun && PAY_WORDS.has(words[v.at]!))) return true;
  const what = words.findIndex((w, i) => free(i) && w === 'what');
  const last = words.length - 1;
  if (what >= 0 && words[last] === 'for' && free(last) && verbs.some((v) => !v.noun && v.at > what)) return true;
  // "what did sap get for qualtrics", "what did they fetch for it": what a seller got for a company.
  return what >= 0 && words.some((w, i) => i > what && free(i) && /^(get|got|fetch|fetched|receive|received)$/.test(w) && words[i + 1] === 'for');
}

/** The company a role noun's holder dealt with: the buyer's target, the seller's sold business, the investor's investee. */
function counterpartOf(roles: readonly PartyRole[]): readonly PartyRole[] | undefined {
  if (roles.includes('acquirer')) return ['target', 'seller'];
  if (roles.includes('seller')) return ['target', 'acquirer'];
  if (roles.includes('investor')) return ['investee'];
  if (roles.includes('target')) return ['acquirer', 'seller'];
  if (roles.includes('investee')) return ['investor'];
  return undefined;
}

function namesBefore(names: NameSpan[], at: number): NameSpan[] {
  return names.filter((s) => s.end <= at);
}
function namesAfter(names: NameSpan[], at: number): NameSpan[] {
  return names.filter((s) => s.start > at);
}

/** The nearest preposition before a name, skipping stop words like "the" ("bought from the japanese group toshiba"). */
function prepositionBefore(words: string[], at: number, nameAt: Map<number, number>): string | undefined {
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    if (nameAt.has(i)) return undefined;
    const w = words[i]!;
    // "alongside bain", "together with bain": a partner in the same role as the party asked about.
    if (w === 'alongside' || (w === 'with' && /^(together|along|jointly)$/.test(words[i - 1] ?? ''))) return 'alongside';
    // "bought giphy off meta": off is from.
    // Not after a verb it belongs to: "called off", "paid off", "selling off honor", "spun off".
    if (w === 'off' && i > 0 && !/^(called|call|calls|calling|it|pulled|paid|pay|spun|spin|spins|spinning)$/.test(words[i - 1]!) && !SELL_WORDS.has(words[i - 1]!)) return 'from';
    if (w === 'by' || w === 'from' || w === 'to' || w === 'for' || w === 'of' || w === 'in' || w === 'into' || w === 'with') return w;
    if (!(w === 'the' || w === 'a' || w === 'an')) return undefined;
  }
  return undefined;
}

/** "when did tencent get supercell": a verb of getting between two names acts as buying. */
function getVerb(words: string[], names: NameSpan[], free: (i: number) => boolean) {
  for (let i = 0; i < words.length; i++) {
    // "meta snapped up giphy", and the question about its buyer: "who snapped up giphy", "which company grabbed bungie".
    const asker = words[i - 1] === 'who' || (words[i - 2] === 'which' && PARTY_NOUNS.has(words[i - 1] ?? ''));
    if (free(i) && GET_WORDS.has(words[i]!) && (namesBefore(names, i).length || asker) && namesAfter(names, i).length) {
      return { at: i, cls: 'buy' as VerbClass, noun: false, passiveForm: false };
    }
  }
  return undefined;
}
