/**
 * The one shape of a refused call, shared by the API (which answers with it in every tRPC error's `data`) and the
 * web app (which reads it; it never parses a message). Modelled on a coded application error: a code, a human
 * message that can be shown as it is, the fields at fault, and typed details for the refusals that carry data.
 */

/**
 * tRPC's error codes that VetFlow answers with. The last three are tRPC's own refusals of a request it cannot
 * serve at all (a GET to a mutation, a body that is not JSON); they carry no issues.
 */
export const REFUSAL_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
  'METHOD_NOT_SUPPORTED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PARSE_ERROR',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * A field at fault: its dot-joined path in the input (`email`, `allergies.0.allergen`; `''` for the input as a
 * whole, e.g. a key the procedure does not accept) and what is wrong with it, in words for a person.
 */
export interface RefusalIssue {
  path: string;
  message: string;
}

/** Someone saved the record after the caller opened it: the current version, who changed it and when. */
export interface StaleEditDetails {
  kind: 'stale_edit';
  current: Record<string, unknown>;
  changedBy: string | null;
  changedAt: Date | null;
}

/** Too many attempts: when to try again. */
export interface ThrottledDetails {
  kind: 'throttled';
  retryAfterSeconds: number;
}

/** A database rule refused the change (the constraint's name, for support; the message says it in words). */
export interface ConstraintDetails {
  kind: 'constraint';
  constraint: string;
}

/**
 * A booking overlaps another live appointment of the veterinarian or of the patient: which one (null if it was
 * gone by the time the refusal was written), and the next time from the requested start at which the
 * veterinarian (and the patient) are free for the same duration, within opening hours (null: none in two weeks).
 */
export interface BookingClashDetails {
  kind: 'booking_clash';
  constraint: 'appointments_no_double_booking' | 'appointments_no_patient_double_booking';
  clash: {
    id: string;
    patientName: string;
    veterinarianName: string;
    startsAt: Date;
    endsAt: Date;
  } | null;
  nextFree: { startsAt: Date; endsAt: Date } | null;
}

/**
 * The slot lies outside the clinic's opening hours (`closed`) or on a day the veterinarian does not work
 * (`day_off`): refused unless the booking says `outsideHours: true`.
 */
export interface OutsideHoursDetails {
  kind: 'outside_hours';
  reason: 'closed' | 'day_off';
}

export type RefusalDetails =
  | StaleEditDetails
  | ThrottledDetails
  | ConstraintDetails
  | BookingClashDetails
  | OutsideHoursDetails;

/**
 * What every refusal carries in `error.data` (beside tRPC's own `httpStatus` and `path`). `message` never starts
 * with a field name; the fields are in `issues`, empty when the refusal is about the call as a whole.
 */
export interface Refusal {
  code: RefusalCode;
  message: string;
  issues: RefusalIssue[];
  details?: RefusalDetails;
}
