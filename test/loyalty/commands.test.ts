/**
 * CANCEL_ORDER, ADJUST, EXPIRE_LOT, UNLOCK_LOT and the two sides of a transfer.
 */
import { describe, expect, it } from 'vitest';
import { transition } from '../../src/index.js';
import { apply, DAY, enrolled, k, programWith, refuse, T0 } from './helpers.js';

const buy = (order: string, amount: number, at = T0) => ({
  type: 'PURCHASE' as const,
  key: k(),
  at,
  order,
  amount,
});

describe('CANCEL_ORDER', () => {
  it('loses only that order’s remaining points and takes back its qualifying activity', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [
      buy('A', 10_000), // 100
      buy('B', 5_000), // 50 → balance 150, month points 150
      { type: 'REDEEM', key: k(), at: T0, points: 120 }, // A spent (100), B 30 left
      { type: 'CANCEL_ORDER', key: k(), at: T0 + DAY, order: 'B' }, // B's 30 canceled
    ]);
    expect([
      m.context.balance,
      m.context.totals.canceled,
      m.context.orders.map((o) => o.id),
    ]).toEqual([0, 30, ['A']]);
    // The month keeps A's 100 qualifying points and 100.00 spend; B's 50 and 50.00 are gone.
    expect(m.context.months[0]).toMatchObject({ points: 100, spend: 10_000 });
    // A canceled order cannot be canceled or refunded again.
    expect(
      refuse(p, m, { type: 'CANCEL_ORDER', key: k(), at: T0 + DAY, order: 'B' }),
    ).toMatchObject({
      code: 'UNKNOWN_ORDER',
    });
  });
});

describe('ADJUST', () => {
  it('adds spendable, non-qualifying points, and removes points within the balance', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [
      { type: 'ADJUST', key: k(), at: T0, points: 700, reason: 'goodwill after a late delivery' },
    ]);
    expect([m.context.balance, m.context.tier, m.context.lots[0]?.source]).toEqual([
      700,
      'member',
      'adjustment',
    ]);
    const n = apply(p, m, [
      { type: 'ADJUST', key: k(), at: T0, points: -200, reason: 'duplicate' },
    ]);
    expect([n.context.balance, n.context.totals.adjustedOut]).toEqual([500, 200]);
  });

  it('refuses a negative adjustment beyond the balance unless the policy allows a negative balance', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [buy('A', 1_000)]); // 10
    const r = refuse(p, m, { type: 'ADJUST', key: k(), at: T0, points: -15, reason: 'fraud' });
    expect(r).toEqual({
      code: 'INSUFFICIENT_POINTS',
      message:
        "Event ADJUST was refused in state 'active' (INSUFFICIENT_POINTS): Adjusting by -15 points needs 15 spendable points, but the balance is 10; remove at most 10, or set the policy's allowNegativeBalance to record the rest as a debt.",
    });
    const q = programWith({ allowNegativeBalance: true });
    const d = apply(q, enrolled(q), [
      buy('A', 1_000),
      { type: 'ADJUST', key: k(), at: T0, points: -15, reason: 'fraud' }, // 10 taken, 5 owed
    ]);
    expect([d.context.balance, d.context.debt, d.context.totals.adjustedOut]).toEqual([-5, 5, 10]);
  });

  it('refuses an adjustment of 0 points as an invalid payload', () => {
    const p = programWith();
    const r = transition(p.machine, enrolled(p), {
      type: 'ADJUST',
      key: k(),
      at: T0,
      points: 0,
      reason: 'nothing',
    });
    expect(!r.ok && r.error.code).toBe('INVALID_PAYLOAD');
  });
});

describe('EXPIRE_LOT and UNLOCK_LOT', () => {
  it('expire one lot, or make one pending lot spendable now', () => {
    const p = programWith({ pendingDays: 14 });
    const m = apply(p, enrolled(p), [buy('A', 1_000), buy('B', 2_000)]); // lots 0 (10), 1 (20), pending
    const u = apply(p, m, [{ type: 'UNLOCK_LOT', key: k(), at: T0 + DAY, lot: 1 }]);
    expect([u.context.balance, u.context.lots[1]]).toEqual([
      20,
      expect.objectContaining({ status: 'active', availableAt: T0 + DAY }),
    ]);
    const e = apply(p, u, [{ type: 'EXPIRE_LOT', key: k(), at: T0 + DAY, lot: 1 }]);
    expect([e.context.balance, e.context.totals.expired, e.context.lots.map((l) => l.id)]).toEqual([
      0,
      20,
      [0],
    ]);
    expect(refuse(p, e, { type: 'EXPIRE_LOT', key: k(), at: T0 + DAY, lot: 1 }).code).toBe(
      'UNKNOWN_LOT',
    );
    expect(refuse(p, u, { type: 'UNLOCK_LOT', key: k(), at: T0 + DAY, lot: 1 }).message).toBe(
      "Event UNLOCK_LOT was refused in state 'active' (LOT_NOT_PENDING): Lot 1 is already spendable (since 2025-01-11T00:00:00.000Z); only pending lots can be unlocked.",
    );
  });
});

describe('transfers', () => {
  it('TRANSFER_OUT and TRANSFER_IN with a shared id move spendable points between two snapshots', () => {
    const p = programWith({ pendingDays: 14 });
    const giver = apply(p, enrolled(p), [
      buy('A', 10_000),
      { type: 'UNLOCK_LOT', key: k(), at: T0, lot: 0 },
    ]);
    const receiver = enrolled(p);
    const out = {
      type: 'TRANSFER_OUT' as const,
      key: k(),
      at: T0 + DAY,
      transfer: 't-1',
      counterparty: 'bob',
      points: 40,
    };
    const inn = {
      type: 'TRANSFER_IN' as const,
      key: k(),
      at: T0 + DAY,
      transfer: 't-1',
      counterparty: 'ana',
      points: 40,
    };
    const g = apply(p, giver, [out]);
    const r = apply(p, receiver, [inn]);
    // 100 − 40 = 60 left; the receiver's 40 are spendable at once (not pending) and do not qualify.
    expect([g.context.balance, g.context.totals.transferredOut]).toEqual([60, 40]);
    expect([r.context.balance, r.context.lots[0]?.source, r.context.months]).toEqual([
      40,
      'transfer',
      [],
    ]);
    expect(refuse(p, g, { ...out, key: k(), points: 61 }).code).toBe('INSUFFICIENT_POINTS');
  });

  it('a paused member neither sends nor receives transfers', () => {
    const p = programWith();
    const paused = apply(p, enrolled(p), [{ type: 'PAUSE', key: k(), at: T0 }]);
    const inn = {
      type: 'TRANSFER_IN' as const,
      key: k(),
      at: T0,
      transfer: 't',
      counterparty: 'a',
      points: 1,
    };
    expect(refuse(p, paused, inn).code).toBe('NOT_IN_STATE');
  });
});
