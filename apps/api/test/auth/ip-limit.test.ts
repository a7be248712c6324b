import { loginRateLimits } from '@vetflow/schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildServer } from '../../src/server';
import type { RefusalData } from '../../src/trpc/refusal';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { trpcCall } from '../support/raw-trpc';
import { expectRefusal } from '../support/refusal';

const LIMIT = 3;
const WRONG = 'definitely-not-it';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});
afterAll(() => t?.close());
// Every test starts with a fresh window for 127.0.0.1.
beforeEach(async () => {
  await t.db.delete(loginRateLimits);
});

/** Each test signs in to an account of its own, so the per-account delay never interferes. */
let username = 'vet';
beforeEach(async () => {
  username = (await t.createStaff()).username;
});
const body = (password: string) => ({ json: { username, password } });

/** POST /trpc/<path> as a browser page of ours would send it; returns the HTTP status and parsed body. */
async function post(path: string, payload: unknown) {
  const response = await trpcCall(t.baseUrl, path, undefined, {
    type: 'mutation',
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: JSON.parse(response.text) as unknown };
}

type ErrorBody = { error: { json: { message: string; data: RefusalData } } };

describe('the per-IP sign-in limit counts every call where auth.login runs', () => {
  it('a double-encoded path (/trpc/auth%252Elogin) reaches auth.login and is counted', async () => {
    for (let i = 0; i < LIMIT; i++) {
      expect((await post('auth%252Elogin', body(WRONG))).status).toBe(401);
    }
    const refused = await post('auth%252Elogin', body(TEST_PASSWORD));
    expect(refused.status).toBe(429);
    const error = (refused.body as ErrorBody).error.json;
    expect(error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(
      /^Too many sign-in attempts from this address\. Try again in \d+ seconds?\.$/,
    );
    // And the plain spelling shares the same counter.
    expect((await post('auth.login', body(TEST_PASSWORD))).status).toBe(429);
  });

  it('a batch of 20 sign-ins counts as 20 attempts: only 3 of them are checked', async () => {
    const batch = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, body(WRONG)]));
    const result = await post(`${Array(20).fill('auth.login').join(',')}?batch=1`, batch);
    const errors = (result.body as ErrorBody[]).map((item) => item.error.json);
    expect(errors.filter((e) => e.data.code === 'UNAUTHORIZED')).toHaveLength(LIMIT);
    const refused = errors.filter((e) => e.data.code === 'TOO_MANY_REQUESTS');
    expect(refused).toHaveLength(20 - LIMIT);
    for (const e of refused) expect(e.message).toMatch(/^Too many sign-in attempts from this address/);
    // The address has used up its minute.
    expect((await post('auth.login', body(TEST_PASSWORD))).status).toBe(429);
  });

  it('says how long to wait, and the next minute is a fresh window', async () => {
    for (let i = 0; i < LIMIT; i++) await post('auth.login', body(WRONG));
    t.clock.advance(45_000);
    const refused = (await post('auth.login', body(TEST_PASSWORD))).body as ErrorBody;
    const message = 'Too many sign-in attempts from this address. Try again in 15 seconds.';
    const refusal = expectRefusal(refused.error.json.data, { code: 'TOO_MANY_REQUESTS', message });
    expect(refusal.details).toEqual({ kind: 'throttled', retryAfterSeconds: 15 });
    expect(refused.error.json.message).toBe(message);
    t.clock.advance(15_000);
    expect((await post('auth.login', body(TEST_PASSWORD))).status).toBe(200);
  });

  it('holds across server processes and restarts (the count is in the database)', async () => {
    for (let i = 0; i < LIMIT; i++) await post('auth.login', body(WRONG));
    // A second API process on the same database (as after a restart, or behind a load balancer).
    const config = loadConfig({ NODE_ENV: 'test', LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    const other = await buildServer({ config, db: t.db, clock: t.clock, logger: false });
    try {
      const response = await other.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        remoteAddress: '127.0.0.1',
        headers: { origin: config.publicOrigin, 'content-type': 'application/json' },
        payload: JSON.stringify(body(TEST_PASSWORD)),
      });
      expect(response.statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('limits nothing but sign-in attempts', async () => {
    for (let i = 0; i < LIMIT; i++) await post('auth.login', body(WRONG));
    for (let i = 0; i < 5; i++)
      expect((await trpcCall(t.baseUrl, 'auth.me', undefined, { origin: null })).status).toBe(200);
  });
});
