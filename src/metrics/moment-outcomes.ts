/**
 * Outcomes per moment of truth, aggregated over assessed interactions, with the relationship
 * health of the whole. The input is structural so that any assessment (a frameworks scorecard, a
 * QA review, observed steps with outcomes) can be passed in without importing its module.
 *
 * @module
 */
import * as z from 'zod';
import { MetricError, parseOrThrow, show } from './errors.js';
import {
  checkRatio,
  type HealthOptions,
  type RelationshipHealth,
  relationshipHealth,
} from './health.js';
import { type MomentsOfTruth, momentAt, type ObservedStep } from './moments.js';
import { isName, isObj, readOrThrow } from './read.js';
import { type EmptyResult, isCount } from './shared.js';

/**
 * How a moment of truth went for the customer.
 *
 * @category Metrics
 */
export type MomentOutcome = 'positive' | 'negative' | 'neutral';

/**
 * One interaction's moments of truth with their outcomes. Any object with this shape fits, e.g.
 * a scorecard that lists `momentsOfTruth: [{ id, outcome }]`; a moment without an outcome was
 * reached but not assessed.
 *
 * @category Metrics
 */
export interface AssessedInteraction {
  /** The moments the interaction went through. */
  readonly momentsOfTruth: readonly {
    /** The moment's id. */
    readonly id: string;
    /** How it went; absent when it was not assessed. */
    readonly outcome?: MomentOutcome | undefined;
  }[];
}

/**
 * Outcome counts of one moment (or of all moments together).
 *
 * @category Metrics
 */
export interface MomentTally {
  /** Good outcomes. */
  positive: number;
  /** Bad outcomes. */
  negative: number;
  /** Neither good nor bad. */
  neutral: number;
  /** Reached but not assessed. */
  unassessed: number;
}

/**
 * A running tally per moment: plain JSON, storable and mergeable.
 *
 * @category Metrics
 */
export interface MomentsAccumulator {
  /** Always `'moments'`. */
  readonly kind: 'moments';
  /** One entry per moment id, in the order first seen; changed in place by {@link momentsAdd}. */
  readonly moments: (MomentTally & {
    /** The moment's id. */
    readonly id: string;
  })[];
}

/**
 * Outcomes per moment, totals, and relationship health.
 *
 * @category Metrics
 */
export interface MomentsReport {
  /** Always `'moments'`. */
  readonly kind: 'moments';
  /** Per moment, in the order first seen, with its own health. */
  readonly moments: readonly (Readonly<MomentTally> & {
    /** The moment's id. */
    readonly id: string;
    /** Times reached. */
    readonly total: number;
    /** This moment's own balance of positive against negative. */
    readonly health: RelationshipHealth;
  })[];
  /** All moments together. */
  readonly overall: Readonly<MomentTally> & {
    /** Moments reached in all. */
    readonly total: number;
  };
  /** Positive against negative outcomes over all moments. */
  readonly health: RelationshipHealth;
}

/**
 * The result of {@link momentOutcomes}: a report, or the explicit empty variant.
 *
 * @category Metrics
 */
export type MomentsResult = EmptyResult | MomentsReport;

const outcomes = ['positive', 'negative', 'neutral'] as const;

/**
 * Makes an empty moments accumulator.
 *
 * @example
 * ```ts
 * import { momentsAccumulator, momentsAdd, momentsResult } from 'servicecraft/metrics';
 *
 * const acc = momentsAccumulator();
 * momentsAdd(acc, 'greeting', 'positive');
 * momentsResult(acc); // { kind: 'moments', ... }
 * ```
 *
 * @returns An empty accumulator.
 * @category Metrics
 */
export function momentsAccumulator(): MomentsAccumulator {
  return { kind: 'moments', moments: [] };
}

/**
 * Records one outcome of one moment in place; a rejected value leaves the accumulator unchanged.
 *
 * @example
 * ```ts
 * import { momentsAccumulator, momentsAdd } from 'servicecraft/metrics';
 *
 * const acc = momentsAccumulator();
 * momentsAdd(acc, 'first objection', 'negative');
 * momentsAdd(acc, 'first objection'); // reached, not assessed
 * ```
 *
 * @param acc - The accumulator to change.
 * @param id - The moment's id.
 * @param outcome - How it went; omit when it was not assessed.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming the value and its index.
 * @category Metrics
 */
export function momentsAdd(acc: MomentsAccumulator, id: string, outcome?: MomentOutcome): void {
  const bad =
    typeof id !== 'string' || id.length === 0
      ? (['id', id, 'a non-empty string'] as const)
      : outcome !== undefined && !outcomes.includes(outcome)
        ? (['outcome', outcome, "'positive', 'negative', 'neutral' or none"] as const)
        : undefined;
  if (bad !== undefined) {
    const index = acc.moments.reduce((n, m) => n + totalOf(m), 0);
    const [field, value, expected] = bad;
    throw new MetricError(
      'INVALID_RESPONSE',
      `Moments of truth rejected a value: index ${index}, field ${field} is ${show(value)}; expected ${expected}.`,
      [{ path: [index, field], value, message: `expected ${expected}` }],
    );
  }
  let entry = acc.moments.find((m) => m.id === id);
  if (entry === undefined) {
    entry = { id, positive: 0, negative: 0, neutral: 0, unassessed: 0 };
    acc.moments.push(entry);
  }
  entry[outcome ?? 'unassessed'] += 1;
}

const totalOf = (t: MomentTally) => t.positive + t.negative + t.neutral + t.unassessed;

/**
 * Turns observed steps with outcomes into an {@link AssessedInteraction}, keeping only the steps
 * that are moments of truth.
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { assessSteps, momentsOfTruth } from 'servicecraft/metrics';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const moments = momentsOfTruth(door, { 'closed->open': 'welcome' });
 * assessSteps(moments, [
 *   { step: { from: 'closed', to: 'open', event: 'OPEN' }, outcome: 'positive' },
 *   { step: { from: 'open', to: 'closed', event: 'CLOSE' } },
 * ]);
 * // { momentsOfTruth: [{ id: 'welcome', outcome: 'positive' }] }
 * ```
 *
 * @param moments - From `momentsOfTruth`.
 * @param observed - Steps (e.g. from core `transition(...)` results) with an optional outcome.
 * @returns The interaction's moments of truth, in order.
 * @category Metrics
 */
export function assessSteps(
  moments: MomentsOfTruth,
  observed: readonly { readonly step: ObservedStep; readonly outcome?: MomentOutcome }[],
): AssessedInteraction {
  return {
    momentsOfTruth: observed.flatMap(({ step, outcome }) => {
      const id = momentAt(moments, step);
      if (id === undefined) return [];
      return [outcome === undefined ? { id } : { id, outcome }];
    }),
  };
}

/** @internal The stored accumulator's schema; {@link readMomentsAccumulator} is its fast twin. */
export const momentsAccumulatorSchema = z.object({
  kind: z.literal('moments'),
  moments: z.array(
    z.object({
      id: z.string().min(1),
      positive: z.int().nonnegative(),
      negative: z.int().nonnegative(),
      neutral: z.int().nonnegative(),
      unassessed: z.int().nonnegative(),
    }),
  ),
});

/**
 * @internal Accepts exactly what {@link momentsAccumulatorSchema} accepts and returns the same
 * output (a fresh copy); `undefined` where the schema rejects. The duplicate-id check comes after.
 */
export function readMomentsAccumulator(value: unknown): MomentsAccumulator | undefined {
  if (!isObj(value) || value.kind !== 'moments') return undefined;
  const list = value.moments;
  if (!Array.isArray(list)) return undefined;
  const n = list.length;
  const moments: (MomentTally & { id: string })[] = [];
  for (let i = 0; i < n; i++) {
    const m: unknown = list[i];
    if (!isObj(m)) return undefined;
    const { id, positive, negative, neutral, unassessed } = m;
    if (
      !(
        isName(id) &&
        isCount(positive) &&
        isCount(negative) &&
        isCount(neutral) &&
        isCount(unassessed)
      )
    ) {
      return undefined;
    }
    moments.push({ id, positive, negative, neutral, unassessed });
  }
  return { kind: 'moments', moments };
}

function parseAccumulator(value: unknown): MomentsAccumulator {
  const acc = readOrThrow(
    readMomentsAccumulator,
    momentsAccumulatorSchema,
    value,
    'INVALID_ACCUMULATOR',
    'The moments accumulator',
    'Make accumulators with momentsAccumulator() and change them only with momentsAdd.',
  );
  const ids = new Set(acc.moments.map((m) => m.id));
  if (ids.size !== acc.moments.length) {
    throw new MetricError(
      'INVALID_ACCUMULATOR',
      'The moments accumulator lists a moment id twice; make accumulators with momentsAccumulator() and change them only with momentsAdd.',
    );
  }
  return acc;
}

/**
 * Combines two accumulators into a new one; neither input changes.
 *
 * @example
 * ```ts
 * import { momentsAccumulator, momentsAdd, momentsMerge } from 'servicecraft/metrics';
 *
 * const a = momentsAccumulator();
 * const b = momentsAccumulator();
 * momentsAdd(a, 'greeting', 'positive');
 * momentsAdd(b, 'greeting', 'negative');
 * momentsMerge(a, b).moments;
 * // [{ id: 'greeting', positive: 1, negative: 1, neutral: 0, unassessed: 0 }]
 * ```
 *
 * @param a - An accumulator (validated: it may come from storage).
 * @param b - Another accumulator.
 * @returns A new accumulator.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`.
 * @category Metrics
 */
export function momentsMerge(a: MomentsAccumulator, b: MomentsAccumulator): MomentsAccumulator {
  const left = parseAccumulator(a);
  const right = parseAccumulator(b);
  const moments = left.moments.map((m) => ({ ...m }));
  for (const other of right.moments) {
    const entry = moments.find((m) => m.id === other.id);
    if (entry === undefined) {
      moments.push({ ...other });
      continue;
    }
    entry.positive += other.positive;
    entry.negative += other.negative;
    entry.neutral += other.neutral;
    entry.unassessed += other.unassessed;
  }
  return { kind: 'moments', moments };
}

/**
 * Computes outcomes per moment and relationship health from an accumulator.
 *
 * @example
 * ```ts
 * import { momentsAccumulator, momentsResult } from 'servicecraft/metrics';
 *
 * momentsResult(momentsAccumulator()); // { kind: 'empty' }
 * ```
 *
 * @param acc - An accumulator (validated: it may come from storage).
 * @param options - The health ratio (12 good to 1 bad by default).
 * @returns The report, or the empty variant when no moment was reached.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`, or `INVALID_OPTIONS` for a bad ratio.
 * @category Metrics
 */
export function momentsResult(acc: MomentsAccumulator, options?: HealthOptions): MomentsResult {
  const { moments } = parseAccumulator(acc);
  const ratio = checkRatio(options?.ratio);
  if (moments.length === 0) return { kind: 'empty' };
  const overall = { positive: 0, negative: 0, neutral: 0, unassessed: 0, total: 0 };
  const rows = moments.map((m) => {
    overall.positive += m.positive;
    overall.negative += m.negative;
    overall.neutral += m.neutral;
    overall.unassessed += m.unassessed;
    const total = totalOf(m);
    overall.total += total;
    return { ...m, total, health: relationshipHealth(m, { ratio }) };
  });
  return {
    kind: 'moments',
    moments: rows,
    overall,
    health: relationshipHealth(overall, { ratio }),
  };
}

/**
 * Aggregates outcomes per moment of truth over assessed interactions, with relationship health.
 *
 * @example
 * ```ts
 * import { momentOutcomes } from 'servicecraft/metrics';
 *
 * const report = momentOutcomes([
 *   { momentsOfTruth: [{ id: 'greeting', outcome: 'positive' }, { id: 'first objection', outcome: 'negative' }] },
 *   { momentsOfTruth: [{ id: 'greeting', outcome: 'positive' }] },
 * ]);
 * if (report.kind === 'moments') report.health; // 2 good vs 1 bad: needs 12, not healthy
 * ```
 *
 * @param interactions - Anything with `momentsOfTruth: [{ id, outcome? }]`.
 * @param options - The health ratio (12 good to 1 bad by default).
 * @returns The report, or the empty variant when no moment was reached.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming each bad value and its position.
 * @category Metrics
 */
export function momentOutcomes(
  interactions: readonly AssessedInteraction[],
  options?: HealthOptions,
): MomentsResult {
  const valid = parseOrThrow(
    z.array(
      z.object({
        momentsOfTruth: z.array(
          z.object({ id: z.string().min(1), outcome: z.enum(outcomes).optional() }),
        ),
      }),
    ),
    interactions,
    'INVALID_RESPONSE',
    'Moments of truth',
    "Each interaction is { momentsOfTruth: [{ id: non-empty string, outcome?: 'positive' | 'negative' | 'neutral' }] }.",
  );
  const acc = momentsAccumulator();
  for (const interaction of valid) {
    for (const m of interaction.momentsOfTruth) momentsAdd(acc, m.id, m.outcome);
  }
  return momentsResult(acc, options);
}
