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
      .dictionary(fc.constantFrom('a', 'b', 'type', 'c'), tie('schema'), { maxKeys: 3 })
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
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, 1.5),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'type', 'c', 'z'), tie('v'), { maxKeys: 4 }),
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
