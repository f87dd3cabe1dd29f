// Replies as plain terminal text. Buttons become numbered choices the console user can type.
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
import type { Action, DealRef, InvokeTarget, Reply } from '../../core/replies.ts';
import { displayText, linkLabel } from '../../deals/text-safety.ts';

export interface RenderedText {
  text: string;
  /** Numbered choices: typing "1" runs choices[0]. */
  choices: { label: string; target: InvokeTarget }[];
}

// Terminal control sequences in stored text could repaint the screen, bidi controls reorder it: show them as nothing
// (text-safety.ts).
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

function refLine(r: DealRef): string {
  const facts = [TYPE_LABELS[r.type], formatPartialDate(r.announced)];
  // Lists ranked by size or by closing date carry the value and the closing date: show them where present.
  if (r.value) facts.push(formatMoney(r.value.amount, r.value.currency));
  if (r.closed) facts.push(closedPhrase(r.status, r.closed));
  return `${clean(r.title)} — ${facts.join(', ')}  (${r.slug})`;
}

export function renderText(reply: Reply): RenderedText {
  const choices: RenderedText['choices'] = [];
  const lines: string[] = [];
  const choice = (label: string, target: InvokeTarget): string => {
    choices.push({ label, target });
    return `[${choices.length}] ${label}`;
  };
  const actionLine = (a: Action): string => ('url' in a ? `${a.label}: ${a.url}` : choice(a.label, a.target));

  switch (reply.kind) {
    case 'deal': {
      const d = reply.deal;
      // The answer to the question comes first, on the first line; the card follows.
      if (reply.answer) lines.push(wrap(reply.answer), '');
      if (reply.notice) lines.push(`(${clean(reply.notice)})`, '');
      lines.push(clean(d.title), '─'.repeat(Math.min(100, Math.max(20, d.title.length))));
      const field = (k: string, v: string) => lines.push(`${k.padEnd(Math.max(10, k.length + 1))}${clean(v)}`);
      field('Parties', d.parties.map((p) => `${p.name} (${ROLE_LABELS[p.role]})`).join(' · '));
      field('Type', [TYPE_LABELS[d.type], formatBinding(d.binding)].filter(Boolean).join(' · '));
      field('Status', STATUS_LABELS[d.status]);
      field('Announced', formatPartialDate(d.announced));
      if (d.closed) field(closedLabel(d.status), formatPartialDate(d.closed));
      field('Value', formatValue(d.value));
      if (d.areas.length) field('Covers', d.areas.join(', '));
      lines.push('', wrap(d.summary));
      const q = d.quotes?.[0];
      if (q) {
        const who = [q.speaker, q.title].filter(Boolean).join(', ');
        lines.push('', wrap(`“${q.text}” — ${who}${q.paraphrased ? ' (paraphrased)' : ''}`, 100, '  '));
      }
      lines.push('', 'Sources');
      for (const s of d.sources) {
        const label = [s.publisher, s.title].filter(Boolean).join(' — ');
        const meta = [label ? linkLabel(label, s.url) : undefined, s.published ? formatPartialDate(s.published) : undefined].filter(Boolean).join(' — ');
        lines.push(`  • ${clean(meta || s.url)}`, meta ? `    ${clean(s.url)}` : '');
      }
      // The slug is what admin commands take (/deal-admin edit <slug>): shown at the foot of every card.
      lines.push('', `slug: ${d.slug} · version ${reply.version}`);
      if (reply.alternatives.length) {
        lines.push('', 'Also matching:');
        for (const a of reply.alternatives) lines.push('  ' + choice(refLine(a), a.target));
      }
      break;
    }
    case 'not_found':
      if (reply.answer) lines.push(wrap(reply.answer));
      lines.push(clean(reply.message));
      if (reply.suggestions.length) {
        lines.push('', 'Did you mean:');
        for (const s of reply.suggestions) lines.push('  ' + choice(clean(s.label), s.target));
      } else {
        lines.push('Try company names, tickers or a topic, or browse with /deals.');
      }
      break;
    case 'list':
    case 'count':
      if (reply.answer) lines.push(wrap(reply.answer), '');
      lines.push(`${clean(reply.title)}  (${reply.total} deal${reply.total === 1 ? '' : 's'}, page ${reply.page}/${reply.pageCount})`);
      if (reply.kind === 'count' && reply.breakdown.length) {
        for (const b of reply.breakdown) lines.push(`  ${breakdownLine(b)}`);
        lines.push('');
      }
      if (reply.items.length === 0) lines.push(clean(reply.emptyMessage ?? 'Nothing to show.'));
      for (const item of reply.items) lines.push('  ' + choice(refLine(item), item.target));
      if (reply.prev || reply.next) {
        lines.push('');
        if (reply.prev) lines.push(choice('Previous page', reply.prev));
        if (reply.next) lines.push(choice('Next page', reply.next));
      }
      break;
    case 'help':
      lines.push(reply.title, '', wrap(reply.intro), '');
      for (const c of reply.commands) lines.push(`  ${c.usage.padEnd(44)} ${c.description}${c.admin ? ' (admin)' : ''}`);
      if (reply.examples.length) lines.push('', 'Examples: ' + reply.examples.join('   '));
      lines.push('', 'Type a number to follow a numbered choice; "exit" quits.');
      break;
    case 'error':
      lines.push(`✖ ${clean(reply.message)}`);
      // Each field problem names its field already ("source 1, url: …"): printed as it is, never named twice.
      for (const f of reply.fieldErrors ?? []) lines.push(`  - ${clean(f.message)}`);
      break;
    case 'form':
      lines.push(`${reply.title} (a form: the console asks field by field)`);
      break;
    case 'confirm':
      lines.push(clean(reply.message), `${choice(reply.confirm.label, reply.confirm.target)}   (or "yes"; "no": ${reply.cancelLabel})`);
      break;
    case 'done':
      lines.push(`✔ ${clean(reply.message)}`);
      for (const a of reply.actions) lines.push(actionLine(a));
      break;
    case 'history':
      lines.push(reply.subject ? `History of ${reply.subject}` : 'Latest changes');
      if (reply.entries.length === 0) lines.push('  (no changes recorded)');
      for (const e of reply.entries) {
        lines.push(`  ${e.at.replace('T', ' ').slice(0, 19)}  ${clean(e.actor)} via ${e.platform}: ${e.action} ${clean(e.subject)}`);
        for (const c of e.changes) lines.push(`      ${c.field}: ${clean(c.before)} → ${clean(c.after)}`);
      }
      break;
    case 'stats':
      lines.push(
        `Last ${reply.days} day(s): ${reply.deals} deals in the store; ${reply.queries} questions, ${reply.found} answered, ${reply.notFound} found nothing.`,
      );
      lines.push('', 'Top questions:');
      for (const t of reply.top) lines.push(`  ${String(t.count).padStart(5)}  ${clean(t.query)}`);
      lines.push('', 'Questions that found nothing:');
      if (reply.misses.length === 0) lines.push('  (none)');
      for (const t of reply.misses) lines.push(`  ${String(t.count).padStart(5)}  ${clean(t.query)}`);
      break;
  }
  return { text: lines.join('\n'), choices };
}
