import {
  type Allergy,
  type AppointmentPriority,
  type AppointmentStatus,
  appointments,
  CLINIC_SETTINGS_ID,
  clinicSettings,
  medicalRecords,
  owners,
  patients,
  systemUsers,
  veterinarianSchedules,
  WEEKDAYS,
} from '@vetflow/schema';
import { DEMO_DATA_REQUEST_ID } from '@vetflow/schema/audit-display';
import { toCalendarDate } from '@vetflow/schema/calendar-date';
import { and, eq } from 'drizzle-orm';
import { setAuditContext } from '../audit-context';
import type { Database } from '../client';
import { hashPassword } from '../passwords';
import {
  ALLERGY_SAMPLES,
  DEMO_PASSWORD,
  DEMO_USERS,
  DIAGNOSES,
  OWNER_NAMES,
  PET_NAMES,
  SPECIES,
  STREETS,
  TREATMENTS,
  VISIT_REASONS,
} from './demo-data';
import { demoUuid, seededRandom } from './random';

export { DEMO_PASSWORD, DEMO_USERS } from './demo-data';

const DAY = 24 * 60 * 60 * 1000;
const DEMO_OPENING_HOURS = [
  ...Array.from({ length: 5 }, () => ({ open: '08:00', close: '20:00' })),
  { open: '09:00', close: '17:00' },
  { open: '09:00', close: '17:00' },
];
const round2 = (n: number) => Math.round(n * 100) / 100;

export interface SeedOptions {
  /** The moment the demo week is built around (local time); tests pass a fixed one. */
  now?: Date;
}

export interface SeedResult {
  users: number;
  owners: number;
  patients: number;
  appointments: number;
  medicalRecords: number;
}

/**
 * The demo clinic: 4 staff accounts (password `vetflow-demo`, demo only), 20 owners, 35 patients, a week of
 * appointments around `now` and medical histories with weights over time. Every row has a stable id and is
 * inserted with ON CONFLICT DO NOTHING, so seeding twice changes nothing.
 */
export async function seedDemo(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const rng = seededRandom(20_261_125);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const at = (dayOffset: number, minutes: number) =>
    new Date(today.getFullYear(), today.getMonth(), today.getDate() + dayOffset, 0, minutes);

  const userRows = await Promise.all(
    DEMO_USERS.map(async (u, i) => ({
      id: demoUuid('user', i),
      username: u.username,
      email: `${u.username}@vetflow.example`,
      fullName: u.fullName,
      role: u.role,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })),
  );
  const vetIds = userRows.filter((u) => u.role === 'veterinarian').map((u) => u.id);
  const assistantId = userRows.find((u) => u.role === 'assistant')!.id;

  const ownerRows = OWNER_NAMES.map(([firstName, lastName], i) => ({
    id: demoUuid('owner', i),
    firstName,
    lastName,
    email: `${firstName}.${lastName}@example.com`.toLowerCase(),
    phone: `+1 555 ${String(100 + i * 7).padStart(3, '0')} ${String(1000 + i * 137).slice(0, 4)}`,
    address: `${rng.int(1, 250)} ${rng.pick(STREETS)}, Springfield`,
    notes: i % 6 === 0 ? 'Prefers morning appointments.' : null,
  }));

  const patientRows = PET_NAMES.map((name, i) => {
    const kind = SPECIES[i % 3 === 0 ? 1 : i % 5 === 0 ? rng.int(2, SPECIES.length - 1) : 0]!;
    const [minW, maxW] = kind.weight;
    const allergies: Allergy[] = i % 4 === 1 ? [ALLERGY_SAMPLES[i % ALLERGY_SAMPLES.length]!] : [];
    const ageDays = rng.int(120, 14 * 365);
    return {
      id: demoUuid('patient', i),
      ownerId: ownerRows[i < OWNER_NAMES.length ? i : (i * 7) % OWNER_NAMES.length]!.id,
      name,
      species: kind.species,
      breed: rng.pick(kind.breeds),
      sex: rng.pick(['male', 'female'] as const),
      neutered: rng.chance(0.6),
      dateOfBirth: toCalendarDate(new Date(today.getTime() - ageDays * DAY)),
      weightKg: round2(minW + rng.next() * (maxW - minW)),
      allergies,
      microchipId: i % 3 === 2 ? null : `98510${String(100000000 + i * 7919).slice(0, 10)}`,
    };
  });

  // A week of appointments (3 days back to 3 days ahead), 30-minute slots from 09:00, never overlapping per vet.
  const appointmentRows: (typeof appointments.$inferInsert)[] = [];
  for (let dayOffset = -3; dayOffset <= 3; dayOffset++) {
    for (const [v, vetId] of vetIds.entries()) {
      const slots = [...new Set(Array.from({ length: 6 }, () => rng.int(0, 15)))].sort((a, b) => a - b);
      for (const slot of slots) {
        const n = appointmentRows.length;
        const startsAt = at(dayOffset, 9 * 60 + slot * 30);
        const patient = patientRows[(n * 5 + v) % patientRows.length]!;
        const priority: AppointmentPriority = n % 11 === 3 ? 'emergency' : n % 7 === 2 ? 'urgent' : 'routine';
        const { status, stamps } = demoStatus(startsAt, now, n);
        appointmentRows.push({
          id: demoUuid('appointment', n),
          patientId: patient.id,
          veterinarianId: vetId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * 60_000),
          reason: VISIT_REASONS[n % VISIT_REASONS.length]!,
          priority,
          status,
          ...stamps,
          cancelReason: status === 'cancelled' ? 'Owner rescheduled by phone' : null,
          createdBy: assistantId,
        });
      }
    }
  }

  // Histories: two to five past visits per patient, weights drifting over time; completed demo appointments
  // get their visit record too.
  const recordRows: (typeof medicalRecords.$inferInsert)[] = [];
  for (const patient of patientRows) {
    const visits = rng.int(2, 5);
    let weight = patient.weightKg * (0.8 + rng.next() * 0.15);
    for (let k = 0; k < visits; k++) {
      const daysAgo = (visits - k) * rng.int(60, 150) + 7;
      weight = round2(Math.min(patient.weightKg * 1.1, weight * (1 + rng.next() * 0.08)));
      recordRows.push(
        demoRecord(recordRows.length, patient.id, rng.pick(vetIds), at(-daysAgo, 10 * 60), weight),
      );
    }
  }
  for (const appointment of appointmentRows.filter((a) => a.status === 'completed')) {
    const patient = patientRows.find((p) => p.id === appointment.patientId)!;
    recordRows.push({
      ...demoRecord(
        recordRows.length,
        patient.id,
        appointment.veterinarianId,
        appointment.startsAt,
        patient.weightKg,
      ),
      appointmentId: appointment.id,
      reason: appointment.reason,
    });
  }

  await db.transaction(async (tx) => {
    await setAuditContext(tx, { userId: null, requestId: DEMO_DATA_REQUEST_ID });
    await tx.insert(systemUsers).values(userRows).onConflictDoNothing();
    await tx.insert(owners).values(ownerRows).onConflictDoNothing();
    await tx.insert(patients).values(patientRows).onConflictDoNothing();
    await tx.insert(appointments).values(appointmentRows).onConflictDoNothing();
    await tx.insert(medicalRecords).values(recordRows).onConflictDoNothing();
    // The demo week has appointments every day from 09:00 to 17:00 and the browser tests book into the early
    // evening: the demo clinic opens 08:00–20:00 on weekdays and 09:00–17:00 at the weekend, and its vets work
    // every day. Hours an admin already changed are kept.
    await tx
      .update(clinicSettings)
      .set({ openingHours: DEMO_OPENING_HOURS })
      .where(
        and(
          eq(clinicSettings.id, CLINIC_SETTINGS_ID),
          eq(clinicSettings.updatedAt, clinicSettings.createdAt),
        ),
      );
    await tx
      .insert(veterinarianSchedules)
      .values(vetIds.map((veterinarianId) => ({ veterinarianId, workingDays: [...WEEKDAYS] })))
      .onConflictDoNothing();
  });

  return {
    users: userRows.length,
    owners: ownerRows.length,
    patients: patientRows.length,
    appointments: appointmentRows.length,
    medicalRecords: recordRows.length,
  };

  function demoRecord(
    n: number,
    patientId: string,
    veterinarianId: string,
    visitedAt: Date,
    weightKg: number,
  ) {
    return {
      id: demoUuid('record', n),
      patientId,
      veterinarianId,
      visitedAt,
      reason: VISIT_REASONS[(n * 3) % VISIT_REASONS.length]!,
      findings: 'Alert and responsive. Heart and lungs normal on auscultation.',
      diagnosis: DIAGNOSES[n % DIAGNOSES.length]!,
      treatment: TREATMENTS[n % TREATMENTS.length]!,
      prescriptions: n % 3 === 0 ? 'Meloxicam 0.1 mg/kg once daily, 5 days' : null,
      weightKg,
      temperatureC: round2(38 + rng.next() * 1.2),
      followUpOn: n % 4 === 0 ? toCalendarDate(new Date(visitedAt.getTime() + 14 * DAY)) : null,
      createdAt: visitedAt,
      updatedAt: visitedAt,
    };
  }
}

/** A plausible status for a demo appointment at `startsAt`, seen at `now`, with the matching time stamps. */
function demoStatus(startsAt: Date, now: Date, n: number) {
  const minutesAgo = (now.getTime() - startsAt.getTime()) / 60_000;
  const minutesAfter = (m: number) => new Date(startsAt.getTime() + m * 60_000);
  let status: AppointmentStatus;
  if (n % 13 === 5) status = 'cancelled';
  else if (minutesAgo > 60) status = n % 17 === 4 ? 'no_show' : 'completed';
  else if (minutesAgo > 30) status = 'in_progress';
  else if (minutesAgo > -20) status = 'checked_in';
  else status = n % 3 === 0 ? 'confirmed' : 'scheduled';
  const checkedIn = ['checked_in', 'in_progress', 'completed'].includes(status);
  return {
    status,
    stamps: {
      checkedInAt: checkedIn ? minutesAfter(-10) : null,
      startedAt: status === 'in_progress' || status === 'completed' ? minutesAfter(2) : null,
      completedAt: status === 'completed' ? minutesAfter(28) : null,
    },
  };
}
