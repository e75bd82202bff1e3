/**
 * Clocks over the whole range of instants (±8.64e15 ms): a span can hold more working time than a
 * safe integer (1.728e16 ms at most), so the count stops at Number.MAX_SAFE_INTEGER, past every
 * target; every clock an operation returns passes `clockSchema`, and reading it never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alwaysOpen,
  type CalendarLike,
  type ClockResult,
  clockBreachAt,
  clockElapsed,
  clockSchema,
  clockStatus,
  clockWarningAt,
  compileCalendar,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type WorkingClock,
  workingTimeBetween,
} from '../../src/time/index.js';

const MAX = 8.64e15;
const SAFE = Number.MAX_SAFE_INTEGER;

const ok = (result: ClockResult): WorkingClock => {
  if (!result.ok) throw new Error(result.reason.message);
  return result.clock;
};

describe('a clock across the whole range of instants', () => {
  it('stops with its count capped at the largest safe integer, and can still be read', () => {
    // Before the fix: accrued 1.728e16, and the next read threw a UsageError saying the clock
    // was not made by startClock.
    const stopped = ok(stopClock(startClock(-MAX, { target: 1 }), alwaysOpen, MAX));
    expect(stopped.accrued).toBe(SAFE);
    expect(clockSchema.safeParse(stopped).success).toBe(true);
    expect(clockElapsed(stopped, alwaysOpen, MAX)).toBe(SAFE);
    expect(stopped.breachedAt).toBe(-MAX + 1);
    expect(clockStatus(stopped, alwaysOpen, MAX)).toEqual({
      state: 'stopped',
      elapsed: SAFE,
      remaining: 0,
      breached: true,
      warned: false,
    });
  });

  it('pauses with the count capped, and a running clock reads capped too', () => {
    const running = startClock(-MAX, { target: SAFE, warning: SAFE - 1 });
    expect(clockElapsed(running, alwaysOpen, MAX)).toBe(SAFE);
    expect(clockStatus(running, alwaysOpen, MAX)).toMatchObject({ elapsed: SAFE, breached: true });
    const paused = ok(pauseClock(running, alwaysOpen, MAX));
    expect(paused.accrued).toBe(SAFE);
    expect(clockSchema.safeParse(paused).success).toBe(true);
    // The marks are where the real count crossed them, not where the capped one did.
    expect(paused.breachedAt).toBe(-MAX + SAFE);
    expect(paused.warnedAt).toBe(-MAX + SAFE - 1);
    expect(clockElapsed(paused, alwaysOpen, MAX)).toBe(SAFE);
    const stopped = ok(stopClock(paused, alwaysOpen, MAX));
    expect(stopped).toEqual({ ...paused, state: 'stopped' });
  });

  it('keeps counting exactly below the cap', () => {
    const half = 4e15;
    const paused = ok(pauseClock(startClock(-half, { target: SAFE }), alwaysOpen, half));
    expect(paused.accrued).toBe(2 * half);
    expect(paused.breachedAt).toBeNull();
    const resumed = ok(resumeClock(paused, half));
    expect(clockElapsed(resumed, alwaysOpen, MAX)).toBe(SAFE); // 8e15 + 4.64e15, capped
    expect(clockElapsed(resumed, alwaysOpen, half + 1_000)).toBe(2 * half + 1_000);
  });

  it('has no breach instant when the target comes after the last instant', () => {
    // Before the fix clockBreachAt threw a UsageError for this valid clock.
    const late = startClock(MAX - 1_000, { target: 10_000, warning: 500 });
    expect(clockBreachAt(late, alwaysOpen)).toBeNull();
    expect(clockWarningAt(late, alwaysOpen)).toBe(MAX - 500);
    const office = compileCalendar({ timeZone: 'UTC', week: { mon: [['09:00', '10:00']] } });
    const slow = startClock(MAX - 365 * 86_400_000, { target: 100 * 3_600_000 });
    expect(clockBreachAt(slow, office)).toBeNull();
    expect(clockBreachAt(startClock(MAX - 1_000, { target: 1_000 }), alwaysOpen)).toBe(MAX);
  });
});

describe('clock properties over the whole range', () => {
  const calendars: CalendarLike[] = [
    alwaysOpen,
    compileCalendar({
      timeZone: 'Europe/London',
      week: {
        mon: [['00:00', '24:00']],
        tue: [['00:00', '24:00']],
        wed: [['00:00', '24:00']],
        thu: [['00:00', '24:00']],
        fri: [['00:00', '24:00']],
        sat: [['00:00', '24:00']],
        sun: [['00:00', '24:00']],
      },
    }),
    compileCalendar({
      timeZone: 'Australia/Sydney',
      week: { mon: [['09:00', '17:00']], thu: [['22:00', '06:00']] },
      holidays: ['2026-01-26', { from: '2400-01-01', to: '9999-12-31' }],
    }),
  ];
  const instant = fc.oneof(
    fc.integer({ min: -MAX, max: MAX }),
    fc.constantFrom(-MAX, MAX, 0),
    fc.integer({ min: MAX - 1e12, max: MAX }),
  );
  const amount = fc.oneof(
    fc.integer({ min: 1, max: SAFE }),
    fc.constantFrom(1, SAFE),
    fc.integer({ min: 1, max: 1e12 }),
  );
  const operation = fc.record({
    kind: fc.constantFrom('pause', 'resume', 'stop', 'read'),
    at: instant,
  });

  it('every clock an operation returns passes clockSchema, and reading it never throws', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars.keys()),
        instant,
        amount,
        fc.option(fc.integer({ min: 1, max: SAFE }), { nil: undefined }),
        fc.array(operation, { maxLength: 8 }),
        (which, at, target, warn, operations) => {
          const calendar = calendars[which] as CalendarLike;
          const warning = warn === undefined ? null : Math.min(warn, target);
          let clock = startClock(at, { target, warning });
          for (const { kind, at: when } of operations) {
            let result: ClockResult | undefined;
            if (kind === 'pause') result = pauseClock(clock, calendar, when);
            else if (kind === 'resume') result = resumeClock(clock, when);
            else if (kind === 'stop') result = stopClock(clock, calendar, when);
            if (result?.ok) clock = result.clock;
            expect(clockSchema.safeParse(clock).success).toBe(true);
            const elapsed = clockElapsed(clock, calendar, when);
            expect(Number.isSafeInteger(elapsed)).toBe(true);
            expect(elapsed).toBeGreaterThanOrEqual(clock.accrued);
            const status = clockStatus(clock, calendar, when);
            expect(status.breached).toBe(elapsed >= clock.target);
            for (const mark of [clockBreachAt(clock, calendar), clockWarningAt(clock, calendar)]) {
              if (mark !== null) {
                expect(mark).toBeGreaterThanOrEqual(clock.startedAt);
                expect(mark).toBeLessThanOrEqual(MAX);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('below the cap, a stopped clock holds the working time of its running spans', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars.keys()),
        fc.array(instant, { minLength: 2, maxLength: 6 }),
        amount,
        (which, instants, target) => {
          const calendar = calendars[which] as CalendarLike;
          const [first, ...rest] = [...instants].sort((a, b) => a - b) as [number, ...number[]];
          let clock = startClock(first, { target });
          let expected = 0;
          let from = first;
          rest.forEach((t, i) => {
            if (i % 2 === 0) {
              expected += workingTimeBetween(calendar, from, t);
              clock = ok(pauseClock(clock, calendar, t));
            } else {
              clock = ok(resumeClock(clock, t));
              from = t;
            }
          });
          const last = rest[rest.length - 1] ?? first;
          clock = ok(stopClock(clock, calendar, last));
          expect(clock.accrued).toBe(Math.min(expected, SAFE));
          expect(clockSchema.safeParse(clock).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
