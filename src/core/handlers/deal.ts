// /deal <query> [page]: the answer first — one sentence from stored fields for what was asked (src/core/answer.ts) —
// then the best match as a card with alternatives; a list or a count when the question asks for several deals; or
// an honest not-found with suggestions (never the nearest guess).
import { dealRef, type InvokeTarget, type Reply } from '../replies.ts';
import type { Handler } from '../context.ts';
import { helpReply } from './help.ts';
import { redactSecrets } from '../../log.ts';
import { countAnswer, dealAnswer, listAnswer, notFoundAnswer } from '../answer.ts';

export const handleDeal: Handler = async (inv, ctx) => {
  const query = String(inv.options.query ?? '').trim();
  if (!query) return helpReply(inv, ctx);
  const page = Math.max(1, Math.floor(Number(inv.options.page ?? 1)) || 1);
  // Search may answer now or later (a promise): awaited either way.
  const outcome = await ctx.search.search(query, { page });
  const pageTarget = (p: number): InvokeTarget => ({ command: 'deal', options: { query, page: p } });
  let reply: Reply;
  if (outcome.status === 'found') {
    const [best, ...alts] = await ctx.store.getDealsByIds([outcome.best.id, ...outcome.alternatives.map((a) => a.id)]);
    if (!best) {
      reply = { kind: 'not_found', query, message: `No deal found for "${query}".`, suggestions: [] };
    } else {
      const corrected = outcome.corrections.length
        ? `Showing results for ${outcome.corrections.map((c) => `"${c.to}"`).join(', ')} (you typed ${outcome.corrections
            .map((c) => `"${c.from}"`)
            .join(', ')}).`
        : undefined;
      reply = {
        kind: 'deal',
        answer: dealAnswer(best.deal, outcome.question),
        ask: outcome.question?.ask ?? 'show',
        deal: best.deal,
        version: best.version,
        alternatives: alts.map((a) => dealRef(a.deal)),
        notice: corrected,
      };
    }
  } else if (outcome.status === 'list' || outcome.status === 'count') {
    const deals = await ctx.store.getDealsByIds(outcome.hits.map((h) => h.id));
    const atLeast = outcome.status === 'list' && outcome.atLeast === true;
    const pageCount = Math.max(1, Math.ceil(outcome.total / outcome.pageSize));
    const list = {
      title: outcome.status === 'count' ? `Counted: ${query}` : `Deals: ${query}`,
      items: deals.map((d) => dealRef(d.deal)),
      page: outcome.page,
      pageCount,
      total: outcome.total,
      prev: outcome.page > 1 ? pageTarget(Math.min(outcome.page - 1, pageCount)) : undefined,
      next: outcome.page < pageCount ? pageTarget(outcome.page + 1) : undefined,
    };
    reply =
      outcome.status === 'count'
        ? {
            kind: 'count',
            ask: 'count',
            answer: countAnswer(outcome.question, outcome.total, outcome.breakdown),
            count: outcome.total,
            breakdown: outcome.breakdown,
            ...list,
            emptyMessage: 'No deals are counted.',
          }
        : {
            kind: 'list',
            ask: 'list',
            answer: `${atLeast ? 'At least ' : ''}${listAnswer(outcome.question, outcome.total, outcome.order, outcome.pageSize < 10 ? outcome.total : undefined)}`,
            ...list,
          };
  } else {
    reply = {
      kind: 'not_found',
      query,
      // A list with nothing in it says what is not recorded ("dealbot records no pending acquisitions").
      answer:
        outcome.reason?.kind === 'empty_list' && outcome.question?.ask === 'list'
          ? countAnswer(outcome.question, 0, [])
          : notFoundAnswer(outcome.question, query, outcome.reason?.kind === 'roles'),
      message: `No deal found for "${query}".`,
      suggestions: outcome.suggestions.map((s) => ({ label: s.label, target: { command: 'deal', options: { query: s.query } } })),
    };
  }
  ctx.store.recordUsage({
    platform: inv.user.platform,
    command: 'deal',
    // Stats keep what people ask, never a token someone pasted by mistake.
    query: redactSecrets(query),
    outcome: reply.kind === 'deal' ? 'found' : reply.kind === 'list' || reply.kind === 'count' ? 'list' : 'not_found',
    slug: reply.kind === 'deal' ? reply.deal.slug : undefined,
  });
  return reply;
};
