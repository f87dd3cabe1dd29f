// Replies -> Block Kit. The reply becomes a neutral card (core/present), which cards.ts lays out; a message never has
// more blocks than Slack accepts. Pure functions, unit tested against the same limits the fake Slack enforces.
import { presentReply } from '../../core/present/present.ts';
import type { Reply } from '../../core/replies.ts';
import { cardBlocks, fitBlocks, resetButtonIds, type Block, type RenderOptions } from './cards.ts';
import { mrkdwn, plain } from './escape.ts';
import { SLACK_LIMITS as L } from './limits.ts';

export { ACTION, fitBlocks, runButton, text, type Block, type RenderOptions } from './cards.ts';
export const RUN_ACTION_RE = /^run:/;
export const LINK_ACTION_RE = /^link:/;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** One line of plain fallback text (notifications, screen readers, clients without Block Kit). */
export function fallbackText(reply: Reply): string {
  return mrkdwn(presentReply(reply).summary, L.sectionText);
}

/** A reply as a Slack message (for respond(), chat.postMessage). */
export function renderMessage(reply: Reply, opts: RenderOptions = {}): SlackMessage {
  const max = opts.surface === 'view' ? L.viewBlocks : L.messageBlocks;
  const card = presentReply(reply);
  resetButtonIds();
  return { text: mrkdwn(card.summary, L.sectionText), blocks: fitBlocks(cardBlocks(card, opts), max) };
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
