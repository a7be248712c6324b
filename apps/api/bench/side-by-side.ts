/**
 * `BENCH_DATABASE_URL=postgres://…/vetflow_bench_api pnpm --filter @vetflow/api bench:api` (issue 12, targets 2
 * and 3): the key procedures through the whole API, side by side with the same SQL sent through postgres.js
 * alone, and patients.get also against a bare Fastify route doing its work (bench/bare-server.ts).
 *
 * - The API side: the real server (production mode) driven by autocannon, CONNECTIONS (32) connections.
 * - The raw side: for each request, the statements the API sends for it — the session check as the sign-in role
 *   in a transaction of its own, then per call a read-only transaction switched to the user's role with the
 *   procedure's statements, captured from the query functions (bench/capture.ts) — replayed as prepared
 *   postgres.js queries, CONNECTIONS at once over a pool of RAW_POOL (32).
 * - The booking (appointments.create, a POST): each request, on either side, books a free slot of its own from
 *   one list (booking-slots.ts); the raw side replays the captured booking with that slot in the markers' places.
 * - Targets: every procedure's p95 ≤ 1.5× its raw p95; patients.get's req/s ≥ 0.75× the bare route's.
 *
 * Each side runs SECONDS (10) in two interleaved rounds after a warm-up (the reads' rounds first, the booking's
 * last); the table takes the mean req/s and the worse round's percentiles. It prints one table, writes bench/side-by-side.json and exits 1 when a target is
 * missed. Without `--existing` the database is made afresh with the demo clinic (its name must contain "bench");
 * with it, the database is used as it is (`pnpm bench --scale 1` built it) and two bench accounts are added.
 * Run it on a quiet machine: both servers, the load and PostgreSQL share its cores. PROFILE_DIR=… writes a CPU
 * profile of each server.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDb, currentDatabaseRoles, hashPassword, sealAudit, setAuditContext } from '@vetflow/db';
import autocannon from 'autocannon';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { validateSessionToken } from '../src/auth/sessions';
import { type BookingSlot, bookingSlots } from './booking-slots';
import { afterContext, capture, replay, replayAll, type Statement } from './capture';
import { booking, findFixtures, keyProcedures, type ProcedureCase } from './procedures';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RAW_POOL = Number(process.env.RAW_POOL ?? 32);
/** Free slots made for the bookings: enough for both sides' rounds at a few thousand bookings a second. */
const SLOTS = Number(process.env.SLOTS ?? 60_000);
const TARGET = { p95VsRaw: 1.5, reqPerSecVsBare: 0.75 };
/** CASES=patients.get,booking: only the cases whose names start with one of these (a focused run, e.g. a profile). */
const ONLY = process.env.CASES?.split(',').map((name) => name.trim());
const wanted = (name: string) => !ONLY || ONLY.some((prefix) => name.startsWith(prefix));
const existing = process.argv.includes('--existing');
const apiDir = fileURLToPath(new URL('..', import.meta.url));

const url = process.env.BENCH_DATABASE_URL;
if (!url || !new URL(url).pathname.includes('bench')) {
  throw new Error('BENCH_DATABASE_URL: a throwaway PostgreSQL database whose name contains "bench"');
}
/** The accounts the bench signs in with: the demo's, or two it adds to an existing database. */
const CALLERS = existing
  ? { vet: 'benchapi_vet', admin: 'benchapi_admin', password: 'bench-api-password' }
  : { vet: 'vet', admin: 'admin', password: 'vetflow-demo' };

if (!existing) {
  const database = new URL(url).pathname.slice(1);
  const admin = postgres({ ...postgres(url).options, database: 'postgres' } as never);
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.unsafe(`create database "${database}"`);
  await admin.end();
}
const sql = postgres(url, { max: RAW_POOL, onnotice: () => {} });
if (existing) {
  // A generated log is unsealed: seal it now, so the API's sealer does not spend the measured minutes catching up.
  const owner = await createDb({ url });
  let sealed = 0;
  for (let seal = await sealAudit(owner.db); seal; seal = await sealAudit(owner.db)) sealed += seal.rowCount;
  await owner.close();
  if (sealed > 0) console.log(`sealed ${sealed} audit rows before starting`);
  const hash = await hashPassword(CALLERS.password);
  for (const [username, role] of [
    [CALLERS.vet, 'veterinarian'],
    [CALLERS.admin, 'admin'],
  ] as const) {
    await sql`
      insert into system_users (username, email, full_name, role, password_hash)
      values (${username}, ${`${username}@bench.example`}, ${`Bench ${role}`}, ${role}, ${hash})
      on conflict (username) do update set password_hash = excluded.password_hash, is_active = true`;
  }
}

function start(script: string, port: number, env: Record<string, string>): ChildProcess {
  // PROFILE_DIR: a CPU profile of each server (node --cpu-prof), written when it stops.
  const profile = process.env.PROFILE_DIR;
  // Node itself (not the tsx launcher, which runs it as a child): the pid is the server's, for its CPU time.
  const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), '--import', 'tsx', script];
  return spawn(process.execPath, args, {
    cwd: apiDir,
    env: { ...process.env, PORT: String(port), DATABASE_URL: url, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
async function ready(check: () => Promise<boolean>, what: string, seconds = 120) {
  for (let i = 0; i < seconds * 2; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not start`);
}

interface Measure {
  reqPerSec: number;
  /**
   * CPU time (user and system) per request, in ms: the server process's for an HTTP side; for the raw side, this
   * process's own (postgres.js and the request loop: the client work the API does for the same statements).
   */
  cpuMs?: number | undefined;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/**
 * A process's CPU time so far (user and system), in ms, from Linux's /proc. Steadier than req/s on a shared
 * machine: req/s moves with whatever else gets the cores, the CPU a request costs its server much less.
 */
function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces) in parentheses; utime and stime are 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * One autocannon run against a URL; latencies from every response (autocannon's summary has no p95). With
 * `post`, every request is a POST with the body it returns (a booking: each its own slot). With `server`, the
 * CPU time that process spent per request.
 */
async function httpLoad(
  target: string,
  cookie: string,
  seconds: number,
  { post, server }: { post?: () => string; server?: ChildProcess } = {},
): Promise<Measure> {
  const times: number[] = [];
  const headers = post
    ? { cookie, origin: new URL(target).origin, 'content-type': 'application/json' }
    : { cookie };
  const requests = post
    ? [{ method: 'POST' as const, setupRequest: (request: object) => ({ ...request, body: post() }) }]
    : undefined;
  const cpuBefore = server?.pid ? cpuTimeMs(server.pid) : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: target, connections: CONNECTIONS, duration: seconds, headers, requests },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const cpuMs = cpuBefore === undefined ? undefined : cpuTimeMs(server!.pid!) - cpuBefore;
  times.sort((a, b) => a - b);
  return {
    reqPerSec: result.requests.total / seconds,
    cpuMs: cpuMs === undefined ? undefined : cpuMs / Math.max(1, result.requests.total),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** CONNECTIONS loops sending `request` back to back for `seconds`, in this process. */
async function rawLoad(request: () => Promise<unknown>, seconds: number): Promise<Measure> {
  const times: number[] = [];
  let errors = 0;
  const cpuBefore = process.cpuUsage();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        await request().catch(() => errors++);
        times.push(performance.now() - started);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  return {
    reqPerSec: times.length / seconds,
    cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, times.length),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors,
  };
}

async function signIn(api: string, username: string): Promise<string> {
  const response = await fetch(`${api}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: api },
    body: JSON.stringify({ json: { username, password: CALLERS.password } }),
  });
  const cookie = /vetflow_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`sign-in as ${username} failed: ${response.status}`);
  return cookie;
}

const API = 'http://127.0.0.1:3311';
const BARE = 'http://127.0.0.1:3312';
const children: ChildProcess[] = [];
try {
  const api = start('src/main.ts', 3311, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: API,
    ...(existing ? {} : { VETFLOW_DEMO: '1' }),
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  });
  children.push(api);
  await ready(async () => (await fetch(`${API}/health`)).ok, 'the API');
  const bareServer = start('bench/bare-server.ts', 3312, {});
  children.push(bareServer);
  await ready(async () => (await fetch(`${BARE}/bare/patients.get?id=x`)).status === 401, 'the bare server');

  const cookies = { vet: await signIn(API, CALLERS.vet), admin: await signIn(API, CALLERS.admin) };
  // The API verifies the whole chain at start (minutes for ten million rows): measure after it, not beside it.
  await ready(
    async () => {
      const response = await fetch(`${API}/trpc/audit.integrity`, { headers: { cookie: cookies.admin } });
      const body = (await response.json()) as { result?: { data?: { json?: { fullCheckAt?: unknown } } } };
      return Boolean(body.result?.data?.json?.fullCheckAt);
    },
    "the API's first full check of the audit chain",
    900,
  );
  const fixtures = await findFixtures(sql);
  const cases = keyProcedures(fixtures).filter((c) => wanted(c.name));
  const roles = await currentDatabaseRoles(drizzle(sql));
  const now = new Date();
  const policy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

  /**
   * A request's session check as raw statements (the sign-in role's context, the check, in a transaction of
   * their own), the caller's user, and the context statement of their request transaction.
   */
  async function signedInStatements(caller: ProcedureCase['caller'], readOnly: boolean) {
    const token = cookies[caller].split('=')[1]!;
    const signInContext = await capture(sql, (db) =>
      setAuditContext(db as never, { userId: null }, { role: roles.signin }),
    );
    const sessionCheck = await capture(sql, (db) =>
      validateSessionToken(db as never, token, now, policy, false),
    );
    const session = await validateSessionToken(drizzle(sql) as never, token, now, policy, false);
    if (session.status !== 'valid') throw new Error(`${caller}'s session is not valid`);
    const userContext = await capture(sql, (db) =>
      setAuditContext(
        db as never,
        { userId: session.user.id, requestId: 'bench' },
        { role: roles[session.user.role], readOnly, now },
      ),
    );
    const checkSession = () =>
      sql.begin((tx) => replayAll(afterContext(signInContext, sessionCheck), (s) => replay(tx, s)));
    return { checkSession, userContext, userId: session.user.id };
  }

  /** The raw side of one case: its statements captured once, and a function sending them as one request does. */
  async function rawRequestFor(c: ProcedureCase) {
    const { checkSession, userContext } = await signedInStatements(c.caller, true);
    const calls: Statement[][] = [];
    for (const call of c.calls) calls.push(await capture(sql, (db) => call(db as never, now)));
    if (calls.some((statements) => statements.length === 0)) throw new Error(`${c.name}: nothing captured`);
    return async () => {
      await checkSession();
      await Promise.all(
        calls.map((statements) =>
          sql.begin((tx) => replayAll(afterContext(userContext, statements), (s) => replay(tx, s))),
        ),
      );
    };
  }

  /**
   * The raw side of the booking: its statements captured once with a slot as the markers; each request puts its
   * own slot in the markers' places, and writes the appointment in a savepoint as writeBooking does.
   */
  async function rawBookingRequest(take: () => BookingSlot) {
    const { checkSession, userContext, userId } = await signedInStatements(booking.caller, false);
    const marker = take();
    const work = await capture(sql, (db) => booking.work(db as never, marker, userId, now));
    const isInsert = (s: Statement) => /^insert into "appointments"/.test(s.text);
    if (!work.some(isInsert)) throw new Error('the booking capture has no insert');
    const markers = new Map<unknown, keyof BookingSlot>([
      [marker.veterinarianId, 'veterinarianId'],
      [marker.patientId, 'patientId'],
      [marker.startsAt.toISOString(), 'startsAt'],
      [marker.endsAt.toISOString(), 'endsAt'],
    ]);
    const bind = (s: Statement, slot: BookingSlot) =>
      s.params.map((p) => {
        const key = markers.get(p instanceof Date ? p.toISOString() : p);
        return key ? slot[key] : p;
      });
    return async () => {
      await checkSession();
      const slot = take();
      await sql.begin((tx) =>
        replayAll(afterContext(userContext, work), (s) =>
          isInsert(s) ? tx.savepoint((sp) => replay(sp, s, bind(s, slot))) : replay(tx, s, bind(s, slot)),
        ),
      );
    };
  }

  interface Side {
    case: string;
    side: 'tRPC (whole API)' | 'raw SQL (postgres.js)' | 'bare Fastify';
    run: (seconds: number) => Promise<Measure>;
  }
  const sides: Side[] = [];
  for (const c of cases) {
    const target = `${API}/trpc/${c.path}`;
    const check = await fetch(target, { headers: { cookie: cookies[c.caller] } });
    if (!check.ok) throw new Error(`${c.name}: ${check.status} ${await check.text()}`);
    const raw = await rawRequestFor(c);
    sides.push({
      case: c.name,
      side: 'tRPC (whole API)',
      run: (s) => httpLoad(target, cookies[c.caller], s, { server: api }),
    });
    sides.push({ case: c.name, side: 'raw SQL (postgres.js)', run: (s) => rawLoad(raw, s) });
    if (c.name === 'patients.get') {
      const bare = `${BARE}/bare/patients.get?id=${fixtures.patientId}`;
      sides.push({
        case: c.name,
        side: 'bare Fastify',
        run: (s) => httpLoad(bare, cookies.vet, s, { server: bareServer }),
      });
    }
  }
  // The booking, last (its appointments are years ahead of everything the other cases read, and of one another).
  const withBooking = wanted(booking.name);
  if (withBooking) {
    const [vet] = await sql`select id from system_users where username = ${CALLERS.vet}`;
    const patientIds = (
      await sql`select id from patients where is_active and deceased_at is null and id <> ${fixtures.patientId}
                order by id limit 5000`
    ).map((r) => r.id as string);
    const [latest] = await sql`select coalesce(max(ends_at), now()) as at from appointments`;
    const from = new Date(new Date(latest!.at as Date).getTime() + 366 * 86_400_000);
    const slots = await bookingSlots(drizzle(sql) as never, {
      count: SLOTS,
      patientIds,
      excludeVets: [vet!.id as string],
      from,
    });
    let taken = 0;
    const take = () => {
      const slot = slots[taken++];
      if (!slot) throw new Error(`all ${SLOTS} booking slots are taken: raise SLOTS`);
      return slot;
    };
    const raw = await rawBookingRequest(take);
    const target = `${API}/trpc/${booking.path}`;
    sides.push({
      case: booking.name,
      side: 'tRPC (whole API)',
      run: (s) =>
        httpLoad(target, cookies[booking.caller], s, { post: () => booking.body(take()), server: api }),
    });
    sides.push({ case: booking.name, side: 'raw SQL (postgres.js)', run: (s) => rawLoad(raw, s) });
  }

  // The reads' rounds first, then the booking's: the API seals and verifies the audit rows the bookings write
  // (every few seconds, in its own process), which must not run beside a read's measurement.
  const runs = new Map<Side, Measure[]>();
  for (const group of [
    sides.filter((side) => side.case !== booking.name),
    sides.filter((side) => side.case === booking.name),
  ]) {
    for (const side of group) await side.run(2); // warm-up: JIT, pools, prepared statements
    for (let round = 0; round < 2; round++) {
      for (const side of group) runs.set(side, [...(runs.get(side) ?? []), await side.run(SECONDS)]);
    }
  }
  const summary = sides.map((side) => {
    const list = runs.get(side)!;
    return {
      procedure: side.case,
      side: side.side,
      'req/s': Math.round(list.reduce((s, r) => s + r.reqPerSec, 0) / list.length),
      'p50 ms': Math.round(Math.max(...list.map((r) => r.p50)) * 10) / 10,
      'p95 ms': Math.round(Math.max(...list.map((r) => r.p95)) * 10) / 10,
      'p99 ms': Math.round(Math.max(...list.map((r) => r.p99)) * 10) / 10,
      errors: list.reduce((s, r) => s + r.errors, 0),
      // CPU per request, mean of the rounds: the server's, or for the raw side this process's (Measure.cpuMs).
      'CPU ms/req': Math.round((list.reduce((s, r) => s + (r.cpuMs ?? 0), 0) / list.length) * 1000) / 1000,
    };
  });
  const row = (procedure: string, side: Side['side']) =>
    summary.find((r) => r.procedure === procedure && r.side === side)!;
  const ratios = [...cases.map((c) => c.name), ...(withBooking ? [booking.name] : [])].map((name) => {
    const api = row(name, 'tRPC (whole API)');
    const raw = row(name, 'raw SQL (postgres.js)');
    return {
      procedure: name,
      'p95 API / raw': Math.round((api['p95 ms'] / raw['p95 ms']) * 100) / 100,
      'req/s API / raw': Math.round((api['req/s'] / raw['req/s']) * 100) / 100,
      // Steadier than the two above on a shared machine: what a request costs the API process against what the
      // same statements cost a postgres.js client.
      'CPU/req API / raw': Math.round((api['CPU ms/req'] / raw['CPU ms/req']) * 100) / 100,
    };
  });
  const bare = summary.find((r) => r.procedure === 'patients.get' && r.side === 'bare Fastify');
  const bareRatio = bare ? row('patients.get', 'tRPC (whole API)')['req/s'] / bare['req/s'] : Number.NaN;
  // The same comparison by what a request costs each server: steadier than req/s when the machine is shared.
  const bareCpuRatio = bare
    ? bare['CPU ms/req'] / row('patients.get', 'tRPC (whole API)')['CPU ms/req']
    : Number.NaN;
  console.table(summary);
  console.table(ratios);
  if (bare) {
    console.log(
      `patients.get, ${CONNECTIONS} connections: tRPC / bare Fastify req/s = ${bareRatio.toFixed(2)} (target ≥ ${TARGET.reqPerSecVsBare}); server CPU per request, bare / tRPC = ${bareCpuRatio.toFixed(2)}`,
    );
  }
  const missed = [
    ...ratios
      .filter((r) => !(r['p95 API / raw'] <= TARGET.p95VsRaw))
      .map((r) => `${r.procedure}: p95 ${r['p95 API / raw']}× raw (target ≤ ${TARGET.p95VsRaw})`),
    ...(!bare || bareRatio >= TARGET.reqPerSecVsBare
      ? []
      : [`patients.get: ${bareRatio.toFixed(2)}× bare Fastify`]),
    ...summary.filter((r) => r.errors > 0).map((r) => `${r.procedure} (${r.side}): ${r.errors} errors`),
  ];
  for (const line of missed) console.log(`MISSED ${line}`);
  writeFileSync(
    new URL('./side-by-side.json', import.meta.url),
    `${JSON.stringify({ connections: CONNECTIONS, rawPool: RAW_POOL, seconds: SECONDS, existing, fixtures, summary, ratios, bareRatio, bareCpuRatio, missed }, null, 2)}\n`,
  );
  process.exitCode = missed.length === 0 ? 0 : 1;
  // The bookings are rows the bench made: vacuumed and analysed, as the dataset was.
  await sql`vacuum analyze appointments, audit_log`;
} finally {
  for (const child of children) child.kill('SIGTERM');
  await sql.end();
}
