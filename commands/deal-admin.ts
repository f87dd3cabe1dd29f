import type { CommandDefinition } from './types.ts';

const slug = { name: 'slug', description: 'The deal slug, e.g. xiaomi-microsoft-mou-2018', type: 'string', required: true, maxLength: 64, autocomplete: true } as const;

/** The company an alias or known-for subcommand is about. */
const organisation = { name: 'organisation', description: 'The company as dealbot knows it', type: 'string', required: true, maxLength: 80 } as const;

const reviewId = { name: 'id', description: 'Review-queue item', type: 'integer', required: true, minValue: 1 } as const;

/**
 * One admin command with subcommands: Discord shows them as `/deal-admin add`, Slack reads the first word of the text
 * (`/deal-admin remove some-slug`), the console takes either form.
 */
export const dealAdminCommand = {
  name: 'deal-admin',
  description: 'Keep the deal store current (admins only)',
  admin: true,
  subcommands: [
    {
      name: 'add',
      description: 'Add a deal through a form',
      options: [
        { name: 'allow_duplicate', description: 'Save even if a deal with the same parties, type and date exists', type: 'boolean' },
      ],
    },
    {
      name: 'ingest',
      description: 'Draft a deal from a pasted article or a URL, to confirm in the add form',
      options: [{ name: 'source', description: 'Article text or an http(s) URL', type: 'string', required: true, maxLength: 6000 }],
      opensForm: { title: 'Draft a deal', waiting: 'Reading the article…' },
    },
    { name: 'edit', description: 'Edit a deal through the same form, prefilled', options: [slug] },
    { name: 'remove', description: 'Remove a deal (asks first; can be undone)', options: [slug] },
    { name: 'restore', description: 'Bring back a removed deal (undo a removal)', options: [{ ...slug, autocomplete: false }] },
    {
      name: 'alias-add',
      description: 'Teach dealbot another name for a company ("Mi" for Xiaomi)',
      options: [
        organisation,
        { name: 'alias', description: 'The other name, ticker or spelling', type: 'string', required: true, maxLength: 60 },
      ],
    },
    {
      name: 'alias-remove',
      description: 'Remove an alias of a company',
      options: [
        organisation,
        { name: 'alias', description: 'The alias to remove', type: 'string', required: true, maxLength: 60 },
      ],
    },
    {
      name: 'known-add',
      description: 'Teach dealbot what a company is known for ("robot vacuum" for iRobot), for questions without names',
      options: [
        organisation,
        { name: 'phrase', description: 'What it makes, does or is famous for', type: 'string', required: true, maxLength: 60 },
      ],
    },
    {
      name: 'known-remove',
      description: 'Remove a phrase from what a company is known for',
      options: [
        organisation,
        { name: 'phrase', description: 'The phrase to remove', type: 'string', required: true, maxLength: 60 },
      ],
    },
    {
      name: 'history',
      description: 'Who changed what: one deal, or the latest changes',
      options: [
        { name: 'slug', description: 'A deal slug (leave empty for the latest changes)', type: 'string', maxLength: 64 },
        { name: 'limit', description: 'How many entries', type: 'integer', minValue: 1, maxValue: 50 },
      ],
    },
    {
      name: 'stats',
      description: 'Deals, top questions and questions that found nothing',
      options: [{ name: 'days', description: 'Period in days (default 30)', type: 'integer', minValue: 1, maxValue: 3650 }],
    },
    {
      name: 'review',
      description: 'Review drafts from followed feeds, one at a time: save, edit or skip',
      options: [],
    },
    // Internal steps: form submissions and confirmations arrive here.
    {
      name: 'save',
      description: 'Save the add/edit form',
      hidden: true,
      options: [
        { name: 'mode', description: 'add or edit', type: 'string', required: true },
        { name: 'slug', description: 'Slug being edited', type: 'string' },
        { name: 'version', description: 'Version the form was opened at', type: 'integer' },
        { name: 'allow_duplicate', description: 'Save even if it looks like a duplicate', type: 'boolean' },
        { name: 'review', description: 'The review-queue draft this form came from', type: 'integer', minValue: 1 },
      ],
    },
    { name: 'review-save', description: 'Save a reviewed draft as it is', hidden: true, options: [reviewId] },
    { name: 'review-edit', description: 'Open a reviewed draft in the form', hidden: true, options: [reviewId] },
    { name: 'review-skip', description: 'Skip a reviewed draft', hidden: true, options: [reviewId] },
    { name: 'remove-confirm', description: 'Confirm a removal', hidden: true, options: [slug] },
  ],
  examples: ['/deal-admin add', '/deal-admin edit xiaomi-microsoft-mou-2018', '/deal-admin alias-add Xiaomi Mi'],
} as const satisfies CommandDefinition;
