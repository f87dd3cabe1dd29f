// The real `dealbot ingest` command, spawned as a script would run it: drafts printed and saved, a stored deal updated
// rather than duplicated, a feed queued for review, and a page too complex to read refused by the same worker the
// bot uses. The in-process tests of the same paths are in tests/unit/ingest/.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEALBOT_BIN } from '../../helpers/spawn.ts';
import { nestedDivs, rss, TERMINATION } from '../../helpers/stories.ts';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(rss(20));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('dealbot ingest (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dealbot-ingest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
  const fixture = fileURLToPath(new URL('../../fixtures/articles/10-synopsys-ansys.txt', import.meta.url));
  const env = { ...process.env, LOG_LEVEL: 'silent', INGEST_ALLOW_PRIVATE_URLS: '' };

  it('prints {draft, notes} with --json', () => {
    const out = execFileSync(process.execPath, [bin, '--db', join(dir, 'a.db'), 'ingest', fixture, '--json'], { env, encoding: 'utf8' });
    const parsed = JSON.parse(out) as { draft: { type: string }; notes: Record<string, { confidence: string }> };
    expect(parsed.draft.type).toBe('acquisition');
    expect(parsed.notes.sources?.confidence).toBe('missing');
  });

  it('--save refuses an incomplete draft naming what is missing, and saves a complete one', () => {
    const db = join(dir, 'b.db');
    // A round dealbot does not have yet (the Synopsys story is about a stored deal, which --save would update instead).
    const fresh = fileURLToPath(new URL('../../fixtures/articles/15-tencent-brightlane-round.txt', import.meta.url));
    const refused = spawnSync(process.execPath, [bin, '--db', db, 'ingest', fresh, '--save'], { env, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/not saved: missing .*sources/);
    const text = 'Nvidia agrees to buy Quillfeather\n\nNvidia announced on 2 June 2024 that it has agreed to acquire Quillfeather, a maker of warehouse robots, for $300 million in cash.';
    writeFileSync(join(dir, 'q.txt'), text);
    const saved = spawnSync(process.execPath, [bin, '--db', db, 'ingest', join(dir, 'q.txt'), '--url', 'https://wire.example/q', '--save'], {
      env,
      encoding: 'utf8',
    });
    expect(saved.stderr).toMatch(/saved as nvidia-to-acquire-quillfeather-2024/);
    expect(saved.status).toBe(0);
    const shown = execFileSync(process.execPath, [bin, '--db', db, 'ask', '/deal nvidia quillfeather', '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(shown)).toMatchObject({ kind: 'deal', deal: { slug: 'nvidia-to-acquire-quillfeather-2024' } });
  });
});

describe('dealbot ingest FILE --json / --save on a stored deal (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dealbot-update-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
  const env = { ...process.env, LOG_LEVEL: 'silent' };
  const db = join(dir, 'u.db');
  const file = join(dir, 'story.txt');
  writeFileSync(file, TERMINATION);

  it('--json reports match {slug, changes}; --save writes one audited edit and no new deal', () => {
    const count = () => (JSON.parse(execFileSync(process.execPath, [bin, '--db', db, 'stats', '--json'], { env, encoding: 'utf8' })) as { deals: number }).deals;
    const n = count();
    const out = JSON.parse(execFileSync(process.execPath, [bin, '--db', db, 'ingest', file, '--url', 'https://news.example/adobe-figma-ends', '--json'], { env, encoding: 'utf8' })) as {
      match: { slug: string; changes: { field: string; after: string }[] };
    };
    expect(out.match.slug).toBe('adobe-figma-2022');
    // The shipped deal already records its ending (the in-process test in tests/unit/ingest/update.test.ts rolls it back first): the story adds its source.
    expect(out.match.changes.map((c) => c.field)).toContain('sources');
    const saved = spawnSync(process.execPath, [bin, '--db', db, 'ingest', file, '--url', 'https://news.example/adobe-figma-ends', '--save'], { env, encoding: 'utf8' });
    expect(saved.status).toBe(0);
    expect(saved.stderr).toMatch(/updated adobe-figma-2022/);
    expect(count()).toBe(n);
    const history = JSON.parse(execFileSync(process.execPath, [bin, '--db', db, 'history', 'adobe-figma-2022', '--json'], { env, encoding: 'utf8' })) as { entries: { action: string }[] };
    expect(history.entries[0]?.action).toMatch(/edit/);
    const shown = JSON.parse(execFileSync(process.execPath, [bin, '--db', db, 'ask', '/deal adobe figma', '--json'], { env, encoding: 'utf8' })) as { deal: { closed?: string; sources: { url: string }[] } };
    expect(shown.deal.closed).toBe('2023-12-18');
    expect(shown.deal.sources.map((s) => s.url)).toContain('https://news.example/adobe-figma-ends');
  }, 180_000);
});

describe('dealbot ingest --feed (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dealbot-feed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
  const db = join(dir, 'f.db');

  // Asynchronous child processes: the feed is served by this very process, which must keep answering meanwhile.
  const exec = promisify(execFile);
  it('queues the feed, then nothing new the second time; a refused feed exits non-zero and queues nothing', async () => {
    const env = { ...process.env, LOG_LEVEL: 'silent', INGEST_ALLOW_PRIVATE_URLS: 'true' };
    const run = async () => JSON.parse((await exec(process.execPath, [bin, '--db', db, 'ingest', '--feed', `${base}/feed.xml`, '--json'], { env })).stdout) as { drafted: number; pending: number };
    expect(await run()).toMatchObject({ drafted: 20, pending: 20 });
    expect(await run()).toMatchObject({ drafted: 0, pending: 20 });
    const refused = await exec(process.execPath, [bin, '--db', db, 'ingest', '--feed', `${base}/feed.xml`], { env: { ...env, INGEST_ALLOW_PRIVATE_URLS: 'false' } }).catch(
      (e: { code?: number; stderr?: string }) => e,
    );
    expect((refused as { code?: number }).code).not.toBe(0);
    expect((refused as { stderr?: string }).stderr).toMatch(/cannot use the feed .*private or local address.*nothing was queued/);
  }, 180_000);
});

describe('the CLI reads in the same worker', () => {
  it('dealbot ingest refuses the nested page with the same message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealbot-ingest-'));
    const file = join(dir, 'nested.html');
    writeFileSync(file, nestedDivs(3000));
    const run = promisify(execFile)(process.execPath, [DEALBOT_BIN, '--db', join(dir, 'db.sqlite'), 'ingest', file], { env: { PATH: process.env.PATH ?? '' } });
    const failed = await run.then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/too complex to read \(elements nested more than 200 deep\)/);
  });
});
