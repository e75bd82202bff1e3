/**
 * Tier logic as pure functions: the qualifying metrics in a window, the tier they reach, and what
 * a period end, a grace expiry or new activity does to the member's tier.
 *
 * @internal
 * @module
 */

import { DAY } from './calendar.js';
import { cloneContext } from './clone.js';
import { type TierLadder, type TierMetric, tierMetrics } from './ladder.js';
import type { LoyaltyPolicy } from './policy.js';
import type { Rules } from './rules.js';
import type { MembershipContext } from './types.js';

type Ctx = MembershipContext;

/**
 * The qualifying metrics of a member in the window that counts at a given time.
 *
 * @category Loyalty
 */
export type TierMetrics = Record<TierMetric, number>;

/**
 * @internal Sums the monthly counters inside the window that counts at `at`; with
 * `pendingQualifies: false`, the qualifying points of lots still pending are left out.
 */
export function metricsAt(rules: Rules, ctx: Ctx, at: number): TierMetrics {
  const { policy, time } = rules;
  const { from, to } = time.windowAt(ctx, at);
  const out: TierMetrics = { points: 0, spend: 0, visits: 0 };
  for (const m of ctx.months) {
    if (m.month < from || m.month > to) continue;
    out.points += m.points;
    out.spend += m.spend;
    out.visits += m.visits;
  }
  if (!policy.pendingQualifies) {
    for (const l of ctx.lots) {
      if (l.status !== 'pending' || l.qualifying === 0) continue;
      const m = time.bucketOf(l.earnedAt);
      if (m >= from && m <= to) out.points -= l.qualifying;
    }
    out.points = Math.max(0, out.points);
  }
  return out;
}

/** @internal The highest rank whose threshold any qualifying metric reaches. */
export function qualifiedRank(ladder: TierLadder, metrics: TierMetrics): number {
  for (let r = ladder.tiers.length - 1; r > 0; r--) {
    const tier = ladder.tiers[r];
    if (tier === undefined) continue;
    for (const m of ladder.qualifyBy) {
      if (metrics[m] >= (tier.threshold[m] ?? Number.POSITIVE_INFINITY)) return r;
    }
  }
  return 0;
}

/** @internal The rank of a tier id (0 when unknown, which a checked context never holds). */
export function rankOf(ladder: TierLadder, id: string | null): number {
  const tiers = ladder.tiers;
  for (let i = 0; i < tiers.length; i++)
    if ((tiers[i] as TierLadder['tiers'][number]).id === id) return i;
  return 0;
}

const idOf = (ladder: TierLadder, rank: number): string => ladder.tiers[rank]?.id ?? '';

/** @internal Sets the tier and records why. */
export function changeTier(
  ladder: TierLadder,
  ctx: Ctx,
  rank: number,
  at: number,
  reason: string,
): Ctx {
  const to = idOf(ladder, rank);
  if (to === ctx.tier) return ctx;
  return { ...ctx, tier: to, lastChange: { at, from: ctx.tier, to, reason } };
}

const floorRank = (ladder: TierLadder, ctx: Ctx): number =>
  ctx.floor ? rankOf(ladder, ctx.floor.tier) : 0;

/** @internal Adds qualifying activity to the bucket (local month, or local day) of `at`. */
export function addActivity(rules: Rules, ctx: Ctx, at: number, delta: TierMetrics): Ctx {
  const month = rules.time.bucketOf(at);
  let i = -1;
  for (let j = 0; j < ctx.months.length; j++) {
    if ((ctx.months[j] as Ctx['months'][number]).month === month) {
      i = j;
      break;
    }
  }
  const cur = ctx.months[i] ?? { month, points: 0, spend: 0, visits: 0 };
  const next = {
    month,
    points: Math.max(0, cur.points + delta.points),
    spend: Math.max(0, cur.spend + delta.spend),
    visits: Math.max(0, cur.visits + delta.visits),
  };
  if (i < 0 && (delta.points < 0 || delta.spend < 0)) return ctx; // too old for any window
  const months = ctx.months.slice();
  if (i < 0) {
    months.push(next);
    months.sort((a, b) => a.month - b.month);
  } else {
    months[i] = next;
  }
  const out = cloneContext(ctx);
  out.months = months;
  return out;
}

/**
 * @internal Drops monthly counters no window can see any more as of `at` (with immediate
 * downgrades, the window of the period that ended last is still read).
 */
export function pruneMonths(rules: Rules, ctx: Ctx, at: number): Ctx {
  const seen =
    rules.policy.downgradeTiming === 'immediate' && ctx.period
      ? Math.min(at, ctx.period.start - 1)
      : at;
  const { from } = rules.time.windowAt(ctx, seen);
  if (ctx.months.every((m) => m.month >= from)) return ctx;
  return { ...ctx, months: ctx.months.filter((m) => m.month >= from) };
}

/**
 * @internal After new activity: an immediate upgrade when the policy allows it, and a pending
 * downgrade canceled once the member reaches the current tier again.
 */
export function afterActivity(rules: Rules, ctx: Ctx, at: number): Ctx {
  const { ladder, policy } = rules;
  const q = qualifiedRank(ladder, metricsAt(rules, ctx, at));
  const cur = rankOf(ladder, ctx.tier);
  let next = ctx;
  if (next.grace && q >= cur) next = { ...next, grace: null };
  if (policy.upgrade === 'immediate' && q > cur) {
    next = changeTier(
      ladder,
      next,
      q,
      at,
      `qualified for ${idOf(ladder, q)} by activity in the current window`,
    );
  }
  return next;
}

/** @internal The tier review at the end of a period (`end` is the first instant of the next one). */
export function review(rules: Rules, ctx: Ctx, end: number): Ctx {
  const { ladder, policy } = rules;
  const metrics = metricsAt(rules, ctx, end - 1);
  const q = qualifiedRank(ladder, metrics);
  const cur = rankOf(ladder, ctx.tier);
  if (q > cur) {
    const next = changeTier(
      ladder,
      ctx,
      q,
      end,
      `qualified for ${idOf(ladder, q)} in the period that ended`,
    );
    return { ...next, grace: null };
  }
  if (ctx.grace) return ctx;
  const target = downgradeTarget(ladder, policy, ctx, metrics, cur);
  if (target >= cur) return ctx;
  if (policy.graceDays > 0) {
    return { ...ctx, grace: { until: end + policy.graceDays * DAY, to: idOf(ladder, target) } };
  }
  return changeTier(
    ladder,
    ctx,
    target,
    end,
    `did not keep ${ctx.tier} in the period that ended (${figures(ladder, policy, ctx, metrics)})`,
  );
}

/** @internal The tier rank the downgrade policy leaves a member of rank `cur` with (≤ `cur`). */
function downgradeTarget(
  ladder: TierLadder,
  policy: LoyaltyPolicy,
  ctx: Ctx,
  metrics: TierMetrics,
  cur: number,
): number {
  let target = cur;
  switch (policy.downgrade) {
    case 'never':
      break;
    case 'periodEnd':
      target = qualifiedRank(ladder, metrics);
      break;
    case 'oneStep':
      target = Math.max(qualifiedRank(ladder, metrics), cur - 1);
      break;
    case 'balance':
      target = qualifiedRank(ladder, { ...metrics, points: ctx.balance });
      break;
  }
  return Math.min(cur, Math.max(target, floorRank(ladder, ctx)));
}

/** @internal The figures a downgrade was decided by, as a clause. */
function figures(
  ladder: TierLadder,
  policy: LoyaltyPolicy,
  ctx: Ctx,
  metrics: TierMetrics,
): string {
  return policy.downgrade === 'balance'
    ? describeBalance(ladder, metrics, ctx.balance)
    : describe(ladder, metrics);
}

/**
 * @internal With `downgradeTiming: 'immediate'`, lowers the tier as soon as the qualifying figure
 * no longer supports it, instead of waiting for the period end. The figure is the better of the
 * current window and the window of the period that ended last (what the last review granted is
 * kept through the period); a refund or cancellation lowers both, so it takes effect at once.
 * Grace periods and floors apply as at a review.
 */
export function followNow(rules: Rules, ctx: Ctx, at: number): Ctx {
  const { ladder, policy } = rules;
  if (policy.downgradeTiming !== 'immediate' || ctx.tier === null || ctx.grace) return ctx;
  const now = metricsAt(rules, ctx, at);
  const last = ctx.period ? metricsAt(rules, ctx, ctx.period.start - 1) : now;
  const metrics: TierMetrics = {
    points: Math.max(now.points, last.points),
    spend: Math.max(now.spend, last.spend),
    visits: Math.max(now.visits, last.visits),
  };
  const cur = rankOf(ladder, ctx.tier);
  const target = downgradeTarget(ladder, policy, ctx, metrics, cur);
  if (target >= cur) return ctx;
  if (policy.graceDays > 0) {
    return { ...ctx, grace: { until: at + policy.graceDays * DAY, to: idOf(ladder, target) } };
  }
  return changeTier(
    ladder,
    ctx,
    target,
    at,
    `no longer qualifies for ${ctx.tier} (${figures(ladder, policy, ctx, metrics)})`,
  );
}

/** @internal Ends a grace period: drops to the scheduled tier unless the member has earned more since. */
export function endGrace(rules: Rules, ctx: Ctx): Ctx {
  const { ladder } = rules;
  if (!ctx.grace) return ctx;
  const at = ctx.grace.until;
  const cur = rankOf(ladder, ctx.tier);
  const q = qualifiedRank(ladder, metricsAt(rules, ctx, at));
  const target = Math.min(cur, Math.max(rankOf(ladder, ctx.grace.to), q, floorRank(ladder, ctx)));
  const next = { ...ctx, grace: null };
  return changeTier(
    ladder,
    next,
    target,
    at,
    `grace period ended without requalifying for ${ctx.tier}`,
  );
}

/** @internal `points 120, visits 3` for the ladder's metrics. */
export function describe(ladder: TierLadder, metrics: TierMetrics): string {
  return tierMetrics
    .filter((m) => ladder.qualifyBy.includes(m))
    .map((m) => `${m} ${metrics[m]}`)
    .join(', ');
}

/**
 * @internal The figures a `downgrade: 'balance'` review used: the balance in place of the
 * qualifying points (which are named too, since they may reach a higher tier).
 */
export function describeBalance(ladder: TierLadder, metrics: TierMetrics, balance: number): string {
  const used = tierMetrics
    .filter((m) => ladder.qualifyBy.includes(m))
    .map((m) => (m === 'points' ? `balance ${balance}` : `${m} ${metrics[m]}`))
    .join(', ');
  return ladder.qualifyBy.includes('points')
    ? `${used}; downgrade: balance compares the balance, not the ${metrics.points} qualifying points, with the thresholds`
    : used;
}
