/**
 * Net Promoter Score: answers 0–10, promoters 9–10, passives 7–8, detractors 0–6,
 * score = 100 × (promoters − detractors) / responses, with an optional confidence interval.
 *
 * @module
 */
import * as z from 'zod';
import { MetricError, parseOrThrow, show } from './errors.js';
import { addCounts, isObj, readCounts, readOrThrow, sum } from './read.js';
import {
  deepFreeze,
  type EmptyResult,
  type Fraction,
  type Mutable,
  type Share,
  shareOf,
} from './shared.js';

const accepted = 'An NPS answer must be a whole number from 0 to 10.';

/**
 * The z-scores of common two-sided confidence levels, for {@link NpsOptions.interval}. Frozen.
 *
 * @example
 * ```ts
 * import { confidenceZ, nps } from 'servicecraft/metrics';
 *
 * nps([10, 9, 3, 8], { interval: { z: confidenceZ['99%'] } });
 * ```
 *
 * @category Metrics
 */
export const confidenceZ = deepFreeze({
  /** 80 % two-sided. */
  '80%': 1.2815515655446004,
  /** 90 % two-sided. */
  '90%': 1.6448536269514722,
  /** 95 % two-sided: the default. */
  '95%': 1.959963984540054,
  /** 99 % two-sided. */
  '99%': 2.5758293035489004,
} as const);

/**
 * Options for {@link nps} and {@link npsResult}.
 *
 * @category Metrics
 */
export interface NpsOptions {
  /**
   * Add a normal-approximation confidence interval: `true` for 95 %, or the z-score of another
   * level (see {@link confidenceZ}).
   */
  readonly interval?:
    | boolean
    | {
        /** The z-score of the two-sided level, e.g. `confidenceZ['99%']`. */
        readonly z: number;
      };
}

/**
 * A confidence interval for an NPS, in score points (−100..100).
 *
 * Each answer is scored +1 (promoter), 0 (passive) or −1 (detractor). With p and d the promoter
 * and detractor shares and n the responses, the mean is m = p − d, the variance of one answer is
 * p + d − m², and the standard error of the score is 100 × √((p + d − m²) / n). The bounds are
 * 100 × m ± z × that error, clipped to −100..100. The approximation is poor for small samples and
 * collapses to a zero-width interval when every answer falls in one group.
 *
 * @category Metrics
 */
export interface NpsInterval {
  /** The z-score used (1.96 for 95 %). */
  readonly z: number;
  /** The standard error of the score, in score points. */
  readonly standardError: number;
  /** The lower bound, in score points, not below −100. */
  readonly low: number;
  /** The upper bound, in score points, not above 100. */
  readonly high: number;
}

/**
 * An NPS over at least one response.
 *
 * @category Metrics
 */
export interface NpsScore {
  /** Always `'score'`. */
  readonly kind: 'score';
  /** Every valid answer counted (passives included). */
  readonly responses: number;
  /** Answers of 9 or 10. */
  readonly promoters: Share;
  /** Answers of 7 or 8. */
  readonly passives: Share;
  /** Answers of 0 to 6. */
  readonly detractors: Share;
  /** 100 × (promoters − detractors) / responses, unrounded, between −100 and 100. */
  readonly score: number;
  /** The exact score divided by 100: (promoters − detractors) / responses. */
  readonly net: Fraction;
  /** How many answered each value, indexed 0 to 10. */
  readonly distribution: readonly number[];
  /** Present when asked for with {@link NpsOptions.interval}. */
  readonly interval?: NpsInterval;
}

/**
 * The result of {@link nps}: a score, or the explicit empty variant when there were no responses.
 *
 * @category Metrics
 */
export type NpsResult =
  | (EmptyResult & {
      /** No answers. */
      readonly responses: 0;
    })
  | NpsScore;

/**
 * A running NPS tally: plain JSON, so it can be stored, sent between shards and merged.
 * `counts[v]` is how many answered `v`.
 *
 * @category Metrics
 */
export interface NpsAccumulator {
  /** Always `'nps'`. */
  readonly kind: 'nps';
  /** Eleven counts, for the answers 0 to 10. {@link npsAdd} increments them in place. */
  readonly counts: number[];
}

const counts = z.array(z.int().nonnegative()).length(11);
/** @internal The stored accumulator's schema; {@link readNpsAccumulator} is its fast twin. */
export const npsAccumulatorSchema = z.object({ kind: z.literal('nps'), counts });
const responsesSchema = z.array(z.int().min(0).max(10));
/** @internal The options' schema; {@link readNpsZ} is its fast twin. */
export const npsOptionsSchema = z
  .object({ interval: z.union([z.boolean(), z.object({ z: z.number().positive() })]).optional() })
  .optional();

/**
 * @internal Accepts exactly what {@link npsAccumulatorSchema} accepts and returns the same output
 * (a fresh copy); `undefined` where the schema rejects.
 */
export function readNpsAccumulator(value: unknown): NpsAccumulator | undefined {
  if (!isObj(value) || value.kind !== 'nps') return undefined;
  const c = readCounts(value.counts, 11);
  return c === undefined ? undefined : { kind: 'nps', counts: c };
}

/**
 * @internal Reads options as {@link npsOptionsSchema} does: the z-score of the interval asked for,
 * `undefined` for none, `null` where the schema rejects the options.
 */
export function readNpsZ(options: unknown): number | undefined | null {
  if (options === undefined) return undefined;
  if (!isObj(options)) return null;
  const interval = options.interval;
  if (interval === undefined || interval === false) return undefined;
  if (interval === true) return confidenceZ['95%'];
  if (!isObj(interval)) return null;
  const z = interval.z;
  return typeof z === 'number' && Number.isFinite(z) && z > 0 ? z : null;
}

/**
 * Makes an empty NPS accumulator.
 *
 * @example
 * ```ts
 * import { npsAccumulator, npsAdd, npsResult } from 'servicecraft/metrics';
 *
 * const acc = npsAccumulator();
 * for (const answer of [10, 9, 7, 3]) npsAdd(acc, answer);
 * npsResult(acc); // { kind: 'score', score: 25, ... }
 * ```
 *
 * @returns `{ kind: 'nps', counts: [0 × 11] }`.
 * @category Metrics
 */
export function npsAccumulator(): NpsAccumulator {
  return { kind: 'nps', counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] };
}

/**
 * Adds one answer to an accumulator, in place. Checked with plain comparisons (no allocation), so
 * it stays cheap over millions of answers; a rejected answer leaves the accumulator unchanged.
 *
 * @example
 * ```ts
 * import { npsAccumulator, npsAdd } from 'servicecraft/metrics';
 *
 * const acc = npsAccumulator();
 * npsAdd(acc, 9);
 * acc.counts[9]; // 1
 * ```
 *
 * @param acc - The accumulator to change.
 * @param score - A whole number from 0 to 10.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming the value and its index in the accumulator.
 * @category Metrics
 */
export function npsAdd(acc: NpsAccumulator, score: number): void {
  if (!(score >= 0 && score <= 10 && (score | 0) === score)) throw rejected(acc, score);
  acc.counts[score] = (acc.counts[score] as number) + 1;
}

function rejected(acc: NpsAccumulator, score: unknown): MetricError {
  const index = acc.counts.reduce((a, b) => a + b, 0);
  return new MetricError(
    'INVALID_RESPONSE',
    `NPS rejected a value: index ${index} is ${show(score)}. ${accepted}`,
    [{ path: [index], value: score, message: 'not a whole number from 0 to 10' }],
  );
}

/**
 * Combines two accumulators (for example two shards) into a new one; neither input changes.
 * The result equals an accumulator fed with both inputs' answers.
 *
 * @example
 * ```ts
 * import { npsAccumulator, npsAdd, npsMerge } from 'servicecraft/metrics';
 *
 * const east = npsAccumulator();
 * const west = npsAccumulator();
 * npsAdd(east, 10);
 * npsAdd(west, 2);
 * npsMerge(east, west).counts; // [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
 * ```
 *
 * @param a - An accumulator (validated: it may come from storage).
 * @param b - Another accumulator.
 * @returns A new accumulator with the summed counts.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR` when either is malformed.
 * @category Metrics
 */
export function npsMerge(a: NpsAccumulator, b: NpsAccumulator): NpsAccumulator {
  // The hot path sums two valid accumulators without copying either first; anything else takes
  // the full path below (reader or zod, then the described error).
  if (isObj(a) && isObj(b) && a.kind === 'nps' && b.kind === 'nps') {
    const counts = addCounts(a.counts, b.counts, 11);
    if (counts !== undefined) return { kind: 'nps', counts };
  }
  const left = parseAccumulator(a);
  const right = parseAccumulator(b);
  return { kind: 'nps', counts: left.counts.map((n, i) => n + (right.counts[i] as number)) };
}

function parseAccumulator(value: unknown): NpsAccumulator {
  return readOrThrow(
    readNpsAccumulator,
    npsAccumulatorSchema,
    value,
    'INVALID_ACCUMULATOR',
    'The NPS accumulator',
    'An NPS accumulator is { kind: "nps", counts: [11 whole numbers ≥ 0] }.',
  );
}

/**
 * Computes the NPS from an accumulator.
 *
 * @example
 * ```ts
 * import { npsAccumulator, npsResult } from 'servicecraft/metrics';
 *
 * npsResult(npsAccumulator()); // { kind: 'empty', responses: 0 }
 * ```
 *
 * @param acc - An accumulator (validated: it may come from storage).
 * @param options - Ask for a confidence interval.
 * @returns The score, or `{ kind: 'empty', responses: 0 }`.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR` or `INVALID_OPTIONS`.
 * @category Metrics
 */
export function npsResult(acc: NpsAccumulator, options?: NpsOptions): NpsResult {
  const { counts: c } = parseAccumulator(acc);
  let zScore = readNpsZ(options);
  if (zScore === null) {
    // zod runs only to describe the rejection (it throws); should it accept, its output is used.
    const interval = parseOrThrow(
      npsOptionsSchema,
      options,
      'INVALID_OPTIONS',
      'NPS options',
      'Pass { interval: true } or { interval: { z: a positive number } }.',
    )?.interval;
    zScore =
      interval === undefined || interval === false
        ? undefined
        : interval === true
          ? confidenceZ['95%']
          : interval.z;
  }
  const n = sum(c);
  if (n === 0) return { kind: 'empty', responses: 0 };
  // No closures, spreads or second copies here: `c` is already a fresh array (the reader's copy,
  // or zod's), so it becomes the distribution as it is, and the interval is added as a last key.
  const promoters = (c[9] as number) + (c[10] as number);
  const passives = (c[7] as number) + (c[8] as number);
  const detractors = n - promoters - passives;
  const net = promoters - detractors;
  const result: Mutable<NpsScore> = {
    kind: 'score',
    responses: n,
    promoters: shareOf(promoters, n),
    passives: shareOf(passives, n),
    detractors: shareOf(detractors, n),
    score: (100 * net) / n,
    net: { numerator: net, denominator: n },
    distribution: c,
  };
  if (zScore !== undefined) result.interval = npsInterval(promoters, detractors, n, zScore);
  return result;
}

function npsInterval(
  promoters: number,
  detractors: number,
  n: number,
  zScore: number,
): NpsInterval {
  const mean = (promoters - detractors) / n;
  const variance = Math.max(0, (promoters + detractors) / n - mean * mean);
  const standardError = 100 * Math.sqrt(variance / n);
  const centre = 100 * mean;
  return {
    z: zScore,
    standardError,
    low: Math.max(-100, centre - zScore * standardError),
    high: Math.min(100, centre + zScore * standardError),
  };
}

/**
 * Computes the Net Promoter Score of a batch of answers, validating every one.
 *
 * @example
 * ```ts
 * import { nps } from 'servicecraft/metrics';
 *
 * const result = nps([10, 9, 8, 7, 6, 0]);
 * if (result.kind === 'score') result.score; // 0: two promoters, two detractors, six answers
 * nps([]); // { kind: 'empty', responses: 0 }
 * ```
 *
 * @param responses - Whole numbers from 0 to 10.
 * @param options - Ask for a confidence interval.
 * @returns The score, or `{ kind: 'empty', responses: 0 }` for no responses.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming each bad value and its index.
 * @category Metrics
 */
export function nps(responses: readonly number[], options?: NpsOptions): NpsResult {
  const acc = npsAccumulator();
  const counts = acc.counts;
  // The plain check accepts exactly what the zod schema accepts; zod runs only to describe a
  // failure (every bad value with its index), so a clean batch costs a few ns per answer.
  if (!Array.isArray(responses)) throw describeFailure(responses);
  for (let i = 0; i < responses.length; i++) {
    const score = responses[i] as number;
    if (!(score >= 0 && score <= 10 && (score | 0) === score)) throw describeFailure(responses);
    counts[score] = (counts[score] as number) + 1;
  }
  return npsResult(acc, options);
}

function describeFailure(responses: unknown): MetricError {
  try {
    parseOrThrow(responsesSchema, responses, 'INVALID_RESPONSE', 'NPS', accepted);
  } catch (error) {
    return error as MetricError;
  }
  return new MetricError('INVALID_RESPONSE', `NPS rejected its input. ${accepted}`);
}
