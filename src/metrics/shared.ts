/**
 * Shapes shared by every metric: the explicit empty result and a counted share.
 *
 * @module
 */

/**
 * The result of a metric over no (usable) responses. A score over nothing is undefined, so it is
 * reported as this variant instead of `0` or `NaN`.
 *
 * @category Metrics
 */
export interface EmptyResult {
  /** Always `'empty'`. */
  readonly kind: 'empty';
}

/**
 * A count and its share of a total. `share` is `count / total`, unrounded; multiply by 100 for a
 * percentage and round only for display.
 *
 * @category Metrics
 */
export interface Share {
  /** How many. */
  readonly count: number;
  /** `count / total`, between 0 and 1, unrounded. */
  readonly share: number;
}

/**
 * An exact ratio of two integers, for callers that want to round or compare without floating-point
 * noise.
 *
 * @category Metrics
 */
export interface Fraction {
  /** The numerator (an integer). */
  readonly numerator: number;
  /** The denominator (a positive integer). */
  readonly denominator: number;
}

/** @internal A result under construction: the same keys, writable (optional keys added last). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** @internal */
export function shareOf(count: number, total: number): Share {
  return { count, share: count / total };
}

/** @internal A whole number ≥ 0 that is safe to add to; plain comparisons for hot paths. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * @internal Freezes a constant and everything inside it, so a caller cannot change a scale, a
 * z-score or a list every other caller relies on. Returns the same value, typed as given.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    }
  }
  return value;
}
