/**
 * @internal Small helpers shared by the time modules: units, integer division that stays exact on
 * large values, ISO dates as day numbers, and the checks on instants and durations.
 *
 * @module
 */
import { clip, describeValue, UsageError } from '../core/errors.js';

/** @internal One minute in milliseconds. */
export const MINUTE = 60_000;
/** @internal One hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** @internal One day of 24 hours in milliseconds. */
export const DAY = 24 * HOUR;
/** @internal One week in milliseconds. */
export const WEEK = 7 * DAY;
/** @internal The largest instant a `Date` can hold, in epoch milliseconds (and its negation). */
export const MAX_INSTANT = 8.64e15;

/**
 * @internal `Math.floor(a / b)` for integers, corrected where float division rounds the wrong way
 * (possible when `a` is near 2^53).
 */
export function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q -= 1;
  else if ((q + 1) * b <= a) q += 1;
  return q;
}

/** @internal The number of days from 1970-01-01 to a proleptic Gregorian date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** @internal The day number of an ISO date `YYYY-MM-DD`, or `undefined` when it is no real date. */
export function dayOfIsoDate(text: string): number | undefined {
  const match = isoDate.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const length = month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day > length ? undefined : daysFromCivil(year, month, day);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const clockTime = /^(\d{2}):(\d{2})$/;

/** @internal Milliseconds after midnight of a `HH:MM` time (`24:00` allowed), or `undefined`. */
export function msOfClockTime(text: string): number | undefined {
  const match = clockTime.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * HOUR + minutes * MINUTE;
}

/** @internal Names a value in a message, bounded whatever it is. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(clip(value, 60)) : describeValue(value);
}

/** @internal Whether a value is an instant the time functions accept. */
export function isInstant(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) <= MAX_INSTANT;
}

/** @internal Throws a `UsageError` unless `value` is an integer instant within ±8.64e15. */
export function checkInstant(name: string, value: unknown): number {
  if (isInstant(value)) return value;
  throw new UsageError(
    `${name} must be an integer number of epoch milliseconds between -8.64e15 and 8.64e15, received ${shown(value)}.`,
    [{ path: [name], message: 'not an instant in range' }],
  );
}

/** @internal Throws a `UsageError` unless `value` is a non-negative safe integer. */
export function checkAmount(name: string, value: unknown, unit: string): number {
  if (Number.isSafeInteger(value) && (value as number) >= 0) return value as number;
  throw new UsageError(
    `${name} must be a whole, non-negative number of ${unit}, received ${shown(value)}.`,
    [{ path: [name], message: `not a whole, non-negative number of ${unit}` }],
  );
}

/** @internal Throws a `UsageError` saying a computed instant falls outside the supported range. */
export function outOfRange(what: string): never {
  throw new UsageError(
    `${what} falls outside the supported range of instants (±8.64e15 epoch milliseconds).`,
    [{ path: [], message: 'result out of range' }],
  );
}

/** @internal Freezes a plain value and every object or array inside it, then returns it. */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const key of Object.keys(next)) pending.push((next as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * @internal How many of the sorted `values` are ≤ `x`: the index of the first one above it (a
 * binary search).
 */
export function countAtMost(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
