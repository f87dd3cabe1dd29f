// Drives the real `dealbot` command as a user would, through bin/dealbot.js.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dealbot-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, LOG_LEVEL: 'warn', DEALBOT_DB: '' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

const db = join(dir, 'shared.db');

describe('dealbot CLI', () => {
  it('ask --json answers with the MoU and with not_found', async () => {
    const found = await run(['--db', db, 'ask', '--json', '/deal xiaomi microsoft']);
    expect(found.code).toBe(0);
    const reply = JSON.parse(found.stdout);
    expect(reply.kind).toBe('deal');
    expect(reply.deal.slug).toBe('xiaomi-microsoft-mou-2018');
    expect(Array.isArray(reply.alternatives)).toBe(true);
    const missing = JSON.parse((await run(['--db', db, 'ask', '--json', '/deal xiaomi linkedin'])).stdout);
    expect(missing.kind).toBe('not_found');
    expect(missing.suggestions.length).toBeGreaterThan(0);
  });

  it('ask --json - answers one JSON line per input line, in order', async () => {
    const r = await run(['--db', db, 'ask', '--json', '-'], '/deal xiaomi microsoft\n/deal-help\n/deals\n/bogus\n');
    const kinds = r.stdout.trim().split('\n').map((l) => JSON.parse(l).kind);
    expect(kinds).toEqual(['deal', 'help', 'list', 'error']);
  });

  it('prints a readable card without --json', async () => {
    const r = await run(['--db', db, 'ask', '/deal xiaomi microsoft']);
    expect(r.stdout).toContain('Parties');
    expect(r.stdout).toContain('MoU · not binding');
    expect(r.stdout).toContain('23 Feb 2018');
  });

  it('import with one bad record imports nothing, names record and field, exits 1', async () => {
    const target = join(dir, 'import.db');
    const good = (slug: string) =>
      JSON.stringify({
        slug,
        title: `Imported ${slug}`,
        type: 'investment',
        status: 'completed',
        announced: '2023-01-05',
        parties: [{ name: 'Acme', role: 'investor' }],
        summary: 'Written for the CLI test.',
        sources: [{ url: 'https://example.com/x' }],
      });
    const bad = JSON.stringify({ ...JSON.parse(good('bad-one')), status: 'maybe' });
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, [good('good-one'), bad, good('good-two')].join('\n'));
    const r = await run(['--db', target, '--no-seed', 'import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/record 2 \(line 2\): status must be one of: rumoured, announced/);
    const exported = await run(['--db', target, '--no-seed', 'export']);
    expect(exported.stdout).toBe('');
  });

  it('export then import into a new database gives the same export byte for byte', async () => {
    const out1 = join(dir, 'export1.jsonl');
    const out2 = join(dir, 'export2.jsonl');
    expect((await run(['--db', db, 'export', out1])).code).toBe(0);
    const fresh = join(dir, 'fresh.db');
    const imp = await run(['--db', fresh, '--no-seed', 'import', out1]);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/imported \d+ deal\(s\)/);
    expect((await run(['--db', fresh, 'export', out2])).code).toBe(0);
    expect(readFileSync(out2, 'utf8')).toBe(readFileSync(out1, 'utf8'));
    expect(readFileSync(out1, 'utf8').length).toBeGreaterThan(1000);
  });
});
