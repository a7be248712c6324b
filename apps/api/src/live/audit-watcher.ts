import {
  type AuditArrival,
  auditArrivals,
  type ChangeEvent,
  type Database,
  newestAuditRow,
} from '@vetflow/db';
import type { FastifyBaseLogger } from 'fastify';

export interface AuditWatcherOptions {
  /** How often the log is read while someone is listening. */
  intervalMs?: number;
  /**
   * How long an id the log skipped is looked for again: a transaction that drew it may still commit (ids are
   * drawn when a row is written, rows become visible at commit); one that rolled back never will.
   */
  gapGraceMs?: number;
}

/** Most skipped ids remembered at once (a rolled-back bulk write can skip thousands). */
const MAX_PENDING = 1000;

/**
 * Tells the admins' timelines that the audit log has new rows, without a NOTIFY per row (0023: a NOTIFY
 * serialises every writer's commit). While `listening()` — an admin's stream is open — it reads the ids
 * committed since it last looked, about once a second, and publishes ONE event per round naming the newest
 * row: the timeline refetches its page whatever the number of rows. Ids it saw skipped are looked for again for
 * a while, so a row whose transaction commits after a later one is announced too. Paused while nobody listens;
 * on resuming it starts from the log's newest row, announcing it if anything arrived in between.
 */
export class AuditWatcher {
  private readonly intervalMs: number;
  private readonly gapGraceMs: number;
  private cursor: number | null = null;
  /** Skipped ids, each with the time after which it is no longer looked for. */
  private pending = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private paused = true;
  /** A failed read is logged once, not every second of a database outage. */
  private failing = false;

  constructor(
    private readonly db: Database,
    private readonly listening: () => boolean,
    private readonly publish: (change: ChangeEvent) => void,
    private readonly log: FastifyBaseLogger,
    options: AuditWatcherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.gapGraceMs = options.gapGraceMs ?? 60_000;
  }

  start() {
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
  }

  /** One round now (the timer does the same); a round in progress is awaited, not doubled. */
  tick(): Promise<void> {
    this.round ??= this.look()
      .then(() => {
        this.failing = false;
      })
      .catch((error: unknown) => {
        if (!this.failing)
          this.log.warn({ err: error }, 'live updates: reading new audit rows failed; retrying');
        this.failing = true;
      })
      .finally(() => {
        this.round = null;
      });
    return this.round;
  }

  private async look() {
    if (!this.listening()) {
      this.paused = true;
      return;
    }
    if (this.paused || this.cursor === null) {
      const newest = await newestAuditRow(this.db);
      if (newest && this.cursor !== null && newest.id > this.cursor) this.announce(newest);
      this.cursor = newest?.id ?? 0;
      this.pending.clear();
      this.paused = false;
      return;
    }
    const now = Date.now();
    for (const [id, until] of this.pending) if (until < now) this.pending.delete(id);
    const arrived = await auditArrivals(this.db, this.cursor, [...this.pending.keys()]);
    if (arrived.length === 0) return;
    const fresh = new Set<number>();
    for (const row of arrived) {
      this.pending.delete(row.id);
      if (row.id > this.cursor) fresh.add(row.id);
    }
    const newest = arrived[arrived.length - 1]!;
    for (let id = this.cursor + 1; id < newest.id && this.pending.size < MAX_PENDING; id++) {
      if (!fresh.has(id)) this.pending.set(id, now + this.gapGraceMs);
    }
    this.cursor = Math.max(this.cursor, newest.id);
    this.announce(newest);
  }

  private announce(row: AuditArrival) {
    this.publish({
      table: 'audit_log',
      id: String(row.id),
      kind: 'insert',
      version: row.occurredAt.getTime(),
    });
  }
}
