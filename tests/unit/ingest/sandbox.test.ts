// A small HTML page once froze the whole bot. Readability ran on the event loop and was very slow on
// deeply nested unclosed tags (1,000 nested <div>s: 10 s; /deal-admin ingest with 6,000 characters of them blocked
// every other member's /deal for 15 s); nested tables overflowed the stack; a 2 MB page of &amp; added 457 MB.
// Now pages past the caps are refused before parsing, everything else is read in a worker thread with a time and a
// memory budget, and the event loop keeps answering meanwhile.
import { afterAll, describe, expect, it } from 'vitest';
import { checkHtml, HTML_LIMITS, TooComplexError } from '../../../src/ingest/extract.ts';
import { IngestSandbox } from '../../../src/ingest/sandbox.ts';
import type { Reply } from '../../../src/core/replies.ts';
import { OPERATOR, testApp } from '../../helpers/app.ts';
import { ARTICLE, nestedDivs } from '../../helpers/stories.ts';

const nestedTables = (depth: number) => `<html><body>${'<table><tr><td>'.repeat(depth)}${ARTICLE}</body></html>`;

const app = testApp({ fixtures: true });
afterAll(() => app.close());

const ingest = (source: string) => app.core.handle({ command: 'deal-admin', subcommand: 'ingest', options: { source }, user: OPERATOR });

function errorText(r: Reply): string {
  expect(r.kind).toBe('error');
  return r.kind === 'error' ? r.message : '';
}

describe('pages past the caps are refused before parsing', () => {
  it('6,000 characters of nested <div>s through /deal-admin ingest', async () => {
    const page = nestedDivs(1140);
    expect(page.length).toBeLessThanOrEqual(6000);
    expect(errorText(await ingest(page))).toMatch(/too complex to read \(elements nested more than 200 deep\)/);
  });

  it('nested tables, which overflowed the stack', () => {
    expect(() => checkHtml(nestedTables(400))).toThrow(TooComplexError);
  });

  it('2 MB of &amp; (entity expansion) and a document over the size cap', () => {
    expect(() => checkHtml(`<html><body><p>${'&amp;'.repeat(390_000)}</p></body></html>`)).toThrow(/more than 50000 character references/);
    expect(() => checkHtml(`<p>${'x'.repeat(HTML_LIMITS.maxChars)}</p>`)).toThrow(/characters of HTML/);
  });

  it('more elements than the cap, however shallow', () => {
    expect(() => checkHtml(`<html><body>${'<span>a</span>'.repeat(HTML_LIMITS.maxElements + 1)}</body></html>`)).toThrow(/more than 25000 elements/);
  });

  it('an ordinary article passes, with closed and void tags counted as the tree linkedom builds', () => {
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${'<div><p>x<br>y<img src=a></p></div>'.repeat(2000)}</body></html>`;
    expect(() => checkHtml(page)).not.toThrow();
  });
});

describe('reading runs off the event loop', () => {
  it('a /deal asked while an article is being read is answered first', async () => {
    const order: string[] = [];
    // Within the caps and the option's 6,000 characters, but slow to read (depth 190): about half a second of work.
    const page = `<html><body>${'<div>'.repeat(190)}${ARTICLE.repeat(22)}</body></html>`;
    expect(page.length).toBeLessThanOrEqual(6000);
    const reading = ingest(page).then((r) => {
      order.push('ingest');
      return r;
    });
    // Another member asks as soon as the event loop comes round: on a blocked loop, only after the article is read.
    const asked = new Promise<Reply>((resolve) =>
      setTimeout(() => {
        void app.core.handle({ command: 'deal', options: { query: 'microsoft' }, user: { id: 'U-other', platform: 'slack' } }).then((r) => {
          order.push('deal');
          resolve(r);
        });
      }, 0),
    );
    const [drafted, answered] = await Promise.all([reading, asked]);
    expect(answered.kind).not.toBe('error');
    expect(drafted.kind, JSON.stringify(drafted).slice(0, 300)).toBe('form');
    expect(order).toEqual(['deal', 'ingest']);
  });

  it('past the time budget the worker is abandoned with a clear error, and the next article is read by a fresh one', async () => {
    // The slow page takes far more than the 5 ms budget it is given (tens of milliseconds at least, on any machine);
    // the quick one then gets the sandbox's ordinary budget, in a fresh worker.
    const sandbox = new IngestSandbox();
    try {
      const slow = `<html><body>${'<div>'.repeat(190)}${ARTICLE.repeat(40)}</body></html>`;
      await expect(sandbox.draft({ body: slow, contentType: 'html' }, [], { timeoutMs: 5 })).rejects.toThrow(/too complex to read \(reading it took longer than 5 ms\)/);
      expect(sandbox.restarts).toBe(1);
      const quick = await sandbox.draft({ body: 'Acme agreed to buy Globex.', contentType: 'text' }, []);
      expect(quick.article.paragraphs.length).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  });

  it('past the memory budget the worker is abandoned the same way', async () => {
    const sandbox = new IngestSandbox({ memoryMb: 64, timeoutMs: 60_000, limits: { ...HTML_LIMITS, maxChars: 50_000_000, maxElements: 10_000_000, maxEntities: 10_000_000 } });
    try {
      const huge = `<html><body>${`<div class="c">${ARTICLE}</div>`.repeat(40_000)}</body></html>`;
      await expect(sandbox.draft({ body: huge, contentType: 'html' }, [])).rejects.toThrow(/too complex to read \(reading it needed more than 64 MB\)/);
    } finally {
      await sandbox.close();
    }
  });
});

describe('an idle worker', () => {
  it('is ended after its idle time and started again for the next article', async () => {
    const sandbox = new IngestSandbox({ idleMs: 50 });
    try {
      await sandbox.draft({ body: 'Acme agreed to buy Globex.', contentType: 'text' }, []);
      const first = (sandbox as unknown as { worker?: unknown }).worker;
      expect(first).toBeDefined();
      await new Promise((r) => setTimeout(r, 300));
      expect((sandbox as unknown as { worker?: unknown }).worker).toBeUndefined();
      const again = await sandbox.draft({ body: 'Acme agreed to buy Globex.', contentType: 'text' }, []);
      expect(again.article.paragraphs.length).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  });
});
