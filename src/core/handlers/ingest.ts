// /deal-admin ingest source:<text or URL> (and Slack's "Save as deal" shortcut): drafts a deal from the article and
// answers with the add form prefilled, so the admin confirms or edits it. Nothing is saved here; the form's submit
// goes through `deal-admin save` with its usual validation and duplicate checks.
import { buildDealForm } from '../forms/deal-form.ts';
import type { DealMatch, IngestResult } from '../../ingest/ingest.ts';
import type { FormReply } from '../replies.ts';
import { clip } from '../../deals/text-safety.ts';
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

/** Form field ids that hold each deal field, to mark the changed ones. */
const FIELD_OF: Record<string, string> = { status: 'details', closed: 'details', announced: 'details', value: 'details', type: 'details', parties: 'parties', sources: 'sources', quotes: 'quotes', areas: 'areas' };

/** The edit form of the stored deal, prefilled with the story's changes, each changed field marked. */
export function matchForm(m: DealMatch, r: Pick<IngestResult, 'draft'>): FormReply {
  const head = m.changes.length
    ? `This article is about a deal dealbot already has: "${m.title}" (${m.slug}). Proposed changes: ${m.changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join('; ')}. Check them and save, or close the form to keep it as it is.`
    : `This article is about a deal dealbot already has: "${m.title}" (${m.slug}); it adds nothing new${r.draft.sources?.length ? '' : ' (paste the URL to add it as a source)'}.`;
  const form = buildDealForm({ mode: 'edit', slug: m.slug, version: m.version }, m.proposed, head);
  const changedBy = new Map<string, string[]>();
  for (const c of m.changes) {
    const id = FIELD_OF[c.field] ?? c.field;
    changedBy.set(id, [...(changedBy.get(id) ?? []), `${c.field} ${c.before} → ${c.after}`]);
  }
  form.fields = form.fields.map((f) => {
    const ch = changedBy.get(f.id);
    return ch ? { ...f, hint: clip(`Changed: ${ch.join('; ')}. ${f.hint ?? ''}`.trim(), 300) } : f;
  });
  form.changes = m.changes;
  form.match = { slug: m.slug };
  return form;
}

export function noDealReply(r: IngestResult) {
  return errorReply('not_found', `No deal found in that article: ${r.noDealReason ?? 'it tells no deal'}. Nothing was drafted.`);
}

export const handleIngest: Handler = async (inv, ctx) => {
  const source = String(inv.options.source ?? '').trim();
  if (!source) return errorReply('bad_input', 'Paste the article text or an http(s) URL as source.');
  // The article readers (linkedom, readability, compromise) load on the first ingest, not with the core.
  const { FetchError, findStoredDeal, ingestSource, isUrlSource, SandboxBusyError, sharedSandbox, TooComplexError } = await import('../../ingest/ingest.ts');
  const organisations = (await ctx.store.listOrganisations()).map((o) => ({ name: o.name, aliases: o.aliases }));
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
  if (result.noDeal) {
    ctx.log.info({ requestId: inv.requestId, user: inv.user.id, from: isUrlSource(source) ? 'url' : 'text' }, 'ingest found no deal');
    return noDealReply(result);
  }
  const match = await findStoredDeal(result, ctx.store);
  ctx.log.info(
    { requestId: inv.requestId, user: inv.user.id, from: isUrlSource(source) ? 'url' : 'text', missing: result.missing, match: match?.slug },
    match ? 'ingest matched a stored deal' : 'ingest drafted a deal',
  );
  if (match) return matchForm(match, result);
  return buildDealForm({ mode: 'add' }, result.draft, ingestNotice(result));
};
