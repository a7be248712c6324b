import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Refusal, RefusalCode, RefusalIssue } from '@vetflow/schema/refusal';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { DomainError } from './errors';

/** What every refused call carries in `error.data`: the one Refusal, beside tRPC's own status and path. */
export type RefusalData = Refusal & { httpStatus: number; path?: string };

const REFUSAL_CODES = new Set(
  Object.keys({
    BAD_REQUEST: true,
    UNAUTHORIZED: true,
    FORBIDDEN: true,
    NOT_FOUND: true,
    CONFLICT: true,
    PAYLOAD_TOO_LARGE: true,
    TOO_MANY_REQUESTS: true,
    INTERNAL_SERVER_ERROR: true,
    SERVICE_UNAVAILABLE: true,
    METHOD_NOT_SUPPORTED: true,
    UNSUPPORTED_MEDIA_TYPE: true,
    PARSE_ERROR: true,
  } satisfies Record<RefusalCode, true>),
);

const isRefusalCode = (code: string): code is RefusalCode => REFUSAL_CODES.has(code);

/** At most this many distinct issue messages are repeated in a several-issue refusal's message. */
const MESSAGES_IN_SUMMARY = 3;

/**
 * The message of a validation refusal: a single issue's own words; for several, how many and what (each issue
 * keeps its field in `issues`, never in the text).
 */
export function describeIssues(issues: readonly RefusalIssue[]): string {
  const [only] = issues;
  if (issues.length === 1 && only) return only.message;
  if (issues.length === 0) return 'The input is not valid';
  const messages = [...new Set(issues.map((issue) => issue.message))];
  const shown = messages.slice(0, MESSAGES_IN_SUMMARY).join('; ');
  return `${issues.length} fields need attention: ${shown}${messages.length > MESSAGES_IN_SUMMARY ? '; …' : ''}`;
}

const zodIssues = (error: ZodError): RefusalIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/**
 * The refusal a tRPC error answers with: a validation error's issues (its message summarises them), a domain
 * refusal's field and typed details, or, for anything else (policy, tRPC's own refusals, outages), the error's
 * message with no issue.
 */
export function refusalOf(error: TRPCError): Refusal {
  const code: RefusalCode = isRefusalCode(error.code) ? error.code : 'INTERNAL_SERVER_ERROR';
  if (error.cause instanceof ZodError) {
    const issues = zodIssues(error.cause);
    return { code, message: describeIssues(issues), issues };
  }
  if (error.cause instanceof DomainError) {
    const { message, issues, details } = error.cause;
    return { code, message, issues, ...(details ? { details } : {}) };
  }
  return { code, message: error.message, issues: [] };
}

/** `error.data` of a refused call: the refusal, tRPC's HTTP status and the procedure's path. */
export const refusalData = (error: TRPCError, httpStatus: number, path?: string): RefusalData => ({
  ...refusalOf(error),
  httpStatus,
  ...(path === undefined ? {} : { path }),
});

/**
 * A refusal of a request tRPC never read (Fastify refused it first, e.g. a body over the size limit), answered in
 * tRPC's error envelope with the same data, so the client reads it like any other.
 */
export function refusalResponse(error: TRPCError) {
  const httpStatus = getHTTPStatusCodeFromError(error);
  const data = refusalData(error, httpStatus);
  const shape = { code: TRPC_ERROR_CODES_BY_KEY[error.code], message: data.message, data };
  return { httpStatus, body: { error: superjson.serialize(shape) } };
}
