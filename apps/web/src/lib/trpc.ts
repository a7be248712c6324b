import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@vetflow/api';
import superjson from 'superjson';
import { isConnectionProblem, reportCallOutcome } from './connection';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      transformer: superjson,
      // The server refuses batches of more than 20 calls (MAX_BATCH_SIZE in apps/api).
      maxItems: 20,
    }),
  ],
});

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** The app registers what to do when the session ends under it (expired, revoked): back to sign-in. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null) {
  onUnauthorized = handler;
}

const isUnauthorized = (error: unknown) =>
  error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      reportCallOutcome(error);
      if (isUnauthorized(error)) onUnauthorized?.();
    },
    onSuccess: () => reportCallOutcome(null),
  }),
  mutationCache: new MutationCache({
    onSuccess: () => reportCallOutcome(null),
    onError: (error, _variables, _context, mutation) => {
      reportCallOutcome(error);
      // A refused sign-in is a wrong password, not an ended session.
      const key = mutation.options.mutationKey;
      const isLogin = Array.isArray(key) && JSON.stringify(key).includes('"login"');
      if (!isLogin && isUnauthorized(error)) onUnauthorized?.();
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (failureCount, error) => {
        // The server or its database is out of reach: keep the screen as it is (its data, or loading) and ask
        // again until it is back, under the one "reconnecting" banner, instead of an error on every screen.
        if (isConnectionProblem(error)) {
          reportCallOutcome(error);
          return true;
        }
        // A refusal (signed out, forbidden, not found, bad input) will not get better by asking again.
        if (
          error instanceof TRPCClientError &&
          typeof error.data?.httpStatus === 'number' &&
          error.data.httpStatus < 500
        ) {
          return false;
        }
        return failureCount < 2;
      },
      retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 3000),
    },
  },
});

/** Typed query/mutation option factories for every procedure, usable in components and route loaders. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
