// FormReply -> a Slack modal, and a modal submission -> the InvokeTarget the form stands for. The form's submit
// target (with its fixed options: mode, slug, version) travels in private_metadata, so no state is kept in memory.
import { decodeTarget, encodeTarget } from '../../core/targets.ts';
import type { FieldProblem } from '../../deals/schema.ts';
import { formSubmission, type FormReply, type InvokeTarget } from '../../core/replies.ts';
import { mrkdwn, plain, truncate } from './escape.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import type { Block } from './blocks.ts';

export const FORM_CALLBACK_ID = 'dealbot_form';
export const VALUE_ACTION_ID = 'value';

export interface FormMetadata {
  /** The form id (e.g. deal-add), for logs. */
  f: string;
  /** encodeTarget(form.submit). */
  s: string;
  /** Channel the form was opened from, if any. */
  c?: string | undefined;
}

export class FormTooLargeError extends Error {}

export function formMetadata(form: FormReply, channelId?: string): string {
  const meta: FormMetadata = { f: form.formId, s: encodeTarget(form.submit), ...(channelId ? { c: channelId } : {}) };
  const json = JSON.stringify(meta);
  // Cutting the metadata would change what the form saves; refuse instead.
  if (json.length > L.privateMetadata) throw new FormTooLargeError(`form ${form.formId}: private_metadata is ${json.length} characters`);
  return json;
}

export function parseFormMetadata(s: string | undefined): { formId: string; submit: InvokeTarget; channelId?: string } | undefined {
  if (!s) return undefined;
  try {
    const m = JSON.parse(s) as Partial<FormMetadata>;
    const submit = typeof m.s === 'string' ? decodeTarget(m.s) : undefined;
    if (!submit || typeof m.f !== 'string') return undefined;
    return { formId: m.f, submit, ...(typeof m.c === 'string' ? { channelId: m.c } : {}) };
  } catch {
    return undefined;
  }
}

/** Block ids are the form's field ids, so validation errors map back onto the right input. */
export function renderFormModal(form: FormReply, opts: { channelId?: string | undefined } = {}): Record<string, unknown> {
  const blocks: Block[] = [];
  if (form.notice) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn(form.notice, L.contextText) }] });
  for (const f of form.fields) {
    const maxLength = Math.min(Math.max(1, f.maxLength), L.inputMaxLength);
    const element: Record<string, unknown> = {
      type: 'plain_text_input',
      action_id: VALUE_ACTION_ID,
      multiline: f.style === 'paragraph',
      max_length: maxLength,
    };
    if (f.value) element.initial_value = truncate(f.value, maxLength);
    if (f.placeholder) element.placeholder = { type: 'plain_text', text: plain(f.placeholder, L.inputPlaceholder) };
    const block: Block = {
      type: 'input',
      block_id: f.id.slice(0, L.blockId),
      optional: !f.required,
      label: { type: 'plain_text', text: plain(f.label, L.inputLabel) },
      element,
    };
    if (f.hint) block.hint = { type: 'plain_text', text: plain(f.hint, L.inputHint) };
    blocks.push(block);
  }
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: { type: 'plain_text', text: plain(form.title, L.viewTitle) },
    submit: { type: 'plain_text', text: plain(form.submitLabel, L.viewSubmit) },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: formMetadata(form, opts.channelId),
    blocks: blocks.slice(0, L.viewBlocks),
  };
}

/** A modal shown while slow work (an article being read) runs; replaced with views.update. */
export function renderLoadingModal(title: string, message: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: 'dealbot_loading',
    title: { type: 'plain_text', text: plain(title, L.viewTitle) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(message, L.sectionText) } }],
  };
}

type StateValues = Record<string, Record<string, { type?: string; value?: string | null }>>;

/** The submitted field values by field id (an emptied optional field submits as ""). */
export function submittedValues(state: { values: StateValues } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state?.values ?? {})) {
    const v = actions[VALUE_ACTION_ID]?.value;
    out[blockId] = typeof v === 'string' ? v : '';
  }
  return out;
}

/** The invocation a submission stands for: the form's submit target with each field added under its id. */
export function submissionTarget(submit: InvokeTarget, values: Record<string, string>): InvokeTarget {
  // A Slack modal shows every field, so nothing is kept aside: the core's one merging rule does the rest.
  return formSubmission(submit, values);
}

/**
 * Field problems keyed by block id, for ack({ response_action: 'errors' }). A problem on a nested path
 * ("parties.1.role") lands on its top-level field; one no input shows lands on the first input, so nothing is lost.
 */
export function errorsByBlock(problems: FieldProblem[], blockIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (id: string, msg: string) => {
    out[id] = truncate(out[id] ? `${out[id]}; ${msg}` : msg, L.inputHint);
  };
  for (const p of problems) {
    const direct = blockIds.find((id) => id === p.field);
    const top = blockIds.find((id) => p.field.startsWith(`${id}.`));
    if (direct) add(direct, p.message);
    else if (top) add(top, `${p.field}: ${p.message}`);
    else if (blockIds[0]) add(blockIds[0], `${p.field}: ${p.message}`);
  }
  return out;
}
