/**
 * Relationship health: whether good experiences outweigh bad ones at a given exchange rate.
 * Service-training articles quote "about 12 positive experiences make up for one bad one"; the
 * ratio is a parameter because that figure is a rule of thumb, not a law.
 *
 * @module
 */
import { MetricError, show } from './errors.js';
import { deepFreeze, type EmptyResult, isCount } from './shared.js';

/**
 * The default exchange rate: 12 good experiences to offset one bad one. Frozen: pass
 * `{ ratio }` to {@link relationshipHealth} to use another.
 *
 * @example
 * ```ts
 * import { defaultHealthRatio } from 'servicecraft/metrics';
 *
 * defaultHealthRatio.ratio; // 12
 * ```
 *
 * @category Metrics
 */
export const defaultHealthRatio = deepFreeze({
  /** Good experiences that offset one bad one. */
  ratio: 12,
  /** Where the figure comes from. */
  source:
    'Rule of thumb that about 12 positive experiences make up for one bad one, quoted in the online training article “Customer Service: Developing skills for providing exceptional service and managing customer interactions” and widely attributed to Ruby Newell-Legner',
} as const);

/**
 * Good against bad experiences at an exchange rate.
 *
 * @category Metrics
 */
export interface HealthBalance {
  /** Always `'balance'`. */
  readonly kind: 'balance';
  /** Good experiences. */
  readonly positive: number;
  /** Bad experiences. */
  readonly negative: number;
  /** How many good experiences offset one bad one. */
  readonly ratio: number;
  /** negative × ratio: the good experiences needed to break even. */
  readonly required: number;
  /** positive − required: above or at 0 the relationship is healthy. */
  readonly surplus: number;
  /** `surplus ≥ 0`. */
  readonly healthy: boolean;
}

/**
 * The result of {@link relationshipHealth}: a balance, or the explicit empty variant when there
 * was no positive or negative experience at all.
 *
 * @category Metrics
 */
export type RelationshipHealth = EmptyResult | HealthBalance;

/**
 * Options for {@link relationshipHealth}.
 *
 * @category Metrics
 */
export interface HealthOptions {
  /** Good experiences that offset one bad one: a positive number, 12 by default. */
  readonly ratio?: number;
}

/** @internal */
export function checkRatio(ratio: unknown): number {
  if (ratio === undefined) return defaultHealthRatio.ratio;
  if (typeof ratio === 'number' && Number.isFinite(ratio) && ratio > 0) return ratio;
  throw new MetricError(
    'INVALID_OPTIONS',
    `The health ratio is ${show(ratio)}, but it must be a positive number (12 by default: twelve good experiences offset one bad one).`,
    [{ path: ['ratio'], value: ratio, message: 'expected a positive number' }],
  );
}

/**
 * Weighs good experiences against bad ones: healthy when positive ≥ negative × ratio.
 *
 * @example
 * ```ts
 * import { relationshipHealth } from 'servicecraft/metrics';
 *
 * relationshipHealth({ positive: 20, negative: 2 });
 * // { kind: 'balance', positive: 20, negative: 2, ratio: 12, required: 24, surplus: -4, healthy: false }
 * relationshipHealth({ positive: 20, negative: 2 }, { ratio: 5 }).kind; // 'balance', healthy
 * ```
 *
 * @param counts - Whole numbers of good and bad experiences.
 * @param options - The exchange rate.
 * @returns The balance, or `{ kind: 'empty' }` when both counts are 0.
 * @throws {@link MetricError} `INVALID_RESPONSE` for bad counts, `INVALID_OPTIONS` for a bad ratio.
 * @category Metrics
 */
export function relationshipHealth(
  counts: { readonly positive: number; readonly negative: number },
  options?: HealthOptions,
): RelationshipHealth {
  const ratio = checkRatio(options?.ratio);
  const { positive, negative } = counts ?? ({} as Partial<typeof counts>);
  for (const [field, value] of [
    ['positive', positive],
    ['negative', negative],
  ] as const) {
    if (!isCount(value)) {
      throw new MetricError(
        'INVALID_RESPONSE',
        `Relationship health rejected a value: field ${field} is ${show(value)}; expected a whole number ≥ 0.`,
        [{ path: [field], value, message: 'expected a whole number ≥ 0' }],
      );
    }
  }
  const p = positive as number;
  const n = negative as number;
  if (p === 0 && n === 0) return { kind: 'empty' };
  const required = n * ratio;
  const surplus = p - required;
  return {
    kind: 'balance',
    positive: p,
    negative: n,
    ratio,
    required,
    surplus,
    healthy: surplus >= 0,
  };
}
