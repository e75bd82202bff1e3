/**
 * The membership's context (what a snapshot stores) and the command payload schemas. The context
 * holds live lots, held orders, recent keys and a bounded set of monthly counters, never history.
 *
 * @module
 */
import * as z from 'zod';
import type { Lot, LoyaltyTotals, MembershipContext, OrderRecord } from './types.js';

const int = z.number().int().nonnegative();
/**
 * A time in epoch ms: a safe integer. A command time outside the range of `Date` passes the schema
 * and is refused by the rules as `OUT_OF_RANGE`, with a sentence; a stored one breaks an invariant.
 */
const time = z.number().int();
/**
 * Amounts and points per command: positive integers up to 10^12. Products are computed exactly;
 * a result beyond `Number.MAX_SAFE_INTEGER` is refused as `LIMIT_EXCEEDED`.
 */
const amount = z.number().int().positive().max(1_000_000_000_000);
const key = z.string().min(1).max(128);
const base = { key, at: time };

/** @internal The schema of a {@link Lot}. */
export const lotSchema = z.strictObject({
  /** Sequence number within the membership. */
  id: int,
  /** What earned it. */
  source: z.enum(['purchase', 'referral', 'adjustment', 'transfer']),
  /** The order that earned it, for purchases. */
  order: z.string().nullable(),
  /** Points credited. */
  points: int,
  /** Points not yet spent, expired or clawed back. */
  remaining: int,
  /** `pending` until `availableAt`, then `active`. */
  status: z.enum(['pending', 'active']),
  /** When it was earned. */
  earnedAt: time,
  /** When pending points become spendable. */
  availableAt: time,
  /** When the remaining points expire, or `null` for never. */
  expiresAt: time.nullable(),
  /** The qualifying points it still stands for (snapshots written before this field read as 0). */
  qualifying: int.default(0),
});

/** @internal The schema of an {@link OrderRecord}. */
export const orderSchema = z.strictObject({
  /** The order id. */
  id: z.string(),
  /** When the purchase was recorded. */
  at: time,
  /** Amount paid, minor units. */
  amount: int,
  /** Amount refunded so far, minor units. */
  refunded: int,
  /** Qualifying (base) points the order earned. */
  base: int,
  /** Points credited, after the tier multiplier. */
  earned: int,
  /** Points clawed back so far. */
  clawed: int,
  /** Qualifying points taken back so far. */
  baseClawed: int,
});

/** @internal The schema of the {@link MembershipContext}; fields are described on the interface. */
export const membershipContextSchema = z.strictObject({
  /** The current tier id (`null` before enrolment). */
  tier: z.string().nullable().default(null),
  /** When the member enrolled. */
  enrolledAt: time.nullable().default(null),
  /** The `at` of the latest accepted command; earlier commands are refused. */
  lastAt: time.nullable().default(null),
  /** The latest purchase, visit, referral or redemption. */
  lastActivityAt: time.nullable().default(null),
  /** The current review period, `[start, end)`. */
  period: z.strictObject({ start: time, end: time }).nullable().default(null),
  /** Qualifying activity per calendar month (`month` = year × 12 + month index), only the months a window can still see. */
  months: z
    .array(z.strictObject({ month: z.number().int(), points: int, spend: int, visits: int }))
    .default([]),
  /** Live lots, in the order they were earned. */
  lots: z.array(lotSchema).default([]),
  /** Next lot id. */
  nextLot: int.default(0),
  /** Spendable points: the active lots' remainders minus the debt. */
  balance: z.number().int().default(0),
  /** Points owed (clawbacks or adjustments beyond the balance, when the policy allows a debt). */
  debt: int.default(0),
  /** Orders still within the refund window. */
  orders: z.array(orderSchema).default([]),
  /** A manually granted minimum tier, until a time or for good. */
  floor: z.strictObject({ tier: z.string(), until: time.nullable() }).nullable().default(null),
  /** A downgrade waiting out its grace period. */
  grace: z.strictObject({ until: time, to: z.string() }).nullable().default(null),
  /** Recent idempotency keys: `[key, fingerprint, at]`, oldest first. */
  keys: z.array(z.tuple([z.string(), z.string(), time])).default([]),
  /** Lifetime counters, so compaction loses no totals. */
  totals: z
    .strictObject({
      earned: int,
      redeemed: int,
      expired: int,
      canceled: int,
      clawedBack: int,
      uncollected: int,
      adjustedOut: int.default(0),
      transferredOut: int.default(0),
    })
    .default({
      earned: 0,
      redeemed: 0,
      expired: 0,
      canceled: 0,
      clawedBack: 0,
      uncollected: 0,
      adjustedOut: 0,
      transferredOut: 0,
    }),
  /** The last tier change and why it happened. */
  lastChange: z
    .strictObject({ at: time, from: z.string().nullable(), to: z.string(), reason: z.string() })
    .nullable()
    .default(null),
  /** The last command accepted. */
  lastCommand: z
    .strictObject({ type: z.string(), key: z.string(), at: time })
    .nullable()
    .default(null),
});

/** @internal The payload schemas of the membership commands (see {@link MembershipEvent}). */
export const membershipEvents = {
  ENROLL: z.strictObject(base),
  PURCHASE: z.strictObject({ ...base, order: z.string().min(1).max(128), amount }),
  REFUND: z.strictObject({ ...base, order: z.string().min(1).max(128), amount }),
  VISIT: z.strictObject(base),
  REFERRAL: z.strictObject({ ...base, referee: z.string().min(1).max(128) }),
  REDEEM: z.strictObject({ ...base, points: amount, partial: z.boolean().optional() }),
  EXPIRE: z.strictObject(base),
  PERIOD_END: z.strictObject(base),
  GRANT_TIER: z.strictObject({
    ...base,
    tier: z.string().min(1).max(128),
    until: time.nullable().optional(),
  }),
  PAUSE: z.strictObject(base),
  RESUME: z.strictObject(base),
  CLOSE: z.strictObject(base),
  CANCEL_ORDER: z.strictObject({ ...base, order: z.string().min(1).max(128) }),
  ADJUST: z.strictObject({
    ...base,
    points: z
      .number()
      .int()
      .min(-1_000_000_000_000)
      .max(1_000_000_000_000)
      .refine((n) => n !== 0, 'an adjustment of 0 points changes nothing; send a non-zero integer'),
    reason: z.string().min(1).max(500),
  }),
  EXPIRE_LOT: z.strictObject({ ...base, lot: int }),
  UNLOCK_LOT: z.strictObject({ ...base, lot: int }),
  TRANSFER_OUT: z.strictObject({
    ...base,
    transfer: z.string().min(1).max(128),
    counterparty: z.string().min(1).max(128),
    points: amount,
  }),
  TRANSFER_IN: z.strictObject({
    ...base,
    transfer: z.string().min(1).max(128),
    counterparty: z.string().min(1).max(128),
    points: amount,
  }),
};

// Compile-time proof that the schemas produce exactly the documented interfaces.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const proofs: [
  Same<z.output<typeof lotSchema>, Lot>,
  Same<z.output<typeof orderSchema>, OrderRecord>,
  Same<z.output<typeof membershipContextSchema>['totals'], LoyaltyTotals>,
  Same<z.output<typeof membershipContextSchema>, MembershipContext>,
] = [true, true, true, true];
void proofs;
