import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ces, cesAccumulator, cesAdd, cesMerge, cesResult } from '../../src/metrics/index.js';
import { copy, metricError } from './helpers.js';

describe('ces', () => {
  it('version 2: 1–7, higher is easier, 5–7 counted as easy', () => {
    expect(ces([7, 6, 5, 2], 2)).toEqual({
      kind: 'score',
      version: 2,
      direction: 'higher-is-easier',
      responses: 4,
      average: 5,
      fraction: { numerator: 20, denominator: 4 },
      easy: { count: 3, share: 0.75 },
      distribution: [0, 1, 0, 0, 1, 1, 1],
    });
  });

  it('version 1: 1–5, lower is easier, 1–2 counted as easy', () => {
    expect(ces([1, 2, 3, { score: 5, version: 1 }], 1)).toEqual({
      kind: 'score',
      version: 1,
      direction: 'lower-is-easier',
      responses: 4,
      average: 11 / 4,
      fraction: { numerator: 11, denominator: 4 },
      easy: { count: 2, share: 0.5 },
      distribution: [1, 1, 1, 0, 1],
    });
  });

  it('gives an explicit empty result', () => {
    expect(ces([], 1)).toEqual({ kind: 'empty', version: 1, responses: 0 });
  });

  it('refuses to mix versions in a batch, naming the position', () => {
    const error = metricError(() => ces([4, { score: 6, version: 2 }], 1));
    expect(error.code).toBe('MIXED_VERSIONS');
    expect(error.message).toContain('index 1 is a version 2 answer');
    expect(error.problems).toEqual([
      { path: [1, 'version'], value: 2, message: 'expected version 1' },
    ]);
  });

  it.each([
    [6, 1, 'index 0 is 6'],
    [0, 2, 'index 0 is 0'],
    [8, 2, 'index 0 is 8'],
    [2.5, 2, 'index 0 is 2.5'],
  ] as const)('rejects %s on version %i', (bad, version, text) => {
    const error = metricError(() => ces([bad], version));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain(text);
  });

  it('rejects an unknown version', () => {
    expect(metricError(() => ces([3], 3 as never)).code).toBe('INVALID_OPTIONS');
    expect(metricError(() => cesAccumulator(0 as never)).code).toBe('INVALID_OPTIONS');
  });
});

describe('ces accumulator', () => {
  it('refuses an answer of the other version and leaves the tally unchanged', () => {
    const acc = cesAccumulator(2);
    cesAdd(acc, 6);
    const before = copy(acc);
    const error = metricError(() => cesAdd(acc, { score: 2, version: 1 }));
    expect(error.code).toBe('MIXED_VERSIONS');
    expect(error.problems).toEqual([
      { path: [1, 'version'], value: 1, message: 'expected version 2' },
    ]);
    expect(metricError(() => cesAdd(acc, 8)).code).toBe('INVALID_RESPONSE');
    expect(acc).toEqual(before);
  });

  it('refuses to merge versions', () => {
    const error = metricError(() => cesMerge(cesAccumulator(1), cesAccumulator(2)));
    expect(error.code).toBe('MIXED_VERSIONS');
    expect(error.message).toContain('version 1 tally with a version 2 tally');
    expect(
      metricError(() => cesResult({ kind: 'ces', version: 1, counts: [0] } as never)).code,
    ).toBe('INVALID_ACCUMULATOR');
  });

  it.each([1, 2] as const)(
    'property (version %i): merge(a, b) equals computing over a ∪ b',
    (version) => {
      const answer = fc.integer({ min: 1, max: version === 1 ? 5 : 7 });
      fc.assert(
        fc.property(fc.array(answer), fc.array(answer), (a, b) => {
          const left = cesAccumulator(version);
          const right = cesAccumulator(version);
          for (const s of a) cesAdd(left, s);
          for (const s of b) cesAdd(right, s);
          expect(cesResult(cesMerge(left, right))).toEqual(ces([...a, ...b], version));
        }),
      );
    },
  );
});
