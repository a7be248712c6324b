import fc from 'fast-check';
import type { z } from 'zod';

/** Real ids to draw from, so that derived inputs reach rows that exist (and not only NOT_FOUND). */
export interface IdPool {
  ids: readonly string[];
}

interface CheckDef {
  check: string;
  value?: number | bigint | Date;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
  pattern?: RegExp;
}

type Def = {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  left?: z.ZodType;
  right?: z.ZodType;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

const DAY = 86_400_000;

function stringArbitrary(def: Def, pool: IdPool): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const format = def.format ?? checks.find((c) => c.check === 'string_format')?.format;
  if (format === 'uuid' || format === 'guid') {
    return pool.ids.length ? fc.oneof(fc.constantFrom(...pool.ids), fc.uuid()) : fc.uuid();
  }
  if (format === 'date') {
    return fc
      .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  const pattern = checks.find((c) => c.pattern)?.pattern;
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length <= 200);
  let minLength = 0;
  let maxLength = 40;
  for (const c of checks) {
    if (c.check === 'min_length') minLength = c.minimum ?? minLength;
    if (c.check === 'max_length') maxLength = Math.min(c.maximum ?? maxLength, 40);
    if (c.check === 'length_equals') minLength = maxLength = c.length ?? minLength;
  }
  // Mostly readable text with a trimmed, non-blank core (what forms send), sometimes any Unicode.
  return fc.oneof(
    fc
      .string({
        unit: 'grapheme-ascii',
        minLength: Math.max(minLength, 1),
        maxLength: Math.max(maxLength, 1),
      })
      .map((s) => (s.trim() ? s : `x${s}`)),
    fc.string({ unit: 'grapheme', minLength, maxLength }),
  );
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = -1e6;
  let max = 1e6;
  let integer = false;
  let step: number | undefined;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than') min = Number(c.value) + (c.inclusive ? 0 : 0.01);
    if (c.check === 'less_than') max = Number(c.value) - (c.inclusive ? 0 : 0.01);
    if (c.check === 'number_format' && c.format?.includes('int')) integer = true;
    if (c.check === 'multiple_of') step = Number(c.value);
  }
  if (integer)
    return fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) });
  const base = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return step ? base.map((n) => Math.min(max, Math.max(min, Math.round(n / step) * step))) : base;
}

/**
 * An arbitrary of inputs shaped like `schema` expects them: a zod 4 schema walked through its definition.
 * Values are plausible rather than always valid (cross-field rules are not modelled); the fuzzer mutates them.
 */
export function inputArbitrary(schema: z.ZodType, pool: IdPool): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, pool);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc
        .integer({ min: -30, max: 60 })
        .chain((days) => fc.integer({ min: 0, max: 95 }).map((quarter) => ({ days, quarter })))
        .map(({ days, quarter }) => {
          const d = new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + quarter * 15 * 60_000);
          return d;
        });
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional': {
      const inner = inputArbitrary(def.innerType!, pool);
      if (def.type === 'nullable') return fc.option(inner, { nil: null, freq: 5 });
      if (def.type === 'optional' || def.type === 'default')
        return fc.option(inner, { nil: undefined, freq: 3 });
      return inner;
    }
    case 'pipe':
      return inputArbitrary(def.in!, pool);
    case 'union':
      return fc.oneof(...def.options!.map((o) => inputArbitrary(o, pool)));
    case 'intersection':
      return fc
        .tuple(inputArbitrary(def.left!, pool), inputArbitrary(def.right!, pool))
        .map(([a, b]) => ({ ...(a as object), ...(b as object) }));
    case 'array':
      return fc.array(inputArbitrary(def.element!, pool), { maxLength: 4 });
    case 'object': {
      const shape = def.shape ?? {};
      const entries = Object.entries(shape).map(
        ([key, value]) => [key, inputArbitrary(value, pool)] as const,
      );
      return fc.record(Object.fromEntries(entries)).map((record) =>
        // An optional key left undefined is left out, as JSON would.
        Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)),
      );
    }
    case 'void':
    case 'undefined':
      return fc.constant(undefined);
    default:
      return fc.anything();
  }
}
