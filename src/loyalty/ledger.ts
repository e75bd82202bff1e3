/**
 * The points ledger as pure functions over the membership context: crediting lots, settling
 * pending and expired lots, spending in policy order, clawing back. Lots that reach zero are
 * dropped and counted in the totals, so the context grows with live lots only.
 *
 * @internal
 * @module
 */
import { DAY, expiryOf } from './calendar.js';
import type { LoyaltyPolicy } from './policy.js';
import type { Lot, MembershipContext } from './types.js';

type Ctx = MembershipContext;

/** @internal Exact `floor(a * b / c)` for non-negative integers, via BigInt so nothing rounds. */
export function mulDiv(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** @internal Adds a lot of `points` earned at `at` (pending when the policy says so). */
export function credit(
  policy: LoyaltyPolicy,
  ctx: Ctx,
  points: number,
  at: number,
  source: Lot['source'],
  order: string | null,
): Ctx {
  if (points <= 0) return ctx;
  const pending = policy.pendingDays > 0;
  const lot: Lot = {
    id: ctx.nextLot,
    source,
    order,
    points,
    remaining: points,
    status: pending ? 'pending' : 'active',
    earnedAt: at,
    availableAt: at + policy.pendingDays * DAY,
    expiresAt: expiryOf(
      source === 'referral' ? (policy.referralExpiry ?? policy.expiry) : policy.expiry,
      at,
    ),
  };
  return {
    ...ctx,
    lots: [...ctx.lots, lot],
    nextLot: ctx.nextLot + 1,
    balance: pending ? ctx.balance : ctx.balance + points,
    totals: { ...ctx.totals, earned: ctx.totals.earned + points },
  };
}

/** @internal Expires due lots and activates due pending lots, as of `t`. */
export function settleLots(ctx: Ctx, t: number): Ctx {
  let changed = false;
  let balance = ctx.balance;
  let expired = 0;
  const lots: Lot[] = [];
  for (const lot of ctx.lots) {
    if (lot.expiresAt !== null && lot.expiresAt <= t) {
      changed = true;
      expired += lot.remaining;
      if (lot.status === 'active') balance -= lot.remaining;
    } else if (lot.status === 'pending' && lot.availableAt <= t) {
      changed = true;
      balance += lot.remaining;
      lots.push({ ...lot, status: 'active' });
    } else {
      lots.push(lot);
    }
  }
  if (!changed) return ctx;
  return {
    ...ctx,
    lots,
    balance,
    totals: { ...ctx.totals, expired: ctx.totals.expired + expired },
  };
}

/** @internal Active lots in the order a redemption consumes them. */
function spendOrder(policy: LoyaltyPolicy, lots: readonly Lot[]): Lot[] {
  const active = lots.filter((l) => l.status === 'active');
  if (policy.spendOrder === 'oldestFirst') return active; // already in earning order
  const never = Number.MAX_SAFE_INTEGER;
  return active.sort((a, b) => (a.expiresAt ?? never) - (b.expiresAt ?? never) || a.id - b.id);
}

/**
 * @internal Takes up to `points` from the given lots (in that order) and returns the lots with
 * the takings applied (empty lots removed) and how much was taken.
 */
function take(
  lots: readonly Lot[],
  order: readonly Lot[],
  points: number,
): { lots: Lot[]; taken: number; fromActive: number } {
  const takes = new Map<number, number>();
  let left = points;
  let fromActive = 0;
  for (const lot of order) {
    if (left === 0) break;
    const n = Math.min(left, lot.remaining);
    if (n === 0) continue;
    takes.set(lot.id, n);
    if (lot.status === 'active') fromActive += n;
    left -= n;
  }
  const next: Lot[] = [];
  for (const lot of lots) {
    const n = takes.get(lot.id) ?? 0;
    if (n === 0) next.push(lot);
    else if (lot.remaining > n) next.push({ ...lot, remaining: lot.remaining - n });
  }
  return { lots: next, taken: points - left, fromActive };
}

/** @internal Spends `points` (at most the balance) in the policy's order. */
export function spend(policy: LoyaltyPolicy, ctx: Ctx, points: number): Ctx {
  const { lots, taken } = take(
    ctx.lots,
    spendOrder(policy, ctx.lots),
    Math.min(points, ctx.balance),
  );
  return {
    ...ctx,
    lots,
    balance: ctx.balance - taken,
    totals: { ...ctx.totals, redeemed: ctx.totals.redeemed + taken },
  };
}

/**
 * @internal Claws back `points`: first from the order's own lots (pending or active), then from
 * other active lots in spending order. What cannot be covered is counted as uncollected, so the
 * balance never goes negative.
 */
export function clawBack(policy: LoyaltyPolicy, ctx: Ctx, order: string, points: number): Ctx {
  if (points <= 0) return ctx;
  const own = ctx.lots.filter((l) => l.order === order);
  const first = take(ctx.lots, own, points);
  const rest = points - first.taken;
  const second = take(
    first.lots,
    spendOrder(policy, first.lots),
    Math.min(rest, ctx.balance - first.fromActive),
  );
  const taken = first.taken + second.taken;
  return {
    ...ctx,
    lots: second.lots,
    balance: ctx.balance - first.fromActive - second.fromActive,
    totals: {
      ...ctx.totals,
      clawedBack: ctx.totals.clawedBack + taken,
      uncollected: ctx.totals.uncollected + (points - taken),
    },
  };
}

/** @internal Cancels every live lot (membership closed). */
export function cancelAll(ctx: Ctx): Ctx {
  const canceled = ctx.lots.reduce((sum, l) => sum + l.remaining, 0);
  return {
    ...ctx,
    lots: [],
    balance: 0,
    totals: { ...ctx.totals, canceled: ctx.totals.canceled + canceled },
  };
}
