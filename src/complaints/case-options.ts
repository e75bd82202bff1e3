/**
 * Checks the options of `createComplaintCase` once, with a zod schema, reporting every problem
 * together as a `UsageError` that names each option.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError } from '../core/errors.js';
import type { RuleSettings } from './case-rules.js';
import {
  type ComplaintDeadlines,
  type DeadlineCalendar,
  type Duration,
  defaultComplaintDeadlines,
  safeDurationToMs,
  utcCalendar,
} from './deadlines.js';
import { defaultEmpowermentLimits, defaultEscalationLadder } from './escalation.js';
import { deepFreeze, notAnObject, shown } from './internal.js';
import { currencySchema } from './money.js';

/** The longest deadline accepted, so that `at + deadline` stays a safe integer for every `at`. */
const maxDeadlineDays = 3_650;
const maxDeadlineMs = maxDeadlineDays * 86_400_000;
const reserved = new Set(['__proto__', 'constructor', 'prototype']);

const levelSchema = z
  .string({ error: 'every ladder level must be a string' })
  .min(1, { error: 'a ladder level cannot be empty' })
  .max(64, { error: 'a ladder level is at most 64 characters long' })
  .refine((level) => level.trim() === level && level !== '', {
    error: 'a ladder level cannot be blank or start or end with white space',
  })
  .refine((level) => !reserved.has(level), {
    error: 'a ladder level cannot be named __proto__, constructor or prototype',
  });

const deadlineSchema = z.unknown().transform((duration, ctx) => {
  const ms = safeDurationToMs(duration);
  if (ms === 'invalid') {
    ctx.addIssue({
      code: 'custom',
      message: 'a deadline is whole non-negative milliseconds or { days, hours, minutes }',
    });
    return z.NEVER;
  }
  if (ms === 'tooLong' || ms > maxDeadlineMs) {
    ctx.addIssue({ code: 'custom', message: `a deadline is at most ${maxDeadlineDays} days long` });
    return z.NEVER;
  }
  // A copy: the machine keeps (and freezes) its own, never the caller's object.
  return typeof duration === 'number' ? duration : ({ ...(duration as object) } as Duration);
});

const calendarSchema = z.custom<DeadlineCalendar>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { addWorkingTime?: unknown }).addWorkingTime === 'function',
  { error: 'calendar must be an object with an addWorkingTime(start, duration) function' },
);

const optionsSchema = z
  .strictObject(
    {
      id: z
        .string({ error: 'id must be a string' })
        .min(1, { error: 'id cannot be empty' })
        .max(200, { error: 'id is at most 200 characters long' })
        .optional(),
      ladder: z
        .array(levelSchema, { error: 'ladder must be an array of level names, lowest first' })
        .min(1, { error: 'ladder must list at least one level, lowest first' })
        .max(50, { error: 'ladder has at most 50 levels' })
        .optional(),
      limits: z
        .strictObject(
          {
            currency: currencySchema,
            amounts: z.record(
              z.string(),
              z
                .number({ error: 'a limit must be a number of minor units' })
                .int({ error: 'a limit must be a whole number of minor units' })
                .nonnegative({ error: 'a limit cannot be negative' })
                .max(Number.MAX_SAFE_INTEGER, { error: 'a limit is too large to count exactly' }),
              { error: 'limits.amounts must map ladder levels to amounts in minor units' },
            ),
          },
          { error: notAnObject('limits must be { currency, amounts }') },
        )
        .optional(),
      deadlines: z
        .strictObject(
          {
            acknowledge: deadlineSchema.optional(),
            respond: deadlineSchema.optional(),
            urgentRespond: deadlineSchema.optional(),
          },
          { error: notAnObject('deadlines must be { acknowledge?, respond?, urgentRespond? }') },
        )
        .optional(),
      calendar: calendarSchema.optional(),
      failedAttemptLimit: z
        .number({ error: 'failedAttemptLimit must be a number' })
        .int({ error: 'failedAttemptLimit must be a whole number' })
        .min(1, { error: 'failedAttemptLimit must be at least 1' })
        .max(1_000_000, { error: 'failedAttemptLimit is at most 1,000,000' })
        .optional(),
      confidenceThreshold: z
        .number({ error: 'confidenceThreshold must be a number' })
        .gt(0, { error: 'confidenceThreshold must be above 0' })
        .max(1, { error: 'confidenceThreshold must be at most 1' })
        .optional(),
      restrictedTopics: z
        .array(z.string({ error: 'a restricted topic must be a string' }).trim().min(1).max(200), {
          error: 'restrictedTopics must be an array of topic names',
        })
        .max(1_000)
        .optional(),
    },
    { error: notAnObject('the options must be an object') },
  )
  .superRefine((options, ctx) => {
    const ladder = options.ladder;
    if (ladder !== undefined) {
      const seen = new Set<string>();
      ladder.forEach((level, i) => {
        if (seen.has(level)) {
          ctx.addIssue({
            code: 'custom',
            path: ['ladder', i],
            message: `level ${shown(level)} appears twice; ladder levels must be distinct`,
          });
        }
        seen.add(level);
      });
    }
    const levels: readonly string[] = ladder ?? defaultEscalationLadder;
    if (options.limits === undefined) {
      if (ladder?.some((level) => !includes(defaultEscalationLadder, level))) {
        ctx.addIssue({
          code: 'custom',
          path: ['limits'],
          message:
            'a custom ladder needs its own limits: the default limits are set for bot, agent, supervisor and manager',
        });
      }
      return;
    }
    for (const level of Object.keys(options.limits.amounts)) {
      if (!includes(levels, level)) {
        ctx.addIssue({
          code: 'custom',
          path: ['limits', 'amounts', level],
          message: `${shown(level)} is not a level of the ladder`,
        });
      }
    }
  });

const includes = (list: readonly string[], value: string) => list.includes(value);

/** @internal What `createComplaintCase` builds a machine from, once its options are valid. */
export interface CheckedOptions {
  readonly id: string;
  readonly settings: RuleSettings;
  readonly deadlines: ComplaintDeadlines;
  readonly calendar: DeadlineCalendar;
}

/**
 * @internal Validates the options of `createComplaintCase` and fills in the defaults. The result
 * holds copies: later changes to the caller's arrays and objects do not reach the machine.
 * @throws `UsageError` listing every invalid option.
 */
export function checkOptions(options: unknown): CheckedOptions {
  const parsed = optionsSchema.safeParse(options === undefined ? {} : options);
  if (!parsed.success) throw optionsError('createComplaintCase', parsed.error.issues);
  const o = parsed.data;
  const ladder = o.ladder ?? [...defaultEscalationLadder];
  const limits = o.limits ?? defaultEmpowermentLimits;
  const amounts: Record<string, number> = {};
  for (const level of ladder) {
    const amount = Object.hasOwn(limits.amounts, level)
      ? (limits.amounts as Record<string, number | undefined>)[level]
      : undefined;
    if (amount !== undefined) amounts[level] = amount;
  }
  const settings: RuleSettings = deepFreeze({
    ladder,
    limits: { currency: limits.currency, amounts },
    failedAttemptLimit: o.failedAttemptLimit ?? 2,
    confidenceThreshold: o.confidenceThreshold ?? 0.5,
    restrictedTopics: o.restrictedTopics ?? [],
  });
  const deadlines: ComplaintDeadlines = deepFreeze({
    acknowledge: o.deadlines?.acknowledge ?? defaultComplaintDeadlines.acknowledge,
    respond: o.deadlines?.respond ?? defaultComplaintDeadlines.respond,
    urgentRespond: o.deadlines?.urgentRespond ?? defaultComplaintDeadlines.urgentRespond,
  });
  return {
    id: o.id ?? 'complaint-case',
    settings,
    deadlines,
    calendar: o.calendar ?? utcCalendar,
  };
}
