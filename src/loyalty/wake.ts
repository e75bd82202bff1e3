/**
 * The membership machine's wake-up rule: when a snapshot next changes with time alone, and the
 * command to send then.
 *
 * @internal
 * @module
 */
import type { WakeUp } from '../core/index.js';
import type { MembershipContext, MembershipEvent } from './types.js';

/**
 * @internal The earliest time-based change of a membership: the current period's end (a tier
 * review, sent as `PERIOD_END`), or, before it, a lot expiring, a pending lot becoming spendable,
 * a grace period or a granted floor ending (sent as `EXPIRE`). At equal times the period end wins
 * (a `PERIOD_END` settles lots too). The command's key is `wake:<type>:<at>`, so delivering the
 * same wake-up twice is a retry and changes nothing. `undefined` before enrolment and once closed.
 */
export function membershipWakeUp(
  state: string,
  ctx: MembershipContext,
): WakeUp<MembershipEvent> | undefined {
  if (state !== 'active' && state !== 'paused') return undefined;
  if (ctx.period === null) return undefined;
  let at = ctx.period.end;
  let reason = 'loyalty.periodEnd';
  const sooner = (t: number, why: string) => {
    if (t < at) {
      at = t;
      reason = why;
    }
  };
  for (const lot of ctx.lots) {
    if (lot.expiresAt !== null) sooner(lot.expiresAt, 'loyalty.lotExpiry');
    if (lot.status === 'pending') sooner(lot.availableAt, 'loyalty.lotAvailable');
  }
  if (ctx.grace) sooner(ctx.grace.until, 'loyalty.graceEnd');
  if (ctx.floor?.until != null) sooner(ctx.floor.until, 'loyalty.floorEnd');
  const type = reason === 'loyalty.periodEnd' ? 'PERIOD_END' : 'EXPIRE';
  return { at, event: { type, key: `wake:${type}:${at}`, at }, reason };
}
