/**
 * The loyalty layer's errors: definition problems of a ladder or policy, and the reasons a
 * ledger command is refused.
 *
 * @module
 */
import { type Refusal, ServicecraftError } from '../core/index.js';

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
 * import { defineTierLadder, LoyaltyDefinitionError } from 'servicecraft/loyalty';
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
 * Why a loyalty command was refused: the `reason.code` of a `REFUSED` transition issue. The
 * membership machine declares each code with a describing sentence (see
 * `program.machine.definition.refusals`).
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
 * - `OUT_OF_RANGE`: a time (`at`, `until`, or one the command would schedule) lies outside the
 *   range a `Date` can represent, ±8.64e15 ms around 1970.
 * - `LIMIT_EXCEEDED`: the command would leave a count (a balance, a lot, a total, ...) above
 *   `Number.MAX_SAFE_INTEGER`, where integers stop being exact.
 * - `UNKNOWN_LOT`: `EXPIRE_LOT` or `UNLOCK_LOT` names a lot that is not live.
 * - `LOT_NOT_PENDING`: `UNLOCK_LOT` names a lot that is already spendable.
 * - `KEY_EXPIRED`: the key is remembered but its retention window has passed; the command may be
 *   a late retry and is not applied.
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
  | 'INVALID_COMMAND'
  | 'OUT_OF_RANGE'
  | 'LIMIT_EXCEEDED'
  | 'UNKNOWN_LOT'
  | 'LOT_NOT_PENDING'
  | 'KEY_EXPIRED';

/** @internal Every loyalty refusal code with the sentence the membership machine declares for it. */
export const loyaltyRefusals: { readonly [K in LoyaltyErrorCode]: string } = Object.freeze({
  KEY_REUSED:
    'The idempotency key was already used for a command with a different payload; a retry must repeat the payload, a new command needs a new key.',
  OUT_OF_ORDER:
    'The command is dated before the last recorded command; commands arrive in time order.',
  NOT_IN_STATE:
    'The command has no effect or is not accepted in the membership state (already enrolled, already paused, or paused and not a retry).',
  DUPLICATE_ORDER: 'A purchase names an order id that has already earned points and is still held.',
  UNKNOWN_ORDER:
    'A refund names an order that is not held: never purchased, or older than the refund window.',
  REFUND_EXCEEDS_ORDER: 'The refunds of an order would add up to more than the amount paid.',
  INSUFFICIENT_POINTS:
    'A redemption, transfer or negative adjustment asks for more points than the spendable balance (and partial redemption or a negative balance was not allowed).',
  UNKNOWN_TIER: 'A tier grant names a tier that is not on the ladder.',
  PERIOD_NOT_ENDED: 'PERIOD_END was sent before the current review period ends.',
  INVALID_COMMAND:
    'The command is inconsistent in itself, e.g. a tier grant that ends before it starts.',
  OUT_OF_RANGE:
    'A time the command carries or would schedule lies outside the range a Date can represent (±8.64e15 ms around 1970).',
  LIMIT_EXCEEDED:
    'The command would leave a balance, lot, total or counter above Number.MAX_SAFE_INTEGER, where integers are no longer exact.',
  UNKNOWN_LOT:
    'EXPIRE_LOT or UNLOCK_LOT names a lot that is not live (never created, spent, expired or canceled).',
  LOT_NOT_PENDING: 'UNLOCK_LOT names a lot whose points are already spendable.',
  KEY_EXPIRED:
    'The idempotency key is remembered, but its retention window has passed; the command may be a late retry, so it was not applied. Send a new key for a new command.',
});

/**
 * A loyalty refusal as the core reports it: `{ code, message, details? }`, the `reason` of a
 * `REFUSED` transition issue.
 *
 * @category Loyalty
 */
export type LoyaltyRefusal = Refusal<LoyaltyErrorCode>;

/**
 * Reads the loyalty refusal of a transition issue: its `reason` when the issue is `REFUSED` with a
 * loyalty code, else `undefined`. It reads plain fields only, so it works on issues from any copy
 * of the library (ESM or CJS) and on issues that went through JSON. With a membership machine's
 * own results, `result.error.reason?.code` narrows just as well; this helper is for issues whose
 * type was lost (logs, queues, `unknown`).
 *
 * @example
 * ```ts
 * import { loyaltyErrorOf } from 'servicecraft/loyalty';
 *
 * loyaltyErrorOf({ code: 'FINAL_STATE', message: 'closed', state: 'closed', event: 'VISIT' }); // undefined
 * loyaltyErrorOf({
 *   code: 'REFUSED',
 *   reason: { code: 'INSUFFICIENT_POINTS', message: 'The balance is 8.', details: { balance: 8 } },
 * })?.code; // 'INSUFFICIENT_POINTS'
 * ```
 *
 * @param issue - The `error` of a failed transition, or any value.
 * @returns The issue's `reason` (`{ code, message, details? }`), or `undefined` when the issue is not a
 *   loyalty refusal (an invalid payload, an event not allowed, another machine's code, ...).
 * @category Loyalty
 */
export function loyaltyErrorOf(issue: unknown): LoyaltyRefusal | undefined {
  if (typeof issue !== 'object' || issue === null) return undefined;
  const { code, reason } = issue as { code?: unknown; reason?: unknown };
  if (code !== 'REFUSED' || typeof reason !== 'object' || reason === null) return undefined;
  const r = reason as { code?: unknown; message?: unknown };
  if (typeof r.code !== 'string' || !Object.hasOwn(loyaltyRefusals, r.code)) return undefined;
  return typeof r.message === 'string' ? (reason as LoyaltyRefusal) : undefined;
}
