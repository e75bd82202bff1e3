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
  const { period, floor, grace, lastChange, lastCommand, totals } = ctx;
  const fine =
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
    (lastCommand === null || isTime(lastCommand.at)) &&
    isCount(totals.earned) &&
    isCount(totals.redeemed) &&
    isCount(totals.expired) &&
    isCount(totals.canceled) &&
    isCount(totals.clawedBack) &&
    isCount(totals.uncollected) &&
    isCount(totals.adjustedOut) &&
    isCount(totals.transferredOut);
  if (!fine) return name(ctx);
  for (const l of ctx.lots) {
    if (
      !isCount(l.id) ||
      !isCount(l.points) ||
      !isCount(l.remaining) ||
      !isCount(l.qualifying) ||
      !isTime(l.earnedAt) ||
      !isTime(l.availableAt) ||
      !isOptTime(l.expiresAt)
    )
      return name(ctx);
  }
  for (const o of ctx.orders) {
    if (
      !isTime(o.at) ||
      !isCount(o.amount) ||
      !isCount(o.refunded) ||
      !isCount(o.base) ||
      !isCount(o.earned) ||
      !isCount(o.clawed) ||
      !isCount(o.baseClawed)
    )
      return name(ctx);
  }
  for (const m of ctx.months) {
    if (
      !Number.isSafeInteger(m.month) ||
      !isCount(m.points) ||
      !isCount(m.spend) ||
      !isCount(m.visits)
    )
      return name(ctx);
  }
  for (const k of ctx.keys) if (!isTime(k[2])) return name(ctx);
  return undefined;
}

const isOptTime = (t: unknown): boolean => t === null || isTime(t);

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
