import { stringifySearchWith } from '@tanstack/react-router';

/**
 * The address bar's search params. The router's default reads every value as JSON, so a search typed as digits
 * ("5551702370", a phone number or a microchip) became a number — dropped by the route — and was written back
 * as `?q=%225551702370%22` to stay a string. Here only JSON that can't be plain text is read as JSON (booleans,
 * objects, arrays, quoted strings); everything else, digits included, stays the text that was typed.
 */
function parseValue(value: string): unknown {
  if (value === 'true' || value === 'false' || /^[[{"]/.test(value)) return JSON.parse(value);
  // The router keeps a value as text when its parser throws.
  throw new Error('plain text');
}

/** Reads the address's search params (the router's own reader would turn "5551702370" into a number first). */
export function parseSearch(searchStr: string): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(searchStr)) {
    try {
      query[key] = parseValue(value);
    } catch {
      query[key] = value;
    }
  }
  return query;
}

export const stringifySearch = stringifySearchWith(JSON.stringify, parseValue);
