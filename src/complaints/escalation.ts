/**
 * Escalation vocabulary: the ladder of levels, the triggers that justify a move up, the context
 * package handed over, and empowerment limits.
 *
 * @module
 */
import * as z from 'zod';
import { deepFreeze } from './internal.js';
import type { CurrencyCode } from './money.js';

/**
 * The default escalation ladder, lowest level first: a bot, a front-line agent, a supervisor, a
 * manager, and an external body (an ombudsman or regulator).
 *
 * @example
 * ```ts
 * import { defaultEscalationLadder } from 'servicecraft/complaints';
 *
 * defaultEscalationLadder[0]; // 'bot'
 * ```
 *
 * @category Complaints
 */
export const defaultEscalationLadder: readonly [
  'bot',
  'agent',
  'supervisor',
  'manager',
  'external',
] = deepFreeze(['bot', 'agent', 'supervisor', 'manager', 'external'] as const);

/**
 * A level of {@link defaultEscalationLadder}.
 *
 * @category Complaints
 */
export type DefaultEscalationLevel = (typeof defaultEscalationLadder)[number];

/**
 * Why an escalation happens. Only these are accepted, each checked against the case:
 *
 * - `askedForHuman`: the customer asked for a person (or for someone more senior);
 * - `failedAttempts`: the current owner failed at least `failedAttemptLimit` times;
 * - `lowConfidence`: the owner (typically a bot) is less confident than `confidenceThreshold`;
 * - `restrictedTopic`: the topic is one the current level may not handle;
 * - `dissatisfiedAfterResolution`: the customer rejected a communicated decision.
 *
 * @category Complaints
 */
export type EscalationTrigger =
  | {
      /** The customer asked for a person. */
      readonly kind: 'askedForHuman';
    }
  | {
      /** The owner failed too often. */
      readonly kind: 'failedAttempts';
    }
  | {
      /** The owner is not confident enough. */
      readonly kind: 'lowConfidence';
      /** The reported confidence, from 0 to 1. */
      readonly confidence: number;
    }
  | {
      /** The topic is off limits for the current level. */
      readonly kind: 'restrictedTopic';
      /** The topic, e.g. `'legal'`. */
      readonly topic: string;
    }
  | {
      /** The customer rejected a communicated decision. */
      readonly kind: 'dissatisfiedAfterResolution';
    };

/**
 * The zod schema of an {@link EscalationTrigger}.
 *
 * @example
 * ```ts
 * import { escalationTriggerSchema } from 'servicecraft/complaints';
 *
 * escalationTriggerSchema.safeParse({ kind: 'lowConfidence', confidence: 0.3 }).success; // true
 * escalationTriggerSchema.safeParse({ kind: 'bored' }).success; // false
 * ```
 *
 * @category Complaints
 */
export const escalationTriggerSchema: z.ZodType<EscalationTrigger> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('askedForHuman') }),
  z.strictObject({ kind: z.literal('failedAttempts') }),
  z.strictObject({
    kind: z.literal('lowConfidence'),
    confidence: z.number().check(z.gte(0), z.lte(1)),
  }),
  z.strictObject({
    kind: z.literal('restrictedTopic'),
    topic: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  }),
  z.strictObject({ kind: z.literal('dissatisfiedAfterResolution') }),
]);

/**
 * The zod schema of an escalation reason code: a short token such as `REFUND_OVER_LIMIT`
 * (letters, digits, `_`, `.` or `-`, starting with a letter, at most 64 characters).
 *
 * @example
 * ```ts
 * import { reasonCodeSchema } from 'servicecraft/complaints';
 *
 * reasonCodeSchema.safeParse('BOT_OUT_OF_DEPTH').success; // true
 * reasonCodeSchema.safeParse('').success; // false
 * ```
 *
 * @category Complaints
 */
export const reasonCodeSchema: z.ZodType<string> = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, {
    error:
      'A reason code is a short token such as REFUND_OVER_LIMIT: a letter, then letters, digits, _, . or - (at most 64).',
  });

/**
 * The context package handed to the next owner, so the customer never has to start over.
 *
 * @category Complaints
 */
export interface Handoff {
  /** What the complaint is about and where it stands, in a few sentences. */
  readonly summary: string;
  /** What was already tried, in order (at most 20 entries). */
  readonly stepsAttempted: readonly string[];
}

/**
 * The zod schema of a {@link Handoff}.
 *
 * @example
 * ```ts
 * import { handoffSchema } from 'servicecraft/complaints';
 *
 * handoffSchema.safeParse({ summary: 'Late parcel, refund wanted', stepsAttempted: ['tracked parcel'] }).success; // true
 * ```
 *
 * @category Complaints
 */
export const handoffSchema: z.ZodType<Handoff> = z.strictObject({
  summary: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'The handoff needs a summary for the next owner.' }),
      z.maxLength(2000),
    ),
  stepsAttempted: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))).max(20),
});

/**
 * How much each level may grant on its own, in minor units of one currency. A level without an
 * entry may grant nothing without approval.
 *
 * @category Complaints
 */
export interface EmpowermentLimits<L extends string = string> {
  /** The currency the limits (and every monetary remedy of the case) are in. */
  readonly currency: CurrencyCode;
  /** The largest remedy each level may grant alone, in minor units. */
  readonly amounts: Readonly<Partial<Record<L, number>>>;
}

/**
 * Default empowerment limits in EUR: a bot grants nothing, an agent up to 50.00, a supervisor up
 * to 250.00, a manager up to 2,000.00 (the per-incident spending limit idea is Ritz-Carlton's).
 *
 * @example
 * ```ts
 * import { defaultEmpowermentLimits } from 'servicecraft/complaints';
 *
 * defaultEmpowermentLimits.amounts.agent; // 5000 (EUR 50.00)
 * ```
 *
 * @category Complaints
 */
export const defaultEmpowermentLimits: EmpowermentLimits<DefaultEscalationLevel> = deepFreeze({
  currency: 'EUR',
  amounts: { bot: 0, agent: 5_000, supervisor: 25_000, manager: 200_000 },
});
