import { queries } from '@vetflow/db';
import { auditLog, loginThrottles } from '@vetflow/schema';
import { and, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { errorOf } from '../support/client';
import { trpcCall } from '../support/raw-trpc';
import { expectRefusal } from '../support/refusal';

const WRONG = 'definitely-not-it';
const GENERIC_LOGIN_FAILURE = 'Incorrect username or password';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const login = (username: string, password: string) =>
  t.anonymous().trpc.auth.login.mutate({ username, password });

async function failWithWrongPassword(username: string) {
  const error = await errorOf(login(username, WRONG));
  expect(error.code).toBe('UNAUTHORIZED');
  expect(error.message).toBe(GENERIC_LOGIN_FAILURE);
}

async function expectThrottled(username: string, password: string, waitSeconds: number) {
  const error = await errorOf(login(username, password));
  expect(error.httpStatus).toBe(429);
  const refusal = expectRefusal(error.data, {
    code: 'TOO_MANY_REQUESTS',
    message: `Too many failed sign-ins. Try again in ${waitSeconds} second${waitSeconds === 1 ? '' : 's'}.`,
  });
  expect(refusal.details).toEqual({ kind: 'throttled', retryAfterSeconds: waitSeconds });
}

/** The account's counter for untrusted clients (what every `t.anonymous()` client is judged by). */
async function throttleState(db: TestApp['db'], userId: string) {
  const [row] = await db
    .select({ failed: loginThrottles.failures, blockedUntil: loginThrottles.blockedUntil })
    .from(loginThrottles)
    .where(and(eq(loginThrottles.account, userId), eq(loginThrottles.deviceId, '')));
  return row ?? { failed: 0, blockedUntil: null };
}

async function lastAuditId() {
  const [row] = await t.db.select({ id: max(auditLog.id) }).from(auditLog);
  return Number(row?.id ?? 0);
}

async function auditSince(baseline: number, recordId: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(gt(auditLog.id, baseline), eq(auditLog.recordId, recordId)))
    .orderBy(auditLog.id);
}

describe('per-account throttling', () => {
  it('after 5 failures the next attempt, even with the right password, must wait', async () => {
    const user = await t.createStaff();
    const baseline = await lastAuditId();
    for (let i = 0; i < 5; i++) await failWithWrongPassword(user.username);
    expect((await throttleState(t.db, user.id)).failed).toBe(5);

    const client = t.anonymous();
    const error = await errorOf(
      client.trpc.auth.login.mutate({ username: user.username, password: TEST_PASSWORD }),
    );
    expect(error.httpStatus).toBe(429);
    const refusal = expectRefusal(error.data, {
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-ins. Try again in 1 second.',
    });
    expect(error.message).toBe(refusal.message);
    expect(refusal.details).toEqual({ kind: 'throttled', retryAfterSeconds: 1 });
    expect(client.cookie()).toBeUndefined();
    // A throttled attempt is not checked, so it does not count as another failure.
    expect((await throttleState(t.db, user.id)).failed).toBe(5);

    const audit = await auditSince(baseline, user.id);
    expect(audit.map((r) => r.action)).toEqual([...Array(5).fill('login_failed'), 'login_throttled']);
    for (const row of audit) {
      expect(row.userId).toBeNull();
      expect(row.tableName).toBe('system_users');
      expect(JSON.stringify(row)).not.toContain(WRONG);
      expect(JSON.stringify(row)).not.toContain(TEST_PASSWORD);
    }
    expect(audit[0]!.newValues).toMatchObject({ username: user.username, reason: 'wrong password' });
    expect(audit[5]!.newValues).toMatchObject({ username: user.username, waitSeconds: 1 });
    // The failure count and block are bookkeeping: no 'update' audit rows for system_users.
    expect(audit.filter((r) => r.action === 'update')).toEqual([]);
  });

  it('once the delay has passed a correct sign-in succeeds and resets the count', async () => {
    const user = await t.createStaff();
    for (let i = 0; i < 5; i++) await failWithWrongPassword(user.username);
    await expectThrottled(user.username, TEST_PASSWORD, 1);

    const baseline = await lastAuditId();
    t.clock.advance(1001);
    const client = t.anonymous();
    const result = await client.trpc.auth.login.mutate({ username: user.username, password: TEST_PASSWORD });
    expect(result.user.id).toBe(user.id);
    expect((await client.trpc.auth.me.query()).user?.id).toBe(user.id);
    expect(await throttleState(t.db, user.id)).toEqual({ failed: 0, blockedUntil: null });
    expect((await auditSince(baseline, user.id)).map((r) => r.action)).toEqual(['login']);

    // Five free failures again, and the first wait is back to 1 s.
    for (let i = 0; i < 5; i++) await failWithWrongPassword(user.username);
    await expectThrottled(user.username, WRONG, 1);
  });

  it('the delay doubles from 1 s and is capped at 15 minutes', async () => {
    const user = await t.createStaff();
    for (let i = 0; i < 5; i++) await failWithWrongPassword(user.username);
    const baseline = await lastAuditId();
    const expected = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900];
    for (const seconds of expected) {
      await expectThrottled(user.username, TEST_PASSWORD, seconds);
      const { blockedUntil } = await throttleState(t.db, user.id);
      expect(blockedUntil!.getTime() - t.clock.now().getTime()).toBe(seconds * 1000);
      if (seconds > 1) {
        t.clock.advance(seconds * 1000 - 1000);
        await expectThrottled(user.username, TEST_PASSWORD, 1); // still waiting, one second left
        t.clock.advance(1000);
      } else {
        t.clock.advance(1000);
      }
      await failWithWrongPassword(user.username); // allowed again, and fails again
    }
    expect((await throttleState(t.db, user.id)).failed).toBe(5 + expected.length);
    const audit = await auditSince(baseline, user.id);
    const actions = audit.map((r) => r.action);
    expect(actions.filter((a) => a === 'login_failed')).toHaveLength(expected.length);
    // 23 refusals over 47 minutes are summarised, one row per 15-minute window (at 0 s, 1022 s, 1922 s and
    // 2822 s), together reporting every refusal.
    const throttled = audit.filter((r) => r.action === 'login_throttled');
    expect(throttled).toHaveLength(4);
    const reported = throttled.map((r) => (r.newValues as { refusedAttempts: number }).refusedAttempts);
    expect(reported.reduce((a, b) => a + b, 0)).toBe(1 + 2 * (expected.length - 1));
    expect(actions.filter((a) => a === 'update')).toEqual([]);
  });

  it('parallel wrong guesses cannot slip past the delay or undercount', async () => {
    const user = await t.createStaff();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => login(user.username, WRONG)));
    const codes = await Promise.all(
      results.map((r) =>
        r.status === 'rejected' ? errorOf(Promise.reject(r.reason)).then((e) => e.code) : 'OK',
      ),
    );
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(3);
    expect((await throttleState(t.db, user.id)).failed).toBe(5);
  });

  it('the right password for an inactive account counts like a wrong one, so throttling reveals nothing', async () => {
    const user = await t.createStaff();
    await queries.setUserActive(t.db, user.id, false);
    for (let i = 0; i < 4; i++) await failWithWrongPassword(user.username);
    // Told apart only after the right password; it still counts as the fifth failure.
    const right = await errorOf(login(user.username, TEST_PASSWORD));
    expect(right.code).toBe('FORBIDDEN');
    expect(right.message).toMatch(/^This account is deactivated\. Ask an administrator/);
    expect((await throttleState(t.db, user.id)).failed).toBe(5);
    await expectThrottled(user.username, WRONG, 1);
    // Throttled, the right password is refused like any guess: it no longer says "deactivated".
    await expectThrottled(user.username, TEST_PASSWORD, 1);
  });

  it('an unknown username is throttled exactly like an account, so throttling does not reveal which exist', async () => {
    for (let i = 0; i < 5; i++) {
      const error = await errorOf(login('no-such-user', WRONG));
      expect(error.message).toBe(GENERIC_LOGIN_FAILURE);
    }
    await expectThrottled('No-Such-User', WRONG, 1);
    t.clock.advance(1000);
    expect((await errorOf(login('no-such-user', WRONG))).code).toBe('UNAUTHORIZED');
    await expectThrottled('no-such-user', WRONG, 2);
  });

  it('throttles per account: another account is unaffected', async () => {
    const user = await t.createStaff();
    const other = await t.createStaff();
    for (let i = 0; i < 5; i++) await failWithWrongPassword(user.username);
    await expectThrottled(user.username, TEST_PASSWORD, 1);
    const result = await login(other.username, TEST_PASSWORD);
    expect(result.user.id).toBe(other.id);
  });
});

describe('per-IP rate limit on sign-in', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => limited?.close());

  const rawLogin = (password: string) =>
    trpcCall(limited.baseUrl, 'auth.login', { username: 'vet', password });

  it('answers the 4th attempt in a minute with HTTP 429, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await rawLogin(WRONG)).status).toBe(401);
    const response = await rawLogin(TEST_PASSWORD);
    expect(response.status).toBe(429);
    expect(response.headers.getSetCookie().some((l) => l.startsWith('vetflow_session='))).toBe(false);
    // A tRPC error like any other now (the limit is counted inside auth.login), so in the superjson envelope.
    const refusal = expectRefusal(response.refusal, {
      code: 'TOO_MANY_REQUESTS',
      message: /^Too many sign-in attempts from this address\. Try again in \d+ seconds\.$/,
    });
    expect(refusal.details).toEqual({ kind: 'throttled', retryAfterSeconds: expect.any(Number) });
    expect((refusal.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // Only the 3 attempts that got through were checked.
    expect((await throttleState(limited.db, limited.users.vet.id)).failed).toBe(3);
  });

  it('counts an encoded path (/trpc/auth%2Elogin) as a sign-in attempt too', async () => {
    const encoded = await trpcCall(
      limited.baseUrl,
      'auth%2Elogin',
      { username: 'vet', password: WRONG },
      { type: 'mutation' },
    );
    expect(encoded.status).toBe(429);
  });

  it('does not limit other requests', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await trpcCall(limited.baseUrl, 'auth.me', undefined, { origin: null });
      expect(response.status).toBe(200);
    }
  });
});
