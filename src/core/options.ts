// Checking an invocation's options against its command definition: types, limits, required and unknown options.
// Adapters pass strings from text, buttons and forms; this is where they become typed values, once, for everyone.
import type { CommandDefinition, OptionDefinition } from '../../commands/types.ts';
import type { InvokeTarget, OptionValue } from './replies.ts';

export type CheckedOptions = { ok: true; options: Record<string, OptionValue> } | { ok: false; message: string };

export function optionDefinitions(def: CommandDefinition, subcommand: string | undefined): readonly OptionDefinition[] | undefined {
  if (!def.subcommands?.length) return def.options ?? [];
  return def.subcommands.find((s) => s.name === subcommand)?.options;
}

/**
 * `extra` lists option names that pass through unchecked (form field values, checked by the form's own validation).
 */
export function checkOptions(def: CommandDefinition, t: InvokeTarget, allowExtra = false): CheckedOptions {
  const defs = optionDefinitions(def, t.subcommand);
  if (!defs) return { ok: false, message: `/${def.name} has no subcommand "${t.subcommand ?? ''}"` };
  const out: Record<string, OptionValue> = {};
  for (const [name, raw] of Object.entries(t.options)) {
    const o = defs.find((d) => d.name === name);
    if (!o) {
      if (allowExtra) {
        out[name] = raw;
        continue;
      }
      return { ok: false, message: `/${def.name} has no option "${name}"` };
    }
    if (o.type === 'string') {
      const s = String(raw).trim();
      if (s === '') continue;
      if (o.maxLength && s.length > o.maxLength) {
        return { ok: false, message: `${o.name} is too long: ${s.length} characters, at most ${o.maxLength}` };
      }
      if (o.choices && !o.choices.some((c) => c.value === s)) {
        return { ok: false, message: `${o.name} must be one of: ${o.choices.map((c) => c.value).join(', ')}` };
      }
      out[name] = s;
    } else if (o.type === 'integer') {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isInteger(n)) return { ok: false, message: `${o.name} must be a whole number` };
      if (o.minValue !== undefined && n < o.minValue) return { ok: false, message: `${o.name} must be at least ${o.minValue}` };
      if (o.maxValue !== undefined && n > o.maxValue) return { ok: false, message: `${o.name} must be at most ${o.maxValue}` };
      out[name] = n;
    } else {
      const s = String(raw).toLowerCase();
      if (!['true', 'false', 'yes', 'no', '1', '0'].includes(s)) return { ok: false, message: `${o.name} must be true or false` };
      out[name] = ['true', 'yes', '1'].includes(s);
    }
  }
  for (const o of defs) {
    if (o.required && out[o.name] === undefined) return { ok: false, message: `${o.name} is required` };
  }
  return { ok: true, options: out };
}
