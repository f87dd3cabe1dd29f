// /deal-admin ingest source:<text or URL> (and Slack's "Save as deal" shortcut): drafts a deal from the article and
// answers with the add form prefilled, so the admin confirms or edits it. Nothing is saved here; the form's submit
// goes through `deal-admin save` with its usual validation and duplicate checks.
import { buildDealForm } from '../forms/deal-form.ts';
import { FetchError, ingestSource, isUrlSource, SandboxBusyError, sharedSandbox, TooComplexError, type IngestResult } from '../../ingest/ingest.ts';
import { clip } from '../../ingest/text.ts';
import type { Handler } from '../context.ts';
import { errorReply } from '../replies.ts';

/** The form's notice: what was drafted and which fields need a look. */
export function ingestNotice(r: IngestResult): string {
  const head = r.missing.length
    ? `Drafted from the article. Fill in before saving: ${r.missing.join(', ')}.`
    : 'Drafted from the article. Check it before saving.';
  const lines = r.flagged.slice(0, 8).map((l) => `• ${clip(l, 220)}`);
  return [head, ...lines].join('\n');
}

export const handleIngest: Handler = async (inv, ctx) => {
  const source = String(inv.options.source ?? '').trim();
  if (!source) return errorReply('bad_input', 'Paste the article text or an http(s) URL as source.');
  const organisations = ctx.store.listOrganisations().map((o) => ({ name: o.name, aliases: o.aliases }));
  let result: IngestResult;
  try {
    result = await ingestSource(
      source,
      organisations,
      { allowPrivate: ctx.settings.ingestAllowPrivateUrls, timeoutMs: ctx.settings.ingestFetchTimeoutMs, maxBytes: ctx.settings.ingestMaxBytes },
      ctx.ingest ?? sharedSandbox(),
    );
  } catch (e) {
    if (e instanceof FetchError) {
      ctx.log.warn({ requestId: inv.requestId, code: e.code }, 'ingest fetch refused or failed');
      return errorReply('bad_input', `Could not use that URL: ${e.message}. You can paste the article text instead.`);
    }
    if (e instanceof TooComplexError) {
      ctx.log.warn({ requestId: inv.requestId, reason: e.reason }, 'ingest refused a page too complex to read');
      return errorReply('bad_input', `Sorry, ${e.message}. Nothing was drafted; paste the article's text instead.`);
    }
    if (e instanceof SandboxBusyError) return errorReply('unavailable', `Sorry, ${e.message}.`);
    throw e;
  }
  if (result.article.paragraphs.length === 0) {
    return errorReply('bad_input', 'Found no article text to draft from. Paste the text of the article, or its URL.');
  }
  ctx.log.info(
    { requestId: inv.requestId, user: inv.user.id, from: isUrlSource(source) ? 'url' : 'text', missing: result.missing },
    'ingest drafted a deal',
  );
  return buildDealForm({ mode: 'add' }, result.draft, ingestNotice(result));
};
