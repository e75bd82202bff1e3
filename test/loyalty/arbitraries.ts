/**
 * Random command sequences over every membership command (grants, pauses, closes, period ends,
 * long jumps included), for the invariant and catch-up property tests.
 */
import fc from 'fast-check';
import { initialSnapshot, transition } from '../../src/index.js';
import type {
  LoyaltyPolicyInput,
  LoyaltyProgram,
  MembershipEvent,
} from '../../src/loyalty/index.js';
import { DAY, type Member, programWith, T0 } from './helpers.js';

const YEAR = 365 * DAY;

export const anyOp = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('purchase' as const),
      dt: fc.nat(40 * DAY),
      amount: fc.integer({ min: 1, max: 250_000 }),
    }),
    weight: 20,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      dt: fc.nat(10 * DAY),
      pick: fc.nat(),
      share: fc.integer({ min: 1, max: 100 }),
    }),
    weight: 10,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('visit' as const), dt: fc.nat(20 * DAY) }),
    weight: 10,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('redeem' as const),
      dt: fc.nat(20 * DAY),
      points: fc.integer({ min: 1, max: 2_000 }),
      partial: fc.boolean(),
    }),
    weight: 10,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('referral' as const), dt: fc.nat(20 * DAY) }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('expire' as const), dt: fc.nat(400 * DAY) }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('periodEnd' as const), dt: fc.nat(400 * DAY) }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('grant' as const),
      dt: fc.nat(20 * DAY),
      tier: fc.constantFrom('member', 'silver', 'gold'),
      until: fc.option(fc.integer({ min: 1, max: 3 * YEAR }), { nil: null }),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('pause' as const, 'resume' as const),
      dt: fc.nat(30 * DAY),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('close' as const), dt: fc.nat(30 * DAY) }),
    weight: 1, // final: rare, so most sequences go on
  },
  // Long silences: decades, so the catch-up skips many periods.
  {
    arbitrary: fc.record({
      kind: fc.constant('jump' as const),
      dt: fc.integer({ min: YEAR, max: 300 * YEAR }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('dup' as const), pick: fc.nat() }), weight: 5 },
  {
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      dt: fc.nat(10 * DAY),
      pick: fc.nat(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      dt: fc.nat(10 * DAY),
      points: fc.integer({ min: -1_500, max: 1_500 }).filter((n) => n !== 0),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('expireLot' as const, 'unlockLot' as const),
      dt: fc.nat(10 * DAY),
      pick: fc.nat(),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('transferOut' as const, 'transferIn' as const),
      dt: fc.nat(10 * DAY),
      points: fc.integer({ min: 1, max: 1_500 }),
    }),
    weight: 4,
  },
);

/** Sequences long enough to reach grace periods, refunds and long silences. */
export const anyOps = fc.array(anyOp, { maxLength: 60, size: 'max' });

export type AnyOp = typeof anyOp extends fc.Arbitrary<infer T> ? T : never;

/** Zones with the awkward cases: DST both hemispheres, 45-minute offsets, midnight changes. */
export const anyZone = fc.constantFrom(
  'UTC',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kathmandu',
  'America/Santiago',
  'Pacific/Chatham',
);

export const anyPolicy = fc.record({
  timeZone: anyZone,
  window: fc.oneof(
    fc.constant({ kind: 'calendarYear' as const }),
    fc.integer({ min: 1, max: 6 }).map((months) => ({ kind: 'rolling' as const, months })),
    fc.record({
      kind: fc.constant('anniversary' as const),
      every: fc.oneof(
        fc.constant({ years: 1 }),
        fc.integer({ min: 1, max: 90 }).map((days) => ({ days })),
      ),
      from: fc.constantFrom('enrolment' as const, 'tierChange' as const),
    }),
  ),
  upgrade: fc.constantFrom('immediate' as const, 'nextPeriod' as const),
  downgrade: fc.constantFrom(
    'periodEnd' as const,
    'oneStep' as const,
    'never' as const,
    'balance' as const,
  ),
  graceDays: fc.constantFrom(0, 20, 400),
  expiry: fc.constantFrom(
    { kind: 'never' as const },
    { kind: 'days' as const, days: 45 },
    { kind: 'endOfMonth' as const, months: 1 },
    { kind: 'endOfYear' as const, years: 0 },
  ),
  spendOrder: fc.constantFrom('oldestFirst' as const, 'soonestExpiringFirst' as const),
  pendingDays: fc.constantFrom(0, 7, 60),
  referralPoints: fc.constantFrom(0, 150),
  refundWindowDays: fc.constantFrom(0, 30, 90),
  idempotency: fc.constantFrom({ maxKeys: 3, days: 1 }, { maxKeys: 200, days: 30 }),
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
}) satisfies fc.Arbitrary<LoyaltyPolicyInput>;

/** Every snapshot a sequence reached, with the program and the events accepted. */
export interface Walk {
  readonly program: LoyaltyProgram;
  readonly states: Member[];
  readonly accepted: MembershipEvent[];
}

/** Enrols at `start`, then sends every op (refused ones are skipped). */
export function walk(policy: LoyaltyPolicyInput, ops: readonly AnyOp[], start = T0): Walk {
  const program = programWith(policy);
  const enroll: MembershipEvent = { type: 'ENROLL', key: 'enroll', at: start };
  const enrolled = transition(program.machine, initialSnapshot(program.machine), enroll);
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  let snap: Member = enrolled.snapshot;
  const states: Member[] = [snap];
  const accepted: MembershipEvent[] = [enroll];
  const orders: { order: string; amount: number }[] = [];
  let at = start;
  ops.forEach((o, i) => {
    const key = `c${i}`;
    let event: MembershipEvent;
    if (o.kind === 'dup') {
      const prior = accepted[o.pick % accepted.length];
      if (!prior) return;
      event = prior;
    } else {
      at += o.dt;
      switch (o.kind) {
        case 'purchase':
          orders.push({ order: `o${i}`, amount: o.amount });
          event = { type: 'PURCHASE', key, at, order: `o${i}`, amount: o.amount };
          break;
        case 'refund': {
          const p = orders[o.pick % Math.max(1, orders.length)];
          if (!p) return;
          const amount = Math.max(1, Math.floor((p.amount * o.share) / 100));
          event = { type: 'REFUND', key, at, order: p.order, amount };
          break;
        }
        case 'redeem':
          event = { type: 'REDEEM', key, at, points: o.points, partial: o.partial };
          break;
        case 'referral':
          event = { type: 'REFERRAL', key, at, referee: `f${i}` };
          break;
        case 'grant':
          event = {
            type: 'GRANT_TIER',
            key,
            at,
            tier: o.tier,
            until: o.until === null ? null : at + o.until,
          };
          break;
        case 'periodEnd':
          event = { type: 'PERIOD_END', key, at };
          break;
        case 'cancel': {
          const p = orders[o.pick % Math.max(1, orders.length)];
          if (!p) return;
          event = { type: 'CANCEL_ORDER', key, at, order: p.order };
          break;
        }
        case 'adjust':
          event = { type: 'ADJUST', key, at, points: o.points, reason: `r${i}` };
          break;
        case 'expireLot':
        case 'unlockLot': {
          const lot = snap.context.lots[o.pick % Math.max(1, snap.context.lots.length)];
          const type = o.kind === 'expireLot' ? 'EXPIRE_LOT' : 'UNLOCK_LOT';
          event = { type, key, at, lot: lot?.id ?? o.pick };
          break;
        }
        case 'transferOut':
        case 'transferIn': {
          const type = o.kind === 'transferOut' ? 'TRANSFER_OUT' : 'TRANSFER_IN';
          event = { type, key, at, transfer: `t${i}`, counterparty: 'other', points: o.points };
          break;
        }
        case 'visit':
        case 'jump':
          event = { type: 'VISIT', key, at };
          break;
        default:
          event = {
            type: o.kind.toUpperCase() as 'EXPIRE' | 'PAUSE' | 'RESUME' | 'CLOSE',
            key,
            at,
          };
      }
    }
    const r = transition(program.machine, snap, event);
    if (!r.ok) return;
    snap = r.snapshot;
    states.push(snap);
    accepted.push(event);
  });
  return { program, states, accepted };
}
