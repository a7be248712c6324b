import {
  type Allergy,
  appointments,
  MICROCHIP_PATTERN,
  medicalRecords,
  owners,
  patients,
} from '@vetflow/schema';
import { CANCELLED_ON_DEATH } from '@vetflow/schema/appointment-status';
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { selectOnce } from '../built-query';
import type { Executor } from '../client';
import { type ActiveFilter, activeCondition, holdsTime } from './conditions';
import { excluded, ownerKeys, ownerPrefixConditions } from './owners';
import { decodeCursor, toPage } from './pagination';
import {
  lowerC,
  matchesAllWords,
  matchesAllWordsClosely,
  ownerSearchText,
  phoneDigitsMatch,
  SearchTerms,
  startsWith,
} from './search';
import { keyAfter, sortKey, type Tier, type TieredSearch, tieredPage } from './tiered-search';
import { versionedUpdate } from './versioning';

export type PatientRow = typeof patients.$inferSelect;
export type PatientValues = Omit<
  typeof patients.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'isActive' | 'deceasedAt'
>;

const ownerName = sql<string>`${owners.firstName} || ' ' || ${owners.lastName}`;

export interface PatientListInput {
  search?: string | undefined;
  ownerId?: string | undefined;
  active: ActiveFilter;
  cursor?: string | null | undefined;
  limit: number;
}

export async function listPatients(db: Executor, input: PatientListInput) {
  const terms = new SearchTerms(input.search);
  if (terms.count)
    return tieredPage<PatientListRow>(db, patientSearch(terms, input), input.cursor, input.limit);
  const after = decodeCursor(input.cursor, ['text', 'uuid']) as [string, string] | null;
  const rows = await db
    .select({ ...getTableColumns(patients), ownerName })
    .from(patients)
    .innerJoin(owners, eq(owners.id, patients.ownerId))
    .where(
      and(
        activeCondition(patients.isActive, input.active),
        input.ownerId ? eq(patients.ownerId, input.ownerId) : undefined,
        after ? sql`(${patients.name}, ${patients.id}) > (${after[0]}, ${after[1]})` : undefined,
      ),
    )
    .orderBy(asc(patients.name), asc(patients.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit, (r) => [r.name, r.id]);
}

export type PatientListRow = PatientRow & { ownerName: string };

/**
 * The patient search's tiers (tiered-search.ts), most relevant first: the exact microchip; a pet's name
 * starting with the search ("Bel" finds Bella); the pets of owners whose surname, first name or email starts
 * with it, or whose phone has its digits ("Novak" finds the Novaks' pets), listed owner by owner as the owner
 * search's indexes hold them; then the fuzzy rest by the trigram indexes (every word anywhere in the pet's
 * name or in its owner's name, email or phone; then a typo away), its candidates collected into arrays first
 * so the planner never walks an index in order filtering row by row. Written from the search's shape and
 * placeholders (SearchTerms): each tier's statement is built once per shape (tieredPage).
 */
export function patientSearch(
  terms: SearchTerms,
  input: Pick<PatientListInput, 'active' | 'ownerId' | 'search'>,
): TieredSearch {
  const microchip = MICROCHIP.test(input.search!.trim());
  return {
    key: `patients|${input.active}|${input.ownerId ? 'owner' : ''}|${microchip ? 'chip' : ''}|${terms.shape}`,
    tiers: () => patientSearchTiers(terms, input, microchip),
    values: { ...terms.values, ownerId: input.ownerId },
  };
}

function patientSearchTiers(
  terms: SearchTerms,
  input: Pick<PatientListInput, 'active' | 'ownerId'>,
  isMicrochip: boolean,
): Tier[] {
  const name = lowerC(patients.name);
  const byName = [name, sql`${patients.id}`];
  const { last, first, email } = ownerKeys;
  const common = [
    activeCondition(patients.isActive, input.active),
    input.ownerId ? eq(patients.ownerId, sql.placeholder('ownerId')) : undefined,
  ];
  const tier = (key: SQL[], where: (SQL | undefined)[]): Tier => ({
    parts: key.map((k) => (k === byName[1] || k === ownerIdKey ? 'uuid' : 'text')),
    select: (qb, after, limit) =>
      qb
        .select({ ...getTableColumns(patients), ownerName, sortKey: sortKey(key) })
        .from(patients)
        .innerJoin(owners, eq(owners.id, patients.ownerId))
        .where(and(...common, ...where, keyAfter(key, after)))
        .orderBy(...key)
        .limit(limit),
  });
  const byOwner = (ownerKey: SQL[]) => [...ownerKey, ownerIdKey, name, byName[1]!];
  const microchip = isMicrochip ? eq(patients.microchipId, terms.whole()) : undefined;
  const petPrefix = startsWith(name, terms.whole());
  const prefix = ownerPrefixConditions(terms);
  const ownerTiers: [SQL[], SQL | undefined][] = terms.phone
    ? [[[last, first], phoneDigitsMatch()]]
    : [
        [[last, first], prefix.surname],
        [[first, last], prefix.firstName],
        [[email], prefix.email],
      ];
  const tiers: Tier[] = [];
  const earlier: (SQL | undefined)[] = [];
  if (microchip) {
    tiers.push(tier(byName, [microchip]));
    earlier.push(microchip);
  }
  tiers.push(tier(byName, [petPrefix, ...excluded(...earlier)]));
  earlier.push(petPrefix);
  for (const [ownerKey, condition] of ownerTiers) {
    if (!condition) continue;
    tiers.push(tier(byOwner(ownerKey), [condition, ...excluded(...earlier)]));
    earlier.push(condition);
  }
  const anyPatient = (where: SQL) =>
    sql`${patients.id} = any(array(select "patients"."id" from "patients" where ${where}))`;
  const anyOwner = (where: SQL) =>
    sql`${patients.ownerId} = any(array(select "owners"."id" from "owners" where ${where}))`;
  const containing = or(
    anyPatient(matchesAllWords(sql`"patients"."name"`, terms)!),
    anyOwner(terms.phone ? phoneDigitsMatch() : matchesAllWords(ownerSearchText, terms)!),
  )!;
  tiers.push(tier(byName, [containing, ...excluded(...earlier)]));
  earlier.push(containing);
  const petClosely = matchesAllWordsClosely(sql`"patients"."name"`, terms);
  const ownerClosely = terms.phone ? undefined : matchesAllWordsClosely(ownerSearchText, terms);
  if (petClosely) {
    tiers.push({
      ...tier(byName, [
        or(anyPatient(petClosely), ownerClosely && anyOwner(ownerClosely)),
        ...excluded(...earlier),
      ]),
      lastResort: true,
    });
  }
  return tiers;
}

/** A microchip as the schema accepts it (MICROCHIP_PATTERN): only such a search can be one. */
const MICROCHIP = new RegExp(MICROCHIP_PATTERN);
const ownerIdKey = sql`${owners.id}`;

const patientRow = selectOnce(['id'], (qb, p) => qb.select().from(patients).where(eq(patients.id, p.id)));

export async function getPatientRow(db: Executor, id: string) {
  const [row] = await patientRow(db, { id });
  return row;
}

/** How many of a patient's past appointments its chart shows (newest first). */
export const PAST_APPOINTMENTS_SHOWN = 50;

const chartAppointmentColumns = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  reason: appointments.reason,
  veterinarianId: appointments.veterinarianId,
};

// The chart's statements, built once (built-query.ts): a patient's page is among the most frequent reads.
const chartPatient = selectOnce(['id'], (qb, p) =>
  qb
    .select({
      patient: patients,
      owner: {
        id: owners.id,
        firstName: owners.firstName,
        lastName: owners.lastName,
        phone: owners.phone,
        email: owners.email,
        isActive: owners.isActive,
      },
    })
    .from(patients)
    .innerJoin(owners, eq(owners.id, patients.ownerId))
    .where(eq(patients.id, p.id)),
);
const chartWeights = selectOnce(['id'], (qb, p) =>
  qb
    .select({ at: medicalRecords.visitedAt, weightKg: medicalRecords.weightKg })
    .from(medicalRecords)
    .where(and(eq(medicalRecords.patientId, p.id), isNotNull(medicalRecords.weightKg)))
    .orderBy(asc(medicalRecords.visitedAt))
    .limit(500),
);
const chartUpcoming = selectOnce(['id', 'now'], (qb, p) =>
  qb
    .select(chartAppointmentColumns)
    .from(appointments)
    .where(and(eq(appointments.patientId, p.id), gt(appointments.endsAt, p.now), holdsTime()))
    .orderBy(asc(appointments.startsAt))
    .limit(20),
);
const chartPast = selectOnce(['id', 'now'], (qb, p) =>
  qb
    .select({ ...chartAppointmentColumns, cancelReason: appointments.cancelReason })
    .from(appointments)
    .where(and(eq(appointments.patientId, p.id), lte(appointments.endsAt, p.now)))
    .orderBy(desc(appointments.startsAt), desc(appointments.id))
    .limit(PAST_APPOINTMENTS_SHOWN),
);

/**
 * The chart's data: the patient, the owner, the weights recorded at visits, the upcoming appointments (live
 * ones not yet over) and the past ones (over by `now`, every status, so no-shows and cancellations show too).
 */
export async function getPatient(db: Executor, id: string, now: Date) {
  // Sent together, one round trip instead of four (the connection pipelines them, in order, in the request's
  // transaction); for an unknown id the other three find nothing either.
  const [[row], weights, upcoming, past] = await Promise.all([
    chartPatient(db, { id }),
    chartWeights(db, { id }),
    chartUpcoming(db, { id, now }),
    chartPast(db, { id, now }),
  ]);
  if (!row) return undefined;
  // The row is this call's own object: completed in place (a spread copy of its columns cost ~5 µs on Node 20), by
  // plain stores: Object.assign adding properties to a row this size makes it a dictionary (built-query.ts).
  const chart = row.patient as typeof row.patient & {
    owner: typeof row.owner;
    weightHistory: { at: Date; weightKg: number }[];
    upcomingAppointments: typeof upcoming;
    pastAppointments: typeof past;
  };
  chart.owner = row.owner;
  chart.weightHistory = weights.filter((w): w is { at: Date; weightKg: number } => w.weightKg !== null);
  chart.upcomingAppointments = upcoming;
  chart.pastAppointments = past;
  return chart;
}

export async function createPatient(db: Executor, values: PatientValues) {
  const [row] = await db.insert(patients).values(values).returning();
  return row!;
}

export async function updatePatient(db: Executor, id: string, seen: Date, values: Partial<PatientValues>) {
  return versionedUpdate(
    db,
    { tableName: 'patients', id, seen, loadCurrent: () => getPatientRow(db, id) },
    values,
    () =>
      db
        .update(patients)
        .set(values)
        .where(and(eq(patients.id, id), eq(patients.updatedAt, seen)))
        .returning(),
  );
}

export async function setPatientActive(db: Executor, id: string, isActive: boolean) {
  const [row] = await db.update(patients).set({ isActive }).where(eq(patients.id, id)).returning();
  return row;
}

/**
 * Marks a patient deceased and cancels every appointment still waiting to happen (scheduled or confirmed),
 * including past ones nobody moved on: they did not take place and must not linger as "Scheduled". Arrived,
 * in-progress and finished ones keep their status. Returns how many were cancelled.
 */
export async function markPatientDeceased(db: Executor, id: string, deceasedAt: Date) {
  const [row] = await db.update(patients).set({ deceasedAt }).where(eq(patients.id, id)).returning();
  if (!row) return undefined;
  const cancelled = await db
    .update(appointments)
    .set({ status: 'cancelled', cancelReason: 'Patient deceased' })
    .where(and(eq(appointments.patientId, id), inArray(appointments.status, [...CANCELLED_ON_DEATH])))
    .returning({ id: appointments.id });
  return { patient: row, cancelledAppointments: cancelled.length };
}

/**
 * What a visit teaches about the patient, written after its record in the same transaction: allergies found are
 * appended. The current weight is the database's to keep (migration 0008, at commit); when allergies change the
 * patient anyway, the same update takes the weight too, so the patient's audit trail shows one change per visit.
 */
export async function applyVisitFindings(
  db: Executor,
  patientId: string,
  visit: { newAllergies: Allergy[] },
) {
  if (visit.newAllergies.length === 0) return;
  const patient = await getPatientRow(db, patientId);
  if (!patient) return;
  await db
    .update(patients)
    .set({
      allergies: [...patient.allergies, ...visit.newAllergies],
      weightKg: sql`coalesce(vetflow_latest_visit_weight(${patients.id}), ${patients.weightKg})`,
    })
    .where(eq(patients.id, patientId));
}
