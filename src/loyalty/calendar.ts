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

/** @internal The first millisecond of a month index. */
export function monthStart(index: number): number {
  return Date.UTC(Math.floor(index / 12), index % 12, 1);
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
    return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
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

/** @internal When points earned at `at` expire (`null`: never). */
export function expiryOf(e: LoyaltyPolicy['expiry'], at: number): number | null {
  switch (e.kind) {
    case 'never':
      return null;
    case 'days':
      return at + e.days * DAY;
    case 'endOfMonth':
      return monthStart(monthIndex(at) + e.months + 1);
    case 'endOfYear':
      return Date.UTC(new Date(at).getUTCFullYear() + e.years + 1, 0, 1);
  }
}

/** @internal An epoch time as an ISO date-time, for messages. */
export function iso(at: number): string {
  return new Date(at).toISOString();
}
