import { auditLog, loginRateLimits, loginThrottles } from '@vetflow/schema';
import { gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneSignInBookkeeping } from '../../src/auth/prune';
import { loadConfig } from '../../src/config';
import { buildServer } from '../../src/server';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { errorOf } from '../support/client';

let t: TestApp;
beforeAll(async () => {
  // The sealer's statements would land in the statement captures below when a seal falls inside one (a login
  // is several transactions now, and slow on a busy machine): it seals once at start, then not for an hour.
  t = await startTestApp({ AUDIT_SEAL_SECONDS: '3600' });
});
afterAll(() => t?.close());

const WRONG = 'definitely-not-it';
const login = (username: string, password: string) =>
  t.anonymous().trpc.auth.login.mutate({ username, password });

async function lastAuditId() {
  const [row] = await t.db.select({ id: max(auditLog.id) }).from(auditLog);
  return Number(row?.id ?? 0);
}

async function snapshot() {
  return {
    audit: await lastAuditId(),
    throttles: JSON.stringify(await t.db.select().from(loginThrottles)),
  };
}

/**
 * Records the SQL text of every statement `db` runs (transactions included) by putting a logger on Drizzle's
 * session: both drivers' sessions pass it on to the sessions of their transactions.
 */
function captureStatements(db: TestApp['db']) {
  type Logger = { logQuery(query: string, params: unknown[]): void };
  const session = (db as unknown as { session: { logger: Logger; options: { logger?: Logger } } }).session;
  const statements: string[] = [];
  const saved = { logger: session.logger, option: session.options.logger };
  const logger: Logger = { logQuery: (query) => statements.push(query) };
  session.logger = logger;
  session.options.logger = logger;
  return {
    statements,
    stop() {
      session.logger = saved.logger;
      session.options.logger = saved.option;
    },
  };
}

describe('known and unknown usernames take the same path', () => {
  it('run the same statements and each write one throttle row and one audit row', async () => {
    await errorOf(login('warm-up', WRONG)); // loads the sign-in secret once, for both
    const known = await t.createStaff();
    const outcomes = [];
    for (const username of [known.username, 'nobody-by-that-name']) {
      const before = await snapshot();
      const capture = captureStatements(t.servedDb);
      const error = await errorOf(login(username, WRONG));
      capture.stop();
      const throttles = await t.db.select().from(loginThrottles).where(gt(loginThrottles.failures, 0));
      outcomes.push({
        code: error.code,
        message: error.message,
        statements: capture.statements,
        newThrottleRows: throttles.filter((r) => !before.throttles.includes(r.account)).length,
        newAuditRows: (await t.db.select().from(auditLog).where(gt(auditLog.id, before.audit))).length,
      });
    }
    const [forKnown, forUnknown] = outcomes as [(typeof outcomes)[0], (typeof outcomes)[0]];
    expect(forKnown.statements.length).toBeGreaterThan(3);
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown).toMatchObject({ code: 'UNAUTHORIZED', newThrottleRows: 1, newAuditRows: 1 });
  });

  it('an unknown username’s counter is in the database: it survives a restart and holds across processes', async () => {
    for (let i = 0; i < 5; i++) await errorOf(login('ghost-user', WRONG));
    const config = loadConfig({ NODE_ENV: 'test', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const other = await buildServer({ config, db: t.db, clock: t.clock, logger: false });
    try {
      const response = await other.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: { origin: config.publicOrigin, 'content-type': 'application/json' },
        payload: JSON.stringify({ json: { username: 'Ghost-User', password: WRONG } }),
      });
      expect(response.statusCode).toBe(429);
      expect(response.body).toContain('Try again in 1 second.');
    } finally {
      await other.close();
    }
  });
});

describe('a failed sign-in records the typed username only when it names an account', () => {
  it('a password typed into the username box is kept nowhere', async () => {
    const typed = 'Tr0ub4dor&3-horse';
    const baseline = await lastAuditId();
    for (let i = 0; i < 7; i++) await errorOf(login(typed, TEST_PASSWORD));
    const audit = await t.db.select().from(auditLog).where(gt(auditLog.id, baseline)).orderBy(auditLog.id);
    expect(audit.map((r) => r.action)).toEqual([...Array(5).fill('login_failed'), 'login_throttled']);
    expect(audit[0]!.newValues).toEqual({ reason: 'unknown user', trustedDevice: false });
    const stored = JSON.stringify([audit, await t.db.select().from(loginThrottles)]);
    expect(stored).not.toContain(typed);
    expect(stored.toLowerCase()).not.toContain(typed.toLowerCase());
  });

  it('a username that names an account is recorded as the account’s username', async () => {
    const user = await t.createStaff();
    const baseline = await lastAuditId();
    await errorOf(login(user.username.toUpperCase(), WRONG));
    const [row] = await t.db.select().from(auditLog).where(gt(auditLog.id, baseline));
    expect(row).toMatchObject({
      action: 'login_failed',
      recordId: user.id,
      newValues: { username: user.username, reason: 'wrong password' },
    });
  });
});

describe('sign-in bookkeeping does not pile up', () => {
  it('prunes quiet untrusted counters, long-unused devices and finished per-IP windows; keeps what still matters', async () => {
    const now = t.clock.now();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const DAY = 24 * 60 * 60_000;
    await t.db.delete(loginThrottles);
    await t.db.insert(loginThrottles).values([
      { account: 'quiet-unknown', updatedAt: ago(2 * DAY), failures: 3 },
      { account: 'recent-unknown', updatedAt: ago(DAY / 2), failures: 3 },
      {
        account: 'still-blocked',
        updatedAt: ago(2 * DAY),
        failures: 30,
        blockedUntil: new Date(now.getTime() + 60_000),
      },
      { account: 'acct', deviceId: 'old-device', updatedAt: ago(400 * DAY) },
      { account: 'acct', deviceId: 'used-device', updatedAt: ago(300 * DAY) },
    ]);
    await t.db.delete(loginRateLimits);
    await t.db.insert(loginRateLimits).values([
      { ip: '192.0.2.1', windowStartedAt: ago(61_000), attempts: 5 },
      { ip: '192.0.2.2', windowStartedAt: ago(30_000), attempts: 5 },
    ]);
    await pruneSignInBookkeeping(t.db, now);
    const left = await t.db.select().from(loginThrottles);
    expect(left.map((r) => `${r.account}/${r.deviceId}`).sort()).toEqual([
      'acct/used-device',
      'recent-unknown/',
      'still-blocked/',
    ]);
    expect((await t.db.select().from(loginRateLimits)).map((r) => r.ip)).toEqual(['192.0.2.2']);
  });
});
