// Fetching an article URL safely: http(s) only, every resolved address checked against loopback/private/link-local
// ranges before connecting (the socket connects to the checked address, so a DNS answer cannot change between check
// and use), redirects followed by hand and re-checked, one overall deadline, a byte cap, HTML or plain text only.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface FetchOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** 'feed': accept RSS/Atom/XML instead of HTML and text (ingest --feed). Default 'article'. */
  accept?: 'article' | 'feed';
}

export interface FetchedPage {
  /** The final URL after redirects. */
  url: string;
  contentType: 'html' | 'text' | 'xml';
  body: string;
}

/** A refusal or failure with a message fit to show the admin. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly code: 'bad_url' | 'private_address' | 'timeout' | 'too_large' | 'bad_type' | 'http_status' | 'too_many_redirects' | 'network',
  ) {
    super(message);
  }
}

/**
 * True for every address that is not plainly public: loopback, private, link-local, carrier-grade NAT, multicast,
 * documentation, benchmarking and reserved ranges, as ipaddr.js names them (IPv4: anything but "unicast"). IPv6
 * addresses that carry an IPv4 address (mapped ::ffff:a.b.c.d, translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) are judged by that IPv4 address; Teredo, local-use NAT64 and site-local (fec0::/10) are refused;
 * and outside those only global unicast (2000::/3) counts as public, which also refuses the deprecated
 * IPv4-compatible form (::7f00:1 is ::127.0.0.1) and whatever else ipaddr.js calls unicast outside 2000::/3.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return (ip as ipaddr.IPv4).range() !== 'unicast';
  const v6 = ip as ipaddr.IPv6;
  const bytes = v6.toByteArray();
  const v4At = (offset: number) => isPrivateAddress(bytes.slice(offset, offset + 4).join('.'));
  switch (v6.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return v4At(12);
    case 'rfc6052':
      // 64:ff9b::/96 carries the IPv4 address in its last 32 bits; the local-use 64:ff9b:1::/48 is never public.
      return bytes[4] === 0 && bytes[5] === 0 ? v4At(12) : true;
    case '6to4':
      return v4At(2);
    case 'unicast':
      return (bytes[0]! & 0xe0) !== 0x20;
    default:
      return true;
  }
}

function parseUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError(`"${raw.slice(0, 100)}" is not a valid URL`, 'bad_url');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError(`only http and https URLs can be fetched, not ${u.protocol.replace(':', '')}`, 'bad_url');
  }
  if (u.username || u.password) throw new FetchError('URLs with a user name or password are not fetched', 'bad_url');
  return u;
}

/** Resolves the host and checks every address; returns the addresses to connect to. */
async function resolveChecked(u: URL, allowPrivate: boolean): Promise<{ address: string; family: number }[]> {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await dnsLookup(host, { all: true, verbatim: true });
  } catch {
    throw new FetchError(`cannot resolve ${host}`, 'network');
  }
  if (addresses.length === 0) throw new FetchError(`cannot resolve ${host}`, 'network');
  if (!allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) {
      throw new FetchError(
        `refused: ${host} resolves to a private or local address (${bad.address}); dealbot only fetches public web pages`,
        'private_address',
      );
    }
  }
  return addresses;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Fetches a web page as text within the limits, or throws a FetchError that says why not. */
export async function fetchPage(rawUrl: string, opts: FetchOptions): Promise<FetchedPage> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const deadline = Date.now() + opts.timeoutMs;
  let url = parseUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    const addresses = await resolveChecked(url, opts.allowPrivate);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new FetchError(`timed out after ${opts.timeoutMs} ms`, 'timeout');
    const res = await requestOnce(url, addresses, remaining, opts);
    if (res.kind === 'redirect') {
      if (hop >= maxRedirects) throw new FetchError(`too many redirects (more than ${maxRedirects})`, 'too_many_redirects');
      try {
        url = parseUrl(new URL(res.location, url).toString());
      } catch (e) {
        throw e instanceof FetchError ? new FetchError(`redirected to an unusable URL: ${e.message}`, e.code) : e;
      }
      continue;
    }
    return { url: url.toString(), contentType: res.contentType, body: res.body };
  }
}

type Once = { kind: 'redirect'; location: string } | { kind: 'page'; contentType: 'html' | 'text' | 'xml'; body: string };

function requestOnce(url: URL, addresses: { address: string; family: number }[], timeoutMs: number, opts: FetchOptions): Promise<Once> {
  // Connect only to the addresses we checked: the lookup hook hands them back instead of asking DNS again.
  const pinned: LookupFunction = (_host, options, cb) => {
    const first = addresses[0]!;
    if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
    else cb(null, first.address, first.family);
  };
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<Once>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = lib.request(
      url,
      {
        method: 'GET',
        lookup: pinned,
        headers: {
          'user-agent': 'dealbot-ingest/0.1 (+article drafting)',
          accept: opts.accept === 'feed' ? 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9' : 'text/html,application/xhtml+xml,text/plain;q=0.9',
          'accept-encoding': 'identity',
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (REDIRECTS.has(status) && res.headers.location) {
          res.resume();
          finish(() => resolve({ kind: 'redirect', location: res.headers.location! }));
          req.destroy();
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          finish(() => reject(new FetchError(`the server answered HTTP ${status}`, 'http_status')));
          req.destroy();
          return;
        }
        const type = String(res.headers['content-type'] ?? '').toLowerCase();
        const kind =
          opts.accept === 'feed'
            ? /^(?:application\/(?:rss\+xml|atom\+xml|xml)|text\/xml)\b/.test(type) ? 'xml' : undefined
            : /text\/html|application\/xhtml\+xml/.test(type) ? 'html' : /^text\/plain/.test(type) ? 'text' : undefined;
        if (!kind) {
          const want = opts.accept === 'feed' ? 'not a feed: the page is %s, not RSS, Atom or XML' : 'not an article: the page is %s, not HTML or text';
          finish(() => reject(new FetchError(want.replace('%s', type || 'of unknown type'), 'bad_type')));
          req.destroy();
          return;
        }
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > opts.maxBytes) {
          finish(() => reject(new FetchError(`the page is too large (${declared} bytes; the limit is ${opts.maxBytes})`, 'too_large')));
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            finish(() => reject(new FetchError(`the page is too large (more than ${opts.maxBytes} bytes); stopped reading`, 'too_large')));
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const charset = /charset=([\w-]+)/.exec(type)?.[1]?.toLowerCase();
          let body: string;
          try {
            body = new TextDecoder(charset && charset !== 'utf8' ? charset : 'utf-8').decode(Buffer.concat(chunks));
          } catch {
            body = Buffer.concat(chunks).toString('utf8');
          }
          finish(() => resolve({ kind: 'page', contentType: kind, body }));
        });
        res.on('error', (e) => finish(() => reject(new FetchError(`the connection failed: ${e.message}`, 'network'))));
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new FetchError(`timed out after ${opts.timeoutMs} ms`, 'timeout')));
      req.destroy();
    }, timeoutMs);
    req.on('error', (e) => finish(() => reject(new FetchError(`the connection failed: ${e.message}`, 'network'))));
    req.end();
  });
}
