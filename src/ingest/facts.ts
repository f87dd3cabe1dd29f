// The announced date and the deal value: taken only when the text states them, next to wording that makes them the
// deal's (a date beside "announced", a sum beside "acquire for"); never guessed from the publication date or from a
// revenue figure. When nothing qualifies, the field stays empty and the reason says what the text did contain.
import nlp from 'compromise';
import { PARTIAL_DATE_RE } from '../deals/schema.ts';
import type { DealType } from '../deals/schema.ts';
import type { Sentence } from './text.ts';
import { blankSpans, trimEndWord } from './scan.ts';
import { inBackgroundClause, type StoryEvent } from './story.ts';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
/** A weekday's name, as a pattern: "Monday" … "Sunday". */
export const WEEKDAY_WORD = '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day';
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

interface DateMatch {
  value: string;
  text: string;
  at: number;
  end: number;
  /** "last year", "earlier this year": counted from the story's date. */
  relative?: boolean;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(d: string): string | undefined {
  if (!PARTIAL_DATE_RE.test(d)) return undefined;
  const m = PARTIAL_DATE_RE.exec(d);
  if (m?.[3] && new Date(`${d}T00:00:00Z`).getUTCDate() !== Number(m[3])) return undefined;
  return d;
}

/**
 * A wire dateline without a year ("PARIS, July 7 (Reuters) — …"): the month and day, where the prefix ends. Only with
 * a place in capitals or a wire tag, so prose ("In July 7 …") is never cut.
 */
export function yearlessDateline(p: string): { month: number; day: number; end: number } | undefined {
  const tail = `(\\s*\\([A-Z][A-Za-z .'&-]{1,30}\\))?\\s*(?:--|[—–-]|:)\\s*`;
  const monthFirst = new RegExp(`^([A-Z][A-Za-z.,/& -]{1,80}?),\\s+${MONTH}\\s+(\\d{1,2})\\b${tail}`).exec(p.slice(0, 140));
  // "NEUBIBERG, 16 April — …": the day first, as European outlets write it.
  const dayFirst = monthFirst ? undefined : new RegExp(`^([A-Z][A-Za-z.,/& -]{1,80}?),\\s+(\\d{1,2})\\s+${MONTH}(?![A-Za-z])${tail}`).exec(p.slice(0, 140));
  const found = monthFirst
    ? { whole: monthFirst[0], place: monthFirst[1]!, monthName: monthFirst[2]!, day: Number(monthFirst[3]), wire: monthFirst[4] }
    : dayFirst
      ? { whole: dayFirst[0], place: dayFirst[1]!, monthName: dayFirst[3]!, day: Number(dayFirst[2]), wire: dayFirst[4] }
      : undefined;
  if (!found) return undefined;
  if (!found.wire && !/^[A-Z]{2,}/.test(found.place)) return undefined;
  if (!found.place.split(/[\s,/&-]+/).filter(Boolean).every((w) => /^[A-Z]/.test(w))) return undefined;
  const month = MONTHS[found.monthName.toLowerCase().replace('.', '')];
  if (!month || found.day < 1 || found.day > 31) return undefined;
  return { month, day: found.day, end: found.whole.length };
}

/**
 * The year of a yearless dateline, told by the weekday the lead gives for the same day ("PARIS, July 7 — … agreed on
 * Monday"): of the years from two before the latest year the article names up to that year, the only one in which
 * that month and day fall on that weekday. None, or more than one, gives no year (the date stays empty).
 */
export function yearForWeekday(month: number, day: number, weekday: string, yearsNamed: readonly number[]): number | undefined {
  const target = WEEKDAYS.indexOf(weekday.toLowerCase());
  if (target < 0 || yearsNamed.length === 0) return undefined;
  const latest = Math.max(...yearsNamed);
  const fits: number[] = [];
  for (let y = latest - 2; y <= latest; y++) {
    const d = new Date(Date.UTC(y, month - 1, day));
    if (d.getUTCMonth() === month - 1 && d.getUTCDay() === target) fits.push(y);
  }
  return fits.length === 1 ? fits[0] : undefined;
}

/** Every explicit date in a sentence, at the precision it is written: a day, a month, or (with a cue) a year. */
/** The first full day (YYYY-MM-DD) the text writes, as a byline or an issue line gives one. */
export function firstFullDay(s: string): string | undefined {
  return findDates(s).find((d) => d.value.length === 10)?.value;
}

export function findDates(s: string): DateMatch[] {
  const out: DateMatch[] = [];
  const taken = (at: number, end: number) => out.some((o) => at < o.end && end > o.at);
  const add = (value: string | undefined, m: RegExpMatchArray) => {
    if (!value || m.index === undefined || taken(m.index, m.index + m[0].length)) return;
    out.push({ value, text: m[0], at: m.index, end: m.index + m[0].length });
  };
  for (const m of s.matchAll(/\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b/g)) add(valid(`${m[1]}-${m[2]}-${m[3]}`), m);
  // "2021.06.21", "2021/06/21": the year-first form Korean, Japanese and Chinese outlets print.
  for (const m of s.matchAll(/\b((?:19|20)\d\d)([./])(\d\d)\2(\d\d)\b(?![./]\d)/g)) add(valid(`${m[1]}-${m[3]}-${m[4]}`), m);
  for (const m of s.matchAll(new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b`, 'gi'))) {
    const mon = MONTHS[m[1]!.toLowerCase().replace('.', '')];
    if (mon) add(valid(`${m[3]}-${pad(mon)}-${pad(Number(m[2]))}`), m);
  }
  for (const m of s.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+((?:19|20)\\d\\d)\\b`, 'gi'))) {
    const mon = MONTHS[m[2]!.toLowerCase().replace('.', '')];
    if (mon) add(valid(`${m[3]}-${pad(mon)}-${pad(Number(m[1]))}`), m);
  }
  for (const m of s.matchAll(new RegExp(`\\b${MONTH},?\\s+((?:19|20)\\d\\d)\\b`, 'gi'))) {
    const mon = MONTHS[m[1]!.toLowerCase().replace('.', '')];
    if (mon) add(valid(`${m[2]}-${pad(mon)}`), m);
  }
  // A bare year only after "in"/"during"/"of": "in 2019", never a number in a name or a sum.
  for (const m of s.matchAll(/\b(?:in|during|early|late|mid-?)\s+((?:19|20)\d\d)\b(?!\s*(?:billion|million|%|percent))/gi)) {
    add(valid(m[1]!), m);
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Words that make a date the announcement's: "first announced on", "agreed in October 2015 to acquire", "unveiled". */
const ANNOUNCE_CUE_RE = /\b(?:announc(?:e|es|ed|ing)|unveil(?:s|ed)?|agreed|agrees|struck|signed|inked|entered into|reached|disclosed|revealed|launched|formed|said|made (?:its|an|a|their) (?:first |initial |unsolicited |hostile )?(?:offer|bid|approach)|first (?:offered|bid|approached))\b/gi;
/** Words that make a date some other event's. */
const OTHER_EVENT_RE =
  /\b(?:founded|established|since|expected|expects|until|through|by the end|deadline|born|IPO|went public|listed|expires?|fined?|sued|lawsuit|filed|reported|ruled|opened|lost|won|approved|cleared|complet\w*|closed|closing|terminat\w*|abandon\w*|ended|became|joined|took over as|appointed|earlier this|last year)\b/i;
const COMPLETE_CUE_RE = /\b(?:complet(?:ed|es|ion)|closed|closes|finali[sz]ed|terminat(?:e|ed|es|ion)|call(?:ed)? off|abandon(?:ed)?|scrap(?:ped)?|ended|walked away|dropped)\b/i;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** "Monday" in a story dated 2023-12-20 -> 2023-12-18: the latest such day on or before the story's date. */
export function resolveWeekday(weekday: string, story: string): string | undefined {
  const target = WEEKDAYS.indexOf(weekday.toLowerCase());
  if (target < 0 || story.length !== 10) return undefined;
  const d = new Date(`${story}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  const back = (d.getUTCDay() - target + 7) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/** The old single-date reader, kept for callers that only want an announcement date stated in the text. */
export function findAnnouncedDate(sentences: readonly Sentence[]): DateFinding {
  const lead = sentences.find((s) => s.paragraph >= 0) ?? sentences[0];
  return findDealDates(sentences, lead, 'announce', undefined).announced;
}

export interface DateFinding {
  value?: string;
  evidence: string;
  confidence: 'high' | 'medium';
  /** Dates the text gives for other events, or relative words like "recently": why nothing was taken. */
  rejected: string[];
}

export interface DealDates {
  announced: DateFinding;
  closed: DateFinding;
}

/** A date written in a sentence that no other event claims and that the wording ties to what the sentence reports. */
function eventDateIn(text: string, skip: ReadonlySet<string>, strict: boolean): DateMatch | undefined {
  for (const d of findDates(text)) {
    const before = text.slice(Math.max(0, d.at - 60), d.at);
    if (skip.has(d.value) || OTHER_EVENT_RE.test(before.slice(-35)) || /\bfirst\b(?:\s+\S+){1,3}?\s+(?:on|in)\s+$/i.test(before)) continue;
    // "on Thursday, May 16, 2019, Sony and Microsoft said", "late on Wednesday, January 29, 2014: Google is selling".
    const onDay = /\bon\s+$/i.test(before) || /\bon\s+\w+day,\s$/i.test(before);
    if (strict) {
      if (d.value.length === 10 && onDay) return d;
      continue;
    }
    if (/\b(?:on|in)\s+$/i.test(before) || onDay || /^,?\s+(?:\S+\s+){0,6}?(?:announc|said|unveil|agreed)/i.test(text.slice(d.end, d.end + 60)) || d.at < 15) return d;
  }
  return undefined;
}

/** A day on or up to a week before the story's own date (any day when the story has no date of that precision). */
function withinWeekBefore(day: string, story: string | undefined): boolean {
  if (!story) return true;
  if (story.length < 10) return day.startsWith(story) || story.length === 4;
  const diff = (Date.parse(`${story}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000;
  return diff >= 0 && diff <= 7;
}

const WEEKDAY_RE = /\b(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
/** After a weekday, its own date: ", Nov. 11", " 11 November", ", March 4". */
const WEEKDAY_WITH_DATE_RE = /^,?\s+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)/;
/** Whether the words around a weekday tell some other event (trading, a future step) than the deal's news. */
function notTheEventNear(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  const after = text.slice(at, at + 40);
  // "said on Tuesday it would pay", "On Tuesday they agreed … that will": the future belongs to what was agreed.
  const agreed = ANNOUNCE_VERB_RE.test(before) || /^\S+\s+(?:\S+\s+){0,3}?(?:agreed|announced|said|signed)\b/i.test(after.replace(/^on\s+/i, ''));
  const window = agreed ? `${before}${after}`.replace(/\b(?:will|would|plans? to)\b/gi, ' ') : `${before}${after}`;
  return NOT_THE_EVENT_RE.test(window);
}

/** Whether a news verb stands next to the weekday ("said late on Wednesday", "on Monday announced"). */
function besideNewsVerb(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 25), at);
  const after = text.slice(at, at + 45).replace(/^(?:on\s+)?\w+day\b/i, '');
  return ANNOUNCE_VERB_RE.test(before) || /^,?\s+(?:\S+\s+){0,2}?(?:announc\w*|said|says|agreed|signed|unveil\w*|struck|confirmed|revealed)\b/i.test(after);
}

/** Sentences whose weekday is some other event's: trading, reactions, what comes next. */
// ("stock" as the market, not the form of payment: "an all-stock offer", "a stock deal" tell the deal itself.)
const NOT_THE_EVENT_RE = /\b(?:shares?|(?<!-)stocks?(?! (?:offer|deal|swap|merger|transaction|acquisition|purchase|bid))|trading|traded|rose|fell|jumped|slid|closed at|will|would|next|expects?|expected|plans? to|due to)\b/i;

/**
 * The date of the lead's own event: a date written in the lead; else, in the rest of the lead's paragraph and the one
 * after it, a day written with "on" ("on Thursday, May 16, 2019, Sony … said"); a weekday or "today" against the
 * story's date; and last the story's own date. A byline, a blog's "Posted" line or a newsletter's masthead is often a
 * day later than the news it reports (an analysis dated May 17 of an MoU signed "on Thursday, May 16"), so the text's
 * own day always beats it, and a weekday in the opening paragraph is read against it before the date itself is used.
 */
function leadEventDate(sentences: readonly Sentence[], lead: Sentence | undefined, event: StoryEvent, story: StoryDate | undefined, skip: ReadonlySet<string>): { value: string; evidence: string; confidence: 'high' | 'medium' } | undefined {
  if (!lead) return undefined;
  const inLead = eventDateIn(lead.text, skip, false);
  if (inLead) return { value: inLead.value, evidence: `"${inLead.text}" in the lead`, confidence: 'high' };
  /** The first weekday in the sentence (not one beside announcement wording, when `notAnnounced`), counted back. */
  const weekday = (s: Sentence, notAnnounced = false, undated = false) => {
    if (!story) return undefined;
    for (const day of s.text.matchAll(new RegExp(WEEKDAY_RE.source, 'g'))) {
      // "announced on Monday" is the announcement's day; "said on Monday that they had agreed to terminate" reports the
      // ending itself.
      if (notAnnounced && ANNOUNCED_ON_RE.test(s.text.slice(Math.max(0, day.index - 30), day.index))) continue;
      // "agreed on Sunday, Nov. 11": a weekday with its date is that date, not the last such weekday.
      if (undated && WEEKDAY_WITH_DATE_RE.test(s.text.slice(day.index + day[0].length, day.index + day[0].length + 16))) continue;
      const v = resolveWeekday(day[1]!, story.date);
      if (v) return { day: day[0], value: v, at: day.index };
    }
    return undefined;
  };
  if (story) {
    const day = weekday(lead);
    // "VMware shareholders on Friday voted to approve the sale": a vote, an approval or a ruling on that day is a later
    // step of an announced deal, not its announcement.
    const laterStep = event === 'announce' && day && LATER_STEP_RE.test(lead.text.slice(day.at, day.at + 50)) && tellsLaterStep(lead.text);
    // "Investors on Thursday were still digesting the price …. The social network said late on Wednesday that it would
    // buy": a weekday with no news verb beside it gives way to one, in the lead's paragraph or the next, that has one.
    if (day && !laterStep && !besideNewsVerb(lead.text, day.at)) {
      for (const s of sentences.filter((x) => x !== lead && x.paragraph >= 0 && (x.paragraph === lead.paragraph || x.paragraph === lead.paragraph + 1))) {
        const other = weekday(s, event === 'complete' || event === 'end', true);
        if (other && besideNewsVerb(s.text, other.at) && !notTheEventNear(s.text, other.at)) {
          return { value: other.value, evidence: `"${other.day}" beside the news in the story's opening, counted back from the story's ${story.from} date ${story.date}`, confidence: 'medium' };
        }
      }
    }
    if (day && !laterStep) return { value: day.value, evidence: `"${day.day}" in the lead, counted back from the story's ${story.from} date ${story.date}`, confidence: 'medium' };
    if (/\b(?:today|this morning)\b/i.test(lead.text) && story.date.length === 10) {
      return { value: story.date, evidence: `"today" in the lead, on the story's ${story.from} date`, confidence: 'medium' };
    }
    if (/\byesterday\b/i.test(lead.text) && story.date.length === 10) {
      return { value: dayBefore(story.date), evidence: `"yesterday" in the lead, the day before the story's ${story.from} date ${story.date}`, confidence: 'medium' };
    }
  }
  // A live blog is written on the day of the news its headline tells ("Live: Comcast drops its Time Warner Cable
  // takeover", "Asia markets live: Hitachi slides on $9.6bn GlobalLogic deal"): with no day in its entries, its
  // own date is the event's.
  if (story && story.from !== 'metadata' && story.date.length === 10 && liveNewsBlog(sentences)) {
    return { value: story.date, evidence: `a live blog of the news, on its ${story.from} date`, confidence: 'medium' };
  }
  // "announced last week", "completed earlier this month": the event is not on the story's date, and the text does not
  // say which day it was — leave the field empty rather than take the story's date.
  if (ELSEWHERE_IN_TIME_RE.test(lead.text)) return undefined;
  // The rest of the lead's paragraph and the next paragraph, in the sentences that tell this story's event (the
  // announcement's words for an announcement, the completion's or ending's for those): a day written with "on"
  // ("on Thursday, May 16, 2019, Sony … said they had signed"), within the week up to the story's date and outside an
  // "after …" clause.
  const tells = event === 'complete' || event === 'end' ? (t: string) => COMPLETE_CUE_RE.test(t) : (t: string) => ANNOUNCE_VERB_RE.test(t);
  // (A deck for a lead — "… headed for ChatGPT under Condé Nast licensing pact", no full stop — reaches one paragraph
  // further: the story's first sentences of prose follow it.)
  const reach = /[.!?"”’]$/.test(lead.text.trim()) ? 1 : 2;
  const opening = sentences.filter((s) => s !== lead && s.paragraph >= 0 && s.paragraph >= lead.paragraph && s.paragraph <= lead.paragraph + reach && tells(s.text));
  for (const s of opening) {
    const d = eventDateIn(s.text, skip, true);
    if (!d || inBackgroundClause(s.text, d.at) || !withinWeekBefore(d.value, story?.date)) continue;
    // For a completion or an ending, a day beside announcement wording is the announcement's ("The deal, announced on
    // Monday, March 4, closed on Friday").
    if ((event === 'complete' || event === 'end') && ANNOUNCE_VERB_RE.test(s.text.slice(Math.max(0, d.at - 30), d.at))) continue;
    return { value: d.value, evidence: `"${d.text}" in the story's opening`, confidence: 'high' };
  }
  if (!story) return undefined;
  // A dateline dates the news itself; a byline or masthead may be a day or more later ("Apple's keynote on Monday", in
  // a letter dated Tuesday): a weekday in those sentences tells the day.
  if (story.from === 'byline' || story.from === 'dateline') {
    for (const s of opening) {
      const found = weekday(s, event === 'complete' || event === 'end');
      // Trading, a future step or a plan on that day is some other event; read around the weekday, not the whole
      // sentence ("On Tuesday they finally agreed, announcing a merger that will combine them" is the news).
      const d = found && !notTheEventNear(s.text, found.at) ? found : undefined;
      if (!d) continue;
      return { value: d.value, evidence: `"${d.day}" in the story's opening, counted back from the story's ${story.from} date ${story.date}`, confidence: 'medium' };
    }
  }
  if (story.from === 'byline') {
    // A weekday before the lead in its own paragraph or the one before ("… keynote on Monday. But the news came at the
    // end: …"; "Two carmakers admitted on Thursday that they cannot do it alone. At a signing in Tokyo, …").
    for (const s of sentences.filter((x) => x.paragraph >= 0 && x.paragraph >= lead.paragraph - 1 && x.paragraph <= lead.paragraph && x.index < lead.index && !opening.includes(x))) {
      // (A regulator's approval or a vote on that day is a later step, not the news of the deal.)
      const d = NOT_THE_EVENT_RE.test(s.text) || /\b(?:approv\w*|clear(?:ed|ance)|blessing|rul(?:ed|ing)|decision|probe|investigation|vot(?:e|ed|ing))\b/i.test(s.text) ? undefined : weekday(s);
      if (d) return { value: d.value, evidence: `"${d.day}" in the lead's paragraph, counted back from the story's ${story.from} date ${story.date}`, confidence: 'medium' };
    }
    // "Quick one today, because the news landed late yesterday. Google says its deal with HTC has closed.": the news
    // the lead tells came the day before the post.
    const before = sentences.filter((x) => x.paragraph === lead.paragraph && x.index < lead.index);
    if (story.date.length === 10 && before.some((x) => /\b(?:news|announcement|word)\b[^.]{0,30}\byesterday\b|\byesterday\b[^.]{0,30}\b(?:news|announcement)\b/i.test(x.text))) {
      return { value: dayBefore(story.date), evidence: `"yesterday" just before the lead, the day before the story's ${story.from} date ${story.date}`, confidence: 'medium' };
    }
  }
  // The dateline itself (not page metadata): a story reports what happened on the day it is dated — when its lead
  // reports something happening at all ("Microsoft's purchase of Activision is the biggest bet in gaming" is a view,
  // written any day after).
  // A section header as the lead ("THE BIG ROUND: MISTRAL AI") stands for the sentence under it.
  const told = /[.!?"”’]$/.test(lead.text.trim()) ? lead : (sentences.find((x) => x.index > lead.index && x.paragraph >= 0) ?? lead);
  // An analysis, opinion or explainer is written any day after the news: only a date its text gives counts.
  const title = sentences.find((x) => x.paragraph < 0)?.text ?? '';
  const commentary = /^(?:analysis|opinion|comment|commentary|explainer|column|viewpoint|perspective|review)\b\s*[:|—–-]/i.test(title.trim());
  if (story.from !== 'metadata' && !commentary && reportsEvent(told.text) && !(event === 'announce' && tellsLaterStep(told.text))) return { value: story.date, evidence: `the story's ${story.from} date`, confidence: 'medium' };
  return undefined;
}

/** A headline about what a regulator or a court does to a deal ("CMA orders Facebook to sell Giphy"): not the deal's news. */
const REGULATOR_HEADLINE = /\b(?:regulators?|watchdog|authority|CMA|FTC|DoJ|SAMR|commission|court|judge|orders?|ordered|forces?|forced|blocks?|blocked|probe|investigation)\b/i;

/**
 * A live blog of a deal's news: its headline says so ("Live:", "LIVE —", "markets live:"), or its byline ("Live
 * coverage by …"), and the headline is not about what a regulator or a court does to the deal.
 */
function liveNewsBlog(sentences: readonly Sentence[]): boolean {
  const title = (sentences.find((x) => x.paragraph < 0)?.text ?? '').trim();
  const live = /^(?:[\w-]+ ){0,2}live\b\s*[:|—–-]|\blive blog\b/i.test(title) || sentences.slice(0, 12).some((x) => /^live (?:coverage|updates|blog)\b/i.test(x.text.trim()));
  return live && !REGULATOR_HEADLINE.test(title);
}

/** The day before a YYYY-MM-DD date. */
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const AFTER_THE_NEWS_RE = /\b(?:(?:a|one|two|three|four|five|six|several|\d+) (?:days?|weeks?)|a day|hours|days|weeks) (?:after|since) (?:agreeing|announcing|striking|signing|unveiling|(?:it|they|the (?:two|companies)) (?:agreed|announced|struck|signed|unveiled))\b/i;
const LATER_STEP_RE = /\b(?:approv\w*|clear(?:s|ed|ance)|(?:competition|antitrust|markets) (?:authority|regulator|watchdog|commission)|regulators?|watchdog|waves? through|vot(?:e|es|ed|ing)|rul(?:es|ed|ing)|back(?:s|ed)|reject(?:s|ed)|turn(?:s|ed) down|den(?:y|ies|ied))\b/i;

/** The lead's news is a later step (a vote, an approval, a ruling) when that step comes before any word of agreeing. */
function tellsLaterStep(text: string): boolean {
  const step = LATER_STEP_RE.exec(text);
  // "said that its board had approved the sale": a board's approval is how a seller announces a deal.
  if (step && /\bboards?\b(?:\s+\S+){0,3}\s+$/i.test(text.slice(Math.max(0, step.index - 30), step.index))) return false;
  if (!step || /\b(?:subject to|requires?|needs?|pending|awaiting|await|expected to|will|would|for|of)\s+(?:\S+\s+)?$/i.test(text.slice(Math.max(0, step.index - 25), step.index))) return false;
  const agreeing = /\b(?:agree[sd]?|announc\w*|to (?:buy|acquire|merge|purchase|invest|sell)|will (?:buy|acquire)|buys|acquires|sign(?:s|ed)|struck|strikes)\b/i.exec(text);
  return !agreeing || step.index < agreeing.index;
}

const PRESENT_DEAL_VERB = /\b(?:buys|acquires|sells|invests|agrees|signs|announces|unveils|raises|merges|partners|teams up|forms|launches|settles|completes|closes|ends|drops|terminates|abandons|sues|takes over|licenses|strikes|inks|seals|backs|leads)\b/i;

/**
 * Whether a sentence reports an event (what news leads do): a verb in the past, perfect, progressive or future, an
 * infinitive headline ("to buy"), or a deal verb in the present ("Quillfeather buys Zeta Labs"), read from
 * compromise's tags. A sentence that only describes ("… is the biggest bet in gaming") does not.
 */
export function reportsEvent(text: string): boolean {
  if (PRESENT_DEAL_VERB.test(text)) return true;
  // "the biggest bet it has ever made": a superlative's relative clause, not the news.
  const doc = nlp(text.replace(/\b(?:has|have|had) (?:ever|never) \w+/gi, ' '));
  return doc.has('#PastTense') || doc.has('(will|would|shall) #Verb') || doc.has('#Copula #Gerund') || doc.has('to #Infinitive') || doc.has('(has|have|had) #Verb');
}

/** Words that tell a deal being announced (what a sentence must say for its day to be the announcement's). */
/** Words that put a weekday on the announcement rather than on a later completion or ending. */
const ANNOUNCED_ON_RE = /\b(?:announc\w*|unveil\w*|signed|struck|inked|revealed|first)\b/i;
const ANNOUNCE_VERB_RE = /\b(?:announc\w*|said|says|told|signed|signs|agreed|agrees|settled|unveil\w*|struck|strikes|inked|revealed|disclosed|news)\b/i;

/** Relative times that put the lead's event on some other, unstated day. */
const ELSEWHERE_IN_TIME_RE = /\b(?:last (?:week|month|weekend)|earlier (?:this|in the) (?:week|month)|over the weekend|(?:a few|several|two|three) (?:days|weeks) ago|days ago|weeks ago|recently|late last)\b/i;

interface StoryDate {
  date: string;
  from: 'dateline' | 'byline' | 'metadata';
}

/**
 * "on June 13" in a story dated 2016-12-08 -> 2016-06-13: a day and month without a year take the story's year (the
 * year before when that would fall after the story). Only with a story date, and only for announcement wording.
 */
export function findYearlessDates(s: string, story: string | undefined): DateMatch[] {
  if (!story || story.length < 4) return [];
  const out: DateMatch[] = [];
  // "on Feb. 8", "on Monday, Feb. 8": the weekday may come first.
  for (const m of s.matchAll(new RegExp(`\\bon\\s(?:${WEEKDAY_WORD},?\\s)?${MONTH}\\s(\\d{1,2})(?:st|nd|rd|th)?\\b(?!,?\\s(?:19|20)\\d\\d)`, 'gi'))) {
    const mon = MONTHS[m[1]!.toLowerCase().replace('.', '')];
    if (!mon || m.index === undefined) continue;
    let year = Number(story.slice(0, 4));
    const day = `${pad(mon)}-${pad(Number(m[2]))}`;
    if (story.length === 10 && `${year}-${day}` > story) year -= 1;
    const v = valid(`${year}-${day}`);
    if (v) out.push({ value: v, text: m[0].replace(/^on\s/i, ''), at: m.index + 3, end: m.index + m[0].length });
  }
  // "on 3 June last year", "on 16 April": the day written first, as in British and European English.
  for (const m of s.matchAll(new RegExp(`\\bon\\s(?:${WEEKDAY_WORD},?\\s)?(\\d{1,2})(?:st|nd|rd|th)?\\s${MONTH}(?![\\p{L}])(?!,?\\s(?:19|20)\\d\\d)(\\s(?:of\\s)?last\\syear\\b)?`, 'giu'))) {
    const mon = MONTHS[m[2]!.toLowerCase().replace('.', '')];
    if (!mon || m.index === undefined || out.some((o) => m.index < o.end && m.index + m[0].length > o.at)) continue;
    let year = Number(story.slice(0, 4));
    const day = `${pad(mon)}-${pad(Number(m[1]))}`;
    if (m[3] || (story.length === 10 && `${year}-${day}` > story)) year -= 1;
    const v = valid(`${year}-${day}`);
    if (v) out.push({ value: v, text: m[0].replace(/^on\s/i, ''), at: m.index + 3, end: m.index + m[0].length });
  }
  // "announced the deal in April" (no year, no day): the latest such month on or before the story's date; "in May
  // last year" is the story's year before, "in March this year" the story's own year.
  for (const m of s.matchAll(new RegExp(`\\bin\\s${MONTH}(?![\\p{L}.])(?!\\s\\d|,?\\s(?:19|20)\\d\\d)(?:\\s(?:of\\s)?(last|this)\\syear\\b)?`, 'gu'))) {
    const mon = MONTHS[m[1]!.toLowerCase().replace('.', '')];
    // "in May" is the month only when written as a name (not "may" the verb, which the pattern does not match anyway).
    if (!mon || m.index === undefined || !/^\p{Lu}/u.test(m[1]!)) continue;
    let year = Number(story.slice(0, 4));
    if (m[2] === 'last') year -= 1;
    else if (m[2] === 'this') {
      if (story.length >= 7 && `${year}-${pad(mon)}` > story.slice(0, 7)) continue;
    } else if (story.length >= 7 && `${year}-${pad(mon)}` > story.slice(0, 7)) year -= 1;
    const v = valid(`${year}-${pad(mon)}`);
    if (v) out.push({ value: v, text: m[0].replace(/^in\s/, ''), at: m.index + 3, end: m.index + m[0].length });
  }
  // "the deal struck last year", "agreed earlier this year": the year only, counted from the story's date.
  for (const m of s.matchAll(/\b(last year|a year (?:ago|earlier)|earlier this year|this year)\b/gi)) {
    if (out.some((o) => m.index < o.end && m.index + m[0].length > o.at)) continue;
    const year = Number(story.slice(0, 4)) - (/^(?:last|a year)/i.test(m[1]!) ? 1 : 0);
    const v = valid(String(year));
    if (v) out.push({ value: v, text: m[0], at: m.index, end: m.index + m[0].length, relative: true });
  }
  return out;
}

/** Talks, studies and plans to explore: a step before any deal. */
const PRELIMINARY_RE = /\b(?:talks|discussions|negotiations|explor\w*|stud(?:y|ied|ying)|consider\w*|a plan to (?:explore|study|discuss))\b/i;
const PRELIMINARY_AFTER_RE = /^,?\s+(?:that\s+)?(?:they|it|the (?:two|companies|pair|groups?)|\w+)\s+(?:would|will|were|was|are|is|had|planned to|plan to)\s+(?:be\s+)?(?:explor\w*|study|studying|consider\w*|discuss\w*|(?:hold|holding|open|opening|begin|beginning|start|starting|enter|entering|in)\s+(?:\w+\s+)?talks|talk\w*|look(?:ing)? (?:at|into))\b/i;

/** Dates with wording that makes them the deal's announcement ("first announced on", "agreed in … to acquire"). */
/** A date the text gives for the announcement, the sentence it stands in, and whether it is the "first" one. */
interface AnnouncementDate {
  value: string;
  text: string;
  sentence: number;
  first: boolean;
}

function announcementDates(sentences: readonly Sentence[], story?: string): AnnouncementDate[] {
  const out: AnnouncementDate[] = [];
  for (const s of sentences) {
    const text = s.text;
    const dated = findDates(text);
    const yearless = findYearlessDates(text, story).filter((y) => !dated.some((d) => y.at < d.end && y.end > d.at));
    for (const d of [...dated, ...yearless]) {
      const before = text.slice(Math.max(0, d.at - 80), d.at);
      const after = text.slice(d.end, d.end + 40);
      let cueEnd = -1;
      let cueWord = '';
      for (const m of before.matchAll(ANNOUNCE_CUE_RE)) {
        cueEnd = m.index + m[0].length;
        cueWord = m[0];
      }
      // A year counted from the story date needs the deal's own verb: "which said last year it would cut jobs" is not it.
      if (d.relative && !/^(?:announc|unveil|agree|struck|signed|inked|reached|entered)/i.test(cueWord)) continue;
      // "formed" dates a venture or an alliance; "Gemalto … was formed in 2006 from the merger of" is a company's history.
      if (/^formed$/i.test(cueWord) && !/\b(?:venture|alliance|partnership|consortium|JV|collaboration)\b/i.test(text)) continue;
      const gap = cueEnd >= 0 ? before.slice(cueEnd) : '';
      // "struck the deal last year": the deal noun may stand between the verb and a year counted from the story date.
      const gapFits = /\b(?:on|in)\s+$|\bon\s+\w+day,\s$|^\s*$/i.test(gap) || (d.relative === true && /^\s(?:the|its|their|this|that) (?:\S+ ){0,2}?(?:deal|agreement|merger|acquisition|purchase|takeover|transaction)\s$/i.test(gap));
      const cueBefore = cueEnd >= 0 && gap.length <= 60 && !OTHER_EVENT_RE.test(gap) && !COMPLETE_CUE_RE.test(gap) && gapFits;
      // ("On February 26 Microsoft and the Paris-based model developer announced …": a date opening the sentence may
      // have its subject, however long, before the verb.)
      const cueAfter =
        /^,?\s+(?:that\s+)?(?:\w+\s+){0,2}?(?:announced|unveiled|agreed|signed)\b/i.test(after) ||
        (/^\s*(?:on\s+)?$/i.test(text.slice(0, d.at)) && /^,?\s+(?:[\p{L}\p{N}'’.&-]+\s+){1,8}?(?:announced|unveiled|agreed|signed)\b/iu.test(text.slice(d.end, d.end + 100)));
      const otherBefore = OTHER_EVENT_RE.test(before.slice(-30));
      const first = cueBefore && /\bfirst\s+(?:\S+\s+){0,1}$/i.test(trimEndWord(before.slice(0, cueEnd).slice(-30)));
      // "first said in October 2016 that they would explore a tie-up", "announced talks in May": the start of talks is
      // not the deal's announcement.
      if (cueBefore && (PRELIMINARY_RE.test(gap) || PRELIMINARY_AFTER_RE.test(text.slice(d.end, d.end + 80)))) continue;
      if ((cueBefore || cueAfter) && !(otherBefore && !cueBefore)) out.push({ value: d.value, text: d.text, sentence: s.index, first });
    }
  }
  return out;
}

/**
 * The deal's announcement date and, for completion and ending stories, its closing date. A story dated months
 * after the deal was announced ("… the deal Adobe first announced in September 2022") gives the closing date from
 * its own date and the announcement date only from the wording that says so. Rumours and legal challenges give no
 * announcement date of their own.
 */
/** "the agreement had terminated as of March 19", "the merger was completed on June 3, 2021": the day the text gives
 * for the ending or the completion itself, which beats the story's own date. */
const EFFECTIVE_END = new RegExp(`\\b(?:terminat(?:ed|es)|ended|expired|lapsed|complet(?:ed|es)|closed|took effect)\\s+(?:as of|on|effective|effective as of)\\s+${MONTH}\\s(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s((?:19|20)\\d\\d))?`, 'i');

function effectiveEndDate(sentences: readonly Sentence[], story: string | undefined): { value: string; text: string } | undefined {
  for (const s of sentences.filter((x) => x.paragraph >= 0).slice(0, 6)) {
    const m = EFFECTIVE_END.exec(s.text);
    if (!m) continue;
    const mon = MONTHS[m[1]!.toLowerCase().replace('.', '')];
    if (!mon) continue;
    const day = `${pad(mon)}-${pad(Number(m[2]))}`;
    let year = m[3] ? Number(m[3]) : story && story.length >= 4 ? Number(story.slice(0, 4)) : undefined;
    if (year === undefined) continue;
    if (!m[3] && story && story.length === 10 && `${year}-${day}` > story) year -= 1;
    const v = valid(`${year}-${day}`);
    if (v) return { value: v, text: m[0] };
  }
  return undefined;
}

/**
 * "… would pay $127.50 a share, up from the $110 a share it agreed to in October 2016": a story about a raised or revised
 * offer reports a deal announced before; the date the text gives for the original agreement is the announcement's.
 */
function revisedFrom(sentences: readonly Sentence[], lead: Sentence | undefined, explicit: readonly AnnouncementDate[], story: string | undefined) {
  if (!lead) return undefined;
  const near = sentences.filter((s) => s.paragraph >= 0 && s.index >= lead.index && s.index <= lead.index + 2);
  if (!near.some((s) => REVISED_CUE.test(s.text) || /\bup from (?:the |its |an? )?(?:original |earlier |initial )?(?:[$€£¥₹][\d.,]+|offer|bid|price)/i.test(s.text))) return undefined;
  return explicit.find((e) => near.some((s) => s.index === e.sentence) && (!story || e.value < story.slice(0, e.value.length)));
}

export function findDealDates(sentences: readonly Sentence[], lead: Sentence | undefined, event: StoryEvent, story: StoryDate | undefined): DealDates {
  const rejected: string[] = [];
  for (const s of sentences) for (const d of findDates(s.text)) rejected.push(`"${d.text}"`);
  const explicit = announcementDates(sentences, story?.date);
  const leadDate = leadEventDate(sentences, lead, event, story, event === 'announce' ? new Set() : new Set(explicit.map((e) => e.value)));
  const none = (reason: string): DateFinding => ({ evidence: reason, confidence: 'medium', rejected: [...new Set(rejected)].slice(0, 4) });
  let announced: DateFinding = none('');
  let closed: DateFinding = none('');
  if (event === 'announce') {
    // The lead's own date is the announcement; a date the text calls the announcement's comes next.
    const inLead = explicit.find((e) => e.sentence === lead?.index);
    // "The two groups first announced their plan on October 31, 2019": the original announcement, whatever the lead reports.
    const first = explicit.find((e) => e.first) ?? revisedFrom(sentences, lead, explicit, story?.date);
    if (first) announced = { value: first.value, evidence: `"${first.text}", the first announcement`, confidence: 'high', rejected: [] };
    else if (inLead) announced = { value: inLead.value, evidence: `"${inLead.text}", next to announcement wording in the lead`, confidence: 'high', rejected: [] };
    // "Two days after agreeing to buy Dialog, Renesas spent Wednesday explaining …": the lead's day is after the
    // agreement; only a date the text gives for the agreement itself is the announcement's.
    else if (lead && AFTER_THE_NEWS_RE.test(lead.text)) {
      // The latest such date before the story: older ones belong to earlier deals ("In 2018 Apple agreed a deal with …").
      const told = explicit
        .filter((e) => e.sentence !== lead.index && (!story || e.value < story.date.slice(0, e.value.length)))
        .sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0))[0];
      if (told) announced = { value: told.value, evidence: `"${told.text}", next to announcement wording (the lead tells what came after)`, confidence: 'high', rejected: [] };
    } else if (leadDate) announced = { value: leadDate.value, evidence: leadDate.evidence, confidence: leadDate.confidence, rejected: [] };
    else if (explicit[0]) announced = { value: explicit[0].value, evidence: `"${explicit[0].text}", next to announcement wording`, confidence: 'high', rejected: [] };
  } else {
    const effective = event === 'complete' || event === 'end' ? effectiveEndDate(sentences, story?.date) : undefined;
    if (effective) {
      closed = { value: effective.value, evidence: `"${effective.text}"`, confidence: 'high', rejected: [] };
    } else if ((event === 'complete' || event === 'end') && leadDate) {
      closed = { value: leadDate.value, evidence: `${event === 'end' ? 'ended' : 'completed'}: ${leadDate.evidence}`, confidence: leadDate.confidence, rejected: [] };
    }
    const earlier = explicit.find((e) => e.value !== closed.value);
    if (earlier) announced = { value: earlier.value, evidence: `"${earlier.text}", next to announcement wording`, confidence: 'high', rejected: [] };
  }
  // "agreed to it in October of last year" … "The agreement was announced on Oct. 12, 2015": the day the text gives
  // elsewhere for the same month (or year) makes it precise.
  const coarse = announced.value;
  if (coarse && coarse.length < 10) {
    const finer = explicit.find((e) => e.value.length > coarse.length && e.value.startsWith(coarse) && e.value !== closed.value);
    if (finer) announced = { ...announced, value: finer.value, evidence: `${announced.evidence}; "${finer.text}" gives the day` };
  }
  if (!announced.value) {
    const rel = sentences.map((s) => /\b(?:recently|today|yesterday|this week|last week)\b/i.exec(s.text)?.[0]).find(Boolean);
    if (rel) rejected.push(`"${rel}"`);
    announced = none(
      event === 'rumour'
        ? 'a rumour has no announcement date'
        : event === 'legal'
          ? 'a legal challenge story: the text does not say when the deal was announced'
          : event === 'announce'
            ? 'the text gives no announcement date'
            : 'the text does not say when the deal was first announced',
    );
  }
  if (!closed.value) closed = { ...none(event === 'complete' || event === 'end' ? 'the text does not say when' : 'the deal has not closed or ended'), rejected: [] };
  return { announced, closed };
}

// ---------------------------------------------------------------- value

const SCALE: Record<string, number> = {
  trillion: 1e12, tn: 1e12, billion: 1e9, bn: 1e9, b: 1e9, million: 1e6, mn: 1e6, mln: 1e6, m: 1e6, thousand: 1e3, k: 1e3,
  crore: 1e7, lakh: 1e5,
};
const SYMBOLS: Record<string, string> = {
  '$': 'USD', 'us$': 'USD', 'nt$': 'TWD', 'hk$': 'HKD', 's$': 'SGD', usd: 'USD', '€': 'EUR', eur: 'EUR', '£': 'GBP', gbp: 'GBP', '¥': 'JPY', jpy: 'JPY', '₹': 'INR',
  rs: 'INR', 'rs.': 'INR', inr: 'INR', '₩': 'KRW', krw: 'KRW', cny: 'CNY', rmb: 'CNY', 'c$': 'CAD', 'a$': 'AUD', chf: 'CHF',
};
const WORD_CURRENCIES: Record<string, string> = {
  dollars: 'USD', 'us dollars': 'USD', euros: 'EUR', euro: 'EUR', pounds: 'GBP', yen: 'JPY', yuan: 'CNY', rupees: 'INR', won: 'KRW',
};

export interface MoneyMatch {
  amount: number;
  currency: string;
  text: string;
  at: number;
  end: number;
  /** Written with a scale word ("$4.5 billion", "€300m"), not as a bare figure ("$79"). */
  scaled: boolean;
}

export function findMoney(s: string): MoneyMatch[] {
  const out: MoneyMatch[] = [];
  // Whole numbers only: never the first digits of a longer one.
  const num = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\d,])|\\d+(?:\\.\\d+)?(?![\\d.]))';
  const scale = '(trillion|billion|million|thousand|crore|lakh|tn|bn|mn|mln|[bmk])\\b';
  const sym = '(US\\$|NT\\$|HK\\$|S\\$|C\\$|A\\$|\\$|€|£|¥|₹|₩|Rs\\.?|USD|EUR|GBP|JPY|INR|KRW|CNY|RMB|CHF)';
  const push = (raw: string, scaleWord: string | undefined, cur: string | undefined, m: RegExpMatchArray) => {
    if (!cur || m.index === undefined) return;
    const n = Number(raw.replace(/,/g, ''));
    const mult = scaleWord ? (SCALE[scaleWord.toLowerCase()] ?? 1) : 1;
    if (!Number.isFinite(n) || n <= 0 || n * mult > 1e15) return;
    const at = m.index;
    if (out.some((o) => at < o.end && at + m[0].length > o.at)) return;
    out.push({ amount: Math.round(n * mult), currency: cur, text: m[0].trim(), at, end: at + m[0].length, scaled: !!scaleWord });
  };
  for (const m of s.matchAll(new RegExp(`${sym}\\s?${num}(?:\\s?${scale})?`, 'gi'))) {
    push(m[2]!, m[3], SYMBOLS[m[1]!.toLowerCase()], m);
  }
  for (const m of s.matchAll(new RegExp(`(?<![\\d.])${num}\\s?(?:${scale})?\\s*(US dollars|dollars|euros?|pounds|yen|yuan|rupees|won|USD|EUR|GBP)\\b`, 'gi'))) {
    const cur = WORD_CURRENCIES[m[3]!.toLowerCase()] ?? SYMBOLS[m[3]!.toLowerCase()];
    push(m[1]!, m[2], cur, m);
  }
  return out;
}

const DEAL_MONEY_CUE =
  /\b(?:deal|sale|sell\w*|sold|takeover|buyout|merger|acqui\w+|buy\w*|bought|purchas\w*|for|valued|valuing|worth|invest\w*|round|rais\w*|funding|price|pay\w*|paid|stake|consideration|transaction|offer\w*|bid|financing|secured|injection|commit\w*|settle\w*|licen\w*|rights)\b/i;
const APPROX = '(?:about |around |roughly |some |nearly |almost |approximately |more than |over |up to |at least |an estimated )?';
/** What a sum is, read from the words just before and after it. */
type MoneyKind = 'award' | 'per-share' | 'equity' | 'enterprise' | 'total' | 'target-value' | 'round' | 'invest' | 'payment' | 'component' | 'valuation' | 'market-value' | 'fee' | 'revenue' | 'debt' | 'fine' | 'reported' | 'earlier' | 'price' | 'conversion' | 'buyback' | 'other';
const REJECTED_KINDS = new Set<MoneyKind>(['award', 'per-share', 'valuation', 'market-value', 'fee', 'revenue', 'debt', 'fine', 'reported', 'earlier', 'price', 'conversion', 'buyback']);
const KIND_LABEL: Partial<Record<MoneyKind, string>> = {
  'per-share': 'a per-share price', valuation: 'a valuation', 'market-value': 'a market value', fee: 'a fee', revenue: 'revenue or earnings',
  debt: 'debt or loans', fine: 'a fine', reported: 'reported by others while the terms are undisclosed', earlier: 'an earlier deal', price: 'a product or share price',
  conversion: 'a conversion of another sum', award: "a court's award", buyback: 'a share buy-back',
};

const NOT_DEAL_MONEY_BEFORE =
  /\b(?:revenue|revenues|sales|turnover|profit|profits|loss|losses|income|earnings|earn|earns|earned|salary|spent|spends|budget|cash of|annual|a year|previous|previously|earlier|last year|run-rate|run rate|outlook|guidance|forecast)\b(?:\W+\w+){0,3}\W*$/i;

function classifyMoney(text: string, m: MoneyMatch, prev: MoneyMatch | undefined, type: DealType | undefined, undisclosed: boolean): MoneyKind {
  const before = text.slice(Math.max(0, m.at - 90), m.at);
  const after = text.slice(m.end, m.end + 60);
  const b = before.toLowerCase();
  const a = after.toLowerCase();
  if (/^\s*(?:a|per|each|an) (?:share|ordinary share|ads)\b|^\s*per-share/.test(a) || /\bper-share (?:price )?of $/.test(b)) return 'per-share';
  // "trimmed it to $79", "between $6 and $8 for each phone": a sum written without a scale word and below a hundred
  // thousand is a price per share, per unit or per user — never what a whole company or deal costs.
  if (m.amount < 100_000 && !m.scaled) return 'per-share';
  // "the two businesses together carry an enterprise value of $13 billion": what the combined companies are worth.
  // ("Together they have put in 7.3 billion yen of capital" is what the partners invested, not what they are worth.)
  if (/\b(?:together|combined|jointly)\b[^.;$€£¥₹]{0,50}$/i.test(before) && !/\b(?:for|pay\w*|paid|put in|invest\w*|contribut\w*|committ?\w*)\b[^.;$€£¥₹]{0,30}$/i.test(before)) return 'market-value';
  // "valued at about $14 billion in its most recent funding round": the company's worth at its last round.
  if (/\bvalu(?:ed|ation|ing)\b[^.;$€£¥₹]{0,30}$/i.test(b) && /^\s*(?:in|at|during|as of) (?:(?:its|the|a|their) )?(?:[\w-]+ ){0,2}(?:funding|financing|fundraising|round|private|private-market|secondary|trades|trading)\b/i.test(a)) return 'valuation';
  if (prev && m.at - prev.end <= 16 && /^[\s,]*(?:\(|or\s)\s*(?:about |around |roughly |approximately |some )?$/.test(text.slice(prev.end, m.at))) return 'conversion';
  // "₹33,737 crore, about $4.5 billion": the same sum in another currency, right after the one the text states.
  if (prev && prev.currency !== m.currency && m.at - prev.end <= 16 && /^,\s(?:about|around|roughly|approximately|some|nearly)\s$/.test(text.slice(prev.end, m.at))) return 'conversion';
  // "The total price is €5.44 billion".
  if (new RegExp(`\\b(?:total|overall|full) (?:price|value|consideration|cost|bill) (?:is|was|of|comes to|came to|amounts to) ${APPROX}$`, 'i').test(b)) return 'total';
  // "they put the value of the transaction at about $3 billion", "the headline figure is about $2 billion" (also
  // "the enterprise value of the transaction at": the total, ahead of the enterprise-value rule below).
  if (new RegExp(`\\bvalue of the (?:deal|transaction|offer|acquisition|merger|venture|purchase) (?:at|is|was) ${APPROX}$|\\bheadline (?:figure|number|price|value)(?: is| was| of)? ${APPROX}$`, 'i').test(b)) return 'total';
  // "23.1 million Facebook shares, which were worth around $1.6 billion": the stock part of a price.
  if (/\b(?:shares|stock)\b[^.;$€£¥₹]{0,40}\bworth\s+(?:about |around |roughly |some |nearly |approximately )?$/i.test(b) && /\b(?:plus|and)\b[^.;]{0,40}$/i.test(b)) return 'component';
  if (/\bequity value of (?:\w+ )?$/.test(b)) return 'equity';
  if (/\benterprise value of (?:\w+ )?$/.test(b) || /^\s*(?:in )?enterprise value\b/.test(a)) return 'enterprise';
  // "put the enterprise value of the transaction at €9.0 billion".
  if (/\b(?:enterprise|equity|total|transaction) value of the (?:deal|transaction|offer|acquisition|merger) at (?:about |around |roughly |some |approximately )?$/.test(b)) return 'enterprise';
  if (/\b(?:market (?:value|cap\w*)|market capitali[sz]ation)(?: of)? (?:\w+ )?$/.test(b) || /^\s*(?:in )?(?:market (?:value|cap)|on the (?:stock )?market)/.test(a)) return 'market-value';
  if (/\b(?:termination|break-?up|breakup|reverse termination|walk-?away) fee of (?:\w+ )?$/.test(b) || /^\s*(?:\w+ )?(?:termination|break-?up|breakup) fee\b/.test(a) || /\bfee of (?:\w+ )?$/.test(b)) return 'fee';
  // ("the €997 million fine the European Commission imposed on Qualcomm")
  if (/\bfin(?:ed|es|e of|es of)\b[^.]{0,40}$/.test(b) || /\bpenalt(?:y|ies) of (?:\w+ )?$/.test(b) || /^\s*(?:[\w-]+ )?(?:fine|penalty|antitrust fine)\b/.test(a)) return 'fine';
  if (/\b(?:debt|loans?|borrowings?|bonds?|credit)(?: of)? (?:\w+ ){0,2}$/.test(b) || /^\s*(?:of|in) (?:new |net )?(?:debt|loans|borrowing)/.test(a)) return 'debt';
  // "buy back up to $3 billion of its own shares", "a $2 billion share repurchase": the company buying its own stock.
  if (/\b(?:buy(?:s|ing)? back|bought back|buyback of|buy-back of|repurchas\w*)(?: up to| as much as)? (?:\w+ )?$/.test(b) || /^\s*(?:\w+ )?(?:share |stock )?(?:buy-?back|repurchase)/.test(a) || /^\s*(?:\w+ )?of (?:its|their) (?:own )?(?:shares|stock)\b/.test(a)) return 'buyback';
  // "a merger that creates a company worth $9 billion", "the combined group, valued at": what the result is worth.
  if (/\b(?:(?:company|group|business|entity|giant) (?:worth|valued at)|(?:combined|merged|enlarged|new) (?:company|group|business|entity)(?: would be| will be| is)? (?:worth|valued at)(?: about| around| some| nearly| roughly)?) $/.test(b)) return 'market-value';
  if (/^\s*of equity\b/.test(a) || /\bmade up of $/.test(b)) return 'component';
  if (/\b(?:prices? (?:start|starts|starting) at|costs?|priced at|shares? (?:closed|rose|fell|traded|ended) at|closing price of)\s+$/.test(b)) return 'price';
  if (NOT_DEAL_MONEY_BEFORE.test(before) || /^\s*(?:in (?:annual |yearly |quarterly )?(?:revenue|sales|profit|earnings)|(?:a|per) (?:year|quarter|month)|annually)\b/.test(a)) return 'revenue';
  if (/\b(?:had|has) (?:already |previously |earlier )?(?:invested|paid|bought|raised|acquired)\b/.test(b) && /\bin (?:19|20)\d\d\b/.test(text)) return 'earlier';
  // "the company is estimated to have invested more than $4 billion in the unit": what was put into a business over
  // the years is not the price it is sold for (for a stake, "has invested $10 billion in" may be the deal itself).
  if (type !== 'investment' && type !== 'joint_venture' && /\b(?:have|has|had) (?:\w+ )?(?:invested|spent|poured|sunk)\s+(?:about |around |roughly |some |nearly |almost |approximately |more than |over |an estimated )?$/.test(b)) return 'earlier';
  // "Beats, which it bought for about $3 billion in 2014": a relative clause about some earlier purchase, dated.
  // ("Red Hat, bought for $34 billion in 2019", "Apptio, the maker it bought for $4.6 billion in 2023": the same.)
  if (/(?:\b(?:which|that|when) (?:\S+ ){0,3}|,\s|\b(?:it|they|we) (?:had |has )?)(?:bought|acquired|paid|purchased|sold)\b[^,;]{0,40}$/i.test(before) && /^[^.;]{0,25}\bin (?:19|20)\d\d\b/.test(after)) return 'earlier';
  // "International Rectifier, which it agreed in 2014 for about $3 billion": the year stands before the sum.
  if (/\b(?:which|that) (?:\S+ ){0,2}(?:agreed|bought|acquired|purchased|sold)\b(?:\s+to\s+buy)?\s+in (?:19|20)\d\d\b[^,;.]{0,30}$/i.test(before)) return 'earlier';
  // "signed agreements for its data worth more than $200 million in total": a sum over several deals.
  if (/\b(?:agreements|deals|contracts|licen[cs]es|partnerships)\b[^.;$€£¥₹]{0,60}\b(?:worth|valued at|totall?ing|for)\s+(?:about |around |roughly |some |nearly |more than |over |at least |an estimated )?$/i.test(before) && !/\b(?:the|these|both|two) (?:agreements|deals|contracts)\b/i.test(before)) return 'earlier';
  // "Qualcomm, based in San Diego, is valued at about $190 billion": what a company is worth on the market, in a
  // sentence that says nothing of a deal.
  if (/\b(?:is|are|was|were) (?:now |currently |then )?valued at (?:about |around |roughly |some |nearly |more than |over |an estimated )?$/i.test(b) && !/\b(?:deal|offer|transaction|bid|purchase|acquisition|takeover|merger|agreement|terms|price|buy\w*|sale)\b/i.test(text)) return 'market-value';
  if (undisclosed && /\b(?:reported|according to|people familiar|sources said|estimated by)\b/i.test(text)) return 'reported';
  // A court's award ("a jury ordered Samsung to pay $539 million") is not what the parties agreed.
  if (/\b(?:jury|verdict|damages|awarded|ordered)\b/i.test(text)) return 'award';
  // A company's valuation: for a funding round it is not the round; for a takeover "valuing Figma at $20 billion" is the price.
  const valuing = new RegExp(`\\bvalu(?:es|ed|ing|ation of)\\b(?:\\s+\\S+){0,4}?\\s+at ${APPROX}$|\\bvaluation of ${APPROX}$|\\bpost-money\\b|\\bpre-money\\b`, 'i');
  if (valuing.test(before) || /^\s*valuation\b/.test(a)) {
    if (/\bvaluing (?:the )?(?:deal|transaction|offer|purchase|acquisition|merger)\b/.test(b) || /\b(?:deal|transaction|offer|purchase|acquisition|merger|takeover|package) (?:is |was )?valued at/.test(b)) return 'total';
    // "an all-stock deal that values Lucent at about $13.4 billion": the deal's own price (not the combined company's worth).
    // Not for a stake or a venture: "a deal that values it at €4 billion" is then the company's worth, not the investment.
    // ("The deal values Nextel at about $35 billion": the same, said without "that".)
    if (type !== 'investment' && type !== 'joint_venture' && /\b(?:deal|transaction|offer|merger|agreement|terms)(?: that| which)? values? (?!the (?:combined|merged|new|enlarged) )/.test(b)) return 'total';
    return type === 'investment' || type === 'joint_venture' || type === 'merger' || type === undefined ? 'valuation' : 'target-value';
  }
  if (new RegExp(`\\b(?:rais(?:ed|es|ing|e)|secur(?:ed|es|ing)|clos(?:ed|es) (?:a|its)|funding of|round of|investment of|injection of|infusion of)\\s+${APPROX}$`, 'i').test(before) || /^\s*(?:series [a-z]\b|seed|funding|financing|round|investment)/.test(a)) return 'round';
  // "they have put in 7.3 billion yen of capital".
  if (new RegExp(`\\b(?:put|puts|putting) in\\s+${APPROX}$`, 'i').test(before)) return 'invest';
  // "Microsoft's decision to put $1.5 billion into G42".
  if (new RegExp(`\\b(?:put|puts|putting|pour|pours|poured|pouring|inject|injects|injected|injecting)\\s+${APPROX}$`, 'i').test(before) && /^\s*(?:into|in)\b/i.test(after)) return 'invest';
  if (new RegExp(`\\binvest(?:s|ed|ing|ment)?(?: of)?(?: up to)?\\s+${APPROX}$|\\btotal investment\\b[^$€£¥₹]{0,50}$|\\bplans? to invest\\s+${APPROX}$`, 'i').test(before)) return 'invest';
  if (/^\s*(?:[\w'’-]+ ){0,3}(?:deal|takeover|acquisition|purchase|merger|buyout|transaction|offer|bid|sale)\b/.test(a)) return 'total';
  if (new RegExp(`\\b(?:for|valued at|worth|price of|consideration of|totall?ing|(?:pay|pays|paying|paid) a total of)\\s+${APPROX}$`, 'i').test(before)) return 'total';
  if (new RegExp(`\\b(?:pay|pays|paying|paid)\\s+(?:\\S+\\s+){0,3}?${APPROX}$|\\bpayment of ${APPROX}$`, 'i').test(before)) return 'payment';
  return 'other';
}

const KIND_SCORE: Record<MoneyKind, number> = {
  award: 0, total: 4, equity: 4, 'target-value': 3, enterprise: 3, round: 4, invest: 3, payment: 3, component: 0, other: 1,
  'per-share': 0, valuation: 0, 'market-value': 0, fee: 0, revenue: 0, debt: 0, fine: 0, reported: 0, earlier: 0, price: 0, conversion: 0, buyback: 0,
};
/** Which kinds of sum count as the value of each type of deal. */
function kindFits(kind: MoneyKind, type: DealType | undefined): boolean {
  if (type === undefined) return !REJECTED_KINDS.has(kind);
  if (type === 'investment') return kind === 'round' || kind === 'invest' || kind === 'total' || kind === 'other';
  // A venture's value is what the partners put in, not a payment between them or the combined business's worth.
  if (type === 'joint_venture' || type === 'partnership' || type === 'mou') return kind === 'invest' || kind === 'total';
  if (type === 'licensing' || type === 'settlement') return kind === 'payment' || kind === 'total' || kind === 'other';
  return kind !== 'round' && !REJECTED_KINDS.has(kind);
}

export interface ValueFinding {
  value?: { amount: number; currency: string; note?: string };
  evidence: string;
  rejected: string[];
  undisclosed: boolean;
}

/**
 * The deal's value: the sums in the text are each read as what they are (per-share price, equity or enterprise
 * value, a round, a fee, a valuation, revenue, debt, a fine…) and the one that is the deal's total, for this type of
 * deal, is taken; the headline and lead count most. Nothing is computed or guessed.
 */
const REVISED_CUE = /\b(?:(?:raised|higher|sweetened|improved|revised) (?:bid|offer)|rais(?:ed|es|ing) (?:its|the|their) (?:offer|bid|price)|sweeten(?:ed|s)? (?:its|the|their) (?:offer|bid)|increas(?:ed|es) (?:its|the|their) (?:offer|bid)|revised (?:offer|deal|agreement|terms|price))\b/i;

/** "about", "more than" … before a sum, and a company's name of up to `more` further capitalised words. */
const NEAR = '(?:about |around |roughly |some |nearly |almost |approximately |more than |over |an estimated )?';
const capitalised = (more: number) => `\\p{Lu}[\\p{L}\\p{N}&.'’-]*(?:\\s\\p{Lu}[\\p{L}\\p{N}&.'’-]*){0,${more}}`;
const NO_SUM = '[^,;.$€£¥₹]';
const PAST_PURCHASE = new RegExp(`\\b(?:bought|acquired|purchased|took over)\\s+(${capitalised(4)})(?:,\\s${NO_SUM}{1,60},)?(?:${NO_SUM}{0,40}?)\\bfor\\s+${NEAR}$`, 'u');
const PURCHASE_OF_AFTER = new RegExp(`^\\s*(?:[\\p{L}-]+\\s+){0,2}?(?:acquisition|purchase|takeover|buyout)\\s+of\\s+(?:[\\p{Ll}][\\p{L}-]*\\s+){0,5}?(${capitalised(3)})`, 'u');
const OWNED_DEAL = /\b(?:[Tt]he\s)?(\p{Lu}[\p{L}\p{N}&.-]*(?:\s\p{Lu}[\p{L}\p{N}&.-]*){0,2})(?:['’]s)?\s(?:investment|stake|acquisition|purchase|takeover)\b[^.;$€£¥₹]{0,40}$/u;
const STAKE_IN = new RegExp(`\\bstake in\\s+(?:\\p{Lu}[\\p{L}.&-]*['’]s?\\s+)?(${capitalised(3)})[^.;$€£¥₹]{0,40}?\\b(?:worth|for|valued at)\\s+${NEAR}$`, 'u');
const OTHER_AGREED = new RegExp(`(?:^|[^\\p{L}])(${capitalised(3)})\\s+(?:agreed|agreeing|has agreed|had agreed)\\s+to\\s+(?:buy|acquire|purchase|take over)\\s+(?:[a-z][\\p{L}-]*\\s+){0,6}?(${capitalised(4)})${NO_SUM}{0,40}?\\bfor\\s+${NEAR}$`, 'u');
const AGREED_EARLIER = new RegExp(`\\b(?:agreed|had agreed|offered)\\s+(?:last year|in (?:19|20)\\d\\d|(?:\\w+ )?years? ago|previously|earlier)\\s+to\\s+(?:buy|acquire|purchase|take over)\\s+(?:[\\p{Ll}][\\p{L}-]*\\s+){0,6}?(${capitalised(3)})[^;.$€£¥₹]{0,40}?\\b(?:for|valued at|worth)\\s+${NEAR}$`, 'u');
const SOLD_TO = new RegExp(`\\b(?:sell|sells|selling|sold)\\s+[^;.$€£¥₹]{0,80}?\\bto\\s+(${capitalised(3)})[^;.$€£¥₹]{0,60}?\\bfor\\s+${NEAR}$`, 'u');
const OWNERS_SUM = new RegExp(`(${capitalised(4)})(?:['’]s|['’])\\s+${NEAR}$`, 'u');
const DEAL_NOUN_AFTER = /^\s*(?:[\p{Ll}-]+\s+){0,2}?(?:deal|agreement|takeover|acquisition|purchase|bid|offer|merger|buyout)\b/u;
const NOT_AN_OWNER = /^(?:The|A|An|This|That|Its|Their|Our|Total|Overall|Initial|Further|Additional|New|Planned|Proposed|Equity|Capital|Cash)$/;

/**
 * "It bought Truven Health Analytics for about $2.6 billion", "Uber bought Otto in 2016 for about $680 million": a
 * purchase told in the past tense of a company that is none of this deal's parties is some earlier deal.
 */
const RAISED_OFFER = /\b(\p{Lu}[\p{L}.&'’-]*(?:\s\p{Lu}[\p{L}.&'’-]*){0,3})\s+(?:sweetened|raised|improved|increased|lifted)\s+(?:its|their)\s+(?:offer|bid)\s+for\s+(\p{Lu}[\p{L}.&'’-]*(?:\s\p{Lu}[\p{L}.&'’-]*){0,3})[^.;]{0,40}$/u;

function otherCompanysPurchase(before: string, parties: readonly string[], after = '', inLead = false): boolean {
  if (!parties.length) return false;
  const named = parties.map((p) => p.toLowerCase()).filter((p) => p.length >= 2);
  const isParty = (name: string) => {
    const n = name.trim().toLowerCase();
    return named.some((p) => n.includes(p) || p.includes(n.split(/\s+/)[0]!));
  };
  // "Telefónica sweetened its offer for E-Plus in late August to about 8.55 billion euros": another bidder's offer.
  const raised = RAISED_OFFER.exec(before);
  if (raised && !isParty(raised[1]!) && !isParty(raised[2]!)) return true;
  const m = PAST_PURCHASE.exec(before);
  if (m) return !isParty(m[1]!);
  // "Intel is also selling its NAND business to SK Hynix for $9 billion": a sale to a company outside this deal.
  // (Not in the headline or lead, which tell this story's own deal even when its parties were misread.)
  const sold = inLead ? null : SOLD_TO.exec(before);
  if (sold) return !isParty(sold[1]!);
  // "Fidelity National Information Services' roughly $35 billion deal for Worldpay": another company's deal.
  const owner = inLead ? null : OWNERS_SUM.exec(before);
  if (owner && DEAL_NOUN_AFTER.test(after) && !NOT_AN_OWNER.test(owner[1]!.split(' ')[0]!)) {
    const name = owner[1]!.split(/\s+/);
    // (The name may run on from the sentence's capitalised opening: "In March Fidelity National …".)
    if (!name.some((_, i) => isParty(name.slice(i).join(' ')))) return true;
  }
  // "Its $6.9 billion acquisition of Israeli networking specialist Mellanox Technologies closed in 2020".
  const noun = PURCHASE_OF_AFTER.exec(after);
  if (noun) return !isParty(noun[1]!);
  // "The Microsoft investment, reported at around $10 billion": another company's investment, stake or purchase.
  const owned = OWNED_DEAL.exec(before);
  if (owned && !NOT_AN_OWNER.test(owned[1]!.split(' ')[0]!) && !isParty(owned[1]!)) return true;
  // "took a small stake in France's Mistral AI, worth about €15 million": a stake in a company none of the parties.
  const stake = STAKE_IN.exec(before);
  if (stake) return !isParty(stake[1]!);
  // "Last month Oracle agreed to acquire Cerner for about $28 billion": another buyer agreeing to buy another company.
  const agreed = OTHER_AGREED.exec(before);
  if (agreed) return !isParty(agreed[1]!) && !isParty(agreed[2]!);
  // "It agreed last year to buy Dutch chipmaker NXP in a deal valued at about $47 billion": a party's own earlier
  // purchase of a company that is not in this deal, dated before the story.
  const earlier = AGREED_EARLIER.exec(before);
  return !!earlier && !isParty(earlier[1]!);
}


/**
 * "Avago bought the original Broadcom for $37 billion, a deal completed in early 2016" in a story of 2017: a purchase
 * told in the past tense that the text dates in an earlier year than the story is history.
 */
function datedEarlier(text: string, m: MoneyMatch, storyYear: number | undefined): boolean {
  if (!storyYear) return false;
  // ("buy a fast-growing software company for $8 billion in early 2019", in a story of 2023)
  if (!/\b(?:bought|acquired|purchased|took over|paid|buy|buying|acquire|acquiring)\b[^.;]{0,60}$/i.test(text.slice(Math.max(0, m.at - 80), m.at))) return false;
  const year = /^[^.;]{0,50}?\b(?:in|early|late|mid-?)\s+((?:19|20)\d\d)\b/.exec(text.slice(m.end, m.end + 70))?.[1];
  return year !== undefined && Number(year) < storyYear;
}

const RECALLED_RE = /^(?:back in|earlier (?:this|that) (?:year|month|week)|last (?:year|month|week|spring|summer|autumn|fall|winter)|(?:weeks|months|a month|a year) ago)\b/i;
const REPORTED_PRICE_RE = /\b(?:reported|reports? that|rumou?red|in talks|talks to|was said to|were said to)\b/i;

export function findDealValue(sentences: readonly Sentence[], type?: DealType, parties: readonly string[] = [], storyYear?: number): ValueFinding {
  const rejected: string[] = [];
  let undisclosed = false;
  for (const s of sentences) {
    if (/\b(?:undisclosed|not disclosed|did not disclose|didn['’]t disclose|declined to disclose|were not revealed|unclear if any financials|terms were not|financial terms (?:are|were) confidential|no price was given|did not say what)\b/i.test(s.text)) undisclosed = true;
  }
  let best: { m: MoneyMatch; score: number; kind: MoneyKind; note?: string } | undefined;
  /** Sums the text gives as conversions of another ("₹33,737 crore, about $4.5 billion"), and the sum they convert. */
  const converted = new Map<string, { m: MoneyMatch; kind: MoneyKind }>();
  const accepted: { m: MoneyMatch; score: number }[] = [];
  const key = (m: MoneyMatch) => `${m.amount}:${m.currency}`;
  for (const s of sentences) {
    const text = blankSpans(s.text, '“', '”');
    let prev: MoneyMatch | undefined;
    let prevKind: MoneyKind | undefined;
    for (const m of findMoney(text)) {
      const classified = classifyMoney(text, m, prev, type, undisclosed);
      // "It bought Truven for about $2.6 billion, Merge Healthcare for about $1 billion": the list goes on with the
      // same earlier purchases.
      const listed = prevKind === 'earlier' && prev !== undefined && /^,\s+(?:and\s+)?[^.;$€£¥₹]{0,60}\bfor\s+(?:about |around |roughly |some |nearly |almost |approximately |more than |over )?$/.test(text.slice(prev.end, m.at));
      // "a run-rate of €1.4 billion to €1.5 billion": the second end of a range is what the first is.
      const rangeEnd = prev !== undefined && prevKind !== undefined && REJECTED_KINDS.has(prevKind) && /^\s*(?:to|-|–)\s*$/.test(text.slice(prev.end, m.at));
      const kind: MoneyKind = rangeEnd && prevKind ? prevKind : classified !== 'per-share' && (listed || otherCompanysPurchase(text.slice(Math.max(0, m.at - 120), m.at), parties, text.slice(m.end, m.end + 120), s.paragraph < 0 || s.index <= 2) || datedEarlier(text, m, storyYear)) ? 'earlier' : classified;
      if (kind === 'conversion' && prev && prevKind && !REJECTED_KINDS.has(prevKind) && kindFits(prevKind, type)) converted.set(key(m), { m: prev, kind: prevKind });
      prev = m;
      prevKind = kind;
      if (REJECTED_KINDS.has(kind) || !kindFits(kind, type) || (kind === 'other' && !DEAL_MONEY_CUE.test(text))) {
        rejected.push(`"${m.text}"${KIND_LABEL[kind] ? ` (${KIND_LABEL[kind]})` : ''}`);
        continue;
      }
      // "Cisco raised its offer to $115 a share, about $4.5 billion": the revised price supersedes the first one.
      const revised = REVISED_CUE.test(text.slice(Math.max(0, m.at - 80), m.at)) ? 4 : 0;
      // "it raised the price to about $3.5 billion": a sum the revision names is the deal's total.
      // "a newspaper reported that Apple was in talks to buy Beats for around $3.2 billion": a price told by others
      // before the deal was struck gives way to the price the deal states.
      // (A lead that reports talks is the story's own deal: "Nvidia is in talks to buy Arm for more than $40 billion".)
      // A lead that opens in the past ("Back in May the trade press reported that Google had agreed to pay about $1
      // billion for Twitch") recalls the talks; the price the deal states comes later.
      const hearsay = s.paragraph >= 0 && (s.index > 2 || RECALLED_RE.test(text)) && REPORTED_PRICE_RE.test(text.slice(0, m.at)) ? 3 : 0;
      const score = KIND_SCORE[revised && kind === 'other' ? 'total' : kind] * 2 + (s.paragraph < 0 ? 3 : s.index <= 3 ? 2 : 0) + revised - hearsay;
      accepted.push({ m, score });
      if (!best || score > best.score) {
        const before = text.slice(Math.max(0, m.at - 40), m.at);
        const after = text.slice(m.end, m.end + 40);
        const approx = /\b(?:about|around|roughly|some|nearly|almost|approximately|more than|over|up to|at least|exceed|an estimated)\s+$/i.exec(before)?.[0]?.trim().toLowerCase();
        const incl = /^[\s,]*including (?:its )?(?:debt|net debt)|^\s*including (?:\w+ ){0,2}net (?:debt|cash)/i.test(after) ? 'including debt' : undefined;
        const kindNote = kind === 'equity' ? 'equity value' : kind === 'enterprise' ? 'enterprise value' : undefined;
        const note = [approx === 'up to' ? 'up to' : approx === 'more than' || approx === 'exceed' || approx === 'over' || approx === 'at least' ? 'more than' : approx ? `approximately (the text says "${approx}")` : undefined, kindNote, incl]
          .filter(Boolean)
          .join(', ');
        best = { m, score, kind, ...(note ? { note } : {}) };
      }
    }
  }
  if (!best) return { evidence: '', rejected: [...new Set(rejected)].slice(0, 5), undisclosed };
  // The headline's "2.47 billion euros" is the lead's "2.467 billion euros" rounded: the precise figure wins.
  const digits = (t: string) => {
    const d = t.replace(/\D/g, '');
    let end = d.length;
    while (end > 0 && d[end - 1] === '0') end--;
    return end;
  };
  const chosen = best;
  const precise = accepted.find((c) => c.m !== chosen.m && c.m.currency === chosen.m.currency && c.m.amount !== chosen.m.amount && Math.abs(c.m.amount - chosen.m.amount) <= 0.01 * chosen.m.amount && digits(c.m.text) > digits(chosen.m.text) && c.score >= chosen.score - 3);
  if (precise) best = { ...best, m: precise.m };
  // The headline's "$4.5 billion" is the body's conversion of "₹33,737 crore": the sum as the deal states it wins.
  const original = converted.get(key(best.m));
  if (original) best = { m: original.m, score: best.score, kind: original.kind, note: 'as stated; the text also converts it' };
  return {
    value: { amount: best.m.amount, currency: best.m.currency, ...(best.note ? { note: best.note } : {}) },
    evidence: `"${best.m.text}" (${best.kind === 'other' ? 'a sum next to deal wording' : best.kind})`,
    rejected: [...new Set(rejected)].slice(0, 5),
    undisclosed,
  };
}
