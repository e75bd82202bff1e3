/**
 * `expiry: { kind: 'days' }` with `expiryAt: 'endOfDay'`: days are calendar days of the zone, so
 * the expiry depends only on the local date of earning. Every instant of one local day, its first
 * (local midnight) included, gives the same expiry: the end of the local day N days later, which
 * is the local midnight N + 1 days after the start of the day of earning. Expected instants are
 * worked out in the comments and, in the property, read from luxon.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type ProgramTime, programTime } from '../../src/loyalty/calendar.js';
import {
  defineLoyaltyProgram,
  type LoyaltyPolicyInput,
  type MembershipEvent,
} from '../../src/loyalty/index.js';
import { apply, DAY, enrolled, k, ladder } from './helpers.js';

const zoned = (timeZone: string, policy: LoyaltyPolicyInput = {}) =>
  defineLoyaltyProgram({ ladder, policy: { ...policy, timeZone } });

const buy = (at: number): MembershipEvent => ({
  type: 'PURCHASE',
  key: k('buy'),
  at,
  order: 'A',
  amount: 1_000,
});

/** When 10 points bought at `at` expire, through the membership machine. */
function expiryOf(timeZone: string, at: number, policy: LoyaltyPolicyInput) {
  const p = zoned(timeZone, policy);
  const m = apply(p, enrolled(p, at), [buy(at)]);
  return { p, m, expiresAt: m.context.lots[0]?.expiresAt };
}

const thirtyDays: LoyaltyPolicyInput = { expiry: { kind: 'days', days: 30 }, expiryAt: 'endOfDay' };

describe('endOfDay expiry of points earned at local midnight (regression: one day early)', () => {
  it('UTC: midnight, 1 ms later, noon and the last millisecond of 10 Jan all expire at the end of 9 Feb', () => {
    // 10 Jan + 30 calendar days = 9 Feb; its end is 00:00 UTC on 10 Feb. Before the fix, points
    // earned at 00:00 exactly expired at 00:00 on 9 Feb, a day before the rest of 10 Jan's.
    const day = Date.UTC(2025, 0, 10);
    const end = Date.UTC(2025, 1, 10);
    for (const at of [day, day + 1, day + DAY / 2, day + DAY - 1]) {
      expect(expiryOf('UTC', at, thirtyDays).expiresAt).toBe(end);
    }
    // The next local day expires a day later.
    expect(expiryOf('UTC', day + DAY, thirtyDays).expiresAt).toBe(end + DAY);
  });

  it('points earned at midnight stay spendable through the last day and are gone at its end', () => {
    const day = Date.UTC(2025, 0, 10);
    const { p, m, expiresAt } = expiryOf('UTC', day, thirtyDays);
    expect(expiresAt).toBe(Date.UTC(2025, 1, 10));
    const lastMs = apply(p, m, [{ type: 'EXPIRE', key: k(), at: Date.UTC(2025, 1, 10) - 1 }]);
    expect(lastMs.context.balance).toBe(10);
    const gone = apply(p, lastMs, [{ type: 'EXPIRE', key: k(), at: Date.UTC(2025, 1, 10) }]);
    expect(gone.context.balance).toBe(0);
  });

  it('Europe/London in summer time: 00:00 BST (23:00 UTC the day before) is the first instant of its day', () => {
    // 00:00 BST on 10 Jun 2025 = 23:00 UTC on 9 Jun. 10 Jun + 30 days = 10 Jul; its end is 00:00
    // BST on 11 Jul = 23:00 UTC on 10 Jul. The last millisecond of 10 Jun (22:59:59.999 UTC) agrees.
    const midnight = Date.UTC(2025, 5, 9, 23);
    const end = Date.UTC(2025, 6, 10, 23);
    expect(expiryOf('Europe/London', midnight, thirtyDays).expiresAt).toBe(end);
    expect(expiryOf('Europe/London', midnight + DAY - 1, thirtyDays).expiresAt).toBe(end);
  });

  it('Asia/Kolkata (UTC+5:30): 1 day from 00:00 IST on 10 Jan ends at 00:00 IST on 12 Jan', () => {
    // 00:00 IST on 10 Jan 2025 = 18:30 UTC on 9 Jan; 10 Jan + 1 day = 11 Jan, which ends at 00:00
    // IST on 12 Jan = 18:30 UTC on 11 Jan.
    const policy: LoyaltyPolicyInput = { expiry: { kind: 'days', days: 1 }, expiryAt: 'endOfDay' };
    const midnight = Date.UTC(2025, 0, 9, 18, 30);
    expect(expiryOf('Asia/Kolkata', midnight, policy).expiresAt).toBe(
      Date.UTC(2025, 0, 11, 18, 30),
    );
    expect(expiryOf('Asia/Kolkata', midnight - 1, policy).expiresAt).toBe(
      Date.UTC(2025, 0, 10, 18, 30),
    );
  });

  it('expiryFrom available: a pending period ending at midnight counts from that day', () => {
    // Earned 00:00 UTC on 10 Jan, spendable 2 days later at 00:00 on 12 Jan; 12 Jan + 30 days =
    // 11 Feb, which ends at 00:00 on 12 Feb. Earned 1 ms later gives the same.
    const policy: LoyaltyPolicyInput = { ...thirtyDays, pendingDays: 2, expiryFrom: 'available' };
    const day = Date.UTC(2025, 0, 10);
    expect(expiryOf('UTC', day, policy).expiresAt).toBe(Date.UTC(2025, 1, 12));
    expect(expiryOf('UTC', day + 1, policy).expiresAt).toBe(Date.UTC(2025, 1, 12));
  });
});

describe('every instant of one local day gives the same expiry (property)', () => {
  const zones = [
    'UTC',
    'Europe/London',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
  ] as const;
  const times = new Map<string, ProgramTime>(
    zones.map((zone) => [zone, programTime(zoned(zone).policy)]),
  );
  const timeOf = (zone: string) => times.get(zone) as ProgramTime;

  /** A local day of `zone`: its first instant, the next day's first instant, and its date. */
  const localDay = (zone: string, at: number) => {
    const start = DateTime.fromMillis(at, { zone }).startOf('day');
    return { start, from: start.toMillis(), to: start.plus({ days: 1 }).startOf('day').toMillis() };
  };

  /** Instants of the day `[from, to)`: its first, second and last, and one anywhere in it. */
  const instants = (from: number, to: number, where: number) => [
    from,
    from + 1,
    from + Math.floor(where * (to - from)),
    to - 1,
  ];

  const anyDay = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
  const where = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

  it('days + endOfDay: the same local midnight, N + 1 local days after the day starts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        anyDay,
        where,
        fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 36_500 })),
        (zone, at, w, days) => {
          const time = timeOf(zone);
          const { start, from, to } = localDay(zone, at);
          const rule = { kind: 'days', days } as const;
          const got = instants(from, to, w).map((t) => time.expiryOf(rule, t, 'endOfDay'));
          const expiry = got[0] as number;
          expect(got).toEqual([expiry, expiry, expiry, expiry]);
          // A local midnight, on the date N + 1 days after the day of earning.
          const local = DateTime.fromMillis(expiry, { zone });
          expect([local.hour, local.minute, local.second, local.millisecond]).toEqual([0, 0, 0, 0]);
          expect(local.toISODate()).toBe(start.plus({ days: days + 1 }).toISODate());
          expect(expiry).toBe(
            start
              .plus({ days: days + 1 })
              .startOf('day')
              .toMillis(),
          );
          // The first instant of the next local day expires a local day later.
          const next = DateTime.fromMillis(time.expiryOf(rule, to, 'endOfDay') as number, { zone });
          expect(next.toISODate()).toBe(start.plus({ days: days + 2 }).toISODate());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('endOfMonth and endOfYear (checked for the same midnight edge): one expiry per local day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        anyDay,
        where,
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 10 }),
        (zone, at, w, months, years) => {
          const time = timeOf(zone);
          const { start, from, to } = localDay(zone, at);
          for (const [rule, unit] of [
            [{ kind: 'endOfMonth', months }, 'month'],
            [{ kind: 'endOfYear', years }, 'year'],
          ] as const) {
            for (const cutoff of ['instant', 'endOfDay'] as const) {
              const got = instants(from, to, w).map((t) => time.expiryOf(rule, t, cutoff));
              const expiry = got[0] as number;
              expect(got).toEqual([expiry, expiry, expiry, expiry]);
              const plus = unit === 'month' ? { months: months + 1 } : { years: years + 1 };
              expect(expiry).toBe(start.startOf(unit).plus(plus).startOf('day').toMillis());
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
