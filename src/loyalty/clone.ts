/**
 * Shallow copies of a membership context and of its totals, field by field in the schema's order.
 * The commands make a new context at every step; built this way, every context the machine makes
 * has one object shape, where a spread with overrides (`{ ...ctx, months }`) makes a new shape
 * whenever the kind of a field's value changes, and copying or reading objects of many shapes is
 * several times slower. A copy has exactly the fields of the schema, in its order, so it equals
 * the spread of a context the machine made or restored: the same fields, values and JSON text.
 *
 * @internal
 * @module
 */
import type { MembershipContext } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** @internal A context whose fields may be set: a fresh copy, not yet returned. */
export type ContextDraft = Mutable<MembershipContext>;

/** @internal A shallow copy of `c`, to set fields on before it is returned. */
export function cloneContext(c: MembershipContext): ContextDraft {
  return {
    tier: c.tier,
    enrolledAt: c.enrolledAt,
    lastAt: c.lastAt,
    lastActivityAt: c.lastActivityAt,
    period: c.period,
    months: c.months,
    lots: c.lots,
    nextLot: c.nextLot,
    balance: c.balance,
    debt: c.debt,
    orders: c.orders,
    floor: c.floor,
    grace: c.grace,
    keys: c.keys,
    totals: c.totals,
    lastChange: c.lastChange,
    lastCommand: c.lastCommand,
  };
}

/** @internal A shallow copy of the lifetime totals, to set counters on before it is returned. */
export function cloneTotals(t: MembershipContext['totals']): Mutable<MembershipContext['totals']> {
  return {
    earned: t.earned,
    redeemed: t.redeemed,
    expired: t.expired,
    canceled: t.canceled,
    clawedBack: t.clawedBack,
    uncollected: t.uncollected,
    adjustedOut: t.adjustedOut,
    transferredOut: t.transferredOut,
  };
}
