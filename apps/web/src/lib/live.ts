import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { type RouterOutputs, type TRPCOptions, useTRPC } from './trpc';

type LiveFrame = RouterOutputs['live']['changes'] extends AsyncIterable<infer T> ? T : never;
type Change = Extract<LiveFrame['data'], { type: 'change' }>['change'];

/**
 * The live updates connection as screens see it: 'starting' until it is first up (nothing to show: no flicker
 * on a normal page load), 'live' while up, 'down' once it has been lost for a moment (the screen may be stale,
 * and screens fall back to polling).
 */
export type LiveState = 'starting' | 'live' | 'down';

/** How long the connection must stay lost before screens say so (a reconnect within it goes unnoticed). */
const DOWN_AFTER_MS = 3_000;

let state: LiveState = 'starting';
const listeners = new Set<() => void>();
function setState(next: LiveState) {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

/** React hook: the live connection's state. */
export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
    () => state,
  );
}

/**
 * How often a screen that follows live updates polls instead while they are not up (still connecting, or lost):
 * `false` while live. Pass the result as the query's `refetchInterval`.
 */
export function usePollWhileNotLive(ms: number): number | false {
  return useLiveState() === 'live' ? false : ms;
}

/** Whether a query's input (an appointments range) covers an instant. */
function rangeCovers(input: unknown, at: number | undefined) {
  if (at === undefined) return true;
  const range = input as { from?: Date; to?: Date } | undefined;
  if (!range?.from || !range.to) return true;
  return range.from.getTime() <= at && at < range.to.getTime();
}

/**
 * Whether a query's input (an appointments list, of one veterinarian for the calendar's week) may show an
 * appointment of this vet. An event without its vet (a role that is not told) concerns every list.
 */
function vetMatches(input: unknown, vet: string | undefined) {
  const vetId = (input as { veterinarianId?: string } | undefined)?.veterinarianId;
  return !vetId || vet === undefined || vet === vetId;
}

/** Refetches (if shown) or marks stale the queries a change concerns; everything on `resync`. */
export function applyLiveFrame(queryClient: QueryClient, trpc: TRPCOptions, data: LiveFrame['data']) {
  if (data.type === 'ready') return;
  if (data.type === 'resync') {
    void queryClient.invalidateQueries();
    return;
  }
  const change: Change = data.change;
  // The day or week lists (Today, the calendar) that may show the appointment where it is now, or where it was
  // before a move or a reassignment: a list covering that time and showing that vet (or every vet).
  const appointmentLists = (...places: { at?: number; vetId?: string }[]) =>
    queryClient.invalidateQueries({
      ...trpc.appointments.list.pathFilter(),
      predicate: (query) => {
        const input = (query.queryKey[1] as { input?: unknown } | undefined)?.input;
        return places.some((place) => rangeCovers(input, place.at) && vetMatches(input, place.vetId));
      },
    });
  switch (change.table) {
    case 'appointments':
      void queryClient.invalidateQueries(trpc.board.pathFilter());
      void appointmentLists(
        { at: change.startsAt, vetId: change.vetId },
        { at: change.prevStartsAt ?? change.startsAt, vetId: change.prevVetId ?? change.vetId },
      );
      void queryClient.invalidateQueries(trpc.appointments.get.queryFilter({ id: change.id! }));
      void queryClient.invalidateQueries(trpc.schedule.freeSlots.pathFilter());
      if (change.patientId)
        void queryClient.invalidateQueries(trpc.patients.get.queryFilter({ id: change.patientId }));
      break;
    case 'patients':
      // Names and species show on appointment cards and the waiting-room board too.
      void queryClient.invalidateQueries(trpc.board.pathFilter());
      void queryClient.invalidateQueries(trpc.patients.pathFilter());
      void queryClient.invalidateQueries(trpc.appointments.pathFilter());
      // An owner's page and the owners list show their pets.
      if (change.ownerId)
        void queryClient.invalidateQueries(trpc.owners.get.queryFilter({ id: change.ownerId }));
      void queryClient.invalidateQueries(trpc.owners.list.pathFilter());
      break;
    case 'medical_records':
      void queryClient.invalidateQueries(trpc.medicalRecords.pathFilter());
      if (change.patientId)
        void queryClient.invalidateQueries(trpc.patients.get.queryFilter({ id: change.patientId }));
      if (change.appointmentId) void queryClient.invalidateQueries(trpc.appointments.pathFilter());
      break;
    case 'clinic_settings':
      // Triage thresholds (and hours): every open Today re-flags its waiting patients at once.
      void queryClient.invalidateQueries(trpc.schedule.settings.queryFilter());
      break;
    case 'audit_log':
      // Admins only: a new audit row (any table's change, a sign-in) shows on an open timeline.
      void queryClient.invalidateQueries(trpc.audit.list.pathFilter());
      void queryClient.invalidateQueries(trpc.audit.forRecord.pathFilter());
      break;
  }
}

/**
 * Keeps the signed-in app following the clinic: one `live.changes` subscription for the whole tab, whose events
 * invalidate the queries they concern. Mounted once, in the signed-in layout.
 */
export function useLiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const downTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const wasDown = useRef(false);
  const subscription = useSubscription(
    trpc.live.changes.subscriptionOptions(undefined, {
      onData: (frame) => applyLiveFrame(queryClient, trpc, frame.data),
    }),
  );
  const up = subscription.status === 'pending';
  useEffect(() => {
    if (up) {
      if (downTimer.current) clearTimeout(downTimer.current);
      downTimer.current = null;
      // Back after a loss the server could not bridge (a fresh subscription has no resume point): refetch.
      if (wasDown.current) void queryClient.invalidateQueries();
      wasDown.current = false;
      setState('live');
      return;
    }
    if (subscription.status === 'error' || state === 'live') {
      downTimer.current ??= setTimeout(() => {
        wasDown.current = true;
        setState('down');
      }, DOWN_AFTER_MS);
    }
  }, [up, subscription.status, queryClient]);
  // An ended stream (signed out elsewhere, a refusal) is retried after a pause; the session checks decide.
  useEffect(() => {
    if (subscription.status !== 'error') return;
    const retry = setTimeout(() => subscription.reset(), 5_000);
    return () => clearTimeout(retry);
  }, [subscription.status, subscription.reset]);
  useEffect(
    () => () => {
      if (downTimer.current) clearTimeout(downTimer.current);
      setState('starting');
    },
    [],
  );
}
