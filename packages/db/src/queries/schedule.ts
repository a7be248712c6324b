import {
  type AppointmentPriority,
  appointments,
  CLINIC_SETTINGS_ID,
  clinicSettings,
  DEFAULT_OPENING_HOURS,
  DEFAULT_TRIAGE_MINUTES,
  DEFAULT_WORKING_DAYS,
  LIMITS,
  type OpeningHours,
  patients,
  systemUsers,
  veterinarianSchedules,
  type Weekday,
} from '@vetflow/schema';
import {
  hoursOn,
  localTimeZone,
  toMinutes,
  wallClock,
  weekdayOf,
  zonedInstant,
} from '@vetflow/schema/clinic-time';
import { and, asc, eq, getTableColumns, gt, gte, lt, ne, or } from 'drizzle-orm';
import { selectOnce } from '../built-query';
import type { Executor } from '../client';
import { holdsTime } from './conditions';
import { versionedUpdate } from './versioning';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Offered start times fall on this grid (and right after a busy stretch ends). */
const SLOT_STEP_MINUTES = 15;
/** How far ahead the next free time is looked for. */
const NEXT_FREE_SEARCH_DAYS = 14;

export type ClinicSchedule = {
  id: string;
  /** The zone the clinic's hours are in: the chosen one, or the server's. */
  timeZone: string;
  /** The zone an admin chose; null while the server's applies. */
  chosenTimeZone: string | null;
  openingHours: OpeningHours;
  /** Minutes a checked-in patient of each priority may wait before Today flags it (0 = at once). */
  triageMinutes: TriageMinutes;
  updatedAt: Date;
};

export type TriageMinutes = Record<AppointmentPriority, number>;

// Built once (built-query.ts): a booking reads the settings, the vet and the vet's days on every call.
const settingsRows = selectOnce(['id'], (qb, p) =>
  qb.select(getTableColumns(clinicSettings)).from(clinicSettings).where(eq(clinicSettings.id, p.id)),
);

async function settingsRow(db: Executor) {
  const [row] = await settingsRows(db, { id: CLINIC_SETTINGS_ID });
  return row;
}

const toSchedule = (row: typeof clinicSettings.$inferSelect): ClinicSchedule => ({
  id: row.id,
  timeZone: row.timeZone ?? localTimeZone(),
  chosenTimeZone: row.timeZone,
  openingHours: row.openingHours,
  triageMinutes: {
    emergency: row.triageEmergencyMinutes,
    urgent: row.triageUrgentMinutes,
    routine: row.triageRoutineMinutes,
  },
  updatedAt: row.updatedAt,
});

/** The clinic's zone and hours (the migration makes the row; defaults apply if someone removed it by hand). */
export async function getClinicSchedule(db: Executor): Promise<ClinicSchedule> {
  const row = await settingsRow(db);
  if (row) return toSchedule(row);
  return {
    id: CLINIC_SETTINGS_ID,
    timeZone: localTimeZone(),
    chosenTimeZone: null,
    openingHours: DEFAULT_OPENING_HOURS,
    triageMinutes: { ...DEFAULT_TRIAGE_MINUTES },
    updatedAt: new Date(0),
  };
}

/** Any of the settings (a part left undefined stays as it is), against the version `seen`. */
export async function updateClinicSchedule(
  db: Executor,
  seen: Date,
  changes: { timeZone?: string | null; openingHours?: OpeningHours; triageMinutes?: TriageMinutes },
) {
  const { triageMinutes, ...rest } = changes;
  const values = {
    ...rest,
    triageEmergencyMinutes: triageMinutes?.emergency,
    triageUrgentMinutes: triageMinutes?.urgent,
    triageRoutineMinutes: triageMinutes?.routine,
  };
  const outcome = await versionedUpdate(
    db,
    { tableName: 'clinic_settings', id: CLINIC_SETTINGS_ID, seen, loadCurrent: () => settingsRow(db) },
    values,
    () =>
      db
        .update(clinicSettings)
        .set(values)
        .where(and(eq(clinicSettings.id, CLINIC_SETTINGS_ID), eq(clinicSettings.updatedAt, seen)))
        .returning(),
  );
  if (outcome.status === 'updated') return { ...outcome, row: toSchedule(outcome.row) };
  if (outcome.status === 'stale') return { ...outcome, current: toSchedule(outcome.current) };
  return outcome;
}

/** Every active veterinarian with their working weekdays (the default when they have no row). */
export async function listVeterinarianSchedules(db: Executor) {
  const rows = await db
    .select({
      veterinarianId: systemUsers.id,
      fullName: systemUsers.fullName,
      workingDays: veterinarianSchedules.workingDays,
    })
    .from(systemUsers)
    .leftJoin(veterinarianSchedules, eq(veterinarianSchedules.veterinarianId, systemUsers.id))
    .where(and(eq(systemUsers.role, 'veterinarian'), eq(systemUsers.isActive, true)))
    .orderBy(asc(systemUsers.fullName))
    .limit(500);
  return rows.map((r) => ({ ...r, workingDays: r.workingDays ?? DEFAULT_WORKING_DAYS }));
}

const activeVeterinarian = selectOnce(['id'], (qb, p) =>
  qb
    .select({ id: systemUsers.id })
    .from(systemUsers)
    .where(
      and(eq(systemUsers.id, p.id), eq(systemUsers.role, 'veterinarian'), eq(systemUsers.isActive, true)),
    ),
);

export async function isActiveVeterinarian(db: Executor, id: string) {
  const [row] = await activeVeterinarian(db, { id });
  return Boolean(row);
}

const workingDaysOf = selectOnce(['veterinarianId'], (qb, p) =>
  qb
    .select({ workingDays: veterinarianSchedules.workingDays })
    .from(veterinarianSchedules)
    .where(eq(veterinarianSchedules.veterinarianId, p.veterinarianId)),
);

export async function getWorkingDays(db: Executor, veterinarianId: string): Promise<Weekday[]> {
  const [row] = await workingDaysOf(db, { veterinarianId });
  return row?.workingDays ?? DEFAULT_WORKING_DAYS;
}

export async function setWorkingDays(db: Executor, veterinarianId: string, workingDays: Weekday[]) {
  const sorted = [...workingDays].sort((a, b) => a - b);
  const [row] = await db
    .insert(veterinarianSchedules)
    .values({ veterinarianId, workingDays: sorted })
    .onConflictDoUpdate({ target: veterinarianSchedules.veterinarianId, set: { workingDays: sorted } })
    .returning();
  return row!;
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** The clinic's open interval on `date` (its calendar, its zone), or null when it is closed that weekday. */
export function openInterval(schedule: ClinicSchedule, date: string): Interval | null {
  const hours = hoursOn(schedule.openingHours, weekdayOf(date));
  if (!hours) return null;
  return {
    startsAt: zonedInstant(date, toMinutes(hours.open), schedule.timeZone),
    endsAt: zonedInstant(date, toMinutes(hours.close), schedule.timeZone),
  };
}

/**
 * Why a slot cannot be booked without an override: `closed` (not inside opening hours: one day's, or two
 * consecutive days' that meet at midnight) or `day_off` (a weekday the veterinarian does not work); null when
 * it is fine.
 */
export async function outsideHours(
  db: Executor,
  veterinarianId: string,
  slot: Interval,
): Promise<'closed' | 'day_off' | null> {
  const schedule = await getClinicSchedule(db);
  const first = wallClock(slot.startsAt, schedule.timeZone);
  const last = wallClock(new Date(slot.endsAt.getTime() - 1), schedule.timeZone);
  const open = openInterval(schedule, first.date);
  if (!open || slot.startsAt < open.startsAt) return 'closed';
  if (slot.endsAt > open.endsAt) {
    const next = last.date === first.date ? null : openInterval(schedule, last.date);
    if (!next || next.startsAt.getTime() !== open.endsAt.getTime() || slot.endsAt > next.endsAt) {
      return 'closed';
    }
  }
  const workingDays = await getWorkingDays(db, veterinarianId);
  if (!workingDays.includes(first.weekday) || !workingDays.includes(last.weekday)) return 'day_off';
  return null;
}

/** The live appointments of a vet (or the patient) overlapping [from, to), earliest first. */
async function busy(
  db: Executor,
  who: { veterinarianId: string; patientId?: string | undefined; excludeAppointmentId?: string | undefined },
  from: Date,
  to: Date,
) {
  return db
    .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(
      and(
        // Appointments last at most LIMITS.maxAppointmentMinutes (a CHECK): the start bounds the search.
        gte(appointments.startsAt, new Date(from.getTime() - LIMITS.maxAppointmentMinutes * MINUTE)),
        lt(appointments.startsAt, to),
        gt(appointments.endsAt, from),
        holdsTime(),
        who.patientId
          ? or(eq(appointments.veterinarianId, who.veterinarianId), eq(appointments.patientId, who.patientId))
          : eq(appointments.veterinarianId, who.veterinarianId),
        who.excludeAppointmentId ? ne(appointments.id, who.excludeAppointmentId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(1000);
}

/** `window` minus the busy intervals (sorted by start), as free intervals. */
export function subtract(window: Interval, taken: Interval[]): Interval[] {
  const free: Interval[] = [];
  let cursor = window.startsAt.getTime();
  const end = window.endsAt.getTime();
  for (const b of taken) {
    if (b.startsAt.getTime() > cursor) {
      free.push({ startsAt: new Date(cursor), endsAt: new Date(Math.min(b.startsAt.getTime(), end)) });
    }
    cursor = Math.max(cursor, b.endsAt.getTime());
    if (cursor >= end) break;
  }
  if (cursor < end) free.push({ startsAt: new Date(cursor), endsAt: new Date(end) });
  return free.filter((f) => f.endsAt > f.startsAt);
}

/** Start times inside the free intervals for `minutes`: each interval's start, then the 15-minute grid. */
export function slotStarts(free: Interval[], minutes: number): Date[] {
  const step = SLOT_STEP_MINUTES * MINUTE;
  const starts: Date[] = [];
  for (const f of free) {
    const last = f.endsAt.getTime() - minutes * MINUTE;
    let t = f.startsAt.getTime();
    while (t <= last && starts.length < 500) {
      starts.push(new Date(t));
      t = (Math.floor(t / step) + 1) * step;
    }
  }
  return starts;
}

export interface FreeTimeQuery {
  veterinarianId: string;
  date: string;
  minutes: number;
  patientId?: string | undefined;
  excludeAppointmentId?: string | undefined;
  /** Nothing before this instant is free (the server's now). */
  notBefore: Date;
}

/**
 * A veterinarian's free time on one clinic day: opening hours (if the vet works that weekday) minus their live
 * appointments (and the patient's), minus the past; the slot starts that fit `minutes`.
 */
export async function freeTime(db: Executor, query: FreeTimeQuery) {
  const schedule = await getClinicSchedule(db);
  const open = openInterval(schedule, query.date);
  const base = { timeZone: schedule.timeZone, open, intervals: [] as Interval[], slots: [] as Date[] };
  if (!open) return { ...base, closedReason: 'closed' as const };
  const workingDays = await getWorkingDays(db, query.veterinarianId);
  if (!workingDays.includes(weekdayOf(query.date))) return { ...base, closedReason: 'day_off' as const };
  const notBefore = Math.ceil(query.notBefore.getTime() / (5 * MINUTE)) * 5 * MINUTE;
  const window = {
    startsAt: new Date(Math.max(open.startsAt.getTime(), notBefore)),
    endsAt: open.endsAt,
  };
  if (window.startsAt >= window.endsAt) return { ...base, closedReason: null };
  const taken = await busy(db, query, window.startsAt, window.endsAt);
  const intervals = subtract(window, taken);
  return { ...base, closedReason: null, intervals, slots: slotStarts(intervals, query.minutes) };
}

/**
 * The first time at or after `from` when the vet (and the patient) are free for `minutes` within opening hours
 * on a working day, looking up to two weeks ahead; null if there is none.
 */
export async function nextFreeTime(
  db: Executor,
  query: Omit<FreeTimeQuery, 'date'> & { from: Date },
): Promise<Interval | null> {
  const schedule = await getClinicSchedule(db);
  const notBefore = new Date(Math.max(query.from.getTime(), query.notBefore.getTime()));
  // Calendar days, not 24-hour steps: a day of 23 hours (daylight saving) must not be skipped.
  const first = new Date(`${wallClock(notBefore, schedule.timeZone).date}T12:00:00Z`).getTime();
  for (let d = 0; d < NEXT_FREE_SEARCH_DAYS; d++) {
    const date = new Date(first + d * DAY).toISOString().slice(0, 10);
    const { intervals } = await freeTime(db, { ...query, date, notBefore });
    for (const f of intervals) {
      const end = f.startsAt.getTime() + query.minutes * MINUTE;
      if (end <= f.endsAt.getTime()) return { startsAt: f.startsAt, endsAt: new Date(end) };
    }
  }
  return null;
}

/** The live appointment of this vet or patient that overlaps the slot: what a clash refusal names. */
export async function clashingAppointment(
  db: Executor,
  who: { veterinarianId: string; patientId?: string | undefined; excludeAppointmentId?: string | undefined },
  slot: Interval,
  byPatient: boolean,
) {
  const [row] = await db
    .select({
      id: appointments.id,
      patientName: patients.name,
      veterinarianName: systemUsers.fullName,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(systemUsers, eq(systemUsers.id, appointments.veterinarianId))
    .where(
      and(
        byPatient && who.patientId
          ? eq(appointments.patientId, who.patientId)
          : eq(appointments.veterinarianId, who.veterinarianId),
        lt(appointments.startsAt, slot.endsAt),
        gt(appointments.endsAt, slot.startsAt),
        holdsTime(),
        who.excludeAppointmentId ? ne(appointments.id, who.excludeAppointmentId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(1);
  return row ?? null;
}
