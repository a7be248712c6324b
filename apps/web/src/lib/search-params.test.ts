import { describe, expect, it } from 'vitest';
import { parseSearch, stringifySearch } from './search-params';

describe('search params', () => {
  it('keeps a digits-only search as the text typed, unquoted in the address', () => {
    expect(stringifySearch({ q: '5551702370' })).toBe('?q=5551702370');
    expect(parseSearch('?q=5551702370')).toEqual({ q: '5551702370' });
    expect(parseSearch('?q=985112003004005123')).toEqual({ q: '985112003004005123' });
  });

  it('round-trips text that looks like JSON, booleans and dates', () => {
    for (const search of [
      { q: 'true' },
      { q: '"quoted"' },
      { q: '{x' },
      { q: '+1 555 170 2370' },
      { date: '2026-11-24', view: 'week' },
      { book: true },
      { expired: false },
    ]) {
      expect(parseSearch(stringifySearch(search))).toEqual(search);
    }
  });
});
