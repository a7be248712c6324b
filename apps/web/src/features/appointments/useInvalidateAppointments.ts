import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** After an appointment changes: every appointment list, and the patient charts that list upcoming ones. */
export function useInvalidateAppointments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.appointments.pathFilter()),
      queryClient.invalidateQueries(trpc.patients.get.pathFilter()),
    ]);
}
