/**
 * `returnPolicy: 'withinBalance'` with a debt: a refund takes no more spendable points than the
 * balance holds, from the refunded order's own lots as from other orders' lots. What it cannot
 * take is counted as uncollected. Figures are worked out in the comments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restoreSnapshot, transition } from '../../src/index.js';
import type { LoyaltyPolicyInput, MembershipEvent } from '../../src/loyalty/index.js';
import { type AnyOp, anyOp, anyPolicy, walk } from './arbitraries.js';
import { apply, DAY, enrolled, k, type Member, programWith, T0 } from './helpers.js';

const buy = (order: string, amount: number, at = T0): MembershipEvent => ({
  type: 'PURCHASE',
  key: k(),
  at,
  order,
  amount,
});
const refund = (order: string, amount: number, at: number): MembershipEvent => ({
  type: 'REFUND',
  key: k(),
  at,
  order,
  amount,
});
const adjust = (points: number, at: number): MembershipEvent => ({
  type: 'ADJUST',
  key: k(),
  at,
  points,
  reason: 'manual correction',
});
const expire = (at: number): MembershipEvent => ({ type: 'EXPIRE', key: k(), at });

const withDebt: LoyaltyPolicyInput = {
  pendingDays: 2,
  allowNegativeBalance: true,
  returnPolicy: 'withinBalance',
};

const figures = (m: Member) => ({
  balance: m.context.balance,
  debt: m.context.debt,
  clawedBack: m.context.totals.clawedBack,
  uncollected: m.context.totals.uncollected,
  lots: m.context.lots.map((l) => [l.order, l.status, l.remaining]),
});

/**
 * Order A earns 100 points, pending for 2 days; an adjustment of −50 meanwhile finds a balance of
 * 0 and records a debt of 50 (balance −50); when A becomes spendable the balance is 100 − 50 = 50.
 */
function debtThenActive(policy: LoyaltyPolicyInput) {
  const p = programWith(policy);
  const m = apply(p, enrolled(p), [buy('A', 10_000), adjust(-50, T0 + 1), expire(T0 + 2 * DAY)]);
  expect(figures(m)).toMatchObject({ balance: 50, debt: 50, lots: [['A', 'active', 100]] });
  return { p, m };
}

describe('withinBalance with a debt (regression: the balance went below zero)', () => {
  it('a full refund takes only the 50 the balance holds: balance 0, 50 uncollected', () => {
    const { p, m } = debtThenActive(withDebt);
    const r = apply(p, m, [refund('A', 10_000, T0 + 2 * DAY + 1)]);
    // 100 due; the balance is 50, so 50 come out of A (50 left in it, still offsetting the debt of
    // 50) and the other 50 are uncollected. Before the fix all 100 were taken: balance −50.
    expect(figures(r)).toEqual({
      balance: 0,
      debt: 50,
      clawedBack: 50,
      uncollected: 50,
      lots: [['A', 'active', 50]],
    });
    // The order counts its whole refunded share as settled: a later refund does not retry it.
    expect(r.context.orders[0]).toMatchObject({ refunded: 10_000, clawed: 100 });
    expect(restoreSnapshot(p.machine, structuredClone(r)).ok).toBe(true);
  });

  it('partial refunds: each takes what the balance still holds, then nothing', () => {
    const { p, m } = debtThenActive(withDebt);
    // 40% refunded: 40 due, balance 50 → all 40 taken, balance 10.
    const a = apply(p, m, [refund('A', 4_000, T0 + 2 * DAY + 1)]);
    expect(figures(a)).toMatchObject({ balance: 10, clawedBack: 40, uncollected: 0 });
    // 40% more: 40 due, balance 10 → 10 taken, 30 uncollected, balance 0.
    const b = apply(p, a, [refund('A', 4_000, T0 + 2 * DAY + 2)]);
    expect(figures(b)).toMatchObject({ balance: 0, clawedBack: 50, uncollected: 30 });
    // The last 20%: 20 due, balance 0 → nothing taken.
    const c = apply(p, b, [refund('A', 2_000, T0 + 2 * DAY + 3)]);
    expect(figures(c)).toEqual({
      balance: 0,
      debt: 50,
      clawedBack: 50,
      uncollected: 50,
      lots: [['A', 'active', 50]],
    });
  });

  it('a balance already below zero is not lowered further; pending points are still taken', () => {
    const p = programWith(withDebt);
    // A: 100 pending; −150 with a balance of 0 → debt 150, balance −150; A spendable → −50.
    const m = apply(p, enrolled(p), [buy('A', 10_000), adjust(-150, T0 + 1), expire(T0 + 2 * DAY)]);
    expect(figures(m)).toMatchObject({ balance: -50, debt: 150 });
    const r = apply(p, m, [refund('A', 10_000, T0 + 2 * DAY + 1)]);
    // Nothing spendable to take: all 100 uncollected, the balance stays −50 (it was −150).
    expect(figures(r)).toMatchObject({ balance: -50, debt: 150, clawedBack: 0, uncollected: 100 });
    // The same refund while A is still pending takes A's 100: pending points are not in the
    // balance, so taking them leaves it at −150, where it was.
    const q = programWith(withDebt);
    const pending = apply(q, enrolled(q), [
      buy('A', 10_000),
      adjust(-150, T0 + 1),
      refund('A', 10_000, T0 + 2),
    ]);
    expect(figures(pending)).toEqual({
      balance: -150,
      debt: 150,
      clawedBack: 100,
      uncollected: 0,
      lots: [],
    });
  });

  it('with clawbackFromOtherOrders, the own lot and the other lots together stay within the balance', () => {
    const p = programWith({ ...withDebt, clawbackFromOtherOrders: true });
    // A and B each 100 pending; −150 → debt 150; both spendable → balance 200 − 150 = 50.
    const m = apply(p, enrolled(p), [
      buy('A', 10_000),
      buy('B', 10_000),
      adjust(-150, T0 + 1),
      expire(T0 + 2 * DAY),
    ]);
    expect(figures(m)).toMatchObject({ balance: 50, debt: 150 });
    const r = apply(p, m, [refund('A', 10_000, T0 + 2 * DAY + 1)]);
    // 100 due, 50 of room: A gives 50, nothing is left for B; 50 uncollected.
    expect(figures(r)).toEqual({
      balance: 0,
      debt: 150,
      clawedBack: 50,
      uncollected: 50,
      lots: [
        ['A', 'active', 50],
        ['B', 'active', 100],
      ],
    });
  });

  it('unlimited and pendingOnly are unchanged by the cap', () => {
    // unlimited takes A in full: balance 50 − 100 = −50 (the debt stays 50: nothing is short).
    const u = debtThenActive({ ...withDebt, returnPolicy: 'unlimited' });
    expect(figures(apply(u.p, u.m, [refund('A', 10_000, T0 + 2 * DAY + 1)]))).toEqual({
      balance: -50,
      debt: 50,
      clawedBack: 100,
      uncollected: 0,
      lots: [],
    });
    // pendingOnly takes nothing spendable: all 100 uncollected, balance 50.
    const po = debtThenActive({ ...withDebt, returnPolicy: 'pendingOnly' });
    expect(figures(apply(po.p, po.m, [refund('A', 10_000, T0 + 2 * DAY + 1)]))).toMatchObject({
      balance: 50,
      clawedBack: 0,
      uncollected: 100,
    });
  });
});

/** Ops that build debts on pending points and refund soon after, mixed with every other op. */
const debtOp: fc.Arbitrary<AnyOp> = fc.oneof(
  { arbitrary: anyOp, weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      dt: fc.nat(DAY),
      points: fc.integer({ min: -3_000, max: -1 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      dt: fc.nat(3 * DAY),
      pick: fc.nat(),
      share: fc.integer({ min: 1, max: 100 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('expire' as const), dt: fc.nat(10 * DAY) }),
    weight: 1,
  },
);

const withinBalancePolicy = fc
  .record({ base: anyPolicy, pendingDays: fc.constantFrom(0, 2, 7, 60) })
  .map(
    ({ base, pendingDays }): LoyaltyPolicyInput => ({
      ...base,
      pendingDays,
      refundWindowDays: 90,
      returnPolicy: 'withinBalance',
      allowNegativeBalance: true,
    }),
  );

describe('withinBalance property', () => {
  it('no refund takes the balance below zero (nor lowers one already below it); balance = active lots − debt', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        withinBalancePolicy,
        fc.array(debtOp, { maxLength: 60, size: 'max' }),
        (policy, ops) => {
          const { program, states, accepted } = walk(policy, ops);
          states.forEach((s, i) => {
            let active = 0;
            for (const l of s.context.lots) if (l.status === 'active') active += l.remaining;
            expect(s.context.balance).toBe(active - s.context.debt);
            const event = accepted[i];
            const before = states[i - 1];
            if (event?.type !== 'REFUND' || before === undefined) return;
            // The balance the refund starts from: the snapshot settled at the refund's time (lots
            // expiring then may lower it, which is the expiry's doing, not the refund's).
            const probe = transition(program.machine, before, {
              type: 'EXPIRE',
              key: 'probe',
              at: event.at,
            });
            const start = probe.ok ? probe.snapshot.context.balance : before.context.balance;
            if (probe.ok) checked++;
            if (start >= 0) expect(s.context.balance).toBeGreaterThanOrEqual(0);
            expect(s.context.balance).toBeGreaterThanOrEqual(Math.min(0, start));
          });
        },
      ),
      { numRuns: 300 },
    );
    // The property saw refunds (it is not vacuous).
    expect(checked).toBeGreaterThan(100);
  }, 60_000);
});
