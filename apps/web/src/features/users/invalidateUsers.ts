import { queryClient, trpc } from '../../lib/trpc';

/** After an account changes: the staff list, and the audit timeline that records it. */
export const invalidateUsers = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() }),
  ]);
