import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isServicecraftError } from '../../src/core/errors.js';
import {
  alwaysOpen,
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
import { HOUR, MINUTE } from './reference.js';

const office = compileCalendar({
  timeZone: 'UTC',
  week: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
});
const monday = (h: number, m = 0) => Date.UTC(2026, 0, 5, h, m);
const tuesday = (h: number, m = 0) => Date.UTC(2026, 0, 6, h, m);

/** The clock of a successful result (fails the test otherwise). */
const ok = (result: ClockResult): WorkingClock => {
  if (!result.ok) throw new Error(result.reason.message);
  return result.clock;
};

describe('a working-time clock', () => {
  const started = startClock(monday(9), { target: 8 * HOUR, warning: 6 * HOUR });

  it('starts running, as plain JSON', () => {
    expect(started).toEqual({
      state: 'running',
      startedAt: monday(9),
      since: monday(9),
      accrued: 0,
      target: 8 * HOUR,
      warning: 6 * HOUR,
      breachedAt: null,
      warnedAt: null,
    });
    expect(clockSchema.parse(JSON.parse(JSON.stringify(started)))).toEqual(started);
    expect(startClock(0, { target: 1 }).warning).toBeNull();
  });

  it('counts working time only, and predicts warning and breach', () => {
    expect(clockElapsed(started, office, monday(18))).toBe(8 * HOUR);
    expect(clockWarningAt(started, office)).toBe(monday(15));
    expect(clockBreachAt(started, office)).toBe(monday(17));
    expect(clockStatus(started, office, monday(16))).toEqual({
      state: 'running',
      elapsed: 7 * HOUR,
      remaining: HOUR,
      breached: false,
      warned: true,
    });
    expect(clockStatus(started, office, monday(17)).breached).toBe(true);
  });

  it('pauses, resumes and moves the breach by the paused working time', () => {
    const paused = ok(pauseClock(started, office, monday(11)));
    expect(paused).toMatchObject({ state: 'paused', since: monday(11), accrued: 2 * HOUR });
    expect(clockElapsed(paused, office, tuesday(12))).toBe(2 * HOUR);
    expect(clockBreachAt(paused, office)).toBeNull();
    expect(clockWarningAt(paused, office)).toBeNull();
    expect(clockStatus(paused, office, tuesday(12)).state).toBe('paused');
    const resumed = ok(resumeClock(paused, tuesday(10)));
    expect(resumed).toMatchObject({ state: 'running', since: tuesday(10), accrued: 2 * HOUR });
    expect(clockBreachAt(resumed, office)).toBe(tuesday(16));
    expect(clockWarningAt(resumed, office)).toBe(tuesday(14));
    const stopped = ok(stopClock(resumed, office, tuesday(15)));
    expect(stopped).toEqual({
      state: 'stopped',
      startedAt: monday(9),
      since: tuesday(15),
      accrued: 7 * HOUR,
      target: 8 * HOUR,
      warning: 6 * HOUR,
      breachedAt: null,
      warnedAt: tuesday(14),
    });
    expect(clockBreachAt(stopped, office)).toBeNull();
    expect(clockWarningAt(stopped, office)).toBe(tuesday(14));
    expect(clockStatus(stopped, office, tuesday(23))).toEqual({
      state: 'stopped',
      elapsed: 7 * HOUR,
      remaining: HOUR,
      breached: false,
      warned: true,
    });
  });

  it('remembers the exact breach once a pause has counted past it', () => {
    const paused = ok(pauseClock(started, office, tuesday(12)));
    expect(paused.accrued).toBe(11 * HOUR);
    expect(paused.breachedAt).toBe(monday(17));
    expect(paused.warnedAt).toBe(monday(15));
    expect(clockBreachAt(paused, office)).toBe(monday(17));
    const resumed = ok(resumeClock(paused, tuesday(13)));
    expect(clockBreachAt(resumed, office)).toBe(monday(17));
    expect(clockStatus(resumed, office, tuesday(14))).toMatchObject({
      elapsed: 12 * HOUR,
      remaining: 0,
      breached: true,
    });
  });

  it('stops a paused clock without counting the pause', () => {
    const paused = ok(pauseClock(started, office, monday(10)));
    expect(ok(stopClock(paused, office, tuesday(16))).accrued).toBe(HOUR);
  });

  it('reads a running clock before its last change as it was then', () => {
    const resumed = ok(resumeClock(ok(pauseClock(started, office, monday(10))), monday(12)));
    expect(clockElapsed(resumed, office, monday(11))).toBe(HOUR);
  });

  it('stays the same size however often it pauses', () => {
    const always = compileCalendar(alwaysOpen);
    let clock = startClock(monday(9), { target: 1000 * HOUR });
    const size = JSON.stringify(clock).length;
    for (let i = 1; i <= 1000; i++) {
      clock = ok(pauseClock(clock, always, monday(9) + (2 * i - 1) * MINUTE));
      clock = ok(resumeClock(clock, monday(9) + 2 * i * MINUTE));
    }
    expect(clock.accrued).toBe(1000 * MINUTE);
    expect(JSON.stringify(clock).length).toBeLessThanOrEqual(size + 10);
  });
});

describe('operations out of order are refused, not thrown', () => {
  const running = startClock(monday(9), { target: HOUR });
  const paused = ok(pauseClock(running, office, monday(10)));
  const stopped = ok(stopClock(running, office, monday(10)));

  it('names what happened and leaves the clock as it was', () => {
    expect(pauseClock(paused, office, monday(11))).toEqual({
      ok: false,
      reason: {
        code: 'CLOCK_NOT_RUNNING',
        message: 'Cannot pause the clock: it is already paused.',
        details: { state: 'paused', since: monday(10), at: monday(11) },
      },
    });
    expect(resumeClock(running, monday(11))).toMatchObject({
      ok: false,
      reason: {
        code: 'CLOCK_NOT_PAUSED',
        message: 'Cannot resume the clock: it is already running.',
      },
    });
    for (const result of [
      pauseClock(stopped, office, monday(11)),
      resumeClock(stopped, monday(11)),
      stopClock(stopped, office, monday(11)),
    ]) {
      expect(result).toMatchObject({ ok: false, reason: { code: 'CLOCK_STOPPED' } });
    }
    expect(resumeClock(paused, monday(9, 30))).toMatchObject({
      ok: false,
      reason: { code: 'TIME_WENT_BACKWARDS' },
    });
    expect(pauseClock(running, office, monday(8))).toMatchObject({
      ok: false,
      reason: { code: 'TIME_WENT_BACKWARDS' },
    });
    expect(stopClock(paused, office, monday(9))).toMatchObject({
      ok: false,
      reason: { code: 'TIME_WENT_BACKWARDS' },
    });
  });
});

describe('misuse throws a UsageError', () => {
  const usage = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return isServicecraftError(error, 'UsageError');
    }
    return false;
  };

  it('for bad options, instants and forged clocks', () => {
    expect(usage(() => startClock(0, { target: 0 }))).toBe(true);
    expect(usage(() => startClock(0, { target: 1.5 }))).toBe(true);
    expect(usage(() => startClock(0, { target: HOUR, warning: 2 * HOUR }))).toBe(true);
    expect(usage(() => startClock(Number.NaN, { target: HOUR }))).toBe(true);
    expect(usage(() => startClock(0, undefined as never))).toBe(true);
    const clock = startClock(0, { target: HOUR });
    expect(usage(() => pauseClock(clock, alwaysOpen, 1.5))).toBe(true);
    expect(usage(() => clockElapsed(clock, alwaysOpen, 9e15))).toBe(true);
    const forged = { ...clock, accrued: 2 * HOUR } as WorkingClock;
    expect(usage(() => pauseClock(forged, alwaysOpen, 10))).toBe(true);
    expect(usage(() => clockBreachAt({} as WorkingClock, alwaysOpen))).toBe(true);
  });

  it('the schema rejects clocks whose fields disagree', () => {
    const clock = startClock(100, { target: HOUR, warning: HOUR / 2 });
    const broken: Partial<Record<keyof WorkingClock, unknown>>[] = [
      { since: 50 },
      { accrued: HOUR },
      { accrued: HOUR / 2 },
      { breachedAt: 5 },
      { warning: 2 * HOUR },
      { state: 'idle' },
      { target: 0 },
    ];
    for (const change of broken) {
      expect(clockSchema.safeParse({ ...clock, ...change }).success).toBe(false);
    }
    expect(clockSchema.safeParse({ ...clock, extra: 1 }).success).toBe(false);
  });
});

describe('clock properties', () => {
  it('elapsed equals the working time of the running spans, for any sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.array(fc.integer({ min: 0, max: 3 * 24 * HOUR }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 40 * HOUR }),
        (start, gaps, target) => {
          let clock = startClock(start, { target });
          let t = start;
          let expected = 0;
          gaps.forEach((gap, i) => {
            const next = t + gap;
            if (i % 2 === 0) {
              expected += workingTimeBetween(office, t, next);
              clock = ok(pauseClock(clock, office, next));
            } else clock = ok(resumeClock(clock, next));
            t = next;
          });
          expect(clockElapsed(clock, office, t)).toBe(expected);
          expect(clockSchema.safeParse(clock).success).toBe(true);
          const breach = clockBreachAt(clock, office);
          if (expected >= target) {
            expect(breach).toBeGreaterThanOrEqual(start);
            expect(breach).toBeLessThanOrEqual(t);
          } else expect(breach === null || breach > t).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
