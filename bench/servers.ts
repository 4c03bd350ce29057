import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.join(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Server {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess) {
  return async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
}

export async function startCeiling(): Promise<Server> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, 'ceiling-server.ts'), { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  await new Promise((resolve) => child.once('message', resolve));
  return { pid: child.pid as number, url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}

export interface AppServer extends Server {
  /** Milliseconds from spawn to a healthy /api/health. */
  startMs: number;
}

/** `node src/server.ts` as `npm start` runs it, timed until /api/health answers 200. */
export async function startApp(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', DEMO: 'false', SEED_DEMO: 'false', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`app exited during start:\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app not healthy within 120 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { pid: child.pid as number, url, startMs: Math.round(performance.now() - started), stop: stopper(child) };
}

export interface Postgres {
  url: string;
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL cluster on 127.0.0.1 (as an unprivileged user when run as root, which initdb requires). */
export async function startPostgres(): Promise<Postgres> {
  const binDir = fs
    .readdirSync('/usr/lib/postgresql')
    .sort((a, b) => Number(a) - Number(b))
    .map((v) => `/usr/lib/postgresql/${v}/bin`)
    .at(-1);
  if (!binDir) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokapasar-bench-pg-'));
  const root = process.getuid?.() === 0;
  if (root) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['--system', '--no-create-home', 'postgres']);
    }
    execFileSync('chown', ['postgres', dir]);
  }
  const run = (bin: string, args: string[]) =>
    execFileSync(root ? 'runuser' : path.join(binDir, bin), root ? ['-u', 'postgres', '--', path.join(binDir, bin), ...args] : args, {
      stdio: 'ignore',
    });
  const port = await freePort();
  run('initdb', ['-D', `${dir}/data`, '-U', 'lokapasar', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  // Throwaway data: durability off, like the CI cluster; shared_buffers sized for the regency data set,
  // and checkpoints far apart while the generator writes a few GB.
  run('pg_ctl', [
    '-D',
    `${dir}/data`,
    '-l',
    `${dir}/log`,
    '-w',
    '-o',
    `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=8GB -c shared_buffers=1GB -c max_connections=200`,
    'start',
  ]);
  return {
    url: `postgres://lokapasar@127.0.0.1:${port}/postgres`,
    async stop() {
      run('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
