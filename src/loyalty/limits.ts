/**
 * The numeric limits of a membership context: every time lies within the range a `Date` can
 * represent, and every count (points, amounts, ids, totals) is a non-negative safe integer. The
 * membership machine refuses a command whose result would break them, and `restoreSnapshot`
 * rejects a snapshot that does.
 *
 * @internal
 * @module
 */
import type { MembershipContext } from './types.js';

/** @internal The largest distance from the epoch a `Date` can represent, in milliseconds. */
export const MAX_TIME = 8_640_000_000_000_000;

/** @internal Whether `t` is an integer time a `Date` can represent. */
export function isTime(t: unknown): t is number {
  return Number.isSafeInteger(t) && Math.abs(t as number) <= MAX_TIME;
}

/** @internal Whether `n` is a non-negative safe integer. */
export function isCount(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) >= 0;
}

/** @internal A field of the context outside its limits. */
export interface LimitBreach {
  /**
   * `'time'`: not an integer within the `Date` range; `'count'`: not a safe integer (and, except
   * for month indexes and the balance, negative).
   */
  readonly kind: 'time' | 'count';
  /** Where, e.g. `lots[2].points`. */
  readonly path: string;
  /** The offending value. */
  readonly value: unknown;
}

/**
 * @internal The first field of the context outside its limits, or `undefined`. Reads every live
 * lot, held order, kept key and month counter once, without allocating: the same order of work as
 * a command, at a fraction of its cost. The slow path that names the field runs only on a breach.
 */
export function limitBreach(ctx: MembershipContext): LimitBreach | undefined {
  const fine =
    scalarsFine(ctx) &&
    totalsFine(ctx.totals) &&
    ctx.lots.every(lotFine) &&
    ctx.orders.every(orderFine) &&
    ctx.months.every(monthFine) &&
    ctx.keys.every(keyFine);
  return fine ? undefined : name(ctx);
}

const isOptTime = (t: unknown): boolean => t === null || isTime(t);

/** The single-value fields (times, balance, counters), without the totals and the lists. */
const scalarsFine = (ctx: MembershipContext): boolean => {
  const { period, floor, grace, lastChange, lastCommand } = ctx;
  return (
    isOptTime(ctx.enrolledAt) &&
    isOptTime(ctx.lastAt) &&
    isOptTime(ctx.lastActivityAt) &&
    (period === null || (isTime(period.start) && isTime(period.end))) &&
    Number.isSafeInteger(ctx.balance) &&
    isCount(ctx.debt) &&
    isCount(ctx.nextLot) &&
    (floor === null || isOptTime(floor.until)) &&
    (grace === null || isTime(grace.until)) &&
    (lastChange === null || isTime(lastChange.at)) &&
    (lastCommand === null || isTime(lastCommand.at))
  );
};

const totalsFine = (totals: MembershipContext['totals']): boolean =>
  isCount(totals.earned) &&
  isCount(totals.redeemed) &&
  isCount(totals.expired) &&
  isCount(totals.canceled) &&
  isCount(totals.clawedBack) &&
  isCount(totals.uncollected) &&
  isCount(totals.adjustedOut) &&
  isCount(totals.transferredOut);

type Lot = MembershipContext['lots'][number];
type Order = MembershipContext['orders'][number];
type Month = MembershipContext['months'][number];
type Key = MembershipContext['keys'][number];

const lotFine = (l: Lot): boolean =>
  isCount(l.id) &&
  isCount(l.points) &&
  isCount(l.remaining) &&
  isCount(l.qualifying) &&
  isTime(l.earnedAt) &&
  isTime(l.availableAt) &&
  isOptTime(l.expiresAt);
const orderFine = (o: Order): boolean =>
  isTime(o.at) &&
  isCount(o.amount) &&
  isCount(o.refunded) &&
  isCount(o.base) &&
  isCount(o.earned) &&
  isCount(o.clawed) &&
  isCount(o.baseClawed);
const monthFine = (m: Month): boolean =>
  Number.isSafeInteger(m.month) && isCount(m.points) && isCount(m.spend) && isCount(m.visits);
const keyFine = (k: Key): boolean => isTime(k[2]);

const lotOrder = (l: Lot): number => l.id;
const orderOrder = (o: Order): number => o.at;
const monthOrder = (m: Month): number => m.month;
const keyOrder = (k: Key): number => k[2];

/**
 * Whether every entry of `next` that is not an entry of `before` (the same object) passes `fine`.
 * Both lists are sorted by `order` (lots by id, orders and keys by time, months by index) and a
 * command keeps the entries it does not touch in place, in order, so one forward walk pairs them
 * up. An entry the walk fails to pair (the lists out of order, say) is simply checked: pairing
 * only ever skips an entry that is, object for object, one already checked.
 */
function entriesFine<T>(
  before: readonly T[],
  next: readonly T[],
  order: (entry: T) => number,
  fine: (entry: T) => boolean,
): boolean {
  if (next === before) return true;
  let j = 0;
  for (let i = 0; i < next.length; i++) {
    const entry = next[i] as T;
    // The common case: the entry kept in its place after the previous pair.
    if (before[j] === entry) {
      j++;
      continue;
    }
    const at = order(entry);
    while (j < before.length && order(before[j] as T) < at) j++;
    let k = j;
    while (k < before.length && before[k] !== entry && !(order(before[k] as T) > at)) k++;
    if (k < before.length && before[k] === entry) j = k + 1;
    else if (!fine(entry)) return false;
  }
  return true;
}

/**
 * @internal {@link limitBreach} for the context a command produced from `before`, a context
 * already within the limits (one a transition, `initialSnapshot` or `restoreSnapshot` produced):
 * the scalar fields are read as before, but of the lots, orders, month counters and keys only the
 * entries the command created or replaced (new objects) are read, since the others were checked
 * when they were made. The result is the same as `limitBreach(next)`: on a breach, the same slow
 * path names the first field outside its limits. `restoreSnapshot` and the invariants still read
 * the whole context with {@link limitBreach}.
 */
export function limitBreachSince(
  before: MembershipContext,
  next: MembershipContext,
): LimitBreach | undefined {
  const fine =
    scalarsFine(next) &&
    (next.totals === before.totals || totalsFine(next.totals)) &&
    entriesFine(before.lots, next.lots, lotOrder, lotFine) &&
    entriesFine(before.orders, next.orders, orderOrder, orderFine) &&
    entriesFine(before.months, next.months, monthOrder, monthFine) &&
    entriesFine(before.keys, next.keys, keyOrder, keyFine);
  return fine ? undefined : name(next);
}

/** Finds and names the first field outside its limits (the slow path of {@link limitBreach}). */
function name(ctx: MembershipContext): LimitBreach | undefined {
  const fields: [string, unknown, 'time' | 'optTime' | 'count' | 'int'][] = [
    ['enrolledAt', ctx.enrolledAt, 'optTime'],
    ['lastAt', ctx.lastAt, 'optTime'],
    ['lastActivityAt', ctx.lastActivityAt, 'optTime'],
  ];
  if (ctx.period)
    fields.push(['period.start', ctx.period.start, 'time'], ['period.end', ctx.period.end, 'time']);
  fields.push(
    ['balance', ctx.balance, 'int'],
    ['debt', ctx.debt, 'count'],
    ['nextLot', ctx.nextLot, 'count'],
  );
  if (ctx.floor) fields.push(['floor.until', ctx.floor.until, 'optTime']);
  if (ctx.grace) fields.push(['grace.until', ctx.grace.until, 'time']);
  if (ctx.lastChange) fields.push(['lastChange.at', ctx.lastChange.at, 'time']);
  if (ctx.lastCommand) fields.push(['lastCommand.at', ctx.lastCommand.at, 'time']);
  for (const [k, v] of Object.entries(ctx.totals)) fields.push([`totals.${k}`, v, 'count']);
  for (const [i, l] of ctx.lots.entries()) {
    for (const f of ['id', 'points', 'remaining', 'qualifying'] as const)
      fields.push([`lots[${i}].${f}`, l[f], 'count']);
    fields.push(
      [`lots[${i}].earnedAt`, l.earnedAt, 'time'],
      [`lots[${i}].availableAt`, l.availableAt, 'time'],
      [`lots[${i}].expiresAt`, l.expiresAt, 'optTime'],
    );
  }
  for (const [i, o] of ctx.orders.entries()) {
    fields.push([`orders[${i}].at`, o.at, 'time']);
    for (const f of ['amount', 'refunded', 'base', 'earned', 'clawed', 'baseClawed'] as const)
      fields.push([`orders[${i}].${f}`, o[f], 'count']);
  }
  for (const [i, m] of ctx.months.entries()) {
    fields.push([`months[${i}].month`, m.month, 'int']);
    for (const f of ['points', 'spend', 'visits'] as const)
      fields.push([`months[${i}].${f}`, m[f], 'count']);
  }
  for (const [i, k] of ctx.keys.entries()) fields.push([`keys[${i}][2]`, k[2], 'time']);
  for (const [path, value, kind] of fields) {
    const ok =
      kind === 'time'
        ? isTime(value)
        : kind === 'optTime'
          ? isOptTime(value)
          : kind === 'count'
            ? isCount(value)
            : Number.isSafeInteger(value);
    if (!ok) return { kind: kind === 'time' || kind === 'optTime' ? 'time' : 'count', path, value };
  }
  return undefined;
}
