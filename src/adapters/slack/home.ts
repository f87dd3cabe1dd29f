// The App Home tab: how to use dealbot, the latest deals, and for admins an "Add deal" button and the questions that
// found nothing. Everything shown comes from the core (/deals, /deal-admin stats, and core.isAdmin for whether to show
// the admin part), never decided here. These are the bot's own calls (via: 'internal'): opening the tab never spends
// the user's rate limit, and a non-admin's tab never runs an admin command at all.
import type { Core } from '../../core/core.ts';
import type { Reply, User } from '../../core/replies.ts';
import { presentReply } from '../../core/present/present.ts';
import { renderMessage, runButton, type Block } from './blocks.ts';
import { richMrkdwn } from './cards.ts';
import { mrkdwn, truncate } from './escape.ts';
import { SLACK_LIMITS as L } from './limits.ts';

const HOW_TO =
  '*Ask about a tech deal* with `/deal` and the companies involved — names, tickers, former names and typos all work: ' +
  '`/deal xiaomi microsoft`, `/deal msft github`. Answers are private to you; *Share to channel* posts the card for everyone.\n' +
  'Browse newest first with `/deals` (filters: `company:`, `type:`, `year:`), and see every command with `/deal-help`.';

export interface HomeParts {
  latest: Reply;
  /** The core's answer to /deal-admin stats, asked only for an admin. */
  stats: Reply | undefined;
}

export async function loadHome(core: Core, user: User): Promise<HomeParts> {
  const latest = await core.handle({ command: 'deals', options: {}, user, via: 'internal' });
  const stats = core.isAdmin(user)
    ? await core.handle({ command: 'deal-admin', subcommand: 'stats', options: {}, user, via: 'internal' })
    : undefined;
  return { latest, stats };
}

export function renderHome(parts: HomeParts): Record<string, unknown> {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'dealbot' } },
    { type: 'section', text: { type: 'mrkdwn', text: HOW_TO } },
    { type: 'divider' },
  ];
  const admin = parts.stats?.kind === 'stats' ? parts.stats : undefined;
  if (admin) {
    const add = runButton('Add deal', { command: 'deal-admin', subcommand: 'add', options: {} }, 'primary');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*Admin*: you can keep the deal store current.' } });
    if (add) blocks.push({ type: 'actions', elements: [add] });
  }
  // Latest deals: the /deals answer as it renders anywhere else (with Open and paging buttons).
  blocks.push(...renderMessage(parts.latest, { surface: 'view' }).blocks);
  if (admin) {
    // The stats card's own list of misses, worded as /deal-admin stats words it everywhere.
    const card = presentReply(admin);
    const misses = card.lists.at(-1);
    if (misses) {
      const lines = misses.lines.length ? misses.lines.map((r) => `• ${richMrkdwn(r)}`) : [`_${mrkdwn(misses.empty ?? '', 200)}_`];
      blocks.push({ type: 'divider' });
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(`*${mrkdwn(misses.label, 200)}*\n${lines.join('\n')}`, L.sectionText) },
      });
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn(card.title ?? '', L.contextText) }] });
    }
  }
  return { type: 'home', blocks: blocks.slice(0, L.viewBlocks) };
}
