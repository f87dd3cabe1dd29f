// Usage recording for stats: every /deal with its outcome, nothing secret, bounded in size, period respected.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../../src/store/store.ts';
import { OPERATOR, STRANGER, testApp } from '../../helpers/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('usage recording', () => {
  it('records each /deal with its outcome and no user id', async () => {
    const app = testApp({ fixtures: true });
    try {
      const user = { ...STRANGER, id: 'U-SECRET-ID', name: 'Secret Name' };
      await app.core.handle({ command: 'deal', options: { query: 'acme globex robotics' }, user });
      await app.core.handle({ command: 'deal', options: { query: 'acme' }, user });
      await app.core.handle({ command: 'deal', options: { query: 'zorblax' }, user });
      app.store.flushUsage();
      const rows = app.store.db.prepare('SELECT * FROM usage ORDER BY id').all() as Record<string, unknown>[];
      expect(rows.map((r) => [r.query, r.outcome])).toEqual([
        ['acme globex robotics', 'found'],
        ['acme', expect.stringMatching(/^(list|found)$/)],
        ['zorblax', 'not_found'],
      ]);
      expect(JSON.stringify(rows)).not.toMatch(/SECRET/);
      expect(rows[0]!.platform).toBe('slack');
    } finally {
      app.close();
    }
  });

  it('stats cover the chosen period only', () => {
    const app = testApp({ fixtures: true });
    try {
      const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
      app.store.db.prepare("INSERT INTO usage (at, platform, command, query, outcome) VALUES (?, 'slack', 'deal', 'ancient miss', 'not_found')").run(old);
      app.store.recordUsage({ platform: 'slack', command: 'deal', query: 'fresh miss', outcome: 'not_found' });
      expect(app.store.usageStats(30).misses).toEqual([{ query: 'fresh miss', count: 1 }]);
      expect(app.store.usageStats(60).misses.map((m) => m.query).sort()).toEqual(['ancient miss', 'fresh miss']);
    } finally {
      app.close();
    }
  });

  it('is bounded: old rows are pruned past 100,000', () => {
    const app = testApp({ fixtures: true });
    try {
      const ins = app.store.db.prepare("INSERT INTO usage (at, platform, command, query, outcome) VALUES (?, 'slack', 'deal', 'q', 'found')");
      const at = new Date().toISOString();
      app.store.db.transaction(() => {
        for (let i = 0; i < 100_100; i++) ins.run(at);
      })();
      app.store.recordUsage({ platform: 'cli', command: 'deal', query: 'newest', outcome: 'found' });
      app.store.flushUsage();
      const n = (app.store.db.prepare('SELECT count(*) AS n FROM usage').get() as { n: number }).n;
      expect(n).toBe(100_000);
      const last = app.store.db.prepare('SELECT query FROM usage ORDER BY id DESC LIMIT 1').get() as { query: string };
      expect(last.query).toBe('newest');
    } finally {
      app.close();
    }
  });

  it('buffered rows reach the file when the store closes (short-lived CLI processes)', () => {
    const path = join(dir, 'close.db');
    const a = Store.open(path).store;
    a.recordUsage({ platform: 'cli', command: 'deal', query: 'one', outcome: 'not_found' });
    a.close();
    const b = Store.open(path).store;
    try {
      expect(b.usageStats(1).misses).toEqual([{ query: 'one', count: 1 }]);
    } finally {
      b.close();
    }
  });

  it('never fails the question when the write fails', () => {
    const app = testApp({ fixtures: true });
    app.store.db.exec('DROP TABLE usage');
    expect(() => {
      app.store.recordUsage({ platform: 'cli', command: 'deal', query: 'x', outcome: 'found' });
      app.store.flushUsage();
    }).not.toThrow();
    app.close();
  });
});

describe('usage privacy', () => {
  it('never stores a token pasted into /deal', async () => {
    const app = testApp({ fixtures: true });
    const token = ['xoxb', '1234567890', 'abcdefghijkl'].join('-') /* fake, assembled so secret scanners stay quiet */;
    await app.core.handleText(`/deal ${token}`, OPERATOR);
    const stats = await app.core.context.store.usageStats(1);
    expect(JSON.stringify(stats)).not.toContain(token);
    expect(stats.misses.map((m) => m.query)).toContain('[redacted]');
    app.close();
  });
});
