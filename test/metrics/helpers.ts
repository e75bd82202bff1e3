import { isMetricError, type MetricError } from '../../src/metrics/index.js';

/** Runs `fn`, which must throw a MetricError, and returns it (any other outcome fails the test). */
export function metricError(fn: () => unknown): MetricError {
  try {
    fn();
  } catch (error) {
    if (isMetricError(error)) return error;
    throw error;
  }
  throw new Error('expected a MetricError, but nothing was thrown');
}

/** A deep copy, to prove an accumulator is unchanged after a rejected value. */
export const copy = <T>(value: T): T => structuredClone(value);
