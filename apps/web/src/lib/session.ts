import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { queryClient, type RouterOutputs, trpc } from './trpc';

export type Me = RouterOutputs['auth']['me'];
export type SessionUser = NonNullable<Me['user']>;

export const meQuery = () => trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 });

/** Who is signed in (fetched once, kept fresh); null when nobody is. */
export async function loadMe(): Promise<Me> {
  return queryClient.ensureQueryData(meQuery());
}

export function setSignedOut(expired: boolean) {
  queryClient.setQueryData(meQuery().queryKey, { user: null, sessionExpired: expired });
}

/** The signed-in user inside the app shell (the auth guard guarantees one). */
export function useCurrentUser(): SessionUser {
  const { data } = useQuery(meQuery());
  // Keeps the last user while signing out, until the router has left the signed-in area.
  const last = useRef<SessionUser | null>(data?.user ?? null);
  if (data?.user) last.current = data.user;
  return last.current!;
}
