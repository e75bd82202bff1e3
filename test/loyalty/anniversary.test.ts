/**
 * Anniversary periods: reviews every N days or every year from the enrolment date or from the last
 * tier change, in the programme's zone. Figures are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import {
  defineLoyaltyProgram,
  explain,
  LoyaltyDefinitionError,
  type LoyaltyPolicyInput,
} from '../../src/loyalty/index.js';
import { apply, enrolled, k, ladder, type Member, refuse } from './helpers.js';

const program = (policy: LoyaltyPolicyInput) => defineLoyaltyProgram({ ladder, policy });
const buy = (order: string, amount: number, at: number) =>
  ({ type: 'PURCHASE', key: k('buy'), at, order, amount }) as const;
const periodEnd = (at: number) => ({ type: 'PERIOD_END', key: k('pe'), at }) as const;

describe('anniversary policy as data', () => {
  it('fills in every: { years: 1 } and from: enrolment', () => {
    expect(program({ window: { kind: 'anniversary' } }).policy.window).toEqual({
      kind: 'anniversary',
      every: { years: 1 },
      from: 'enrolment',
    });
  });

  it('refuses lengths out of range and unknown anchors, naming each field', () => {
    const problems = (policy: LoyaltyPolicyInput) => {
      try {
        program(policy);
      } catch (error) {
        if (error instanceof LoyaltyDefinitionError)
          return error.problems.map((p) => p.path.join('.'));
        throw error;
      }
      throw new Error('expected a LoyaltyDefinitionError');
    };
    expect(problems({ window: { kind: 'anniversary', every: { years: 0 } } })).toEqual([
      'window.every.years',
    ]);
    expect(problems({ window: { kind: 'anniversary', every: { days: 1_097 } } })).toEqual([
      'window.every.days',
    ]);
    expect(problems({ window: { kind: 'anniversary', from: 'birthday' as 'enrolment' } })).toEqual([
      'window.from',
    ]);
  });
});

describe('yearly from enrolment', () => {
  it('a member enrolled on 29 February has the anniversary on 28 February in other years', () => {
    const p = program({ window: { kind: 'anniversary' } });
    // Enrolled 12:00 UTC on Thu 29 Feb 2024 (UTC programme), 600 points: silver.
    let m: Member = apply(p, enrolled(p, Date.UTC(2024, 1, 29, 12)), [
      buy('A', 60_000, Date.UTC(2024, 1, 29, 12)),
    ]);
    expect(m.context.tier).toBe('silver');
    expect(m.context.period).toEqual({ start: Date.UTC(2024, 1, 29), end: Date.UTC(2025, 1, 28) });
    // 2025, 2026, 2027 are not leap years: 28 Feb; 2028 is: 29 Feb.
    const ends = [Date.UTC(2025, 1, 28), Date.UTC(2026, 1, 28), Date.UTC(2027, 1, 28)];
    const seen: (number | undefined)[] = [];
    for (const end of ends) {
      m = apply(p, m, [periodEnd(end)]);
      seen.push(m.context.period?.end);
    }
    expect(seen).toEqual([Date.UTC(2026, 1, 28), Date.UTC(2027, 1, 28), Date.UTC(2028, 1, 29)]);
  });

  it('counts activity of the anniversary year: 23:59 before the anniversary in, midnight out', () => {
    const p = program({ window: { kind: 'anniversary' }, downgrade: 'periodEnd' });
    const start = Date.UTC(2024, 1, 29, 12);
    const anniversary = Date.UTC(2025, 1, 28);
    const m = apply(p, enrolled(p, start), [
      buy('A', 30_000, start), // 300 points in the first year
      buy('B', 30_000, anniversary - 60_000), // 300 more at 23:59 on 27 Feb 2025: 600, silver
    ]);
    expect(m.context.tier).toBe('silver');
    // The review at 28 Feb 2025 sees 600 points and keeps silver; a quiet second year drops it at
    // the next anniversary, 28 Feb 2026 00:00 UTC.
    const kept = apply(p, m, [periodEnd(anniversary)]);
    expect(kept.context.tier).toBe('silver');
    const dropped = apply(p, kept, [periodEnd(Date.UTC(2026, 1, 28))]);
    expect(dropped.context.tier).toBe('member');
    expect(dropped.context.lastChange?.at).toBe(Date.UTC(2026, 1, 28));
    // A purchase at the anniversary's first instant counts in the new year only.
    const late = apply(p, kept, [buy('C', 10_000, anniversary)]);
    expect(explain(p, late).metrics.points).toBe(100);
    expect(explain(p, late).lines[0]).toBe(
      'Tier silver: qualifying points 100, visits 1 in 2025-02-28 to 2026-02-27 reach member.',
    );
  });

  it('uses the local enrolment date: 00:30 in Sydney is still the previous day in UTC', () => {
    const p = program({ window: { kind: 'anniversary' }, timeZone: 'Australia/Sydney' });
    // 00:30 AEDT (UTC+11) on 10 Mar 2025 = 13:30 UTC on 9 Mar. The anniversary is 10 March: the
    // period runs from 00:00 AEDT on 10 Mar 2025 (13:00 UTC on 9 Mar) to 00:00 AEDT on 10 Mar
    // 2026 (13:00 UTC on 9 Mar 2026; summer time again).
    const m = enrolled(p, Date.UTC(2025, 2, 9, 13, 30));
    expect(m.context.period).toEqual({
      start: Date.UTC(2025, 2, 9, 13),
      end: Date.UTC(2026, 2, 9, 13),
    });
    // A purchase at 00:59 local (13:59 UTC on 9 Mar) is counted on the local day, 10 March.
    const after = apply(p, m, [buy('A', 1_000, Date.UTC(2025, 2, 9, 13, 59))]);
    expect(after.context.months).toEqual([
      // Day buckets are local day numbers: 10 Mar 2025 is day 20157 since 1970-01-01.
      { month: Date.UTC(2025, 2, 10) / 86_400_000, points: 10, spend: 1_000, visits: 1 },
    ]);
  });
});

describe('every N days', () => {
  it('counts calendar days in the zone across a daylight-saving change', () => {
    const p = program({
      window: { kind: 'anniversary', every: { days: 30 } },
      timeZone: 'Europe/London',
    });
    // Enrolled 10:00 GMT on 15 Mar 2026; 30 days later is 14 Apr, after the change to BST on
    // 29 Mar: the period ends at 00:00 BST on 14 Apr = 23:00 UTC on 13 Apr (a 30-day period of
    // 719 hours).
    const m = enrolled(p, Date.UTC(2026, 2, 15, 10));
    expect(m.context.period).toEqual({
      start: Date.UTC(2026, 2, 15),
      end: Date.UTC(2026, 3, 13, 23),
    });
    const next = apply(p, m, [periodEnd(Date.UTC(2026, 3, 13, 23))]);
    // 14 Apr + 30 days = 14 May, 00:00 BST = 23:00 UTC on 13 May.
    expect(next.context.period).toEqual({
      start: Date.UTC(2026, 3, 13, 23),
      end: Date.UTC(2026, 4, 13, 23),
    });
  });

  it('catches up over skipped periods in one command', () => {
    const p = program({ window: { kind: 'anniversary', every: { days: 7 } } });
    const start = Date.UTC(2025, 0, 1); // a Wednesday
    const m = apply(p, enrolled(p, start), [buy('A', 60_000, start)]);
    expect(m.context.tier).toBe('silver');
    // 100 days later: periods of 7 days from 1 Jan; 100 = 14×7 + 2, so the period is
    // [1 Jan + 98 days, + 105 days). The review on 8 Jan saw the 600 points of the first week and
    // kept silver; the one on 15 Jan saw a quiet week and dropped the member.
    const later = apply(p, m, [{ type: 'EXPIRE', key: k(), at: start + 100 * 86_400_000 }]);
    expect(later.context.period).toEqual({
      start: start + 98 * 86_400_000,
      end: start + 105 * 86_400_000,
    });
    expect(later.context.tier).toBe('member');
    expect(later.context.lastChange?.at).toBe(start + 14 * 86_400_000);
  });
});

describe('from the last tier change (Talon.One style)', () => {
  it('an upgrade starts a new year from the day of the upgrade', () => {
    const byChange = program({ window: { kind: 'anniversary', from: 'tierChange' } });
    const byEnrolment = program({ window: { kind: 'anniversary', from: 'enrolment' } });
    const history = [buy('A', 60_000, Date.UTC(2025, 2, 20, 15))]; // 600 points: silver on 20 Mar
    const c = apply(byChange, enrolled(byChange, Date.UTC(2025, 0, 10)), history);
    const e = apply(byEnrolment, enrolled(byEnrolment, Date.UTC(2025, 0, 10)), history);
    expect(c.context.tier).toBe('silver');
    // From the change: 20 Mar 2025 to 20 Mar 2026 (the day's activity counts in it).
    expect(c.context.period).toEqual({ start: Date.UTC(2025, 2, 20), end: Date.UTC(2026, 2, 20) });
    // From enrolment: the period still runs 10 Jan 2025 to 10 Jan 2026.
    expect(e.context.period).toEqual({ start: Date.UTC(2025, 0, 10), end: Date.UTC(2026, 0, 10) });
    // Not before its end: PERIOD_END on 10 Jan 2026 is refused for the tier-change programme.
    expect(refuse(byChange, c, periodEnd(Date.UTC(2026, 0, 10))).code).toBe('PERIOD_NOT_ENDED');
    // 20 Mar 2026: 600 points in the year keep silver; a quiet year drops it on 20 Mar 2027,
    // and that change starts the next year.
    const kept = apply(byChange, c, [periodEnd(Date.UTC(2026, 2, 20))]);
    expect(kept.context.tier).toBe('silver');
    const dropped = apply(byChange, kept, [periodEnd(Date.UTC(2027, 2, 20))]);
    expect(dropped.context.tier).toBe('member');
    expect(dropped.context.period).toEqual({
      start: Date.UTC(2027, 2, 20),
      end: Date.UTC(2028, 2, 20),
    });
  });

  it('a manual grant restarts the period on the grant day', () => {
    const p = program({ window: { kind: 'anniversary', every: { days: 90 }, from: 'tierChange' } });
    const m = apply(p, enrolled(p, Date.UTC(2025, 0, 10)), [
      { type: 'GRANT_TIER', key: k(), at: Date.UTC(2025, 1, 3, 9), tier: 'gold' },
    ]);
    // 3 Feb 2025 + 90 days = 4 May 2025.
    expect(m.context.period).toEqual({ start: Date.UTC(2025, 1, 3), end: Date.UTC(2025, 4, 4) });
  });
});
