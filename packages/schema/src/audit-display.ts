/**
 * How the audit timeline reads for a person: actions, record kinds, field names and values as labels, ids as
 * the names they point to, and who acted. Shared by the screen (browser time zone) and the CSV export (the time
 * zone the browser sends), so both say the same thing. Pure: dates are formatted by the caller's function.
 */
import type { AuditAction, AuditedTable } from './values';

/** The request id the demo seed writes its rows under (the audit trigger records `app.request_id`). */
export const DEMO_DATA_REQUEST_ID = 'demo-seed';
/** The request id of the first start's own account creation (apps/api bootstrap). */
export const FIRST_START_REQUEST_ID = 'bootstrap';

/** Rows written outside the app's requests under a well-known request id, and whom they are shown as. */
export const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
  [DEMO_DATA_REQUEST_ID]: 'Demo data',
  [FIRST_START_REQUEST_ID]: 'VetFlow first start',
};

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

/** What kind of record a table holds, in the words of the desk ("Patient", not "patients"). */
const RECORD_KINDS: Readonly<Record<AuditedTable, string>> = {
  owners: 'Owner',
  patients: 'Patient',
  appointments: 'Appointment',
  medical_records: 'Medical record',
  system_users: 'Staff account',
  appointment_types: 'Appointment type',
  clinic_settings: 'Clinic settings',
  veterinarian_schedules: 'Working days',
};

/** `checked_in` → "Checked in"; `first_name` → "First name". */
export const humanize = (value: string) => {
  const spaced = value
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

export const recordKind = (table: string) =>
  Object.hasOwn(RECORD_KINDS, table) ? RECORD_KINDS[table as AuditedTable] : humanize(table);

/**
 * Columns of the audited rows that hold another record's id, and the table it is in: the timeline shows the
 * name instead. Any other `…_by` column names a staff account.
 */
export const REFERENCE_FIELDS: Readonly<Record<string, string>> = {
  owner_id: 'owners',
  patient_id: 'patients',
  veterinarian_id: 'system_users',
  user_id: 'system_users',
  appointment_id: 'appointments',
  amends_record_id: 'medical_records',
  appointment_type_id: 'appointment_types',
};
export const referencedTable = (field: string) =>
  Object.hasOwn(REFERENCE_FIELDS, field)
    ? REFERENCE_FIELDS[field]
    : field.endsWith('_by')
      ? 'system_users'
      : undefined;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  owner_id: 'Owner',
  patient_id: 'Patient',
  veterinarian_id: 'Veterinarian',
  user_id: 'Staff member',
  appointment_id: 'Appointment',
  amends_record_id: 'Amends record',
  appointment_type_id: 'Appointment type',
  created_by: 'Booked by',
  starts_at: 'Starts',
  ends_at: 'Ends',
  is_active: 'Active',
  weight_kg: 'Weight (kg)',
  full_name: 'Name',
};
export const fieldLabel = (field: string) =>
  Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field]! : humanize(field);

/** Fields whose values are codes of an enum ("checked_in"): shown as words ("Checked in"). */
const ENUM_FIELDS = new Set(['status', 'priority', 'role', 'sex', 'severity', 'action', 'kind']);

/** A record another one points to: its name and, for an appointment or a visit, when it is. */
export interface AuditName {
  label: string;
  at: Date | null;
}

export interface DisplayOptions {
  formatDateTime: (d: Date) => string;
  /** Names of the ids the entry holds (from the API). */
  names?: Readonly<Record<string, AuditName>>;
}

export const nameText = (name: AuditName, formatDateTime: (d: Date) => string) =>
  name.at ? `${name.label}, ${formatDateTime(new Date(name.at))}` : name.label;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ENUM_CODE = /^[a-z][a-z_-]*$/;

/** A stored value (JSON from the audit trigger) of `field` as short readable text. */
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function displayValue(field: string, value: unknown, options: DisplayOptions): string | null {
  if (value === null || value === undefined) return null;
  // The scheduling settings: ISO weekdays (1 = Monday), and opening hours per weekday from Monday (null = closed).
  if (field === 'working_days' && Array.isArray(value)) {
    return value.length ? value.map((d) => WEEKDAYS[Number(d) - 1] ?? String(d)).join(', ') : 'none';
  }
  if (field === 'opening_hours' && Array.isArray(value)) {
    return value
      .map(
        (h: { open?: string; close?: string } | null, i) =>
          `${WEEKDAYS[i] ?? i + 1} ${h?.open && h.close ? `${h.open}–${h.close}` : 'closed'}`,
      )
      .join(', ');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const name =
      referencedTable(field) && options.names && Object.hasOwn(options.names, value)
        ? options.names[value]
        : undefined;
    if (name) return nameText(name, options.formatDateTime);
    if (DATE_TIME.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return options.formatDateTime(d);
    }
    if (ENUM_FIELDS.has(field) && ENUM_CODE.test(value)) return humanize(value);
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
        return displayValue(field, item, options) ?? '—';
      })
      .join('; ');
  }
  return JSON.stringify(value);
}

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** The order a reader expects a record's fields in (the snapshot's own order is the database's); others follow. */
const FIELD_ORDER = [
  'name',
  'first_name',
  'last_name',
  'full_name',
  'username',
  'patient_id',
  'owner_id',
  'veterinarian_id',
  'starts_at',
  'ends_at',
  'visited_at',
  'status',
  'priority',
  'reason',
];
const orderOf = (field: string) => {
  const i = FIELD_ORDER.indexOf(field);
  return i === -1 ? FIELD_ORDER.length : i;
};

/** Columns every row has that say nothing to a reader of the timeline. */
const NOISE = new Set(['id', 'created_at', 'updated_at']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The field-by-field change an audit entry records: for an update the changed fields (as the trigger listed
 * them, or computed when absent), for an insert every value set, for a delete every value it had. Auth events
 * carry their details in new_values and read the same way.
 */
export function auditDiff(
  entry: {
    action: AuditAction;
    oldValues: Record<string, unknown> | null;
    newValues: Record<string, unknown> | null;
    changedFields: string[] | null;
  },
  options: DisplayOptions,
): FieldChange[] {
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
  return [...fields]
    .sort((a, b) => orderOf(a) - orderOf(b))
    .filter((f) => !NOISE.has(f))
    .filter((f) => {
      if (entry.action === 'update') return true;
      const v = entry.action === 'delete' ? before[f] : after[f];
      return v !== null && v !== undefined && v !== '';
    })
    .map((field) => ({
      field,
      label: fieldLabel(field),
      before:
        entry.action === 'update' || entry.action === 'delete'
          ? displayValue(field, before[field], options)
          : null,
      after: entry.action === 'delete' ? null : displayValue(field, after[field], options),
    }));
}

const ROW_CHANGES = new Set<string>(['insert', 'update', 'delete']);

/** The label of a well-known request id, or undefined (own keys only: a request id may be any text). */
export const systemActor = (requestId: string | null) =>
  requestId && Object.hasOwn(SYSTEM_ACTORS, requestId) ? SYSTEM_ACTORS[requestId] : undefined;

/**
 * Who an entry says acted: the staff member; an account since removed; nobody signed in (a failed sign-in); the
 * demo data or the first start; or, for a change made straight in the database, a maintenance task naming the
 * database user it ran as.
 */
export function actorName(e: {
  action: AuditAction;
  userId: string | null;
  userFullName: string | null;
  requestId: string | null;
  dbUser: string;
}): string {
  if (e.userFullName) return e.userFullName;
  if (e.userId) return 'Unknown user';
  const system = systemActor(e.requestId);
  if (system) return system;
  if (!ROW_CHANGES.has(e.action)) return 'Not signed in';
  return `Maintenance task (database user ${e.dbUser})`;
}

/**
 * The name of the record an entry is about: as the API resolved it (an appointment: "Bella, 25 Nov 10:30"), or
 * else from the entry's own snapshot (a record since gone), or null.
 */
export function recordName(
  e: {
    tableName: string | null;
    recordId: string | null;
    oldValues: Record<string, unknown> | null;
    newValues: Record<string, unknown> | null;
    names?: Readonly<Record<string, AuditName>>;
  },
  formatDateTime: (d: Date) => string,
): string | null {
  if (e.recordId && e.names && Object.hasOwn(e.names, e.recordId))
    return nameText(e.names[e.recordId]!, formatDateTime);
  const values = e.newValues ?? e.oldValues;
  if (!values) return null;
  const s = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : null);
  switch (e.tableName) {
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
