import superjson from 'superjson';

/**
 * How answers go out: superjson's wire format, which the web app's client reads with superjson itself, written
 * fast for what procedures return. superjson's own walk visits every value with its whole type registry and
 * builds a path for each; on a page of audit rows (their JSON snapshots) or a day's appointments it was a fifth
 * of the request's CPU (issue 12's profile). Our answers are JSON values and Dates, and a Date's JSON is its ISO
 * time, exactly as superjson writes it: so the value itself is the `json` part, and the walk only notes where the
 * Dates are. Anything else — undefined, a non-finite number or -0, a bigint, a Map, a Set, a class instance, a nesting
 * deeper than MAX_DEPTH — goes through superjson unchanged.
 *
 * The one difference from superjson: an object that appears twice is written twice rather than marked as the
 * same object (superjson's `referentialEqualities`); the client reads an equal copy.
 */

const MAX_DEPTH = 64;

/** superjson's path syntax (pathstringifier.ts): segments joined by dots, a dot or backslash in a key escaped. */
const escapeKey = (key: string) => key.replace(/\\/g, '\\\\').replace(/\./g, '\\.');

/**
 * Values known to be JSON documents as PostgreSQL returned them (jsonb, parsed by the driver): strings, finite
 * numbers (jsonb has no -0), booleans, null, arrays and plain objects only, so nothing in them for superjson to
 * mark. The walk does not visit them: an audit page's snapshots were most of its keys (issue 12).
 */
const jsonDocuments = new WeakSet<object>();

/** Marks a jsonb value (an audit row's snapshot) as a JSON document, to be written without walking it. */
export function jsonDocument<T>(value: T): T {
  if (value !== null && typeof value === 'object') jsonDocuments.add(value);
  return value;
}

class Unsupported extends Error {}
const unsupported = new Unsupported();

function collectDates(value: unknown, path: string[], dates: Record<string, ['Date']>, depth: number): void {
  if (value === null) return;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      // superjson marks NaN, the infinities and -0 (JSON has none of them).
      if (!Number.isFinite(value) || Object.is(value, -0)) throw unsupported;
      return;
    case 'object':
      break;
    default:
      throw unsupported; // undefined, bigint, symbol, function
  }
  if (jsonDocuments.has(value)) return;
  if (depth > MAX_DEPTH) throw unsupported;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      collectDates(value[i], path, dates, depth + 1);
      path.pop();
    }
    return;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw unsupported;
    dates[path.map(escapeKey).join('.')] = ['Date'];
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw unsupported;
  for (const key in value) {
    path.push(key);
    collectDates((value as Record<string, unknown>)[key], path, dates, depth + 1);
    path.pop();
  }
}

export function serializeOutput(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return { json: value, meta: { values: ['Date'], v: 1 } };
  }
  const dates: Record<string, ['Date']> = {};
  try {
    collectDates(value, [], dates, 0);
  } catch (error) {
    if (error === unsupported) return superjson.serialize(value);
    throw error;
  }
  for (const _ in dates) return { json: value, meta: { values: dates, v: 1 } };
  return { json: value };
}

/** tRPC's transformer: inputs as superjson reads them, answers written by `serializeOutput`. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeOutput, deserialize: superjson.deserialize },
};
