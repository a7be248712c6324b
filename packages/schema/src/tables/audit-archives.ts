import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Months of the audit log exported by `pnpm audit:archive` (packages/db/src/audit/archive.ts) and detached from
 * it: the file (its name and SHA-256) holds the rows, the covering seals and the hashes those seals need from
 * other months, so it verifies on its own; this record tells the verifier that the month's rows were archived,
 * not deleted. Seals are never archived, so the chain is still checked link by link across archived months.
 * `whole_seals` ([first, last] seal id ranges) are the seals all of whose rows are archived: the verifier
 * checks their links and hashes but not their rows. Append-only (migration 0022).
 */
export const auditArchives = pgTable('audit_archives', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** The first day of the UTC month, `YYYY-MM-01`. */
  month: text('month').notNull().unique(),
  partitionName: text('partition_name').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  rowCount: integer('row_count').notNull(),
  firstId: bigint('first_id', { mode: 'number' }),
  lastId: bigint('last_id', { mode: 'number' }),
  /** SHA-256 over the archived rows' row hashes in id order. */
  rowsHash: text('rows_hash').notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  firstSealId: bigint('first_seal_id', { mode: 'number' }),
  lastSealId: bigint('last_seal_id', { mode: 'number' }),
  /** The chain at the archive's boundary: the first covering seal's prev_hash, the last one's seal_hash. */
  prevSealHash: text('prev_seal_hash'),
  lastSealHash: text('last_seal_hash'),
  wholeSeals: jsonb('whole_seals').$type<[number, number][]>().notNull(),
});

/**
 * The hashes of archived rows whose seal also covers rows that are not archived (a seal across a month's
 * boundary, a late row sealed the month after): the verifier needs them to recompute that seal. Append-only.
 */
export const auditArchivedRows = pgTable(
  'audit_archived_rows',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    rowHash: text('row_hash').notNull(),
    archiveId: bigint('archive_id', { mode: 'number' })
      .notNull()
      .references(() => auditArchives.id, { onDelete: 'restrict' }),
  },
  (t) => [index('audit_archived_rows_archive_id_idx').on(t.archiveId)],
);
