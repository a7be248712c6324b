import type { useTRPC } from '../../lib/trpc';

/** What a settings change makes stale: the types, the hours, the working days and every free-slot answer. */
export const settingsQueries = (trpc: ReturnType<typeof useTRPC>) => [
  trpc.appointmentTypes.pathFilter(),
  trpc.schedule.pathFilter(),
];
