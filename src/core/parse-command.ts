// Turning typed text ("/deal xiaomi microsoft", "/deals company:microsoft year:2022", "/deal-admin alias-add Xiaomi Mi")
// into an InvokeTarget, for the console, the CLI and Slack (which passes the text after the command as one string).
// A plain question with no command ("who bought github") is a /deal question; a mistyped command ("/dela") gets
// the closest real one suggested. Several words for several options ("alias-add Activision Blizzard ATVI") are
// split with quotes or "=", and when neither is given every possible split is returned for the core to choose from.
import type { CommandDefinition, OptionDefinition } from '../../commands/types.ts';
import type { InvokeTarget, OptionValue } from './replies.ts';

export type ParsedCommand =
  | {
      ok: true;
      target: InvokeTarget;
      /**
       * More words than options, with nothing saying where one ends ("alias-add Activision Blizzard ATVI"): every way
       * of splitting them, in order (`target` is the first). The core picks the one that makes sense, or asks.
       */
      splits?: InvokeTarget[] | undefined;
      /** Whether any option was given by name ("type:acquisition"), not only by position. */
      named?: boolean | undefined;
    }
  | { ok: false; message: string };

const QUOTES = '"“”';
const isSpace = (ch: string) => ch.trim() === '';

/**
 * Splits on whitespace, keeping "quoted strings" and name:"quoted values" together. One pass (what the old
 * /(?:[^\s"“”]+)?(?:["“]([^"”]*)["”])|[^\s]+/g did, without its quadratic search for closing quotes): a token is
 * a run of non-space characters, unless an opening quote follows its first run of plain characters and a closing
 * quote comes later, in which case it runs to that closing quote. Quote characters are dropped.
 */
export function tokenise(text: string): string[] {
  return tokeniseQuoted(text).map((t) => t.token);
}

/** tokenise, saying of each token whether it held a quoted phrase. */
export function tokeniseQuoted(text: string): { token: string; quoted: boolean }[] {
  const out: { token: string; quoted: boolean }[] = [];
  // Past this index there is no closing quote: a search that failed once fails for every later start.
  let noCloseFrom = Infinity;
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let j = i;
    while (j < text.length && !isSpace(text[j]!) && !QUOTES.includes(text[j]!)) j++;
    let end = -1;
    let quoted = false;
    if ((text[j] === '"' || text[j] === '“') && j + 1 < noCloseFrom) {
      const a = text.indexOf('"', j + 1);
      const b = text.indexOf('”', j + 1);
      end = a < 0 ? b : b < 0 ? a : Math.min(a, b);
      if (end < 0) noCloseFrom = j + 1;
      else quoted = true;
    }
    if (end < 0) {
      end = j;
      while (end < text.length && !isSpace(text[end]!)) end++;
      end--;
    }
    let token = '';
    for (let k = start; k <= end; k++) if (!QUOTES.includes(text[k]!)) token += text[k];
    out.push({ token, quoted });
    i = end + 1;
  }
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
  const target = (v: Record<string, OptionValue>): InvokeTarget => ({ command: def.name, ...(subcommand ? { subcommand } : {}), options: v });
  if (!usesNamed && first && first.type === 'string' && options.filter((o) => !o.namedOnly).length === 1) {
    // One free-text option: take the text as typed (quotes and all), so "msft <> github" reaches search intact.
    if (rest) values[first.name] = rest;
    return { ok: true, target: target(values) };
  }
  // Positional values: a quoted phrase is one value, and " = " separates values ("Activision Blizzard = ATVI").
  const groups: string[][] = [[]];
  let quoted = false;
  for (const { token: t, quoted: q } of tokeniseQuoted(rest)) {
    const n = named.exec(t);
    if (n) values[n[1]!] = n[2]!;
    else if (t === '=' && !q) groups.push([]);
    else {
      if (q) quoted = true;
      groups[groups.length - 1]!.push(t);
    }
  }
  const free = options.filter((o) => values[o.name] === undefined && !o.namedOnly);
  // "a b = c d": each side of "=" is one value. Otherwise a quoted phrase is one value, and the last option takes
  // what is left; with neither, several words for several options could be cut anywhere: return every cut.
  const positional = groups.length > 1 ? groups.filter((g) => g.length).map((g) => g.join(' ')) : groups[0]!;
  if (groups.length === 1 && !quoted && free.length > 1 && positional.length > free.length) {
    const splits = everySplit(positional, free.length, MAX_SPLITS).map((parts) => {
      const v: Record<string, OptionValue> = { ...values };
      free.forEach((o, i) => (v[o.name] = parts[i]!));
      return target(v);
    });
    return { ok: true, target: splits[0]!, splits, ...(usesNamed ? { named: true } : {}) };
  }
  free.forEach((o, i) => {
    if (positional.length === 0) return;
    values[o.name] = i === free.length - 1 ? positional.splice(0).join(' ') : positional.shift()!;
  });
  if (positional.length) return { ok: false, message: `unexpected text: "${positional.join(' ')}"` };
  return { ok: true, target: target(values), ...(usesNamed ? { named: true } : {}) };
}

/**
 * How many cuts of positional words are tried at most. The number of cuts grows as words^(options-1): 3,000 words
 * over four options would be billions (a typed line at its length limit ran the process out of memory).
 */
export const MAX_SPLITS = 64;

/** Ways of cutting `words` into `n` non-empty runs, shortest first run first, at most `limit` of them. */
function everySplit(words: string[], n: number, limit: number): string[][] {
  const out: string[][] = [];
  const walk = (from: number, left: number, parts: string[]): void => {
    if (out.length >= limit) return;
    if (left === 1) {
      out.push([...parts, words.slice(from).join(' ')]);
      return;
    }
    for (let cut = from + 1; cut <= words.length - (left - 1) && out.length < limit; cut++) {
      walk(cut, left - 1, [...parts, words.slice(from, cut).join(' ')]);
    }
  };
  walk(0, n, []);
  return out;
}

/** The command a plain question goes to ("who bought github" is "/deal who bought github"). */
export const QUESTION_COMMAND = 'deal';

/**
 * Parses a whole line: "/deal xiaomi microsoft", "deal xiaomi microsoft", or a plain question ("who bought github",
 * "how much did microsoft pay for activision?"), which is asked as /deal.
 */
export function parseCommandLine(line: string, commands: readonly CommandDefinition[]): ParsedCommand {
  const text = line.trim();
  if (!text) return { ok: false, message: 'type a question such as "who bought github", a command such as /deal xiaomi microsoft, or /deal-help' };
  const m = /^(\/)?([a-z][a-z0-9-]*)(?:\s([\s\S]*))?$/i.exec(text);
  const def = m ? commands.find((c) => c.name === m[2]!.toLowerCase()) : undefined;
  if (def) return parseArguments(def, m![3] ?? '');
  if (m?.[1] || text.startsWith('/')) {
    const typed = (m?.[2] ?? text.slice(1).split(/\s/)[0] ?? '').toLowerCase();
    const near = closestCommand(typed, commands);
    return {
      ok: false,
      message: near
        ? `unknown command "/${typed}"; did you mean /${near}?`
        : `unknown command "/${typed}"; commands: ${commands.map((c) => `/${c.name}`).join(', ')}`,
    };
  }
  const question = commands.find((c) => c.name === QUESTION_COMMAND);
  if (!question) return { ok: false, message: 'type a command such as /deal-help' };
  return parseArguments(question, text);
}

/** The real command nearest a mistyped one (at most two edits away, or a prefix of it), if any. */
export function closestCommand(typed: string, commands: readonly CommandDefinition[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of commands) {
    const d = c.name.startsWith(typed) && typed.length >= 3 ? 1 : editDistance(typed, c.name);
    if (d <= Math.min(2, Math.max(1, Math.floor(c.name.length / 3))) && (!best || d < best.d)) best = { name: c.name, d };
  }
  return best?.name;
}

/** Optimal string alignment distance (a swap of two neighbours counts as one edit: "dael" -> "deal"). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
