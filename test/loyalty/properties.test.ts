import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay, replayOrThrow, restoreSnapshot, transition } from '../../src/index.js';
import type {
  LoyaltyPolicyInput,
  LoyaltyProgram,
  MembershipEvent,
} from '../../src/loyalty/index.js';
import { DAY, ladder, type Member, programWith, T0 } from './helpers.js';

const op = fc.oneof(
  fc.record({
    kind: fc.constant('purchase' as const),
    dt: fc.nat(40 * DAY),
    amount: fc.integer({ min: 1, max: 250_000 }),
  }),
  fc.record({
    kind: fc.constant('refund' as const),
    dt: fc.nat(10 * DAY),
    pick: fc.nat(),
    share: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({ kind: fc.constant('visit' as const), dt: fc.nat(20 * DAY) }),
  fc.record({
    kind: fc.constant('redeem' as const),
    dt: fc.nat(20 * DAY),
    points: fc.integer({ min: 1, max: 2_000 }),
    partial: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('referral' as const), dt: fc.nat(20 * DAY) }),
  fc.record({ kind: fc.constant('expire' as const), dt: fc.nat(400 * DAY) }),
  fc.record({ kind: fc.constant('dup' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('cancel' as const), dt: fc.nat(10 * DAY), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('adjust' as const),
    dt: fc.nat(10 * DAY),
    points: fc.integer({ min: -1_500, max: 1_500 }).filter((n) => n !== 0),
  }),
  fc.record({
    kind: fc.constantFrom('expireLot' as const, 'unlockLot' as const),
    dt: fc.nat(10 * DAY),
    pick: fc.nat(),
  }),
  fc.record({
    kind: fc.constantFrom('transferOut' as const, 'transferIn' as const),
    dt: fc.nat(10 * DAY),
    points: fc.integer({ min: 1, max: 1_500 }),
  }),
);

const policy = fc.record({
  window: fc.oneof(
    fc.constant({ kind: 'calendarYear' as const }),
    fc.integer({ min: 1, max: 6 }).map((months) => ({ kind: 'rolling' as const, months })),
  ),
  downgrade: fc.constantFrom('periodEnd' as const, 'oneStep' as const, 'never' as const),
  expiry: fc.constantFrom(
    { kind: 'never' as const },
    { kind: 'days' as const, days: 45 },
    { kind: 'endOfMonth' as const, months: 1 },
    { kind: 'endOfYear' as const, years: 0 },
  ),
  spendOrder: fc.constantFrom('oldestFirst' as const, 'soonestExpiringFirst' as const),
  pendingDays: fc.constantFrom(0, 7),
  referralPoints: fc.constantFrom(0, 150),
}) satisfies fc.Arbitrary<LoyaltyPolicyInput>;

/**
 * Random policies over every ledger option, for the ledger properties (the tier oracle covers the
 * options of `policy` above).
 */
const ledgerPolicy = fc
  .record({
    base: policy,
    downgrade: fc.constantFrom(
      'periodEnd' as const,
      'oneStep' as const,
      'never' as const,
      'balance' as const,
    ),
    upgrade: fc.constantFrom('immediate' as const, 'nextPeriod' as const),
    graceDays: fc.constantFrom(0, 20),
    pendingDays: fc.constantFrom(0, 7, 60),
    refundWindowDays: fc.constantFrom(0, 30, 90),
    returnPolicy: fc.constantFrom(
      'pendingOnly' as const,
      'withinBalance' as const,
      'unlimited' as const,
    ),
    clawbackFromOtherOrders: fc.boolean(),
    downgradeTiming: fc.constantFrom('periodEnd' as const, 'immediate' as const),
    pendingQualifies: fc.boolean(),
    expiryFrom: fc.constantFrom('earned' as const, 'available' as const),
    expiryAt: fc.constantFrom('instant' as const, 'endOfDay' as const),
    allowNegativeBalance: fc.boolean(),
    idempotency: fc.constantFrom({ maxKeys: 3, days: 1 }, { maxKeys: 200, days: 30 }),
  })
  .map(({ base, ...rest }): LoyaltyPolicyInput => ({ ...base, ...rest }));

/** Whether the policy lets the balance go below zero (as a debt). */
const allowsDebt = (p: LoyaltyPolicyInput) =>
  p.returnPolicy === 'unlimited' || p.allowNegativeBalance === true;

interface Run {
  program: LoyaltyProgram;
  final: Member;
  accepted: MembershipEvent[];
  states: Member[];
}

/** Sends every op, checking on the way that refusals change nothing and retries are no-ops. */
function run(
  policyInput: LoyaltyPolicyInput,
  ops: (typeof op extends fc.Arbitrary<infer T> ? T : never)[],
): Run {
  const program = programWith(policyInput);
  const enroll: MembershipEvent = { type: 'ENROLL', key: 'enroll', at: T0 };
  let snap = replayOrThrow(program.machine, [enroll]);
  let at = T0;
  const accepted: MembershipEvent[] = [];
  const purchases: { order: string; amount: number }[] = [];
  const states: Member[] = [];
  ops.forEach((o, i) => {
    const key = `c${i}`;
    let event: MembershipEvent;
    if (o.kind === 'dup') {
      const prior = accepted[o.pick % Math.max(1, accepted.length)];
      if (!prior) return;
      event = prior;
    } else {
      at += o.dt;
      if (o.kind === 'purchase') {
        purchases.push({ order: `o${i}`, amount: o.amount });
        event = { type: 'PURCHASE', key, at, order: `o${i}`, amount: o.amount };
      } else if (o.kind === 'refund') {
        const p = purchases[o.pick % Math.max(1, purchases.length)];
        if (!p) return;
        event = {
          type: 'REFUND',
          key,
          at,
          order: p.order,
          amount: Math.max(1, Math.floor((p.amount * o.share) / 100)),
        };
      } else if (o.kind === 'redeem') {
        event = { type: 'REDEEM', key, at, points: o.points, partial: o.partial };
      } else if (o.kind === 'referral') {
        event = { type: 'REFERRAL', key, at, referee: `f${i}` };
      } else if (o.kind === 'cancel') {
        const p = purchases[o.pick % Math.max(1, purchases.length)];
        if (!p) return;
        event = { type: 'CANCEL_ORDER', key, at, order: p.order };
      } else if (o.kind === 'adjust') {
        event = { type: 'ADJUST', key, at, points: o.points, reason: `r${i}` };
      } else if (o.kind === 'expireLot' || o.kind === 'unlockLot') {
        const lot = snap.context.lots[o.pick % Math.max(1, snap.context.lots.length)];
        event = {
          type: o.kind === 'expireLot' ? 'EXPIRE_LOT' : 'UNLOCK_LOT',
          key,
          at,
          lot: lot?.id ?? o.pick,
        };
      } else if (o.kind === 'transferOut' || o.kind === 'transferIn') {
        event = {
          type: o.kind === 'transferOut' ? 'TRANSFER_OUT' : 'TRANSFER_IN',
          key,
          at,
          transfer: `t${i}`,
          counterparty: 'other',
          points: o.points,
        };
      } else {
        event = { type: o.kind === 'visit' ? 'VISIT' : 'EXPIRE', key, at };
      }
    }
    const before = structuredClone(snap);
    const result = transition(program.machine, snap, event);
    if (!result.ok) {
      expect(snap).toEqual(before);
      return;
    }
    // A retry is accepted and changes nothing but the revision (one more accepted event).
    if (o.kind === 'dup') expect(result.snapshot).toEqual({ ...snap, revision: snap.revision + 1 });
    if (event.type === 'REFUND') checkClawback(policyInput, snap, result.snapshot, event);
    // Sending the same command again never changes anything.
    const again = transition(program.machine, result.snapshot, event);
    expect(again.ok && again.snapshot).toEqual({
      ...result.snapshot,
      revision: result.snapshot.revision + 1,
    });
    accepted.push(event);
    snap = result.snapshot;
    states.push(snap);
  });
  return { program, final: snap, accepted, states };
}

/**
 * What a refund may take: never more than the clawback it owes, and, unless the policy allows it,
 * nothing from other orders' lots (compared on the snapshot advanced to the refund's time).
 */
function checkClawback(
  policyInput: LoyaltyPolicyInput,
  before: Member,
  after: Member,
  event: { readonly order: string; readonly amount: number },
) {
  const order = before.context.orders.find((o) => o.id === event.order);
  if (!order) return;
  const owed =
    Math.floor((order.earned * (order.refunded + event.amount)) / order.amount) - order.clawed;
  const took = after.context.totals.clawedBack - before.context.totals.clawedBack;
  // Points that paid off a debt count as clawed back too, but a refund credits nothing.
  expect(took).toBeLessThanOrEqual(owed);
  if (policyInput.clawbackFromOtherOrders === true) return;
  const others = (m: Member) =>
    m.context.lots.filter((l) => l.order !== event.order).map((l) => [l.id, l.remaining] as const);
  const kept = new Map(others(after));
  // Lots of other orders may expire when the clock moves, but none loses points to the refund.
  for (const [id, remaining] of others(before)) {
    const now = kept.get(id);
    if (now !== undefined) expect(now).toBe(remaining);
  }
}

/** A naive tier oracle: recomputes the metrics from the whole accepted log at every step. */
function oracleTiers(program: LoyaltyProgram, accepted: MembershipEvent[]): string[] {
  const { policy } = program;
  const month = (t: number) => new Date(t).getUTCFullYear() * 12 + new Date(t).getUTCMonth();
  const windowOf = (t: number) => {
    const m = month(t);
    if (policy.window.kind === 'calendarYear') return [m - (m % 12), m - (m % 12) + 11];
    return [m - (policy.window.kind === 'rolling' ? policy.window.months : 1) + 1, m];
  };
  const periodEnd = (t: number) => {
    const d = new Date(t);
    return policy.window.kind === 'calendarYear'
      ? Date.UTC(d.getUTCFullYear() + 1, 0, 1)
      : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  };
  const entries: { month: number; points: number; visits: number }[] = [];
  const orders = new Map<
    string,
    { month: number; base: number; amount: number; refunded: number; baseClawed: number }
  >();
  const rank = (t: number) => {
    const [from, to] = windowOf(t) as [number, number];
    let points = 0;
    let visits = 0;
    for (const e of entries) {
      if (e.month < from || e.month > to) continue;
      points += e.points;
      visits += e.visits;
    }
    let r = 0;
    ladder.tiers.forEach((tier, i) => {
      if (
        i > 0 &&
        ((tier.threshold.points ?? Infinity) <= points ||
          (tier.threshold.visits ?? Infinity) <= visits)
      )
        r = i;
    });
    return r;
  };
  let tier = 0;
  let end = periodEnd(T0);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of accepted) {
    if (!seen.has(e.key)) {
      seen.add(e.key);
      while (end <= e.at) {
        const q = rank(end - 1);
        if (q > tier || policy.downgrade === 'periodEnd') tier = q;
        else if (policy.downgrade === 'oneStep') tier = Math.max(q, tier - 1);
        end = periodEnd(end);
      }
      if (e.type === 'PURCHASE') {
        const base = Math.floor(e.amount / 100);
        orders.set(e.order, {
          month: month(e.at),
          base,
          amount: e.amount,
          refunded: 0,
          baseClawed: 0,
        });
        entries.push({ month: month(e.at), points: base, visits: 1 });
      } else if (e.type === 'REFUND') {
        const o = orders.get(e.order);
        if (o) {
          o.refunded += e.amount;
          const total = Math.floor((o.base * o.refunded) / o.amount);
          entries.push({ month: o.month, points: -(total - o.baseClawed), visits: 0 });
          o.baseClawed = total;
        }
      } else if (e.type === 'CANCEL_ORDER') {
        const o = orders.get(e.order);
        if (o) {
          entries.push({ month: o.month, points: -(o.base - o.baseClawed), visits: 0 });
          orders.delete(e.order);
        }
      } else if (e.type === 'VISIT') {
        entries.push({ month: month(e.at), points: 0, visits: 1 });
      } else if (e.type === 'REFERRAL') {
        entries.push({ month: month(e.at), points: policy.referralPoints, visits: 0 });
      }
      tier = Math.max(tier, rank(e.at));
    }
    out.push(ladder.tiers[tier]?.id ?? '');
  }
  return out;
}

const runs = fc.tuple(policy, fc.array(op, { maxLength: 60 }));
const ledgerRuns = fc.tuple(ledgerPolicy, fc.array(op, { maxLength: 60 }));
const params = { numRuns: 150 };

describe('ledger invariants over random command sequences', () => {
  it('over random policies: the balance is the active lots minus the debt, negative only when the policy allows a debt; points are integers; only live lots are kept; retries change nothing', () => {
    fc.assert(
      fc.property(ledgerRuns, ([p, ops]) => {
        // `run` checks on the way that refusals change nothing and that retries are no-ops.
        for (const s of run(p, ops).states) {
          const active = s.context.lots
            .filter((l) => l.status === 'active')
            .reduce((n, l) => n + l.remaining, 0);
          expect(s.context.balance).toBe(active - s.context.debt);
          if (!allowsDebt(p)) {
            expect(s.context.debt).toBe(0);
            expect(s.context.balance).toBeGreaterThanOrEqual(0);
          }
          expect(s.context.lots.every((l) => l.remaining > 0 && l.remaining <= l.points)).toBe(
            true,
          );
          for (const l of s.context.lots) {
            expect(Number.isSafeInteger(l.points) && Number.isSafeInteger(l.remaining)).toBe(true);
          }
          expect(Number.isSafeInteger(s.context.balance)).toBe(true);
          const t = s.context.totals;
          const live = s.context.lots.reduce((n, l) => n + l.remaining, 0);
          expect(t.earned).toBe(
            live +
              t.redeemed +
              t.expired +
              t.canceled +
              t.clawedBack +
              t.adjustedOut +
              t.transferredOut,
          );
        }
      }),
      params,
    );
  }, 60_000);

  it('over random policies: every snapshot reached passes restoreSnapshot', () => {
    fc.assert(
      fc.property(ledgerRuns, ([p, ops]) => {
        const r = run(p, ops);
        for (const s of r.states) {
          const restored = restoreSnapshot(r.program.machine, s);
          if (!restored.ok) expect.fail(restored.error.message);
        }
      }),
      params,
    );
  }, 60_000);

  it('a clawback never exceeds what the order earned, and follows the refunded share', () => {
    fc.assert(
      fc.property(ledgerRuns, ([p, ops]) => {
        for (const s of run(p, ops).states) {
          for (const o of s.context.orders) {
            expect(o.clawed).toBeLessThanOrEqual(o.earned);
            expect(o.clawed).toBe(Math.floor((o.earned * o.refunded) / o.amount));
          }
        }
      }),
      params,
    );
  });

  it('the tier always matches the qualification metrics and the policy', () => {
    fc.assert(
      fc.property(runs, ([p, ops]) => {
        const r = run(p, ops);
        expect(r.states.map((s) => s.context.tier)).toEqual(oracleTiers(r.program, r.accepted));
      }),
      params,
    );
  });

  it('every snapshot reached passes restoreSnapshot, which checks the machine’s invariants', () => {
    fc.assert(
      fc.property(runs, ([p, ops]) => {
        const r = run(p, ops);
        for (const s of r.states) {
          const restored = restoreSnapshot(r.program.machine, s);
          if (!restored.ok) expect.fail(restored.error.message);
        }
      }),
      params,
    );
  });

  it('replaying the command log reproduces the snapshot', () => {
    fc.assert(
      fc.property(runs, ([p, ops]) => {
        const r = run(p, ops);
        const log: MembershipEvent[] = [{ type: 'ENROLL', key: 'enroll', at: T0 }, ...r.accepted];
        expect(replay(r.program.machine, log)).toEqual({
          ok: true,
          snapshot: r.final,
          count: log.length,
        });
      }),
      params,
    );
  });
});
