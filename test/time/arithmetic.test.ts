import { describe, expect, it } from 'vitest';
import { isServicecraftError } from '../../src/core/errors.js';
import {
  addWorkingTime,
  alwaysOpen,
  type BusinessCalendarInput,
  compileCalendar,
  isWorkingAt,
  nextWorkingInstant,
  type WeeklyHours,
  type WorkingHours,
  workingTimeBetween,
} from '../../src/time/index.js';
import { at, DAY, HOUR, MINUTE, wall } from './reference.js';

const weekdays = (...hours: WorkingHours[]): WeeklyHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
});
const everyDay = (...hours: WorkingHours[]): WeeklyHours => ({
  ...weekdays(...hours),
  sat: hours,
  sun: hours,
});
const calendar = (
  timeZone: string,
  week: WeeklyHours,
  holidays: BusinessCalendarInput['holidays'] = [],
) => compileCalendar({ timeZone, week, holidays });

/** Adds working time from a local time and returns the local time reached. */
const addLocal = (c: ReturnType<typeof calendar>, from: string, ms: number) => {
  const zone = c.calendar.timeZone;
  return wall(zone, addWorkingTime(c, at(zone, from), ms));
};
const betweenLocal = (c: ReturnType<typeof calendar>, a: string, b: string) => {
  const zone = c.calendar.timeZone;
  return workingTimeBetween(c, at(zone, a), at(zone, b)) / HOUR;
};

describe('office hours (Europe/London, Mon–Fri 09:00–17:00)', () => {
  const london = calendar('Europe/London', weekdays(['09:00', '17:00']));

  it('counts working time and skips nights and the weekend', () => {
    expect(addLocal(london, '2026-03-06T16:00', 2 * HOUR)).toBe('2026-03-09T10:00');
    expect(betweenLocal(london, '2026-03-06T09:00', '2026-03-13T09:00')).toBe(40);
    expect(betweenLocal(london, '2026-03-07T00:00', '2026-03-09T00:00')).toBe(0);
    expect(betweenLocal(london, '2026-03-09T00:00', '2026-03-07T00:00')).toBe(0); // not -0
    expect(betweenLocal(london, '2026-03-09T10:00', '2026-03-06T16:00')).toBe(-2);
  });

  it('stops at the end of an interval when the time runs out exactly there', () => {
    expect(addLocal(london, '2026-03-06T09:00', 8 * HOUR)).toBe('2026-03-06T17:00');
    expect(addLocal(london, '2026-03-06T09:00', 40 * HOUR)).toBe('2026-03-12T17:00');
  });

  it('starts counting at the next opening when started outside hours; 0 ms returns the start', () => {
    expect(addLocal(london, '2026-03-07T12:00', 1)).toBe('2026-03-09T09:00');
    expect(addWorkingTime(london, 123, 0)).toBe(123);
  });

  it('is unaffected by the clock changes, which happen at night', () => {
    // Friday 27 March 16:00 GMT + 2 h = Monday 30 March 10:00 BST.
    expect(addLocal(london, '2026-03-27T16:00', 2 * HOUR)).toBe('2026-03-30T10:00');
    expect(addWorkingTime(london, at('Europe/London', '2026-03-27T16:00'), 2 * HOUR)).toBe(
      Date.UTC(2026, 2, 30, 9),
    );
    expect(betweenLocal(london, '2026-10-23T09:00', '2026-10-26T17:00')).toBe(16);
  });

  it('handles a year of working time at once', () => {
    // 2026-01-05 is a Monday; 52 weeks of 40 hours end on Friday 1 January 2027 at 17:00.
    expect(addLocal(london, '2026-01-05T09:00', 52 * 40 * HOUR)).toBe('2027-01-01T17:00');
    expect(betweenLocal(london, '2026-01-05T09:00', '2027-01-04T09:00')).toBe(52 * 40);
  });
});

describe('several intervals a day', () => {
  const lunch = calendar('Europe/Paris', weekdays(['09:00', '12:30'], ['13:30', '17:00']));

  it('skips the break', () => {
    expect(addLocal(lunch, '2026-06-01T09:00', 4 * HOUR)).toBe('2026-06-01T14:00');
    expect(addLocal(lunch, '2026-06-01T09:00', 3.5 * HOUR)).toBe('2026-06-01T12:30');
    expect(addLocal(lunch, '2026-06-01T12:45', 30 * MINUTE)).toBe('2026-06-01T14:00');
    expect(betweenLocal(lunch, '2026-06-01T12:00', '2026-06-01T14:00')).toBe(1);
    expect(isWorkingAt(lunch, at('Europe/Paris', '2026-06-01T12:30'))).toBe(false);
    expect(
      wall('Europe/Paris', nextWorkingInstant(lunch, at('Europe/Paris', '2026-06-01T12:30'))),
    ).toBe('2026-06-01T13:30');
  });
});

describe('overnight shifts', () => {
  const nights = calendar('America/Chicago', {
    fri: [['22:00', '06:00']],
    sun: [['22:00', '06:00']],
  });

  it('run into the next morning, also from Sunday into Monday', () => {
    expect(isWorkingAt(nights, at('America/Chicago', '2026-03-07T05:59'))).toBe(true);
    expect(isWorkingAt(nights, at('America/Chicago', '2026-03-07T06:00'))).toBe(false);
    expect(addLocal(nights, '2026-03-06T23:00', 7 * HOUR)).toBe('2026-03-07T06:00');
    expect(addLocal(nights, '2026-03-06T23:00', 7 * HOUR + 1)).toBe('2026-03-08T22:00');
    expect(isWorkingAt(nights, at('America/Chicago', '2026-03-16T03:00'))).toBe(true); // Monday
  });

  it('count real elapsed time across a clock change (spring forward on Sunday 8 March)', () => {
    // The night of Saturday 7 March is not worked; Sunday 8 March 22:00 to Monday 06:00 is 8 h.
    expect(betweenLocal(nights, '2026-03-08T00:00', '2026-03-09T12:00')).toBe(8);
    // Fall back on Sunday 1 November at 02:00: Friday's shift is untouched, Sunday's too.
    expect(betweenLocal(nights, '2026-10-30T12:00', '2026-11-02T12:00')).toBe(16);
  });
});

describe('holidays', () => {
  const office = calendar('Europe/London', weekdays(['09:00', '17:00']), [
    '2026-12-25',
    '2026-12-28',
    { from: '2026-08-10', to: '2026-08-21' },
    '2026-08-22', // a Saturday, touching the range: no effect
  ]);

  it('remove whole days and ranges', () => {
    // Thursday 24 December 16:00 + 2 h: Friday 25 and Monday 28 are holidays.
    expect(addLocal(office, '2026-12-24T16:00', 2 * HOUR)).toBe('2026-12-29T10:00');
    expect(betweenLocal(office, '2026-08-07T09:00', '2026-08-25T09:00')).toBe(8 + 8);
    expect(isWorkingAt(office, at('Europe/London', '2026-08-14T12:00'))).toBe(false);
    expect(
      wall('Europe/London', nextWorkingInstant(office, at('Europe/London', '2026-08-10T08:00'))),
    ).toBe('2026-08-24T09:00');
  });

  it('cancel the shifts that start on them, not the one from the evening before', () => {
    const nights = calendar('UTC', everyDay(['22:00', '06:00']), ['2026-12-25']);
    expect(isWorkingAt(nights, Date.UTC(2026, 11, 25, 3))).toBe(true); // the 24th's shift
    expect(isWorkingAt(nights, Date.UTC(2026, 11, 25, 23))).toBe(false);
    expect(isWorkingAt(nights, Date.UTC(2026, 11, 26, 3))).toBe(false); // the 25th's shift
    expect(workingTimeBetween(nights, Date.UTC(2026, 11, 24), Date.UTC(2026, 11, 27))).toBe(
      (2 + 6 + 2 + 6) * HOUR, // 24th 22–24 and 00–06 of the 24th's shift, 26th 22–24, 23rd's tail
    );
  });

  it('stay exact with many holidays and long spans (binary search, no day loop)', () => {
    // Every Monday from 2020 to 2039 is a holiday: 4 working days a week remain.
    const mondays: string[] = [];
    for (let t = Date.UTC(2020, 0, 6); t < Date.UTC(2040, 0, 1); t += 7 * DAY) {
      mondays.push(new Date(t).toISOString().slice(0, 10));
    }
    const fourDays = calendar('UTC', weekdays(['09:00', '17:00']), mondays);
    const start = Date.UTC(2020, 0, 7, 9); // Tuesday
    expect(addWorkingTime(fourDays, start, 520 * 32 * HOUR)).toBe(
      start + 519 * 7 * DAY + 3 * DAY + 8 * HOUR, // Friday 17:00 of week 520
    );
  });
});

describe('daylight-saving changes', () => {
  const always = (zone: string) => calendar(zone, everyDay(['00:00', '24:00']));

  it('Europe/London: 29 March 2026 has 23 hours and 25 October 25', () => {
    const london = always('Europe/London');
    expect(betweenLocal(london, '2026-03-29T00:00', '2026-03-30T00:00')).toBe(23);
    expect(betweenLocal(london, '2026-10-25T00:00', '2026-10-26T00:00')).toBe(25);
  });

  it('counts exactly up to and from the instant of a change', () => {
    const london = always('Europe/London');
    const spring = Date.UTC(2026, 2, 29, 1);
    const autumn = Date.UTC(2026, 9, 25, 1);
    for (const change of [spring, autumn]) {
      expect(workingTimeBetween(london, change - HOUR, change)).toBe(HOUR);
      expect(workingTimeBetween(london, change, change + HOUR)).toBe(HOUR);
      expect(workingTimeBetween(london, change, change)).toBe(0);
      expect(addWorkingTime(london, change - HOUR, HOUR)).toBe(change);
      expect(addWorkingTime(london, change, HOUR)).toBe(change + HOUR);
      expect(nextWorkingInstant(london, change)).toBe(change);
    }
  });

  it('an interval start in the spring-forward gap moves to the end of the gap', () => {
    // London skips 01:00–02:00 on 29 March 2026 (at 01:00 UTC).
    const c = calendar('Europe/London', { sun: [['01:30', '04:00']] });
    expect(nextWorkingInstant(c, Date.UTC(2026, 2, 28, 23))).toBe(Date.UTC(2026, 2, 29, 1));
    expect(isWorkingAt(c, Date.UTC(2026, 2, 29, 1) - 1)).toBe(false);
    expect(workingTimeBetween(c, Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30))).toBe(2 * HOUR);
  });

  it('an interval end in the gap moves to the end of the gap; the lost hour is not counted', () => {
    const ends = calendar('Europe/London', { sun: [['00:00', '01:30']] });
    expect(workingTimeBetween(ends, Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30))).toBe(HOUR);
    expect(addWorkingTime(ends, Date.UTC(2026, 2, 29), HOUR)).toBe(Date.UTC(2026, 2, 29, 1));
    const across = calendar('Europe/London', { sun: [['00:30', '03:00']] });
    expect(workingTimeBetween(across, Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30))).toBe(
      1.5 * HOUR,
    );
    expect(addWorkingTime(across, Date.UTC(2026, 2, 29, 0, 30), 45 * MINUTE)).toBe(
      Date.UTC(2026, 2, 29, 1, 15), // 30 min before the change, 15 after (02:15 BST)
    );
  });

  it('a repeated hour counts twice (fall back, 25 October 2026)', () => {
    const across = calendar('Europe/London', { sun: [['00:30', '03:00']] });
    // 00:30 BST = 23:30 UTC on the 24th, 03:00 GMT = 03:00 UTC: 3.5 real hours.
    expect(workingTimeBetween(across, Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 26))).toBe(
      3.5 * HOUR,
    );
    expect(addWorkingTime(across, Date.UTC(2026, 9, 24, 23, 30), 3.5 * HOUR)).toBe(
      Date.UTC(2026, 9, 25, 3),
    );
    const inside = calendar('Europe/London', { sun: [['01:15', '01:45']] });
    expect(workingTimeBetween(inside, Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 26))).toBe(HOUR);
    expect(isWorkingAt(inside, Date.UTC(2026, 9, 25, 0, 30))).toBe(true); // 01:30 BST
    expect(isWorkingAt(inside, Date.UTC(2026, 9, 25, 1, 0))).toBe(false); // 01:00 GMT
    expect(isWorkingAt(inside, Date.UTC(2026, 9, 25, 1, 30))).toBe(true); // 01:30 GMT
    expect(addWorkingTime(inside, Date.UTC(2026, 9, 25), 45 * MINUTE)).toBe(
      Date.UTC(2026, 9, 25, 1, 30),
    );
  });

  it('America/New_York: office hours across 8 March and 1 November 2026', () => {
    const ny = calendar('America/New_York', weekdays(['09:00', '17:00']));
    expect(addWorkingTime(ny, at('America/New_York', '2026-03-06T16:00'), 2 * HOUR)).toBe(
      Date.UTC(2026, 2, 9, 14), // Monday 10:00 EDT
    );
    expect(addWorkingTime(ny, at('America/New_York', '2026-10-30T16:00'), 2 * HOUR)).toBe(
      Date.UTC(2026, 10, 2, 15), // Monday 10:00 EST
    );
    const allDay = always('America/New_York');
    expect(betweenLocal(allDay, '2026-03-08T00:00', '2026-03-09T00:00')).toBe(23);
    expect(betweenLocal(allDay, '2026-11-01T00:00', '2026-11-02T00:00')).toBe(25);
  });

  it('Australia/Sydney (southern hemisphere): 5 April 2026 has 25 hours, 4 October 23', () => {
    const sydney = always('Australia/Sydney');
    expect(betweenLocal(sydney, '2026-04-05T00:00', '2026-04-06T00:00')).toBe(25);
    expect(betweenLocal(sydney, '2026-10-04T00:00', '2026-10-05T00:00')).toBe(23);
    const early = calendar('Australia/Sydney', { sun: [['01:00', '04:00']] });
    // 5 April: 02:00–03:00 happens twice, 4 hours; 4 October: 02:00–03:00 is skipped, 2 hours.
    expect(betweenLocal(early, '2026-04-04T12:00', '2026-04-05T12:00')).toBe(4);
    expect(betweenLocal(early, '2026-10-03T12:00', '2026-10-04T12:00')).toBe(2);
  });

  it('America/Santiago: the clocks change at midnight, so a day starts at 01:00', () => {
    const santiago = calendar('America/Santiago', { sun: [['00:00', '08:00']] });
    // Sunday 6 September 2026: 00:00 -04 never happens, the day starts at 01:00 -03 (04:00 UTC).
    expect(nextWorkingInstant(santiago, Date.UTC(2026, 8, 5, 12))).toBe(Date.UTC(2026, 8, 6, 4));
    expect(betweenLocal(santiago, '2026-09-05T12:00', '2026-09-06T12:00')).toBe(7);
    // Sunday 5 April 2026: at 00:00 -03 (03:00 UTC) the clocks go back to Saturday 23:00, so
    // Sunday starts at 00:00 -04 (04:00 UTC) and is a normal 8 hours.
    expect(nextWorkingInstant(santiago, Date.UTC(2026, 3, 4, 12))).toBe(Date.UTC(2026, 3, 5, 4));
    expect(isWorkingAt(santiago, Date.UTC(2026, 3, 5, 3))).toBe(false);
    expect(betweenLocal(santiago, '2026-04-04T12:00', '2026-04-05T12:00')).toBe(8);
  });

  it('Australia/Lord_Howe shifts by half an hour', () => {
    const lordHowe = always('Australia/Lord_Howe');
    expect(betweenLocal(lordHowe, '2026-10-04T00:00', '2026-10-05T00:00')).toBe(23.5);
    expect(betweenLocal(lordHowe, '2026-04-05T00:00', '2026-04-06T00:00')).toBe(24.5);
  });
});

describe('half-hour and 45-minute zones', () => {
  it('Asia/Kathmandu (+05:45)', () => {
    const kathmandu = calendar('Asia/Kathmandu', {
      ...weekdays(['10:00', '17:00']),
      sun: [['10:00', '17:00']],
      fri: [['10:00', '15:00']],
    });
    expect(addWorkingTime(kathmandu, Date.UTC(2026, 2, 2, 3), HOUR)).toBe(
      Date.UTC(2026, 2, 2, 5, 15),
    );
    expect(isWorkingAt(kathmandu, Date.UTC(2026, 2, 2, 4, 15))).toBe(true);
    expect(isWorkingAt(kathmandu, Date.UTC(2026, 2, 2, 4, 14))).toBe(false);
    expect(
      wall(
        'Asia/Kathmandu',
        addWorkingTime(kathmandu, at('Asia/Kathmandu', '2026-03-06T14:00'), 2 * HOUR),
      ),
    ).toBe(
      '2026-03-08T11:00', // Friday closes at 15:00, Saturday is off
    );
  });

  it('Australia/Eucla (+08:45) and Asia/Kolkata (+05:30)', () => {
    const eucla = calendar('Australia/Eucla', weekdays(['09:00', '17:00']));
    expect(nextWorkingInstant(eucla, Date.UTC(2026, 2, 2))).toBe(Date.UTC(2026, 2, 2, 0, 15));
    expect(workingTimeBetween(eucla, Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 3))).toBe(8 * HOUR);
    const kolkata = calendar('Asia/Kolkata', weekdays(['09:30', '18:00']));
    expect(addWorkingTime(kolkata, Date.UTC(2026, 2, 2, 4), 30 * MINUTE)).toBe(
      Date.UTC(2026, 2, 2, 4, 30),
    );
    expect(nextWorkingInstant(kolkata, Date.UTC(2026, 2, 6, 12, 30))).toBe(Date.UTC(2026, 2, 9, 4));
  });
});

describe('misuse', () => {
  const isUsageError = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return isServicecraftError(error, 'UsageError');
    }
    return false;
  };

  it('throws a UsageError for instants out of range or not whole, and bad durations', () => {
    for (const t of [Number.NaN, 1.5, 8.64e15 + 1, -8.64e15 - 1, Number.POSITIVE_INFINITY, '0']) {
      expect(isUsageError(() => isWorkingAt(alwaysOpen, t as number))).toBe(true);
      expect(isUsageError(() => addWorkingTime(alwaysOpen, t as number, 1))).toBe(true);
      expect(isUsageError(() => workingTimeBetween(alwaysOpen, 0, t as number))).toBe(true);
      expect(isUsageError(() => nextWorkingInstant(alwaysOpen, t as number))).toBe(true);
    }
    for (const ms of [-1, 0.5, Number.NaN, 2 ** 53]) {
      expect(isUsageError(() => addWorkingTime(alwaysOpen, 0, ms))).toBe(true);
    }
  });

  it('throws a UsageError when the result falls past the range', () => {
    expect(isUsageError(() => addWorkingTime(alwaysOpen, 8.64e15 - 10, 11))).toBe(true);
    expect(addWorkingTime(alwaysOpen, 8.64e15 - 10, 10)).toBe(8.64e15);
    const weekly = calendar('UTC', { mon: [['09:00', '10:00']] });
    expect(isUsageError(() => addWorkingTime(weekly, 8.64e15 - 30 * DAY, 10 * HOUR))).toBe(true);
    expect(isUsageError(() => nextWorkingInstant(weekly, 8.64e15))).toBe(true);
  });

  it('works at the far ends of the range', () => {
    const ny = calendar('America/New_York', weekdays(['09:00', '17:00']));
    const early = -8.64e15;
    expect(workingTimeBetween(ny, early, early + 14 * DAY)).toBe(80 * HOUR);
    expect(workingTimeBetween(ny, early, addWorkingTime(ny, early, 100 * HOUR))).toBe(100 * HOUR);
  });
});
