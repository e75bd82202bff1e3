/**
 * Regression tests for bugs found in the loyalty rules; each fails on the code before its fix.
 */
import { describe, expect, it } from 'vitest';
import { defineLoyaltyProgram, defineTierLadder, explain } from '../../src/loyalty/index.js';
import { apply, enrolled, k, T0 } from './helpers.js';

const Y26 = Date.UTC(2026, 0, 1);
const buy = (at: number, amount: number) => ({
  type: 'PURCHASE' as const,
  key: k(),
  at,
  order: k('o'),
  amount,
});

describe('year-end review with year-end expiry (downgrade: balance)', () => {
  // Ladder of 0 / 10 / 30 points; points expire at the end of the year they were earned in,
  // exactly the instant the 2025 review runs.
  const program = defineLoyaltyProgram({
    ladder: defineTierLadder({
      id: 'year-end',
      qualifyBy: ['points'],
      tiers: [
        { id: 'bronze' },
        { id: 'silver', threshold: { points: 10 } },
        { id: 'gold', threshold: { points: 30 } },
      ],
    }),
    policy: { downgrade: 'balance', expiry: { kind: 'endOfYear', years: 0 } },
  });

  it.each([
    // 1 point per 100: 500 → 5 points (bronze), 1,000 → 10 (silver), 3,000 → 30 (gold).
    [500, 5, 'bronze'],
    [1_000, 10, 'silver'],
    [3_000, 30, 'gold'],
  ])(
    'a member spending %i (balance %i) keeps %s: the review reads the balance before the lots expire',
    (amount, points, tier) => {
      const m = apply(program, enrolled(program), [buy(T0, amount)]);
      expect([m.context.balance, m.context.tier]).toEqual([points, tier]);
      const after = apply(program, m, [{ type: 'PERIOD_END', key: k(), at: Y26 }]);
      // Reviewed on the balance of 2025 (5, 10 or 30), then the lots expired at 2026-01-01.
      expect(after.context.tier).toBe(tier);
      expect([after.context.balance, after.context.totals.expired, after.context.lots]).toEqual([
        0,
        points,
        [],
      ]);
    },
  );

  it('the same holds when the review is caught up by a later command', () => {
    const m = apply(program, enrolled(program), [buy(T0, 3_000)]);
    const later = apply(program, m, [{ type: 'VISIT', key: k(), at: Date.UTC(2026, 2, 1) }]);
    expect([later.context.tier, later.context.balance]).toEqual(['gold', 0]);
  });
});

describe('the reason of a balance downgrade names the balance it used', () => {
  const program = defineLoyaltyProgram({
    ladder: defineTierLadder({
      id: 'reason',
      qualifyBy: ['points'],
      tiers: [
        { id: 'test1' },
        { id: 'test2', threshold: { points: 12 } },
        { id: 'test3', threshold: { points: 30 } },
      ],
    }),
    policy: { downgrade: 'balance' },
  });

  it('15 qualifying points reach test2, but the balance of 11 decides: the reason says so', () => {
    // 1,500 spent → 15 points → test2 at once; 4 redeemed → balance 11, below test2's 12.
    const m = apply(program, enrolled(program), [
      buy(T0, 1_500),
      { type: 'REDEEM', key: k(), at: T0, points: 4 },
      { type: 'PERIOD_END', key: k(), at: Y26 },
    ]);
    expect(m.context.lastChange).toEqual({
      at: Y26,
      from: 'test2',
      to: 'test1',
      reason:
        'did not keep test2 in the period that ended (balance 11; downgrade: balance compares the balance, not the 15 qualifying points, with the thresholds)',
    });
    const lines = explain(program, m).lines;
    expect(lines).toContain(
      'Last change at 2026-01-01T00:00:00.000Z: test2 → test1, did not keep test2 in the period that ended (balance 11; downgrade: balance compares the balance, not the 15 qualifying points, with the thresholds).',
    );
    expect(lines).toContain(
      'Downgrade policy balance: the tier is kept at a review by the balance, now 11 points, which reaches test1.',
    );
  });
});
