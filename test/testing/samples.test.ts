import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { arbitraryPayload } from '../../src/fast-check/index.js';
import { isServicecraftError, ServicecraftError } from '../../src/index.js';
import { samplePayloads, UnsupportedSchemaError } from '../../src/testing/index.js';

/** Schemas covering every supported zod type, used by the property tests of both generators. */
const schemas = {
  object: z.object({ score: z.number().int().min(0).max(10), urgent: z.boolean() }),
  strings: z.object({
    text: z.string().min(2).max(5),
    exact: z.string().length(3),
    trimmed: z.string().trim().min(1),
  }),
  formats: z.object({
    mail: z.email(),
    id: z.uuid(),
    link: z.url(),
    at: z.iso.datetime(),
    day: z.iso.date(),
  }),
  regex: z.object({ code: z.string().regex(/^[A-Z]{3}-\d{2}$/) }),
  numbers: z.object({
    positive: z.number().positive(),
    ranged: z.number().gt(-1).lt(1),
    step: z.number().int().multipleOf(5).min(3).max(40),
    int32: z.int32(),
  }),
  wrappers: z.object({
    maybe: z.string().optional(),
    nothing: z.number().nullable(),
    fallback: z.enum(['low', 'high']).default('low'),
    fixed: z.literal('v1'),
    flag: z.boolean().readonly(),
  }),
  collections: z.object({
    tags: z.array(z.string().min(1)).min(1).max(3),
    pair: z.tuple([z.string(), z.number()]),
    scores: z.record(z.string(), z.number()),
    either: z.union([
      z.object({ kind: z.literal('a') }),
      z.object({ kind: z.literal('b'), n: z.number() }),
    ]),
    anything: z.unknown(),
  }),
  piped: z.object({ count: z.string().transform((s) => s.length) }),
  refined: z.object({
    even: z
      .number()
      .int()
      .min(0)
      .max(10)
      .refine((n) => n % 2 === 0),
  }),
};

describe('samplePayloads', () => {
  it('gives a base value first, then every value of every field', () => {
    const samples = samplePayloads(schemas.object);
    expect(samples[0]).toEqual({ score: 0, urgent: true });
    for (const score of [0, 10, 1])
      expect(samples).toContainEqual(expect.objectContaining({ score }));
    expect(samples).toContainEqual(expect.objectContaining({ urgent: false }));
  });

  /** Every pair of values of two fields (within the first four of each) appears in some sample. */
  const pairsCovered = (
    samples: readonly Record<string, unknown>[],
    values: Record<string, readonly unknown[]>,
  ) => {
    const keys = Object.keys(values);
    const missing: string[] = [];
    for (const [i, a] of keys.entries())
      for (const b of keys.slice(i + 1))
        for (const va of values[a] ?? [])
          for (const vb of values[b] ?? [])
            if (!samples.some((s) => s[a] === va && s[b] === vb))
              missing.push(`${a}=${String(va)} with ${b}=${String(vb)}`);
    return missing;
  };

  it('regression: combines booleans and enums pairwise, so a rule on two changed fields is reached', () => {
    const schema = z.object({
      urgent: z.boolean(),
      vip: z.boolean(),
      channel: z.enum(['phone', 'mail', 'chat']),
      tier: z.enum(['basic', 'gold']),
    });
    const samples = samplePayloads(schema) as Record<string, unknown>[];
    expect(
      pairsCovered(samples, {
        urgent: [true, false],
        vip: [true, false],
        channel: ['phone', 'mail', 'chat'],
        tier: ['basic', 'gold'],
      }),
    ).toEqual([]);
  });

  it('regression: a boolean with a default is tried left out (the default) and with each value', () => {
    const samples = samplePayloads(
      z.object({ partial: z.boolean().default(false), note: z.string().optional() }),
    );
    expect(samples[0]).toEqual({ note: 'sample text' });
    expect(samples).toContainEqual(expect.objectContaining({ partial: true }));
    expect(samples).toContainEqual(expect.objectContaining({ partial: false }));
  });

  it('regression: samples a refined string from common codes the refinement accepts', () => {
    const currency = z.string().refine((code) => ['EUR', 'USD'].includes(code));
    expect(samplePayloads(z.object({ currency }))).toEqual([
      { currency: 'EUR' },
      { currency: 'USD' },
    ]);
  });

  it('regression: samples every branch of a union, even when one branch has many variants', () => {
    const closure = z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('money'),
        amount: z.number().int().nonnegative(),
        currency: z.enum(['EUR', 'USD', 'GBP', 'JPY', 'CHF']),
        note: z.string().optional(),
      }),
      z.object({ kind: z.literal('withdrawn') }),
      z.object({ kind: z.literal('referred'), to: z.string() }),
    ]);
    const samples = samplePayloads(z.object({ at: z.number(), by: z.string(), closure }));
    const kinds = new Set(samples.map((s) => (s as { closure: { kind: string } }).closure.kind));
    expect([...kinds].sort()).toEqual(['money', 'referred', 'withdrawn']);
  });

  it('regression: an amount with no upper bound near is also tried large (over a limit)', () => {
    const amounts = samplePayloads(z.object({ amount: z.number().int().nonnegative() })).map(
      (s) => (s as { amount: number }).amount,
    );
    expect(amounts).toEqual([0, 1, 1_000_000]);
  });

  it('keeps an event time and an idempotency key to one value (paths fit them to each step)', () => {
    const samples = samplePayloads(
      z.object({ key: z.string(), at: z.number().int(), urgent: z.boolean() }),
    );
    expect(samples).toEqual([
      { key: 'sample text', at: 0, urgent: true },
      { key: 'sample text', at: 0, urgent: false },
    ]);
  });

  it('pairs text with other fields, so a rule comparing two names meets equal and different ones', () => {
    const samples = samplePayloads(
      z.object({ by: z.string(), level: z.enum(['agent', 'manager']) }),
    ) as Record<string, unknown>[];
    for (const by of ['sample text', 'a'])
      for (const level of ['agent', 'manager']) expect(samples).toContainEqual({ by, level });
  });

  it('varies wrappers: left out, null, enum members, defaults left out first', () => {
    const samples = samplePayloads(schemas.wrappers) as Record<string, unknown>[];
    expect(samples[0]).toEqual({ maybe: 'sample text', nothing: 0, fixed: 'v1', flag: true });
    expect(samples).toContainEqual(expect.not.objectContaining({ maybe: expect.anything() }));
    expect(samples).toContainEqual(expect.objectContaining({ nothing: null }));
    expect(samples).toContainEqual(expect.objectContaining({ fallback: 'high' }));
    expect(samples).toContainEqual(expect.objectContaining({ flag: false }));
  });

  it.each(Object.entries(schemas).filter(([name]) => name !== 'regex'))(
    'every %s sample passes its schema',
    (_, schema) => {
      const samples = samplePayloads(schema);
      expect(samples.length).toBeGreaterThan(0);
      for (const sample of samples) expect(schema.safeParse(sample).success).toBe(true);
    },
  );

  it('tries ordinary strings against a regex and keeps those that match', () => {
    expect(
      samplePayloads(z.object({ code: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/) })),
    ).toEqual([{ code: 'sample' }, { code: 'sample_text' }]);
    expect(samplePayloads(z.object({ n: z.string().regex(/^\d+$/).max(2) }))).toEqual([
      { n: '1' },
      { n: '0' },
    ]);
  });

  it('keeps only samples that pass a refinement', () => {
    expect(samplePayloads(schemas.refined)).toEqual([{ even: 0 }, { even: 10 }]);
  });

  it.each([
    [z.object({ when: z.date() }), 'date', ['when']],
    [z.object({ color: z.string().regex(/^#[0-9a-f]{6}$/) }), 'string format regex', ['color']],
    [z.object({ ip: z.ipv4() }), 'string format ipv4', ['ip']],
    [z.object({ n: z.bigint() }), 'bigint', ['n']],
    [z.object({ list: z.array(z.map(z.string(), z.string())) }), 'map', ['list', '[]']],
    [z.number().refine(() => false), 'refinement', []],
    [z.number().int().min(1).max(1).multipleOf(2), 'number with these bounds', []],
  ] as const)('names what it cannot derive: %#', (schema, type, path) => {
    let error: unknown;
    try {
      samplePayloads(schema);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsupportedSchemaError);
    expect(error).toBeInstanceOf(ServicecraftError);
    expect(isServicecraftError(error, 'UnsupportedSchemaError')).toBe(true);
    expect(error).toMatchObject({ schemaType: type, path, name: 'UnsupportedSchemaError' });
  });

  it('is deterministic', () => {
    expect(samplePayloads(schemas.collections)).toEqual(samplePayloads(schemas.collections));
  });
});

describe('arbitraryPayload', () => {
  it.each(Object.entries(schemas))('only produces values %s accepts (property)', (_, schema) => {
    fc.assert(
      fc.property(arbitraryPayload(schema), (value) => schema.safeParse(value).success),
      { numRuns: 60 },
    );
  });

  it('reaches every enum member and both sides of optional fields', () => {
    const seen = new Set(
      fc
        .sample(arbitraryPayload(schemas.wrappers), { numRuns: 200, seed: 1 })
        .map((v) => `${v.fallback}/${'maybe' in v}`),
    );
    expect([...seen].sort()).toEqual([
      'high/false',
      'high/true',
      'low/false',
      'low/true',
      'undefined/false',
      'undefined/true',
    ]);
  });

  it('fails with the same clear error as the samples', () => {
    expect(() => arbitraryPayload(z.object({ when: z.date() }))).toThrow(UnsupportedSchemaError);
  });
});
