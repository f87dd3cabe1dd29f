// Card -> Discord message: the card's pieces as an embed (title, description, fields, footer) or plain content, its
// actions as buttons and select menus (components.ts). Wording comes from the card (core/present); this file only lays it out, makes
// stored text inert (markdown.ts) and keeps within Discord's limits (limits.ts), which the test fake enforces.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIEmbedField } from 'discord.js';
import type { Card, CardItem, CardList, Rich } from '../../core/present/card.ts';
import { componentsOf, type RenderOptions } from './components.ts';
import type { TargetIds } from './custom-ids.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { cut, cutLines, inert, link, richMarkdown } from './markdown.ts';

export type { RenderOptions } from './components.ts';

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}


// ---------------------------------------------------------------------------------------------------------------
// Embeds

function field(name: string, value: string, inline = false): APIEmbedField | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return { name: cut(name, L.embedFieldName), value: cutLines(v, L.embedFieldValue), inline };
}

export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Shrinks the longest texts until the embed fits Discord's total of 6000 characters. */
export function fitEmbed(e: APIEmbed, total: number = L.embedsTotal): APIEmbed {
  const out: APIEmbed = { ...e, fields: e.fields?.slice(0, L.embedFields).map((f) => ({ ...f })) };
  if (out.title) out.title = cut(out.title, L.embedTitle);
  if (out.description) out.description = cut(out.description, L.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: cut(out.footer.text, L.embedFooter) };
  for (let guard = 0; embedLength(out) > total && guard < 100; guard++) {
    const excess = embedLength(out) - total;
    const fields = out.fields ?? [];
    const longestField = fields.reduce<APIEmbedField | undefined>((a, f) => (!a || f.value.length > a.value.length ? f : a), undefined);
    const descLen = out.description?.length ?? 0;
    if (out.description && descLen >= (longestField?.value.length ?? 0) && descLen > 1) {
      out.description = cut(out.description, Math.max(1, descLen - excess));
    } else if (longestField && longestField.value.length > 1) {
      longestField.value = cutLines(longestField.value, Math.max(1, longestField.value.length - excess));
    } else if (fields.length) {
      fields.pop();
    } else if (out.footer) {
      delete out.footer;
    } else if (out.title) {
      out.title = cut(out.title, Math.max(1, out.title.length - excess));
    } else break;
  }
  return out;
}

/** Lines up to `max` characters; the lines that do not fit are counted ("… and 3 more"). */
export function lines(items: string[], max: number): string {
  const out: string[] = [];
  let len = 0;
  for (const [i, line] of items.entries()) {
    const more = items.length - i - 1;
    const tail = more > 0 ? `\n… and ${more} more` : '';
    if (len + line.length + 1 + tail.length > max) {
      out.push(`… and ${items.length - i} more`);
      break;
    }
    out.push(line);
    len += line.length + 1;
  }
  return cut(out.join('\n'), max);
}

/**
 * The answer sentence, shown as the message content: above the card, and the text a notification shows. Stored
 * names in it are made inert like any stored text.
 */
export function answerContent(answer: string | undefined): string {
  return answer ? cut(inert(answer.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')), L.content) : '';
}

const TYPE_COLOURS: Record<string, number> = {
  acquisition: 0x5865f2,
  merger: 0x5865f2,
  investment: 0x57f287,
  partnership: 0xfee75c,
  mou: 0xfee75c,
  joint_venture: 0xeb459e,
};

const TONE_MARK = { plain: '', success: '✔ ', error: '✖ ' } as const;

function listLine(l: CardList, r: Rich): string {
  return l.bullets ? `• ${richMarkdown(r)}` : richMarkdown(r);
}

function itemLine(i: CardItem): string {
  return `**${i.number}.** ${inert(i.title)} — ${i.facts.map(inert).join(' · ')} · \`${i.slug}\``;
}

/** The card's embed: everything but the answer and the actions. */
function embedOf(card: Card): APIEmbed {
  const labelled = card.lists.filter((l) => l.label);
  const unlabelled = card.lists.filter((l) => !l.label);
  const listText = (ls: typeof card.lists, max: number) =>
    ls.map((l) => (l.lines.length ? lines(l.lines.map((r) => listLine(l, r)), max) : inert(l.empty ?? ''))).filter(Boolean).join('\n');
  const itemsText = card.kind === 'list' || card.kind === 'count' ? (card.items.length ? lines(card.items.map(itemLine), L.embedDescription) : inert(card.emptyItems ?? '')) : '';
  const description = [
    ...card.notices.map((n) => `*${inert(n)}*`),
    card.body ? inert(card.body) : '',
    itemsText,
    listText(unlabelled, L.embedDescription),
  ]
    .filter(Boolean)
    .join('\n\n');
  const q = card.quote;
  const fields = [
    ...card.fields.map((f) => field(f.label, inert(f.value), f.inline)),
    q ? field(q.label, `“${inert(q.text)}” — ${inert(q.by)}`) : undefined,
    field(card.linksLabel, card.links.map((s) => `• ${link(s.label, s.url)}${s.date ? ` (${s.date})` : ''}`).join('\n')),
    ...labelled.map((l) => field(l.label, listText([l], L.embedFieldValue))),
  ].filter((f): f is APIEmbedField => f !== undefined);
  return {
    ...(card.title ? { title: inert(card.title) } : {}),
    ...(description ? { description } : {}),
    ...(card.accent ? { color: TYPE_COLOURS[card.accent] ?? 0x99aab5 } : {}),
    ...(fields.length ? { fields } : {}),
    ...(card.footer ? { footer: { text: card.footer } } : {}),
  };
}

/** Content only (no embed): a card without a title — not found, errors, confirmations, results. */
function contentOf(card: Card): string {
  const listLines = card.lists.flatMap((l) => (l.lines.length ? l.lines.map((r) => listLine(l, r)) : l.empty ? [inert(l.empty)] : []));
  return [
    answerContent(card.answer),
    card.body ? `${TONE_MARK[card.tone]}${inert(card.body)}` : '',
    ...listLines,
    card.hint ? richMarkdown(card.hint) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function cardToMessage(card: Card, ids: TargetIds, opts: RenderOptions = {}): DiscordMessage {
  const components = componentsOf(card, ids, opts).rows;
  if (!card.title) return { content: cut(contentOf(card), L.content), embeds: [], components };
  return { content: answerContent(card.answer), embeds: [fitEmbed(embedOf(card))], components };
}
