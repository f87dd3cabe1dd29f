// Every command dealbot understands, in the order help lists them.
import { dealCommand } from './deal.ts';
import { dealsCommand } from './deals.ts';
import { dealHelpCommand } from './deal-help.ts';
import { dealAdminCommand } from './deal-admin.ts';
import type { CommandDefinition, FormFirst, SubcommandDefinition } from './types.ts';

export type { CommandDefinition, FormFirst, OptionDefinition, SubcommandDefinition, OptionType } from './types.ts';

/** The definitions with their literal types, so the handler table can be checked against them (CommandKey). */
const DEFINITIONS = [dealCommand, dealsCommand, dealHelpCommand, dealAdminCommand] as const;

export const COMMANDS: readonly CommandDefinition[] = DEFINITIONS;

type KeysOf<C> = C extends { readonly name: infer N extends string; readonly subcommands: readonly (infer S)[] }
  ? S extends { readonly name: infer SN extends string }
    ? `${N} ${SN}`
    : never
  : C extends { readonly name: infer N extends string }
    ? N
    : never;

/**
 * What the core routes on: "deal", "deals", "deal-help", and "deal-admin add" for each subcommand (hidden ones
 * included). The core's handler table is a Record of these, so a command defined without a handler fails `tsc`.
 */
export type CommandKey = KeysOf<(typeof DEFINITIONS)[number]>;

/** Every command key the definitions declare, at run time. */
export function commandKeys(commands: readonly CommandDefinition[] = COMMANDS): string[] {
  return commands.flatMap((c) => (c.subcommands?.length ? c.subcommands.map((s) => `${c.name} ${s.name}`) : [c.name]));
}

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The subcommand a typed text starts with ("ingest https://…" -> ingest), by its exact name, any case. */
export function subcommandOf(def: CommandDefinition, text: string): SubcommandDefinition | undefined {
  const first = text.trimStart().split(/\s/, 1)[0]?.toLowerCase() ?? '';
  return def.subcommands?.find((s) => s.name === first);
}

/** The form an invocation opens before its answer is ready (see SubcommandDefinition.opensForm), if any. */
export function formOpenedFirst(def: CommandDefinition, subcommand: string | undefined): FormFirst | undefined {
  return subcommand ? def.subcommands?.find((s) => s.name === subcommand)?.opensForm : def.opensForm;
}
