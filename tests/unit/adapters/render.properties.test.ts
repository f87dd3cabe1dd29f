// Any deal text renders within Discord's and Slack's limits and never produces a mention, a broken markup or a
// disguised link on either platform. Limits are checked with the same validators the loopback fakes use.
import { displayText } from '../../../src/deals/text-safety.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMessage as renderDiscord, answerContent, inert, type DiscordMessage } from '../../../src/adapters/discord/render.ts';
import { DISCORD_LIMITS } from '../../../src/adapters/discord/limits.ts';
import { renderMessage as renderSlack } from '../../../src/adapters/slack/blocks.ts';
import { mrkdwn } from '../../../src/adapters/slack/escape.ts';
import { SLACK_LIMITS } from '../../../src/adapters/slack/limits.ts';
import { renderText } from '../../../src/adapters/console/render.ts';
import { encodeTarget } from '../../../src/core/targets.ts';
import { privateWithNotice } from '../../../src/core/limits.ts';
import { dealRef, type FormReply, type InvokeTarget, type Reply } from '../../../src/core/replies.ts';
import { DEAL_STATUSES, DEAL_TYPES, LIMITS, PARTY_ROLES, type Deal } from '../../../src/deals/schema.ts';
import { validateMessage } from '../../fakes/discord.ts';
import { checkMessage } from '../../fakes/slack.ts';
import { hostileText, params } from '../../helpers/properties.ts';

/**
 * Text the deal schema accepts (trimmed, not empty, no control characters but newlines where allowed) made of hostile
 * pieces: mentions, markup, links, invisible and bidirectional characters all pass the schema, so renderers see them.
 */
// eslint-disable-next-line no-control-regex -- the schema's own rule
const SCHEMA_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/g;
const nonEmpty = (max: number, multiline = false) =>
  hostileText(max).map((s) => {
    // eslint-disable-next-line no-control-regex -- the schema's own rule
    const t = s.replace(multiline ? SCHEMA_CONTROL : /[\u0000-\u001f\u007f]/g, '').trim().slice(0, max);
    return /[\p{L}\p{N}]/u.test(t) ? t : `x${t}`.slice(0, max);
  });

const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => u.length <= LIMITS.url),
  fc.constantFrom(
    'https://example.com/a_b*c~d',
    'https://evil.example/x?y=(1)|<a>&b=2',
    'https://example.org/path)with)parens',
    'https://example.net/>break|label',
    'http://127.0.0.1:8080/x',
  ),
);

const deal: fc.Arbitrary<Deal> = fc.record({
  slug: fc.constantFrom('acme-globex-2020', 'a', 'x'.repeat(64), 'deal-9-9'),
  title: nonEmpty(LIMITS.title),
  type: fc.constantFrom(...DEAL_TYPES),
  status: fc.constantFrom(...DEAL_STATUSES),
  binding: fc.option(fc.boolean(), { nil: undefined }),
  announced: fc.constantFrom('2020', '2020-03', '2020-03-05'),
  closed: fc.option(fc.constantFrom('2020', '2021-11', '2022-02-08'), { nil: undefined }),
  parties: fc.array(
    fc.record({
      name: nonEmpty(LIMITS.partyName),
      role: fc.constantFrom(...PARTY_ROLES),
      aliases: fc.option(fc.array(nonEmpty(LIMITS.alias), { maxLength: 3 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: LIMITS.parties },
  ),
  value: fc.option(
    fc.record({
      amount: fc.double({ min: 0, max: 1e15, noNaN: true }),
      currency: fc.constantFrom('USD', 'EUR', 'CNY'),
      note: fc.option(nonEmpty(LIMITS.note), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  areas: fc.array(nonEmpty(LIMITS.area), { maxLength: LIMITS.areas }),
  summary: nonEmpty(LIMITS.summary, true),
  quotes: fc.option(
    fc.array(
      fc.record({
        speaker: nonEmpty(LIMITS.speaker),
        title: fc.option(nonEmpty(LIMITS.speakerTitle), { nil: undefined }),
        text: nonEmpty(LIMITS.quoteText),
        paraphrased: fc.option(fc.boolean(), { nil: undefined }),
      }),
      { maxLength: LIMITS.quotes },
    ),
    { nil: undefined },
  ),
  sources: fc.array(
    fc.record({
      url,
      publisher: fc.option(nonEmpty(LIMITS.publisher), { nil: undefined }),
      title: fc.option(nonEmpty(LIMITS.sourceTitle), { nil: undefined }),
      published: fc.option(fc.constantFrom('2021', '2021-07-09'), { nil: undefined }),
    }),
    { minLength: 1, maxLength: LIMITS.sources },
  ),
}) as fc.Arbitrary<Deal>;

const target: fc.Arbitrary<InvokeTarget> = fc.record({
  command: fc.constantFrom('deal', 'deals'),
  options: fc.record({ query: hostileText(200) }),
});

/**
 * An answer sentence: built by the core from stored fields, so it can hold any stored text (names, titles, notes) —
 * and it can be long when it names many parties.
 */
const answer = fc.option(fc.oneof(nonEmpty(300), nonEmpty(LIMITS.summary)), { nil: undefined });
const ask = fc.option(fc.constantFrom('show' as const, 'value' as const, 'closed' as const, 'count' as const, 'list' as const), { nil: undefined });

const listFields = {
  title: nonEmpty(200),
  items: fc.array(deal.map((d) => dealRef(d)), { maxLength: 10 }),
  page: fc.integer({ min: 1, max: 10_000 }),
  pageCount: fc.integer({ min: 1, max: 10_000 }),
  total: fc.nat(),
  prev: fc.option(target, { nil: undefined }),
  next: fc.option(target, { nil: undefined }),
  emptyMessage: fc.option(nonEmpty(200), { nil: undefined }),
};

const breakdown = fc.array(
  fc.record({
    type: fc.constantFrom(...DEAL_TYPES),
    count: fc.nat({ max: 100_000 }),
    byStatus: fc.dictionary(fc.constantFrom(...DEAL_STATUSES), fc.nat({ max: 100_000 }), { maxKeys: DEAL_STATUSES.length }),
  }),
  { maxLength: DEAL_TYPES.length },
);

const reply: fc.Arbitrary<Exclude<Reply, FormReply>> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('deal' as const),
      answer,
      ask,
      deal,
      version: fc.nat(),
      alternatives: fc.array(deal.map((d) => dealRef(d)), { maxLength: 10 }),
      notice: fc.option(nonEmpty(200), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('count' as const), answer: nonEmpty(600), ask, count: fc.nat(), breakdown, ...listFields }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('list' as const),
      answer,
      ask,
      title: nonEmpty(200),
      items: fc.array(deal.map((d) => dealRef(d)), { maxLength: 10 }),
      page: fc.integer({ min: 1, max: 10_000 }),
      pageCount: fc.integer({ min: 1, max: 10_000 }),
      total: fc.nat(),
      prev: fc.option(target, { nil: undefined }),
      next: fc.option(target, { nil: undefined }),
      emptyMessage: fc.option(nonEmpty(200), { nil: undefined }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('not_found' as const),
      answer,
      query: hostileText(200),
      message: nonEmpty(300),
      suggestions: fc.array(fc.record({ label: nonEmpty(120), target }), { maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('error' as const), code: fc.constantFrom('bad_input' as const, 'internal' as const), message: nonEmpty(600), private: fc.constant(true) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('done' as const),
      message: nonEmpty(400),
      // Action labels are the core's own words ("Undo", "Open"), not stored text.
      actions: fc.array(fc.oneof(fc.record({ label: fc.constantFrom('Undo', 'Open', 'Edit'), target }), fc.record({ label: fc.constantFrom('Source', 'Open article'), url })), { maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('history' as const),
      subject: fc.option(hostileText(64), { nil: undefined }),
      entries: fc.array(
        fc.record({
          at: fc.constant('2024-01-02T03:04:05.000Z'),
          actor: nonEmpty(100),
          platform: fc.constantFrom('slack', 'discord', 'cli'),
          action: fc.constantFrom('deal.edit', 'alias.add'),
          subject: nonEmpty(64),
          changes: fc.array(fc.record({ field: nonEmpty(20), before: hostileText(300), after: hostileText(300) }), { maxLength: 5 }),
        }),
        { maxLength: 20 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stats' as const),
      days: fc.integer({ min: 1, max: 3650 }),
      deals: fc.nat(),
      queries: fc.nat(),
      found: fc.nat(),
      notFound: fc.nat(),
      top: fc.array(fc.record({ query: nonEmpty(200), count: fc.nat() }), { maxLength: 10 }),
      misses: fc.array(fc.record({ query: nonEmpty(200), count: fc.nat() }), { maxLength: 10 }),
    }),
  },
);

/** What adapters do with a reply the channel's budget turned private: render it too. */
const anyReply = fc.tuple(reply, fc.boolean()).map(([r, busy]) => (busy ? (privateWithNotice(r) as Exclude<Reply, FormReply>) : r));

// ------------------------------------------------------------------------------------------------ shared checks

/** A label that reads as an address: a URL anywhere in it, or nothing but a domain (a headline naming a company is fine). */
const LOOKS_LIKE_ADDRESS = /https?:\/\/[^\s|<>)\]]+|www\.[^\s|<>)\]]+|^\s*[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/\S*)?\s*$/i;

function hostOf(u: string): string {
  try {
    return new URL(u.replace(/&amp;/g, '&')).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** A link label may name a place only if it names the place the link goes to. */
function expectNotDisguised(label: string, href: string): void {
  const m = LOOKS_LIKE_ADDRESS.exec(label.replace(/\\/g, '').replace(/\u200b/g, ''));
  if (!m) return;
  const named = hostOf(m[0].startsWith('http') ? m[0] : `https://${m[0]}`);
  expect(named === hostOf(href) || hostOf(href).endsWith(`.${named}`), `label "${label}" disguises a link to ${href}`).toBe(true);
}

function sourceUrls(r: Reply): Set<string> {
  const urls = new Set<string>();
  const add = (u: string) => {
    try {
      urls.add(new URL(u).href);
    } catch {
      // invalid: never linked
    }
  };
  if (r.kind === 'deal') r.deal.sources.forEach((s) => add(s.url));
  if (r.kind === 'done') r.actions.forEach((a) => 'url' in a && add(a.url));
  return urls;
}

// ------------------------------------------------------------------------------------------------ Discord

const DISCORD_MENTION = /@(everyone|here)|<@[!&]?\d+>|<#\d+>|<\/[^>:]+:\d+>|<t:\d+(:[a-z])?>/i;

function discordIds(t: InvokeTarget): string {
  const s = encodeTarget(t);
  return s.length <= DISCORD_LIMITS.customId ? s : `~t:${s.length}`;
}

/** Text Discord renders as markdown (and where mentions would resolve). */
function discordMarkdown(m: DiscordMessage): string[] {
  const out = [m.content];
  for (const e of m.embeds) {
    out.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  return out.filter(Boolean);
}

/** Runs of an unescaped character (a backslash escapes the next one). */
function unescaped(s: string, ch: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === ch) n++;
  }
  return n;
}

describe('Discord rendering of any deal text', () => {
  it('stays within every limit Discord enforces', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        const m = renderDiscord(r, discordIds);
        expect(validateMessage(m as unknown as Record<string, unknown>, true)).toEqual([]);
      }),
      params,
    );
  });

  it('never produces a mention, a broken markup or a disguised link', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        const m = renderDiscord(r, discordIds);
        const allowed = sourceUrls(r);
        // Labels of buttons and menus are plain text on Discord (no markdown, no mentions), so only markdown is checked.
        for (const text of discordMarkdown(m)) expect(DISCORD_MENTION.test(text), text).toBe(false);
        for (const text of discordMarkdown(m)) {
          // Every code span, strikethrough, spoiler and emphasis the renderer opens, it closes.
          // (Link addresses are not markdown: they are left out of the count.)
          const prose = text
            .replace(/\]\(<?https?:\/\/[^\s>]*?>?\)(?=\s|$| \()/g, '](…)');
          for (const ch of ['`', '~', '|', '*', '_']) expect(unescaped(prose, ch) % 2, `unbalanced ${ch} in ${JSON.stringify(prose)}`).toBe(0);
          // Masked links only to the deal's own sources, never labelled as somewhere else.
          for (const link of text.matchAll(/(?<!\\)\[((?:\\.|[^[\]\\])*)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g)) {
            const href = decodeURI(link[2]!);
            expect([...allowed].some((u) => decodeURI(u) === href || u === link[2]), `link to ${link[2]} not from a source`).toBe(true);
            expectNotDisguised(link[1]!, link[2]!);
          }
        }
        for (const row of m.components) {
          for (const c of row.components as unknown as Record<string, unknown>[]) {
            if (typeof c.url === 'string') {
              expect(allowed.has(c.url), `button to ${c.url}`).toBe(true);
              expectNotDisguised(String(c.label), c.url);
            }
          }
        }
      }),
      params,
    );
  });

  it('inert() text reads back as the original, minus control characters, with nothing left active', () => {
    fc.assert(
      fc.property(hostileText(300), (s) => {
        const out = inert(s);
        expect(DISCORD_MENTION.test(out)).toBe(false);
        for (const ch of ['`', '~', '|', '*', '_', '[', ']', '<', '>']) expect(unescaped(out, ch), ch).toBe(0);
      }),
      params,
    );
  });
});

// ------------------------------------------------------------------------------------------------ Slack

type Json = Record<string, unknown>;

/** Every mrkdwn text in a Slack message, with the fallback text (notifications render it as mrkdwn too). */
function slackMrkdwn(msg: { text: string; blocks: Json[] }): string[] {
  const out = [msg.text];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(visit);
    }
  };
  visit(msg.blocks);
  return out;
}

describe('Slack rendering of any deal text', () => {
  it('stays within every limit Slack enforces', () => {
    fc.assert(
      fc.property(anyReply, fc.boolean(), (r, shareable) => {
        const m = renderSlack(r, { shareable });
        expect(checkMessage(m as unknown as Json)).toEqual([]);
      }),
      params,
    );
  });

  it('never produces a mention, a broken entity or a disguised link', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        const m = renderSlack(r) as unknown as { text: string; blocks: Json[] };
        const allowed = [...sourceUrls(r)];
        for (const text of slackMrkdwn(m)) {
          // The only <…> Slack will interpret are the renderer's links to the deal's sources.
          for (const angle of text.matchAll(/<([^>]*)>?/g)) {
            const inner = angle[1]!;
            expect(inner, `active <…> in ${JSON.stringify(text)}`).toMatch(/^https?:\/\/[^|<>\s]+\|[^<>|]*$/);
            const [href, label] = inner.split('|') as [string, string];
            const plainHref = href.replace(/&amp;/g, '&');
            expect(allowed.some((u) => u === plainHref || decodeURI(u) === decodeURI(plainHref) || u.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E') === plainHref), `link to ${href}`).toBe(true);
            expectNotDisguised(label, plainHref);
          }
          expect(text).not.toMatch(/<[!@#]/);
          // Every & starts one of the three entities Slack knows.
          expect(text.replace(/&(amp|lt|gt);/g, ''), text).not.toContain('&');
        }
      }),
      params,
    );
  });
});

// ------------------------------------------------------------------------------------------------ the answer first

function answerOf(r: Reply): string | undefined {
  return r.kind === 'deal' || r.kind === 'list' || r.kind === 'count' || r.kind === 'not_found' ? r.answer : undefined;
}

describe('the answer sentence comes first on every platform', () => {
  it('Slack: the first block is the answer, and the notification text is the answer', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        const a = answerOf(r);
        fc.pre(a !== undefined);
        const m = renderSlack(r) as unknown as { text: string; blocks: Json[] };
        expect(m.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(a!, SLACK_LIMITS.sectionText) } });
        expect(m.text).toBe(mrkdwn(a!, SLACK_LIMITS.sectionText));
      }),
      params,
    );
  });

  it('Discord: the message content (above the card, and what a notification shows) starts with the answer', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        const a = answerOf(r);
        fc.pre(a !== undefined);
        const m = renderDiscord(r, discordIds);
        const head = answerContent(a);
        expect(head.length).toBeGreaterThan(0);
        expect(m.content.startsWith(head.slice(0, Math.min(head.length, DISCORD_LIMITS.content - 1)).replace(/…$/, ''))).toBe(true);
        // Where there is an embed, the answer is not squeezed into it: the embed keeps its own title.
        if (r.kind !== 'not_found') expect(m.embeds.length).toBe(1);
      }),
      params,
    );
  });

  it('console: the answer is the first line', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        const a = answerOf(r);
        fc.pre(a !== undefined);
        const first = renderText(r).text.split('\n')[0]!;
        // The console shows text through the text-safety module (no control, bidi or zero-width characters): the
        // answer's first word, as shown, opens the reply.
        const firstWord = displayText(a!, { singleLine: true }).split(/\s+/)[0]!;
        expect(first.startsWith(firstWord)).toBe(true);
      }),
      params,
    );
  });

  it('a reply without an answer renders as before: no empty first section, no empty content', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        fc.pre(answerOf(r) === undefined && (r.kind === 'deal' || r.kind === 'list'));
        const m = renderSlack(r) as unknown as { blocks: Json[] };
        expect(m.blocks[0]!.type === 'header' || m.blocks[0]!.type === 'context').toBe(true);
        expect(renderDiscord(r, discordIds).content).toBe('');
      }),
      params,
    );
  });
});
