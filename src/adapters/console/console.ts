// The console adapter: type the same commands as in chat. Forms are asked field by field; numbered choices stand in
// for buttons. It only translates: every decision is the core's.
import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Core } from '../../core/core.ts';
import type { FormReply, InvokeTarget, Reply, User } from '../../core/replies.ts';
import { renderText } from './render.ts';

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

  let choices: { label: string; target: InvokeTarget }[] = [];

  async function fillForm(form: FormReply): Promise<Reply | null> {
    say(`\n${form.title}`);
    if (form.notice) say(form.notice);
    say('Press Enter to keep the value in [brackets]; type "-" to clear it; "cancel" stops.');
    const values = new Map(form.fields.map((f) => [f.id, f.value ?? '']));
    let toAsk = form.fields;
    for (;;) {
      for (const f of toAsk) {
        if (f.hint) say(`  (${f.hint})`);
        const current = values.get(f.id) ?? '';
        const shown = current.length > 60 ? current.slice(0, 57) + '…' : current;
        const answer = await ask(`${f.label}${f.required ? ' *' : ''}${shown ? ` [${shown.replace(/\n/g, ' / ')}]` : ''}: `);
        if (answer === null) return null;
        if (answer.trim().toLowerCase() === 'cancel') return { kind: 'done', message: 'Cancelled; nothing was saved.', actions: [] };
        // A "\n" typed in a paragraph field stands for a new line (a console line cannot hold one).
        if (answer.trim() === '-') values.set(f.id, '');
        else if (answer.trim() !== '') values.set(f.id, f.style === 'paragraph' ? answer.replace(/\\n/g, '\n') : answer);
      }
      const reply = await core.handle({
        ...form.submit,
        options: { ...form.submit.options, ...Object.fromEntries(values) },
        user,
      });
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
    choices = rendered.choices;
    say(rendered.text);
  }

  say(opts.banner ?? 'dealbot console — try /deal xiaomi microsoft, /deals, /deal-help. "exit" quits.');
  for (;;) {
    const line = await ask('\n> ');
    if (line === null) break;
    const text = line.trim();
    if (!text) continue;
    if (['exit', 'quit', '/exit', '/quit'].includes(text.toLowerCase())) break;
    const n = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    if (!Number.isNaN(n)) {
      const c = choices[n - 1];
      if (!c) {
        say(`No choice ${n} here.`);
        continue;
      }
      await show(await core.handle({ ...c.target, user }));
      continue;
    }
    await show(await core.handleText(text, user));
  }
  rl.close();
}
