import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restoreSnapshot, transition } from '../../src/index.js';
import { anyOps, anyPolicy, walk } from './arbitraries.js';
import { apply, DAY, enrolled, k, type Member, programWith, T0 } from './helpers.js';

const params = { numRuns: 120 };

/** Every number anywhere in a value. */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbers(v, out);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) numbers(v, out);
  return out;
}

describe('every reachable snapshot keeps the invariants', () => {
  it('restoreSnapshot (which checks every invariant) accepts each snapshot a command sequence reaches', () => {
    fc.assert(
      fc.property(anyPolicy, anyOps, (policy, ops) => {
        const { program, states } = walk(policy, ops);
        for (const s of states) {
          const restored = restoreSnapshot(program.machine, JSON.parse(JSON.stringify(s)));
          if (!restored.ok) expect.fail(restored.error.message);
          expect(restored.snapshot).toEqual(s);
        }
      }),
      params,
    );
  }, 30_000);

  it('every number in a reachable snapshot is a safe integer', () => {
    fc.assert(
      fc.property(anyPolicy, anyOps, (policy, ops) => {
        for (const s of walk(policy, ops).states) {
          expect(numbers(s.context).every((n) => Number.isSafeInteger(n))).toBe(true);
          if (policy.returnPolicy !== 'unlimited' && !policy.allowNegativeBalance)
            expect(s.context.balance).toBeGreaterThanOrEqual(0);
        }
      }),
      params,
    );
  }, 30_000);
});

describe('restoreSnapshot rejects a snapshot that breaks an invariant', () => {
  const p = programWith({ expiry: { kind: 'days', days: 30 }, graceDays: 10 });
  const m = apply(p, enrolled(p), [
    { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 1_000 },
    { type: 'REFUND', key: k(), at: T0 + DAY, order: 'A', amount: 500 },
  ]);
  const edit = (change: (c: Member['context']) => void, state: Member['state'] = m.state) => {
    const copy = structuredClone(m) as { state: string; context: Member['context'] };
    copy.state = state;
    change(copy.context);
    return copy;
  };
  const rejects = (value: unknown, invariant: string) => {
    const r = restoreSnapshot(p.machine, value);
    if (r.ok) return expect.fail(`expected invariant '${invariant}' to reject the snapshot`);
    expect(r.error.code).toBe('INVALID_SNAPSHOT');
    expect(r.error.message).toContain(`breaks invariant '${invariant}'`);
    return r.error.message;
  };

  it('accepts the untouched snapshot', () => {
    expect(restoreSnapshot(p.machine, m).ok).toBe(true);
  });

  it('a balance edited from 10 to 1,000,000 (lots unchanged), so REDEEM 500000 cannot proceed', () => {
    const q = programWith();
    const ten = apply(q, enrolled(q), [
      { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 1_000 },
    ]);
    expect(ten.context.balance).toBe(10);
    const forged = structuredClone(ten);
    forged.context.balance = 1_000_000;
    const r = restoreSnapshot(q.machine, forged);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_SNAPSHOT');
    expect(r.error.message).toContain(
      "breaks invariant 'balanceMatchesLots': balance is 1000000 but the active lots hold 10 points",
    );
    // The only way from storage to a transition is through restore: no snapshot, no redemption.
    // The genuine snapshot refuses the redemption.
    const redeem = transition(q.machine, ten, {
      type: 'REDEEM',
      key: k(),
      at: T0,
      points: 500_000,
    });
    expect(!redeem.ok && redeem.error.reason?.code).toBe('INSUFFICIENT_POINTS');
  });

  it('a tier, floor or grace tier that is not on the ladder', () => {
    expect(
      rejects(
        edit((c) => {
          c.tier = 'platinum';
        }),
        'tiersOnLadder',
      ),
    ).toContain('tier "platinum" is not on ladder \'shop\' (member, silver, gold)');
    rejects(
      edit((c) => {
        c.floor = { tier: 'diamond', until: null };
      }),
      'tiersOnLadder',
    );
    rejects(
      edit((c) => {
        c.grace = { until: T0 + 5 * DAY, to: 'bronze' };
      }),
      'tiersOnLadder',
    );
    rejects(
      edit((c) => {
        c.grace = { until: T0 + 5 * DAY, to: 'gold' }; // not a drop from member
      }),
      'tiersOnLadder',
    );
  });

  it('times outside the range of Date, and an empty period', () => {
    rejects(
      edit((c) => {
        c.period = { start: T0, end: 8.7e15 };
      }),
      'withinLimits',
    );
    rejects(
      edit((c) => {
        if (c.period) c.period = { start: c.period.end, end: c.period.end };
      }),
      'periodWellFormed',
    );
  });

  it('totals that do not add up, and lots that are not live or out of order', () => {
    rejects(
      edit((c) => {
        c.totals.earned += 1;
      }),
      'totalsAddUp',
    );
    rejects(
      edit((c) => {
        const lot = c.lots[0];
        if (lot) lot.remaining = lot.points + 1;
        c.balance = lot?.remaining ?? 0;
      }),
      'lotsWellFormed',
    );
    rejects(
      edit((c) => {
        c.nextLot = 0;
      }),
      'lotsWellFormed',
    );
  });

  it('orders whose clawback does not follow the refunded share, or with a zero amount', () => {
    rejects(
      edit((c) => {
        const o = c.orders[0];
        if (o) o.clawed = 0;
      }),
      'ordersConsistent',
    );
    rejects(
      edit((c) => {
        const o = c.orders[0];
        if (o) o.amount = 0;
      }),
      'ordersConsistent',
    );
  });

  it('something scheduled that is already due, or dated after the clock', () => {
    rejects(
      edit((c) => {
        const lot = c.lots[0];
        if (lot) lot.expiresAt = T0 + 1;
      }),
      'clockConsistent',
    );
    rejects(
      edit((c) => {
        c.lastActivityAt = T0 + 400 * DAY;
      }),
      'clockConsistent',
    );
  });

  it('fields the state rules out', () => {
    rejects(
      edit(() => {}, 'prospect'),
      'stateFields',
    );
    const closed = edit(() => {}, 'closed') as { status?: string };
    closed.status = 'done';
    rejects(closed, 'stateFields');
    rejects(
      edit((c) => {
        c.enrolledAt = null;
      }),
      'stateFields',
    );
  });
});
