import type { AuditAction } from '@vetflow/schema/values';

export const ACTION_COLORS: Record<AuditAction, string> = {
  insert: 'green',
  update: 'blue',
  delete: 'red',
  login: 'teal',
  login_failed: 'orange',
  login_throttled: 'red',
  logout: 'gray',
  password_changed: 'grape',
  session_revoked: 'yellow',
};

/** Where in the app a record of the timeline lives, when it has a page of its own. */
export function recordLink(
  table: string | null,
  recordId: string | null,
  values: Record<string, unknown> | null,
):
  | { to: '/owners/$ownerId'; params: { ownerId: string } }
  | { to: '/patients/$patientId'; params: { patientId: string } }
  | { to: '/admin/users' }
  | null {
  if (!table || !recordId) return null;
  const patientId = typeof values?.patient_id === 'string' ? values.patient_id : null;
  switch (table) {
    case 'owners':
      return { to: '/owners/$ownerId', params: { ownerId: recordId } };
    case 'patients':
      return { to: '/patients/$patientId', params: { patientId: recordId } };
    case 'appointments':
    case 'medical_records':
      return patientId ? { to: '/patients/$patientId', params: { patientId } } : null;
    case 'system_users':
      return { to: '/admin/users' };
    default:
      return null;
  }
}

/**
 * The staff account an entry is about ("Full Name (username)"), when that is someone other than its actor: a
 * password reset or a revoked session names the admin as actor, and the account is who it happened to.
 */
export function auditAccount(e: {
  userId: string | null;
  recordId: string | null;
  accountUsername: string | null;
  accountFullName: string | null;
}): string | null {
  if (!e.accountUsername || e.recordId === e.userId) return null;
  return e.accountFullName ? `${e.accountFullName} (${e.accountUsername})` : e.accountUsername;
}
