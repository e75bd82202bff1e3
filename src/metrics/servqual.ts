/**
 * SERVQUAL gaps: for each item, the mean perception minus the mean expectation; a negative gap
 * means the service fell short of what customers expected. Items roll up into the five
 * dimensions, and the dimensions into an overall gap.
 *
 * @module
 */
import * as z from 'zod';
import { MetricError, parseOrThrow, show } from './errors.js';
import { isInt, isName, isObj, readOrThrow } from './read.js';
import { deepFreeze, type EmptyResult } from './shared.js';

/**
 * The five SERVQUAL dimensions, in the order results list them. A frozen array.
 *
 * @example
 * ```ts
 * import { servqualDimensions } from 'servicecraft/metrics';
 *
 * servqualDimensions.length; // 5
 * ```
 *
 * @category Metrics
 */
export const servqualDimensions = deepFreeze([
  'tangibles',
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
] as const);

/**
 * One SERVQUAL dimension (Parasuraman, Zeithaml and Berry, 1988).
 *
 * @category Metrics
 */
export type ServqualDimension = (typeof servqualDimensions)[number];

/**
 * One respondent's answer to one item: what they expected and what they perceived, on the same
 * scale (1–7 unless another is given).
 *
 * @category Metrics
 */
export interface ServqualAnswer {
  /** The item's id, e.g. `'reliability.promises-kept'`. */
  readonly item: string;
  /** The dimension the item belongs to. */
  readonly dimension: ServqualDimension;
  /** The expectation score. */
  readonly expectation: number;
  /** The perception score. */
  readonly perception: number;
}

/**
 * The answer scale: whole numbers from `min` to `max`. SERVQUAL's own is 1–7.
 *
 * @category Metrics
 */
export interface ServqualScale {
  /** The lowest answer. */
  readonly min: number;
  /** The highest answer. */
  readonly max: number;
}

/**
 * Means and gap of one item, or of one dimension (where they are the unweighted means over its
 * items, so an item with more answers does not outweigh the others).
 *
 * @category Metrics
 */
export interface ServqualGap {
  /** Mean expectation. */
  readonly expectation: number;
  /** Mean perception. */
  readonly perception: number;
  /** perception − expectation: negative when the service fell short. */
  readonly gap: number;
  /** Answers behind the figures. */
  readonly responses: number;
}

/**
 * SERVQUAL gaps per item, per dimension (those with answers) and overall.
 *
 * @category Metrics
 */
export interface ServqualGaps {
  /** Always `'gaps'`. */
  readonly kind: 'gaps';
  /** One entry per item, in dimension order, then by item id. */
  readonly items: readonly (ServqualGap & {
    /** The item's id. */
    readonly item: string;
    /** The dimension. */
    readonly dimension: ServqualDimension;
  })[];
  /** One entry per dimension that has answers, in {@link servqualDimensions} order. */
  readonly dimensions: readonly (ServqualGap & {
    /** The dimension. */
    readonly dimension: ServqualDimension;
    /** How many items it has answers for. */
    readonly items: number;
  })[];
  /** The unweighted mean of the dimension gaps. */
  readonly overall: number;
}

/**
 * The result of {@link servqual}: gaps, or the explicit empty variant.
 *
 * @category Metrics
 */
export type ServqualResult = EmptyResult | ServqualGaps;

/**
 * A running SERVQUAL tally: per item, the answers and the sums of both scores. Plain JSON.
 *
 * @category Metrics
 */
export interface ServqualAccumulator {
  /** Always `'servqual'`. */
  readonly kind: 'servqual';
  /** The answer scale. */
  readonly scale: ServqualScale;
  /** One entry per item, in the order first seen; {@link servqualAdd} changes them in place. */
  readonly items: {
    /** The item's id. */
    readonly item: string;
    /** The dimension. */
    readonly dimension: ServqualDimension;
    /** Answers seen. */
    responses: number;
    /** The sum of expectation scores. */
    expectationSum: number;
    /** The sum of perception scores. */
    perceptionSum: number;
  }[];
}

const scaleSchema = z
  .object({ min: z.int(), max: z.int() })
  .refine((s) => s.min < s.max, { message: 'min must be below max' });

/**
 * Makes an empty SERVQUAL accumulator.
 *
 * @example
 * ```ts
 * import { servqualAccumulator, servqualAdd, servqualResult } from 'servicecraft/metrics';
 *
 * const acc = servqualAccumulator();
 * servqualAdd(acc, { item: 'on-time', dimension: 'reliability', expectation: 7, perception: 5 });
 * servqualResult(acc); // { kind: 'gaps', overall: -2, ... }
 * ```
 *
 * @param scale - The answer scale; 1–7 when omitted.
 * @returns An empty accumulator.
 * @throws {@link MetricError} `INVALID_OPTIONS` unless min < max, both whole numbers.
 * @category Metrics
 */
export function servqualAccumulator(
  scale: ServqualScale = { min: 1, max: 7 },
): ServqualAccumulator {
  const s = parseOrThrow(
    scaleSchema,
    scale,
    'INVALID_OPTIONS',
    'The SERVQUAL scale',
    'Pass { min, max } with whole numbers and min < max (SERVQUAL uses 1–7).',
  );
  return { kind: 'servqual', scale: { min: s.min, max: s.max }, items: [] };
}

const onScale = (value: unknown, scale: ServqualScale) =>
  typeof value === 'number' && Number.isInteger(value) && value >= scale.min && value <= scale.max;

/**
 * Adds one answer in place; a rejected answer leaves the accumulator unchanged.
 *
 * @example
 * ```ts
 * import { servqualAccumulator, servqualAdd } from 'servicecraft/metrics';
 *
 * const acc = servqualAccumulator();
 * servqualAdd(acc, { item: 'clean-premises', dimension: 'tangibles', expectation: 6, perception: 6 });
 * ```
 *
 * @param acc - The accumulator to change.
 * @param answer - One item's expectation and perception.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming the field, its value and the index, also
 *   when an item appears under two dimensions.
 * @category Metrics
 */
export function servqualAdd(acc: ServqualAccumulator, answer: ServqualAnswer): void {
  const { item, dimension, expectation, perception } = answer ?? ({} as Partial<ServqualAnswer>);
  const bad: [string, unknown, string] | undefined =
    typeof item !== 'string' || item.length === 0
      ? ['item', item, 'a non-empty string']
      : !servqualDimensions.includes(dimension as ServqualDimension)
        ? ['dimension', dimension, `one of ${servqualDimensions.join(', ')}`]
        : !onScale(expectation, acc.scale)
          ? ['expectation', expectation, `a whole number from ${acc.scale.min} to ${acc.scale.max}`]
          : !onScale(perception, acc.scale)
            ? ['perception', perception, `a whole number from ${acc.scale.min} to ${acc.scale.max}`]
            : undefined;
  const entry = bad === undefined ? acc.items.find((e) => e.item === item) : undefined;
  const clash =
    entry !== undefined && entry.dimension !== dimension
      ? ([
          'dimension',
          dimension,
          `'${entry.dimension}', the dimension item '${item}' already has`,
        ] as const)
      : undefined;
  const problem = bad ?? clash;
  if (problem !== undefined) {
    const index = acc.items.reduce((n, e) => n + e.responses, 0);
    const [field, value, expected] = problem;
    throw new MetricError(
      'INVALID_RESPONSE',
      `SERVQUAL rejected a value: index ${index}, field ${field} is ${show(value)}; expected ${expected}.`,
      [{ path: [index, field], value, message: `expected ${expected}` }],
    );
  }
  const e = expectation as number;
  const p = perception as number;
  if (entry === undefined) {
    acc.items.push({
      item: item as string,
      dimension: dimension as ServqualDimension,
      responses: 1,
      expectationSum: e,
      perceptionSum: p,
    });
    return;
  }
  entry.responses += 1;
  entry.expectationSum += e;
  entry.perceptionSum += p;
}

/** @internal The stored accumulator's schema; {@link readServqualAccumulator} is its fast twin. */
export const servqualAccumulatorSchema = z.object({
  kind: z.literal('servqual'),
  scale: scaleSchema,
  items: z.array(
    z.object({
      item: z.string().min(1),
      dimension: z.enum(servqualDimensions),
      responses: z.int().positive(),
      expectationSum: z.int(),
      perceptionSum: z.int(),
    }),
  ),
});

/**
 * @internal Accepts exactly what {@link servqualAccumulatorSchema} accepts and returns the same
 * output (a fresh copy); `undefined` where the schema rejects.
 */
export function readServqualAccumulator(value: unknown): ServqualAccumulator | undefined {
  if (!isObj(value) || value.kind !== 'servqual') return undefined;
  const scale = value.scale;
  if (!isObj(scale)) return undefined;
  const { min, max } = scale;
  if (!(isInt(min) && isInt(max) && min < max)) return undefined;
  const list = value.items;
  if (!Array.isArray(list)) return undefined;
  const n = list.length;
  const items: ServqualAccumulator['items'][number][] = [];
  for (let i = 0; i < n; i++) {
    const e: unknown = list[i];
    if (!isObj(e)) return undefined;
    const { item, dimension, responses, expectationSum, perceptionSum } = e;
    if (
      !(
        isName(item) &&
        servqualDimensions.includes(dimension as ServqualDimension) &&
        isInt(responses) &&
        responses > 0 &&
        isInt(expectationSum) &&
        isInt(perceptionSum)
      )
    ) {
      return undefined;
    }
    items.push({
      item,
      dimension: dimension as ServqualDimension,
      responses,
      expectationSum,
      perceptionSum,
    });
  }
  return { kind: 'servqual', scale: { min, max }, items };
}

function parseAccumulator(value: unknown): ServqualAccumulator {
  return readOrThrow(
    readServqualAccumulator,
    servqualAccumulatorSchema,
    value,
    'INVALID_ACCUMULATOR',
    'The SERVQUAL accumulator',
    'Make accumulators with servqualAccumulator() and change them only with servqualAdd.',
  );
}

/**
 * Combines two accumulators on the same scale into a new one; neither input changes.
 *
 * @example
 * ```ts
 * import { servqualAccumulator, servqualMerge } from 'servicecraft/metrics';
 *
 * servqualMerge(servqualAccumulator(), servqualAccumulator()).items; // []
 * ```
 *
 * @param a - An accumulator (validated: it may come from storage).
 * @param b - Another accumulator on the same scale.
 * @returns A new accumulator.
 * @throws {@link MetricError} `INCOMPATIBLE_ACCUMULATORS` for different scales or an item filed
 *   under different dimensions; `INVALID_ACCUMULATOR`.
 * @category Metrics
 */
export function servqualMerge(a: ServqualAccumulator, b: ServqualAccumulator): ServqualAccumulator {
  const left = parseAccumulator(a);
  const right = parseAccumulator(b);
  if (left.scale.min !== right.scale.min || left.scale.max !== right.scale.max) {
    throw new MetricError(
      'INCOMPATIBLE_ACCUMULATORS',
      `SERVQUAL accumulators on different scales (${left.scale.min}–${left.scale.max} and ${right.scale.min}–${right.scale.max}) cannot be merged; collect both on one scale.`,
    );
  }
  const items = left.items.map((e) => ({ ...e }));
  for (const other of right.items) {
    const entry = items.find((e) => e.item === other.item);
    if (entry === undefined) items.push({ ...other });
    else if (entry.dimension !== other.dimension) {
      throw new MetricError(
        'INCOMPATIBLE_ACCUMULATORS',
        `SERVQUAL item '${other.item}' is filed under ${entry.dimension} in one accumulator and ${other.dimension} in the other; an item belongs to one dimension.`,
      );
    } else {
      entry.responses += other.responses;
      entry.expectationSum += other.expectationSum;
      entry.perceptionSum += other.perceptionSum;
    }
  }
  return { kind: 'servqual', scale: left.scale, items };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Computes the gaps from an accumulator.
 *
 * @example
 * ```ts
 * import { servqualAccumulator, servqualResult } from 'servicecraft/metrics';
 *
 * servqualResult(servqualAccumulator()); // { kind: 'empty' }
 * ```
 *
 * @param acc - An accumulator (validated: it may come from storage).
 * @returns The gaps, or the empty variant.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`.
 * @category Metrics
 */
export function servqualResult(acc: ServqualAccumulator): ServqualResult {
  const { items } = parseAccumulator(acc);
  if (items.length === 0) return { kind: 'empty' };
  const rank = (d: ServqualDimension) => servqualDimensions.indexOf(d);
  const perItem = items
    .map((e) => {
      const expectation = e.expectationSum / e.responses;
      const perception = e.perceptionSum / e.responses;
      return {
        item: e.item,
        dimension: e.dimension,
        expectation,
        perception,
        gap: (e.perceptionSum - e.expectationSum) / e.responses,
        responses: e.responses,
      };
    })
    .sort(
      (x, y) =>
        rank(x.dimension) - rank(y.dimension) || (x.item < y.item ? -1 : x.item > y.item ? 1 : 0),
    );
  const dimensions = servqualDimensions.flatMap((dimension) => {
    const own = perItem.filter((e) => e.dimension === dimension);
    if (own.length === 0) return [];
    return [
      {
        dimension,
        items: own.length,
        expectation: mean(own.map((e) => e.expectation)),
        perception: mean(own.map((e) => e.perception)),
        gap: mean(own.map((e) => e.gap)),
        responses: own.reduce((n, e) => n + e.responses, 0),
      },
    ];
  });
  return { kind: 'gaps', items: perItem, dimensions, overall: mean(dimensions.map((d) => d.gap)) };
}

/**
 * Computes SERVQUAL gaps over a batch of answers, validating every one.
 *
 * @example
 * ```ts
 * import { servqual } from 'servicecraft/metrics';
 *
 * const result = servqual([
 *   { item: 'on-time', dimension: 'reliability', expectation: 7, perception: 5 },
 *   { item: 'on-time', dimension: 'reliability', expectation: 6, perception: 6 },
 *   { item: 'courtesy', dimension: 'assurance', expectation: 6, perception: 7 },
 * ]);
 * if (result.kind === 'gaps') result.dimensions.map((d) => [d.dimension, d.gap]);
 * // [['reliability', -1], ['assurance', 1]]
 * ```
 *
 * @param answers - Expectation and perception per item and respondent.
 * @param scale - The answer scale; 1–7 when omitted.
 * @returns The gaps, or the empty variant.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming each bad value and its position.
 * @category Metrics
 */
export function servqual(
  answers: readonly ServqualAnswer[],
  scale?: ServqualScale,
): ServqualResult {
  const acc = servqualAccumulator(scale);
  const point = z.int().min(acc.scale.min).max(acc.scale.max);
  const valid = parseOrThrow(
    z.array(
      z.object({
        item: z.string().min(1),
        dimension: z.enum(servqualDimensions),
        expectation: point,
        perception: point,
      }),
    ),
    answers,
    'INVALID_RESPONSE',
    'SERVQUAL',
    `An answer is { item, dimension, expectation, perception } with scores from ${acc.scale.min} to ${acc.scale.max}.`,
  );
  for (const answer of valid) servqualAdd(acc, answer);
  return servqualResult(acc);
}
