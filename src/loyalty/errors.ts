/**
 * The loyalty layer's errors: definition problems of a ladder or policy, and the reasons a
 * ledger command is refused.
 *
 * @module
 */
import { ServicecraftError } from '../core/index.js';

/**
 * What can be wrong with a tier ladder or a loyalty policy.
 *
 * @category Loyalty
 */
export type LoyaltyDefinitionCode =
  | 'EMPTY_LADDER'
  | 'DUPLICATE_TIER'
  | 'NON_INCREASING_THRESHOLD'
  | 'INVALID_THRESHOLD'
  | 'INVALID_BENEFIT'
  | 'INVALID_LADDER'
  | 'INVALID_POLICY';

/**
 * One problem in a ladder or policy definition, with where it is.
 *
 * @category Loyalty
 */
export interface LoyaltyDefinitionProblem {
  /** What is wrong, as a closed code. */
  readonly code: LoyaltyDefinitionCode;
  /** Where: e.g. `['tiers', 2, 'threshold', 'points']`. */
  readonly path: readonly (string | number)[];
  /** A sentence saying what is wrong and how to fix it. */
  readonly message: string;
}

/**
 * Thrown by {@link defineTierLadder} and {@link defineLoyaltyProgram} when the ladder or policy has
 * problems; lists every one of them.
 *
 * @example
 * ```ts
 * import { defineTierLadder, LoyaltyDefinitionError } from 'servicecraft';
 *
 * try {
 *   defineTierLadder({ id: 'empty', qualifyBy: ['points'], tiers: [] });
 * } catch (error) {
 *   if (error instanceof LoyaltyDefinitionError) console.log(error.problems[0]?.code); // 'EMPTY_LADDER'
 * }
 * ```
 *
 * @category Loyalty
 */
export class LoyaltyDefinitionError extends ServicecraftError {
  /** Every problem found. */
  readonly problems: readonly LoyaltyDefinitionProblem[];

  /**
   * @param subject - What was being defined, e.g. `ladder 'coffee'`.
   * @param problems - Every problem found.
   */
  constructor(subject: string, problems: readonly LoyaltyDefinitionProblem[]) {
    const lines = problems.map((p) => `  - ${p.path.join('.') || '(root)'}: ${p.message}`);
    super(
      'LoyaltyDefinitionError',
      `The ${subject} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
    );
    this.problems = problems;
  }
}

/**
 * Why a loyalty command was refused. The membership machine reports these as the core's
 * `GUARD_REJECTED` issue whose `cause` is a {@link LoyaltyCommandError} carrying this code.
 *
 * - `KEY_REUSED`: the idempotency key was already used for a different command.
 * - `OUT_OF_ORDER`: the command's `at` is earlier than the last recorded command.
 * - `NOT_IN_STATE`: the command cannot run in the membership's current state (e.g. paused).
 * - `DUPLICATE_ORDER`: a purchase reuses an order id that is still held.
 * - `UNKNOWN_ORDER`: a refund names an order that is not held (never seen, or past the refund window).
 * - `REFUND_EXCEEDS_ORDER`: the refunds of an order would add up to more than its amount.
 * - `INSUFFICIENT_POINTS`: a redemption asks for more than the balance and partial redemption is off.
 * - `UNKNOWN_TIER`: a tier grant names a tier the ladder does not have.
 * - `PERIOD_NOT_ENDED`: a period-end command arrives before the current period ends.
 * - `INVALID_COMMAND`: any other inconsistency (e.g. a grant that ends before it starts).
 *
 * @category Loyalty
 */
export type LoyaltyErrorCode =
  | 'KEY_REUSED'
  | 'OUT_OF_ORDER'
  | 'NOT_IN_STATE'
  | 'DUPLICATE_ORDER'
  | 'UNKNOWN_ORDER'
  | 'REFUND_EXCEEDS_ORDER'
  | 'INSUFFICIENT_POINTS'
  | 'UNKNOWN_TIER'
  | 'PERIOD_NOT_ENDED'
  | 'INVALID_COMMAND';

/**
 * A refused loyalty command: a closed code and a sentence a person can act on. Found as the
 * `cause` of a `GUARD_REJECTED` transition issue; read it with {@link loyaltyErrorOf}.
 *
 * @example
 * ```ts
 * import { LoyaltyCommandError } from 'servicecraft';
 *
 * const error = new LoyaltyCommandError('INSUFFICIENT_POINTS', 'The balance is 20 points.');
 * error.code; // 'INSUFFICIENT_POINTS'
 * ```
 *
 * @category Loyalty
 */
export class LoyaltyCommandError extends ServicecraftError {
  /** Why the command was refused. */
  readonly code: LoyaltyErrorCode;

  /**
   * @param code - Why the command was refused.
   * @param message - What happened and what to do instead.
   */
  constructor(code: LoyaltyErrorCode, message: string) {
    super('LoyaltyCommandError', message);
    this.code = code;
  }
}

/**
 * Extracts the loyalty refusal from a transition issue, if the issue is one.
 *
 * @example
 * ```ts
 * import { loyaltyErrorOf } from 'servicecraft';
 *
 * loyaltyErrorOf({ code: 'FINAL_STATE', message: 'closed', state: 'closed', event: 'VISIT' }); // undefined
 * ```
 *
 * @param issue - The `error` of a refused transition (any object with an optional `cause`).
 * @returns The {@link LoyaltyCommandError}, or `undefined` when the refusal came from elsewhere
 *   (an invalid payload, an event not allowed, ...).
 * @category Loyalty
 */
export function loyaltyErrorOf(issue: object): LoyaltyCommandError | undefined {
  const cause = (issue as { cause?: unknown }).cause;
  return cause instanceof LoyaltyCommandError ? cause : undefined;
}
