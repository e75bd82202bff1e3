/**
 * `defineTierLadder`: the ordered tiers of a programme, their qualification thresholds and their
 * benefits, checked once.
 *
 * @module
 */
import { LoyaltyDefinitionError, type LoyaltyDefinitionProblem } from './errors.js';

/**
 * A metric a tier can be reached by: qualifying points, spend (minor units) or visits.
 *
 * @category Loyalty
 */
export type TierMetric = 'points' | 'spend' | 'visits';

/** @internal Every metric, in a fixed order. */
export const tierMetrics: readonly TierMetric[] = ['points', 'spend', 'visits'];

/**
 * Qualification thresholds of a tier: reaching any one of them qualifies (metrics combine with OR).
 *
 * @category Loyalty
 */
export type TierThreshold = Partial<Record<TierMetric, number>>;

/**
 * A tier as written in a ladder definition.
 *
 * @category Loyalty
 */
export interface TierInput {
  /** A stable identifier, stored in snapshots. */
  readonly id: string;
  /** A display name; the id when omitted. */
  readonly name?: string;
  /** The thresholds, one per metric of the ladder's `qualifyBy`; omit them for the entry tier. */
  readonly threshold?: TierThreshold;
  /** Earning multiplier in percent, an integer from 0 to 10,000: 100 earns the base rate, 150 earns 1.5 times. */
  readonly multiplier?: number;
  /** Perks as data, e.g. `['free-delivery']`. */
  readonly perks?: readonly string[];
}

/**
 * A checked tier: thresholds filled in for every metric of the ladder, defaults applied.
 *
 * @category Loyalty
 */
export interface Tier {
  /** The tier's identifier. */
  readonly id: string;
  /** Its display name. */
  readonly name: string;
  /** Its position, 0 for the entry tier. */
  readonly rank: number;
  /** A threshold for every metric in the ladder's `qualifyBy` (0 for the entry tier). */
  readonly threshold: Readonly<TierThreshold>;
  /** Earning multiplier in percent. */
  readonly multiplier: number;
  /** Perks granted while in the tier. */
  readonly perks: readonly string[];
}

/**
 * A tier ladder as written, before checking.
 *
 * @category Loyalty
 */
export interface TierLadderInput {
  /** A stable identifier; the membership machine's id is derived from it. */
  readonly id: string;
  /** The metrics that qualify for a tier; reaching any one threshold is enough. */
  readonly qualifyBy: readonly TierMetric[];
  /** The tiers from the entry tier upwards. */
  readonly tiers: readonly TierInput[];
  /** Where the ladder comes from (a published reference, a vendor's documentation, house rules). */
  readonly source?: string;
}

/**
 * A checked, immutable tier ladder.
 *
 * @category Loyalty
 */
export interface TierLadder {
  /** The ladder's identifier. */
  readonly id: string;
  /** The qualifying metrics. */
  readonly qualifyBy: readonly TierMetric[];
  /** The tiers, entry tier first. */
  readonly tiers: readonly Tier[];
  /** Provenance note. */
  readonly source: string;
}

/** @internal The largest tier multiplier, in percent: 100 times the base rate. */
export const MAX_MULTIPLIER = 10_000;

const isNonNegativeInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * Checks a tier ladder and returns it with defaults filled in.
 *
 * The first tier is the entry tier every enrolled member starts in; its thresholds must be zero or
 * omitted. Every later tier gives a threshold for each metric in `qualifyBy`, strictly greater than
 * the tier below. Multipliers are integer percentages up to 10,000.
 *
 * @example
 * ```ts
 * import { defineTierLadder } from 'servicecraft/loyalty';
 *
 * const ladder = defineTierLadder({
 *   id: 'coffee-club',
 *   qualifyBy: ['points', 'visits'],
 *   tiers: [
 *     { id: 'green' },
 *     { id: 'gold', threshold: { points: 300, visits: 24 }, multiplier: 150, perks: ['free-refill'] },
 *   ],
 * });
 * ladder.tiers[1]?.rank; // 1
 * ```
 *
 * @param input - The ladder: id, qualifying metrics, tiers from the bottom up, optional source.
 * @returns The checked ladder.
 * @throws {@link LoyaltyDefinitionError} listing every problem (empty ladder, duplicate ids,
 *   non-increasing thresholds, bad numbers).
 * @category Loyalty
 */
export function defineTierLadder(input: TierLadderInput): TierLadder {
  const problems: LoyaltyDefinitionProblem[] = [];
  const add = (
    code: LoyaltyDefinitionProblem['code'],
    path: (string | number)[],
    message: string,
  ) => problems.push({ code, path, message });
  const id = typeof input?.id === 'string' ? input.id : '';
  if (id.trim() === '') add('INVALID_LADDER', ['id'], 'The ladder needs a non-empty string id.');
  const qualifyBy: readonly TierMetric[] = Array.isArray(input?.qualifyBy) ? input.qualifyBy : [];
  if (qualifyBy.length === 0) {
    add(
      'INVALID_LADDER',
      ['qualifyBy'],
      `qualifyBy must list at least one of ${tierMetrics.join(', ')}.`,
    );
  }
  qualifyBy.forEach((m, i) => {
    if (!tierMetrics.includes(m)) {
      add(
        'INVALID_LADDER',
        ['qualifyBy', i],
        `'${String(m)}' is not a metric; use ${tierMetrics.join(', ')}.`,
      );
    } else if (qualifyBy.indexOf(m) !== i) {
      add('INVALID_LADDER', ['qualifyBy', i], `Metric '${m}' is listed twice.`);
    }
  });
  const inputs: readonly TierInput[] = Array.isArray(input?.tiers) ? input.tiers : [];
  if (inputs.length === 0) {
    add(
      'EMPTY_LADDER',
      ['tiers'],
      'A ladder needs at least one tier: the entry tier members start in.',
    );
  }
  const seen = new Set<string>();
  const tiers: Tier[] = [];
  inputs.forEach((t, rank) => {
    const path = ['tiers', rank];
    if (typeof t?.id !== 'string' || t.id.trim() === '') {
      add('INVALID_LADDER', [...path, 'id'], `Tier ${rank} needs a non-empty string id.`);
    } else if (seen.has(t.id)) {
      add(
        'DUPLICATE_TIER',
        [...path, 'id'],
        `Tier id '${t.id}' is used more than once; tier ids must be unique.`,
      );
    } else {
      seen.add(t.id);
    }
    const threshold: TierThreshold = {};
    for (const key of Object.keys(t?.threshold ?? {})) {
      if (!qualifyBy.includes(key as TierMetric)) {
        add(
          'INVALID_THRESHOLD',
          [...path, 'threshold', key],
          `Tier '${t.id}' sets a '${key}' threshold, but the ladder qualifies by ${qualifyBy.join(', ') || 'nothing'}.`,
        );
      }
    }
    for (const m of qualifyBy) {
      const value = t?.threshold?.[m];
      if (rank === 0) {
        if (value !== undefined && value !== 0) {
          add(
            'INVALID_THRESHOLD',
            [...path, 'threshold', m],
            `The entry tier '${t.id}' must have a ${m} threshold of 0 (or none), received ${String(value)}.`,
          );
        }
        threshold[m] = 0;
        continue;
      }
      if (!isNonNegativeInt(value)) {
        add(
          'INVALID_THRESHOLD',
          [...path, 'threshold', m],
          `Tier '${t.id}' needs a ${m} threshold that is a non-negative integer, received ${String(value)}.`,
        );
        continue;
      }
      const below = tiers[rank - 1]?.threshold[m];
      if (below !== undefined && value <= below) {
        add(
          'NON_INCREASING_THRESHOLD',
          [...path, 'threshold', m],
          `Tier '${t.id}' needs a ${m} threshold above ${below} (the tier below); received ${value}.`,
        );
      }
      threshold[m] = value;
    }
    const multiplier = t?.multiplier ?? 100;
    if (!isNonNegativeInt(multiplier) || multiplier > MAX_MULTIPLIER) {
      add(
        'INVALID_BENEFIT',
        [...path, 'multiplier'],
        `Tier '${t.id}' needs a multiplier that is an integer percentage from 0 to ${MAX_MULTIPLIER} (100 = base rate), received ${String(multiplier)}.`,
      );
    }
    const perks = t?.perks ?? [];
    if (!Array.isArray(perks) || perks.some((p) => typeof p !== 'string')) {
      add(
        'INVALID_BENEFIT',
        [...path, 'perks'],
        `Tier '${t.id}' needs perks as a list of strings.`,
      );
    }
    tiers.push(
      Object.freeze({
        id: t?.id,
        name: typeof t?.name === 'string' ? t.name : t?.id,
        rank,
        threshold: Object.freeze(threshold),
        multiplier,
        perks: Object.freeze([...perks]),
      }),
    );
  });
  if (problems.length > 0) throw new LoyaltyDefinitionError(`tier ladder '${id || '?'}'`, problems);
  return Object.freeze({
    id,
    qualifyBy: Object.freeze([...qualifyBy]),
    tiers: Object.freeze(tiers),
    source: input.source ?? 'house rules',
  });
}
