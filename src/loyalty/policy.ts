/**
 * The policies of a loyalty programme as data: qualification window, upgrade and downgrade
 * timing, earning, expiry, spending order, refund window, idempotency window and lapse.
 *
 * @module
 */
import * as z from 'zod';

/** @internal The largest day count a policy accepts: 36,500 days (about a century). */
export const MAX_DAYS = 36_500;
/** @internal The most points a referral may credit (the cap on command amounts, 10^12). */
export const MAX_POINTS = 1_000_000_000_000;

const int = z.number().int().nonnegative();
/** Day counts are capped at a century, so every derived time stays far inside `Date`'s range. */
const days = (min: number) => z.number().int().min(min).max(MAX_DAYS);

const expirySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('never') }),
  z.strictObject({ kind: z.literal('days'), days: days(1) }),
  z.strictObject({ kind: z.literal('endOfMonth'), months: int.max(120).default(0) }),
  z.strictObject({ kind: z.literal('endOfYear'), years: int.max(10).default(0) }),
]);

/** Whether `Intl` knows the zone (checked once, when the policy is parsed). */
function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** @internal The schema of a {@link LoyaltyPolicy}; every field has a default. */
export const loyaltyPolicySchema = z.strictObject({
  /** Which activity counts toward a tier: the calendar year, or the last N calendar months. */
  window: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('calendarYear') }),
      z.strictObject({ kind: z.literal('rolling'), months: z.number().int().min(1).max(36) }),
      z.strictObject({
        kind: z.literal('anniversary'),
        every: z
          .union([
            z.strictObject({ years: z.number().int().min(1).max(3) }),
            z.strictObject({ days: z.number().int().min(1).max(1096) }),
          ])
          .default({ years: 1 }),
        from: z.enum(['enrolment', 'tierChange']).default('enrolment'),
      }),
    ])
    .default({ kind: 'calendarYear' }),
  /** The IANA time zone in which days, months, years and anniversaries are counted. */
  timeZone: z
    .string()
    .min(1)
    .max(100)
    .refine(knownZone, 'Expected an IANA time zone known to Intl, such as "Europe/London"')
    .default('UTC'),
  /** When a member who qualifies for a higher tier gets it. */
  upgrade: z.enum(['immediate', 'nextPeriod']).default('immediate'),
  /** How a member who no longer qualifies loses a tier at a period end. */
  downgrade: z.enum(['never', 'periodEnd', 'oneStep', 'balance']).default('periodEnd'),
  /** Days a due downgrade waits; reaching the tier again meanwhile cancels it. */
  graceDays: days(0).default(0),
  /** Base earning: `points` per `per` minor units spent, rounded down. */
  earn: z
    .strictObject({ points: int.max(1000), per: z.number().int().min(1).max(1_000_000) })
    .default({ points: 1, per: 100 }),
  /** Points credited for a referral (not multiplied by the tier). */
  referralPoints: int.max(MAX_POINTS).default(0),
  /** Days earned points stay pending before they can be spent. */
  pendingDays: days(0).default(0),
  /** When earned points expire. */
  expiry: expirySchema.default({ kind: 'never' }),
  /** When referral points expire, if not like other points (bonus points often expire sooner). */
  referralExpiry: expirySchema.optional(),
  /** Which lots a redemption consumes first. */
  spendOrder: z.enum(['oldestFirst', 'soonestExpiringFirst']).default('oldestFirst'),
  /** Days an order stays refundable; after that its record is dropped from the snapshot. */
  refundWindowDays: days(0).default(90),
  /** How much a refund may claw back: pending points only, within the balance, or without limit (a debt). */
  returnPolicy: z.enum(['pendingOnly', 'withinBalance', 'unlimited']).default('withinBalance'),
  /** Whether a refund may take points from other orders' lots when the order's own are gone. */
  clawbackFromOtherOrders: z.boolean().default(false),
  /** When a member who no longer qualifies loses the tier: at period-end reviews, or at once. */
  downgradeTiming: z.enum(['periodEnd', 'immediate']).default('periodEnd'),
  /** Whether pending (locked) points count toward tiers before they become spendable. */
  pendingQualifies: z.boolean().default(true),
  /** Whether expiry is counted from when points were earned or from when they became spendable. */
  expiryFrom: z.enum(['earned', 'available']).default('earned'),
  /** Whether points expire at the computed instant or at the end of that day (in `timeZone`). */
  expiryAt: z.enum(['instant', 'endOfDay']).default('instant'),
  /** Whether a manual negative adjustment may take the balance below zero (a debt). */
  allowNegativeBalance: z.boolean().default(false),
  /** How many recent idempotency keys the snapshot keeps, and for how many days at most. */
  idempotency: z
    .strictObject({ maxKeys: z.number().int().min(1).max(10_000), days: days(1) })
    .default({ maxKeys: 200, days: 1 }),
  /** Days without activity after which a member counts as lapsed. */
  lapseDays: days(1).default(365),
});

/**
 * Which activity counts toward a tier, and when tiers are reviewed: the calendar year (reviewed at
 * the year end), the last `months` calendar months (reviewed at each month end), or the current
 * anniversary period (reviewed at its end). Days, months and years are those of the policy's
 * `timeZone`.
 *
 * @category Loyalty
 */
export type QualificationWindow =
  | {
      /** Activity in the current calendar year counts. */
      kind: 'calendarYear';
    }
  | {
      /** Activity in the last `months` calendar months counts. */
      kind: 'rolling';
      /** How many months, 1–36. */
      months: number;
    }
  | AnniversaryWindow;

/**
 * Anniversary periods: each period lasts `every` (whole years or a number of days) from local
 * midnight of the anchor date, which is the enrolment date (`from: 'enrolment'`) or the date of
 * the last tier change (`from: 'tierChange'`; a tier change starts a new period that day). Activity
 * inside the current period counts; the tier is reviewed when it ends. A member enrolled on
 * 29 February has the anniversary on 28 February in other years (as `java.time` and Temporal
 * constrain a date).
 *
 * @example
 * ```ts
 * import { nextWakeUp, replayOrThrow } from 'servicecraft';
 * import { defineLoyaltyProgram, defineTierLadder } from 'servicecraft/loyalty';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'a', qualifyBy: ['points'], tiers: [{ id: 'member' }] }),
 *   policy: { timeZone: 'Europe/London', window: { kind: 'anniversary', every: { years: 1 } } },
 * });
 * // Enrolled at 23:30 BST on 10 June 2025 (22:30 UTC): the anniversary is 10 June, in London.
 * const member = replayOrThrow(program.machine, [
 *   { type: 'ENROLL', key: 'e', at: Date.UTC(2025, 5, 10, 22, 30) },
 * ]);
 * member.context.period?.end === Date.UTC(2026, 5, 9, 23); // true: 00:00 BST on 10 June 2026
 * nextWakeUp(program.machine, member)?.event.type; // 'PERIOD_END'
 * ```
 *
 * @category Loyalty
 */
export interface AnniversaryWindow {
  /** Activity in the current anniversary period counts. */
  kind: 'anniversary';
  /** The period's length: `{ years }` (1–3) or `{ days }` (1–1,096). */
  every:
    | {
        /** The period lasts this many whole years (1–3), anniversary to anniversary. */
        years: number;
      }
    | {
        /** The period lasts this many days (1–1,096), counted from local midnight of the anchor. */
        days: number;
      };
  /** What the periods are counted from: the enrolment, or the last tier change. */
  from: 'enrolment' | 'tierChange';
}

/**
 * An {@link AnniversaryWindow} as written: `every` defaults to `{ years: 1 }`, `from` to
 * `'enrolment'`.
 *
 * @category Loyalty
 */
export interface AnniversaryWindowInput {
  /** Activity in the current anniversary period counts. */
  kind: 'anniversary';
  /** See {@link AnniversaryWindow.every} (default `{ years: 1 }`). */
  every?:
    | {
        /** The period lasts this many whole years (1–3), anniversary to anniversary. */
        years: number;
      }
    | {
        /** The period lasts this many days (1–1,096), counted from local midnight of the anchor. */
        days: number;
      }
    | undefined;
  /** See {@link AnniversaryWindow.from} (default `'enrolment'`). */
  from?: 'enrolment' | 'tierChange' | undefined;
}

/**
 * When earned points expire: never, `days` after earning, at the end of the earning month plus
 * `months`, or at the end of the earning year plus `years`.
 *
 * @category Loyalty
 */
export type ExpiryRule =
  | {
      /** Points never expire. */
      kind: 'never';
    }
  | {
      /** Points expire a number of days after earning. */
      kind: 'days';
      /** Days after earning (1–36,500). */
      days: number;
    }
  | {
      /** Points expire at the end of the earning month, plus `months`. */
      kind: 'endOfMonth';
      /** Extra months (0–120). */
      months: number;
    }
  | {
      /** Points expire at the end of the earning year, plus `years`. */
      kind: 'endOfYear';
      /** Extra years (0–10). */
      years: number;
    };

/**
 * The base earning rate: `points` per `per` minor units spent, rounded down.
 *
 * @category Loyalty
 */
export interface EarnRate {
  /** Points earned per `per` minor units (integer, 0–1000). */
  points: number;
  /** Minor units per step (integer, 1–1,000,000). */
  per: number;
}

/**
 * How many idempotency keys a snapshot keeps, and for how long. Each key is kept for `days` after
 * its own command's `at` (by default 1 day: 24 hours, as payment APIs keep keys), unless more than
 * `maxKeys` newer keys push it out first. A retry inside the window is recognised and changes
 * nothing; a retry of a key still held but past its window is refused as `KEY_EXPIRED`; a key no
 * longer held cannot be recognised at all (an older `at` is then refused as `OUT_OF_ORDER`).
 *
 * @category Loyalty
 */
export interface KeyWindow {
  /** At most this many recent keys (1–10,000, default 200); a burst beyond it shortens retention. */
  maxKeys: number;
  /** Days each key is kept, counted from its own command's time (1–36,500, default 1). */
  days: number;
}

/**
 * A loyalty policy with every default filled in.
 *
 * @category Loyalty
 */
export interface LoyaltyPolicy {
  /** Which activity counts toward a tier (default: the calendar year). */
  window: QualificationWindow;
  /**
   * The IANA time zone of the programme (default `'UTC'`): calendar years and months, anniversary
   * dates, and end-of-day, end-of-month and end-of-year expiries are those of this zone.
   */
  timeZone: string;
  /** When a member who qualifies higher gets the tier (default `immediate`). */
  upgrade: 'immediate' | 'nextPeriod';
  /** How a member who no longer qualifies loses a tier at a review (default `periodEnd`). */
  downgrade: 'never' | 'periodEnd' | 'oneStep' | 'balance';
  /** Days a due downgrade waits; reaching the tier again meanwhile cancels it (0–36,500, default 0). */
  graceDays: number;
  /** Base earning: `points` per `per` minor units, rounded down (default 1 per 100). */
  earn: EarnRate;
  /** Points credited per referral, not multiplied (0–10^12, default 0). */
  referralPoints: number;
  /** Days earned points stay pending (0–36,500, default 0). */
  pendingDays: number;
  /** When points expire (default never). */
  expiry: ExpiryRule;
  /** When referral points expire, if differently from other points. */
  referralExpiry?: ExpiryRule | undefined;
  /** Which lots a redemption consumes first (default `oldestFirst`). */
  spendOrder: 'oldestFirst' | 'soonestExpiringFirst';
  /** Days an order stays refundable and held in the snapshot (0–36,500, default 90). */
  refundWindowDays: number;
  /**
   * How much a refund claws back (default `withinBalance`): `pendingOnly` takes only points still
   * pending; `withinBalance` takes what the lots hold and never drives the balance below zero;
   * `unlimited` records the shortfall as the membership's `debt`, so the balance may be
   * negative.
   */
  returnPolicy: 'pendingOnly' | 'withinBalance' | 'unlimited';
  /**
   * Whether a refund whose order's points have already been spent or expired may take the shortfall
   * from other orders' lots (default `false`: the member keeps points earned on other orders).
   */
  clawbackFromOtherOrders: boolean;
  /**
   * When a member who no longer qualifies loses the tier (default `periodEnd`): at the period-end
   * review, or `immediate`ly, after any command that lowers the qualifying figure (a refund, an
   * expiry, the window moving on).
   */
  downgradeTiming: 'periodEnd' | 'immediate';
  /** Whether pending points count toward tiers before they become spendable (default `true`). */
  pendingQualifies: boolean;
  /** Whether expiry is counted from `earned` (default) or from when points become `available`. */
  expiryFrom: 'earned' | 'available';
  /**
   * Whether points expire at the computed `instant` (default) or at the end of the local day (in
   * `timeZone`) it falls in (`endOfDay`; days are then counted as calendar days of the zone).
   */
  expiryAt: 'instant' | 'endOfDay';
  /** Whether a negative `ADJUST` may take the balance below zero, as a debt (default `false`). */
  allowNegativeBalance: boolean;
  /** How many recent idempotency keys are kept, for how many days at most (default 200, 1). */
  idempotency: KeyWindow;
  /** Days without activity after which a member is lapsed (1–36,500, default 365). */
  lapseDays: number;
}

/**
 * A loyalty policy as written: every field optional (see {@link LoyaltyPolicy} for meanings and
 * defaults); `months` and `years` of an expiry rule default to 0.
 *
 * @category Loyalty
 */
export interface LoyaltyPolicyInput {
  /** See {@link LoyaltyPolicy.window}. */
  window?: Exclude<QualificationWindow, AnniversaryWindow> | AnniversaryWindowInput | undefined;
  /** See {@link LoyaltyPolicy.timeZone}. */
  timeZone?: string | undefined;
  /** See {@link LoyaltyPolicy.upgrade}. */
  upgrade?: LoyaltyPolicy['upgrade'] | undefined;
  /** See {@link LoyaltyPolicy.downgrade}. */
  downgrade?: LoyaltyPolicy['downgrade'] | undefined;
  /** See {@link LoyaltyPolicy.graceDays}. */
  graceDays?: number | undefined;
  /** See {@link LoyaltyPolicy.earn}. */
  earn?: EarnRate | undefined;
  /** See {@link LoyaltyPolicy.referralPoints}. */
  referralPoints?: number | undefined;
  /** See {@link LoyaltyPolicy.pendingDays}. */
  pendingDays?: number | undefined;
  /** See {@link LoyaltyPolicy.expiry}. */
  expiry?: ExpiryRuleInput | undefined;
  /** See {@link LoyaltyPolicy.referralExpiry}. */
  referralExpiry?: ExpiryRuleInput | undefined;
  /** See {@link LoyaltyPolicy.spendOrder}. */
  spendOrder?: LoyaltyPolicy['spendOrder'] | undefined;
  /** See {@link LoyaltyPolicy.refundWindowDays}. */
  refundWindowDays?: number | undefined;
  /** See {@link LoyaltyPolicy.returnPolicy}. */
  returnPolicy?: LoyaltyPolicy['returnPolicy'] | undefined;
  /** See {@link LoyaltyPolicy.clawbackFromOtherOrders}. */
  clawbackFromOtherOrders?: LoyaltyPolicy['clawbackFromOtherOrders'] | undefined;
  /** See {@link LoyaltyPolicy.downgradeTiming}. */
  downgradeTiming?: LoyaltyPolicy['downgradeTiming'] | undefined;
  /** See {@link LoyaltyPolicy.pendingQualifies}. */
  pendingQualifies?: LoyaltyPolicy['pendingQualifies'] | undefined;
  /** See {@link LoyaltyPolicy.expiryFrom}. */
  expiryFrom?: LoyaltyPolicy['expiryFrom'] | undefined;
  /** See {@link LoyaltyPolicy.expiryAt}. */
  expiryAt?: LoyaltyPolicy['expiryAt'] | undefined;
  /** See {@link LoyaltyPolicy.allowNegativeBalance}. */
  allowNegativeBalance?: LoyaltyPolicy['allowNegativeBalance'] | undefined;
  /** See {@link LoyaltyPolicy.idempotency}. */
  idempotency?: KeyWindow | undefined;
  /** See {@link LoyaltyPolicy.lapseDays}. */
  lapseDays?: number | undefined;
}

/**
 * An {@link ExpiryRule} as written: `months` and `years` may be omitted (0).
 *
 * @category Loyalty
 */
export type ExpiryRuleInput =
  | {
      /** Points never expire. */
      kind: 'never';
    }
  | {
      /** Points expire a number of days after earning. */
      kind: 'days';
      /** Days after earning. */
      days: number;
    }
  | {
      /** Points expire at the end of the earning month, plus `months`. */
      kind: 'endOfMonth';
      /** Extra months (default 0). */
      months?: number | undefined;
    }
  | {
      /** Points expire at the end of the earning year, plus `years`. */
      kind: 'endOfYear';
      /** Extra years (default 0). */
      years?: number | undefined;
    };

// Compile-time proof that the schema matches the documented types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const proofs: [
  Same<z.output<typeof loyaltyPolicySchema>, LoyaltyPolicy>,
  Same<z.input<typeof loyaltyPolicySchema>, LoyaltyPolicyInput>,
] = [true, true];
void proofs;
