import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check inputs for any method of the API table, read from its zod schema (through its JSON
 * Schema, which names every bound): inputs that pass the schema's shape, and near misses that
 * break exactly one thing in an otherwise good input (a missing field, a wrong type, one past a
 * bound, an unknown key). Refinements the JSON Schema cannot say are left to the dispatcher.
 */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Strings stay short: a 100 MB bound is tested by the near misses, not by generating 100 MB. */
const LONGEST = 40;

export function validArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map(validArbitrary));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (schema.type) {
    case 'object':
      return objectArbitrary(schema);
    case 'array':
      return fc.array(validArbitrary(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)) });
    case 'string':
      return stringArbitrary(schema);
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
      // Small ids more often than not, so that calls name rows that exist.
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 40) }), fc.integer({ min, max }));
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.anything();
  }
}

function objectArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const record = fc.record(Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, validArbitrary(value)])), {
    requiredKeys: (schema.required ?? []).filter((key) => key in properties),
  });
  const extra = schema.additionalProperties;
  if (typeof extra !== 'object') return record;
  const keys = schema.propertyNames ? validArbitrary(schema.propertyNames).map(String) : fc.string({ maxLength: 12 });
  return fc.tuple(record, fc.dictionary(keys, validArbitrary(extra), { maxKeys: 4 })).map(([fixed, more]) => ({ ...more, ...fixed }));
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true });
    return fc.oneof(instant.map((date) => date.toISOString()), instant.map((date) => date.toISOString().replace('Z', '+05:30')));
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? LONGEST, LONGEST));
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength, maxLength, unit: 'grapheme' }));
}

/** Values that break one rule of a schema, each the kind of mistake a caller makes. */
function wrongArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  // undefined too: IPC's structured clone keeps a key whose value is undefined, where JSON drops it.
  const wrong: unknown[] = [undefined, null, [], {}, true, 'x', -1, 0, 1.5, '1', ' ', '\u0000', 2 ** 53, -(2 ** 31)];
  if (schema.type === 'string' && schema.maxLength !== undefined && schema.maxLength <= 100_000) wrong.push('y'.repeat(schema.maxLength + 1));
  if (schema.type === 'string' && schema.minLength) wrong.push('');
  if (schema.format === 'date-time') wrong.push('2026-13-45T25:61:00Z', '2026-11-23', 'yesterday', '2026-11-23T15:00:00');
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.maximum !== undefined) wrong.push(schema.maximum + 1);
    if (schema.minimum !== undefined) wrong.push(schema.minimum - 1);
    if (schema.exclusiveMinimum !== undefined) wrong.push(schema.exclusiveMinimum);
  }
  if (schema.type === 'array') {
    if (schema.minItems) wrong.push([]);
    if (schema.maxItems !== undefined && schema.maxItems <= 1000) wrong.push(Array.from({ length: schema.maxItems + 1 }, () => 'x'));
  }
  if (schema.enum) wrong.push('not-one-of-them', String(schema.enum[0]).toUpperCase() + ' ');
  return fc.oneof(fc.constantFrom(...wrong), fc.anything());
}

/** A good input with exactly one thing wrong in it, at any depth of its objects. */
export function nearMissArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map(nearMissArbitrary));
  if (schema.type !== 'object' || !schema.properties || Object.keys(schema.properties).length === 0) {
    return wrongArbitrary(schema);
  }
  const good = validArbitrary(schema) as fc.Arbitrary<Record<string, unknown>>;
  const misses: fc.Arbitrary<unknown>[] = [fc.tuple(good, fc.anything()).map(([value, extra]) => ({ ...value, unexpectedField: extra }))];
  for (const [key, property] of Object.entries(schema.properties)) {
    if (schema.required?.includes(key)) {
      misses.push(good.map((value) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))));
    }
    misses.push(fc.tuple(good, nearMissArbitrary(property)).map(([value, bad]) => ({ ...value, [key]: bad })));
  }
  return fc.oneof(...misses);
}

/** Any input at all for a method: well-shaped, nearly so, or anything. */
export function inputArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = jsonSchemaOf(schema);
  return fc.oneof(
    { arbitrary: validArbitrary(json), weight: 3 },
    { arbitrary: nearMissArbitrary(json), weight: 4 },
    { arbitrary: fc.anything(), weight: 1 },
    { arbitrary: fc.constantFrom(undefined, null, {}, [], '', 0), weight: 1 },
  );
}
