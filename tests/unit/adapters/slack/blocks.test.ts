// Rendering is pure: these tests check every reply kind against the same limits the fake Slack enforces, at the
// largest sizes the deal schema allows, and that stored text can never become markup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fallbackText, renderMessage, renderResultModal } from '../../../../src/adapters/slack/blocks.ts';
import { escapeMrkdwn, link, mrkdwn, plain, slackTextToPlain, truncate } from '../../../../src/adapters/slack/escape.ts';
import { decodeTarget } from '../../../../src/core/targets.ts';
import type { DealRef, DealReply, Reply } from '../../../../src/core/replies.ts';
import { LIMITS, type Deal } from '../../../../src/deals/schema.ts';
import { buttonsIn, checkMessage, checkView, mrkdwnTexts } from '../../../fakes/slack.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const nasty = (n: number) => '<!channel> & <@U1> *x* '.repeat(Math.ceil(n / 23)).slice(0, n);

function biggestDeal(): Deal {
  return {
    slug: 'a'.repeat(LIMITS.slug),
    title: nasty(LIMITS.title),
    type: 'acquisition',
    status: 'completed',
    binding: true,
    announced: '2020-01-02',
    parties: Array.from({ length: LIMITS.parties }, (_, i) => ({ name: `${i}${nasty(LIMITS.partyName - 2)}`, role: 'acquirer' as const })),
    value: { amount: 123456789012, currency: 'USD', note: nasty(LIMITS.note) },
    areas: Array.from({ length: LIMITS.areas }, () => nasty(LIMITS.area)),
    summary: nasty(LIMITS.summary),
    quotes: Array.from({ length: LIMITS.quotes }, () => ({ speaker: nasty(LIMITS.speaker), title: nasty(LIMITS.speakerTitle), text: nasty(LIMITS.quoteText) })),
    sources: Array.from({ length: LIMITS.sources }, (_, i) => ({
      url: `https://example.com/${i}/${'x|>'.repeat(150)}`.slice(0, LIMITS.url),
      publisher: nasty(LIMITS.publisher),
      title: nasty(LIMITS.sourceTitle),
      published: '2020-01',
    })),
  };
}

const ref = (i: number): DealRef => ({
  slug: `deal-${i}`,
  title: nasty(LIMITS.title),
  type: 'mou',
  status: 'signed',
  announced: '2018-02-23',
  target: { command: 'deal', options: { query: `deal-${i}` } },
});

describe('deal card', () => {
  it('fits Slack limits at the schema maximum, with 40 alternatives', () => {
    const reply: DealReply = { kind: 'deal', deal: biggestDeal(), version: 1, alternatives: Array.from({ length: 40 }, (_, i) => ref(i)), notice: nasty(300) };
    const msg = renderMessage(reply, { shareable: true });
    expect(checkMessage(msg as never)).toEqual([]);
    expect(checkView(renderResultModal(reply))).toEqual([]);
    for (const t of [...mrkdwnTexts(msg.blocks), msg.text]) expect(t).not.toMatch(/<!channel>|<@U1>/);
    // The alternatives beyond Slack's 25 buttons per actions block go into a second block rather than vanishing.
    expect(buttonsIn(msg.blocks).filter((b) => String(b.action_id).startsWith('run:'))).toHaveLength(40);
  });

  it('shows header, parties, type, status, date, value, areas, summary, quote and source links', () => {
    const deal: Deal = {
      slug: 'x-y-2018',
      title: 'X and Y sign an MoU',
      type: 'mou',
      status: 'signed',
      binding: false,
      announced: '2018-02-23',
      parties: [
        { name: 'X', role: 'partner' },
        { name: 'Y', role: 'partner' },
      ],
      areas: ['cloud', 'AI'],
      summary: 'They agree to work together.',
      quotes: [{ speaker: 'A. Person', title: 'CEO', text: 'Good news.' }],
      sources: [{ url: 'https://example.com/a', publisher: 'Example', title: 'Story', published: '2018-02-23' }],
    };
    const msg = renderMessage({ kind: 'deal', deal, version: 1, alternatives: [] }, { shareable: true });
    const header = msg.blocks.find((b) => b.type === 'header') as { text: { text: string } };
    expect(header.text.text).toBe('X and Y sign an MoU');
    const all = mrkdwnTexts(msg.blocks).join('\n');
    for (const s of ['*Parties*', 'X (partner)', 'MoU · not binding', 'Signed', '23 Feb 2018', 'Not disclosed', 'cloud, AI', 'They agree', 'Good news.', 'A. Person, CEO']) {
      expect(all).toContain(s);
    }
    expect(all).toContain('<https://example.com/a|Example — Story>');
    const share = buttonsIn(msg.blocks).find((b) => b.action_id === 'share');
    expect(decodeTarget(share!.value as string)).toEqual({ command: 'deal', options: { query: 'x-y-2018' } });
    expect(fallbackText({ kind: 'deal', deal, version: 1, alternatives: [] })).toBe('X and Y sign an MoU — MoU, Signed, 23 Feb 2018');
  });
});

describe('every reply kind fits Slack', () => {
  const big: Reply[] = [
    { kind: 'not_found', query: 'q', message: nasty(5000), suggestions: Array.from({ length: 60 }, (_, i) => ({ label: nasty(200), target: { command: 'deal', options: { query: `s${i}` } } })) },
    { kind: 'list', title: nasty(400), items: Array.from({ length: 60 }, (_, i) => ref(i)), page: 2, pageCount: 9, total: 90, prev: { command: 'deals', options: { page: 1 } }, next: { command: 'deals', options: { page: 3 } } },
    { kind: 'list', title: 'Empty', items: [], page: 1, pageCount: 1, total: 0, emptyMessage: nasty(4000) },
    { kind: 'help', title: nasty(300), intro: nasty(4000), commands: Array.from({ length: 80 }, () => ({ usage: nasty(100), description: nasty(300), admin: true })), examples: Array.from({ length: 50 }, () => nasty(90)) },
    { kind: 'error', code: 'bad_input', message: nasty(5000), fieldErrors: Array.from({ length: 50 }, () => ({ field: 'details', message: nasty(300) })) },
    { kind: 'confirm', message: nasty(5000), confirm: { label: nasty(200), target: { command: 'deal-admin', subcommand: 'remove-confirm', options: { slug: 'x' } } }, cancelLabel: nasty(200) },
    { kind: 'done', message: nasty(5000), actions: [{ label: 'Undo', target: { command: 'deal-admin', subcommand: 'restore', options: { slug: 'x' } } }, { label: 'Source', url: 'https://example.com' }], deal: ref(1) },
    { kind: 'history', entries: Array.from({ length: 80 }, () => ({ at: '2024-01-01T00:00:00Z', actor: nasty(50), platform: 'slack', action: 'deal.update', subject: nasty(64), changes: [{ field: 'summary', before: nasty(1500), after: nasty(1500) }] })) },
    { kind: 'stats', days: 30, deals: 9, queries: 9, found: 1, notFound: 8, top: Array.from({ length: 50 }, () => ({ query: nasty(200), count: 3 })), misses: Array.from({ length: 50 }, () => ({ query: nasty(200), count: 2 })) },
  ];
  for (const reply of big) {
    it(`${reply.kind}: within message and modal limits, markup escaped`, () => {
      const msg = renderMessage(reply);
      expect(checkMessage(msg as never)).toEqual([]);
      expect(checkView(renderResultModal(reply, nasty(100)))).toEqual([]);
      for (const t of [...mrkdwnTexts(msg.blocks), msg.text]) expect(t).not.toMatch(/<!channel>|<@U1>/);
    });
  }

  it('a button whose target does not fit an action value is left out, never cut', () => {
    const msg = renderMessage({ kind: 'not_found', query: 'q', message: 'm', suggestions: [{ label: 'long', target: { command: 'deal', options: { query: 'x'.repeat(3000) } } }] });
    expect(buttonsIn(msg.blocks)).toHaveLength(0);
  });
});

describe('escaping', () => {
  it('escapes & < > only', () => {
    expect(escapeMrkdwn('a & b <!channel> *bold* _i_ "q"')).toBe('a &amp; b &lt;!channel&gt; *bold* _i_ "q"');
  });

  it('mrkdwn() output never contains markup, stays within the limit and never splits an entity', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', '!', '@', 'a', '\u0000', '\n', '😀', 'é') , maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (s, max) => {
        const out = mrkdwn(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[\u0000-\u0008]/);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }),
      { numRuns: RUNS },
    );
  });

  it('truncate marks the cut with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(plain('a\nb\tc', 10)).toBe('a b c');
  });

  it('links only http(s) URLs and keeps the label from breaking out', () => {
    expect(link('https://example.com/a|b>c', 'x|<!channel>')).toBe('<https://example.com/a%7Cb%3Ec|x¦&lt;!channel&gt;>');
    expect(link('javascript:alert(1)', 'click')).toBe('click');
  });

  it('turns Slack message text back into plain text for ingest', () => {
    expect(slackTextToPlain('<https://example.com/story|example.com/story>')).toBe('https://example.com/story');
    expect(slackTextToPlain('see <https://a.example/x|the story> &amp; <!channel> <@U1>')).toBe('see the story (https://a.example/x) &  ');
  });
});
