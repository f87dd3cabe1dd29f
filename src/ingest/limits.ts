// The caps on what ingest will read and the error that names a page past them. Kept apart from extract.ts (which
// loads Readability and linkedom) so the bot can start the ingest worker, and show its errors, without loading them.

/** Caps checked before an HTML document is parsed. */
export interface HtmlLimits {
  /** Characters of HTML. */
  maxChars: number;
  /** Elements open at once (nesting depth, as linkedom will build it). */
  maxDepth: number;
  /** Elements in all. */
  maxElements: number;
  /** Character references (&amp;, &#8217;, …). */
  maxEntities: number;
}

/**
 * Generous for real articles (a long news page: depth 20–60, a few thousand elements, a few hundred entities) and
 * small enough that Readability finishes in about a second at the caps (measured: depth 200, 0.4 s; 18,000 elements,
 * 3 s; depth 400, 1.3 s and growing with the cube).
 */
export const HTML_LIMITS: HtmlLimits = { maxChars: 2_000_000, maxDepth: 200, maxElements: 25_000, maxEntities: 50_000 };

export type TooComplexReason = 'size' | 'depth' | 'elements' | 'entities' | 'time' | 'memory' | 'stack';

/** A page the bot will not read, with a message fit to show the admin. */
export class TooComplexError extends Error {
  constructor(
    readonly reason: TooComplexReason,
    detail: string,
  ) {
    super(`this page is too complex to read (${detail})`);
    this.name = 'TooComplexError';
  }
}

