/**
 * The check behind `toConformTo`: a recorded interaction scored against a service framework with
 * `assessInteraction`, passing when the score reaches a minimum. The only part of the testing
 * entry that reads the frameworks layer.
 *
 * @module
 */

import { UsageError } from '../core/index.js';
import { type AnyFramework, assessInteraction } from '../frameworks/index.js';
import type { CheckResult } from './checks.js';
import { checkOptions, conformOptions } from './options.js';

/**
 * Options for {@link checkConformance} and `toConformTo`.
 *
 * @category Testing
 */
export interface ConformOptions {
  /** The lowest passing adherence score, 0–100 (default 100: full conformance). */
  readonly minScore?: number;
}

/** Whether a value is a framework (a preset or one from `defineFramework`), by its shape. */
const isFramework = (value: unknown): value is AnyFramework =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { steps?: unknown }).steps) &&
  typeof (value as { machine?: unknown }).machine === 'object' &&
  typeof (value as { id?: unknown }).id === 'string';

const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '));

/**
 * Scores a recorded interaction against a framework and passes when the adherence score is at
 * least `minScore`. The message lists the sequence and every deviation the scorecard found.
 *
 * @example
 * ```ts
 * import { ritzThreeSteps } from 'servicecraft/frameworks';
 * import { checkConformance } from 'servicecraft/testing';
 *
 * const record = {
 *   framework: 'ritzThreeSteps',
 *   events: [
 *     { kind: 'step', id: 'greeting', at: 0 },
 *     { kind: 'step', id: 'farewell', at: 60_000 },
 *   ],
 * };
 * checkConformance(ritzThreeSteps, record, { minScore: 90 }).pass; // false: 'anticipation' is missing
 * ```
 *
 * @param framework - A framework preset or one from `defineFramework`.
 * @param record - The recorded interaction (plain JSON).
 * @param options - The minimum score.
 * @returns The outcome and its explanation.
 * @throws `UsageError` when `framework` is not a framework (for instance when the two arguments
 *   are swapped; the matcher reads `expect(record).toConformTo(framework)`, this function
 *   `checkConformance(framework, record)`).
 * @category Testing
 */
export function checkConformance(
  framework: AnyFramework,
  record: unknown,
  options: ConformOptions = {},
): CheckResult {
  if (!isFramework(framework)) {
    const swapped = isFramework(record);
    throw new UsageError(
      swapped
        ? 'checkConformance takes the framework first and the record second: checkConformance(framework, record); the arguments are swapped.'
        : 'checkConformance expects a framework (a preset such as ritzThreeSteps, or one from defineFramework) as its first argument.',
      [
        {
          path: ['framework'],
          message: swapped ? 'a record where the framework belongs' : 'not a framework',
        },
      ],
    );
  }
  checkOptions('toConformTo', conformOptions, options);
  const minScore = options.minScore ?? 100;
  const result = assessInteraction(framework, record);
  const subject = `the interaction to conform to '${framework.name}' with a score of at least ${minScore}`;
  if (!result.ok) {
    return {
      pass: false,
      message: `Expected ${subject}, but the record was refused with ${result.error.code}: ${result.error.message}`,
    };
  }
  const card = result.scorecard;
  const details = [
    `Steps taken: ${card.sequence.length === 0 ? 'none' : card.sequence.join(' -> ')}`,
    `Missing mandatory steps: ${list(card.missingMandatory)}`,
    `Out of order: ${list(card.outOfOrder.map((d) => `#${d.index + 1} ${d.step} after ${d.after ?? 'the start'} (allowed: ${list(d.allowed.map(String))})`))}`,
    `Skipped: ${list(card.skipped.map((s) => `${s.step} between ${s.from ?? 'the start'} and ${s.to}`))}`,
    `Repeated too often: ${list(card.overRepeated.map((r) => `${r.step} ${r.count}x (at most ${r.maxTimes})`))}`,
    `Qualities missing: ${list(card.qualities.missing)}`,
  ].map((line) => `  ${line}`);
  if (card.score >= minScore) {
    return {
      pass: true,
      message: [
        `Expected the interaction not to reach ${minScore} against '${framework.name}', but it scored ${card.score}.`,
        ...details,
      ].join('\n'),
    };
  }
  return {
    pass: false,
    message: [`Expected ${subject}, but it scored ${card.score}.`, ...details].join('\n'),
  };
}
