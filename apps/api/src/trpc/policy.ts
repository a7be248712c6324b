import type { UserRole } from '@vetflow/schema';

/** Who may call a procedure: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'authenticated' | readonly UserRole[];

const ALL: readonly UserRole[] = ['admin', 'veterinarian', 'assistant'];
const ADMIN: readonly UserRole[] = ['admin'];
const VET: readonly UserRole[] = ['veterinarian'];

/**
 * The role matrix of ARCHITECTURE.md as data. Deny by default: a procedure that is not listed here refuses
 * every caller, and the policy test fails for it.
 */
export const POLICY: Record<string, Access> = {
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.me': 'public',
  'auth.profile': 'authenticated',
  'auth.updateProfile': 'authenticated',
  'auth.sessions': 'authenticated',
  'auth.revokeSession': 'authenticated',
  'auth.changePassword': 'authenticated',

  'owners.list': ALL,
  'owners.get': ALL,
  'owners.create': ALL,
  'owners.update': ALL,
  'owners.setActive': ADMIN,

  'patients.list': ALL,
  'patients.get': ALL,
  'patients.create': ALL,
  'patients.update': ALL,
  'patients.setActive': ADMIN,
  'patients.markDeceased': ['admin', 'veterinarian'],

  'appointments.list': ALL,
  'appointments.get': ALL,
  'appointments.create': ALL,
  'appointments.reschedule': ALL,
  'appointments.setStatus': ALL,
  'appointments.cancel': ALL,

  'medicalRecords.listForPatient': ALL,
  'medicalRecords.get': ALL,
  'medicalRecords.create': VET,
  'medicalRecords.amend': VET,
  'medicalRecords.addAddendum': VET,

  'users.list': ADMIN,
  'users.veterinarians': ALL,
  'users.create': ADMIN,
  'users.update': ADMIN,
  'users.setActive': ADMIN,
  'users.resetPassword': ADMIN,
  'users.revokeSessions': ADMIN,

  'audit.list': ADMIN,
  'audit.forRecord': ADMIN,
};
