// Card -> Block Kit: the card's pieces as header, sections, fields, context and actions blocks. Wording comes from
// the card (core/present); this file only lays it out, escapes stored text (escape.ts, mrkdwn) and keeps within
// Slack's limits (limits.ts), which the test fake enforces. Buttons carry an InvokeTarget encoded by the core's
// encodeTarget, so they work after a restart and the adapter decides nothing about what they do.
import { PROMPTS, type Card, type CardAction, type CardItem, type CardList, type Rich } from '../../core/present/card.ts';
import type { InvokeTarget } from '../../core/replies.ts';
import { encodeTarget } from '../../core/targets.ts';
import { escapeMrkdwn, link, mrkdwn, plain, truncate } from './escape.ts';
import { SLACK_LIMITS as L } from './limits.ts';

/** A Block Kit block; kept loose on purpose (plain JSON for Slack), checked by the tests and the fake. */
export type Block = Record<string, unknown>;

/** Action ids the listeners route on. Every button that runs a command starts with RUN_PREFIX. */
export const ACTION = {
  runPrefix: 'run:',
  share: 'share',
  cancel: 'cancel',
  linkPrefix: 'link:',
} as const;

export interface RenderOptions {
  /** Where the blocks go: a message (50 blocks) or a modal/App Home (100). */
  surface?: 'message' | 'view';
  /** Offer "Share to channel" on a deal card (private answers only). */
  shareable?: boolean;
  /** Slack user id who shared the card, shown under a public card. */
  sharedBy?: string | undefined;
}

// ------------------------------------------------------------------------------------------------ building blocks

export function text(s: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text: s };
}

function section(mrkdwnText: string): Block {
  return { type: 'section', text: text(truncate(mrkdwnText, L.sectionText)) };
}

function header(s: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: plain(s, L.headerText), emoji: false } };
}

function context(mrkdwnText: string): Block {
  return { type: 'context', elements: [text(truncate(mrkdwnText, L.contextText))] };
}

let buttonCounter = 0;

/** Action ids only need to be unique within one message; starting each message at 0 keeps output stable. */
export function resetButtonIds(): void {
  buttonCounter = 0;
}

/** A button running `target`; undefined when the target does not fit in an action value (never silently cut). */
export function runButton(label: string, target: InvokeTarget, style?: 'primary' | 'danger', actionId?: string): Block | undefined {
  const value = encodeTarget(target);
  if (value.length > L.buttonValue) return undefined;
  const b: Block = {
    type: 'button',
    action_id: actionId ?? `${ACTION.runPrefix}${(buttonCounter = (buttonCounter + 1) % 1_000_000)}`,
    text: { type: 'plain_text', text: plain(label, L.buttonText), emoji: false },
    value,
  };
  if (style) b.style = style;
  return b;
}

function linkButton(label: string, url: string): Block | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  } catch {
    return undefined;
  }
  if (url.length > 3000) return undefined;
  return {
    type: 'button',
    action_id: `${ACTION.linkPrefix}${(buttonCounter = (buttonCounter + 1) % 1_000_000)}`,
    text: { type: 'plain_text', text: plain(label, L.buttonText), emoji: false },
    url,
  };
}

function actionButton(a: CardAction): Block | undefined {
  if ('url' in a) return linkButton(a.label, a.url);
  if ('dismiss' in a) return { type: 'button', action_id: ACTION.cancel, text: { type: 'plain_text', text: plain(a.label, L.buttonText) }, value: 'cancel' };
  return runButton(a.label, a.target, a.style === 'secondary' ? undefined : a.style);
}

/** Buttons in actions blocks of at most 25 elements each; action ids made unique within the message. */
function actionsBlocks(buttons: (Block | undefined)[]): Block[] {
  const present = buttons.filter((b): b is Block => b !== undefined);
  const out: Block[] = [];
  for (let i = 0; i < present.length; i += L.actionsElements) out.push({ type: 'actions', elements: present.slice(i, i + L.actionsElements) });
  return out;
}

/** Splits long mrkdwn lines into as few sections as possible, each within the section text limit. */
function sectionsFromLines(lines: string[]): Block[] {
  const out: Block[] = [];
  let current = '';
  for (const line of lines) {
    const l = truncate(line, L.sectionText);
    if (current && current.length + 1 + l.length > L.sectionText) {
      out.push(section(current));
      current = l;
    } else current = current ? `${current}\n${l}` : l;
  }
  if (current) out.push(section(current));
  return out;
}

/** Keeps at most `max` blocks; when some are dropped the last block says so. */
export function fitBlocks(blocks: Block[], max: number): Block[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(`… ${blocks.length - (max - 1)} more block(s) not shown.`)];
}

// ------------------------------------------------------------------------------------------------ card pieces

/** A rich line as mrkdwn: text escaped, code in backticks, remarks in italics. */
export function richMrkdwn(r: Rich): string {
  return r.map((s) => ('text' in s ? escapeMrkdwn(s.text) : 'code' in s ? `\`${escapeMrkdwn(s.code).replace(/`/g, "'")}\`` : `_${escapeMrkdwn(s.em)}_`)).join('');
}

function itemLine(i: CardItem): string {
  return `*${mrkdwn(i.title, 500)}*\n${i.facts.map(escapeMrkdwn).join(' · ')} · \`${escapeMrkdwn(i.slug)}\``;
}

function listBlocks(l: CardList): Block[] {
  const head = l.label ? [`*${escapeMrkdwn(l.label)}*`] : [];
  if (!l.lines.length) return l.empty ? sectionsFromLines([...head, `_${escapeMrkdwn(l.empty)}_`]) : [];
  return sectionsFromLines([...head, ...l.lines.map((r) => (l.bullets ? `• ${richMrkdwn(r)}` : richMrkdwn(r)))]);
}

const TONE_MARK = { plain: '', success: ':white_check_mark: ', error: ':x: ' } as const;

export function cardBlocks(card: Card, opts: RenderOptions = {}): Block[] {
  const blocks: Block[] = [];
  if (card.answer) blocks.push(section(mrkdwn(card.answer, L.sectionText)));
  for (const n of card.notices) blocks.push(context(escapeMrkdwn(n)));
  if (card.kind === 'form') {
    // Forms open as modals (see modals.ts); a message can only point there.
    blocks.push(section(`${mrkdwn(card.title ?? '', 200)}: ${PROMPTS.formElsewhere}`));
    return blocks;
  }
  if (card.title) blocks.push(header(card.title));
  if (card.fields.length) {
    const fields = card.fields.map((f) => text(truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, L.fieldText)));
    blocks.push({ type: 'section', fields: fields.slice(0, L.sectionFields) });
  }
  if (card.body) blocks.push(section(`${TONE_MARK[card.tone]}${mrkdwn(card.body, L.sectionText - 20)}`));
  const q = card.quote;
  if (q) {
    const who = escapeMrkdwn(q.by);
    const body = truncate(escapeMrkdwn(q.text).replace(/\n+/g, ' '), L.sectionText - who.length - 40);
    blocks.push(section(`> “${body}”\n— ${who}`));
  }
  if (card.links.length) {
    const lines = card.links.map((s) => `• ${link(s.url, truncate(s.label, 200))}${s.date ? ` (${s.date})` : ''}`);
    blocks.push(...sectionsFromLines([`*${escapeMrkdwn(card.linksLabel)}*`, ...lines]));
  }
  for (const l of card.lists) blocks.push(...listBlocks(l));
  if (card.kind === 'list' || card.kind === 'count') {
    if (card.items.length === 0 && card.emptyItems) blocks.push(section(mrkdwn(card.emptyItems, L.sectionText)));
    for (const i of card.items) {
      const b = section(itemLine(i));
      const open = runButton(PROMPTS.open, i.target);
      if (open) b.accessory = open;
      blocks.push(b);
    }
  }
  const footer = card.footer ? [escapeMrkdwn(card.footer)] : [];
  if (opts.sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(opts.sharedBy)) footer.push(`${PROMPTS.sharedBy} <@${opts.sharedBy}>`);
  if (footer.length) blocks.push(context(footer.join(' · ')));
  if (card.hint) blocks.push(context(richMrkdwn(card.hint)));
  if (opts.shareable && card.kind === 'deal' && card.share) {
    blocks.push(...actionsBlocks([runButton(PROMPTS.share, card.share, 'primary', ACTION.share)]));
  }
  const of = (...ids: CardAction['id'][]) => card.actions.filter((a) => ids.includes(a.id)).map(actionButton);
  const alternatives = of('alternative');
  if (alternatives.length) blocks.push(section(`*${PROMPTS.alsoMatching}*`), ...actionsBlocks(alternatives));
  blocks.push(...actionsBlocks(of('suggestion')), ...actionsBlocks(of('prev', 'next')), ...actionsBlocks(of('confirm', 'cancel', 'action', 'open')));
  return blocks;
}
