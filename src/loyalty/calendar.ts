/**
 * Calendar arithmetic of a programme on epoch milliseconds, in the programme's time zone: local
 * days and months, review periods (calendar years, calendar months, anniversaries), qualification
 * windows and expiry dates. Every function takes the time it needs; none reads a clock.
 *
 * The zone's offsets come from `src/time` (read from `Intl`, learned as they are used and kept in
 * the compiled programme, never in module state). In UTC every function gives what the earlier
 * UTC-only arithmetic gave.
 *
 * @internal
 * @module
 */
import { instantOfLocal } from '../time/compile.js';
import { daysFromCivil, floorDiv } from '../time/internal.js';
import { type ZoneOffsets, zoneOffsets } from '../time/zone.js';
import type { ExpiryRule, LoyaltyPolicy } from './policy.js';
import type { MembershipContext } from './types.js';

/** @internal Milliseconds in a day. */
export const DAY = 86_400_000;

/**
 * @internal The first millisecond of day `day` of `month` (0–11, may overflow) of `year`, for every
 * year (`Date.UTC` would read years 0–99 as 1900–1999); `NaN` outside the range of `Date`.
 */
export function utc(year: number, month: number, day = 1): number {
  return new Date(0).setUTCFullYear(year, month, day);
}

/** @internal A half-open span `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** @internal What an anniversary period is counted from: the enrolment and the last tier change. */
export type Anchors = Pick<MembershipContext, 'enrolledAt' | 'lastChange'>;

/**
 * @internal The calendar of one programme: its zone's offsets (cached inside), and the periods,
 * windows and expiry dates its policy defines. Built once per programme.
 */
export interface ProgramTime {
  /** The IANA zone. */
  readonly timeZone: string;
  /** Whether activity is counted per local day (anniversary windows) instead of per local month. */
  readonly daily: boolean;
  /** The local day number (days since 1970-01-01 in the zone) of instant `t`. */
  dayOf(t: number): number;
  /** The first instant of local day number `d` (the first instant after a gap at midnight). */
  dayStart(d: number): number;
  /** `year × 12 + month` of instant `t`, in the zone. */
  monthIndex(t: number): number;
  /** The activity bucket of `t`: its local month index, or its local day number when `daily`. */
  bucketOf(t: number): number;
  /** The review period containing `t`. */
  periodAt(ctx: Anchors, t: number): Span;
  /** The buckets (inclusive) whose activity counts toward a tier at `t`. */
  windowAt(ctx: Anchors, t: number): { from: number; to: number };
  /** When points counted from `at` expire (`null`: never). */
  expiryOf(rule: ExpiryRule, at: number, cutoff: LoyaltyPolicy['expiryAt']): number | null;
  /** A bucket as text: `2025-03` for a month, `2025-03-10` for a day. */
  bucketText(bucket: number): string;
}

const monthText = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
const dayText = (d: number) => {
  const t = d * DAY;
  return Number.isNaN(new Date(t).getTime()) ? `day ${d}` : new Date(t).toISOString().slice(0, 10);
};

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/**
 * @internal Compiles the calendar of a policy. The zone has been checked by the policy schema; its
 * formatter is made here, once.
 */
export function programTime(policy: LoyaltyPolicy): ProgramTime {
  const zone: ZoneOffsets = zoneOffsets(policy.timeZone);
  const window = policy.window;
  const local = (t: number) => t + zone.offsetAt(t);
  // A wall time no `Date` holds (NaN) stays NaN: the command is then refused as out of range.
  const instant = (wall: number) =>
    Number.isFinite(wall) ? instantOfLocal(zone, wall, 'earlier') : Number.NaN;
  const dayOf = (t: number) => floorDiv(local(t), DAY);
  const dayStart = (d: number) => instant(d * DAY);
  const monthIndex = (t: number) => {
    const d = new Date(local(t));
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const monthStart = (index: number) => {
    const year = Math.floor(index / 12);
    return instant(utc(year, index - year * 12, 1));
  };

  /** The anniversary period containing `t`, as local day numbers `[from, to)`. */
  const anniversaryDays = (ctx: Anchors, t: number): [number, number] => {
    if (window.kind !== 'anniversary') return [0, 0];
    const anchor =
      (window.from === 'tierChange' ? ctx.lastChange?.at : undefined) ?? ctx.enrolledAt ?? t;
    const d0 = dayOf(anchor);
    const dt = dayOf(t);
    if ('days' in window.every) {
      const n = window.every.days;
      const k = floorDiv(dt - d0, n);
      return [d0 + k * n, d0 + (k + 1) * n];
    }
    const n = window.every.years;
    const a = new Date(d0 * DAY);
    const y0 = a.getUTCFullYear();
    const m0 = a.getUTCMonth() + 1;
    const dd = a.getUTCDate();
    // The k-th anniversary; 29 February falls on 28 February in other years.
    const nth = (k: number) => {
      const y = y0 + k * n;
      return daysFromCivil(y, m0, Math.min(dd, monthLength(y, m0)));
    };
    let k = floorDiv(new Date(dt * DAY).getUTCFullYear() - y0, n);
    while (nth(k + 1) <= dt) k++;
    while (nth(k) > dt) k--;
    return [nth(k), nth(k + 1)];
  };

  const self: ProgramTime = {
    timeZone: policy.timeZone,
    daily: window.kind === 'anniversary',
    dayOf,
    dayStart,
    monthIndex,
    bucketOf: (t) => (window.kind === 'anniversary' ? dayOf(t) : monthIndex(t)),
    periodAt(ctx, t) {
      if (window.kind === 'anniversary') {
        const [from, to] = anniversaryDays(ctx, t);
        return { start: dayStart(from), end: dayStart(to) };
      }
      const m = monthIndex(t);
      if (window.kind === 'calendarYear') {
        const y = Math.floor(m / 12);
        return { start: instant(utc(y, 0)), end: instant(utc(y + 1, 0)) };
      }
      return { start: monthStart(m), end: monthStart(m + 1) };
    },
    windowAt(ctx, t) {
      if (window.kind === 'anniversary') {
        const [from, to] = anniversaryDays(ctx, t);
        return { from, to: to - 1 };
      }
      const m = monthIndex(t);
      if (window.kind === 'calendarYear') {
        const y = Math.floor(m / 12);
        return { from: y * 12, to: y * 12 + 11 };
      }
      return { from: m - window.months + 1, to: m };
    },
    expiryOf(rule, at, cutoff) {
      switch (rule.kind) {
        case 'never':
          return null;
        case 'days':
          // Exact days of 24 hours; `endOfDay` counts calendar days in the zone: counted from local
          // day D, the points last to the end of day D + N, which is the first instant of day
          // D + N + 1. Only the local date of `at` matters, so every instant of one local day, its
          // first (local midnight) included, gets the same expiry. (Rounding `at + N days` up to a
          // midnight would leave an `at` already at midnight where it is: a day earlier than the
          // rest of its day.)
          return cutoff === 'endOfDay' ? dayStart(dayOf(at) + rule.days + 1) : at + rule.days * DAY;
        case 'endOfMonth':
          return monthStart(monthIndex(at) + rule.months + 1);
        case 'endOfYear':
          return instant(utc(Math.floor(monthIndex(at) / 12) + rule.years + 1, 0));
      }
    },
    bucketText: (b) => (window.kind === 'anniversary' ? dayText(b) : monthText(b)),
  };
  return Object.freeze(self);
}

/** @internal An epoch time as an ISO date-time, for messages (the number itself when no date has it). */
export function iso(at: number): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? `${at} ms` : d.toISOString();
}
