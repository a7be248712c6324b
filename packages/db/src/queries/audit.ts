import {
  type AuditAction,
  type AuditedTable,
  appointments,
  auditLog,
  medicalRecords,
  owners,
  patients,
  systemUsers,
} from '@vetflow/schema';
import { actorName } from '@vetflow/schema/audit-display';
import {
  and,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  lt,
  or,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias, type QueryBuilder } from 'drizzle-orm/pg-core';
import type { AuditContext } from '../audit-context';
import { queryBuilder, selectNow, selectsByKey, writtenLimit } from '../built-query';
import type { Executor } from '../client';
import { withAuditNames } from './audit-names';
import { decodeCursor, toPage } from './pagination';
import { matchesAllWords, ownerSearchText } from './search';

export interface AuditFilter {
  userId?: string | undefined;
  tableName?: AuditedTable | undefined;
  recordId?: string | undefined;
  action?: AuditAction | undefined;
  /** A name: the owner, pet (with its appointments and visits) or staff account the rows are about. */
  search?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** The staff account a row is about (its record), beside the actor who made the change. */
const account = alias(systemUsers, 'account');

const AUDIT_FILTERS = ['userId', 'tableName', 'recordId', 'action', 'from', 'to', 'before'] as const;
type AuditFilterKey = (typeof AUDIT_FILTERS)[number];
type AuditFilterValues = Partial<Record<AuditFilterKey, Placeholder | string | number | Date>>;

/** The timeline's select: its rows (each naming its actor and, for a staff account, that account), newest first. */
function auditRows(qb: QueryBuilder, v: AuditFilterValues, limit: number, named?: SQL) {
  return qb
    .select({
      ...getTableColumns(auditLog),
      userFullName: systemUsers.fullName,
      username: systemUsers.username,
      accountFullName: account.fullName,
      accountUsername: account.username,
    })
    .from(auditLog)
    .leftJoin(systemUsers, eq(systemUsers.id, auditLog.userId))
    .leftJoin(account, and(eq(auditLog.tableName, 'system_users'), eq(account.id, auditLog.recordId)))
    .where(
      and(
        v.userId === undefined ? undefined : eq(auditLog.userId, v.userId as string),
        v.tableName === undefined ? undefined : eq(auditLog.tableName, v.tableName as string),
        v.recordId === undefined ? undefined : eq(auditLog.recordId, v.recordId as string),
        v.action === undefined ? undefined : eq(auditLog.action, v.action as AuditAction),
        named,
        v.from === undefined ? undefined : gte(auditLog.occurredAt, v.from as Date),
        v.to === undefined ? undefined : lt(auditLog.occurredAt, v.to as Date),
        v.before === undefined ? undefined : lt(auditLog.id, v.before as number),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/**
 * Built once per combination of filters and page size (built-query.ts): a record's trail and the timeline's pages.
 * The page size is written into the text (`writtenLimit`), so the statement gets a generic plan: a bound limit
 * had PostgreSQL plan it again on every call, over every month's partition of the log.
 */
const auditSelects = selectsByKey();
type AuditRows = ReturnType<typeof auditRows>['_']['result'];

/**
 * The timeline, newest first; keyset on the identity id (monotonic with occurred_at). Each row names its actor
 * (`username`, `userFullName`) and, when it is about a staff account (a change to system_users, or an auth
 * event such as a password change or a revoked session), that account (`accountUsername`, `accountFullName`).
 */
export async function listAudit(db: Executor, filter: AuditFilter) {
  const after = decodeCursor(filter.cursor, ['integer']) as [number] | null;
  const values: AuditFilterValues = {
    userId: filter.userId,
    tableName: filter.tableName,
    recordId: filter.recordId,
    action: filter.action,
    from: filter.from,
    to: filter.to,
    before: after ? Number(after[0]) : undefined,
  };
  for (const key of AUDIT_FILTERS) if (values[key] === undefined) delete values[key];
  let rows: AuditRows;
  if (filter.search) {
    // A name search lists the records it found: a shape of its own each time, built for this call.
    const named = await recordsNamed(db, filter.search);
    if (named === null) return { items: [], nextCursor: null };
    rows = await selectNow(db, auditRows(queryBuilder(), values, filter.limit + 1, named));
  } else {
    const used = AUDIT_FILTERS.filter((key) => key in values);
    rows = await auditSelects<AuditRows>(
      db,
      `${used.join(',')}|${filter.limit + 1}`,
      () =>
        auditRows(
          queryBuilder(),
          Object.fromEntries(used.map((key) => [key, sql.placeholder(key)])),
          writtenLimit(filter.limit + 1),
        ),
      values,
    );
  }
  const page = toPage(rows, filter.limit, (r) => [r.id]);
  const items = await withAuditNames(db, page.items);
  // A plain store, not Object.assign (which turns a row this size into a dictionary: built-query.ts).
  const named = items.map((r) => {
    const row = r as typeof r & { actor: string };
    row.actor = actorName(r);
    return row;
  });
  return { ...page, items: named };
}

/** How many records of each kind a name search may stand for: it stays a bounded list of index lookups. */
const NAMED_PEOPLE = 25;
const NAMED_VISITS = 500;

/**
 * The audit rows about records with this name: owners (the owners' trigram index), pets (patients' trigram
 * index) with their appointments and visit records (by patient index), staff accounts. Each list is capped, and
 * the rows are then found through `audit_log_record_idx` (table, record), never by scanning the log's values.
 * Null when nothing has the name.
 */
async function recordsNamed(db: Executor, search: string): Promise<SQL | null> {
  const ids = async (query: Promise<{ id: string }[]>) => (await query).map((r) => r.id);
  const ownerIds = await ids(
    db
      .select({ id: owners.id })
      .from(owners)
      .where(matchesAllWords(ownerSearchText, search))
      .limit(NAMED_PEOPLE),
  );
  const patientIds = await ids(
    db
      .select({ id: patients.id })
      .from(patients)
      .where(matchesAllWords(sql`${patients.name}`, search))
      .limit(NAMED_PEOPLE),
  );
  const staffIds = await ids(
    db
      .select({ id: systemUsers.id })
      .from(systemUsers)
      .where(matchesAllWords(sql`(${systemUsers.fullName} || ' ' || ${systemUsers.username})`, search))
      .limit(NAMED_PEOPLE),
  );
  const [appointmentIds, recordIds] =
    patientIds.length === 0
      ? [[], []]
      : [
          await ids(
            db
              .select({ id: appointments.id })
              .from(appointments)
              .where(inArray(appointments.patientId, patientIds))
              .limit(NAMED_VISITS),
          ),
          await ids(
            db
              .select({ id: medicalRecords.id })
              .from(medicalRecords)
              .where(inArray(medicalRecords.patientId, patientIds))
              .limit(NAMED_VISITS),
          ),
        ];
  const about = (
    [
      ['owners', ownerIds],
      ['patients', patientIds],
      ['appointments', appointmentIds],
      ['medical_records', recordIds],
      ['system_users', staffIds],
    ] as const
  )
    .filter(([, list]) => list.length > 0)
    .map(([table, list]) => and(eq(auditLog.tableName, table), inArray(auditLog.recordId, list))!);
  return about.length > 0 ? or(...about)! : null;
}

/**
 * An auth event (login, failed login, throttled, logout, password change, session revoked) in the audit log,
 * attributed to the transaction's acting user (none before a sign-in succeeds). Through the database's
 * vetflow_record_auth_event (migration 0015): no API role may insert audit rows itself.
 */
export async function recordAuthEvent(
  db: Executor,
  event: {
    action: AuditAction;
    subjectUserId: string | null;
    details?: Record<string, unknown>;
    context: Omit<AuditContext, 'userId'>;
  },
) {
  await db.execute(sql`select vetflow_record_auth_event(
    ${event.action}::audit_action,
    ${event.subjectUserId}::uuid,
    ${event.details ? JSON.stringify(event.details) : null}::jsonb,
    ${event.context.ip ?? null}::inet,
    ${event.context.userAgent ?? null},
    ${event.context.requestId ?? null})`);
}
