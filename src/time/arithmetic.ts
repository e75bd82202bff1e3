/**
 * Working-time arithmetic on epoch-millisecond instants, for any {@link CalendarLike}.
 *
 * An instant is working time when its local wall-clock time in the calendar's zone lies inside a
 * working interval (of a day that is not a holiday). Everything else follows from that one rule:
 * - spring forward: local times in the gap never happen, so an interval edge that falls in the gap
 *   moves forward to the first instant after it, and the lost hour is not counted;
 * - fall back: local times in the repeated hour happen twice, and working time counts real elapsed
 *   time, so a working repeated hour counts twice.
 *
 * Cost: the local side is pure integer arithmetic (whole weeks at once, holidays by binary search),
 * and the zone's changes are kept in sorted lists with running sums (see `zone.ts`), so a call
 * costs about the same for a span of an hour or of millennia. A daylight-saving change costs a small
 * constant only when it skips or repeats working time (a shift across the change); past a few such
 * changes, `addWorkingTime` bisects on the working time counted instead of stepping through them.
 *
 * @module
 */
import { type CalendarLike, type Engine, engineOf } from './compile.js';
import { checkAmount, checkInstant, DAY, MAX_INSTANT, outOfRange, WEEK } from './internal.js';
import {
  isWorkingLocal,
  type LocalPlan,
  nextWorkingLocal,
  reachWorked,
  workedBefore,
} from './plan.js';
import type { ZoneOffsets } from './zone.js';

/**
 * The instant reached after `ms` milliseconds of working time from `start`: the earliest instant
 * `t` with `workingTimeBetween(calendar, start, t) === ms`. When the time runs out exactly at the
 * end of an interval, that end is returned (17:00, not the next morning). `ms = 0` returns `start`.
 *
 * @example
 * ```ts
 * import { addWorkingTime, businessCalendar } from 'servicecraft/time';
 *
 * const office = businessCalendar({
 *   timeZone: 'Europe/London',
 *   week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
 * });
 * // Monday 2 March 2026, 16:00 (GMT) + 2 working hours = Tuesday 10:00.
 * const due = addWorkingTime(office, Date.UTC(2026, 2, 2, 16), 2 * 3_600_000);
 * new Date(due).toISOString(); // '2026-03-03T10:00:00.000Z'
 * ```
 *
 * @param calendar - The calendar (compile it with {@link compileCalendar} for repeated use).
 * @param start - An integer instant in epoch milliseconds, within ±8.64e15.
 * @param ms - Working time to add: a whole, non-negative number of milliseconds.
 * @returns The instant in epoch milliseconds.
 * @throws `UsageError` for an instant or duration out of range or not whole, or when the result
 *   falls past 8.64e15.
 * @category Time
 */
export function addWorkingTime(calendar: CalendarLike, start: number, ms: number): number {
  checkInstant('start', start);
  checkAmount('ms', ms, 'milliseconds');
  const found = workingTimeReach(engineOf(calendar), start, ms);
  if (found === undefined) outOfRange('The instant after adding the working time');
  return found;
}

/**
 * @internal {@link addWorkingTime} on checked arguments, with `undefined` for an answer after
 * 8.64e15 instead of an error.
 */
export function workingTimeReach(engine: Engine, start: number, ms: number): number | undefined {
  const { zone, plan } = engine;
  if (ms === 0) return start;
  // Working time never exceeds elapsed time, so the answer is at least start + ms.
  if (start + ms > MAX_INSTANT) return undefined;
  // Aim at a point of the local working line. Only clock changes that skip or repeat working time
  // move the aim; the others just change which instant shows that point.
  let t = start;
  let offset = zone.offsetAt(t);
  let goal = workedBefore(plan, t + offset) + ms;
  for (let step = 0; step < STEPS; step++) {
    const local = reachWorked(plan, goal);
    if (local - DAY > MAX_INSTANT) return undefined;
    const noted = zone.firstNotedChangeIn(t, local + DAY);
    const end = reach(zone, local, t, offset);
    if (noted === undefined || end < noted) return end > MAX_INSTANT ? undefined : end;
    goal += zone.noteAt(noted);
    t = noted;
    offset = zone.offsetAt(t);
  }
  // Many changes on the way skip or repeat working time (a 24/7 calendar or night shifts, over
  // years): search for the answer instead of stepping through them one by one.
  return earliestReaching(zone, plan, start, t, ms, MAX_INSTANT);
}

/**
 * How many clock changes that skip or repeat working time `addWorkingTime` steps through (and
 * `nextWorkingInstant` how many changes) before it searches for the answer instead.
 */
const STEPS = 8;

/**
 * The earliest instant `u` in `(start, limit]` with `forward(start, u) >= ms` (`ms >= 1`), looking
 * from `from` on (`start <= from`), or `undefined` when there is none. Working time counted from
 * `start` grows by 0 or 1 each millisecond, also across a clock change (the change's note is
 * exactly the working time it skips or repeats), so it can be bisected; the bracket is found by
 * doubling steps from `from`. Each step costs a few binary searches, so the whole search costs
 * about the same for a span of a year or of millennia.
 */
function earliestReaching(
  zone: ZoneOffsets,
  plan: LocalPlan,
  start: number,
  from: number,
  ms: number,
  limit: number,
): number | undefined {
  let lo = start;
  let hi = Math.min(from, limit);
  if (forward(zone, plan, start, hi) < ms) {
    for (let width = Math.max(WEEK, hi - start); ; width *= 2) {
      if (hi === limit) return undefined;
      lo = hi;
      hi = Math.min(lo + width, limit);
      if (forward(zone, plan, start, hi) >= ms) break;
    }
  }
  // forward(start, lo) < ms <= forward(start, hi)
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (forward(zone, plan, start, mid) >= ms) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The first instant at or after `t` (whose offset is `offsetAtT`) at which local time has reached
 * `L`, going through the offsets one after the other: on a stretch with offset `o` that is
 * `L - o`, or the start of the stretch when it begins past that (the end of a spring-forward gap).
 * No offset reaches a day, so the stretches from `L - DAY` to `L + DAY` are enough.
 */
function reach(zone: ZoneOffsets, L: number, t: number, offsetAtT: number): number {
  let from = t;
  let offset = offsetAtT;
  if (L - DAY > t) {
    from = L - DAY;
    offset = zone.offsetAt(from);
  }
  for (;;) {
    const change = zone.firstChangeIn(from, L + DAY) ?? L + DAY;
    const at = Math.max(from, L - offset);
    if (at < change) return at;
    from = change;
    offset = zone.offsetAt(change);
  }
}

/**
 * The working time between two instants, in milliseconds: positive when `b` is after `a`,
 * negative when before.
 *
 * @example
 * ```ts
 * import { businessCalendar, workingTimeBetween } from 'servicecraft/time';
 *
 * const office = businessCalendar({
 *   timeZone: 'Asia/Kolkata',
 *   week: { mon: [['09:30', '18:00']], tue: [['09:30', '18:00']] },
 * });
 * // Monday 2 March 2026 from 08:00 to 12:00 in Kolkata (UTC+05:30): 2.5 working hours.
 * workingTimeBetween(office, Date.UTC(2026, 2, 2, 2, 30), Date.UTC(2026, 2, 2, 6, 30)); // 9_000_000
 * ```
 *
 * @param calendar - The calendar.
 * @param a - An integer instant in epoch milliseconds, within ±8.64e15.
 * @param b - Another.
 * @returns Working milliseconds from `a` to `b`.
 * @throws `UsageError` for an instant out of range or not whole.
 * @category Time
 */
export function workingTimeBetween(calendar: CalendarLike, a: number, b: number): number {
  checkInstant('a', a);
  checkInstant('b', b);
  const { zone, plan } = engineOf(calendar);
  if (b >= a) return forward(zone, plan, a, b);
  const back = forward(zone, plan, b, a);
  return back === 0 ? 0 : -back; // never -0
}

function forward(zone: ZoneOffsets, plan: LocalPlan, a: number, b: number): number {
  // Local working time from a to b, less what the clock changes in between skipped or repeated
  // (a change exactly at b counts: the offset read at b is already the new one).
  const local = workedBefore(plan, b + zone.offsetAt(b)) - workedBefore(plan, a + zone.offsetAt(a));
  return local - zone.notesIn(a, b);
}

/**
 * Whether an instant is working time: its local time in the calendar's zone lies inside a working
 * interval (intervals include their start and exclude their end), and the interval's day is not a
 * holiday.
 *
 * @example
 * ```ts
 * import { businessCalendar, isWorkingAt } from 'servicecraft/time';
 *
 * const night = businessCalendar({ timeZone: 'UTC', week: { fri: [['22:00', '06:00']] } });
 * isWorkingAt(night, Date.UTC(2026, 2, 7, 5, 59)); // true: Saturday 05:59, Friday's shift
 * isWorkingAt(night, Date.UTC(2026, 2, 7, 6, 0)); // false: the shift has ended
 * ```
 *
 * @param calendar - The calendar.
 * @param t - An integer instant in epoch milliseconds, within ±8.64e15.
 * @returns `true` when `t` is working time.
 * @throws `UsageError` for an instant out of range or not whole.
 * @category Time
 */
export function isWorkingAt(calendar: CalendarLike, t: number): boolean {
  checkInstant('t', t);
  const { zone, plan } = engineOf(calendar);
  return isWorkingLocal(plan, t + zone.offsetAt(t));
}

/**
 * The first working instant at or after `t`: `t` itself during working time, otherwise the start
 * of the next working interval (moved to the end of a spring-forward gap if it falls inside one).
 *
 * @example
 * ```ts
 * import { businessCalendar, nextWorkingInstant } from 'servicecraft/time';
 *
 * const office = businessCalendar({
 *   timeZone: 'Australia/Sydney',
 *   week: { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
 * });
 * // Saturday 4 April 2026, noon in Sydney: next is Monday 6 April 09:00 (AEST, after the change).
 * const next = nextWorkingInstant(office, Date.UTC(2026, 3, 4, 1));
 * new Date(next).toISOString(); // '2026-04-05T23:00:00.000Z'
 * ```
 *
 * @param calendar - The calendar.
 * @param t - An integer instant in epoch milliseconds, within ±8.64e15.
 * @returns The instant in epoch milliseconds.
 * @throws `UsageError` for an instant out of range or not whole, or when no working time
 *   starts before 8.64e15.
 * @category Time
 */
export function nextWorkingInstant(calendar: CalendarLike, t: number): number {
  checkInstant('t', t);
  const { zone, plan } = engineOf(calendar);
  let at = t;
  for (let step = 0; step < STEPS; step++) {
    const offset = zone.offsetAt(at);
    const local = at + offset;
    if (isWorkingLocal(plan, local)) return at;
    const candidate = nextWorkingLocal(plan, local) - offset;
    if (candidate > MAX_INSTANT) outOfRange('The next working instant');
    // A change at the candidate itself counts: from it on, the local time is another one.
    const change = zone.firstChangeIn(at, candidate + 1);
    if (change === undefined) return candidate;
    at = change;
  }
  // Many clock changes before work resumes (a long closure): the first working instant is the one
  // just before the first millisecond of working time has been counted.
  const found = earliestReaching(zone, plan, at, at, 1, MAX_INSTANT + 1);
  if (found === undefined) outOfRange('The next working instant');
  return found - 1;
}
