// Core replies -> Discord message payloads (embeds, buttons, select menus) and modals. Pure: the only state it needs,
// turning a target into a custom_id, is passed in, so every limit can be unit tested without a client.
import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIModalInteractionResponseCallbackData,
  type APISelectMenuOption,
  type APIApplicationCommandOptionChoice,
} from 'discord.js';
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
import type {
  Action,
  AutocompleteChoice,
  ButtonStyle as CoreButtonStyle,
  DealRef,
  DealReply,
  FormReply,
  InvokeTarget,
  Reply,
} from '../../core/replies.ts';
import { LIST_PAGE_SIZE } from '../../core/replies.ts';
import { displayText, linkLabel, trimEndChars } from '../../deals/text-safety.ts';
import { DISCORD_LIMITS as L } from './limits.ts';

/** Custom ids the adapter itself understands; they start with "~", which no encoded target does. */
export const CUSTOM_IDS = {
  cancel: '~cancel',
  /** A select menu whose chosen value replaces the card in place. */
  switchSelect: '~sw',
  /** A select menu whose chosen value opens as a new answer (lists keep their place). */
  openSelect: '~open',
  form: (draftId: string) => `~f:${draftId}`,
  reopen: (draftId: string) => `~r:${draftId}`,
  stashed: (key: string) => `~t:${key}`,
} as const;

/** Turns a target into a custom_id (or select value) of at most 100 characters. */
export type TargetIds = (target: InvokeTarget) => string;

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

// ---------------------------------------------------------------------------------------------------------------
// Text

/**
 * Stored text as plain text: no control, bidi or zero-width characters, tabs as spaces (text-safety.ts). For labels
 * that render no markdown.
 */
export function plain(s: string): string {
  return displayText(s);
}

/**
 * Stored text made inert for a markdown field: markdown characters escaped, mention syntax broken with a
 * zero-width space (allowed_mentions already stops pings; this also stops the text looking like one).
 */
export function inert(s: string): string {
  return plain(s)
    .replace(/[\\*_~`|[\]<>#]/g, (c) => `\\${c}`)
    .replace(/^([ \t]*)([-+]|\d+\.)(\s)/gm, (_m, sp: string, mark: string, after: string) =>
      mark.endsWith('.') ? `${sp}${mark.slice(0, -1)}\\.${after}` : `${sp}\\${mark}${after}`,
    )
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/@(?=[!&]?\d)/g, '@\u200b');
}

/** Cuts to `max` characters with an ellipsis, never splitting a surrogate pair or leaving a dangling escape. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  if (end > 0 && /[\uD800-\uDBFF]/.test(s.charAt(end - 1))) end--;
  let head = s.slice(0, end);
  // An odd run of trailing backslashes would escape the ellipsis: drop one.
  const slashes = head.length - trimEndChars(head, '\\').length;
  if (slashes % 2 === 1) head = head.slice(0, -1);
  return head + '…';
}

/**
 * Cuts a multi-line text by whole lines (ending with "…"), so a cut never falls inside a markdown link and leaves
 * "[label](https://…" dangling; a single line too long for `max` is cut as plain text.
 */
export function cutLines(s: string, max: number): string {
  if (s.length <= max) return s;
  const lines = s.split('\n');
  while (lines.length > 1) {
    lines.pop();
    const kept = lines.join('\n') + '\n…';
    if (kept.length <= max) return kept;
  }
  return cut(s, max);
}

function safeUrl(u: string): string | undefined {
  try {
    const url = new URL(u);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    const s = url.toString();
    return s.length <= L.linkUrl ? s : undefined;
  } catch {
    return undefined;
  }
}

/** A markdown link whose label and address cannot break out of it. */
function link(label: string, url: string): string {
  const href = safeUrl(url);
  const text = inert(linkLabel(label, url)).replace(/[()]/g, (c) => `\\${c}`);
  return href ? `[${text}](${href.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})` : text;
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

  action(a: Action): APIButtonComponent | undefined {
    return 'url' in a ? this.linkButton(a.label, a.url) : this.targetButton(a.label, a.target, STYLES[a.style ?? 'secondary']);
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

function refSummary(r: DealRef): string {
  return `${TYPE_LABELS[r.type]} · ${formatPartialDate(r.announced)}`;
}

/** A list line's facts: the summary, plus the value and the closing date where the list carries them (ranked lists). */
function refFacts(r: DealRef): string {
  const facts = [refSummary(r)];
  if (r.value) facts.push(inert(formatMoney(r.value.amount, r.value.currency)));
  if (r.closed) facts.push(closedPhrase(r.status, r.closed));
  return facts.join(' · ');
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

export function renderDealMessage(reply: DealReply, ids: TargetIds): DiscordMessage {
  const d = reply.deal;
  const q = d.quotes?.[0];
  const quote = q
    ? `“${inert(q.text)}” — ${inert([q.speaker, q.title].filter(Boolean).join(', '))}${q.paraphrased ? ' (paraphrased)' : ''}`
    : '';
  const sources = d.sources
    .map((s) => {
      const label = [s.publisher, s.title].filter(Boolean).join(' — ');
      return `• ${link(label, s.url)}${s.published ? ` (${formatPartialDate(s.published)})` : ''}`;
    })
    .join('\n');
  const fields = [
    field('Parties', d.parties.map((p) => `${inert(p.name)} — ${ROLE_LABELS[p.role]}`).join('\n')),
    field('Type', [TYPE_LABELS[d.type], formatBinding(d.binding)].filter(Boolean).join(' · '), true),
    field('Status', STATUS_LABELS[d.status], true),
    field('Announced', formatPartialDate(d.announced), true),
    d.closed ? field(closedLabel(d.status), formatPartialDate(d.closed), true) : undefined,
    field('Value', inert(formatValue(d.value)), true),
    field('Areas', d.areas.map(inert).join(', '), true),
    field('Key quote', quote),
    field('Sources', sources),
  ].filter((f): f is APIEmbedField => f !== undefined);
  const description = [reply.notice ? `*${inert(reply.notice)}*` : '', inert(d.summary)].filter(Boolean).join('\n\n');
  const embed = fitEmbed({
    title: inert(d.title),
    description,
    color: TYPE_COLOURS[d.type] ?? 0x99aab5,
    fields,
    footer: { text: `${d.slug} · version ${reply.version}` },
  });

  const c = new Components(ids);
  if (reply.alternatives.length > L.buttonsPerRow) {
    c.select(
      CUSTOM_IDS.switchSelect,
      'Also matching: pick another deal',
      reply.alternatives.map((a) => ({ label: a.title, description: refSummary(a), target: a.target })),
    );
  } else {
    c.buttonRow(reply.alternatives.map((a) => c.targetButton(`${a.title} (${refSummary(a)})`, a.target)));
  }
  c.buttonRow(
    d.sources.slice(0, L.buttonsPerRow).map((s) => c.linkButton(linkLabel(s.publisher, s.url), s.url)),
  );
  return { content: answerContent(reply.answer), embeds: [embed], components: c.rows };
}

function lines(items: string[], max: number): string {
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

/** Options that depend on the interaction, not on the reply. */
export interface RenderOptions {
  /** For a validation error: the custom id of a button that reopens the form with the values entered. */
  reopenId?: string | undefined;
}

export function renderMessage(reply: Exclude<Reply, FormReply>, ids: TargetIds, opts: RenderOptions = {}): DiscordMessage {
  const c = new Components(ids);
  const msg = (content: string, embeds: APIEmbed[] = []): DiscordMessage => ({
    content: cut(content, L.content),
    embeds: embeds.map((e) => fitEmbed(e)),
    components: c.rows,
  });
  switch (reply.kind) {
    case 'deal':
      return renderDealMessage(reply, ids);
    case 'not_found': {
      const suggestions = reply.suggestions.slice(0, L.buttonsPerRow * 2);
      c.buttons(suggestions.map((s) => c.targetButton(s.label, s.target, ButtonStyle.Primary)));
      const hint = suggestions.length ? 'Did you mean one of these?' : 'Try company names, tickers or a topic, or browse with /deals.';
      return msg([answerContent(reply.answer), inert(reply.message), hint].filter(Boolean).join('\n'));
    }
    case 'list':
    case 'count': {
      const items = reply.items.map(
        (r, i) => `**${(reply.page - 1) * LIST_PAGE_SIZE + i + 1}.** ${inert(r.title)} — ${refFacts(r)} · \`${r.slug}\``,
      );
      const breakdown = reply.kind === 'count' ? lines(reply.breakdown.map((b) => `• ${breakdownLine(b)}`), L.embedFieldValue) : '';
      c.select(
        CUSTOM_IDS.openSelect,
        'Open a deal',
        reply.items.map((r) => ({ label: r.title, description: refSummary(r), target: r.target })),
      );
      c.buttonRow([
        reply.prev ? c.targetButton('◀ Previous', reply.prev) : undefined,
        reply.next ? c.targetButton('Next ▶', reply.next) : undefined,
      ]);
      return msg(answerContent(reply.answer), [
        {
          title: inert(reply.title),
          description: items.length ? lines(items, L.embedDescription) : inert(reply.emptyMessage ?? 'Nothing to show.'),
          ...(breakdown ? { fields: [{ name: 'By type', value: breakdown, inline: false }] } : {}),
          footer: { text: `Page ${reply.page} of ${reply.pageCount} · ${reply.total} deal${reply.total === 1 ? '' : 's'}` },
        },
      ]);
    }
    case 'help':
      return msg('', [
        {
          title: reply.title,
          description: inert(reply.intro),
          fields: [
            field(
              'Commands',
              lines(
                reply.commands.map((cmd) => `\`${cmd.usage}\` — ${inert(cmd.description)}${cmd.admin ? ' *(admin)*' : ''}`),
                L.embedFieldValue,
              ),
            ),
            field('Examples', reply.examples.map((e) => `\`${e}\``).join('  ')),
          ].filter((f): f is APIEmbedField => f !== undefined),
        },
      ]);
    case 'error': {
      const problems = (reply.fieldErrors ?? []).map((f) => `• **${inert(f.field)}**: ${inert(f.message)}`);
      if (opts.reopenId) c.buttonRow([c.idButton('Fix the form', opts.reopenId, ButtonStyle.Primary)]);
      return msg([`✖ ${inert(reply.message)}`, ...problems].join('\n'));
    }
    case 'confirm':
      c.buttonRow([
        c.targetButton(reply.confirm.label, reply.confirm.target, STYLES[('style' in reply.confirm ? reply.confirm.style : undefined) ?? 'danger']),
        c.idButton(reply.cancelLabel, CUSTOM_IDS.cancel),
      ]);
      return msg(inert(reply.message));
    case 'done': {
      const buttons = reply.actions.map((a) => c.action(a));
      if (reply.deal) buttons.push(c.targetButton(`Open ${reply.deal.title}`, reply.deal.target, ButtonStyle.Primary));
      c.buttons(buttons);
      return msg(`✔ ${inert(reply.message)}`);
    }
    case 'history': {
      const entries = reply.entries.map((e) => {
        const head = `\`${e.at.replace('T', ' ').slice(0, 16)}\` **${inert(e.actor)}** (${inert(e.platform)}): ${inert(e.action)} ${inert(e.subject)}`;
        const changes = e.changes.map((ch) => `  • ${inert(ch.field)}: ${cut(inert(ch.before), 200)} → ${cut(inert(ch.after), 200)}`);
        return [head, ...changes].join('\n');
      });
      return msg('', [
        {
          title: reply.subject ? `History of ${inert(reply.subject)}` : 'Latest changes',
          description: entries.length ? lines(entries, L.embedDescription) : 'No changes recorded.',
        },
      ]);
    }
    case 'stats': {
      const top = (list: { query: string; count: number }[]) =>
        list.length ? lines(list.map((t) => `${t.count} × ${inert(t.query)}`), L.embedFieldValue) : '(none)';
      return msg('', [
        {
          title: `dealbot over the last ${reply.days} day${reply.days === 1 ? '' : 's'}`,
          fields: [
            field('Deals', String(reply.deals), true),
            field('Questions', String(reply.queries), true),
            field('Answered', String(reply.found), true),
            field('Found nothing', String(reply.notFound), true),
            field('Top questions', top(reply.top)),
            field('Questions that found nothing', top(reply.misses)),
          ].filter((f): f is APIEmbedField => f !== undefined),
        },
      ]);
    }
  }
}

/** A form whose modal could not be shown (the answer was deferred): a button opens it. */
export function renderFormPrompt(form: FormReply, reopenId: string): DiscordMessage {
  const c = new Components(() => '');
  c.buttonRow([c.idButton(`Open: ${form.title}`, reopenId, ButtonStyle.Primary)]);
  return { content: cut(inert(form.notice ?? 'The form is ready.'), L.content), embeds: [], components: c.rows };
}

// ---------------------------------------------------------------------------------------------------------------
// Modals

/** The fields a modal shows: the compact set, at most five. */
export function modalFields(form: FormReply): FormReply['fields'] {
  const byId = new Map(form.fields.map((f) => [f.id, f]));
  const chosen = form.compactFieldIds.map((id) => byId.get(id)).filter((f) => f !== undefined);
  return (chosen.length ? chosen : form.fields).slice(0, L.modalComponents);
}

/** `values` overrides the fields' own values (reopening a form with what the user typed). */
export function renderModal(form: FormReply, customId: string, values: Record<string, string> = {}): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: cut(plain(form.title), L.modalTitle),
    components: modalFields(form).map((f) => {
      const value = values[f.id] ?? f.value;
      const max = Math.min(f.maxLength, L.textInputValue);
      const hint = f.hint ?? (f.label.length > L.modalLabel ? f.label : undefined);
      return {
        type: ComponentType.Label,
        label: cut(plain(f.label), L.modalLabel),
        ...(hint ? { description: cut(plain(hint), L.modalLabelDescription) } : {}),
        component: {
          type: ComponentType.TextInput,
          custom_id: f.id,
          style: f.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: f.required,
          max_length: max,
          ...(value ? { value: value.slice(0, max) } : {}),
          ...(f.placeholder ? { placeholder: cut(plain(f.placeholder), L.textInputPlaceholder) } : {}),
        },
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Autocomplete

export function renderChoices(choices: AutocompleteChoice[]): APIApplicationCommandOptionChoice<string>[] {
  const out: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  for (const c of choices) {
    const name = cut(plain(c.name).replace(/\n/g, ' ').trim(), L.choiceName);
    if (!name || !c.value || c.value.length > L.choiceValue || seen.has(c.value)) continue;
    seen.add(c.value);
    out.push({ name, value: c.value });
    if (out.length >= L.autocompleteChoices) break;
  }
  return out;
}
