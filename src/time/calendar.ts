/**
 * Business calendars as plain data: an IANA time zone, working hours for each weekday and
 * holidays. A calendar is JSON, so it can live in configuration or inside a snapshot; the
 * arithmetic in `arithmetic.ts` reads it.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError, type UsageError } from '../core/errors.js';
import { dayOfIsoDate, deepFreeze } from './internal.js';
import { planWeek, weekdays } from './plan.js';

/**
 * A weekday key, Monday first: `'mon'`, `'tue'`, ... `'sun'`.
 *
 * @example
 * ```ts
 * import type { Weekday } from 'servicecraft/time';
 *
 * const weekend: Weekday[] = ['sat', 'sun'];
 * ```
 *
 * @category Time
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * One working interval of a day as local wall-clock times `[from, to]`, each `"HH:MM"` (`to` may
 * be `"24:00"`). The interval includes `from` and ends just before `to`. When `to` is not after
 * `from` the interval is an overnight shift that ends at `to` on the next day: `["22:00", "06:00"]`
 * runs from 22:00 until 06:00 the morning after.
 *
 * @example
 * ```ts
 * import type { WorkingHours } from 'servicecraft/time';
 *
 * const morning: WorkingHours = ['09:00', '12:30'];
 * const night: WorkingHours = ['22:00', '06:00']; // until 06:00 the next day
 * const wholeDay: WorkingHours = ['00:00', '24:00'];
 * ```
 *
 * @category Time
 */
export type WorkingHours = readonly [from: string, to: string];

/**
 * Working intervals for each weekday. A missing weekday, or an empty list, is a day off.
 * Intervals must not overlap, also not across midnight (an overnight shift and the next day's
 * early intervals).
 *
 * @example
 * ```ts
 * import type { WeeklyHours, WorkingHours } from 'servicecraft/time';
 *
 * const day: WorkingHours[] = [['09:00', '12:30'], ['13:30', '17:00']];
 * const week: WeeklyHours = { mon: day, tue: day, wed: day, thu: day, fri: [['09:00', '15:00']] };
 * ```
 *
 * @category Time
 */
export type WeeklyHours = { readonly [D in Weekday]?: readonly WorkingHours[] | undefined };

/**
 * Holiday dates, both included, as ISO dates in the calendar's zone.
 *
 * @example
 * ```ts
 * import type { HolidayRange } from 'servicecraft/time';
 *
 * const closure: HolidayRange = { from: '2026-12-24', to: '2027-01-01' };
 * ```
 *
 * @category Time
 */
export interface HolidayRange {
  /** First day off, `"YYYY-MM-DD"`. */
  readonly from: string;
  /** Last day off, `"YYYY-MM-DD"` (not before `from`). */
  readonly to: string;
}

/**
 * A day off: one ISO date `"YYYY-MM-DD"`, or a range of dates.
 *
 * @example
 * ```ts
 * import type { Holiday } from 'servicecraft/time';
 *
 * const holidays: Holiday[] = ['2026-05-01', { from: '2026-08-10', to: '2026-08-14' }];
 * ```
 *
 * @category Time
 */
export type Holiday = string | HolidayRange;

/**
 * A business calendar as plain, frozen JSON data. Make one with {@link businessCalendar}, check
 * a stored one with {@link businessCalendarSchema}.
 *
 * A holiday cancels every interval that **starts** on that date, including the part of an
 * overnight shift after midnight; a shift that started the evening before still runs.
 *
 * @example
 * ```ts
 * import { businessCalendar } from 'servicecraft/time';
 *
 * const calendar = businessCalendar({ timeZone: 'Asia/Tokyo', week: { mon: [['09:00', '18:00']] } });
 * calendar.holidays; // []
 * ```
 *
 * @category Time
 */
export interface BusinessCalendar {
  /** An IANA time zone such as `"Europe/London"`; the hours and holidays are read in it. */
  readonly timeZone: string;
  /** Working intervals per weekday. */
  readonly week: WeeklyHours;
  /** Days off. */
  readonly holidays: readonly Holiday[];
}

/**
 * What {@link businessCalendar} takes: a {@link BusinessCalendar} whose `holidays` may be left out.
 *
 * @example
 * ```ts
 * import { type BusinessCalendarInput, businessCalendar } from 'servicecraft/time';
 *
 * const input: BusinessCalendarInput = { timeZone: 'UTC', week: { sat: [['10:00', '14:00']] } };
 * businessCalendar(input);
 * ```
 *
 * @category Time
 */
export interface BusinessCalendarInput {
  /** An IANA time zone such as `"Europe/London"`. */
  readonly timeZone: string;
  /** Working intervals per weekday. */
  readonly week: WeeklyHours;
  /** Days off (default: none). */
  readonly holidays?: readonly Holiday[] | undefined;
}

const clockTime = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const endTime = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const zoneMessage = 'Expected an IANA time zone known to Intl';

/** Whether Intl knows the zone. */
function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the shape and the weekly checks, without the time-zone check (which costs an Intl
 * formatter). Building zod schemas is the costliest part of importing the package, so this runs
 * only on the first parse (through `z.lazy`), never at import.
 */
function buildShapeSchema() {
  const isoDate = z.string().refine((text) => dayOfIsoDate(text) !== undefined, {
    message: 'Expected a date "YYYY-MM-DD"',
  });
  const hoursSchema = z.tuple([
    z.string().regex(clockTime, { message: 'Expected a time "HH:MM" from 00:00 to 23:59' }),
    z.string().regex(endTime, { message: 'Expected a time "HH:MM" from 00:00 to 24:00' }),
  ]);
  const holidaySchema = z.union([
    isoDate,
    z
      .strictObject({ from: isoDate, to: isoDate })
      .refine((r) => (dayOfIsoDate(r.from) ?? 0) <= (dayOfIsoDate(r.to) ?? 0), {
        message: 'The range ends before it starts',
        path: ['to'],
      }),
  ]);
  // One schema for every day: zod schemas are immutable, so sharing it changes nothing.
  const daySchema = z.array(hoursSchema).max(48).optional();
  return z
    .strictObject({
      timeZone: z.string().min(1).max(100),
      week: z.strictObject(Object.fromEntries(weekdays.map((day) => [day, daySchema]))),
      holidays: z.array(holidaySchema).max(100_000).default([]),
    })
    .superRefine((value, context) => {
      const { plans, problems } = planWeek(value.week as WeeklyHours);
      for (const problem of problems) {
        context.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
      }
      if (problems.length === 0 && plans.every((plan) => plan.total === 0)) {
        context.addIssue({
          code: 'custom',
          path: ['week'],
          message: 'The week has no working time: give at least one interval',
        });
      }
    });
}

/** The shape and the weekly checks, built on first use, for callers that check the zone. */
const shapeSchema = z.lazy(buildShapeSchema);

/**
 * The zod schema of a {@link BusinessCalendar}. Besides the shape it checks that the time zone is
 * known to `Intl`, that no two intervals overlap (also across midnight), that the week has some
 * working time, and that every holiday is a real date. Use it in a context schema to keep a
 * calendar inside a snapshot, or to check configuration. Its zod parts are built on its first
 * parse, so importing the package stays cheap.
 *
 * @example
 * ```ts
 * import { businessCalendarSchema } from 'servicecraft/time';
 *
 * businessCalendarSchema.safeParse({
 *   timeZone: 'Europe/Paris',
 *   week: { mon: [['09:00', '17:00']] },
 *   holidays: ['2026-05-01'],
 * }).success; // true
 * businessCalendarSchema.safeParse({ timeZone: 'Mars/Olympus', week: {} }).success; // false
 * ```
 *
 * @category Time
 */
export const businessCalendarSchema: z.ZodType<BusinessCalendar, BusinessCalendarInput> = z.lazy(
  () =>
    buildShapeSchema().superRefine((value, context) => {
      if (!knownZone(value.timeZone)) {
        context.addIssue({ code: 'custom', path: ['timeZone'], message: zoneMessage });
      }
    }),
) as unknown as z.ZodType<BusinessCalendar, BusinessCalendarInput>;

/**
 * @internal Checks calendar input like {@link businessCalendar}, except the time zone, which the
 * caller checks by building its formatter (`zoneError` makes the error). Returns frozen data.
 */
export function calendarData(input: BusinessCalendarInput, what: string): BusinessCalendar {
  const parsed = shapeSchema.safeParse(input);
  if (!parsed.success) throw optionsError(what, parsed.error.issues);
  return deepFreeze(parsed.data as BusinessCalendar);
}

/** @internal The error for a time zone that Intl does not know. */
export function zoneError(what: string, timeZone: string): UsageError {
  return optionsError(what, [
    { code: 'custom', path: ['timeZone'], message: zoneMessage, input: timeZone },
  ]);
}

/**
 * Makes a {@link BusinessCalendar}: checks the input with {@link businessCalendarSchema} and
 * returns a frozen copy, plain JSON.
 *
 * Holidays are local dates. To take them from a holiday library such as `date-holidays`, map its
 * entries to ISO dates: each entry's `date` is `"YYYY-MM-DD hh:mm:ss"` in the country's zone, so
 * its first ten characters are the date; keep the `type`s that close the business (usually
 * `'public'`, sometimes `'bank'`). Substitute days come as entries of their own. Regenerate the
 * list for the years you need; the calendar never computes holidays itself.
 *
 * @example
 * ```ts
 * import { businessCalendar } from 'servicecraft/time';
 *
 * // Entries shaped like the output of date-holidays' `new Holidays('GB', 'ENG').getHolidays(2026)`.
 * const entries = [
 *   { date: '2026-12-25 00:00:00', type: 'public', name: 'Christmas Day' },
 *   { date: '2026-12-28 00:00:00', type: 'public', name: 'Boxing Day (substitute day)' },
 *   { date: '2026-12-24 00:00:00', type: 'observance', name: 'Christmas Eve' },
 * ];
 * const office = businessCalendar({
 *   timeZone: 'Europe/London',
 *   week: {
 *     mon: [['09:00', '12:30'], ['13:30', '17:00']],
 *     tue: [['09:00', '17:00']],
 *     wed: [['09:00', '17:00']],
 *     thu: [['09:00', '17:00']],
 *     fri: [['09:00', '16:00']],
 *     sat: [['22:00', '06:00']], // a night shift into Sunday
 *   },
 *   holidays: [
 *     ...entries.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
 *     { from: '2026-08-10', to: '2026-08-21' }, // summer closure
 *   ],
 * });
 * JSON.stringify(office).length > 0; // plain data
 * ```
 *
 * @param input - Time zone, weekly hours and holidays.
 * @returns The calendar, frozen.
 * @throws `UsageError` listing every problem when the input is not a valid calendar (check with
 *   `isServicecraftError(error, 'UsageError')`).
 * @category Time
 */
export function businessCalendar(input: BusinessCalendarInput): BusinessCalendar {
  const parsed = businessCalendarSchema.safeParse(input);
  if (!parsed.success) throw optionsError('businessCalendar', parsed.error.issues);
  return deepFreeze(parsed.data);
}

const wholeDay: readonly WorkingHours[] = [['00:00', '24:00']];

/**
 * The calendar in which every instant is working time: every day from 00:00 to 24:00 in UTC, no
 * holidays. With it, working time is elapsed time.
 *
 * @example
 * ```ts
 * import { addWorkingTime, alwaysOpen } from 'servicecraft/time';
 *
 * addWorkingTime(alwaysOpen, Date.UTC(2026, 0, 1), 90 * 60_000) === Date.UTC(2026, 0, 1, 1, 30); // true
 * ```
 *
 * @category Time
 */
export const alwaysOpen: BusinessCalendar = deepFreeze({
  timeZone: 'UTC',
  week: Object.fromEntries(weekdays.map((day) => [day, wholeDay])) as WeeklyHours,
  holidays: [],
});

/** @internal Holidays as day-number ranges `[first, last]`, unsorted. */
export function holidayDays(holidays: readonly Holiday[]): [number, number][] {
  return holidays.map((h) => {
    const first = dayOfIsoDate(typeof h === 'string' ? h : h.from) ?? 0;
    const last = typeof h === 'string' ? first : (dayOfIsoDate(h.to) ?? first);
    return [first, last];
  });
}
