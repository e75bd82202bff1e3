/**
 * Recorded interactions: the plain-JSON shape `assessInteraction` reads, its zod schema, and the
 * errors a bad record gets.
 *
 * @module
 */
import * as z from 'zod';
import { isServicecraftError, ServicecraftError, type ValidationIssue } from '../core/index.js';

/**
 * One recorded event: a step taken, a quality observed, or the outcome of the latest step, with
 * when (`at`, epoch milliseconds) and optionally who, where and a note.
 *
 * @example
 * ```ts
 * import { recordedEventSchema } from 'servicecraft/frameworks';
 *
 * recordedEventSchema.parse({ kind: 'step', id: 'approach', at: 0, actor: 'sam' });
 * ```
 *
 * @category Frameworks
 */
export const recordedEventSchema: z.ZodType<RecordedEvent> = z.strictObject({
  kind: z.enum(['step', 'quality', 'outcome']),
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  at: z
    .number()
    .check(
      z.int(),
      z.gte(0),
      z.lte(8.64e15, {
        error: '`at` must be a time a Date can represent (at most 8.64e15 ms after 1970).',
      }),
    )
    .optional(),
  actor: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  note: z.string().optional(),
});

/**
 * The schema of a recorded interaction: the framework id it claims to follow and its events,
 * oldest first.
 *
 * @example
 * ```ts
 * import { interactionRecordSchema } from 'servicecraft/frameworks';
 *
 * const record = interactionRecordSchema.parse({
 *   framework: 'ritzThreeSteps',
 *   events: [{ kind: 'step', id: 'greeting', at: 0 }],
 * });
 * ```
 *
 * @category Frameworks
 */
export const interactionRecordSchema: z.ZodType<InteractionRecord> = z.strictObject({
  framework: z.string().min(1),
  id: z.string().min(1).optional(),
  data: z.unknown().optional(),
  events: z.array(recordedEventSchema),
});

/**
 * A recorded event, as validated by {@link recordedEventSchema}.
 *
 * @category Frameworks
 */
export interface RecordedEvent {
  /** A step taken, a quality observed, or the outcome of the latest step. */
  readonly kind: 'step' | 'quality' | 'outcome';
  /** The step, quality or outcome id. */
  readonly id: string;
  /**
   * When, in epoch milliseconds (a non-negative integer); events are listed oldest first. Leave
   * it out on every event of a record that has no clock: turn order is used, durations are absent.
   */
  readonly at?: number | undefined;
  /** Who did it. */
  readonly actor?: string | undefined;
  /** Where it happened. */
  readonly channel?: string | undefined;
  /** A free-text remark. */
  readonly note?: string | undefined;
}

/**
 * A recorded interaction, as validated by {@link interactionRecordSchema}.
 *
 * @category Frameworks
 */
export interface InteractionRecord {
  /** The id of the framework the interaction is meant to follow. */
  readonly framework: string;
  /** An id for the interaction (a call or ticket id), echoed on the scorecard. */
  readonly id?: string | undefined;
  /** The interaction's data, checked against the framework's `data` schema; guards read it. */
  readonly data?: unknown;
  /** The events, oldest first. */
  readonly events: readonly RecordedEvent[];
}

/**
 * Why a record could not be assessed.
 *
 * - `INVALID_RECORD`: the value does not match {@link interactionRecordSchema} (see `issues`).
 * - `WRONG_FRAMEWORK`: the record names another framework.
 * - `UNKNOWN_STEP`, `UNKNOWN_QUALITY`, `UNKNOWN_OUTCOME`: an event names an id the framework does
 *   not have (often a step of another framework).
 * - `TIME_WENT_BACKWARDS`: an event is earlier than the one before it.
 * - `MIXED_CLOCK`: some events have `at` and others do not.
 * - `INVALID_DATA`: `data` does not match the framework's `data` schema (see `issues`).
 * - `WRONG_MACHINE` (plain machines): the log names another machine.
 * - `INVALID_INPUT` (plain machines): the log's `input` is not a valid initial context.
 *
 * @category Frameworks
 */
export type AssessmentErrorCode =
  | 'INVALID_RECORD'
  | 'WRONG_FRAMEWORK'
  | 'UNKNOWN_STEP'
  | 'UNKNOWN_QUALITY'
  | 'UNKNOWN_OUTCOME'
  | 'TIME_WENT_BACKWARDS'
  | 'MIXED_CLOCK'
  | 'INVALID_DATA'
  | 'WRONG_MACHINE'
  | 'INVALID_INPUT';

/**
 * The data of a rejected record.
 *
 * @category Frameworks
 */
export interface AssessmentIssue {
  /** What is wrong, as a closed code. */
  readonly code: AssessmentErrorCode;
  /** A sentence saying what is wrong, where, and what would be accepted. */
  readonly message: string;
  /** The index of the offending event, when one event is to blame. */
  readonly index?: number;
  /** The zod issues, for `INVALID_RECORD` and `INVALID_DATA`. */
  readonly issues?: readonly ValidationIssue[];
}

/**
 * Thrown by {@link assessInteractionOrThrow} with the same data the result form returns.
 *
 * @example
 * ```ts
 * import {
 *   assessInteractionOrThrow,
 *   isAssessmentError,
 *   ritzThreeSteps,
 * } from 'servicecraft/frameworks';
 *
 * try {
 *   assessInteractionOrThrow(ritzThreeSteps, { framework: 'other', events: [] });
 * } catch (error) {
 *   if (isAssessmentError(error)) console.log(error.code); // 'WRONG_FRAMEWORK'
 * }
 * ```
 *
 * @category Frameworks
 */
export class AssessmentError extends ServicecraftError {
  /** The issue's code. */
  readonly code: AssessmentErrorCode;
  /** The full issue. */
  readonly issue: AssessmentIssue;

  /** @param issue - Why the record was rejected. */
  constructor(issue: AssessmentIssue) {
    super('AssessmentError', issue.message);
    this.code = issue.code;
    this.issue = issue;
  }
}

/**
 * Whether a value is an {@link AssessmentError}, also across realms and bundled copies.
 *
 * @example
 * ```ts
 * import { isAssessmentError } from 'servicecraft/frameworks';
 *
 * isAssessmentError(new Error('x')); // false
 * ```
 *
 * @param value - Anything caught.
 * @returns `true` for an assessment error.
 * @category Frameworks
 */
export function isAssessmentError(value: unknown): value is AssessmentError {
  return isServicecraftError(value, 'AssessmentError');
}
