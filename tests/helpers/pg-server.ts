// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder, start it on a loopback port
// with fsync off, create a database, stop it at the end. Used when DEALBOT_TEST_DATABASE_URL is not given (.ci/run
// gives it) and the server's binaries are installed; otherwise says why it could not.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempPostgres {
  url: string;
  stop(): void;
}

/** The newest installed server's bin folder: PG_BIN, `pg_config --bindir`, or /usr/lib/postgresql/N/bin. */
export function findPgBin(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function uidOf(user: string): { uid: number; gid: number } | undefined {
  const r = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return undefined;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Starts a server, or returns why not (no binaries; root without a postgres user). */
export async function startTempPostgres(): Promise<TempPostgres | { unavailable: string }> {
  const bin = findPgBin();
  if (!bin) return { unavailable: 'no PostgreSQL server binaries (initdb) found' };
  // initdb refuses to run as root: run the server as the postgres user, which must reach the folder.
  const asRoot = process.getuid?.() === 0;
  const pgUser = asRoot ? uidOf('postgres') : undefined;
  if (asRoot && !pgUser) return { unavailable: 'running as root and there is no postgres user to run the server as' };
  const dir = mkdtempSync(join(tmpdir(), 'dealbot-pg-'));
  const data = join(dir, 'data');
  chmodSync(dir, 0o755);
  if (pgUser) chownSync(dir, pgUser.uid, pgUser.gid);
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe', timeout: 60_000 });
    else execFileSync(full, args, { stdio: 'pipe', timeout: 60_000 });
  };
  const port = await freePort();
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['--no-sync', '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '-D', data]);
    run('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'dealbot_test']);
  } catch (e) {
    stop();
    const err = e as { stderr?: Buffer; message: string };
    return { unavailable: `could not start PostgreSQL: ${err.stderr?.toString().trim() || err.message}` };
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/dealbot_test`, stop };
}
