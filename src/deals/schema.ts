// The deal model: one zod schema validates import files, admin forms and ingest drafts, and gives the TypeScript type.
import { z } from 'zod';
import { safeText, trimEndChars, trimStartChars } from './text-safety.ts';

export const DEAL_TYPES = [
  'acquisition',
  'merger',
  'investment',
  'partnership',
  'mou',
  'joint_venture',
  'licensing',
  'divestiture',
  'settlement',
  'other',
] as const;
export const DEAL_STATUSES = ['rumoured', 'announced', 'signed', 'pending', 'completed', 'terminated', 'unknown'] as const;
export const PARTY_ROLES = [
  'acquirer',
  'target',
  'seller',
  'investor',
  'investee',
  'partner',
  'licensor',
  'licensee',
] as const;

export type DealType = (typeof DEAL_TYPES)[number];
export type DealStatus = (typeof DEAL_STATUSES)[number];
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Field limits, shared by the schema, the admin forms and the adapters' renderers. */
export const LIMITS = {
  slug: 64,
  title: 150,
  summary: 1500,
  partyName: 80,
  alias: 60,
  /** What an organisation is known for: phrases and how many (organisations.json `known`). */
  known: 60,
  knownPhrases: 20,
  parties: 10,
  areas: 12,
  area: 40,
  quotes: 5,
  quoteText: 500,
  speaker: 80,
  speakerTitle: 120,
  sources: 10,
  url: 500,
  publisher: 80,
  sourceTitle: 200,
  note: 200,
} as const;

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** YYYY, YYYY-MM or YYYY-MM-DD: the precision the source gives is kept, never padded with invented days. */
export const PARTIAL_DATE_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * Trimmed text with no control characters (newlines allowed only where `multiline`). What is invisible but changes
 * what a reader sees (bidi controls, zero-width characters, lone surrogates, stacks of combining marks) is removed
 * first (text-safety.ts), so a name of zero-width characters alone is empty and refused.
 */
function text(max: number, opts: { min?: number; multiline?: boolean } = {}) {
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  const ctrl = opts.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  return z
    .string()
    .transform((s) => safeText(s).trim())
    .pipe(
      z
        .string()
        .min(opts.min ?? 1, opts.min === 0 ? undefined : 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        .refine((s) => !ctrl.test(s), 'must not contain control characters'),
    );
}

export const partialDateSchema = z
  .string()
  .trim()
  .regex(PARTIAL_DATE_RE, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => {
    const m = PARTIAL_DATE_RE.exec(s);
    if (!m?.[3]) return true;
    const d = new Date(`${s}T00:00:00Z`);
    return d.getUTCDate() === Number(m[3]);
  }, 'is not a real calendar date');

const httpUrl = z
  .string()
  .trim()
  .max(LIMITS.url, `must be at most ${LIMITS.url} characters`)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const partySchema = z.object({
  name: text(LIMITS.partyName),
  role: z.enum(PARTY_ROLES),
  aliases: z.array(text(LIMITS.alias)).max(20).optional(),
});

export const valueSchema = z.object({
  amount: z.number().finite().nonnegative().max(1e15, 'is implausibly large'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code such as USD'),
  note: text(LIMITS.note).optional(),
});

export const quoteSchema = z.object({
  speaker: text(LIMITS.speaker),
  title: text(LIMITS.speakerTitle).optional(),
  text: text(LIMITS.quoteText),
  /** True when the text is our condensed rendering of a public statement rather than verbatim words. */
  paraphrased: z.boolean().optional(),
});

export const sourceSchema = z.object({
  url: httpUrl,
  publisher: text(LIMITS.publisher).optional(),
  title: text(LIMITS.sourceTitle).optional(),
  published: partialDateSchema.optional(),
});

export const dealSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .max(LIMITS.slug, `must be at most ${LIMITS.slug} characters`)
      .regex(SLUG_RE, 'must be lowercase letters, digits and single hyphens')
      .optional(),
    title: text(LIMITS.title),
    type: z.enum(DEAL_TYPES),
    status: z.enum(DEAL_STATUSES),
    binding: z.boolean().optional(),
    announced: partialDateSchema,
    /** When the deal completed or was terminated (YYYY, YYYY-MM or YYYY-MM-DD); absent while it is open or unknown. */
    closed: partialDateSchema.optional(),
    parties: z.array(partySchema).min(1, 'needs at least one party').max(LIMITS.parties),
    value: valueSchema.optional(),
    areas: z.array(text(LIMITS.area)).max(LIMITS.areas).default([]),
    summary: text(LIMITS.summary, { multiline: true }),
    quotes: z.array(quoteSchema).max(LIMITS.quotes).optional(),
    sources: z.array(sourceSchema).min(1, 'needs at least one source').max(LIMITS.sources),
  })
  .strict();

/** What an import file or form provides (slug optional). */
export type DealInput = z.input<typeof dealSchema>;
/** A validated deal as stored and exported: the slug is always set. */
export type Deal = Omit<z.output<typeof dealSchema>, 'slug'> & { slug: string };
export type Party = z.output<typeof partySchema>;
export type Quote = z.output<typeof quoteSchema>;
export type Source = z.output<typeof sourceSchema>;

export const organisationSchema = z
  .object({
    name: text(LIMITS.partyName),
    aliases: z.array(text(LIMITS.alias)).max(50).default([]),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code')
      .optional(),
    /**
     * What people know the organisation by, besides its names: what it makes or does, its brands and products, its
     * nicknames ("robot vacuum", "Roomba"). Search reads a question's description of a company through these.
     */
    known: z.array(text(LIMITS.known)).max(LIMITS.knownPhrases).optional(),
  })
  .strict();
export type Organisation = z.output<typeof organisationSchema>;

export interface FieldProblem {
  /** Dotted path, e.g. `parties.1.role`. */
  field: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function slugify(s: string): string {
  const dashed = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-');
  return trimEndChars(trimEndChars(trimStartChars(dashed, '-'), '-').slice(0, LIMITS.slug), '-') || 'deal';
}

/** A slug for a deal without one: its title plus the year, unless the title already ends in it. */
export function defaultSlug(d: { title: string; announced: string }): string {
  const year = d.announced.slice(0, 4);
  const base = slugify(d.title);
  return base.endsWith(year) ? base : slugify(`${base.slice(0, LIMITS.slug - 5)}-${year}`);
}

/** A zod issue in plain words: "must be one of: a, b", "is required", "has unknown field: x" (not zod's own text). */
function plainMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return 'is required';
      return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(record)', message: plainMessage(i) }));
}

export function validateDeal(input: unknown): Validation<Deal> {
  const r = dealSchema.safeParse(input);
  if (!r.success) return { ok: false, problems: problemsOf(r.error) };
  const v = r.data;
  return { ok: true, value: { ...v, slug: v.slug ?? defaultSlug(v) } };
}

export function validateOrganisation(input: unknown): Validation<Organisation> {
  const r = organisationSchema.safeParse(input);
  if (!r.success) return { ok: false, problems: problemsOf(r.error) };
  return { ok: true, value: r.data };
}

/**
 * The canonical shape of a deal for export and comparison: keys in schema order, optional fields omitted when empty.
 * Export, import and restore all go through it so that a round trip is byte-identical.
 */
export function canonicalDeal(d: Deal): Deal {
  const out: Record<string, unknown> = {
    slug: d.slug,
    title: d.title,
    type: d.type,
    status: d.status,
  };
  if (d.binding !== undefined) out.binding = d.binding;
  out.announced = d.announced;
  if (d.closed) out.closed = d.closed;
  out.parties = d.parties.map((p) => {
    const party: Record<string, unknown> = { name: p.name, role: p.role };
    if (p.aliases && p.aliases.length) party.aliases = p.aliases;
    return party;
  });
  if (d.value) {
    const v: Record<string, unknown> = { amount: d.value.amount, currency: d.value.currency };
    if (d.value.note) v.note = d.value.note;
    out.value = v;
  }
  out.areas = d.areas;
  out.summary = d.summary;
  if (d.quotes && d.quotes.length) {
    out.quotes = d.quotes.map((q) => {
      const o: Record<string, unknown> = { speaker: q.speaker };
      if (q.title) o.title = q.title;
      o.text = q.text;
      if (q.paraphrased !== undefined) o.paraphrased = q.paraphrased;
      return o;
    });
  }
  out.sources = d.sources.map((s) => {
    const o: Record<string, unknown> = { url: s.url };
    if (s.publisher) o.publisher = s.publisher;
    if (s.title) o.title = s.title;
    if (s.published) o.published = s.published;
    return o;
  });
  return out as Deal;
}
