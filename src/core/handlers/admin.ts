// /deal-admin: add and edit through the deal form, remove (with confirmation and undo), restore, aliases, history and
// stats. The core has already checked that the user is an admin for this very invocation (the form's save and the
// confirm button included), so every write is checked at the moment it happens. The Store writes each change and its
// audit row in one transaction.
import { canonicalDeal, LIMITS } from '../../deals/schema.ts';
import type { Actor } from '../../store/store.ts';
import type { CommandKey } from '../../../commands/index.ts';
import type { CoreContext, Handler } from '../context.ts';
import { dealFieldTexts, FIELD_IDS } from '../forms/deal-fields.ts';
import { buildDealForm, parseDealForm } from '../forms/deal-form.ts';
import { dealRef, errorReply, openDealTarget, type Action, type Invocation, type InvokeTarget, type Reply } from '../replies.ts';
import { historyEntry } from './admin-history.ts';

export const DEFAULT_STATS_DAYS = 30;
export const DEFAULT_HISTORY_LIMIT = 10;

function actorOf(inv: Invocation): Actor {
  return { id: inv.user.id, name: inv.user.name, platform: inv.user.platform };
}

function slugOption(inv: Invocation): string {
  return String(inv.options.slug ?? '').trim();
}

const admin = (subcommand: string, options: InvokeTarget['options']): InvokeTarget => ({ command: 'deal-admin', subcommand, options });

function dealActions(slug: string, extra: Action[] = []): Action[] {
  return [{ label: 'Open it', target: openDealTarget(slug) }, ...extra];
}

/** Near-miss slugs first: at most this many edits away counts as a likely typo. */
const NEAR_SLUG_EDITS = 6;

/**
 * No deal has this slug: the nearest stored slugs as did-you-mean choices that run the same subcommand, else where
 * to find a slug (at the foot of every card, and in /deals lists).
 */
async function notFound(slug: string, ctx: CoreContext, subcommand: string): Promise<Reply> {
  // Candidates from autocomplete over the slug's words, then over fewer of them (a wrong year or word finds nothing).
  const words = slug.split(/[-_\s]+/).filter(Boolean);
  const tries = [words, words.filter((w) => !/^\d+$/.test(w)), words.slice(0, 2), words.slice(0, 1)];
  const seen = new Map<string, string>();
  for (const t of tries) {
    if (seen.size >= 10 || t.length === 0) continue;
    for (const c of await ctx.search.autocomplete(t.join(' '), 25)) if (!seen.has(c.value)) seen.set(c.value, c.name);
  }
  const near = [...seen]
    .map(([value, name]) => ({ slug: value, title: name, d: slugDistance(slug, value) }))
    .filter((c) => c.d <= Math.max(NEAR_SLUG_EDITS, Math.floor(slug.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3);
  if (near.length === 0) {
    return errorReply('not_found', `No deal has the slug "${slug}". Find the deal with /deal or /deals: its slug is at the foot of its card.`);
  }
  return {
    kind: 'not_found',
    private: true,
    query: slug,
    message: `No deal has the slug "${slug}". Did you mean one of these?`,
    suggestions: near.map((c) => ({ label: `${c.slug} (${c.title})`, target: admin(subcommand, { slug: c.slug }) })),
  };
}

/** Edit distance between two slugs (insertions, deletions, substitutions). */
function slugDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

export const handleAdminAdd: Handler = (inv) => {
  const form = buildDealForm({ mode: 'add' });
  if (inv.options.allow_duplicate === true) form.submit.options.allow_duplicate = true;
  return form;
};

export const handleAdminEdit: Handler = async (inv, ctx) => {
  const slug = slugOption(inv);
  const stored = await ctx.store.getDeal(slug);
  if (!stored) return notFound(slug, ctx, 'edit');
  return buildDealForm({ mode: 'edit', slug, version: stored.version }, stored.deal);
};

/** The submitted field texts, as strings (options may arrive typed from the CLI). */
function formValues(inv: Invocation): Record<string, string> {
  const values: Record<string, string> = {};
  for (const id of FIELD_IDS) {
    const v = inv.options[id];
    if (v !== undefined) values[id] = String(v);
  }
  return values;
}

export const handleAdminSave: Handler = async (inv, ctx) => {
  const mode = inv.options.mode;
  if (mode !== 'add' && mode !== 'edit') return errorReply('bad_input', 'The form is out of date (unknown mode); open it again.');
  const values = formValues(inv);
  const actor = actorOf(inv);

  if (mode === 'edit') {
    const slug = slugOption(inv);
    const version = inv.options.version;
    if (!slug || typeof version !== 'number') return errorReply('bad_input', 'The edit form is incomplete (no slug or version); open it again.');
    const stored = await ctx.store.getDeal(slug);
    if (!stored) return notFound(slug, ctx, 'edit');
    // A field too long for its input was shown cut (the form's notice said so). Sent back unchanged, it keeps the
    // full stored text instead of losing the part the form could not show.
    if (stored.version === version) {
      const shown = buildDealForm({ mode: 'edit', slug, version }, stored.deal);
      const full = dealFieldTexts(stored.deal);
      for (const f of shown.fields) {
        const id = f.id as (typeof FIELD_IDS)[number];
        if (full[id] !== (f.value ?? '') && values[id] === f.value) values[id] = full[id];
      }
    }
    if (!(values.deal_slug ?? '').trim()) values.deal_slug = slug;
    const parsed = parseDealForm(values);
    if (!parsed.ok) {
      return errorReply('bad_input', 'Some fields need fixing; nothing was saved.', { fieldErrors: parsed.problems });
    }
    if (JSON.stringify(canonicalDeal(parsed.value)) === JSON.stringify(canonicalDeal(stored.deal)) && stored.version === version) {
      return { kind: 'done', private: true, message: `No changes to "${stored.deal.title}"; nothing was saved.`, actions: dealActions(slug), deal: dealRef(stored.deal) };
    }
    // Throws ConflictError when someone saved a newer version since this form was opened: the core answers with
    // the store's message, and nothing is overwritten.
    const saved = await ctx.store.updateDeal(slug, parsed.value, version, actor);
    ctx.log.info({ requestId: inv.requestId, user: actor.id, platform: actor.platform, slug: saved.deal.slug, version: saved.version }, 'deal edited');
    return {
      kind: 'done',
      private: true,
      message: `Saved "${saved.deal.title}" (${saved.deal.slug}, version ${saved.version}).`,
      actions: dealActions(saved.deal.slug, [{ label: 'History', target: admin('history', { slug: saved.deal.slug }) }]),
      deal: dealRef(saved.deal),
    };
  }

  const parsed = parseDealForm(values);
  if (!parsed.ok) return errorReply('bad_input', 'Some fields need fixing; nothing was saved.', { fieldErrors: parsed.problems });
  const deal = parsed.value;
  if (inv.options.allow_duplicate !== true) {
    const dups = await ctx.store.findDuplicates(deal);
    if (dups.length) {
      const names = dups.map((d) => `"${d.deal.title}" (${d.deal.slug})`).join(', ');
      const message = `same parties, type and date as ${names}`;
      return errorReply(
        'duplicate',
        `This looks like a deal dealbot already has: ${names}. Nothing was saved. Change the parties, type or date, ` +
          'or if it really is a separate deal, start again with /deal-admin add allow_duplicate:true.',
        { fieldErrors: [{ field: 'details', message }, { field: 'parties', message }] },
      );
    }
  }
  const created = await ctx.store.createDeal(deal, actor);
  ctx.log.info({ requestId: inv.requestId, user: actor.id, platform: actor.platform, slug: created.deal.slug }, 'deal added');
  return {
    kind: 'done',
    private: true,
    message: `Added "${created.deal.title}" (${created.deal.slug}). It is searchable now.`,
    actions: dealActions(created.deal.slug, [{ label: 'Edit', target: admin('edit', { slug: created.deal.slug }) }]),
    deal: dealRef(created.deal),
  };
};

export const handleAdminRemove: Handler = async (inv, ctx) => {
  const slug = slugOption(inv);
  const stored = await ctx.store.getDeal(slug);
  if (!stored) return notFound(slug, ctx, 'remove');
  return {
    kind: 'confirm',
    private: true,
    message: `Remove "${stored.deal.title}" (${slug})? It leaves search at once; you can undo it with /deal-admin restore ${slug}.`,
    confirm: { label: 'Remove', style: 'danger', target: admin('remove-confirm', { slug }) },
    cancelLabel: 'Keep it',
  };
};

export const handleAdminRemoveConfirm: Handler = async (inv, ctx) => {
  const slug = slugOption(inv);
  const removed = await ctx.store.removeDeal(slug, actorOf(inv));
  ctx.log.info({ requestId: inv.requestId, user: inv.user.id, platform: inv.user.platform, slug }, 'deal removed');
  return {
    kind: 'done',
    private: true,
    message: `Removed "${removed.deal.title}" (${slug}). It no longer appears in search.`,
    actions: [{ label: 'Undo', style: 'primary', target: admin('restore', { slug }) }],
    deal: dealRef(removed.deal),
  };
};

export const handleAdminRestore: Handler = async (inv, ctx) => {
  const slug = slugOption(inv);
  const restored = await ctx.store.restoreDeal(slug, actorOf(inv));
  ctx.log.info({ requestId: inv.requestId, user: inv.user.id, platform: inv.user.platform, slug }, 'deal restored');
  return {
    kind: 'done',
    private: true,
    message: `Restored "${restored.deal.title}" (${slug}); it is searchable again.`,
    actions: dealActions(slug),
    deal: dealRef(restored.deal),
  };
};

function aliasArgs(inv: Invocation): { org: string; alias: string } | Reply {
  const org = String(inv.options.organisation ?? '').trim();
  const alias = String(inv.options.alias ?? '').trim();
  if (!org || !alias) return errorReply('bad_input', 'Give the organisation and the alias, e.g. /deal-admin alias-add Xiaomi Mi.');
  if (alias.length > LIMITS.alias) return errorReply('bad_input', `The alias is too long (at most ${LIMITS.alias} characters).`);
  return { org, alias };
}

export const handleAdminAliasAdd: Handler = async (inv, ctx) => {
  const args = aliasArgs(inv);
  if ('kind' in args) return args;
  const org = await ctx.store.addAlias(args.org, args.alias, actorOf(inv));
  ctx.log.info({ requestId: inv.requestId, user: inv.user.id, platform: inv.user.platform, org: org.name, alias: args.alias }, 'alias added');
  return {
    kind: 'done',
    private: true,
    message: `"${args.alias}" now finds ${org.name} (aliases: ${org.aliases.join(', ')}).`,
    actions: [
      { label: `Deals of ${org.name}`, target: { command: 'deals', options: { company: org.name } } },
      { label: 'Undo', target: admin('alias-remove', { organisation: org.name, alias: args.alias }) },
    ],
  };
};

export const handleAdminAliasRemove: Handler = async (inv, ctx) => {
  const args = aliasArgs(inv);
  if ('kind' in args) return args;
  const org = await ctx.store.removeAlias(args.org, args.alias, actorOf(inv));
  ctx.log.info({ requestId: inv.requestId, user: inv.user.id, platform: inv.user.platform, org: org.name, alias: args.alias }, 'alias removed');
  return {
    kind: 'done',
    private: true,
    message: `"${args.alias}" no longer finds ${org.name}${org.aliases.length ? ` (aliases left: ${org.aliases.join(', ')})` : ''}.`,
    actions: [{ label: 'Undo', target: admin('alias-add', { organisation: org.name, alias: args.alias }) }],
  };
};

function knownArgs(inv: Invocation): { org: string; phrase: string } | Reply {
  const org = String(inv.options.organisation ?? '').trim();
  const phrase = String(inv.options.phrase ?? '').replace(/\s+/g, ' ').trim();
  if (!org || !phrase) return errorReply('bad_input', 'Give the organisation and the phrase, e.g. /deal-admin known-add iRobot "robot vacuum".');
  if (phrase.length > LIMITS.known) return errorReply('bad_input', `The phrase is too long (at most ${LIMITS.known} characters).`);
  if (!/[\p{L}\p{N}]/u.test(phrase)) return errorReply('bad_input', 'The phrase must contain letters or digits.');
  return { org, phrase };
}

const samePhrase = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/** Whether the organisation is known for the phrase (case and accents ignored), as known-add and known-remove compare. */
export const knowsPhrase = (org: { known?: readonly string[] | undefined }, phrase: string) => (org.known ?? []).some((k) => samePhrase(k, phrase));

export const handleAdminKnownAdd: Handler = async (inv, ctx) => {
  const args = knownArgs(inv);
  if ('kind' in args) return args;
  const org = await ctx.store.findOrganisation(args.org);
  if (!org) return errorReply('not_found', `No organisation is called "${args.org}". /deals company:NAME lists what dealbot knows.`);
  const known = org.known ?? [];
  if (knowsPhrase(org, args.phrase)) return errorReply('conflict', `${org.name} is already known for "${args.phrase}".`);
  if (known.length >= LIMITS.knownPhrases) {
    return errorReply('bad_input', `${org.name} already has ${LIMITS.knownPhrases} phrases (the most kept); remove one with /deal-admin known-remove first.`);
  }
  const after = await ctx.store.setKnown(org.name, [...known, args.phrase], actorOf(inv));
  ctx.log.info({ requestId: inv.requestId, user: inv.user.id, platform: inv.user.platform, org: org.name, phrase: args.phrase }, 'known phrase added');
  return {
    kind: 'done',
    private: true,
    message: `${after.name} is now known for: ${(after.known ?? []).join(', ')}.`,
    actions: [
      { label: `Deals of ${after.name}`, target: { command: 'deals', options: { company: after.name } } },
      { label: 'Undo', target: admin('known-remove', { organisation: after.name, phrase: args.phrase }) },
    ],
  };
};

export const handleAdminKnownRemove: Handler = async (inv, ctx) => {
  const args = knownArgs(inv);
  if ('kind' in args) return args;
  const org = await ctx.store.findOrganisation(args.org);
  if (!org) return errorReply('not_found', `No organisation is called "${args.org}". /deals company:NAME lists what dealbot knows.`);
  const known = org.known ?? [];
  if (!knowsPhrase(org, args.phrase)) {
    return errorReply('not_found', `${org.name} is not known for "${args.phrase}"${known.length ? ` (it is known for: ${known.join(', ')})` : ''}.`);
  }
  const after = await ctx.store.setKnown(org.name, known.filter((k) => !samePhrase(k, args.phrase)), actorOf(inv));
  ctx.log.info({ requestId: inv.requestId, user: inv.user.id, platform: inv.user.platform, org: org.name, phrase: args.phrase }, 'known phrase removed');
  return {
    kind: 'done',
    private: true,
    message: `${after.name} is no longer known for "${args.phrase}"${after.known?.length ? ` (still: ${after.known.join(', ')})` : ''}.`,
    actions: [{ label: 'Undo', target: admin('known-add', { organisation: after.name, phrase: args.phrase }) }],
  };
};

export const handleAdminHistory: Handler = async (inv, ctx) => {
  const slug = slugOption(inv) || undefined;
  const limit = typeof inv.options.limit === 'number' ? inv.options.limit : DEFAULT_HISTORY_LIMIT;
  const rows = await ctx.store.history({ subject: slug, limit });
  if (slug && rows.length === 0 && !(await ctx.store.getDeal(slug, { includeDeleted: true }))) return notFound(slug, ctx, 'history');
  return { kind: 'history', private: true, subject: slug, entries: rows.map(historyEntry) };
};

export const handleAdminStats: Handler = async (inv, ctx: CoreContext) => {
  const days = typeof inv.options.days === 'number' ? inv.options.days : DEFAULT_STATS_DAYS;
  const [s, deals] = await Promise.all([ctx.store.usageStats(days), ctx.store.countDeals()]);
  return {
    kind: 'stats',
    private: true,
    days,
    deals,
    queries: s.queries,
    found: s.found,
    notFound: s.notFound,
    top: s.top,
    misses: s.misses,
  };
};

/** Registered in core.ts HANDLERS. Ingest ('deal-admin ingest') lives with the ingest module. */
export const ADMIN_HANDLERS = {
  'deal-admin add': handleAdminAdd,
  'deal-admin edit': handleAdminEdit,
  'deal-admin save': handleAdminSave,
  'deal-admin remove': handleAdminRemove,
  'deal-admin remove-confirm': handleAdminRemoveConfirm,
  'deal-admin restore': handleAdminRestore,
  'deal-admin alias-add': handleAdminAliasAdd,
  'deal-admin alias-remove': handleAdminAliasRemove,
  'deal-admin known-add': handleAdminKnownAdd,
  'deal-admin known-remove': handleAdminKnownRemove,
  'deal-admin history': handleAdminHistory,
  'deal-admin stats': handleAdminStats,
} as const satisfies Partial<Record<CommandKey, Handler>>;
