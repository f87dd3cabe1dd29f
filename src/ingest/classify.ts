// Deal type, status and binding from the article's wording. Each answer carries the words that decided it, so the
// admin can see why; wording in the title and the first paragraphs counts more than a passing mention further down.
import type { DealStatus, DealType } from '../deals/schema.ts';
import type { Sentence } from './text.ts';

export interface Finding<T> {
  value: T;
  confidence: 'high' | 'medium' | 'low';
  evidence: string;
}

interface Rule<T> {
  value: T;
  re: RegExp;
}

const TYPE_RULES: Rule<DealType>[] = [
  { value: 'mou', re: /\b(?:MoUs?|MOUs?|memorandum of understanding|memorandum|letter of intent|LOI)\b/g },
  { value: 'joint_venture', re: /\b(?:joint[- ]venture|JV)\b/gi },
  { value: 'merger', re: /\b(?:merger of equals|to merge|will merge|agreed to merge|merging|all-stock merger|combine (?:their|the two) companies)\b/gi },
  {
    value: 'acquisition',
    re: /\b(?:acquir(?:e|es|ed|ing)|acquisitions?|buy(?:s|ing)?|bought|buyout|takeover|take over|takes over|took over|purchas(?:e|es|ed|ing)|snap(?:s|ped)? up|sale of|majority stake|controlling stake)\b/gi,
  },
  {
    value: 'investment',
    re: /\b(?:invest(?:s|ed|ing|ment|ments|or|ors)?|funding round|funding|rais(?:e|es|ed|ing)(?= (?:[$€£¥₹]|\d|(?:\w+ ){0,3}(?:funding|round|capital|financing)))|Series [A-H]\b|seed round|minority stake|stake in|led the round|backed by)\b/gi,
  },
  { value: 'licensing', re: /\b(?:licen[cs](?:e|es|ed|ing) (?:agreement|deal)|licen[cs]es? (?:its|the|their)|cross-licen[cs]\w*|patent licen[cs]\w*|licensing)\b/gi },
  { value: 'divestiture', re: /\b(?:divest(?:s|ed|ing|iture)?|spin(?:s)? off|spun off|carve-out|sell(?:s|ing)? (?:its|the) \w+ (?:unit|division|business|arm))\b/gi },
  { value: 'settlement', re: /\b(?:settl(?:e|es|ed|ing)\b[^.]{0,40}?\b(?:lawsuits?|disputes?|litigation|cases?|claims|fight)|settlement)\b/gi },
  { value: 'partnership', re: /\b(?:partner(?:s|ed|ing)? with|partnership|team(?:s|ed)? up|collaborat\w+|alliance|strategic cooperation|cooperation agreement|work together)\b/gi },
];

/** When two types score alike, the more specific wins (an MoU is also a "partnership" in most articles). */
const TYPE_PRIORITY: DealType[] = [
  'mou',
  'joint_venture',
  'merger',
  'divestiture',
  'settlement',
  'acquisition',
  'investment',
  'licensing',
  'partnership',
];

function weight(s: Sentence): number {
  if (s.paragraph < 0) return 3;
  if (s.index <= 3) return 2;
  return 1;
}

function quoteless(s: string): string {
  return s.replace(/“[^“”]*”|"[^"]*"/g, ' ');
}

export function classifyType(sentences: readonly Sentence[]): Finding<DealType> | undefined {
  const score = new Map<DealType, number>();
  const evidence = new Map<DealType, string[]>();
  for (const s of sentences) {
    const text = quoteless(s.text);
    for (const r of TYPE_RULES) {
      for (const m of text.matchAll(r.re)) {
        score.set(r.value, (score.get(r.value) ?? 0) + weight(s));
        const ev = evidence.get(r.value) ?? [];
        if (ev.length < 3 && !ev.includes(m[0].toLowerCase())) ev.push(m[0].toLowerCase());
        evidence.set(r.value, ev);
      }
    }
  }
  // "Minority stake" and "funding" mention buying shares: an investment, not an acquisition.
  if ((evidence.get('acquisition') ?? []).every((w) => /stake/.test(w)) && score.has('investment')) score.delete('acquisition');
  // An acquisition article mentions "investors" and "partners" in passing; the verb in the headline decides.
  const ranked = [...score.entries()].sort(
    (a, b) => b[1] - a[1] || TYPE_PRIORITY.indexOf(a[0]) - TYPE_PRIORITY.indexOf(b[0]),
  );
  let best = ranked[0];
  if (!best) return undefined;
  // Specific kinds of agreement win over generic wording as long as they are clearly present.
  for (const t of ['mou', 'joint_venture', 'merger', 'divestiture', 'settlement'] as DealType[]) {
    const sc = score.get(t) ?? 0;
    if (t !== best[0] && sc >= 3 && sc >= best[1] / 3 && TYPE_PRIORITY.indexOf(t) < TYPE_PRIORITY.indexOf(best[0])) {
      best = [t, sc];
      break;
    }
  }
  const second = ranked.find((r) => r[0] !== best[0]);
  const margin = second ? best[1] / second[1] : Infinity;
  const confidence = best[1] >= 4 && margin >= 1.5 ? 'high' : best[1] >= 2 ? 'medium' : 'low';
  return { value: best[0], confidence, evidence: (evidence.get(best[0]) ?? []).map((w) => `"${w}"`).join(', ') };
}

const STATUS_RULES: Rule<DealStatus>[] = [
  {
    value: 'terminated',
    re: /\b(?:terminat(?:e|es|ed|ing|ion)|call(?:s|ed)? off|abandon(?:s|ed|ing)?|scrap(?:s|ped)?|walk(?:s|ed)? away|blocked|collapsed|cancel(?:s|led|ed)?|pulled out of|no longer (?:go|proceed)\w*)\b/gi,
  },
  {
    value: 'completed',
    re: /\b(?:(?:has |have )?complet(?:ed|es|ion of)|(?:has |have )?closed (?:the|its|their)? ?(?:deal|acquisition|purchase|merger|transaction|round)|deal (?:has )?closed|finali[sz]ed|now (?:owns|part of)|became a (?:wholly owned )?subsidiary)\b/gi,
  },
  {
    value: 'pending',
    re: /\b(?:subject to (?:regulatory|shareholder|customary)|expected to close|is expected to (?:complete|be completed)|pending (?:regulatory )?approval|awaiting (?:regulatory )?approval|regulatory review|requires approval)\b/gi,
  },
  { value: 'rumoured', re: /\b(?:reportedly|in talks|rumou?r(?:s|ed)?|people familiar with|according to sources|is said to be|considering a|exploring a (?:sale|deal|bid))\b/gi },
  { value: 'signed', re: /\b(?:sign(?:s|ed|ing)|inked)\b/gi },
  { value: 'announced', re: /\b(?:announc(?:e|es|ed|ing)|agreed to|unveil(?:s|ed)|revealed|will (?:acquire|buy|invest))\b/gi },
];
const STATUS_PRIORITY: DealStatus[] = ['terminated', 'completed', 'pending', 'rumoured', 'signed', 'announced'];

export function classifyStatus(sentences: readonly Sentence[], type: DealType | undefined): Finding<DealStatus> | undefined {
  const found = new Map<DealStatus, { score: number; words: string[] }>();
  for (const s of sentences) {
    const text = quoteless(s.text);
    for (const r of STATUS_RULES) {
      for (const m of text.matchAll(r.re)) {
        // "would not be blocked", "was not terminated": a negated status word says nothing.
        const before = text.slice(Math.max(0, m.index - 20), m.index);
        if (/\b(?:not|never|n['’]t)\s+(?:be\s+|been\s+)?$/i.test(before)) continue;
        const f = found.get(r.value) ?? { score: 0, words: [] };
        f.score += weight(s);
        if (f.words.length < 3 && !f.words.includes(m[0].toLowerCase())) f.words.push(m[0].toLowerCase());
        found.set(r.value, f);
      }
    }
  }
  // A memorandum or partnership that was signed is "signed"; an acquisition that was "signed" is usually pending.
  // Hearsay about a detail ("valued at $2bn, according to people familiar") does not make an announced deal a rumour.
  const rumour = found.get('rumoured');
  const announced = (found.get('announced')?.score ?? 0) + (found.get('signed')?.score ?? 0);
  if (rumour && announced >= rumour.score) found.delete('rumoured');
  for (const status of STATUS_PRIORITY) {
    const f = found.get(status);
    if (!f) continue;
    if (status === 'signed' && (type === 'acquisition' || type === 'merger') && !found.has('completed')) {
      return { value: 'announced', confidence: 'medium', evidence: `a signed agreement: ${quoteWords(f.words)}` };
    }
    // One passing mention of "completed" or "terminated" deep in the text is weak evidence.
    const confidence = f.score >= 2 ? 'high' : 'medium';
    return { value: status, confidence: status === 'announced' ? 'medium' : confidence, evidence: quoteWords(f.words) };
  }
  return undefined;
}

function quoteWords(words: string[]): string {
  return words.map((w) => `"${w}"`).join(', ');
}

export function classifyBinding(sentences: readonly Sentence[], type: DealType | undefined): Finding<boolean> | undefined {
  for (const s of sentences) {
    const text = quoteless(s.text);
    const neg = /\b(?:non[- ]?binding|not (?:legally )?binding|isn['’]t (?:legally )?binding|aren['’]t (?:legally )?binding|no legally binding|without (?:any )?binding)\b/i.exec(text);
    if (neg) return { value: false, confidence: 'high', evidence: `"${neg[0]}"` };
  }
  for (const s of sentences) {
    const text = quoteless(s.text);
    const pos = /\b(?:legally binding|binding agreement|definitive (?:agreement|merger agreement)|definitive deal)\b/i.exec(text);
    if (pos) return { value: true, confidence: 'medium', evidence: `"${pos[0]}"` };
  }
  for (const s of sentences) {
    const loi = /\b(?:letter of intent|LOI)\b/.exec(quoteless(s.text));
    if (loi) return { value: false, confidence: 'medium', evidence: `"${loi[0]}" (letters of intent are preliminary)` };
  }
  if (type === 'mou') return undefined;
  return undefined;
}
