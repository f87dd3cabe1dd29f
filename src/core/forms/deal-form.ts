// The add/edit deal form: one platform-neutral FormReply that Discord and Slack render as a modal and the console
// asks field by field, and the parser that turns the submitted texts back into a validated deal. Field formats are
// in deal-fields.ts; docs/admin.md describes them for admins.
import { LIMITS, validateDeal, type Deal, type DealInput, type FieldProblem, type Validation } from '../../deals/schema.ts';
import type { FormField, FormReply } from '../replies.ts';
import {
  dealFieldTexts,
  FIELD_IDS,
  parseAreas,
  parseDetails,
  parseParties,
  parseQuotes,
  parseSources,
  type FieldId,
} from './deal-fields.ts';

export const DEAL_FORM_ID = 'deal';

/** Slack's plain_text_input takes at most 3000 characters (Discord 4000): the smaller bounds every long field. */
export const FORM_TEXT_MAX = 3000;
/** Discord modal titles are at most 45 characters. */
const TITLE_MAX = 45;

type FieldSpec = Omit<FormField, 'value'>;

const FIELDS: Record<FieldId, FieldSpec> = {
  title: {
    id: 'title',
    label: 'Title',
    style: 'short',
    required: true,
    maxLength: LIMITS.title,
    placeholder: 'Xiaomi and Microsoft sign an MoU on cloud and AI',
    hint: `One line, at most ${LIMITS.title} characters.`,
  },
  parties: {
    id: 'parties',
    label: 'Parties: Name (role); Name (role)',
    style: 'paragraph',
    required: true,
    maxLength: FORM_TEXT_MAX,
    placeholder: 'Xiaomi (partner); Microsoft (partner)',
    hint: 'Separate parties with ";" or new lines. Roles: acquirer, target, seller, investor, investee, partner, licensor, licensee. Other names: "Xiaomi (partner; aka Mi, MI)".',
  },
  details: {
    id: 'details',
    label: 'Details: type, status, dates, value',
    style: 'paragraph',
    required: true,
    maxLength: 600,
    placeholder: 'Type: acquisition\nStatus: completed\nAnnounced: 2018-06-04\nClosed: 2018-10-26\nValue: 7.5 billion USD',
    hint: 'One "Label: value" per line. Type: acquisition, merger, investment, partnership, mou, joint_venture, licensing, divestiture, settlement, other. Status: rumoured, announced, signed, pending, completed, terminated, unknown. Announced: YYYY, YYYY-MM or YYYY-MM-DD. Closed: when it completed or was terminated, same formats; empty while open or unknown. Value: "68.7 billion USD (all cash)", "USD 68700000000" or "not disclosed". Binding: yes/no (optional).',
  },
  summary: {
    id: 'summary',
    label: 'Summary',
    style: 'paragraph',
    required: true,
    maxLength: LIMITS.summary,
    placeholder: 'What was agreed, in our own words.',
    hint: `A few sentences in our own words, at most ${LIMITS.summary} characters.`,
  },
  sources: {
    id: 'sources',
    label: 'Sources: URL | publisher | title | date',
    style: 'paragraph',
    required: true,
    maxLength: FORM_TEXT_MAX,
    placeholder: 'https://example.com/news/1 | Example News | Xiaomi and Microsoft sign MoU | 2018-02-23',
    hint: `One source per line, at most ${LIMITS.sources}: "URL | publisher | title | YYYY-MM-DD"; only the URL is required.`,
  },
  areas: {
    id: 'areas',
    label: 'Areas (comma-separated)',
    style: 'short',
    required: false,
    maxLength: 600,
    placeholder: 'cloud, artificial intelligence, smart speakers',
    hint: `Topics the deal covers, comma-separated, at most ${LIMITS.areas}.`,
  },
  quotes: {
    id: 'quotes',
    label: 'Quotes: Speaker | title | text',
    style: 'paragraph',
    required: false,
    maxLength: FORM_TEXT_MAX,
    placeholder: 'Jane Doe | CEO, Example Corp | We are glad to work together.',
    hint: `One quote per line, at most ${LIMITS.quotes}: "Speaker | title | text", title optional; end with "| paraphrased" for a condensed rendering.`,
  },
  deal_slug: {
    id: 'deal_slug',
    label: 'Slug (short id used in links)',
    style: 'short',
    required: false,
    maxLength: LIMITS.slug,
    placeholder: 'xiaomi-microsoft-mou-2018',
    hint: 'Lowercase letters, digits and hyphens. Leave empty to make one from the title and year.',
  },
};

/**
 * Shown where a platform allows only five inputs (Discord modals). The five an admin must fill for any new deal;
 * areas, quotes and the slug keep their prefilled value (or default) and are submitted as they are.
 */
const COMPACT_FIELD_IDS: FieldId[] = ['title', 'parties', 'details', 'summary', 'sources'];

const ADD_TEMPLATE: Partial<DealInput> = { status: 'announced' };

/** Cuts text to `max`, at a line break where there is one, so the form never shows half a source or quote. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const nl = head.lastIndexOf('\n');
  return nl > 0 ? head.slice(0, nl) : head;
}

/** An add form (empty or prefilled from a draft, e.g. from article ingest) or an edit form prefilled from a stored deal. */
export function buildDealForm(
  mode: { mode: 'add' } | { mode: 'edit'; slug: string; version: number },
  draft?: Partial<DealInput>,
  notice?: string,
): FormReply {
  const source: Partial<DealInput> = mode.mode === 'add' ? { ...ADD_TEMPLATE, ...draft } : { ...draft };
  const texts = dealFieldTexts(source);
  const notes: string[] = notice ? [notice] : [];
  const fields: FormField[] = FIELD_IDS.map((id) => {
    const spec = FIELDS[id];
    const full = texts[id];
    const value = cut(full, spec.maxLength);
    if (value !== full) {
      notes.push(
        `${spec.id} holds ${full.length} characters, more than this form allows (${spec.maxLength}); the form shows the first ` +
          `${value.length}. Saving it unchanged keeps the full stored text; anything you change replaces it.`,
      );
    }
    return value ? { ...spec, value } : { ...spec };
  });
  const editTitle = mode.mode === 'edit' ? `Edit ${mode.slug}` : '';
  return {
    kind: 'form',
    formId: DEAL_FORM_ID,
    title: mode.mode === 'add' ? 'Add a deal' : editTitle.length <= TITLE_MAX ? editTitle : 'Edit a deal',
    fields,
    compactFieldIds: [...COMPACT_FIELD_IDS],
    submit: {
      command: 'deal-admin',
      subcommand: 'save',
      options: mode.mode === 'add' ? { mode: 'add' } : { mode: 'edit', slug: mode.slug, version: mode.version },
    },
    submitLabel: mode.mode === 'add' ? 'Add deal' : 'Save changes',
    notice: notes.length ? notes.join('\n') : undefined,
    private: true,
  };
}

/** Schema paths (type, value.amount, parties.1.role) to the form field that holds them (details.type, ...). */
function formFieldOf(path: string): string {
  const [head = '', ...rest] = path.split('.');
  if (['type', 'status', 'announced', 'closed', 'binding', 'value'].includes(head)) return ['details', head, ...rest].join('.');
  if (head === 'slug') return 'deal_slug';
  return path;
}

const NOUNS: Record<string, string> = { parties: 'party', areas: 'area', quotes: 'quote', sources: 'source' };

/** "parties.1.role" + "must be..." -> "party 2, role: must be...", readable where a platform cannot mark fields. */
function describe(path: string, message: string): string {
  const [head = '', index, ...rest] = path.split('.');
  const noun = NOUNS[head];
  if (noun && index !== undefined && /^\d+$/.test(index)) {
    return `${noun} ${Number(index) + 1}${rest.length ? `, ${rest.join('.')}` : ''}: ${message}`;
  }
  return `${path}: ${message}`;
}

/** Form values (field id -> text) back to a validated deal; problems are keyed by form field id. */
export function parseDealForm(values: Record<string, string>): Validation<Deal> {
  const get = (id: FieldId) => (values[id] ?? '').replace(/\r\n?/g, '\n');
  const problems: FieldProblem[] = [];
  const details = parseDetails(get('details'), problems);
  const input: Record<string, unknown> = {
    title: get('title').trim(),
    ...details,
    parties: parseParties(get('parties'), problems),
    areas: parseAreas(get('areas')),
    summary: get('summary').trim(),
    sources: parseSources(get('sources')),
  };
  const quotes = parseQuotes(get('quotes'), problems);
  if (quotes.length) input.quotes = quotes;
  const slug = get('deal_slug').trim();
  if (slug) input.slug = slug;
  if (input.type === undefined) input.type = 'other'; // reported above; keeps the schema's other checks running
  if (input.status === undefined) input.status = 'unknown';
  if (input.announced === undefined) input.announced = '0000';

  const v = validateDeal(input);
  if (!v.ok) {
    const taken = problems.map((p) => p.field);
    for (const p of v.problems) {
      const field = formFieldOf(p.field);
      // A field whose text could not be parsed already has its own, clearer problem.
      if (taken.some((t) => t === field || t.startsWith(field + '.'))) continue;
      problems.push({ field, message: describe(p.field, p.message) });
    }
    return { ok: false, problems };
  }
  return problems.length ? { ok: false, problems } : v;
}
