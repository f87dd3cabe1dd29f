// The renderer against Discord's limits, with no client: the fake's validators are Discord's rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, cutLines, fitEmbed, embedLength, inert, renderChoices, renderDealMessage, renderMessage, renderModal } from '../../../../src/adapters/discord/render.ts';
import { DISCORD_LIMITS } from '../../../../src/adapters/discord/limits.ts';
import { dealRef, type DealReply, type FormReply, type InvokeTarget } from '../../../../src/core/replies.ts';
import { encodeTarget } from '../../../../src/core/targets.ts';
import type { Deal } from '../../../../src/deals/schema.ts';
import { validateChoices, validateMessage, validateModal } from '../../../fakes/discord.ts';

const ids = (t: InvokeTarget) => {
  const e = encodeTarget(t);
  return e.length <= 100 ? e : `~t:${e.length}`;
};

function bigDeal(text: (n: number) => string): Deal {
  return {
    slug: 'a'.repeat(64),
    title: text(150),
    type: 'acquisition',
    status: 'completed',
    announced: '2020-02-03',
    parties: Array.from({ length: 10 }, (_, i) => ({ name: text(80) + i, role: 'acquirer' as const })),
    value: { amount: 123456789012, currency: 'USD', note: text(200) },
    areas: Array.from({ length: 12 }, () => text(40)),
    summary: text(1500),
    quotes: Array.from({ length: 5 }, () => ({ speaker: text(80), title: text(120), text: text(500) })),
    sources: Array.from({ length: 10 }, (_, i) => ({
      url: `https://example.com/${'p'.repeat(440)}/${i}`,
      publisher: text(80),
      title: text(200),
      published: '2020-02-03',
    })),
  };
}

function dealReply(deal: Deal, alternatives = 4): DealReply {
  const alts = Array.from({ length: alternatives }, (_, i) => dealRef({ ...deal, slug: `alt-${i}-${'x'.repeat(60)}`, title: deal.title + i }));
  return { kind: 'deal', deal, version: 3, alternatives: alts, notice: 'Showing results for "x" (you typed "y").' };
}

describe('Discord rendering stays within Discord limits', () => {
  it('a deal with every field at its maximum fits, with text cut by an ellipsis', () => {
    const deal = bigDeal((n) => '*'.repeat(n));
    const msg = renderDealMessage(dealReply(deal), ids);
    expect(validateMessage({ ...msg }, true)).toEqual([]);
    const embed = msg.embeds[0]!;
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(msg.components.length).toBeLessThanOrEqual(5);
  });

  it('many alternatives become one select menu; custom ids never exceed 100 characters', () => {
    const msg = renderDealMessage(dealReply(bigDeal((n) => 'w'.repeat(n)), 30), ids);
    expect(validateMessage({ ...msg }, true)).toEqual([]);
    const select = msg.components.flatMap((r) => r.components).find((c) => c.type === 3);
    expect(select).toBeDefined();
    expect(JSON.stringify(msg.components)).not.toMatch(/"custom_id":"[^"]{101,}"/);
  });

  it('any stored text renders inert and within limits (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('@everyone ', '@here', '<@&1>', '**', '_', '`', '\u0007', '\n', '# ', '[x](http://e.vil)', 'é', '😀', 'a', ' '), maxLength: 60 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const deal = bigDeal((n) => (a + b).slice(0, n) || 'x');
        deal.summary = (a + b).repeat(30).slice(0, 1500) || 'x';
        const msg = renderDealMessage(dealReply(deal), ids);
        expect(validateMessage({ ...msg }, true)).toEqual([]);
        const all = JSON.stringify(msg.embeds);
        // Escaped (\<) mention syntax is plain text; raw mention syntax must never remain.
        expect(all).not.toMatch(/@everyone|@here|(?<!\\\\)<@/);
        expect(all).not.toMatch(/\\u0007/);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
    );
  });

  it('neutralises mentions, markdown and control characters', () => {
    expect(inert('@everyone look')).toBe('@\u200beveryone look');
    expect(inert('**bold** <@123> [x](y)')).toBe('\\*\\*bold\\*\\* \\<@\u200b123\\> \\[x\\](y)');
    expect(inert('a\u0000b\u202ec')).toBe('abc');
    expect(inert('# title\n- item')).toBe('\\# title\n\\- item');
  });

  it('cuts with an ellipsis to exactly the limit, never splitting a surrogate pair or ending in an escape', () => {
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('ab😀cd', 4)).toBe('ab…');
    expect(cut('ab\\*cd', 4)).toBe('ab…');
    expect(cut('short', 10)).toBe('short');
  });

  it('fitEmbed brings an embed of 25 full fields under 6000 characters', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(1024) }));
    const e = fitEmbed({ title: 't'.repeat(300), description: 'd'.repeat(5000), fields, footer: { text: 'x' } });
    expect(embedLength(e)).toBeLessThanOrEqual(6000);
    expect(e.fields!.length).toBeLessThanOrEqual(25);
    expect(validateMessage({ embeds: [e] }, true)).toEqual([]);
  });

  it('a list renders a select to open deals and Prev/Next buttons with encoded targets', () => {
    const d = bigDeal((n) => 'l'.repeat(n));
    const items = Array.from({ length: 10 }, (_, i) => dealRef({ ...d, slug: `deal-${i}` }));
    const msg = renderMessage(
      { kind: 'list', title: 'Latest deals', items, page: 2, pageCount: 5, total: 45, prev: { command: 'deals', options: { page: 1 } }, next: { command: 'deals', options: { page: 3 } } },
      ids,
    );
    expect(validateMessage({ ...msg }, true)).toEqual([]);
    const buttons = msg.components.flatMap((r) => r.components).filter((c) => c.type === 2) as { custom_id: string }[];
    expect(buttons.map((b) => b.custom_id)).toEqual(['deals?page=1', 'deals?page=3']);
    expect(msg.embeds[0]!.footer!.text).toBe('Page 2 of 5 · 45 deals');
  });

  it('duplicate suggestion targets do not produce duplicate custom ids', () => {
    const t = { command: 'deal', options: { query: 'same' } };
    const msg = renderMessage({ kind: 'not_found', query: 'q', message: 'No deal found for "q".', suggestions: [{ label: 'A', target: t }, { label: 'B', target: t }] }, ids);
    expect(validateMessage({ ...msg }, true)).toEqual([]);
    expect(msg.components[0]!.components).toHaveLength(1);
  });

  it('a form renders as a modal of at most five inputs within the modal limits', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({
      id: `f${i}`,
      label: `A label that is much longer than forty-five characters, number ${i}`,
      style: 'paragraph' as const,
      required: i < 2,
      maxLength: 6000,
      value: 'v'.repeat(5000),
      placeholder: 'p'.repeat(300),
      hint: 'h'.repeat(300),
    }));
    const form: FormReply = {
      kind: 'form',
      formId: 'deal',
      title: 'A form title that is far too long for a Discord modal',
      fields,
      compactFieldIds: ['f0', 'f2', 'f4', 'f6', 'f7', 'f1'],
      submit: { command: 'deal-admin', subcommand: 'save', options: { mode: 'add' } },
      submitLabel: 'Save',
    };
    const modal = renderModal(form, '~f:abc');
    expect(validateModal(modal as unknown as Record<string, unknown>)).toEqual([]);
    expect(modal.components.map((c) => ('component' in c ? c.component.custom_id : ''))).toEqual(['f0', 'f2', 'f4', 'f6', 'f7']);
  });

  it('autocomplete choices: at most 25, names cut to 100, unusable values dropped', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `${'n'.repeat(150)}${i}`, value: `slug-${i}` }));
    many.unshift({ name: 'too long a value', value: 'v'.repeat(101) }, { name: '', value: 'empty-name' });
    const out = renderChoices(many);
    expect(validateChoices({ choices: out })).toEqual([]);
    expect(out).toHaveLength(25);
    expect(out[0]!.value).toBe('slug-0');
  });
});

describe('cutting multi-line fields', () => {
  it('drops whole lines, so a cut never ends inside a markdown link', () => {
    const lines = Array.from({ length: 8 }, (_, i) => `• [Source ${i}](https://example.com/${'x'.repeat(150)}/${i})`);
    const out = cutLines(lines.join('\n'), 1024);
    expect(out.length).toBeLessThanOrEqual(1024);
    expect(out.endsWith('\n…')).toBe(true);
    for (const line of out.split('\n').slice(0, -1)) expect(line).toMatch(/^• \[Source \d\]\(https:\/\/example\.com\/x+\/\d\)$/);
    expect(cutLines('short', 10)).toBe('short');
    expect(cutLines('one long line', 5)).toBe('one …');
  });
});
