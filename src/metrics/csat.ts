/**
 * Customer satisfaction (CSAT): the share of rated responses that are positive, on a points scale
 * with a threshold or on a good/bad scale. Unrated responses are left out of the share and counted
 * apart; "average score" is reported separately because it is a different number.
 *
 * @module
 */
import * as z from 'zod';
import { MetricError, parseOrThrow, show } from './errors.js';
import { addCounts, isInt, isObj, readCounts, readOrThrow, sum } from './read.js';
import {
  deepFreeze,
  type EmptyResult,
  type Fraction,
  isCount,
  type Mutable,
  type Share,
  shareOf,
} from './shared.js';

/**
 * A CSAT scale: whole points from `min` to `max` with answers of `positiveFrom` or more counted
 * as satisfied, or a binary good/bad rating.
 *
 * @category Metrics
 */
export type CsatScale =
  | {
      /** A points scale. */
      readonly kind: 'points';
      /** The lowest answer. */
      readonly min: number;
      /** The highest answer. */
      readonly max: number;
      /** The lowest answer that counts as satisfied. */
      readonly positiveFrom: number;
      /** Where the convention comes from. */
      readonly source: string;
    }
  | {
      /** A good/bad rating: answers are `'good'` or `'bad'`. */
      readonly kind: 'binary';
      /** Where the convention comes from. */
      readonly source: string;
    };

/**
 * One CSAT response: a point, `'good'`/`'bad'` on the binary scale, or `null` when the customer
 * answered the survey without rating.
 *
 * @category Metrics
 */
export type CsatResponse = number | 'good' | 'bad' | null;

/**
 * The preset CSAT scales, frozen all the way down (make another scale with {@link csatScale}).
 *
 * @example
 * ```ts
 * import { csat, csatScales } from 'servicecraft/metrics';
 *
 * csat([5, 4, 3, null], csatScales.fivePoint); // 2 of 3 rated are positive; 1 unrated
 * csat(['good', 'bad'], csatScales.binary);
 * ```
 *
 * @category Metrics
 */
export const csatScales: {
  /** 1–5, satisfied at 4 or 5. */
  readonly fivePoint: CsatScale;
  /** `'good'` or `'bad'`. */
  readonly binary: CsatScale;
} = deepFreeze({
  /** 1–5, satisfied at 4 or 5: the usual "% satisfied" reading of a five-point survey. */
  fivePoint: {
    kind: 'points',
    min: 1,
    max: 5,
    positiveFrom: 4,
    source:
      'Customer Satisfaction Score (CSAT) on a five-point scale, usual survey practice: 4 and 5 count as satisfied (the “top-two-box” reading)',
  },
  /** A good/bad rating, as helpdesk satisfaction surveys (e.g. Zendesk) ask it. */
  binary: { kind: 'binary', source: 'good/bad satisfaction rating of helpdesk products (Zendesk)' },
});

/** A points scale has at most this many points (an accumulator keeps one count per point). */
const maxScalePoints = 1001;

/** @internal The scale's schema; {@link readCsatScale} is its fast twin. */
export const csatScaleSchema = z.union([
  z
    .object({
      kind: z.literal('points'),
      min: z.int(),
      max: z.int(),
      positiveFrom: z.int(),
      source: z.string(),
    })
    .refine(
      (s) =>
        s.min < s.max &&
        s.positiveFrom > s.min &&
        s.positiveFrom <= s.max &&
        s.max - s.min <= maxScalePoints - 1,
      { message: `need min < positiveFrom ≤ max and at most 1,001 points` },
    ),
  z.object({ kind: z.literal('binary'), source: z.string() }),
]);

const scaleHelp =
  'Use csatScales.fivePoint, csatScales.binary or csatScale({ min, max, positiveFrom }) with whole numbers, min < positiveFrom ≤ max, and at most 1,001 points.';

/**
 * Makes a points scale with a custom threshold, validated.
 *
 * @example
 * ```ts
 * import { csat, csatScale } from 'servicecraft/metrics';
 *
 * const tenPoint = csatScale({ min: 0, max: 10, positiveFrom: 8 });
 * csat([9, 8, 7], tenPoint); // 2 of 3 positive
 * ```
 *
 * @param options - The lowest and highest answers and the lowest satisfied answer.
 * @returns A {@link CsatScale} with `source: 'custom threshold'`.
 * @throws {@link MetricError} `INVALID_OPTIONS` unless min < positiveFrom ≤ max, all whole numbers.
 * @category Metrics
 */
export function csatScale(options: {
  readonly min: number;
  readonly max: number;
  readonly positiveFrom: number;
}): CsatScale {
  return parseScale({ kind: 'points', source: 'custom threshold', ...options });
}

function parseScale(scale: unknown): CsatScale {
  return readOrThrow(
    readCsatScale,
    csatScaleSchema,
    scale,
    'INVALID_OPTIONS',
    'The CSAT scale',
    scaleHelp,
  );
}

/**
 * @internal Accepts exactly what {@link csatScaleSchema} accepts and returns the same output (a
 * fresh copy with the declared keys only); `undefined` where the schema rejects.
 */
export function readCsatScale(value: unknown): CsatScale | undefined {
  if (!isObj(value)) return undefined;
  const kind = value.kind;
  if (kind === 'points') {
    const { min, max, positiveFrom, source } = value;
    return isInt(min) &&
      isInt(max) &&
      isInt(positiveFrom) &&
      typeof source === 'string' &&
      min < max &&
      positiveFrom > min &&
      positiveFrom <= max &&
      max - min <= maxScalePoints - 1
      ? { kind: 'points', min, max, positiveFrom, source }
      : undefined;
  }
  if (kind !== 'binary') return undefined;
  const source = value.source;
  return typeof source === 'string' ? { kind: 'binary', source } : undefined;
}

/**
 * A running CSAT tally: plain JSON, storable and mergeable. `counts[i]` counts the answer
 * `min + i` (binary: index 0 is `'bad'`, 1 is `'good'`).
 *
 * @category Metrics
 */
export interface CsatAccumulator {
  /** Always `'csat'`. */
  readonly kind: 'csat';
  /** The scale every answer is read on. */
  readonly scale: CsatScale;
  /** Counts per answer; {@link csatAdd} increments them in place. */
  readonly counts: number[];
  /** Responses without a rating. */
  unrated: number;
}

/**
 * The response rate: rated responses over surveys offered.
 *
 * @category Metrics
 */
export interface ResponseRate {
  /** Responses with a rating. */
  readonly rated: number;
  /** Surveys offered (sent, shown). */
  readonly offered: number;
  /** `rated / offered`, unrounded. */
  readonly share: number;
}

/**
 * A CSAT over at least one rated response.
 *
 * @category Metrics
 */
export interface CsatScore {
  /** Always `'score'`. */
  readonly kind: 'score';
  /** Responses with a rating: the denominator. */
  readonly rated: number;
  /** Responses without a rating, left out of the denominator. */
  readonly unrated: number;
  /** Rated responses at or above the threshold (or `'good'`). */
  readonly positive: Share;
  /** The other rated responses. */
  readonly negative: Share;
  /** 100 × positive / rated, unrounded: the "% satisfied". */
  readonly percent: number;
  /** positive / rated, exactly. */
  readonly fraction: Fraction;
  /** The mean rated answer (points scales only): a different number from the percentage. */
  readonly average?: number;
  /** Counts per answer, as in {@link CsatAccumulator.counts}. */
  readonly distribution: readonly number[];
  /** Present when the offered count was given and is above 0. */
  readonly responseRate?: ResponseRate;
}

/**
 * The result of {@link csat}: a score, or the explicit empty variant when nothing was rated.
 *
 * @category Metrics
 */
export type CsatResult =
  | (EmptyResult & {
      /** Nothing was rated. */
      readonly rated: 0;
      /** Responses without a rating. */
      readonly unrated: number;
      /** Present when the offered count was given and is above 0. */
      readonly responseRate?: ResponseRate;
    })
  | CsatScore;

/**
 * Options for {@link csat} and {@link csatResult}.
 *
 * @category Metrics
 */
export interface CsatOptions {
  /** How many surveys were offered; at least the number of responses (rated and unrated). */
  readonly offered?: number;
}

/**
 * Makes an empty CSAT accumulator for a scale.
 *
 * @example
 * ```ts
 * import { csatAccumulator, csatAdd, csatResult, csatScales } from 'servicecraft/metrics';
 *
 * const acc = csatAccumulator(csatScales.fivePoint);
 * csatAdd(acc, 5);
 * csatAdd(acc, null);
 * csatResult(acc); // { kind: 'score', rated: 1, unrated: 1, percent: 100, ... }
 * ```
 *
 * @param scale - A preset or {@link csatScale} result.
 * @returns An accumulator with zero counts.
 * @throws {@link MetricError} `INVALID_OPTIONS` for a malformed scale.
 * @category Metrics
 */
export function csatAccumulator(scale: CsatScale): CsatAccumulator {
  const s = parseScale(scale);
  const size = s.kind === 'binary' ? 2 : s.max - s.min + 1;
  return { kind: 'csat', scale: s, counts: new Array<number>(size).fill(0), unrated: 0 };
}

/**
 * Adds one response in place; a rejected response leaves the accumulator unchanged.
 *
 * @example
 * ```ts
 * import { csatAccumulator, csatAdd, csatScales } from 'servicecraft/metrics';
 *
 * const acc = csatAccumulator(csatScales.binary);
 * csatAdd(acc, 'good');
 * ```
 *
 * @param acc - The accumulator to change.
 * @param response - A point on the scale, `'good'`/`'bad'` (binary), or `null` for unrated.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming the value and its index.
 * @category Metrics
 */
export function csatAdd(acc: CsatAccumulator, response: CsatResponse): void {
  const scale = acc.scale;
  // The common case first, with the scale's bounds read once: a point on a points scale.
  if (typeof response === 'number' && scale.kind === 'points') {
    const min = scale.min;
    // `Number.isInteger`, not `(x | 0) === x`: a scale may lie beyond 32 bits (any safe integer).
    if (!(response >= min && response <= scale.max && Number.isInteger(response))) {
      throw rejected(acc, response);
    }
    const counts = acc.counts;
    counts[response - min] = (counts[response - min] as number) + 1;
    return;
  }
  if (response === null) {
    acc.unrated += 1;
    return;
  }
  const slot = slotOf(scale, response);
  if (slot < 0) throw rejected(acc, response);
  acc.counts[slot] = (acc.counts[slot] as number) + 1;
}

function slotOf(scale: CsatScale, response: unknown): number {
  if (scale.kind === 'binary') return response === 'good' ? 1 : response === 'bad' ? 0 : -1;
  const value = response as number;
  if (value >= scale.min && value <= scale.max && Number.isInteger(value)) return value - scale.min;
  return -1;
}

function acceptedOn(scale: CsatScale): string {
  return scale.kind === 'binary'
    ? "A binary CSAT answer must be 'good', 'bad' or null (unrated)."
    : `A CSAT answer must be a whole number from ${scale.min} to ${scale.max}, or null (unrated).`;
}

function rejected(acc: CsatAccumulator, response: unknown): MetricError {
  const index = acc.counts.reduce((a, b) => a + b, acc.unrated);
  return new MetricError(
    'INVALID_RESPONSE',
    `CSAT rejected a value: index ${index} is ${show(response)}. ${acceptedOn(acc.scale)}`,
    [{ path: [index], value: response, message: 'not an answer on this scale' }],
  );
}

/** @internal The stored accumulator's schema; {@link readCsatAccumulator} is its fast twin. */
export const csatAccumulatorSchema = z.object({
  kind: z.literal('csat'),
  scale: csatScaleSchema,
  counts: z.array(z.int().nonnegative()),
  unrated: z.int().nonnegative(),
});

/**
 * @internal Accepts exactly what {@link csatAccumulatorSchema} accepts and returns the same output
 * (a fresh copy); `undefined` where the schema rejects. The count-per-scale check comes after.
 */
export function readCsatAccumulator(value: unknown): CsatAccumulator | undefined {
  if (!isObj(value) || value.kind !== 'csat') return undefined;
  const scale = readCsatScale(value.scale);
  if (scale === undefined) return undefined;
  const counts = readCounts(value.counts, -1);
  const unrated = value.unrated;
  return counts !== undefined && isCount(unrated)
    ? { kind: 'csat', scale, counts, unrated }
    : undefined;
}

function parseAccumulator(value: unknown): CsatAccumulator {
  const acc = readOrThrow(
    readCsatAccumulator,
    csatAccumulatorSchema,
    value,
    'INVALID_ACCUMULATOR',
    'The CSAT accumulator',
    'Make accumulators with csatAccumulator(scale) and change them only with csatAdd.',
  );
  const size = acc.scale.kind === 'binary' ? 2 : acc.scale.max - acc.scale.min + 1;
  if (acc.counts.length !== size) {
    throw new MetricError(
      'INVALID_ACCUMULATOR',
      `The CSAT accumulator has ${acc.counts.length} counts, but its scale has ${size} answers; make accumulators with csatAccumulator(scale).`,
      [{ path: ['counts'], value: acc.counts, message: `expected ${size} counts` }],
    );
  }
  return acc;
}

const sameScale = (a: CsatScale, b: CsatScale): boolean =>
  a.kind === 'binary'
    ? b.kind === 'binary'
    : b.kind === 'points' &&
      a.min === b.min &&
      a.max === b.max &&
      a.positiveFrom === b.positiveFrom;

/**
 * Combines two accumulators on the same scale into a new one; neither input changes.
 *
 * @example
 * ```ts
 * import { csatAccumulator, csatAdd, csatMerge, csatScales } from 'servicecraft/metrics';
 *
 * const a = csatAccumulator(csatScales.fivePoint);
 * const b = csatAccumulator(csatScales.fivePoint);
 * csatAdd(a, 5);
 * csatAdd(b, 2);
 * csatMerge(a, b).counts; // [0, 1, 0, 0, 1]
 * ```
 *
 * @param a - An accumulator (validated: it may come from storage).
 * @param b - Another accumulator on the same scale.
 * @returns A new accumulator with summed counts.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`, or `INCOMPATIBLE_ACCUMULATORS` for different scales.
 * @category Metrics
 */
export function csatMerge(a: CsatAccumulator, b: CsatAccumulator): CsatAccumulator {
  const merged = mergeSameScale(a, b);
  if (merged !== undefined) return merged;
  const left = parseAccumulator(a);
  const right = parseAccumulator(b);
  if (!sameScale(left.scale, right.scale)) {
    throw new MetricError(
      'INCOMPATIBLE_ACCUMULATORS',
      `CSAT accumulators on different scales cannot be merged (${describeScale(left.scale)} and ${describeScale(right.scale)}); compute each on its own or collect both on one scale.`,
    );
  }
  return {
    kind: 'csat',
    scale: left.scale,
    counts: left.counts.map((n, i) => n + (right.counts[i] as number)),
    unrated: left.unrated + right.unrated,
  };
}

/**
 * The hot path of {@link csatMerge}: two valid accumulators on the same scale, read by the
 * readers' rules and summed without copying their counts first. `undefined` for anything else,
 * which takes the full path (reader or zod, the count-per-scale check, the described error).
 */
function mergeSameScale(a: unknown, b: unknown): CsatAccumulator | undefined {
  if (!isObj(a) || !isObj(b) || a.kind !== 'csat' || b.kind !== 'csat') return undefined;
  const scale = readCsatScale(a.scale);
  const other = readCsatScale(b.scale);
  if (scale === undefined || other === undefined || !sameScale(scale, other)) return undefined;
  const counts = addCounts(
    a.counts,
    b.counts,
    scale.kind === 'binary' ? 2 : scale.max - scale.min + 1,
  );
  const unratedA = a.unrated;
  const unratedB = b.unrated;
  return counts !== undefined && isCount(unratedA) && isCount(unratedB)
    ? { kind: 'csat', scale, counts, unrated: unratedA + unratedB }
    : undefined;
}

function describeScale(scale: CsatScale): string {
  return scale.kind === 'binary'
    ? 'good/bad'
    : `${scale.min}–${scale.max} positive from ${scale.positiveFrom}`;
}

/**
 * Computes CSAT from an accumulator.
 *
 * @example
 * ```ts
 * import { csatAccumulator, csatResult, csatScales } from 'servicecraft/metrics';
 *
 * csatResult(csatAccumulator(csatScales.fivePoint), { offered: 10 });
 * // { kind: 'empty', rated: 0, unrated: 0, responseRate: { rated: 0, offered: 10, share: 0 } }
 * ```
 *
 * @param acc - An accumulator (validated: it may come from storage).
 * @param options - The offered count, for a response rate.
 * @returns The score, or the empty variant when nothing was rated.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`, or `INVALID_OPTIONS` for a bad offered count.
 * @category Metrics
 */
export function csatResult(acc: CsatAccumulator, options?: CsatOptions): CsatResult {
  const { scale, counts, unrated } = parseAccumulator(acc);
  const rated = sum(counts);
  const responseRate = rateOf(rated, unrated, options?.offered);
  // Built key by key, without spreads (a spread after other keys takes V8's slow path), in the
  // same key order as before: the optional keys come last, and only when present.
  if (rated === 0) {
    const empty: Mutable<Extract<CsatResult, { kind: 'empty' }>> = {
      kind: 'empty',
      rated: 0,
      unrated,
    };
    if (responseRate !== undefined) empty.responseRate = responseRate;
    return empty;
  }
  const from = scale.kind === 'binary' ? 1 : scale.positiveFrom - scale.min;
  const positive = sum(counts, from);
  const result: Mutable<CsatScore> = {
    kind: 'score',
    rated,
    unrated,
    positive: shareOf(positive, rated),
    negative: shareOf(rated - positive, rated),
    percent: (100 * positive) / rated,
    fraction: { numerator: positive, denominator: rated },
    // `counts` is the reader's fresh copy (or zod's), owned by nobody else: no second copy.
    distribution: counts,
  };
  if (responseRate !== undefined) result.responseRate = responseRate;
  if (scale.kind === 'binary') return result;
  let weighted = 0;
  for (let i = 0; i < counts.length; i++) weighted += (counts[i] as number) * (scale.min + i);
  result.average = weighted / rated;
  return result;
}

function rateOf(rated: number, unrated: number, offered: unknown): ResponseRate | undefined {
  if (offered === undefined) return undefined;
  if (!isCount(offered) || offered < rated + unrated) {
    throw new MetricError(
      'INVALID_OPTIONS',
      `CSAT rejected the offered count ${show(offered)}: it must be a whole number of at least ${rated + unrated}, the responses received (rated and unrated).`,
      [
        {
          path: ['offered'],
          value: offered,
          message: `expected a whole number ≥ ${rated + unrated}`,
        },
      ],
    );
  }
  return offered === 0 ? undefined : { rated, offered, share: rated / offered };
}

/**
 * Computes CSAT over a batch of responses, validating every one.
 *
 * @example
 * ```ts
 * import { csat, csatScales } from 'servicecraft/metrics';
 *
 * const result = csat([5, 4, 3, null], csatScales.fivePoint, { offered: 8 });
 * if (result.kind === 'score') result.percent; // 66.66…: 3 is not positive; null is left out
 * ```
 *
 * @param responses - Answers on the scale, `null` for unrated.
 * @param scale - A preset from {@link csatScales} or a {@link csatScale} result.
 * @param options - The offered count, for a response rate.
 * @returns The score, or the empty variant when nothing was rated.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming each bad value and its index; `INVALID_OPTIONS`.
 * @category Metrics
 */
export function csat(
  responses: readonly CsatResponse[],
  scale: CsatScale,
  options?: CsatOptions,
): CsatResult {
  const acc = csatAccumulator(scale);
  const s = acc.scale;
  const answer = s.kind === 'binary' ? z.enum(['good', 'bad']) : z.int().min(s.min).max(s.max);
  const valid = parseOrThrow(
    z.array(answer.nullable()),
    responses,
    'INVALID_RESPONSE',
    'CSAT',
    acceptedOn(s),
  );
  for (const response of valid) csatAdd(acc, response);
  return csatResult(acc, options);
}
