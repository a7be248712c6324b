import { z } from 'zod';

/**
 * Opening the live updates stream. `lastEventId` is the id of the last event the client received (tRPC's
 * httpSubscriptionLink fills it in on a reconnect); anything the server did not issue, or issued too long ago,
 * answers with a `resync` instead of a replay. Bounded: ids are short.
 */
export const liveChangesInput = z
  .object({ lastEventId: z.string().max(40).nullish() })
  .strict()
  .optional();
