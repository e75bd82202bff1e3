/**
 * The errors of the metrics: one class with a closed union of codes, each carrying the offending
 * values and where they were found.
 *
 * @module
 */
import type * as z from 'zod';
import { isServicecraftError, ServicecraftError } from '../core/index.js';

/**
 * Why a metric refused its input. The union is closed: a `switch` over it can be exhaustive.
 *
 * - `INVALID_RESPONSE`: an answer or record is outside what the metric accepts (11 on NPS, 8.5,
 *   `NaN`, a string, a negative duration, ...).
 * - `INVALID_OPTIONS`: a scale, method, window, ratio or other setting is malformed.
 * - `MIXED_VERSIONS`: CES answers of version 1 and version 2 were combined.
 * - `INVALID_ACCUMULATOR`: a stored accumulator state is malformed (tampered, truncated, foreign).
 * - `INCOMPATIBLE_ACCUMULATORS`: two accumulators measure different things and cannot be merged.
 * - `OUT_OF_ORDER`: a contact arrived earlier than the last one seen for the same customer.
 * - `UNKNOWN_TRANSITION`: a moment of truth names a transition the machine does not have.
 *
 * @category Metrics
 */
export type MetricErrorCode =
  | 'INVALID_RESPONSE'
  | 'INVALID_OPTIONS'
  | 'MIXED_VERSIONS'
  | 'INVALID_ACCUMULATOR'
  | 'INCOMPATIBLE_ACCUMULATORS'
  | 'OUT_OF_ORDER'
  | 'UNKNOWN_TRANSITION';

/**
 * One rejected value: where it was, what it was, and why.
 *
 * @category Metrics
 */
export interface MetricProblem {
  /** Where in the input: `[3]` for the fourth response, `[3, 'holdMs']` for a field of it. */
  readonly path: readonly PropertyKey[];
  /** The value found there (`undefined` when it was missing). */
  readonly value: unknown;
  /** What is wrong with it. */
  readonly message: string;
}

/**
 * Thrown by every metric for input it refuses. The message names each bad value and its position
 * and says what is accepted instead; `problems` carries the same data for programs.
 *
 * @example
 * ```ts
 * import { isMetricError, nps } from 'servicecraft/metrics';
 *
 * try {
 *   nps([10, 11]);
 * } catch (error) {
 *   if (isMetricError(error)) console.log(error.code, error.problems[0]?.path); // 'INVALID_RESPONSE' [1]
 * }
 * ```
 *
 * @category Metrics
 */
export class MetricError extends ServicecraftError {
  /** What went wrong, as a closed code. */
  readonly code: MetricErrorCode;
  /** Each rejected value with its position (empty for problems that concern no single value). */
  readonly problems: readonly MetricProblem[];

  /**
   * @param code - The closed code.
   * @param message - A sentence a person can act on.
   * @param problems - The rejected values.
   */
  constructor(code: MetricErrorCode, message: string, problems: readonly MetricProblem[] = []) {
    super('MetricError', message);
    this.code = code;
    this.problems = problems;
  }
}

/**
 * Whether a value is a {@link MetricError}, also across realms and library copies.
 *
 * @example
 * ```ts
 * import { isMetricError } from 'servicecraft/metrics';
 *
 * isMetricError(new Error('x')); // false
 * ```
 *
 * @param value - Anything caught.
 * @returns `true` for a metric error.
 * @category Metrics
 */
export function isMetricError(value: unknown): value is MetricError {
  return isServicecraftError(value, 'MetricError');
}

/** @internal Renders a value for a message: `11`, `8.5`, `NaN`, `the string "9"`, `null`. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `an ${typeof value}`;
}

/** @internal Renders a path: `index 3`, `index 3, field holdMs`, `field window`. */
export function where(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the input';
  return path
    .map((key) => (typeof key === 'number' ? `index ${key}` : `field ${String(key)}`))
    .join(', ');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const shown = 5;

/**
 * @internal Parses `input` with a zod schema; on failure throws a {@link MetricError} whose message
 * lists the first few bad values with their positions, then says what is accepted.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: MetricErrorCode,
  subject: string,
  accepted: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems: MetricProblem[] = parsed.error.issues.map((issue) => ({
    path: issue.path,
    value: valueAt(input, issue.path),
    message: issue.message,
  }));
  throw new MetricError(code, describeProblems(subject, problems, accepted), problems);
}

/** @internal The shared sentence for a list of problems. */
export function describeProblems(
  subject: string,
  problems: readonly MetricProblem[],
  accepted: string,
): string {
  const listed = problems
    .slice(0, shown)
    .map(
      (p) => `${where(p.path)} is ${show(p.value)} (${p.message.replace(/^Invalid input: /, '')})`,
    );
  const more = problems.length > shown ? `; and ${problems.length - shown} more` : '';
  const count = problems.length === 1 ? 'a value' : `${problems.length} values`;
  return `${subject} rejected ${count}: ${listed.join('; ')}${more}. ${accepted}`;
}
