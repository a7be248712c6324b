import { createHmac, randomBytes } from 'node:crypto';
import { auditLog, loginThrottles } from '@vetflow/schema';
import { and, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildServer } from '../../src/server';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { trpcCall } from '../support/raw-trpc';
import { expectRefusal } from '../support/refusal';

const WRONG = 'definitely-not-it';
const MINUTE = 60_000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const login = (client: TestClient, username: string, password: string) =>
  client.trpc.auth.login.mutate({ username, password });

/** The outcome of one sign-in attempt: 'OK' or the error code. */
async function codeOf(client: TestClient, username: string, password: string) {
  try {
    await login(client, username, password);
    return 'OK';
  } catch (error) {
    return (await errorOf(Promise.reject(error))).code;
  }
}

/** The account's counters: '' for untrusted clients, the device id for each browser it trusts. */
async function countersOf(userId: string) {
  const rows = await t.db
    .select({ deviceId: loginThrottles.deviceId, failures: loginThrottles.failures })
    .from(loginThrottles)
    .where(eq(loginThrottles.account, userId));
  return Object.fromEntries(rows.map((r) => [r.deviceId === '' ? 'untrusted' : 'device', r.failures]));
}

/** A browser that signed in to `username` once and signed out again: it keeps its device cookie. */
async function trustedBrowser(username: string) {
  const browser = t.anonymous();
  await login(browser, username, TEST_PASSWORD);
  expect(browser.deviceCookie()).toBeDefined();
  await browser.trpc.auth.logout.mutate();
  expect(browser.cookie()).toBeUndefined();
  expect(browser.deviceCookie()).toBeDefined();
  return browser;
}

/** Wrong guesses from clients without a device cookie until the account's untrusted counter is throttled. */
async function attack(username: string, guesses = 6) {
  const codes: string[] = [];
  for (let i = 0; i < guesses; i++) {
    codes.push((await errorOf(login(t.anonymous(), username, WRONG))).code);
  }
  return codes;
}

async function lastAuditId() {
  const [row] = await t.db.select({ id: max(auditLog.id) }).from(auditLog);
  return Number(row?.id ?? 0);
}

async function throttledRowsSince(baseline: number, userId: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(
      and(gt(auditLog.id, baseline), eq(auditLog.recordId, userId), eq(auditLog.action, 'login_throttled')),
    )
    .orderBy(auditLog.id);
}

describe('device cookie', () => {
  it('a sign-in sets a long-lived, HttpOnly, SameSite=Strict device cookie that sign-out leaves alone', async () => {
    const user = await t.createStaff();
    const response = await trpcCall(t.baseUrl, 'auth.login', {
      username: user.username,
      password: TEST_PASSWORD,
    });
    const line = response.headers.getSetCookie().find((l) => l.startsWith('vetflow_device='));
    expect(line).toBeDefined();
    const attributes = line!.split(';').map((s) => s.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/trpc']));
    expect(attributes).toContain(`Max-Age=${365 * 24 * 60 * 60}`);
    // Signing out clears the session cookie only.
    const browser = await trustedBrowser(user.username);
    const again = await login(browser, user.username, TEST_PASSWORD);
    expect(again.user.id).toBe(user.id);
  });

  it('an attacker’s guesses keep strangers throttled while the owner’s browser signs in at once', async () => {
    const victim = await t.createStaff();
    const browser = await trustedBrowser(victim.username);
    const cookie = browser.deviceCookie();

    const codes = await attack(victim.username);
    expect(codes).toEqual([...Array(5).fill('UNAUTHORIZED'), 'TOO_MANY_REQUESTS']);
    // Even the right password from an untrusted client waits.
    expect(await codeOf(t.anonymous(), victim.username, TEST_PASSWORD)).toBe('TOO_MANY_REQUESTS');

    // The owner's browser is judged by its own counter: in at once, with the cookie it already had.
    const result = await login(browser, victim.username, TEST_PASSWORD);
    expect(result.user.id).toBe(victim.id);
    expect(browser.deviceCookie()).toBe(cookie);

    // The attack stays throttled: the owner's success does not hand the attacker fresh guesses.
    expect(await codeOf(t.anonymous(), victim.username, WRONG)).toBe('TOO_MANY_REQUESTS');

    // And however long the attack goes on, the owner gets in every time the delay would have stopped them.
    for (let round = 0; round < 5; round++) {
      t.clock.advance(16 * MINUTE);
      await errorOf(login(t.anonymous(), victim.username, WRONG));
      expect(await codeOf(t.anonymous(), victim.username, TEST_PASSWORD)).toBe('TOO_MANY_REQUESTS');
      await browser.trpc.auth.logout.mutate();
      expect((await login(browser, victim.username, TEST_PASSWORD)).user.id).toBe(victim.id);
    }
  });

  it('the device cookie’s own counter throttles wrong guesses made from it (and only it)', async () => {
    const user = await t.createStaff();
    const browser = await trustedBrowser(user.username);
    for (let i = 0; i < 5; i++) {
      expect((await errorOf(login(browser, user.username, WRONG))).code).toBe('UNAUTHORIZED');
    }
    const error = await errorOf(login(browser, user.username, TEST_PASSWORD));
    const refusal = expectRefusal(error.data, {
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-ins. Try again in 1 second.',
    });
    expect(refusal.details).toEqual({ kind: 'throttled', retryAfterSeconds: 1 });
    expect(await countersOf(user.id)).toEqual({ untrusted: 0, device: 5 });
    // Guesses from that browser never delay anyone else.
    expect((await login(t.anonymous(), user.username, TEST_PASSWORD)).user.id).toBe(user.id);
    // Once its delay has passed the browser signs in, which resets its counter.
    t.clock.advance(1000);
    expect((await login(browser, user.username, TEST_PASSWORD)).user.id).toBe(user.id);
    expect(await countersOf(user.id)).toEqual({ untrusted: 0, device: 0 });
  });

  it('a forged or tampered device cookie, or one from a browser that signed in to another account, is untrusted', async () => {
    const victim = await t.createStaff();
    const browser = await trustedBrowser(victim.username);
    const genuine = browser.deviceCookie()!;
    const otherAccountsBrowser = await trustedBrowser((await t.createStaff()).username);
    await attack(victim.username);

    const [deviceId, signature] = genuine.split('.') as [string, string];
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const otherKey = randomBytes(32);
    const forgedId = randomBytes(16).toString('base64url');
    const candidates = {
      tampered: `${deviceId}.${flipped}`,
      'other id, genuine signature': `${forgedId}.${signature}`,
      'signed with another key': `${forgedId}.${createHmac('sha256', otherKey).update(forgedId).digest('base64url')}`,
      'the device id alone': deviceId,
      garbage: 'x'.repeat(90),
      "another account's browser": otherAccountsBrowser.deviceCookie()!,
    };
    for (const [label, value] of Object.entries(candidates)) {
      const client = t.anonymous();
      client.setDeviceCookie(value);
      const code = await codeOf(client, victim.username, TEST_PASSWORD);
      expect({ label, code }).toEqual({ label, code: 'TOO_MANY_REQUESTS' });
    }
    // The genuine one still works.
    expect((await login(browser, victim.username, TEST_PASSWORD)).user.id).toBe(victim.id);
  });

  it('the signing key is kept in the database: a restarted or second API process trusts the same cookies', async () => {
    const user = await t.createStaff();
    const browser = await trustedBrowser(user.username);
    await attack(user.username);
    const config = loadConfig({ NODE_ENV: 'test', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const other = await buildServer({ config, db: t.db, clock: t.clock, logger: false });
    try {
      const send = (cookie: string | undefined) =>
        other.inject({
          method: 'POST',
          url: '/trpc/auth.login',
          headers: {
            origin: config.publicOrigin,
            'content-type': 'application/json',
            ...(cookie ? { cookie: `vetflow_device=${cookie}` } : {}),
          },
          payload: JSON.stringify({ json: { username: user.username, password: TEST_PASSWORD } }),
        });
      expect((await send(undefined)).statusCode).toBe(429);
      expect((await send(browser.deviceCookie())).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('throttled refusals are summarised in the audit log', () => {
  it('N refusals in a window write one login_throttled row, and the next window’s row counts the rest', async () => {
    const user = await t.createStaff();
    await attack(user.username, 5);
    const baseline = await lastAuditId();
    for (let i = 0; i < 20; i++) {
      expect(await codeOf(t.anonymous(), user.username, TEST_PASSWORD)).toBe('TOO_MANY_REQUESTS');
    }
    let rows = await throttledRowsSince(baseline, user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: null,
      tableName: 'system_users',
      newValues: { username: user.username, waitSeconds: 1, refusedAttempts: 1, trustedDevice: false },
    });

    // A long delay (as after many failures) spanning the next 15-minute window.
    await t.db
      .update(loginThrottles)
      .set({ blockedUntil: new Date(t.clock.now().getTime() + 60 * MINUTE) })
      .where(and(eq(loginThrottles.account, user.id), eq(loginThrottles.deviceId, '')));
    t.clock.advance(15 * MINUTE);
    for (let i = 0; i < 10; i++) await codeOf(t.anonymous(), user.username, WRONG);
    rows = await throttledRowsSince(baseline, user.id);
    expect(rows).toHaveLength(2);
    // The 19 refusals after the first row, plus the one that opened the new window.
    expect(rows[1]!.newValues).toMatchObject({ refusedAttempts: 20, waitSeconds: 45 * 60 });
  });
});
