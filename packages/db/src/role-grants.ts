import {
  appointments,
  appointmentTypes,
  auditArchivedRows,
  auditArchives,
  auditLog,
  auditSeals,
  clinicSettings,
  loginRateLimits,
  loginThrottles,
  medicalRecords,
  medicalRecordsSummary,
  ownAccount,
  owners,
  patients,
  recordChanges,
  serverSecrets,
  sessions,
  systemUsers,
  veterinarianSchedules,
} from '@vetflow/schema';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, getViewConfig, type PgTable, type PgView } from 'drizzle-orm/pg-core';

/**
 * The role matrix as PostgreSQL enforces it (defence in depth): what each database role may do to each table,
 * down to columns. Whatever is not listed is refused. Row rules (a vet amends only their own records within 24
 * hours; a non-admin changes only their own account) are row-level security in migration 0015.
 *
 * - `runtime`: the login role the API connects as. It inherits nothing from the roles below (NOINHERIT): on
 *   its own it may do only the server's background work (seal and verify the audit chain, prune sign-in
 *   bookkeeping); every request switches to one of the others for its transaction.
 * - `signin`: before a user is known: find a session by its hash or a user by name, count and throttle attempts,
 *   record auth events.
 * - `admin`, `veterinarian`, `assistant`: a signed-in user's requests.
 * - `display`: a waiting-room screen's requests: today's appointments' times and status, and the pet's name and
 *   species (the board), its own account and session; nothing else.
 *
 * INSERT is granted on whole tables: Drizzle lists every column in an insert (DEFAULT for those not given),
 * and PostgreSQL checks column privileges on every listed column.
 */
export const DATABASE_ROLES = ['runtime', 'signin', 'admin', 'veterinarian', 'assistant', 'display'] as const;
export type DatabaseRole = (typeof DATABASE_ROLES)[number];

type Columns = 'all' | readonly string[];
export interface TablePrivileges {
  select?: Columns;
  insert?: true;
  update?: Columns;
  delete?: true;
}

const tableName = (table: PgTable) => getTableConfig(table).name;
const viewName = (view: PgView) => getViewConfig(view).name;
type ColumnKey<T extends PgTable> = keyof T['_']['columns'] & string;
const columnsOf = <T extends PgTable>(table: T) =>
  Object.entries(getTableColumns(table)) as [ColumnKey<T>, { name: string }][];
/** Only the named columns of `table` (by their TypeScript keys). */
const only = <T extends PgTable>(table: T, ...keys: ColumnKey<T>[]) =>
  columnsOf(table)
    .filter(([key]) => keys.includes(key))
    .map(([, column]) => column.name);
/** Every column of `table` but the named ones. */
const except = <T extends PgTable>(table: T, ...keys: ColumnKey<T>[]) =>
  columnsOf(table)
    .filter(([key]) => !keys.includes(key))
    .map(([, column]) => column.name);

const readWrite: TablePrivileges = { select: 'all', insert: true, update: 'all' };
const readOnly: TablePrivileges = { select: 'all' };

/** What every signed-in role needs of the staff table: who the staff are, and the version to update one's own. */
const staffDirectory = only(systemUsers, 'id', 'username', 'fullName', 'role', 'isActive', 'updatedAt');
/** What a user changes of their own account (row-level security keeps it to their own row). */
const ownAccountColumns = only(systemUsers, 'email', 'fullName', 'passwordHash', 'passwordChangedAt');
/** The medical record columns that are not clinical (the summary view's), and the visit weight the patient's
 * weight chart shows: what an assistant may read of the table. */
const assistantRecordColumns = [
  ...only(
    medicalRecords,
    'id',
    'patientId',
    'veterinarianId',
    'appointmentId',
    'amendsRecordId',
    'visitedAt',
  ),
  ...only(medicalRecords, 'reason', 'followUpOn', 'createdAt', 'updatedAt', 'weightKg'),
];

type Grants = Partial<Record<DatabaseRole, TablePrivileges>>;

function grantsByTable(): Map<string, Grants> {
  const staff = (privileges: TablePrivileges): Grants => ({
    admin: privileges,
    veterinarian: privileges,
    assistant: privileges,
  });
  /** Every signed-in role, the display's included: one's own account and sessions. */
  const everyone = (privileges: TablePrivileges): Grants => ({ ...staff(privileges), display: privileges });
  const entries: [string, Grants][] = [
    // Deactivating and reactivating is an admin's decision; marking deceased a vet's or an admin's.
    [
      tableName(owners),
      {
        admin: readWrite,
        veterinarian: { select: 'all', insert: true, update: except(owners, 'isActive') },
        assistant: { select: 'all', insert: true, update: except(owners, 'isActive') },
      },
    ],
    [
      tableName(patients),
      {
        admin: readWrite,
        veterinarian: { select: 'all', insert: true, update: except(patients, 'isActive') },
        assistant: { select: 'all', insert: true, update: except(patients, 'isActive', 'deceasedAt') },
        display: { select: only(patients, 'id', 'name', 'species') },
      },
    ],
    [
      tableName(appointments),
      {
        ...staff(readWrite),
        // The waiting-room board: when and where in the day each visit is, never why.
        display: {
          select: only(
            appointments,
            'id',
            'patientId',
            'startsAt',
            'endsAt',
            'status',
            'checkedInAt',
            'startedAt',
            'completedAt',
            'updatedAt',
          ),
        },
      },
    ],
    // Clinical columns are the admins' and vets' to read; only vets write records.
    [
      tableName(medicalRecords),
      {
        admin: readOnly,
        veterinarian: {
          select: 'all',
          insert: true,
          update: except(medicalRecords, 'id', 'patientId', 'veterinarianId', 'createdAt'),
        },
        assistant: { select: assistantRecordColumns },
      },
    ],
    [viewName(medicalRecordsSummary), staff(readOnly)],
    [
      tableName(systemUsers),
      {
        admin: { select: except(systemUsers, 'passwordHash'), insert: true, update: 'all' },
        veterinarian: { select: staffDirectory, update: ownAccountColumns },
        assistant: { select: staffDirectory, update: ownAccountColumns },
        display: {
          select: only(systemUsers, 'id', 'fullName', 'role', 'isActive', 'updatedAt'),
          update: ownAccountColumns,
        },
        signin: {
          select: only(
            systemUsers,
            'id',
            'username',
            'email',
            'fullName',
            'role',
            'isActive',
            'passwordHash',
          ),
          update: only(systemUsers, 'lastLoginAt'),
        },
      },
    ],
    [viewName(ownAccount), everyone(readOnly)],
    // Sessions: created and checked at sign-in; a user lists, keeps alive and ends their own (and an admin
    // another's when revoking), so the staff roles read, touch and delete them.
    [
      tableName(sessions),
      {
        ...everyone({ select: 'all', update: only(sessions, 'lastSeenAt'), delete: true }),
        signin: { select: 'all', insert: true, update: only(sessions, 'lastSeenAt'), delete: true },
      },
    ],
    // A new password clears the account's sign-in counters (one's own, or an admin's reset).
    [
      tableName(loginThrottles),
      {
        ...everyone({ select: only(loginThrottles, 'account'), update: 'all' }),
        signin: { select: 'all', insert: true, update: 'all' },
        runtime: { select: 'all', delete: true },
      },
    ],
    [
      tableName(loginRateLimits),
      { signin: { select: 'all', insert: true, update: 'all' }, runtime: { select: 'all', delete: true } },
    ],
    [tableName(serverSecrets), { signin: { select: 'all', insert: true } }],
    [tableName(appointmentTypes), { admin: readWrite, veterinarian: readOnly, assistant: readOnly }],
    // The display reads the clinic's time zone: which day is today.
    [
      tableName(clinicSettings),
      { admin: readWrite, veterinarian: readOnly, assistant: readOnly, display: { select: 'all' } },
    ],
    [tableName(veterinarianSchedules), { admin: readWrite, veterinarian: readOnly, assistant: readOnly }],
    // The full audit log is the admins' (and the sealer's); nobody inserts: triggers and
    // vetflow_record_auth_event write it as its owner. Everyone may see who changed a record when.
    [tableName(auditLog), { admin: readOnly, runtime: readOnly }],
    // A stale-edit refusal names who changed the row and when (the display's only edit is its own profile).
    [viewName(recordChanges), everyone(readOnly)],
    [tableName(auditSeals), { admin: readOnly, runtime: { select: 'all', insert: true } }],
    // Archived months (pnpm audit:archive, run as the owner): the verifier (the API's, as runtime) reads them.
    [tableName(auditArchives), { admin: readOnly, runtime: readOnly }],
    [tableName(auditArchivedRows), { admin: readOnly, runtime: readOnly }],
  ];
  return new Map(entries);
}

/** The grants of every table and view, checked against the schema's columns once per process. */
let cached: Map<string, Grants> | undefined;
export function roleGrants(): Map<string, Grants> {
  cached ??= grantsByTable();
  return cached;
}

/** The functions a role may execute beyond those open to everyone. */
export const FUNCTION_GRANTS: Record<string, readonly DatabaseRole[]> = {
  // The API's daily integrity pass makes the audit log's coming months' partitions (SECURITY DEFINER, 0021).
  'vetflow_ensure_audit_partitions(integer, timestamptz)': ['runtime'],
  'vetflow_record_auth_event(audit_action, uuid, jsonb, inet, text, text)': [
    'signin',
    'admin',
    'veterinarian',
    'assistant',
    'display',
  ],
};

/** The GRANT statements' privilege clauses for one role on one table, e.g. `SELECT ("id", "name"), INSERT`. */
export function privilegeClauses(privileges: TablePrivileges): string[] {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const columns = (list: Columns) => (list === 'all' ? '' : ` (${list.map(quote).join(', ')})`);
  const clauses: string[] = [];
  if (privileges.select) clauses.push(`SELECT${columns(privileges.select)}`);
  if (privileges.insert) clauses.push('INSERT');
  if (privileges.update) clauses.push(`UPDATE${columns(privileges.update)}`);
  if (privileges.delete) clauses.push('DELETE');
  return clauses;
}
