import { TRPCClientError } from '@trpc/client';

export interface FieldIssue {
  path: string;
  message: string;
}

/** What the UI needs from a refused call, whatever shape the server (or the network) gave it. */
export interface ApiProblem {
  code: string;
  httpStatus: number | null;
  message: string;
  /** Validation issues: [{ path: 'email', message: 'Enter a valid email address' }]. */
  issues: FieldIssue[];
  /** Domain details: { field }, { retryAfterSeconds }, { current, changedBy, changedAt } for a stale edit. */
  details: Record<string, unknown>;
}

interface ErrorData {
  code?: string;
  httpStatus?: number;
  issues?: FieldIssue[];
  details?: Record<string, unknown>;
  retryAfterSeconds?: number;
}

export function toProblem(error: unknown): ApiProblem {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    const details = { ...(data.details ?? {}) };
    // The per-IP rate limit (Fastify) puts the wait beside the code rather than in details.
    if (typeof data.retryAfterSeconds === 'number' && details.retryAfterSeconds === undefined) {
      details.retryAfterSeconds = data.retryAfterSeconds;
    }
    const isNetwork = !data.code && /fetch|network/i.test(error.message);
    return {
      code: data.code ?? (isNetwork ? 'NETWORK' : 'UNKNOWN'),
      httpStatus: data.httpStatus ?? null,
      message: isNetwork
        ? 'The server cannot be reached. Check the connection and try again.'
        : error.message,
      issues: Array.isArray(data.issues) ? data.issues : [],
      details,
    };
  }
  const message = error instanceof Error ? error.message : 'Something went wrong';
  return { code: 'UNKNOWN', httpStatus: null, message, issues: [], details: {} };
}

export const isUnauthorized = (error: unknown) => toProblem(error).code === 'UNAUTHORIZED';

/**
 * Per-field messages from a refusal: zod issues by path, a domain error's `details.field`, or a message of the
 * form "field: message" (how domain errors name their field). Returns the messages keyed by form path and the
 * message left over for the form as a whole.
 */
export function fieldErrors(problem: ApiProblem, knownFields?: readonly string[]) {
  const errors: Record<string, string> = {};
  const known = (path: string) =>
    !knownFields || knownFields.some((f) => path === f || path.startsWith(`${f}.`));
  for (const issue of problem.issues) {
    if (issue.path && known(issue.path)) errors[issue.path] ??= issue.message;
  }
  const field = typeof problem.details.field === 'string' ? problem.details.field : null;
  if (problem.issues.length === 0) {
    const prefixed = /^([A-Za-z][\w.]*): (.+)$/.exec(problem.message);
    if (prefixed && known(prefixed[1]!)) errors[prefixed[1]!] = prefixed[2]!;
    else if (field && known(field)) errors[field] = problem.message;
  }
  const placed = Object.keys(errors).length > 0;
  const unplaced = problem.issues.filter((i) => !i.path || !known(i.path));
  let general: string | null = null;
  if (!placed) general = problem.message;
  else if (unplaced.length > 0)
    general = unplaced.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return { errors, general };
}

/** A stale edit: the row changed since the user opened it. */
export interface StaleEdit<T = Record<string, unknown>> {
  current: T;
  changedBy: string | null;
  changedAt: Date | null;
}

export function staleEdit<T = Record<string, unknown>>(problem: ApiProblem): StaleEdit<T> | null {
  if (problem.code !== 'CONFLICT' || !problem.details.current || typeof problem.details.current !== 'object')
    return null;
  const at = problem.details.changedAt;
  return {
    current: problem.details.current as T,
    changedBy: typeof problem.details.changedBy === 'string' ? problem.details.changedBy : null,
    changedAt: at instanceof Date ? at : typeof at === 'string' ? new Date(at) : null,
  };
}

export const retryAfterSeconds = (problem: ApiProblem) =>
  typeof problem.details.retryAfterSeconds === 'number' ? problem.details.retryAfterSeconds : null;
