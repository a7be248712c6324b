import type { TRPCOptions } from '../../lib/trpc';

/** What an account's change refreshes: the staff list, and the audit timeline that records it. */
export const userQueries = (trpc: TRPCOptions) => [trpc.users.pathFilter(), trpc.audit.pathFilter()];
