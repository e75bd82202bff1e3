import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isServicecraftError } from '../../src/core/errors.js';
import {
  addCalendarDays,
  addWorkingDays,
  compileCalendar,
  type WeeklyHours,
  type WorkingHours,
} from '../../src/time/index.js';
import { at, wall } from './reference.js';

const weekdays = (...hours: WorkingHours[]): WeeklyHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
});
const london = compileCalendar({
  timeZone: 'Europe/London',
  week: weekdays(['09:00', '17:00']),
  holidays: ['2026-12-25', '2026-12-28'],
});
const days = (from: string, n: number, options?: Parameters<typeof addWorkingDays>[3]) =>
  wall('Europe/London', addWorkingDays(london, at('Europe/London', from), n, options));

describe('addWorkingDays', () => {
  it('regression: 5 working days after Friday 6 March 2026 09:00 is Friday 13 March', () => {
    const friday = at('Europe/London', '2026-03-06T09:00');
    expect(friday).toBe(Date.UTC(2026, 2, 6, 9));
    expect(addWorkingDays(london, friday, 5)).toBe(Date.UTC(2026, 2, 13, 17));
    expect(addWorkingDays(london, friday, 5, { at: 'sameTime' })).toBe(Date.UTC(2026, 2, 13, 9));
    // whereas 10 calendar days is Monday 16 March
    expect(addCalendarDays(london, friday, 10)).toBe(Date.UTC(2026, 2, 16, 9));
  });

  it('never counts the start’s own date, whatever the hour or the day', () => {
    expect(days('2026-03-06T20:00', 5)).toBe('2026-03-13T17:00');
    expect(days('2026-03-06T00:00', 1)).toBe('2026-03-09T17:00');
    expect(days('2026-03-07T10:00', 5)).toBe('2026-03-13T17:00'); // from a Saturday
    expect(days('2026-03-07T10:00', 1, { at: 'sameTime' })).toBe('2026-03-09T10:00');
  });

  it('skips holidays', () => {
    expect(days('2026-12-23T11:00', 3)).toBe('2026-12-30T17:00');
    expect(days('2026-12-24T11:00', 1, { at: 'sameTime' })).toBe('2026-12-29T11:00');
  });

  it('keeps the wall-clock time across the change to summer time', () => {
    expect(addWorkingDays(london, Date.UTC(2026, 2, 27, 9), 1, { at: 'sameTime' })).toBe(
      Date.UTC(2026, 2, 30, 8),
    );
    expect(addWorkingDays(london, Date.UTC(2026, 2, 27, 9), 1)).toBe(Date.UTC(2026, 2, 30, 16));
  });

  it('ends a night shift’s working day the next morning', () => {
    const nights = compileCalendar({ timeZone: 'UTC', week: { fri: [['22:00', '06:00']] } });
    expect(addWorkingDays(nights, Date.UTC(2026, 2, 2), 2)).toBe(Date.UTC(2026, 2, 14, 6));
  });

  it('resolves missing and repeated wall-clock times', () => {
    const sundays = compileCalendar({
      timeZone: 'Europe/London',
      week: { sun: [['00:00', '01:30']], sat: [['09:00', '10:00']] },
    });
    // Sunday 29 March: 01:30 does not exist; the day ends at the end of the gap (01:00 UTC).
    expect(addWorkingDays(sundays, Date.UTC(2026, 2, 28, 9), 1)).toBe(Date.UTC(2026, 2, 29, 1));
    // Saturday 01:30 + 1 working day, same time: 01:30 on the 29th does not exist either.
    expect(addWorkingDays(sundays, Date.UTC(2026, 2, 28, 1, 30), 1, { at: 'sameTime' })).toBe(
      Date.UTC(2026, 2, 29, 1),
    );
    // Sunday 25 October: 01:30 happens twice; the working day ends at the later one (GMT) ...
    expect(addWorkingDays(sundays, Date.UTC(2026, 9, 24, 9), 1)).toBe(Date.UTC(2026, 9, 25, 1, 30));
    // ... and 'sameTime' reads it as the earlier (BST).
    expect(addWorkingDays(sundays, Date.UTC(2026, 9, 24, 0, 30), 1, { at: 'sameTime' })).toBe(
      Date.UTC(2026, 9, 25, 0, 30),
    );
  });

  it('returns the start for n = 0 and throws a UsageError for bad arguments', () => {
    expect(addWorkingDays(london, 123, 0)).toBe(123);
    for (const call of [
      () => addWorkingDays(london, 0, -1),
      () => addWorkingDays(london, 0, 1.5),
      () => addWorkingDays(london, 0, 1, { at: 'noon' as never }),
      () => addWorkingDays(london, Number.NaN, 1),
      () => addWorkingDays(london, 8.64e15 - 1000, 10),
    ]) {
      expect(() => call()).toThrow();
      try {
        call();
      } catch (error) {
        expect(isServicecraftError(error, 'UsageError')).toBe(true);
      }
    }
  });

  it('agrees with stepping local dates in luxon (office hours, varied zones and holidays)', () => {
    const zones = ['Europe/London', 'Australia/Sydney', 'America/Santiago', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: 1, max: 60 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 90 }), { maxLength: 8 }),
        (zone, start, n, offsets) => {
          const first = DateTime.fromMillis(start, { zone }).startOf('day');
          const holidays = offsets.map((k) => first.plus({ days: k }).toISODate() as string);
          const calendar = compileCalendar({
            timeZone: zone,
            week: weekdays(['09:00', '17:00']),
            holidays,
          });
          let day = first;
          for (let count = 0; count < n; ) {
            day = day.plus({ days: 1 });
            if (day.weekday <= 5 && !holidays.includes(day.toISODate() as string)) count += 1;
          }
          expect(addWorkingDays(calendar, start, n)).toBe(day.set({ hour: 17 }).toMillis());
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('addCalendarDays', () => {
  it('keeps the wall-clock time, forwards and back, across clock changes', () => {
    const c = compileCalendar({ timeZone: 'Australia/Sydney', week: weekdays(['09:00', '17:00']) });
    const start = at('Australia/Sydney', '2026-04-03T09:00');
    expect(wall('Australia/Sydney', addCalendarDays(c, start, 3))).toBe('2026-04-06T09:00');
    expect(addCalendarDays(c, start, 3) - start).toBe(3 * 86_400_000 + 3_600_000);
    expect(wall('Australia/Sydney', addCalendarDays(c, start, -200))).toBe('2025-09-15T09:00');
    expect(addCalendarDays(c, start, 0)).toBe(start);
  });

  it('moves a missing time to the end of the gap and reads a repeated one as the earlier', () => {
    const c = compileCalendar({ timeZone: 'Europe/London', week: weekdays(['09:00', '17:00']) });
    expect(addCalendarDays(c, Date.UTC(2026, 2, 28, 1, 30), 1)).toBe(Date.UTC(2026, 2, 29, 1));
    expect(addCalendarDays(c, Date.UTC(2026, 9, 24, 0, 30), 1)).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('throws a UsageError for a fractional n or a result out of range', () => {
    const c = compileCalendar({ timeZone: 'UTC', week: weekdays(['09:00', '17:00']) });
    expect(() => addCalendarDays(c, 0, 0.5)).toThrow(/whole number of days/);
    expect(() => addCalendarDays(c, 8.64e15, 1)).toThrow(/outside the supported range/);
  });
});
