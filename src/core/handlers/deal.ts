// /deal <query>: the best match as a card with alternatives, a list when the question is broad, or an honest
// not-found with suggestions.
import { dealRef, type Reply } from '../replies.ts';
import type { Handler } from '../context.ts';
import { helpReply } from './help.ts';
import { redactSecrets } from '../../log.ts';

export const handleDeal: Handler = (inv, ctx) => {
  const query = String(inv.options.query ?? '').trim();
  if (!query) return helpReply(inv, ctx);
  const outcome = ctx.search.search(query);
  let reply: Reply;
  if (outcome.status === 'found') {
    const [best, ...alts] = ctx.store.getDealsByIds([outcome.best.id, ...outcome.alternatives.map((a) => a.id)]);
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
        deal: best.deal,
        version: best.version,
        alternatives: alts.map((a) => dealRef(a.deal)),
        notice: corrected,
      };
    }
  } else if (outcome.status === 'broad') {
    const deals = ctx.store.getDealsByIds(outcome.hits.map((h) => h.id));
    reply = {
      kind: 'list',
      title: `Deals matching "${outcome.label}"`,
      items: deals.map((d) => dealRef(d.deal)),
      page: 1,
      pageCount: 1,
      total: deals.length,
    };
  } else {
    reply = {
      kind: 'not_found',
      query,
      message: `No deal found for "${query}".`,
      suggestions: outcome.suggestions.map((s) => ({ label: s.label, target: { command: 'deal', options: { query: s.query } } })),
    };
  }
  ctx.store.recordUsage({
    platform: inv.user.platform,
    command: 'deal',
    // Stats keep what people ask, never a token someone pasted by mistake.
    query: redactSecrets(query),
    outcome: reply.kind === 'deal' ? 'found' : reply.kind === 'list' ? 'list' : 'not_found',
    slug: reply.kind === 'deal' ? reply.deal.slug : undefined,
  });
  return reply;
};
