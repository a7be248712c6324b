import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@vetflow/api';
import type {
  BookingClashDetails,
  OutsideHoursDetails,
  Refusal,
  RefusalCode,
  StaleEditDetails,
} from '@vetflow/schema/refusal';
import { isUnanswered } from './connection';

/**
 * A failed call as the UI reads it: the server's Refusal as it sent it, or one the browser words itself when no
 * refusal came (UNREACHABLE: no answer at all; UNKNOWN: a failure in the browser). Messages are shown, never parsed.
 */
export interface Problem extends Omit<Refusal, 'code'> {
  code: RefusalCode | 'UNREACHABLE' | 'UNKNOWN';
}

/** What a refused call carries in `error.data` (the API's type of it must stay assignable to this). */
type RefusalData = Refusal & { httpStatus: number };

const UNREACHABLE = 'The server cannot be reached. Check the connection and try again.';

export function toProblem(error: unknown): Problem {
  if (error instanceof TRPCClientError) {
    const data: RefusalData | null | undefined = (error as TRPCClientError<AppRouter>).data;
    if (data) {
      const { code, message, issues, details } = data;
      return { code, message, issues, ...(details ? { details } : {}) };
    }
    if (isUnanswered(error)) return { code: 'UNREACHABLE', message: UNREACHABLE, issues: [] };
    return { code: 'UNKNOWN', message: error.message, issues: [] };
  }
  const message = error instanceof Error ? error.message : 'Something went wrong';
  return { code: 'UNKNOWN', message, issues: [] };
}

/** A stale edit: someone saved the record after the user opened it (their version, who and when). */
export const staleEdit = (problem: Problem): StaleEditDetails | null =>
  problem.details?.kind === 'stale_edit' ? problem.details : null;

/** How long a throttled call must wait, when it was throttled. */
export const retryAfterSeconds = (problem: Problem): number | null =>
  problem.details?.kind === 'throttled' ? problem.details.retryAfterSeconds : null;

/** A double booking: the appointment it clashes with and the next free time the server found. */
export const bookingClash = (problem: Problem): BookingClashDetails | null =>
  problem.details?.kind === 'booking_clash' ? problem.details : null;

/** A booking outside opening hours or on the vet's day off: it may be confirmed with `outsideHours: true`. */
export const outsideHours = (problem: Problem): OutsideHoursDetails | null =>
  problem.details?.kind === 'outside_hours' ? problem.details : null;
