// The search module's contract with the core: a question in, an outcome out. Implementations may change freely
// behind it (the core only sees these types).
import type { AutocompleteChoice } from '../core/replies.ts';

export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  score: number;
}

export interface SearchSuggestion {
  /** What to show on the button. */
  label: string;
  /** What to search for (or a slug to open) when chosen. */
  query: string;
}

export type SearchOutcome =
  /** One deal answers the question; the rest are next best. */
  | { status: 'found'; best: SearchHit; alternatives: SearchHit[]; corrections: { from: string; to: string }[] }
  /** The question names a company (or topic) with many deals and nothing to pick one: list them. */
  | { status: 'broad'; label: string; hits: SearchHit[] }
  /** Nothing answers the question honestly. */
  | { status: 'none'; suggestions: SearchSuggestion[] };

export interface DealSearch {
  search(query: string): SearchOutcome;
  autocomplete(partial: string, limit?: number): AutocompleteChoice[];
}
