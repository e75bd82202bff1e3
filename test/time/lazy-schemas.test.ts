/**
 * The time schemas are built on first use (`z.lazy`) so that importing the package builds no zod
 * schema. These tests keep a copy of the schemas as they were built at import before, and check
 * that the lazy ones accept and reject exactly the same values, with the same data and the same
 * issues (codes, paths, messages), also nested in a user's schema and as JSON Schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { isServicecraftError, optionsError } from '../../src/core/errors.js';
import type { WeeklyHours } from '../../src/time/calendar.js';
import {
  businessCalendar,
  businessCalendarSchema,
  clockSchema,
  compileCalendar,
  startClock,
} from '../../src/time/index.js';
import { dayOfIsoDate, isInstant } from '../../src/time/internal.js';
import { planWeek, weekdays } from '../../src/time/plan.js';

// ---- The schemas as they were before (built eagerly at import), copied verbatim. ----

const clockTime = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const endTime = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const isoDate = z
  .string()
  .refine((text) => dayOfIsoDate(text) !== undefined, { message: 'Expected a date "YYYY-MM-DD"' });
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
const zoneMessage = 'Expected an IANA time zone known to Intl';
function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
const oldShapeSchema = z
  .strictObject({
    timeZone: z.string().min(1).max(100),
    week: z.strictObject(
      Object.fromEntries(weekdays.map((day) => [day, z.array(hoursSchema).max(48).optional()])),
    ),
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
const oldCalendarSchema = oldShapeSchema.superRefine((value, context) => {
  if (!knownZone(value.timeZone)) {
    context.addIssue({ code: 'custom', path: ['timeZone'], message: zoneMessage });
  }
});

const instant = z
  .number()
  .refine(isInstant, { message: 'Expected an integer instant in ±8.64e15' });
const amount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const oldClockSchema = z
  .strictObject({
    state: z.enum(['running', 'paused', 'stopped']),
    startedAt: instant,
    since: instant,
    accrued: amount,
    target: amount.positive(),
    warning: amount.positive().nullable(),
    breachedAt: instant.nullable(),
    warnedAt: instant.nullable(),
  })
  .superRefine((c, context) => {
    const problem = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (c.since < c.startedAt) problem('since', 'The last change is before the start');
    if (c.warning !== null && c.warning > c.target) {
      problem('warning', 'The warning comes after the target');
    }
    if ((c.breachedAt !== null) !== c.accrued >= c.target) {
      problem('breachedAt', 'Set exactly when the accrued time has reached the target');
    }
    if ((c.warnedAt !== null) !== (c.warning !== null && c.accrued >= c.warning)) {
      problem('warnedAt', 'Set exactly when the accrued time has reached the warning');
    }
  });

// ---- Inputs: mostly near-valid values, with every kind of mistake mixed in. ----

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.string({ maxLength: 6 }),
  fc.constant({}),
  fc.constant([]),
);

const times = fc.constantFrom(
  '00:00',
  '06:00',
  '09:00',
  '12:30',
  '17:00',
  '22:00',
  '23:59',
  '24:00',
);
const badTimes = fc.constantFrom('24:01', '9:00', '25:00', '', '12:60', 'noon');
const time = fc.oneof({ weight: 6, arbitrary: times }, { weight: 1, arbitrary: badTimes }, junk);
const interval = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(time, time) },
  { weight: 1, arbitrary: fc.array(time, { maxLength: 3 }) },
  { weight: 1, arbitrary: junk },
);
const day = fc.oneof(
  { weight: 6, arbitrary: fc.array(interval, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 49 }, () => ['09:00', '10:00'])) },
  { weight: 1, arbitrary: junk },
);
const week = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day, xmas: day },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: junk },
);
const date = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('2026-01-01', '2026-05-01', '2026-12-25', '2024-02-29') },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '2026-13-01', '26-01-01', '') },
  { weight: 1, arbitrary: junk },
);
const holiday = fc.oneof(
  { weight: 4, arbitrary: date },
  { weight: 3, arbitrary: fc.record({ from: date, to: date, note: junk }, { requiredKeys: [] }) },
);
const holidays = fc.oneof(
  { weight: 6, arbitrary: fc.array(holiday, { maxLength: 4 }) },
  { weight: 1, arbitrary: junk },
);
const zone = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'),
  },
  { weight: 2, arbitrary: fc.constantFrom('Mars/Olympus', '', 'x'.repeat(101), 'Not a zone') },
  { weight: 1, arbitrary: junk },
);
const goodDay = fc.constantFrom(
  [['09:00', '17:00']],
  [
    ['09:00', '12:30'],
    ['13:30', '17:00'],
  ],
  [],
  undefined,
);
const goodCalendar = fc.record(
  {
    timeZone: fc.constantFrom('UTC', 'Europe/Paris', 'Asia/Kolkata'),
    week: fc.record(
      {
        mon: fc.constant([['08:00', '18:00']]),
        tue: goodDay,
        fri: goodDay,
        sat: fc.constantFrom([['22:00', '06:00']], undefined),
      },
      { requiredKeys: ['mon'] },
    ),
    holidays: fc.array(
      fc.oneof(
        fc.constantFrom('2026-01-01', '2024-02-29'),
        fc.constant({ from: '2026-08-10', to: '2026-08-21' }),
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ['timeZone', 'week'] },
);
const calendarInput = fc.oneof(
  { weight: 4, arbitrary: goodCalendar },
  {
    weight: 12,
    arbitrary: fc.record(
      { timeZone: zone, week, holidays, extra: junk },
      { requiredKeys: ['timeZone', 'week'] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);

const instantLike = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -1_000, max: 10_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(8.64e15, 8.64e15 + 1, -8.64e15, 1.5, Number.NaN, Infinity, -1),
  },
  { weight: 1, arbitrary: junk },
);
const amountLike = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -10, max: 10_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, 0.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -0),
  },
  { weight: 1, arbitrary: junk },
);
const clockInput = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record(
      {
        state: fc.oneof(fc.constantFrom('running', 'paused', 'stopped', 'done'), junk),
        startedAt: instantLike,
        since: instantLike,
        accrued: amountLike,
        target: amountLike,
        warning: fc.oneof(fc.constant(null), amountLike),
        breachedAt: fc.oneof(fc.constant(null), instantLike),
        warnedAt: fc.oneof(fc.constant(null), instantLike),
        extra: junk,
      },
      { requiredKeys: ['state', 'startedAt', 'since', 'accrued', 'target'] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 1, max: 1_000 }))
      .map(([at, target]) => startClock(at, { target })),
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** What a user sees from a parse: success, the data, or every issue with all its fields. */
function outcome(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  return result.success
    ? { success: true, data: result.data }
    : {
        success: false,
        issues: result.error.issues,
        message: result.error.message,
        pretty: z.prettifyError(result.error),
      };
}

const settings = { numRuns: 400 };

describe('lazily built time schemas', () => {
  it('businessCalendarSchema accepts and rejects exactly what the eager schema did, with the same issues', () => {
    let accepted = 0;
    fc.assert(
      fc.property(calendarInput, (input) => {
        const now = outcome(businessCalendarSchema, input);
        expect(now).toEqual(outcome(oldCalendarSchema, input));
        if (now.success) accepted += 1;
      }),
      settings,
    );
    // The generator reaches both sides.
    expect(accepted).toBeGreaterThan(0);
  });

  it('compileCalendar and businessCalendar report the same problems as the eager shape schema', () => {
    fc.assert(
      fc.property(calendarInput, (input) => {
        const old = oldShapeSchema.safeParse(input);
        let thrown: unknown;
        try {
          compileCalendar(input as never);
        } catch (error) {
          thrown = error;
        }
        if (old.success) {
          // Only an unknown time zone may still fail (checked by building the formatter).
          if (thrown !== undefined) {
            expect(knownZone(old.data.timeZone)).toBe(false);
          }
        } else {
          expect(isServicecraftError(thrown, 'UsageError')).toBe(true);
          const expected = optionsError('compileCalendar', old.error.issues);
          expect(thrown).toMatchObject({ message: expected.message, problems: expected.problems });
        }
        const full = oldCalendarSchema.safeParse(input);
        let fullError: unknown;
        try {
          businessCalendar(input as never);
        } catch (error) {
          fullError = error;
        }
        if (full.success) {
          expect(fullError).toBeUndefined();
        } else {
          const expected = optionsError('businessCalendar', full.error.issues);
          expect(fullError).toMatchObject({
            message: expected.message,
            problems: expected.problems,
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('clockSchema accepts and rejects exactly what the eager schema did, with the same issues', () => {
    let accepted = 0;
    fc.assert(
      fc.property(clockInput, (input) => {
        const now = outcome(clockSchema, input);
        expect(now).toEqual(outcome(oldClockSchema, input));
        if (now.success) accepted += 1;
      }),
      settings,
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('nested in a user schema, the issue paths are the same', () => {
    const now = z.object({ calendar: businessCalendarSchema, clock: clockSchema.nullable() });
    const old = z.object({ calendar: oldCalendarSchema, clock: oldClockSchema.nullable() });
    fc.assert(
      fc.property(calendarInput, fc.oneof(fc.constant(null), clockInput), (calendar, clock) => {
        expect(outcome(now, { calendar, clock })).toEqual(outcome(old, { calendar, clock }));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same JSON Schema as the eager schemas', () => {
    for (const io of ['input', 'output'] as const) {
      expect(z.toJSONSchema(businessCalendarSchema, { io })).toEqual(
        z.toJSONSchema(oldCalendarSchema, { io }),
      );
      expect(z.toJSONSchema(clockSchema, { io })).toEqual(z.toJSONSchema(oldClockSchema, { io }));
    }
  });
});
