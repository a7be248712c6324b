import { MutationCache, matchMutation, QueryCache, QueryClient } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  TRPCClientError,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext, createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@vetflow/api';
import superjson from 'superjson';
import { activityHeaders } from './activity';
import { isConnectionProblem, reportCallOutcome } from './connection';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Typed query/mutation options, keys and filters for every procedure. */
export type TRPCOptions = TRPCOptionsProxy<AppRouter>;

/**
 * The React side of tRPC: main.tsx mounts `TRPCProvider`; components take the options with `useTRPC()` (and the
 * query client with `useQueryClient()`). Route loaders take both from the router context instead.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The query client and the tRPC options: the router context holds both; components take them from hooks. */
export interface Api {
  queryClient: QueryClient;
  trpc: TRPCOptions;
}

/**
 * `meta` of a query sent beside the first session check, before it is known whether anyone is signed in: its
 * UNAUTHORIZED is not a session that ended under the user.
 */
export const SENT_BEFORE_SESSION_CHECK = 'sentBeforeSessionCheck';

const isUnauthorized = (error: unknown) =>
  error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';

/**
 * The browser's tRPC client, its query client and the options for route loaders, made once by main.tsx.
 * Every call's outcome feeds the reconnecting banner; `onUnauthorized` runs when the session ends under the
 * user (expired, revoked).
 */
export function createApi({ onUnauthorized }: { onUnauthorized: () => void }): Api & {
  trpcClient: TRPCClient<AppRouter>;
} {
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Live updates (lib/live.ts) over server-sent events: the browser's EventSource sends the session cookie
        // (same origin) and reconnects with the last event id it received.
        true: httpSubscriptionLink({ url: '/trpc', transformer: superjson }),
        false: httpBatchLink({
          url: '/trpc',
          transformer: superjson,
          // The server refuses batches of more than 20 calls (MAX_BATCH_SIZE in apps/api).
          maxItems: 20,
          headers: () => activityHeaders(),
        }),
      }),
    ],
  });

  const queryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        reportCallOutcome(error);
        // A query sent with the first session check (main.tsx) may be refused before anyone signed in: the route
        // guard decides where a signed-out visitor goes, not this.
        if (isUnauthorized(error) && !query.meta?.[SENT_BEFORE_SESSION_CHECK]) onUnauthorized();
      },
      onSuccess: () => reportCallOutcome(null),
    }),
    mutationCache: new MutationCache({
      onSuccess: () => reportCallOutcome(null),
      onError: (error, _variables, _context, mutation) => {
        reportCallOutcome(error);
        // A refused sign-in is a wrong password, not an ended session.
        const isSignIn = matchMutation({ mutationKey: trpc.auth.login.mutationKey(), exact: true }, mutation);
        if (!isSignIn && isUnauthorized(error)) onUnauthorized();
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

  // The same options TRPCProvider gives components, for code outside React (route loaders, the caches above).
  const trpc: TRPCOptions = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

  return { trpcClient, queryClient, trpc };
}
