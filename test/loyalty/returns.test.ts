/**
 * Return policies: how much a refund claws back (`returnPolicy`) and whether it may reach into
 * other orders' lots (`clawbackFromOtherOrders`). Figures are worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { restoreSnapshot } from '../../src/index.js';
import type { LoyaltyPolicyInput } from '../../src/loyalty/index.js';
import { apply, DAY, enrolled, k, programWith, refuse, T0 } from './helpers.js';

const buy = (order: string, amount: number, at = T0) => ({
  type: 'PURCHASE' as const,
  key: k(),
  at,
  order,
  amount,
});
const refund = (order: string, amount: number, at = T0 + DAY) => ({
  type: 'REFUND' as const,
  key: k(),
  at,
  order,
  amount,
});

/** Order A earns 100 points and they expire (45 days); order B earns 100 points later. */
function expiredA(policy: LoyaltyPolicyInput) {
  const p = programWith({ expiry: { kind: 'days', days: 45 }, refundWindowDays: 90, ...policy });
  const m = apply(p, enrolled(p), [
    buy('A', 10_000), // 100 points, expire at T0 + 45 days
    buy('B', 10_000, T0 + 40 * DAY), // 100 points, expire at T0 + 85 days
    { type: 'EXPIRE', key: k(), at: T0 + 50 * DAY }, // A's 100 expire; balance 100 (B)
  ]);
  expect([m.context.balance, m.context.totals.expired]).toEqual([100, 100]);
  return { p, m };
}

describe('a full refund of an order whose points expired', () => {
  it('by default takes nothing from order B: 100 owed, 0 collected, B keeps its 100', () => {
    const { p, m } = expiredA({});
    const r = apply(p, m, [refund('A', 10_000, T0 + 50 * DAY)]);
    // Clawback due 100; A's lots are gone; other orders are off limits → 100 uncollected.
    expect([r.context.balance, r.context.totals.clawedBack, r.context.totals.uncollected]).toEqual([
      100, 0, 100,
    ]);
    expect(r.context.lots.map((l) => [l.order, l.remaining])).toEqual([['B', 100]]);
  });

  it('with clawbackFromOtherOrders, takes the 100 from order B', () => {
    const { p, m } = expiredA({ clawbackFromOtherOrders: true });
    const r = apply(p, m, [refund('A', 10_000, T0 + 50 * DAY)]);
    // 100 due, B holds 100 → balance 100 − 100 = 0, nothing uncollected.
    expect([r.context.balance, r.context.totals.clawedBack, r.context.totals.uncollected]).toEqual([
      0, 100, 0,
    ]);
  });
});

describe('returnPolicy', () => {
  it('pendingOnly claws back pending points and leaves spendable ones', () => {
    const p = programWith({ returnPolicy: 'pendingOnly', pendingDays: 14 });
    const m = apply(p, enrolled(p), [
      buy('A', 10_000), // 100 points, spendable at T0 + 14 days
      buy('B', 5_000, T0 + 20 * DAY), // 50 points, pending until T0 + 34 days; A is active now
    ]);
    expect(m.context.balance).toBe(100);
    // Refund half of B (pending): 25 points due, taken from B's pending lot → 25 left pending.
    const b = apply(p, m, [refund('B', 2_500, T0 + 21 * DAY)]);
    expect(b.context.lots.map((l) => [l.order, l.status, l.remaining])).toEqual([
      ['A', 'active', 100],
      ['B', 'pending', 25],
    ]);
    // Refund all of A (active): 100 due, nothing pending in A → all 100 uncollected.
    const a = apply(p, b, [refund('A', 10_000, T0 + 21 * DAY)]);
    expect([a.context.balance, a.context.totals.clawedBack, a.context.totals.uncollected]).toEqual([
      100, 25, 100,
    ]);
  });

  it('withinBalance never takes more than the lots hold (the balance never goes below zero)', () => {
    const p = programWith({ clawbackFromOtherOrders: true });
    const m = apply(p, enrolled(p), [
      buy('A', 10_000), // 100
      buy('B', 2_000), // 20 → balance 120
      { type: 'REDEEM', key: k(), at: T0, points: 110 }, // A spent (100), B 10 left
      refund('A', 10_000), // 100 due: A has 0, B gives 10 → 90 uncollected
    ]);
    expect([m.context.balance, m.context.debt, m.context.totals.uncollected]).toEqual([0, 0, 90]);
  });

  it('unlimited records the shortfall as a debt: the balance goes negative and is paid off by new points', () => {
    const p = programWith({ returnPolicy: 'unlimited' });
    const m = apply(p, enrolled(p), [
      buy('A', 10_000), // 100
      { type: 'REDEEM', key: k(), at: T0, points: 100 }, // balance 0
      refund('A', 10_000), // 100 due, nothing left → debt 100, balance −100
    ]);
    expect([m.context.balance, m.context.debt, m.context.totals.uncollected]).toEqual([
      -100, 100, 0,
    ]);
    // A negative balance redeems nothing, and the sentence names the debt.
    expect(refuse(p, m, { type: 'REDEEM', key: k(), at: T0 + DAY, points: 1 }).message).toMatch(
      /balance is -100 \(a debt of 100 points/,
    );
    // 60 new points pay 60 of the debt: balance −40, no lot kept; then 70 more: debt paid, 30 left.
    const n = apply(p, m, [buy('B', 6_000, T0 + 2 * DAY), buy('C', 7_000, T0 + 2 * DAY)]);
    expect([n.context.balance, n.context.debt, n.context.lots.map((l) => l.remaining)]).toEqual([
      30,
      0,
      [30],
    ]);
    // earned 230 = live 30 + redeemed 100 + clawed back 100 (paid off from B and C).
    expect(n.context.totals).toMatchObject({ earned: 230, redeemed: 100, clawedBack: 100 });
    // A snapshot with a debt restores: the invariant reads balance = active − debt.
    expect(restoreSnapshot(p.machine, structuredClone(m)).ok).toBe(true);
  });

  it('unlimited without clawbackFromOtherOrders leaves other lots alone and nets the debt in the balance', () => {
    const p = programWith({ returnPolicy: 'unlimited' });
    const m = apply(p, enrolled(p), [
      buy('A', 10_000), // 100
      buy('B', 3_000), // 30 → balance 130
      { type: 'REDEEM', key: k(), at: T0, points: 100 }, // A spent; B 30 left
      refund('A', 10_000), // 100 due: A empty, B untouched → debt 100, balance 30 − 100 = −70
    ]);
    expect([m.context.balance, m.context.debt, m.context.lots.map((l) => l.order)]).toEqual([
      -70,
      100,
      ['B'],
    ]);
  });

  it('a corrupted debt is caught by balanceMatchesLots', () => {
    const p = programWith({ returnPolicy: 'unlimited' });
    const m = apply(p, enrolled(p), [buy('A', 10_000)]);
    const forged = structuredClone(m);
    forged.context.debt = 5;
    const r = restoreSnapshot(p.machine, forged);
    expect(!r.ok && r.error.message).toMatch(
      /balanceMatchesLots.*balance is 100 but the active lots hold 100 points and the debt is 5/,
    );
  });
});
