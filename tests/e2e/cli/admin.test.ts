// The admin subcommands of the real `dealbot` command, spawned as scripts would (each spawn costs about a second,
// so one database is shared and the steps run in order).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serialiseDeals } from '../../../src/deals/import-file.ts';
import { Store } from '../../../src/store/store.ts';

const BIN = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dealbot-admin-cli-'));
const db = join(dir, 'admin.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dealbot(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '--db', db, ...args],
      { env: { ...process.env, LOG_LEVEL: 'warn', DEALBOT_DB: '' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function exportOf(path: string): string {
  const { store } = Store.open(path);
  try {
    return serialiseDeals(store.exportDeals());
  } finally {
    store.close();
  }
}

describe('dealbot admin subcommands', () => {
  let original = '';

  it('remove takes a deal out without a prompt; restore brings it back exactly', async () => {
    // The first spawn creates and seeds the database.
    const first = await dealbot('ask', '--json', '/deal microsoft linkedin');
    expect(JSON.parse(first.stdout).deal.slug).toBe('microsoft-linkedin-2016');
    original = exportOf(db);

    const removed = await dealbot('remove', 'microsoft-linkedin-2016');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed');
    expect(exportOf(db)).not.toContain('"microsoft-linkedin-2016"');

    const restored = await dealbot('restore', 'microsoft-linkedin-2016');
    expect(restored.code).toBe(0);
    expect(exportOf(db)).toBe(original);
  });

  it('alias add/remove change what search finds; errors exit 1 on stderr', async () => {
    const added = await dealbot('alias', 'add', 'LinkedIn', 'Lnkdn Network');
    expect(added.code).toBe(0);
    const hit = JSON.parse((await dealbot('ask', '--json', '/deal lnkdn network microsoft')).stdout);
    expect(hit.kind).toBe('deal');
    expect(hit.deal.slug).toBe('microsoft-linkedin-2016');

    expect((await dealbot('alias', 'remove', 'LinkedIn', 'Lnkdn Network')).code).toBe(0);
    const bad = await dealbot('remove', 'no-such-deal');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no-such-deal');
  });

  it('history --json shows who changed what, newest first', async () => {
    const r = await dealbot('history', 'microsoft-linkedin-2016', '--json');
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout);
    expect(h.kind).toBe('history');
    expect(h.entries.map((e: { action: string }) => e.action)).toEqual(['deal.restore', 'deal.remove']);
    expect(h.entries[0].platform).toBe('cli');
    const latest = JSON.parse((await dealbot('history', '--limit', '1', '--json')).stdout);
    expect(latest.entries).toHaveLength(1);
    expect(latest.entries[0]).toMatchObject({ action: 'alias.remove', subject: 'org:LinkedIn' });
  });

  it('stats --json counts questions asked through `dealbot ask`, misses most frequent first', async () => {
    const asked = await new Promise<string>((resolve) => {
      const child = execFile(process.execPath, [BIN, '--db', db, 'ask', '--json', '-'], { env: { ...process.env, LOG_LEVEL: 'warn' } }, (_e, out) =>
        resolve(out),
      );
      child.stdin!.end('/deal zorblax quantum\n/deal zorblax quantum\n/deal flimflam widgets\n');
    });
    expect(asked.trim().split('\n')).toHaveLength(3);
    const s = JSON.parse((await dealbot('stats', '--days', '7', '--json')).stdout);
    expect(s.kind).toBe('stats');
    expect(s.misses.slice(0, 2)).toEqual([
      { query: 'zorblax quantum', count: 2 },
      { query: 'flimflam widgets', count: 1 },
    ]);
    expect(s.top).toContainEqual({ query: 'microsoft linkedin', count: 1 });
    expect(s.queries).toBe(5);
  });

  it('backup writes a database that opens with the same export, and refuses to overwrite', async () => {
    const file = join(dir, 'copy.db');
    const r = await dealbot('backup', file);
    expect(r.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(exportOf(file)).toBe(exportOf(db));
    expect(exportOf(file)).toBe(original);
    const again = await dealbot('backup', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
  });
});
