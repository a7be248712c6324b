import type { queries } from '@vetflow/db';
import { DomainError, notFound } from './errors';

/**
 * Turns a versioned update's outcome into the row, or the refusal the client shows: NOT_FOUND, or CONFLICT
 * naming who changed the record and when, with the current version so both can be shown side by side.
 */
export function unwrapVersioned<T extends Record<string, unknown>>(
  outcome: queries.VersionedUpdate<T>,
  what: string,
): T {
  if (outcome.status === 'updated') return outcome.row;
  if (outcome.status === 'not_found') throw notFound(what);
  const who = outcome.lastChange?.fullName ?? 'someone else';
  const when = outcome.lastChange?.occurredAt.toISOString() ?? 'recently';
  throw new DomainError(
    'CONFLICT',
    `This ${what.toLowerCase()} was changed by ${who} at ${when} since you opened it`,
    {
      details: {
        kind: 'stale_edit',
        current: outcome.current,
        changedBy: outcome.lastChange?.fullName ?? null,
        changedAt: outcome.lastChange?.occurredAt ?? null,
      },
    },
  );
}
