import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ServqualAnswer,
  servqual,
  servqualAccumulator,
  servqualAdd,
  servqualDimensions,
  servqualMerge,
  servqualResult,
} from '../../src/metrics/index.js';
import { copy, metricError } from './helpers.js';

describe('servqual', () => {
  it('computes perception − expectation per item, per dimension and overall', () => {
    expect(
      servqual([
        { item: 'on-time', dimension: 'reliability', expectation: 7, perception: 5 },
        { item: 'on-time', dimension: 'reliability', expectation: 6, perception: 6 },
        { item: 'accurate', dimension: 'reliability', expectation: 6, perception: 6 },
        { item: 'courtesy', dimension: 'assurance', expectation: 6, perception: 7 },
      ]),
    ).toEqual({
      kind: 'gaps',
      items: [
        {
          item: 'accurate',
          dimension: 'reliability',
          expectation: 6,
          perception: 6,
          gap: 0,
          responses: 1,
        },
        {
          item: 'on-time',
          dimension: 'reliability',
          expectation: 6.5,
          perception: 5.5,
          gap: -1,
          responses: 2,
        },
        {
          item: 'courtesy',
          dimension: 'assurance',
          expectation: 6,
          perception: 7,
          gap: 1,
          responses: 1,
        },
      ],
      dimensions: [
        {
          dimension: 'reliability',
          items: 2,
          expectation: 6.25,
          perception: 5.75,
          gap: -0.5,
          responses: 3,
        },
        { dimension: 'assurance', items: 1, expectation: 6, perception: 7, gap: 1, responses: 1 },
      ],
      overall: 0.25,
    });
  });

  it('gives an explicit empty result', () => {
    expect(servqual([])).toEqual({ kind: 'empty' });
  });

  it.each([
    [{ item: 'x', dimension: 'speed', expectation: 5, perception: 5 }, 'dimension'],
    [{ item: 'x', dimension: 'empathy', expectation: 8, perception: 5 }, 'expectation'],
    [{ item: 'x', dimension: 'empathy', expectation: 5, perception: 0 }, 'perception'],
    [{ item: '', dimension: 'empathy', expectation: 5, perception: 5 }, 'item'],
  ])('rejects %j naming the field', (bad, field) => {
    const error = metricError(() => servqual([bad as ServqualAnswer]));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.problems[0]?.path).toEqual([0, field]);
    const acc = servqualAccumulator();
    const before = copy(acc);
    expect(metricError(() => servqualAdd(acc, bad as ServqualAnswer)).problems[0]?.path).toEqual([
      0,
      field,
    ]);
    expect(acc).toEqual(before);
  });

  it('refuses an item filed under two dimensions', () => {
    const answers: ServqualAnswer[] = [
      { item: 'x', dimension: 'empathy', expectation: 5, perception: 5 },
      { item: 'x', dimension: 'tangibles', expectation: 5, perception: 5 },
    ];
    const error = metricError(() => servqual(answers));
    expect(error.message).toContain("expected 'empathy', the dimension item 'x' already has");
    const a = servqualAccumulator();
    const b = servqualAccumulator();
    servqualAdd(a, answers[0] as ServqualAnswer);
    servqualAdd(b, answers[1] as ServqualAnswer);
    expect(metricError(() => servqualMerge(a, b)).code).toBe('INCOMPATIBLE_ACCUMULATORS');
  });

  it('takes another scale and refuses to merge across scales', () => {
    const result = servqual([{ item: 'x', dimension: 'empathy', expectation: 5, perception: 3 }], {
      min: 1,
      max: 5,
    });
    expect(result.kind === 'gaps' && result.overall).toBe(-2);
    expect(metricError(() => servqualAccumulator({ min: 5, max: 1 })).code).toBe('INVALID_OPTIONS');
    expect(
      metricError(() =>
        servqualMerge(servqualAccumulator(), servqualAccumulator({ min: 1, max: 5 })),
      ).code,
    ).toBe('INCOMPATIBLE_ACCUMULATORS');
  });

  it('property: merge(a, b) equals computing over a ∪ b', () => {
    const point = fc.integer({ min: 1, max: 7 });
    const answer = fc
      .record({ n: fc.integer({ min: 0, max: 5 }), expectation: point, perception: point })
      .map(({ n, expectation, perception }) => ({
        item: `item-${n}`,
        dimension: servqualDimensions[n % 5] as ServqualAnswer['dimension'],
        expectation,
        perception,
      }));
    fc.assert(
      fc.property(fc.array(answer), fc.array(answer), (a, b) => {
        const left = servqualAccumulator();
        const right = servqualAccumulator();
        for (const x of a) servqualAdd(left, x);
        for (const x of b) servqualAdd(right, x);
        expect(servqualResult(servqualMerge(left, right))).toEqual(servqual([...a, ...b]));
      }),
    );
  });
});
