// The ingest worker thread: reads one article at a time — HTML extraction (Readability over linkedom) and the whole
// draft (the NLP of draft.ts, compromise included) — so none of it runs on the bot's event loop. The main thread's
// side, with the time and memory budget, is sandbox.ts; this file only does the work and reports.
import { parentPort } from 'node:worker_threads';
import { articleFromHtml, capParagraphs, looksLikeHtml, TooComplexError, type HtmlLimits } from './extract.ts';
import { ingestArticle, type IngestResult } from './ingest.ts';
import type { KnownOrganisation } from './organisations.ts';
import { articleFromText } from './text.ts';

export interface DraftJob {
  id: number;
  /** Article text or HTML; `html` and `text` say which, `auto` decides by looking. */
  body: string;
  contentType: 'html' | 'text' | 'auto';
  url?: string | undefined;
  organisations: readonly KnownOrganisation[];
  limits: HtmlLimits;
}

export type DraftAnswer =
  | { id: number; ok: true; result: IngestResult }
  | { id: number; ok: false; code: 'too_complex'; reason: TooComplexError['reason']; message: string }
  | { id: number; ok: false; code: 'failed'; message: string };

/** One job: text or HTML to article, then the draft. Exported for tests that run it without a thread. */
export function runDraftJob(job: DraftJob): IngestResult {
  const html = job.contentType === 'html' || (job.contentType === 'auto' && looksLikeHtml(job.body));
  const article = html ? articleFromHtml(job.body, job.url, job.limits) : articleFromText(job.body, job.url ? { url: job.url } : {});
  return ingestArticle({ ...article, paragraphs: capParagraphs(article.paragraphs) }, job.organisations);
}

function answer(job: DraftJob): DraftAnswer {
  try {
    return { id: job.id, ok: true, result: runDraftJob(job) };
  } catch (e) {
    if (e instanceof TooComplexError) return { id: job.id, ok: false, code: 'too_complex', reason: e.reason, message: e.message };
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return { id: job.id, ok: false, code: 'too_complex', reason: 'stack', message: new TooComplexError('stack', 'it nests too deeply').message };
    }
    return { id: job.id, ok: false, code: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: DraftJob) => port.postMessage(answer(job)));
  port.postMessage({ ready: true });
}
