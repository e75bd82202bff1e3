/**
 * The zod schemas of the complaint case, built for one ladder so that levels are checked.
 *
 * @module
 */
import * as z from 'zod';
import { actorIdSchema } from './actor.js';
import { closureReasonSchema } from './closure.js';
import { escalationTriggerSchema, handoffSchema, reasonCodeSchema } from './escalation.js';
import { deepFreeze, shown } from './internal.js';
import { moneySchema } from './money.js';
import { slaTrackerSchema } from './sla.js';

/**
 * Every channel a complaint can arrive through.
 *
 * @example
 * ```ts
 * import { complaintChannels } from 'servicecraft/complaints';
 *
 * complaintChannels.includes('email'); // true
 * ```
 *
 * @category Complaints
 */
export const complaintChannels: readonly [
  'phone',
  'email',
  'chat',
  'web',
  'letter',
  'inPerson',
  'social',
] = deepFreeze(['phone', 'email', 'chat', 'web', 'letter', 'inPerson', 'social'] as const);

const ratings = ['low', 'medium', 'high', 'critical'] as const;
const instant = z
  .number({ error: '`at` must be epoch milliseconds (an integer).' })
  .check(
    z.int({ error: '`at` must be whole epoch milliseconds.' }),
    z.gte(0),
    z.lte(8.64e15, { error: '`at` is beyond the range of dates.' }),
  );
const who = actorIdSchema;
const note = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));
const stamp = { at: instant, by: who };
const nullableInstant = instant.nullable();

/** @internal The schemas of one complaint case, for a given ladder. */
export function caseSchemas(ladder: readonly [string, ...string[]]) {
  // The message names the value received by kind and a clipped text only: the input may be
  // anything a client sent (thousands of nested arrays, a megabyte of text).
  const level = z.enum(ladder as [string, ...string[]], {
    error: (issue) => `Unknown level ${shown(issue.input)}; the ladder is ${ladder.join(' → ')}.`,
  });
  const owner = z.strictObject({ id: who, level });
  const assessment = {
    severity: z.enum(ratings),
    complexity: z.enum(ratings),
    impact: z.enum(ratings),
    urgency: z.enum(ratings),
    safety: z.enum(ratings, {
      error:
        "safety must be 'low', 'medium', 'high' or 'critical': the risk to anyone's health or safety",
    }),
  };
  const context = z.object({
    id: z.string().nullable().default(null),
    channel: z.enum(complaintChannels).nullable().default(null),
    summary: z.string().nullable().default(null),
    remedySought: z.string().nullable().default(null),
    owner: owner.nullable().default(null),
    assessment: z.object(assessment).nullable().default(null),
    track: z.enum(['standard', 'urgent', 'outset']).nullable().default(null),
    priority: z.enum(ratings).nullable().default(null),
    stage: z.number().check(z.int(), z.gte(1), z.lte(4)).default(1),
    independentHandler: z.boolean().default(false),
    bots: z.array(who).max(10).default([]),
    earlierStages: z
      .array(
        z.object({
          stage: z.number().check(z.int(), z.gte(1), z.lte(4)),
          handler: who,
          decidedBy: who.nullable(),
          receivedAt: instant,
          acknowledgedAt: nullableInstant,
          communicatedAt: nullableInstant,
          respondBy: instant,
          extended: z.boolean(),
        }),
      )
      .max(3)
      .default([]),
    extension: z
      .object({
        ...stamp,
        reason: note,
        workingDays: z.number().check(z.int(), z.gte(1), z.lte(365)),
        previousRespondBy: instant,
      })
      .nullable()
      .default(null),
    failedAttempts: z.number().check(z.int(), z.gte(0)).default(0),
    escalations: z.number().check(z.int(), z.gte(0)).default(0),
    lastEscalation: z
      .object({
        ...stamp,
        from: owner,
        to: owner,
        trigger: escalationTriggerSchema,
        reason: reasonCodeSchema,
        handoff: handoffSchema,
      })
      .nullable()
      .default(null),
    decision: z
      .object({
        ...stamp,
        closure: closureReasonSchema,
        needsApproval: z.boolean(),
        approvedBy: z.object({ id: who, level, at: instant }).nullable(),
        limit: moneySchema.nullable(),
      })
      .nullable()
      .default(null),
    rejections: z.number().check(z.int(), z.gte(0)).default(0),
    recourseOffered: z.array(z.string()).max(20).default([]),
    due: z
      .object({
        acknowledgeBy: instant,
        respondBy: instant,
        summaryResolutionBy: nullableInstant.default(null),
        referralBy: nullableInstant.default(null),
      })
      .nullable()
      .default(null),
    noticed: z
      .object({ acknowledgement: nullableInstant, response: nullableInstant })
      .default({ acknowledgement: null, response: null }),
    sla: slaTrackerSchema.nullable().default(null),
    milestones: z
      .object({
        receivedAt: nullableInstant,
        acknowledgedAt: nullableInstant,
        assessedAt: nullableInstant,
        decidedAt: nullableInstant,
        communicatedAt: nullableInstant,
        closedAt: nullableInstant,
      })
      .default({
        receivedAt: null,
        acknowledgedAt: null,
        assessedAt: null,
        decidedAt: null,
        communicatedAt: null,
        closedAt: null,
      }),
    lastChange: z
      .object({ ...stamp, event: z.string() })
      .nullable()
      .default(null),
  });
  const events = {
    RECEIVE: z.strictObject({
      ...stamp,
      id: z
        .string()
        .check(
          z.trim(),
          z.minLength(1, { error: 'A complaint needs a unique reference `id`.' }),
          z.maxLength(200),
        ),
      channel: z.enum(complaintChannels),
      summary: note,
      remedySought: note,
      owner,
    }),
    ACKNOWLEDGE: z.strictObject(stamp),
    ASSESS: z.strictObject({
      ...stamp,
      ...assessment,
      resolvedAtOutset: closureReasonSchema.optional(),
    }),
    ATTEMPT_FAILED: z.strictObject({ ...stamp, note: note.optional() }),
    ESCALATE: z.strictObject({
      ...stamp,
      to: owner,
      trigger: escalationTriggerSchema,
      reason: reasonCodeSchema,
      handoff: handoffSchema,
    }),
    REASSIGN: z.strictObject({ ...stamp, owner: who }),
    RESPOND: z.strictObject({ ...stamp, closure: closureReasonSchema }),
    APPROVE_REMEDY: z.strictObject({ ...stamp, level }),
    DECLINE_REMEDY: z.strictObject({ ...stamp, note }),
    COMMUNICATE_DECISION: z.strictObject(stamp),
    ACCEPT: z.strictObject(stamp),
    REJECT: z.strictObject({
      ...stamp,
      recourseOffered: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))).check(
        z.minLength(1, {
          error:
            'Name at least one recourse left to the customer (an ombudsman, a regulator, ...).',
        }),
        z.maxLength(20),
      ),
      note: note.optional(),
    }),
    RECONSIDER: z.strictObject({ ...stamp, note: note.optional() }),
    EXTEND_DEADLINE: z.strictObject({
      ...stamp,
      reason: z.string({ error: 'An extension needs a reason to explain to the customer.' }).check(
        z.trim(),
        z.minLength(1, {
          error: 'An extension needs a reason to explain to the customer; it is empty.',
        }),
        z.maxLength(2000),
      ),
      workingDays: z
        .number({ error: 'workingDays must be a number of working days.' })
        .check(
          z.int({ error: 'workingDays must be a whole number of working days.' }),
          z.gte(1, { error: 'workingDays must be at least 1.' }),
          z.lte(365, { error: 'workingDays is at most 365.' }),
        ),
    }),
    ESCALATE_STAGE: z.strictObject({ ...stamp, owner, note: note.optional() }),
    CONTACT: z.strictObject({
      ...stamp,
      direction: z.enum(['toCustomer', 'fromCustomer'], {
        error: "direction must be 'toCustomer' or 'fromCustomer'.",
      }),
      note: note.optional(),
    }),
    CHECK_DEADLINES: z.strictObject(stamp),
  };
  return { context, events };
}
