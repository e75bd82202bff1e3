/**
 * Read models: plain functions of a membership snapshot (and `now` where time matters). They
 * never change the snapshot; a snapshot not yet advanced to `now` is read as of `now`.
 *
 * @module
 */
import { DAY, iso, windowAt } from './calendar.js';
import type { Tier, TierMetric } from './ladder.js';
import type { LoyaltyProgram } from './program.js';
import { describe, metricsAt, qualifiedRank, rankOf, type TierMetrics } from './tiers.js';
import type { MembershipContext } from './types.js';

/**
 * The spendable points: the sum of the active lots' remainders.
 *
 * @example
 * ```ts
 * import { balance, defineLoyaltyProgram, defineTierLadder, replayOrThrow } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'b', qualifyBy: ['points'], tiers: [{ id: 'member' }] }),
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [
 *   { type: 'ENROLL', key: 'e', at },
 *   { type: 'PURCHASE', key: 'p', at, order: 'o', amount: 1_000 },
 * ]);
 * balance(member); // 10
 * ```
 *
 * @param snapshot - A membership snapshot.
 * @returns The balance in points.
 * @category Loyalty
 */
export function balance(snapshot: { readonly context: MembershipContext }): number {
  return snapshot.context.balance;
}

/**
 * The member's current tier.
 *
 * @example
 * ```ts
 * import { defineLoyaltyProgram, defineTierLadder, initialSnapshot, tierOf } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 't', qualifyBy: ['visits'], tiers: [{ id: 'member' }] }),
 * });
 * tierOf(program, initialSnapshot(program.machine)); // undefined: not enrolled yet
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @returns The tier, or `undefined` before enrolment.
 * @category Loyalty
 */
export function tierOf(
  program: LoyaltyProgram,
  snapshot: { readonly context: MembershipContext },
): Tier | undefined {
  return program.ladder.tiers.find((t) => t.id === snapshot.context.tier);
}

/**
 * How far a member is from a tier: the amount missing on each qualifying metric. Reaching any one
 * of them is enough.
 *
 * @category Loyalty
 */
export interface TierGap {
  /** The tier in question. */
  readonly tier: Tier;
  /** Missing amount per qualifying metric (0 when already reached). */
  readonly missing: Partial<Record<TierMetric, number>>;
  /** The missing qualifying points, or `null` when the ladder does not qualify by points. */
  readonly points: number | null;
}

function gap(program: LoyaltyProgram, tier: Tier, metrics: TierMetrics): TierGap {
  const missing: Partial<Record<TierMetric, number>> = {};
  for (const m of program.ladder.qualifyBy)
    missing[m] = Math.max(0, (tier.threshold[m] ?? 0) - metrics[m]);
  return { tier, missing, points: missing.points ?? null };
}

/**
 * What a member needs to keep a tier, and by when.
 *
 * @category Loyalty
 */
export interface TierKeepGap extends TierGap {
  /** The review time (epoch ms) by which the gap must be closed: the current period's end. */
  readonly by: number;
}

/**
 * What the member still needs, in the current qualification window, to reach the next tier.
 *
 * @example
 * ```ts
 * import { defineLoyaltyProgram, defineTierLadder, pointsToNextTier, replayOrThrow } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({
 *     id: 'n', qualifyBy: ['points'],
 *     tiers: [{ id: 'member' }, { id: 'silver', threshold: { points: 100 } }],
 *   }),
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [{ type: 'ENROLL', key: 'e', at }]);
 * pointsToNextTier(program, member, at)?.points; // 100
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param now - The time to read the window at (epoch ms).
 * @returns The gap to the tier above the current one, or `null` at the top or before enrolment.
 * @category Loyalty
 */
export function pointsToNextTier(
  program: LoyaltyProgram,
  snapshot: { readonly context: MembershipContext },
  now: number,
): TierGap | null {
  const ctx = snapshot.context;
  const next =
    ctx.tier === null ? undefined : program.ladder.tiers[rankOf(program.ladder, ctx.tier) + 1];
  return next ? gap(program, next, metricsAt(program.policy, ctx, now)) : null;
}

/**
 * What the member still needs before the current period ends to keep the current tier at the
 * review. With `downgrade: 'balance'` the points metric is the balance at that time.
 *
 * @example
 * ```ts
 * import { defineLoyaltyProgram, defineTierLadder, pointsToKeepTier, replayOrThrow } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({
 *     id: 'k', qualifyBy: ['points'],
 *     tiers: [{ id: 'member' }, { id: 'silver', threshold: { points: 100 } }],
 *   }),
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [
 *   { type: 'ENROLL', key: 'e', at },
 *   { type: 'GRANT_TIER', key: 'g', at, tier: 'silver', until: Date.UTC(2025, 6, 1) },
 * ]);
 * pointsToKeepTier(program, member, at)?.points; // 100
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param now - The time to read at (epoch ms).
 * @returns The gap with the period end as `by`, or `null` when the tier cannot be lost at the
 *   review (entry tier, `downgrade: 'never'`, a permanent grant, or not enrolled).
 * @category Loyalty
 */
export function pointsToKeepTier(
  program: LoyaltyProgram,
  snapshot: { readonly context: MembershipContext },
  now: number,
): TierKeepGap | null {
  const ctx = snapshot.context;
  const tier = tierOf(program, snapshot);
  if (!tier || tier.rank === 0 || !ctx.period || program.policy.downgrade === 'never') return null;
  const floor = ctx.floor;
  if (
    floor &&
    rankOf(program.ladder, floor.tier) >= tier.rank &&
    (floor.until === null || floor.until > ctx.period.end)
  ) {
    return null;
  }
  const end = Math.max(ctx.period.end, now + 1);
  const metrics = metricsAt(program.policy, ctx, Math.max(now, ctx.period.end - 1));
  if (program.policy.downgrade === 'balance') metrics.points = ctx.balance;
  return { ...gap(program, tier, metrics), by: end };
}

/**
 * Points due to expire, grouped by expiry time.
 *
 * @category Loyalty
 */
export interface UpcomingExpiry {
  /** When they expire (epoch ms). */
  readonly at: number;
  /** How many points (pending or active) expire then. */
  readonly points: number;
}

/**
 * The points that will expire after `now` and within `horizonDays`, soonest first.
 *
 * @example
 * ```ts
 * import { defineLoyaltyProgram, defineTierLadder, replayOrThrow, upcomingExpiries } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'x', qualifyBy: ['points'], tiers: [{ id: 'member' }] }),
 *   policy: { expiry: { kind: 'days', days: 30 } },
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [
 *   { type: 'ENROLL', key: 'e', at },
 *   { type: 'PURCHASE', key: 'p', at, order: 'o', amount: 500 },
 * ]);
 * upcomingExpiries(member, at); // [{ at: Date.UTC(2025, 0, 31), points: 5 }]
 * ```
 *
 * @param snapshot - A membership snapshot.
 * @param now - The time to look from (epoch ms).
 * @param horizonDays - How many days ahead to look (default 90).
 * @returns The expiries, soonest first.
 * @category Loyalty
 */
export function upcomingExpiries(
  snapshot: { readonly context: MembershipContext },
  now: number,
  horizonDays = 90,
): UpcomingExpiry[] {
  const until = now + horizonDays * DAY;
  const byTime = new Map<number, number>();
  for (const lot of snapshot.context.lots) {
    const at = lot.expiresAt;
    if (at === null || at <= now || at > until) continue;
    byTime.set(at, (byTime.get(at) ?? 0) + lot.remaining);
  }
  return [...byTime].sort((a, b) => a[0] - b[0]).map(([at, points]) => ({ at, points }));
}

/**
 * When the member last purchased, visited, referred or redeemed.
 *
 * @example
 * ```ts
 * import { defineLoyaltyProgram, defineTierLadder, initialSnapshot, lastActivity } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'l', qualifyBy: ['visits'], tiers: [{ id: 'member' }] }),
 * });
 * lastActivity(initialSnapshot(program.machine)); // null
 * ```
 *
 * @param snapshot - A membership snapshot.
 * @returns Epoch ms, or `null` when there was no activity yet.
 * @category Loyalty
 */
export function lastActivity(snapshot: { readonly context: MembershipContext }): number | null {
  return snapshot.context.lastActivityAt;
}

/**
 * Whether an enrolled member has gone `policy.lapseDays` days without activity (counted from
 * enrolment when there was none).
 *
 * @example
 * ```ts
 * import { defineLoyaltyProgram, defineTierLadder, isLapsed, replayOrThrow } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'z', qualifyBy: ['visits'], tiers: [{ id: 'member' }] }),
 *   policy: { lapseDays: 30 },
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [{ type: 'ENROLL', key: 'e', at }]);
 * isLapsed(program, member, Date.UTC(2025, 1, 15)); // true
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param now - The time to judge at (epoch ms).
 * @returns `true` when lapsed; `false` when active recently or not enrolled.
 * @category Loyalty
 */
export function isLapsed(
  program: LoyaltyProgram,
  snapshot: { readonly context: MembershipContext },
  now: number,
): boolean {
  const since = snapshot.context.lastActivityAt ?? snapshot.context.enrolledAt;
  return since !== null && now - since >= program.policy.lapseDays * DAY;
}

/**
 * Why a member is in their tier and what changed last.
 *
 * @category Loyalty
 */
export interface Explanation {
  /** The current tier id (`null` before enrolment). */
  readonly tier: string | null;
  /** The qualifying metrics in the window as of the last command. */
  readonly metrics: TierMetrics;
  /** The tier those metrics reach on their own. */
  readonly qualifiesFor: string;
  /** The last tier change, with its reason. */
  readonly lastChange: MembershipContext['lastChange'];
  /** The explanation as sentences. */
  readonly lines: readonly string[];
}

/**
 * Explains the member's tier: the qualifying metrics, the tier they reach, floors and grace
 * periods in force, and the last tier change with its reason.
 *
 * @example
 * ```ts
 * import { defineLoyaltyProgram, defineTierLadder, explain, replayOrThrow } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'w', qualifyBy: ['points'], tiers: [{ id: 'member' }] }),
 * });
 * const member = replayOrThrow(program.machine, [{ type: 'ENROLL', key: 'e', at: 0 }]);
 * explain(program, member).lines[0]; // 'Tier member: qualifying points 0 in 1970-01 to 1970-12 reach member.'
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @returns The explanation.
 * @category Loyalty
 */
export function explain(
  program: LoyaltyProgram,
  snapshot: { readonly context: MembershipContext },
): Explanation {
  const { ladder, policy } = program;
  const ctx = snapshot.context;
  const at = ctx.lastAt ?? 0;
  const metrics = metricsAt(policy, ctx, at);
  const qualifiesFor = ladder.tiers[qualifiedRank(ladder, metrics)]?.id ?? '';
  const lines: string[] = [];
  if (ctx.tier === null) {
    lines.push('Not enrolled yet: no tier.');
  } else {
    const { from, to } = windowAt(policy, at);
    const month = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    lines.push(
      `Tier ${ctx.tier}: qualifying ${describe(ladder, metrics)} in ${month(from)} to ${month(to)} reach ${qualifiesFor}.`,
    );
    if (ctx.tier !== qualifiesFor) {
      lines.push(
        `The tier differs from what the metrics reach because of the ${policy.upgrade} upgrade and ${policy.downgrade} downgrade policies${ctx.floor ? ` and a granted floor of ${ctx.floor.tier}` : ''}.`,
      );
    }
    if (ctx.floor)
      lines.push(
        `Granted floor: ${ctx.floor.tier}${ctx.floor.until === null ? ', permanent' : ` until ${iso(ctx.floor.until)}`}.`,
      );
    if (ctx.grace)
      lines.push(
        `Grace period: drops to ${ctx.grace.to} at ${iso(ctx.grace.until)} unless requalified.`,
      );
    if (ctx.lastChange) {
      const c = ctx.lastChange;
      lines.push(`Last change at ${iso(c.at)}: ${c.from ?? 'none'} → ${c.to}, ${c.reason}.`);
    }
  }
  return { tier: ctx.tier, metrics, qualifiesFor, lastChange: ctx.lastChange, lines };
}
