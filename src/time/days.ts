/**
 * Counting in days: working days as regulators count them ("within 5 working days"), and calendar
 * days in the calendar's zone.
 *
 * @module
 */
import { UsageError } from '../core/errors.js';
import { type CalendarLike, engineOf, instantOfLocal } from './compile.js';
import { checkInstant, DAY, floorDiv, MAX_INSTANT, outOfRange, shown } from './internal.js';
import { nthWorkingDayAfter, weekdayOf } from './plan.js';

/**
 * Where on the last working day {@link addWorkingDays} lands.
 *
 * - `'endOfDay'` (default): the end of that day's last working interval (17:00 in a 09:00–17:00
 *   office; the next morning for a night shift).
 * - `'sameTime'`: the local wall-clock time of the start, on that day.
 *
 * @example
 * ```ts
 * import type { WorkingDayPosition } from 'servicecraft/time';
 *
 * const position: WorkingDayPosition = 'sameTime';
 * ```
 *
 * @category Time
 */
export type WorkingDayPosition = 'endOfDay' | 'sameTime';

/**
 * Options of {@link addWorkingDays}.
 *
 * @example
 * ```ts
 * import { addWorkingDays, alwaysOpen, type WorkingDaysOptions } from 'servicecraft/time';
 *
 * const options: WorkingDaysOptions = { at: 'sameTime' };
 * addWorkingDays(alwaysOpen, Date.UTC(2026, 0, 1, 12), 2, options) === Date.UTC(2026, 0, 3, 12); // true
 * ```
 *
 * @category Time
 */
export interface WorkingDaysOptions {
  /** Where on the last working day to land (default `'endOfDay'`). */
  readonly at?: WorkingDayPosition | undefined;
}

/**
 * Counts working days the way a deadline "within `n` working days" is usually read. A working day
 * is a local date that is not a holiday and on which a working interval starts. The start's own
 * date never counts, whatever the hour: day 1 is the first working day after it, and the result
 * lies on the `n`-th. By default the result is the end of that day's working hours; with
 * `{ at: 'sameTime' }` it is the start's local wall-clock time on that day. `n = 0` returns
 * `start`.
 *
 * A wall-clock time that does not exist that day (a spring-forward gap) becomes the first instant
 * after the gap; one that happens twice (fall back) is read as the earlier for `'sameTime'` and
 * the later for `'endOfDay'` (the end of the working time).
 *
 * @example
 * ```ts
 * import { addWorkingDays, businessCalendar } from 'servicecraft/time';
 *
 * const office = businessCalendar({
 *   timeZone: 'Europe/London',
 *   week: {
 *     mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']],
 *     thu: [['09:00', '17:00']], fri: [['09:00', '17:00']],
 *   },
 * });
 * const received = Date.UTC(2026, 2, 6, 9); // Friday 6 March 2026, 09:00 in London
 * new Date(addWorkingDays(office, received, 5)).toISOString(); // '2026-03-13T17:00:00.000Z'
 * new Date(addWorkingDays(office, received, 5, { at: 'sameTime' })).toISOString();
 * // '2026-03-13T09:00:00.000Z'
 * ```
 *
 * @param calendar - The calendar.
 * @param start - An integer instant in epoch milliseconds, within ±8.64e15.
 * @param n - How many working days: a whole, non-negative number.
 * @param options - Where on the last day to land.
 * @returns The instant in epoch milliseconds.
 * @throws `UsageError` for an instant out of range, an `n` that is not a whole non-negative
 *   number, or a result past 8.64e15.
 * @category Time
 */
export function addWorkingDays(
  calendar: CalendarLike,
  start: number,
  n: number,
  options: WorkingDaysOptions = {},
): number {
  checkInstant('start', start);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new UsageError(`n must be a whole, non-negative number of days, received ${shown(n)}.`, [
      { path: ['n'], message: 'not a whole, non-negative number' },
    ]);
  }
  const at = options.at ?? 'endOfDay';
  if (at !== 'endOfDay' && at !== 'sameTime') {
    throw new UsageError(`options.at must be 'endOfDay' or 'sameTime', received ${shown(at)}.`, [
      { path: ['options', 'at'], message: 'unknown position' },
    ]);
  }
  const { zone, plan } = engineOf(calendar);
  if (n === 0) return start;
  if (n > MAX_INSTANT / DAY) outOfRange('The working day');
  const local = start + zone.offsetAt(start);
  const day = floorDiv(local, DAY);
  const target = nthWorkingDayAfter(plan, day, n);
  if (target * DAY > MAX_INSTANT + DAY) outOfRange('The working day');
  const result =
    at === 'sameTime'
      ? instantOfLocal(zone, local + (target - day) * DAY, 'earlier')
      : instantOfLocal(zone, target * DAY + (plan.plans[weekdayOf(target)]?.lastEnd ?? 0), 'later');
  if (result > MAX_INSTANT) outOfRange('The working day');
  return result;
}

/**
 * The same local wall-clock time `n` calendar days later (or earlier, for a negative `n`) in the
 * calendar's zone: a day is 23, 24 or 25 hours across daylight-saving changes. Working hours and
 * holidays play no part; only the zone does. A time in a spring-forward gap becomes the first
 * instant after the gap; a time that happens twice is read as the earlier.
 *
 * @example
 * ```ts
 * import { addCalendarDays, businessCalendar } from 'servicecraft/time';
 *
 * const office = businessCalendar({ timeZone: 'Europe/London', week: { mon: [['09:00', '17:00']] } });
 * const received = Date.UTC(2026, 2, 6, 9); // Friday 6 March 2026, 09:00 GMT
 * new Date(addCalendarDays(office, received, 10)).toISOString(); // '2026-03-16T09:00:00.000Z'
 * // Across the change to summer time on 29 March, 09:00 stays 09:00 (now BST, UTC+1).
 * new Date(addCalendarDays(office, received, 30)).toISOString(); // '2026-04-05T08:00:00.000Z'
 * ```
 *
 * @param calendar - The calendar (only its zone is used).
 * @param start - An integer instant in epoch milliseconds, within ±8.64e15.
 * @param n - A whole number of days, negative to go back.
 * @returns The instant in epoch milliseconds.
 * @throws `UsageError` for an instant out of range, an `n` that is not whole, or a result out
 *   of range.
 * @category Time
 */
export function addCalendarDays(calendar: CalendarLike, start: number, n: number): number {
  checkInstant('start', start);
  if (!Number.isSafeInteger(n)) {
    throw new UsageError(`n must be a whole number of days, received ${shown(n)}.`, [
      { path: ['n'], message: 'not a whole number' },
    ]);
  }
  const { zone } = engineOf(calendar);
  if (Math.abs(n) > (2 * MAX_INSTANT) / DAY + 1) outOfRange('The day');
  const local = start + zone.offsetAt(start) + n * DAY;
  if (Math.abs(local) > MAX_INSTANT + DAY) outOfRange('The day');
  const result = instantOfLocal(zone, local, 'earlier');
  if (Math.abs(result) > MAX_INSTANT) outOfRange('The day');
  return result;
}
