// The neutral card: what a reply shows, as plain typed pieces built by the small functions below. present.ts builds
// one from every Reply and decides all of its wording; each adapter only converts the pieces (Discord embeds and
// components, Slack Block Kit, terminal text), escapes stored text for its own markup and cuts to its own limits.
// Text in a card is stored or our own text, never markup: adapters escape all of it.
import type { DealType } from '../../deals/schema.ts';
import type { ButtonStyle, InvokeTarget, Reply } from '../replies.ts';

/** A piece of a line: text, a command or slug shown as code, or a remark shown in emphasis. */
export type Segment = { text: string } | { code: string } | { em: string };
/** A line of text in pieces (a help line "`/deal …` — Look up a deal (admin)"). */
export type Rich = readonly Segment[];

export interface CardField {
  label: string;
  /** Several lines for several values (parties); the adapter may join them its own way. */
  value: string;
  /** May sit beside other short fields (Discord inline fields, Slack section fields). */
  inline: boolean;
}

export interface CardQuote {
  label: string;
  text: string;
  /** "A. Person, CEO", with "(paraphrased)" already added where it applies. */
  by: string;
}

export interface CardLink {
  /** Safe to show as the link's text (text-safety.ts linkLabel): never a host other than the URL's own. */
  label: string;
  /** A shorter label for a button (the publisher). */
  short: string;
  url: string;
  /** When it was published, formatted. */
  date?: string | undefined;
}

/** One numbered line of a list: a deal and its facts. */
export interface CardItem {
  number: number;
  title: string;
  /** Type, status, announced, value, closing date: the adapter joins them with its own separator. */
  facts: string[];
  /** Type and date, for a menu entry's description. */
  brief: string;
  slug: string;
  target: InvokeTarget;
}

/** A titled run of lines (a breakdown, help's commands, top questions); an empty label has no heading. */
export interface CardList {
  label: string;
  /** Bulleted lines are items of their own (counts, problems); plain lines read as text (help, history). */
  bullets: boolean;
  lines: Rich[];
  /** Shown when there are no lines. */
  empty?: string | undefined;
}

/** What an action is for: adapters lay actions out by it (alternatives may become a menu, paging a row of its own). */
export type ActionId = 'alternative' | 'suggestion' | 'prev' | 'next' | 'confirm' | 'cancel' | 'action' | 'open';

export type CardAction =
  | { id: ActionId; label: string; style: ButtonStyle; target: InvokeTarget; short?: string | undefined; detail?: string | undefined }
  | { id: ActionId; label: string; url: string }
  /** Dismisses the reply; the adapter knows how (nothing runs in the core). */
  | { id: 'cancel'; label: string; dismiss: true };

export interface Card {
  /** Which reply it shows, for the few layout choices that depend on it (a deal is an embed, an error is not). */
  kind: Reply['kind'];
  tone: 'plain' | 'success' | 'error';
  /** The answer sentence (answer.ts), shown first. */
  answer?: string | undefined;
  /** Remarks about the answer ("Showing the closest match for …"). */
  notices: string[];
  title?: string | undefined;
  body?: string | undefined;
  fields: CardField[];
  quote?: CardQuote | undefined;
  /** Heading of the links (sources). */
  linksLabel: string;
  links: CardLink[];
  items: CardItem[];
  /** Shown instead of the items when a list has none. */
  emptyItems?: string | undefined;
  lists: CardList[];
  /** A line after the body: what the actions offer, or what to try when there are none. */
  hint?: Rich | undefined;
  actions: CardAction[];
  footer?: string | undefined;
  /** One plain line for notifications and clients that show no rich layout. */
  summary: string;
  /** What posting this card for the whole channel runs (a deal card: open the same deal), where it can be shared. */
  share?: InvokeTarget | undefined;
  /** The deal type a card shows, for adapters that colour cards. */
  accent?: DealType | undefined;
}

/** Fixed wording the adapters need for their own affordances (menus, share buttons, form prompts). */
export const PROMPTS = {
  open: 'Open',
  openDeal: 'Open a deal',
  pickAlternative: 'Also matching: pick another deal',
  alsoMatching: 'Also matching',
  share: 'Share to channel',
  sharedBy: 'shared by',
  fixForm: 'Fix the form',
  openForm: (title: string) => `Open: ${title}`,
  formReady: 'The form is ready.',
  formElsewhere: 'this opens as a form. Run the command again if it did not appear.',
  /** A question by mention or DM that would open a form: forms open only from slash commands. */
  formFromMessage: 'Forms open only from the slash command: run `/deal-admin add` (or `/deal-admin edit <slug>`) and the form opens for you.',
  cancelled: 'Cancelled; nothing was saved.',
} as const;

// ------------------------------------------------------------------------------------------------ builders

export function card(kind: Reply['kind'], parts: Partial<Omit<Card, 'kind'>> & { summary: string }): Card {
  return { kind, tone: 'plain', notices: [], fields: [], linksLabel: 'Sources', links: [], items: [], lists: [], actions: [], ...parts };
}

export function text(s: string): Segment {
  return { text: s };
}

export function code(s: string): Segment {
  return { code: s };
}

export function em(s: string): Segment {
  return { em: s };
}

/** A field, or nothing when its value is empty (a card never shows an empty field). */
export function field(label: string, value: string, inline = false): CardField[] {
  return value.trim() ? [{ label, value, inline }] : [];
}

export function list(label: string, lines: Rich[], opts: { bullets?: boolean; empty?: string } = {}): CardList {
  return { label, bullets: opts.bullets ?? false, lines, ...(opts.empty !== undefined ? { empty: opts.empty } : {}) };
}

export function button(id: ActionId, label: string, target: InvokeTarget, style: ButtonStyle = 'secondary'): CardAction {
  return { id, label, style, target };
}

export function linkButton(id: ActionId, label: string, url: string): CardAction {
  return { id, label, url };
}

export function dismiss(label: string): CardAction {
  return { id: 'cancel', label, dismiss: true };
}

/** A rich line as plain text (terminals, plain-text surfaces). */
export function plainLine(r: Rich): string {
  return r.map((s) => ('text' in s ? s.text : 'code' in s ? s.code : s.em)).join('');
}
