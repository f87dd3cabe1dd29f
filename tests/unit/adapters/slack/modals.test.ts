import { describe, expect, it } from 'vitest';
import {
  errorsByBlock,
  FormTooLargeError,
  parseFormMetadata,
  renderFormModal,
  submissionTarget,
  submittedValues,
} from '../../../../src/adapters/slack/modals.ts';
import type { FormReply } from '../../../../src/core/replies.ts';
import { checkView } from '../../../fakes/slack.ts';

const form = (over: Partial<FormReply> = {}): FormReply => ({
  kind: 'form',
  formId: 'deal',
  title: 'Edit the deal about a very long company name indeed',
  fields: [
    { id: 'title', label: 'Title', style: 'short', required: true, maxLength: 150, value: 'x'.repeat(200), hint: 'One line' },
    { id: 'summary', label: 'Summary <!channel>', style: 'paragraph', required: false, maxLength: 9000, placeholder: 'p'.repeat(400) },
  ],
  compactFieldIds: ['title'],
  submit: { command: 'deal-admin', subcommand: 'save', options: { mode: 'edit', slug: 'a-b-2020', version: 3 } },
  submitLabel: 'Save all of these changes now please',
  notice: 'Drafted from <!channel> text',
  ...over,
});

describe('form modal', () => {
  it('is a valid modal: titles cut to 24, inputs capped at 3000, initial values within max_length', () => {
    const view = renderFormModal(form(), { channelId: 'C1' });
    expect(checkView(view)).toEqual([]);
    const blocks = view.blocks as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['title', 'summary']);
    expect(blocks[1].element.max_length).toBe(150);
    expect(blocks[1].element.initial_value.length).toBe(150);
    expect(blocks[2].element.max_length).toBe(3000);
    expect(blocks[2].optional).toBe(true);
    expect(blocks[0].elements[0].text).toContain('&lt;!channel&gt;');
  });

  it("carries the submit target in private_metadata and rebuilds the invocation, fixed options winning", () => {
    const view = renderFormModal(form(), { channelId: 'C1' });
    const meta = parseFormMetadata(view.private_metadata as string)!;
    expect(meta).toEqual({ formId: 'deal', submit: { command: 'deal-admin', subcommand: 'save', options: { mode: 'edit', slug: 'a-b-2020', version: '3' } }, channelId: 'C1' });
    const values = submittedValues({ values: { title: { value: { type: 'plain_text_input', value: 'T' } }, summary: { value: { type: 'plain_text_input', value: null } }, mode: { value: { value: 'add' } } } });
    expect(values).toEqual({ title: 'T', summary: '', mode: 'add' });
    expect(submissionTarget(meta.submit, values).options).toEqual({ title: 'T', summary: '', mode: 'edit', slug: 'a-b-2020', version: '3' });
    expect(parseFormMetadata('not json')).toBeUndefined();
  });

  it('refuses metadata over 3000 characters instead of cutting it', () => {
    expect(() => renderFormModal(form({ submit: { command: 'deal-admin', subcommand: 'save', options: { mode: 'x'.repeat(3100) } } }))).toThrow(FormTooLargeError);
  });

  it('keys validation errors by block id, nested paths on their field, unknown ones on the first input', () => {
    expect(
      errorsByBlock(
        [
          { field: 'title', message: 'must not be empty' },
          { field: 'summary.0', message: 'too long' },
          { field: 'announced', message: 'bad date' },
        ],
        ['title', 'summary'],
      ),
    ).toEqual({ title: 'must not be empty; announced: bad date', summary: 'summary.0: too long' });
  });
});
