// Buttons and form submissions carry an InvokeTarget in a short string (a Discord custom_id is at most 100
// characters, a Slack action value 2000): "command sub?key=value&key=value". State lives in the id, not in memory,
// so buttons keep working after a restart.
import type { InvokeTarget, OptionValue } from './replies.ts';

export function encodeTarget(t: InvokeTarget): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(t.options)) params.set(k, String(v));
  const head = t.subcommand ? `${t.command} ${t.subcommand}` : t.command;
  const q = params.toString();
  return q ? `${head}?${q}` : head;
}

export function decodeTarget(s: string): InvokeTarget | undefined {
  const m = /^([a-z][a-z0-9-]{0,31})(?: ([a-z][a-z0-9-]{0,31}))?(?:\?(.*))?$/s.exec(s);
  if (!m) return undefined;
  const options: Record<string, OptionValue> = {};
  for (const [k, v] of new URLSearchParams(m[3] ?? '')) options[k] = v;
  return { command: m[1]!, ...(m[2] ? { subcommand: m[2] } : {}), options };
}

/**
 * A question asked in a message (a mention, a DM) as the invocation it stands for, on every platform: text starting
 * with a slash is that command ("/deals company:x"); anything else is `/deal <question>`, and nothing at all is
 * `/deal` with no query (help).
 */
export function questionTarget(question: string): { text: string } | { command: 'deal'; options: Record<string, string> } {
  if (question.startsWith('/')) return { text: question };
  return { command: 'deal', options: question ? { query: question } : {} };
}
