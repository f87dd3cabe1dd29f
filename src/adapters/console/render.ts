// Replies as plain terminal text. The reply becomes a neutral card (core/present), laid out here as lines; buttons
// become numbered choices the console user can type. Terminal control sequences in stored text could repaint the
// screen and bidi controls reorder it, so every piece of text is shown as display text (text-safety.ts).
import { plainLine, PROMPTS, type Card, type CardAction, type CardItem } from '../../core/present/card.ts';
import { presentReply } from '../../core/present/present.ts';
import type { InvokeTarget, Reply } from '../../core/replies.ts';
import { displayText } from '../../deals/text-safety.ts';

export interface RenderedText {
  text: string;
  /** Numbered choices: typing "1" runs choices[0]; `id` says what a choice is for ("next", "prev"). */
  choices: { label: string; target: InvokeTarget; id?: CardAction['id'] | undefined }[];
}

function clean(s: string): string {
  return displayText(s);
}

function wrap(text: string, width = 100, indent = ''): string {
  const out: string[] = [];
  for (const para of clean(text).split(/\n/)) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if (line && (line + ' ' + word).length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

function itemLabel(i: CardItem): string {
  return `${clean(i.title)} — ${i.facts.map(clean).join(', ')}  (${i.slug})`;
}

const TONE_MARK = { plain: '', success: '✔ ', error: '✖ ' } as const;

export function cardText(card: Card): RenderedText {
  const choices: RenderedText['choices'] = [];
  const lines: string[] = [];
  const choice = (label: string, target: InvokeTarget, id?: CardAction['id']): string => {
    choices.push({ label, target, id });
    return `[${choices.length}] ${label}`;
  };
  const of = (...ids: CardAction['id'][]) => card.actions.filter((a) => ids.includes(a.id));
  const actionLine = (a: CardAction): string => ('url' in a ? `${clean(a.label)}: ${a.url}` : 'target' in a ? choice(clean(a.label), a.target, a.id) : '');
  const isList = card.kind === 'list' || card.kind === 'count';

  // The answer to the question comes first, on the first line; the card follows.
  if (card.answer) lines.push(wrap(card.answer), ...(card.title ? [''] : []));
  for (const n of card.notices) lines.push(`(${clean(n)})`, '');
  if (card.kind === 'form') {
    lines.push(`${clean(card.title ?? '')} (a form: the console asks field by field)`);
    return { text: lines.join('\n'), choices };
  }
  if (card.title) {
    lines.push(isList && card.footer ? `${clean(card.title)}  (${card.footer})` : clean(card.title));
    if (card.kind === 'deal') lines.push('─'.repeat(Math.min(100, Math.max(20, card.title.length))));
    else if (card.kind === 'help') lines.push('');
  }
  for (const f of card.fields) lines.push(`${f.label.padEnd(Math.max(10, f.label.length + 1))}${clean(f.value.split('\n').join(' · '))}`);
  if (card.body) {
    if (card.kind === 'deal') lines.push('', wrap(card.body));
    else if (card.kind === 'help') lines.push(wrap(card.body), '');
    else lines.push(`${TONE_MARK[card.tone]}${clean(card.body)}`);
  }
  if (card.quote) lines.push('', wrap(`“${card.quote.text}” — ${card.quote.by}`, 100, '  '));
  if (card.links.length) {
    lines.push('', card.linksLabel);
    for (const s of card.links) {
      const meta = [s.label, s.date].filter(Boolean).join(' — ');
      lines.push(`  • ${clean(meta)}`, `    ${clean(s.url)}`);
    }
  }
  for (const l of card.lists) {
    if (l.label) lines.push(...(lines.length && lines.at(-1) !== '' ? [''] : []), `${l.label}:`);
    if (!l.lines.length && l.empty) lines.push(`  ${clean(l.empty)}`);
    for (const r of l.lines) lines.push(`  ${clean(plainLine(r))}`);
  }
  if (isList) {
    if (card.lists.length) lines.push('');
    if (card.items.length === 0 && card.emptyItems) lines.push(clean(card.emptyItems));
    for (const i of card.items) lines.push('  ' + choice(itemLabel(i), i.target));
  }
  if (card.footer && !isList) lines.push('', card.footer);
  const suggestions = of('suggestion');
  if (card.hint) lines.push(...(suggestions.length ? [''] : []), clean(plainLine(card.hint)));
  for (const a of suggestions) lines.push('  ' + actionLine(a));
  const alternatives = of('alternative');
  if (alternatives.length) lines.push('', `${PROMPTS.alsoMatching}:`, ...alternatives.map((a) => '  ' + actionLine(a)));
  const paging = of('prev', 'next');
  if (paging.length) lines.push('', ...paging.map(actionLine));
  const [confirm, cancel] = [of('confirm')[0], of('cancel')[0]];
  if (confirm) lines.push(`${actionLine(confirm)}   (or "yes"; "no": ${cancel?.label ?? 'cancel'})`);
  for (const a of of('action', 'open')) lines.push(actionLine(a));
  if (card.kind === 'help') lines.push('', 'Type a number to follow a numbered choice; "exit" quits.');
  return { text: lines.join('\n'), choices };
}

export function renderText(reply: Reply): RenderedText {
  return cardText(presentReply(reply));
}
