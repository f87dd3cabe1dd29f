// What the core receives (an Invocation) and what it answers (a Reply). Plain data: adapters translate Invocations in
// from their platform and render Replies out; the JSON CLI prints them as they are.
import type { Deal, DealStatus, DealType, FieldProblem } from '../deals/schema.ts';

export type Platform = 'console' | 'cli' | 'discord' | 'slack' | 'test';

export interface User {
  id: string;
  name?: string | undefined;
  platform: Platform;
  /** Discord role ids of the member, where the platform has roles. */
  roles?: readonly string[] | undefined;
  /** The platform says this user may manage the server (Discord Manage Server). Shown for context; never decisive alone. */
  canManageServer?: boolean | undefined;
  /**
   * The server the roles and permissions above belong to (a Discord guild id); absent in direct messages. Roles and
   * Manage Server grant admin rights only in the servers the configuration names.
   */
  guildId?: string | undefined;
  /** Set by adapters whose user is the operator at the keyboard (console, CLI). */
  isOperator?: boolean | undefined;
}

export type OptionValue = string | number | boolean;

/** A command to run: what a user typed, or what a button/form stands for. */
export interface InvokeTarget {
  command: string;
  subcommand?: string | undefined;
  options: Record<string, OptionValue>;
}

export interface Invocation extends InvokeTarget {
  user: User;
  channel?: { id: string; kind?: 'dm' | 'public' | 'private' | undefined } | undefined;
  /** Correlates log lines for one interaction. */
  requestId?: string | undefined;
  /**
   * The adapter will show a non-private reply to the whole channel (a Discord server answer, a Slack "Share to
   * channel"). Only such answers count against the channel's public-answer budget.
   */
  answersPublicly?: boolean | undefined;
  /**
   * How it reached the core, as the adapter saw it: typed or chosen as a command (the default), a press of a button
   * on a reply, a form (modal) submission, or the bot's own call (e.g. Slack's App Home filling itself in). The core's
   * rate limit honours it: a form or the bot's own call is never refused, a button on a reply just sent is admitted.
   */
  via?: 'command' | 'button' | 'form' | 'internal' | undefined;
}

export type ButtonStyle = 'primary' | 'secondary' | 'danger';

export type Action =
  | { label: string; style?: ButtonStyle | undefined; target: InvokeTarget }
  | { label: string; url: string };

export interface DealRef {
  slug: string;
  title: string;
  type: DealType;
  status: DealStatus;
  announced: string;
  /** When it completed or was terminated, where known. */
  closed?: string | undefined;
  /** The stored value, where disclosed (lists ranked by size show it). */
  value?: Deal['value'] | undefined;
  /** Opens this deal. */
  target: InvokeTarget;
}

/**
 * What a question asked for, as the question stage understood it. `show` is a plain lookup ("xiaomi microsoft").
 * Carried on replies so every platform (and `ask --json`) can tell what the answer sentence answers.
 */
export type AskKind = 'show' | 'value' | 'announced' | 'closed' | 'status' | 'binding' | 'parties' | 'count' | 'list';

interface Base {
  /** Only the asking user should see it (errors, admin work). Adapters may make other replies public. */
  private?: boolean | undefined;
}

export interface DealReply extends Base {
  kind: 'deal';
  /** One plain sentence built only from stored fields, answering what was asked; shown before the card. */
  answer?: string | undefined;
  ask?: AskKind | undefined;
  deal: Deal;
  version: number;
  alternatives: DealRef[];
  /** e.g. "Showing the closest match for 'xiamoi'" when the query was corrected. */
  notice?: string | undefined;
}

export interface Suggestion {
  label: string;
  target: InvokeTarget;
}

export interface NotFoundReply extends Base {
  kind: 'not_found';
  /** An honest one-sentence statement of what is not recorded ("dealbot has no record of Oracle buying GitHub."). */
  answer?: string | undefined;
  query: string;
  message: string;
  suggestions: Suggestion[];
}

/** Deals per page of a list reply: item i of page p is number (p - 1) * LIST_PAGE_SIZE + i + 1. */
export const LIST_PAGE_SIZE = 10;

export interface ListReply extends Base {
  kind: 'list';
  /** A one-line summary of what the list answers ("The 5 largest acquisitions announced in 2020, by value:"). */
  answer?: string | undefined;
  ask?: AskKind | undefined;
  title: string;
  items: DealRef[];
  page: number;
  pageCount: number;
  total: number;
  prev?: InvokeTarget | undefined;
  next?: InvokeTarget | undefined;
  /** Shown when the list is empty. */
  emptyMessage?: string | undefined;
}

/** "How many …": the number, a breakdown, and the deals counted (paged like a list). */
export interface CountReply extends Omit<ListReply, 'kind'> {
  kind: 'count';
  /** "Nvidia is a party to 4 deals: 3 acquisitions (1 terminated), 1 investment." */
  answer: string;
  count: number;
  /** Counts by deal type (and, within each, by status), largest first. */
  breakdown: { type: DealType; count: number; byStatus: Partial<Record<DealStatus, number>> }[];
}

export interface HelpReply extends Base {
  kind: 'help';
  title: string;
  intro: string;
  commands: { usage: string; description: string; admin: boolean }[];
  examples: string[];
}

export type ErrorCode = 'bad_input' | 'forbidden' | 'not_found' | 'conflict' | 'duplicate' | 'rate_limited' | 'unavailable' | 'internal';

export interface ErrorReply extends Base {
  kind: 'error';
  code: ErrorCode;
  message: string;
  /** A reference id for internal errors, also in the log line with the details. */
  ref?: string | undefined;
  /** Per-field validation problems (form fields use their ids). */
  fieldErrors?: FieldProblem[] | undefined;
}

export interface FormField {
  id: string;
  label: string;
  style: 'short' | 'paragraph';
  required: boolean;
  maxLength: number;
  value?: string | undefined;
  placeholder?: string | undefined;
  /** One line on how to fill it in. */
  hint?: string | undefined;
}

export interface FormReply extends Base {
  kind: 'form';
  formId: string;
  title: string;
  fields: FormField[];
  /**
   * Field ids to show where a form is limited to five inputs (Discord modals); the rest keep their `value`
   * (prefilled or default) and are submitted as they are.
   */
  compactFieldIds: string[];
  /** Submitting the form runs this, with each field's value added as an option under its id. */
  submit: InvokeTarget;
  submitLabel: string;
  notice?: string | undefined;
  /**
   * When the form proposes changes to a stored deal (an article about a deal dealbot already has): which fields
   * change, before -> after. The notice says the same in words, and each changed field's hint starts "Changed:".
   */
  changes?: { field: string; before: string; after: string }[] | undefined;
  /** The stored deal this edit form proposes to update. */
  match?: { slug: string } | undefined;
}

export interface ConfirmReply extends Base {
  kind: 'confirm';
  message: string;
  confirm: Action & { target: InvokeTarget };
  cancelLabel: string;
}

export interface DoneReply extends Base {
  kind: 'done';
  message: string;
  actions: Action[];
  deal?: DealRef | undefined;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  platform: string;
  action: string;
  subject: string;
  changes: { field: string; before: string; after: string }[];
}

export interface HistoryReply extends Base {
  kind: 'history';
  subject?: string | undefined;
  entries: HistoryEntry[];
}

export interface StatsReply extends Base {
  kind: 'stats';
  days: number;
  deals: number;
  queries: number;
  found: number;
  notFound: number;
  top: { query: string; count: number }[];
  misses: { query: string; count: number }[];
}

export type Reply =
  | DealReply
  | NotFoundReply
  | ListReply
  | CountReply
  | HelpReply
  | ErrorReply
  | FormReply
  | ConfirmReply
  | DoneReply
  | HistoryReply
  | StatsReply;

export interface AutocompleteChoice {
  name: string;
  value: string;
}

export function errorReply(code: ErrorCode, message: string, extra: Partial<ErrorReply> = {}): ErrorReply {
  return { kind: 'error', code, message, private: true, ...extra };
}

export function openDealTarget(slug: string): InvokeTarget {
  return { command: 'deal', options: { query: slug } };
}

export function dealRef(d: Pick<Deal, 'slug' | 'title' | 'type' | 'status' | 'announced'> & Partial<Pick<Deal, 'closed' | 'value'>>): DealRef {
  const ref: DealRef = { slug: d.slug, title: d.title, type: d.type, status: d.status, announced: d.announced, target: openDealTarget(d.slug) };
  if (d.closed) ref.closed = d.closed;
  if (d.value) ref.value = d.value;
  return ref;
}

/** The values a form was opened with (prefilled or default), by field id. */
export function formValues(form: Pick<FormReply, 'fields'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of form.fields) if (f.value !== undefined) out[f.id] = f.value;
  return out;
}

/**
 * The invocation a form submission stands for, by one rule on every platform: the values the form was opened with
 * (`kept`, for fields a platform could not show, such as the ones beyond a Discord modal's five), then what the user
 * entered over them, then the form's own submit options (mode, slug, version) over both, so no field can change
 * which deal is saved or how.
 */
export function formSubmission(submit: InvokeTarget, entered: Record<string, string>, kept: Record<string, string> = {}): InvokeTarget {
  const options: Record<string, OptionValue> = { ...kept, ...entered, ...submit.options };
  return { ...submit, options };
}
