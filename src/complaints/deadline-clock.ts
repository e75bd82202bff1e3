/**
 * @internal Turns the `calendar` option of the complaint case (a {@link DeadlineCalendar} or a
 * business calendar from `src/time`) into one function that adds a {@link DeadlineSpan} to an
 * instant, and the working-time calendar SLA clocks run on.
 *
 * @module
 */
import { UsageError } from '../core/errors.js';
import { engineOf } from '../time/compile.js';
import {
  addCalendarDays,
  addWorkingDays,
  addWorkingTime,
  alwaysOpen,
  type CalendarLike,
  compileCalendar,
} from '../time/index.js';
import {
  type DeadlineCalendar,
  type DeadlineSpan,
  durationToMs,
  utcCalendar,
} from './deadlines.js';

const DAY = 86_400_000;

/** @internal What the machine uses to date its deadlines. */
export interface DeadlineClock {
  /** The calendar's name, for diagnostics. */
  readonly name: string;
  /** The instant `span` after `start`. */
  add(start: number, span: DeadlineSpan): number;
  /**
   * The calendar SLA clocks count on, when the case has one (a business calendar). A function:
   * only a case with SLA policies asks, so the others never compile the 24/7 calendar.
   */
  working(): CalendarLike | undefined;
}

/** @internal Year, month (1–12) and day of a day number (days since 1970-01-01). */
function civilOfDay(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** @internal The day number of a civil date (month 1–12). */
function dayOfCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** @internal How many calendar days from the local date `day` to the same date `months` later. */
export function daysToSameDateIn(day: number, months: number): number {
  const [y, m, d] = civilOfDay(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = dayOfCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
  const lastDate = civilOfDay(last)[2];
  return dayOfCivil(year, month, Math.min(d, lastDate)) - day;
}

const isCalendarLike = (value: unknown): value is CalendarLike =>
  typeof value === 'object' &&
  value !== null &&
  ((value as { kind?: unknown }).kind === 'CompiledCalendar' ||
    ('timeZone' in value && 'week' in value));

/** @internal The deadline clock of a checked `calendar` option (a compiled calendar or a DeadlineCalendar). */
export function deadlineClock(calendar: DeadlineCalendar | CalendarLike): DeadlineClock {
  if (isCalendarLike(calendar)) {
    const compiled = calendar;
    return {
      name: `business-calendar(${engineOf(compiled).calendar.timeZone})`,
      working: () => compiled,
      add(start, span) {
        if (typeof span === 'number') return addWorkingTime(compiled, start, span);
        if ('workingDays' in span) return addWorkingDays(compiled, start, span.workingDays);
        if ('calendarDays' in span) return addCalendarDays(compiled, start, span.calendarDays);
        if ('weeks' in span) return addCalendarDays(compiled, start, 7 * span.weeks);
        if ('months' in span) {
          const local = start + engineOf(compiled).zone.offsetAt(start);
          const days = daysToSameDateIn(Math.floor(local / DAY), span.months);
          return addCalendarDays(compiled, start, days);
        }
        return addWorkingTime(compiled, start, durationToMs(span));
      },
    };
  }
  const custom = calendar;
  const checked = (end: number): number => {
    if (!Number.isSafeInteger(end)) {
      throw new UsageError(
        `Calendar '${custom.name}' returned a deadline that is not an integer instant.`,
        [{ path: ['calendar'], message: 'not an integer instant' }],
      );
    }
    return end;
  };
  return {
    name: custom.name,
    working: () => (custom === utcCalendar ? compileCalendar(alwaysOpen) : undefined),
    add(start, span) {
      if (typeof span === 'number') return checked(custom.addWorkingTime(start, span));
      if ('workingDays' in span) {
        return checked(
          typeof custom.addWorkingDays === 'function'
            ? custom.addWorkingDays(start, span.workingDays)
            : custom.addWorkingTime(start, { days: span.workingDays }),
        );
      }
      if ('calendarDays' in span) return start + span.calendarDays * DAY;
      if ('weeks' in span) return start + 7 * span.weeks * DAY;
      if ('months' in span) {
        return start + daysToSameDateIn(Math.floor(start / DAY), span.months) * DAY;
      }
      return checked(custom.addWorkingTime(start, span));
    },
  };
}
