import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';

/**
 * The hash of an audit row's content, written out again on purpose (migration 0014's trigger computes the same):
 * verification must not call a function stored in the very database it checks. The column list is the row's
 * whole content but `row_hash`; epoch seconds keep the session's TimeZone out of it.
 */
const ROW_CONTENT = `jsonb_build_array('vetflow-audit-v1', id, extract(epoch from occurred_at)::text, user_id, action, table_name, record_id, old_values, new_values, changed_fields, ip::text, user_agent, request_id, db_user)::text`;
export const rowHashSql = sql.raw(`encode(sha256(convert_to(${ROW_CONTENT}, 'UTF8')), 'hex')`);

/**
 * The exact text a row's hash is taken over: a JSON array of the row's whole content (the columns in the order
 * of ROW_CONTENT_COLUMNS, after a version tag). An archive file holds each row as this text, so that
 * `sha256(line)` is its row hash and the row can be restored from it.
 */
export const rowContentSql = sql.raw(ROW_CONTENT);
export const ROW_CONTENT_COLUMNS = [
  'id',
  'occurred_at (epoch seconds)',
  'user_id',
  'action',
  'table_name',
  'record_id',
  'old_values',
  'new_values',
  'changed_fields',
  'ip',
  'user_agent',
  'request_id',
  'db_user',
] as const;

/** The hash of the first seal's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A seal's hash over the rows it covers: their row hashes in id order, one after another. */
export function rowsHasher() {
  const hash = createHash('sha256');
  return {
    add: (rowHash: string) => hash.update(rowHash),
    digest: () => hash.digest('hex'),
  };
}

export interface SealContent {
  id: number;
  sealedAt: Date;
  firstId: number;
  lastId: number;
  rowCount: number;
  lateIds: number[];
  gapIds: number[];
  closedIds: number[];
  openIds: number[];
  snapshotXmax: number;
  rowsHash: string;
  prevHash: string;
}

/** A seal's own hash: every field of it, the previous seal's hash included, so the seals form a chain. */
export const sealHash = (seal: SealContent) =>
  sha256(
    JSON.stringify([
      'vetflow-seal-v1',
      seal.id,
      seal.sealedAt.toISOString(),
      seal.firstId,
      seal.lastId,
      seal.rowCount,
      seal.lateIds,
      seal.gapIds,
      seal.closedIds,
      seal.openIds,
      seal.snapshotXmax,
      seal.rowsHash,
      seal.prevHash,
    ]),
  );
