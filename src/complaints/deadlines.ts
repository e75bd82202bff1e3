/**
 * Deadline arithmetic on epoch-millisecond instants. Pure functions: the current time is always an
 * argument, never read from a clock. A calendar decides what "a day" means, so business hours can
 * replace the default 24/7 UTC calendar without touching the machines.
 *
 * @module
 */
import * as z from 'zod';
import { UsageError } from '../core/errors.js';
import { deepFreeze, shown } from './internal.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A length of time: whole milliseconds, or whole days, hours and minutes. A calendar interprets
 * the parts: the default UTC calendar counts a day as 24 hours; a business calendar may count
 * working days.
 *
 * @category Complaints
 */
export type Duration = number | DurationParts;

/**
 * A length of time split into whole days, hours and minutes (each optional, default 0).
 *
 * @category Complaints
 */
export interface DurationParts {
  /** Whole days. */
  readonly days?: number;
  /** Whole hours. */
  readonly hours?: number;
  /** Whole minutes. */
  readonly minutes?: number;
}

const whole = z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

/**
 * The zod schema of a {@link Duration}: a non-negative safe integer of milliseconds, or an object
 * of non-negative whole days, hours and minutes.
 *
 * @example
 * ```ts
 * import { durationSchema } from 'servicecraft/complaints';
 *
 * durationSchema.safeParse({ days: 5 }).success; // true
 * durationSchema.safeParse({ days: 1.5 }).success; // false
 * ```
 *
 * @category Complaints
 */
export const durationSchema: z.ZodType<Duration> = z.union([
  whole,
  z.strictObject({ days: whole.optional(), hours: whole.optional(), minutes: whole.optional() }),
]) as z.ZodType<Duration>;

/**
 * Converts a duration to milliseconds on a 24/7 clock (a day is 24 hours).
 *
 * @example
 * ```ts
 * import { durationToMs } from 'servicecraft/complaints';
 *
 * durationToMs({ days: 1, hours: 2 }); // 93_600_000
 * ```
 *
 * @param duration - Milliseconds, or days, hours and minutes.
 * @returns The length in milliseconds.
 * @throws `UsageError` when a part is negative, fractional or too large (check with
 *   `isServicecraftError(error, 'UsageError')`).
 * @category Complaints
 */
export function durationToMs(duration: Duration): number {
  const ms = safeDurationToMs(duration);
  if (ms === 'invalid') {
    throw new UsageError(
      `Invalid duration (${shown(duration)}): use whole, non-negative milliseconds or { days, hours, minutes }.`,
      [{ path: ['duration'], message: 'not a duration' }],
    );
  }
  if (ms === 'tooLong') {
    throw new UsageError(
      'The duration is too long: in milliseconds it is beyond the safe integer range.',
      [{ path: ['duration'], message: 'too long' }],
    );
  }
  return ms;
}

/** @internal A duration in milliseconds, or why it has none; never throws. */
export function safeDurationToMs(duration: unknown): number | 'invalid' | 'tooLong' {
  const parsed = durationSchema.safeParse(duration);
  if (!parsed.success) return 'invalid';
  const d = parsed.data;
  const ms =
    typeof d === 'number'
      ? d
      : (d.days ?? 0) * DAY + (d.hours ?? 0) * HOUR + (d.minutes ?? 0) * MINUTE;
  return Number.isSafeInteger(ms) ? ms : 'tooLong';
}

/**
 * What counts as time for deadlines, for a calendar you write yourself. The complaint machines call
 * `addWorkingTime` for durations and `addWorkingDays` (when present) for `{ workingDays }`
 * deadlines; without it a working day is read as `addWorkingTime(start, { days: 1 })`. To count in
 * real business hours, weekends and holidays, pass a `BusinessCalendar` from `businessCalendar`
 * instead: it needs no code.
 *
 * @example
 * ```ts
 * import { type DeadlineCalendar, durationToMs } from 'servicecraft/complaints';
 *
 * // A toy calendar that counts every day twice as long (for illustration).
 * const slow: DeadlineCalendar = {
 *   name: 'slow',
 *   addWorkingTime: (start, duration) => start + 2 * durationToMs(duration),
 * };
 * ```
 *
 * @category Complaints
 */
export interface DeadlineCalendar {
  /** A short name for docs and diagnostics. */
  readonly name: string;
  /**
   * The instant reached by working for `duration` from `start`.
   *
   * @param start - An epoch-millisecond instant.
   * @param duration - How long to work.
   * @returns An epoch-millisecond instant, never before `start`.
   */
  addWorkingTime(start: number, duration: Duration): number;
  /**
   * The instant at which `n` working days after `start` have passed (optional).
   *
   * @param start - An epoch-millisecond instant.
   * @param n - A whole number of working days, 0 or more.
   * @returns An epoch-millisecond instant, never before `start`.
   */
  addWorkingDays?(start: number, n: number): number;
}

/**
 * The default calendar: every hour of every day counts, in UTC. A day is exactly 24 hours, so
 * daylight-saving changes in any local time zone cannot move a deadline, and a working day is any
 * 24 hours (`addWorkingDays(start, n)` is `start + n` days).
 *
 * @example
 * ```ts
 * import { utcCalendar } from 'servicecraft/complaints';
 *
 * const received = Date.UTC(2028, 1, 28, 9, 0); // 28 Feb 2028, 09:00 UTC
 * new Date(utcCalendar.addWorkingTime(received, { days: 1 })).toISOString();
 * // '2028-02-29T09:00:00.000Z' (a leap day)
 * ```
 *
 * @category Complaints
 */
export const utcCalendar: DeadlineCalendar = deepFreeze({
  name: 'utc-24x7',
  addWorkingTime(start: number, duration: Duration): number {
    if (!Number.isSafeInteger(start)) {
      throw new UsageError(
        `The start instant must be an integer of epoch milliseconds, received ${shown(start)}.`,
        [{ path: ['start'], message: 'not an integer instant' }],
      );
    }
    const end = start + durationToMs(duration);
    if (!Number.isSafeInteger(end)) {
      throw new UsageError('The deadline falls beyond the safe integer range.', [
        { path: ['duration'], message: 'the deadline is too far' },
      ]);
    }
    return end;
  },
  addWorkingDays(start: number, n: number): number {
    return utcCalendar.addWorkingTime(start, { days: n });
  },
});

/**
 * How long a deadline runs. A {@link Duration} is working time on the case's calendar (on the
 * default 24/7 calendar, elapsed time); the other forms count the way rules are written:
 *
 * - `{ workingDays: n }`: "within n working days". The day of the start never counts; the
 *   deadline is the end of the working hours of the n-th working day after it (on a business
 *   calendar; see `addWorkingDays`). On the 24/7 UTC calendar a working day is 24 hours.
 * - `{ calendarDays: n }` and `{ weeks: n }`: the same local wall-clock time n days (7n days)
 *   later in the calendar's zone, whatever the working hours.
 * - `{ months: n }`: the same local date and time n months later, the end of the month when that
 *   date does not exist (31 August + 6 months = 28 or 29 February).
 *
 * @example
 * ```ts
 * import type { DeadlineSpan } from 'servicecraft/complaints';
 *
 * const acknowledge: DeadlineSpan = { workingDays: 5 };
 * const finalResponse: DeadlineSpan = { weeks: 8 };
 * const referral: DeadlineSpan = { months: 6 };
 * ```
 *
 * @category Complaints
 */
export type DeadlineSpan =
  | Duration
  | {
      /** Working days after the start day, ending when the last one's working hours end (0–3,650). */
      readonly workingDays: number;
    }
  | {
      /** Calendar days to the same local wall-clock time, working hours ignored (0–3,650). */
      readonly calendarDays: number;
    }
  | {
      /** Weeks of seven calendar days to the same local wall-clock time (0–522). */
      readonly weeks: number;
    }
  | {
      /** Months to the same local date and time, or the month's end when it is missing (0–120). */
      readonly months: number;
    };

const count = (max: number) => z.number().check(z.int(), z.gte(0), z.lte(max));

/**
 * The zod schema of a {@link DeadlineSpan}.
 *
 * @example
 * ```ts
 * import { deadlineSpanSchema } from 'servicecraft/complaints';
 *
 * deadlineSpanSchema.safeParse({ workingDays: 5 }).success; // true
 * deadlineSpanSchema.safeParse({ workingDays: 5, hours: 2 }).success; // false
 * ```
 *
 * @category Complaints
 */
export const deadlineSpanSchema: z.ZodType<DeadlineSpan> = z.union([
  durationSchema,
  z.strictObject({ workingDays: count(3_650) }),
  z.strictObject({ calendarDays: count(3_650) }),
  z.strictObject({ weeks: count(522) }),
  z.strictObject({ months: count(120) }),
]) as z.ZodType<DeadlineSpan>;

/**
 * How long a complaint may wait for each milestone.
 *
 * @category Complaints
 */
export interface ComplaintDeadlines {
  /** From receipt to acknowledgement. */
  readonly acknowledge: DeadlineSpan;
  /** To a communicated decision, counted from `respondFrom`. */
  readonly respond: DeadlineSpan;
  /**
   * Where `respond` is counted from: the instant of `'receipt'`, or the instant the complaint was
   * `'acknowledgement'` acknowledged. Until then the response is due `respond` after the
   * acknowledgement deadline (the latest it can be), and the acknowledgement fixes it.
   */
  readonly respondFrom: 'receipt' | 'acknowledgement';
  /**
   * From receipt to a communicated decision when the assessment marks the complaint urgent
   * (it can only bring the response deadline forward); `null` for no urgent deadline.
   */
  readonly urgentRespond: DeadlineSpan | null;
}

/**
 * Default deadlines, the UK Housing Ombudsman's stage-1 figures counted as its Code counts them:
 * acknowledge within 5 working days of receipt, respond within 10 working days of the
 * acknowledgement; and respond to urgent complaints within 24 hours of receipt. On the default
 * 24/7 UTC calendar a working day is 24 hours; pass a business calendar to count real ones.
 *
 * @example
 * ```ts
 * import { createComplaintCase, defaultComplaintDeadlines } from 'servicecraft/complaints';
 *
 * const strict = createComplaintCase({ deadlines: { ...defaultComplaintDeadlines, acknowledge: { workingDays: 1 } } });
 * ```
 *
 * @category Complaints
 */
export const defaultComplaintDeadlines: ComplaintDeadlines = deepFreeze({
  acknowledge: { workingDays: 5 },
  respond: { workingDays: 10 },
  respondFrom: 'acknowledgement',
  urgentRespond: { hours: 24 },
});
