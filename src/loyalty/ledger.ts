/**
 * The points ledger as pure functions over the membership context: crediting lots, settling
 * pending and expired lots, spending in policy order, clawing back. Lots that reach zero are
 * dropped and counted in the totals, so the context grows with live lots only.
 *
 * @internal
 * @module
 */

import { DAY } from './calendar.js';
import { cloneContext, cloneTotals } from './clone.js';
import type { LoyaltyPolicy } from './policy.js';
import type { Rules } from './rules.js';
import type { Lot, MembershipContext } from './types.js';

type Ctx = MembershipContext;

/** @internal Exact `floor(a * b / c)` for non-negative integers, via BigInt so nothing rounds. */
export function mulDiv(a: number, b: number, c: number): number {
  // A product within 2^53 is exact in a double, and so is the floor of its quotient: a quotient
  // short of an integer k by at least 1/c cannot round up to k unless the product reaches 2^53.
  const product = a * b;
  if (a >= 0 && b >= 0 && c > 0 && product <= Number.MAX_SAFE_INTEGER)
    return Math.floor(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * @internal Adds a lot of `points` earned at `at` (pending when the policy says so and `pending`
 * is not `false`), standing for `qualifying` points toward tiers. A debt is paid off first from
 * the new points; what pays it is counted as clawed back.
 */
export function credit(
  rules: Rules,
  ctx: Ctx,
  points: number,
  at: number,
  source: Lot['source'],
  order: string | null,
  qualifying = 0,
  canPend = true,
): Ctx {
  if (points <= 0) return ctx;
  const { policy } = rules;
  const pending = canPend && policy.pendingDays > 0;
  const availableAt = pending ? at + policy.pendingDays * DAY : at;
  const repay = Math.min(ctx.debt, points);
  const remaining = points - repay;
  const lot: Lot = {
    id: ctx.nextLot,
    source,
    order,
    points,
    remaining,
    status: pending ? 'pending' : 'active',
    earnedAt: at,
    availableAt,
    expiresAt: rules.time.expiryOf(
      source === 'referral' ? (policy.referralExpiry ?? policy.expiry) : policy.expiry,
      policy.expiryFrom === 'available' ? availableAt : at,
      policy.expiryAt,
    ),
    qualifying,
  };
  const out = cloneContext(ctx);
  if (remaining > 0) out.lots = [...ctx.lots, lot];
  out.nextLot = ctx.nextLot + 1;
  out.balance = ctx.balance + repay + (pending ? 0 : remaining);
  out.debt = ctx.debt - repay;
  const totals = cloneTotals(ctx.totals);
  totals.earned += points;
  totals.clawedBack += repay;
  out.totals = totals;
  return out;
}

/**
 * @internal Activates the pending lots due by `t` and expires the lots due by `expireThrough`
 * (default `t`). A period review passes `end - 1`, so lots expiring exactly at the period end are
 * still counted by the review and expire right after it.
 */
export function settleLots(ctx: Ctx, t: number, expireThrough = t): Ctx {
  let balance = ctx.balance;
  let expired = 0;
  // The new list is made only once a lot changes (most calls change nothing).
  let lots: Lot[] | undefined;
  const from = ctx.lots;
  for (let i = 0; i < from.length; i++) {
    const lot = from[i] as Lot;
    if (lot.expiresAt !== null && lot.expiresAt <= expireThrough) {
      lots ??= from.slice(0, i);
      expired += lot.remaining;
      if (lot.status === 'active') balance -= lot.remaining;
    } else if (lot.status === 'pending' && lot.availableAt <= t) {
      lots ??= from.slice(0, i);
      balance += lot.remaining;
      lots.push({ ...lot, status: 'active' });
    } else if (lots !== undefined) {
      lots.push(lot);
    }
  }
  if (lots === undefined) return ctx;
  const out = cloneContext(ctx);
  out.lots = lots;
  out.balance = balance;
  const totals = cloneTotals(ctx.totals);
  totals.expired += expired;
  out.totals = totals;
  return out;
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
 * the takings applied (empty lots removed) and how much was taken. At most `activeRoom` points
 * come from active lots (pending lots are outside the balance, so they have no such limit); an
 * active lot met once that room is used up is passed over and the next lots are still tried.
 */
function take(
  lots: readonly Lot[],
  order: readonly Lot[],
  points: number,
  activeRoom = Number.POSITIVE_INFINITY,
): { lots: Lot[]; taken: number; fromActive: number } {
  const takes = new Map<number, number>();
  let left = points;
  let fromActive = 0;
  let room = activeRoom;
  for (const lot of order) {
    if (left === 0) break;
    const active = lot.status === 'active';
    const n = active ? Math.min(left, lot.remaining, room) : Math.min(left, lot.remaining);
    if (n === 0) continue;
    takes.set(lot.id, n);
    if (active) {
      fromActive += n;
      room -= n;
    }
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

/**
 * @internal Spends `points` (at most the balance) in the policy's order, counting them in the
 * given total (`redeemed` by default). With `debt`, what the balance cannot cover becomes a debt.
 */
export function spend(
  policy: LoyaltyPolicy,
  ctx: Ctx,
  points: number,
  total: 'redeemed' | 'adjustedOut' | 'transferredOut' = 'redeemed',
  debt = false,
): Ctx {
  const { lots, taken } = take(
    ctx.lots,
    spendOrder(policy, ctx.lots),
    Math.max(0, Math.min(points, ctx.balance)),
  );
  const owed = debt ? points - taken : 0;
  return {
    ...ctx,
    lots,
    balance: ctx.balance - taken - owed,
    debt: ctx.debt + owed,
    totals: { ...ctx.totals, [total]: ctx.totals[total] + taken },
  };
}

/**
 * @internal Cancels the remaining points of one order's lots (an order canceled), counting them as
 * canceled.
 */
export function cancelOrderLots(ctx: Ctx, order: string): Ctx {
  let canceled = 0;
  let active = 0;
  const lots: Lot[] = [];
  for (const l of ctx.lots) {
    if (l.order !== order) lots.push(l);
    else {
      canceled += l.remaining;
      if (l.status === 'active') active += l.remaining;
    }
  }
  if (canceled === 0) return ctx;
  return {
    ...ctx,
    lots,
    balance: ctx.balance - active,
    totals: { ...ctx.totals, canceled: ctx.totals.canceled + canceled },
  };
}

/**
 * @internal Claws back `points` after a refund of `order`, as `policy.returnPolicy` and
 * `policy.clawbackFromOtherOrders` say: first from the order's own lots (only pending ones under
 * `pendingOnly`), then, when allowed, from other lots (pending ones under `pendingOnly`, otherwise
 * active ones in spending order, within the balance unless `unlimited`). The rest becomes a debt
 * under `unlimited`, and is counted as uncollected otherwise.
 *
 * Under `withinBalance` both passes together take at most the balance (none when it is zero or
 * below) from active lots: a debt can make the balance smaller than the order's own active lots,
 * and taking them in full would then push the balance below zero. Pending points are not in the
 * balance and are taken as before. What the cap leaves is counted as uncollected, as the second
 * pass always did; it stays in the order's lot, where it keeps offsetting the debt.
 */
export function clawBack(policy: LoyaltyPolicy, ctx: Ctx, order: string, points: number): Ctx {
  if (points <= 0) return ctx;
  const mode = policy.returnPolicy;
  const own = ctx.lots.filter(
    (l) => l.order === order && (mode !== 'pendingOnly' || l.status === 'pending'),
  );
  const room = mode === 'withinBalance' ? Math.max(0, ctx.balance) : Number.POSITIVE_INFINITY;
  let { lots, taken, fromActive } = take(ctx.lots, own, points, room);
  if (taken < points && policy.clawbackFromOtherOrders) {
    const rest = points - taken;
    const others =
      mode === 'pendingOnly'
        ? lots.filter((l) => l.status === 'pending')
        : spendOrder(policy, lots);
    const cap =
      mode === 'withinBalance' ? Math.min(rest, Math.max(0, ctx.balance - fromActive)) : rest;
    const second = take(lots, others, cap);
    lots = second.lots;
    taken += second.taken;
    fromActive += second.fromActive;
  }
  const short = points - taken;
  const debt = mode === 'unlimited' ? short : 0;
  return {
    ...ctx,
    lots,
    balance: ctx.balance - fromActive - debt,
    debt: ctx.debt + debt,
    totals: {
      ...ctx.totals,
      clawedBack: ctx.totals.clawedBack + taken,
      uncollected: ctx.totals.uncollected + short - debt,
    },
  };
}

/** @internal Cancels every live lot and writes off any debt as uncollected (membership closed). */
export function cancelAll(ctx: Ctx): Ctx {
  const canceled = ctx.lots.reduce((sum, l) => sum + l.remaining, 0);
  return {
    ...ctx,
    lots: [],
    balance: 0,
    debt: 0,
    totals: {
      ...ctx.totals,
      canceled: ctx.totals.canceled + canceled,
      uncollected: ctx.totals.uncollected + ctx.debt,
    },
  };
}
