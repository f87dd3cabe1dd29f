// Core replies -> Discord message payloads and modals. The reply becomes a neutral card (core/present), which
// cards.ts lays out as an embed and components; modals and autocomplete choices are converted here. Pure: the only
// state it needs, turning a target into a custom_id, is passed in, so every limit can be unit tested without a client.
import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIApplicationCommandOptionChoice,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import { PROMPTS } from '../../core/present/card.ts';
import { presentDeal, presentReply } from '../../core/present/present.ts';
import type { AutocompleteChoice, DealReply, FormReply, Reply } from '../../core/replies.ts';
import { cardToMessage, type DiscordMessage, type RenderOptions } from './cards.ts';
import type { TargetIds } from './custom-ids.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { cut, inert, plain } from './markdown.ts';

export { answerContent, embedLength, fitEmbed, type DiscordMessage, type RenderOptions } from './cards.ts';
export { CUSTOM_IDS, type TargetIds } from './custom-ids.ts';
export { cut, cutLines, inert, plain } from './markdown.ts';

export function renderDealMessage(reply: DealReply, ids: TargetIds): DiscordMessage {
  return cardToMessage(presentDeal(reply), ids);
}

export function renderMessage(reply: Exclude<Reply, FormReply>, ids: TargetIds, opts: RenderOptions = {}): DiscordMessage {
  return cardToMessage(presentReply(reply), ids, opts);
}

/** A form whose modal could not be shown (the answer was deferred): a button opens it. */
export function renderFormPrompt(form: FormReply, reopenId: string): DiscordMessage {
  const button = {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: cut(plain(PROMPTS.openForm(form.title)).trim() || '…', L.buttonLabel),
    custom_id: reopenId,
  } as const;
  return { content: cut(inert(form.notice ?? PROMPTS.formReady), L.content), embeds: [], components: [{ type: ComponentType.ActionRow, components: [button] }] };
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
