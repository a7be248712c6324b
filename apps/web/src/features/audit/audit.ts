import type { AuditAction, AuditedTable } from '@vetflow/schema/values';
import { humanize } from '../../lib/format';

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** Columns every row has that say nothing to a reader of the timeline. */
const NOISE = new Set(['id', 'created_at', 'updated_at']);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A stored value (JSON from the audit trigger) as short readable text. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (DATE_TIME.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime()))
        return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    }
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value
      .map((item) => {
        if (item && typeof item === 'object' && 'allergen' in item) {
          const a = item as { allergen: string; severity?: string; reaction?: string | null };
          return `${a.allergen}${a.severity ? ` (${a.severity})` : ''}${a.reaction ? `: ${a.reaction}` : ''}`;
        }
        return displayValue(item) ?? '—';
      })
      .join('; ');
  }
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The field-by-field change an audit entry records: for an update the changed fields (as the trigger listed
 * them, or computed when absent), for an insert every value set, for a delete every value it had. Auth events
 * carry their details in new_values and read the same way.
 */
export function auditDiff(entry: {
  action: AuditAction;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
  changedFields: string[] | null;
}): FieldChange[] {
  const before = entry.oldValues ?? {};
  const after = entry.newValues ?? {};
  let fields: string[];
  if (entry.action === 'update') {
    fields =
      entry.changedFields && entry.changedFields.length > 0
        ? entry.changedFields
        : [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
            (k) => !same(before[k], after[k]),
          );
  } else if (entry.action === 'delete') {
    fields = Object.keys(before);
  } else {
    fields = Object.keys(after);
  }
  return fields
    .filter((f) => !NOISE.has(f))
    .filter((f) => {
      if (entry.action === 'update') return true;
      const v = entry.action === 'delete' ? before[f] : after[f];
      return v !== null && v !== undefined && v !== '';
    })
    .map((field) => ({
      field,
      label: humanize(field),
      before: entry.action === 'update' || entry.action === 'delete' ? displayValue(before[field]) : null,
      after: entry.action === 'delete' ? null : displayValue(after[field]),
    }));
}

export const ACTION_LABELS: Record<AuditAction, string> = {
  insert: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  login: 'Signed in',
  login_failed: 'Failed sign-in',
  login_throttled: 'Sign-in throttled',
  logout: 'Signed out',
  password_changed: 'Password changed',
  session_revoked: 'Session revoked',
};

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

export const TABLE_LABELS: Record<AuditedTable, string> = {
  owners: 'Owner',
  patients: 'Patient',
  appointments: 'Appointment',
  medical_records: 'Medical record',
  system_users: 'Staff account',
  appointment_types: 'Appointment type',
  clinic_settings: 'Clinic settings',
  veterinarian_schedules: 'Working days',
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

/** A short name for the record an entry is about, from whatever its values hold. */
export function recordTitle(table: string | null, values: Record<string, unknown> | null): string | null {
  if (!values) return null;
  const s = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : null);
  switch (table) {
    case 'owners':
      return [s('first_name'), s('last_name')].filter(Boolean).join(' ') || null;
    case 'patients':
      return s('name');
    case 'appointments':
    case 'medical_records':
      return s('reason');
    case 'system_users':
      return s('full_name') ?? s('username');
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
