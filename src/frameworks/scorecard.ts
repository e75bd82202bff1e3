/**
 * The scorecard: what {@link assessInteraction} reports about a recorded interaction, and the
 * adherence score formula.
 *
 * @module
 */
import type { OutcomeTarget } from './types.js';

/**
 * What happened to one step of the framework in the record.
 *
 * @category Frameworks
 */
export interface StepReport<S extends string = string> {
  /** The step id. */
  readonly step: S;
  /** Whether the framework requires it. */
  readonly mandatory: boolean;
  /** How many times it happened. */
  readonly count: number;
  /** How many times it may happen. */
  readonly maxTimes: number;
  /** When it first happened (its turn index in a record without clock), or `null`. */
  readonly firstAt: number | null;
  /**
   * Time spent in it, summed over visits: from each visit's `at` to the next step's `at` (or the
   * last event's); `null` for a record without clock.
   */
  readonly durationMs: number | null;
}

/**
 * A recorded action the framework does not know (not a step, not an alias). It counts against
 * order and does not move the interaction.
 *
 * @category Frameworks
 */
export interface OffScriptAction {
  /** The index of the event in the record. */
  readonly index: number;
  /** The action name as recorded. */
  readonly action: string;
}

/**
 * A step or outcome a guard of the framework refused (`CONDITION_NOT_MET`) for the record's
 * data, or a move the framework's caps refused. It counts against order.
 *
 * @category Frameworks
 */
export interface RefusedMove {
  /** The index of the event in the record. */
  readonly index: number;
  /** The step or outcome recorded. */
  readonly id: string;
  /** The refusal code. */
  readonly code: string;
  /** The guard's sentence. */
  readonly message: string;
}

/**
 * A step taken where the framework does not allow it (and not explained by skipped steps).
 *
 * @category Frameworks
 */
export interface OrderDeviation<S extends string = string> {
  /** The index of the step event in the record. */
  readonly index: number;
  /** The step that was taken. */
  readonly step: S;
  /** The step before it (`null` at the start). */
  readonly after: S | null;
  /** What the framework allowed at that point (`'end'`: finishing). */
  readonly allowed: readonly OutcomeTarget<S>[];
}

/**
 * A step that was jumped over: the record went from `from` to `to` without it.
 *
 * @category Frameworks
 */
export interface SkippedStep<S extends string = string> {
  /** The index of the step event that jumped. */
  readonly index: number;
  /** The step that was skipped. */
  readonly step: S;
  /** The step before the jump (`null` at the start). */
  readonly from: S | null;
  /** The step the record jumped to. */
  readonly to: S;
}

/**
 * A step done more times than its `maxTimes`.
 *
 * @category Frameworks
 */
export interface RepeatOverrun<S extends string = string> {
  /** The index of the step event that went over the limit. */
  readonly index: number;
  /** The step. */
  readonly step: S;
  /** How many times it had happened, this one included. */
  readonly count: number;
  /** Its limit. */
  readonly maxTimes: number;
}

/**
 * An outcome recorded for a step.
 *
 * @category Frameworks
 */
export interface RecordedOutcome<S extends string = string, O extends string = string> {
  /** The index of the outcome event. */
  readonly index: number;
  /** The step it belongs to (or the step it followed, for a misplaced one; `null` at the start). */
  readonly step: S | null;
  /** The outcome. */
  readonly outcome: O;
  /** When it was recorded (its turn index without clock). */
  readonly at: number;
}

/**
 * A moment of truth of the framework and whether the record reached it.
 *
 * @category Frameworks
 */
export interface MomentOfTruthReport<S extends string = string, O extends string = string> {
  /** The step that is a moment of truth. */
  readonly step: S;
  /** Whether it happened at least once. */
  readonly hit: boolean;
  /** How many times it happened. */
  readonly count: number;
  /** When it first happened, or `null`. */
  readonly at: number | null;
  /** The latest outcome recorded for it, or `null` when none (or it has no outcomes). */
  readonly outcome: O | null;
}

/**
 * One weighted part of the score: `weight × earned / possible` points.
 *
 * @category Frameworks
 */
export interface ScoreComponent {
  /** The most points this part can give. */
  readonly weight: number;
  /** What the record earned. */
  readonly earned: number;
  /** What it could have earned (never 0). */
  readonly possible: number;
}

/**
 * The four parts of the adherence score. See {@link adherenceScore} for the formula.
 *
 * @category Frameworks
 */
export interface ScoreBreakdown {
  /** Required steps present / required steps of the branches taken (1/1 when none). Weight 50. */
  readonly mandatory: ScoreComponent;
  /**
   * Step events taken where allowed / step, off-script and refused events (0/1 when none); a
   * repeat over the cap counts under `repeats` only, so no event costs twice. Weight 20.
   */
  readonly order: ScoreComponent;
  /** Mandatory qualities seen / mandatory qualities (1/1 when the framework has none). Weight 20. */
  readonly qualities: ScoreComponent;
  /** Step events within their step's limit / step events (0/1 when there are none). Weight 10. */
  readonly repeats: ScoreComponent;
}

/**
 * Which qualities a record showed.
 *
 * @category Frameworks
 */
export interface QualityReport<Q extends string = string> {
  /** Every quality observed at least once, in framework order. */
  readonly seen: readonly Q[];
  /** Mandatory qualities never observed, in framework order. */
  readonly missing: readonly Q[];
}

/**
 * The result of checking a recorded interaction against a framework.
 *
 * @category Frameworks
 */
export interface Scorecard<
  S extends string = string,
  Q extends string = string,
  O extends string = string,
> {
  /** The framework id. */
  readonly framework: string;
  /** The record's id, when it had one. */
  readonly record: string | null;
  /** Adherence, an integer from 0 to 100 (see {@link adherenceScore}). */
  readonly score: number;
  /** The parts of the score. */
  readonly breakdown: ScoreBreakdown;
  /** The steps in the order they were done. */
  readonly sequence: readonly S[];
  /** One report per framework step, in framework order. */
  readonly steps: readonly StepReport<S>[];
  /** Required steps (mandatory, or required by a branch taken) that never happened, in framework order. */
  readonly missingMandatory: readonly S[];
  /** Steps taken where the framework did not allow them. */
  readonly outOfOrder: readonly OrderDeviation<S>[];
  /** Steps jumped over, with where the jump happened. */
  readonly skipped: readonly SkippedStep<S>[];
  /** Steps done more often than allowed. */
  readonly overRepeated: readonly RepeatOverrun<S>[];
  /** Outcomes recorded for the step they belong to. */
  readonly outcomes: readonly RecordedOutcome<S, O>[];
  /** Outcomes recorded where the current step does not have them (or already had one). */
  readonly misplacedOutcomes: readonly RecordedOutcome<S, O>[];
  /** Recorded actions the framework does not know, in record order. */
  readonly offScript: readonly OffScriptAction[];
  /** Steps and outcomes a data guard refused, in record order. */
  readonly refused: readonly RefusedMove[];
  /** The steps required for the branches the record took (mandatory steps included). */
  readonly required: readonly S[];
  /** Whether the record had a clock (`at` on its events); without one, times are turn indexes. */
  readonly timed: boolean;
  /** Qualities seen (any) and mandatory qualities missing, in framework order. */
  readonly qualities: QualityReport<Q>;
  /** Every moment of truth of the framework, hit or not. */
  readonly momentsOfTruth: readonly MomentOfTruthReport<S, O>[];
  /** The `at` of the first event, or `null` for an empty record. */
  readonly startedAt: number | null;
  /** The `at` of the last event, or `null` for an empty record. */
  readonly endedAt: number | null;
  /** `endedAt − startedAt` (0 for an empty record, `null` without clock). */
  readonly durationMs: number | null;
  /**
   * Whether the interaction could end successfully where the record stops. Always `false` while
   * a step with outcomes was left, by a deviation, before any outcome was recorded for it: the
   * record stands past a decision that never happened.
   */
  readonly canEnd: boolean;
}

/**
 * The adherence score of a breakdown: `⌊50·M + 20·O + 20·Q + 10·R⌋`, where each letter is a
 * component's `earned / possible` (M mandatory steps, O order, Q qualities, R repeats). Computed
 * with exact integer arithmetic, so a flawless record scores exactly 100, any flaw scores below
 * 100, and an empty record scores 0 against a framework with mandatory steps and qualities.
 *
 * @example
 * ```ts
 * import { adherenceScore } from 'servicecraft/frameworks';
 *
 * adherenceScore({
 *   mandatory: { weight: 50, earned: 4, possible: 5 },
 *   order: { weight: 20, earned: 5, possible: 6 },
 *   qualities: { weight: 20, earned: 1, possible: 2 },
 *   repeats: { weight: 10, earned: 6, possible: 6 },
 * }); // 40 + 16 (16.67) + 10 + 10 = 76
 * ```
 *
 * @param breakdown - The four components.
 * @returns An integer from 0 to 100.
 * @category Frameworks
 */
export function adherenceScore(breakdown: ScoreBreakdown): number {
  const parts = [breakdown.mandatory, breakdown.order, breakdown.qualities, breakdown.repeats];
  let denominator = 1n;
  for (const p of parts) denominator *= BigInt(p.possible);
  let numerator = 0n;
  for (const p of parts) {
    numerator += (BigInt(p.weight) * BigInt(p.earned) * denominator) / BigInt(p.possible);
  }
  return Number(numerator / denominator);
}
