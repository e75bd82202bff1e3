import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isServicecraftError } from '../../src/index.js';
import {
  type CsatResponse,
  csat,
  csatAccumulator,
  csatAdd,
  csatMerge,
  csatResult,
  csatScale,
  csatScales,
} from '../../src/metrics/index.js';
import { copy, metricError } from './helpers.js';

describe('csat', () => {
  it('counts 4–5 as positive on the five-point scale; 3 is not positive', () => {
    expect(csat([5, 4, 3, null], csatScales.fivePoint)).toEqual({
      kind: 'score',
      rated: 3,
      unrated: 1,
      positive: { count: 2, share: 2 / 3 },
      negative: { count: 1, share: 1 / 3 },
      percent: 200 / 3,
      fraction: { numerator: 2, denominator: 3 },
      average: 4,
      distribution: [0, 0, 1, 1, 1],
    });
    const three = csat([3], csatScales.fivePoint);
    expect(three.kind === 'score' && three.positive.count).toBe(0);
  });

  it('keeps the average apart from the share satisfied', () => {
    const result = csat([5, 5, 1, 1], csatScales.fivePoint);
    expect(result.kind === 'score' && [result.percent, result.average]).toEqual([50, 3]);
  });

  it('reads the binary scale', () => {
    expect(csat(['good', 'bad', 'good', null], csatScales.binary)).toEqual({
      kind: 'score',
      rated: 3,
      unrated: 1,
      positive: { count: 2, share: 2 / 3 },
      negative: { count: 1, share: 1 / 3 },
      percent: 200 / 3,
      fraction: { numerator: 2, denominator: 3 },
      distribution: [1, 2],
    });
  });

  it('takes a custom threshold', () => {
    const tenPoint = csatScale({ min: 0, max: 10, positiveFrom: 8 });
    expect(tenPoint).toEqual({
      kind: 'points',
      min: 0,
      max: 10,
      positiveFrom: 8,
      source: 'custom threshold',
    });
    const result = csat([9, 8, 7], tenPoint);
    expect(result.kind === 'score' && result.fraction).toEqual({ numerator: 2, denominator: 3 });
  });

  it.each([
    { min: 5, max: 1, positiveFrom: 4 },
    { min: 1, max: 5, positiveFrom: 1 },
    { min: 1, max: 5, positiveFrom: 6 },
    { min: 1.5, max: 5, positiveFrom: 4 },
  ])('rejects the scale %j', (bad) => {
    const error = metricError(() => csatScale(bad));
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toContain('min < positiveFrom ≤ max');
  });

  it('reports unrated and the response rate, and an explicit empty result', () => {
    const result = csat([5, null, null], csatScales.fivePoint, { offered: 10 });
    expect(result.kind === 'score' && result.responseRate).toEqual({
      rated: 1,
      offered: 10,
      share: 0.1,
    });
    expect(csat([null, null], csatScales.fivePoint, { offered: 4 })).toEqual({
      kind: 'empty',
      rated: 0,
      unrated: 2,
      responseRate: { rated: 0, offered: 4, share: 0 },
    });
    expect(csat([], csatScales.binary)).toEqual({ kind: 'empty', rated: 0, unrated: 0 });
    expect(csat([], csatScales.binary, { offered: 0 })).toEqual({
      kind: 'empty',
      rated: 0,
      unrated: 0,
    });
  });

  it.each([2, -1, 1.5, Number.NaN])(
    'rejects offered = %s below the responses or not whole',
    (offered) => {
      const error = metricError(() => csat([5, null, 4], csatScales.fivePoint, { offered }));
      expect(error.code).toBe('INVALID_OPTIONS');
      expect(error.message).toContain('at least 3');
    },
  );

  it.each([
    [6, csatScales.fivePoint, 'index 1 is 6'],
    [0, csatScales.fivePoint, 'index 1 is 0'],
    [4.5, csatScales.fivePoint, 'index 1 is 4.5'],
    ['good', csatScales.fivePoint, 'index 1 is the string "good"'],
    [5, csatScales.binary, 'index 1 is 5'],
    ['great', csatScales.binary, 'index 1 is the string "great"'],
  ] as const)('rejects %s on %o', (bad, scale, text) => {
    const error = metricError(() => csat([null, bad as never], scale));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain(text);
    expect(error.problems[0]).toMatchObject({ path: [1], value: bad });
  });
});

describe('csat accumulator', () => {
  it('rejects a bad answer naming its index and leaves the tally unchanged', () => {
    const acc = csatAccumulator(csatScales.fivePoint);
    csatAdd(acc, 5);
    csatAdd(acc, null);
    const before = copy(acc);
    const error = metricError(() => csatAdd(acc, 9));
    expect(error.problems).toEqual([{ path: [2], value: 9, message: expect.any(String) }]);
    expect(error.message).toContain('whole number from 1 to 5, or null');
    expect(acc).toEqual(before);
  });

  it('refuses to merge different scales or tampered state', () => {
    const five = csatAccumulator(csatScales.fivePoint);
    const binary = csatAccumulator(csatScales.binary);
    expect(metricError(() => csatMerge(five, binary)).code).toBe('INCOMPATIBLE_ACCUMULATORS');
    const custom = csatAccumulator(csatScale({ min: 1, max: 5, positiveFrom: 5 }));
    expect(metricError(() => csatMerge(five, custom)).message).toContain('1–5 positive from 4');
    const short = { ...five, counts: [0, 0] };
    expect(metricError(() => csatResult(short)).code).toBe('INVALID_ACCUMULATOR');
  });

  const pointAnswer = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null));
  const binaryAnswer = fc.constantFrom<CsatResponse>('good', 'bad', null);

  it.each([
    ['five-point', csatScales.fivePoint, pointAnswer],
    ['binary', csatScales.binary, binaryAnswer],
  ] as const)('property (%s): merge(a, b) equals computing over a ∪ b', (_, scale, answer) => {
    fc.assert(
      fc.property(fc.array(answer), fc.array(answer), (a, b) => {
        const left = csatAccumulator(scale);
        const right = csatAccumulator(scale);
        for (const r of a) csatAdd(left, r);
        for (const r of b) csatAdd(right, r);
        const offered = a.length + b.length + 3;
        expect(csatResult(csatMerge(left, right), { offered })).toEqual(
          csat([...a, ...b], scale, { offered }),
        );
      }),
    );
  });
});

describe('csatAccumulator bounds', () => {
  it('rejects a points scale too large to count with a MetricError, not a RangeError', () => {
    const huge = { kind: 'points', min: 0, max: 2 ** 40, positiveFrom: 1, source: 'test' } as const;
    expect(() => csatAccumulator(huge)).toThrow(/at most 1,001 points/);
    try {
      csatAccumulator(huge);
    } catch (error) {
      expect(isServicecraftError(error, 'MetricError')).toBe(true);
    }
    expect(csatAccumulator({ ...huge, max: 1000 }).counts).toHaveLength(1001);
  });
});
