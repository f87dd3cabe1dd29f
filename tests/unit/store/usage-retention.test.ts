// The usage table once kept query text with no age limit (only a 100,000-row cap). USAGE_RETENTION_DAYS
// (default 90) now bounds it: rows past it are deleted when the app opens, once an hour and after batches of recorded
// rows, each prune a bounded batch in one short transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../src/app.ts';
import { loadConfig, usageRetentionDays } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { Store } from '../../../src/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

function insertUsage(store: Store, ages: number[]): void {
  const ins = store.db.prepare("INSERT INTO usage (at, platform, command, query, outcome) VALUES (?, 'slack', 'deal', ?, 'not_found')");
  store.db.transaction(() => ages.forEach((a, i) => ins.run(daysAgo(a), `question ${i} asked ${a} days ago`)))();
}

const ages = (store: Store) => (store.db.prepare('SELECT at FROM usage ORDER BY at').all() as { at: string }[]).map((r) => Math.round((Date.now() - Date.parse(r.at)) / 86_400_000));

describe('usage retention', () => {
  it('opening the app deletes what people asked more than 90 days ago, and keeps the rest', () => {
    const path = join(dir, 'open.db');
    const { store } = Store.open(path);
    insertUsage(store, [400, 120, 91, 89, 30, 1]);
    store.close();
    const app = openApp({ dbPath: path, seed: false, log: createLogger('silent') });
    try {
      expect(ages(app.store)).toEqual([89, 30, 1].sort((a, b) => b - a));
    } finally {
      app.close();
    }
  });

  it('honours USAGE_RETENTION_DAYS, and prunes in bounded batches', () => {
    const path = join(dir, 'batches.db');
    const { store } = Store.open(path);
    insertUsage(store, [...Array.from({ length: 12_000 }, () => 40), 5]);
    store.close();
    const app = openApp({ dbPath: path, seed: false, log: createLogger('silent'), settings: { usageRetentionDays: 30 } });
    try {
      expect(ages(app.store)).toEqual([5]);
      insertUsage(app.store, Array.from({ length: 7 }, () => 31));
      expect(app.store.pruneUsage(Date.now(), 3)).toBe(3);
      expect(app.store.pruneUsage(Date.now(), 100)).toBe(4);
      expect(app.store.pruneUsage()).toBe(0);
    } finally {
      app.close();
    }
  });

  it('a running bot prunes after batches of recorded questions too', () => {
    const path = join(dir, 'running.db');
    const app = openApp({ dbPath: path, seed: false, log: createLogger('silent') });
    try {
      insertUsage(app.store, [200, 150]);
      for (let i = 0; i < 1000; i++) app.store.recordUsage({ platform: 'slack', command: 'deal', query: `q${i}`, outcome: 'found' });
      app.store.flushUsage();
      expect(ages(app.store).filter((a) => a > 90)).toEqual([]);
      expect(ages(app.store)).toHaveLength(1000);
    } finally {
      app.close();
    }
  });

  it('USAGE_RETENTION_DAYS defaults to 90 and is validated', () => {
    expect(loadConfig({}).USAGE_RETENTION_DAYS).toBe(90);
    expect(loadConfig({ USAGE_RETENTION_DAYS: '14' }).USAGE_RETENTION_DAYS).toBe(14);
    expect(() => loadConfig({ USAGE_RETENTION_DAYS: '0' })).toThrow(/USAGE_RETENTION_DAYS: must be at least 1/);
    expect(usageRetentionDays({ USAGE_RETENTION_DAYS: '7' })).toBe(7);
    expect(usageRetentionDays({ USAGE_RETENTION_DAYS: 'soon' })).toBe(90);
  });
});
