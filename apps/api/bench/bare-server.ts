/**
 * The side-by-side bench's baseline (bench/side-by-side.ts): a bare Fastify route doing the work patients.get
 * does through the whole API — the session check as the sign-in role in a transaction of its own, then a
 * read-only transaction switched to the user's role with the audit context, and the same SQL — sent as raw text
 * through postgres.js (prepared), with no tRPC, no Drizzle query building, no superjson, no helmet.
 *
 * "The same SQL" is taken from the query functions themselves: at start-up they run once on a logging Drizzle
 * instance with marker arguments, and each request replays the captured statements with its own values in the
 * markers' places, in the API's round trips: each transaction's context goes out with its first statement
 * (inAuditContext), and the chart's four reads together (getPatient). DATABASE_URL: the database the API serves
 * (its owner may switch to every role); PORT.
 */
import { createHash } from 'node:crypto';
import { currentDatabaseRoles, queries, setAuditContext } from '@vetflow/db';
import { drizzle } from 'drizzle-orm/postgres-js';
import Fastify from 'fastify';
import postgres from 'postgres';
import { validateSessionToken } from '../src/auth/sessions';
import { capture, replay, type Statement } from './capture';

/** The token whose hash marks the session check's parameter. */
const MARK_TOKEN = 'a'.repeat(32);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Marker arguments for the capture; each request puts its own values in their places (as strings). */
const MARK = {
  sessionId: sha256(MARK_TOKEN),
  userId: '00000000-0000-4000-8000-00000000beef',
  patientId: '', // a real patient's, below
  now: '2001-02-03T04:05:06.789Z',
  // The capture need not succeed (it is logged before it runs): a role that does not exist is fine here.
  role: 'bench_marker_role',
};
type Values = Record<keyof typeof MARK, string>;
const IDLE_MS = 30 * 60_000;

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const sql = postgres(url, { max: 10, onnotice: () => {} });

const asText = (param: unknown) => (param instanceof Date ? param.toISOString() : param);

/** A captured statement's parameters with the markers replaced by this request's values. */
function bind(statement: Statement, values: Values): unknown[] {
  return statement.params.map((param) => {
    const key = (Object.keys(MARK) as (keyof Values)[]).find((k) => MARK[k] === asText(param));
    return key ? values[key] : param;
  });
}

/** Fails at start-up when a marker is missing from the statements that must carry it (a changed query). */
function expectMarkers(statements: Statement[], ...keys: (keyof Values)[]) {
  const sent = new Set(statements.flatMap((s) => s.params.map(asText)));
  for (const key of keys) if (!sent.has(MARK[key])) throw new Error(`the capture lost the ${key} marker`);
}

const roles = await currentDatabaseRoles(drizzle(sql));
const signInContext = await capture(sql, (tx) =>
  setAuditContext(tx as never, { userId: null }, { role: MARK.role }),
);
const sessionCheck = await capture(sql, (tx) =>
  validateSessionToken(
    tx as never,
    MARK_TOKEN,
    new Date(MARK.now),
    { idleMs: IDLE_MS, absoluteMs: IDLE_MS },
    false,
  ),
);
const userContext = await capture(sql, (tx) =>
  setAuditContext(
    tx as never,
    { userId: MARK.userId },
    { role: MARK.role, readOnly: true, now: new Date(MARK.now) },
  ),
);
// A real patient as the marker, so that every one of getPatient's statements runs (it stops when none is found).
const [existing] = await sql`select id from patients limit 1`;
MARK.patientId = existing!.id as string;
const patientReads = await capture(sql, (tx) =>
  queries.getPatient(tx as never, MARK.patientId, new Date(MARK.now)),
);
expectMarkers(sessionCheck, 'sessionId');
expectMarkers(userContext, 'userId', 'role', 'now');
expectMarkers(patientReads, 'patientId', 'now');
// The route below sends the chart's reads at once, as getPatient does: a changed getPatient must change it too.
if (patientReads.length !== 4 || patientReads.slice(1).some((s) => !s.withPrevious)) {
  throw new Error('getPatient no longer sends its four reads at once: update the bare route');
}

/** A captured statement with this request's values. */
const run = (tx: postgres.TransactionSql, statement: Statement, values: Values) =>
  replay(tx, statement, bind(statement, values));

const app = Fastify({ logger: false });
app.get<{ Querystring: { id: string } }>('/bare/patients.get', async (req, reply) => {
  const token = /vetflow_session=([a-z2-7]{32})/.exec(req.headers.cookie ?? '')?.[1];
  if (!token) return reply.code(401).send({ error: 'Please sign in' });
  const now = new Date();
  const values: Values = {
    sessionId: sha256(token),
    userId: '',
    patientId: req.query.id,
    now: now.toISOString(),
    role: roles.signin,
  };
  // Each transaction in the API's round trips (capture.ts): the context goes out with the first statement.
  const session = await sql.begin(async (tx) => {
    const [, [row]] = await Promise.all([
      run(tx, signInContext[0]!, values),
      run(tx, sessionCheck[0]!, values),
    ]);
    return row;
  });
  // The session check's columns, in validateSessionToken's order.
  const [, lastSeenAt, expiresAt, userId, username, fullName, email, role, isActive] = (session ?? []) as [
    string,
    Date,
    Date,
    string,
    string,
    string,
    string,
    'veterinarian',
    boolean,
  ];
  if (!session || !isActive || now >= expiresAt || +now - +lastSeenAt >= IDLE_MS) {
    return reply.code(401).send({ error: 'Please sign in' });
  }
  const acting = { ...values, userId, role: roles[role] };
  const result = await sql.begin(async (tx) => {
    // The context and the chart's four reads in one round trip, as the API sends them (checked at start-up).
    const [, patient, weights, upcoming, past] = await Promise.all(
      [userContext[0]!, ...patientReads].map((s) => run(tx, s, acting)),
    );
    return { patient: patient![0], weights, upcoming, past };
  });
  return reply.send({ user: { id: userId, username, fullName, email, role }, ...result });
});
// Stopped by the bench with SIGTERM: exit normally, so that `node --cpu-prof` (PROFILE_DIR) writes its profile.
process.once(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => sql.end())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      ),
);
await app.listen({ port: Number(process.env.PORT ?? 3200), host: '127.0.0.1' });
console.log(
  `bare server on ${process.env.PORT}: ${[signInContext, sessionCheck, userContext, patientReads].map((s) => s.length).join('+')} statements`,
);
