import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  openSync,
  unlinkSync,
  type WriteStream,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { auditArchivedRows, auditArchives, auditSeals } from '@vetflow/schema';
import { asc, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { queryRows } from '../raw';
import { ROW_CONTENT_COLUMNS, rowContentSql, rowsHasher, sealHash, sha256 } from './row-hash';
import type { AuditSeal } from './seal';
import { loadArchivedState, ownerOf, verifyAudit } from './verify';

/**
 * `pnpm audit:archive --before <YYYY-MM>` (issue 12): every whole month partition of audit_log before that month
 * whose rows are all sealed is verified against the seal chain, exported to a file, recorded in audit_archives,
 * and detached from the log.
 *
 * - Verification: the whole chain first (verifyAudit: every seal and every live row; refuses on any problem),
 *   then, with the month's partition locked against writes, every row's hash again from its content, and the
 *   file is read back and checked on its own (verifyArchiveFile) before anything is recorded or detached.
 * - The file (`audit-YYYY-MM.ndjson.gz`): a header line; one line per row, in id order, that is exactly the text
 *   the row hash is taken over (a JSON array of the row's content: sha256(line) = row_hash, and the row can be
 *   restored from it); then every seal that covers a row of the month, and the hashes of those seals' rows that
 *   lie in other months ("foreign"), so every covering seal can be recomputed from the file alone; a trailer.
 * - Seals across a month boundary: seals are never archived (the chain stays whole, link by link). A seal whose
 *   rows are now all archived is recorded as whole (the verifier checks its link and hash but not its rows); a
 *   seal that still covers live rows keeps the hashes of its archived rows in audit_archived_rows, so the
 *   verifier recomputes it exactly as before. Nothing waits for a boundary, and months archive in any order.
 * - What is kept: the detached partition is moved to the schema `audit_archive` (no grant to anyone), so nothing
 *   is lost even before the file is stored elsewhere; drop it (`DROP TABLE audit_archive.audit_log_YYYY_MM`) once
 *   the file is safe — the file and the record suffice to verify and restore the month.
 * Runs as the owner (DATABASE_URL): DETACH is DDL. Months are taken oldest first, one transaction each.
 */

export class AuditArchiveError extends Error {}

export interface ArchiveOptions {
  /** `YYYY-MM`: months before this one are archived; at most the current (UTC) month. */
  before: string;
  /** Where the files go (made if missing). */
  dir: string;
  now?: Date;
}

export interface ArchivedMonth {
  month: string;
  partition: string;
  file: string;
  sha256: string;
  rows: number;
  firstId: number | null;
  lastId: number | null;
  wholeSeals: [number, number][];
  /** Archived rows whose seals still cover live rows: their hashes stay in audit_archived_rows. */
  boundaryRows: number;
}

const FORMAT = 'vetflow-audit-archive-v1';
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const monthStart = (text: string) => {
  const m = MONTH.exec(text);
  if (!m) throw new AuditArchiveError(`--before takes a month as YYYY-MM, not "${text}"`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
};

interface Check {
  seal: AuditSeal;
  gaps: Set<number>;
}

/** Archives the month partitions before `options.before`; returns what it archived (oldest first). */
export async function archiveAudit(db: Database, options: ArchiveOptions): Promise<ArchivedMonth[]> {
  const cut = monthStart(options.before);
  const now = options.now ?? new Date();
  if (cut > new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))) {
    throw new AuditArchiveError(
      `${options.before} is after the current month: only past months can be archived`,
    );
  }
  const months = (
    await queryRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
           where i.inhparent = 'audit_log'::regclass and c.relname ~ '^audit_log_[0-9]{4}_[0-9]{2}$'
           order by 1`,
    )
  )
    .map(({ name }) => ({ name, month: `${name.slice(10, 14)}-${name.slice(15, 17)}` }))
    .filter(({ month }) => monthStart(month) < cut);
  if (months.length === 0) return [];

  const report = await verifyAudit(db);
  if (!report.ok) {
    throw new AuditArchiveError(
      `The audit chain does not verify (${report.problem?.message}): nothing archived`,
    );
  }
  mkdirSync(options.dir, { recursive: true });
  const done: ArchivedMonth[] = [];
  for (const { name, month } of months) done.push(await archiveMonth(db, name, month, options.dir));
  return done;
}

async function archiveMonth(
  db: Database,
  partition: string,
  month: string,
  dir: string,
): Promise<ArchivedMonth> {
  const file = join(dir, `audit-${month}.ndjson.gz`);
  let out: Gzip | undefined;
  let sink: WriteStream | undefined;
  try {
    return await db.transaction(async (tx) => {
      const t = tx as unknown as Database;
      // No row can enter or leave the month while it is read (its writers, if any, are waited for).
      await tx.execute(sql.raw(`LOCK TABLE "${partition}" IN SHARE MODE`));
      const seals = await t.select().from(auditSeals).orderBy(asc(auditSeals.id));
      const checks: Check[] = seals.map((seal) => ({ seal, gaps: new Set(seal.gapIds) }));
      const lateOwner = new Map<number, Check>();
      for (const check of checks) for (const id of check.seal.lateIds) lateOwner.set(id, check);
      const archived = await loadArchivedState(t);

      const gzip = createGzip();
      out = gzip;
      // Opened at once (a file of that name already there is refused, never overwritten).
      sink = createWriteStream('', { fd: openSync(file, 'wx') });
      gzip.pipe(sink);
      const write = async (line: string) => {
        if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
      };
      await write(
        JSON.stringify({
          format: FORMAT,
          month,
          partition,
          rowColumns: ROW_CONTENT_COLUMNS,
          rowHash: 'sha256(line)',
        }),
      );

      const covering = new Set<Check>();
      const rowsHash = rowsHasher();
      let rows = 0;
      let firstId: number | null = null;
      let lastId: number | null = null;
      let after = 0;
      for (;;) {
        const batch = await queryRows<{ id: string | number; row_hash: string; content: string }>(
          t,
          sql`select id, row_hash, ${rowContentSql} as content from ${sql.raw(`"${partition}"`)}
               where id > ${after} order by id limit 5000`,
        );
        for (const row of batch) {
          const id = Number(row.id);
          if (sha256(row.content) !== row.row_hash) {
            throw new AuditArchiveError(
              `Audit row ${id} (${month}) does not match its hash: ${month} not archived`,
            );
          }
          const owner = ownerOf(id, checks, lateOwner);
          if (!owner) {
            throw new AuditArchiveError(
              `Audit row ${id} (${month}) is not sealed yet: run pnpm audit:seal first; ${month} not archived`,
            );
          }
          covering.add(owner);
          rowsHash.add(row.row_hash);
          rows++;
          firstId ??= id;
          lastId = id;
          await write(row.content);
        }
        if (batch.length < 5000) break;
        after = Number(batch[batch.length - 1]!.id);
      }

      // The covering seals' rows in other months: live ones (still in the log) and archived ones (their hashes).
      const coveringSeals = [...covering].map((c) => c.seal).sort((a, b) => a.id - b.id);
      const liveForeign: { id: number; hash: string; owner: Check }[] = [];
      if (coveringSeals.length > 0) {
        // The covering seals' spans, merged where one follows on the next (they mostly do: a month's seals), and
        // their late ids: only those ids are read, not every row between the first seal and a late one.
        const spans: [number, number][] = [];
        for (const seal of coveringSeals) {
          const last = spans.at(-1);
          if (last && seal.firstId <= last[1] + 1) last[1] = Math.max(last[1], seal.lastId);
          else spans.push([seal.firstId, seal.lastId]);
        }
        const lateIds = coveringSeals.flatMap((s) => s.lateIds);
        const found = await queryRows<{ id: string | number; row_hash: string }>(
          t,
          sql`select id, row_hash from audit_log
               where tableoid <> ${partition}::regclass
                 and (${sql.join(
                   spans.map(([a, b]) => sql`id between ${a} and ${b}`),
                   sql` or `,
                 )} or id = any(${`{${lateIds.join(',')}}`}::bigint[]))`,
        );
        for (const row of found) {
          const owner = ownerOf(Number(row.id), checks, lateOwner);
          if (owner && covering.has(owner))
            liveForeign.push({ id: Number(row.id), hash: row.row_hash, owner });
        }
      }
      const archivedForeign = [...archived.hashes.entries()].filter(([id]) => {
        const owner = ownerOf(id, checks, lateOwner);
        return owner && covering.has(owner);
      });
      const stillLive = new Set(liveForeign.map((f) => f.owner));
      const whole = [...covering].filter((c) => !stillLive.has(c)).map((c) => c.seal.id);

      for (const seal of coveringSeals)
        await write(JSON.stringify({ seal: { ...seal, sealedAt: seal.sealedAt.toISOString() } }));
      for (const f of liveForeign) await write(JSON.stringify({ foreign: [f.id, f.hash] }));
      for (const [id, hash] of archivedForeign) await write(JSON.stringify({ foreign: [id, hash] }));
      const digest = rowsHash.digest();
      await write(JSON.stringify({ end: { rows, rowsHash: digest, firstId, lastId } }));
      const closed = once(sink, 'close');
      gzip.end();
      await closed;

      const fileSha = createHash('sha256');
      for await (const chunk of createReadStream(file)) fileSha.update(chunk as Buffer);
      const fileSha256 = fileSha.digest('hex');
      const check = await verifyArchiveFile(file);
      if (!check.ok || check.rows !== rows) {
        throw new AuditArchiveError(
          `The written file ${file} does not verify (${check.problem}): ${month} not archived`,
        );
      }

      // Archived rows of seals that still cover live rows: their hashes stay in the database for the verifier.
      const boundary = [...stillLive];
      const boundaryRows =
        boundary.length === 0
          ? []
          : await queryRows<{ id: string | number; row_hash: string }>(
              t,
              sql`select id, row_hash from ${sql.raw(`"${partition}"`)}
                   where ${sql.join(
                     boundary.map(
                       (c) =>
                         sql`(id between ${c.seal.firstId} and ${c.seal.lastId} or id = any(${`{${c.seal.lateIds.join(',')}}`}::bigint[]))`,
                     ),
                     sql` or `,
                   )}`,
            ).then((found) =>
              found.filter((r) => boundary.includes(ownerOf(Number(r.id), checks, lateOwner)!)),
            );
      const wholeSeals = toRanges(whole);
      const [record] = await t
        .insert(auditArchives)
        .values({
          month: `${month}-01`,
          partitionName: partition,
          rowCount: rows,
          firstId,
          lastId,
          rowsHash: digest,
          fileName: file,
          fileSha256,
          firstSealId: coveringSeals[0]?.id ?? null,
          lastSealId: coveringSeals.at(-1)?.id ?? null,
          prevSealHash: coveringSeals[0]?.prevHash ?? null,
          lastSealHash: coveringSeals.at(-1)?.sealHash ?? null,
          wholeSeals,
        })
        .returning({ id: auditArchives.id });
      for (let i = 0; i < boundaryRows.length; i += 1000) {
        await t
          .insert(auditArchivedRows)
          .values(
            boundaryRows
              .slice(i, i + 1000)
              .map((r) => ({ id: Number(r.id), rowHash: r.row_hash, archiveId: record!.id })),
          );
      }
      await tx.execute(sql.raw(`ALTER TABLE audit_log DETACH PARTITION "${partition}"`));
      await tx.execute(sql.raw(`ALTER TABLE "${partition}" SET SCHEMA audit_archive`));
      return {
        month,
        partition,
        file,
        sha256: fileSha256,
        rows,
        firstId,
        lastId,
        wholeSeals,
        boundaryRows: boundaryRows.length,
      };
    });
  } catch (error) {
    if (sink) {
      // A refused month leaves no file behind.
      out?.destroy();
      if (!sink.closed) {
        const closed = once(sink, 'close');
        sink.destroy();
        await closed;
      }
      unlinkSync(file);
    }
    throw error;
  }
}

/** Sorted ids as [first, last] runs. */
function toRanges(ids: number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && id === last[1] + 1) last[1] = id;
    else ranges.push([id, id]);
  }
  return ranges;
}

export interface ArchiveFileCheck {
  ok: boolean;
  problem: string | null;
  month: string | null;
  rows: number;
  seals: number;
}

/**
 * Checks an archive file on its own: every row line hashes to itself (sha256(line), the row hash), and every
 * seal in it — its own hash, and its hash over its rows (from the file's rows and foreign hashes) — recomputes.
 */
export async function verifyArchiveFile(file: string): Promise<ArchiveFileCheck> {
  const hashes = new Map<number, string>();
  const seals: AuditSeal[] = [];
  let month: string | null = null;
  let end: { rows: number; rowsHash: string } | null = null;
  const rowsHash = rowsHasher();
  let rows = 0;
  const fail = (problem: string): ArchiveFileCheck => ({
    ok: false,
    problem,
    month,
    rows,
    seals: seals.length,
  });
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let first = true;
  for await (const line of lines) {
    if (first) {
      const header = JSON.parse(line) as { format?: string; month?: string };
      if (header.format !== FORMAT) return fail(`not a ${FORMAT} file`);
      month = header.month ?? null;
      first = false;
    } else if (line.startsWith('["vetflow-audit-v1"')) {
      const id = Number((JSON.parse(line) as unknown[])[1]);
      const hash = sha256(line);
      hashes.set(id, hash);
      rowsHash.add(hash);
      rows++;
    } else {
      const item = JSON.parse(line) as {
        seal?: AuditSeal & { sealedAt: string };
        foreign?: [number, string];
        end?: { rows: number; rowsHash: string };
      };
      if (item.seal) seals.push({ ...item.seal, sealedAt: new Date(item.seal.sealedAt) });
      else if (item.foreign) hashes.set(item.foreign[0], item.foreign[1]);
      else if (item.end) end = item.end;
    }
  }
  if (!end) return fail('the file is cut short (no end line)');
  if (end.rows !== rows || end.rowsHash !== rowsHash.digest())
    return fail('its rows do not match its end line');
  for (const seal of seals) {
    const { sealHash: stored, ...content } = seal;
    if (sealHash(content) !== stored) return fail(`seal ${seal.id} was changed`);
    const gaps = new Set(seal.gapIds);
    const ids = [...seal.lateIds];
    for (let id = seal.firstId; id <= seal.lastId; id++) if (!gaps.has(id)) ids.push(id);
    ids.sort((a, b) => a - b);
    const hash = rowsHasher();
    for (const id of ids) {
      const rowHash = hashes.get(id);
      if (rowHash === undefined) return fail(`row ${id} of seal ${seal.id} is missing`);
      hash.add(rowHash);
    }
    if (ids.length !== seal.rowCount || hash.digest() !== seal.rowsHash)
      return fail(`the rows of seal ${seal.id} do not match it`);
  }
  return { ok: true, problem: null, month, rows, seals: seals.length };
}
