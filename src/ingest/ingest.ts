// The ingest entry point: article text, HTML or a URL in; a draft deal and its confidence notes out. The admin
// handler, the CLI and the Slack "Save as deal" shortcut all come through ingestSource, which fetches on this thread
// (I/O only) and reads the article in the sandbox's worker thread (sandbox.ts). ingestArticle and ingestText are the
// pure, synchronous steps the worker runs; tests call them directly.
import { draftDeal, flaggedNotes, missingFields, type DealDraft, type DraftField } from './draft.ts';
import { articleFromHtml, looksLikeHtml } from './extract.ts';
import { fetchPage, type FetchOptions } from './fetch.ts';
import type { KnownOrganisation } from './organisations.ts';
import type { IngestSandbox } from './sandbox.ts';
import { articleFromText, splitSentences, type Article } from './text.ts';

import { findExistingDeal as matchDraft, findStoredDeal as matchStored, type AsyncDealLookup, type DealLookup, type DealMatch } from './match.ts';

export { FetchError } from './fetch.ts';
export type { AsyncDealLookup, DealLookup, DealMatch, FieldChange } from './match.ts';
export { TooComplexError } from './extract.ts';
export { IngestSandbox, SandboxBusyError, sharedSandbox } from './sandbox.ts';
export type { DealDraft, DraftField, FieldNote } from './draft.ts';
export type { KnownOrganisation } from './organisations.ts';

export interface IngestResult extends DealDraft {
  article: Article;
  /** Required fields the draft could not fill. */
  missing: DraftField[];
  /** One line per field that needs a look (missing, or not found with high confidence). */
  flagged: string[];
  /** The article tells no deal (a product launch, an outage, earnings): nothing to draft. */
  noDeal: boolean;
  /** Why, when `noDeal`. */
  noDealReason?: string | undefined;
}

/** A URL as pasted, or as Slack writes a link in message text (`<https://…>` or `<https://…|label>`). */
function bareUrl(source: string): string {
  const t = source.trim();
  return /^<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>$/i.exec(t)?.[1] ?? t;
}

/** A single http(s) URL and nothing else: fetch it. Anything else is the article itself. */
export function isUrlSource(source: string): boolean {
  return /^https?:\/\/\S+$/i.test(bareUrl(source));
}

/** "Microsoft's profit jumps 33% as AI demand lifts Azure": a headline about a company's results, not a deal. */
function resultsStory(article: Article): boolean {
  return /\b(?:profits?|revenues?|sales|earnings|quarter(?:ly)?|results|forecast|guidance|outlook)\b/i.test(article.title) && !/\b(?:buy|buys|acquire|acquires|takeover|merger|deal|stake|invest\w*|sells?|sale of)\b/i.test(article.title);
}

const DEAL_MAKING = /\b(?:buy|buys|bought|acquir\w*|merger|merge|deal|stake|invest\w*|licen[cs]e (?:deal|agreement)|settles|settled|settlement|ends?|ended|agree\w*|pact|sells?|sold)\b/i;

/**
 * "A federal jury handed Qualcomm a big win on Friday in its fight with Arm": a story the headline or first sentence
 * tells as a jury's verdict, with no deal made in either, is a court story — the licence it explains is background.
 */
function verdictStory(article: Article): boolean {
  let first = '';
  for (const p of article.paragraphs) {
    const t = splitSentences(p)[0] ?? '';
    if (t.length > 40) {
      first = t;
      break;
    }
  }
  const told = [article.title, first].find((t) => /\b(?:verdict|jury|jurors)\b/i.test(t));
  return told !== undefined && !DEAL_MAKING.test(article.title) && !DEAL_MAKING.test(told);
}

export function ingestArticle(article: Article, organisations: readonly KnownOrganisation[]): IngestResult {
  const d = draftDeal(article, organisations);
  const noDealReason = !d.draft.type
    ? 'no wording that speaks of a deal (an acquisition, investment, partnership, licence, settlement…)'
    : !d.dealInLead
      ? 'the headline and the first sentences speak of no deal; deal words appear only in passing further down'
      : !d.draft.parties?.length
        ? 'no company in the headline or the first deal sentences'
        : d.draft.parties.length < 2 && resultsStory(article)
          ? 'an earnings or results story: the headline speaks of profit, revenue or a quarter, and only one company is named'
          : verdictStory(article)
            ? "a court story: the headline or first sentence tells a jury's verdict, and neither speaks of a deal being made"
            : undefined;
  return { ...d, article, missing: missingFields(d), flagged: flaggedNotes(d), noDeal: noDealReason !== undefined, noDealReason };
}

/** Pasted text or HTML -> draft. */
export function ingestText(text: string, organisations: readonly KnownOrganisation[], url?: string): IngestResult {
  const article = looksLikeHtml(text) ? articleFromHtml(text, url) : articleFromText(text, url ? { url } : {});
  return ingestArticle(article, organisations);
}

/**
 * Text, HTML or a URL -> draft, read in `sandbox`'s worker. A URL is fetched within the limits in `fetch` (failures
 * throw FetchError); a page past the size, depth, entity, time or memory caps throws TooComplexError.
 */
export async function ingestSource(
  source: string,
  organisations: readonly KnownOrganisation[],
  fetch: FetchOptions,
  sandbox: IngestSandbox,
  url?: string,
): Promise<IngestResult> {
  if (!isUrlSource(source)) return sandbox.draft({ body: source, contentType: 'auto', url }, organisations);
  const page = await fetchPage(bareUrl(source), fetch);
  return sandbox.draft({ body: page.body, contentType: page.contentType === 'xml' ? 'auto' : page.contentType, url: page.url }, organisations);
}

/** The stored deal the article is about, with the changes it brings; undefined for a new deal or no deal. */
export function findExistingDeal(result: IngestResult, lookup: DealLookup): DealMatch | undefined {
  if (result.noDeal) return undefined;
  return matchDraft(result.draft, lookup);
}

/** The same over the async store interface (what the core and the CLI use, on either backend). */
export async function findStoredDeal(result: IngestResult, store: AsyncDealLookup): Promise<DealMatch | undefined> {
  if (result.noDeal) return undefined;
  return matchStored(result.draft, store);
}
