// Deal type, status and binding from the article's wording. Each answer carries the words that decided it, so the
// admin can see why; wording in the title and the first paragraphs counts more than a passing mention further down.
import type { DealStatus, DealType } from '../deals/schema.ts';
import { inBackgroundClause, isProse, leadSentence, type EventFinding } from './story.ts';
import type { Sentence } from './text.ts';

export interface Finding<T> {
  value: T;
  confidence: 'high' | 'medium' | 'low';
  evidence: string;
  /** Type only: deal wording appears in the headline or the lead, not just further down. */
  inLead?: boolean;
}

interface Rule<T> {
  value: T;
  re: RegExp;
}

const TYPE_RULES: Rule<DealType>[] = [
  { value: 'mou', re: /\b(?:MoUs?|MOUs?|memorand(?:um|a) of understanding|memorandum|letters? of intent|LOIs?)\b/g },
  {
    value: 'joint_venture',
    re: /\b(?:joint[- ]venture|JV|form(?:s|ed|ing)? (?:a |the )?(?:new )?(?:jointly owned )?(?:company|venture)|launch(?:es|ed)?\b(?:\s+\S+){0,4}?\s+venture|(?:\d+|a third|half) (?:percent|per cent|%) owned by|jointly owned|venture will be|(?:joined|join|joins|joining) forces to (?:set up|create|form|launch|found) (?:a |an )?(?:new )?(?:\S+ )?(?:company|chipmaker|venture|firm|business)|each (?:own|owns|hold|holds|take|takes|owning|holding) (?:half|a half|a third|a 50% stake|50%)|50-50 (?:venture|company))\b/gi,
  },
  { value: 'merger', re: /\b(?:merger of equals|to merge|will merge|would merge|agreed to merge|merging|all-stock merger|combine (?:their|the two) (?:\S+ ){0,3}?(?:companies|businesses|operations|units)|(?:will|would|to|plan to|agreed to) combine (?:them|the two)\b|(?:announc\w+|unveil\w*|agreed (?:to )?|agrees? (?:to )?|agreeing (?:to )?|propos\w+|plan(?:ned|s)?) (?:a |an |the |their )?(?:\S+ ){0,2}?merger\b(?! agreement)|to combine in a merger|(?:planned|proposed|their|its) merger (?:with|of)|merger with|complet(?:e|es|ed|ing) (?:the |their |its )?(?:\S+ ){0,2}?merger|(?:the|a) merger of (?:their|the two|its)|(?:the|a) merger of [A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3} (?:and|with) [A-Z][\w&.-]*|(?:their|the two companies['’]?) (?:planned |proposed |\$\S+ )?merger(?! agreement)|plan(?:s|ned)? to combine)\b/gi },
  {
    value: 'acquisition',
    re: /\b(?:acquir(?:e|es|ed|ing)|acquisitions?|buy(?:s|ing)?(?!\s+(?:back|into))|bought(?!\s+(?:back|into))|buyout|takeover|take over|takes over|took over|(?<!\b(?:refund(?:s|ed|ing)?|in-app|in-game) )purchas(?:e|es|ed|ing)(?! (?:mechanisms?|power|options?|decisions?|managers?|departments?|process(?:es)?|habits?|systems?|flows?|buttons?|links?))|snap(?:s|ped)? up|pa(?:ys|ying|id) up for|(?:its|their|takeover|hostile) (?:\S+ ){0,3}?(?:bid|offer) for|sale of|majority stake|controlling stake|(?:take|takes|taking|took|to take) (?:\S+ ){1,3}?private|(?:cash|takeover|buyout|all-cash|all-share|all-stock|hostile|recommended|sweetened|raised|improved|revised|higher) (?:offer|bid)|bids? (?:about |around |roughly |some |nearly )?[$€£¥₹][\d.,]+ ?(?:billion|million|bn|m)? for|pa(?:y|ys|id|ying) (?:about |around |roughly |some |nearly )?[$€£¥₹][\d.,]+(?: ?(?:billion|million|bn|m)\b| (?:a|per|an?(?: ordinary)?) share) (?:in (?:cash|stock) )?for (?!(?:a|an|its|the) (?:\S+ ){0,2}?(?:stake|licen[cs]e|rights|patents?)))\b/gi,
  },
  {
    value: 'investment',
    re: /\b(?:invest(?:s|ed|ing|ment|ments)?(?! (?:firm|company|group|bank|arm|manager|managers|banker|bankers|banking|vehicle|fund|funds|operations|management|products|portfolios?|platforms?|software|strategy|strategies|business(?:es)?)\b)(?!-)|funding round|funding|rais(?:e|es|ed|ing)(?= (?:[$€£¥₹]|\d|(?:\w+ ){0,3}(?:funding|round|capital|financing)))|Series [A-K]\b|seed round|minority stake|stake in|led the round|backed by|(?:buy|buys|buying|bought) into)\b/gi,
  },
  {
    value: 'licensing',
    re: /\b(?:licen[cs](?:e|es|ed|ing)|cross-licen[cs]\w*|(?:buy|buys|bought|acquires?|acquired|purchas(?:e|es|ed))\s(?:about\s|some\s|more than\s)?(?:[\d,]+\s)?(?:[A-Z][\w-]*\s)?patents|(?:perpetual |exclusive |global )?rights to (?:market|sell|use|distribute|stream)|royalt(?:y|ies))\b/gi,
  },
  {
    value: 'divestiture',
    re: /\b(?:divest(?:s|ed|ing|iture)?|spin(?:s)? off|spun off|carve-out|sell(?:s|ing)? (?:its|the|a) (?:\S+ ){0,4}?(?:units?|divisions?|business(?:es)?|arm|plants?|factory|factories|assets|operations|subsidiar(?:y|ies)|stake)|(?:agreed|agrees|plans|plan) to sell|sale of (?:its|the) (?:\S+ ){0,4}?(?:units?|divisions?|business(?:es)?|arm|plants?|factory|assets|operations|subsidiar(?:y|ies)))\b/gi,
  },
  // ("the agreement resolves all pending patent litigation between them", "Nokia and OPPO call a truce".)
  { value: 'settlement', re: /\b(?:(?:settl(?:e|es|ed|ing)|resolv(?:e|es|ed|ing)|end(?:s|ed|ing)?)\b[^.]{0,40}?\b(?:lawsuits?|disputes?|litigation|legal (?:battle|fight)s?|cases?|claims|fight)|settlement|(?:call|calls|called|calling) a truce)\b/gi },
  { value: 'partnership', re: /\b(?:partner(?:s|ed|ing)? with|partnership|team(?:s|ed|ing)? up|collaborat\w+|alliance|tie-up|strategic cooperation|cooperation agreement|work together|(?:will|would|to|agreed to) (?:jointly )?(?:make|develop|co-develop|build|create|design) (?:\S+ ){0,3}?(?:games|products|services|apps|chips|models|vehicles|cars|devices|software|platforms?) (?:together )?with)\b/gi },
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

/** Which generic readings a specific kind of agreement wins over when it is clearly present. */
const OVERRIDES: Partial<Record<DealType, DealType[]>> = {
  mou: ['partnership', 'investment', 'merger', 'acquisition'],
  joint_venture: ['partnership', 'investment', 'merger'],
  merger: ['acquisition', 'partnership'],
  settlement: ['licensing', 'partnership'],
  divestiture: ['investment', 'partnership'],
  licensing: ['partnership', 'investment'],
};
/** Buying patents is a licensing deal, not the takeover of a company. */
const PATENT_PURCHASE = /\b(?:buy|buys|bought|acquires?|acquired|purchas(?:e|es|ed))\s(?:about\s|some\s|more than\s)?(?:[\d,]+\s)?(?:[A-Z][\w-]*\s)?patents\b/i;

/** "which bought Oculus in 2014 for $2 billion": a past deal recalled in passing (a bare year next to it), not the story's. */
function pastDealMention(text: string, at: number, word: string): boolean {
  if (!/^(?:bought|acquired|purchased|took over)$/i.test(word)) return false;
  return /\bin (?:19|20)\d\d\b|\b(?:last year|years ago|a year ago)\b/.test(text.slice(Math.max(0, at - 30), at + word.length + 50));
}

function resetAll(): true {
  for (const r of TYPE_RULES) r.re.lastIndex = 0;
  return true;
}

function quoteless(s: string): string {
  return s.replace(/“[^“”]*”|"[^"]*"/g, ' ');
}

export function classifyType(sentences: readonly Sentence[]): Finding<DealType> | undefined {
  const score = new Map<DealType, number>();
  const evidence = new Map<DealType, string[]>();
  let inLead = false;
  // The lead is the first body sentence speaking of a deal, even below a newsletter's header lines ("December 2023
  // edition", "THE BIG ONE: …") — but only among the first two sentences of prose, never a passing mention further on.
  const leadFound = leadSentence(sentences);
  const prose = sentences.filter(isProse);
  const lead = leadFound && prose.slice(0, 2).includes(leadFound) ? leadFound : undefined;
  // A column's teaser line can be the first sentence speaking of a "deal" while the kind of deal comes in the next one
  // ("…finally do the obvious deal." then "For years…", then "On Tuesday they agreed, announcing a merger"): kind
  // wording in the first three sentences of prose is the lead too.
  const opening = new Set(prose.slice(0, 3));
  const title = sentences.find((s) => s.paragraph < 0);
  // "OpenAI signs content deals with Le Monde": signing or striking deals in the headline is a deal story, whatever
  // words further down say what kind.
  if (title && /\b(?:signs?|signed|strikes?|struck|inks?|inked|reach(?:es|ed)?|seals?|sealed)\s+(?:\S+\s+){0,3}?(?:deals?|agreements?|pacts?)\b/i.test(quoteless(title.text))) inLead = true;
  // "a merger built on spreadsheets", "its fight to hold Musk to $44 billion deal", "back new chip venture Rapidus": a
  // headline that names the deal itself is a deal story, whatever the lead talks about first.
  if (title && /\b(?:merger|takeover|acquisition|buyout|tie-up|(?:new|joint) (?:[\w-]+ )?venture)\b|[$€£¥₹]\s?[\d.,]+\s?(?:billion|million|bn|m)\b\s(?:deal|takeover|merger|acquisition|buyout|purchase|bid|offer)\b/i.test(quoteless(title.text))) inLead = true;
  // "Google says its deal with HTC has closed": a lead that tells a deal closing or ending is a deal story, whatever
  // words further down say what kind.
  if (lead && /\b(?:deal|agreement|transaction|merger|takeover)\b[^.;]{0,40}?\b(?:has|have|had|was|is)\s+(?:now\s+|finally\s+|officially\s+)?(?:closed|completed|terminated|ended|collapsed|fallen through|been (?:completed|terminated|called off|abandoned))\b/i.test(quoteless(lead.text))) inLead = true;
  for (const s of sentences) {
    const text = quoteless(s.text);
    for (const r of TYPE_RULES) {
      for (const m of text.matchAll(r.re)) {
        if (pastDealMention(text, m.index, m[0])) continue;
        if (weight(s) >= 2 || s === lead || opening.has(s)) inLead = true;
        // The lead and the first sentences of prose weigh as the opening does, also below a newsletter's header.
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
  // Specific kinds of agreement win over generic wording as long as they are clearly present (in the headline or
  // lead, or often): a JV is also "an investment", a licence also "an alliance", an MoU also "a partnership".
  const leadHit = (t: DealType) => sentences.some((s) => weight(s) >= 2 && TYPE_RULES.find((r) => r.value === t)!.re.test(quoteless(s.text)) && resetAll());
  // "Publicis to buy Sapient": with a buying verb in the headline, merger wording only in a later sentence is another
  // deal recalled ("since its planned merger with Omnicom collapsed"), not this one.
  const mergerRule = TYPE_RULES.find((r) => r.value === 'merger')!;
  const headBuys = !!title && /\b(?:to buy|buys|to acquire|acquires|agrees? (?:\S+ )?takeover|to take over|takes over)\b/i.test(quoteless(title.text));
  const mergerNear = [title, lead].some((s) => !!s && new RegExp(mergerRule.re.source, 'i').test(quoteless(s.text)));
  for (const t of ['mou', 'joint_venture', 'merger', 'divestiture', 'settlement', 'licensing'] as DealType[]) {
    if (t === 'merger' && best[0] === 'acquisition' && headBuys && !mergerNear) continue;
    const sc = score.get(t) ?? 0;
    const generic = t === 'licensing' && sentences.some((x) => weight(x) >= 2 && PATENT_PURCHASE.test(x.text)) ? ['partnership', 'investment', 'acquisition'] : (OVERRIDES[t] ?? []);
    if (t !== best[0] && generic.includes(best[0]) && sc >= 2 && (sc >= 3 || leadHit(t)) && sc >= best[1] / 3) {
      best = [t, sc];
      break;
    }
  }
  // "X sells its unit to Z" is a divestiture; "Z buys X's unit" an acquisition: the headline's (or lead's) verb decides.
  if (best[0] === 'acquisition' || best[0] === 'divestiture') {
    const head = sentences.find((s) => s.paragraph < 0)?.text ?? '';
    const lead = sentences.find((s) => s.paragraph >= 0)?.text ?? '';
    // The deal's lead too, when a blog opens with an aside ("Well, that didn't last long."); a purchase in an "after …"
    // clause is the background ("after Google closed its takeover of Motorola, the company has decided to sell").
    const dealLead = leadFound && leadFound.text !== lead ? leadFound.text : '';
    const firstNews = (re: RegExp, text: string) => [...text.matchAll(re)].find((m) => !inBackgroundClause(text, m.index));
    for (const text of [head, lead, dealLead]) {
      // Selling a business, a stake or a company — not selling products ("the two chipmakers sell to the same customers").
      const sell = firstNews(/\b(?:(?:sells?|selling|sold|to sell)(?= (?:its|the|a|an|their|off|majority|minority|remaining|part|\d|\p{Lu}))|divests?|sale of (?:its|the))\b/giu, quoteless(text));
      const buy = firstNews(/\b(?:buys?|buying|bought|acquires?|acquired|acquiring|to acquire|to buy|purchases?|purchased|completes? (?:its|the) purchase|takeover|takes over|accepts?)\b/gi, quoteless(text));
      if (sell && (!buy || sell.index < buy.index)) {
        best = ['divestiture', score.get('divestiture') ?? best[1]];
        break;
      }
      if (buy) {
        if (best[0] === 'divestiture') best = ['acquisition', score.get('acquisition') ?? best[1]];
        break;
      }
    }
  }
  const second = ranked.find((r) => r[0] !== best[0]);
  const margin = second ? best[1] / second[1] : Infinity;
  const confidence = best[1] >= 4 && margin >= 1.5 ? 'high' : best[1] >= 2 ? 'medium' : 'low';
  return { value: best[0], confidence, evidence: (evidence.get(best[0]) ?? []).map((w) => `"${w}"`).join(', '), inLead };
}

const STATUS_RULES: Rule<DealStatus>[] = [
  {
    value: 'terminated',
    re: /\b(?:terminat(?:e|es|ed|ing|ion)|call(?:s|ed)? off|abandon(?:s|ed|ing)?|scrap(?:s|ped)?|walk(?:s|ed)? away|blocked|collapsed|cancel(?:s|led|ed)?|pulled out of|no longer (?:go|proceed)\w*)\b/gi,
  },
  {
    value: 'completed',
    re: /\b(?:(?:has |have )?complet(?:ed|es|ion of)|(?:has |have )?closed (?:the|its|their)? ?(?:deal|acquisition|purchase|merger|transaction|round)|deal (?:has )?closed|finali[sz]ed|now (?:owns|part of)|became a (?:wholly owned )?subsidiary|(?:has|have) been (?:acquired|bought|purchased|taken over) by)\b/gi,
  },
  {
    value: 'pending',
    // The close still ahead: "subject to approval", "which the companies expect to complete in mid-2019", "shareholders
    // and regulators must approve the merger", "the deal requires clearance from …".
    re: /\b(?:subject to (?:regulatory|shareholder|customary|the approval|approval|receipt|the information and consultation|(?:the )?consultation|closing conditions)|requires? the (?:approval|clearance|consent) of|expected to close|is expected to (?:complete|be completed)|(?:expects?|anticipates?|anticipated) to (?:close|complete|finali[sz]e) (?:the|its|their) (?:deal|acquisition|purchase|merger|transaction|sale|takeover)|(?:which|that) (?:the )?(?:\S+ ){0,2}?(?:expects?|anticipates?|expected|anticipated) to (?:close|complete)|(?:is|are) (?:due|set|on track) to (?:close|complete)|must (?:still )?approve (?:the|its) (?:deal|acquisition|purchase|merger|transaction|sale|takeover)|pending (?:regulatory )?approval|awaiting (?:regulatory )?approval|regulatory review|requires approval|needs? (?:approval|regulatory approval|the approval)|(?:needs|requires) (?:\S+ ){0,2}?(?:clearance|approval)s? from|still needs|(?:has|have|is|are) yet to (?:close|complete|be completed)|(?:is|remains|still) pending|completion (?:depends on|is subject to|requires|hinges on)|still (?:has|have|needs?) to (?:go through|clear|pass|win))\b/gi,
  },
  { value: 'rumoured', re: /\b(?:reportedly|in talks|rumou?r(?:s|ed)?|people familiar with|according to sources|is said to be|considering a|exploring a (?:sale|deal|bid))\b/gi },
  { value: 'signed', re: /\b(?:sign(?:s|ed|ing)|inked)\b/gi },
  { value: 'announced', re: /\b(?:announc(?:e|es|ed|ing)|agreed (?:on \w+ )?to|(?:has |have )?struck|strikes|has agreed|have agreed|unveil(?:s|ed)|revealed|(?:will|would) (?:acquire|buy|invest|form|sell|launch|set up|create|establish|merge|combine)|will each (?:own|hold|take)|(?:will|would) recommend|(?:has|have) snapped up|(?:has|have|had) licen[cs]ed|is raising|plans to|approved the sale|(?:has|have|had) (?:formed|set up|created|established)|form(?:s|ed) (?:a|the) (?:new )?(?:joint venture|venture)|said (?:on \w+ )?(?:that )?it (?:is|will|would|had agreed))\b/gi },
];
const STATUS_PRIORITY: DealStatus[] = ['terminated', 'completed', 'pending', 'rumoured', 'signed', 'announced'];

export function classifyStatus(sentences: readonly Sentence[], type: DealType | undefined, event?: EventFinding): Finding<DealStatus> | undefined {
  // The story's own event decides first: an ending, a completion, a legal challenge (the deal is still pending) or a rumour.
  if (event?.event === 'end') return { value: 'terminated', confidence: 'high', evidence: event.evidence };
  if (event?.event === 'complete') return { value: 'completed', confidence: 'high', evidence: event.evidence };
  if (event?.event === 'legal') return { value: 'pending', confidence: 'medium', evidence: `${event.evidence} (a challenged deal is still pending)` };
  if (event?.event === 'rumour') return { value: 'rumoured', confidence: 'medium', evidence: event.evidence };
  // A round that "has raised" money is done; a settlement "settled" is reached.
  const head = sentences.filter((s) => weight(s) >= 2).map((s) => quoteless(s.text)).join(' ');
  if (type === 'investment') {
    const done = /\b(?:has|have|had) (?:raised|secured|closed)\b|\b(?:has|have|had) (?:taken|bought|acquired) an? (?:\d+(?:\.\d+)?% )?stake\b|\braised\s+(?:[$€£¥₹]|US\$)/i.exec(head);
    if (done) return { value: 'completed', confidence: 'medium', evidence: `"${done[0]}"` };
  }
  if (type === 'settlement') {
    // A settlement takes effect when it is signed: "have signed a licence that ends their dispute", "X and Y settle".
    const done = /\b(?:(?:has|have|had) (?:settled|signed|reached|struck)|settled (?:all|their|its|the)|reached a settlement)\b|(?<!\b(?:to|will|would|could|may) )\bsettles?\b/i.exec(head);
    if (done) return { value: 'completed', confidence: 'medium', evidence: `"${done[0]}"` };
  }
  const found = new Map<DealStatus, { score: number; words: string[] }>();
  const lead = leadSentence(sentences);
  for (const s of sentences) {
    const text = quoteless(s.text);
    for (const r of STATUS_RULES) {
      // "Signed" speaks of this deal only in the headline or lead; further down it is usually another agreement.
      if (r.value === 'signed' && weight(s) < 2) continue;
      for (const m of text.matchAll(r.re)) {
        // "would not be blocked", "was not terminated": a negated status word says nothing; nor does a future one
        // ("expected to be completed in 12 months").
        const before = text.slice(Math.max(0, m.index - 25), m.index);
        if (/\b(?:not|never|n['’]t)\s+(?:be\s+|been\s+)?$/i.test(before)) continue;
        if (/\b(?:expected to|will|would|to be|is set to|aims? to|plans? to|could|may)\s+(?:be\s+)?$/i.test(before)) continue;
        // An ending or a completion outside the headline and lead is another event (the story's own was read from them).
        // When the headline and lead tell an announcement, an ending or completion further on is another deal's
        // ("since its planned merger with Omnicom collapsed in May").
        if ((r.value === 'terminated' || r.value === 'completed') && event && (weight(s) < 2 || (event.event === 'announce' && s.paragraph >= 0 && s !== lead))) continue;
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
    const loi = /\b(?:letters? of intent|LOIs?)\b/.exec(quoteless(s.text));
    if (loi) return { value: false, confidence: 'medium', evidence: `"${loi[0]}" (letters of intent are preliminary)` };
  }
  if (type === 'mou') return undefined;
  return undefined;
}
