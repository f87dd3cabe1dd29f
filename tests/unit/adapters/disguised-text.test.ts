// Issue 12, item 5: disguised links and invisible text. A source whose publisher reads "reuters.com" but points at
// another host must show the real host on every platform; U+202E (right-to-left override) must not survive any
// renderer; the schema must not accept lone surrogates, zero-width-only names or stacks of combining marks.
import { describe, expect, it } from 'vitest';
import { renderMessage as renderDiscord } from '../../../src/adapters/discord/render.ts';
import { renderMessage as renderSlack } from '../../../src/adapters/slack/blocks.ts';
import { renderText } from '../../../src/adapters/console/render.ts';
import type { DealReply, InvokeTarget } from '../../../src/core/replies.ts';
import { encodeTarget } from '../../../src/core/targets.ts';
import { validateDeal, type Deal } from '../../../src/deals/schema.ts';
import { allText } from '../../fakes/slack.ts';

const RLO = '\u202e';
const ids = (t: InvokeTarget) => encodeTarget(t).slice(0, 100);

function deal(over: Partial<Deal> = {}): Deal {
  return {
    slug: 'acme-globex-2021',
    title: 'Acme buys Globex',
    type: 'acquisition',
    status: 'completed',
    announced: '2021-03-04',
    parties: [
      { name: 'Acme', role: 'acquirer' },
      { name: 'Globex', role: 'target' },
    ],
    areas: ['cloud'],
    summary: 'Acme agreed to buy Globex.',
    sources: [{ url: 'https://evil.example/story', publisher: 'reuters.com' }],
    ...over,
  };
}

const reply = (d: Deal): DealReply => ({ kind: 'deal', deal: d, version: 1, alternatives: [] });

function strings(x: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(x);
  return out;
}

describe('a publisher that names another host', () => {
  it('Discord shows the real host in the sources field and on the link button', () => {
    const msg = renderDiscord(reply(deal()), ids);
    const sources = msg.embeds[0]!.fields!.find((f) => f.name === 'Sources')!.value;
    expect(sources).toContain('[evil.example](https://evil.example/story)');
    expect(sources).not.toContain('reuters');
    const buttons = msg.components.flatMap((r) => r.components) as { label?: string; url?: string }[];
    const link = buttons.find((b) => b.url === 'https://evil.example/story')!;
    expect(link.label).toBe('evil.example');
  });

  it('Slack shows the real host as the link text', () => {
    const texts = allText(renderSlack(reply(deal())).blocks).join('\n');
    expect(texts).toContain('<https://evil.example/story|evil.example>');
    expect(texts).not.toContain('reuters');
  });

  it('the console shows the real host beside the address', () => {
    const out = renderText(reply(deal())).text;
    expect(out).not.toContain('reuters');
    expect(out).toContain('evil.example');
  });

  it('look-alike dots and a host inside a longer label count as naming a host', () => {
    for (const publisher of ['reuters．com', 'Reuters (reuters.com)', 'www.reuters', 'news.bbc.co.uk report']) {
      const msg = renderDiscord(reply(deal({ sources: [{ url: 'https://evil.example/a', publisher }] })), ids);
      const sources = msg.embeds[0]!.fields!.find((f) => f.name === 'Sources')!.value;
      expect(sources, publisher).toBe('• [evil.example](https://evil.example/a)');
    }
  });

  it('plain text that names no host is kept as the label', () => {
    const d = deal({ sources: [{ url: 'https://www.reuters.com/x', publisher: 'Reuters', title: 'Acme to buy Globex for $1.5bn' }] });
    const sources = renderDiscord(reply(d), ids).embeds[0]!.fields!.find((f) => f.name === 'Sources')!.value;
    expect(sources).toContain('[Reuters — Acme to buy Globex for $1.5bn](https://www.reuters.com/x)');
    expect(allText(renderSlack(reply(d)).blocks).join('\n')).toContain('|Reuters — Acme to buy Globex for $1.5bn>');
  });
});

describe('bidi controls and zero-width characters in stored text', () => {
  // Stored before the schema cleaned text, or written by hand into the database: renderers must not trust it.
  const hostile = deal({
    title: `Acme ${RLO}gpj.exe buys Globex`,
    summary: `Acme agreed${RLO} to buy\u200b Globex\u2066.`,
    parties: [
      { name: `Ac${RLO}me`, role: 'acquirer' },
      { name: 'Globex\u200b', role: 'target' },
    ],
    sources: [{ url: 'https://example.com/a', publisher: `News${RLO}Wire` }],
  });

  it('Slack strips U+202E and the other bidi and zero-width characters everywhere', () => {
    const all = strings(renderSlack(reply(hostile))).join('\n');
    expect(all).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
    expect(all).toContain('Acme gpj.exe buys Globex');
  });

  it('Discord and the console strip them too', () => {
    expect(strings(renderDiscord(reply(hostile), ids)).join('\n')).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
    expect(renderText(reply(hostile)).text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
  });

  it('a lone surrogate never reaches a platform', () => {
    const d = deal({ summary: 'broken \ud800 text \udc00 here' });
    const all = [...strings(renderSlack(reply(d))), ...strings(renderDiscord(reply(d), ids)), renderText(reply(d)).text].join('\n');
    expect(all).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});

describe('the schema', () => {
  const input = (over: Record<string, unknown>) => ({ ...deal(), slug: undefined, ...over });

  it('refuses a party name made only of zero-width characters', () => {
    const v = validateDeal(input({ parties: [{ name: '\u200b\u200b\u2060', role: 'acquirer' }] }));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems.map((p) => p.field)).toContain('parties.0.name');
  });

  it('removes lone surrogates, bidi controls and zero-width characters from text fields', () => {
    const v = validateDeal(input({ title: `Acme ${RLO}buys\u200b Globex \ud800`, summary: `Fine\u2067 text\udc00.` }));
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.value.title).toBe('Acme buys Globex');
      expect(v.value.summary).toBe('Fine text.');
    }
  });

  it('caps a stack of combining marks', () => {
    const zalgo = 'A' + '\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(10) + 'cme';
    const v = validateDeal(input({ parties: [{ name: zalgo, role: 'acquirer' }] }));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.value.parties[0]!.name.length).toBeLessThanOrEqual(1 + 4 + 3);
  });

  it('keeps accents, scripts that need joiners, and emoji sequences', () => {
    const names = ['Société Générale', 'Nguyễn', 'می‌خواهم', '👩‍💻 Labs'];
    const v = validateDeal(input({ parties: names.map((name) => ({ name, role: 'partner' })) }));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.value.parties.map((p) => p.name)).toEqual(names);
  });
});
