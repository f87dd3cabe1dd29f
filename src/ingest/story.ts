// What the story reports: the lead (the first sentence that speaks of the deal) and the event it tells — an
// announcement, a completion, an ending, a legal challenge, or a rumour. Dates, status and the "update an existing
// deal" proposal all read the event from here, so a completion story dated months after the deal was announced
// gives the deal's closing date, not a new announcement date.
import type { Sentence } from './text.ts';
import nlp from 'compromise';
import { blankQuotations } from './scan.ts';

export type StoryEvent = 'announce' | 'complete' | 'end' | 'legal' | 'rumour';

export const DEAL_WORD =
  /\b(?:acqui\w+|buy\w*|bought|purchas\w*|takeover|take over|took over|buyout|merg\w+|invest\w*|rais\w+|funding|round|stake|partner\w*|MoU|memorandum|letters? of intent|joint venture|venture|licen[cs]\w*|rights to|royalt\w*|divest\w*|sell\w*|sold|sale|settle\w*|agreement|deal|team\w* up|collaborat\w+|alliance|sign\w*|offer|bid|pa(?:y|ys|id|ying)\b(?=[^.]{0,60}\bfor\b)|pool(?:s|ed|ing)? (?:their|its)|jointly owned|(?:form(?:s|ed|ing)?|set(?:s|ting)? up|creat(?:e|es|ed|ing)) (?:a |an )?(?:new )?(?:independent )?(?:jointly owned )?(?:company|venture|business|firm)\b|combin(?:e|es|ed|ing) (?:their|its|them|the two)|tie-up|(?:will|would|to|agreed to) (?:jointly )?(?:make|develop|co-develop|build|create|design) (?:\S+ ){0,3}?(?:games|products|services|apps|chips|models|vehicles|cars|devices|software|platforms?) (?:together )?with)\b/i;

const LEGAL = /\b(?:sue[sd]?|suing|lawsuit|filed (?:a |an )?(?:complaint|suit|challenge)|seek(?:s|ing)? to (?:block|stop|halt)|(?:bid|request|attempt|effort|motion|case|suit) to (?:temporarily |permanently )?(?:block|stop|halt|pause|unwind)|(?:preliminary |temporary )?injunction|move[sd]? to block|challeng(?:e|es|ed|ing) the (?:deal|merger|acquisition|takeover|purchase)|in-depth (?:investigation|probe|review)|opens? (?:an? )?(?:investigation|probe))\b/i;
const END =
  /\b(?:terminat(?:e|es|ed|ing|ion)|call(?:s|ed|ing)? off|abandon(?:s|ed|ing)?|scrap(?:s|ped|ping)?|walk(?:s|ed)? away|drop(?:s|ped)|pull(?:s|ed)? out of|end(?:s|ed)? (?:its|their|the) (?:deal|merger|agreement|plan|talks|bid)|collaps(?:e|es|ed)|withdr(?:aw|aws|ew|awn) (?:its|their|the) (?:\S+ ){0,2}(?:offer|bid|proposal)|gives? up on|gave up on|vot(?:e|es|ed|ing) (?:down|against) (?:the |a |its |their )?(?:\S+ ){0,6}?(?:deal|merger|takeover|acquisition|purchase|sale|buyout|offer|bid)|kill(?:s|ed|ing)? (?:the |a |its |their )?(?:\S+ ){0,2}(?:deal|merger|takeover|acquisition|purchase|bid|offer)|f[ae]ll(?:s|en)? (?:through|apart)|(?:deal|agreement|merger|(?<!tender )offer|bid)(?: (?:between|with|for) \S+(?: \S+){0,4}?)? (?:has |had )?(?:lapsed|expired)|block(?:s|ed) (?:the |a )?(?:\S+ ){0,3}(?:merger|deal|takeover|acquisition|purchase))\b/i;
const COMPLETE =
  /\b(?:complet(?:e|es|ed|ing|ion of)|closes|closed (?:its|the|their|a) (?:\S+ ){0,4}(?:deal|acquisition|purchase|takeover|merger|transaction|sale|buyout)|closing (?:its|the|their) (?:\S+ ){0,4}(?:deal|acquisition|purchase|takeover|merger|transaction|sale|buyout)|finish(?:es|ed)? (?:buying|acquiring|(?:its|the|their) (?:purchase|acquisition|takeover))|wrap(?:s|ped)? up (?:its|the|their) (?:\S+ ){0,3}?(?:deal|acquisition|purchase|takeover|merger)|(?:deal|acquisition|purchase|takeover|merger|transaction)(?: with [^.;,]{1,40}?)? (?:has |have |had )?(?:now |officially |finally )?closed|(?:acquisition|purchase|takeover|merger) of [^.;]{1,80}? (?:has |had )?closed (?=today|yesterday|on |this |last )|finali[sz](?:es|ed)|now owns)\b/i;
const RUMOUR =
  /\b(?:people familiar|familiar with the matter|according to (?:people|sources|a person|reports)|in (?:early |advanced |exclusive )?(?:talks|discussions|negotiations)|held talks|near(?:s|ing)? (?:a |an )?(?:deal|agreement|takeover)|close to (?:a |an )?(?:deal|agreement)|weigh(?:s|ing)? (?:a |an )?(?:bid|offer|deal|sale)|considering (?:a |an )?(?:bid|offer|sale|deal)|explor(?:es|ing) (?:a |an )?(?:possible |potential )?(?:sale|bid|deal|offer|merger|purchase|acquisition|takeover)|approached|is said to|reportedly|possible offer|potential (?:deal|bid|offer)|rumou?r\w*)\b/i;
/** "expected to complete", "will close": a future step, not what happened. */
const FUTURE_BEFORE = /\b(?:expected to|will|would|to be|is set to|aims? to|plans? to|needs? to|could|may|if)\s+(?:be\s+)?$/i;

export function quoteless(s: string): string {
  return blankQuotations(s);
}

/** Words that open a clause telling what came before or around the news, not the news. */
const SUBORDINATORS = new Set(['after', 'since', 'when', 'before', 'until', 'following', 'once']);
const clauseCache = new Map<string, { start: number; terms: { text: string; at: number; tags: string[] }[] }[]>();

/** compromise's clauses of a sentence, with the offset of each and of its words (cached: a text is asked often). */
function clausesOf(text: string) {
  let c = clauseCache.get(text);
  if (!c) {
    const json = nlp(text).clauses().json({ offset: true, terms: { offset: true } }) as { offset?: { start: number }; terms?: { text: string; tags?: string[]; offset?: { start: number } }[] }[];
    c = json.map((x) => ({ start: x.offset?.start ?? 0, terms: (x.terms ?? []).map((t) => ({ text: t.text.toLowerCase(), at: t.offset?.start ?? 0, tags: t.tags ?? [] })) }));
    if (clauseCache.size > 500) clauseCache.clear();
    clauseCache.set(text, c);
  }
  return c;
}

/**
 * "Less than two years after Google closed its takeover of Motorola, the company has decided to sell": an event in a
 * clause opened by "after", "since", "when", "before", "until" or "once" is background to the news, not the news.
 * compromise splits the sentence into clauses and tags the opener (a preposition, conjunction or question word); a
 * colon, semicolon or dash also ends a clause.
 */
export function inBackgroundClause(text: string, at: number): boolean {
  const clause = clausesOf(text).filter((c) => c.start <= at).at(-1);
  const cut = Math.max(text.lastIndexOf(':', at - 1), text.lastIndexOf(';', at - 1), text.lastIndexOf('—', at - 1));
  const from = Math.max(clause?.start ?? 0, cut + 1, at - 80);
  return (clause?.terms ?? []).some(
    (t) => t.at >= from && t.at < at && SUBORDINATORS.has(t.text.replace(/[^a-z]/g, '')) && t.tags.some((g) => g === 'Preposition' || g === 'Conjunction' || g === 'QuestionWord' || g === 'Adverb'),
  );
}

const PAST_DATED_AFTER = /^\s*(?:\S+\s+){0,2}?(?:(?:a|one|two|three|four|five|six|several|\d+) (?:days?|weeks?|months?|years?) ago|last (?:year|spring|summer|autumn|fall|winter)|in (?:19|20)\d\d\b|previously|years? earlier)/i;

function has(re: RegExp, text: string): RegExpExecArray | undefined {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (const m of text.matchAll(g)) {
    const before = text.slice(Math.max(0, m.index - 25), m.index);
    if (FUTURE_BEFORE.test(before) || /\b(?:not|never|n['’]t|without|despite)\s+(?:be\s+|been\s+|a\s+|an\s+|the\s+|\w+\s+)?$/i.test(before)) continue;
    if (inBackgroundClause(text, m.index)) continue;
    // "reviving a deal that fell apart a year ago", "the bid it dropped in 2019": an event the text dates before the
    // story is history, not the news.
    if (PAST_DATED_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
    return m as RegExpExecArray;
  }
  return undefined;
}

/** The first body sentence, among the first five, that speaks of a deal; else the first body sentence. */
export function leadSentence(sentences: readonly Sentence[]): Sentence | undefined {
  const body = sentences.filter((s) => s.paragraph >= 0);
  // First-person asides ("I have covered this beat for a decade") are a blog's voice, not its news.
  // A newsletter's contents line ("TODAY: Microsoft buys into Facebook · Yahoo's quarter · One more thing") and a
  // signpost of a few words ("First, the deal.") introduce the news without telling it.
  const signpost = (t: string) => (t.match(/\s[·|•]\s/g)?.length ?? 0) >= 2 || t.trim().split(/\s+/).length < 5;
  const tells = (s: Sentence) => DEAL_WORD.test(quoteless(s.text)) && !/\b(?:I|my|me)\b/.test(quoteless(s.text)) && !signpost(s.text);
  // A newsletter's issue line, its contents and its section headers ("Issue 212 -- Monday, December 7, 2015", "In this
  // issue:", "1. NXP and Freescale are now one company") are not prose: past them, the first sentences of prose count.
  const prose = body.filter(isProse);
  return body.slice(0, 5).find(tells) ?? prose.slice(0, 3).find(tells) ?? body[0];
}

/**
 * A sentence of the story's prose: long enough, ended like a sentence, and not a newsletter's contents ("IN THIS ISSUE
 * 1.", "The CMA waves through Microsoft and Mistral 2."), a rule of dashes, or a show's credits ("Hosts: …", "Guest: …").
 */
/** A contents line's next number at the end ("… Microsoft and Mistral 2."), not a date's day ("on May 9.", "Sept. 12."). */
const CONTENTS_END = /(?<!\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|on|of|by|to|at|than|from|and|No|no|number|Issue|issue|Vol|vol|page|p|chapter|Series|series|Level|level|phase|Phase|Article|article|round|Round)\.?)\s\d{1,2}\.$/;

export function isProse(s: Pick<Sentence, 'text' | 'paragraph'>): boolean {
  const t = s.text.trim();
  return s.paragraph >= 0 && t.length > 40 && /[.!?"”’]$/.test(t) && !CONTENTS_END.test(t) && !t.includes('----') && !/^(?:hosts?|guests?|episode|recorded|transcript|produced by|edited by|presenters?)\b[^:]{0,30}:/i.test(t);
}

export interface EventFinding {
  event: StoryEvent;
  /** The words that decided it. */
  evidence: string;
  /** Where: the headline or the lead sentence. */
  where: 'headline' | 'lead' | 'default';
}

/**
 * The event the story reports, from its headline and lead: an ending beats a completion, a completion beats a legal
 * challenge (an "FTC sues to block" story is about a pending deal), which beats a rumour.
 */
export function storyEvent(sentences: readonly Sentence[]): EventFinding {
  const title = sentences.find((s) => s.paragraph < 0);
  const lead = leadSentence(sentences);
  const places: [EventFinding['where'], string][] = [];
  if (title) places.push(['headline', quoteless(title.text)]);
  if (lead) places.push(['lead', quoteless(lead.text)]);
  // An ending told in two steps ("Amazon will not be buying iRobot after all. The two companies said on Monday that
  // they had agreed to terminate…"): the lead paragraph's next sentence may carry the ending, never another event.
  const next = lead && sentences.find((s) => s.index === lead.index + 1 && s.paragraph === lead.paragraph && s.paragraph >= 0);
  const nextText = next ? quoteless(next.text) : undefined;
  // Settling a lawsuit ends a legal fight with an agreement: that is the deal, not a challenge to one.
  const settles = places.some(([, t]) => /\bsettl(?:e|es|ed|ing|ement)\b/i.test(t));
  // An ending or a completion is the news even when the story mentions the lawsuits on the way.
  for (const [event, re] of [
    ['end', END],
    ['complete', COMPLETE],
    ['legal', settles ? /(?!)/ : LEGAL],
    ['rumour', RUMOUR],
  ] as const) {
    for (const [where, text] of places) {
      const m = has(re, text);
      if (m) return { event, evidence: `"${m[0]}" in the ${where}`, where };
    }
  }
  const ending = nextText !== undefined ? has(END, nextText) : undefined;
  if (ending) return { event: 'end', evidence: `"${ending[0]}" in the lead`, where: 'lead' };
  return { event: 'announce', evidence: 'no completion, ending, legal challenge or rumour in the headline or lead', where: 'default' };
}
