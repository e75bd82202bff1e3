import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { quickCheck } from '../../src/core/quick.js';

/** Random zod schemas: the shapes the fast path knows, mixed with parts it must hand to zod. */
const schemaArb: fc.Arbitrary<z.ZodType> = fc.letrec<{ schema: z.ZodType }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(z.string()),
    fc.tuple(fc.nat(3), fc.nat(3)).map(([a, b]) =>
      z
        .string()
        .min(a)
        .max(a + b),
    ),
    fc.constant(z.number()),
    fc.constant(z.number().int()),
    fc.constant(z.int()),
    fc.constant(z.number().int().nonnegative()),
    fc.tuple(fc.integer({ min: -5, max: 5 }), fc.nat(10)).map(([a, b]) =>
      z
        .number()
        .gt(a)
        .lte(a + b),
    ),
    // several bounds and formats on one number, folded into one range by the fast path
    fc
      .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.nat(4))
      .map(([a, b, c]) =>
        z
          .number()
          .gte(a)
          .gt(b)
          .lte(a + c)
          .lt(b + c + 1),
      ),
    fc.constantFrom(z.int32(), z.uint32(), z.number().safe(), z.float64(), z.int().gte(-1)),
    fc.nat(3).map((n) => z.string().length(n).min(1)),
    fc.constant(z.boolean()),
    fc.constant(z.null()),
    fc.constant(z.literal('x')),
    fc.constant(z.enum(['a', 'b'])),
    // parts the fast path must not claim: zod decides
    fc.constant(z.string().regex(/^a/)),
    fc.constant(z.email()),
    fc.constant(z.number().multipleOf(2)),
    fc.constant(z.string().transform((s) => s.length)),
    fc.constant(z.number().refine((n) => n !== 3)),
    fc.constant(z.union([z.string(), z.number()])),
    fc.constant(z.coerce.number()),
    fc.constant(z.unknown()),
    tie('schema').map((s) => s.nullable()),
    tie('schema').map((s) => s.optional()),
    tie('schema').map((s) => (s as z.ZodString).default('d' as never)),
    tie('schema').map((s) => z.array(s)),
    tie('schema').map((s) => z.array(s).min(1)),
    fc
      .dictionary(
        fc.constantFrom('a', 'b', 'type', 'c', 'constructor', 'toString'),
        tie('schema'),
        {
          maxKeys: 3,
        },
      )
      .chain((shape) =>
        fc.constantFrom(z.object(shape), z.strictObject(shape), z.looseObject(shape)),
      ),
  ),
})).schema;

/** Values near what the schema accepts (and plenty that are not). */
const valueArb = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 5 }),
    fc.constantFrom('x', 'a', 'b', 'd', ''),
    fc.integer({ min: -10, max: 20 }),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, 1.5, 2 ** 31, -(2 ** 31)),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'type', 'c', 'z'), tie('v'), { maxKeys: 4 }),
    // objects that only look plain: no prototype, an inherited one, an own `__proto__` key (as
    // JSON.parse makes), keys that Object.prototype also has
    fc
      .dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 })
      .chain((o) =>
        fc.constantFrom(
          Object.assign(Object.create(null), o),
          Object.assign(Object.create({}), o),
          Object.assign(Object.create({ a: 1 }), o),
          JSON.parse(`{"__proto__": {"a": 1}, "a": 1}`),
          { ...o, constructor: 1 },
          { ...o, toString: 'x' },
        ),
      ),
  ),
})).v;

describe('quickCheck: a yes always means zod accepts the value and returns it unchanged', () => {
  it('holds over random schemas and values (property)', () => {
    fc.assert(
      fc.property(schemaArb, fc.array(valueArb, { maxLength: 8 }), (schema, values) => {
        const quick = quickCheck(schema);
        for (const value of values) {
          if (quick?.(value) !== true) continue;
          const parsed = schema.safeParse(value);
          if (!parsed.success || !isDeepStrictEqual(parsed.data, value)) {
            expect.fail(
              `quick said yes to ${JSON.stringify(value)} (proto ${Object.getPrototypeOf(value ?? 0) === null ? 'null' : 'object'}) for ${JSON.stringify(schema.toJSONSchema?.() ?? '?')}; zod: ${JSON.stringify(parsed)}`,
            );
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('for events, a yes also holds with the undeclared `type` key the engine puts back', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), schemaArb, { maxKeys: 3 }),
        fc.array(valueArb, { maxLength: 8 }),
        (shape, values) => {
          const schema = z.object(shape);
          const quick = quickCheck(schema, true);
          for (const value of values) {
            const event = {
              ...(typeof value === 'object' && value !== null ? value : {}),
              type: 'E',
            };
            if (quick?.(event) !== true) continue;
            const parsed = schema.safeParse(event);
            expect(parsed.success).toBe(true);
            expect({ type: 'E', ...parsed.data }).toStrictEqual(event);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('says yes to the common shapes, so the fast path is taken', () => {
    const context = z.object({
      n: z.number().int().nonnegative(),
      name: z.string().min(1),
      tags: z.array(z.enum(['vip', 'new'])),
      owner: z.string().nullable().default(null),
      note: z.string().optional(),
    });
    const quick = quickCheck(context);
    expect(quick?.({ n: 1, name: 'a', tags: ['vip'], owner: null })).toBe(true);
    expect(quick?.({ n: 1, name: 'a', tags: [], owner: 'b', note: 'c' })).toBe(true);
    // Not a yes: zod fills a default, strips a key, or rejects.
    expect(quick?.({ n: 1, name: 'a', tags: [] })).toBe(false);
    expect(quick?.({ n: 1, name: 'a', tags: [], owner: null, extra: 1 })).toBe(false);
    expect(quick?.({ n: -1, name: 'a', tags: [], owner: null })).toBe(false);
    expect(quick?.({ n: 1, name: 'a', tags: [], owner: null, note: undefined })).toBe(false);
  });

  it('says no to objects that only look plain, and to numbers outside a folded range', () => {
    const quick = quickCheck(z.object({ a: z.number() })) as (v: unknown) => boolean;
    expect(quick({ a: 1 })).toBe(true);
    expect(quick(Object.assign(Object.create(null), { a: 1 }))).toBe(false);
    expect(quick(Object.assign(Object.create({}), { a: 1 }))).toBe(false);
    expect(quick(JSON.parse('{"__proto__": {"a": 1}, "a": 1}'))).toBe(false);
    const ctor = quickCheck(z.object({ constructor: z.number().optional() })) as (
      v: unknown,
    ) => boolean;
    // absent, but Object.prototype has one: the fast path leaves that rare case to zod
    expect(ctor({})).toBe(false);
    expect(ctor({ constructor: 2 })).toBe(true);
    expect(ctor({ constructor: 'x' })).toBe(false);
    const cases: [z.ZodType, unknown[], unknown[]][] = [
      [z.int32(), [0, -(2 ** 31), 2 ** 31 - 1], [2 ** 31, 1.5, Number.NaN]],
      [z.uint32(), [0, 2 ** 32 - 1], [-1, 2 ** 32]],
      [z.number().safe(), [2 ** 53 - 1, -1.5], [2 ** 53, Number.POSITIVE_INFINITY]],
      [z.number().gt(1).gte(1).lt(3).lte(3), [1.5, 2.999], [1, 3, 0]],
      [z.number().int().gte(0).lte(0), [0], [1, -1, 0.5]],
      [z.string().length(2).min(1), ['ab'], ['a', 'abc']],
    ];
    for (const [schema, yes, no] of cases) {
      const check = quickCheck(schema) as (v: unknown) => boolean;
      for (const v of yes) expect([v, check(v)]).toEqual([v, schema.safeParse(v).success]);
      for (const v of no) expect([v, check(v)]).toEqual([v, false]);
    }
  });

  it('declines schemas with parts it does not know', () => {
    for (const schema of [
      z.string().regex(/a/),
      z.object({ a: z.number().refine((n) => n > 0) }),
      z.object({ a: z.union([z.string(), z.number()]) }),
      z.record(z.string(), z.number()),
      z.string().transform((s) => s.length),
      z.coerce.number(),
      z.lazy(() => z.string()),
    ]) {
      expect(quickCheck(schema)).toBeUndefined();
    }
  });
});
