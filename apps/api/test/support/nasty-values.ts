import fc from 'fast-check';

const deeplyNested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** What an attacker types or sends instead of a field's value: sizes, encodings, types and extremes. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  // Strings: the longest, the oddest encodings, injection-shaped.
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\u202Eevil',
    '\uFEFF',
    '%00',
    '%2525',
    "'; DROP TABLE owners; --",
    '<img src=x onerror=alert(1)>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent literally.
    '${7*7}{{7*7}}',
    '../../etc/passwd',
    '0000-01-01',
    '-271821-04-19',
    '275760-09-13',
    '2026-02-30',
    'NaN',
    '@'.repeat(300),
    `${'a@'.repeat(2_000)}.`,
    `${'a'.repeat(64 * 1024)}@example.com`,
    '1'.repeat(70_000),
    '😀'.repeat(5_000),
  ),
  fc.string({ unit: 'binary', maxLength: 300 }),
  // Numbers and their edges.
  fc.constantFrom(
    0,
    -0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_VALUE,
    2 ** 31,
    Number.NaN,
  ),
  fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1 + 0.2, 123.456789),
  fc.double(),
  fc.bigInt(),
  // Dates far outside what people or databases use, and an invalid one.
  fc.constantFrom(
    new Date(-8.64e15),
    new Date(8.64e15),
    new Date('-004714-11-24T00:00:00Z'),
    new Date('-005000-01-01T00:00:00Z'),
    new Date('+010000-01-01T00:00:00Z'),
    new Date('+275760-09-13T00:00:00Z'),
    new Date('0000-01-01T00:00:00Z'),
    new Date(Number.NaN),
    new Date(0),
  ),
  fc.date(),
  // Wrong types and shapes.
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    [],
    {},
    [[[]]],
    { length: 1e9 },
    new Map([['a', 1]]),
    new Set([1]),
  ),
  fc.constantFrom(
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    deeplyNested(40),
    deeplyNested(400),
    Array.from({ length: 2_000 }, (_, i) => i),
  ),
  fc.anything({ maxDepth: 3 }),
);

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'drop'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'root'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: nastyValue }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: fc.constantFrom('isAdmin', 'role', 'userId', 'veterinarianId', 'createdAt', 'id', '__proto__'),
      value: nastyValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('root' as const), value: nastyValue }) },
);

/** Every object or array inside `value`, with the keys that lead to its children. */
function containers(value: unknown, found: { node: Record<string, unknown>; keys: string[] }[] = []) {
  if (value && typeof value === 'object' && !(value instanceof Date) && found.length < 50) {
    const node = value as Record<string, unknown>;
    found.push({ node, keys: Object.keys(node) });
    for (const child of Object.values(node)) containers(child, found);
  }
  return found;
}

function apply(input: unknown, m: Mutation): unknown {
  if (m.kind === 'root') return m.value;
  const copy = structuredClone(input);
  const all = containers(copy);
  if (all.length === 0) return m.kind === 'replace' ? m.value : copy;
  const target = all[m.at % all.length]!;
  if (m.kind === 'extra') {
    Object.defineProperty(target.node, m.key, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return copy;
  }
  if (target.keys.length === 0) return copy;
  const key = target.keys[Math.floor(m.at / all.length) % target.keys.length]!;
  if (m.kind === 'drop') delete target.node[key];
  else target.node[key] = m.value;
  return copy;
}

/** Mostly mutated inputs (one to three mutations each), sometimes the derived input as it is. */
export function mutatedInput(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([input, mutations]) => mutations.reduce(apply, input)),
    },
  );
}
