/**
 * The tRPC route answers queries and mutations without tRPC's Fetch-based `resolveResponse` (json-calls.ts).
 * These tests hold its answers equal to tRPC's own Fastify adapter's, serving the same router and context on the
 * same database: status, body and headers, for answers, refusals and every request tRPC treats specially.
 */
import cookie from '@fastify/cookie';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import { currentDatabaseRoles } from '@vetflow/db';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { MAX_BATCH_SIZE } from '../src/server';
import { contextFactory, createContextInner, type ServerDeps } from '../src/trpc/context';
import { resolveJsonCalls } from '../src/trpc/json-calls';
import { appRouter } from '../src/trpc/root';
import { startTestApp, type TestApp } from './support/app';
import { createOwnerWithPet } from './support/fixtures';

let t: TestApp;
let reference: FastifyInstance;
const cookies = { vet: '', assistant: '' };
let patientId = '';
let deps: ServerDeps;

beforeAll(async () => {
  t = await startTestApp();
  const vet = await t.signIn('vet');
  const assistant = await t.signIn('assistant');
  cookies.vet = `vetflow_session=${vet.cookie()}`;
  cookies.assistant = `vetflow_session=${assistant.cookie()}`;
  patientId = (await createOwnerWithPet(assistant)).patient.id;
  // tRPC's own adapter on the same router, database, clock and configuration as the app under test.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    PORT: new URL(t.baseUrl).port,
  });
  const db = t.servedDb;
  deps = { config, db, dbRoles: await currentDatabaseRoles(db), clock: t.clock };
  // The router options as buildServer sets them (a batch's path is long).
  reference = Fastify({ logger: false, routerOptions: { maxParamLength: 5000 } });
  await reference.register(cookie);
  await reference.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory(deps),
      maxBatchSize: MAX_BATCH_SIZE,
    },
  });
  await reference.ready();
});
afterAll(async () => {
  await reference?.close();
  await t?.close();
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));
const batchInput = (...values: unknown[]) =>
  encodeURIComponent(JSON.stringify(Object.fromEntries(values.map((v, i) => [i, superjson.serialize(v)]))));

/**
 * What a client can observe of an answer; the request id (different per server) is left out, and a JSON
 * content type's explicit UTF-8 charset (Fastify's, on a string it sends) counts as the JSON default it is.
 */
async function observe(app: FastifyInstance, request: InjectOptions) {
  const response = await app.inject(request);
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type']).replace(
      /^application\/json; charset=utf-8$/,
      'application/json',
    ),
    vary: response.headers.vary,
    allow: response.headers.allow,
    body: response.body.replace(/"requestId":"[^"]*"/g, '"requestId":"…"'),
  };
}

async function expectSameAnswer(request: () => InjectOptions) {
  const ours = await observe(t.app, request());
  const theirs = await observe(reference, request());
  expect(ours).toEqual(theirs);
  return ours;
}

const get =
  (url: string, who: keyof typeof cookies | null = 'vet', headers: Record<string, string> = {}) =>
  (): InjectOptions => ({
    method: 'GET',
    url,
    headers: { ...(who ? { cookie: cookies[who] } : {}), ...headers },
  });
const post =
  (url: string, body: unknown, who: keyof typeof cookies | null = 'assistant', withOrigin = true) =>
  (): InjectOptions => ({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      ...(who ? { cookie: cookies[who] } : {}),
      ...(withOrigin ? { origin: t.baseUrl } : {}),
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the same answers as tRPC’s own adapter', () => {
  it('a query, a batch, and a public call', async () => {
    const one = await expectSameAnswer(get(`/trpc/patients.get?input=${input({ id: patientId })}`));
    expect(one.status).toBe(200);
    expect(JSON.parse(one.body).result.data.json.id).toBe(patientId);
    const chart = await expectSameAnswer(
      get(
        `/trpc/patients.get,medicalRecords.listForPatient?batch=1&input=${batchInput({ id: patientId }, { patientId })}`,
      ),
    );
    expect(chart.status).toBe(200);
    expect(JSON.parse(chart.body)).toHaveLength(2);
    expect((await expectSameAnswer(get('/trpc/auth.me', null))).status).toBe(200);
  });

  it('refusals: signed out, bad input, unreadable input, a batch input that is not an object', async () => {
    expect(
      (await expectSameAnswer(get(`/trpc/patients.get?input=${input({ id: patientId })}`, null))).status,
    ).toBe(401);
    const bad = await expectSameAnswer(get(`/trpc/patients.get?input=${input({ id: 'not-an-id' })}`));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('"id"');
    expect((await expectSameAnswer(get('/trpc/patients.get?input=%7Bnot%20json'))).status).toBe(400);
    expect((await expectSameAnswer(get('/trpc/patients.get?batch=1&input=%5B1%5D'))).status).toBe(400);
  });

  it('a batch where one call fails answers 207 with each call’s own result', async () => {
    const mixed = await expectSameAnswer(
      get(`/trpc/patients.get,no.such.procedure?batch=1&input=${batchInput({ id: patientId }, {})}`),
    );
    expect(mixed.status).toBe(207);
    expect(JSON.parse(mixed.body)[1].error.json.data.code).toBe('NOT_FOUND');
    expect((await expectSameAnswer(get('/trpc/no.such.procedure'))).status).toBe(404);
  });

  it('the wrong method: a mutation by GET, a query by POST (with the Allow header)', async () => {
    const byGet = await expectSameAnswer(get('/trpc/owners.create'));
    expect([byGet.status, byGet.allow]).toEqual([405, 'POST']);
    const byPost = await expectSameAnswer(post('/trpc/patients.get', superjson.serialize({ id: patientId })));
    expect([byPost.status, byPost.allow]).toEqual([405, 'GET']);
  });

  it('mutations refused: cross-site, by role, by validation naming the field', async () => {
    const owner = { firstName: 'Ann', lastName: 'Lee', phone: '+1 555 123 4567' };
    const crossSite = await expectSameAnswer(
      post('/trpc/owners.create', superjson.serialize(owner), 'assistant', false),
    );
    expect(crossSite.status).toBe(403);
    const byRole = await expectSameAnswer(
      post('/trpc/users.setActive', superjson.serialize({ id: patientId, isActive: false })),
    );
    expect(byRole.status).toBe(403);
    const invalid = await expectSameAnswer(
      post('/trpc/owners.create', superjson.serialize({ ...owner, lastName: '' })),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('lastName');
  });

  it('a mutation that succeeds answers alike (the new record’s own id and times aside)', async () => {
    const create = (firstName: string) =>
      post(
        '/trpc/owners.create',
        superjson.serialize({ firstName, lastName: 'Parity', phone: '+1 555 000 1111' }),
      );
    const ours = await t.app.inject(create('Ours')());
    const theirs = await reference.inject(create('Theirs')());
    expect(ours.statusCode).toBe(200);
    expect(theirs.statusCode).toBe(200);
    const shape = (body: string) => {
      const { result } = JSON.parse(body);
      return { keys: Object.keys(result.data.json).sort(), meta: result.data.meta };
    };
    expect(shape(ours.body)).toEqual(shape(theirs.body));
    expect(JSON.parse(ours.body).result.data.json.firstName).toBe('Ours');
  });

  it('what tRPC answers itself: mixed procedure types, a batch over the limit, a streamed batch, HEAD', async () => {
    const mixedTypes = await expectSameAnswer(
      post('/trpc/patients.get,owners.create?batch=1', { 0: superjson.serialize({ id: patientId }) }),
    );
    expect(mixedTypes.status).toBe(400);
    const tooMany = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => 'auth.me').join(',');
    expect((await expectSameAnswer(get(`/trpc/${tooMany}?batch=1`))).status).toBe(400);
    const streamed = await expectSameAnswer(
      get(`/trpc/patients.get?batch=1&input=${batchInput({ id: patientId })}`, 'vet', {
        'trpc-accept': 'application/jsonl',
      }),
    );
    expect(streamed.status).toBe(200);
    expect(streamed.body).toContain(patientId);
    const head = await t.app.inject({ method: 'HEAD', url: '/trpc/auth.me' });
    expect(head.statusCode).toBe(
      (await reference.inject({ method: 'HEAD', url: '/trpc/auth.me' })).statusCode,
    );
  });
});

describe('which requests it answers itself', () => {
  const call = (request: Partial<Parameters<typeof resolveJsonCalls>[0]>) =>
    resolveJsonCalls({
      router: appRouter,
      method: 'GET',
      path: 'auth.me',
      query: '',
      headers: {},
      body: undefined,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async () => createContextInner(deps),
      ...request,
    });

  it('queries and mutations in JSON, single or batched', async () => {
    expect(await call({})).toMatchObject({
      status: 200,
      body: '{"result":{"data":{"json":{"user":null,"sessionExpired":false}}}}',
    });
    expect(await call({ path: 'auth.me,auth.me', query: 'batch=1' })).toMatchObject({ status: 200 });
    const mutation = await call({
      method: 'POST',
      path: 'auth.logout',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '',
    });
    expect(mutation?.status).toBe(403); // no Origin: refused as cross-site, by the procedure's own guard
  });

  it('leaves to tRPC: subscriptions, streamed batches, forms, HEAD, and what it refuses before any call', async () => {
    expect(await call({ path: 'live.changes' })).toBeNull();
    expect(await call({ query: 'batch=1', headers: { 'trpc-accept': 'application/jsonl' } })).toBeNull();
    expect(await call({ headers: { accept: 'text/html, application/jsonl' } })).toBeNull();
    expect(
      await call({ method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' } }),
    ).toBeNull();
    expect(await call({ method: 'HEAD' })).toBeNull();
    expect(await call({ path: '%E0%A4%A' })).toBeNull();
    expect(await call({ path: 'auth.me,auth.logout', query: 'batch=1' })).toBeNull();
  });
});

describe('the context procedures get', () => {
  it('carries every server dependency (createContextInner writes them out one by one)', () => {
    const full: Required<ServerDeps> = { ...deps, auditIntegrity: {} as never, live: {} as never };
    const ctx = createContextInner(full) as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(full)) expect(ctx[key], key).toBe(value);
  });
});
