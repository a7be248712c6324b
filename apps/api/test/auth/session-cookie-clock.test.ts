import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { trpcCall } from '../support/raw-trpc';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/**
 * The session cookie's lifetime is a duration (Max-Age), which browsers count on their own clock and prefer to
 * Expires: a server clock that disagrees with the browser's (here 400 days behind, as the browser tests run it)
 * still gives the browser a cookie that lives as long as the session.
 */
describe('the session cookie when the server clock and the browser clock disagree', () => {
  it('carries Max-Age equal to the session lifetime, whatever the server clock says', async () => {
    t.clock.advance(-400 * 24 * 3_600_000);
    const response = await trpcCall(t.baseUrl, 'auth.login', {
      username: 'assistant',
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(200);
    const line = response.headers.getSetCookie().find((l) => l.startsWith('vetflow_session='));
    const attributes = line!.split(';').map((s) => s.trim());
    expect(attributes).toContain(`Max-Age=${12 * 3600}`);

    // And the session is good for the server, on its own clock.
    const token = /^vetflow_session=([^;]+)/.exec(line!)![1];
    const me = await trpcCall(t.baseUrl, 'auth.me', undefined, { cookie: token, origin: null });
    const body = JSON.parse(me.text) as { result: { data: { json: { user: { username: string } | null } } } };
    expect(body.result.data.json.user?.username).toBe('assistant');
  });
});
