// The core: an Invocation in, a Reply out. Routes to one handler per command, checks options against the command
// definitions and admin rights, and turns every failure into a clear error reply (never a crash).
import { randomUUID } from 'node:crypto';
import { COMMANDS, findCommand, type CommandKey } from '../../commands/index.ts';
import { StoreError } from '../store/db.ts';
import { ConflictError, DuplicateError, NotFoundError } from '../store/types.ts';
import { isAdmin } from './admins.ts';
import type { CoreContext, Handler } from './context.ts';
import { ADMIN_HANDLERS, knowsPhrase } from './handlers/admin.ts';
import { handleDeal } from './handlers/deal.ts';
import { handleDeals } from './handlers/deals.ts';
import { handleHelp } from './handlers/help.ts';
import { handleIngest } from './handlers/ingest.ts';
import { markReviewOnSave, REVIEW_HANDLERS } from './handlers/review.ts';
import { Admission } from './admission.ts';
import { Guard, INPUT_LIMITS, requestIdFor } from './limits.ts';
import { checkOptions } from './options.ts';
import { parseCommandLine, QUESTION_COMMAND } from './parse-command.ts';
import { errorReply, type AutocompleteChoice, type FormReply, type Invocation, type InvokeTarget, type Reply, type User } from './replies.ts';
import { DEAL_FORM_ID, parseDealForm } from './forms/deal-form.ts';
import type { FieldProblem } from '../deals/schema.ts';

export interface Core {
  handle(inv: Invocation): Promise<Reply>;
  /** Parses typed text ("/deal xiaomi microsoft") and handles it. */
  handleText(text: string, user: User, extra?: Partial<Invocation>): Promise<Reply>;
  autocomplete(inv: { command: string; subcommand?: string | undefined; option: string; value: string; user: User }): Promise<AutocompleteChoice[]>;
  /** Whether the user may run admin commands (what App Home asks before showing its admin section). */
  isAdmin(user: User): boolean;
  /**
   * The problems with one field of a form as filled in so far (`values`: field id -> text), so an adapter that asks
   * field by field (the console) can say so at once instead of after the last field. Saving still checks everything.
   */
  checkFormField(form: FormReply, values: Record<string, string>, fieldId: string, user: User): FieldProblem[];
  readonly context: CoreContext;
  /** Resolves true once no reply is being worked on (false after timeoutMs): shutdown waits on it. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** One handler for every command and subcommand the definitions declare: a command without one fails `tsc`. */
export type HandlerTable = Record<CommandKey, Handler>;

/** Handlers by "command" or "command subcommand". Admin handlers register here too. */
export const HANDLERS: HandlerTable = {
  deal: handleDeal,
  deals: handleDeals,
  'deal-help': handleHelp,
  ...ADMIN_HANDLERS,
  'deal-admin ingest': handleIngest,
  ...REVIEW_HANDLERS,
  // A form opened from a review draft marks that draft done when it saves.
  'deal-admin save': markReviewOnSave(ADMIN_HANDLERS['deal-admin save']),
};

export function registerHandlers(handlers: Partial<HandlerTable>): void {
  Object.assign(HANDLERS, handlers);
}

/** Each form's own validation, by form id: what checkFormField runs on the values so far. */
const FORM_CHECKS: Record<string, (values: Record<string, string>) => FieldProblem[]> = {
  [DEAL_FORM_ID]: (values) => {
    const r = parseDealForm(values);
    return r.ok ? [] : r.problems;
  },
};

/** How many new invocations may start per turn of the event loop (see admission.ts). */
const ADMITTED_PER_TURN = 4;

/** The list command: a line for it whose positional words fit none of its options is asked as a question instead. */
const LIST_COMMAND = 'deals';

/** Subcommands whose options include form fields, passed through to the form's own validation. */
const FORM_SUBMITS = new Set(['deal-admin save']);

export function createCore(context: CoreContext): Core {
  const { log } = context;
  const guard = new Guard(context.settings);
  // Acknowledgements first (admission.ts): new work starts a few invocations per turn of the event loop.
  const admission = new Admission(ADMITTED_PER_TURN);

  // Every invocation: a request id for its log lines, size caps and the user's rate limit before, the channel's public
  // budget after, and counted while in flight so a shutdown can finish it.
  async function handle(raw: Invocation): Promise<Reply> {
    const started = performance.now();
    const inv: Invocation = { ...raw, requestId: requestIdFor(raw) };
    guard.inFlight.begin();
    try {
      // A form submission's answer is its acknowledgement on Slack: it does not queue behind questions.
      if (inv.via !== 'form') await admission.enter();
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
    const handler = (HANDLERS as Partial<Record<string, Handler>>)[key];
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

  /**
   * Several words for several options with nothing marking where one ends: the one reading whose options are valid
   * (and, for aliases, whose organisation dealbot knows), or else every plausible reading, for the user to choose.
   */
  async function chooseSplit(splits: InvokeTarget[]): Promise<InvokeTarget | InvokeTarget[]> {
    const valid = splits.filter((t) => {
      const def = findCommand(t.command);
      return def !== undefined && checkOptions(def, t).ok;
    });
    const sensible: InvokeTarget[] = [];
    for (const t of valid) if (await SPLIT_CHECKS[t.subcommand ? `${t.command} ${t.subcommand}` : t.command]?.(t) !== false) sensible.push(t);
    return sensible.length === 1 ? sensible[0]! : sensible.length ? sensible : valid;
  }

  const SPLIT_CHECKS: Record<string, (t: InvokeTarget) => Promise<boolean> | boolean> = {
    'deal-admin alias-add': async (t) => (await context.store.findOrganisation(String(t.options.organisation))) !== undefined,
    'deal-admin known-add': async (t) => (await context.store.findOrganisation(String(t.options.organisation))) !== undefined,
    'deal-admin known-remove': async (t) => {
      const org = await context.store.findOrganisation(String(t.options.organisation));
      return org !== undefined && knowsPhrase(org, String(t.options.phrase));
    },
    'deal-admin alias-remove': async (t) => {
      const org = await context.store.findOrganisation(String(t.options.organisation));
      return org !== undefined && (await context.store.findOrganisation(String(t.options.alias)))?.id === org.id;
    },
  };

  return {
    context,
    handle,
    drain: (timeoutMs) => guard.inFlight.drain(timeoutMs),
    isAdmin: (user) => isAdmin(user, context.policy),
    checkFormField(form, values, fieldId, user) {
      const check = FORM_CHECKS[form.formId];
      if (!check || !isAdmin(user, context.policy)) return [];
      return check(values).filter((p) => p.field === fieldId || p.field.startsWith(`${fieldId}.`));
    },
    async handleText(text, user, extra = {}) {
      if (text.length > INPUT_LIMITS.commandText) {
        return errorReply('bad_input', `That is too long: ${text.length} characters, at most ${INPUT_LIMITS.commandText}. Nothing was done.`);
      }
      const parsed = parseCommandLine(text, COMMANDS);
      if (!parsed.ok) return errorReply('bad_input', sentence(parsed.message));
      let target = parsed.target;
      // "deals completed in 2023", Slack's `/deals completed in 2023`, "/deals acquisitions": words by position that
      // fit no /deals option, or name no company dealbot knows, are a question, asked as /deal with the whole line,
      // rather than an error about a type called "completed in". An option given by name ("type:banana") is still
      // checked and refused.
      const asQuestion = () => handle({ ...extra, command: QUESTION_COMMAND, options: { query: text.trim().replace(/^\//, '').trim() }, user });
      const positionalList = target.command === LIST_COMMAND && !parsed.named;
      if (positionalList && !(parsed.splits ?? [target]).some((t) => checkOptions(findCommand(t.command)!, t).ok)) return asQuestion();
      if (parsed.splits) {
        const chosen = await chooseSplit(parsed.splits);
        if (!Array.isArray(chosen)) target = chosen;
        else return errorReply('bad_input', ambiguityMessage(chosen.length ? chosen : parsed.splits));
      }
      const company = target.options.company;
      if (positionalList && typeof company === 'string' && !(await context.store.findOrganisation(company))) return asQuestion();
      return handle({ ...extra, ...target, user });
    },
    async autocomplete({ command, option, value, user }) {
      try {
        const def = findCommand(command);
        if (!def || (def.admin && !isAdmin(user, context.policy))) return [];
        if (option === 'query' || option === 'slug') return await context.search.autocomplete(String(value).slice(0, INPUT_LIMITS.autocompleteValue), 25);
        return [];
      } catch (e) {
        log.error({ err: e, command, option }, 'autocomplete failed');
        return [];
      }
    },
  };
}

/** "…can be read more than one way": the readings, and how to say which one is meant. */
function ambiguityMessage(readings: InvokeTarget[]): string {
  const t = readings[0]!;
  const names = Object.keys(t.options);
  const reading = (r: InvokeTarget) => names.map((n) => `${n} "${String(r.options[n])}"`).join(', ');
  const shown = readings.slice(0, 3).map(reading).join('; or ');
  const prefix = `/${t.command}${t.subcommand ? ` ${t.subcommand}` : ''}`;
  const example = readings[readings.length - 1]!;
  const values = names.map((n) => String(example.options[n]));
  const quoted = values.map((v) => (/\s/.test(v) ? `"${v}"` : v)).join(' ');
  return (
    `"${names.map((n) => String(t.options[n])).join(' ')}" can be read more than one way (${shown}). ` +
    `Put a name of several words in quotes, or separate the values with "=": ${prefix} ${quoted}, or ${prefix} ${values.join(' = ')}.`
  );
}

/** Capitalised, with a full stop unless it already ends a sentence. */
function sentence(s: string): string {
  const c = capitalise(s);
  return /[.?!]$/.test(c) ? c : c + '.';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
