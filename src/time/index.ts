/**
 * Time: business calendars as plain JSON data (an IANA zone, working hours per weekday, holidays),
 * working-time arithmetic built on `Intl` alone and correct across daylight-saving changes, and
 * working-time clocks that pause and resume. The foundation for deadlines and periods in the
 * domain modules; it knows nothing about them.
 *
 * Conventions: instants are integer epoch milliseconds within ±8.64e15, durations are whole
 * milliseconds. Nothing reads the current time: `now` is always an argument. Misuse (an instant
 * out of range, an invalid calendar) throws a `UsageError`; clock operations out of order are
 * returned as refusals.
 *
 * @module servicecraft/time
 */
export {
  addWorkingTime,
  isWorkingAt,
  nextWorkingInstant,
  workingTimeBetween,
} from './arithmetic.js';
export {
  alwaysOpen,
  type BusinessCalendar,
  type BusinessCalendarInput,
  businessCalendar,
  businessCalendarSchema,
  type Holiday,
  type HolidayRange,
  type Weekday,
  type WeeklyHours,
  type WorkingHours,
} from './calendar.js';
export {
  type ClockFailure,
  type ClockOptions,
  type ClockRefusalCode,
  type ClockResult,
  type ClockState,
  type ClockStatus,
  type ClockSuccess,
  clockBreachAt,
  clockElapsed,
  clockRefusalCodes,
  clockSchema,
  clockStatus,
  clockWarningAt,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type WorkingClock,
} from './clock.js';
export { type CalendarLike, type CompiledCalendar, compileCalendar } from './compile.js';
export {
  addCalendarDays,
  addWorkingDays,
  type WorkingDayPosition,
  type WorkingDaysOptions,
} from './days.js';
