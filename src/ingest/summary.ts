// The summary: extractive, from the pasted article's own most informative sentences. The lead is the first sentence
// that names the parties and the deal (who and what), prefixed with the date when the text states one elsewhere;
// then the sentences that say most about what the deal covers, in article order, up to about 600 characters.
// Quotes, boilerplate ("click here", "subscribe") and speculation stay out; misspelt company names are corrected.
import { formatPartialDate } from '../deals/format.ts';
import { escapeRegExp, splitDateline, type Sentence } from './text.ts';
import { AREA_TAXONOMY } from './areas.ts';
import { findDates } from './facts.ts';

export const SUMMARY_TARGET = 600;

const BOILERPLATE =
  /\b(?:click here|subscribe|sign up|newsletter|read more|follow us|all rights reserved|cookie|advertisement|share this|related:|image credit|photo:|copyright|©|contact us|for more information|about [A-Z][\w ]+:|forward-looking statements|safe harbor)\b/i;
const SPECULATION = /\b(?:could|might|may|perhaps|possibly|unclear|speculat\w*|we think|in our view|it remains to be seen)\b/i;
const DEAL_WORD =
  /\b(?:acqui\w+|buy\w*|bought|purchas\w*|merg\w+|invest\w*|rais\w+|funding|stake|partner\w*|MoU|memorandum|letter of intent|joint venture|licen[cs]\w*|divest\w*|sell\w*|sold|settle\w*|agreement|deal|collaborat\w+|sign\w*|terminat\w*|called off|abandon\w*|blocked|complet\w*)\b/i;
const LEADING_FILLER = /^(?:recently|moreover|not only this|also|additionally|furthermore|in addition|meanwhile|however|besides|as reported|as per reports)\s*,?\s*/i;

export interface SummaryInput {
  sentences: readonly Sentence[];
  /** Canonical party names, and how the article (mis)spelt them, to correct in the summary. */
  parties: readonly { name: string; written: readonly string[] }[];
  announced?: string | undefined;
  /** The text that stated the date, to avoid repeating it. */
  announcedText?: string | undefined;
}

function correctNames(s: string, parties: SummaryInput['parties']): string {
  let out = s;
  for (const p of parties) {
    for (const w of p.written) {
      if (w === p.name || w.length < 3) continue;
      // Only misspellings: an alias ("Mi") stays as the article wrote it.
      if (w.toLowerCase().replace(/[^a-z]/g, '').length < 4) continue;
      out = out.replace(new RegExp(`\\b${escapeRegExp(w)}\\b`, 'g'), p.name);
    }
  }
  return out;
}

/** "TOKYO (Reuters) - " opening a sentence (dated datelines are cut from the article when it is read). */
const DATELINE = /^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?: \([^)]*\))? [—–-] /;

function tidy(s: string): string {
  let t = (splitDateline(s)?.rest ?? s).replace(DATELINE, '').replace(LEADING_FILLER, '').replace(/@(\w)/g, '$1').replace(/\s+/g, ' ').trim();
  t = t.charAt(0).toUpperCase() + t.slice(1);
  if (!/[.!?]["”’)]?$/.test(t)) t += '.';
  return t;
}

function score(s: Sentence, partyRes: RegExp[]): number {
  const t = s.text;
  let sc = 0;
  const named = partyRes.filter((re) => re.test(t)).length;
  sc += Math.min(named, 2) * 2;
  if (DEAL_WORD.test(t)) sc += 2;
  if (/[$€£¥₹]\s?\d|\b\d+(?:\.\d+)? (?:billion|million)\b/i.test(t)) sc += 2;
  let areas = 0;
  for (const { re } of AREA_TAXONOMY) {
    re.lastIndex = 0;
    if (new RegExp(re.source, re.flags.replace('g', '')).test(t)) areas++;
  }
  sc += Math.min(areas, 3);
  if (s.index <= 3) sc += 1;
  if (SPECULATION.test(t)) sc -= 3;
  if (/\b(?:we|our|I)\b/.test(t)) sc -= 2;
  return sc;
}

export function buildSummary(input: SummaryInput): { summary: string; lead: string } | undefined {
  const partyRes = input.parties.flatMap((p) =>
    [p.name, ...p.written].length ? [new RegExp([p.name, ...p.written].map((w) => `\\b${escapeRegExp(w)}\\b`).join('|'), 'i')] : [],
  );
  const body = input.sentences.filter(
    (s) =>
      s.paragraph >= 0 &&
      s.text.length >= 40 &&
      s.text.length <= 400 &&
      !/[“"][^“”"]{20,}[”"]/.test(s.text) &&
      !BOILERPLATE.test(s.text),
  );
  if (body.length === 0) return undefined;
  const scored = body.map((s) => ({ s, score: score(s, partyRes) }));
  const leadCandidates = scored.filter((x) => DEAL_WORD.test(x.s.text) && partyRes.some((re) => re.test(x.s.text)) && !SPECULATION.test(x.s.text));
  const lead = (leadCandidates.find((x) => x.s.index <= 4) ?? leadCandidates[0] ?? scored[0])!;
  let leadText = tidy(correctNames(lead.s.text, input.parties));
  // No date prefix when the lead already states one ("Intel agreed to buy Tower on February 15, 2022"): a prefix would
  // put a second, different date in front of it.
  if (input.announced && !(input.announcedText && leadText.includes(input.announcedText)) && findDates(leadText).length === 0) {
    const when = formatPartialDate(input.announced);
    const starts = /^(?:The|A|An|This|These|Its|Their)\b/.test(leadText) ? leadText.charAt(0).toLowerCase() + leadText.slice(1) : leadText;
    leadText = `${input.announced.length === 4 || input.announced.length === 7 ? 'In' : 'On'} ${when}, ${starts}`;
  }
  const parts = [{ index: lead.s.index, text: leadText }];
  let length = leadText.length;
  const rest = scored
    .filter((x) => x.s.index !== lead.s.index && x.score >= 3)
    .sort((a, b) => b.score - a.score || a.s.index - b.s.index);
  for (const x of rest) {
    const t = tidy(correctNames(x.s.text, input.parties));
    if (length + 1 + t.length > SUMMARY_TARGET) continue;
    parts.push({ index: x.s.index, text: t });
    length += 1 + t.length;
  }
  parts.sort((a, b) => a.index - b.index);
  // The lead stays first even if a later-chosen sentence comes earlier in the article.
  const ordered = [parts.find((p) => p.index === lead.s.index)!, ...parts.filter((p) => p.index !== lead.s.index)];
  return { summary: ordered.map((p) => p.text).join(' '), lead: leadText };
}
