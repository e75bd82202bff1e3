import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulDiv } from '../../src/loyalty/ledger.js';

const exact = (a: number, b: number, c: number) => Number((BigInt(a) * BigInt(b)) / BigInt(c));

describe('mulDiv', () => {
  it('equals the exact BigInt floor of a × b / c for non-negative safe integers', () => {
    const n = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.maxSafeNat(),
    );
    fc.assert(
      fc.property(n, n, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (a, b, c) => {
        expect(mulDiv(a, b, c)).toBe(exact(a, b, c));
      }),
      { numRuns: 2_000 },
    );
  });

  it('is exact next to 2^53, where a double product would round', () => {
    const cases: [number, number, number][] = [
      [94_906_265, 94_906_265, 7], // product just below 2^53
      [94_906_267, 94_906_267, 7], // product just above 2^53
      [2 ** 52 + 1, 2, 3],
      [1e12, 1000, 100],
      [Number.MAX_SAFE_INTEGER, 1, 1],
    ];
    for (const [a, b, c] of cases) expect(mulDiv(a, b, c)).toBe(exact(a, b, c));
  });
});
