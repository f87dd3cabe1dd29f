// The words of questions, as people type them: what carries no meaning for matching (stop words), what names a
// kind of deal, a status, an order or a role. Curated by hand, our own lists; every entry is lowercase and
// normalised (no punctuation, as normaliseText leaves it).
import type { DealStatus, DealType } from '../../deals/schema.ts';

/**
 * Question, filler and glue words: never matched against deals and never a cost to an answer ("is the adobe figma
 * deal still happening" means "adobe figma"). Words that also say what is asked (how much, when) are read by the
 * intent stage before they are dropped.
 */
export const STOP_WORDS = new Set(
  `a an the and or of in on at with between to for by from into onto about vs versus via x than as it its this that
  these those there their them they he she his her we our us you your me my i what which who whom whose when where
  why how did does do done doing is was were are be been being has had have having can could would should will shall
  may might must any some all theres whats whos tell show find give get got getting info information details detail
  regarding re please pls thanks thank hi hey hello look lookup search know anything something news story
  happened happen happening happens deal deals agreement agreements announcement company companies firm firms corp
  inc ltd llc plc co one ones together also just only more most much many very so too new old ever actually really
  still even yet already again ago end ended ending up out over off back anyway basically exactly eventually finally
  ok okay like kind sort thing things stuff other another each every both either neither such same own
  going gone go goes went come came make made makes making take took taken let lets want wanted need needed
  remember recall wonder wondering curious say said says think thought mean meant time times year years date day
  month week long often much many number count total there here then now today currently currently recently lately
  yes no not nor if whether ever ive id im dont didnt doesnt isnt wasnt arent werent hasnt havent wont cant couldnt
  which what recorded record records part involved involving formed form forms participated participate exist exists
  existing listed known tracked stored database dealbot industry industries sector sectors field got get gets getting they them their it its
  yo hiya morning cheers btw fyi quick q bot writeup lol haha thx ty roughly approximately approx ish try tried trying
  outright fully entirely completely officially formally
  supposed meant planned planning plans intended intending hoped hoping aimed aiming
  anyone anybody someone somebody everyone everybody folks guys huh yeah yep yup nope hmm wow omg rn tbh imo imho idk
  iirc afaik ngl busy crazy wild insane weird forever dragged drag drags dragging theyre youre weve theyve wheres hows`.split(/\s+/),
);

/** Everyday words for a kind of deal: they constrain lists and prefer deals of that type in lookups. */
export const TYPE_WORDS: Record<string, DealType> = {};
const typeWords: [DealType, string][] = [
  ['acquisition', 'buy buys bought buying buyer acquire acquires acquired acquiring acquisition acquisitions takeover takeovers purchase purchases purchased purchasing buyout buyouts'],
  ['merger', 'merge merges merged merging merger mergers'],
  ['investment', 'invest invests invested investing investment investments investor stake stakes funding funded fund round backing backed'],
  ['partnership', 'partner partners partnered partnering partnership partnerships alliance alliances collaboration collaborations collaborate teamed'],
  ['mou', 'mou mous memorandum memoranda'],
  ['joint_venture', 'jv jvs'],
  ['licensing', 'license licence licenses licences licensing licensed'],
  ['divestiture', 'divest divests divested divestiture divestitures divestment spinoff spinoffs selloff'],
  ['settlement', 'settlement settlements settle settles settled lawsuit lawsuits litigation dispute disputes'],
];
for (const [type, words] of typeWords) for (const w of words.split(' ')) TYPE_WORDS[w] = type;

/** Multi-word deal types ("joint venture", "took over"): matched on consecutive words before single words. */
export const TYPE_PHRASES: [string[], DealType][] = [
  [['joint', 'venture'], 'joint_venture'],
  [['joint', 'ventures'], 'joint_venture'],
  [['memorandum', 'of', 'understanding'], 'mou'],
  [['took', 'over'], 'acquisition'],
  [['take', 'over'], 'acquisition'],
  [['taken', 'over'], 'acquisition'],
  [['taking', 'over'], 'acquisition'],
  [['takes', 'over'], 'acquisition'],
  [['bought', 'out'], 'acquisition'],
  [['picked', 'up'], 'acquisition'],
  [['pick', 'up'], 'acquisition'],
  [['picks', 'up'], 'acquisition'],
  [['picking', 'up'], 'acquisition'],
  [['buy', 'out'], 'acquisition'],
  [['put', 'into'], 'investment'],
  [['buy', 'into'], 'investment'],
  [['bought', 'into'], 'investment'],
  [['buying', 'into'], 'investment'],
  [['put', 'money', 'into'], 'investment'],
  [['patent', 'deal'], 'licensing'],
  // Working together: "who did baidu team up with", "joined forces with".
  [['team', 'up'], 'partnership'],
  [['teams', 'up'], 'partnership'],
  [['teamed', 'up'], 'partnership'],
  [['teaming', 'up'], 'partnership'],
  [['join', 'forces'], 'partnership'],
  [['joined', 'forces'], 'partnership'],
  [['joins', 'forces'], 'partnership'],
  [['joining', 'forces'], 'partnership'],
];

/** Words of selling: the named company is the seller ("who sold motorola", "google sold motorola to lenovo"). */
export const SELL_WORDS = new Set('sell sells sold selling sale sales offload offloaded'.split(' '));
/** Words of paying: the named company before them is the buyer ("how much did microsoft pay for github"). */
export const PAY_WORDS = new Set('pay pays paid paying spend spends spent spending shell shelled'.split(' '));

/** Status words, as a constraint ("deals that were called off") and as the subject of a status question. */
export const STATUS_WORDS: Record<string, DealStatus> = {};
const statusWords: [DealStatus, string][] = [
  ['terminated', 'tried attempted attempt terminated terminate termination cancelled canceled cancel cancellation scrapped scrap abandoned abandon abandonment blocked block collapsed collapse failed fail dropped killed kill axed withdrawn withdrew ditched nixed torpedoed sunk'],
  ['completed', 'completed complete completion closed close closing finalised finalized finalise finalize succeeded'],
  ['pending', 'pending ongoing underway'],
  ['rumoured', 'rumoured rumored rumour rumor rumours rumors'],
  ['signed', 'signed'],
];
for (const [status, words] of statusWords) for (const w of words.split(' ')) STATUS_WORDS[w] = status;

export const STATUS_PHRASES: [string[], DealStatus][] = [
  [['called', 'off'], 'terminated'],
  [['call', 'off'], 'terminated'],
  [['call', 'it', 'off'], 'terminated'],
  [['call', 'it', 'quits'], 'terminated'],
  [['called', 'it', 'quits'], 'terminated'],
  [['called', 'it', 'off'], 'terminated'],
  [['calling', 'it', 'off'], 'terminated'],
  [['calls', 'it', 'off'], 'terminated'],
  [['gave', 'up'], 'terminated'],
  [['give', 'up'], 'terminated'],
  [['given', 'up'], 'terminated'],
  [['walked', 'away'], 'terminated'],
  [['walk', 'away'], 'terminated'],
  [['fell', 'through'], 'terminated'],
  [['fall', 'through'], 'terminated'],
  [['fallen', 'through'], 'terminated'],
  [['fell', 'apart'], 'terminated'],
  [['fall', 'apart'], 'terminated'],
  [['falling', 'apart'], 'terminated'],
  [['came', 'apart'], 'terminated'],
  [['broke', 'down'], 'terminated'],
  [['pulled', 'out'], 'terminated'],
  [['pull', 'out'], 'terminated'],
  [['went', 'through'], 'completed'],
  [['go', 'through'], 'completed'],
  [['gone', 'through'], 'completed'],
];

/** Order words of aggregates: by value (largest first or smallest first) or by date. */
export type OrderWord = 'value_desc' | 'value_asc' | 'newest' | 'oldest';
export const ORDER_WORDS: Record<string, OrderWord> = {
  biggest: 'value_desc',
  largest: 'value_desc',
  priciest: 'value_desc',
  costliest: 'value_desc',
  expensive: 'value_desc',
  huge: 'value_desc',
  mega: 'value_desc',
  top: 'value_desc',
  big: 'value_desc',
  large: 'value_desc',
  smallest: 'value_asc',
  cheapest: 'value_asc',
  small: 'value_asc',
  latest: 'newest',
  newest: 'newest',
  recent: 'newest',
  last: 'newest',
  oldest: 'oldest',
  earliest: 'oldest',
  first: 'oldest',
};

/** Words asking for a list ("list", "all") rather than one deal. */
export const LIST_WORDS = new Set('list lists all every everything show browse overview'.split(' '));

/** Every word the question stage reads as grammar: never "corrected" into a company name ("latest" is not "Lagest"). */
export const GRAMMAR_WORDS = new Set<string>([
  ...STOP_WORDS,
  ...Object.keys(TYPE_WORDS),
  ...Object.keys(STATUS_WORDS),
  ...Object.keys(ORDER_WORDS),
  ...LIST_WORDS,
  ...SELL_WORDS,
  ...PAY_WORDS,
  ...'price priced worth value valued valuation cost costs binding status happening still tried'.split(' '),
]);
