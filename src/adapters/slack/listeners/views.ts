// Form submissions (view_submission): the one listener whose answer *is* the acknowledgement — field errors, the
// next form, or the result in the modal. A repeated submission of the same values is answered from the first one.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { createHash, randomUUID } from 'node:crypto';
import { renderResultModal } from '../blocks.ts';
import { errorsByBlock, FORM_CALLBACK_ID, parseFormMetadata, renderFormModal, submissionTarget, submittedValues } from '../modals.ts';
import { firstTime, sharedKey, SUBMISSION_TTL_MS, waitForState } from '../shared.ts';
import { channelOf, describeError, slackUser, type ListenerContext } from './context.ts';

/** How long a repeated submission waits for the first one's answer (Slack allows 3 s to answer a submission). */
const SUBMISSION_WAIT_MS = 2_500;
/** A released submission's answer, for repeats sent at the same moment only. */
const RELEASED_ANSWER_TTL_MS = 10_000;
const STILL_SAVING = 'This form was sent twice; the first one is still being saved. Close this form and check the result before sending it again.';

type AckBody = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: Record<string, unknown> };

export function registerViews(app: App, ctx: ListenerContext): void {
  const { core, log, shared } = ctx;

  app.view<ViewSubmitAction>(FORM_CALLBACK_ID, async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const requestId = randomUUID();
    const blockIds = Object.keys(view.state.values);
    const meta = parseFormMetadata(view.private_metadata);
    if (!meta) {
      await ack({ response_action: 'errors', errors: { [blockIds[0] ?? 'title']: 'This form is out of date; please open it again.' } });
      return;
    }
    const values = submittedValues(view.state);
    const hash = createHash('sha256').update(JSON.stringify(values)).digest('hex');
    // A repeated submission of the same view with the same values by the same person (a retry, a double click, on any
    // instance) gets the first answer instead of a second write. Keyed by user and view: anyone else sending that
    // view id is handled as themselves, never handed another person's answer.
    const claimKey = sharedKey.submission(body.user.id, view.id, hash);
    const answerKey = sharedKey.submissionAnswer(body.user.id, view.id, hash);
    /** Lets the same values be processed again later (a field error, a failure): concurrent repeats get `ack` first. */
    const release = async (ack?: AckBody) => {
      if (ack) await shared.putState(answerKey, ack, RELEASED_ANSWER_TTL_MS).catch(ctx.onSharedError);
      await shared.deleteState(claimKey).catch(ctx.onSharedError);
    };
    let result: Promise<AckBody>;
    if (!(await firstTime(shared, [claimKey], SUBMISSION_TTL_MS, ctx.onSharedError))) {
      log.info({ requestId, viewId: view.id }, 'repeated form submission answered from the first one');
      result = waitForState<AckBody>(shared, answerKey, SUBMISSION_WAIT_MS).then(
        (first) => first ?? { response_action: 'errors', errors: { [blockIds[0] ?? 'title']: STILL_SAVING } },
      );
    } else {
      result = (async (): Promise<AckBody> => {
        const user = slackUser(body.user.id, body.user.name);
        const target = submissionTarget(meta.submit, values);
        const reply = await core.handle({ ...target, user, channel: channelOf(meta.channelId), requestId, via: 'form' });
        if (reply.kind === 'error' && reply.fieldErrors?.length) {
          const errors: AckBody = { response_action: 'errors', errors: errorsByBlock(reply.fieldErrors, blockIds) };
          await release(errors); // a corrected form (or the same one later) must be processed again
          return errors;
        }
        let ack: AckBody;
        if (reply.kind === 'form') ack = { response_action: 'update', view: renderFormModal(reply, { channelId: meta.channelId }) };
        else ack = { response_action: 'update', view: renderResultModal(reply, reply.kind === 'error' ? 'Not saved' : 'Saved') };
        if (reply.kind === 'error' && reply.code !== 'duplicate' && reply.code !== 'conflict') await release(ack);
        else await shared.putState(answerKey, ack, SUBMISSION_TTL_MS).catch(ctx.onSharedError);
        return ack;
      })();
    }
    await ctx.inFlight.track(
      result.then(
        (r) => ack(r as never),
        async (e) => {
          await release();
          log.error({ requestId, error: describeError(e) }, 'form submission failed');
          await ack({
            response_action: 'errors',
            errors: { [blockIds[0] ?? 'title']: `Something went wrong on our side (reference ${requestId.slice(0, 8)}). Nothing was saved.` },
          });
        },
      ),
    );
  });
}
