import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { Database } from './client';

/** The channel the triggers of migrations 0016 and 0017 notify on. */
export const CHANGES_CHANNEL = 'vetflow_changes';

/** The tables whose triggers send change events (clinic_settings since 0017: every Today follows triage changes). */
export const CHANGE_TABLES = [
  'appointments',
  'patients',
  'medical_records',
  'clinic_settings',
  // New audit rows: only admins receive them (the timeline follows the log); the id is the log's number. Since
  // 0023 no trigger sends these: the API reads the log (apps/api/src/live/audit-watcher.ts).
  'audit_log',
] as const;
export type ChangeTable = (typeof CHANGE_TABLES)[number];

/**
 * One committed change as the trigger describes it (0016_change_events.sql; audit rows: the API's audit
 * watcher): which row, its version (updated_at in epoch ms; an audit row's time) and what a screen needs to decide
 * whether it cares. Never clinical content.
 */
export interface ChangeEvent {
  table: ChangeTable;
  id: string;
  kind: 'insert' | 'update';
  version: number;
  patientId?: string;
  ownerId?: string;
  appointmentId?: string | null;
  vetId?: string;
  startsAt?: number;
  prevVetId?: string;
  prevStartsAt?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An audit row's id: a bigint identity, sent as text (a JSON number could lose digits). */
const AUDIT_ID = /^[1-9][0-9]{0,18}$/;
const uuidOrNull = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : undefined);
const msOrNull = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Reads a notification's payload into a ChangeEvent, keeping only the fields named here (anything else a
 * trigger might one day add never travels further), or null for a payload that is not one of ours.
 */
export function parseChangeEvent(payload: string): ChangeEvent | null {
  if (payload.length > 8000) return null;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const table = raw.table as ChangeTable;
  const id =
    table === 'audit_log'
      ? typeof raw.id === 'string' && AUDIT_ID.test(raw.id)
        ? raw.id
        : undefined
      : uuidOrNull(raw.id);
  const version = msOrNull(raw.version);
  if (!CHANGE_TABLES.includes(table) || !id || version === undefined) return null;
  if (raw.kind !== 'insert' && raw.kind !== 'update') return null;
  const event: ChangeEvent = { table, id, kind: raw.kind, version };
  const optional = {
    patientId: uuidOrNull(raw.patientId),
    ownerId: uuidOrNull(raw.ownerId),
    appointmentId: raw.appointmentId === null ? null : uuidOrNull(raw.appointmentId),
    vetId: uuidOrNull(raw.vetId),
    startsAt: msOrNull(raw.startsAt),
    prevVetId: uuidOrNull(raw.prevVetId),
    prevStartsAt: msOrNull(raw.prevStartsAt),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (event as unknown as Record<string, unknown>)[key] = value;
  }
  return event;
}

export interface ChangeListenerHandlers {
  onChange(event: ChangeEvent): void;
  /**
   * The listening connection is (again) in place. `reconnected` is true after it was lost: notifications sent
   * meanwhile are gone, so whoever follows the changes must refetch.
   */
  onListening(reconnected: boolean): void;
  /** The first LISTEN failed (the database is unreachable at start-up); it is retried. */
  onError?(error: unknown): void;
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * Listens for change events on ONE connection, whichever engine: postgres.js keeps a dedicated connection for
 * LISTEN and, when it drops, reconnects with the pool's backoff and listens again, calling `onlisten` each time;
 * PGlite is in-process and cannot drop. A first LISTEN that fails (database down at start-up) is retried every
 * second until it succeeds.
 */
export async function listenForChanges(
  db: Database,
  handlers: ChangeListenerHandlers,
): Promise<ChangeListener> {
  const client = (db as unknown as { $client: unknown }).$client;
  const onPayload = (payload: string) => {
    const event = parseChangeEvent(payload);
    if (event) handlers.onChange(event);
  };
  if (isPglite(client)) {
    const unlisten = await client.listen(CHANGES_CHANNEL, onPayload);
    handlers.onListening(false);
    return { close: async () => unlisten().catch(() => {}) };
  }
  const sql = client as Sql;
  let closed = false;
  let listened = false;
  let unlisten: (() => Promise<void>) | null = null;
  let retry: NodeJS.Timeout | undefined;
  const start = async () => {
    try {
      const result = await sql.listen(CHANGES_CHANNEL, onPayload, () => {
        handlers.onListening(listened);
        listened = true;
      });
      unlisten = result.unlisten;
      if (closed) await unlisten();
    } catch (error) {
      if (closed) return;
      handlers.onError?.(error);
      retry = setTimeout(() => void start(), 1000);
      retry.unref();
    }
  };
  await start();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await unlisten?.().catch(() => {});
    },
  };
}

function isPglite(client: unknown): client is PGlite {
  return (
    typeof client === 'object' &&
    client !== null &&
    'dumpDataDir' in client &&
    typeof (client as PGlite).listen === 'function'
  );
}
