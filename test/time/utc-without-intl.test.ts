/**
 * A calendar in 'UTC' compiles without an `Intl.DateTimeFormat`: the first formatter of a process
 * loads the runtime's time-zone data, which cost tens of milliseconds when the package loaded
 * (the complaint presets compile the 24/7 UTC calendar). Its answers stay those of the same
 * calendar read through Intl under another name of UTC.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createComplaintCase } from '../../src/complaints/index.js';
import {
  addWorkingTime,
  alwaysOpen,
  compileCalendar,
  isWorkingAt,
  workingTimeBetween,
} from '../../src/time/index.js';

const original = Intl.DateTimeFormat;
let made = 0;

/** Counts the formatters made until the end of the test. */
function countFormatters(): void {
  made = 0;
  Intl.DateTimeFormat = new Proxy(original, {
    construct(target, args) {
      made += 1;
      return Reflect.construct(target, args);
    },
    apply(target, self, args) {
      made += 1;
      return Reflect.apply(target, self, args);
    },
  });
}

afterEach(() => {
  Intl.DateTimeFormat = original;
});

const office = {
  week: {
    mon: [['09:00', '17:00']],
    tue: [
      ['09:00', '12:30'],
      ['13:30', '17:00'],
    ],
    fri: [['22:00', '06:00']],
  },
  holidays: ['2026-05-01', { from: '2026-08-10', to: '2026-08-14' }],
} as const;

describe('a UTC calendar', () => {
  it('compiles without making an Intl formatter', () => {
    countFormatters();
    compileCalendar(alwaysOpen);
    compileCalendar({ timeZone: 'UTC', ...office });
    expect(made).toBe(0);
  });

  it('the default complaint case and one with SLA policies are made without one', () => {
    countFormatters();
    createComplaintCase();
    createComplaintCase({
      sla: {
        policies: [
          {
            name: 'standard',
            targets: { firstResponse: { within: 3_600_000, hours: 'business' } },
          },
        ],
      },
    });
    expect(made).toBe(0);
  });

  it('another zone still gets its formatter', () => {
    countFormatters();
    compileCalendar({ timeZone: 'Etc/UTC', ...office });
    expect(made).toBeGreaterThan(0);
  });

  it("answers as the same calendar named 'Etc/UTC' (read through Intl) does (property)", () => {
    const utc = compileCalendar({ timeZone: 'UTC', ...office });
    const etc = compileCalendar({ timeZone: 'Etc/UTC', ...office });
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.integer({ min: 0, max: 90 * 86_400_000 }),
        (at, span) => {
          expect(isWorkingAt(utc, at)).toBe(isWorkingAt(etc, at));
          expect(addWorkingTime(utc, at, span)).toBe(addWorkingTime(etc, at, span));
          expect(workingTimeBetween(utc, at, at + span)).toBe(
            workingTimeBetween(etc, at, at + span),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
