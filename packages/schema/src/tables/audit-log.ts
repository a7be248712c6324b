import { sql } from 'drizzle-orm';
import { bigint, index, inet, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditAction } from '../enums';
import { systemUsers } from './system-users';

/**
 * Append-only: written by the database's triggers (row changes) and by the API (auth events);
 * UPDATE, DELETE and TRUNCATE are refused by triggers, for every role including the owner.
 * `db_user` is the PostgreSQL role that made the change: with a null user_id it marks a change made outside the API.
 * `row_hash` is set by a BEFORE INSERT trigger (migration 0014) from the row's content, whatever the writer sent;
 * audit seals (audit-seals.ts) chain these hashes so that a later change, deletion or insertion is detected.
 *
 * Partitioned by month on `occurred_at` (migration 0021, hand SQL: drizzle-kit cannot express partitioning, so
 * this file stays the source of the columns and indexes, and the partitions are the database's own business):
 * one partition per UTC month, made ahead by `vetflow_ensure_audit_partitions`, and a DEFAULT partition so
 * that no insert ever fails. A partitioned table's primary key must contain the partition key, hence
 * `(id, occurred_at)`: `id` itself is unique because only its identity sequence ever sets it (GENERATED ALWAYS;
 * only the owner could override it, and the seals would then name the row as inserted into a sealed range).
 * Old months are exported and detached by `pnpm audit:archive` (packages/db/src/audit/archive.ts).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    userId: uuid('user_id').references(() => systemUsers.id, { onDelete: 'restrict' }),
    action: auditAction('action').notNull(),
    tableName: text('table_name'),
    recordId: uuid('record_id'),
    oldValues: jsonb('old_values').$type<Record<string, unknown>>(),
    newValues: jsonb('new_values').$type<Record<string, unknown>>(),
    changedFields: text('changed_fields').array(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    dbUser: text('db_user').notNull().default(sql`current_user`),
    // Writers send nothing meaningful: the BEFORE INSERT trigger always computes it.
    rowHash: text('row_hash')
      .notNull()
      .$default(() => ''),
  },
  (t) => [
    primaryKey({ name: 'audit_log_pkey', columns: [t.id, t.occurredAt] }),
    index('audit_log_record_idx').on(t.tableName, t.recordId, t.occurredAt.desc()),
    index('audit_log_user_occurred_at_idx').on(t.userId, t.occurredAt.desc()),
    index('audit_log_action_idx').on(t.action),
    index('audit_log_occurred_at_brin_idx').using('brin', t.occurredAt),
  ],
);
