/**
 * Calendar arithmetic in UTC on epoch milliseconds: months, periods, windows and expiry dates.
 * Every function takes the time it needs; none reads a clock.
 *
 * @internal
 * @module
 */
import type { LoyaltyPolicy } from './policy.js';

/** @internal Milliseconds in a day. */
export const DAY = 86_400_000;

/** @internal Months since year 0: `year * 12 + month`. */
export function monthIndex(at: number): number {
  const d = new Date(at);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * @internal The first millisecond of day `day` of `month` (0–11, may overflow) of `year`, for every
 * year (`Date.UTC` would read years 0–99 as 1900–1999); `NaN` outside the range of `Date`.
 */
export function utc(year: number, month: number, day = 1): number {
  return new Date(0).setUTCFullYear(year, month, day);
}

/** @internal The first millisecond of a month index (negative indexes are months before year 0). */
export function monthStart(index: number): number {
  const year = Math.floor(index / 12);
  return utc(year, index - year * 12, 1);
}

/** @internal A half-open span `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** @internal The review period containing `at`: the calendar year, or the month for rolling windows. */
export function periodOf(policy: LoyaltyPolicy, at: number): Span {
  const m = monthIndex(at);
  if (policy.window.kind === 'calendarYear') {
    const y = Math.floor(m / 12);
    return { start: utc(y, 0), end: utc(y + 1, 0) };
  }
  return { start: monthStart(m), end: monthStart(m + 1) };
}

/** @internal The months (inclusive month indexes) whose activity counts toward a tier at `at`. */
export function windowAt(policy: LoyaltyPolicy, at: number): { from: number; to: number } {
  const m = monthIndex(at);
  if (policy.window.kind === 'calendarYear') {
    const y = Math.floor(m / 12);
    return { from: y * 12, to: y * 12 + 11 };
  }
  return { from: m - policy.window.months + 1, to: m };
}

/** @internal The first instant of the next UTC day, or `t` itself when it starts a day. */
export function endOfDay(t: number): number {
  return Math.ceil(t / DAY) * DAY;
}

/**
 * @internal When points counted from `at` expire (`null`: never); with `endOfDay`, at the end of
 * the UTC day the expiry falls in.
 */
export function expiryOf(
  e: LoyaltyPolicy['expiry'],
  at: number,
  cutoff: LoyaltyPolicy['expiryAt'] = 'instant',
): number | null {
  switch (e.kind) {
    case 'never':
      return null;
    case 'days':
      return cutoff === 'endOfDay' ? endOfDay(at + e.days * DAY) : at + e.days * DAY;
    case 'endOfMonth':
      return monthStart(monthIndex(at) + e.months + 1);
    case 'endOfYear':
      return utc(new Date(at).getUTCFullYear() + e.years + 1, 0);
  }
}

/** @internal An epoch time as an ISO date-time, for messages (the number itself when no date has it). */
export function iso(at: number): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? `${at} ms` : d.toISOString();
}
