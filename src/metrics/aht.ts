/**
 * Average handle time: (talk + hold + after-contact work) / handled contacts. It measures the
 * agent time a contact costs, not how long the customer waited for a resolution (time to resolve
 * spans queues, pending periods and repeat contacts), so the two are never mixed here.
 *
 * @module
 */
import * as z from 'zod';
import { MetricError, parseOrThrow, show } from './errors.js';
import { isObj, readOrThrow } from './read.js';
import { type EmptyResult, type Fraction, isCount } from './shared.js';

/**
 * One handled contact's agent time, in milliseconds (whole numbers ≥ 0).
 *
 * @category Metrics
 */
export interface AhtContact {
  /** Time talking (or typing) with the customer. */
  readonly talkMs: number;
  /** Time the customer was on hold. */
  readonly holdMs: number;
  /** After-contact work: notes, follow-up tasks, wrap-up. */
  readonly afterWorkMs: number;
}

/**
 * A running AHT tally: plain JSON, storable and mergeable.
 *
 * @category Metrics
 */
export interface AhtAccumulator {
  /** Always `'aht'`. */
  readonly kind: 'aht';
  /** Handled contacts counted. */
  handled: number;
  /** Total talk time, ms. */
  talkMs: number;
  /** Total hold time, ms. */
  holdMs: number;
  /** Total after-contact work, ms. */
  afterWorkMs: number;
}

/**
 * AHT over at least one handled contact; every time in milliseconds, unrounded.
 *
 * @category Metrics
 */
export interface AhtAverage {
  /** Always `'average'`. */
  readonly kind: 'average';
  /** Handled contacts: the denominator. */
  readonly handled: number;
  /** Total handle time (talk + hold + after-contact work), ms. */
  readonly totalMs: number;
  /** totalMs / handled, unrounded. */
  readonly averageMs: number;
  /** totalMs / handled, exactly. */
  readonly fraction: Fraction;
  /** The average of each part; they add up to `averageMs`. */
  readonly parts: {
    /** Mean talk time, ms. */
    readonly talkMs: number;
    /** Mean hold time, ms. */
    readonly holdMs: number;
    /** Mean after-contact work, ms. */
    readonly afterWorkMs: number;
  };
}

/**
 * The result of {@link aht}: an average, or the explicit empty variant.
 *
 * @category Metrics
 */
export type AhtResult =
  | (EmptyResult & {
      /** No handled contacts. */
      readonly handled: 0;
    })
  | AhtAverage;

const accepted =
  'A contact is { talkMs, holdMs, afterWorkMs }, each a whole number of milliseconds ≥ 0.';

/**
 * Makes an empty AHT accumulator.
 *
 * @example
 * ```ts
 * import { ahtAccumulator, ahtAdd, ahtResult } from 'servicecraft/metrics';
 *
 * const acc = ahtAccumulator();
 * ahtAdd(acc, { talkMs: 240_000, holdMs: 30_000, afterWorkMs: 60_000 });
 * ahtResult(acc); // { kind: 'average', averageMs: 330000, ... }
 * ```
 *
 * @returns An accumulator with zero totals.
 * @category Metrics
 */
export function ahtAccumulator(): AhtAccumulator {
  return { kind: 'aht', handled: 0, talkMs: 0, holdMs: 0, afterWorkMs: 0 };
}

/**
 * Adds one handled contact in place; a rejected contact leaves the accumulator unchanged.
 *
 * @example
 * ```ts
 * import { ahtAccumulator, ahtAdd } from 'servicecraft/metrics';
 *
 * const acc = ahtAccumulator();
 * ahtAdd(acc, { talkMs: 1000, holdMs: 0, afterWorkMs: 500 });
 * ```
 *
 * @param acc - The accumulator to change.
 * @param contact - The contact's agent time.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming the field, its value and the index.
 * @category Metrics
 */
export function ahtAdd(acc: AhtAccumulator, contact: AhtContact): void {
  const ok = typeof contact === 'object' && contact !== null;
  const talkMs = ok ? contact.talkMs : undefined;
  const holdMs = ok ? contact.holdMs : undefined;
  const afterWorkMs = ok ? contact.afterWorkMs : undefined;
  if (!(isMs(talkMs) && isMs(holdMs) && isMs(afterWorkMs))) {
    throw rejected(acc.handled, talkMs, holdMs, afterWorkMs);
  }
  acc.handled += 1;
  acc.talkMs += talkMs;
  acc.holdMs += holdMs;
  acc.afterWorkMs += afterWorkMs;
}

// A plain check for the hot path: a whole number of ms ≥ 0 (NaN fails every comparison).
const isMs = (value: unknown): value is number =>
  typeof value === 'number' &&
  value >= 0 &&
  value <= Number.MAX_SAFE_INTEGER &&
  Math.floor(value) === value;

function rejected(
  index: number,
  talkMs: unknown,
  holdMs: unknown,
  afterWorkMs: unknown,
): MetricError {
  const [field, value] = !isCount(talkMs)
    ? ['talkMs', talkMs]
    : !isCount(holdMs)
      ? ['holdMs', holdMs]
      : ['afterWorkMs', afterWorkMs];
  return new MetricError(
    'INVALID_RESPONSE',
    `AHT rejected a value: index ${index}, field ${field} is ${show(value)}. ${accepted}`,
    [{ path: [index, field], value, message: 'expected a whole number ≥ 0' }],
  );
}

/** @internal The stored accumulator's schema; {@link readAhtAccumulator} is its fast twin. */
export const ahtAccumulatorSchema = z.object({
  kind: z.literal('aht'),
  handled: z.int().nonnegative(),
  talkMs: z.int().nonnegative(),
  holdMs: z.int().nonnegative(),
  afterWorkMs: z.int().nonnegative(),
});

/**
 * @internal Accepts exactly what {@link ahtAccumulatorSchema} accepts and returns the same output
 * (a fresh copy); `undefined` where the schema rejects.
 */
export function readAhtAccumulator(value: unknown): AhtAccumulator | undefined {
  if (!isObj(value) || value.kind !== 'aht') return undefined;
  const { handled, talkMs, holdMs, afterWorkMs } = value;
  return isCount(handled) && isCount(talkMs) && isCount(holdMs) && isCount(afterWorkMs)
    ? { kind: 'aht', handled, talkMs, holdMs, afterWorkMs }
    : undefined;
}

function parseAccumulator(value: unknown): AhtAccumulator {
  return readOrThrow(
    readAhtAccumulator,
    ahtAccumulatorSchema,
    value,
    'INVALID_ACCUMULATOR',
    'The AHT accumulator',
    'Make accumulators with ahtAccumulator() and change them only with ahtAdd.',
  );
}

/**
 * Combines two accumulators into a new one; neither input changes.
 *
 * @example
 * ```ts
 * import { ahtAccumulator, ahtMerge } from 'servicecraft/metrics';
 *
 * ahtMerge(ahtAccumulator(), ahtAccumulator()).handled; // 0
 * ```
 *
 * @param a - An accumulator (validated: it may come from storage).
 * @param b - Another accumulator.
 * @returns A new accumulator with summed totals.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`.
 * @category Metrics
 */
export function ahtMerge(a: AhtAccumulator, b: AhtAccumulator): AhtAccumulator {
  const merged = mergeTotals(a, b);
  if (merged !== undefined) return merged;
  const left = parseAccumulator(a);
  const right = parseAccumulator(b);
  return {
    kind: 'aht',
    handled: left.handled + right.handled,
    talkMs: left.talkMs + right.talkMs,
    holdMs: left.holdMs + right.holdMs,
    afterWorkMs: left.afterWorkMs + right.afterWorkMs,
  };
}

/**
 * The hot path of {@link ahtMerge}: two valid accumulators, each key read once into a local and
 * checked by {@link readAhtAccumulator}'s rules, merged with no intermediate copies. `undefined`
 * for anything else, which takes the full path (reader or zod, then the described error).
 */
function mergeTotals(a: unknown, b: unknown): AhtAccumulator | undefined {
  if (!isObj(a) || !isObj(b) || a.kind !== 'aht' || b.kind !== 'aht') return undefined;
  const handledA = a.handled;
  const talkA = a.talkMs;
  const holdA = a.holdMs;
  const afterA = a.afterWorkMs;
  const handledB = b.handled;
  const talkB = b.talkMs;
  const holdB = b.holdMs;
  const afterB = b.afterWorkMs;
  return isCount(handledA) &&
    isCount(talkA) &&
    isCount(holdA) &&
    isCount(afterA) &&
    isCount(handledB) &&
    isCount(talkB) &&
    isCount(holdB) &&
    isCount(afterB)
    ? {
        kind: 'aht',
        handled: handledA + handledB,
        talkMs: talkA + talkB,
        holdMs: holdA + holdB,
        afterWorkMs: afterA + afterB,
      }
    : undefined;
}

/**
 * Computes AHT from an accumulator.
 *
 * @example
 * ```ts
 * import { ahtAccumulator, ahtResult } from 'servicecraft/metrics';
 *
 * ahtResult(ahtAccumulator()); // { kind: 'empty', handled: 0 }
 * ```
 *
 * @param acc - An accumulator (validated: it may come from storage).
 * @returns The average, or the empty variant.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`.
 * @category Metrics
 */
export function ahtResult(acc: AhtAccumulator): AhtResult {
  // The hot path reads each key once into a local and checks it by the reader's rules, with no
  // copy; anything else takes the full path (reader or zod, then the described error).
  if (isObj(acc) && acc.kind === 'aht') {
    const { handled, talkMs, holdMs, afterWorkMs } = acc as Record<string, unknown>;
    if (isCount(handled) && isCount(talkMs) && isCount(holdMs) && isCount(afterWorkMs)) {
      return averageOf(handled, talkMs, holdMs, afterWorkMs);
    }
  }
  const { handled, talkMs, holdMs, afterWorkMs } = parseAccumulator(acc);
  return averageOf(handled, talkMs, holdMs, afterWorkMs);
}

function averageOf(
  handled: number,
  talkMs: number,
  holdMs: number,
  afterWorkMs: number,
): AhtResult {
  if (handled === 0) return { kind: 'empty', handled: 0 };
  const totalMs = talkMs + holdMs + afterWorkMs;
  if (!Number.isSafeInteger(totalMs)) {
    throw new MetricError(
      'INVALID_ACCUMULATOR',
      `AHT totals reached ${totalMs} ms, beyond exact integer arithmetic; split the data and compare averages instead.`,
    );
  }
  return {
    kind: 'average',
    handled,
    totalMs,
    averageMs: totalMs / handled,
    fraction: { numerator: totalMs, denominator: handled },
    parts: {
      talkMs: talkMs / handled,
      holdMs: holdMs / handled,
      afterWorkMs: afterWorkMs / handled,
    },
  };
}

/**
 * Computes average handle time over a batch of handled contacts.
 *
 * @example
 * ```ts
 * import { aht } from 'servicecraft/metrics';
 *
 * const result = aht([
 *   { talkMs: 300_000, holdMs: 60_000, afterWorkMs: 60_000 },
 *   { talkMs: 180_000, holdMs: 0, afterWorkMs: 0 },
 * ]);
 * if (result.kind === 'average') result.averageMs; // 300000 (5 minutes)
 * ```
 *
 * @param contacts - Handled contacts (leave abandoned ones out: they were not handled).
 * @returns The average, or the empty variant.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming each bad value and its position.
 * @category Metrics
 */
export function aht(contacts: readonly AhtContact[]): AhtResult {
  const ms = z.int().nonnegative();
  const valid = parseOrThrow(
    z.array(z.object({ talkMs: ms, holdMs: ms, afterWorkMs: ms })),
    contacts,
    'INVALID_RESPONSE',
    'AHT',
    accepted,
  );
  const acc = ahtAccumulator();
  for (const contact of valid) ahtAdd(acc, contact);
  return ahtResult(acc);
}
