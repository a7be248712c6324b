import { queryClient, trpc } from '../../lib/trpc';

export const invalidateAppointments = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.appointments.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.patients.get.pathKey() }),
  ]);
