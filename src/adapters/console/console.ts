// The console adapter: type the same commands as in chat, or a plain question ("who bought github"). Forms are asked
// field by field, each field checked by the core as it is entered; numbered choices stand in for buttons, and stay
// usable after a mistyped line. It only translates: every decision is the core's.
import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Core } from '../../core/core.ts';
import { formSubmission, type ConfirmReply, type FormField, type FormReply, type Reply, type User } from '../../core/replies.ts';
import { renderText, type RenderedText } from './render.ts';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  user?: User;
  /** Printed once at start. */
  banner?: string;
}

export function consoleUser(): User {
  let name = 'operator';
  try {
    name = userInfo().username;
  } catch {
    // Some containers have no passwd entry; the name is only for the audit log.
  }
  return { id: `console:${name}`, name, platform: 'console', isOperator: true };
}

export const CONSOLE_BANNER =
  'dealbot console — ask a question ("who bought github") or try /deal xiaomi microsoft, /deals, /deal-help. "exit" quits.';

const YES = new Set(['y', 'yes', 'ok', 'confirm']);
const NO = new Set(['n', 'no', 'cancel', 'keep']);
/** Words that follow the choice for this action (a card's "next" or "prev"), when the last answer has one. */
const WORDS: Record<string, 'next' | 'prev'> = { next: 'next', n: 'next', prev: 'prev', previous: 'prev', p: 'prev' };

/** A kept value as the prompt shows it: whole, a multi-line one on lines of its own below the label. */
function shownValue(value: string): string {
  if (!value) return '';
  if (!value.includes('\n') && value.length <= 60) return ` [${value}]`;
  return `\n${value
    .split('\n')
    .map((l) => `    │ ${l}`)
    .join('\n')}\n  (Enter keeps it)`;
}

export async function runConsole(core: Core, opts: ConsoleOptions = {}): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const user = opts.user ?? consoleUser();
  const rl = createInterface({ input, output, terminal: (input as { isTTY?: boolean }).isTTY === true });
  const lines = rl[Symbol.asyncIterator]();
  const say = (s: string) => output.write(s + '\n');
  const ask = async (prompt: string): Promise<string | null> => {
    output.write(prompt);
    const r = await lines.next();
    return r.done ? null : r.value;
  };

  let choices: RenderedText['choices'] = [];
  /** The confirmation last shown, while it is the last answer: "yes" and "no" answer it. */
  let confirming: ConfirmReply | undefined;

  async function askField(form: FormReply, f: FormField, values: Map<string, string>): Promise<'ok' | 'cancel' | null> {
    for (;;) {
      if (f.hint) say(`  (${f.hint})`);
      const current = values.get(f.id) ?? '';
      const answer = await ask(`${f.label}${f.required ? ' *' : ''}${shownValue(current)}: `);
      if (answer === null) return null;
      if (answer.trim().toLowerCase() === 'cancel') return 'cancel';
      // A "\n" typed in a paragraph field stands for a new line (a console line cannot hold one).
      if (answer.trim() === '-') values.set(f.id, '');
      else if (answer.trim() !== '') values.set(f.id, f.style === 'paragraph' ? answer.replace(/\\n/g, '\n') : answer);
      const problems = core.checkFormField(form, Object.fromEntries(values), f.id, user);
      if (problems.length === 0) return 'ok';
      for (const p of problems) say(`  ✖ ${p.message}`);
    }
  }

  async function fillForm(form: FormReply): Promise<Reply | null> {
    say(`\n${form.title}`);
    if (form.notice) say(form.notice);
    say('Press Enter to keep the value shown; type "-" to clear it; "cancel" stops.');
    const values = new Map(form.fields.map((f) => [f.id, f.value ?? '']));
    let toAsk = form.fields;
    for (;;) {
      for (const f of toAsk) {
        const r = await askField(form, f, values);
        if (r === null) return null;
        if (r === 'cancel') return { kind: 'done', message: 'Cancelled; nothing was saved.', actions: [] };
      }
      const reply = await core.handle({ ...formSubmission(form.submit, Object.fromEntries(values)), user, via: 'form' });
      if (reply.kind === 'error' && reply.fieldErrors?.length) {
        say(renderText(reply).text);
        const bad = new Set(reply.fieldErrors.map((e) => e.field.split('.')[0]));
        toAsk = form.fields.filter((f) => bad.has(f.id));
        if (toAsk.length === 0) return reply;
        continue;
      }
      return reply;
    }
  }

  async function show(reply: Reply | null): Promise<void> {
    let r = reply;
    while (r && r.kind === 'form') r = await fillForm(r);
    if (!r) return;
    const rendered = renderText(r);
    say(rendered.text);
    // A mistyped line answers with an error and nothing to choose: the choices shown before stay usable.
    if (r.kind === 'error' && rendered.choices.length === 0) return;
    choices = rendered.choices;
    confirming = r.kind === 'confirm' ? r : undefined;
  }

  say(opts.banner ?? CONSOLE_BANNER);
  for (;;) {
    const line = await ask('\n> ');
    if (line === null) break;
    const text = line.trim();
    if (!text) continue;
    const lower = text.toLowerCase();
    if (['exit', 'quit', '/exit', '/quit'].includes(lower)) break;
    if (confirming && (YES.has(lower) || NO.has(lower))) {
      const pending = confirming;
      confirming = undefined;
      choices = [];
      if (YES.has(lower)) await show(await core.handle({ ...pending.confirm.target, user, via: 'button' }));
      else say(`${pending.cancelLabel}: nothing was changed.`);
      continue;
    }
    const n = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    const byWord = WORDS[lower] ? choices.find((c) => c.id === WORDS[lower]) : undefined;
    if (!Number.isNaN(n) || byWord) {
      const c = byWord ?? choices[n - 1];
      if (!c) {
        say(choices.length ? `No choice ${n} here: choose 1 to ${choices.length}.` : `No choice ${n} here.`);
        continue;
      }
      await show(await core.handle({ ...c.target, user, via: 'button' }));
      continue;
    }
    await show(await core.handleText(text, user));
  }
  rl.close();
}
