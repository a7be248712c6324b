import type { TRPCClientError } from '@trpc/client';
import type { inferProcedureOutput } from '@trpc/server';
import type { AppRouter } from '../../src/trpc/root';
import type { TestClient } from './client';

/** One event as the client receives it: `tracked()` gives it an id. */
export type LiveFrame =
  inferProcedureOutput<AppRouter['live']['changes']> extends AsyncIterable<infer T> ? T : never;

/**
 * Opens `live.changes` as `client` and records what arrives: every frame, the error that ended it, and whether
 * it completed. `waitFor` resolves with the first frame matching, or fails after `ms`.
 */
export function openLive(client: TestClient, input?: { lastEventId?: string | null }) {
  const frames: LiveFrame[] = [];
  const waiters = new Set<() => void>();
  const state = { error: null as TRPCClientError<AppRouter> | null, started: false, completed: false };
  const notify = () => {
    for (const wake of waiters) wake();
  };
  const stream: { unsubscribe(): void } = client.trpc.live.changes.subscribe(input, {
    onStarted: () => {
      state.started = true;
      notify();
    },
    onData: (frame: LiveFrame) => {
      frames.push(frame);
      notify();
    },
    onError: (error) => {
      state.error = error as TRPCClientError<AppRouter>;
      notify();
    },
    onComplete: () => {
      state.completed = true;
      notify();
    },
  });
  const until = <T>(check: () => T | undefined, ms: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const wake = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; got ${JSON.stringify(frames)}`));
      }, ms);
      waiters.add(wake);
      wake();
    });
  return {
    frames,
    state,
    waitFor: (match: (frame: LiveFrame) => boolean, ms = 2000, what = 'a matching event') =>
      until(() => frames.find(match), ms, what),
    /** Resolves with the error that ended the stream (its tRPC code). */
    ended: (ms = 5000) =>
      until(
        () =>
          (state.error ? (state.error.data?.code ?? state.error.message) : undefined) as string | undefined,
        ms,
        'the stream to end with an error',
      ),
    /** Resolves once the first event or the ending error has arrived. */
    settled: (ms = 5000) =>
      until(() => (frames.length || state.error ? true : undefined), ms, 'the first event or an error'),
    close: () => stream.unsubscribe(),
  };
}

export type LiveStream = ReturnType<typeof openLive>;

export const isChange = (table: string, id: string) => (frame: LiveFrame) =>
  frame.data.type === 'change' && frame.data.change.table === table && frame.data.change.id === id;
