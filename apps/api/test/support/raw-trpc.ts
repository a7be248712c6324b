import superjson from 'superjson';

export interface RawCallResult {
  /** The HTTP status of the whole response (a batch shares one). */
  status: number;
  /** Per call: its own HTTP status as tRPC reports it, and its error code when refused. */
  calls: { ok: boolean; httpStatus: number; code?: string }[];
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
  const items = Array.isArray(parsed)
    ? (parsed as { error?: { json?: { data?: { code?: string; httpStatus?: number } } } }[])
    : [];
  const calls = request.paths.map((_, i) => {
    const item = items[i];
    if (!item) return { ok: false, httpStatus: response.status };
    if (!item.error) return { ok: true, httpStatus: 200 };
    const data = item.error.json?.data;
    return {
      ok: false,
      httpStatus: data?.httpStatus ?? response.status,
      ...(data?.code ? { code: data.code } : {}),
    };
  });
  return { status: response.status, calls, text };
}
