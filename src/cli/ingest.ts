// `dealbot ingest FILE|URL [--json] [--save]`: draft a deal from an article. Prints the draft with a confidence note
// per field; --json prints {draft, notes}; --save validates and stores it only when it is complete and valid.
import type { Command } from 'commander';
import { formatPartialDate, formatValue, TYPE_LABELS } from '../deals/format.ts';
import type { DealMatch, IngestResult } from '../ingest/ingest.ts';
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

async function runFeed(cmd: Command, url: string, opts: { json: boolean; fetchItems: boolean }, fetch: { allowPrivate: boolean; timeoutMs: number; maxBytes: number }): Promise<void> {
  // The feed reader and the article readers load only for this command: `dealbot --help` stays fast.
  const [{ FetchError }, { FeedError }, { ingestFeed }] = await Promise.all([
    import('../ingest/ingest.ts'),
    import('../ingest/feed.ts'),
    import('../ingest/feed-queue.ts'),
  ]);
  const app = await openCliApp(cmd);
  try {
    const organisations = (await app.deals.listOrganisations()).map((o) => ({ name: o.name, aliases: o.aliases }));
    const run = await ingestFeed(url, app.deals, organisations, fetch, { fetchItems: opts.fetchItems });
    const pending = (await app.deals.countReviewItems()).pending;
    if (opts.json) process.stdout.write(JSON.stringify({ ...run, pending }, null, 2) + '\n');
    else {
      process.stdout.write(
        `${run.feed}: ${run.items} items; ${run.drafted} new drafts queued for review, ${run.noDeal} told no deal, ${run.alreadySeen} seen before` +
          `${run.pageFailures ? `, ${run.pageFailures} item pages could not be fetched (their description was used)` : ''}. ` +
          `${pending} drafts wait for review: /deal-admin review.\n`,
      );
    }
  } catch (e) {
    if (e instanceof FetchError || e instanceof FeedError) fail(`cannot use the feed ${url}: ${e.message}; nothing was queued`);
    else fail(`feed ingest failed: ${(e as Error).message}; nothing was queued`);
  } finally {
    await app.close();
  }
}

function renderMatch(m: DealMatch | undefined): string {
  if (!m) return '';
  const lines = ['', `Already stored: ${m.slug} ("${m.title}") — ${m.reason}.`];
  if (m.changes.length === 0) lines.push('The article adds nothing new.');
  else lines.push('Proposed changes (saved as an edit with --save):', ...m.changes.map((c) => `  ${c.field}: ${c.before} -> ${c.after}`));
  return lines.join('\n');
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('draft a deal from an article (a text or HTML file, - for standard input, or an http(s) URL)')
    .argument('[source]', 'FILE, - or URL (or --feed URL)')
    .option('--feed <url>', 'read an RSS or Atom feed and draft each new item into the review queue (/deal-admin review)')
    .option('--fetch-items', 'with --feed: draft from each item\'s page (fetched safely) instead of the feed\'s description')
    .option('--json', 'print {draft, notes} as JSON')
    .option('--save', 'save the draft as a deal if it is complete and valid (exits non-zero naming missing fields otherwise)')
    .option('--url <url>', 'the address of the article, recorded as its source when reading a file')
    .action(async (source: string | undefined, opts: { json?: boolean; save?: boolean; url?: string; feed?: string; fetchItems?: boolean }, cmd: Command) => {
      // The article readers (linkedom, readability, compromise) load only for this command: `dealbot --help` stays fast.
      const [{ loadConfig }, { validateDeal }, { FetchError, findStoredDeal, IngestSandbox, ingestSource, isUrlSource, TooComplexError }] = await Promise.all([
        import('../config.ts'),
        import('../deals/schema.ts'),
        import('../ingest/ingest.ts'),
      ]);
      let config;
      try {
        config = loadConfig();
      } catch (e) {
        fail((e as Error).message);
        return;
      }
      if (opts.feed) {
        if (source) {
          fail('give either a FILE/URL or --feed URL, not both');
          return;
        }
        await runFeed(cmd, opts.feed, { json: opts.json === true, fetchItems: opts.fetchItems === true }, {
          allowPrivate: config.INGEST_ALLOW_PRIVATE_URLS,
          timeoutMs: config.INGEST_FETCH_TIMEOUT_MS,
          maxBytes: config.INGEST_MAX_BYTES,
        });
        return;
      }
      if (!source) {
        fail('give a FILE, - or URL to ingest (or --feed URL)');
        return;
      }
      const app = await openCliApp(cmd);
      // The same worker thread and budgets as the bot: a hostile page cannot take the CLI's memory either.
      const sandbox = new IngestSandbox({ timeoutMs: config.INGEST_TIME_BUDGET_MS, memoryMb: config.INGEST_MEMORY_MB });
      try {
        const organisations = (await app.deals.listOrganisations()).map((o) => ({ name: o.name, aliases: o.aliases }));
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
        if (result.noDeal) {
          const why = `no deal found: ${result.noDealReason ?? 'the article tells no deal'}`;
          process.stdout.write((opts.json ? JSON.stringify({ noDeal: true, reason: result.noDealReason, notes: result.notes }, null, 2) : why) + '\n');
          if (opts.save) fail(`not saved: ${why}`);
          return;
        }
        const match = await findStoredDeal(result, app.deals);
        const matchJson = match ? { slug: match.slug, version: match.version, title: match.title, reason: match.reason, changes: match.changes } : null;
        process.stdout.write(
          (opts.json ? JSON.stringify({ draft: result.draft, notes: result.notes, match: matchJson }, null, 2) : render(result) + renderMatch(match)) + '\n',
        );
        if (!opts.save) return;
        if (match) {
          // The story is about a stored deal: save its changes as an edit of that deal (audited), never a second deal.
          if (match.changes.length === 0) {
            process.stderr.write(`nothing to save: ${match.slug} already has everything this article says\n`);
            return;
          }
          const v = validateDeal(match.proposed);
          if (!v.ok) {
            fail(`not saved: ${v.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
            return;
          }
          const saved = await app.deals.updateDeal(match.slug, v.value, match.version, cliUser());
          process.stderr.write(`updated ${saved.deal.slug} (version ${saved.version}): ${match.changes.map((c) => c.field).join(', ')}\n`);
          return;
        }
        if (result.missing.length) {
          fail(`not saved: missing ${result.missing.join(', ')} (add them, e.g. through /deal-admin ingest and the form)`);
          return;
        }
        const v = validateDeal(result.draft);
        if (!v.ok) {
          fail(`not saved: ${v.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
          return;
        }
        const dupes = await app.deals.findDuplicates(v.value);
        if (dupes.length) {
          fail(`not saved: it looks like ${dupes.map((d) => d.deal.slug).join(', ')}, already stored`);
          return;
        }
        const stored = await app.deals.createDeal(v.value, cliUser());
        process.stderr.write(`saved as ${stored.deal.slug}\n`);
      } catch (e) {
        if (e instanceof FetchError) fail(`cannot use ${source}: ${e.message}`);
        else if (e instanceof TooComplexError) fail(`cannot use ${source}: ${e.message}`);
        else fail(`ingest failed: ${(e as Error).message}`);
      } finally {
        await app.close();
        await sandbox.close();
      }
    });
}
