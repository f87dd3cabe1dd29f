// /deal-admin review: the drafts that `dealbot ingest --feed` queued, one at a time, each with Save, Edit and Skip
// buttons (targets through the core's reply types, so Discord, Slack and the console all get them). Save stores the
// draft as it is — or, for a story about a deal already stored, saves the proposed changes as an edit of it; Edit
// opens the form (its save marks the draft done); Skip sets it aside. A draft is decided once: a second click on a
// stale card says so and changes nothing.
import { validateDeal, type DealInput } from '../../deals/schema.ts';
import { formatPartialDate, formatValue, TYPE_LABELS } from '../../deals/format.ts';
import { findStoredDeal as matchDraft, type DealMatch } from '../../ingest/match.ts';
import { clip } from '../../deals/text-safety.ts';
import type { Actor, ReviewItem } from '../../store/types.ts';
import type { CommandKey } from '../../../commands/index.ts';
import type { CoreContext, Handler } from '../context.ts';
import { buildDealForm } from '../forms/deal-form.ts';
import { dealRef, errorReply, openDealTarget, type Action, type Invocation, type InvokeTarget, type Reply } from '../replies.ts';
import { matchForm } from './ingest.ts';

interface QueuedDoc {
  draft: Partial<DealInput>;
  missing: string[];
  flagged: string[];
}

const admin = (subcommand: string, options: InvokeTarget['options']): InvokeTarget => ({ command: 'deal-admin', subcommand, options });

function actorOf(inv: Invocation): Actor {
  return { id: inv.user.id, name: inv.user.name, platform: inv.user.platform };
}

function docOf(item: ReviewItem): QueuedDoc {
  const d = item.draft as Partial<QueuedDoc>;
  return { draft: d.draft ?? {}, missing: d.missing ?? [], flagged: d.flagged ?? [] };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One queued draft as a card: what was drafted, what it would change, and Save / Edit / Skip. */
async function reviewCard(ctx: CoreContext, item: ReviewItem, position: number, pending: number, lead?: string): Promise<Reply> {
  const { draft, missing } = docOf(item);
  const match = await matchDraft(draft, ctx.store);
  const lines: string[] = [];
  if (lead) lines.push(lead, '');
  lines.push(`Review ${position} of ${pending} — from ${hostOf(item.feedUrl)}: "${clip(item.title, 150)}"`);
  lines.push(`Draft: ${draft.title ?? '(no title)'}`);
  if (draft.parties?.length) lines.push(`Parties: ${draft.parties.map((p) => `${p.name} (${p.role})`).join('; ')}`);
  const facts = [
    draft.type ? TYPE_LABELS[draft.type] : 'type ?',
    draft.status ?? 'status ?',
    draft.announced ? `announced ${formatPartialDate(draft.announced)}` : 'announced ?',
    draft.closed ? `closed ${formatPartialDate(draft.closed)}` : undefined,
    draft.value ? formatValue(draft.value) : undefined,
  ].filter(Boolean);
  lines.push(facts.join(' · '));
  if (draft.summary) lines.push(`Summary: ${clip(draft.summary, 300)}`);
  if (match) {
    lines.push(
      match.changes.length
        ? `Already stored as ${match.slug}: Save applies ${match.changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join('; ')}.`
        : `Already stored as ${match.slug}; the item adds nothing new.`,
    );
  } else if (missing.length) lines.push(`To fill in before saving: ${missing.join(', ')} (use Edit).`);
  const canSave = match ? match.changes.length > 0 : missing.length === 0;
  const actions: Action[] = [];
  if (canSave) actions.push({ label: match ? 'Save changes' : 'Save', style: 'primary', target: admin('review-save', { id: item.id }) });
  actions.push({ label: 'Edit', ...(canSave ? {} : { style: 'primary' as const }), target: admin('review-edit', { id: item.id }) });
  actions.push({ label: 'Skip', target: admin('review-skip', { id: item.id }) });
  if (item.link) actions.push({ label: 'Article', url: item.link });
  return { kind: 'done', private: true, message: lines.join('\n'), actions };
}

async function next(ctx: CoreContext, afterId: number, lead?: string): Promise<Reply> {
  const n = await ctx.store.nextReviewItem(afterId);
  if (!n.item) {
    return { kind: 'done', private: true, message: `${lead ? `${lead}\n\n` : ''}No drafts wait for review. Follow a feed with \`dealbot ingest --feed URL\`.`, actions: [] };
  }
  return reviewCard(ctx, n.item, n.position, n.pending, lead);
}

async function pendingItem(ctx: CoreContext, inv: Invocation): Promise<ReviewItem | Reply> {
  const id = Number(inv.options.id);
  const item = await ctx.store.reviewItem(id);
  if (!item) return errorReply('not_found', `No review draft has the id ${id}.`);
  if (item.status !== 'pending') {
    return errorReply('conflict', `That draft was already ${item.status === 'saved' ? `saved${item.slug ? ` as ${item.slug}` : ''}` : item.status} ${item.decidedBy ? `by ${item.decidedBy}` : ''}; nothing changed. /deal-admin review shows the next one.`.replace(' ;', ';'));
  }
  return item;
}

export const handleReview: Handler = (_inv, ctx) => next(ctx, 0);

export const handleReviewSkip: Handler = async (inv, ctx) => {
  const item = await pendingItem(ctx, inv);
  if ('kind' in item) return item;
  await ctx.store.decideReviewItem(item.id, 'skipped', actorOf(inv).id);
  return next(ctx, item.id, `Skipped "${clip(item.title, 120)}".`);
};

export const handleReviewSave: Handler = async (inv, ctx) => {
  const item = await pendingItem(ctx, inv);
  if ('kind' in item) return item;
  const { draft, missing } = docOf(item);
  const actor = actorOf(inv);
  const match: DealMatch | undefined = await matchDraft(draft, ctx.store);
  if (match) {
    if (match.changes.length === 0) return errorReply('bad_input', `${match.slug} already has everything this draft says; Skip it, or Edit to change it by hand.`);
    const saved = await ctx.store.updateDeal(match.slug, match.proposed, match.version, actor);
    await ctx.store.decideReviewItem(item.id, 'saved', actor.id, saved.deal.slug);
    ctx.log.info({ requestId: inv.requestId, user: actor.id, slug: saved.deal.slug, review: item.id }, 'review draft saved as an edit');
    return next(ctx, item.id, `Updated ${saved.deal.slug} (version ${saved.version}): ${match.changes.map((c) => c.field).join(', ')}.`);
  }
  if (missing.length) return errorReply('bad_input', `This draft lacks ${missing.join(', ')}; use Edit to fill them in. Nothing was saved.`);
  const v = validateDeal(draft);
  if (!v.ok) return errorReply('bad_input', `The draft needs fixing (${v.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}); use Edit. Nothing was saved.`);
  const dups = await ctx.store.findDuplicates(v.value);
  if (dups.length) return errorReply('duplicate', `This looks like ${dups.map((d) => d.deal.slug).join(', ')}, already stored; use Edit or Skip. Nothing was saved.`);
  const created = await ctx.store.createDeal(v.value, actor);
  await ctx.store.decideReviewItem(item.id, 'saved', actor.id, created.deal.slug);
  ctx.log.info({ requestId: inv.requestId, user: actor.id, slug: created.deal.slug, review: item.id }, 'review draft saved');
  const reply = await next(ctx, item.id, `Added "${created.deal.title}" (${created.deal.slug}).`);
  if (reply.kind === 'done') {
    reply.deal = dealRef(created.deal);
    reply.actions.push({ label: 'Open it', target: openDealTarget(created.deal.slug) });
  }
  return reply;
};

export const handleReviewEdit: Handler = async (inv, ctx) => {
  const item = await pendingItem(ctx, inv);
  if ('kind' in item) return item;
  const { draft, flagged } = docOf(item);
  const match = await matchDraft(draft, ctx.store);
  const form = match
    ? matchForm(match, { draft })
    : buildDealForm({ mode: 'add' }, draft, [`From the feed item "${clip(item.title, 120)}".`, ...flagged.slice(0, 6).map((l) => `• ${clip(l, 200)}`)].join('\n'));
  form.submit.options.review = item.id;
  return form;
};

/** Wraps the form's save: when the form came from a review draft and the save succeeded, that draft is done. */
export function markReviewOnSave(save: Handler): Handler {
  return async (inv, ctx) => {
    const reply = await save(inv, ctx);
    const id = inv.options.review;
    if (reply.kind === 'done' && typeof id === 'number') await ctx.store.decideReviewItem(id, 'saved', inv.user.id, reply.deal?.slug);
    return reply;
  };
}

export const REVIEW_HANDLERS = {
  'deal-admin review': handleReview,
  'deal-admin review-save': handleReviewSave,
  'deal-admin review-edit': handleReviewEdit,
  'deal-admin review-skip': handleReviewSkip,
} as const satisfies Partial<Record<CommandKey, Handler>>;
