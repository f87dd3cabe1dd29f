// One merging rule for every form submission, whichever platform sent it: the values the form was opened with, then
// what was entered, then the form's own submit options, which no field can override.
import { describe, expect, it } from 'vitest';
import { submissionTarget } from '../../../../src/adapters/slack/modals.ts';
import { formSubmission, formValues, type FormReply } from '../../../../src/core/replies.ts';

const form: Pick<FormReply, 'fields' | 'submit'> = {
  fields: [
    { id: 'title', label: 'Title', style: 'short', required: true, maxLength: 200, value: 'Old title' },
    { id: 'summary', label: 'Summary', style: 'paragraph', required: true, maxLength: 2000, value: 'Old summary' },
    { id: 'quotes', label: 'Quotes', style: 'paragraph', required: false, maxLength: 2000 },
  ],
  submit: { command: 'deal-admin', subcommand: 'save', options: { mode: 'edit', slug: 'a-b-2020', version: 3 } },
};

describe('form submissions', () => {
  it('keep what was not entered, take what was, and never let a field change the submit options', () => {
    const t = formSubmission(form.submit, { title: 'New title', mode: 'add', slug: 'other-deal' }, formValues(form));
    expect(t).toEqual({
      command: 'deal-admin',
      subcommand: 'save',
      options: { title: 'New title', summary: 'Old summary', mode: 'edit', slug: 'a-b-2020', version: 3 },
    });
  });

  it('an emptied field stays empty rather than falling back to the value it was opened with', () => {
    expect(formSubmission(form.submit, { summary: '' }, formValues(form)).options.summary).toBe('');
  });

  it('Slack goes through the same rule', () => {
    const entered = { title: 'T', summary: 'S', slug: 'sneaky' };
    expect(submissionTarget(form.submit, entered)).toEqual(formSubmission(form.submit, entered));
    expect(submissionTarget(form.submit, entered).options.slug).toBe('a-b-2020');
  });
});
