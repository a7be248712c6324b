import superjson from 'superjson';
import { isoTime } from './iso-time';

/**
 * How answers go out: superjson's wire format, which the web app's client reads with superjson itself, written
 * fast for what procedures return. superjson's own walk visits every value with its whole type registry and
 * builds a path for each; on a page of audit rows (their JSON snapshots) or a day's appointments it was a fifth
 * of the request's CPU (issue 12's profile). Our answers are JSON values and Dates, and a Date's JSON is its ISO
 * time, exactly as superjson writes it: so the `json` part is the value with its Dates written as text (a copy of
 * what holds one), and the walk notes where the Dates are. Anything else — undefined, a non-finite number or -0, a
 * bigint, a Map, a Set, a class instance, a nesting deeper than MAX_DEPTH — goes through superjson unchanged.
 *
 * The one difference from superjson: an object that appears twice is written twice rather than marked as the
 * same object (superjson's `referentialEqualities`); the client reads an equal copy.
 */

const MAX_DEPTH = 64;

/** superjson's path syntax (pathstringifier.ts): segments joined by dots, a dot or backslash in a key escaped. */
const escapeKey = (key: string) =>
  key.includes('.') || key.includes('\\') ? key.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : key;
const childPath = (path: string, segment: string) => (path === '' ? segment : `${path}.${segment}`);

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

/** A value that is not an object, as JSON writes it; what JSON cannot hold is superjson's to write. */
function primitive(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // superjson marks NaN, the infinities and -0 (JSON has none of them).
      if (!Number.isFinite(value) || Object.is(value, -0)) throw unsupported;
      return value;
    default:
      if (value === null) return value;
      throw unsupported; // undefined, bigint, symbol, function
  }
}

/**
 * The value with every Date written as its ISO time, and each Date's path noted in `dates`. What holds no Date is
 * returned as it is; what holds one is copied, never changed (the procedure's value may be kept elsewhere).
 * JSON.stringify then meets no Date: a Date's toJSON takes V8's JSON writer off its fast path for the whole
 * answer (a vet's day: 101 µs to write with Dates, 34 µs without, issue 12).
 */
function encode(value: object, path: string, dates: Record<string, ['Date']>, depth: number): unknown {
  if (jsonDocuments.has(value)) return value;
  if (depth > MAX_DEPTH) throw unsupported;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const out =
        item !== null && typeof item === 'object'
          ? encode(item, childPath(path, String(i)), dates, depth + 1)
          : primitive(item);
      if (out !== item) {
        copy ??= value.slice();
        copy[i] = out;
      }
    }
    return copy ?? value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw unsupported;
    dates[path] = ['Date'];
    return isoTime(value);
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw unsupported;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const item: unknown = (value as Record<string, unknown>)[key];
    const out =
      item !== null && typeof item === 'object'
        ? encode(item, childPath(path, escapeKey(key)), dates, depth + 1)
        : primitive(item);
    if (out !== item) {
      copy ??= { ...value };
      copy[key] = out;
    }
  }
  return copy ?? value;
}

export function serializeOutput(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return { json: isoTime(value), meta: { values: ['Date'], v: 1 } };
  }
  const dates: Record<string, ['Date']> = {};
  let json: unknown;
  try {
    json = value !== null && typeof value === 'object' ? encode(value, '', dates, 0) : primitive(value);
  } catch (error) {
    if (error === unsupported) return superjson.serialize(value);
    throw error;
  }
  for (const _ in dates) return { json, meta: { values: dates, v: 1 } };
  return { json };
}

/** tRPC's transformer: inputs as superjson reads them, answers written by `serializeOutput`. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeOutput, deserialize: superjson.deserialize },
};
