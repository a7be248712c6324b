import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { jsonDocument, serializeOutput } from '../src/trpc/output-transformer';

/**
 * Answers are written in superjson's wire format by a faster walk (output-transformer.ts): the web app reads
 * them with superjson.deserialize, so for every value that walk takes it must write what superjson writes, and
 * hand everything else to superjson.
 */
const at = (iso: string) => new Date(iso);
const sameAsSuperjson = (value: unknown) => {
  const wire = JSON.parse(JSON.stringify(serializeOutput(value)));
  expect(wire).toEqual(JSON.parse(JSON.stringify(superjson.serialize(value))));
  expect(superjson.deserialize(wire)).toEqual(value);
};

describe('serializeOutput', () => {
  it('writes JSON values and Dates exactly as superjson does, paths escaped the same way', () => {
    sameAsSuperjson({ a: 1, b: 'x', c: null, d: true, e: [1, 'two', null], f: { g: { h: 0.5 } } });
    sameAsSuperjson({
      id: 'p1',
      createdAt: at('2026-01-02T03:04:05.006Z'),
      owner: { firstName: 'Ada', deceasedAt: null },
      pastAppointments: [
        { startsAt: at('2025-05-01T09:00:00.000Z'), endsAt: at('2025-05-01T09:30:00.000Z') },
        { startsAt: at('2025-06-01T09:00:00.000Z'), endsAt: at('2025-06-01T09:30:00.000Z') },
      ],
    });
    // Keys with a dot or a backslash, as a JSON snapshot in an audit row may hold.
    sameAsSuperjson({
      'weight.kg': at('2026-01-01T00:00:00.000Z'),
      'a\\b': { 'c.d': at('2026-02-01T00:00:00.000Z') },
    });
    sameAsSuperjson(at('2026-03-04T05:06:07.089Z'));
    sameAsSuperjson([at('2026-03-04T05:06:07.089Z'), 'x']);
    sameAsSuperjson('text');
    sameAsSuperjson(null);
    sameAsSuperjson({ items: [], nextCursor: null });
  });

  it('hands what JSON cannot hold to superjson: undefined, NaN, the infinities, -0, bigint, Map, Set, invalid dates', () => {
    for (const value of [
      { a: undefined },
      [1, undefined],
      { n: Number.NaN },
      { n: Number.POSITIVE_INFINITY },
      { n: -0 },
      { b: 10n },
      { m: new Map([['k', at('2026-01-01T00:00:00.000Z')]]) },
      { s: new Set([1, 2]) },
      { d: new Date(Number.NaN) },
      undefined,
    ]) {
      expect(serializeOutput(value)).toEqual(superjson.serialize(value));
    }
  });

  it('hands a class instance and a very deep value to superjson', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const value = { price: new Money(5) };
    expect(serializeOutput(value)).toEqual(superjson.serialize(value));
    let deep: unknown = { at: at('2026-01-01T00:00:00.000Z') };
    for (let i = 0; i < 100; i++) deep = { next: deep };
    expect(superjson.deserialize(JSON.parse(JSON.stringify(serializeOutput(deep))))).toEqual(deep);
  });

  it('writes the Dates as text in a copy, never in the value it was given', () => {
    const visit = { startsAt: at('2026-01-02T03:04:05.006Z'), notes: null };
    const unchanged = { name: 'Ada', tags: ['a'] };
    const value = { visits: [visit], owner: unchanged };
    const out = serializeOutput(value) as { json: typeof value };
    expect(visit.startsAt).toBeInstanceOf(Date);
    expect(value.visits[0]).toBe(visit);
    expect(out.json.visits[0]).toEqual({ startsAt: '2026-01-02T03:04:05.006Z', notes: null });
    // What holds no Date goes out as it is, not copied.
    expect(out.json.owner).toBe(unchanged);
  });

  it('writes an object that appears twice as two equal copies (no referential marks)', () => {
    const shared = { when: at('2026-01-01T00:00:00.000Z') };
    const wire = JSON.parse(JSON.stringify(serializeOutput({ first: shared, second: shared })));
    expect(wire.meta.referentialEqualities).toBeUndefined();
    expect(superjson.deserialize(wire)).toEqual({ first: shared, second: shared });
  });

  it('writes a JSON document (an audit snapshot) as it is, without walking it, beside the Dates around it', () => {
    const snapshot = { 'first.name': 'Ada', weight: 4.5, tags: ['a', null], nested: { ok: true } };
    const page = {
      items: [{ occurredAt: at('2026-01-02T03:04:05.006Z'), newValues: jsonDocument(snapshot) }],
    };
    sameAsSuperjson(page);
    // Not walked: what is inside a document is taken to be JSON (a Date there would go out as its text, unmarked).
    const trusted = jsonDocument({ at: at('2026-01-02T03:04:05.006Z') });
    const wire = JSON.parse(
      JSON.stringify(serializeOutput({ doc: trusted, when: at('2026-01-03T00:00:00.000Z') })),
    );
    expect(wire.meta.values).toEqual({ when: ['Date'] });
    expect(wire.json.doc).toEqual({ at: '2026-01-02T03:04:05.006Z' });
    // Marking a value that is not an object changes nothing.
    expect(jsonDocument(null)).toBeNull();
    expect(jsonDocument('text')).toBe('text');
  });
});
