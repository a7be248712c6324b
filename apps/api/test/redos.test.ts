/**
 * A validator must not freeze the server. A 64 KB email in owners.create or auth.updateProfile used to block the
 * event loop for about 6 s (the email pattern backtracked quadratically, and zod ran it after the length check had
 * already failed); a 1 MB body, many minutes. Now every length is bounded before any pattern runs: the answer is
 * a quick 400 naming the field, and the server keeps serving meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { trpcCall } from './support/raw-trpc';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await startTestApp();
  cookie = (await t.signIn('assistant')).cookie()!;
});
afterAll(() => t.close());

/** The slowest input for the old pattern: a long domain without a dot after the @. */
const hostileEmail = (length: number) => `a@${'a'.repeat(length)}`;

// Fastify refuses bodies over 1 MiB: the largest email that still reaches the validator.
const ONE_MB = 1024 * 1024 - 512;

async function post(path: string, input: Record<string, unknown>) {
  const started = performance.now();
  const response = await trpcCall(t.baseUrl, path, input, { type: 'mutation', cookie });
  return { status: response.status, ms: performance.now() - started, text: response.text };
}

const calls: [name: string, path: string, input: (email: string) => Record<string, unknown>][] = [
  [
    'owners.create',
    'owners.create',
    (email) => ({ firstName: 'Eve', lastName: 'Attacker', phone: '+1 555 010 2030', email }),
  ],
  ['auth.updateProfile', 'auth.updateProfile', (email) => ({ updatedAt: new Date(), email })],
];

describe('an over-long email is refused at once', () => {
  for (const [name, path, input] of calls) {
    for (const [size, length] of [
      ['64 KB', 64 * 1024],
      ['1 MB', ONE_MB],
    ] as const) {
      it(`${name}: a ${size} email answers 400 naming the field in well under a second`, async () => {
        const result = await post(path, input(hostileEmail(length)));
        expect(result.status, result.text.slice(0, 300)).toBe(400);
        const body = JSON.parse(result.text) as { error: { json: { data: { issues: { path: string }[] } } } };
        expect(body.error.json.data.issues.map((issue) => issue.path)).toContain('email');
        expect(result.ms).toBeLessThan(500);
      });
    }
  }

  it('the server keeps answering health checks while hostile emails arrive', async () => {
    const attacks = Array.from({ length: 4 }, () =>
      post('owners.create', calls[0]![2](hostileEmail(64 * 1024))),
    );
    const started = performance.now();
    const health = await fetch(`${t.baseUrl}/health`);
    const healthMs = performance.now() - started;
    const results = await Promise.all(attacks);
    expect(health.status).toBeLessThan(500);
    expect(healthMs).toBeLessThan(1500);
    expect(results.map((r) => r.status)).toEqual([400, 400, 400, 400]);
  });
});
