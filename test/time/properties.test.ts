/**
 * Property tests: the working-time arithmetic against the plain luxon-based reference
 * (`reference.ts`), over varied zones (DST north and south, half-hour and 45-minute offsets,
 * 30-minute DST, Ramadan suspensions), calendar shapes (office hours, split days, overnight
 * shifts, 24/7, early-morning hours that straddle clock changes) and random holidays; and the
 * algebra the functions promise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/time/compile.js';
import {
  addWorkingTime,
  type CompiledCalendar,
  compileCalendar,
  isWorkingAt,
  nextWorkingInstant,
  type WeeklyHours,
  workingTimeBetween,
} from '../../src/time/index.js';
import {
  all,
  DAY,
  HOUR,
  type Reference,
  refAdd,
  refBetween,
  reference,
  refIsWorking,
  refNextWorking,
} from './reference.js';

const zones = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Santiago',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Australia/Eucla',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tehran',
  'Africa/Casablanca',
  'Pacific/Chatham',
] as const;

const shapes: Record<string, WeeklyHours> = {
  office: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  split: {
    mon: [
      ['08:45', '12:30'],
      ['13:30', '17:15'],
    ],
    wed: [
      ['08:45', '12:30'],
      ['13:30', '17:15'],
    ],
    fri: [['08:45', '12:30']],
    sat: [['10:00', '14:00']],
  },
  nights: all([['22:00', '06:00']]),
  always: all([['00:00', '24:00']]),
  // Covers the hours in which clocks change (00:00–03:00 in most zones here).
  early: all([
    ['00:00', '00:45'],
    ['01:15', '03:15'],
  ]),
  mixed: {
    mon: [['00:00', '24:00']],
    tue: [
      ['01:45', '02:45'],
      ['23:00', '04:00'],
    ],
    fri: [['12:00', '12:15']],
    sun: [['20:30', '00:00']],
  },
};

const from = Date.UTC(2020, 0, 1);
const to = Date.UTC(2035, 11, 31);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

interface Case {
  readonly calendar: CompiledCalendar;
  readonly ref: Reference;
  readonly start: number;
}

/** A zone, a shape, an instant in 2020–2035 and up to four holidays near it (some ranges). */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    zone: fc.constantFrom(...zones),
    shape: fc.constantFrom(...Object.keys(shapes)),
    start: fc.integer({ min: from, max: to }),
    holidays: fc.array(
      fc.record({
        offset: fc.integer({ min: -2, max: 20 }),
        length: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ zone, shape, start, holidays }) => {
    const calendar = compileCalendar({
      timeZone: zone,
      week: shapes[shape] as WeeklyHours,
      holidays: holidays.map(({ offset, length }) => {
        const first = isoDay(start + offset * DAY);
        return length === 0 ? first : { from: first, to: isoDay(start + (offset + length) * DAY) };
      }),
    });
    return { calendar, ref: reference(calendar.calendar), start };
  });

const settings = { numRuns: 150 };

describe('against the luxon reference', () => {
  it('isWorkingAt agrees', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 7 * DAY }), ({ calendar, ref, start }, d) => {
        expect(isWorkingAt(calendar, start + d)).toBe(refIsWorking(ref, start + d));
      }),
      { numRuns: 200 },
    );
  });

  it('workingTimeBetween agrees', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 10 * DAY }), ({ calendar, ref, start }, d) => {
        expect(workingTimeBetween(calendar, start, start + d)).toBe(
          refBetween(ref, start, start + d),
        );
      }),
      settings,
    );
  });

  it('addWorkingTime agrees', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 0, max: 40 * HOUR }),
        ({ calendar, ref, start }, d) => {
          expect(addWorkingTime(calendar, start, d)).toBe(refAdd(ref, start, d));
        },
      ),
      settings,
    );
  });

  it('nextWorkingInstant agrees', () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, ref, start }) => {
        expect(nextWorkingInstant(calendar, start)).toBe(refNextWorking(ref, start));
      }),
      settings,
    );
  });
});

describe('at the instants of clock changes, against the luxon reference', () => {
  /** A case moved to a clock change within a year of its start (cases without one are dropped). */
  const atChange = fc
    .tuple(
      caseArb,
      fc.integer({ min: -3 * HOUR, max: 3 * HOUR }),
      fc.integer({ min: 0, max: 30 * HOUR }),
    )
    .map(([c, before, d]) => {
      const change = (c.calendar as Engine).zone.firstChangeIn(c.start, c.start + 400 * DAY);
      return { ...c, change, before, d };
    })
    .filter((c) => c.change !== undefined);

  it('workingTimeBetween, addWorkingTime, isWorkingAt and nextWorkingInstant agree', () => {
    fc.assert(
      fc.property(atChange, ({ calendar, ref, change, before, d }) => {
        const t = change as number;
        const a = Math.min(t, t + before);
        const b = Math.max(t, t + before);
        expect(workingTimeBetween(calendar, a, b)).toBe(refBetween(ref, a, b));
        expect(workingTimeBetween(calendar, t, t + d)).toBe(refBetween(ref, t, t + d));
        expect(addWorkingTime(calendar, t + before, d)).toBe(refAdd(ref, t + before, d));
        expect(isWorkingAt(calendar, t)).toBe(refIsWorking(ref, t));
        expect(nextWorkingInstant(calendar, t + before)).toBe(refNextWorking(ref, t + before));
      }),
      { numRuns: 100 },
    );
  });
});

describe('algebra', () => {
  const longCase = fc.tuple(caseArb, fc.integer({ min: 0, max: 3000 * HOUR }));

  it('workingTimeBetween(a, addWorkingTime(a, d)) === d, also over years', () => {
    fc.assert(
      fc.property(longCase, ([{ calendar, start }, d]) => {
        expect(workingTimeBetween(calendar, start, addWorkingTime(calendar, start, d))).toBe(d);
      }),
      settings,
    );
  });

  it('addWorkingTime is monotone in the duration and in the start', () => {
    fc.assert(
      fc.property(
        longCase,
        fc.integer({ min: 0, max: 100 * HOUR }),
        ([{ calendar, start }, d], e) => {
          const end = addWorkingTime(calendar, start, d);
          expect(addWorkingTime(calendar, start, d + e)).toBeGreaterThanOrEqual(end);
          expect(addWorkingTime(calendar, start + e, d)).toBeGreaterThanOrEqual(end);
        },
      ),
      settings,
    );
  });

  it('workingTimeBetween adds up over a split and is antisymmetric', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: 0, max: 400 * DAY }),
        ({ calendar, start }, x, y) => {
          const [a, b] = [start + Math.min(x, y), start + Math.max(x, y)];
          const whole = workingTimeBetween(calendar, start, b);
          expect(workingTimeBetween(calendar, start, a) + workingTimeBetween(calendar, a, b)).toBe(
            whole,
          );
          expect(workingTimeBetween(calendar, b, start)).toBe(whole === 0 ? 0 : -whole);
          expect(whole).toBeLessThanOrEqual(b - start);
        },
      ),
      settings,
    );
  });

  it('in a local 24/7 calendar working time is elapsed time, across years of clock changes', () => {
    const open = new Map(
      zones.map((zone) => [
        zone,
        compileCalendar({ timeZone: zone, week: shapes.always as WeeklyHours }),
      ]),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: from, max: to }),
        fc.integer({ min: 0, max: 10 * 365 * DAY }),
        (zone, start, d) => {
          const calendar = open.get(zone) as CompiledCalendar;
          expect(addWorkingTime(calendar, start, d)).toBe(start + d);
          expect(workingTimeBetween(calendar, start, start + d)).toBe(d);
        },
      ),
      settings,
    );
  });

  it('nextWorkingInstant is working time, reached with no working time in between', () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, start }) => {
        const next = nextWorkingInstant(calendar, start);
        expect(next).toBeGreaterThanOrEqual(start);
        expect(isWorkingAt(calendar, next)).toBe(true);
        expect(workingTimeBetween(calendar, start, next)).toBe(0);
      }),
      settings,
    );
  });
});
