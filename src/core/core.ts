// The core: an Invocation in, a Reply out. Routes to one handler per command, checks options against the command
// definitions and admin rights, and turns every failure into a clear error reply (never a crash).
import { randomUUID } from 'node:crypto';
import { COMMANDS, findCommand } from '../../commands/index.ts';
import { StoreError } from '../store/db.ts';
import { ConflictError, DuplicateError, NotFoundError } from '../store/store.ts';
import { isAdmin } from './admins.ts';
import type { CoreContext, Handler } from './context.ts';
import { ADMIN_HANDLERS } from './handlers/admin.ts';
import { handleDeal } from './handlers/deal.ts';
import { handleDeals } from './handlers/deals.ts';
import { handleHelp } from './handlers/help.ts';
import { handleIngest } from './handlers/ingest.ts';
import { markReviewOnSave, REVIEW_HANDLERS } from './handlers/review.ts';
import { Guard, INPUT_LIMITS, requestIdFor } from './limits.ts';
import { checkOptions } from './options.ts';
import { parseCommandLine } from './parse-command.ts';
import { errorReply, type AutocompleteChoice, type Invocation, type Reply, type User } from './replies.ts';

export interface Core {
  handle(inv: Invocation): Promise<Reply>;
  /** Parses typed text ("/deal xiaomi microsoft") and handles it. */
  handleText(text: string, user: User, extra?: Partial<Invocation>): Promise<Reply>;
  autocomplete(inv: { command: string; subcommand?: string | undefined; option: string; value: string; user: User }): AutocompleteChoice[];
  readonly context: CoreContext;
  /** Resolves true once no reply is being worked on (false after timeoutMs): shutdown waits on it. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** Handlers by "command" or "command subcommand". Admin handlers register here too. */
export const HANDLERS: Record<string, Handler> = {
  deal: handleDeal,
  deals: handleDeals,
  'deal-help': handleHelp,
  ...ADMIN_HANDLERS,
  'deal-admin ingest': handleIngest,
  ...REVIEW_HANDLERS,
  // A form opened from a review draft marks that draft done when it saves.
  'deal-admin save': markReviewOnSave(ADMIN_HANDLERS['deal-admin save']!),
};

export function registerHandlers(handlers: Record<string, Handler>): void {
  Object.assign(HANDLERS, handlers);
}

/** Subcommands whose options include form fields, passed through to the form's own validation. */
const FORM_SUBMITS = new Set(['deal-admin save']);

export function createCore(context: CoreContext): Core {
  const { log } = context;
  const guard = new Guard(context.settings);

  // Every invocation: a request id for its log lines, size caps and the cooldown before, the channel's public
  // budget after, and counted while in flight so a shutdown can finish it.
  async function handle(raw: Invocation): Promise<Reply> {
    const started = performance.now();
    const inv: Invocation = { ...raw, requestId: requestIdFor(raw) };
    guard.inFlight.begin();
    try {
      const key = inv.subcommand ? `${inv.command} ${inv.subcommand}` : inv.command;
      const refused = guard.before(inv, FORM_SUBMITS.has(key));
      const reply = refused ?? guard.after(inv, await route(inv));
      log.info(
        {
          requestId: inv.requestId,
          platform: inv.user?.platform,
          user: inv.user?.id,
          command: String(key).slice(0, 80),
          reply: reply.kind,
          code: reply.kind === 'error' ? reply.code : undefined,
          ms: Math.round(performance.now() - started),
        },
        'handled',
      );
      return reply;
    } finally {
      guard.inFlight.end();
    }
  }

  async function route(inv: Invocation): Promise<Reply> {
    const def = findCommand(inv.command);
    if (!def) return errorReply('bad_input', `Unknown command /${inv.command}. Try /deal-help.`);
    const key = inv.subcommand ? `${inv.command} ${inv.subcommand}` : inv.command;
    // Checked first, and for every invocation — a form submission or a button press included — so a non-admin learns
    // nothing and changes nothing, whatever path they take.
    if (def.admin && !isAdmin(inv.user, context.policy)) {
      log.warn({ requestId: inv.requestId, user: inv.user.id, platform: inv.user.platform, command: key }, 'admin command refused');
      return errorReply('forbidden', `Only dealbot admins can use /${def.name}. Nothing was changed.`);
    }
    const handler = HANDLERS[key];
    if (!handler) {
      if (def.subcommands?.length && !inv.subcommand) {
        const names = def.subcommands.filter((s) => !s.hidden).map((s) => s.name);
        return errorReply('bad_input', `/${def.name} needs a subcommand: ${names.join(', ')}`);
      }
      return errorReply('bad_input', `/${inv.command}${inv.subcommand ? ` ${inv.subcommand}` : ''} is not available.`);
    }
    const checked = checkOptions(def, inv, FORM_SUBMITS.has(key));
    if (!checked.ok) return errorReply('bad_input', `/${key}: ${checked.message}`);
    try {
      return await handler({ ...inv, options: checked.options }, context);
    } catch (e) {
      if (e instanceof StoreError) {
        log.error({ requestId: inv.requestId, err: e, command: key }, 'store error');
        return errorReply('unavailable', `Sorry, ${e.message}.`);
      }
      if (e instanceof ConflictError) return errorReply('conflict', e.message);
      if (e instanceof NotFoundError) return errorReply('not_found', capitalise(e.message) + '.');
      if (e instanceof DuplicateError) return errorReply('duplicate', capitalise(e.message) + '.');
      const ref = randomUUID().slice(0, 8);
      log.error({ requestId: inv.requestId, ref, err: e, command: key }, 'handler failed');
      return errorReply('internal', `Something went wrong on our side (reference ${ref}). Nothing was changed.`, { ref });
    }
  }

  return {
    context,
    handle,
    drain: (timeoutMs) => guard.inFlight.drain(timeoutMs),
    async handleText(text, user, extra = {}) {
      if (text.length > INPUT_LIMITS.commandText) {
        return errorReply('bad_input', `That is too long: ${text.length} characters, at most ${INPUT_LIMITS.commandText}. Nothing was done.`);
      }
      const parsed = parseCommandLine(text, COMMANDS);
      if (!parsed.ok) return errorReply('bad_input', capitalise(parsed.message) + '.');
      return handle({ ...extra, ...parsed.target, user });
    },
    autocomplete({ command, option, value, user }) {
      try {
        const def = findCommand(command);
        if (!def || (def.admin && !isAdmin(user, context.policy))) return [];
        if (option === 'query' || option === 'slug') return context.search.autocomplete(String(value).slice(0, INPUT_LIMITS.autocompleteValue), 25);
        return [];
      } catch (e) {
        log.error({ err: e, command, option }, 'autocomplete failed');
        return [];
      }
    },
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
