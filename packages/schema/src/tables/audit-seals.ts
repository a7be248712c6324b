import { bigint, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * The audit log's hash chain. A sealer (packages/db/src/audit/seal.ts) appends one seal for the audit rows
 * committed since the last one, without serialising the writers: a seal's span is the ids after the previous
 * seal's `last_id` up to its own; ids of that span not committed yet are its `gap_ids` and stay open until a
 * later seal takes them (`late_ids`) or, once every transaction that could still commit them has ended, declares
 * them dead (`closed_ids`). `open_ids` is the state after this seal. `rows_hash` is a hash over the covered rows'
 * `row_hash` in id order; `seal_hash` covers every field and the previous seal's hash. Append-only like audit_log.
 */
export const auditSeals = pgTable(
  'audit_seals',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    sealedAt: timestamp('sealed_at', { withTimezone: true, precision: 3 }).notNull(),
    firstId: bigint('first_id', { mode: 'number' }).notNull(),
    lastId: bigint('last_id', { mode: 'number' }).notNull(),
    rowCount: integer('row_count').notNull(),
    lateIds: bigint('late_ids', { mode: 'number' }).array().notNull(),
    gapIds: bigint('gap_ids', { mode: 'number' }).array().notNull(),
    closedIds: bigint('closed_ids', { mode: 'number' }).array().notNull(),
    openIds: bigint('open_ids', { mode: 'number' }).array().notNull(),
    /** pg_snapshot_xmax of the snapshot the seal was taken in: every later transaction id is at least this. */
    snapshotXmax: bigint('snapshot_xmax', { mode: 'number' }).notNull(),
    rowsHash: text('rows_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    sealHash: text('seal_hash').notNull(),
  },
  (t) => [
    // Two sealers racing past the advisory lock still cannot fork the chain.
    unique('audit_seals_prev_hash_key').on(t.prevHash),
    index('audit_seals_last_id_idx').on(t.lastId),
  ],
);
