// The private-address check (SSRF guard of article fetching) is built on ipaddr.js ranges. The hand
// list missed ::7f00:1 (IPv4-compatible 127.0.0.1), ::ffff:0:7f00:1 (IPv4-translated), 2002::/16 6to4 of private
// IPv4 and fec0::/10 site-local; NAT64 of a private address is refused too.
import { describe, expect, it } from 'vitest';
import { FetchError, fetchPage, isPrivateAddress } from '../../../src/ingest/fetch.ts';

const PRIVATE = {
  // every case the hand list already had
  existing: ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::5', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '::', 'ff02::1', '2001:db8::1', '100::1', '192.0.0.8', '192.0.2.1', '198.18.0.1', '198.51.100.7', '203.0.113.9', '224.0.0.1', '239.1.2.3', '240.0.0.1', '255.255.255.255', '64:ff9b::7f00:1'],
  // what it missed
  missed: ['::7f00:1', '::a00:1', '::ffff:0:7f00:1', '::ffff:0:a00:1', '2002:7f00:1::', '2002:a00:1::1', '2002:c0a8:101::', 'fec0::1', 'feff::1', '64:ff9b::a00:1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::a00:1', '2001::1', '2001:2::1'],
  notAnAddress: ['localhost', '', 'example.com', '1.2.3', '::g'],
};
const PUBLIC = ['93.184.216.34', '1.1.1.1', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'];

describe('isPrivateAddress', () => {
  for (const [group, list] of Object.entries(PRIVATE)) {
    it(`refuses ${group} addresses`, () => {
      for (const a of list) expect(isPrivateAddress(a), a).toBe(true);
    });
  }
  it('accepts public IPv4 and global unicast IPv6, also when a public IPv4 address is carried in IPv6', () => {
    for (const a of PUBLIC) expect(isPrivateAddress(a), a).toBe(false);
  });
});

describe('fetchPage', () => {
  it('refuses a URL whose host is an IPv4-compatible or translated loopback address, before connecting', async () => {
    for (const host of ['[::7f00:1]', '[::ffff:0:7f00:1]', '[2002:7f00:1::]', '[fec0::1]']) {
      const e = await fetchPage(`http://${host}:9/x`, { allowPrivate: false, timeoutMs: 2000, maxBytes: 1000 }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e, host).toBeInstanceOf(FetchError);
      expect((e as FetchError).code, host).toBe('private_address');
    }
  });
});
