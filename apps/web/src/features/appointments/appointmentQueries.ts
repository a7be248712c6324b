import type { TRPCOptions } from '../../lib/trpc';

/** What an appointment's change refreshes: every appointment list, and the patient charts that list upcoming ones. */
export const appointmentQueries = (trpc: TRPCOptions) => [
  trpc.appointments.pathFilter(),
  trpc.patients.get.pathFilter(),
];
