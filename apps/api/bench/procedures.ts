/**
 * The key procedures of issue 12's table, for the side-by-side bench: each as the tRPC request the web app sends
 * and as the query-function work the procedure does (captured as "the same SQL" for the raw side).
 */
import { type Executor, queries } from '@vetflow/db';
import type postgres from 'postgres';
import superjson from 'superjson';
import { checkOpeningHours, writeBooking } from '../src/trpc/booking-rules';
import type { BookingSlot } from './booking-slots';

export interface Fixtures {
  /** A patient with the median number of visits. */
  patientId: string;
  veterinarianId: string;
  /** A day that vet works (their fullest in the data). */
  day: { from: Date; to: Date };
  /** A patient whose audit trail is read. */
  trailRecordId: string;
  /** An audit id halfway through the log: the deep page starts below it. */
  midAuditId: number;
  /** The most common owner surname prefix (three letters). */
  surnamePrefix: string;
}

export interface ProcedureCase {
  name: string;
  /** Who calls it: the demo's or the bench's veterinarian, or its admin (the audit log is admins' only). */
  caller: 'vet' | 'admin';
  /** The request path and query, after `/trpc/` (GET: every case here is a query). */
  path: string;
  /**
   * The query functions each call of the request runs, in order: one entry per call, each in its own request
   * transaction (a batch's calls run side by side, as tRPC runs them).
   */
  calls: ((db: Executor, now: Date) => Promise<unknown>)[];
}

/** A tRPC GET for one call or a batch (`?batch=1`), inputs serialised as the web app's superjson link does. */
function trpcPath(calls: [string, unknown][]): string {
  const encode = (input: unknown) => superjson.serialize(input);
  if (calls.length === 1) {
    const [[procedure, input]] = calls as [[string, unknown]];
    return `${procedure}?input=${encodeURIComponent(JSON.stringify(encode(input)))}`;
  }
  const inputs = Object.fromEntries(calls.map(([, input], i) => [i, encode(input)]));
  return `${calls.map(([p]) => p).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

/**
 * The booking of issue 12's table (appointments.create, a POST): each request books its own free slot
 * (booking-slots.ts), so both sides take slots from one list and no request is refused as a double booking.
 */
export const booking = {
  name: 'appointments.create (a free slot each)',
  caller: 'vet' as const,
  path: 'appointments.create',
  /** The request body the web app's booking dialog sends for `slot`. */
  body: (slot: BookingSlot) =>
    JSON.stringify(
      superjson.serialize({
        patientId: slot.patientId,
        veterinarianId: slot.veterinarianId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        reason: 'Bench booking',
      }),
    ),
  /** What the procedure does after validating the input (routers/appointments.ts, create). */
  work: async (db: Executor, slot: BookingSlot, userId: string, now: Date) => {
    await queries.getPatientRow(db, slot.patientId);
    await checkOpeningHours(db, slot, false);
    return writeBooking(db, slot, now, (tx) =>
      queries.createAppointment(tx, {
        ...slot,
        reason: 'Bench booking',
        priority: 'routine',
        status: 'scheduled',
        createdBy: userId,
      }),
    );
  },
};

const cursorBelow = (id: number) => Buffer.from(JSON.stringify([id])).toString('base64url');

export function keyProcedures(f: Fixtures): ProcedureCase[] {
  const search = { search: f.surnamePrefix, active: 'active' as const, limit: 25 };
  const day = { ...f.day, veterinarianId: f.veterinarianId, includeCancelled: false };
  const trail = { tableName: 'patients' as const, recordId: f.trailRecordId, limit: 50 };
  const deep = { limit: 50, cursor: cursorBelow(f.midAuditId) };
  return [
    {
      name: `owners.list, surname prefix "${f.surnamePrefix}"`,
      caller: 'vet',
      path: trpcPath([['owners.list', search]]),
      calls: [(db) => queries.listOwners(db, search)],
    },
    {
      name: 'patient chart (patients.get + medicalRecords.listForPatient, batched)',
      caller: 'vet',
      path: trpcPath([
        ['patients.get', { id: f.patientId }],
        ['medicalRecords.listForPatient', { patientId: f.patientId }],
      ]),
      calls: [
        (db, now) => queries.getPatient(db, f.patientId, now),
        (db) =>
          Promise.all([
            queries.getPatientRow(db, f.patientId),
            queries.listRecordsForPatient(db, f.patientId),
          ]),
      ],
    },
    {
      name: 'patients.get',
      caller: 'vet',
      path: trpcPath([['patients.get', { id: f.patientId }]]),
      calls: [(db, now) => queries.getPatient(db, f.patientId, now)],
    },
    {
      name: "a vet's day (appointments.list)",
      caller: 'vet',
      path: trpcPath([['appointments.list', day]]),
      calls: [(db) => queries.listAppointments(db, day)],
    },
    {
      name: "one record's audit trail (audit.forRecord)",
      caller: 'admin',
      path: trpcPath([['audit.forRecord', trail]]),
      calls: [(db) => queries.listAudit(db, trail)],
    },
    {
      name: 'audit timeline, first page',
      caller: 'admin',
      path: trpcPath([['audit.list', { limit: 50 }]]),
      calls: [(db) => queries.listAudit(db, { limit: 50 })],
    },
    {
      name: 'audit timeline, deep page',
      caller: 'admin',
      path: trpcPath([['audit.list', deep]]),
      calls: [(db) => queries.listAudit(db, deep)],
    },
  ];
}

/** The fixtures, found in whatever clinic the database holds (the demo's, or `pnpm bench --scale`'s). */
export async function findFixtures(sql: postgres.Sql): Promise<Fixtures> {
  // A typical chart: the patient with the median number of visits (the one with the most is an outlier).
  const [patient] = await sql`
    with visits as (select patient_id as id, count(*) as n from medical_records group by 1)
    select id from visits order by n, id offset (select count(*) / 2 from visits) limit 1`;
  const [busiest] = await sql`
    select veterinarian_id, date_trunc('day', starts_at) as day from appointments
    where status <> 'cancelled' group by 1, 2 order by count(*) desc, 2 desc limit 1`;
  const [trail] = await sql`
    select record_id from audit_log where table_name = 'patients' group by 1 order by count(*) desc limit 1`;
  const [audit] = await sql`select (max(id) / 2)::bigint as mid from audit_log`;
  const [prefix] = await sql`
    select left(last_name, 3) as prefix from owners where is_active group by 1 order by count(*) desc limit 1`;
  if (!patient || !busiest || !trail || !audit || !prefix) throw new Error('the database holds no clinic');
  const from = new Date(busiest.day as Date);
  return {
    patientId: patient.id as string,
    veterinarianId: busiest.veterinarian_id as string,
    day: { from, to: new Date(from.getTime() + 86_400_000) },
    trailRecordId: trail.record_id as string,
    midAuditId: Number(audit.mid),
    surnamePrefix: prefix.prefix as string,
  };
}
