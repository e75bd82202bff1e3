/**
 * What each membership command does to the context, as one pure function that decides and
 * applies in a single pass: the machine's update calls it once per command and gets the next
 * context or a refusal.
 *
 * @internal
 * @module
 */
import { clip } from '../core/errors.js';
import { isRefusal, refusal } from '../core/index.js';
import { DAY, iso } from './calendar.js';
import { cloneContext } from './clone.js';
import type { LoyaltyErrorCode, LoyaltyRefusal } from './errors.js';
import { fingerprint } from './fingerprint.js';
import {
  cancelAll,
  cancelOrderLots,
  clawBack,
  credit,
  mulDiv,
  settleLots,
  spend,
} from './ledger.js';
import { isTime, type LimitBreach, limitBreachSince, MAX_TIME } from './limits.js';
import type { Rules } from './rules.js';
import {
  addActivity,
  afterActivity,
  changeTier,
  endGrace,
  followNow,
  pruneMonths,
  rankOf,
  review,
} from './tiers.js';
import type { MembershipContext, MembershipEvent } from './types.js';

type Ctx = MembershipContext;

export type { Rules } from './rules.js';

/** @internal The fingerprint of a command, with optional fields normalised. */
export function commandFingerprint(event: MembershipEvent): string {
  if (event.type === 'REDEEM') return fingerprint({ ...event, partial: event.partial === true });
  if (event.type === 'GRANT_TIER') return fingerprint({ ...event, until: event.until ?? null });
  return fingerprint(event);
}

/**
 * @internal Whether the command is a retry of one the snapshot still remembers, within the key's
 * retention window (stamped with a time a `Date` can represent: a retry at an impossible time is
 * refused like any command).
 */
export function isRetry(rules: Rules, ctx: Ctx, event: MembershipEvent): boolean {
  if (!isTime(event.at)) return false;
  const seen = keyOf(ctx, event.key);
  return (
    seen !== undefined &&
    event.at < keyExpiry(rules, seen[2]) &&
    seen[1] === commandFingerprint(event)
  );
}

/** The kept key entry of `key`, if any (a loop: this runs on every command). */
function keyOf(ctx: Ctx, key: string): Ctx['keys'][number] | undefined {
  const keys = ctx.keys;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as Ctx['keys'][number];
    if (k[0] === key) return k;
  }
  return undefined;
}

/** @internal When a key used at `at` stops being recognised: its own time plus the retention window. */
export function keyExpiry(rules: Rules, at: number): number {
  return at + rules.policy.idempotency.days * DAY;
}

/** The retention rule as a clause, for messages. */
const retention = (rules: Rules) => {
  const { days, maxKeys } = rules.policy.idempotency;
  return `keys are kept for ${days === 1 ? '24 hours' : `${days} days`} after their command, and at most the last ${maxKeys}`;
};

/** @internal A refusal with one of the loyalty codes. */
const no = (
  code: LoyaltyErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): LoyaltyRefusal => refusal(code, message, details);

/**
 * @internal What moving the clock settles at `t`: pending lots that become spendable, lots that
 * expire, a granted floor that ends, a grace period that ends. Returns `ctx` itself when nothing
 * is due.
 */
export function settleAt(rules: Rules, ctx: Ctx, t: number, expireThrough = t): Ctx {
  let out = settleLots(ctx, t, expireThrough);
  if (out.floor?.until != null && out.floor.until <= t) out = { ...out, floor: null };
  if (out.grace && out.grace.until <= t) out = endGrace(rules, out);
  return out;
}

/**
 * @internal The earliest time something is scheduled to happen to the context: a lot expiring or
 * becoming spendable, a floor or a grace period ending. `undefined` when nothing is scheduled.
 */
export function nextScheduled(ctx: Ctx): number | undefined {
  let due = Number.POSITIVE_INFINITY;
  for (const lot of ctx.lots) {
    if (lot.expiresAt !== null) due = Math.min(due, lot.expiresAt);
    if (lot.status === 'pending') due = Math.min(due, lot.availableAt);
  }
  if (ctx.floor?.until != null) due = Math.min(due, ctx.floor.until);
  if (ctx.grace) due = Math.min(due, ctx.grace.until);
  return due === Number.POSITIVE_INFINITY ? undefined : due;
}

/**
 * @internal Runs the period reviews due by `now`, in order, and returns the context with its
 * period moved to the one containing `now`, and how many reviews were evaluated.
 *
 * Reviewing period after period would cost one step per elapsed period (a gap of millennia is
 * millions of steps), so the loop skips ahead once nothing can change: when a review changed
 * nothing and no month counter can enter a later window (every later review sees zero metrics,
 * the same as this one), every review before the next scheduled event (a lot expiry or
 * activation, a floor or grace end) would change nothing either. The period then jumps to the one
 * in which that event is settled, or to the one containing `now`. The result is exactly what
 * reviewing every period would give; the number of reviews is bounded by the live lots, the
 * ladder's height and the window's length, whatever the gap.
 */
export function catchUp(rules: Rules, ctx: Ctx, now: number): { ctx: Ctx; reviews: number } {
  const { time } = rules;
  let next = ctx;
  let reviews = 0;
  while (next.period && next.period.end <= now) {
    const end = next.period.end;
    // The review reads the balance before the lots due exactly at `end` expire (engines
    // recalculate the tier first, then expire), so a year-end expiry cannot empty the balance a
    // `downgrade: 'balance'` review decides by.
    const before = settleAt(rules, next, end, end - 1);
    if (restarts(rules) && before.lastChange !== next.lastChange && before.lastChange) {
      // A grace period ended inside the period and changed the tier: with anniversaries counted
      // from the last tier change, a new period starts that day and the one cut short is not
      // reviewed.
      next = { ...before, period: time.periodAt(before, before.lastChange.at) };
      continue;
    }
    const reviewed = review(rules, before, end);
    const settled = settleLots(reviewed, end);
    reviews++;
    if (settled === next && quietFrom(rules, next, end - 1)) {
      // Everything scheduled lies after `end` (it was settled there and nothing was due).
      const due = nextScheduled(next);
      const to = due === undefined || due - 1 > now ? now : Math.max(end, due - 1);
      next = { ...next, period: time.periodAt(next, to) };
      continue;
    }
    next = { ...settled, period: time.periodAt(settled, end) };
  }
  return { ctx: next, reviews };
}

/** Whether a tier change starts a new period (anniversaries counted from the last tier change). */
const restarts = (rules: Rules): boolean =>
  rules.policy.window.kind === 'anniversary' && rules.policy.window.from === 'tierChange';

/**
 * @internal With anniversaries counted from the last tier change: when the tier changed between
 * `before` and `after`, the period becomes the one counted from that change that contains `at`.
 */
export function restartPeriod(rules: Rules, before: Ctx, after: Ctx, at: number): Ctx {
  if (!restarts(rules) || after.lastChange === before.lastChange || after.period === null)
    return after;
  return { ...after, period: rules.time.periodAt(after, at) };
}

/** Whether no activity counter is inside the window at `at` or any later window. */
function quietFrom(rules: Rules, ctx: Ctx, at: number): boolean {
  const { from } = rules.time.windowAt(ctx, at);
  return ctx.months.every((m) => m.month < from);
}

/** @internal Moves the membership's clock to `now`: period reviews, grace ends, floor ends, lots. */
export function advance(rules: Rules, ctx: Ctx, now: number): Ctx {
  const { policy } = rules;
  const caught = catchUp(rules, ctx, now).ctx;
  let next = restartPeriod(rules, caught, settleAt(rules, caught, now), now);
  const keep = now - policy.refundWindowDays * DAY;
  if (next.orders.some((o) => o.at <= keep)) {
    const kept = cloneContext(next);
    kept.orders = next.orders.filter((o) => o.at > keep);
    next = kept;
  }
  return pruneMonths(rules, next, now);
}

const range = `±8.64e15 ms around 1970-01-01 (${iso(-MAX_TIME)} to ${iso(MAX_TIME)})`;

/** @internal Refuses a time a `Date` cannot represent; `undefined` when `t` is fine. */
export function outOfRange(
  event: MembershipEvent,
  field: 'at' | 'until',
  t: number,
): LoyaltyRefusal | undefined {
  if (isTime(t)) return undefined;
  return no(
    'OUT_OF_RANGE',
    `${event.type} has ${field} ${t}, outside the range of times a Date can represent; times must be integers within ${range}.`,
    { field, value: t, min: -MAX_TIME, max: MAX_TIME },
  );
}

/** @internal Refuses a result that holds a time or a count outside its limits. */
function overLimit(
  event: MembershipEvent,
  breach: LimitBreach | undefined,
): LoyaltyRefusal | undefined {
  if (breach === undefined) return undefined;
  const { path, value } = breach;
  const shown = typeof value === 'number' && Number.isFinite(value) ? value : String(value);
  if (breach.kind === 'time') {
    return no(
      'OUT_OF_RANGE',
      `${event.type} at ${iso(event.at)} would set ${path} to ${shown}, outside the range of times a Date can represent (${range}); the command was not applied.`,
      { field: path, value: shown, min: -MAX_TIME, max: MAX_TIME },
    );
  }
  return no(
    'LIMIT_EXCEEDED',
    `${event.type} would bring ${path} to ${shown}, ${typeof value === 'number' && value < 0 ? 'below 0' : `beyond ${Number.MAX_SAFE_INTEGER} (Number.MAX_SAFE_INTEGER), the largest integer a number holds exactly`}; the command was not applied.`,
    { field: path, value: shown, max: Number.MAX_SAFE_INTEGER },
  );
}

/** @internal Keeps the command's key, dropping keys beyond the count or age limits. */
function remember(rules: Rules, ctx: Ctx, event: MembershipEvent): Ctx {
  const { maxKeys, days } = rules.policy.idempotency;
  const oldest = event.at - days * DAY;
  const keys = [
    ...ctx.keys,
    [event.key, commandFingerprint(event), event.at] as [string, string, number],
  ];
  let drop = Math.max(0, keys.length - maxKeys);
  while (drop < keys.length && (keys[drop]?.[2] ?? 0) <= oldest) drop++;
  const out = cloneContext(ctx);
  out.keys = drop === 0 ? keys : keys.slice(drop);
  out.lastAt = Math.max(ctx.lastAt ?? event.at, event.at);
  out.lastCommand = { type: event.type, key: event.key, at: event.at };
  return out;
}

function activity(ctx: Ctx, at: number): Ctx {
  const out = cloneContext(ctx);
  out.lastActivityAt = at;
  return out;
}

/**
 * @internal Applies a command that is not a retry, deciding and applying it in one pass: returns
 * the next context, or a refusal when a loyalty rule declines the command. The context passed in
 * is never modified, and nothing is thrown for a rule outcome.
 */
export function applyCommand(rules: Rules, ctx: Ctx, event: MembershipEvent): Ctx | LoyaltyRefusal {
  const next = decide(rules, ctx, event);
  if (isRefusal(next)) return next;
  // `ctx` is within the limits (every context a transition starts from is), so only what the
  // command created or replaced needs reading.
  return overLimit(event, limitBreachSince(ctx, next)) ?? next;
}

/**
 * @internal What a command (not a retry) makes of the context before the limits are checked:
 * the next context or a refusal. {@link applyCommand} is this, then the limit check; tests compare
 * its incremental check with the full one on these results.
 */
export function decide(rules: Rules, ctx: Ctx, event: MembershipEvent): Ctx | LoyaltyRefusal {
  const { ladder, policy } = rules;
  const badTime = outOfRange(event, 'at', event.at);
  if (badTime) return badTime;
  const seen = keyOf(ctx, event.key);
  if (seen && event.at >= keyExpiry(rules, seen[2])) {
    return no(
      'KEY_EXPIRED',
      `Idempotency key '${event.key}' was used at ${iso(seen[2])}, and its retention window ended at ${iso(keyExpiry(rules, seen[2]))} (${retention(rules)}); this ${event.type} may be a late retry, so it was not applied. Send a new key for a new command.`,
      { key: event.key, usedAt: seen[2], expiredAt: keyExpiry(rules, seen[2]) },
    );
  }
  if (seen) {
    return no(
      'KEY_REUSED',
      `Idempotency key '${event.key}' was already used at ${iso(seen[2])} for a different payload; send a new key for a new command, or repeat the original payload to retry.`,
      { key: event.key, usedAt: seen[2] },
    );
  }
  if (ctx.lastAt !== null && event.at < ctx.lastAt) {
    return no(
      'OUT_OF_ORDER',
      `${event.type} at ${iso(event.at)} is earlier than the last recorded command (${iso(ctx.lastAt)}); commands must arrive in time order. If it is a retry, its key '${event.key}' is no longer remembered (${retention(rules)}), so it may be a retry past the retention window: check the host's journal before sending it again under a new key.`,
      { at: event.at, lastAt: ctx.lastAt },
    );
  }
  if (event.type === 'ENROLL') {
    const enrolled = changeTier(
      ladder,
      { ...ctx, enrolledAt: event.at },
      0,
      event.at,
      'enrolled in the entry tier',
    );
    return remember(rules, { ...enrolled, period: rules.time.periodAt(enrolled, event.at) }, event);
  }
  if (event.type === 'PERIOD_END' && ctx.period && event.at < ctx.period.end) {
    return no(
      'PERIOD_NOT_ENDED',
      `The current period runs until ${iso(ctx.period.end)}; PERIOD_END at ${iso(event.at)} is too early. Send it at or after the period end (EXPIRE settles lots at any time).`,
      { at: event.at, periodEnd: ctx.period.end },
    );
  }
  if (event.type === 'GRANT_TIER') {
    if (!ladder.tiers.some((t) => t.id === event.tier)) {
      return no(
        'UNKNOWN_TIER',
        `Tier '${event.tier}' is not on ladder '${ladder.id}'; known tiers: ${ladder.tiers.map((t) => t.id).join(', ')}.`,
        { tier: event.tier, tiers: ladder.tiers.map((t) => t.id) },
      );
    }
    const until = event.until ?? null;
    if (until !== null) {
      const badUntil = outOfRange(event, 'until', until);
      if (badUntil) return badUntil;
      if (until <= event.at) {
        return no(
          'INVALID_COMMAND',
          `A tier grant must end after it starts; until (${iso(until)}) is not after at (${iso(event.at)}).`,
          { at: event.at, until },
        );
      }
    }
  }
  const advanced = advance(rules, ctx, event.at);
  let next = advanced;
  switch (event.type) {
    case 'PURCHASE': {
      if (next.orders.some((o) => o.id === event.order)) {
        return no(
          'DUPLICATE_ORDER',
          `Order '${event.order}' has already earned points; record a further purchase under a new order id, or a refund with REFUND.`,
          { order: event.order },
        );
      }
      const tier = ladder.tiers[rankOf(ladder, next.tier)];
      const base = mulDiv(event.amount, policy.earn.points, policy.earn.per);
      const earned = mulDiv(base, tier?.multiplier ?? 100, 100);
      next = credit(rules, next, earned, event.at, 'purchase', event.order, base);
      next = addActivity(rules, next, event.at, { points: base, spend: event.amount, visits: 1 });
      const order = {
        id: event.order,
        at: event.at,
        amount: event.amount,
        refunded: 0,
        base,
        earned,
        clawed: 0,
        baseClawed: 0,
      };
      const bought = cloneContext(next);
      bought.lastActivityAt = event.at;
      bought.orders = [...next.orders, order];
      next = afterActivity(rules, bought, event.at);
      break;
    }
    case 'REFUND': {
      const order = next.orders.find((o) => o.id === event.order);
      if (!order) {
        return no(
          'UNKNOWN_ORDER',
          `Order '${event.order}' is not held: it was never purchased, or it is older than the ${policy.refundWindowDays}-day refund window. Refunds are possible only for held orders.`,
          { order: event.order, refundWindowDays: policy.refundWindowDays },
        );
      }
      const refunded = order.refunded + event.amount;
      if (refunded > order.amount) {
        return no(
          'REFUND_EXCEEDS_ORDER',
          `Refunding ${event.amount} on order '${order.id}' would bring its refunds to ${refunded}, above the ${order.amount} paid; at most ${order.amount - order.refunded} can still be refunded.`,
          {
            order: order.id,
            requested: event.amount,
            paid: order.amount,
            refunded: order.refunded,
            refundable: order.amount - order.refunded,
          },
        );
      }
      const clawTotal = mulDiv(order.earned, refunded, order.amount);
      const baseTotal = mulDiv(order.base, refunded, order.amount);
      next = clawBack(policy, next, order.id, clawTotal - order.clawed);
      next = addActivity(rules, next, order.at, {
        points: -(baseTotal - order.baseClawed),
        spend: -event.amount,
        visits: 0,
      });
      const updated = { ...order, refunded, clawed: clawTotal, baseClawed: baseTotal };
      // The order's lot now stands for the qualifying points not refunded.
      const left = order.base - baseTotal;
      next = {
        ...next,
        lots: next.lots.map((l) =>
          l.order === order.id && l.qualifying > left ? { ...l, qualifying: left } : l,
        ),
      };
      next = { ...next, orders: next.orders.map((o) => (o.id === order.id ? updated : o)) };
      break;
    }
    case 'VISIT':
      next = addActivity(rules, activity(next, event.at), event.at, {
        points: 0,
        spend: 0,
        visits: 1,
      });
      next = afterActivity(rules, next, event.at);
      break;
    case 'REFERRAL':
      next = credit(
        rules,
        activity(next, event.at),
        policy.referralPoints,
        event.at,
        'referral',
        null,
        policy.referralPoints,
      );
      next = addActivity(rules, next, event.at, {
        points: policy.referralPoints,
        spend: 0,
        visits: 0,
      });
      next = afterActivity(rules, next, event.at);
      break;
    case 'REDEEM': {
      if (next.balance <= 0 || (event.points > next.balance && event.partial !== true)) {
        return no(
          'INSUFFICIENT_POINTS',
          `Redeeming ${event.points} points needs that many spendable points, but the balance is ${next.balance}${next.balance > 0 ? `; redeem at most ${next.balance}, or set partial: true` : next.debt > 0 ? ` (a debt of ${next.debt} points is paid off first from new points)` : ''}.`,
          { requested: event.points, balance: next.balance, partial: event.partial === true },
        );
      }
      next = activity(spend(policy, next, event.points), event.at);
      break;
    }
    case 'GRANT_TIER': {
      // The tier and `until` were checked above, before the clock moved.
      const rank = ladder.tiers.findIndex((t) => t.id === event.tier);
      next = { ...next, floor: { tier: event.tier, until: event.until ?? null } };
      if (rank >= rankOf(ladder, next.tier)) next = { ...next, grace: null };
      if (rank > rankOf(ladder, next.tier))
        next = changeTier(ladder, next, rank, event.at, `granted ${event.tier} manually`);
      break;
    }
    case 'CLOSE':
      next = { ...cancelAll(next), orders: [], grace: null };
      break;
    case 'CANCEL_ORDER': {
      const order = next.orders.find((o) => o.id === event.order);
      if (!order) {
        return no(
          'UNKNOWN_ORDER',
          `Order '${event.order}' is not held: it was never purchased, or it is older than the ${policy.refundWindowDays}-day refund window. Only held orders can be canceled.`,
          { order: event.order, refundWindowDays: policy.refundWindowDays },
        );
      }
      next = cancelOrderLots(next, order.id);
      next = addActivity(rules, next, order.at, {
        points: -(order.base - order.baseClawed),
        spend: -(order.amount - order.refunded),
        visits: 0,
      });
      next = { ...next, orders: next.orders.filter((o) => o.id !== order.id) };
      break;
    }
    case 'ADJUST': {
      if (event.points > 0) {
        next = credit(rules, next, event.points, event.at, 'adjustment', null, 0, false);
        break;
      }
      const points = -event.points;
      const spendable = Math.max(0, next.balance);
      if (points > spendable && !policy.allowNegativeBalance) {
        return no(
          'INSUFFICIENT_POINTS',
          `Adjusting by ${event.points} points needs ${points} spendable points, but the balance is ${next.balance}; remove at most ${spendable}, or set the policy's allowNegativeBalance to record the rest as a debt.`,
          { requested: points, balance: next.balance, allowNegativeBalance: false },
        );
      }
      next = spend(policy, next, points, 'adjustedOut', policy.allowNegativeBalance);
      break;
    }
    case 'EXPIRE_LOT':
    case 'UNLOCK_LOT': {
      const lot = next.lots.find((l) => l.id === event.lot);
      if (!lot) {
        return no(
          'UNKNOWN_LOT',
          `Lot ${event.lot} is not live: it was never created, or its points were spent, expired, clawed back or canceled. Live lots: ${clip(next.lots.map((l) => l.id).join(', ') || 'none', 200)}.`,
          { lot: event.lot, live: next.lots.length },
        );
      }
      if (event.type === 'UNLOCK_LOT') {
        if (lot.status !== 'pending') {
          return no(
            'LOT_NOT_PENDING',
            `Lot ${lot.id} is already spendable (since ${iso(lot.availableAt)}); only pending lots can be unlocked.`,
            { lot: lot.id, availableAt: lot.availableAt },
          );
        }
        next = {
          ...next,
          balance: next.balance + lot.remaining,
          lots: next.lots.map((l) =>
            l.id === lot.id ? { ...l, status: 'active' as const, availableAt: event.at } : l,
          ),
        };
        break;
      }
      next = {
        ...next,
        balance: next.balance - (lot.status === 'active' ? lot.remaining : 0),
        lots: next.lots.filter((l) => l.id !== lot.id),
        totals: { ...next.totals, expired: next.totals.expired + lot.remaining },
      };
      break;
    }
    case 'TRANSFER_OUT':
      if (event.points > next.balance) {
        return no(
          'INSUFFICIENT_POINTS',
          `Transferring ${event.points} points to '${clip(event.counterparty, 128)}' needs that many spendable points, but the balance is ${next.balance}.`,
          { requested: event.points, balance: next.balance, transfer: event.transfer },
        );
      }
      next = spend(policy, next, event.points, 'transferredOut');
      break;
    case 'TRANSFER_IN':
      next = credit(rules, next, event.points, event.at, 'transfer', null, 0, false);
      break;
    default:
      // EXPIRE, PERIOD_END, PAUSE, RESUME only move the clock.
      break;
  }
  if (event.type !== 'CLOSE') next = followNow(rules, next, event.at);
  return remember(rules, restartPeriod(rules, advanced, next, event.at), event);
}
