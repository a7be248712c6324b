import { type ChangeEvent, type Database, listenForChanges } from '@vetflow/db';
import type { UserRole } from '@vetflow/schema/values';
import type { FastifyBaseLogger } from 'fastify';
import { AuditWatcher } from './audit-watcher';
import { ChangeHub } from './hub';

export interface LiveOptions {
  /** How often an open subscription re-checks its session (sign-out, revocation, deactivation, idle end). */
  sessionCheckMs?: number;
  /** Most subscriptions one session may hold open at once (tabs of one browser share a session). */
  maxPerSession?: number;
  /** Most subscriptions the process holds open at once. */
  maxTotal?: number;
  /** Events kept for `lastEventId` resume. */
  replay?: number;
  /** How often the audit log is read for new rows while an admin listens (audit-watcher.ts). */
  auditPollMs?: number;
}

/**
 * The fields of a change event each role receives. Today every role may see all of them — the trigger sends no
 * clinical content — but the list is explicit so nothing a trigger adds later reaches a browser unnoticed,
 * and an assistant's list can shrink on its own.
 */
const VISIBLE_FIELDS: Record<UserRole, readonly (keyof ChangeEvent)[]> = (() => {
  const all = [
    'table',
    'id',
    'kind',
    'version',
    'patientId',
    'ownerId',
    'appointmentId',
    'vetId',
    'startsAt',
    'prevVetId',
    'prevStartsAt',
  ] as const;
  // A waiting-room screen learns only that something changed: enough to refetch its board.
  return { admin: all, veterinarian: all, assistant: all, display: ['table', 'id', 'kind', 'version'] };
})();

/**
 * The tables whose changes each role hears of, listed for every role so that a table added later reaches nobody
 * unnoticed. Staff hear of the clinic settings (table, id, kind and version: all its event carries), so every
 * open Today follows a change of the triage thresholds; the waiting-room display only of what its board shows
 * (no settings: its board flags no triage); an audit row's event (audit-watcher.ts) reaches admins only — only
 * they read the audit log, and even the fact that something was logged (a sign-in, a change to an account) is
 * theirs.
 */
const VISIBLE_TABLES: Record<UserRole, readonly ChangeEvent['table'][]> = {
  admin: ['appointments', 'patients', 'medical_records', 'clinic_settings', 'audit_log'],
  veterinarian: ['appointments', 'patients', 'medical_records', 'clinic_settings'],
  assistant: ['appointments', 'patients', 'medical_records', 'clinic_settings'],
  display: ['appointments', 'patients'],
};

/**
 * A change event as a caller of `role` may see it: only the fields listed above; null when the role does not
 * hear of that table at all.
 */
export function visibleChange(change: ChangeEvent, role: UserRole): Partial<ChangeEvent> | null {
  if (!VISIBLE_TABLES[role].includes(change.table)) return null;
  const out: Partial<ChangeEvent> = {};
  for (const key of VISIBLE_FIELDS[role]) {
    if (change[key] !== undefined) (out as Record<string, unknown>)[key] = change[key];
  }
  return out;
}

export class TooManySubscriptions extends Error {}

/** The process's live updates: one database listener, the hub, and the bookkeeping of open subscriptions. */
export class LiveChanges {
  readonly hub: ChangeHub;
  readonly sessionCheckMs: number;
  private readonly maxPerSession: number;
  private readonly maxTotal: number;
  private readonly perSession = new Map<string, number>();
  private open = 0;
  /** Open admin subscriptions: the audit watcher reads the log only while there is one. */
  private admins = 0;
  private listener: { close(): Promise<void> } | null = null;
  private auditWatcher: AuditWatcher | null = null;
  private readonly auditPollMs: number;
  /** False while the database listener is lost: events may be missing until it is back (then `resync`). */
  listening = false;

  constructor(options: LiveOptions = {}) {
    this.hub = new ChangeHub({ replay: options.replay ?? 1000 });
    this.sessionCheckMs = options.sessionCheckMs ?? 30_000;
    this.maxPerSession = options.maxPerSession ?? 8;
    this.maxTotal = options.maxTotal ?? 2000;
    this.auditPollMs = options.auditPollMs ?? 1000;
  }

  async start(db: Database, log: FastifyBaseLogger) {
    this.listener = await listenForChanges(db, {
      onChange: (change) => this.hub.publish({ type: 'change', change }),
      onListening: (reconnected) => {
        this.listening = true;
        if (reconnected) {
          log.warn('live updates: the database listener reconnected; clients are told to refetch');
          this.hub.publish({ type: 'resync' });
        }
      },
      onError: (error) => {
        this.listening = false;
        log.warn({ err: error }, 'live updates: listening for changes failed; retrying');
      },
    });
    // Audit rows send no NOTIFY (0023): the log itself is read while an admin listens.
    this.auditWatcher = new AuditWatcher(
      db,
      () => this.admins > 0,
      (change) => this.hub.publish({ type: 'change', change }),
      log,
      { intervalMs: this.auditPollMs },
    );
    this.auditWatcher.start();
  }

  /** Takes a slot for a session's subscription, or throws TooManySubscriptions. Returns its release. */
  acquire(sessionId: string, role: UserRole): () => void {
    const held = this.perSession.get(sessionId) ?? 0;
    if (held >= this.maxPerSession || this.open >= this.maxTotal) throw new TooManySubscriptions();
    this.perSession.set(sessionId, held + 1);
    this.open++;
    const admin = VISIBLE_TABLES[role].includes('audit_log');
    if (admin) this.admins++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      if (admin) this.admins--;
      const left = (this.perSession.get(sessionId) ?? 1) - 1;
      if (left > 0) this.perSession.set(sessionId, left);
      else this.perSession.delete(sessionId);
    };
  }

  get openSubscriptions() {
    return this.open;
  }

  async stop() {
    this.hub.close();
    await this.auditWatcher?.stop();
    await this.listener?.close();
  }
}
