import { MutationObserver } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createApi } from './trpc';

const unauthorized = () =>
  TRPCClientError.from({
    error: { message: 'Not signed in', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } },
  } as never);

function apiCountingEndedSessions() {
  const ended = { count: 0 };
  const api = createApi({ onUnauthorized: () => ended.count++ });
  return { ...api, ended };
}

describe('the query client: a session that ends under the user', () => {
  it('is reported by a query refused as UNAUTHORIZED', async () => {
    const { queryClient, trpc, ended } = apiCountingEndedSessions();
    await queryClient
      .fetchQuery({ queryKey: trpc.auth.sessions.queryKey(), queryFn: () => Promise.reject(unauthorized()) })
      .catch(() => undefined);
    expect(ended.count).toBe(1);
  });

  it('is reported by a mutation refused as UNAUTHORIZED, but not by a refused sign-in (a wrong password)', async () => {
    const { queryClient, trpc, ended } = apiCountingEndedSessions();
    const refused = (mutationKey: readonly unknown[]) =>
      new MutationObserver(queryClient, { mutationKey, mutationFn: () => Promise.reject(unauthorized()) })
        .mutate()
        .catch(() => undefined);
    await refused(trpc.auth.login.mutationKey());
    expect(ended.count).toBe(0);
    await refused(trpc.auth.changePassword.mutationKey());
    expect(ended.count).toBe(1);
  });
});
