import { describe, expect, it } from 'vitest';
import {
  defineLoyaltyProgram,
  defineTierLadder,
  LoyaltyDefinitionError,
} from '../../src/loyalty/index.js';
import { ladder } from './helpers.js';

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof LoyaltyDefinitionError)
      return error.problems.map((p) => [p.code, p.path.join('.')]);
    throw error;
  }
  throw new Error('expected a LoyaltyDefinitionError');
};

describe('defineTierLadder', () => {
  it('fills in ranks, entry thresholds, multipliers and names', () => {
    expect(ladder.tiers[0]).toEqual({
      id: 'member',
      name: 'member',
      rank: 0,
      threshold: { points: 0, visits: 0 },
      multiplier: 100,
      perks: [],
    });
    expect(ladder.tiers.map((t) => t.multiplier)).toEqual([100, 125, 150]);
    expect(ladder.source).toBe('house rules');
  });

  it('rejects an empty ladder', () => {
    expect(
      problemsOf(() => defineTierLadder({ id: 'x', qualifyBy: ['points'], tiers: [] })),
    ).toEqual([['EMPTY_LADDER', 'tiers']]);
  });

  it('rejects duplicate ids and non-increasing thresholds, listing every problem', () => {
    const problems = problemsOf(() =>
      defineTierLadder({
        id: 'x',
        qualifyBy: ['points', 'spend'],
        tiers: [
          { id: 'a' },
          { id: 'b', threshold: { points: 100, spend: 500 } },
          { id: 'b', threshold: { points: 100, spend: 400 } },
        ],
      }),
    );
    expect(problems).toEqual([
      ['DUPLICATE_TIER', 'tiers.2.id'],
      ['NON_INCREASING_THRESHOLD', 'tiers.2.threshold.points'],
      ['NON_INCREASING_THRESHOLD', 'tiers.2.threshold.spend'],
    ]);
  });

  it('rejects fractional, negative and missing thresholds, a non-zero entry tier and bad benefits', () => {
    const problems = problemsOf(() =>
      defineTierLadder({
        id: 'x',
        qualifyBy: ['spend'],
        tiers: [
          { id: 'a', threshold: { spend: 10 } },
          { id: 'b', threshold: { spend: 10.5 }, multiplier: 1.5 },
          { id: 'c', threshold: { spend: -1, visits: 3 } },
          { id: 'd' },
        ],
      }),
    );
    expect(problems).toEqual([
      ['INVALID_THRESHOLD', 'tiers.0.threshold.spend'],
      ['INVALID_THRESHOLD', 'tiers.1.threshold.spend'],
      ['INVALID_BENEFIT', 'tiers.1.multiplier'],
      ['INVALID_THRESHOLD', 'tiers.2.threshold.visits'],
      ['INVALID_THRESHOLD', 'tiers.2.threshold.spend'],
      ['INVALID_THRESHOLD', 'tiers.3.threshold.spend'],
    ]);
  });

  it('rejects an unknown or missing qualifying metric with a readable message', () => {
    expect(() =>
      // @ts-expect-error 'stays' is not a metric
      defineTierLadder({ id: 'x', qualifyBy: ['stays'], tiers: [{ id: 'a' }] }),
    ).toThrow(/'stays' is not a metric; use points, spend, visits/);
    expect(
      problemsOf(() => defineTierLadder({ id: '', qualifyBy: [], tiers: [{ id: 'a' }] })),
    ).toEqual([
      ['INVALID_LADDER', 'id'],
      ['INVALID_LADDER', 'qualifyBy'],
    ]);
  });
});

describe('defineLoyaltyProgram', () => {
  it('fills in the policy defaults and carries provenance', () => {
    const program = defineLoyaltyProgram({ ladder });
    expect(program.policy).toEqual({
      window: { kind: 'calendarYear' },
      timeZone: 'UTC',
      upgrade: 'immediate',
      downgrade: 'periodEnd',
      graceDays: 0,
      earn: { points: 1, per: 100 },
      referralPoints: 0,
      pendingDays: 0,
      expiry: { kind: 'never' },
      spendOrder: 'oldestFirst',
      refundWindowDays: 90,
      returnPolicy: 'withinBalance',
      clawbackFromOtherOrders: false,
      downgradeTiming: 'periodEnd',
      pendingQualifies: true,
      expiryFrom: 'earned',
      expiryAt: 'instant',
      allowNegativeBalance: false,
      idempotency: { maxKeys: 200, days: 1 },
      lapseDays: 365,
    });
    expect(program.machine.id).toBe('loyalty.shop');
    expect(program.machine.definition.meta?.source).toMatch(/Customer Service: Developing skills/);
    expect(program.machine.definition.meta?.source).not.toMatch(/seed|\d{3}_[0-9a-f]{16}/i);
  });

  it('rejects an invalid policy with every problem', () => {
    expect(
      problemsOf(() =>
        defineLoyaltyProgram({
          ladder,
          policy: { graceDays: -1, window: { kind: 'rolling', months: 0 } },
        }),
      ),
    ).toEqual([
      ['INVALID_POLICY', 'window.months'],
      ['INVALID_POLICY', 'graceDays'],
    ]);
  });
});
