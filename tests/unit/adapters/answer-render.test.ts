// The answer/count contract as each platform shows it, on concrete replies: the answer sentence first, the closing
// date on cards (named after the status), counts with their breakdown and the deals counted, and ranked lists with
// the value and closing date of each item. Limits are checked with the fakes' own validators.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.ts';
import { renderMessage as renderDiscord } from '../../../src/adapters/discord/render.ts';
import { fallbackText, renderMessage as renderSlack } from '../../../src/adapters/slack/blocks.ts';
import { dealRef, type CountReply, type DealReply, type InvokeTarget, type ListReply, type NotFoundReply } from '../../../src/core/replies.ts';
import { encodeTarget } from '../../../src/core/targets.ts';
import type { Deal } from '../../../src/deals/schema.ts';
import { validateMessage } from '../../fakes/discord.ts';
import { allText, checkMessage } from '../../fakes/slack.ts';

type Json = Record<string, unknown>;
const ids = (t: InvokeTarget) => encodeTarget(t).slice(0, 100);

// Invented companies: only the shape of the record matters here.
const acquisition: Deal = {
  slug: 'fabrikam-tailspin-2022',
  title: 'Fabrikam buys Tailspin',
  type: 'acquisition',
  status: 'completed',
  announced: '2022-01-18',
  closed: '2023-10-13',
  parties: [
    { name: 'Fabrikam', role: 'acquirer' },
    { name: 'Tailspin <@U123> @everyone', role: 'target' },
  ],
  value: { amount: 68_700_000_000, currency: 'USD', note: 'all cash' },
  areas: ['gaming'],
  summary: 'Fabrikam agreed to buy the games maker.',
  sources: [{ url: 'https://example.com/a', publisher: 'Example News' }],
};
const calledOff: Deal = { ...acquisition, slug: 'contoso-northwind-2020', title: 'Contoso and Northwind call it off', status: 'terminated', announced: '2020-09', closed: '2022-02' };
const open: Deal = { ...acquisition, slug: 'open-deal-2024', title: 'Still open', status: 'pending', announced: '2024', closed: undefined, value: undefined };

const ANSWER = 'Fabrikam paid $68.7 billion in cash for Tailspin <@U123> (announced 18 Jan 2022, completed 13 Oct 2023).';

function card(deal: Deal, answer?: string): DealReply {
  return { kind: 'deal', deal, version: 1, alternatives: [dealRef(calledOff)], ...(answer ? { answer, ask: 'value' as const } : {}) };
}

function fieldsOf(blocks: unknown): string[] {
  const b = (blocks as Json[]).find((x) => x.type === 'section' && Array.isArray(x.fields));
  return ((b?.fields as { text: string }[] | undefined) ?? []).map((f) => f.text);
}

const count: CountReply = {
  kind: 'count',
  ask: 'count',
  answer: 'Fabrikam is a party to 3 deals: 2 acquisitions (1 terminated), 1 investment.',
  count: 3,
  breakdown: [
    { type: 'acquisition', count: 2, byStatus: { completed: 1, terminated: 1 } },
    { type: 'investment', count: 1, byStatus: { signed: 1 } },
  ],
  title: 'Deals with Fabrikam',
  items: [dealRef(acquisition), dealRef(calledOff), dealRef(open)],
  page: 1,
  pageCount: 1,
  total: 3,
};

const ranked: ListReply = {
  kind: 'list',
  ask: 'list',
  answer: 'The 2 largest acquisitions announced in 2022, by value:',
  title: 'Largest acquisitions, 2022',
  items: [dealRef(acquisition), dealRef(open)],
  page: 1,
  pageCount: 1,
  total: 2,
};

describe('closing dates on cards', () => {
  it('a completed deal shows "Completed", a terminated one "Terminated", an open one no closing field', () => {
    expect(fieldsOf(renderSlack(card(acquisition)).blocks)).toContain('*Completed*\n13 Oct 2023');
    expect(fieldsOf(renderSlack(card(calledOff)).blocks)).toContain('*Terminated*\nFeb 2022');
    expect(fieldsOf(renderSlack(card(open)).blocks).some((f) => /Completed|Terminated|Closed/.test(f))).toBe(false);

    const discordFields = (d: Deal) => (renderDiscord(card(d), ids).embeds[0]!.fields ?? []).map((f) => `${f.name}: ${f.value}`);
    expect(discordFields(acquisition)).toContain('Completed: 13 Oct 2023');
    expect(discordFields(calledOff)).toContain('Terminated: Feb 2022');
    expect(discordFields(open).some((f) => /^(Completed|Terminated|Closed):/.test(f))).toBe(false);

    expect(renderText(card(acquisition)).text).toMatch(/^Announced 18 Jan 2022\nCompleted 13 Oct 2023\n/m);
    expect(renderText(card(calledOff)).text).toMatch(/^Terminated Feb 2022$/m);
    expect(renderText(card(calledOff)).text).toMatch(/^Status {4}Terminated$/m);
    expect(renderText(card(open)).text).not.toMatch(/^(Completed|Terminated|Closed) /m);
  });

  it('a deal with another status but a closing date calls it "Closed"', () => {
    const d: Deal = { ...acquisition, status: 'unknown', closed: '2019' };
    expect(fieldsOf(renderSlack(card(d)).blocks)).toContain('*Closed*\n2019');
  });
});

describe('the answer first', () => {
  it('Slack: first section and fallback text; stored names stay inert', () => {
    const msg = renderSlack(card(acquisition, ANSWER), { shareable: true });
    expect(checkMessage(msg as never)).toEqual([]);
    expect(msg.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ANSWER.replace('<', '&lt;').replace('>', '&gt;') } });
    expect(msg.blocks[1]!.type).toBe('header');
    expect(msg.text).toBe(ANSWER.replace('<', '&lt;').replace('>', '&gt;'));
    expect(fallbackText(card(acquisition))).toMatch(/^Fabrikam buys Tailspin — Acquisition, Completed/);
  });

  it('Discord: the content, above the card, with mentions broken', () => {
    const m = renderDiscord(card(acquisition, ANSWER), ids);
    expect(validateMessage(m as never, true)).toEqual([]);
    expect(m.content).toBe('Fabrikam paid $68.7 billion in cash for Tailspin \\<@U123\\> (announced 18 Jan 2022, completed 13 Oct 2023).');
    expect(m.embeds[0]!.title).toBe('Fabrikam buys Tailspin');
  });

  it('console: the first line (wrapped at 100 columns like any paragraph), then a blank line, then the card', () => {
    const lines = renderText(card(acquisition, ANSWER)).text.split('\n');
    const blank = lines.indexOf('');
    expect(lines.slice(0, blank).join(' ')).toBe(ANSWER);
    expect(lines[blank + 1]).toBe('Fabrikam buys Tailspin');
  });

  it('not found: the honest sentence first, then the usual message', () => {
    const nf: NotFoundReply = {
      kind: 'not_found',
      answer: 'dealbot has no record of Contoso buying Tailspin.',
      query: 'how much did contoso pay for tailspin',
      message: 'No deal found for "how much did contoso pay for tailspin".',
      suggestions: [{ label: 'Fabrikam buys Tailspin (2022)', target: { command: 'deal', options: { query: acquisition.slug } } }],
    };
    expect(renderText(nf).text.split('\n').slice(0, 2)).toEqual([nf.answer, nf.message]);
    expect(renderDiscord(nf, ids).content.split('\n')[0]).toBe(nf.answer);
    const slack = renderSlack(nf);
    expect(allText(slack.blocks)[0]).toBe(nf.answer);
    expect(slack.text).toBe(nf.answer);
  });
});

describe('counts and ranked lists', () => {
  it('Slack: answer, title, breakdown, then the deals counted with value and closing date', () => {
    const msg = renderSlack(count);
    expect(checkMessage(msg as never)).toEqual([]);
    const texts = allText(msg.blocks);
    expect(texts[0]).toBe(count.answer);
    expect(texts).toContain('*By type*\n• Acquisition: 2 (1 completed, 1 terminated)\n• Investment: 1 (1 signed)');
    expect(texts.find((t) => t.startsWith('*Fabrikam buys Tailspin*'))).toBe(
      '*Fabrikam buys Tailspin*\nAcquisition · Completed · 18 Jan 2022 · $68.7 billion · completed 13 Oct 2023 · `fabrikam-tailspin-2022`',
    );
    expect(texts.find((t) => t.startsWith('*Still open*'))).toBe('*Still open*\nAcquisition · Pending · 2024 · `open-deal-2024`');
    expect(msg.text).toBe(count.answer);
  });

  it('Discord: answer in the content, the counted deals listed, the breakdown as a field', () => {
    const m = renderDiscord(count, ids);
    expect(validateMessage(m as never, true)).toEqual([]);
    expect(m.content).toBe(count.answer);
    const e = m.embeds[0]!;
    expect(e.description).toContain('**2.** Contoso and Northwind call it off — Acquisition · Terminated · Sep 2020 · $68.7 billion · terminated Feb 2022 · `contoso-northwind-2020`');
    expect(e.fields).toEqual([{ name: 'By type', value: '• Acquisition: 2 (1 completed, 1 terminated)\n• Investment: 1 (1 signed)', inline: false }]);
    expect(e.footer?.text).toBe('Page 1 of 1 · 3 deals');
  });

  it('console: answer, title, breakdown, numbered deals', () => {
    const { text, choices } = renderText(count);
    const lines = text.split('\n');
    expect(lines[0]).toBe(count.answer);
    expect(lines).toContain('  Acquisition: 2 (1 completed, 1 terminated)');
    expect(lines).toContain('  [1] Fabrikam buys Tailspin — Acquisition, Completed, 18 Jan 2022, $68.7 billion, completed 13 Oct 2023  (fabrikam-tailspin-2022)');
    expect(choices).toHaveLength(3);
  });

  it('a ranked list leads with its one-line answer on every platform', () => {
    expect(renderText(ranked).text.split('\n')[0]).toBe(ranked.answer);
    expect(renderDiscord(ranked, ids).content).toBe(ranked.answer);
    expect(allText(renderSlack(ranked).blocks)[0]).toBe(ranked.answer);
    expect(renderSlack(ranked).text).toBe(ranked.answer);
  });
});
