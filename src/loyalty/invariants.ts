/**
 * The membership machine's invariants: what holds between the fields of every snapshot the
 * machine produces, whatever the command history. `restoreSnapshot` checks them, so a snapshot
 * that was edited, truncated or written by buggy code is rejected with the invariant's name
 * instead of being trusted. Property tests drive random command sequences and check that every
 * snapshot reached passes them.
 *
 * Only relations that hold under any policy are checked: a snapshot stays restorable when the
 * programme's policy changes (a new expiry rule, say), as long as the ladder keeps its tiers. The
 * one exception is the activity counters: they are dated in the programme's time zone, per month
 * (per day with anniversary periods), so a change of zone or to or from anniversary periods needs
 * a migration.
 *
 * @internal
 * @module
 */
import type { Invariant } from '../core/index.js';
import type { ProgramTime } from './calendar.js';
import type { TierLadder } from './ladder.js';
import { mulDiv } from './ledger.js';
import { limitBreach, MAX_TIME } from './limits.js';
import type { MembershipContext } from './types.js';

type Ctx = MembershipContext;
type Check = Invariant<string, Ctx>;

/** `true`, or the first sentence of a list of breaches. */
const verdict = (problems: readonly string[]): true | string => problems[0] ?? true;

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 60)) : String(v));

/** @internal The named invariants of a membership machine on `ladder`. */
export function membershipInvariants(
  ladder: TierLadder,
  time: Pick<ProgramTime, 'bucketOf'>,
): Readonly<Record<string, Check>> {
  const rank = new Map(ladder.tiers.map((t, i) => [t.id, i] as const));
  const tiers = ladder.tiers.map((t) => t.id).join(', ');

  /** Every time is an integer within the range of `Date`; every count a non-negative safe integer. */
  const withinLimits: Check = ({ context }) => {
    const b = limitBreach(context);
    if (b === undefined) return true;
    return b.kind === 'time'
      ? `${b.path} is ${shown(b.value)}, not an integer time within ±${MAX_TIME} ms (the range of Date)`
      : `${b.path} is ${shown(b.value)}, not a safe integer${b.path.endsWith('.month') || b.path === 'balance' ? '' : ' ≥ 0'}`;
  };

  /**
   * The balance is exactly the points left in the active lots minus the debt; it is negative only
   * through a recorded debt.
   */
  const balanceMatchesLots: Check = ({ context: c }) => {
    let active = 0;
    for (const l of c.lots) if (l.status === 'active') active += l.remaining;
    if (c.balance === active - c.debt) return true;
    return c.debt === 0
      ? `balance is ${c.balance} but the active lots hold ${active} points`
      : `balance is ${c.balance} but the active lots hold ${active} points and the debt is ${c.debt}`;
  };

  /** Lots are live, in earning order, with ids below `nextLot` and consistent dates and sources. */
  const lotsWellFormed: Check = ({ context: c }) => {
    const out: string[] = [];
    let previous = -1;
    for (const [i, l] of c.lots.entries()) {
      const at = `lots[${i}]`;
      if (l.remaining <= 0 || l.remaining > l.points)
        out.push(
          `${at} has ${l.remaining} of ${l.points} points left; a kept lot has 1 to all of them`,
        );
      if (l.id <= previous || l.id >= c.nextLot)
        out.push(
          `${at} has id ${l.id}; ids increase in earning order and stay below nextLot ${c.nextLot}`,
        );
      if (l.availableAt < l.earnedAt) out.push(`${at} becomes spendable before it was earned`);
      if (l.expiresAt !== null && l.expiresAt <= l.earnedAt)
        out.push(`${at} expires no later than it was earned`);
      if ((l.source === 'purchase') !== (l.order !== null))
        out.push(`${at} is a ${l.source} lot ${l.order === null ? 'without' : 'with'} an order`);
      previous = l.id;
    }
    return verdict(out);
  };

  /**
   * Every point credited is still in a lot or was redeemed, expired, canceled, clawed back (or
   * paid off a debt), adjusted out or transferred out.
   */
  const totalsAddUp: Check = ({ context: c }) => {
    const t = c.totals;
    let live = 0;
    for (const l of c.lots) live += l.remaining;
    const accounted =
      live + t.redeemed + t.expired + t.canceled + t.clawedBack + t.adjustedOut + t.transferredOut;
    return t.earned === accounted
      ? true
      : `totals.earned is ${t.earned} but live lots (${live}) + redeemed (${t.redeemed}) + expired (${t.expired}) + canceled (${t.canceled}) + clawedBack (${t.clawedBack}) + adjustedOut (${t.adjustedOut}) + transferredOut (${t.transferredOut}) = ${accounted}`;
  };

  /** Held orders are unique and their refunds and clawbacks follow the refunded share. */
  const ordersConsistent: Check = ({ context: c }) => {
    const out: string[] = [];
    const ids = new Set<string>();
    for (const [i, o] of c.orders.entries()) {
      const at = `orders[${i}]`;
      if (ids.has(o.id)) out.push(`${at} repeats order id ${shown(o.id)}`);
      ids.add(o.id);
      if (o.amount < 1 || o.refunded > o.amount) {
        out.push(`${at} has refunded ${o.refunded} of an amount of ${o.amount}`);
        continue;
      }
      if (o.clawed !== mulDiv(o.earned, o.refunded, o.amount))
        out.push(
          `${at} clawed ${o.clawed} points, not the refunded share of the ${o.earned} earned`,
        );
      if (o.baseClawed !== mulDiv(o.base, o.refunded, o.amount))
        out.push(
          `${at} took back ${o.baseClawed} qualifying points, not the refunded share of ${o.base}`,
        );
    }
    return verdict(out);
  };

  /** The tier, the floor and the grace target are tiers of the ladder, in a consistent order. */
  const tiersOnLadder: Check = ({ context: c }) => {
    const out: string[] = [];
    const own = c.tier === null ? undefined : rank.get(c.tier);
    if (c.tier !== null && own === undefined)
      out.push(`tier ${shown(c.tier)} is not on ladder '${ladder.id}' (${tiers})`);
    const floor = c.floor && rank.get(c.floor.tier);
    if (c.floor && floor === undefined)
      out.push(`floor.tier ${shown(c.floor.tier)} is not on ladder '${ladder.id}' (${tiers})`);
    const grace = c.grace && rank.get(c.grace.to);
    if (c.grace && grace === undefined)
      out.push(`grace.to ${shown(c.grace.to)} is not on ladder '${ladder.id}' (${tiers})`);
    if (out.length > 0) return verdict(out);
    if (c.tier === null && (c.floor || c.grace)) out.push('a floor or grace period without a tier');
    if (own !== undefined && floor != null && floor > own)
      out.push(`tier ${c.tier} is below the granted floor ${c.floor?.tier}`);
    if (own !== undefined && grace != null && grace >= own)
      out.push(`grace drops ${c.tier} to ${c.grace?.to}, which is not a lower tier`);
    return verdict(out);
  };

  /** The review period is a non-empty span containing the clock. */
  const periodWellFormed: Check = ({ context: c }) => {
    const p = c.period;
    if (p === null) return true;
    if (!(p.start < p.end)) return `period starts at ${p.start}, not before its end ${p.end}`;
    if (c.lastAt !== null && (c.lastAt < p.start || c.lastAt >= p.end))
      return `lastAt ${c.lastAt} is outside the period [${p.start}, ${p.end})`;
    return true;
  };

  /** Nothing is dated after the clock (`lastAt`), and nothing still scheduled is due by it. */
  const clockConsistent: Check = ({ context: c }) => {
    const now = c.lastAt;
    if (now === null) {
      return c.lastCommand === null && c.keys.length === 0 && c.lots.length === 0
        ? true
        : 'commands, keys or lots are recorded but lastAt is null';
    }
    const out: string[] = [];
    if (c.lastCommand?.at !== now)
      out.push(`lastCommand.at is ${c.lastCommand?.at ?? null}, not lastAt ${now}`);
    const late = (what: string, t: number | null | undefined) => {
      if (t != null && t > now) out.push(`${what} (${t}) is after lastAt ${now}`);
    };
    late('enrolledAt', c.enrolledAt);
    late('lastActivityAt', c.lastActivityAt);
    late('lastChange.at', c.lastChange?.at);
    let keyAt = Number.NEGATIVE_INFINITY;
    const keys = new Set<string>();
    for (const [i, [key, , at]] of c.keys.entries()) {
      if (at < keyAt || at > now) out.push(`keys[${i}] is dated out of order`);
      if (keys.has(key)) out.push(`keys[${i}] repeats key ${shown(key)}`);
      keyAt = at;
      keys.add(key);
    }
    for (const [i, l] of c.lots.entries()) {
      late(`lots[${i}].earnedAt`, l.earnedAt);
      if (l.status === 'pending' && l.availableAt <= now)
        out.push(`lots[${i}] is still pending, though it became spendable at ${l.availableAt}`);
      if (l.status === 'active' && l.availableAt > now)
        out.push(`lots[${i}] is active before its availableAt ${l.availableAt}`);
      if (l.expiresAt !== null && l.expiresAt <= now)
        out.push(`lots[${i}] is kept, though it expired at ${l.expiresAt}`);
    }
    for (const [i, o] of c.orders.entries()) late(`orders[${i}].at`, o.at);
    if (c.floor?.until != null && c.floor.until <= now)
      out.push(`the floor is kept, though it ended at ${c.floor.until}`);
    if (c.grace && c.grace.until <= now)
      out.push(`the grace period is kept, though it ended at ${c.grace.until}`);
    const month = time.bucketOf(now);
    let previous = Number.NEGATIVE_INFINITY;
    for (const [i, m] of c.months.entries()) {
      if (m.month <= previous || m.month > month)
        out.push(
          `months[${i}] is out of order or after the month (the day, with anniversary periods) of lastAt in the programme's time zone`,
        );
      previous = m.month;
    }
    return verdict(out);
  };

  /** What each state implies: no enrolment before `active`, no live lots or orders once closed. */
  const stateFields: Check = ({ state, context: c }) => {
    const out: string[] = [];
    if (state === 'prospect') {
      if (c.enrolledAt !== null || c.tier !== null || c.period !== null)
        out.push('a prospect has no enrolledAt, tier or period');
      if (c.lots.length > 0 || c.orders.length > 0) out.push('a prospect has no lots or orders');
      return verdict(out);
    }
    if (c.enrolledAt === null || c.tier === null || c.period === null || c.lastAt === null)
      out.push(`a ${state} membership has enrolledAt, tier, period and lastAt set`);
    if (state === 'closed' && (c.lots.length > 0 || c.orders.length > 0 || c.grace !== null))
      out.push('a closed membership keeps no lots, orders or grace period');
    return verdict(out);
  };

  return Object.freeze({
    withinLimits,
    balanceMatchesLots,
    lotsWellFormed,
    totalsAddUp,
    ordersConsistent,
    tiersOnLadder,
    periodWellFormed,
    clockConsistent,
    stateFields,
  });
}
