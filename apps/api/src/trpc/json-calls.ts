import type { IncomingHttpHeaders } from 'node:http';
import type { AnyTRPCRouter } from '@trpc/server';
import {
  getErrorShape,
  getHTTPStatusCode,
  getRequestInfo,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isPromise,
  TRPCError,
  type TRPCRequestInfo,
  type TRPCResponse,
  transformTRPCResponse,
  urlPathToProcedurePath,
} from '@trpc/server/unstable-core-do-not-import';

/** The HTTP method each procedure type is called with (tRPC's map without method override, which we do not allow). */
const METHOD = { query: 'GET', mutation: 'POST' } as const;

export interface JsonCallsRequest {
  router: AnyTRPCRouter;
  method: string;
  /** The route's path parameter: one procedure path, or several joined by commas (a batch). */
  path: string;
  /** The query string, without its "?". */
  query: string;
  headers: IncomingHttpHeaders;
  /** The body as Fastify read it (a string for JSON); undefined for a GET. */
  body: unknown;
  maxBatchSize: number;
  createContext: (info: TRPCRequestInfo) => Promise<unknown>;
}

export interface JsonAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
};

/**
 * Queries and mutations answered with one JSON body (every call the web app makes), resolved as tRPC's
 * `resolveResponse` resolves them but without the Fetch API objects it works through: a `Request` with its
 * AbortController built from Node's request, `Headers`, a `URL`, an AbortSignal combined per call, and a
 * `Response` whose body is then read back as a string. Those were about a seventh of the API's CPU per request
 * (issue 12's profile of patients.get). The parsing of the call, the procedures, the error shapes, the HTTP
 * status and the output transformer are tRPC's own functions; `test/json-calls.test.ts` holds the answers equal
 * to tRPC's own adapter's for the same requests.
 *
 * Returns null for anything else — a subscription, a streamed batch (trpc-accept: application/jsonl), a form,
 * a HEAD, a request tRPC refuses before calling anything (a malformed path, a batch too large, mixed
 * procedure types) — which the caller hands to `resolveResponse` unchanged.
 */
export async function resolveJsonCalls(request: JsonCallsRequest): Promise<JsonAnswer | null> {
  const { router, method, headers } = request;
  if (method !== 'GET' && method !== 'POST') return null;
  const contentType = header(headers, 'content-type')?.split(';', 1)[0]?.trim().toLowerCase();
  if (contentType === undefined ? method !== 'GET' : contentType !== 'application/json') return null;
  if (header(headers, 'trpc-accept') !== null) return null;
  if (
    header(headers, 'accept')
      ?.split(',')
      .some((type) => type.trim() === 'application/jsonl')
  )
    return null;

  const config = router._def._config;
  let info: TRPCRequestInfo;
  try {
    // getRequestInfo reads the request through these three members only.
    const req = {
      method,
      headers: {
        get: (name: string) => header(headers, name),
        has: (name: string) => Object.hasOwn(headers, name),
      },
      text: async () => (typeof request.body === 'string' ? request.body : ''),
    } as unknown as Request;
    info = await getRequestInfo({
      req,
      path: urlPathToProcedurePath(decodeURIComponent(request.path), config.pathSeparator),
      router,
      searchParams: new URLSearchParams(request.query),
      headers: req.headers,
      url: null,
      maxBatchSize: request.maxBatchSize,
    });
  } catch {
    return null;
  }
  if (info.calls.some((call) => call.procedure?._def.type === 'subscription')) return null;

  let ctx: unknown;
  let ctxError: TRPCError | undefined;
  try {
    ctx = await request.createContext(info);
  } catch (cause) {
    ctxError = getTRPCErrorFromUnknown(cause);
  }
  const answerHeaders: Record<string, string> = {
    vary: 'trpc-accept, accept',
    'content-type': 'application/json',
  };
  const results = await Promise.all(
    info.calls.map(async (call): Promise<[TRPCError, undefined] | [undefined, unknown]> => {
      const procedure = call.procedure;
      try {
        if (!procedure) {
          throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${call.path}"` });
        }
        const type = procedure._def.type as keyof typeof METHOD;
        if (METHOD[type] !== method) {
          answerHeaders.allow = METHOD[type];
          throw new TRPCError({
            code: 'METHOD_NOT_SUPPORTED',
            message: `Unsupported ${method}-request to ${type} procedure at path "${call.path}"`,
          });
        }
        if (ctxError) throw ctxError;
        const data = await procedure({
          path: call.path,
          getRawInput: call.getRawInput,
          ctx,
          type,
          signal: undefined,
          batchIndex: call.batchIndex,
        });
        if (isDataStream(data)) {
          throw new TRPCError({
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
          });
        }
        return [undefined, data];
      } catch (cause) {
        return [getTRPCErrorFromUnknown(cause), undefined];
      }
    }),
  );
  const answers: TRPCResponse[] = results.map(([error, data], index) => {
    const call = info.calls[index]!;
    if (!error) return { result: { data } };
    const type = info.isBatchCall ? (call.procedure?._def.type ?? 'unknown') : info.type;
    const input = call.result();
    return { error: getErrorShape({ config, ctx, error, input, path: call.path, type }) };
  });
  const errors = results.map(([error]) => error);
  const body = info.isBatchCall ? answers : answers[0]!;
  return {
    status: getHTTPStatusCode(answers, errors),
    headers: answerHeaders,
    body: JSON.stringify(transformTRPCResponse(config, body)),
  };
}

/** tRPC's check for an answer only a stream can carry (a promise or an async iterable at its top level). */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  return Object.values(value).some((v) => isPromise(v) || isAsyncIterable(v));
}
