import { createHash } from 'node:crypto';
import { sessions } from '@vetflow/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startTestApp, type TestApp } from '../support/app';
import { createTestClient, errorOf, type TestClient } from '../support/client';
import { rawTrpc } from '../support/raw-trpc';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function lastSeenOf(client: TestClient) {
  const [row] = await t.db
    .select({ lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(eq(sessions.id, sha256(client.cookie()!)));
  return row?.lastSeenAt.getTime();
}

describe('auth.expiry: when the session ends, for the idle warning', () => {
  it('says how long until the idle timeout and the absolute end, and asking is not activity', async () => {
    const vet = await t.signIn('vet');
    expect(await vet.trpc.auth.expiry.query()).toEqual({
      idleTimeoutMs: 30 * MINUTE,
      idleRemainingMs: 30 * MINUTE,
      absoluteRemainingMs: 12 * HOUR,
    });
    const signedInAt = await lastSeenOf(vet);

    // Polled every few minutes, the session still runs out: the poll never restarts the idle clock.
    for (let minute = 5; minute <= 25; minute += 5) {
      t.clock.advance(5 * MINUTE);
      expect((await vet.trpc.auth.expiry.query()).idleRemainingMs).toBe((30 - minute) * MINUTE);
    }
    expect(await lastSeenOf(vet)).toBe(signedInAt);

    t.clock.advance(5 * MINUTE);
    const error = await errorOf(vet.trpc.auth.expiry.query());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/expired/i);
    expect(await lastSeenOf(vet)).toBeUndefined();
  });

  it('a call the web app marks unattended (a screen refreshing itself) is not activity; unmarked it is', async () => {
    const vet = await t.signIn('vet');
    const call = (headers: Record<string, string>) =>
      fetch(`${t.baseUrl}/trpc/auth.sessions`, {
        headers: { cookie: `vetflow_session=${vet.cookie()}`, ...headers },
      });
    t.clock.advance(10 * MINUTE);
    const refresh = await call({ 'x-vetflow-unattended': '1' });
    expect(refresh.status).toBe(200); // answered as usual
    expect((await vet.trpc.auth.expiry.query()).idleRemainingMs).toBe(20 * MINUTE);
    t.clock.advance(10 * MINUTE);
    expect((await call({})).status).toBe(200);
    expect((await vet.trpc.auth.expiry.query()).idleRemainingMs).toBe(30 * MINUTE);
  });

  it('any other call is activity: the reported idle end moves with it, in another tab as well', async () => {
    const tabA = await t.signIn('vet');
    const tabB = createTestClient(t.baseUrl);
    tabB.setCookie(tabA.cookie());
    t.clock.advance(10 * MINUTE);
    await tabB.trpc.auth.sessions.query();
    expect((await tabA.trpc.auth.expiry.query()).idleRemainingMs).toBe(30 * MINUTE);
  });

  it('a batch that asks for the expiry with other calls counts as activity', async () => {
    const vet = await t.signIn('vet');
    t.clock.advance(10 * MINUTE);
    const batch = await rawTrpc(t.baseUrl, {
      type: 'query',
      paths: ['auth.expiry', 'auth.sessions'],
      inputs: [undefined, undefined],
      cookie: vet.cookie(),
    });
    expect(batch.calls.map((c) => c.ok)).toEqual([true, true]);
    expect(await lastSeenOf(vet)).toBe(t.clock.now().getTime());
  });

  it('is refused to a caller with no session', async () => {
    expect((await errorOf(createTestClient(t.baseUrl).trpc.auth.expiry.query())).code).toBe('UNAUTHORIZED');
  });
});

describe('auth.staySignedIn: "Stay signed in" on the warning', () => {
  it('restarts the idle clock, so the session outlives its original idle end', async () => {
    const vet = await t.signIn('vet');
    t.clock.advance(29 * MINUTE);
    // Even seconds after another call (last_seen_at is otherwise written at most once a minute).
    await vet.trpc.auth.sessions.query();
    t.clock.advance(10_000);
    const extended = await vet.trpc.auth.staySignedIn.mutate();
    expect(extended.idleRemainingMs).toBe(30 * MINUTE);
    expect(extended.absoluteRemainingMs).toBe(12 * HOUR - 29 * MINUTE - 10_000);
    expect(await lastSeenOf(vet)).toBe(t.clock.now().getTime());

    // 31 minutes after the last real activity before the first one, 29 after "stay": still signed in.
    t.clock.advance(29 * MINUTE);
    expect((await vet.trpc.auth.expiry.query()).idleRemainingMs).toBe(MINUTE);
    expect((await vet.trpc.auth.me.query()).user?.id).toBe(t.users.vet.id);
  });

  it('never reaches past the absolute end', async () => {
    const vet = await t.signIn('vet');
    for (let elapsed = 0; elapsed < 12 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
      t.clock.advance(20 * MINUTE);
      await vet.trpc.auth.staySignedIn.mutate();
    }
    const answer = await vet.trpc.auth.staySignedIn.mutate();
    expect(answer.idleRemainingMs).toBe(answer.absoluteRemainingMs);
    expect(answer.absoluteRemainingMs).toBeLessThan(30 * MINUTE);
  });

  it('cannot revive a session that has already ended', async () => {
    const vet = await t.signIn('vet');
    t.clock.advance(31 * MINUTE);
    expect((await errorOf(vet.trpc.auth.staySignedIn.mutate())).code).toBe('UNAUTHORIZED');
    expect(await lastSeenOf(vet)).toBeUndefined();
    expect((await errorOf(createTestClient(t.baseUrl).trpc.auth.staySignedIn.mutate())).code).toBe(
      'UNAUTHORIZED',
    );
  });
});

describe('a short idle timeout (browser tests)', () => {
  let short: TestApp;
  beforeAll(async () => {
    short = await startTestApp({ SESSION_IDLE_SECONDS: '20' });
  });
  afterAll(() => short?.close());

  it('ends an idle session after the configured seconds, and any call within them keeps it', async () => {
    const vet = await short.signIn('vet');
    expect((await vet.trpc.auth.expiry.query()).idleTimeoutMs).toBe(20_000);
    short.clock.advance(15_000);
    await vet.trpc.auth.sessions.query(); // written: the resolution scales down with the window
    short.clock.advance(15_000);
    expect((await vet.trpc.auth.expiry.query()).idleRemainingMs).toBe(5_000);
    short.clock.advance(5_000);
    expect((await errorOf(vet.trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
  });
});

describe('SESSION_IDLE_SECONDS', () => {
  it('overrides the minutes under NODE_ENV=test only', () => {
    expect(loadConfig({ NODE_ENV: 'test', SESSION_IDLE_SECONDS: '30' }).sessionIdleMs).toBe(30_000);
    expect(loadConfig({ NODE_ENV: 'test' }).sessionIdleMs).toBe(30 * MINUTE);
    for (const NODE_ENV of ['production', 'development', undefined]) {
      expect(() => loadConfig({ SESSION_IDLE_SECONDS: '30', ...(NODE_ENV ? { NODE_ENV } : {}) })).toThrow(
        /^Invalid configuration: SESSION_IDLE_SECONDS: only allowed when NODE_ENV=test/,
      );
    }
  });

  it.each(['0', '4', '3601', '1.5', 'abc', '-10'])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ NODE_ENV: 'test', SESSION_IDLE_SECONDS: value })).toThrow(
      /^Invalid configuration: SESSION_IDLE_SECONDS: /,
    );
  });
});
