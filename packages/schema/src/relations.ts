import { relations } from 'drizzle-orm';
import { appointments } from './tables/appointments';
import { auditLog } from './tables/audit-log';
import { medicalRecords } from './tables/medical-records';
import { owners } from './tables/owners';
import { patients } from './tables/patients';
import { sessions } from './tables/sessions';
import { systemUsers } from './tables/system-users';

export const ownersRelations = relations(owners, ({ many }) => ({ patients: many(patients) }));

export const patientsRelations = relations(patients, ({ one, many }) => ({
  owner: one(owners, { fields: [patients.ownerId], references: [owners.id] }),
  appointments: many(appointments),
  medicalRecords: many(medicalRecords),
}));

export const appointmentsRelations = relations(appointments, ({ one, many }) => ({
  patient: one(patients, { fields: [appointments.patientId], references: [patients.id] }),
  veterinarian: one(systemUsers, { fields: [appointments.veterinarianId], references: [systemUsers.id] }),
  medicalRecords: many(medicalRecords),
}));

export const medicalRecordsRelations = relations(medicalRecords, ({ one, many }) => ({
  patient: one(patients, { fields: [medicalRecords.patientId], references: [patients.id] }),
  veterinarian: one(systemUsers, { fields: [medicalRecords.veterinarianId], references: [systemUsers.id] }),
  appointment: one(appointments, { fields: [medicalRecords.appointmentId], references: [appointments.id] }),
  amends: one(medicalRecords, {
    fields: [medicalRecords.amendsRecordId],
    references: [medicalRecords.id],
    relationName: 'addenda',
  }),
  addenda: many(medicalRecords, { relationName: 'addenda' }),
}));

export const systemUsersRelations = relations(systemUsers, ({ many }) => ({
  sessions: many(sessions),
  medicalRecords: many(medicalRecords),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(systemUsers, { fields: [sessions.userId], references: [systemUsers.id] }),
}));

export const auditLogRelations = relations(auditLog, ({ one }) => ({
  user: one(systemUsers, { fields: [auditLog.userId], references: [systemUsers.id] }),
}));
