import { pgEnum } from 'drizzle-orm/pg-core';
import {
  APPOINTMENT_PRIORITIES,
  APPOINTMENT_STATUSES,
  AUDIT_ACTIONS,
  PATIENT_SEXES,
  USER_ROLES,
} from './values';

export const userRole = pgEnum('user_role', USER_ROLES);
export const patientSex = pgEnum('patient_sex', PATIENT_SEXES);
export const appointmentPriority = pgEnum('appointment_priority', APPOINTMENT_PRIORITIES);
export const appointmentStatus = pgEnum('appointment_status', APPOINTMENT_STATUSES);
export const auditAction = pgEnum('audit_action', AUDIT_ACTIONS);
