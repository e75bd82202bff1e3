/**
 * Plain structural readers for stored accumulators: each one accepts exactly what its zod schema
 * accepts and returns the same output zod would (a fresh copy holding only the declared keys), or
 * `undefined` where zod would reject. They replace zod on the hot path of every `*Merge` and
 * `*Result`; zod runs only after a rejection, to describe it (see {@link readOrThrow}). The
 * hottest paths go one step further and read a stored accumulator field by field by the same
 * rules, without the copy (see {@link addCounts}); whatever they do not take comes back here.
 *
 * The rules mirror zod 4: `z.object` takes any non-null, non-array object and reads each declared
 * key with a plain property read (inherited values count); `z.int()` is a safe integer;
 * `z.record` takes plain objects only, skips an own `__proto__` key and non-enumerable keys, and
 * rejects enumerable symbol keys.
 *
 * @module
 */
import type * as z from 'zod';
import { type MetricErrorCode, parseOrThrow } from './errors.js';
import { isCount } from './shared.js';

/** @internal What `z.object` takes: a non-null object that is not an array. */
export function isObj(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @internal `z.int()`: a number that is a safe integer (`isCount` in shared.ts adds `≥ 0`). */
export const isInt = (value: unknown): value is number => Number.isSafeInteger(value);

/** @internal `z.string().min(1)`. */
export const isName = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1;

/** @internal What `z.record` takes (zod's `isPlainObject`, rule for rule). */
export function isPlainObject(value: unknown): value is Record<PropertyKey, unknown> {
  if (!isObj(value)) return false;
  const ctor = value.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return isObj(proto) && Object.hasOwn(proto, 'isPrototypeOf');
}

/**
 * @internal `z.array(z.int().nonnegative())`, with `.length(n)` when `length` ≥ 0: a fresh plain
 * array, or `undefined`.
 */
export function readCounts(value: unknown, length: number): number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const n = value.length;
  if (length >= 0 && n !== length) return undefined;
  // Built by push, so the copy is a packed array (a pre-sized one stays holey, and spreading or
  // reducing a holey array takes V8's slow path).
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const v: unknown = value[i];
    if (!isCount(v)) return undefined;
    out.push(v);
  }
  return out;
}

/**
 * @internal The hot path of a counts merge: when `a` and `b` are both arrays of `length` counts
 * (as {@link readCounts} accepts them), their element-wise sums in a fresh packed array, each
 * element read once; `undefined` otherwise, so the caller takes its full path (reader or zod,
 * then the described error). Saves the two intermediate copies of reading each side first.
 */
export function addCounts(a: unknown, b: unknown, length: number): number[] | undefined {
  if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
  if (a.length !== length || b.length !== length) return undefined;
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (!isCount(x) || !isCount(y)) return undefined;
    out.push(x + y);
  }
  return out;
}

/**
 * @internal The sum of `values[from..to)`, left to right (the same additions as `reduce`, without
 * the callback; `reduce` showed up in the Result profiles).
 */
export function sum(values: readonly number[], from = 0, to = values.length): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i] as number;
  return total;
}

/**
 * @internal Reads `input` with a plain reader; only when it rejects does zod run, to throw the
 * described {@link MetricError} (same code, message and problems as a zod-only parse). Should zod
 * accept what the reader rejected, zod's output is used, so the outcome is zod's either way.
 */
export function readOrThrow<T, S extends z.ZodType>(
  read: (input: unknown) => T | undefined,
  schema: S,
  input: unknown,
  code: MetricErrorCode,
  subject: string,
  accepted: string,
): T {
  const out = read(input);
  if (out !== undefined) return out;
  return parseOrThrow(schema, input, code, subject, accepted) as T;
}
