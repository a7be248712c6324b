import { matchQuery, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { flushDrafts } from './drafts/pending';
import { type Api, type RouterOutputs, type TRPCOptions, useTRPC } from './trpc';

export type Me = RouterOutputs['auth']['me'];
export type SessionUser = NonNullable<Me['user']>;

export const meQuery = (trpc: TRPCOptions) => trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 });

/** Who is signed in (fetched once, kept fresh); null when nobody is. */
export async function loadMe({ queryClient, trpc }: Api): Promise<Me> {
  return queryClient.ensureQueryData(meQuery(trpc));
}

export function setSignedOut({ queryClient, trpc }: Api, expired: boolean) {
  queryClient.setQueryData(meQuery(trpc).queryKey, { user: null, sessionExpired: expired });
}

/** Signed out (or the session ended): nobody is signed in, and every answer fetched for that user is dropped. */
export function forgetSession(api: Api, expired: boolean) {
  setSignedOut(api, expired);
  const me = api.trpc.auth.me.pathFilter();
  api.queryClient.removeQueries({ predicate: (query) => !matchQuery(me, query) });
}

/** The signed-in user inside the app shell (the auth guard guarantees one). */
export function useCurrentUser(): SessionUser {
  const trpc = useTRPC();
  const { data } = useQuery(meQuery(trpc));
  // Keeps the last user while signing out, until the router has left the signed-in area.
  const last = useRef<SessionUser | null>(data?.user ?? null);
  if (data?.user) last.current = data.user;
  return last.current!;
}

/**
 * A save refused because the session ended under the user: the app is on its way to sign-in (main.tsx's
 * `onUnauthorized`), and the form's input is what would be lost. Every open form's draft (lib/drafts) is written
 * now, not after its typing delay, under the user who typed it; the form offers it again after signing in.
 */
export function onSessionEnded(_unsaved: { values: unknown }): void {
  flushDrafts();
}
