import { addDays, startOfDay } from '../../lib/format';
import type { Api, TRPCOptions } from '../../lib/trpc';

/** The day's appointments as Today asks for them (cancelled ones too: the page can show them). */
export const todayAppointmentsQuery = (trpc: TRPCOptions, now: Date) => {
  const from = startOfDay(now);
  return trpc.appointments.list.queryOptions({ from, to: addDays(from, 1), includeCancelled: true });
};

/** The veterinarians (the page's columns). */
export const veterinariansQuery = (trpc: TRPCOptions) => trpc.users.veterinarians.queryOptions();

/** The clinic's triage thresholds. */
export const triageSettingsQuery = (trpc: TRPCOptions) => trpc.schedule.settings.queryOptions();

/**
 * Asks for everything Today shows at once (one batch), unless already fresh: from the route's loader, and at start-up
 * beside the session check (`meta` marks those, main.tsx).
 */
export function prefetchToday({ queryClient, trpc }: Api, meta?: Record<string, unknown>) {
  void queryClient.prefetchQuery({ ...todayAppointmentsQuery(trpc, new Date()), meta });
  void queryClient.prefetchQuery({ ...veterinariansQuery(trpc), meta });
  void queryClient.prefetchQuery({ ...triageSettingsQuery(trpc), meta });
}
