// /deals [company] [type] [year] [page]: browse newest first. Paging state travels in the buttons' targets.
import { TYPE_LABELS } from '../../deals/format.ts';
import type { DealType } from '../../deals/schema.ts';
import { dealRef, LIST_PAGE_SIZE, type InvokeTarget, type OptionValue } from '../replies.ts';
import type { Handler } from '../context.ts';

/** Kept for callers of the handler; the size itself is part of the reply contract (replies.ts). */
export const PAGE_SIZE = LIST_PAGE_SIZE;

export const handleDeals: Handler = async (inv, ctx) => {
  const company = inv.options.company as string | undefined;
  const type = inv.options.type as DealType | undefined;
  const year = inv.options.year as number | undefined;
  const page = Math.max(1, Number(inv.options.page ?? 1));
  const { total, deals } = await ctx.store.listDeals({ company, type, year, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filter: Record<string, OptionValue> = {};
  if (company) filter.company = company;
  if (type) filter.type = type;
  if (year) filter.year = year;
  const pageTarget = (p: number): InvokeTarget => ({ command: 'deals', options: { ...filter, page: p } });
  const described = [company, type ? TYPE_LABELS[type] : undefined, year].filter(Boolean).join(', ');
  const knownCompany = company ? await ctx.store.findOrganisation(company) : undefined;
  return {
    kind: 'list',
    title: described ? `Deals: ${described}` : 'Latest deals',
    items: deals.map((d) => dealRef(d.deal)),
    page,
    pageCount,
    total,
    prev: page > 1 ? pageTarget(Math.min(page - 1, pageCount)) : undefined,
    next: page < pageCount ? pageTarget(page + 1) : undefined,
    emptyMessage:
      company && !knownCompany
        ? `dealbot knows no company called "${company}". Try /deal ${company} to search instead.`
        : 'No deals match these filters.',
  };
};
