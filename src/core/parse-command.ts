// Turning typed text ("/deal xiaomi microsoft", "/deals company:microsoft year:2022", "/deal-admin alias-add Xiaomi Mi")
// into an InvokeTarget, for the console, the CLI and Slack (which passes the text after the command as one string).
import type { CommandDefinition, OptionDefinition } from '../../commands/types.ts';
import type { InvokeTarget, OptionValue } from './replies.ts';

export type ParsedCommand = { ok: true; target: InvokeTarget } | { ok: false; message: string };

/** Splits on whitespace, keeping "quoted strings" and name:"quoted values" together. */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  const re = /(?:[^\s"“”]+)?(?:["“]([^"”]*)["”])|[^\s]+/g;
  for (const m of text.matchAll(re)) out.push(m[0].replace(/["“”]/g, ''));
  return out;
}

/**
 * `commandText` is everything after the command name. For a command whose first option is free text (like /deal's
 * query), the whole text is that option, unless it uses name:value syntax.
 */
export function parseArguments(def: CommandDefinition, commandText: string): ParsedCommand {
  let rest = commandText.trim();
  let subcommand: string | undefined;
  let options: readonly OptionDefinition[] = def.options ?? [];
  if (def.subcommands?.length) {
    const [first, ...others] = rest.split(/\s+/);
    const sub = def.subcommands.find((s) => s.name === first?.toLowerCase());
    if (!sub) {
      const names = def.subcommands.filter((s) => !s.hidden).map((s) => s.name);
      return {
        ok: false,
        message: first
          ? `/${def.name} has no subcommand "${first}"; try one of: ${names.join(', ')}`
          : `/${def.name} needs a subcommand: ${names.join(', ')}`,
      };
    }
    subcommand = sub.name;
    options = sub.options ?? [];
    rest = others.join(' ');
  }
  const values: Record<string, OptionValue> = {};
  const named = new RegExp(`^(${options.map((o) => o.name).join('|') || '(?!)'})[:=](.*)$`, 's');
  const tokens = tokenise(rest);
  const usesNamed = tokens.some((t) => named.test(t));
  const first = options[0];
  if (!usesNamed && first && first.type === 'string' && options.filter((o) => !o.namedOnly).length === 1) {
    // One free-text option: take the text as typed (quotes and all), so "msft <> github" reaches search intact.
    if (rest) values[first.name] = rest;
  } else {
    const positional: string[] = [];
    for (const t of tokens) {
      const m = named.exec(t);
      if (m) values[m[1]!] = m[2]!;
      else positional.push(t);
    }
    const free = options.filter((o) => values[o.name] === undefined && !o.namedOnly);
    free.forEach((o, i) => {
      if (positional.length === 0) return;
      // The last free option takes what is left, so "alias-add Xiaomi Mi Corp" keeps the two-word alias.
      values[o.name] = i === free.length - 1 ? positional.splice(0).join(' ') : positional.shift()!;
    });
    if (positional.length) return { ok: false, message: `unexpected text: "${positional.join(' ')}"` };
  }
  return { ok: true, target: { command: def.name, ...(subcommand ? { subcommand } : {}), options: values } };
}

/** Parses a whole line: "/deal xiaomi microsoft" or "deal xiaomi microsoft". */
export function parseCommandLine(line: string, commands: readonly CommandDefinition[]): ParsedCommand {
  const m = /^\s*\/?([a-z][a-z0-9-]*)(?:\s+([\s\S]*))?$/i.exec(line);
  if (!m) return { ok: false, message: 'type a command such as /deal xiaomi microsoft, or /deal-help' };
  const def = commands.find((c) => c.name === m[1]!.toLowerCase());
  if (!def) {
    return { ok: false, message: `unknown command "/${m[1]}"; commands: ${commands.map((c) => `/${c.name}`).join(', ')}` };
  }
  return parseArguments(def, m[2] ?? '');
}
