/**
 * The "no repeat contact within a window" reading of first-contact resolution, incrementally:
 * per customer (and issue, when given) only the earliest and latest contact times are kept, which
 * is enough to decide every contact and to merge shards split by customer or by time.
 *
 * @module
 */
import * as z from 'zod';
import { MetricError, parseOrThrow, show } from './errors.js';
import { isObj, isPlainObject } from './read.js';
import { isCount } from './shared.js';

/**
 * A contact for the repeat method.
 *
 * @category Metrics
 */
export interface FcrRepeatContact {
  /** Who made the contact. */
  readonly customer: string;
  /** When, in epoch milliseconds (a whole number ≥ 0). */
  readonly at: number;
  /**
   * What it was about. When given, only a later contact about the same issue counts as a repeat;
   * contacts without an issue key are matched with each other by customer alone.
   */
  readonly issue?: string;
}

/**
 * The running state of the repeat method: decided counts plus, per customer (and issue), the
 * earliest and latest contact seen. The latest one is still undecided.
 *
 * @category Metrics
 */
export interface FcrRepeatAccumulator {
  /** Always `'fcr'`. */
  readonly kind: 'fcr';
  /** Always `'repeat'`. */
  readonly method: 'repeat';
  /** A later contact within this many milliseconds (inclusive) makes a contact a repeat. */
  readonly windowMs: number;
  /** Contacts known to have had no repeat within the window. */
  resolved: number;
  /** Contacts followed by a repeat within the window. */
  unresolved: number;
  /** Per `JSON.stringify([customer, issue ?? null])`: the first and last contact times. */
  readonly open: Record<
    string,
    {
      /** The earliest contact time seen, epoch ms. */
      first: number;
      /** The latest contact time seen, epoch ms: that contact is still undecided. */
      last: number;
    }
  >;
}

/** @internal */
export const repeatContactSchema = z.object({
  customer: z.string().min(1),
  at: z.int().nonnegative(),
  issue: z.string().min(1).optional(),
});

/** @internal */
export const repeatAccumulatorSchema = z.object({
  kind: z.literal('fcr'),
  method: z.literal('repeat'),
  windowMs: z.int().positive(),
  resolved: z.int().nonnegative(),
  unresolved: z.int().nonnegative(),
  open: z.record(
    z.string(),
    z
      .object({ first: z.int().nonnegative(), last: z.int().nonnegative() })
      .refine((o) => o.first <= o.last, {
        message: 'first must not be after last',
      }),
  ),
});

/**
 * @internal Accepts exactly what {@link repeatAccumulatorSchema} accepts and returns the same
 * output (a fresh copy: an own `__proto__` key and non-enumerable keys of `open` are dropped, as
 * zod drops them); `undefined` where the schema rejects.
 */
export function readRepeatAccumulator(value: unknown): FcrRepeatAccumulator | undefined {
  if (!isObj(value) || value.kind !== 'fcr' || value.method !== 'repeat') return undefined;
  const { windowMs, resolved, unresolved } = value;
  if (!(isCount(windowMs) && windowMs > 0 && isCount(resolved) && isCount(unresolved))) {
    return undefined;
  }
  const open = readOpen(value.open);
  return open === undefined
    ? undefined
    : { kind: 'fcr', method: 'repeat', windowMs, resolved, unresolved, open };
}

function readOpen(value: unknown): FcrRepeatAccumulator['open'] | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, { first: number; last: number }> = {};
  for (const key of Reflect.ownKeys(value)) {
    if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(value, key)) continue;
    if (typeof key === 'symbol') return undefined;
    const entry = value[key];
    if (!isObj(entry)) return undefined;
    const { first, last } = entry;
    if (!(isCount(first) && isCount(last) && first <= last)) return undefined;
    out[key] = { first, last };
  }
  return out;
}

/** @internal The window is required for the repeat method and must be a positive whole number. */
export function checkWindow(windowMs: unknown): number {
  if (isCount(windowMs) && windowMs > 0) return windowMs;
  throw new MetricError(
    'INVALID_OPTIONS',
    `FCR by repeat contact needs a window: windowMs is ${show(windowMs)}, but it must be a whole number of milliseconds above 0 (e.g. 7 days = 604800000).`,
    [{ path: ['windowMs'], value: windowMs, message: 'expected a whole number > 0' }],
  );
}

const keyOf = (contact: FcrRepeatContact) =>
  JSON.stringify([contact.customer, contact.issue ?? null]);

/** @internal Adds one contact in place; contacts of one customer must arrive in time order. */
export function repeatAdd(acc: FcrRepeatAccumulator, contact: FcrRepeatContact): void {
  const at = contact.at;
  const issue = contact.issue;
  if (
    typeof contact.customer !== 'string' ||
    contact.customer.length === 0 ||
    !isCount(at) ||
    (issue !== undefined && (typeof issue !== 'string' || issue.length === 0))
  ) {
    const index = seen(acc);
    throw new MetricError(
      'INVALID_RESPONSE',
      `FCR rejected a value: index ${index} is ${show(contact)} with customer ${show(contact.customer)} and at ${show(at)}. A contact for the repeat method is { customer: non-empty string, at: epoch ms (whole number ≥ 0), issue?: non-empty string }.`,
      [{ path: [index], value: contact, message: 'not a repeat-method contact' }],
    );
  }
  const key = keyOf(contact);
  const open = acc.open[key];
  if (open === undefined) {
    acc.open[key] = { first: at, last: at };
    return;
  }
  if (at < open.last) {
    const index = seen(acc);
    throw new MetricError(
      'OUT_OF_ORDER',
      `FCR rejected index ${index}: its time ${at} is before ${open.last}, the last contact seen for customer ${show(contact.customer)}. Add each customer's contacts in time order, or use fcr() on the whole batch, which sorts them.`,
      [{ path: [index, 'at'], value: at, message: `expected ≥ ${open.last}` }],
    );
  }
  if (at - open.last <= acc.windowMs) acc.unresolved += 1;
  else acc.resolved += 1;
  open.last = at;
}

function seen(acc: FcrRepeatAccumulator): number {
  return acc.resolved + acc.unresolved + Object.keys(acc.open).length;
}

/**
 * @internal Merges two repeat states whose contacts per key do not interleave in time. Both must
 * be fresh parsed copies owned by the caller (the reader's or zod's output): the result reuses
 * their `open` entries instead of copying them again, and `a.open` becomes the result's `open`.
 */
export function repeatMerge(
  a: FcrRepeatAccumulator,
  b: FcrRepeatAccumulator,
): FcrRepeatAccumulator {
  if (a.windowMs !== b.windowMs) {
    throw new MetricError(
      'INCOMPATIBLE_ACCUMULATORS',
      `FCR accumulators with different windows (${a.windowMs} ms and ${b.windowMs} ms) cannot be merged; use one window for every shard.`,
    );
  }
  let resolved = a.resolved + b.resolved;
  let unresolved = a.unresolved + b.unresolved;
  // `a.open` is a fresh copy with the same keys in the same order as copying it key by key.
  const open = a.open;
  for (const [key, right] of Object.entries(b.open)) {
    const left = open[key];
    if (left === undefined) {
      open[key] = right;
      continue;
    }
    const [earlier, later] =
      left.last <= right.first ? [left, right] : right.last <= left.first ? [right, left] : [];
    if (earlier === undefined || later === undefined) {
      throw new MetricError(
        'INCOMPATIBLE_ACCUMULATORS',
        `FCR accumulators overlap in time for ${key} (${left.first}–${left.last} and ${right.first}–${right.last}); shard contacts by customer, or by consecutive time ranges, so each customer's contacts do not interleave.`,
        [{ path: ['open', key], value: right, message: 'overlaps the other shard' }],
      );
    }
    if (later.first - earlier.last <= a.windowMs) unresolved += 1;
    else resolved += 1;
    open[key] = { first: earlier.first, last: later.last };
  }
  return { kind: 'fcr', method: 'repeat', windowMs: a.windowMs, resolved, unresolved, open };
}

/** @internal The settled counts of a repeat accumulator. */
export interface RepeatSettled {
  /** Decided resolved, plus the open contacts whose window has elapsed. */
  readonly resolved: number;
  /** Decided unresolved. */
  readonly unresolved: number;
  /** Open contacts whose window reaches past `observedUntil`. */
  readonly pending: number;
}

/** @internal Settles the open contacts: resolved, or pending when the window has not elapsed. */
export function repeatSettle(acc: FcrRepeatAccumulator, observedUntil: unknown): RepeatSettled {
  let count = 0;
  let latest = 0;
  let pending = 0;
  for (const { last } of Object.values(acc.open)) {
    count += 1;
    if (last > latest) latest = last;
    if (last + acc.windowMs > (observedUntil as number)) pending += 1;
  }
  return settle(acc.resolved, acc.unresolved, count, latest, pending, observedUntil);
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * @internal The hot path of `fcrResult` for a stored repeat accumulator: reads it by
 * {@link readRepeatAccumulator}'s rules (each key once) without copying `open`, and settles it as
 * {@link repeatSettle} settles the copy. `undefined` where the reader rejects, so the caller takes
 * the full path (reader or zod, then the described error).
 */
export function settleStored(value: unknown, observedUntil: unknown): RepeatSettled | undefined {
  if (!isObj(value) || value.kind !== 'fcr' || value.method !== 'repeat') return undefined;
  const { windowMs, resolved, unresolved } = value;
  if (!(isCount(windowMs) && windowMs > 0 && isCount(resolved) && isCount(unresolved))) {
    return undefined;
  }
  const open = value.open;
  if (!isPlainObject(open)) return undefined;
  let count = 0;
  let latest = 0;
  let pending = 0;
  for (const key of Reflect.ownKeys(open)) {
    if (key === '__proto__' || !isEnumerable.call(open, key)) continue;
    if (typeof key === 'symbol') return undefined;
    const entry = open[key];
    if (!isObj(entry)) return undefined;
    const { first, last } = entry;
    if (!(isCount(first) && isCount(last) && first <= last)) return undefined;
    count += 1;
    if (last > latest) latest = last;
    // Counted for any number; used only once `settle` has accepted observedUntil.
    if (last + windowMs > (observedUntil as number)) pending += 1;
  }
  return settle(resolved, unresolved, count, latest, pending, observedUntil);
}

/**
 * `latest` is the latest open contact (0 when none), `pending` how many open contacts have a
 * window reaching past `observedUntil` (meaningful only when it is accepted).
 */
function settle(
  resolved: number,
  unresolved: number,
  count: number,
  latest: number,
  pending: number,
  observedUntil: unknown,
): RepeatSettled {
  if (observedUntil === undefined) return { resolved: resolved + count, unresolved, pending: 0 };
  if (!isCount(observedUntil) || observedUntil < latest) {
    throw new MetricError(
      'INVALID_OPTIONS',
      `FCR rejected observedUntil ${show(observedUntil)}: it must be epoch ms (a whole number) no earlier than the latest contact, ${latest}.`,
      [
        {
          path: ['observedUntil'],
          value: observedUntil,
          message: `expected a whole number ≥ ${latest}`,
        },
      ],
    );
  }
  return { resolved: resolved + count - pending, unresolved, pending };
}

/** @internal Validates a batch and feeds it in time order (ties keep input order). */
export function repeatBatch(acc: FcrRepeatAccumulator, contacts: unknown, accepted: string): void {
  const valid = parseOrThrow(
    z.array(repeatContactSchema),
    contacts,
    'INVALID_RESPONSE',
    'FCR',
    accepted,
  );
  const order = valid
    .map((_, i) => i)
    .sort((i, j) => (valid[i]?.at as number) - (valid[j]?.at as number) || i - j);
  for (const i of order) repeatAdd(acc, valid[i] as FcrRepeatContact);
}
