import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestDb } from '@vetflow/db/testing';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { securityHeaders } from '../src/security-headers';
import { buildServer } from '../src/server';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('configuration', () => {
  it('a bad value stops start-up with one line naming it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT: /);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('production forces Secure cookies and drops the dev-server origins', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.cookieSecure).toBe(true);
    expect(config.trustedOrigins).not.toContain('http://localhost:5173');
    // Vite's origin only under `pnpm dev` (VETFLOW_DEV), not merely because NODE_ENV is unset.
    expect(loadConfig({ VETFLOW_DEV: '1' }).trustedOrigins).toContain('http://localhost:5173');
  });
});

describe('HTTP surface', () => {
  it('sends security headers with a CSP', async () => {
    const response = await fetch(`${t.baseUrl}/health`);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sets exactly helmet's headers, worked out once, on every kind of answer", async () => {
    const options = {
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], objectSrc: ["'none'"] } },
      hsts: true,
    };
    // What helmet itself sets on a real response.
    const real = new ServerResponse(new IncomingMessage(new Socket()));
    helmet(options)(real.req, real, () => {});
    const expected = Object.fromEntries(Object.entries(real.getHeaders()).map(([k, v]) => [k, String(v)]));
    expect(securityHeaders(options)).toEqual(expected);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    // A per-request directive (a nonce) would be frozen at its first value: refused.
    const nonce = () => `'nonce-${Math.random()}'`;
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", nonce] } } }),
    ).toThrow(/per request/);

    // The server's own: on an answer, a tRPC refusal, a 404, a static file and the SPA's shell alike.
    const dist = mkdtempSync(join(tmpdir(), 'vetflow-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>VetFlow</title>');
    writeFileSync(join(dist, 'assets', 'app-a1.js'), 'export {}');
    const config = { ...loadConfig({ NODE_ENV: 'test' }), webDistDir: dist };
    const app = await buildServer({ config, db: t.db, logger: false });
    const ours = securityHeaders({
      contentSecurityPolicy: { directives: {} },
      hsts: config.cookieSecure,
    });
    for (const request of [
      { url: '/health' },
      { url: '/trpc/patients.get' },
      { url: '/nowhere' },
      { url: '/assets/app-a1.js' },
      { url: '/owners/123', headers: { accept: 'text/html' } },
    ]) {
      const response = await app.inject(request);
      for (const name of Object.keys(ours).filter((n) => n !== 'content-security-policy')) {
        expect(response.headers[name], `${name} on ${request.url}`).toBe(ours[name]);
      }
      expect(response.headers['content-security-policy']).toMatch(
        /default-src 'self'.*frame-ancestors 'none'/,
      );
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    await app.close();
  });

  it('refuses a batch larger than the limit', async () => {
    const paths = Array.from({ length: 21 }, () => 'auth.me').join(',');
    const input = encodeURIComponent(JSON.stringify({}));
    const response = await fetch(`${t.baseUrl}/trpc/${paths}?batch=1&input=${input}`);
    expect(response.status).toBe(400);
  });

  it('/health answers 503 while the database is unreachable', async () => {
    const handle = await createTestDb();
    const app = await buildServer({ config: loadConfig({ NODE_ENV: 'test' }), db: handle.db, logger: false });
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    await handle.close();
    const down = await app.inject({ url: '/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    await app.close();
  });

  it('serves the SPA with a fallback to index.html for client routes, but not for API paths', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'vetflow-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>VetFlow</title>');
    const app = await buildServer({
      config: { ...loadConfig({ NODE_ENV: 'test' }), webDistDir: dist },
      db: t.db,
      logger: false,
    });
    const page = await app.inject({ url: '/owners/123', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>VetFlow</title>');
    expect((await app.inject({ url: '/trpc/nope', headers: { accept: 'text/html' } })).statusCode).toBe(404);
    await app.close();
  });

  it("names the signed-in shell's chunks (and Today's on Today) for a load with a session cookie, not for sign-in", async () => {
    const dist = mkdtempSync(join(tmpdir(), 'vetflow-dist-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, '.vite'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>VetFlow</title>');
    writeFileSync(join(dist, 'assets', 'AppLayout-a1.js'), 'export {}');
    // The shape Vite writes: keys are source paths (or `_name` for a shared chunk), imports name other keys.
    const manifest = {
      'index.html': { file: 'assets/index-e1.js', isEntry: true, imports: ['_runtime-r1.js'] },
      '_runtime-r1.js': { file: 'assets/runtime-r1.js' },
      '_shared-s1.js': { file: 'assets/shared-s1.js', imports: ['index.html', '_runtime-r1.js'] },
      'src/features/layout/AppLayout.tsx': {
        file: 'assets/AppLayout-a1.js',
        isDynamicEntry: true,
        imports: ['index.html', '_shared-s1.js'],
        css: ['assets/AppLayout-a1.css'],
      },
      'src/features/today/TodayPage.tsx': {
        file: 'assets/TodayPage-t1.js',
        isDynamicEntry: true,
        imports: ['index.html', '_shared-s1.js'],
      },
      'src/features/owners/OwnersPage.tsx': { file: 'assets/OwnersPage-o1.js', isDynamicEntry: true },
    };
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
    const app = await buildServer({
      config: { ...loadConfig({ NODE_ENV: 'test' }), webDistDir: dist },
      db: t.db,
      logger: false,
    });
    const links = async (url: string, cookie?: string) => {
      const res = await app.inject({ url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
      expect(res.statusCode).toBe(200);
      const link = res.headers.link;
      return Array.isArray(link) ? link.join(', ') : link;
    };
    const session = 'theme=dark; vetflow_session=abcdefghijklmnopqrstuvwxyz234567';
    const shell = [
      '</assets/AppLayout-a1.js>; rel=modulepreload',
      '</assets/AppLayout-a1.css>; rel=preload; as=style',
      '</assets/shared-s1.js>; rel=modulepreload',
      '</assets/runtime-r1.js>; rel=modulepreload',
    ];
    expect((await links('/today?view=mine', session))?.split(', ').sort()).toEqual(
      [...shell, '</assets/TodayPage-t1.js>; rel=modulepreload'].sort(),
    );
    expect((await links('/', session))?.split(', ').sort()).toEqual(
      [...shell, '</assets/TodayPage-t1.js>; rel=modulepreload'].sort(),
    );
    // Another screen: the shell only (its page's chunk is the router's to ask for).
    expect((await links('/owners/123', session))?.split(', ').sort()).toEqual([...shell].sort());
    // No session, an empty one, or the sign-in page: nothing to preload.
    expect(await links('/today')).toBeUndefined();
    expect(await links('/today', 'vetflow_session=')).toBeUndefined();
    expect(await links('/today', 'not_vetflow_session=abc')).toBeUndefined();
    expect(await links('/login?redirect=%2Ftoday', session)).toBeUndefined();
    // Only the shell carries them: not an asset, not the API.
    const asset = await app.inject({ url: '/assets/AppLayout-a1.js', headers: { cookie: session } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers.link).toBeUndefined();
    const api = await app.inject({ url: '/trpc/auth.me', headers: { cookie: session } });
    expect(api.headers.link).toBeUndefined();
    await app.close();
  });

  it("sends the build's brotli or gzip copy as asked, hashed assets cached for a year and the shell never", async () => {
    // A build that itself lies below a folder named "assets": only its own assets/ is cached for good.
    const dist = join(mkdtempSync(join(tmpdir(), 'vetflow-')), 'assets', 'dist');
    mkdirSync(dist, { recursive: true });
    const shell = '<!doctype html><title>VetFlow</title>';
    const script = 'console.log("VetFlow");'.repeat(50);
    mkdirSync(join(dist, 'assets'));
    for (const [name, body] of [
      ['index.html', shell],
      ['assets/index-AbC123.js', script],
    ] as const) {
      writeFileSync(join(dist, name), body);
      writeFileSync(join(dist, `${name}.br`), brotliCompressSync(body));
      writeFileSync(join(dist, `${name}.gz`), gzipSync(body));
    }
    const app = await buildServer({
      config: { ...loadConfig({ NODE_ENV: 'test' }), webDistDir: dist },
      db: t.db,
      logger: false,
    });
    const asset = (encoding?: string) =>
      app.inject({
        url: '/assets/index-AbC123.js',
        headers: encoding ? { 'accept-encoding': encoding } : {},
      });
    const br = await asset('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const gz = await asset('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await asset();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    // The shell, at / and as a client route's fallback: compressed too, never cached.
    for (const [url, accept] of [
      ['/', '*/*'],
      ['/today', 'text/html'],
    ]) {
      const page = await app.inject({ url, headers: { accept, 'accept-encoding': 'br' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(page.rawPayload).toString()).toBe(shell);
      expect(page.headers['cache-control']).toBe('no-store');
    }
    await app.close();
  });
});

describe('logs', () => {
  it('never contain the password or the session token', async () => {
    const lines: string[] = [];
    const app = await buildServer({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'trace' }),
      db: t.db,
      logger: { stream: { write: (line: string) => void lines.push(line) } },
    });
    const login = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' },
      payload: { json: { username: 'vet', password: TEST_PASSWORD } },
    });
    expect(login.statusCode).toBe(200);
    const token = /vetflow_session=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1];
    expect(token).toBeTruthy();
    await app.inject({ url: '/trpc/auth.me', headers: { cookie: `vetflow_session=${token}` } });
    await app.close();
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain(token);
  });
});
