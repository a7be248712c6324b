import { auditSeals } from '@vetflow/schema';
import { desc, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { queryRows } from '../raw';
import { GENESIS_HASH, rowsHasher, type SealContent, sealHash } from './row-hash';

export type AuditSeal = typeof auditSeals.$inferSelect;

export interface SealOptions {
  /** At most this many rows go into one seal (the next call takes the rest). */
  maxRows?: number;
  /** The sealer's clock (a seal's time); the database decides what is committed. */
  now?: () => Date;
  /**
   * An open gap is declared dead only when every transaction that could still commit it has ended and its seal
   * is at least this old: the margin covers a writer that drew its id just before that seal's snapshot but got
   * its transaction id just after.
   */
  gapGraceMs?: number;
}

/** Any constant both sealers agree on: only one seals at a time, the API's timer or `pnpm audit:seal`. */
const SEALER_LOCK = 0x5ea1_a0d1;

/**
 * Appends one seal for the audit rows committed since the last seal (see audit-seals.ts for the fields), or
 * returns null when there is nothing new. Writers are never blocked: rows still in flight are gaps for now and
 * go into a later seal.
 */
export async function sealAudit(db: Database, options: SealOptions = {}): Promise<AuditSeal | null> {
  const { maxRows = 50_000, now = () => new Date(), gapGraceMs = 60_000 } = options;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEALER_LOCK})`);
    const [prev] = await tx.select().from(auditSeals).orderBy(desc(auditSeals.id)).limit(1);
    const prevLastId = prev?.lastId ?? 0;
    const prevOpen = prev?.openIds ?? [];

    // One statement, so the rows and the snapshot numbers come from the same snapshot. Two index scans, not one
    // OR (which the planner answers by filtering the whole log from its first row).
    const [snapshot] = await queryRows<{ xmin: string; xmax: string; rows: unknown }>(
      tx,
      sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
                 pg_snapshot_xmax(pg_current_snapshot())::text as xmax,
                 coalesce((select json_agg(json_build_array(r.id, r.row_hash) order by r.id)
                             from ((select id, row_hash from audit_log where id = any(${toBigintArray(prevOpen)}))
                                   union all
                                   (select id, row_hash from audit_log where id > ${prevLastId}
                                     order by id limit ${maxRows})
                                   order by id limit ${maxRows}) r), '[]'::json) as rows`,
    );
    if (!snapshot) throw new Error('No snapshot');
    const rows = (typeof snapshot.rows === 'string' ? JSON.parse(snapshot.rows) : snapshot.rows) as [
      number | string,
      string,
    ][];
    const sealedAt = now();

    const late: number[] = [];
    const present = new Set<number>();
    const rowsHash = rowsHasher();
    let lastId = prevLastId;
    for (const [rawId, hash] of rows) {
      const id = Number(rawId);
      rowsHash.add(hash);
      if (id <= prevLastId) late.push(id);
      else present.add(id);
      lastId = Math.max(lastId, id);
    }
    const gaps: number[] = [];
    for (let id = prevLastId + 1; id < lastId; id++) if (!present.has(id)) gaps.push(id);

    const lateSet = new Set(late);
    const stillOpen = prevOpen.filter((id) => !lateSet.has(id));
    const closed = await deadGaps(tx, stillOpen, BigInt(snapshot.xmin), sealedAt.getTime() - gapGraceMs);
    if (rows.length === 0 && closed.length === 0) return null;
    const closedSet = new Set(closed);

    const content: SealContent = {
      id: (prev?.id ?? 0) + 1,
      sealedAt,
      firstId: prevLastId + 1,
      lastId,
      rowCount: rows.length,
      lateIds: late,
      gapIds: gaps,
      closedIds: closed,
      openIds: [...stillOpen.filter((id) => !closedSet.has(id)), ...gaps],
      snapshotXmax: Number(snapshot.xmax),
      rowsHash: rowsHash.digest(),
      prevHash: prev?.sealHash ?? GENESIS_HASH,
    };
    const [seal] = await tx
      .insert(auditSeals)
      .values({ ...content, sealHash: sealHash(content) })
      .returning();
    return seal ?? null;
  });
}

/**
 * The open ids no transaction can commit any more: every transaction older than the seal that left the gap
 * (its snapshot's xmax) has ended — the current snapshot's xmin is past it — and that seal is older than the grace.
 */
async function deadGaps(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  open: number[],
  xmin: bigint,
  sealedBefore: number,
): Promise<number[]> {
  if (open.length === 0) return [];
  const origins = await queryRows<{ id: string; xmax: string; sealed_at: string | Date }>(
    tx,
    sql`select o.id::text as id, s.snapshot_xmax::text as xmax, s.sealed_at
          from unnest(${toBigintArray(open)}) as o(id)
          cross join lateral (select snapshot_xmax, sealed_at from audit_seals
                               where last_id >= o.id order by last_id limit 1) s`,
  );
  return origins
    .filter((o) => BigInt(o.xmax) <= xmin && new Date(o.sealed_at).getTime() <= sealedBefore)
    .map((o) => Number(o.id))
    .sort((a, b) => a - b);
}

/** A bigint[] parameter both drivers accept (PGlite and postgres.js read a JS array differently). */
const toBigintArray = (ids: number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;
