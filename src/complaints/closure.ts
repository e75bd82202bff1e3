/**
 * How a complaint ends: the closure reasons a decision can carry.
 *
 * @module
 */
import * as z from 'zod';
import { type Money, moneySchema } from './money.js';

/**
 * Why a complaint is closed. The first three are decisions the customer accepts; the last three
 * close as soon as they are communicated.
 *
 * - `explained`: resolved with an explanation, no remedy;
 * - `monetaryRemedy`: a refund, credit or compensation of `amount`;
 * - `nonMonetaryRemedy`: a replacement, repair, apology in writing, ...;
 * - `withdrawn`: the customer withdrew the complaint;
 * - `duplicate`: the same complaint is already handled under another reference;
 * - `referred`: sent to another organisation or body that is responsible.
 *
 * @category Complaints
 */
export type ClosureReason =
  | {
      /** Resolved with an explanation. */
      readonly kind: 'explained';
      /** What the customer is told. */
      readonly explanation: string;
    }
  | {
      /** A refund, credit or compensation. */
      readonly kind: 'monetaryRemedy';
      /** How much, in minor units. */
      readonly amount: Money;
      /** What the customer is told. */
      readonly explanation?: string | undefined;
    }
  | {
      /** A replacement, repair or other non-monetary remedy. */
      readonly kind: 'nonMonetaryRemedy';
      /** What is done. */
      readonly remedy: string;
    }
  | {
      /** The customer withdrew the complaint. */
      readonly kind: 'withdrawn';
      /** Optional detail. */
      readonly note?: string | undefined;
    }
  | {
      /** Already handled under another reference. */
      readonly kind: 'duplicate';
      /** The other complaint's reference. */
      readonly of: string;
    }
  | {
      /** Sent to the responsible organisation or body. */
      readonly kind: 'referred';
      /** Who it was referred to. */
      readonly to: string;
    };

/**
 * The kind of a {@link ClosureReason}.
 *
 * @category Complaints
 */
export type ClosureKind = ClosureReason['kind'];

const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));

/**
 * The zod schema of a {@link ClosureReason}.
 *
 * @example
 * ```ts
 * import { closureReasonSchema } from 'servicecraft/complaints';
 *
 * closureReasonSchema.safeParse({ kind: 'monetaryRemedy', amount: { amount: 1999, currency: 'GBP' } }).success; // true
 * closureReasonSchema.safeParse({ kind: 'monetaryRemedy', amount: { amount: -1, currency: 'GBP' } }).success; // false
 * ```
 *
 * @category Complaints
 */
export const closureReasonSchema: z.ZodType<ClosureReason> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('explained'), explanation: text }),
  z.strictObject({
    kind: z.literal('monetaryRemedy'),
    amount: moneySchema,
    explanation: text.optional(),
  }),
  z.strictObject({ kind: z.literal('nonMonetaryRemedy'), remedy: text }),
  z.strictObject({ kind: z.literal('withdrawn'), note: text.optional() }),
  z.strictObject({
    kind: z.literal('duplicate'),
    of: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  }),
  z.strictObject({
    kind: z.literal('referred'),
    to: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  }),
]) as z.ZodType<ClosureReason>;

/**
 * Whether a closure needs the customer's acceptance before the complaint closes (`explained` and
 * the remedies do; `withdrawn`, `duplicate` and `referred` close once communicated).
 *
 * @example
 * ```ts
 * import { needsAcceptance } from 'servicecraft/complaints';
 *
 * needsAcceptance({ kind: 'duplicate', of: 'C-41' }); // false
 * ```
 *
 * @param closure - The decided closure.
 * @returns `true` when the customer must accept it.
 * @category Complaints
 */
export function needsAcceptance(closure: ClosureReason): boolean {
  return (
    closure.kind === 'explained' ||
    closure.kind === 'monetaryRemedy' ||
    closure.kind === 'nonMonetaryRemedy'
  );
}
