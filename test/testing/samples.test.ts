import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { isServicecraftError, ServicecraftError } from '../../src/index.js';
import {
  arbitraryPayload,
  samplePayloads,
  UnsupportedSchemaError,
} from '../../src/testing/index.js';

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
  it('gives a base value first, then one field changed at a time', () => {
    expect(samplePayloads(schemas.object)).toEqual([
      { score: 0, urgent: true },
      { score: 10, urgent: true },
      { score: 0, urgent: false },
      { score: 1, urgent: true },
    ]);
  });

  it('varies every field once before any field twice: left out, null, enum members', () => {
    const base = { maybe: 'sample text', nothing: 0, fallback: 'low', fixed: 'v1', flag: true };
    expect(samplePayloads(schemas.wrappers)).toEqual([
      base,
      { nothing: 0, fallback: 'low', fixed: 'v1', flag: true },
      { ...base, nothing: null },
      { maybe: 'sample text', nothing: 0, fixed: 'v1', flag: true },
      { ...base, flag: false },
      { ...base, maybe: 'a' },
      { ...base, nothing: 1 },
      { ...base, fallback: 'high' },
      { ...base, nothing: 10 },
    ]);
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
