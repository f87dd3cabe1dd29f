// Every command dealbot understands, in the order help lists them.
import { dealCommand } from './deal.ts';
import { dealsCommand } from './deals.ts';
import { dealHelpCommand } from './deal-help.ts';
import { dealAdminCommand } from './deal-admin.ts';
import type { CommandDefinition } from './types.ts';

export type { CommandDefinition, OptionDefinition, SubcommandDefinition, OptionType } from './types.ts';

export const COMMANDS: readonly CommandDefinition[] = [dealCommand, dealsCommand, dealHelpCommand, dealAdminCommand];

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((c) => c.name === name);
}
