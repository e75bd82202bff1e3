/**
 * The documented shapes of a membership snapshot's context and of the membership commands. The
 * zod schemas in `context.ts` are checked at compile time to produce exactly these.
 *
 * @module
 */

/**
 * A lot of points: earned together, then spent, expired or canceled. Only live lots (pending or
 * active, with points remaining) stay in the snapshot; the rest are folded into the totals.
 *
 * @category Loyalty
 */
export interface Lot {
  /** Sequence number within the membership. */
  id: number;
  /** What earned it: a purchase, a referral, a manual adjustment or a transfer from another member. */
  source: 'purchase' | 'referral' | 'adjustment' | 'transfer';
  /** The order that earned it, for purchases. */
  order: string | null;
  /** Points credited. */
  points: number;
  /** Points not yet spent, expired or clawed back. */
  remaining: number;
  /** `pending` until `availableAt`, then `active` (spendable). */
  status: 'pending' | 'active';
  /** When it was earned (epoch ms). */
  earnedAt: number;
  /** When it becomes spendable (epoch ms). */
  availableAt: number;
  /** When its remaining points expire (epoch ms), or `null` for never. */
  expiresAt: number | null;
  /**
   * The qualifying points the lot still stands for, so a policy that does not count pending
   * points toward tiers can leave them out until the lot becomes spendable.
   */
  qualifying: number;
}

/**
 * The record of an order, kept while the order can still be refunded.
 *
 * @category Loyalty
 */
export interface OrderRecord {
  /** The order id. */
  id: string;
  /** When the purchase was recorded (epoch ms). */
  at: number;
  /** Amount paid, minor units. */
  amount: number;
  /** Amount refunded so far, minor units. */
  refunded: number;
  /** Qualifying (base) points the order earned. */
  base: number;
  /** Points credited, after the tier multiplier. */
  earned: number;
  /** Points clawed back so far. */
  clawed: number;
  /** Qualifying points taken back so far. */
  baseClawed: number;
}

/**
 * Qualifying activity of one calendar month.
 *
 * @category Loyalty
 */
export interface MonthCounters {
  /** `year × 12 + month index` (UTC). */
  month: number;
  /** Qualifying points. */
  points: number;
  /** Spend, minor units. */
  spend: number;
  /** Visits (purchases count as visits). */
  visits: number;
}

/**
 * Lifetime counters, so compacting lots loses no totals.
 *
 * @category Loyalty
 */
export interface LoyaltyTotals {
  /** Points ever credited. */
  earned: number;
  /** Points redeemed. */
  redeemed: number;
  /** Points expired. */
  expired: number;
  /** Points canceled: the membership closed, or an order was canceled. */
  canceled: number;
  /** Points taken back after refunds. */
  clawedBack: number;
  /**
   * Clawbacks the policy left uncovered (not taken and not recorded as a debt), and debts written
   * off when the membership closed.
   */
  uncollected: number;
  /** Points removed by negative manual adjustments. */
  adjustedOut: number;
  /** Points transferred to other members. */
  transferredOut: number;
}

/**
 * A tier change and its reason.
 *
 * @category Loyalty
 */
export interface TierChange {
  /** When it happened (epoch ms). */
  at: number;
  /** The previous tier (`null` at enrolment). */
  from: string | null;
  /** The new tier. */
  to: string;
  /** Why, as a clause. */
  reason: string;
}

/**
 * The context of a membership snapshot: live lots, held orders, recent keys and the monthly
 * counters a window can still see. Nothing in it grows with history.
 *
 * @category Loyalty
 */
export interface MembershipContext {
  /** The current tier id (`null` before enrolment). */
  tier: string | null;
  /** When the member enrolled. */
  enrolledAt: number | null;
  /** The `at` of the latest accepted command; earlier commands are refused. */
  lastAt: number | null;
  /** The latest purchase, visit, referral or redemption. */
  lastActivityAt: number | null;
  /** The current review period, `[start, end)` in epoch ms. */
  period: {
    /** First instant of the period. */
    start: number;
    /** First instant after it. */
    end: number;
  } | null;
  /** Qualifying activity per month, only for months a window can still see. */
  months: MonthCounters[];
  /** Live lots, in earning order. */
  lots: Lot[];
  /** The next lot id. */
  nextLot: number;
  /** Spendable points: the active lots' remainders minus `debt` (negative only with a debt). */
  balance: number;
  /**
   * Points the member owes: clawbacks the lots could not cover under `returnPolicy: 'unlimited'`,
   * and negative adjustments beyond the balance under `allowNegativeBalance`. Paid off first from
   * points credited later.
   */
  debt: number;
  /** Orders still within the refund window. */
  orders: OrderRecord[];
  /** A manually granted minimum tier, until a time (epoch ms) or for good (`null`). */
  floor: {
    /** The minimum tier. */
    tier: string;
    /** When the floor ends (`null`: never). */
    until: number | null;
  } | null;
  /** A downgrade waiting out its grace period: the tier `to` drop to, and `until` when. */
  grace: {
    /** When the grace period ends. */
    until: number;
    /** The tier the member drops to then, unless requalified. */
    to: string;
  } | null;
  /** Recent idempotency keys as `[key, payload fingerprint, at]`, oldest first. */
  keys: [string, string, number][];
  /** Lifetime counters. */
  totals: LoyaltyTotals;
  /** The last tier change. */
  lastChange: TierChange | null;
  /** The last command accepted. */
  lastCommand: {
    /** The command type. */
    type: string;
    /** Its idempotency key. */
    key: string;
    /** Its time. */
    at: number;
  } | null;
}

/**
 * What every membership command carries.
 *
 * @category Loyalty
 */
export interface CommandBase {
  /** The idempotency key, 1–128 characters: a retry reuses it with the same payload. */
  key: string;
  /** When the command happened, epoch milliseconds (integer). */
  at: number;
}

/**
 * A command without payload: enrol, record a visit, move the clock (`EXPIRE`, `PERIOD_END`),
 * pause, resume or close.
 *
 * @category Loyalty
 */
export interface PlainCommand extends CommandBase {
  /** The command. */
  type: 'ENROLL' | 'VISIT' | 'EXPIRE' | 'PERIOD_END' | 'PAUSE' | 'RESUME' | 'CLOSE';
}

/**
 * A purchase (earns points and counts as a visit) or a refund of part of one.
 *
 * @category Loyalty
 */
export interface OrderCommand extends CommandBase {
  /** The command. */
  type: 'PURCHASE' | 'REFUND';
  /** The order id, 1–128 characters. */
  order: string;
  /** Amount paid or refunded, minor units (positive integer). */
  amount: number;
}

/**
 * A referral: credits `policy.referralPoints`.
 *
 * @category Loyalty
 */
export interface ReferralCommand extends CommandBase {
  /** The command. */
  type: 'REFERRAL';
  /** Who was referred, 1–128 characters. */
  referee: string;
}

/**
 * A redemption of points.
 *
 * @category Loyalty
 */
export interface RedeemCommand extends CommandBase {
  /** The command. */
  type: 'REDEEM';
  /** Points to redeem (positive integer). */
  points: number;
  /** Redeem the whole balance when it is smaller than `points` (default `false`: refuse). */
  partial?: boolean | undefined;
}

/**
 * A manual tier grant: lifts the tier now and is a floor for downgrades.
 *
 * @category Loyalty
 */
export interface GrantTierCommand extends CommandBase {
  /** The command. */
  type: 'GRANT_TIER';
  /** A tier id of the ladder. */
  tier: string;
  /** When the floor ends (epoch ms); `null` or omitted for good. */
  until?: number | null | undefined;
}

/**
 * A canceled order: only that order's remaining points are lost (canceled), its qualifying
 * activity is taken back, and its record is dropped.
 *
 * @category Loyalty
 */
export interface CancelOrderCommand extends CommandBase {
  /** The command. */
  type: 'CANCEL_ORDER';
  /** The order id, 1–128 characters. */
  order: string;
}

/**
 * A manual adjustment: positive points are credited as an active lot (not qualifying toward
 * tiers); negative points are taken from the spendable lots, and beyond the balance only when
 * `policy.allowNegativeBalance` is set (the rest becomes a debt).
 *
 * @category Loyalty
 */
export interface AdjustCommand extends CommandBase {
  /** The command. */
  type: 'ADJUST';
  /** Points to add (positive) or remove (negative); a non-zero integer of at most 10^12 either way. */
  points: number;
  /** Why, 1–500 characters (kept in the command journal and the key's fingerprint). */
  reason: string;
}

/**
 * An operation on one lot: expire it now, or unlock it (make pending points spendable now).
 *
 * @category Loyalty
 */
export interface LotCommand extends CommandBase {
  /** The command. */
  type: 'EXPIRE_LOT' | 'UNLOCK_LOT';
  /** The lot id. */
  lot: number;
}

/**
 * One side of a points transfer between two members. The host sends `TRANSFER_OUT` to the giver's
 * snapshot and `TRANSFER_IN` to the receiver's, with the same `transfer` id, and stores both
 * results together (or neither) to make the transfer atomic.
 *
 * @category Loyalty
 */
export interface TransferCommand extends CommandBase {
  /** `TRANSFER_OUT` takes spendable points; `TRANSFER_IN` credits them as an active lot. */
  type: 'TRANSFER_OUT' | 'TRANSFER_IN';
  /** The transfer id shared by both sides, 1–128 characters. */
  transfer: string;
  /** The other member, 1–128 characters. */
  counterparty: string;
  /** Points transferred (positive integer). */
  points: number;
}

/**
 * A membership command.
 *
 * @category Loyalty
 */
export type MembershipEvent =
  | PlainCommand
  | OrderCommand
  | ReferralCommand
  | RedeemCommand
  | GrantTierCommand
  | CancelOrderCommand
  | AdjustCommand
  | LotCommand
  | TransferCommand;
