// A card's actions -> Discord components: buttons in rows of five (at most five rows) and select menus, each with a
// custom id from custom-ids.ts, unique within the message and within Discord's limits.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APISelectMenuOption,
} from 'discord.js';
import { PROMPTS, type Card, type CardAction } from '../../core/present/card.ts';
import type { ButtonStyle as CoreButtonStyle, InvokeTarget } from '../../core/replies.ts';
import { CUSTOM_IDS, type TargetIds } from './custom-ids.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { cut, plain, safeUrl } from './markdown.ts';

/** Options that depend on the interaction, not on the reply. */
export interface RenderOptions {
  /** For a validation error: the custom id of a button that reopens the form with the values entered. */
  reopenId?: string | undefined;
}

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

/** The card's actions, in the order a reader meets them. */
export function componentsOf(card: Card, ids: TargetIds, opts: RenderOptions): Components {
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
