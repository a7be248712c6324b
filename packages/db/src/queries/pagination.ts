/** Keyset pagination: the cursor is the sort key of the last row, opaque to the client (base64url JSON). */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What each position of a cursor holds: the sort key's column types. */
export type CursorPart = 'text' | 'uuid' | 'integer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fits = (value: unknown, part: CursorPart) =>
  part === 'integer'
    ? Number.isSafeInteger(value)
    : typeof value === 'string' && !value.includes('\u0000') && (part === 'text' || UUID.test(value));

/** Reads a cursor back into its sort key; anything that is not a key of exactly this shape is refused. */
export function decodeCursor(
  cursor: string | null | undefined,
  parts: readonly CursorPart[],
): unknown[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === parts.length &&
      values.every((v, i) => fits(v, parts[i]!))
    ) {
      return values;
    }
  } catch {
    // fall through: a malformed cursor is reported like any bad input
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super('The page cursor is not valid; start again from the first page');
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Takes one row more than the page to know whether another page follows. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
