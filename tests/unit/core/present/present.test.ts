// The presentation layer decides what every reply says, once: these tests pin its wording on plain cards (no
// platform), and check that the three adapters show the same words for the same card.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../../src/adapters/console/render.ts';
import { renderMessage as renderDiscord } from '../../../../src/adapters/discord/render.ts';
import { renderMessage as renderSlack } from '../../../../src/adapters/slack/blocks.ts';
import { plainLine, type Card } from '../../../../src/core/present/card.ts';
import { CHANGE_CHARS, presentReply, problemLine } from '../../../../src/core/present/present.ts';
import { dealRef, type CountReply, type DealReply, type InvokeTarget, type ListReply, type Reply } from '../../../../src/core/replies.ts';
import { encodeTarget } from '../../../../src/core/targets.ts';
import type { Deal } from '../../../../src/deals/schema.ts';
import { allText } from '../../../fakes/slack.ts';

// Invented companies: only the shape of the record matters.
const deal: Deal = {
  slug: 'fabrikam-tailspin-2022',
  title: 'Fabrikam buys *Tailspin*',
  type: 'acquisition',
  status: 'completed',
  binding: true,
  announced: '2022-01-18',
  closed: '2023-10-13',
  parties: [
    { name: 'Fabrikam', role: 'acquirer' },
    { name: 'Tailspin', role: 'target' },
  ],
  value: { amount: 68_700_000_000, currency: 'USD' },
  areas: ['gaming', 'cloud'],
  summary: 'Fabrikam agreed to buy the games maker.',
  quotes: [{ speaker: 'A. Person', title: 'CEO', text: 'A good day.', paraphrased: true }],
  sources: [
    { url: 'https://example.com/a', publisher: 'Example News', title: 'The story', published: '2022-01-18' },
    { url: 'https://evil.example/b', publisher: 'bank.example.org' },
  ],
};
const other = dealRef({ ...deal, slug: 'contoso-northwind-2020', title: 'Contoso and Northwind', status: 'terminated', announced: '2020-09', closed: '2022-02' });
const dealReply: DealReply = { kind: 'deal', deal, version: 4, alternatives: [other], notice: 'Showing the closest match for "fabrikm".' };
const ids = (t: InvokeTarget) => encodeTarget(t).slice(0, 100);

function list(page: number, total: number): ListReply {
  return { kind: 'list', title: 'Latest deals', items: [dealRef(deal), other], page, pageCount: 5, total, prev: { command: 'deals', options: { page: page - 1 } }, next: { command: 'deals', options: { page: page + 1 } } };
}

describe('a deal card', () => {
  const card = presentReply(dealReply);

  it('has the fields in order, the closing date named after the status, and parties with their roles', () => {
    expect(card.fields.map((f) => f.label)).toEqual(['Parties', 'Type', 'Status', 'Announced', 'Completed', 'Value', 'Areas']);
    expect(card.fields.find((f) => f.label === 'Parties')!.value).toBe('Fabrikam (acquirer)\nTailspin (target)');
    expect(card.fields.find((f) => f.label === 'Type')!.value).toBe('Acquisition · binding');
    expect(card.fields.find((f) => f.label === 'Completed')!.value).toBe('13 Oct 2023');
    expect(presentReply({ ...dealReply, deal: { ...deal, status: 'terminated' } }).fields.map((f) => f.label)).toContain('Terminated');
    expect(presentReply({ ...dealReply, deal: { ...deal, status: 'pending', closed: undefined } }).fields.map((f) => f.label)).not.toContain('Completed');
  });

  it('keeps stored text as it is (adapters escape it), with the slug and version at the foot', () => {
    expect(card.title).toBe('Fabrikam buys *Tailspin*');
    expect(card.footer).toBe('fabrikam-tailspin-2022 · version 4');
    expect(card.notices).toEqual(['Showing the closest match for "fabrikm".']);
    expect(card.quote).toEqual({ label: 'Key quote', text: 'A good day.', by: 'A. Person, CEO (paraphrased)' });
    expect(card.share).toEqual({ command: 'deal', options: { query: 'fabrikam-tailspin-2022' } });
    expect(card.summary).toBe('Fabrikam buys *Tailspin* — Acquisition, Completed, 18 Jan 2022');
  });

  it('labels links safely: a label naming another host shows the real host', () => {
    expect(card.links[0]).toEqual({ label: 'Example News — The story', short: 'Example News', url: 'https://example.com/a', date: '18 Jan 2022' });
    expect(card.links[1]!.label).toBe('evil.example');
  });

  it('offers the alternatives as buttons that open them', () => {
    expect(card.actions).toEqual([
      { id: 'alternative', label: 'Contoso and Northwind (Acquisition · Sep 2020)', short: 'Contoso and Northwind', detail: 'Acquisition · Sep 2020', style: 'secondary', target: other.target },
    ]);
  });
});

describe('lists and counts', () => {
  it('number items from the page, list their facts, and say the page and total', () => {
    const card = presentReply(list(2, 45));
    expect(card.items.map((i) => i.number)).toEqual([11, 12]);
    expect(card.items[1]!.facts).toEqual(['Acquisition', 'Terminated', 'Sep 2020', '$68.7 billion', 'terminated Feb 2022']);
    expect(card.footer).toBe('Page 2 of 5 · 45 deals');
    expect(presentReply(list(1, 1)).footer).toBe('Page 1 of 5 · 1 deal');
    expect(card.actions.map((a) => [a.id, a.label])).toEqual([
      ['prev', '◀ Previous'],
      ['next', 'Next ▶'],
    ]);
  });

  it('a count carries its breakdown by type', () => {
    const count: CountReply = {
      ...list(1, 2),
      kind: 'count',
      answer: 'Fabrikam is a party to 2 deals.',
      count: 2,
      breakdown: [{ type: 'acquisition', count: 2, byStatus: { completed: 1, terminated: 1 } }],
    };
    const card = presentReply(count);
    expect(card.answer).toBe(count.answer);
    expect(card.lists.map((l) => [l.label, l.bullets, l.lines.map(plainLine)])).toEqual([['By type', true, ['Acquisition: 2 (1 completed, 1 terminated)']]]);
  });
});

describe('other replies', () => {
  it('not found: suggestions with a question, or what to try instead', () => {
    const t = { command: 'deal', options: { query: 'x' } };
    const some = presentReply({ kind: 'not_found', query: 'q', message: 'No deal found for "q".', suggestions: [{ label: 'X', target: t }] });
    expect(plainLine(some.hint!)).toBe('Did you mean one of these?');
    expect(some.actions).toEqual([{ id: 'suggestion', label: 'X', style: 'primary', target: t }]);
    const none = presentReply({ kind: 'not_found', query: 'q', message: 'No deal found for "q".', suggestions: [] });
    expect(plainLine(none.hint!)).toBe('Try company names, tickers or a topic, or browse with /deals.');
    // An answer sentence that only repeats the message is said once.
    expect(presentReply({ kind: 'not_found', answer: 'No deal found for "q".', query: 'q', message: 'No deal found for "q".', suggestions: [] }).answer).toBeUndefined();
  });

  it('errors name each problem field once', () => {
    expect(problemLine({ field: 'sources', message: 'sources: needs at least one source' })).toBe('sources: needs at least one source');
    expect(problemLine({ field: 'sources.0.url', message: 'source 1, url: must be an http(s) URL' })).toBe('source 1, url: must be an http(s) URL');
    expect(problemLine({ field: 'parties.0', message: 'party 1 "A": add the role in brackets' })).toBe('party 1 "A": add the role in brackets');
    expect(problemLine({ field: 'details.type', message: 'type: "banana" is not one of …' })).toBe('details: type: "banana" is not one of …');
    const card = presentReply({ kind: 'error', code: 'bad_input', message: 'Some fields need fixing.', fieldErrors: [{ field: 'title', message: 'is required' }] });
    expect(card.tone).toBe('error');
    expect(card.lists[0]!.lines.map(plainLine)).toEqual(['title: is required']);
  });

  it('a confirmation is dangerous unless it says otherwise, and can be dismissed', () => {
    const target = { command: 'deal-admin', subcommand: 'remove-confirm', options: { slug: 'x' } };
    const card = presentReply({ kind: 'confirm', message: 'Remove x?', confirm: { label: 'Remove', target }, cancelLabel: 'Keep it' });
    expect(card.actions).toEqual([
      { id: 'confirm', label: 'Remove', style: 'danger', target },
      { id: 'cancel', label: 'Keep it', dismiss: true },
    ]);
  });

  it('a result offers its actions, then the deal it is about', () => {
    const card = presentReply({ kind: 'done', message: 'Removed.', actions: [{ label: 'Undo', target: other.target }], deal: other });
    expect(card.tone).toBe('success');
    expect(card.actions.map((a) => [a.id, a.label])).toEqual([
      ['action', 'Undo'],
      ['open', 'Open Contoso and Northwind'],
    ]);
  });

  it('history cuts long changes and says when there are none; stats count days', () => {
    const long = 'x'.repeat(500);
    const h = presentReply({ kind: 'history', subject: 's', entries: [{ at: '2024-01-02T03:04:05Z', actor: 'ann', platform: 'slack', action: 'deal.update', subject: 's', changes: [{ field: 'summary', before: long, after: 'y' }] }] });
    expect(h.title).toBe('History of s');
    const lines = h.lists[0]!.lines.map(plainLine);
    expect(lines[0]).toBe('2024-01-02 03:04 ann via slack: deal.update s');
    expect(lines[1]).toBe(`  • summary: ${'x'.repeat(CHANGE_CHARS - 1)}… → y`);
    expect(presentReply({ kind: 'history', entries: [] }).lists[0]!.empty).toBe('No changes recorded.');
    const stats = (days: number) => presentReply({ kind: 'stats', days, deals: 1, queries: 2, found: 1, notFound: 1, top: [], misses: [] });
    expect(stats(1).title).toBe('dealbot over the last 1 day');
    expect(stats(30).title).toBe('dealbot over the last 30 days');
    expect(stats(30).lists.map((l) => l.empty)).toEqual(['(none)', '(none)']);
  });
});

describe('one wording on every platform', () => {
  /** Every word a card carries, as the adapters should show it (stored text here has no markup to escape). */
  function words(card: Card): string[] {
    return [
      ...card.fields.flatMap((f) => [f.label, ...f.value.split('\n')]),
      ...card.items.flatMap((i) => [i.title, ...i.facts]),
      ...card.lists.flatMap((l) => [l.label, ...l.lines.map(plainLine)]).filter(Boolean),
      ...card.actions.map((a) => a.label).filter((l) => !l.includes('(')),
      ...(card.footer ? [card.footer] : []),
    ];
  }
  const plainDeal: DealReply = { ...dealReply, deal: { ...deal, title: 'Fabrikam buys Tailspin' }, notice: undefined };
  const replies: Reply[] = [plainDeal, list(2, 45), { kind: 'stats', days: 7, deals: 3, queries: 5, found: 4, notFound: 1, top: [{ query: 'xiaomi', count: 3 }], misses: [] }];
  for (const reply of replies) {
    it(`${reply.kind}: Discord, Slack and the console show the card's words`, () => {
      const d = renderDiscord(reply as Exclude<Reply, { kind: 'form' }>, ids);
      const discord = JSON.stringify(d).replace(/\\\\/g, '\\');
      const slack = allText(renderSlack(reply).blocks).join('\n');
      const consoleText = renderText(reply).text;
      for (const w of words(presentReply(reply))) {
        for (const [name, out] of [['discord', discord], ['slack', slack], ['console', consoleText]] as const) {
          expect(out.includes(w) || out.includes(JSON.stringify(w).slice(1, -1)), `${name} shows "${w}"`).toBe(true);
        }
      }
    });
  }
});
