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

const whole = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * The zod schema of a {@link Duration}: a non-negative safe integer of milliseconds, or an object
 * of non-negative whole days, hours and minutes.
 *
 * @example
 * ```ts
 * import { durationSchema } from 'servicecraft';
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
 * import { durationToMs } from 'servicecraft';
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
 * What counts as time for deadlines. Implement it to add business hours, weekends or holidays;
 * the complaint machines only ever call `addWorkingTime`.
 *
 * @example
 * ```ts
 * import { type DeadlineCalendar, durationToMs } from 'servicecraft';
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
}

/**
 * The default calendar: every hour of every day counts, in UTC. A day is exactly 24 hours, so
 * daylight-saving changes in any local time zone cannot move a deadline.
 *
 * @example
 * ```ts
 * import { utcCalendar } from 'servicecraft';
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
});

/**
 * How long a complaint may wait for each milestone, counted from its receipt.
 *
 * @category Complaints
 */
export interface ComplaintDeadlines {
  /** From receipt to acknowledgement. */
  readonly acknowledge: Duration;
  /** From receipt to a communicated decision. */
  readonly respond: Duration;
  /** From receipt to a communicated decision when the assessment marks the complaint urgent. */
  readonly urgentRespond: Duration;
}

/**
 * Default deadlines: acknowledge within 5 days and respond within 10 (the UK Housing Ombudsman
 * stage-1 figures, here in calendar days on the 24/7 UTC calendar), and respond to urgent
 * complaints within 24 hours.
 *
 * @example
 * ```ts
 * import { createComplaintCase, defaultComplaintDeadlines } from 'servicecraft';
 *
 * const strict = createComplaintCase({ deadlines: { ...defaultComplaintDeadlines, acknowledge: { days: 1 } } });
 * ```
 *
 * @category Complaints
 */
export const defaultComplaintDeadlines: ComplaintDeadlines = deepFreeze({
  acknowledge: { days: 5 },
  respond: { days: 10 },
  urgentRespond: { hours: 24 },
});
