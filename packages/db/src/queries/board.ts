import { appointments, patients } from '@vetflow/schema';
import { and, asc, eq, gt, gte, inArray, lt, or } from 'drizzle-orm';
import type { Executor } from '../client';

/** Where a patient is in its visit, as the waiting room may see it. */
export type BoardState = 'waiting' | 'in_consult' | 'ready';

/** One patient on the waiting-room board: a pet's name and species, its state and since when; nothing else. */
export interface BoardEntry {
  appointmentId: string;
  petName: string;
  species: string;
  state: BoardState;
  /** When the patient entered this state (checked in, called in, finished). */
  since: Date;
}

const ORDER: Record<BoardState, number> = { waiting: 0, in_consult: 1, ready: 2 };

/**
 * The waiting-room board of one clinic day (`from`–`to`, the appointments that start in it): checked-in patients
 * (waiting), those in a consult, and those whose visit ended within `readyForMs` (ready for pick-up). Reads only
 * the columns the display role is granted (no owner, reason, notes or anything clinical). Longest wait first.
 */
export async function listWaitingRoom(
  db: Executor,
  range: { from: Date; to: Date; now: Date; readyForMs: number },
): Promise<BoardEntry[]> {
  const rows = await db
    .select({
      appointmentId: appointments.id,
      petName: patients.name,
      species: patients.species,
      status: appointments.status,
      startsAt: appointments.startsAt,
      checkedInAt: appointments.checkedInAt,
      startedAt: appointments.startedAt,
      completedAt: appointments.completedAt,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .where(
      and(
        gte(appointments.startsAt, range.from),
        lt(appointments.startsAt, range.to),
        or(
          inArray(appointments.status, ['checked_in', 'in_progress']),
          and(
            eq(appointments.status, 'completed'),
            gt(appointments.completedAt, new Date(range.now.getTime() - range.readyForMs)),
          ),
        ),
      ),
    )
    .orderBy(asc(appointments.startsAt));
  return rows
    .map((row): BoardEntry => {
      const state: BoardState =
        row.status === 'checked_in' ? 'waiting' : row.status === 'in_progress' ? 'in_consult' : 'ready';
      const since =
        state === 'waiting' ? row.checkedInAt : state === 'in_consult' ? row.startedAt : row.completedAt;
      return {
        appointmentId: row.appointmentId,
        petName: row.petName,
        species: row.species,
        state,
        since: since ?? row.startsAt,
      };
    })
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.since.getTime() - b.since.getTime());
}
