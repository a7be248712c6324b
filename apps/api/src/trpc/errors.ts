import { TRPCError } from '@trpc/server';
import { queries } from '@vetflow/db';
import type { RefusalDetails, RefusalIssue } from '@vetflow/schema/refusal';
import { FOLLOW_UP_BEFORE_VISIT } from '@vetflow/schema/validators';
import { DATE_RANGE, DATETIME_RANGE, LIMITS } from '@vetflow/schema/values';
import { ZodError, ZodRealError } from 'zod';

export type DomainErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'TOO_MANY_REQUESTS'
  | 'UNAUTHORIZED';

export interface DomainErrorOptions {
  /** The input field at fault: it becomes the refusal's issue (with the same message), so the form can place it. */
  field?: string;
  /** The data the client acts on (a stale edit's current version, the wait, the constraint); nothing else travels. */
  details?: RefusalDetails;
}

/** A domain refusal with the code to answer it with; its message is for a person and never names the field. */
export class DomainError extends Error {
  readonly issues: RefusalIssue[];
  readonly details: RefusalDetails | undefined;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.issues = options.field ? [{ path: options.field, message }] : [];
    this.details = options.details;
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);

const DATE_RANGE_MESSAGE = `Must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`;
const WEIGHT_RANGE_MESSAGE = `Must be greater than 0 and at most ${LIMITS.maxWeightKg} kg`;

/** What each named constraint means to a person, and which field it is about. */
const CONSTRAINT_MESSAGES: Record<string, { message: string; field?: string }> = {
  appointments_no_double_booking: {
    message: 'The veterinarian already has an appointment that overlaps this time',
    field: 'startsAt',
  },
  appointments_no_patient_double_booking: {
    message: 'The patient already has an appointment that overlaps this time',
    field: 'startsAt',
  },
  appointments_patient_bookable: {
    message: 'This patient is deceased or inactive and cannot be booked',
    field: 'patientId',
  },
  appointments_veterinarian_check: {
    message: 'Appointments are booked with an active veterinarian',
    field: 'veterinarianId',
  },
  appointments_time_order_check: { message: 'The end must be after the start', field: 'endsAt' },
  appointment_types_name_key: { message: 'Another appointment type has this name', field: 'name' },
  owners_active_email_key: { message: 'Another active owner already uses this email', field: 'email' },
  owners_email_check: { message: 'Enter a valid email address', field: 'email' },
  owners_phone_check: { message: 'Enter a valid phone number', field: 'phone' },
  patients_microchip_id_key: {
    message: 'Another patient already has this microchip number',
    field: 'microchipId',
  },
  patients_weight_kg_check: { message: WEIGHT_RANGE_MESSAGE, field: 'weightKg' },
  medical_records_weight_kg_check: { message: WEIGHT_RANGE_MESSAGE, field: 'weightKg' },
  medical_records_temperature_c_check: {
    message: `Between ${LIMITS.minTemperatureC} and ${LIMITS.maxTemperatureC} °C`,
    field: 'temperatureC',
  },
  medical_records_follow_up_on_after_visit_check: { message: FOLLOW_UP_BEFORE_VISIT, field: 'followUpOn' },
  system_users_username_key: { message: 'This username is taken', field: 'username' },
  system_users_email_key: { message: 'Another staff account already uses this email', field: 'email' },
  medical_records_never_deleted: { message: 'Medical records are never deleted' },
  system_users_last_admin: {
    message: 'The clinic must keep at least one active admin: make someone else an admin first',
  },
  system_users_email_check: { message: 'Enter a valid email address', field: 'email' },
  appointments_starts_at_range_check: { message: DATE_RANGE_MESSAGE, field: 'startsAt' },
  appointments_ends_at_range_check: { message: DATE_RANGE_MESSAGE, field: 'endsAt' },
  medical_records_visited_at_range_check: { message: DATE_RANGE_MESSAGE, field: 'visitedAt' },
  medical_records_follow_up_on_range_check: { message: DATE_RANGE_MESSAGE, field: 'followUpOn' },
  patients_date_of_birth_range_check: { message: DATE_RANGE_MESSAGE, field: 'dateOfBirth' },
  patients_deceased_at_range_check: { message: DATE_RANGE_MESSAGE, field: 'deceasedAt' },
};

interface PgErrorLike {
  code?: string;
  constraint?: string;
  constraint_name?: string;
}

/** postgres.js puts the SQLSTATE on the error, PGlite too; Drizzle wraps both in a DrizzleQueryError (cause). */
export function findPgError(error: unknown): PgErrorLike | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

/** SQLSTATEs of a date or time PostgreSQL cannot read or represent (format, field out of range, zone). */
const DATE_TIME_SQLSTATES = new Set(['22007', '22008', '22009']);

/** JavaScript's own date failures ("Invalid time value", "Invalid Date"); other RangeErrors are real bugs. */
const isJsDateError = (error: unknown) =>
  error instanceof RangeError && /invalid (time value|date)/i.test(error.message);

const EARLIEST = new Date(DATETIME_RANGE.min).getTime();
const LATEST = new Date(DATETIME_RANGE.max).getTime();
const ISO_DATE_PREFIX = /^[+-]?\d{4,6}-\d{2}-\d{2}/;

/** Whether a Date or a date string in an input lies outside the clinic's range (or is not a date at all). */
function isOutOfRange(value: unknown): boolean {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) || time < EARLIEST || time > LATEST;
  }
  if (typeof value === 'string' && ISO_DATE_PREFIX.test(value)) {
    return value.slice(0, 10) < DATE_RANGE.min || value.slice(0, 10) > DATE_RANGE.max || value.length > 10;
  }
  return false;
}

/** The path (dot-joined) of the first date in `input` outside the clinic's range, or of its first date at all. */
function datePath(input: unknown): string | null {
  let first: string | null = null;
  const visit = (value: unknown, path: string[], depth: number): string | null => {
    if (value instanceof Date || (typeof value === 'string' && ISO_DATE_PREFIX.test(value))) {
      first ??= path.join('.');
      return isOutOfRange(value) ? path.join('.') : null;
    }
    if (!value || typeof value !== 'object' || depth > 8) return null;
    for (const [key, child] of Object.entries(value).slice(0, 200)) {
      const found = visit(child, [...path, key], depth + 1);
      if (found !== null) return found;
    }
    return null;
  };
  return visit(input, [], 0) ?? first;
}

/**
 * A date or time nothing could represent (the validators bound every date, so this is a safety net): a
 * validation error naming the field it most likely came from, never a 500.
 */
function dateTimeRefusal(input: unknown): TRPCError {
  const path = datePath(input);
  if (!path) return domain('BAD_REQUEST', `A date is out of range: ${DATE_RANGE_MESSAGE.toLowerCase()}`);
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: DATE_RANGE_MESSAGE,
    cause: new ZodRealError([
      { code: 'custom', path: path.split('.'), message: DATE_RANGE_MESSAGE, input: undefined },
    ]),
  });
}

/**
 * The one map from domain and database errors to tRPC errors. Anything unknown becomes an
 * INTERNAL_SERVER_ERROR whose message says nothing about SQL or the stack (the original is logged).
 * `input` (the call's raw input) lets a leftover date error name its field.
 */
export function toTRPCError(error: unknown, input?: unknown): TRPCError {
  // tRPC could not read the input (JSON.parse, superjson): the parser's own words are not for the client.
  if (error instanceof TRPCError && error.code === 'BAD_REQUEST' && error.cause) {
    if (!(error.cause instanceof ZodError) && !(error.cause instanceof DomainError)) {
      return new TRPCError({
        code: 'BAD_REQUEST',
        message: 'The input could not be read',
        cause: error.cause,
      });
    }
  }
  // A deliberate refusal passes as it is; an INTERNAL_SERVER_ERROR is tRPC wrapping something thrown, whose
  // message (a query's SQL, a library's internals) must not reach the client: it is mapped below.
  if (
    error instanceof TRPCError &&
    error.code !== 'INTERNAL_SERVER_ERROR' &&
    !(error.cause && findPgError(error.cause))
  ) {
    if (error.cause instanceof DomainError) return toTRPCError(error.cause);
    return error;
  }
  const cause = error instanceof TRPCError ? error.cause : error;
  if (cause instanceof DomainError) return new TRPCError({ code: cause.code, message: cause.message, cause });
  if (isDatabaseUnavailable(cause)) return databaseUnavailable(cause);
  if (cause instanceof queries.InvalidCursorError)
    return domain('BAD_REQUEST', cause.message, { field: 'cursor' });
  if (isJsDateError(cause)) return dateTimeRefusal(input);
  const pg = findPgError(cause);
  if (pg?.code && DATE_TIME_SQLSTATES.has(pg.code)) return dateTimeRefusal(input);
  if (pg) {
    const constraint = pg.constraint_name ?? pg.constraint ?? '';
    const known = CONSTRAINT_MESSAGES[constraint];
    const named: DomainErrorOptions = {
      details: { kind: 'constraint', constraint },
      ...(known?.field ? { field: known.field } : {}),
    };
    switch (pg.code) {
      case '23P01': // exclusion_violation
      case '23505': // unique_violation
        return domain('CONFLICT', known?.message ?? 'This conflicts with an existing record', named);
      case '23514': // check_violation
        return domain('BAD_REQUEST', known?.message ?? `A value breaks the rule ${constraint}`, named);
      case '23503': // foreign_key_violation
        return domain('BAD_REQUEST', 'A referenced record does not exist or is still in use', named);
      case '23502': // not_null_violation
      case '22P02': // invalid_text_representation
      case '22003':
        return domain('BAD_REQUEST', 'A value is missing or malformed');
      case '22021': // character_not_in_repertoire: a NUL character in text
      case '22P05': // untranslatable_character: the same inside jsonb
        return domain('BAD_REQUEST', 'Text cannot contain the NUL character');
      case '40001': // serialization_failure
      case '40P01': // deadlock_detected
      case '55P03': // lock_not_available
        return domain('CONFLICT', 'Someone else changed this at the same moment; try again');
      case '23001':
        return domain('CONFLICT', known?.message ?? 'This record is still referenced', named);
      case '42501': // insufficient_privilege: the database role refused what no API check stopped
        return new TRPCError({ code: 'FORBIDDEN', message: 'Your role does not allow this action', cause });
    }
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side', cause });
}

/** PostgreSQL refused for lack of privilege: the database role stopped what no API check did (a bug to log). */
export const refusedByDatabaseRole = (error: unknown) => findPgError(error)?.code === '42501';

/**
 * The database cannot be reached right now (stopped, restarting, network cut): not the caller's fault and not
 * a bug, so 503 and "try again" rather than 500. postgres.js reports the socket's code (ECONNREFUSED…) or its
 * own (CONNECTION_CLOSED…); the server, while shutting down or starting, SQLSTATE 57P01–57P03 or class 08.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
      return true;
    current = cause;
  }
  return false;
}

export function databaseUnavailable(cause?: unknown): TRPCError {
  return new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: 'The database is unavailable; try again in a moment',
    cause,
  });
}

function domain(code: DomainErrorCode, message: string, options?: DomainErrorOptions) {
  const cause = new DomainError(code, message, options);
  return new TRPCError({ code, message, cause });
}
