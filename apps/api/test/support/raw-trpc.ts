import type { RefusalDetails, RefusalIssue } from '@vetflow/schema/refusal';
import superjson from 'superjson';
import type { RefusalData } from '../../src/trpc/refusal';
import { appRouter } from '../../src/trpc/root';

export interface RawCallResult {
  /** The HTTP status of the whole response (a batch shares one). */
  status: number;
  /** Per call: its own HTTP status as tRPC reports it, and its error code and `error.data` when refused. */
  calls: { ok: boolean; httpStatus: number; code?: string; refusal?: unknown }[];
  text: string;
}

export interface RawRequest {
  type: 'query' | 'mutation';
  paths: string[];
  inputs: unknown[];
  cookie?: string | undefined;
  origin?: string | null | undefined;
}

/**
 * superjson's encoding of an input; what superjson refuses to encode (prototype-polluting keys such as
 * `constructor`) goes as plain JSON, exactly as an attacker would send it.
 */
function serializeAnyway(input: unknown) {
  try {
    return superjson.serialize(input);
  } catch {
    return {
      json: JSON.parse(
        JSON.stringify(input, (_key, value) => (typeof value === 'bigint' ? String(value) : value)) ?? 'null',
      ),
    };
  }
}

/**
 * One tRPC request over plain HTTP, batched (`?batch=1`) the way httpBatchLink sends it, without a typed
 * client in between: for inputs no client would send.
 */
export async function rawTrpc(baseUrl: string, request: RawRequest): Promise<RawCallResult> {
  const body: Record<string, unknown> = {};
  request.inputs.forEach((input, i) => {
    body[i] = serializeAnyway(input);
  });
  const headers: Record<string, string> = {};
  if (request.cookie) headers.cookie = `vetflow_session=${request.cookie}`;
  if (request.origin) headers.origin = request.origin;
  const url = `${baseUrl}/trpc/${request.paths.join(',')}?batch=1`;
  const response =
    request.type === 'query'
      ? await fetch(`${url}&input=${encodeURIComponent(JSON.stringify(body))}`, { headers })
      : await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  type Item = { error?: Parameters<typeof superjson.deserialize>[0] };
  // tRPC's refusal of the whole request (too many calls, a body too large) is one error for every call; what
  // Node itself answers (431: the URL is over its header limit) is not tRPC's and names no call.
  const isTrpcError = (value: unknown): value is Item =>
    typeof value === 'object' && value !== null && typeof (value as Item).error === 'object';
  const items: (Item | undefined)[] = Array.isArray(parsed)
    ? (parsed as Item[])
    : isTrpcError(parsed)
      ? request.paths.map(() => parsed)
      : [];
  const calls = request.paths.map((_, i) => {
    const item = items[i];
    if (!item) return { ok: false, httpStatus: response.status };
    if (!item.error) return { ok: true, httpStatus: 200 };
    const data = (superjson.deserialize(item.error) as { data?: { code?: string; httpStatus?: number } })
      .data;
    return {
      ok: false,
      httpStatus: data?.httpStatus ?? response.status,
      ...(data?.code ? { code: data.code } : {}),
      refusal: data,
    };
  });
  return { status: response.status, calls, text };
}

type ProcedureType = 'query' | 'mutation';
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>;

/** Whether `path` is a query or a mutation on the app router (an unknown path counts as a query). */
export function procedureType(path: string): ProcedureType {
  return PROCEDURES[path]?._def.type ?? 'query';
}

export interface CallResult {
  status: number;
  /** The raw body, for what must never appear in it (SQL, stacks, hashes, tokens). */
  text: string;
  headers: Headers;
  ok: boolean;
  /** The deserialized result of a call that succeeded. */
  data?: unknown;
  code?: string;
  message?: string;
  issues?: RefusalIssue[];
  details?: RefusalDetails;
  /** The whole `error.data` of a refusal, as sent (check it with test/support/refusal.ts). */
  refusal?: RefusalData;
}

export interface CallOptions {
  /** Defaults to the procedure's own type on the app router. */
  type?: ProcedureType;
  /** The session token sent as the session cookie. */
  cookie?: string | undefined;
  /** The Origin header; the app's own by default, none with `null`. */
  origin?: string | null;
  /** Sent instead of the serialized input, as a query's `input` or a mutation's body (malformed JSON, hand-built superjson). */
  body?: string;
}

/**
 * One unbatched call over HTTP the way the tRPC client sends it (superjson), but with any input at all and the
 * raw body kept for inspection; a refusal comes back with its code, message, issues and details.
 */
export async function trpcCall(
  baseUrl: string,
  path: string,
  input: unknown,
  options: CallOptions = {},
): Promise<CallResult> {
  const type = options.type ?? procedureType(path);
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin) headers.origin = origin;
  if (options.cookie) headers.cookie = `vetflow_session=${options.cookie}`;
  const serialized =
    options.body ?? (input === undefined ? undefined : JSON.stringify(superjson.serialize(input)));
  const response =
    type === 'query'
      ? await fetch(
          `${baseUrl}/trpc/${path}${serialized === undefined ? '' : `?input=${encodeURIComponent(serialized)}`}`,
          { headers },
        )
      : await fetch(`${baseUrl}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: serialized ?? JSON.stringify(superjson.serialize(input)),
        });
  const text = await response.text();
  const base = { status: response.status, text, headers: response.headers };
  let parsed: { result?: { data: unknown }; error?: Parameters<typeof superjson.deserialize>[0] };
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...base, ok: false };
  }
  if (parsed.error) {
    const error = superjson.deserialize(parsed.error) as { message: string; data?: RefusalData };
    return {
      ...base,
      ok: false,
      code: error.data?.code,
      message: error.message,
      issues: error.data?.issues,
      details: error.data?.details,
      refusal: error.data,
    };
  }
  return {
    ...base,
    ok: true,
    data: parsed.result ? superjson.deserialize(parsed.result.data as never) : undefined,
  };
}
