// /deal-help: generated from the command definitions, so help never drifts from what the commands accept.
import { COMMANDS } from '../../../commands/index.ts';
import type { CommandDefinition, OptionDefinition } from '../../../commands/types.ts';
import { isAdmin } from '../admins.ts';
import type { HelpReply, Invocation } from '../replies.ts';
import type { CoreContext } from '../context.ts';

function optionUsage(o: OptionDefinition): string {
  return o.required ? `<${o.name}>` : `[${o.name}]`;
}

export function commandUsages(def: CommandDefinition): { usage: string; description: string }[] {
  if (def.subcommands?.length) {
    return def.subcommands
      .filter((s) => !s.hidden)
      .map((s) => ({
        usage: [`/${def.name} ${s.name}`, ...(s.options ?? []).map(optionUsage)].join(' '),
        description: s.description,
      }));
  }
  return [{ usage: [`/${def.name}`, ...(def.options ?? []).map(optionUsage)].join(' '), description: def.description }];
}

export function helpReply(inv: Invocation, ctx: CoreContext): HelpReply {
  const admin = isAdmin(inv.user, ctx.policy);
  return {
    kind: 'help',
    title: 'dealbot — tech deals on request',
    intro:
      'Ask for a deal by the companies involved (names, tickers or former names all work, typos too) or by topic. ' +
      'If nothing matches, dealbot says so and suggests what it does know.',
    commands: COMMANDS.filter((c) => admin || !c.admin).flatMap((c) =>
      commandUsages(c).map((u) => ({ ...u, admin: c.admin })),
    ),
    examples: COMMANDS.filter((c) => admin || !c.admin).flatMap((c) => [...(c.examples ?? [])]),
    private: true,
  };
}

export const handleHelp = (inv: Invocation, ctx: CoreContext): HelpReply => helpReply(inv, ctx);
