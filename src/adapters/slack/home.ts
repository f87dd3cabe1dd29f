// The App Home tab: how to use dealbot, the latest deals, and for admins an "Add deal" button and the questions that
// found nothing. Everything shown comes from the core (/deals, /deal-admin stats, and core.isAdmin for whether to show
// the admin part), never decided here. These are the bot's own calls (via: 'internal'): opening the tab never spends
// the user's rate limit, and a non-admin's tab never runs an admin command at all.
import type { Core } from '../../core/core.ts';
import type { Reply, User } from '../../core/replies.ts';
import { renderMessage, runButton, type Block } from './blocks.ts';
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
    blocks.push({ type: 'divider' });
    const misses = admin.misses.length
      ? admin.misses.map((m) => `• ${mrkdwn(m.query, 200)} — ${m.count}×`).join('\n')
      : '_None in this period._';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*Questions that found nothing* (last ${admin.days} days)\n${misses}`, L.sectionText) },
    });
  }
  return { type: 'home', blocks: blocks.slice(0, L.viewBlocks) };
}
