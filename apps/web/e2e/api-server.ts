import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const webDir = resolve(here, '..');
const apiDir = resolve(webDir, '../api');
const dist = join(webDir, 'dist');

export interface ApiServer {
  baseUrl: string;
  /** The server clock's start (VETFLOW_CLOCK_START) and the real time it was given, to follow it later. */
  clockStart: Date;
  startedAt: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited (code ${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The API did not answer /health within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * Starts the API on a free port with a fresh PGlite data directory (or `extraEnv.DATABASE_URL`, with
 * VETFLOW_DEMO=1 for the demo clinic), seeded with the demo clinic, serving the
 * production build; its clock starts at `clockStart` and runs in UTC, so "today" is the same on every machine.
 * `env` adds to its configuration (a short SESSION_IDLE_SECONDS, say).
 */
export async function startApiServer(clockStart: Date, extraEnv: NodeJS.ProcessEnv = {}): Promise<ApiServer> {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(
      'apps/web/dist is missing: run `pnpm --filter @vetflow/web build` before the browser tests',
    );
  }
  if (clockStart.getTime() > Date.now()) {
    throw new Error(
      `The browser tests' instant ${clockStart.toISOString()} is later than this machine's clock: pick an earlier day in e2e/clock.ts`,
    );
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'vetflow-e2e-'));
  const tsx = join(webDir, 'node_modules/.bin/tsx');
  let log = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    TZ: 'UTC',
    VETFLOW_CLOCK_START: clockStart.toISOString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    PGLITE_DATA_DIR: dataDir,
    WEB_DIST_DIR: dist,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...extraEnv,
  };
  // The embedded database, even where CI points other tests at PostgreSQL — unless the file asked for a
  // PostgreSQL database of its own (`env.DATABASE_URL`, see postgres.ts).
  if (!extraEnv.DATABASE_URL) delete env.DATABASE_URL;
  const startedAt = Date.now();
  const child = spawn(tsx, [join(apiDir, 'src/main.ts')], {
    cwd: apiDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  // A server that dies mid-run fails every later test with "connection refused": say why, once, where it happened.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(
      `\n[e2e] The API server exited unexpectedly (code ${code}, signal ${signal}). Its last output:\n${log.slice(-8000)}\n`,
    );
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => log.slice(-4000), 180_000);
  } catch (error) {
    stopping = true;
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    baseUrl,
    clockStart,
    startedAt,
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      await new Promise<void>((r) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 10_000);
        if (child.exitCode !== null) r();
        child.once('exit', () => {
          clearTimeout(timer);
          r();
        });
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
