/**
 * What each membership command does to the context, as one pure function. The machine's guard
 * runs it to decide whether to accept a command; its update runs it to produce the next context.
 *
 * @internal
 * @module
 */
import { DAY, iso, periodOf } from './calendar.js';
import { LoyaltyCommandError } from './errors.js';
import { fingerprint } from './fingerprint.js';
import type { TierLadder } from './ladder.js';
import { cancelAll, clawBack, credit, mulDiv, settleLots, spend } from './ledger.js';
import type { LoyaltyPolicy } from './policy.js';
import {
  addActivity,
  afterActivity,
  changeTier,
  endGrace,
  pruneMonths,
  rankOf,
  review,
} from './tiers.js';
import type { MembershipContext, MembershipEvent } from './types.js';

type Ctx = MembershipContext;

/** @internal What the guards and updates need to know about the programme. */
export interface Rules {
  readonly ladder: TierLadder;
  readonly policy: LoyaltyPolicy;
}

/** @internal The fingerprint of a command, with optional fields normalised. */
export function commandFingerprint(event: MembershipEvent): string {
  if (event.type === 'REDEEM') return fingerprint({ ...event, partial: event.partial === true });
  if (event.type === 'GRANT_TIER') return fingerprint({ ...event, until: event.until ?? null });
  return fingerprint(event);
}

/** @internal Whether the command is a retry of one the snapshot still remembers. */
export function isRetry(ctx: Ctx, event: MembershipEvent): boolean {
  const seen = ctx.keys.find((k) => k[0] === event.key);
  return seen !== undefined && seen[1] === commandFingerprint(event);
}

const fail = (code: LoyaltyCommandError['code'], message: string): never => {
  throw new LoyaltyCommandError(code, message);
};

/** @internal Moves the membership's clock to `now`: period reviews, grace ends, floor ends, lots. */
export function advance(rules: Rules, ctx: Ctx, now: number): Ctx {
  const { ladder, policy } = rules;
  let next = ctx;
  const settle = (c: Ctx, t: number): Ctx => {
    let out = settleLots(c, t);
    if (out.floor?.until != null && out.floor.until <= t) out = { ...out, floor: null };
    if (out.grace && out.grace.until <= t) out = endGrace(ladder, policy, out);
    return out;
  };
  while (next.period && next.period.end <= now) {
    const end = next.period.end;
    next = review(ladder, policy, settle(next, end), end);
    next = { ...next, period: periodOf(policy, end) };
  }
  next = settle(next, now);
  const keep = now - policy.refundWindowDays * DAY;
  if (next.orders.some((o) => o.at <= keep))
    next = { ...next, orders: next.orders.filter((o) => o.at > keep) };
  return pruneMonths(policy, next, now);
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
  return {
    ...ctx,
    keys: drop === 0 ? keys : keys.slice(drop),
    lastAt: Math.max(ctx.lastAt ?? event.at, event.at),
    lastCommand: { type: event.type, key: event.key, at: event.at },
  };
}

const activity = (ctx: Ctx, at: number): Ctx => ({ ...ctx, lastActivityAt: at });

/**
 * @internal Applies a command that is not a retry. Throws a {@link LoyaltyCommandError} when the
 * command must be refused; the context passed in is never modified.
 */
export function applyCommand(rules: Rules, ctx: Ctx, event: MembershipEvent): Ctx {
  const { ladder, policy } = rules;
  const seen = ctx.keys.find((k) => k[0] === event.key);
  if (seen) {
    fail(
      'KEY_REUSED',
      `Idempotency key '${event.key}' was already used at ${iso(seen[2])} for a different payload; send a new key for a new command, or repeat the original payload to retry.`,
    );
  }
  if (ctx.lastAt !== null && event.at < ctx.lastAt) {
    fail(
      'OUT_OF_ORDER',
      `${event.type} at ${iso(event.at)} is earlier than the last recorded command (${iso(ctx.lastAt)}); commands must arrive in time order.`,
    );
  }
  if (event.type === 'ENROLL') {
    const enrolled: Ctx = {
      ...ctx,
      enrolledAt: event.at,
      period: periodOf(policy, event.at),
    };
    return remember(
      rules,
      changeTier(ladder, enrolled, 0, event.at, 'enrolled in the entry tier'),
      event,
    );
  }
  if (event.type === 'PERIOD_END' && ctx.period && event.at < ctx.period.end) {
    fail(
      'PERIOD_NOT_ENDED',
      `The current period runs until ${iso(ctx.period.end)}; PERIOD_END at ${iso(event.at)} is too early. Send it at or after the period end (EXPIRE settles lots at any time).`,
    );
  }
  let next = advance(rules, ctx, event.at);
  switch (event.type) {
    case 'PURCHASE': {
      if (next.orders.some((o) => o.id === event.order)) {
        fail(
          'DUPLICATE_ORDER',
          `Order '${event.order}' has already earned points; record a further purchase under a new order id, or a refund with REFUND.`,
        );
      }
      const tier = ladder.tiers[rankOf(ladder, next.tier)];
      const base = mulDiv(event.amount, policy.earn.points, policy.earn.per);
      const earned = mulDiv(base, tier?.multiplier ?? 100, 100);
      next = credit(policy, next, earned, event.at, 'purchase', event.order);
      next = addActivity(next, event.at, { points: base, spend: event.amount, visits: 1 });
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
      next = { ...activity(next, event.at), orders: [...next.orders, order] };
      next = afterActivity(ladder, policy, next, event.at);
      break;
    }
    case 'REFUND': {
      const order = next.orders.find((o) => o.id === event.order);
      if (!order) {
        return fail(
          'UNKNOWN_ORDER',
          `Order '${event.order}' is not held: it was never purchased, or it is older than the ${policy.refundWindowDays}-day refund window. Refunds are possible only for held orders.`,
        );
      }
      const refunded = order.refunded + event.amount;
      if (refunded > order.amount) {
        fail(
          'REFUND_EXCEEDS_ORDER',
          `Refunding ${event.amount} on order '${order.id}' would bring its refunds to ${refunded}, above the ${order.amount} paid; at most ${order.amount - order.refunded} can still be refunded.`,
        );
      }
      const clawTotal = mulDiv(order.earned, refunded, order.amount);
      const baseTotal = mulDiv(order.base, refunded, order.amount);
      next = clawBack(policy, next, order.id, clawTotal - order.clawed);
      next = addActivity(next, order.at, {
        points: -(baseTotal - order.baseClawed),
        spend: -event.amount,
        visits: 0,
      });
      const updated = { ...order, refunded, clawed: clawTotal, baseClawed: baseTotal };
      next = { ...next, orders: next.orders.map((o) => (o.id === order.id ? updated : o)) };
      break;
    }
    case 'VISIT':
      next = addActivity(activity(next, event.at), event.at, { points: 0, spend: 0, visits: 1 });
      next = afterActivity(ladder, policy, next, event.at);
      break;
    case 'REFERRAL':
      next = credit(
        policy,
        activity(next, event.at),
        policy.referralPoints,
        event.at,
        'referral',
        null,
      );
      next = addActivity(next, event.at, { points: policy.referralPoints, spend: 0, visits: 0 });
      next = afterActivity(ladder, policy, next, event.at);
      break;
    case 'REDEEM': {
      if (next.balance === 0 || (event.points > next.balance && event.partial !== true)) {
        fail(
          'INSUFFICIENT_POINTS',
          `Redeeming ${event.points} points needs that many spendable points, but the balance is ${next.balance}${next.balance > 0 ? `; redeem at most ${next.balance}, or set partial: true` : ''}.`,
        );
      }
      next = activity(spend(policy, next, event.points), event.at);
      break;
    }
    case 'GRANT_TIER': {
      const rank = ladder.tiers.findIndex((t) => t.id === event.tier);
      if (rank < 0) {
        fail(
          'UNKNOWN_TIER',
          `Tier '${event.tier}' is not on ladder '${ladder.id}'; known tiers: ${ladder.tiers.map((t) => t.id).join(', ')}.`,
        );
      }
      const until = event.until ?? null;
      if (until !== null && until <= event.at) {
        fail(
          'INVALID_COMMAND',
          `A tier grant must end after it starts; until (${iso(until)}) is not after at (${iso(event.at)}).`,
        );
      }
      next = { ...next, floor: { tier: event.tier, until } };
      if (rank >= rankOf(ladder, next.tier)) next = { ...next, grace: null };
      if (rank > rankOf(ladder, next.tier))
        next = changeTier(ladder, next, rank, event.at, `granted ${event.tier} manually`);
      break;
    }
    case 'CLOSE':
      next = { ...cancelAll(next), orders: [], grace: null };
      break;
    default:
      // EXPIRE, PERIOD_END, PAUSE, RESUME only move the clock.
      break;
  }
  return remember(rules, next, event);
}
