import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aht, ahtAccumulator, ahtAdd, ahtMerge, ahtResult } from '../../src/metrics/index.js';
import { copy, metricError } from './helpers.js';

describe('aht', () => {
  it('divides talk + hold + after-contact work by handled contacts', () => {
    expect(
      aht([
        { talkMs: 300_000, holdMs: 60_000, afterWorkMs: 60_000 },
        { talkMs: 180_000, holdMs: 0, afterWorkMs: 0 },
      ]),
    ).toEqual({
      kind: 'average',
      handled: 2,
      totalMs: 600_000,
      averageMs: 300_000,
      fraction: { numerator: 600_000, denominator: 2 },
      parts: { talkMs: 240_000, holdMs: 30_000, afterWorkMs: 30_000 },
    });
  });

  it('gives an explicit empty result', () => {
    expect(aht([])).toEqual({ kind: 'empty', handled: 0 });
  });

  it.each([
    ['holdMs', -1],
    ['talkMs', 1.5],
    ['afterWorkMs', Number.NaN],
    ['talkMs', '60'],
  ])('rejects %s = %s naming the position', (field, value) => {
    const contact = { talkMs: 1, holdMs: 1, afterWorkMs: 1, [field]: value };
    const error = metricError(() =>
      aht([{ talkMs: 0, holdMs: 0, afterWorkMs: 0 }, contact as never]),
    );
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.problems[0]?.path).toEqual([1, field]);
    expect(error.message).toContain(`index 1, field ${field} is`);

    const acc = ahtAccumulator();
    ahtAdd(acc, { talkMs: 5, holdMs: 0, afterWorkMs: 0 });
    const before = copy(acc);
    const one = metricError(() => ahtAdd(acc, contact as never));
    expect(one.problems).toEqual([
      { path: [1, field], value, message: 'expected a whole number ≥ 0' },
    ]);
    expect(acc).toEqual(before);
  });

  it('rejects a tampered accumulator', () => {
    expect(metricError(() => ahtResult({ ...ahtAccumulator(), handled: -1 })).code).toBe(
      'INVALID_ACCUMULATOR',
    );
  });

  it('property: merge(a, b) equals computing over a ∪ b', () => {
    const ms = fc.integer({ min: 0, max: 3_600_000 });
    const contact = fc.record({ talkMs: ms, holdMs: ms, afterWorkMs: ms });
    fc.assert(
      fc.property(fc.array(contact), fc.array(contact), (a, b) => {
        const left = ahtAccumulator();
        const right = ahtAccumulator();
        for (const c of a) ahtAdd(left, c);
        for (const c of b) ahtAdd(right, c);
        expect(ahtResult(ahtMerge(left, right))).toEqual(aht([...a, ...b]));
      }),
    );
  });
});
