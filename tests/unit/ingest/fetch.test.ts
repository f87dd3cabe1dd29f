// Fetching URLs safely: private addresses refused (without the allow flag), and with loopback explicitly allowed,
// slow pages time out, huge pages are cut off, non-HTML is refused, redirects are limited and re-checked.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, fetchPage, isPrivateAddress } from '../../../src/ingest/fetch.ts';
import { isUrlSource } from '../../../src/ingest/ingest.ts';
import { OPERATOR, testApp } from '../../helpers/app.ts';

const ARTICLE = `<html><head><title>Acme buys Globex</title><meta property="og:site_name" content="Loopback News"></head><body>
<nav>Home | News | Sign in</nav><article><h1>Acme buys Globex</h1>
<p>Acme said on 3 May 2021 that it has agreed to acquire Globex, a maker of warehouse robots, for $120 million in cash.</p>
<p>The purchase gives Acme the robotics software it lacked and brings Globex's three hundred staff into its automation unit.</p>
<p>The deal is expected to close later this year, subject to regulatory approval.</p></article><footer>All rights reserved.</footer></body></html>`;

let server: http.Server;
let base = '';
const open = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const path = req.url ?? '/';
    if (path === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(ARTICLE);
    } else if (path === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>first bytes, then nothing more');
      // never ends: the fetch must give up on its own deadline
    } else if (path === '/huge-declared') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5_000_000) });
      res.write('<p>');
    } else if (path === '/huge-streamed') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = '<p>' + 'x'.repeat(16_000) + '</p>';
      let sent = 0;
      const pump = () => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent < 200 && !res.destroyed) res.once('drain', pump);
        else res.end();
      };
      pump();
    } else if (path === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } else if (path === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (path === '/to-article') {
      res.writeHead(301, { location: '/article' });
      res.end();
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ALLOW = { allowPrivate: true, timeoutMs: 2_000, maxBytes: 200_000 };

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FetchError) return e;
    throw e;
  }
  throw new Error('expected a FetchError');
}

describe('address checks', () => {
  it('treats loopback, private, link-local and mapped addresses as private, public ones as public', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::5', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
  });
});

describe('fetchPage', () => {
  it('refuses a loopback URL unless private URLs are allowed, with a clear message', async () => {
    const e = await failure(fetchPage(`${base}/article`, { ...ALLOW, allowPrivate: false }));
    expect(e.code).toBe('private_address');
    expect(e.message).toMatch(/private or local address \(127\.0\.0\.1\)/);
    const local = await failure(fetchPage('http://localhost:9/x', { ...ALLOW, allowPrivate: false }));
    expect(local.code).toBe('private_address');
  });

  it('refuses schemes other than http(s) and URLs with credentials', async () => {
    expect((await failure(fetchPage('file:///etc/passwd', ALLOW))).code).toBe('bad_url');
    expect((await failure(fetchPage('ftp://example.com/a', ALLOW))).code).toBe('bad_url');
    expect((await failure(fetchPage(`http://user:pw@127.0.0.1:1/`, ALLOW))).code).toBe('bad_url');
  });

  it('fetches an HTML page over loopback when allowed, following a redirect', async () => {
    const page = await fetchPage(`${base}/to-article`, ALLOW);
    expect(page.contentType).toBe('html');
    expect(page.url).toBe(`${base}/article`);
    expect(page.body).toContain('Acme said on 3 May 2021');
  });

  it('cuts off a slow page at the timeout', async () => {
    const e = await failure(fetchPage(`${base}/slow`, { ...ALLOW, timeoutMs: 300 }));
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/timed out after 300 ms/);
  });

  it('cuts off a huge page, whether it declares its size or streams it', async () => {
    const declared = await failure(fetchPage(`${base}/huge-declared`, ALLOW));
    expect(declared.code).toBe('too_large');
    const streamed = await failure(fetchPage(`${base}/huge-streamed`, ALLOW));
    expect(streamed.code).toBe('too_large');
    expect(streamed.message).toMatch(/more than 200000 bytes/);
  });

  it('refuses what is not HTML or text, error statuses, redirect loops and redirects to other schemes', async () => {
    expect((await failure(fetchPage(`${base}/image`, ALLOW))).code).toBe('bad_type');
    expect((await failure(fetchPage(`${base}/missing`, ALLOW))).code).toBe('http_status');
    expect((await failure(fetchPage(`${base}/loop`, { ...ALLOW, maxRedirects: 3 }))).code).toBe('too_many_redirects');
    expect((await failure(fetchPage(`${base}/to-file`, ALLOW))).code).toBe('bad_url');
  });
});

describe('/deal-admin ingest with a URL', () => {
  it('takes a link as Slack writes it in message text', () => {
    expect(isUrlSource(`<${base}/article|Acme buys Globex>`)).toBe(true);
    expect(isUrlSource(`<${base}/article>`)).toBe(true);
    expect(isUrlSource(`see ${base}/article`)).toBe(false);
  });

  it('refuses a private URL by default and says why', async () => {
    const app = testApp();
    try {
      const r = await app.core.handle({ command: 'deal-admin', subcommand: 'ingest', options: { source: `${base}/article` }, user: OPERATOR });
      expect(r.kind).toBe('error');
      if (r.kind === 'error') expect(r.message).toMatch(/private or local address/);
    } finally {
      app.close();
    }
  });

  it('drafts from a loopback page when the settings allow it, with the URL as the source', async () => {
    const app = testApp({ settings: { ingestAllowPrivateUrls: true } });
    try {
      const r = await app.core.handle({
        command: 'deal-admin',
        subcommand: 'ingest',
        options: { source: `<${base}/article|Acme buys Globex>` },
        user: OPERATOR,
      });
      expect(r.kind).toBe('form');
      if (r.kind !== 'form') return;
      const values = Object.fromEntries(r.fields.map((f) => [f.id, f.value ?? '']));
      expect(values.sources).toContain(`${base}/article`);
      expect(values.parties).toMatch(/Acme/);
      expect(values.parties).toMatch(/Globex/);
      expect(values.details).toMatch(/acquisition/i);
      expect(values.details).toMatch(/2021-05-03/);
      expect(r.submit).toMatchObject({ command: 'deal-admin', subcommand: 'save', options: { mode: 'add' } });
    } finally {
      app.close();
    }
  });
});
