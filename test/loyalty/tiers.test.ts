import { describe, expect, it } from 'vitest';
import { explain } from '../../src/loyalty/index.js';
import { apply, DAY, enrolled, k, programWith, refuse, T0 } from './helpers.js';

const Y26 = Date.UTC(2026, 0, 1);
const Y27 = Date.UTC(2027, 0, 1);
const buy = (at: number, amount: number, order = k('o')) => ({
  type: 'PURCHASE' as const,
  key: k(),
  at,
  order,
  amount,
});
const end = (at: number) => ({ type: 'PERIOD_END' as const, key: k(), at });
const gold = buy(T0, 200_000); // 2000 base points

describe('upgrades', () => {
  it('upgrades immediately by default, with the reason recorded', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [gold]);
    expect(m.context.tier).toBe('gold');
    expect(m.context.lastChange).toEqual({
      at: T0,
      from: 'member',
      to: 'gold',
      reason: 'qualified for gold by activity in the current window',
    });
  });

  it('qualifies by any one metric (visits OR points)', () => {
    const p = programWith();
    const visits = Array.from({ length: 10 }, (_, i) => ({
      type: 'VISIT' as const,
      key: k(),
      at: T0 + i,
    }));
    expect(apply(p, enrolled(p), visits).context.tier).toBe('silver');
  });

  it('waits for the period end with upgrade: nextPeriod', () => {
    const p = programWith({ upgrade: 'nextPeriod' });
    const m = apply(p, enrolled(p), [gold]);
    expect(m.context.tier).toBe('member');
    expect(apply(p, m, [end(Y26)]).context.tier).toBe('gold');
  });
});

describe('downgrades at period end', () => {
  const cases = [
    ['periodEnd', 'member'],
    ['oneStep', 'silver'],
    ['never', 'gold'],
  ] as const;
  it.each(cases)(
    '%s drops a gold member with no activity next year to %s',
    (downgrade, expected) => {
      const p = programWith({ downgrade });
      const m = apply(p, enrolled(p), [gold, end(Y26)]);
      expect(m.context.tier).toBe('gold'); // qualified in 2025, reviewed at its end
      expect(apply(p, m, [end(Y27)]).context.tier).toBe(expected);
    },
  );

  it('balance: keeps the tier the balance reaches', () => {
    const p = programWith({ downgrade: 'balance' });
    const m = apply(p, enrolled(p), [
      gold,
      { type: 'REDEEM', key: k(), at: T0, points: 1_400 },
      end(Y26),
    ]);
    expect([m.context.balance, m.context.tier]).toEqual([600, 'silver']);
  });

  it('runs every missed review when time jumps ahead', () => {
    const p = programWith({ downgrade: 'oneStep' });
    const m = apply(p, enrolled(p), [gold, { type: 'VISIT', key: k(), at: Date.UTC(2028, 5, 1) }]);
    expect(m.context.tier).toBe('member'); // gold kept at the 2025 review, then one step per year
    expect(m.context.period).toEqual({ start: Date.UTC(2028, 0, 1), end: Date.UTC(2029, 0, 1) });
  });

  it('grace: holds the tier, cancels the drop when the member requalifies', () => {
    const p = programWith({ graceDays: 30 });
    const m = apply(p, enrolled(p), [gold, end(Y26), end(Y27)]);
    expect([m.context.tier, m.context.grace]).toEqual([
      'gold',
      { until: Y27 + 30 * DAY, to: 'member' },
    ]);
    const kept = apply(p, m, [buy(Y27 + DAY, 200_000)]);
    expect([kept.context.tier, kept.context.grace]).toEqual(['gold', null]);
    const dropped = apply(p, m, [
      buy(Y27 + DAY, 60_000),
      { type: 'EXPIRE', key: k(), at: Y27 + 30 * DAY },
    ]);
    expect([dropped.context.tier, dropped.context.grace]).toEqual(['silver', null]);
    expect(explain(p, dropped).lines.at(-1)).toMatch(
      /gold → silver, grace period ended without requalifying for gold/,
    );
  });
});

describe('manual grants', () => {
  it('lifts the tier at once and acts as a floor until it ends', () => {
    const p = programWith();
    const until = Date.UTC(2026, 6, 1);
    const m = apply(p, enrolled(p), [
      { type: 'GRANT_TIER', key: k(), at: T0, tier: 'silver', until },
    ]);
    expect(m.context.tier).toBe('silver');
    expect(apply(p, m, [end(Y26)]).context.tier).toBe('silver'); // floor holds at the review
    expect(apply(p, m, [end(Y27)]).context.tier).toBe('member'); // floor ended mid-2026
  });
});

describe('lifecycle', () => {
  it('pauses (no earning), resumes, closes (points canceled, nothing accepted)', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [buy(T0, 1_000), { type: 'PAUSE', key: 'pause', at: T0 }]);
    expect(m.state).toBe('paused');
    expect(refuse(p, m, buy(T0, 100))).toEqual({
      code: 'NOT_IN_STATE',
      message:
        "Event PURCHASE was refused in state 'paused' (NOT_IN_STATE): PURCHASE cannot be recorded while the membership is paused; send RESUME first (only retries of earlier commands are accepted now).",
    });
    expect(refuse(p, m, { type: 'PAUSE', key: k(), at: T0 }).message).toMatch(/already paused/);
    const resumed = apply(p, m, [{ type: 'RESUME', key: k(), at: T0 + 1 }]);
    expect(resumed.state).toBe('active');
    const closed = apply(p, resumed, [{ type: 'CLOSE', key: k(), at: T0 + 2 }]);
    expect([
      closed.state,
      closed.status,
      closed.context.balance,
      closed.context.totals.canceled,
    ]).toEqual(['closed', 'done', 0, 10]);
    expect(refuse(p, closed, { type: 'VISIT', key: k(), at: T0 + 3 }).code).toBe('FINAL_STATE');
  });

  it('refuses commands before enrolment with the core’s EVENT_NOT_ALLOWED', () => {
    const p = programWith();
    const fresh = {
      machine: p.machine.id,
      version: 1,
      state: 'prospect' as const,
      context: enrolled(p).context,
      status: 'active' as const,
      revision: 0,
    };
    expect(refuse(p, fresh, { type: 'VISIT', key: k(), at: T0 }).message).toBe(
      "Event VISIT is not allowed in state 'prospect'; allowed: ENROLL.",
    );
  });
});
