import { describe, expect, it } from 'vitest';
import { apply, DAY, enrolled, k, programWith, refuse, T0 } from './helpers.js';

describe('earning', () => {
  it('credits base points times the tier multiplier, as an active lot', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [
      { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 60_000 }, // 600 base → silver
      { type: 'PURCHASE', key: k(), at: T0 + 1, order: 'B', amount: 1_099 }, // 10 base × 125% = 12
    ]);
    expect(m.context.lots).toEqual([
      {
        id: 0,
        source: 'purchase',
        order: 'A',
        points: 600,
        remaining: 600,
        status: 'active',
        earnedAt: T0,
        availableAt: T0,
        expiresAt: null,
        qualifying: 600,
      },
      {
        id: 1,
        source: 'purchase',
        order: 'B',
        points: 12,
        remaining: 12,
        status: 'active',
        earnedAt: T0 + 1,
        availableAt: T0 + 1,
        expiresAt: null,
        qualifying: 10,
      },
    ]);
    expect(m.context.balance).toBe(612);
    expect(m.context.tier).toBe('silver');
  });

  it('keeps points pending for pendingDays, then activates them', () => {
    const p = programWith({ pendingDays: 14 });
    const m = apply(p, enrolled(p), [
      { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 10_000 },
    ]);
    expect([m.context.balance, m.context.lots[0]?.status]).toEqual([0, 'pending']);
    const later = apply(p, m, [{ type: 'EXPIRE', key: k(), at: T0 + 14 * DAY }]);
    expect([later.context.balance, later.context.lots[0]?.status]).toEqual([100, 'active']);
  });

  it('credits referral points without the multiplier', () => {
    const p = programWith({ referralPoints: 250 });
    const m = apply(p, enrolled(p), [
      { type: 'REFERRAL', key: k(), at: T0, referee: 'friend@example.com' },
    ]);
    expect([m.context.balance, m.context.lots[0]?.source]).toEqual([250, 'referral']);
  });
});

describe('expiry', () => {
  const at = Date.UTC(2025, 4, 20);
  it.each([
    [{ kind: 'never' as const }, null],
    [{ kind: 'days' as const, days: 30 }, at + 30 * DAY],
    [{ kind: 'endOfMonth' as const, months: 0 }, Date.UTC(2025, 5, 1)],
    [{ kind: 'endOfMonth' as const, months: 2 }, Date.UTC(2025, 7, 1)],
    [{ kind: 'endOfYear' as const, years: 1 }, Date.UTC(2027, 0, 1)],
  ])('%o sets expiresAt', (expiry, expiresAt) => {
    const p = programWith({ expiry });
    const m = apply(p, enrolled(p, at), [
      { type: 'PURCHASE', key: k(), at, order: 'A', amount: 500 },
    ]);
    expect(m.context.lots[0]?.expiresAt).toBe(expiresAt);
  });

  it('expires lots when time passes, compacting them into the totals', () => {
    const p = programWith({ expiry: { kind: 'days', days: 10 } });
    const m = apply(p, enrolled(p), [
      { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 500 },
      { type: 'PURCHASE', key: k(), at: T0 + 5 * DAY, order: 'B', amount: 700 },
      { type: 'EXPIRE', key: k(), at: T0 + 10 * DAY },
    ]);
    expect(m.context.lots.map((l) => l.order)).toEqual(['B']);
    expect([m.context.balance, m.context.totals.expired]).toEqual([7, 5]);
  });
});

describe('redemption', () => {
  const lots = [
    { type: 'PURCHASE' as const, key: 'a', at: T0, order: 'A', amount: 300 }, // 3 points, expires late
    { type: 'PURCHASE' as const, key: 'b', at: T0 + DAY, order: 'B', amount: 500 }, // 5 points
  ];

  it('spends the oldest lots first by default', () => {
    const p = programWith({ expiry: { kind: 'days', days: 30 } });
    const m = apply(p, enrolled(p), [
      ...lots,
      { type: 'REDEEM', key: k(), at: T0 + DAY, points: 4 },
    ]);
    expect(m.context.lots.map((l) => [l.order, l.remaining])).toEqual([['B', 4]]);
    expect([m.context.balance, m.context.totals.redeemed]).toEqual([4, 4]);
  });

  it('spends the soonest-expiring lots first when asked', () => {
    const policy = {
      referralPoints: 5,
      expiry: { kind: 'endOfYear' as const },
      referralExpiry: { kind: 'days' as const, days: 30 },
    };
    const events = [
      { type: 'PURCHASE' as const, key: 'a', at: T0, order: 'A', amount: 300 },
      { type: 'REFERRAL' as const, key: 'r', at: T0 + DAY, referee: 'ann' },
      { type: 'REDEEM' as const, key: 'x', at: T0 + DAY, points: 4 },
    ];
    const soonest = programWith({ ...policy, spendOrder: 'soonestExpiringFirst' });
    expect(
      apply(soonest, enrolled(soonest), events).context.lots.map((l) => [l.source, l.remaining]),
    ).toEqual([
      ['purchase', 3],
      ['referral', 1],
    ]);
    const oldest = programWith(policy);
    expect(
      apply(oldest, enrolled(oldest), events).context.lots.map((l) => [l.source, l.remaining]),
    ).toEqual([['referral', 4]]);
  });

  it('allows partial redemption of the whole balance only when asked', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [
      ...lots,
      { type: 'REDEEM', key: k(), at: T0 + DAY, points: 100, partial: true },
    ]);
    expect([m.context.balance, m.context.lots, m.context.totals.redeemed]).toEqual([0, [], 8]);
  });

  it('refuses redeeming more than the balance, saying how much is possible', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), lots);
    expect(refuse(p, m, { type: 'REDEEM', key: k(), at: T0 + DAY, points: 9 })).toEqual({
      code: 'INSUFFICIENT_POINTS',
      message:
        "Event REDEEM was refused in state 'active' (INSUFFICIENT_POINTS): Redeeming 9 points needs that many spendable points, but the balance is 8; redeem at most 8, or set partial: true.",
    });
    expect(
      refuse(p, enrolled(p), { type: 'REDEEM', key: k(), at: T0, points: 1, partial: true }).code,
    ).toBe('INSUFFICIENT_POINTS');
  });
});

describe('refunds', () => {
  const p = programWith();
  const bought = () =>
    apply(p, enrolled(p), [{ type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 10_000 }]); // 100 points

  it('claws back in proportion to the refunded share, cumulatively, never more than earned', () => {
    const m = apply(p, bought(), [
      { type: 'REFUND', key: k(), at: T0 + DAY, order: 'A', amount: 3_333 },
      { type: 'REFUND', key: k(), at: T0 + DAY, order: 'A', amount: 3_333 },
      { type: 'REFUND', key: k(), at: T0 + DAY, order: 'A', amount: 3_334 },
    ]);
    expect(m.context.orders).toEqual([
      {
        id: 'A',
        at: T0,
        amount: 10_000,
        refunded: 10_000,
        base: 100,
        earned: 100,
        clawed: 100,
        baseClawed: 100,
      },
    ]);
    expect([m.context.balance, m.context.totals.clawedBack, m.context.totals.uncollected]).toEqual([
      0, 100, 0,
    ]);
    expect(m.context.months).toEqual([{ month: 2025 * 12, points: 0, spend: 0, visits: 1 }]);
  });

  it('takes from other lots when the order’s points were spent only when the policy allows it, never driving the balance negative', () => {
    const p = programWith({ clawbackFromOtherOrders: true });
    const bought = () =>
      apply(p, enrolled(p), [{ type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 10_000 }]);
    const m = apply(p, bought(), [
      { type: 'PURCHASE', key: k(), at: T0, order: 'B', amount: 2_000 }, // 20 points
      { type: 'REDEEM', key: k(), at: T0, points: 110 },
      { type: 'REFUND', key: k(), at: T0 + DAY, order: 'A', amount: 10_000 },
    ]);
    expect([m.context.balance, m.context.totals.clawedBack, m.context.totals.uncollected]).toEqual([
      0, 10, 90,
    ]);
  });

  it('refuses unknown orders, orders past the refund window and over-refunds', () => {
    const m = bought();
    expect(
      refuse(p, m, { type: 'REFUND', key: k(), at: T0, order: 'nope', amount: 1 }),
    ).toMatchObject({ code: 'UNKNOWN_ORDER' });
    expect(
      refuse(p, m, { type: 'REFUND', key: k(), at: T0, order: 'A', amount: 10_001 }).message,
    ).toMatch(/at most 10000 can still be refunded/);
    expect(
      refuse(p, m, { type: 'REFUND', key: k(), at: T0 + 91 * DAY, order: 'A', amount: 1 }).message,
    ).toMatch(/90-day refund window/);
  });
});

describe('bad inputs change nothing', () => {
  const p = programWith();
  const m = enrolled(p);
  it.each([
    [
      'negative amount',
      { type: 'PURCHASE' as const, key: 'x', at: T0, order: 'A', amount: -5 },
      'INVALID_PAYLOAD',
    ],
    [
      'fractional amount',
      { type: 'PURCHASE' as const, key: 'x', at: T0, order: 'A', amount: 9.99 },
      'INVALID_PAYLOAD',
    ],
    [
      'fractional points',
      { type: 'REDEEM' as const, key: 'x', at: T0, points: 1.5 },
      'INVALID_PAYLOAD',
    ],
    ['fractional time', { type: 'VISIT' as const, key: 'x', at: T0 + 0.5 }, 'INVALID_PAYLOAD'],
    ['empty key', { type: 'VISIT' as const, key: '', at: T0 }, 'INVALID_PAYLOAD'],
    [
      'key over 128 chars',
      { type: 'VISIT' as const, key: 'k'.repeat(129), at: T0 },
      'INVALID_PAYLOAD',
    ],
    [
      'unknown tier',
      { type: 'GRANT_TIER' as const, key: 'x', at: T0, tier: 'platinum' },
      'UNKNOWN_TIER',
    ],
    [
      'grant ending before it starts',
      { type: 'GRANT_TIER' as const, key: 'x', at: T0, tier: 'gold', until: T0 },
      'INVALID_COMMAND',
    ],
    [
      'refund of unknown order',
      { type: 'REFUND' as const, key: 'x', at: T0, order: 'A', amount: 1 },
      'UNKNOWN_ORDER',
    ],
    [
      'redeem over balance',
      { type: 'REDEEM' as const, key: 'x', at: T0, points: 1 },
      'INSUFFICIENT_POINTS',
    ],
    ['time going backwards', { type: 'VISIT' as const, key: 'x', at: T0 - 1 }, 'OUT_OF_ORDER'],
    ['early period end', { type: 'PERIOD_END' as const, key: 'x', at: T0 }, 'PERIOD_NOT_ENDED'],
  ])('%s', (_name, event, code) => {
    expect(refuse(p, m, event).code).toBe(code);
  });

  it('refuses a second purchase under a held order id', () => {
    const b = apply(p, m, [{ type: 'PURCHASE', key: 'a', at: T0, order: 'A', amount: 100 }]);
    expect(
      refuse(p, b, { type: 'PURCHASE', key: 'b', at: T0, order: 'A', amount: 100 }).message,
    ).toMatch(/Order 'A' has already earned points/);
  });
});
