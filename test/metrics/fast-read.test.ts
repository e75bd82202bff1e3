/**
 * The plain readers that replaced zod on the hot path of every `*Merge` and `*Result` accept and
 * reject exactly what the zod schemas do, return the same output, and leave every Merge/Result
 * with the same result or the same error as parsing with zod first (the previous code path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  ahtAccumulatorSchema,
  ahtMerge,
  ahtResult,
  readAhtAccumulator,
} from '../../src/metrics/aht.js';
import {
  cesAccumulatorSchema,
  cesMerge,
  cesResult,
  readCesAccumulator,
} from '../../src/metrics/ces.js';
import {
  type CsatAccumulator,
  csatAccumulatorSchema,
  csatMerge,
  csatResult,
  csatScaleSchema,
  readCsatAccumulator,
  readCsatScale,
} from '../../src/metrics/csat.js';
import { isMetricError, type MetricErrorCode, parseOrThrow } from '../../src/metrics/errors.js';
import {
  fcrAccumulatorSchema,
  fcrMerge,
  fcrResult,
  readFcrAccumulator,
} from '../../src/metrics/fcr.js';
import { readRepeatAccumulator, repeatAccumulatorSchema } from '../../src/metrics/fcr-repeat.js';
import {
  type MomentsAccumulator,
  momentsAccumulatorSchema,
  momentsMerge,
  momentsResult,
  readMomentsAccumulator,
} from '../../src/metrics/moment-outcomes.js';
import {
  npsAccumulatorSchema,
  npsMerge,
  npsOptionsSchema,
  npsResult,
  readNpsAccumulator,
  readNpsZ,
} from '../../src/metrics/nps.js';
import {
  readServqualAccumulator,
  servqualAccumulatorSchema,
  servqualDimensions,
  servqualMerge,
  servqualResult,
} from '../../src/metrics/servqual.js';
import { Counts, Foreign, fingerprint, mutate, nodesOf, type Op } from './damage.js';

const runs = { numRuns: 400 };

// --- valid accumulators -------------------------------------------------------------------------

const count = fc.oneof(fc.nat({ max: 1000 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER, 2 ** 40));
const counts = (length: number) => fc.array(count, { minLength: length, maxLength: length });
const name = fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom('a', 'b', 'c'));

const nps = counts(11).map((c) => ({ kind: 'nps', counts: c }));
const ces = fc
  .constantFrom(1, 2)
  .chain((version) =>
    counts(version === 1 ? 5 : 7).map((c) => ({ kind: 'ces', version, counts: c })),
  );
const scale = fc.oneof(
  fc
    .tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 1, max: 10 }), fc.nat(10))
    .map(([min, width, up]) => ({
      kind: 'points',
      min,
      max: min + width,
      positiveFrom: min + 1 + (up % width),
      source: 'test',
    })),
  fc.constant({ kind: 'binary', source: 'test' }),
);
const csat = scale.chain((s) =>
  fc
    .record({
      // The schema does not tie the number of counts to the scale; the size check comes after.
      counts: fc.oneof(
        counts('max' in s ? s.max - s.min + 1 : 2),
        fc.array(count, { maxLength: 4 }),
      ),
      unrated: count,
    })
    .map((r) => ({ kind: 'csat', scale: s, ...r })),
);
const aht = fc
  .record({ handled: count, talkMs: count, holdMs: count, afterWorkMs: count })
  .map((r) => ({ kind: 'aht', ...r }));
const fcrCounts = fc
  .record({
    method: fc.constantFrom('disposition', 'survey'),
    resolved: count,
    unresolved: count,
    excluded: count,
  })
  .map((r) => ({ kind: 'fcr', ...r }));
const span = fc.tuple(fc.nat(10_000), fc.nat(10_000)).map(([x, y]) => ({
  first: Math.min(x, y),
  last: Math.max(x, y),
}));
const repeat = fc
  .record({
    windowMs: fc.integer({ min: 1, max: 5000 }),
    resolved: count,
    unresolved: count,
    open: fc.dictionary(fc.oneof(name, fc.constantFrom('0', '12', '["c",null]')), span, {
      maxKeys: 4,
    }),
  })
  .map((r) => ({ kind: 'fcr', method: 'repeat', ...r }));
const fcr = fc.oneof(fcrCounts, repeat);
const moments = fc
  .array(
    fc.record({ id: name, positive: count, negative: count, neutral: count, unassessed: count }),
    { maxLength: 4 },
  )
  .map((m) => ({ kind: 'moments', moments: m }));
const servqual = fc
  .record({
    scale: fc
      .tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 9 }))
      .map(([min, w]) => ({ min, max: min + w })),
    items: fc.array(
      fc.record({
        item: name,
        dimension: fc.constantFrom(...servqualDimensions),
        responses: fc.integer({ min: 1, max: 1000 }),
        expectationSum: fc.integer({ min: -5000, max: 5000 }),
        perceptionSum: fc.integer({ min: -5000, max: 5000 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((r) => ({ kind: 'servqual', ...r }));

// --- mutations ----------------------------------------------------------------------------------

const weird = fc.oneof(
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1,
    -0,
    0.5,
    1.5,
    2 ** 53,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    1e308,
    1n,
    '1',
    '',
    'nps',
    'csat',
    'ces',
    'aht',
    'fcr',
    'repeat',
    'survey',
    'points',
    'binary',
    'moments',
    'servqual',
    'tangibles',
    null,
    undefined,
    true,
    false,
    [],
    {},
    [0, 0],
    { first: 5, last: 1 },
    new Date(0),
  ),
  fc.anything({ maxDepth: 2 }),
);

const ops: Op[] = [
  'replace',
  'delete',
  'extra',
  'proto-key',
  'symbol-key',
  'hidden-key',
  'inherit',
  'foreign-class',
  'null-proto',
  'array-subclass',
  'sparse',
  'push',
  'huge',
];

/** Valid values, the same with one or two mutations anywhere, and arbitrary values. */
function mixed(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const once = (base: fc.Arbitrary<unknown>) =>
    base.chain((v) =>
      fc
        .record({
          path: fc.constantFrom(...nodesOf(v)),
          op: fc.constantFrom(...ops),
          w: weird,
          key: fc.constantFrom('extra', 'constructor', 'toString', '0', 'kind', 'counts', 'open'),
          i: fc.nat(),
        })
        .map(({ path, op, w, key, i }) => mutate(v, path, op, w, key, i)),
    );
  return fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: once(valid), weight: 5 },
    { arbitrary: once(once(valid)), weight: 2 },
    { arbitrary: weird, weight: 1 },
  );
}

// --- the families -------------------------------------------------------------------------------

interface Family {
  readonly name: string;
  readonly schema: z.ZodType;
  readonly read: (value: unknown) => unknown;
  readonly valid: fc.Arbitrary<unknown>;
  readonly subject: string;
  readonly accepted: string;
  readonly merge: (a: never, b: never) => unknown;
  readonly result: (a: never) => unknown;
  /**
   * The library's own checks after the schema (counts per scale, duplicate ids), run by merging
   * the parsed value with an empty accumulator.
   */
  readonly post?: (parsed: never) => unknown;
}

const families: Family[] = [
  {
    name: 'nps',
    schema: npsAccumulatorSchema,
    read: readNpsAccumulator,
    valid: nps,
    subject: 'The NPS accumulator',
    accepted: 'An NPS accumulator is { kind: "nps", counts: [11 whole numbers ≥ 0] }.',
    merge: npsMerge,
    result: npsResult,
  },
  {
    name: 'csat',
    schema: csatAccumulatorSchema,
    read: readCsatAccumulator,
    valid: csat,
    subject: 'The CSAT accumulator',
    accepted: 'Make accumulators with csatAccumulator(scale) and change them only with csatAdd.',
    merge: csatMerge,
    result: csatResult,
    post: (parsed: CsatAccumulator) => csatMerge(parsed, parsed),
  },
  {
    name: 'ces',
    schema: cesAccumulatorSchema,
    read: readCesAccumulator,
    valid: ces,
    subject: 'The CES accumulator',
    accepted: 'Make accumulators with cesAccumulator(version) and change them only with cesAdd.',
    merge: cesMerge,
    result: cesResult,
  },
  {
    name: 'aht',
    schema: ahtAccumulatorSchema,
    read: readAhtAccumulator,
    valid: aht,
    subject: 'The AHT accumulator',
    accepted: 'Make accumulators with ahtAccumulator() and change them only with ahtAdd.',
    merge: ahtMerge,
    result: ahtResult,
  },
  {
    name: 'fcr',
    schema: fcrAccumulatorSchema,
    read: readFcrAccumulator,
    valid: fcr,
    subject: 'The FCR accumulator',
    accepted: 'Make accumulators with fcrAccumulator(method) and change them only with fcrAdd.',
    merge: fcrMerge,
    result: fcrResult,
  },
  {
    name: 'moments',
    schema: momentsAccumulatorSchema,
    read: readMomentsAccumulator,
    valid: moments,
    subject: 'The moments accumulator',
    accepted: 'Make accumulators with momentsAccumulator() and change them only with momentsAdd.',
    merge: momentsMerge,
    result: momentsResult,
    post: (parsed: MomentsAccumulator) => momentsMerge(parsed, parsed),
  },
  {
    name: 'servqual',
    schema: servqualAccumulatorSchema,
    read: readServqualAccumulator,
    valid: servqual,
    subject: 'The SERVQUAL accumulator',
    accepted: 'Make accumulators with servqualAccumulator() and change them only with servqualAdd.',
    merge: servqualMerge,
    result: servqualResult,
  },
];

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly code: MetricErrorCode;
      readonly message: string;
      readonly problems: unknown;
    };

function outcome(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (!isMetricError(error)) throw error;
    return { ok: false, code: error.code, message: error.message, problems: error.problems };
  }
}

describe.each(families)('$name accumulator reader', (f) => {
  // The previous code path: zod parses the stored accumulator, then the library's own checks.
  const viaZod = (value: unknown): never => {
    const parsed = parseOrThrow(f.schema, value, 'INVALID_ACCUMULATOR', f.subject, f.accepted);
    f.post?.(parsed as never);
    return parsed as never;
  };

  it('accepts exactly what the zod schema accepts and returns the same output', () => {
    fc.assert(
      fc.property(mixed(f.valid), (value) => {
        const read = f.read(value);
        const parsed = f.schema.safeParse(value);
        expect(read !== undefined).toBe(parsed.success);
        if (parsed.success) expect(read).toStrictEqual(parsed.data);
      }),
      runs,
    );
  });

  it('Result gives the same result or error as parsing with zod first', () => {
    fc.assert(
      fc.property(mixed(f.valid), (value) => {
        const before = fingerprint(value);
        const ours = outcome(() => f.result(value as never));
        expect(ours).toStrictEqual(outcome(() => f.result(viaZod(value))));
        expect(fingerprint(value)).toBe(before);
      }),
      runs,
    );
  });

  it('Merge gives the same result or error as parsing with zod first', () => {
    fc.assert(
      fc.property(mixed(f.valid), mixed(f.valid), (a, b) => {
        const before = [fingerprint(a), fingerprint(b)];
        const ours = outcome(() => f.merge(a as never, b as never));
        const ref = outcome(() => f.merge(viaZod(a), viaZod(b)));
        expect(ours).toStrictEqual(ref);
        expect([fingerprint(a), fingerprint(b)]).toStrictEqual(before);
      }),
      runs,
    );
  });

  it('produces valid accumulators only: what it rejects, zod describes', () => {
    fc.assert(
      fc.property(mixed(f.valid), (value) => {
        if (f.read(value) !== undefined) return;
        const error = outcome(() => viaZod(value));
        expect(error.ok).toBe(false);
        if (!error.ok) expect(error.message.startsWith(f.subject)).toBe(true);
      }),
      runs,
    );
  });
});

describe('the zod rules the readers follow', () => {
  const valid = { kind: 'nps', counts: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };

  it('reads inherited fields, as zod does', () => {
    const inherited = Object.create(valid) as unknown;
    expect(npsAccumulatorSchema.safeParse(inherited).success).toBe(true);
    expect(readNpsAccumulator(inherited)).toStrictEqual(valid);
  });

  it('returns plain arrays for array subclasses and drops extra keys', () => {
    const odd = { ...valid, counts: Counts.from(valid.counts), extra: 1 };
    const read = readNpsAccumulator(odd);
    expect(read).toStrictEqual(npsAccumulatorSchema.parse(odd));
    expect(Object.getPrototypeOf(read?.counts)).toBe(Array.prototype);
    expect(read).not.toHaveProperty('extra');
  });

  it('rejects unsafe integers, NaN, fractions, negatives and holes', () => {
    for (const bad of [2 ** 53, Number.NaN, 0.5, -1, Number.POSITIVE_INFINITY, undefined]) {
      const counts = [...valid.counts];
      counts[3] = bad as number;
      expect(npsAccumulatorSchema.safeParse({ kind: 'nps', counts }).success).toBe(false);
      expect(readNpsAccumulator({ kind: 'nps', counts })).toBeUndefined();
    }
    const sparse = [...valid.counts];
    delete sparse[4];
    expect(readNpsAccumulator({ kind: 'nps', counts: sparse })).toBeUndefined();
  });

  it('treats the open record as zod does: own __proto__ dropped, symbols refused, classes refused', () => {
    const base = { kind: 'fcr', method: 'repeat', windowMs: 10, resolved: 0, unresolved: 0 };
    const withProto = {
      ...base,
      open: JSON.parse('{"__proto__": 5, "a": {"first": 1, "last": 2}}'),
    };
    expect(readRepeatAccumulator(withProto)).toStrictEqual(
      repeatAccumulatorSchema.parse(withProto),
    );
    expect(Object.keys(readRepeatAccumulator(withProto)?.open ?? {})).toEqual(['a']);
    const withSymbol = { ...base, open: { [Symbol('s')]: { first: 1, last: 2 } } };
    expect(repeatAccumulatorSchema.safeParse(withSymbol).success).toBe(false);
    expect(readRepeatAccumulator(withSymbol)).toBeUndefined();
    const classy = { ...base, open: new Foreign() };
    expect(repeatAccumulatorSchema.safeParse(classy).success).toBe(false);
    expect(readRepeatAccumulator(classy)).toBeUndefined();
    const bare = { ...base, open: Object.create(null) };
    expect(readRepeatAccumulator(bare)).toStrictEqual(repeatAccumulatorSchema.parse(bare));
  });
});

describe('option readers', () => {
  it('readNpsZ accepts exactly what the NPS options schema accepts, with the same interval', () => {
    const options = fc.oneof(
      fc.constant(undefined),
      fc.record(
        {
          interval: fc.oneof(
            fc.boolean(),
            fc.constant(undefined),
            fc.record({ z: fc.oneof(fc.double(), weird) }, { requiredKeys: [] }),
            weird,
          ),
        },
        { requiredKeys: [] },
      ),
      weird,
    );
    fc.assert(
      fc.property(options, (value) => {
        const parsed = npsOptionsSchema.safeParse(value);
        const z = readNpsZ(value);
        expect(z !== null).toBe(parsed.success);
        if (!parsed.success) return;
        const interval = parsed.data?.interval;
        const expected =
          interval === undefined || interval === false
            ? undefined
            : interval === true
              ? 1.959963984540054
              : interval.z;
        expect(z).toBe(expected);
      }),
      runs,
    );
  });

  it('npsResult with options gives the same result or error as parsing them with zod first', () => {
    const options = fc.oneof(
      fc.constant(undefined),
      fc.record({ interval: fc.oneof(fc.boolean(), fc.record({ z: fc.double() }), weird) }),
      weird,
    );
    fc.assert(
      fc.property(nps, options, (acc, opts) => {
        const ours = outcome(() => npsResult(acc as never, opts as never));
        const reference = outcome(() =>
          npsResult(
            acc as never,
            parseOrThrow(
              npsOptionsSchema,
              opts,
              'INVALID_OPTIONS',
              'NPS options',
              'Pass { interval: true } or { interval: { z: a positive number } }.',
            ) as never,
          ),
        );
        expect(ours).toStrictEqual(reference);
      }),
      runs,
    );
  });

  it('readCsatScale accepts exactly what the CSAT scale schema accepts', () => {
    fc.assert(
      fc.property(mixed(scale), (value) => {
        const parsed = csatScaleSchema.safeParse(value);
        const read = readCsatScale(value);
        expect(read !== undefined).toBe(parsed.success);
        if (parsed.success) expect(read).toStrictEqual(parsed.data);
      }),
      runs,
    );
  });
});
