import { request } from 'node:http';
import { owners } from '@vetflow/schema';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';

/** A raw HTTP POST with headers fetch would not let us forge (Host). */
function post(baseUrl: string, path: string, headers: Record<string, string>, body: unknown) {
  const url = new URL(path, baseUrl);
  return new Promise<{ status: number; setCookie: string[]; body: string }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const signIn = { json: { username: 'vet', password: TEST_PASSWORD } };

describe('CSRF: the public origin comes from configuration, never from the Host header', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('refuses Origin: http://evil.example even when the Host header says evil.example', async () => {
    const response = await post(
      t.baseUrl,
      '/trpc/auth.login',
      { host: 'evil.example', origin: 'http://evil.example' },
      signIn,
    );
    expect(response.status).toBe(403);
    expect(response.body).toContain('Cross-site request refused');
    expect(response.setCookie.some((l) => l.startsWith('vetflow_session='))).toBe(false);

    // Nor a signed-in user's mutation, with the session cookie a forged page would ride on.
    const session = await post(t.baseUrl, '/trpc/auth.login', { origin: t.baseUrl }, signIn);
    const cookie = session.setCookie.map((l) => l.split(';')[0]).join('; ');
    const [before] = await t.db.select({ n: count() }).from(owners);
    const create = await post(
      t.baseUrl,
      '/trpc/owners.create',
      { host: 'evil.example:80', origin: 'http://evil.example:80', cookie },
      { json: { firstName: 'Eve', lastName: 'Il', phone: '+1 555 000 1111' } },
    );
    expect(create.status).toBe(403);
    expect(await t.db.select({ n: count() }).from(owners)).toEqual([before]);
  });

  it('accepts the configured origin whatever the Host header (a reverse proxy in front)', async () => {
    const response = await post(
      t.baseUrl,
      '/trpc/auth.login',
      { host: 'internal:1234', origin: t.baseUrl },
      signIn,
    );
    expect(response.status).toBe(200);
  });

  it('does not trust the Vite dev origin unless the dev script says so', async () => {
    const response = await post(t.baseUrl, '/trpc/auth.login', { origin: 'http://localhost:5173' }, signIn);
    expect(response.status).toBe(403);
  });
});

describe('a configured PUBLIC_ORIGIN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_ORIGIN: 'https://vetflow.example.com/' });
  });
  afterAll(() => t?.close());

  it('is the one origin accepted: the loopback defaults are gone', async () => {
    const ok = await post(t.baseUrl, '/trpc/auth.login', { origin: 'https://vetflow.example.com' }, signIn);
    expect(ok.status).toBe(200);
    for (const origin of [
      t.baseUrl,
      'http://vetflow.example.com',
      'https://vetflow.example.com.evil.example',
    ]) {
      const refused = await post(
        t.baseUrl,
        '/trpc/auth.login',
        { origin, host: 'vetflow.example.com' },
        signIn,
      );
      expect({ origin, status: refused.status }).toEqual({ origin, status: 403 });
    }
  });
});

describe('origin configuration', () => {
  it('defaults to http://localhost:$PORT (and its 127.0.0.1 alias) with nothing configured', () => {
    const config = loadConfig({ PORT: '4321' });
    expect(config.publicOrigin).toBe('http://localhost:4321');
    expect(config.trustedOrigins).toEqual(['http://localhost:4321', 'http://127.0.0.1:4321']);
  });

  it('takes PUBLIC_ORIGIN as an origin, with TRUSTED_ORIGINS as extras', () => {
    const config = loadConfig({
      PUBLIC_ORIGIN: 'https://vetflow.example.com/',
      TRUSTED_ORIGINS: 'https://admin.example.com',
    });
    expect(config.publicOrigin).toBe('https://vetflow.example.com');
    expect(config.trustedOrigins).toEqual(['https://vetflow.example.com', 'https://admin.example.com']);
  });

  it('refuses a PUBLIC_ORIGIN that is not an http(s) URL', () => {
    for (const value of ['vetflow.example.com', 'ftp://vetflow.example.com', 'javascript:alert(1)']) {
      expect(() => loadConfig({ PUBLIC_ORIGIN: value })).toThrow(ConfigError);
      expect(() => loadConfig({ PUBLIC_ORIGIN: value })).toThrow(/PUBLIC_ORIGIN/);
    }
  });

  it('trusts the Vite dev origin only under `pnpm dev` (VETFLOW_DEV), never in production', () => {
    expect(loadConfig({}).trustedOrigins).not.toContain('http://localhost:5173');
    expect(loadConfig({ NODE_ENV: 'development' }).trustedOrigins).not.toContain('http://localhost:5173');
    expect(loadConfig({ VETFLOW_DEV: '1' }).trustedOrigins).toContain('http://localhost:5173');
    expect(loadConfig({ VETFLOW_DEV: '1', NODE_ENV: 'production' }).trustedOrigins).not.toContain(
      'http://localhost:5173',
    );
  });
});
