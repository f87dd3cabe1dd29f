// Finding organisations in an article: known ones by name or alias (with typo tolerance, so "Xiamoi" is Xiaomi),
// and new ones that compromise tags as organisations or that stand next to deal verbs. Generic words (group, inc,
// holdings…) never become companies on their own.
import nlp from 'compromise';
import { LIMITS } from '../deals/schema.ts';
import { normaliseText } from '../deals/names.ts';
import { isNonParty } from './non-parties.ts';
import { escapeRegExp } from './text.ts';
import { isDemonym, opensWithNationality } from './demonyms.ts';
import type { Sentence } from './text.ts';
import { trimEndChars } from '../deals/text-safety.ts';

export interface KnownOrganisation {
  name: string;
  aliases: readonly string[];
}

export interface OrgMention {
  /** Canonical name: the known organisation's name, or the name as the article writes it. */
  name: string;
  known: boolean;
  /** What the article wrote, when it differs from the name (a typo or an alias). */
  written: string;
  how: 'name' | 'alias' | 'typo' | 'new';
  sentence: number;
  /** Character offset of the mention in its sentence. */
  at: number;
  end: number;
  /** Found only because the headline and the opening both use the name: a fallback when the deal's own wording names
   * fewer than two parties. */
  echo?: boolean;
}

/** Words that describe a company but never name one alone, and legal forms stripped from new names. */
const GENERIC = new Set([
  'group', 'groups', 'inc', 'incorporated', 'holdings', 'holding', 'corp', 'corporation', 'company', 'companies', 'co',
  'ltd', 'limited', 'llc', 'plc', 'gmbh', 'ag', 'sa', 'nv', 'bv', 'ab', 'the', 'firm', 'firms', 'technologies',
  'technology', 'tech', 'partners', 'capital', 'ventures', 'labs', 'lab', 'international', 'global', 'systems',
  'solutions', 'services', 'industries', 'enterprises', 'networks', 'media', 'research', 'and', 'of', 'a', 'an',
  'startup', 'start', 'up', 'unit', 'division', 'business', 'board', 'investors', 'regulators', 'fund', 'funds',
  'bank', 'devices', 'products', 'range', 'platform', 'university', 'department', 'ministry', 'government', 'commission', 'authority', 'court', 'news', 'press',
  'release', 'statement', 'series', 'round', 'deal', 'agreement', 'memorandum', 'understanding', 'mou', 'ceo', 'cto',
  'cfo', 'chief', 'executive', 'officer', 'president', 'vice', 'head', 'founder', 'chairman', 'analyst', 'analysts', 'consortium', 'consortia',
  'data', 'partnership', 'strategic', 'acquisition', 'merger', 'takeover', 'purchase', 'sale', 'alliance', 'stake', 'talks', 'leader',
]);
/** Words that end a company's own name ("Motorola Solutions", "Sony Music"): after an alias they make another company. */
const NAME_TAIL = /^(?:Solutions|Systems|Technologies|Networks|Mobility|Communications|Electronics|Semiconductor|Semiconductors|Software|Media|Music|Pictures|Entertainment|Energy|Capital|Ventures|Financial|Health|Healthcare|Motors|Robotics)$/;
/**
 * "Salesforce Ventures", "Intel Capital", "Zoom Ventures": a company's investment arm is an investor of its own, so a
 * stored company's name followed by one of these words is not that company (as an alias followed by a company word).
 */
const INVESTMENT_ARM = /^(?:Ventures|Capital|Investments)$/;
const LEGAL_SUFFIX_WORDS = new Set(['inc', 'incorporated', 'corp', 'corporation', 'co', 'ltd', 'limited', 'llc', 'plc', 'gmbh', 'ag', 'se', 'sa', 's.a', 'nv', 'n.v', 'bv', 'b.v']);

/**
 * Strips trailing legal-form words (", Inc.", " Corp", " S.A.") as /(?:,?\s+(?:inc|…|b\.?v)\.?)+$/i did, from the
 * end backwards in one pass instead of retrying the pattern at every position.
 */
function stripLegalSuffix(s: string): string {
  let out = s;
  for (;;) {
    let end = out.length;
    if (out[end - 1] === '.') end--;
    let start = end;
    while (start > 0 && /[a-z.]/i.test(out[start - 1]!)) start--;
    const word = out.slice(start, end).toLowerCase();
    if (!word || !LEGAL_SUFFIX_WORDS.has(word) || start === 0 || !/\s/.test(out[start - 1]!)) return out;
    let cut = start;
    while (cut > 0 && /\s/.test(out[cut - 1]!)) cut--;
    if (out[cut - 1] === ',') cut--;
    out = out.slice(0, cut);
  }
}

/** Capitalised words that start sentences or name things other than companies. */
const NOT_NAMES = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'they', 'their', 'he', 'she', 'we', 'our', 'as', 'in',
  'on', 'at', 'for', 'with', 'by', 'from', 'under', 'after', 'before', 'both', 'each', 'recently', 'today', 'yesterday',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
  'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'chinese', 'american', 'european',
  'japanese', 'korean', 'german', 'french', 'british', 'indian', 'us', 'uk', 'eu', 'china', 'india', 'japan', 'europe',
  'america', 'korea', 'germany', 'france', 'britain', 'taiwan', 'israel', 'canada', 'however', 'meanwhile', 'moreover',
  'also', 'but', 'and', 'or', 'if', 'when', 'while', 'under', 'terms', 'financial', 'shares', 'stock', 'dr', 'mr', 'ms',
  'mrs', 'prof', 'ai', 'cloud', 'not', 'no', 'one', 'two', 'three', 'new', 'according', 'separately', 'earlier', 'last',
  'next', 'other', 'some', 'many', 'several', 'all', 'once', 'there', 'here', 'so', 'then', 'than', 'what', 'who',
  'existing', 'current', 'former', 'to', 'of', 'into', 'over', 'through', 'about', 'billion', 'million', 'trillion', 'bn',
  'together',
]);

export function isGenericName(name: string): boolean {
  // "AT&T", "P&G", "Q&A Labs": letters joined by an ampersand are one written name, not the words "at and t".
  if (/\p{L}&\p{L}/u.test(name)) return false;
  const words = normaliseText(name).split(' ').filter(Boolean);
  // "Series C" is a funding round, not a company.
  if (/^series [a-z]\d?$/.test(words.join(' '))) return true;
  return words.length === 0 || words.every((w) => GENERIC.has(w) || NOT_NAMES.has(w) || /^\d+$/.test(w) || w.length === 1);
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), capped for speed. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array<number>(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    prev = cur;
    if (rowMin > max) return max + 1;
  }
  return prev[b.length]!;
}

interface Token {
  raw: string;
  key: string;
  at: number;
  end: number;
}

function tokens(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.matchAll(/[\p{L}\p{N}]+(?:[.&][\p{L}\p{N}]+)*/gu)) {
    const raw = m[0];
    out.push({ raw, key: normaliseText(raw), at: m.index, end: m.index + raw.length });
  }
  return out;
}

interface NameEntry {
  org: KnownOrganisation;
  /** As written in the organisations list. */
  form: string;
  keyTokens: string[];
  isAlias: boolean;
}

export interface OrgIndex {
  byFirstToken: Map<string, NameEntry[]>;
  singleTokens: NameEntry[];
}

export function buildOrgIndex(orgs: readonly KnownOrganisation[]): OrgIndex {
  const byFirstToken = new Map<string, NameEntry[]>();
  const singleTokens: NameEntry[] = [];
  for (const org of orgs) {
    for (const [form, isAlias] of [[org.name, false] as const, ...org.aliases.map((a) => [a, true] as const)]) {
      const keyTokens = normaliseText(form).split(' ').filter(Boolean);
      if (keyTokens.length === 0) continue;
      const e: NameEntry = { org, form, keyTokens, isAlias };
      const list = byFirstToken.get(keyTokens[0]!) ?? [];
      list.push(e);
      byFirstToken.set(keyTokens[0]!, list);
      if (keyTokens.length === 1 && keyTokens[0]!.length >= 5) singleTokens.push(e);
    }
  }
  for (const list of byFirstToken.values()) list.sort((a, b) => b.keyTokens.length - a.keyTokens.length);
  return { byFirstToken, singleTokens };
}

/** Short names ("Mi", "HP") match only as written, so the word "mi" or "hp" in passing does not. */
function caseAccepts(e: NameEntry, written: string): boolean {
  const key = e.keyTokens.join(' ');
  if (key.length <= 4) return written.replace(/[^\p{L}\p{N}]/gu, '') === e.form.replace(/[^\p{L}\p{N}]/gu, '');
  if (key.length < 7) return /^\p{Lu}/u.test(written) || /\p{Lu}/u.test(written.slice(1));
  return true;
}

/** Finds known organisations, exactly or with a small typo, in every sentence. */
export function findKnownMentions(sentences: readonly Sentence[], index: OrgIndex): OrgMention[] {
  const out: OrgMention[] = [];
  const unmatched: { tok: Token; sentence: number; capitalisedMid: boolean }[] = [];
  for (const s of sentences) {
    const toks = tokens(s.text);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      let matched = false;
      for (const e of index.byFirstToken.get(t.key) ?? []) {
        const n = e.keyTokens.length;
        if (i + n > toks.length) continue;
        if (!e.keyTokens.every((k, j) => toks[i + j]!.key === k)) continue;
        const last = toks[i + n - 1]!;
        const written = s.text.slice(t.at, last.end);
        if (!caseAccepts(e, written)) continue;
        // "Motorola Solutions" is not Motorola Mobility (alias "Motorola"): an alias followed by a capitalised word that
        // makes another company's name is left for the new-name reader, unless that word is a legal form.
        const next = toks[i + n];
        if ((e.isAlias || INVESTMENT_ARM.test(next?.raw ?? '')) && next && next.at === last.end + 1 && /^\p{Lu}/u.test(next.raw) && !LEGAL_SUFFIX_WORDS.has(next.key) && normaliseText(`${written} ${next.raw}`) !== normaliseText(e.org.name) && !e.org.aliases.some((a) => normaliseText(a) === normaliseText(`${written} ${next.raw}`)) && (NAME_TAIL.test(next.raw) || (toks[i + n + 1]?.at === next.end + 1 && NAME_TAIL.test(toks[i + n + 1]!.raw)))) continue;
        out.push({
          name: e.org.name,
          known: true,
          written,
          how: e.isAlias ? 'alias' : 'name',
          sentence: s.index,
          at: t.at,
          end: last.end,
        });
        i += n - 1;
        matched = true;
        break;
      }
      if (!matched && t.key.length >= 5 && /^\p{L}+$/u.test(t.key)) {
        unmatched.push({ tok: t, sentence: s.index, capitalisedMid: /^\p{Lu}/u.test(t.raw) && t.at > 0 });
      }
    }
  }
  // Typos: a word that is one edit (two for long names) from a known single-word name, written like a name
  // somewhere (capitalised mid-sentence) or repeated, and never itself an exact known name.
  const byKey = new Map<string, typeof unmatched>();
  for (const u of unmatched) {
    const list = byKey.get(u.tok.key) ?? [];
    list.push(u);
    byKey.set(u.tok.key, list);
  }
  for (const [key, uses] of byKey) {
    if (NOT_NAMES.has(key) || GENERIC.has(key)) continue;
    const namelike = uses.some((u) => u.capitalisedMid) || uses.length >= 3;
    if (!namelike) continue;
    let best: { e: NameEntry; d: number } | undefined;
    for (const e of index.singleTokens) {
      const k = e.keyTokens[0]!;
      if (k[0] !== key[0] && k.slice(0, 2) !== key.slice(0, 2).split('').reverse().join('')) continue;
      const allowed = k.length >= 9 ? 2 : 1;
      const d = editDistance(key, k, allowed);
      if (d <= allowed && d > 0 && (!best || d < best.d)) best = { e, d };
    }
    if (!best) continue;
    for (const u of uses) {
      out.push({
        name: best.e.org.name,
        known: true,
        written: u.tok.raw,
        how: 'typo',
        sentence: u.sentence,
        at: u.tok.at,
        end: u.tok.end,
      });
    }
  }
  return out.sort((a, b) => a.sentence - b.sentence || a.at - b.at);
}

/** "Acme Robotics Inc." -> "Acme Robotics"; "the Zeta Labs" -> "Zeta Labs"; trailing punctuation and possessives off. */
/**
 * "led by Karl Iagnemma, who runs Aptiv's unit": a name the story goes on to describe as a person (", who …", ", the
 * company's chief executive") is a person, even where a list of investors or leaders names it.
 */
function introducedAsPerson(name: string, sentences: readonly Pick<Sentence, 'text'>[]): boolean {
  if (!/^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}\.)?(?:\s\p{Lu}[\p{L}'’-]+){1,2}$/u.test(name)) return false;
  const re = new RegExp(`${escapeRegExp(name)},\\s(?:who\\b|(?:the |its |a |an )?(?:\\p{Lu}[\\p{L}.&-]*['’]s\\s)?(?:co-founder|founder|chief|CEO|CFO|CTO|president|chair\\w*|head of|director|managing director|general counsel))`, 'u');
  return sentences.some((s) => re.test(s.text));
}

export function cleanOrgName(s: string): string {
  const head = s
    // "If Sabre owns the bypass", "When Halvard bought it": a sentence's opening conjunction is no part of the name.
    .replace(/^(?:If|When|While|Whilst|Although|Though|Unless|Because|Once|Whether|But|And|Yet|Why|How|What|Where|Who)\s+(?=\p{Lu})/u, '')
    // "Miami-based Farelogix", "Tokyo-based Halvard": where it is based is no part of the name either.
    .replace(/^\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?-based\s+(?=\p{Lu})/u, '')
    // "India's Zee Entertainment", "Mukesh Ambani's Reliance Industries": the owner's possessive is not part of the name.
    // A plural common noun's possessive ("Teachers' Venture Growth", "Farmers' Bank") is the name's own first word.
    .replace(/^(?:\p{Lu}[\p{L}-]+\s){0,2}\p{Lu}[\p{L}-]+['’]s?\s+(?=\p{Lu}[\p{L}]+)/u, (m) => (pluralNounPossessive(m.trim()) ? m : ''))
    .replace(/['’]s\s+(\S+)$/u, (m, w: string) => (NOT_NAMES.has(w.toLowerCase()) || GENERIC.has(w.toLowerCase()) || PLACE_WORDS.has(w.toLowerCase()) ? '' : m))
    .replace(/['’]s$/u, '');
  // Trailing runs are trimmed by a scan rather than `[…]+$`, which retries from every position (quadratic).
  const bare = trimEndChars(trimEndChars(head, "'’-"), '.,;:!?)"“”').replace(/^(?:the|a|an)\s+/i, '');
  const stripped = stripLegalSuffix(bare).replace(/['’]s$/u, '').trim();
  // "News Corp": when the legal form is all that makes a name of a generic word, it stays.
  return stripped && isGenericName(stripped) && legallyNamed(bare) ? bare.trim() : stripped;
}

/**
 * A title-case headline capitalises its verbs too: "Marvell to Acquire Inphi" — the word after "to" that compromise
 * reads as an infinitive is the verb, and the name starts after it; "…, Adding High-Speed Optical Chips" — a run opened
 * by a participle after a comma is a clause, never a name (opening a sentence it may be one: "Hugging Face raises").
 */
export function headlineVerbOff<T extends { text: string; at: number }>(c: T, sentence: string): T | undefined {
  const first = /^\p{Lu}\p{Ll}+/u.exec(c.text)?.[0];
  if (!first) return c;
  const tags = (nlp(first.toLowerCase()).json() as { terms?: { tags?: string[] }[] }[])[0]?.terms?.[0]?.tags ?? [];
  const before = sentence.slice(0, c.at);
  if (tags.includes('Gerund') && /,\s*$/.test(before)) return undefined;
  if (tags.includes('Infinitive') && /\bto\s+$/.test(before)) {
    const rest = /^\p{Lu}\p{Ll}+\s+(?=\p{Lu})/u.exec(c.text);
    return rest ? { ...c, text: c.text.slice(rest[0].length), at: c.at + rest[0].length } : undefined;
  }
  return c;
}

/** "Teachers'" (a plural common noun, as compromise tags it) rather than "Siemens'" or "India's" (an owner). */
function pluralNounPossessive(word: string): boolean {
  if (!/s['’]$/u.test(word) || /\s/u.test(word)) return false;
  const tags = (nlp(word).json() as { terms?: { tags?: string[] }[] }[])[0]?.terms?.[0]?.tags ?? [];
  return tags.includes('Plural') && !tags.includes('ProperNoun');
}

/** "Capital One Ventures" listed among investors: a capitalised name of several words is a name when one of them is not a
 * company word (the generic test reads "one" as a number) and it opens with no function word ("The Group"). */
function listedName(name: string, listed: boolean | undefined): boolean {
  const words = normaliseText(name).split(' ');
  return !!listed && words.length >= 2 && words.every((w) => w.length >= 2) && name.split(/\s+/).every((w) => /^\p{Lu}/u.test(w)) && !NOT_NAMES.has(words[0]!) && words.some((w) => !GENERIC.has(w));
}

/** "News Corp", "Media Holdings Inc.": capitalised words closed by a legal form name a company, generic or not. */
function legallyNamed(s: string): boolean {
  const words = s.trim().split(/\s+/);
  if (words.length < 2 || NOT_NAMES.has(words[0]!.toLowerCase()) || !words.every((w) => /^\p{Lu}/u.test(w))) return false;
  return LEGAL_SUFFIX_WORDS.has(words.at(-1)!.toLowerCase().replace(/\.$/, '')) && !words.slice(0, -1).some((w) => LEGAL_SUFFIX_WORDS.has(w.toLowerCase()));
}

const NEW_NAME_SENTENCES = 25;
/** "Wise Road Capital", listed beside a company: a place tagger's guess gives way to a company word ending the name. */
const COMPANY_END = /\s(?:Capital|Partners|Group|Holdings|Ventures|Investments|Technologies|Systems|Networks|Industries|Corporation|Company|Fund)$/;

/** " Systems", " Networks", " Holdings": company words that complete a short name seen elsewhere ("Brightwave" →
 * "Brightwave Systems"). Other generic words ("unit", "board", "deal") never do. */
const COMPANY_TAIL = new Set(['group', 'holdings', 'holding', 'technologies', 'technology', 'tech', 'systems', 'networks', 'labs', 'lab', 'industries', 'international', 'global', 'solutions', 'services', 'enterprises', 'partners', 'capital', 'ventures', 'corporation', 'corp', 'inc', 'ltd', 'limited', 'plc']);

/** "… Corporation of Japan", "… Bank of China": a public body's name ends in the place it serves. */
const OF_PLACE = /\s(?:Corporation|Bank|Fund|Trust|Institute|Agency) of \p{Lu}[\p{L}]+(?: \p{Lu}[\p{L}]+)?$/u;

function corporateTail(tail: string): boolean {
  const words = normaliseText(tail).split(' ').filter(Boolean);
  return words.length >= 1 && words.length <= 2 && words.every((w) => COMPANY_TAIL.has(w));
}

/** Places whose possessive may open a company's description ("Britain's", "Tokyo's"). */
const PLACE_WORDS = new Set(['britain', 'china', 'india', 'japan', 'korea', 'germany', 'france', 'europe', 'america', 'tokyo', 'seoul', 'beijing', 'london', 'paris', 'taiwan', 'israel', 'canada', 'australia', 'italy', 'spain', 'sweden', 'finland', 'brazil', 'singapore', 'switzerland', 'netherlands', 'silicon']);

/** A capitalised word followed by one of these nouns describes a company rather than naming it ("the Roomba maker"). */
const PRODUCT_NOUN_AFTER = /^\s+(?:[a-z][\w-]*\s+)?(?:engine|app|apps|website|site|platform|service|marketplace|library|tool|chatbot|assistant|browser|game|device|phone|console)\b/;
const DESCRIBED_NOUN =
  /^[’']?\s+(?:[a-z][\w-]*\s+){0,2}?(?:maker|makers|developer|company|firm|chipmaker|start-?up|giant|rival|operator|owner|parent|provider|publisher|manufacturer|designer|conglomerate|retailer|lender|carmaker|automaker|supplier|brand|specialist|group of|investor|company's|firm's|unit|subsidiary|studio|studios|chain|outlet)\b/;

const CAPITALISED_RUN = /\b(\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}&'’.-]*|&|(?:de|von|van)\b))*)/gu;

/** A run of capitalised words as found in a sentence: its text and where it starts. */
export interface Run {
  0: string;
  index: number;
}

/** A headline in title case ("SAP and Databricks Launch Strategic Partnership"): most of its longer words capitalised. */
export function isTitleCase(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? [];
  return words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.7;
}

const HEADLINE_VERB = /^(?:launch|sign|form|announce|complete|acquire|buy|sell|agree|partner|team|unveil|join|enter|expand|close|raise|invest|merge|settle|end|drop|scrap|abandon|terminate|license|licence|strike|seal|finalize|finalise|extend|deepen)(?:s|es|d|ed)?$/;

/** Where the verbs of a title-case headline start, as compromise tags the lowercased text (none for other sentences). */
function headlineVerbs(s: Pick<Sentence, 'text' | 'paragraph'>): Set<number> {
  const verbs = new Set<number>();
  if (s.paragraph >= 0 || !isTitleCase(s.text)) return verbs;
  const lower = s.text.toLowerCase();
  if (lower.length !== s.text.length) return verbs;
  for (const sent of nlp(lower).json({ offset: true }) as { terms: { text: string; tags: string[]; offset: { start: number } }[] }[]) {
    for (const t of sent.terms) {
      // Compromise reads "tallis launch" as a noun phrase when it takes an unknown name for a plural; the verbs of deal
      // headlines are verbs there whatever it says.
      if ((t.tags.includes('Verb') && !t.tags.includes('Gerund') && !t.tags.includes('Participle')) || HEADLINE_VERB.test(t.text)) verbs.add(t.offset.start);
    }
  }
  return verbs;
}

/** A candidate name in a title-case headline ends before a verb inside it (not one that ends it). */
function beforeHeadlineVerb<T extends { text: string; at: number }>(c: T, verbs: ReadonlySet<number>): T {
  if (!verbs.size) return c;
  const words = [...c.text.matchAll(/\S+/gu)].map((w) => ({ at: c.at + w.index, text: w[0] }));
  const cut = words.slice(1, -1).find((w) => verbs.has(w.at));
  return cut ? { ...c, text: c.text.slice(0, cut.at - c.at).trimEnd() } : c;
}

/**
 * Capitalised runs, with a title-case headline's runs split at the verb inside them: "Databricks Launch Strategic
 * Partnership" is Databricks and what it launches, "Meta Sells Giphy" two companies. Compromise tags the lowercased
 * headline; a verb that ends its run stays in the name ("Johnson Controls to Buy …"), and of several verbs the last
 * is taken ("Johnson Controls Buys Tyco").
 */
export function capitalisedRuns(s: Pick<Sentence, 'text' | 'paragraph'>, text: string = s.text): Run[] {
  const runs: Run[] = [];
  for (const m of text.matchAll(CAPITALISED_RUN)) {
    // "Innovation Network Corporation of Japan", "Development Bank of Japan": a body's name goes on past "of".
    const prev = runs.at(-1);
    if (prev && /\s(?:Corporation|Bank|Fund|Trust|Institute|Agency)$/.test(prev[0]) && text.slice(prev.index + prev[0].length, m.index) === ' of ' && m[0].split(/\s+/).length <= 2) {
      prev[0] = text.slice(prev.index, m.index + m[0].length);
      continue;
    }
    runs.push({ 0: m[0], index: m.index });
  }
  const verbs = headlineVerbs(s);
  if (!verbs.size) return runs;
  const out: Run[] = [];
  for (const r of runs) {
    const words = [...r[0].matchAll(/\S+/gu)].map((w) => ({ at: r.index + w.index, text: w[0] }));
    const cut = words.slice(1, -1).filter((w) => verbs.has(w.at)).at(-1);
    if (!cut) {
      out.push(r);
      continue;
    }
    out.push({ 0: s.text.slice(r.index, cut.at).trimEnd(), index: r.index });
    const rest = cut.at + cut.text.length + 1;
    out.push({ 0: s.text.slice(rest, r.index + r[0].length), index: rest });
  }
  return out;
}

/** Verbs next to which a capitalised name is a party, not a product or a place ("Acme has agreed to acquire …"). */
const DEAL_CONTEXT_AFTER =
  /^\s*(?:(?:has|have|had|will|is|was|would|to)\s+)?(?:(?:agreed|agrees|plans|planned|is set|mutually agreed|has agreed) to\s+)?(?:\w+ly\s+|also\s+)?(?:agree[sd]?\s+(?:an?\s+|its\s+|the\s+)?(?:[$€£]\S+\s+)?(?:takeover|purchase|acquisition|buyout|merger|sale|deal)\b|become (?:an? |the )?(?:\w+ )?(?:partner|shareholder|investor|owner|backer)\b|join(?:s|ed)? (?:the (?:round|financing|venture|consortium|deal|investment|alliance|partnership)|as (?:an? )?(?:\w+ )?(?:investor|partner|backer|shareholder))|acquir|buy|bought|purchas|(?:back(?:s|ed)?|recommend(?:s|ed)?|accept(?:s|ed)?|reject(?:s|ed)?) (?:an? |the |its )?(?:[$€£]\S+ )?(?:\w+ )?(?:offer|bid|takeover|approach)\b|(?:weigh|consider|explor)\w* (?:an? |the )?(?:\w+ )?(?:bid|offer|deal|sale|takeover|merger|acquisition)\b|(?:taking|took|take|takes) part\b|participat|snap(?:s|ped)? up|complet|finali[sz]|(?:take|takes|taking|took) (?:control|over)\b|in (?:\w+ )?talks (?:to|with|about|over)|invest|rais|secur|clos|sign|partner|team|merg|sell|sold|licens|form|launch|settl|terminat|abandon|call|withdr|drop|scrap|led the|leads the|co-led the)/i;
/** "Databricks said it is raising …", "Databricks' $10 billion round". */
const SAID_IT_CONTEXT_AFTER = /^\s*(?:said|says|announced)\s+(?:on\s+\w+(?:,?\s\w+){0,3},?\s+)?(?:that\s+)?(?:it|they|its \w+|their \w+)\s+(?:is|was|has|had|have|will|would)\s+(?:\w+\s+)?(?:complet|acquir|buy|bought|purchas|invest|rais|secur|clos|sign|partner|merg|sell|sold|licens|form|launch|settl|terminat|agreed|withdr|drop|abandon|scrap|take a stake|join)/i;
const POSSESSIVE_MONEY_AFTER = /^['’]s?\s+(?:[$€£¥₹]|US\$)/;
/** "Illumina's acquisition of Grail", "Xerox's $35 billion bid": the owner of the deal noun is a party. */
/** "Core Scientific's shareholders voted down the offer": the company whose owners or board decide on a deal is in it. */
const OWNERS_DECIDE_AFTER = /^['’]?s?\s+(?:shareholders|stockholders|board|directors)\s+(?:have\s+|had\s+)?(?:voted (?:down|against|for|to)|approved|rejected|backed|accepted|turned down|recommended)\b/;
const POSSESSIVE_DEAL_AFTER = /^['’]s?\s+(?:(?:proposed|planned|pending|hostile|unsolicited|rival|revised|improved|sweetened|all-stock|all-cash|cash|cash-and-stock|stock|\S+ (?:billion|million)) ){0,2}(?:acquisition|purchase|takeover|bid|offer|buyout|investment)\b/;
/** "Illumina, the largest maker of gene sequencing machines, agreed to buy …": the description between name and verb. */
const APPOSITION_START = /^,\s(?:the|a|an|based in|headquartered in|\p{Lu}[\p{L}.-]{0,40}['’]s?|one of)\s[^,]{0,100},/u;
/** A description that lists names of its own ("Axel Springer, the German media group that publishes Bild, Die Welt and
 * Politico, has signed …"): it ends at the comma before the sentence's verb. */
const APPOSITION_OPEN = /^,\s(?:the|a|an|based in|headquartered in|\p{Lu}[\p{L}.-]{0,40}['’]s?|one of)\s/u;
const VERB_AFTER_ASIDE = /,\s+(?=(?:has|have|had|is|was|will|would|said|says|announced|agreed|signed|plans|on \w+day)\b)/;

/**
 * "ABB agreed on Wednesday to sell", "X said late on Tuesday it would buy", "X on Monday agreed to buy": a time
 * adverbial between the subject and its verb is skipped, so the verb is read as if it followed the name.
 */
const TIME_ADVERBIAL = new RegExp(
  `^((?:\\s+(?:has|have|had|will|is|was|would))?(?:\\s+(?:agreed|agrees|said|says|announced|confirmed|revealed|plans|planned))?)\\s+(?:(?:late|early)\\s+)?(?:on\\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:,\\s+\\w+\\s+\\d{1,2}(?:,\\s+\\d{4})?)?|(?:last|this)\\s+(?:week|month)|today|yesterday|in\\s+(?:a|its)\\s+(?:statement|filing|release))(?:,)?(?=\\s)`,
);
export function withoutTimeAdverbial(after: string): string {
  const m = TIME_ADVERBIAL.exec(after);
  return m ? m[1]! + after.slice(m[0].length) : after;
}

/** "Airbus, Thales and Leonardo said on Thursday they would pool their businesses": a combining verb after "said". */
const SAID_COMBINE_AFTER = /^\s*(?:said|say|says|announced)\s+(?:that\s+)?(?:they|the (?:two|three|four) (?:companies|groups|firms))\s+(?:would|will|plan to|agreed to|had agreed to)\s+(?:pool|combine|merge|join forces|create|form|set up|team up|bring together)\b/i;

function pastApposition(after: string): string {
  const short = after.replace(APPOSITION_START, '');
  if (!APPOSITION_OPEN.test(after) || (short !== after && !/^\s*\p{Lu}/u.test(short))) return short;
  const v = VERB_AFTER_ASIDE.exec(after.slice(2, 220));
  return v ? after.slice(2 + v.index + 1) : short;
}

const NATIONALITY = /^(?:American|British|Chinese|French|German|Japanese|Korean|South|Indian|Israeli|Italian|Spanish|Swedish|Finnish|Dutch|Swiss|Taiwanese|Canadian|Australian|European|Asian|Brazilian|Saudi|Emirati|Irish|Danish|Norwegian)$/;

/** "a new Ubisoft subsidiary", "the Sony unit": a name before one of these owns the unit (unless "its X unit" names it). */
const OWNED_UNIT_AFTER = /^\s+(?:subsidiary|unit|division|arm)\b/;
/** "Ubisoft's chief executive", "Ubisoft said on Thursday that": wording that only a company takes. */
const COMPANY_SIGN_AFTER = /^['’]s?\s+(?:co-?founder|founder|chief|ceo|cfo|board|shares|stock|chairman|chairwoman|spokes\w+|president|employees|staff|headquarters|investors|shareholders)\b/i;

/** Somewhere in the article the name takes a company's wording ("X's chief executive", "X's shares"). */
function shownAsCompany(sentences: readonly Sentence[], name: string): boolean {
  const re = new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
  return sentences.some((s) => [...s.text.matchAll(re)].some((m) => COMPANY_SIGN_AFTER.test(s.text.slice(m.index + m[0].length))));
}

const BY_TRIGGERS = new Set(['led', 'co-led', 'backed', 'acquired', 'bought', 'purchased', 'joined', 'owned', 'controlled', 'financed']);
const FROM_TRIGGERS = new Set(['participation', 'investment', 'investments', 'funding', 'backing', 'offer', 'bid', 'buyout', 'approach', 'support', 'money', 'capital', 'commitments']);
const WITH_TRIGGERS = new Set(['partner', 'partners', 'partnered', 'partnering', 'partnership', 'up', 'agreement', 'deal', 'venture', 'merge', 'merger', 'merging', 'talks', 'alliance', 'memorandum', 'mou', 'licence', 'license', 'collaboration', 'settlement']);
const FOR_TRIGGERS = new Set(['offer', 'bid', 'bids', 'approach', 'paid', 'pay', 'pays', 'buyer', 'buyers', 'suitor', 'suitors', 'bidder', 'bidders']);
const OF_TRIGGERS = new Set(['acquisition', 'purchase', 'takeover', 'buyout', 'merger', 'sale', 'consortium', 'operations', 'board', 'shareholders']);
const IN_TRIGGERS = new Set(['stake', 'invest', 'invests', 'invested', 'investing', 'investment', 'round', 'shareholder']);
const INVEST_WORD = /^(?:invest|invests|invested|investing|investment|stake)$/i;
const DIRECT_TRIGGERS = new Set(['acquire', 'acquires', 'acquired', 'acquiring', 'buy', 'buys', 'buying', 'bought', 'purchase', 'purchases', 'purchased', 'purchasing', 'including', 'investors']);
const SELL_WORDS = /^(?:sell|sells|sold|selling|sale|divest|divests|divested|divesting|transfer|transfers|hand|hands|license|licenses|licence|licences)$/;
const TRIGGER_WORDS = new Set(['to', 'for', 'from', 'with', 'by', 'in', 'of']);

/**
 * True when the words before a capitalised name make it a party: "led by X", "participation from existing investors
 * X", "offer for X", "sell its unit to the investment firm X", "stake in X". Up to four lowercase descriptor words
 * may stand between ("the investment firm", "existing investors").
 */
function dealContextBefore(before: string): boolean {
  const words = before.match(/[\p{L}\p{N}'’-]+/gu)?.slice(-14) ?? [];
  if (/[,;:]\s*$/.test(before) && !/\b(?:including|includ\w+)[\s,:]*$/i.test(before)) return false;
  // "snapped up X": a phrasal buying verb right before the name.
  if (/\bsnap(?:s|ped|ping)? up\s+(?:the\s+)?$/i.test(before)) return true;
  let end = words.length;
  for (let k = 0; k < 4 && end > 0; k++) {
    const w = words[end - 1]!;
    // "buy the service through Azure": a name after a preposition is where or how, not what is bought.
    if (/^(?:through|via|on|at|inside|within|across|onto|over|under|using)$/.test(w)) return false;
    // Lowercase descriptors ("the investment firm") and nationality adjectives ("the French train maker").
    if (!(/^\p{Ll}/u.test(w) || NATIONALITY.test(w)) || TRIGGER_WORDS.has(w) || DIRECT_TRIGGERS.has(w)) break;
    end--;
  }
  const last = words[end - 1]?.toLowerCase();
  const prev = words[end - 2]?.toLowerCase() ?? '';
  if (!last) return false;
  if (DIRECT_TRIGGERS.has(last)) return true;
  if (last === 'by') return BY_TRIGGERS.has(prev);
  if (last === 'from') return FROM_TRIGGERS.has(prev) || words.slice(Math.max(0, end - 10), end - 1).some((w) => /^(?:purchas\w*|acqui\w+|buy\w*|bought|licen[cs]\w*)$/i.test(w));
  if (last === 'with') return WITH_TRIGGERS.has(prev);
  if (last === 'for') return FOR_TRIGGERS.has(prev);
  if (last === 'of') return OF_TRIGGERS.has(prev);
  // "invest an additional $500 million in Joby": the investing verb may stand a few words back.
  if (last === 'in') return IN_TRIGGERS.has(prev) || words.slice(Math.max(0, end - 9), end - 1).some((w) => INVEST_WORD.test(w));
  if (last === 'to') return words.slice(Math.max(0, end - 11), end - 1).some((w) => SELL_WORDS.test(w.toLowerCase()));
  return false;
}

/**
 * New organisations: compromise's organisation tags, plus capitalised names standing next to deal verbs. Anything
 * that overlaps a known mention, is generic, or is a person compromise recognises is dropped.
 */
export function findNewMentions(sentences: readonly Sentence[], known: readonly OrgMention[]): OrgMention[] {
  const out: OrgMention[] = [];
  const companyElsewhere = (name: string) => shownAsCompany(sentences, name);
  const overlaps = (sentence: number, at: number, end: number) =>
    known.some((k) => k.sentence === sentence && at < k.end && end > k.at) ||
    out.some((k) => k.sentence === sentence && at < k.end && end > k.at);
  // A name the headline and the opening both use ("Skyworks and Qorvo finally do the obvious deal" over "… pitched the
  // same idea to Skyworks Solutions and Qorvo") is what the story is about, whatever verb stands next to it.
  const opening = [...sentences.filter((x) => x.paragraph < 0), ...sentences.filter((x) => x.paragraph >= 0).slice(0, 4)];
  const runsOf = new Map(opening.map((x) => [x.index, capitalisedRuns(x).map((r) => ({ text: trimEndChars(r[0].replace(/['’]s?$/u, ''), '.,;:'), at: r.index }))]));
  const inTitle = (x: Sentence) => x.paragraph < 0;
  const echoed = (x: Sentence, run: string) => {
    if (run.length < 2 || run.split(/\s+/).length > 3) return false;
    const key = normaliseText(run);
    return opening.some((y) => y !== x && inTitle(y) !== inTitle(x) && (runsOf.get(y.index) ?? []).some((r) => {
      const k = normaliseText(r.text);
      return k === key || k.startsWith(key + ' ') || key.startsWith(k + ' ');
    }));
  };
  // Parties come from the headline and the first deal sentences: tagging the rest of a long page only costs time.
  for (const s of sentences.slice(0, NEW_NAME_SENTENCES)) {
    const doc = nlp(s.text);
    const people = new Set((doc.people().out('array') as string[]).map((p) => normaliseText(p)));
    const places = new Set((doc.places().out('array') as string[]).map((p) => normaliseText(p)));
    const candidates: { text: string; at: number; listed?: boolean; echo?: boolean }[] = [];
    for (const whole of doc.organizations().out('array') as string[]) {
      for (const o of whole.split(/,\s+|(?<!\s)\s+and\s+/)) {
        const at = s.text.indexOf(trimEndChars(o, '.,;:'));
        if (at >= 0) candidates.push({ text: o, at });
      }
    }
    const runs = capitalisedRuns(s);
    for (const m of runs) {
      const before = s.text.slice(0, m.index);
      const after = s.text.slice(m.index + m[0].length);
      const pastAside = withoutTimeAdverbial(pastApposition(after));
      const plain = withoutTimeAdverbial(after);
      // "take Orvana private": the company bought out.
      const takenPrivate = /\b(?:take|takes|taking|took)\s+$/i.test(before) && /^\s+private\b/.test(after);
      if (takenPrivate || DEAL_CONTEXT_AFTER.test(plain) || SAID_IT_CONTEXT_AFTER.test(plain) || SAID_COMBINE_AFTER.test(plain) || SAID_COMBINE_AFTER.test(pastAside) || OWNERS_DECIDE_AFTER.test(after) || (/['’]s?$/.test(m[0]) ? POSSESSIVE_MONEY_AFTER.test(`'s${after}`) : POSSESSIVE_MONEY_AFTER.test(after)) || (/['’]s?$/.test(m[0]) ? POSSESSIVE_DEAL_AFTER.test(`'s${after}`) : POSSESSIVE_DEAL_AFTER.test(after)) || (pastAside !== after && (DEAL_CONTEXT_AFTER.test(pastAside) || SAID_IT_CONTEXT_AFTER.test(pastAside))) || dealContextBefore(before)) {
        candidates.push({ text: m[0], at: m.index, listed: true });
      }
    }
    // Lists: "TSMC, Robert Bosch, Infineon Technologies and NXP announced …" — a name listed with a company is one too.
    const chains: Run[][] = [];
    // "Essilor, the French maker of lenses, and Luxottica": a description between two listed names is read as a gap
    // (blanked, same length, so the names keep their places).
    const listText = s.text.replace(/,\s(?:the|a|an)\s[^,]{0,100},/g, (m) => `,${' '.repeat(m.length - 2)},`);
    const listRuns = capitalisedRuns(s, listText);
    for (let i = 0; i < listRuns.length; i++) {
      const prevRun = listRuns[i - 1];
      const gap = prevRun ? listText.slice(prevRun.index + prevRun[0].length, listRuns[i]!.index) : '';
      if (prevRun && (/^(?:,\s|\s+and\s+|,\s+and\s+)(?:the\s+)?$/.test(gap) || /^, +,\s+and\s+$/.test(gap))) chains.at(-1)!.push(listRuns[i]!);
      else chains.push([listRuns[i]!]);
    }
    for (const chain of chains) {
      if (chain.length < 2) continue;
      const isOrg = (r: Run) =>
        known.some((k) => k.sentence === s.index && k.at < r.index! + r[0].length && k.end > r.index!) ||
        candidates.some((c) => c.at === r.index);
      if (!chain.some(isOrg)) continue;
      // "Capital One Ventures", of which compromise tags only "Capital One": the whole listed run is the candidate.
      const whole = (r: Run) => !COMPANY_END.test(r[0]) || candidates.some((c) => c.at === r.index && trimEndChars(c.text, '.,;:').length >= r[0].length);
      for (const r of chain) if (!isOrg(r) || (!whole(r) && !known.some((k) => k.sentence === s.index && k.at === r.index))) candidates.push({ text: r[0], at: r.index, listed: true });
    }
    // "Siemens-Alstom rail merger": a hyphenated pair of names is two companies when each appears on its own.
    for (const m of s.text.matchAll(/\b(\p{Lu}[\p{L}]+)-(\p{Lu}[\p{L}]+)\b/gu)) {
      const [a, b] = [m[1]!, m[2]!];
      const alone = (w: string) => sentences.some((x) => new RegExp(`(?<![\\p{L}-])${w}(?![\\p{L}-])`, 'u').test(x.text));
      if (alone(a) && alone(b)) {
        candidates.push({ text: a, at: m.index, listed: true });
        candidates.push({ text: b, at: m.index + a.length + 1, listed: true });
      }
    }
    for (const r of runsOf.get(s.index) ?? []) {
      // (Not a sentence's first word, which is capitalised anyway: "Brussels lets …" over "… Brussels now thinks".)
      if (r.at > 0 && echoed(s, r.text) && !candidates.some((c) => c.at === r.at)) candidates.push({ text: r.text, at: r.at, echo: true });
    }
    const verbsHere = headlineVerbs(s);
    for (const raw of candidates) {
      const c0 = headlineVerbOff(raw, s.text);
      const c = c0 && beforeHeadlineVerb(c0, verbsHere);
      if (!c) continue;
      // A division of a known company ("Microsoft's Research Group") is not a new party.
      const startsWithKnown = known.some((k) => k.sentence === s.index && k.at >= c.at && k.at < c.at + c.text.length);
      if (startsWithKnown) continue;
      const name = cleanOrgName(c.text);
      const key = normaliseText(name);
      if (!key || name.length > LIMITS.partyName || (isGenericName(name) && !legallyNamed(name) && !listedName(name, c.listed)) || isNonParty(name) || isDemonym(name) || ((people.has(key) || introducedAsPerson(name, sentences)) && !c.listed) || (c.listed && introducedAsPerson(name, sentences)) || (places.has(key) && !(c.listed && (opensWithNationality(name) || COMPANY_END.test(name))))) continue;
      if (name.split(/\s+/).length > 5) continue;
      // Organisation names are capitalised word by word ("Chip design", "Finnish company" are descriptions).
      if (!name.split(/\s+/).every((w) => /^[\p{Lu}\p{N}&]/u.test(w) || ['of', 'and', 'de', 'for'].includes(w))) continue;
      if (s.paragraph >= 0 && c.at === 0 && NOT_NAMES.has(key.split(' ')[0] ?? '')) continue;
      // "the Roomba maker", "the Israeli contract chipmaker", "the Tokyo-based maker": a word describing a company.
      // "a new Ubisoft subsidiary": before an owned unit, a name the article shows as a company elsewhere is its owner.
      const afterName = s.text.slice(c.at + c.text.length);
      // "the GIF search engine", "the Roomba app": after "the", a name qualifying a product noun describes a product.
      if (/\bthe\s+$/i.test(s.text.slice(0, c.at)) && PRODUCT_NOUN_AFTER.test(afterName)) continue;
      if (/-based$/i.test(name) || (DESCRIBED_NOUN.test(afterName) && !(OWNED_UNIT_AFTER.test(afterName) && !/\bits\s+$/i.test(s.text.slice(0, c.at)) && companyElsewhere(name)))) continue;
      const end = c.at + name.length;
      if (overlaps(s.index, c.at, end)) continue;
      out.push({ name, known: false, written: name, how: 'new', sentence: s.index, at: c.at, end, ...(raw.echo ? { echo: true } : {}) });
    }
  }
  // "Leica" in the headline and "Leica Camera" in the body are one organisation: use the longest form seen.
  const runs = sentences.flatMap((s) => capitalisedRuns(s).map((m) => cleanOrgName(m[0])));
  const both = (short: string, long: string) =>
    sentences.some((s) => s.text.includes(long) && s.text.split(long).join('').includes(short));
  // Not when the longer form is introduced as a unit ("The unit, Panasonic Semiconductor Solutions, makes …"): that
  // is what is sold, not the seller.
  const unitNamed = (long: string) =>
    sentences.some((s) => {
      const i = s.text.indexOf(long);
      // Nor a product ("a newer product called DeepL Write"): the company keeps its own name.
      return i >= 0 && /\b(?:unit|subsidiary|division|arm|business|product|app|application|service|tool|platform|model|brand|chatbot)(?:,|\s+called|\s+named)?\s+$/i.test(s.text.slice(Math.max(0, i - 30), i));
    });
  // "Thales" in three sentences and "Thales Alenia Space" once, in a list of what the deal brings together: a name the
  // body uses on its own again and again is the company's, and a longer run that is not its corporate form is
  // something of its own (a unit, a joint company).
  const ownNameOftenAlone = (short: string, long: string) => {
    if (corporateTail(long.slice(short.length))) return false;
    const alone = new RegExp(`(?<![\\p{L}])${short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}]| \\p{Lu})`, 'u');
    return sentences.filter((x) => x.paragraph >= 0 && alone.test(x.text)).length >= 2;
  };
  for (const m of out) {
    const longer = runs
      .filter((r) => r.startsWith(m.name + ' ') && r.split(/\s+/).length <= (OF_PLACE.test(r) ? 6 : 4) && (!isGenericName(r.slice(m.name.length)) || corporateTail(r.slice(m.name.length)) || OF_PLACE.test(r)) && !both(m.name, r))
      .filter((r) => !unitNamed(r) && !ownNameOftenAlone(m.name, r))
      .sort((a, b) => b.length - a.length)[0];
    if (longer && !known.some((k) => normaliseText(k.written) === normaliseText(longer))) m.name = longer;
  }
  return out.sort((a, b) => a.sentence - b.sentence || a.at - b.at);
}
