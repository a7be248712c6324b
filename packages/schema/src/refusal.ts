/**
 * The one shape of a refused call, shared by the API (which answers with it in every tRPC error's `data`) and the
 * web app (which reads it; it never parses a message). Modelled on a coded application error: a code, a human
 * message that can be shown as it is, the fields at fault, and typed details for the refusals that carry data.
 */

/**
 * tRPC's error codes that VetFlow answers with. The last three are tRPC's own refusals of a request it cannot
 * serve at all (a GET to a mutation, a body that is not JSON); they carry no issues.
 */
export type RefusalCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'METHOD_NOT_SUPPORTED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PARSE_ERROR';

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

export type RefusalDetails = StaleEditDetails | ThrottledDetails | ConstraintDetails;

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
