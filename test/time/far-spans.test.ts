/**
 * Calls that reach far: their cost must not grow with the span (counted in `Intl` reads, the only
 * slow part, not timed), and their answers must be those of a plain reading of `Intl`.
 *
 * A compiled calendar reads its zone's offsets from `Intl` only for the years 1600 to 2600: before,
 * every zone keeps its local mean time; after, the zone's yearly rule repeats every 400 years.
 * These tests count the reads, compare the zone with a reading of `Intl` that assumes nothing
 * (`slow-zone.ts`) at instants across the whole range, and check the arithmetic over millennia.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/time/compile.js';
import {
  addWorkingTime,
  type BusinessCalendar,
  type CompiledCalendar,
  clockBreachAt,
  compileCalendar,
  isWorkingAt,
  nextWorkingInstant,
  startClock,
  type WeeklyHours,
  workingTimeBetween,
} from '../../src/time/index.js';
import { workedBefore } from '../../src/time/plan.js';
import { zoneOffsets } from '../../src/time/zone.js';
import { all, DAY, refAdd, refBetween, reference } from './reference.js';
import { slowZoneOffsets } from './slow-zone.js';

const MAX = 8.64e15;
const YEAR = 31_556_952_000; // 365.2425 days
const start = Date.UTC(2026, 0, 5, 9); // Monday 5 January 2026, 09:00 UTC

const day: WeeklyHours[keyof WeeklyHours] = [['09:00', '17:00']];
const shapes: Record<string, WeeklyHours> = {
  office: { mon: day, tue: day, wed: day, thu: day, fri: day },
  always: all([['00:00', '24:00']]),
  nights: all([['22:00', '06:00']]),
  // Covers the hours in which clocks change in most zones.
  early: all([
    ['00:00', '00:45'],
    ['01:15', '03:15'],
  ]),
};

// --- Counting Intl reads: `format` is a getter that returns the bound formatting function. ---

const proto = Intl.DateTimeFormat.prototype;
const original = Object.getOwnPropertyDescriptor(proto, 'format') as PropertyDescriptor;
let reads = 0;
beforeAll(() => {
  Object.defineProperty(proto, 'format', {
    configurable: true,
    get(this: Intl.DateTimeFormat) {
      reads += 1;
      return original.get?.call(this);
    },
  });
});
afterAll(() => {
  Object.defineProperty(proto, 'format', original);
});

/** The `Intl` reads that `run` makes. */
function readsOf(run: () => unknown): number {
  const before = reads;
  run();
  return reads - before;
}

const london = (shape: keyof typeof shapes) =>
  compileCalendar({ timeZone: 'Europe/London', week: shapes[shape] as WeeklyHours });

describe('the cost of a call does not grow with its span (counted in Intl reads)', () => {
  it('workingTimeBetween: 5,000 or 200,000 years read about what 100 years do, once', () => {
    for (const shape of ['office', 'always'] as const) {
      const span = (years: number) => {
        const calendar = london(shape);
        return readsOf(() => workingTimeBetween(calendar, start, start + years * YEAR));
      };
      const century = span(100);
      expect(century).toBeGreaterThan(0); // the counter sees the reads
      // At most the years up to 2600 are read: under 6 times a century from 2026. Before the fix a
      // cache of 4,096 blocks (about 1,114 years) read every block of the span, 50 times as many.
      expect(span(5_000)).toBeLessThanOrEqual(8 * century);
      expect(span(200_000)).toBe(span(5_000));
    }
  });

  it('repeated calls over millennia read nothing more', () => {
    for (const shape of ['office', 'always'] as const) {
      const calendar = london(shape);
      workingTimeBetween(calendar, start, start + 5_000 * YEAR);
      addWorkingTime(calendar, start, 1_000 * YEAR);
      // Before the fix each of these calls read the whole span again (about 440,000 reads).
      const again = readsOf(() => {
        for (let i = 0; i < 3; i++) {
          workingTimeBetween(calendar, start, start + 5_000 * YEAR);
          workingTimeBetween(calendar, start + 7, start + 10_000 * YEAR);
          addWorkingTime(calendar, start, 1_000 * YEAR);
        }
      });
      expect(again).toBe(0);
    }
  });

  it('addWorkingTime and clockBreachAt: a 4,000-year target reads about what a 100-year one does', () => {
    for (const shape of ['office', 'always'] as const) {
      // Working time in a year: 40 hours a week, or all of it.
      const yearOfWork = shape === 'office' ? (YEAR / 168) * 40 : YEAR;
      const add = (years: number) => {
        const calendar = london(shape);
        return readsOf(() => addWorkingTime(calendar, start, Math.round(years * yearOfWork)));
      };
      expect(add(5_000)).toBeLessThanOrEqual(8 * add(100));
      const breach = (years: number) => {
        const calendar = london(shape);
        const clock = startClock(start, { target: Math.round(years * yearOfWork) });
        return readsOf(() => {
          clockBreachAt(clock, calendar);
          clockBreachAt(clock, calendar);
        });
      };
      expect(breach(4_000)).toBeLessThanOrEqual(8 * breach(100));
    }
  });

  it('reads nothing before 1600: the far past costs one read', () => {
    const calendar = london('always');
    // Before the fix: every block of the span, about 312,000 reads for 5,000 years.
    expect(readsOf(() => workingTimeBetween(calendar, -MAX, -MAX + 5_000 * YEAR))).toBe(1);
    expect(workingTimeBetween(calendar, -MAX, -MAX + 5_000 * YEAR)).toBe(5_000 * YEAR);
  });

  it('what one calendar ever reads is bounded by one pass over the whole range', () => {
    // The blocks of 1600 to 2600, plus the offset before them: whatever the calls.
    const calendar = london('nights');
    const total = readsOf(() => {
      workingTimeBetween(calendar, -MAX, MAX);
      addWorkingTime(calendar, -MAX, 50_000 * YEAR);
      nextWorkingInstant(calendar, MAX - 7 * DAY);
    });
    expect(total).toBeGreaterThan(0);
    expect(readsOf(() => workingTimeBetween(calendar, -MAX, MAX))).toBe(0);
    const fresh = london('nights');
    expect(readsOf(() => workingTimeBetween(fresh, -MAX, MAX))).toBe(total);
  });
});

// --- Answers: against Intl read with no shortcut. ---

const zones = [
  'Europe/London',
  'America/New_York',
  'America/Santiago',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Africa/Casablanca',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Gaza',
  'Asia/Kolkata',
] as const;

/** An instant: anywhere, or near an edge of what the zone reads (1600, 2200, 2600, the end). */
const instant = fc.oneof(
  fc.integer({ min: -MAX, max: MAX }),
  fc.integer({ min: Date.UTC(1599, 0, 1), max: Date.UTC(1601, 0, 1) }),
  fc.integer({ min: Date.UTC(1840, 0, 1), max: Date.UTC(2100, 0, 1) }),
  fc.integer({ min: Date.UTC(2199, 0, 1), max: Date.UTC(2201, 0, 1) }),
  fc.integer({ min: Date.UTC(2599, 0, 1), max: Date.UTC(2601, 0, 1) }),
  fc.integer({ min: MAX - 2 * YEAR, max: MAX }),
);

describe('the zone agrees with a plain reading of Intl, across the whole range', () => {
  const fast = new Map(zones.map((zone) => [zone, zoneOffsets(zone)]));
  const slow = new Map(zones.map((zone) => [zone, slowZoneOffsets(zone)]));

  it('offsets at any instant, in every zone the runtime knows', () => {
    const every = Intl.supportedValuesOf('timeZone');
    const readers = new Map<string, ReturnType<typeof zoneOffsets>>();
    const formats = new Map<string, ReturnType<typeof slowZoneOffsets>>();
    fc.assert(
      fc.property(fc.constantFrom(...every), instant, (zone, t) => {
        if (!readers.has(zone)) readers.set(zone, zoneOffsets(zone));
        if (!formats.has(zone)) formats.set(zone, slowZoneOffsets(zone));
        // offsetAt reads one block of the slow reference at most: cheap enough for every zone.
        expect(readers.get(zone)?.offsetAt(t)).toBe(formats.get(zone)?.offsetAt(t));
      }),
      { numRuns: 400 },
    );
  });

  it('the changes in the year after any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, t) => {
        const a = fast.get(zone) as ReturnType<typeof zoneOffsets>;
        const b = slow.get(zone) as ReturnType<typeof slowZoneOffsets>;
        const to = Math.min(MAX + DAY, t + 400 * DAY);
        let from = t;
        for (let i = 0; i < 4; i++) {
          const change = a.firstChangeIn(from, to);
          expect(change).toBe(b.firstChangeIn(from, to));
          if (change === undefined) break;
          expect(a.offsetAt(change)).toBe(b.offsetAt(change));
          expect(a.offsetAt(change - 1)).toBe(b.offsetAt(change - 1));
          from = change;
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** A calendar compiled twice: as usual, and with the plain reading of Intl as its zone. */
interface Pair {
  readonly fast: CompiledCalendar;
  readonly slow: CompiledCalendar;
  readonly data: BusinessCalendar;
}

const pairs = new Map<string, Pair>();
function pair(zone: string, shape: string, holidays: readonly string[]): Pair {
  const key = JSON.stringify([zone, shape, holidays]);
  let found = pairs.get(key);
  if (found === undefined) {
    const fast = compileCalendar({
      timeZone: zone,
      week: shapes[shape] as WeeklyHours,
      holidays: [...holidays],
    }) as Engine;
    const { plan } = fast;
    const zoneOfSlow = slowZoneOffsets(
      zone,
      (at, before, after) => workedBefore(plan, at + after) - workedBefore(plan, at + before),
    );
    found = { fast, slow: { ...fast, zone: zoneOfSlow } as Engine, data: fast.calendar };
    pairs.set(key, found);
  }
  return found;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** What a call returns, or the message of what it throws. */
function outcome(run: () => number): number | string {
  try {
    return run();
  } catch (error) {
    return `throws: ${(error as Error).message}`;
  }
}

describe('long spans, against a plain reading of Intl', () => {
  /**
   * A calendar (with up to two holidays near its start, or in the years 2200–2600 whose notes the
   * cycles repeat) and a span of up to 150 years starting anywhere, or across 2600.
   */
  const spanCase = fc
    .record({
      zone: fc.constantFrom(...zones),
      shape: fc.constantFrom(...Object.keys(shapes)),
      a: fc.oneof(
        fc.integer({ min: -MAX, max: MAX - 150 * YEAR }),
        fc.integer({ min: Date.UTC(2450, 0, 1), max: Date.UTC(2600, 0, 1) }),
      ),
      span: fc.integer({ min: 0, max: 150 * YEAR }),
      holidays: fc.array(fc.integer({ min: 0, max: 1_000 * 365 }), { maxLength: 2 }),
    })
    .map(({ zone, shape, a, span, holidays }) => {
      const days = holidays.map((d) => isoDay(Math.min(a, Date.UTC(2200, 0, 1)) + d * DAY));
      return {
        ...pair(
          zone,
          shape,
          days.filter((d) => /^\d{4}-/.test(d)),
        ),
        a,
        b: a + span,
      };
    });

  it('workingTimeBetween, addWorkingTime and nextWorkingInstant agree', () => {
    fc.assert(
      fc.property(spanCase, ({ fast, slow, a, b }) => {
        expect(workingTimeBetween(fast, a, b)).toBe(workingTimeBetween(slow, a, b));
        expect(workingTimeBetween(fast, b, a)).toBe(workingTimeBetween(slow, b, a));
        const d = Math.floor((b - a) / 3);
        // Near the end of the range the answer may fall past it: then both throw the same error.
        expect(outcome(() => addWorkingTime(fast, a, d))).toBe(
          outcome(() => addWorkingTime(slow, a, d)),
        );
        expect(outcome(() => nextWorkingInstant(fast, b))).toBe(
          outcome(() => nextWorkingInstant(slow, b)),
        );
        expect(isWorkingAt(fast, b)).toBe(isWorkingAt(slow, b));
      }),
      { numRuns: 30 },
    );
  });

  it('short spans far from today agree with the luxon reference', () => {
    // The reference walks quarter hours and assumes offsets on them: true from 1950 on.
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...Object.keys(shapes)),
        fc.integer({ min: Date.UTC(1950, 0, 1), max: MAX - 30 * DAY }),
        fc.integer({ min: 0, max: 4 * DAY }),
        (zone, shape, a, d) => {
          const { fast, data } = pair(zone, shape, []);
          const ref = reference(data);
          expect(workingTimeBetween(fast, a, a + d)).toBe(refBetween(ref, a, a + d));
          const ms = Math.floor(d / 4);
          expect(addWorkingTime(fast, a, ms)).toBe(refAdd(ref, a, ms));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('over millennia', () => {
  const calendars = new Map<string, CompiledCalendar>();
  /** One compiled calendar per zone, shape and holiday set, reused (reading a zone is the cost). */
  const calendarArb = fc
    .record({
      zone: fc.constantFrom('Europe/London', 'Australia/Lord_Howe', 'Africa/Casablanca'),
      shape: fc.constantFrom('office', 'always', 'nights'),
      closed: fc.constantFrom(
        [],
        ['2030-12-25'],
        // A closure of thousands of years: cycles of 400 years whose notes differ.
        [{ from: '2500-01-01', to: '9999-12-31' }],
      ),
    })
    .map(({ zone, shape, closed }) => {
      const key = JSON.stringify([zone, shape, closed]);
      let found = calendars.get(key);
      if (found === undefined) {
        found = compileCalendar({
          timeZone: zone,
          week: shapes[shape] as WeeklyHours,
          holidays: closed,
        });
        calendars.set(key, found);
      }
      return found;
    });

  it('workingTimeBetween adds up over a split, anywhere in the range', () => {
    fc.assert(
      fc.property(calendarArb, instant, instant, instant, (calendar, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        // Working time is exact up to Number.MAX_SAFE_INTEGER (about 285,000 years).
        fc.pre(c - a <= Number.MAX_SAFE_INTEGER);
        const whole = workingTimeBetween(calendar, a, c);
        expect(workingTimeBetween(calendar, a, b) + workingTimeBetween(calendar, b, c)).toBe(whole);
        expect(whole).toBeLessThanOrEqual(c - a);
      }),
      { numRuns: 150 },
    );
  });

  it('addWorkingTime is the earliest instant with that much working time, over millennia', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: -MAX, max: Date.UTC(3000, 0, 1) }),
        fc.integer({ min: 1, max: 20_000 * YEAR }),
        (calendar, a, d) => {
          let end: number;
          try {
            end = addWorkingTime(calendar, a, d);
          } catch {
            // Not that much working time before 8.64e15 (a long closure): then there is none.
            expect(workingTimeBetween(calendar, a, MAX)).toBeLessThan(d);
            return;
          }
          expect(workingTimeBetween(calendar, a, end)).toBe(d);
          expect(workingTimeBetween(calendar, a, end - 1)).toBe(d - 1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('nextWorkingInstant is the first working instant, also after a closure of millennia', () => {
    fc.assert(
      fc.property(calendarArb, instant, (calendar, t) => {
        let next: number;
        try {
          next = nextWorkingInstant(calendar, t);
        } catch {
          expect(workingTimeBetween(calendar, t, MAX)).toBe(0);
          return;
        }
        expect(isWorkingAt(calendar, next)).toBe(true);
        expect(workingTimeBetween(calendar, t, next)).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
