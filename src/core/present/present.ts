// Reply -> Card: the one place that decides what a reply says on every platform — field labels, "Completed" or
// "Terminated", values and dates, list lines, count breakdowns, not-found hints, errors, paging. Adapters convert the
// card (cards.ts in each adapter) and decide nothing about wording.
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
import { linkLabel } from '../../deals/text-safety.ts';
import type {
  ConfirmReply,
  CountReply,
  DealRef,
  DealReply,
  DoneReply,
  ErrorReply,
  FormReply,
  HelpReply,
  HistoryReply,
  ListReply,
  NotFoundReply,
  Reply,
  StatsReply,
} from '../replies.ts';
import { LIST_PAGE_SIZE, openDealTarget } from '../replies.ts';
import { button, card, code, dismiss, em, field, linkButton, list, text, type Card, type CardAction, type CardItem, type CardLink, type Rich } from './card.ts';

/** How much of each side of a recorded change a history line shows. */
export const CHANGE_CHARS = 200;

export function presentReply(reply: Reply): Card {
  switch (reply.kind) {
    case 'deal':
      return presentDeal(reply);
    case 'not_found':
      return presentNotFound(reply);
    case 'list':
    case 'count':
      return presentList(reply);
    case 'help':
      return presentHelp(reply);
    case 'error':
      return presentError(reply);
    case 'form':
      return presentForm(reply);
    case 'confirm':
      return presentConfirm(reply);
    case 'done':
      return presentDone(reply);
    case 'history':
      return presentHistory(reply);
    case 'stats':
      return presentStats(reply);
  }
}

// ------------------------------------------------------------------------------------------------ pieces

/** "Acquisition · 3 Feb 2020": a deal in brief, for menus and buttons. */
export function refBrief(r: DealRef): string {
  return `${TYPE_LABELS[r.type]} · ${formatPartialDate(r.announced)}`;
}

/** A list line's facts: type, status, announced, and the value and closing date where the list carries them. */
export function refFacts(r: DealRef): string[] {
  const facts = [TYPE_LABELS[r.type], STATUS_LABELS[r.status], formatPartialDate(r.announced)];
  if (r.value) facts.push(formatMoney(r.value.amount, r.value.currency));
  if (r.closed) facts.push(closedPhrase(r.status, r.closed));
  return facts;
}

export function item(r: DealRef, number: number): CardItem {
  return { number, title: r.title, facts: refFacts(r), brief: refBrief(r), slug: r.slug, target: r.target };
}

function sourceLinks(d: DealReply['deal']): CardLink[] {
  return d.sources.map((s) => ({
    label: linkLabel([s.publisher, s.title].filter(Boolean).join(' — ') || undefined, s.url),
    short: linkLabel(s.publisher, s.url),
    url: s.url,
    ...(s.published ? { date: formatPartialDate(s.published) } : {}),
  }));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const TRY_INSTEAD: Rich = [text('Try company names, tickers or a topic, or browse with '), code('/deals'), text('.')];
const DID_YOU_MEAN: Rich = [text('Did you mean one of these?')];

// ------------------------------------------------------------------------------------------------ replies

export function presentDeal(reply: DealReply): Card {
  const d = reply.deal;
  const q = d.quotes?.[0];
  const by = q ? [q.speaker, q.title].filter(Boolean).join(', ') + (q.paraphrased ? ' (paraphrased)' : '') : '';
  return card('deal', {
    answer: reply.answer,
    notices: reply.notice ? [reply.notice] : [],
    title: d.title,
    body: d.summary,
    fields: [
      ...field('Parties', d.parties.map((p) => `${p.name} (${ROLE_LABELS[p.role]})`).join('\n')),
      ...field('Type', [TYPE_LABELS[d.type], formatBinding(d.binding)].filter(Boolean).join(' · '), true),
      ...field('Status', STATUS_LABELS[d.status], true),
      ...field('Announced', formatPartialDate(d.announced), true),
      ...(d.closed ? field(closedLabel(d.status), formatPartialDate(d.closed), true) : []),
      ...field('Value', formatValue(d.value), true),
      ...field('Areas', d.areas.join(', '), true),
    ],
    quote: q ? { label: 'Key quote', text: q.text, by } : undefined,
    links: sourceLinks(d),
    actions: reply.alternatives.map((a) => ({
      ...button('alternative', `${a.title} (${refBrief(a)})`, a.target),
      short: a.title,
      detail: refBrief(a),
    })),
    // The slug is what admin commands take (/deal-admin edit <slug>): at the foot of every card.
    footer: `${d.slug} · version ${reply.version}`,
    summary: reply.answer ?? `${d.title} — ${TYPE_LABELS[d.type]}, ${STATUS_LABELS[d.status]}, ${formatPartialDate(d.announced)}`,
    share: openDealTarget(d.slug),
    accent: d.type,
  });
}

export function presentNotFound(reply: NotFoundReply): Card {
  return card('not_found', {
    // An answer that only repeats the message is said once.
    answer: reply.answer !== reply.message ? reply.answer : undefined,
    body: reply.message,
    hint: reply.suggestions.length ? DID_YOU_MEAN : TRY_INSTEAD,
    actions: reply.suggestions.map((s) => button('suggestion', s.label, s.target, 'primary')),
    summary: reply.answer ?? reply.message,
  });
}

export function presentList(reply: ListReply | CountReply): Card {
  const first = (reply.page - 1) * LIST_PAGE_SIZE + 1;
  const actions: CardAction[] = [];
  if (reply.prev) actions.push(button('prev', '◀ Previous', reply.prev));
  if (reply.next) actions.push(button('next', 'Next ▶', reply.next));
  return card(reply.kind, {
    answer: reply.answer,
    title: reply.title,
    items: reply.items.map((r, i) => item(r, first + i)),
    emptyItems: reply.emptyMessage ?? 'Nothing to show.',
    lists: reply.kind === 'count' && reply.breakdown.length ? [list('By type', reply.breakdown.map((b) => [text(breakdownLine(b))]), { bullets: true })] : [],
    actions,
    footer: `Page ${reply.page} of ${reply.pageCount} · ${plural(reply.total, 'deal')}`,
    summary: reply.answer ?? `${reply.title} (${plural(reply.total, 'deal')}, page ${reply.page} of ${reply.pageCount})`,
  });
}

export function presentHelp(reply: HelpReply): Card {
  return card('help', {
    title: reply.title,
    body: reply.intro,
    lists: [
      list(
        'Commands',
        reply.commands.map((c) => [code(c.usage), text(` — ${c.description}`), ...(c.admin ? [text(' '), em('(admin)')] : [])]),
      ),
      ...(reply.examples.length ? [list('Examples', reply.examples.map((e) => [code(e)]))] : []),
    ],
    summary: reply.title,
  });
}

/**
 * A field problem naming its form field once: "details: type: … is not one of …", but "sources: needs at least one
 * source" and "source 1, url: …" as they are, since they name it already.
 */
export function problemLine(f: { field: string; message: string }): string {
  const top = f.field.split('.')[0] ?? f.field;
  const m = f.message.toLowerCase();
  const named = [top, f.field, top.replace(/s$/, ''), top.replace(/ies$/, 'y')].some((n) => n && m.startsWith(n.toLowerCase()));
  return named ? f.message : `${top}: ${f.message}`;
}

export function presentError(reply: ErrorReply): Card {
  return card('error', {
    tone: 'error',
    body: reply.message,
    lists: reply.fieldErrors?.length ? [list('', reply.fieldErrors.map((f) => [text(problemLine(f))]), { bullets: true })] : [],
    summary: reply.message,
  });
}

/** A form shown where no form can open (a message): its title and what it says. */
export function presentForm(reply: FormReply): Card {
  return card('form', { title: reply.title, body: reply.notice, summary: reply.title });
}

export function presentConfirm(reply: ConfirmReply): Card {
  const style = ('style' in reply.confirm ? reply.confirm.style : undefined) ?? 'danger';
  return card('confirm', {
    body: reply.message,
    actions: [button('confirm', reply.confirm.label, reply.confirm.target, style), dismiss(reply.cancelLabel)],
    summary: reply.message,
  });
}

export function presentDone(reply: DoneReply): Card {
  const actions: CardAction[] = reply.actions.map((a) => ('url' in a ? linkButton('action', a.label, a.url) : button('action', a.label, a.target, a.style)));
  if (reply.deal) actions.push(button('open', `Open ${reply.deal.title}`, reply.deal.target, 'primary'));
  return card('done', { tone: 'success', body: reply.message, actions, summary: reply.message });
}

function cutChange(s: string): string {
  return s.length > CHANGE_CHARS ? `${s.slice(0, CHANGE_CHARS - 1)}…` : s;
}

export function presentHistory(reply: HistoryReply): Card {
  const title = reply.subject ? `History of ${reply.subject}` : 'Latest changes';
  const lines: Rich[] = [];
  for (const e of reply.entries) {
    lines.push([code(e.at.replace('T', ' ').slice(0, 16)), text(` ${e.actor} via ${e.platform}: ${e.action} ${e.subject}`)]);
    for (const c of e.changes) lines.push([text(`  • ${c.field}: ${cutChange(c.before)} → ${cutChange(c.after)}`)]);
  }
  return card('history', { title, lists: [list('', lines, { empty: 'No changes recorded.' })], summary: title });
}

export function presentStats(reply: StatsReply): Card {
  const title = `dealbot over the last ${plural(reply.days, 'day')}`;
  const rows = (rs: { query: string; count: number }[]): Rich[] => rs.map((r) => [text(`${r.count} × ${r.query}`)]);
  return card('stats', {
    title,
    fields: [
      { label: 'Deals', value: String(reply.deals), inline: true },
      { label: 'Questions', value: String(reply.queries), inline: true },
      { label: 'Answered', value: String(reply.found), inline: true },
      { label: 'Found nothing', value: String(reply.notFound), inline: true },
    ],
    lists: [
      list('Top questions', rows(reply.top), { bullets: true, empty: '(none)' }),
      list('Questions that found nothing', rows(reply.misses), { bullets: true, empty: '(none)' }),
    ],
    summary: title,
  });
}
