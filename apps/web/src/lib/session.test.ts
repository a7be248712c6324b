import { describe, expect, it } from 'vitest';
import { forgetSession, meQuery } from './session';
import { createApi } from './trpc';

describe('forgetting the session', () => {
  it('keeps only who is signed in (nobody, and whether the session expired) and drops every other answer', () => {
    const { queryClient, trpc } = createApi({ onUnauthorized: () => undefined });
    const user = {
      id: 'u1',
      username: 'vet',
      fullName: 'A Vet',
      email: 'vet@example.com',
      role: 'veterinarian',
    };
    queryClient.setQueryData(meQuery(trpc).queryKey, { user, sessionExpired: false } as never);
    queryClient.setQueryData(trpc.auth.sessions.queryKey(), []);
    queryClient.setQueryData(trpc.owners.get.queryKey({ id: 'o1' }), { id: 'o1' } as never);
    // An input that mentions "me" is not the signed-in user.
    queryClient.setQueryData(trpc.patients.list.queryKey({ search: 'me' }), { items: [] } as never);

    forgetSession({ queryClient, trpc }, true);

    const left = queryClient.getQueryCache().getAll();
    expect(left.map((q) => q.queryKey)).toEqual([meQuery(trpc).queryKey]);
    expect(queryClient.getQueryData(meQuery(trpc).queryKey)).toEqual({ user: null, sessionExpired: true });
  });
});
