// Replies -> Block Kit. Pure functions: every piece of stored text goes through escape.ts and is cut to Slack's limits
// (limits.ts), and a message never has more blocks than Slack accepts. Buttons carry an InvokeTarget encoded by the
// core's encodeTarget, so they work after a restart and the adapter decides nothing about what they do.
import { encodeTarget } from '../../core/targets.ts';
import type { Action, DealRef, DealReply, InvokeTarget, Reply } from '../../core/replies.ts';
import {
  breakdownLine,
  closedLabel,
  closedPhrase,
  formatBinding,
  formatMoney,
  formatPartialDate,
  formatValue,
  ROLE_LABELS,
  STATUS_LABELS,
  TYPE_LABELS,
} from '../../deals/format.ts';
import { escapeMrkdwn, link, mrkdwn, plain, truncate } from './escape.ts';
import { SLACK_LIMITS as L } from './limits.ts';

/** A Block Kit block; kept loose on purpose (plain JSON for Slack), checked by the tests and the fake. */
export type Block = Record<string, unknown>;
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Action ids the listeners route on. Every button that runs a command starts with RUN_PREFIX. */
export const ACTION = {
  runPrefix: 'run:',
  share: 'share',
  cancel: 'cancel',
  linkPrefix: 'link:',
} as const;
export const RUN_ACTION_RE = /^run:/;
export const LINK_ACTION_RE = /^link:/;

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

function actionButton(a: Action): Block | undefined {
  if ('url' in a) return linkButton(a.label, a.url);
  return runButton(a.label, a.target, a.style === 'danger' ? 'danger' : a.style === 'primary' ? 'primary' : undefined);
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

function refLine(r: DealRef): string {
  const facts = [TYPE_LABELS[r.type], STATUS_LABELS[r.status], formatPartialDate(r.announced)];
  // Lists ranked by size or by closing date carry the value and the closing date: show them where present.
  if (r.value) facts.push(escapeMrkdwn(formatMoney(r.value.amount, r.value.currency)));
  if (r.closed) facts.push(closedPhrase(r.status, r.closed));
  return `*${mrkdwn(r.title, 500)}*\n${facts.join(' · ')} · \`${escapeMrkdwn(r.slug)}\``;
}

/** The answer sentence as the message's first section (stored names in it escaped like any stored text). */
function answerSection(answer: string | undefined): Block[] {
  return answer ? [section(mrkdwn(answer, L.sectionText))] : [];
}

// ------------------------------------------------------------------------------------------------ replies

function dealBlocks(reply: DealReply, opts: RenderOptions): Block[] {
  const d = reply.deal;
  const blocks: Block[] = answerSection(reply.answer);
  if (reply.notice) blocks.push(context(escapeMrkdwn(reply.notice)));
  blocks.push(header(d.title));
  const field = (k: string, v: string) => text(truncate(`*${k}*\n${v}`, L.fieldText));
  const fields = [
    field('Parties', d.parties.map((p) => `${escapeMrkdwn(p.name)} (${ROLE_LABELS[p.role]})`).join('\n')),
    field('Type', [TYPE_LABELS[d.type], formatBinding(d.binding)].filter(Boolean).join(' · ')),
    field('Status', STATUS_LABELS[d.status]),
    field('Announced', formatPartialDate(d.announced)),
  ];
  if (d.closed) fields.push(field(closedLabel(d.status), formatPartialDate(d.closed)));
  fields.push(field('Value', escapeMrkdwn(formatValue(d.value))));
  if (d.areas.length) fields.push(field('Areas', d.areas.map(escapeMrkdwn).join(', ')));
  blocks.push({ type: 'section', fields: fields.slice(0, L.sectionFields) });
  blocks.push(section(mrkdwn(d.summary, L.sectionText)));
  const q = d.quotes?.[0];
  if (q) {
    const who = [q.speaker, q.title].filter(Boolean).map((s) => escapeMrkdwn(s!)).join(', ');
    const body = truncate(escapeMrkdwn(q.text).replace(/\n+/g, ' '), L.sectionText - who.length - 40);
    blocks.push(section(`> “${body}”\n— ${who}${q.paraphrased ? ' _(paraphrased)_' : ''}`));
  }
  const sourceLines = d.sources.map((s) => {
    const label = [s.publisher, s.title].filter(Boolean).join(' — ') || undefined;
    const date = s.published ? ` (${formatPartialDate(s.published)})` : '';
    return `• ${link(s.url, label ? truncate(label, 200) : undefined)}${date}`;
  });
  blocks.push(...sectionsFromLines([`*Sources*`, ...sourceLines]));
  const footer = [`\`${escapeMrkdwn(d.slug)}\``];
  if (opts.sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(opts.sharedBy)) footer.push(`shared by <@${opts.sharedBy}>`);
  blocks.push(context(footer.join(' · ')));
  if (opts.shareable) {
    const share = runButton('Share to channel', { command: 'deal', options: { query: d.slug } }, 'primary', ACTION.share);
    blocks.push(...actionsBlocks([share]));
  }
  if (reply.alternatives.length) {
    blocks.push(section('*Also matching*'));
    blocks.push(...actionsBlocks(reply.alternatives.map((a) => runButton(`${a.title} (${formatPartialDate(a.announced)})`, a.target))));
  }
  return blocks;
}

function replyBlocks(reply: Reply, opts: RenderOptions): Block[] {
  switch (reply.kind) {
    case 'deal':
      return dealBlocks(reply, opts);
    case 'not_found': {
      const blocks = [...answerSection(reply.answer), section(mrkdwn(reply.message, L.sectionText))];
      if (reply.suggestions.length) {
        blocks.push(section('*Did you mean:*'));
        blocks.push(...actionsBlocks(reply.suggestions.map((s) => runButton(s.label, s.target))));
      } else {
        blocks.push(context('Try company names, tickers or a topic, or browse with `/deals`.'));
      }
      return blocks;
    }
    case 'list':
    case 'count': {
      const blocks: Block[] = [...answerSection(reply.answer), header(reply.title)];
      blocks.push(context(`${reply.total} deal${reply.total === 1 ? '' : 's'} · page ${reply.page} of ${reply.pageCount}`));
      if (reply.kind === 'count' && reply.breakdown.length) {
        blocks.push(...sectionsFromLines(reply.breakdown.map((b) => `• ${breakdownLine(b)}`)));
      }
      if (reply.items.length === 0) blocks.push(section(mrkdwn(reply.emptyMessage ?? 'Nothing to show.', L.sectionText)));
      for (const item of reply.items) {
        const b = section(refLine(item));
        const open = runButton('Open', item.target);
        if (open) b.accessory = open;
        blocks.push(b);
      }
      const paging = [reply.prev ? runButton('◀ Prev', reply.prev) : undefined, reply.next ? runButton('Next ▶', reply.next) : undefined];
      blocks.push(...actionsBlocks(paging));
      return blocks;
    }
    case 'help': {
      const blocks: Block[] = [header(reply.title), section(mrkdwn(reply.intro, L.sectionText))];
      blocks.push(
        ...sectionsFromLines(
          reply.commands.map((c) => `\`${escapeMrkdwn(c.usage)}\` — ${escapeMrkdwn(c.description)}${c.admin ? ' _(admin)_' : ''}`),
        ),
      );
      if (reply.examples.length) blocks.push(context(`Examples: ${reply.examples.map((e) => `\`${escapeMrkdwn(e)}\``).join('  ')}`));
      return blocks;
    }
    case 'error': {
      const lines = [`:x: ${escapeMrkdwn(reply.message)}`];
      for (const f of reply.fieldErrors ?? []) lines.push(`• \`${escapeMrkdwn(f.field)}\`: ${escapeMrkdwn(f.message)}`);
      return sectionsFromLines(lines);
    }
    case 'form':
      // Forms open as modals (see modals.ts); a message can only point there.
      return [section(`${mrkdwn(reply.title, 200)}: this opens as a form. Run the command again if it did not appear.`)];
    case 'confirm':
      return [
        section(mrkdwn(reply.message, L.sectionText)),
        ...actionsBlocks([
          runButton(reply.confirm.label, reply.confirm.target, 'danger'),
          { type: 'button', action_id: ACTION.cancel, text: { type: 'plain_text', text: plain(reply.cancelLabel, L.buttonText) }, value: 'cancel' },
        ]),
      ];
    case 'done': {
      const blocks = [section(`:white_check_mark: ${mrkdwn(reply.message, L.sectionText - 20)}`)];
      const buttons = reply.actions.map(actionButton);
      if (reply.deal) buttons.unshift(runButton(`Open ${reply.deal.title}`, reply.deal.target));
      blocks.push(...actionsBlocks(buttons));
      return blocks;
    }
    case 'history': {
      const blocks: Block[] = [header(reply.subject ? `History of ${reply.subject}` : 'Latest changes')];
      if (reply.entries.length === 0) blocks.push(section('_No changes recorded._'));
      for (const e of reply.entries) {
        const lines = [`*${escapeMrkdwn(e.action)}* ${escapeMrkdwn(e.subject)} — ${escapeMrkdwn(e.actor)} via ${escapeMrkdwn(e.platform)}, ${escapeMrkdwn(e.at.replace('T', ' ').slice(0, 16))}`];
        for (const c of e.changes) lines.push(`• ${escapeMrkdwn(c.field)}: ${mrkdwn(c.before, 300)} → ${mrkdwn(c.after, 300)}`);
        blocks.push(...sectionsFromLines(lines));
      }
      return blocks;
    }
    case 'stats': {
      const list = (rows: { query: string; count: number }[]) =>
        rows.length ? rows.map((r) => `• ${mrkdwn(r.query, 200)} — ${r.count}`) : ['_(none)_'];
      return [
        header(`dealbot: the last ${reply.days} day(s)`),
        section(`${reply.deals} deals in the store. ${reply.queries} questions: ${reply.found} answered, ${reply.notFound} found nothing.`),
        ...sectionsFromLines(['*Top questions*', ...list(reply.top)]),
        ...sectionsFromLines(['*Questions that found nothing*', ...list(reply.misses)]),
      ];
    }
  }
}

/** One line of plain fallback text (notifications, screen readers, clients without Block Kit). */
export function fallbackText(reply: Reply): string {
  let s: string;
  switch (reply.kind) {
    case 'deal': {
      const d = reply.deal;
      s = reply.answer ?? `${d.title} — ${TYPE_LABELS[d.type]}, ${STATUS_LABELS[d.status]}, ${formatPartialDate(d.announced)}`;
      break;
    }
    case 'not_found':
      s = reply.answer ?? reply.message;
      break;
    case 'error':
    case 'confirm':
    case 'done':
      s = reply.message;
      break;
    case 'count':
      s = reply.answer;
      break;
    case 'list':
      s = reply.answer ?? `${reply.title} (${reply.total} deals, page ${reply.page} of ${reply.pageCount})`;
      break;
    case 'help':
    case 'form':
      s = reply.title;
      break;
    case 'history':
      s = reply.subject ? `History of ${reply.subject}` : 'Latest changes';
      break;
    case 'stats':
      s = `dealbot statistics for the last ${reply.days} day(s)`;
      break;
  }
  return mrkdwn(s, L.sectionText);
}

/** A reply as a Slack message (for respond(), chat.postMessage). */
export function renderMessage(reply: Reply, opts: RenderOptions = {}): SlackMessage {
  const max = opts.surface === 'view' ? L.viewBlocks : L.messageBlocks;
  buttonCounter = 0; // action ids only need to be unique within one message; starting at 0 keeps output stable
  return { text: fallbackText(reply), blocks: fitBlocks(replyBlocks(reply, opts), max) };
}

/** A reply shown in a modal: answers to buttons pressed in App Home or in a modal, and form results. */
export function renderResultModal(reply: Reply, title = 'dealbot'): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: 'dealbot_result',
    title: { type: 'plain_text', text: plain(title, L.viewTitle) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: renderMessage(reply, { surface: 'view' }).blocks,
  };
}
