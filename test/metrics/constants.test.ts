// Test files are ES modules, so this code runs in strict mode: writing to a frozen object throws.
import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/metrics/index.js';
import {
  type CsatScale,
  ces,
  cesVersions,
  confidenceZ,
  csat,
  csatScales,
  defaultHealthRatio,
  nps,
  relationshipHealth,
  servqual,
  servqualDimensions,
} from '../../src/metrics/index.js';

/** Every object inside a value (the value included), walked depth first. */
function objectsIn(value: unknown): object[] {
  if (typeof value !== 'object' || value === null) return [];
  return [value, ...Object.values(value).flatMap(objectsIn)];
}

/** Tries every way of changing `target` in place; each attempt must throw. */
function expectUnchangeable(target: object): void {
  const record = target as Record<string, unknown>;
  const key = Object.keys(target)[0] ?? 'length';
  expect(() => {
    record[key] = 999;
  }).toThrow(TypeError);
  expect(() => {
    record.added = 1;
  }).toThrow(TypeError);
  expect(() => {
    delete record[key];
  }).toThrow(TypeError);
  expect(() => Object.defineProperty(target, 'other', { value: 1 })).toThrow(TypeError);
  expect(() => Object.setPrototypeOf(target, null)).toThrow(TypeError);
  if (Array.isArray(target)) {
    expect(() => target.push('x')).toThrow(TypeError);
    expect(() => target.sort()).toThrow(TypeError);
  }
}

describe('exported metric constants are deeply frozen', () => {
  it('covers every exported object or array constant', () => {
    const constants = Object.entries(metrics).filter(
      ([, value]) => typeof value === 'object' && value !== null,
    );
    expect(constants.map(([name]) => name).sort()).toEqual(
      [
        'cesVersions',
        'confidenceZ',
        'csatScales',
        'defaultHealthRatio',
        'servqualDimensions',
      ].sort(),
    );
    for (const [, value] of constants) {
      for (const inner of objectsIn(value)) expect(Object.isFrozen(inner)).toBe(true);
    }
  });

  it('cesVersions: the bands cannot move, and scores stay the same', () => {
    const before = ces([1, 2, 5], 1);
    for (const inner of objectsIn(cesVersions)) expectUnchangeable(inner);
    expect(() => {
      (cesVersions[1].easy as unknown as number[])[1] = 5;
    }).toThrow(TypeError);
    expect(cesVersions[1].easy).toEqual([1, 2]);
    expect(ces([1, 2, 5], 1)).toEqual(before);
  });

  it('confidenceZ: the z-scores cannot change, and intervals stay the same', () => {
    const before = nps([10, 9, 3, 8, 10], { interval: true });
    expectUnchangeable(confidenceZ);
    expect(() => {
      (confidenceZ as Record<string, number>)['95%'] = 0;
    }).toThrow(TypeError);
    expect(confidenceZ['95%']).toBe(1.959963984540054);
    expect(nps([10, 9, 3, 8, 10], { interval: true })).toEqual(before);
  });

  it('csatScales: the preset scales cannot change, and scores stay the same', () => {
    const before = csat([5, 4, 3, null], csatScales.fivePoint);
    for (const inner of objectsIn(csatScales)) expectUnchangeable(inner);
    expect(() => {
      (csatScales.fivePoint as { positiveFrom: number }).positiveFrom = 1;
    }).toThrow(TypeError);
    expect(() => {
      (csatScales as { fivePoint: CsatScale }).fivePoint = csatScales.binary;
    }).toThrow(TypeError);
    expect(csat([5, 4, 3, null], csatScales.fivePoint)).toEqual(before);
  });

  it('defaultHealthRatio: the default cannot change, and balances stay the same', () => {
    const before = relationshipHealth({ positive: 24, negative: 2 });
    expectUnchangeable(defaultHealthRatio);
    expect(() => {
      (defaultHealthRatio as { ratio: number }).ratio = 1;
    }).toThrow(TypeError);
    expect(defaultHealthRatio.ratio).toBe(12);
    expect(relationshipHealth({ positive: 24, negative: 2 })).toEqual(before);
  });

  it('servqualDimensions: the list cannot change, and gaps stay the same', () => {
    const answers = [
      { item: 'on-time', dimension: 'reliability', expectation: 7, perception: 5 },
      { item: 'courtesy', dimension: 'assurance', expectation: 6, perception: 7 },
    ] as const;
    const before = servqual(answers);
    expectUnchangeable(servqualDimensions);
    expect(() => {
      (servqualDimensions as unknown as string[])[0] = 'looks';
    }).toThrow(TypeError);
    expect(() => (servqualDimensions as unknown as string[]).reverse()).toThrow(TypeError);
    expect(servqualDimensions).toEqual([
      'tangibles',
      'reliability',
      'responsiveness',
      'assurance',
      'empathy',
    ]);
    expect(servqual(answers)).toEqual(before);
  });
});
