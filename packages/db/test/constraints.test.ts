import { randomUUID } from 'node:crypto';
import {
  appointments,
  appointmentTypes,
  auditArchivedRows,
  auditArchives,
  auditLog,
  auditSeals,
  CLINIC_SETTINGS_ID,
  clinicSettings,
  LIMITS,
  loginRateLimits,
  loginThrottles,
  medicalRecords,
  owners,
  patients,
  sessions,
  systemUsers,
  veterinarianSchedules,
} from '@vetflow/schema';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { queryRows } from '../src/raw';
import { createTestDb } from '../src/testing';
import {
  appointmentRow,
  insertOwner,
  insertPatient,
  insertUser,
  ownerRow,
  patientRow,
  recordRow,
  refused,
  slot,
  userRow,
} from './helpers';

// Every rule the database enforces, each shown refusing bad rows (by the rule's own name, which the API maps to
// a field error) and accepting a good one, so a rule that is missing, misnamed or too strict fails here.

let handle: DbHandle;
let db: Database;
const f = {} as {
  ownerId: string;
  ownerWithPatientId: string;
  otherOwnerId: string;
  vetId: string;
  inactiveVetId: string;
  assistantId: string;
  patientId: string;
  deceasedId: string;
  inactivePatientId: string;
  recordId: string;
  bookedVetId: string;
  ownerEmail: string;
  chip: string;
  username: string;
  userEmail: string;
};

// Each appointment gets its own hour, so the good rows never collide with each other.
let hour = 0;
const nextSlot = () => slot(new Date(Date.UTC(2030, 0, 1) + hour++ * 3_600_000));

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  f.ownerEmail = 'Taken.Owner@example.com';
  f.ownerId = (await insertOwner(db, { email: f.ownerEmail })).id;
  f.otherOwnerId = (await insertOwner(db)).id;
  f.chip = '985100000000001';
  const patient = await insertPatient(db, { ownerId: f.ownerId, microchipId: f.chip });
  f.patientId = patient.id;
  f.ownerWithPatientId = patient.ownerId;
  f.deceasedId = (await insertPatient(db, { ownerId: f.ownerId, deceasedAt: new Date('2029-01-01') })).id;
  f.inactivePatientId = (await insertPatient(db, { ownerId: f.ownerId, isActive: false })).id;
  f.username = 'dr.taken';
  f.userEmail = 'taken@vetflow.example';
  f.vetId = (await insertUser(db, { username: f.username, email: f.userEmail })).id;
  f.inactiveVetId = (await insertUser(db, { isActive: false })).id;
  f.assistantId = (await insertUser(db, { role: 'assistant' })).id;
  const [record] = await db
    .insert(medicalRecords)
    .values(recordRow(f.patientId, f.vetId))
    .returning({ id: medicalRecords.id });
  f.recordId = record!.id;
  f.bookedVetId = (await insertUser(db)).id;
  await db.insert(appointments).values(appointmentRow(f.patientId, f.bookedVetId, nextSlot()));
});
afterAll(() => handle?.close());

const seal = (id: number, prev = 'a') => ({
  id,
  sealedAt: new Date(),
  firstId: 1,
  lastId: 0,
  rowCount: 0,
  lateIds: [],
  gapIds: [],
  closedIds: [],
  openIds: [],
  snapshotXmax: 1,
  rowsHash: '0',
  prevHash: prev.repeat(64),
  sealHash: String(id),
});

const CHECK = '23514';
const UNIQUE = '23505';
const FOREIGN_KEY = '23503';
const RESTRICT = '23001';

interface Rule {
  rule: string;
  code: string | string[];
  bad: Record<string, () => PromiseLike<unknown>>;
  good: () => PromiseLike<unknown>;
}

const archive = (month: string): typeof auditArchives.$inferInsert => ({
  month,
  partitionName: 'audit_log_x',
  rowCount: 0,
  rowsHash: 'x',
  fileName: 'x',
  fileSha256: 'x',
  wholeSeals: [],
});
const owner = (over: Partial<typeof owners.$inferInsert>) => db.insert(owners).values(ownerRow(over));
const patient = (over: Partial<typeof patients.$inferInsert>) =>
  db.insert(patients).values(patientRow(f.ownerId, over));
const user = (over: Partial<typeof systemUsers.$inferInsert>) => db.insert(systemUsers).values(userRow(over));
const appointment = (over: Partial<typeof appointments.$inferInsert>) =>
  db.insert(appointments).values(appointmentRow(f.patientId, f.vetId, { ...nextSlot(), ...over }));
const record = (over: Partial<typeof medicalRecords.$inferInsert>) =>
  db.insert(medicalRecords).values(recordRow(f.patientId, f.vetId, over));
const appointmentType = (over: Partial<typeof appointmentTypes.$inferInsert>) =>
  db.insert(appointmentTypes).values({ name: `Type ${randomUUID()}`, defaultMinutes: 30, ...over });
const settings = (over: Partial<typeof clinicSettings.$inferInsert>) =>
  db.update(clinicSettings).set(over).where(eq(clinicSettings.id, CLINIC_SETTINGS_ID));
const session = (userId: string) =>
  db.insert(sessions).values({ id: randomUUID(), userId, expiresAt: new Date(Date.now() + 3_600_000) });

const rules: Rule[] = [
  {
    rule: 'owners_email_check',
    code: CHECK,
    bad: {
      'no dot in the domain': () => owner({ email: 'a@b' }),
      'a space': () => owner({ email: 'a b@c.de' }),
      'two @': () => owner({ email: 'a@b@c.de' }),
    },
    good: () => owner({ email: 'first.last+tag@mail.example.co.uk' }),
  },
  {
    rule: 'owners_phone_check',
    code: CHECK,
    bad: {
      letters: () => owner({ phone: 'abc' }),
      'too short': () => owner({ phone: '12' }),
      'ends with a separator': () => owner({ phone: '555-123-' }),
    },
    good: () => owner({ phone: '+1 (555) 123-4567' }),
  },
  {
    rule: 'owners_name_check',
    code: CHECK,
    bad: {
      'blank first name': () => owner({ firstName: '   ' }),
      'empty last name': () => owner({ lastName: '' }),
    },
    good: () => owner({ firstName: 'Grace', lastName: 'Hopper' }),
  },
  {
    rule: 'owners_active_email_key',
    code: UNIQUE,
    bad: {
      'same email, another case (citext)': () => owner({ email: f.ownerEmail.toUpperCase() }),
    },
    // A deactivated duplicate does not count: the email belongs to the active owner.
    good: () => owner({ email: f.ownerEmail.toLowerCase(), isActive: false }),
  },
  {
    rule: 'patients_weight_kg_check',
    code: CHECK,
    bad: {
      zero: () => patient({ weightKg: 0 }),
      negative: () => patient({ weightKg: -1 }),
      'minus 3 kg': () => patient({ weightKg: -3 }),
      'over 1500 kg': () => patient({ weightKg: 1500.01 }),
    },
    good: () => patient({ weightKg: 1500 }),
  },
  {
    rule: 'patients_microchip_id_check',
    code: CHECK,
    bad: {
      'too short': () => patient({ microchipId: '12345678' }),
      'too long': () => patient({ microchipId: '1234567890123456' }),
      punctuation: () => patient({ microchipId: '123-456-789' }),
    },
    good: () => patient({ microchipId: 'ABC123456' }),
  },
  {
    rule: 'patients_microchip_id_key',
    code: UNIQUE,
    bad: { 'a microchip already in use': () => patient({ microchipId: f.chip }) },
    good: () => patient({ microchipId: '985100000000002' }),
  },
  {
    rule: 'patients_allergies_check',
    code: CHECK,
    bad: { 'an object, not a list': () => patient({ allergies: { allergen: 'pollen' } as never }) },
    good: () => patient({ allergies: [{ allergen: 'Penicillin', severity: 'severe', reaction: 'Hives' }] }),
  },
  {
    rule: 'patients_name_check',
    code: CHECK,
    bad: {
      'blank name': () => patient({ name: ' ' }),
      'empty species': () => patient({ species: '' }),
    },
    good: () => patient({ name: 'Luna', species: 'Cat' }),
  },
  {
    rule: 'patients_owner_id_owners_id_fk',
    code: FOREIGN_KEY,
    bad: {
      'an unknown owner': () => patient({ ownerId: randomUUID() }),
    },
    good: () => patient({ ownerId: f.otherOwnerId }),
  },
  {
    // ON DELETE RESTRICT: an owner with patients cannot be deleted. PostgreSQL 15 reports it as a
    // foreign_key_violation, later versions (and PGlite) as restrict_violation: the API must map both.
    rule: 'patients_owner_id_owners_id_fk',
    code: [FOREIGN_KEY, RESTRICT],
    bad: {
      'deleting an owner who has patients': () =>
        db.delete(owners).where(eq(owners.id, f.ownerWithPatientId)),
    },
    good: async () => {
      const { id } = await insertOwner(db);
      const deleted = await db.delete(owners).where(eq(owners.id, id)).returning();
      expect(deleted).toHaveLength(1);
      return deleted;
    },
  },
  {
    rule: 'system_users_username_key',
    code: UNIQUE,
    bad: { 'same username, another case (citext)': () => user({ username: f.username.toUpperCase() }) },
    good: () => user({ username: 'dr.free' }),
  },
  {
    rule: 'system_users_email_key',
    code: UNIQUE,
    bad: { 'same email, another case (citext)': () => user({ email: f.userEmail.toUpperCase() }) },
    good: () => user({ email: 'free@vetflow.example' }),
  },
  {
    rule: 'system_users_username_check',
    code: CHECK,
    bad: {
      'too short': () => user({ username: 'ab' }),
      'a space': () => user({ username: 'dr smith' }),
      'too long': () => user({ username: 'a'.repeat(41) }),
    },
    good: () => user({ username: `a${'b'.repeat(39)}` }),
  },
  {
    rule: 'system_users_email_check',
    code: CHECK,
    bad: { 'no dot in the domain': () => user({ email: 'a@b' }) },
    good: () => user({ email: 'a@b.co' }),
  },
  {
    rule: 'system_users_full_name_check',
    code: CHECK,
    bad: {
      blank: () => user({ fullName: '  ' }),
      'over 120 characters': () => user({ fullName: 'x'.repeat(121) }),
    },
    good: () => user({ fullName: 'x'.repeat(120) }),
  },
  {
    rule: 'system_users_failed_login_count_check',
    code: CHECK,
    bad: { negative: () => user({ failedLoginCount: -1 }) },
    good: () => user({ failedLoginCount: 3 }),
  },
  {
    rule: 'appointments_time_order_check',
    code: CHECK,
    bad: {
      'ends when it starts': () => appointment(slot('2031-01-01T10:00:00Z', 0)),
      'ends before it starts': () => appointment(slot('2031-01-01T10:00:00Z', -30)),
    },
    good: () => appointment({}),
  },
  {
    rule: 'appointments_duration_check',
    code: CHECK,
    bad: {
      'longer than 12 hours': () =>
        appointment(slot('2031-01-02T06:00:00Z', LIMITS.maxAppointmentMinutes + 1)),
    },
    good: () => appointment(slot('2031-01-03T06:00:00Z', LIMITS.maxAppointmentMinutes)),
  },
  {
    rule: 'appointments_reason_check',
    code: CHECK,
    bad: { 'a blank reason': () => appointment({ reason: '   ' }) },
    good: () => appointment({ reason: 'Vaccination' }),
  },
  {
    rule: 'appointments_cancel_reason_check',
    code: CHECK,
    bad: { 'cancelled without a reason': () => appointment({ status: 'cancelled' }) },
    good: () => appointment({ status: 'cancelled', cancelReason: 'Owner called' }),
  },
  {
    rule: 'appointments_patient_bookable',
    code: CHECK,
    bad: {
      'a deceased patient': () => appointment({ patientId: f.deceasedId }),
      'an inactive patient': () => appointment({ patientId: f.inactivePatientId }),
    },
    good: () => appointment({ patientId: f.patientId }),
  },
  {
    rule: 'appointments_veterinarian_check',
    code: CHECK,
    bad: {
      'an assistant': () => appointment({ veterinarianId: f.assistantId }),
      'an inactive veterinarian': () => appointment({ veterinarianId: f.inactiveVetId }),
    },
    good: () => appointment({ veterinarianId: f.vetId }),
  },
  {
    rule: 'appointments_patient_id_patients_id_fk',
    code: FOREIGN_KEY,
    bad: { 'an unknown patient': () => appointment({ patientId: randomUUID() }) },
    good: () => appointment({ patientId: f.patientId }),
  },
  {
    rule: 'appointments_created_by_system_users_id_fk',
    code: FOREIGN_KEY,
    bad: { 'an unknown author': () => appointment({ createdBy: randomUUID() }) },
    good: () => appointment({ createdBy: f.assistantId }),
  },
  {
    // Inserting with an unknown vet trips appointments_veterinarian_check first, so the key shows on delete.
    rule: 'appointments_veterinarian_id_system_users_id_fk',
    code: [FOREIGN_KEY, RESTRICT],
    bad: {
      'deleting a veterinarian who has appointments': () =>
        db.delete(systemUsers).where(eq(systemUsers.id, f.bookedVetId)),
    },
    good: async () => {
      const { id } = await insertUser(db);
      const deleted = await db.delete(systemUsers).where(eq(systemUsers.id, id)).returning();
      expect(deleted).toHaveLength(1);
      return deleted;
    },
  },
  {
    rule: 'medical_records_patient_id_patients_id_fk',
    code: FOREIGN_KEY,
    bad: { 'an unknown patient': () => record({ patientId: randomUUID() }) },
    good: () => record({ patientId: f.patientId }),
  },
  {
    rule: 'medical_records_veterinarian_id_system_users_id_fk',
    code: FOREIGN_KEY,
    bad: { 'an unknown veterinarian': () => record({ veterinarianId: randomUUID() }) },
    good: () => record({ veterinarianId: f.vetId }),
  },
  {
    rule: 'medical_records_appointment_id_appointments_id_fk',
    code: FOREIGN_KEY,
    bad: { 'an unknown appointment': () => record({ appointmentId: randomUUID() }) },
    good: async () => {
      const [booked] = await appointment({}).returning({ id: appointments.id });
      return record({ appointmentId: booked!.id });
    },
  },
  {
    rule: 'medical_records_amends_record_id_medical_records_id_fk',
    code: FOREIGN_KEY,
    bad: { 'amending an unknown record': () => record({ amendsRecordId: randomUUID() }) },
    good: () => record({ amendsRecordId: f.recordId }),
  },
  {
    rule: 'sessions_user_id_system_users_id_fk',
    code: FOREIGN_KEY,
    bad: { 'an unknown user': () => session(randomUUID()) },
    good: () => session(f.vetId),
  },
  {
    rule: 'sessions_public_id_key',
    code: UNIQUE,
    bad: {
      'two sessions with one public id': () =>
        db.insert(sessions).values(
          [randomUUID(), randomUUID()].map((id) => ({
            id,
            publicId: 'shared-public-id',
            userId: f.vetId,
            expiresAt: new Date(Date.now() + 3_600_000),
          })),
        ),
    },
    good: () => session(f.vetId),
  },
  {
    rule: 'login_throttles_failures_check',
    code: CHECK,
    bad: {
      'negative failures': () => db.insert(loginThrottles).values({ account: randomUUID(), failures: -1 }),
      'negative unlogged refusals': () =>
        db.insert(loginThrottles).values({ account: randomUUID(), unloggedRefusals: -1 }),
    },
    good: () => db.insert(loginThrottles).values({ account: randomUUID(), failures: 3, unloggedRefusals: 2 }),
  },
  {
    rule: 'login_rate_limits_attempts_check',
    code: CHECK,
    bad: {
      'no attempts': () =>
        db.insert(loginRateLimits).values({ ip: '192.0.2.9', windowStartedAt: new Date(), attempts: 0 }),
    },
    good: () =>
      db.insert(loginRateLimits).values({ ip: '192.0.2.10', windowStartedAt: new Date(), attempts: 1 }),
  },
  {
    rule: 'audit_log_user_id_system_users_id_fk',
    code: FOREIGN_KEY,
    bad: { 'an unknown actor': () => db.insert(auditLog).values({ action: 'login', userId: randomUUID() }) },
    good: () => db.insert(auditLog).values({ action: 'login', userId: f.vetId }),
  },
  {
    rule: 'audit_seals_prev_hash_key',
    code: UNIQUE,
    bad: {
      'a second seal after the same one (a forked chain)': () =>
        db.insert(auditSeals).values([seal(1), seal(2)]),
    },
    good: () => db.insert(auditSeals).values(seal(3, 'b')),
  },
  {
    rule: 'audit_archives_month_unique',
    code: UNIQUE,
    bad: {
      'a month archived twice': () =>
        db.insert(auditArchives).values([archive('2001-01-01'), archive('2001-01-01')]),
    },
    good: () => db.insert(auditArchives).values(archive('2001-02-01')),
  },
  {
    rule: 'audit_archived_rows_archive_id_audit_archives_id_fk',
    code: FOREIGN_KEY,
    bad: {
      'an unknown archive': () =>
        db.insert(auditArchivedRows).values({ id: 1, rowHash: 'x', archiveId: 999_999 }),
    },
    good: async () => {
      const [made] = await db.insert(auditArchives).values(archive('2001-03-01')).returning();
      return db.insert(auditArchivedRows).values({ id: 2, rowHash: 'x', archiveId: made!.id });
    },
  },
  {
    rule: 'medical_records_temperature_c_check',
    code: CHECK,
    bad: {
      'below 25 °C': () => record({ temperatureC: 24.9 }),
      'above 45 °C': () => record({ temperatureC: 45.1 }),
      '48 °C': () => record({ temperatureC: 48 }),
    },
    good: () => record({ temperatureC: 45 }),
  },
  {
    rule: 'medical_records_weight_kg_check',
    code: CHECK,
    bad: {
      zero: () => record({ weightKg: 0 }),
      'minus 3 kg': () => record({ weightKg: -3 }),
      'over 1500 kg': () => record({ weightKg: 1500.01 }),
    },
    good: () => record({ weightKg: 0.01 }),
  },
  {
    // Not before the visit's calendar date where it is earliest (UTC−12): 10:00 UTC is the day before there.
    rule: 'medical_records_follow_up_on_after_visit_check',
    code: CHECK,
    bad: {
      'a week before the visit': () =>
        record({ visitedAt: new Date('2029-12-01T10:00:00Z'), followUpOn: '2029-11-24' }),
      'two days before a 10:00 UTC visit': () =>
        record({ visitedAt: new Date('2029-12-01T10:00:00Z'), followUpOn: '2029-11-29' }),
      'the day before a 12:00 UTC visit': () =>
        record({ visitedAt: new Date('2029-12-01T12:00:00Z'), followUpOn: '2029-11-30' }),
    },
    good: () => record({ visitedAt: new Date('2029-12-01T10:00:00Z'), followUpOn: '2029-12-01' }),
  },
  {
    rule: 'medical_records_reason_check',
    code: CHECK,
    bad: { blank: () => record({ reason: ' ' }) },
    good: () => record({ reason: 'Limping' }),
  },
  {
    rule: 'medical_records_not_self_amending_check',
    code: CHECK,
    bad: {
      'amends itself': () => {
        const id = randomUUID();
        return record({ id, amendsRecordId: id });
      },
    },
    good: () => record({ amendsRecordId: f.recordId }),
  },
  {
    rule: 'appointment_types_name_key',
    code: UNIQUE,
    bad: { 'a seeded name in another case (citext)': () => appointmentType({ name: 'CONSULTATION' }) },
    good: () => appointmentType({ name: 'Microchipping' }),
  },
  {
    rule: 'appointment_types_name_check',
    code: CHECK,
    bad: {
      blank: () => appointmentType({ name: '  ' }),
      'too long': () => appointmentType({ name: 'x'.repeat(121) }),
    },
    good: () => appointmentType({ name: 'x'.repeat(120) }),
  },
  {
    rule: 'appointment_types_default_minutes_check',
    code: CHECK,
    bad: {
      'under 5 minutes': () => appointmentType({ defaultMinutes: 4 }),
      'over 12 hours': () => appointmentType({ defaultMinutes: 721 }),
    },
    good: () => appointmentType({ defaultMinutes: 720 }),
  },
  {
    rule: 'appointments_appointment_type_id_appointment_types_id_fk',
    code: FOREIGN_KEY,
    bad: { 'an unknown type': () => appointment({ appointmentTypeId: randomUUID() }) },
    good: async () => {
      const [type] = await appointmentType({}).returning();
      return appointment({ appointmentTypeId: type!.id });
    },
  },
  {
    rule: 'clinic_settings_time_zone_check',
    code: CHECK,
    bad: {
      empty: () => settings({ timeZone: '' }),
      'too long': () => settings({ timeZone: 'x'.repeat(65) }),
    },
    good: () => settings({ timeZone: 'Europe/Berlin' }),
  },
  {
    rule: 'clinic_settings_opening_hours_check',
    code: CHECK,
    bad: { 'six days': () => settings({ openingHours: [null, null, null, null, null, null] }) },
    good: () => settings({ openingHours: [null, null, null, null, null, null, null] }),
  },
  // Triage thresholds (issue 11): 0–480 minutes each, an emergency never flagged later than an urgent case, nor an
  // urgent one later than a routine one (which holds the urgent threshold within the bounds too).
  {
    rule: 'clinic_settings_triage_emergency_minutes_check',
    code: CHECK,
    bad: { negative: () => settings({ triageEmergencyMinutes: -1 }) },
    good: () => settings({ triageEmergencyMinutes: 0 }),
  },
  {
    rule: 'clinic_settings_triage_routine_minutes_check',
    code: CHECK,
    bad: { 'over 8 hours': () => settings({ triageRoutineMinutes: 481 }) },
    good: () => settings({ triageRoutineMinutes: 480 }),
  },
  {
    rule: 'clinic_settings_triage_order_check',
    code: CHECK,
    bad: {
      'urgent after routine': () => settings({ triageUrgentMinutes: 40, triageRoutineMinutes: 30 }),
      'emergency after urgent': () => settings({ triageEmergencyMinutes: 20, triageUrgentMinutes: 15 }),
    },
    good: () => settings({ triageEmergencyMinutes: 15, triageUrgentMinutes: 15, triageRoutineMinutes: 15 }),
  },
  {
    rule: 'veterinarian_schedules_veterinarian_id_system_users_id_fk',
    code: FOREIGN_KEY,
    bad: {
      'an unknown vet': () =>
        db.insert(veterinarianSchedules).values({ veterinarianId: randomUUID(), workingDays: [1] }),
    },
    good: () =>
      db.insert(veterinarianSchedules).values({ veterinarianId: f.inactiveVetId, workingDays: [1] }),
  },
  {
    rule: 'veterinarian_schedules_veterinarian_id_key',
    code: UNIQUE,
    bad: {
      'a second row for a vet': () =>
        db.insert(veterinarianSchedules).values({ veterinarianId: f.inactiveVetId, workingDays: [2] }),
    },
    good: () => db.insert(veterinarianSchedules).values({ veterinarianId: f.vetId, workingDays: [1, 2] }),
  },
  // Every stored date lies in the clinic's range (1900-01-01 … 2200-12-31, as the validators say).
  {
    rule: 'appointments_starts_at_range_check',
    code: CHECK,
    bad: { 'before 1900': () => appointment(slot('1899-12-31T23:45:00Z', 30)) },
    good: () => appointment(slot('1900-01-01T00:00:00Z', 30)),
  },
  {
    rule: 'appointments_ends_at_range_check',
    code: CHECK,
    bad: { 'after 2200': () => appointment(slot('2200-12-31T23:45:00Z', 30)) },
    good: () => appointment(slot('2200-12-31T23:00:00Z', 30)),
  },
  {
    rule: 'medical_records_visited_at_range_check',
    code: CHECK,
    bad: { 'year 9999': () => record({ visitedAt: new Date('9999-01-01T00:00:00Z') }) },
    good: () => record({ visitedAt: new Date('1900-01-01T00:00:00Z') }),
  },
  {
    rule: 'medical_records_follow_up_on_range_check',
    code: CHECK,
    bad: { 'after 2200': () => record({ followUpOn: '2201-01-01' }) },
    good: () => record({ followUpOn: '2200-12-31' }),
  },
  {
    rule: 'patients_date_of_birth_range_check',
    code: CHECK,
    bad: { 'before 1900': () => patient({ dateOfBirth: '1899-12-31' }) },
    good: () => patient({ dateOfBirth: '1900-01-01' }),
  },
  {
    rule: 'patients_deceased_at_range_check',
    code: CHECK,
    bad: { 'year 1000': () => patient({ deceasedAt: new Date('1000-01-01T00:00:00Z') }) },
    good: () => patient({ deceasedAt: new Date('2200-12-31T23:59:59.999Z') }),
  },
];

describe.each(rules)('$rule ($code)', ({ rule, code, bad, good }) => {
  it.each(Object.entries(bad))('refuses %s', async (_label, statement) => {
    const failure = await refused(statement());
    expect(failure.constraint, failure.message).toBe(rule);
    expect([code].flat()).toContain(failure.code);
  });

  it('accepts a good row', async () => {
    await expect(good()).resolves.toBeDefined();
  });
});

// Rules tested in their own files.
const TESTED_ELSEWHERE = ['appointments_no_double_booking', 'appointments_no_patient_double_booking'];

describe('the table above', () => {
  it('covers every CHECK, UNIQUE, FOREIGN KEY and unique index in the catalog', async () => {
    // So a rule added by a later migration cannot go untested.
    const catalog = await queryRows<{ name: string }>(
      db,
      sql`select conname as name from pg_constraint
           where connamespace = 'public'::regnamespace and contype in ('c', 'u', 'f', 'x')
          union
          select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid
           where i.relnamespace = 'public'::regnamespace and x.indisunique and not x.indisprimary
             and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
          order by 1`,
    );
    const tested = new Set([...rules.map((r) => r.rule), ...TESTED_ELSEWHERE]);
    expect(catalog.length).toBeGreaterThan(20);
    expect(catalog.map((c) => c.name).filter((name) => !tested.has(name))).toEqual([]);
  });
});

describe('medical_records_never_deleted', () => {
  it('refuses DELETE and TRUNCATE and keeps the record', async () => {
    const remove = await refused(db.delete(medicalRecords).where(eq(medicalRecords.id, f.recordId)));
    expect(remove.constraint, remove.message).toBe('medical_records_never_deleted');
    const truncate = await refused(db.execute(sql`truncate medical_records cascade`));
    expect(truncate.constraint, truncate.message).toBe('medical_records_never_deleted');

    const left = await queryRows(db, sql`select id from medical_records where id = ${f.recordId}`);
    expect(left).toHaveLength(1);
  });

  it('still lets a record be amended', async () => {
    const [amended] = await db
      .update(medicalRecords)
      .set({ diagnosis: 'Mild otitis' })
      .where(eq(medicalRecords.id, f.recordId))
      .returning({ diagnosis: medicalRecords.diagnosis });
    expect(amended?.diagnosis).toBe('Mild otitis');
  });
});
