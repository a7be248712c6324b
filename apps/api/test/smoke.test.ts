import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('server', () => {
  it('answers /health from the database', async () => {
    const response = await fetch(`${t.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('signs in and creates an owner attributed to the caller', async () => {
    const vet = await t.signIn('vet');
    const owner = await vet.trpc.owners.create.mutate({ firstName: 'Ann', lastName: 'Lee', phone: '+1 555 123 4567' });
    expect(owner.firstName).toBe('Ann');
  });
});
