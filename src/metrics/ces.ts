/**
 * Customer Effort Score. Version 1 asks how much effort the customer put in (1–5, lower is
 * easier); version 2 asks how far they agree the company made it easy (1–7, higher is easier).
 * The two are different questions on different scales, so they are never combined.
 *
 * @module
 */
import * as z from 'zod';
import { MetricError, type MetricProblem, parseOrThrow, show } from './errors.js';
import { addCounts, isObj, readCounts, readOrThrow, sum } from './read.js';
import { deepFreeze, type EmptyResult, type Fraction, type Share, shareOf } from './shared.js';

/**
 * The CES version: 1 (1–5, lower is easier) or 2 (1–7, higher is easier).
 *
 * @category Metrics
 */
export type CesVersion = 1 | 2;

/**
 * A CES answer tagged with its version, so a batch that mixes versions is caught.
 *
 * @category Metrics
 */
export interface CesAnswer {
  /** The answer on the version's scale. */
  readonly score: number;
  /** The version of the question it answers. */
  readonly version: CesVersion;
}

/**
 * What one CES version asks and how it is read.
 *
 * @category Metrics
 */
export interface CesVersionFacts {
  /** The lowest answer. */
  readonly min: number;
  /** The highest answer. */
  readonly max: number;
  /** Whether a higher or a lower number means less effort. */
  readonly direction: 'lower-is-easier' | 'higher-is-easier';
  /** The inclusive band of answers counted as easy, `[from, to]`. */
  readonly easy: readonly [number, number];
  /** Where the convention comes from. */
  readonly source: string;
}

/**
 * The facts of each CES version: range, direction and what this library counts as "easy".
 * Frozen all the way down: nobody can change them for everyone else at run time.
 *
 * @example
 * ```ts
 * import { cesVersions } from 'servicecraft/metrics';
 *
 * cesVersions[2].easy; // [5, 7]: agree somewhat, agree, strongly agree
 * ```
 *
 * @category Metrics
 */
export const cesVersions: {
  /** Version 1: effort from 1 (very low) to 5 (very high). */
  readonly 1: CesVersionFacts;
  /** Version 2: agreement from 1 (strongly disagree) to 7 (strongly agree) that it was easy. */
  readonly 2: CesVersionFacts;
} = deepFreeze({
  1: {
    min: 1,
    max: 5,
    direction: 'lower-is-easier',
    easy: [1, 2],
    source:
      'CES 1.0 (CEB, 2010; Dixon, Freeman and Toman, “Stop Trying to Delight Your Customers”, Harvard Business Review, 2010): effort 1 very low to 5 very high',
  },
  2: {
    min: 1,
    max: 7,
    direction: 'higher-is-easier',
    easy: [5, 7],
    source:
      'CES 2.0 (CEB, 2013; Dixon, Toman and DeLisi, The Effortless Experience, 2013): agreement 1 strongly disagree to 7 strongly agree',
  },
});

/**
 * A running CES tally for one version: plain JSON, storable and mergeable. `counts[i]` counts the
 * answer `i + 1`.
 *
 * @category Metrics
 */
export interface CesAccumulator {
  /** Always `'ces'`. */
  readonly kind: 'ces';
  /** The one version this tally accepts. */
  readonly version: CesVersion;
  /** Counts per answer (5 for version 1, 7 for version 2); {@link cesAdd} changes them in place. */
  readonly counts: number[];
}

/**
 * A CES over at least one answer.
 *
 * @category Metrics
 */
export interface CesScore {
  /** Always `'score'`. */
  readonly kind: 'score';
  /** The version every answer belongs to. */
  readonly version: CesVersion;
  /** Whether a higher or a lower number means less effort. */
  readonly direction: 'lower-is-easier' | 'higher-is-easier';
  /** Answers counted. */
  readonly responses: number;
  /** The mean answer, unrounded. */
  readonly average: number;
  /** The mean as an exact fraction: sum of answers over responses. */
  readonly fraction: Fraction;
  /** Answers in the version's easy band ({@link cesVersions}). */
  readonly easy: Share;
  /** Counts per answer, index 0 for the answer 1. */
  readonly distribution: readonly number[];
}

/**
 * The result of {@link ces}: a score, or the explicit empty variant.
 *
 * @category Metrics
 */
export type CesResult =
  | (EmptyResult & {
      /** The version asked for. */
      readonly version: CesVersion;
      /** No answers. */
      readonly responses: 0;
    })
  | CesScore;

const accepted = (version: CesVersion) => {
  const v = cesVersions[version];
  return `A CES version ${version} answer must be a whole number from ${v.min} to ${v.max} (or { score, version: ${version} }); versions are never mixed.`;
};

function parseVersion(version: unknown): CesVersion {
  return parseOrThrow(
    z.union([z.literal(1), z.literal(2)]),
    version,
    'INVALID_OPTIONS',
    'The CES version',
    'Pass 1 (1–5, lower is easier) or 2 (1–7, higher is easier).',
  );
}

/**
 * Makes an empty CES accumulator for one version.
 *
 * @example
 * ```ts
 * import { cesAccumulator, cesAdd, cesResult } from 'servicecraft/metrics';
 *
 * const acc = cesAccumulator(2);
 * cesAdd(acc, 6);
 * cesResult(acc); // { kind: 'score', version: 2, average: 6, ... }
 * ```
 *
 * @param version - 1 or 2.
 * @returns An accumulator with zero counts.
 * @throws {@link MetricError} `INVALID_OPTIONS` for another version.
 * @category Metrics
 */
export function cesAccumulator(version: CesVersion): CesAccumulator {
  const v = parseVersion(version);
  return { kind: 'ces', version: v, counts: new Array<number>(cesVersions[v].max).fill(0) };
}

/**
 * Adds one answer in place; a rejected answer leaves the accumulator unchanged.
 *
 * @example
 * ```ts
 * import { cesAccumulator, cesAdd } from 'servicecraft/metrics';
 *
 * const acc = cesAccumulator(1);
 * cesAdd(acc, 2);
 * cesAdd(acc, { score: 1, version: 1 });
 * ```
 *
 * @param acc - The accumulator to change.
 * @param answer - A whole number on the version's scale, or a tagged {@link CesAnswer}.
 * @throws {@link MetricError} `MIXED_VERSIONS` for an answer of the other version;
 *   `INVALID_RESPONSE` for a value off the scale. Both name the value and its index.
 * @category Metrics
 */
export function cesAdd(acc: CesAccumulator, answer: number | CesAnswer): void {
  let score: unknown = answer;
  if (typeof answer === 'object' && answer !== null) {
    if (answer.version !== acc.version) throw mixed(acc, answer.version);
    score = answer.score;
  }
  const value = score as number;
  const counts = acc.counts;
  if (!(value >= 1 && value <= counts.length && (value | 0) === value)) {
    throw rejected(acc, score);
  }
  counts[value - 1] = (counts[value - 1] as number) + 1;
}

const indexOf = (acc: CesAccumulator) => acc.counts.reduce((a, b) => a + b, 0);

function mixed(acc: CesAccumulator, version: unknown): MetricError {
  const index = indexOf(acc);
  return new MetricError(
    'MIXED_VERSIONS',
    `CES refused to mix versions: index ${index} is a version ${show(version)} answer in a version ${acc.version} tally. Compute each version on its own.`,
    [{ path: [index, 'version'], value: version, message: `expected version ${acc.version}` }],
  );
}

function rejected(acc: CesAccumulator, score: unknown): MetricError {
  const index = indexOf(acc);
  return new MetricError(
    'INVALID_RESPONSE',
    `CES rejected a value: index ${index} is ${show(score)}. ${accepted(acc.version)}`,
    [{ path: [index], value: score, message: 'not an answer on this version’s scale' }],
  );
}

/** @internal The stored accumulator's schema; {@link readCesAccumulator} is its fast twin. */
export const cesAccumulatorSchema = z.union([
  z.object({
    kind: z.literal('ces'),
    version: z.literal(1),
    counts: z.array(z.int().nonnegative()).length(5),
  }),
  z.object({
    kind: z.literal('ces'),
    version: z.literal(2),
    counts: z.array(z.int().nonnegative()).length(7),
  }),
]);

/**
 * @internal Accepts exactly what {@link cesAccumulatorSchema} accepts and returns the same output
 * (a fresh copy); `undefined` where the schema rejects.
 */
export function readCesAccumulator(value: unknown): CesAccumulator | undefined {
  if (!isObj(value) || value.kind !== 'ces') return undefined;
  const version = value.version;
  if (version !== 1 && version !== 2) return undefined;
  const counts = readCounts(value.counts, version === 1 ? 5 : 7);
  return counts === undefined ? undefined : { kind: 'ces', version, counts };
}

function parseAccumulator(value: unknown): CesAccumulator {
  return readOrThrow(
    readCesAccumulator,
    cesAccumulatorSchema,
    value,
    'INVALID_ACCUMULATOR',
    'The CES accumulator',
    'Make accumulators with cesAccumulator(version) and change them only with cesAdd.',
  );
}

/**
 * Combines two accumulators of the same version into a new one; neither input changes.
 *
 * @example
 * ```ts
 * import { cesAccumulator, cesAdd, cesMerge } from 'servicecraft/metrics';
 *
 * const a = cesAccumulator(2);
 * const b = cesAccumulator(2);
 * cesAdd(a, 7);
 * cesAdd(b, 1);
 * cesMerge(a, b).counts; // [1, 0, 0, 0, 0, 0, 1]
 * ```
 *
 * @param a - An accumulator (validated: it may come from storage).
 * @param b - Another accumulator of the same version.
 * @returns A new accumulator with summed counts.
 * @throws {@link MetricError} `MIXED_VERSIONS` for different versions; `INVALID_ACCUMULATOR`.
 * @category Metrics
 */
export function cesMerge(a: CesAccumulator, b: CesAccumulator): CesAccumulator {
  // The hot path sums two valid accumulators of one version without copying either first;
  // anything else takes the full path below (reader or zod, then the described error).
  if (isObj(a) && isObj(b) && a.kind === 'ces' && b.kind === 'ces') {
    const version = a.version;
    if ((version === 1 || version === 2) && b.version === version) {
      const counts = addCounts(a.counts, b.counts, version === 1 ? 5 : 7);
      if (counts !== undefined) return { kind: 'ces', version, counts };
    }
  }
  const left = parseAccumulator(a);
  const right = parseAccumulator(b);
  if (left.version !== right.version) {
    throw new MetricError(
      'MIXED_VERSIONS',
      `CES refused to merge a version ${left.version} tally with a version ${right.version} tally; the scales run in opposite directions, so report them apart.`,
    );
  }
  return {
    kind: 'ces',
    version: left.version,
    counts: left.counts.map((n, i) => n + (right.counts[i] as number)),
  };
}

/**
 * Computes CES from an accumulator.
 *
 * @example
 * ```ts
 * import { cesAccumulator, cesResult } from 'servicecraft/metrics';
 *
 * cesResult(cesAccumulator(1)); // { kind: 'empty', version: 1, responses: 0 }
 * ```
 *
 * @param acc - An accumulator (validated: it may come from storage).
 * @returns The score, or the empty variant.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`.
 * @category Metrics
 */
export function cesResult(acc: CesAccumulator): CesResult {
  const { version, counts } = parseAccumulator(acc);
  const responses = sum(counts);
  if (responses === 0) return { kind: 'empty', version, responses: 0 };
  const facts = cesVersions[version];
  let weighted = 0;
  for (let i = 0; i < counts.length; i++) weighted += (counts[i] as number) * (i + 1);
  const easy = sum(counts, facts.easy[0] - 1, facts.easy[1]);
  return {
    kind: 'score',
    version,
    direction: facts.direction,
    responses,
    average: weighted / responses,
    fraction: { numerator: weighted, denominator: responses },
    easy: shareOf(easy, responses),
    distribution: [...counts],
  };
}

/**
 * Computes the Customer Effort Score of a batch for one version, validating every answer and
 * refusing answers tagged with the other version.
 *
 * @example
 * ```ts
 * import { ces } from 'servicecraft/metrics';
 *
 * const result = ces([7, 6, 5, 2], 2);
 * if (result.kind === 'score') result.average; // 5
 * ces([4, { score: 6, version: 2 }], 1); // throws MetricError MIXED_VERSIONS at index 1
 * ```
 *
 * @param responses - Whole numbers on the version's scale, or tagged {@link CesAnswer}s.
 * @param version - 1 (1–5, lower is easier) or 2 (1–7, higher is easier).
 * @returns The score, or the empty variant.
 * @throws {@link MetricError} `INVALID_RESPONSE` or `MIXED_VERSIONS` naming the value and its index.
 * @category Metrics
 */
export function ces(responses: readonly (number | CesAnswer)[], version: CesVersion): CesResult {
  const v = parseVersion(version);
  const { max } = cesVersions[v];
  const valid = parseOrThrow(
    z.array(
      z.union([
        z.int(),
        z.object({ score: z.int(), version: z.union([z.literal(1), z.literal(2)]) }),
      ]),
    ),
    responses,
    'INVALID_RESPONSE',
    'CES',
    accepted(v),
  );
  // Version mixing is checked before range so that a 6 tagged as version 2 in a version 1 batch
  // is reported as what it is.
  const acc = cesAccumulator(v);
  const problems = valid.flatMap((answer, index): MetricProblem[] => {
    if (typeof answer === 'object' && answer.version !== v) {
      return [
        { path: [index, 'version'], value: answer.version, message: `expected version ${v}` },
      ];
    }
    const score = typeof answer === 'object' ? answer.score : answer;
    return score >= 1 && score <= max
      ? []
      : [{ path: [index], value: score, message: `expected 1 to ${max}` }];
  });
  if (problems.length > 0) {
    const isMixed = problems.some((p) => p.path.length === 2);
    throw new MetricError(
      isMixed ? 'MIXED_VERSIONS' : 'INVALID_RESPONSE',
      `CES ${isMixed ? 'refused to mix versions' : 'rejected a value'}: ${problems
        .slice(0, 5)
        .map(
          (p) =>
            `index ${p.path[0] as number} is ${p.path.length === 2 ? `a version ${show(p.value)} answer` : show(p.value)}`,
        )
        .join(
          '; ',
        )}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}. ${accepted(v)}`,
      problems,
    );
  }
  for (const answer of valid) cesAdd(acc, answer);
  return cesResult(acc);
}
