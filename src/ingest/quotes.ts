// Quotes with their speaker and title: a quotation counts when the sentence says who said it ("X, CEO of Y, said",
// "…, said X", "head of Z, X tweeted"). Text stays verbatim; one quote per speaker (the first), at most LIMITS.quotes.
import { LIMITS } from '../deals/schema.ts';
import { clip, oneLine, splitSentences } from './text.ts';
import { trimEndSpaceAnd } from '../deals/text-safety.ts';

export interface QuoteFinding {
  speaker: string;
  title?: string;
  text: string;
  evidence: string;
}

const VERB = '(?:also\\s+|further\\s+|then\\s+)?(?:said|says|tweeted|wrote|writes|added|adds|stated|states|explained|noted|commented|remarked|told [A-Z][\\w.]*(?: [A-Z][\\w.]*)?|posted)';
const HONORIFIC = /^(?:Dr|Mr|Mrs|Ms|Prof|Sir)\.?\s*/;
// Two or three capitalised words ("Harry Shum", "Lei Jun", "Satya Nadella", "Mary-Ann O’Neil").
const NAME = "((?:(?:Dr|Mr|Mrs|Ms|Prof|Sir)\\.?\\s*)?\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]*){1,2})";
const ROLE_WORD =
  /\b(?:CEO|CTO|CFO|COO|CMO|chief|president|VP|vice|head|director|founder|co-founder|chair(?:man|woman|person)?|officer|manager|lead|partner|analyst|minister|spokes(?:person|man|woman)|executive|counsel|senior|general manager|principal|secretary|governor|professor|engineer)\b/i;

function cleanSpeaker(s: string): string {
  return oneLine(s).replace(HONORIFIC, '').replace(/['’]s$/, '').trim();
}

/** "…, head of AI, Dr." -> "…, head of AI" (what /[,\s]*\b(?:Dr|Mr|Mrs|Ms|Prof|Sir)\.?$/ removed, in one pass). */
function stripTrailingHonorific(s: string): string {
  const m = /\b(?:Dr|Mr|Mrs|Ms|Prof|Sir)\.?$/.exec(s.slice(-6));
  return m ? trimEndSpaceAnd(s.slice(0, s.length - m[0].length), ',') : s;
}

function cleanTitle(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const cut = oneLine(s)
    .replace(/^(?:and|but|while|meanwhile|moreover|speaking\s+\w+(?:\s+\w+)?|in a statement|in a blog post|the)\s*,?\s*/i, '')
    .replace(/^(?:and|but|the)\s+/i, '');
  const t = stripTrailingHonorific(trimEndSpaceAnd(cut, ',:;')).trim();
  if (!t || !ROLE_WORD.test(t) || t.length > LIMITS.speakerTitle) return undefined;
  if (/^(?:on behalf of|according to|in|at|for)\b/i.test(t)) return undefined;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The quote itself, verbatim, at most LIMITS.quoteText characters, cut at a sentence where possible. */
function quoteText(raw: string): string {
  const t = trimEndSpaceAnd(oneLine(raw), ',');
  if (t.length <= LIMITS.quoteText) return t;
  let out = '';
  for (const s of splitSentences(t)) {
    if ((out + ' ' + s).trim().length > LIMITS.quoteText - 1) break;
    out = (out + ' ' + s).trim();
  }
  return out ? `${out} …` : clip(t, LIMITS.quoteText);
}

export function findQuotes(paragraphs: readonly string[]): QuoteFinding[] {
  const found: QuoteFinding[] = [];
  const titles = new Map<string, string>();
  let lastSpeaker: string | undefined;
  for (const p of paragraphs) {
    for (const m of p.matchAll(/[“"]([^“”"]{25,})[”"]/g)) {
      const before = splitSentences(p.slice(0, m.index)).pop() ?? '';
      const after = p.slice(m.index + m[0].length);
      let speaker: string | undefined;
      let title: string | undefined;
      let how = '';
      // "<title>, <Name> said, “…”" / "<Name>, <title>, said: “…”"
      const a = new RegExp(`(?:^|^(.*)[,\\s])${NAME}\\s+${VERB}\\s*(?:[,:]\\s*)?$`, 'u').exec(before);
      const b = new RegExp(`(?<![\\p{L}'’-])${NAME},\\s+([^,“”"]{3,120}),\\s+${VERB}\\s*(?:[,:]\\s*)?$`, 'u').exec(before);
      // "“…,” said <Name>, <title>." / "“…,” <Name>, <title>, said."
      const c = new RegExp(`^\\s*(?:,\\s*)?${VERB}\\s+${NAME}(?:,\\s+([^.“”"]{3,120}))?[.,]`, 'u').exec(after);
      const d = new RegExp(`^\\s*(?:,\\s*)?${NAME}(?:,\\s+([^,“”"]{3,120}),)?\\s+${VERB}\\b`, 'u').exec(after);
      const pronoun = new RegExp(`(?:\\b(?:he|she)\\s+${VERB}\\s*(?:[,:]\\s*)?$)|(?:^\\s*(?:,\\s*)?(?:he|she)\\s+${VERB}\\b)`, 'ui');
      if (b) {
        speaker = b[1];
        title = b[2];
        how = 'named before the quote';
      } else if (a) {
        speaker = a[2];
        title = a[1];
        how = 'named before the quote';
      } else if (c) {
        speaker = c[1];
        title = c[2];
        how = 'named after the quote';
      } else if (d) {
        speaker = d[1];
        title = d[2];
        how = 'named after the quote';
      } else if (lastSpeaker && (pronoun.test(before) || pronoun.test(after))) {
        speaker = lastSpeaker;
        how = 'the previous speaker ("he/she said")';
      }
      if (!speaker) continue;
      const name = cleanSpeaker(speaker);
      if (!name || name.length > LIMITS.speaker || name.split(/\s+/).length < 2) continue;
      const t = cleanTitle(title) ?? titles.get(name);
      if (t) titles.set(name, t);
      lastSpeaker = name;
      found.push({ speaker: name, ...(t ? { title: t } : {}), text: quoteText(m[1]!), evidence: how });
    }
  }
  // One quote per speaker, the first; a title learnt from a later quote fills in an earlier one.
  const bySpeaker = new Map<string, QuoteFinding>();
  for (const q of found) {
    if (!bySpeaker.has(q.speaker)) bySpeaker.set(q.speaker, q);
  }
  return [...bySpeaker.values()]
    .map((q) => {
      const t = q.title ?? titles.get(q.speaker);
      return t ? { ...q, title: t } : q;
    })
    .slice(0, LIMITS.quotes);
}
