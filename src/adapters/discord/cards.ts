// Card -> Discord message: the card's pieces as an embed (title, description, fields, footer) or plain content, its
// actions as buttons and select menus. Wording comes from the card (core/present); this file only lays it out, makes
// stored text inert (markdown.ts) and keeps within Discord's limits (limits.ts), which the test fake enforces.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APISelectMenuOption,
} from 'discord.js';
import { PROMPTS, type Card, type CardAction, type CardItem, type CardList, type Rich } from '../../core/present/card.ts';
import type { ButtonStyle as CoreButtonStyle, InvokeTarget } from '../../core/replies.ts';
import { CUSTOM_IDS, type TargetIds } from './custom-ids.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { cut, cutLines, inert, link, plain, richMarkdown, safeUrl } from './markdown.ts';

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Options that depend on the interaction, not on the reply. */
export interface RenderOptions {
  /** For a validation error: the custom id of a button that reopens the form with the values entered. */
  reopenId?: string | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Components

const STYLES: Record<CoreButtonStyle, ButtonStyle> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
};

/** Collects buttons into rows of five, at most five rows, with unique custom ids (Discord refuses duplicates). */
class Components {
  readonly rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  private readonly used = new Set<string>();
  constructor(private readonly ids: TargetIds) {}

  private claim(id: string): boolean {
    if (id.length === 0 || id.length > L.customId || this.used.has(id)) return false;
    this.used.add(id);
    return true;
  }

  /** Starts a new row of buttons; returns false when no row is left. */
  buttonRow(buttons: (APIButtonComponent | undefined)[]): boolean {
    const list = buttons.filter((b): b is APIButtonComponent => b !== undefined).slice(0, L.buttonsPerRow);
    if (list.length === 0) return true;
    if (this.rows.length >= L.actionRows) return false;
    this.rows.push({ type: ComponentType.ActionRow, components: list });
    return true;
  }

  /** Buttons over as many rows as they need (and are left). */
  buttons(buttons: (APIButtonComponent | undefined)[]): void {
    const list = buttons.filter((b): b is APIButtonComponent => b !== undefined);
    for (let i = 0; i < list.length; i += L.buttonsPerRow) if (!this.buttonRow(list.slice(i, i + L.buttonsPerRow))) return;
  }

  targetButton(label: string, target: InvokeTarget, style: ButtonStyle = ButtonStyle.Secondary): APIButtonComponent | undefined {
    return this.idButton(label, this.ids(target), style);
  }

  idButton(label: string, customId: string, style: ButtonStyle = ButtonStyle.Secondary): APIButtonComponent | undefined {
    if (!this.claim(customId)) return undefined;
    return {
      type: ComponentType.Button,
      style: style as ButtonStyle.Primary,
      label: cut(plain(label).trim() || '…', L.buttonLabel),
      custom_id: customId,
    };
  }

  linkButton(label: string, url: string): APIButtonComponent | undefined {
    const href = safeUrl(url);
    if (!href) return undefined;
    return { type: ComponentType.Button, style: ButtonStyle.Link, label: cut(plain(label).trim() || 'Link', L.buttonLabel), url: href };
  }

  /** A card action as a button: a link, a command, or the adapter's own dismiss. */
  action(a: CardAction): APIButtonComponent | undefined {
    if ('url' in a) return this.linkButton(a.label, a.url);
    if ('dismiss' in a) return this.idButton(a.label, CUSTOM_IDS.cancel);
    return this.targetButton(a.label, a.target, STYLES[a.style]);
  }

  select(customId: string, placeholder: string, options: { label: string; description?: string; target: InvokeTarget }[]): void {
    if (this.rows.length >= L.actionRows || !this.claim(customId)) return;
    const seen = new Set<string>();
    const opts: APISelectMenuOption[] = [];
    for (const o of options) {
      const value = this.ids(o.target);
      if (value.length === 0 || value.length > L.selectOptionValue || seen.has(value)) continue;
      seen.add(value);
      opts.push({
        label: cut(plain(o.label).trim() || '…', L.selectOptionLabel),
        value,
        ...(o.description ? { description: cut(plain(o.description), L.selectOptionDescription) } : {}),
      });
      if (opts.length >= L.selectOptions) break;
    }
    if (opts.length === 0) return;
    this.rows.push({
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.StringSelect, custom_id: customId, placeholder: cut(placeholder, L.selectPlaceholder), options: opts, min_values: 1, max_values: 1 },
      ],
    });
  }
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

function componentsOf(card: Card, ids: TargetIds, opts: RenderOptions): Components {
  const c = new Components(ids);
  const of = (id: CardAction['id']) => card.actions.filter((a) => a.id === id);
  const alternatives = of('alternative');
  if (alternatives.length > L.buttonsPerRow) {
    c.select(
      CUSTOM_IDS.switchSelect,
      PROMPTS.pickAlternative,
      alternatives.flatMap((a) => ('target' in a ? [{ label: a.short ?? a.label, description: a.detail, target: a.target }] : [])),
    );
  } else c.buttonRow(alternatives.map((a) => c.action(a)));
  if (card.kind === 'deal') c.buttonRow(card.links.slice(0, L.buttonsPerRow).map((s) => c.linkButton(s.short, s.url)));
  if (card.items.length) c.select(CUSTOM_IDS.openSelect, PROMPTS.openDeal, card.items.map((i) => ({ label: i.title, description: i.brief, target: i.target })));
  c.buttonRow([...of('prev'), ...of('next')].map((a) => c.action(a)));
  c.buttons(of('suggestion').slice(0, L.buttonsPerRow * 2).map((a) => c.action(a)));
  c.buttonRow([...of('confirm'), ...of('cancel')].map((a) => c.action(a)));
  c.buttons([...of('action'), ...of('open')].map((a) => c.action(a)));
  if (opts.reopenId) c.buttonRow([c.idButton(PROMPTS.fixForm, opts.reopenId, ButtonStyle.Primary)]);
  return c;
}

export function cardToMessage(card: Card, ids: TargetIds, opts: RenderOptions = {}): DiscordMessage {
  const components = componentsOf(card, ids, opts).rows;
  if (!card.title) return { content: cut(contentOf(card), L.content), embeds: [], components };
  return { content: answerContent(card.answer), embeds: [fitEmbed(embedOf(card))], components };
}
