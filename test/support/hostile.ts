/**
 * Hostile values a JSON body can carry (deep nesting, huge strings, out-of-range numbers,
 * `__proto__` keys), and the keys a machine's payload schemas read, to plant them where a
 * validator or a rule will look.
 */
import fc from 'fast-check';
import type { AnyMachine } from '../../src/index.js';

/** JSON text of `depth` nested arrays, optionally with a value at the bottom. */
export const deepArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** JSON text of `depth` nested objects under the key `k`. */
export const deepObjects = (depth: number): string =>
  `${'{"k":'.repeat(depth)}null${'}'.repeat(depth)}`;

const megabyte = JSON.stringify('x'.repeat(1_000_000));

/** Hostile JSON texts: each parses to a value a webhook body could hold. */
export const hostileTexts: readonly string[] = [
  deepArrays(5_000),
  deepArrays(10_000),
  deepObjects(10_000),
  megabyte,
  '1e308',
  '-1e308',
  '8.7e15',
  '-8.7e15',
  '9007199254740993',
  '0.5',
  '-1',
  '-0',
  '1e21',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '[{"__proto__":null}]',
  '""',
  '"\\u200b"',
  'null',
  'true',
  '{}',
  '[]',
];

/** Every object key a schema (or its nested schemas) declares, found by walking zod's defs. */
export function schemaKeys(machine: AnyMachine): string[] {
  const keys = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (schema: unknown): void => {
    if (typeof schema !== 'object' || schema === null || seen.has(schema)) return;
    seen.add(schema);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (def === undefined) return;
    const shape = def.shape as Record<string, unknown> | undefined;
    if (shape !== undefined) {
      for (const [key, inner] of Object.entries(shape)) {
        keys.add(key);
        walk(inner);
      }
    }
    for (const field of ['innerType', 'element', 'in', 'out', 'left', 'right', 'valueType']) {
      walk(def[field]);
    }
    for (const option of (def.options as unknown[] | undefined) ?? []) walk(option);
  };
  for (const schema of Object.values(machine.definition.events)) walk(schema);
  return [...keys];
}

/**
 * A hostile event for a machine, as JSON text: a known event type with its known keys set to
 * hostile values, or nested one level down under another known key (so `owner.level` or
 * `to.level` gets the deep array).
 */
export function hostileEventText(machine: AnyMachine): fc.Arbitrary<string> {
  const keys = schemaKeys(machine);
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('payload');
  const value = fc.constantFrom(...hostileTexts);
  const field: fc.Arbitrary<string> = fc.oneof(
    fc.tuple(key, value).map(([k, v]) => `${JSON.stringify(k)}:${v}`),
    fc
      .tuple(key, fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }))
      .map(
        ([outer, inner]) =>
          `${JSON.stringify(outer)}:{${inner.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`,
      ),
  );
  const type = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom(...(machine.events as string[])).map((t) => JSON.stringify(t)),
    },
    { weight: 1, arbitrary: value },
  );
  return fc
    .tuple(type, fc.array(field, { maxLength: 4 }))
    .map(([t, fields]) => `{${[`"type":${t}`, ...fields].join(',')}}`);
}

/**
 * Deep equality of two JSON values without recursion (JSON.stringify and toEqual overflow the
 * stack on 10,000 levels of nesting).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (Object.is(x, y)) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!Object.hasOwn(y, k)) return false;
      stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}
