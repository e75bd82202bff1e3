import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  confidenceZ,
  isMetricError,
  MetricError,
  nps,
  npsAccumulator,
  npsAdd,
  npsMerge,
  npsResult,
} from '../../src/metrics/index.js';
import { copy, metricError } from './helpers.js';

const score = fc.integer({ min: 0, max: 10 });

describe('nps', () => {
  it('counts promoters, passives and detractors and scores 100 × (P − D) / N', () => {
    expect(nps([10, 9, 8, 7, 6, 0, 9, 10])).toEqual({
      kind: 'score',
      responses: 8,
      promoters: { count: 4, share: 0.5 },
      passives: { count: 2, share: 0.25 },
      detractors: { count: 2, share: 0.25 },
      score: 25,
      net: { numerator: 2, denominator: 8 },
      distribution: [1, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2],
    });
  });

  it.each([
    [6, 'detractors'],
    [7, 'passives'],
    [8, 'passives'],
    [9, 'promoters'],
    [0, 'detractors'],
    [10, 'promoters'],
  ] as const)('puts %i among the %s', (answer, group) => {
    const result = nps([answer]);
    if (result.kind !== 'score') throw new Error('expected a score');
    expect(result[group]).toEqual({ count: 1, share: 1 });
  });

  it('gives an explicit empty result for no responses, not 0', () => {
    expect(nps([])).toEqual({ kind: 'empty', responses: 0 });
    expect(nps([], { interval: true })).toEqual({ kind: 'empty', responses: 0 });
  });

  it('does not round: one promoter in three answers is 33.33…', () => {
    const result = nps([10, 8, 7]);
    expect(result.kind === 'score' && result.score).toBe(100 / 3);
  });

  it.each([
    [11, 'index 1 is 11'],
    [8.5, 'index 1 is 8.5'],
    [Number.NaN, 'index 1 is NaN'],
    ['9', 'index 1 is the string "9"'],
    [-1, 'index 1 is -1'],
    [Number.POSITIVE_INFINITY, 'index 1 is Infinity'],
    [null, 'index 1 is null'],
  ])('rejects %s with its value and position', (bad, text) => {
    const error = metricError(() => nps([10, bad as number]));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain(text);
    expect(error.message).toContain('whole number from 0 to 10');
    expect(error.problems).toEqual([{ path: [1], value: bad, message: expect.any(String) }]);
  });

  it('lists several bad values and how many more there are', () => {
    const error = metricError(() => nps([11, 12, 13, 14, 15, 16, 17, 5]));
    expect(error.problems).toHaveLength(7);
    expect(error.message).toContain('rejected 7 values');
    expect(error.message).toContain('and 2 more');
  });

  it('rejects a non-array', () => {
    const error = metricError(() => nps('10' as never));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('the input is the string "10"');
  });
});

describe('nps confidence interval', () => {
  it('uses the variance of +1 / 0 / −1 scores with a normal approximation', () => {
    // P = 0.5, D = 0.25, n = 8: mean 0.25, variance 0.75 − 0.0625 = 0.6875.
    const result = nps([10, 9, 8, 7, 6, 0, 9, 10], { interval: true });
    if (result.kind !== 'score' || result.interval === undefined) throw new Error('expected one');
    const se = 100 * Math.sqrt(0.6875 / 8);
    expect(result.interval).toEqual({
      z: confidenceZ['95%'],
      standardError: se,
      low: 25 - confidenceZ['95%'] * se,
      high: 25 + confidenceZ['95%'] * se,
    });
  });

  it('takes another z-score and widens with it', () => {
    const answers = [10, 9, 3, 8, 7, 10, 2];
    const r95 = nps(answers, { interval: true });
    const r99 = nps(answers, { interval: { z: confidenceZ['99%'] } });
    if (r95.kind !== 'score' || r99.kind !== 'score') throw new Error('expected scores');
    expect(r99.interval?.z).toBe(confidenceZ['99%']);
    expect((r99.interval?.high ?? 0) - (r99.interval?.low ?? 0)).toBeGreaterThan(
      (r95.interval?.high ?? 0) - (r95.interval?.low ?? 0),
    );
  });

  it('clips to −100..100 and collapses when every answer is in one group', () => {
    const result = nps([10, 10, 9], { interval: true });
    expect(result.kind === 'score' && result.interval).toEqual({
      z: confidenceZ['95%'],
      standardError: 0,
      low: 100,
      high: 100,
    });
    const wide = nps([10, 0], { interval: { z: 5 } });
    expect(wide.kind === 'score' && [wide.interval?.low, wide.interval?.high]).toEqual([-100, 100]);
  });

  it('rejects a bad z-score', () => {
    const error = metricError(() => nps([9], { interval: { z: -1 } }));
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.problems[0]?.path).toEqual(['interval', 'z']);
  });

  it('keeps the bounds around the score and inside −100..100', () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1 }), (answers) => {
        const r = nps(answers, { interval: true });
        if (r.kind !== 'score' || r.interval === undefined) return false;
        return (
          r.interval.low <= r.score + 1e-9 &&
          r.score <= r.interval.high + 1e-9 &&
          r.interval.low >= -100 &&
          r.interval.high <= 100
        );
      }),
    );
  });
});

describe('nps accumulator', () => {
  it('adds in place and reports like the batch', () => {
    const acc = npsAccumulator();
    for (const answer of [10, 9, 8, 7, 6, 0]) npsAdd(acc, answer);
    expect(acc).toEqual({ kind: 'nps', counts: [1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1] });
    expect(npsResult(acc)).toEqual(nps([10, 9, 8, 7, 6, 0]));
    expect(npsResult(npsAccumulator())).toEqual({ kind: 'empty', responses: 0 });
  });

  it.each([11, 8.5, Number.NaN, '9', -1, -0.5])(
    'rejects %s naming its index, and leaves the tally unchanged',
    (bad) => {
      const acc = npsAccumulator();
      npsAdd(acc, 9);
      npsAdd(acc, 3);
      const before = copy(acc);
      const error = metricError(() => npsAdd(acc, bad as number));
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.problems).toEqual([{ path: [2], value: bad, message: expect.any(String) }]);
      expect(error.message).toContain('index 2 is');
      expect(acc).toEqual(before);
    },
  );

  it('merges without changing either input', () => {
    const a = npsAccumulator();
    const b = npsAccumulator();
    npsAdd(a, 10);
    npsAdd(b, 2);
    const [beforeA, beforeB] = [copy(a), copy(b)];
    expect(npsMerge(a, b)).toEqual({ kind: 'nps', counts: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1] });
    expect([a, b]).toEqual([beforeA, beforeB]);
  });

  it('survives a JSON round trip', () => {
    const acc = npsAccumulator();
    npsAdd(acc, 7);
    expect(npsResult(JSON.parse(JSON.stringify(acc)))).toEqual(npsResult(acc));
  });

  it.each([
    [{ kind: 'nps', counts: [1, 2] }, 'counts'],
    [{ kind: 'csat', counts: new Array(11).fill(0) }, 'kind'],
    [{ kind: 'nps', counts: [-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, 'counts'],
  ])('rejects a tampered accumulator %j', (bad, field) => {
    const error = metricError(() => npsMerge(bad as never, npsAccumulator()));
    expect(error.code).toBe('INVALID_ACCUMULATOR');
    expect(error.problems[0]?.path[0]).toBe(field);
    expect(metricError(() => npsResult(bad as never)).code).toBe('INVALID_ACCUMULATOR');
  });

  it('property: merge(a, b) equals computing over a ∪ b', () => {
    fc.assert(
      fc.property(fc.array(score), fc.array(score), (a, b) => {
        const left = npsAccumulator();
        const right = npsAccumulator();
        for (const s of a) npsAdd(left, s);
        for (const s of b) npsAdd(right, s);
        expect(npsResult(npsMerge(left, right), { interval: true })).toEqual(
          nps([...a, ...b], { interval: true }),
        );
      }),
    );
  });

  it('property: the score stays within −100..100 and the groups add up', () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1 }), (answers) => {
        const r = nps(answers);
        if (r.kind !== 'score') return false;
        return (
          r.score >= -100 &&
          r.score <= 100 &&
          r.promoters.count + r.passives.count + r.detractors.count === answers.length
        );
      }),
    );
  });

  it('property: any value that is not a whole number 0–10 is rejected', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double().filter((x) => !(Number.isInteger(x) && x >= 0 && x <= 10)),
          fc.string(),
          fc.constant(null),
        ),
        (bad) => {
          const acc = npsAccumulator();
          expect(() => npsAdd(acc, bad as number)).toThrow(MetricError);
          expect(acc).toEqual(npsAccumulator());
          expect(() => nps([bad as number])).toThrow(MetricError);
        },
      ),
    );
  });

  it('is recognised across copies by its brand', () => {
    expect(isMetricError(metricError(() => nps([11])))).toBe(true);
    expect(isMetricError(new Error('x'))).toBe(false);
    expect(isMetricError(null)).toBe(false);
  });
});
