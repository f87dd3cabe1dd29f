// `dealbot ingest FILE|URL [--json] [--save]`: draft a deal from an article. Prints the draft with a confidence note
// per field; --json prints {draft, notes}; --save validates and stores it only when it is complete and valid.
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { formatPartialDate, formatValue, TYPE_LABELS } from '../deals/format.ts';
import { validateDeal } from '../deals/schema.ts';
import { FetchError, IngestSandbox, ingestSource, isUrlSource, TooComplexError, type IngestResult } from '../ingest/ingest.ts';
import { cliUser, fail, openCliApp, readInputFile } from './shared.ts';

function render(r: IngestResult): string {
  const d = r.draft;
  const lines: string[] = [];
  const field = (name: keyof IngestResult['notes'], value: string | undefined) => {
    const n = r.notes[name];
    const conf = n ? (n.confidence === 'missing' ? 'MISSING' : n.confidence) : '';
    lines.push(`${name.padEnd(10)} ${value ?? '—'}   [${conf}${n ? `: ${n.reason}` : ''}]`);
  };
  field('title', d.title);
  field('parties', d.parties?.map((p) => `${p.name} (${p.role})`).join(', '));
  field('type', d.type ? TYPE_LABELS[d.type] : undefined);
  field('status', d.status);
  field('binding', d.binding === undefined ? undefined : d.binding ? 'binding' : 'not binding');
  field('announced', d.announced ? formatPartialDate(d.announced) : undefined);
  field('value', d.value ? formatValue(d.value) : undefined);
  field('areas', d.areas?.length ? d.areas.join(', ') : undefined);
  field('quotes', d.quotes?.map((q) => `${q.speaker}${q.title ? `, ${q.title}` : ''}: "${q.text.slice(0, 80)}${q.text.length > 80 ? '…' : ''}"`).join('\n           '));
  field('sources', d.sources?.map((s) => s.url).join(', '));
  lines.push('', 'summary:', d.summary ?? '—');
  if (r.missing.length) lines.push('', `Missing before it can be saved: ${r.missing.join(', ')}`);
  return lines.join('\n');
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('draft a deal from an article (a text or HTML file, - for standard input, or an http(s) URL)')
    .argument('<source>', 'FILE, - or URL')
    .option('--json', 'print {draft, notes} as JSON')
    .option('--save', 'save the draft as a deal if it is complete and valid (exits non-zero naming missing fields otherwise)')
    .option('--url <url>', 'the address of the article, recorded as its source when reading a file')
    .action(async (source: string, opts: { json?: boolean; save?: boolean; url?: string }, cmd: Command) => {
      let config;
      try {
        config = loadConfig();
      } catch (e) {
        fail((e as Error).message);
        return;
      }
      const app = openCliApp(cmd);
      // The same worker thread and budgets as the bot: a hostile page cannot take the CLI's memory either.
      const sandbox = new IngestSandbox({ timeoutMs: config.INGEST_TIME_BUDGET_MS, memoryMb: config.INGEST_MEMORY_MB });
      try {
        const organisations = app.store.listOrganisations().map((o) => ({ name: o.name, aliases: o.aliases }));
        let result: IngestResult;
        if (isUrlSource(source)) {
          result = await ingestSource(
            source,
            organisations,
            { allowPrivate: config.INGEST_ALLOW_PRIVATE_URLS, timeoutMs: config.INGEST_FETCH_TIMEOUT_MS, maxBytes: config.INGEST_MAX_BYTES },
            sandbox,
          );
        } else {
          const text = readInputFile(source);
          if (text === undefined) return;
          if (opts.url && !isUrlSource(opts.url)) {
            fail('--url must be an http(s) URL');
            return;
          }
          result = await sandbox.draft({ body: text, contentType: 'auto', url: opts.url }, organisations);
        }
        process.stdout.write((opts.json ? JSON.stringify({ draft: result.draft, notes: result.notes }, null, 2) : render(result)) + '\n');
        if (!opts.save) return;
        if (result.missing.length) {
          fail(`not saved: missing ${result.missing.join(', ')} (add them, e.g. through /deal-admin ingest and the form)`);
          return;
        }
        const v = validateDeal(result.draft);
        if (!v.ok) {
          fail(`not saved: ${v.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
          return;
        }
        const dupes = app.store.findDuplicates(v.value);
        if (dupes.length) {
          fail(`not saved: it looks like ${dupes.map((d) => d.deal.slug).join(', ')}, already stored`);
          return;
        }
        const stored = app.store.createDeal(v.value, cliUser());
        process.stderr.write(`saved as ${stored.deal.slug}\n`);
      } catch (e) {
        if (e instanceof FetchError) fail(`cannot use ${source}: ${e.message}`);
        else if (e instanceof TooComplexError) fail(`cannot use ${source}: ${e.message}`);
        else fail(`ingest failed: ${(e as Error).message}`);
      } finally {
        app.close();
        await sandbox.close();
      }
    });
}
