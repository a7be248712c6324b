import { auditArchivedRows, auditArchives, auditSeals } from '@vetflow/schema';
import { asc, gt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { queryRows } from '../raw';
import { GENESIS_HASH, rowHashSql, rowsHasher, sealHash } from './row-hash';
import type { AuditSeal } from './seal';

export type AuditProblemKind =
  | 'row_changed'
  | 'row_missing'
  | 'row_inserted'
  | 'seal_rows_mismatch'
  | 'seal_changed'
  | 'seal_missing'
  | 'chain_broken';

export interface AuditProblem {
  kind: AuditProblemKind;
  message: string;
  rowId?: number;
  sealId?: number;
}

/** Where a verification ended: enough to continue from it without reading the rows it covered again. */
export interface VerifiedHead {
  sealId: number;
  sealHash: string;
  sealedAt: Date;
  lastId: number;
  openIds: number[];
}

export interface AuditVerification {
  ok: boolean;
  /** The first broken link, in chain order and then id order. */
  problem: AuditProblem | null;
  /** The last seal verified (the chain head when ok): write its hash down elsewhere to detect a rewrite of all. */
  head: VerifiedHead | null;
  seals: number;
  sealedRows: number;
  /** Committed rows no seal covers yet (written after the last seal, or still in an open gap). */
  unsealedRows: number;
  /** Rows of archived months (pnpm audit:archive): in their files, no longer in the log. */
  archivedRows: number;
}

export interface VerifyOptions {
  /** Continue from an earlier verification's head instead of from the first seal. */
  since?: VerifiedHead | null;
  batchSize?: number;
}

interface SealCheck {
  seal: AuditSeal;
  gaps: Set<number>;
  /** Every row of the seal is archived: its rows were verified when archived and are in the archive files. */
  archived: boolean;
}

/** What the archive records (archive.ts) tell the verifier: the seals wholly archived, and the archived rows'
 * hashes that seals still covering live rows need. */
export interface ArchivedState {
  wholeSeals: [number, number][];
  hashes: Map<number, string>;
  rows: number;
}

export async function loadArchivedState(db: Database): Promise<ArchivedState> {
  const archives = await db
    .select({ wholeSeals: auditArchives.wholeSeals, rowCount: auditArchives.rowCount })
    .from(auditArchives);
  const rows = await db
    .select({ id: auditArchivedRows.id, rowHash: auditArchivedRows.rowHash })
    .from(auditArchivedRows);
  return {
    wholeSeals: archives.flatMap((a) => a.wholeSeals),
    hashes: new Map(rows.map((r) => [Number(r.id), r.rowHash])),
    rows: archives.reduce((sum, a) => sum + a.rowCount, 0),
  };
}

/**
 * Recomputes the whole chain: every seal's hash and link, then every row's content hash and every seal's hash
 * over its rows, streaming the log in id order in batches (memory holds the seals, not the rows). Stops at the
 * first broken link and names it. With `since`, checks only what came after that head.
 */
export async function verifyAudit(db: Database, options: VerifyOptions = {}): Promise<AuditVerification> {
  const { since = null, batchSize = 10_000 } = options;
  const seals = await db
    .select()
    .from(auditSeals)
    .where(since ? gt(auditSeals.id, since.sealId) : undefined)
    .orderBy(asc(auditSeals.id));

  const result = (
    problem: AuditProblem | null,
    head: VerifiedHead | null,
    counts = { sealed: 0, unsealed: 0 },
  ) => ({
    ok: problem === null,
    problem,
    head,
    seals: seals.length,
    sealedRows: counts.sealed,
    unsealedRows: counts.unsealed,
    archivedRows: archived.rows,
  });
  const archived = await loadArchivedState(db);
  const wholly = (sealId: number) => archived.wholeSeals.some(([a, b]) => sealId >= a && sealId <= b);

  // 1. The chain of seals, and the open gaps it implies.
  let head = since;
  let open = new Set(since?.openIds ?? []);
  const checks: SealCheck[] = [];
  const lateOwner = new Map<number, SealCheck>();
  for (const seal of seals) {
    const expectedId = (head?.sealId ?? 0) + 1;
    if (seal.id !== expectedId) {
      return result(
        { kind: 'seal_missing', sealId: expectedId, message: `Seal ${expectedId} is missing` },
        head,
      );
    }
    if (seal.prevHash !== (head?.sealHash ?? GENESIS_HASH)) {
      return result(
        {
          kind: 'chain_broken',
          sealId: seal.id,
          message: `Seal ${seal.id} does not follow seal ${seal.id - 1}`,
        },
        head,
      );
    }
    const { sealHash: stored, ...content } = seal;
    if (sealHash(content) !== stored || !consistent(seal, head, open)) {
      return result({ kind: 'seal_changed', sealId: seal.id, message: `Seal ${seal.id} was changed` }, head);
    }
    const check = { seal, gaps: new Set(seal.gapIds), archived: wholly(seal.id) };
    checks.push(check);
    for (const id of seal.lateIds) lateOwner.set(id, check);
    open = new Set(seal.openIds);
    head = {
      sealId: seal.id,
      sealHash: seal.sealHash,
      sealedAt: seal.sealedAt,
      lastId: seal.lastId,
      openIds: seal.openIds,
    };
  }

  // 2. The rows, in id order: each one's content, and each seal's hash over the rows it covers.
  const counts = { sealed: 0, unsealed: 0 };
  const pending = new Map<SealCheck, { hash: ReturnType<typeof rowsHasher>; count: number }>();
  let finalized = 0; // checks[0 .. finalized) are done: the stream has passed their last id
  const lastSealedId = head?.lastId ?? 0;
  const startAfter = since?.lastId ?? 0;
  const revisit = since?.openIds ?? [];

  const finalize = async (upTo: number): Promise<AuditProblem | null> => {
    while (finalized < checks.length && checks[finalized]!.seal.lastId < upTo) {
      const check = checks[finalized++]!;
      const got = pending.get(check);
      pending.delete(check);
      if (check.archived) continue;
      const hash = got?.hash.digest() ?? rowsHasher().digest();
      if ((got?.count ?? 0) !== check.seal.rowCount || hash !== check.seal.rowsHash)
        return explain(db, check.seal, archived.hashes);
    }
    return null;
  };

  // Archived rows whose seal also covers live rows take their place in the id order, by their recorded hash.
  const archivedRows = [...archived.hashes.entries()]
    .map(([id, hash]) => ({ id, hash, owner: ownerOf(id, checks, lateOwner) }))
    .filter((r) => r.owner && !r.owner.archived)
    .sort((a, b) => a.id - b.id);
  let nextArchived = 0;
  const add = (owner: SealCheck, rowHash: string) => {
    const acc = pending.get(owner) ?? { hash: rowsHasher(), count: 0 };
    acc.hash.add(rowHash);
    acc.count++;
    pending.set(owner, acc);
  };
  /** Takes the archived rows before `id` into their seals. */
  const archivedBefore = async (id: number): Promise<AuditProblem | null> => {
    while (nextArchived < archivedRows.length && archivedRows[nextArchived]!.id <= id) {
      const row = archivedRows[nextArchived++]!;
      if (row.id === id) {
        return {
          kind: 'row_inserted',
          rowId: id,
          message: `Audit row ${id} is in the log although it was archived`,
        };
      }
      const passed = await finalize(row.id);
      if (passed) return passed;
      add(row.owner!, row.hash);
    }
    return null;
  };

  let after = 0;
  for (;;) {
    const rows = await queryRows<{ id: string | number; row_hash: string; computed: string }>(
      db,
      // Two index scans (the open ids a later seal may hold, and the ids after the head), not one OR.
      sql`select id, row_hash, ${rowHashSql} as computed
            from ((select * from audit_log where id = any(${`{${revisit.join(',')}}`}::bigint[]) and id > ${after})
                  union all
                  (select * from audit_log where id > ${Math.max(after, startAfter)} order by id limit ${batchSize})) r
           order by id limit ${batchSize}`,
    );
    for (const row of rows) {
      const id = Number(row.id);
      const passed = (await archivedBefore(id)) ?? (await finalize(id));
      if (passed) return result(passed, head, counts);
      if (row.computed !== row.row_hash) {
        return result(
          { kind: 'row_changed', rowId: id, message: `Audit row ${id} was changed after it was written` },
          head,
          counts,
        );
      }
      const owner = ownerOf(id, checks, lateOwner);
      if (owner?.archived) {
        return result(
          {
            kind: 'row_inserted',
            rowId: id,
            message: `Audit row ${id} is in the log although its seal ${owner.seal.id} was archived whole`,
          },
          head,
          counts,
        );
      }
      if (owner) {
        add(owner, row.row_hash);
        counts.sealed++;
      } else if (id > lastSealedId || open.has(id)) {
        counts.unsealed++;
      } else {
        return result(
          {
            kind: 'row_inserted',
            rowId: id,
            message: `Audit row ${id} was inserted into a range that was already sealed`,
          },
          head,
          counts,
        );
      }
    }
    if (rows.length < batchSize) break;
    after = Number(rows[rows.length - 1]!.id);
  }
  const last = (await archivedBefore(Number.MAX_SAFE_INTEGER)) ?? (await finalize(Number.POSITIVE_INFINITY));
  return result(last, head, counts);
}

/** The seal a row belongs to: a late row's later seal, else the seal whose span holds it (unless it was a gap). */
export function ownerOf<T extends { seal: AuditSeal; gaps: Set<number> }>(
  id: number,
  checks: T[],
  lateOwner: Map<number, T>,
): T | undefined {
  const late = lateOwner.get(id);
  if (late) return late;
  let lo = 0;
  let hi = checks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const { seal, gaps } = checks[mid]!;
    if (id < seal.firstId) hi = mid - 1;
    else if (id > seal.lastId) lo = mid + 1;
    else return gaps.has(id) ? undefined : checks[mid];
  }
  return undefined;
}

/** A seal's fields agree with the chain before it: its span follows on, late and closed ids were open. */
function consistent(seal: AuditSeal, prev: VerifiedHead | null, open: Set<number>): boolean {
  if (seal.firstId !== (prev?.lastId ?? 0) + 1 || seal.lastId < seal.firstId - 1) return false;
  if (![...seal.lateIds, ...seal.closedIds].every((id) => open.has(id))) return false;
  if (!seal.gapIds.every((id) => id >= seal.firstId && id < seal.lastId)) return false;
  const late = new Set(seal.lateIds);
  const closedNow = new Set(seal.closedIds);
  const expected = [...[...open].filter((id) => !late.has(id) && !closedNow.has(id)), ...seal.gapIds].sort(
    (a, b) => a - b,
  );
  const stored = [...seal.openIds].sort((a, b) => a - b);
  return expected.length === stored.length && expected.every((id, i) => id === stored[i]);
}

/** A seal whose rows no longer hash to its value: name the first missing row, else say a row and its hash changed. */
async function explain(db: Database, seal: AuditSeal, archived: Map<number, string>): Promise<AuditProblem> {
  const gaps = new Set(seal.gapIds);
  const expected = [...seal.lateIds];
  for (let id = seal.firstId; id <= seal.lastId; id++) if (!gaps.has(id)) expected.push(id);
  const present = new Set(
    (
      await queryRows<{ id: string | number }>(
        db,
        sql`select id from audit_log where id = any(${`{${expected.join(',')}}`}::bigint[])`,
      )
    ).map((r) => Number(r.id)),
  );
  const missing = expected.sort((a, b) => a - b).find((id) => !present.has(id) && !archived.has(id));
  if (missing !== undefined) {
    return {
      kind: 'row_missing',
      rowId: missing,
      sealId: seal.id,
      message: `Audit row ${missing} (seal ${seal.id}) was deleted`,
    };
  }
  return {
    kind: 'seal_rows_mismatch',
    sealId: seal.id,
    message: `The rows of seal ${seal.id} (ids ${seal.firstId}–${seal.lastId}) no longer match it: a row and its hash were changed`,
  };
}
