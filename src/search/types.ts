// The search module's contract with the core: a question in, an outcome out, plus autocomplete. Search defines its
// own types (it imports nothing from the core); implementations may change freely behind them.
import type { DealStatus, DealType, PartyRole } from '../deals/schema.ts';
import type { Ask } from './question/intent.ts';

export type { Ask };

/** One autocomplete choice: what to show and what to put in the query option. */
export interface Completion {
  name: string;
  value: string;
}

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

export type ListOrder = 'newest' | 'oldest' | 'value_desc' | 'value_asc';

/** What the question stage read, for the core to phrase its answer. */
export interface QuestionReading {
  ask: Ask;
  /** For `parties`: the roles of the party asked about ("who bought X": acquirer). */
  askedRoles?: readonly PartyRole[] | undefined;
  /** The organisations named, as stored, with the roles the question gives them. */
  names: { typed: string; name: string; orgIds: number[]; roles?: readonly PartyRole[] | undefined }[];
  types: DealType[];
  status?: DealStatus | undefined;
  years: number[];
  fromYear?: number | undefined;
  toYear?: number | undefined;
  /** Years of the closing date, for lists and counts ("how many deals closed in 2022"). */
  closedYears?: number[] | undefined;
  closedFromYear?: number | undefined;
  closedToYear?: number | undefined;
  order?: ListOrder | undefined;
  /** Lists and counts: parties of a nationality ("by japanese companies"), with the role said. */
  partyCountries?: { word: string; roles?: readonly PartyRole[] | undefined }[] | undefined;
  /** Content words the list was restricted to ("ai" in "latest AI investments"). */
  topics: string[];
  /** Bounds on the value in approximate US dollars ("deals worth over 20 billion"). */
  minUsd?: number | undefined;
  maxUsd?: number | undefined;
  /** The bound itself was included ("at least", "at most"): false; left out ("over", "under"): true. */
  minStrict?: boolean | undefined;
  maxStrict?: boolean | undefined;
}

export interface TypeBreakdown {
  type: DealType;
  count: number;
  byStatus: Partial<Record<DealStatus, number>>;
}

export type NoneReason =
  /** The named companies have deals, but none in the roles the question states ("how much did oracle pay for github"). */
  | { kind: 'roles'; names: string[] }
  /** The named companies have no deal together, or nothing matched well enough. */
  | { kind: 'no_match' }
  /** A list or count with no deal in it. */
  | { kind: 'empty_list' };

export type SearchOutcome =
  /** One deal answers the question; the rest are next best. */
  | {
      status: 'found';
      best: SearchHit;
      alternatives: SearchHit[];
      corrections: { from: string; to: string }[];
      question?: QuestionReading | undefined;
      /** How much of the question the deal covers (0–1). */
      confidence?: number | undefined;
    }
  /** Several deals answer it (a company's deals, "largest acquisitions in 2020"): one page of them, in order. */
  | {
      status: 'list';
      label: string;
      hits: SearchHit[];
      total: number;
      /** The total is a lower bound: a common topic was checked on a bounded number of deals. */
      atLeast?: boolean | undefined;
      page: number;
      pageSize: number;
      order: ListOrder;
      question?: QuestionReading | undefined;
      corrections: { from: string; to: string }[];
    }
  /** "How many": the number, by type and status, and one page of the deals counted. */
  | {
      status: 'count';
      label: string;
      total: number;
      breakdown: TypeBreakdown[];
      hits: SearchHit[];
      page: number;
      pageSize: number;
      order: ListOrder;
      question?: QuestionReading | undefined;
      corrections: { from: string; to: string }[];
    }
  /** Nothing answers the question honestly. */
  | { status: 'none'; suggestions: SearchSuggestion[]; question?: QuestionReading | undefined; reason?: NoneReason | undefined };

export interface SearchOptions {
  /** Page of a list or count answer (1-based). */
  page?: number | undefined;
}

/** Both answer asynchronously: the store underneath may be PostgreSQL (SQLite's answers are ready at once). */
export interface DealSearch {
  search(query: string, opts?: SearchOptions): Promise<SearchOutcome>;
  autocomplete(partial: string, limit?: number): Promise<Completion[]>;
}

/**
 * What the core asks search for: a DealSearch in this thread, or the worker pool (pool.ts), whose answers come later.
 * Callers always await `search`. Autocomplete stays in the calling thread (it must answer within Discord's 3 s and
 * is bounded: a prefix look-up).
 */
export interface SearchService {
  search(query: string, opts?: SearchOptions): Promise<SearchOutcome>;
  autocomplete(partial: string, limit?: number): Promise<Completion[]>;
}
