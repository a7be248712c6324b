import { TRPCClientError } from '@trpc/client';
import { useSyncExternalStore } from 'react';

/**
 * A call that got no answer at all (network down, server restarting): tRPC's error carries no refusal, and its
 * cause is the failed fetch's TypeError.
 */
export const isUnanswered = (error: unknown): boolean =>
  error instanceof TRPCClientError && !error.data && error.cause instanceof TypeError;

/**
 * Whether the server (or its database) is out of reach right now: a 503 from the API, or no HTTP answer at
 * all (a fetch that failed). The app then shows one "reconnecting" banner instead of an error per call.
 */
export function isConnectionProblem(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return status === 503 || isUnanswered(error);
}

let reconnecting = false;
const listeners = new Set<() => void>();

/** Called with every call's outcome (from the query client's caches): a problem raises the flag, a success clears it. */
export function reportCallOutcome(error: unknown | null) {
  const next = error !== null && isConnectionProblem(error);
  // Another error (a refusal) says the server is answering: the connection is back.
  if (next === reconnecting) return;
  reconnecting = next;
  for (const listener of listeners) listener();
}

export const isReconnecting = () => reconnecting;

/** React hook: true while calls fail for want of the server or its database. */
export function useReconnecting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isReconnecting,
    isReconnecting,
  );
}
