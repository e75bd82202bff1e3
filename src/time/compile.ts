/**
 * Compiled calendars: the working form of a {@link BusinessCalendar}, built once and reused. It
 * holds what the arithmetic needs and JSON cannot: the zone's `Intl` formatter and what it has
 * learned about the zone's offsets, and tables of the working week and holidays.
 *
 * @module
 */
import { UsageError } from '../core/errors.js';
import {
  type BusinessCalendar,
  type BusinessCalendarInput,
  calendarData,
  holidayDays,
  type WeeklyHours,
  zoneError,
} from './calendar.js';
import { DAY } from './internal.js';
import { type LocalPlan, localPlan, mergeRanges, planWeek, workedBefore } from './plan.js';
import { type ZoneOffsets, zoneOffsets } from './zone.js';

/**
 * The working form of a {@link BusinessCalendar}, made by {@link compileCalendar}. Not JSON: keep
 * the calendar's data in snapshots and configuration, and keep a compiled calendar in memory
 * (for example, built once when a machine or a service starts).
 *
 * It keeps the zone's offsets as it learns them (each stretch of about 99 days costs some tens of
 * `Intl` calls the first time it is used, nothing after). Only the years 1600 to 2600 are ever read:
 * earlier, every zone keeps its local mean time, and later, the zone's yearly rule repeats every
 * 400 years, so a call that reaches thousands of years costs no more than one that reaches 2600.
 * This changes how fast answers come, never what they are.
 *
 * @example
 * ```ts
 * import { alwaysOpen, type CompiledCalendar, compileCalendar } from 'servicecraft/time';
 *
 * const compiled: CompiledCalendar = compileCalendar(alwaysOpen);
 * compiled.calendar === alwaysOpen; // false: a checked copy of the same data
 * ```
 *
 * @category Time
 */
export interface CompiledCalendar {
  /** Always `'CompiledCalendar'`. */
  readonly kind: 'CompiledCalendar';
  /** The calendar it was built from. */
  readonly calendar: BusinessCalendar;
}

/**
 * What the time functions accept as a calendar: the data, or its compiled form. Data is compiled
 * on every call, which costs far more than the arithmetic: compile once for repeated use.
 *
 * @example
 * ```ts
 * import { alwaysOpen, type CalendarLike, compileCalendar, isWorkingAt } from 'servicecraft/time';
 *
 * const calendars: CalendarLike[] = [alwaysOpen, compileCalendar(alwaysOpen)];
 * calendars.every((c) => isWorkingAt(c, 0)); // true
 * ```
 *
 * @category Time
 */
export type CalendarLike = BusinessCalendar | CompiledCalendar;

/** @internal What a compiled calendar holds besides its public fields. */
export interface Engine extends CompiledCalendar {
  readonly zone: ZoneOffsets;
  readonly plan: LocalPlan;
}

/**
 * Builds the working form of a calendar: checks the data (as {@link businessCalendar} does) and
 * prepares the tables and the time-zone formatter the arithmetic uses. Every time function also
 * accepts the plain data, but then compiles it on each call; compile once for repeated use.
 *
 * @example
 * ```ts
 * import { addWorkingTime, businessCalendar, compileCalendar } from 'servicecraft/time';
 *
 * const data = businessCalendar({
 *   timeZone: 'America/New_York',
 *   week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']] },
 * });
 * const calendar = compileCalendar(data);
 * const due = addWorkingTime(calendar, Date.UTC(2026, 2, 9, 14), 4 * 3_600_000);
 * new Date(due).toISOString(); // '2026-03-09T18:00:00.000Z' (14:00 in New York, EDT)
 * ```
 *
 * @param calendar - A calendar (data), or calendar input to check.
 * @returns The compiled calendar (frozen).
 * @throws `UsageError` when the data is not a valid calendar.
 * @category Time
 */
export function compileCalendar(calendar: BusinessCalendarInput): CompiledCalendar {
  const data = calendarData(calendar, 'compileCalendar');
  const { plans } = planWeek(data.week as WeeklyHours);
  const holidays = mergeRanges(holidayDays(data.holidays));
  const plan = localPlan(plans, holidays);
  const lastHoliday = holidays[holidays.length - 1]?.[1];
  let zone: ZoneOffsets;
  try {
    zone = zoneOffsets(data.timeZone, {
      // Each offset change is kept with the working time it skips or repeats.
      note: (at, before, after) => workedBefore(plan, at + after) - workedBefore(plan, at + before),
      // That working time depends on the days around the change. A few days after the last
      // holiday only the weekly hours matter, and they repeat every 400 years (whole weeks).
      regularFrom: lastHoliday === undefined ? Number.NEGATIVE_INFINITY : (lastHoliday + 4) * DAY,
    });
  } catch (error) {
    if (error instanceof RangeError) throw zoneError('compileCalendar', data.timeZone);
    throw error;
  }
  const engine: Engine = { kind: 'CompiledCalendar', calendar: data, zone, plan };
  return Object.freeze(engine);
}

/** @internal The engine of a calendar, compiling data on the way. */
export function engineOf(calendar: CalendarLike): Engine {
  if ((calendar as Partial<CompiledCalendar> | null)?.kind === 'CompiledCalendar') {
    const engine = calendar as Engine;
    if (typeof engine.zone?.offsetAt === 'function' && typeof engine.plan === 'object')
      return engine;
    throw new UsageError(
      'The value has kind "CompiledCalendar" but was not made by compileCalendar.',
      [{ path: ['calendar'], message: 'not a compiled calendar' }],
    );
  }
  return compileCalendar(calendar as BusinessCalendar) as Engine;
}

/**
 * @internal The instant at which local wall time reads `L`. When it reads `L` twice (a fall-back
 * overlap), `prefer` picks the earlier or the later; when never (a spring-forward gap), the answer
 * is the first instant after the gap.
 */
export function instantOfLocal(zone: ZoneOffsets, L: number, prefer: 'earlier' | 'later'): number {
  const end = L + DAY;
  let from = L - DAY;
  let offset = zone.offsetAt(from);
  let found: number | undefined;
  let gap: number | undefined;
  for (;;) {
    const change = zone.firstChangeIn(from, end) ?? end;
    const candidate = L - offset;
    if (candidate >= from && candidate < change) {
      if (prefer === 'earlier') return candidate;
      found = candidate;
    }
    if (change === end) break;
    const next = zone.offsetAt(change);
    if (next > offset && L >= change + offset && L < change + next) gap = change;
    from = change;
    offset = next;
  }
  return found ?? gap ?? L - zone.offsetAt(L);
}
