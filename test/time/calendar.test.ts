import { describe, expect, it } from 'vitest';
import { isServicecraftError, type UsageError } from '../../src/core/errors.js';
import {
  alwaysOpen,
  type BusinessCalendarInput,
  businessCalendar,
  businessCalendarSchema,
  compileCalendar,
  isWorkingAt,
} from '../../src/time/index.js';

/** The problems of the UsageError that `make` throws (fails when it does not throw one). */
function problemsOf(make: () => unknown): { path: string; message: string }[] {
  try {
    make();
  } catch (error) {
    expect(isServicecraftError(error, 'UsageError')).toBe(true);
    return (error as UsageError).problems.map((p) => ({
      path: p.path.join('.'),
      message: p.message,
    }));
  }
  throw new Error('expected a UsageError');
}

const office: BusinessCalendarInput = {
  timeZone: 'Europe/London',
  week: {
    mon: [
      ['09:00', '12:30'],
      ['13:30', '17:00'],
    ],
    fri: [['09:00', '17:00']],
  },
  holidays: ['2026-12-25', { from: '2026-08-10', to: '2026-08-21' }],
};

describe('businessCalendar', () => {
  it('returns the checked input as frozen JSON data, holidays defaulting to none', () => {
    const calendar = businessCalendar(office);
    expect(calendar).toEqual(office);
    expect(JSON.parse(JSON.stringify(calendar))).toEqual(calendar);
    expect(Object.isFrozen(calendar)).toBe(true);
    expect(Object.isFrozen(calendar.week.mon?.[0])).toBe(true);
    expect(Object.isFrozen(calendar.holidays[1])).toBe(true);
    expect(businessCalendar({ timeZone: 'UTC', week: { sun: [['10:00', '11:00']] } })).toEqual({
      timeZone: 'UTC',
      week: { sun: [['10:00', '11:00']] },
      holidays: [],
    });
  });

  it('round-trips through its schema', () => {
    const calendar = businessCalendar(office);
    expect(businessCalendarSchema.parse(JSON.parse(JSON.stringify(calendar)))).toEqual(calendar);
  });

  it('rejects a time zone that Intl does not know, as a UsageError', () => {
    expect(problemsOf(() => businessCalendar({ ...office, timeZone: 'Europe/Atlantis' }))).toEqual([
      { path: 'timeZone', message: 'Expected an IANA time zone known to Intl' },
    ]);
    expect(problemsOf(() => compileCalendar({ ...office, timeZone: 'Nowhere' }))).toEqual([
      { path: 'timeZone', message: 'Expected an IANA time zone known to Intl' },
    ]);
  });

  it('accepts zones in any form Intl accepts', () => {
    for (const timeZone of ['utc', 'Asia/Calcutta', 'Asia/Kolkata', 'Etc/GMT-14', 'US/Eastern']) {
      expect(() => businessCalendar({ ...office, timeZone })).not.toThrow();
    }
  });

  it('rejects malformed times, empty and overlapping intervals, naming each', () => {
    const problems = problemsOf(() =>
      businessCalendar({
        timeZone: 'UTC',
        week: {
          mon: [
            ['9:00', '17:00'],
            ['10:00', '24:01'],
          ],
          tue: [
            ['09:00', '17:00'],
            ['16:00', '18:00'],
          ],
        },
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['week.mon.0.0', 'week.mon.1.1', 'week.tue.1']);
    expect(
      problemsOf(() =>
        businessCalendar({
          timeZone: 'UTC',
          week: {
            tue: [
              ['09:00', '17:00'],
              ['16:00', '18:00'],
            ],
            wed: [['10:00', '10:00']],
          },
        }),
      ),
    ).toEqual([
      { path: 'week.tue.1', message: 'overlaps interval 0 of the same day' },
      { path: 'week.wed.0', message: '10:00–10:00 is empty: use "00:00"–"24:00" for a whole day' },
    ]);
  });

  it('rejects an overnight shift that runs into the next day’s hours, also Sunday into Monday', () => {
    expect(
      problemsOf(() =>
        businessCalendar({
          timeZone: 'UTC',
          week: { sun: [['22:00', '06:00']], mon: [['05:30', '12:00']] },
        }),
      ),
    ).toEqual([
      {
        path: 'week.mon.0',
        message: 'overlaps the overnight interval 0 of sun, which runs past midnight',
      },
    ]);
    // Touching is not overlapping.
    expect(() =>
      businessCalendar({
        timeZone: 'UTC',
        week: { sun: [['22:00', '06:00']], mon: [['06:00', '12:00']] },
      }),
    ).not.toThrow();
  });

  it('rejects a week without working time, bad dates and reversed ranges', () => {
    expect(problemsOf(() => businessCalendar({ timeZone: 'UTC', week: { mon: [] } }))).toEqual([
      { path: 'week', message: 'The week has no working time: give at least one interval' },
    ]);
    const problems = problemsOf(() =>
      businessCalendar({
        ...office,
        holidays: [
          '2026-02-29',
          '2028-02-29',
          '26-12-25',
          { from: '2026-05-02', to: '2026-05-01' },
        ],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['holidays.0', 'holidays.2', 'holidays.3.to']);
  });

  it('rejects unknown keys (typos of weekdays)', () => {
    const input = { timeZone: 'UTC', week: { monday: [['09:00', '17:00']] } };
    expect(problemsOf(() => businessCalendar(input as never))[0]?.path).toBe('week');
  });
});

describe('alwaysOpen', () => {
  it('is plain frozen data in which every instant works', () => {
    expect(businessCalendarSchema.parse(alwaysOpen)).toEqual(alwaysOpen);
    expect(Object.isFrozen(alwaysOpen.week)).toBe(true);
    for (const t of [-8.64e15, 0, 1_700_000_000_123, 8.64e15]) {
      expect(isWorkingAt(alwaysOpen, t)).toBe(true);
    }
  });
});

describe('compileCalendar', () => {
  it('keeps the data and is accepted where data is', () => {
    const compiled = compileCalendar(office);
    expect(compiled.kind).toBe('CompiledCalendar');
    expect(compiled.calendar).toEqual(office);
    expect(Object.isFrozen(compiled)).toBe(true);
  });

  it('refuses a forged compiled calendar', () => {
    const forged = { kind: 'CompiledCalendar', calendar: alwaysOpen } as const;
    expect(problemsOf(() => isWorkingAt(forged, 0))).toEqual([
      { path: 'calendar', message: 'not a compiled calendar' },
    ]);
    // One that went through JSON has lost its functions.
    const stored = JSON.parse(JSON.stringify(compileCalendar(alwaysOpen)));
    expect(problemsOf(() => isWorkingAt(stored, 0))).toEqual([
      { path: 'calendar', message: 'not a compiled calendar' },
    ]);
  });
});
