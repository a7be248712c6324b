/**
 * `BENCH_DATABASE_URL=postgres://…/vetflow_bench_api pnpm --filter @vetflow/api bench:api` (issue 12, target 2):
 * patients.get through the whole API against a bare Fastify route doing the same work (bench/bare-server.ts:
 * the session check, the read-only transaction with the role switch, the same SQL through postgres.js), each
 * driven by autocannon with CONNECTIONS (32) connections for SECONDS (15) after a warm-up, in two interleaved
 * rounds. Prints req/s, p50/p95/p99 and the ratio (target ≥ 0.75), writes bench/side-by-side.json, exits 1 when
 * the ratio misses. The database is dropped and made again (a throwaway one: its name must contain "bench").
 * Both servers run as child processes on this machine: run it on a quiet one. PROFILE_DIR=… writes a CPU profile of
 * each (open it in Chrome DevTools, or summarise it by package).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const SECONDS = Number(process.env.SECONDS ?? 15);
const TARGET = 0.75;
const apiDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

const url = process.env.BENCH_DATABASE_URL;
if (!url || !new URL(url).pathname.includes('bench')) {
  throw new Error('BENCH_DATABASE_URL: a throwaway PostgreSQL database whose name contains "bench"');
}
const database = new URL(url).pathname.slice(1);
const admin = postgres({ ...postgres(url).options, database: 'postgres' } as never);
await admin.unsafe(`drop database if exists "${database}" with (force)`);
await admin.unsafe(`create database "${database}"`);
await admin.end();

function start(script: string, port: number, env: Record<string, string>): ChildProcess {
  // PROFILE_DIR: a CPU profile of each server (node --cpu-prof), written when it stops.
  const profile = process.env.PROFILE_DIR;
  const [command, args] = profile
    ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profile}`, '--import', 'tsx', script]]
    : [tsx, [script]];
  const child = spawn(command, args, {
    cwd: apiDir,
    env: { ...process.env, PORT: String(port), DATABASE_URL: url, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}
async function ready(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 240; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not start`);
}

const API = 'http://127.0.0.1:3311';
const BARE = 'http://127.0.0.1:3312';
const children: ChildProcess[] = [];
try {
  children.push(
    start('src/main.ts', 3311, {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: API,
      VETFLOW_DEMO: '1',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    }),
  );
  await ready(async () => (await fetch(`${API}/health`)).ok, 'the API');
  children.push(start('bench/bare-server.ts', 3312, {}));
  await ready(async () => (await fetch(`${BARE}/bare/patients.get?id=x`)).status === 401, 'the bare server');

  const login = await fetch(`${API}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: API },
    body: JSON.stringify({ json: { username: 'vet', password: 'vetflow-demo' } }),
  });
  const cookie = /vetflow_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
  const list = (await (
    await fetch(`${API}/trpc/patients.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { cookie },
    })
  ).json()) as { result: { data: { json: { items: { id: string }[] } } } };
  const patientId = list.result.data.json.items[0]!.id;
  const targets = {
    'tRPC (whole API)': `${API}/trpc/patients.get?input=${encodeURIComponent(JSON.stringify({ json: { id: patientId } }))}`,
    'bare Fastify': `${BARE}/bare/patients.get?id=${patientId}`,
  };
  for (const target of Object.values(targets)) {
    const check = await fetch(target, { headers: { cookie } });
    if (!check.ok) throw new Error(`${target}: ${check.status} ${await check.text()}`);
  }

  /** One autocannon run; latencies from every response (autocannon's summary has no p95). */
  async function load(target: string, seconds: number) {
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: target, connections: CONNECTIONS, duration: seconds, headers: { cookie } },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
    });
    times.sort((a, b) => a - b);
    const pct = (p: number) =>
      times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? NaN;
    return {
      reqPerSec: result.requests.total / seconds,
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      errors: result.errors + result.non2xx + result.timeouts,
    };
  }

  const runs: Record<string, Awaited<ReturnType<typeof load>>[]> = {};
  for (const target of Object.values(targets)) await load(target, 3); // warm-up (JIT, pools, prepared statements)
  for (let round = 0; round < 2; round++) {
    for (const [name, target] of Object.entries(targets)) {
      runs[name] = [...(runs[name] ?? []), await load(target, SECONDS)];
    }
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      {
        'req/s': Math.round(list.reduce((s, r) => s + r.reqPerSec, 0) / list.length),
        'p50 ms': Math.max(...list.map((r) => r.p50)),
        'p95 ms': Math.max(...list.map((r) => r.p95)),
        'p99 ms': Math.max(...list.map((r) => r.p99)),
        errors: list.reduce((s, r) => s + r.errors, 0),
      },
    ]),
  );
  const ratio = summary['tRPC (whole API)']!['req/s'] / summary['bare Fastify']!['req/s'];
  console.table(summary);
  console.log(
    `patients.get, ${CONNECTIONS} connections: tRPC / bare = ${ratio.toFixed(2)} (target ≥ ${TARGET})`,
  );
  writeFileSync(
    new URL('./side-by-side.json', import.meta.url),
    `${JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, summary, ratio }, null, 2)}\n`,
  );
  process.exitCode = ratio >= TARGET ? 0 : 1;
} finally {
  for (const child of children) child.kill('SIGTERM');
}
