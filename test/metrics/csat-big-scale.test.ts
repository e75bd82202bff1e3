/**
 * CSAT on scales beyond 32 bits: `csatScale` accepts any safe integers (at most 1,001 points), so
 * every whole point of such a scale is an answer, and every non-integer is still rejected with the
 * same code and message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CsatScale,
  csat,
  csatAccumulator,
  csatAdd,
  csatResult,
  csatScale,
} from '../../src/metrics/index.js';
import { copy, metricError } from './helpers.js';

const TWO_31 = 2 ** 31;

describe('csat on a scale above 2^31 (regression: whole points were rejected)', () => {
  const scale = csatScale({ min: TWO_31 - 8, max: TWO_31 + 2, positiveFrom: TWO_31 });

  it('csat counts 2^31 + 1 as a positive answer', () => {
    // Before the fix `(x | 0) === x` wrapped 2^31 + 1 to a negative number and rejected it.
    const result = csat([TWO_31 + 1, TWO_31 - 7, null], scale);
    expect(result).toMatchObject({ kind: 'score', rated: 2, unrated: 1, percent: 50 });
  });

  it('csatAdd counts each whole point of the scale in its own slot', () => {
    const acc = csatAccumulator(scale);
    for (let v = TWO_31 - 8; v <= TWO_31 + 2; v++) csatAdd(acc, v);
    expect(acc.counts).toEqual(new Array(11).fill(1));
    expect(csatResult(acc)).toMatchObject({ kind: 'score', rated: 11, positive: { count: 3 } });
  });

  it('negative scales below −2^31 and scales at the top of the safe range too', () => {
    const low = csatScale({ min: -TWO_31 - 5, max: -TWO_31 + 5, positiveFrom: -TWO_31 });
    expect(csat([-TWO_31 - 1], low)).toMatchObject({ kind: 'score', rated: 1 });
    const top = Number.MAX_SAFE_INTEGER;
    const high = csatScale({ min: top - 1_000, max: top, positiveFrom: top });
    const acc = csatAccumulator(high);
    csatAdd(acc, top);
    csatAdd(acc, top - 1_000);
    expect([acc.counts[1_000], acc.counts[0]]).toEqual([1, 1]);
  });

  it('still rejects a non-integer with the same code and message, leaving the tally unchanged', () => {
    const acc = csatAccumulator(scale);
    csatAdd(acc, TWO_31);
    const before = copy(acc);
    const error = metricError(() => csatAdd(acc, TWO_31 + 0.5));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toBe(
      `CSAT rejected a value: index 1 is ${TWO_31 + 0.5}. A CSAT answer must be a whole number from ${TWO_31 - 8} to ${TWO_31 + 2}, or null (unrated).`,
    );
    expect(error.problems).toEqual([
      { path: [1], value: TWO_31 + 0.5, message: 'not an answer on this scale' },
    ]);
    expect(acc).toEqual(before);
  });
});

/** A scale of 1–1,001 points whose bounds lie anywhere in the safe integers, often past 2^31. */
const bigScale = (limit: number) =>
  fc
    .record({
      min: fc.oneof(
        fc.integer({ min: TWO_31 - 1_000, max: TWO_31 + 1_000 }),
        fc.integer({ min: 2 ** 32 - 1_000, max: 2 ** 32 + 1_000 }),
        fc.integer({ min: -limit, max: limit - 1_000 }),
        fc.integer({ min: -limit, max: -TWO_31 }),
      ),
      width: fc.integer({ min: 1, max: 1_000 }),
      threshold: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ min, width, threshold }) => {
      const max = min + width;
      const positiveFrom = min + 1 + Math.floor(threshold * (width - 1));
      return csatScale({ min, max, positiveFrom });
    });

const bounds = (s: CsatScale) => {
  if (s.kind !== 'points') throw new Error('expected a points scale');
  return s;
};

describe('csatAdd on random big scales (property)', () => {
  it('accepts every integer of the scale, each in its own slot', () => {
    fc.assert(
      fc.property(bigScale(Number.MAX_SAFE_INTEGER), (scale) => {
        const { min, max } = bounds(scale);
        const acc = csatAccumulator(scale);
        for (let v = min; v <= max; v++) csatAdd(acc, v);
        expect(acc.counts.every((n) => n === 1)).toBe(true);
        expect(acc.counts.length).toBe(max - min + 1);
        // The batch function agrees.
        const result = csat([min, max], scale);
        expect(result.kind === 'score' && result.rated).toBe(2);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects every non-integer inside the scale with INVALID_RESPONSE and no change', () => {
    // Above 2^52 every double is an integer, so the non-integers are looked for below it.
    fc.assert(
      fc.property(
        bigScale(2 ** 52),
        fc.nat(1_000),
        fc.double({ min: 0, max: 1, minExcluded: true, maxExcluded: true, noNaN: true }),
        (scale, at, frac) => {
          const { min, max } = bounds(scale);
          const value = Math.min(min + at, max - 1) + frac;
          fc.pre(!Number.isInteger(value) && value > min && value < max);
          const acc = csatAccumulator(scale);
          csatAdd(acc, min);
          const before = copy(acc);
          const error = metricError(() => csatAdd(acc, value));
          expect(error.code).toBe('INVALID_RESPONSE');
          expect(error.message).toContain(`A CSAT answer must be a whole number from ${min} to`);
          expect(acc).toEqual(before);
          expect(metricError(() => csat([value], scale)).code).toBe('INVALID_RESPONSE');
        },
      ),
      { numRuns: 300 },
    );
  });
});
