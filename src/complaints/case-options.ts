/**
 * Checks the options of `createComplaintCase` once, with a zod schema, reporting every problem
 * together as a `UsageError` that names each option.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError } from '../core/errors.js';
import {
  alwaysOpen,
  businessCalendarSchema,
  type CalendarLike,
  compileCalendar,
} from '../time/index.js';
import type { RuleSettings } from './case-rules.js';
import { type DeadlineClock, deadlineClock } from './deadline-clock.js';
import {
  type DeadlineCalendar,
  type DeadlineSpan,
  deadlineSpanSchema,
  defaultComplaintDeadlines,
  utcCalendar,
} from './deadlines.js';
import { defaultEmpowermentLimits, defaultEscalationLadder } from './escalation.js';
import { deepFreeze, notAnObject, shown } from './internal.js';
import { currencySchema } from './money.js';
import {
  type ComplaintPolicy,
  complaintPolicySchema,
  defaultComplaintPolicy,
  policyOfDeadlines,
} from './policy.js';
import { type SlaPolicy, slaPolicySchema } from './sla.js';

/** The longest deadline accepted, so that `at + deadline` stays a safe integer for every `at`. */
const maxDeadlineDays = 3_650;
const maxDeadlineMs = maxDeadlineDays * 86_400_000;
const reserved = new Set(['__proto__', 'constructor', 'prototype']);

const levelSchema = z.string({ error: 'every ladder level must be a string' }).check(
  z.minLength(1, { error: 'a ladder level cannot be empty' }),
  z.maxLength(64, { error: 'a ladder level is at most 64 characters long' }),
  z.refine((level) => level.trim() === level && level !== '', {
    error: 'a ladder level cannot be blank or start or end with white space',
  }),
  z.refine((level) => !reserved.has(level), {
    error: 'a ladder level cannot be named __proto__, constructor or prototype',
  }),
);

const deadlineSchema = z.unknown().transform((span, ctx) => {
  const parsed = deadlineSpanSchema.safeParse(span);
  if (!parsed.success) {
    ctx.addIssue({
      code: 'custom',
      message:
        'a deadline is whole non-negative milliseconds, { days, hours, minutes }, { workingDays }, { calendarDays }, { weeks } or { months }',
    });
    return z.NEVER;
  }
  const d = parsed.data;
  if (
    typeof d === 'number' ||
    'days' in d ||
    'hours' in d ||
    'minutes' in d ||
    Object.keys(d).length === 0
  ) {
    const ms =
      typeof d === 'number'
        ? d
        : ((d as { days?: number }).days ?? 0) * 86_400_000 +
          ((d as { hours?: number }).hours ?? 0) * 3_600_000 +
          ((d as { minutes?: number }).minutes ?? 0) * 60_000;
    if (!Number.isSafeInteger(ms) || ms > maxDeadlineMs) {
      ctx.addIssue({
        code: 'custom',
        message: `a deadline is at most ${maxDeadlineDays} days long`,
      });
      return z.NEVER;
    }
  }
  // A copy: the machine keeps (and freezes) its own, never the caller's object.
  return typeof d === 'number' ? d : ({ ...(d as object) } as DeadlineSpan);
});

const isCompiled = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (value as { kind?: unknown }).kind === 'CompiledCalendar';

const calendarSchema = z.unknown().transform((value, ctx): DeadlineCalendar | CalendarLike => {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { addWorkingTime?: unknown }).addWorkingTime === 'function'
  ) {
    return value as DeadlineCalendar;
  }
  if (isCompiled(value)) return value as CalendarLike;
  const parsed = businessCalendarSchema.safeParse(value);
  if (parsed.success) return compileCalendar(parsed.data);
  ctx.addIssue({
    code: 'custom',
    message:
      'calendar must be a business calendar ({ timeZone, week, holidays }, see businessCalendar), a compiled calendar, or an object with an addWorkingTime(start, duration) function',
  });
  const looksLikeCalendar = typeof value === 'object' && value !== null && 'timeZone' in value;
  if (looksLikeCalendar) {
    for (const issue of parsed.error.issues.slice(0, 5)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  }
  return z.NEVER;
});

const slaCalendarSchema = z.unknown().transform((value, ctx): CalendarLike => {
  if (isCompiled(value)) return value as CalendarLike;
  const parsed = businessCalendarSchema.safeParse(value);
  if (parsed.success) return compileCalendar(parsed.data);
  ctx.addIssue({
    code: 'custom',
    message:
      'sla.calendar must be a business calendar (see businessCalendar) or a compiled calendar',
  });
  return z.NEVER;
});

const optionsSchema = z
  .strictObject(
    {
      id: z
        .string({ error: 'id must be a string' })
        .check(
          z.minLength(1, { error: 'id cannot be empty' }),
          z.maxLength(200, { error: 'id is at most 200 characters long' }),
        )
        .optional(),
      ladder: z
        .array(levelSchema, { error: 'ladder must be an array of level names, lowest first' })
        .check(
          z.minLength(1, { error: 'ladder must list at least one level, lowest first' }),
          z.maxLength(50, { error: 'ladder has at most 50 levels' }),
        )
        .optional(),
      limits: z
        .strictObject(
          {
            currency: currencySchema,
            amounts: z.record(
              z.string(),
              z.number({ error: 'a limit must be a number of minor units' }).check(
                z.int({ error: 'a limit must be a whole number of minor units' }),
                z.gte(0, { error: 'a limit cannot be negative' }),
                z.lte(Number.MAX_SAFE_INTEGER, {
                  error: 'a limit is too large to count exactly',
                }),
              ),
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
            respondFrom: z
              .enum(['receipt', 'acknowledgement'], {
                error: "deadlines.respondFrom must be 'receipt' or 'acknowledgement'",
              })
              .optional(),
            urgentRespond: deadlineSchema.nullable().optional(),
          },
          {
            error: notAnObject(
              'deadlines must be { acknowledge?, respond?, respondFrom?, urgentRespond? }',
            ),
          },
        )
        .optional(),
      policy: complaintPolicySchema.optional(),
      calendar: calendarSchema.optional(),
      sla: z
        .strictObject(
          {
            policies: z
              .array(slaPolicySchema, { error: 'sla.policies must be an array of SLA policies' })
              .check(
                z.minLength(1, { error: 'sla.policies needs at least one policy' }),
                z.maxLength(100),
              ),
            calendar: slaCalendarSchema.optional(),
          },
          { error: notAnObject('sla must be { policies, calendar? }') },
        )
        .optional(),
      failedAttemptLimit: z
        .number({ error: 'failedAttemptLimit must be a number' })
        .check(
          z.int({ error: 'failedAttemptLimit must be a whole number' }),
          z.gte(1, { error: 'failedAttemptLimit must be at least 1' }),
          z.lte(1_000_000, { error: 'failedAttemptLimit is at most 1,000,000' }),
        )
        .optional(),
      confidenceThreshold: z
        .number({ error: 'confidenceThreshold must be a number' })
        .check(
          z.gt(0, { error: 'confidenceThreshold must be above 0' }),
          z.lte(1, { error: 'confidenceThreshold must be at most 1' }),
        )
        .optional(),
      restrictedTopics: z
        .array(
          z
            .string({ error: 'a restricted topic must be a string' })
            .check(z.trim(), z.minLength(1), z.maxLength(200)),
          {
            error: 'restrictedTopics must be an array of topic names',
          },
        )
        .max(1_000)
        .optional(),
    },
    { error: notAnObject('the options must be an object') },
  )
  .superRefine((options, ctx) => {
    if (options.policy !== undefined && options.deadlines !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadlines'],
        message:
          'give either deadlines or a policy, not both (a policy sets the deadlines of each stage)',
      });
    }
    if (options.sla !== undefined) {
      const seen = new Set<string>();
      options.sla.policies.forEach((policy, i) => {
        if (seen.has(policy.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sla', 'policies', i, 'name'],
            message: `SLA policy name ${shown(policy.name)} appears twice`,
          });
        }
        seen.add(policy.name);
        for (const [metric, target] of Object.entries(policy.targets)) {
          target?.pausedIn?.forEach((state, j) => {
            if (!includes(caseStates, state)) {
              ctx.addIssue({
                code: 'custom',
                path: ['sla', 'policies', i, 'targets', metric, 'pausedIn', j],
                message: `${shown(state)} is not a state of the complaint case (${caseStates.join(', ')})`,
              });
            }
          });
        }
      });
    }
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

const caseStates = [
  'new',
  'received',
  'acknowledged',
  'investigating',
  'awaitingApproval',
  'decided',
  'communicated',
  'openWithRecourse',
  'closed',
] as const;

/** @internal What `createComplaintCase` builds a machine from, once its options are valid. */
export interface CheckedOptions {
  readonly id: string;
  readonly settings: RuleSettings;
  readonly policy: ComplaintPolicy;
  readonly clock: DeadlineClock;
  readonly sla: {
    readonly policies: readonly SlaPolicy[];
    readonly calendar: CalendarLike;
    readonly calendarTime: CalendarLike;
  } | null;
}

/**
 * @internal Validates the options of `createComplaintCase` and fills in the defaults. The result
 * holds copies: later changes to the caller's arrays and objects do not reach the machine.
 * @throws `UsageError` listing every invalid option.
 */
export function checkOptions(options: unknown): CheckedOptions {
  // No options: nothing to check, every default applies (this is how `iso10002Lifecycle` is made
  // at load, so it skips the schema's first parse, the costly one).
  let o: z.output<typeof optionsSchema> = {};
  if (options !== undefined) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) throw optionsError('createComplaintCase', parsed.error.issues);
    o = parsed.data;
  }
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
  const policy =
    o.policy !== undefined
      ? deepFreeze(jsonCopy(o.policy))
      : o.deadlines === undefined
        ? defaultComplaintPolicy
        : policyOfDeadlines({
            acknowledge: o.deadlines.acknowledge ?? defaultComplaintDeadlines.acknowledge,
            respond: o.deadlines.respond ?? defaultComplaintDeadlines.respond,
            respondFrom: o.deadlines.respondFrom ?? defaultComplaintDeadlines.respondFrom,
            urgentRespond:
              o.deadlines.urgentRespond === undefined
                ? defaultComplaintDeadlines.urgentRespond
                : o.deadlines.urgentRespond,
          });
  const clock = deadlineClock(o.calendar ?? utcCalendar);
  let sla: CheckedOptions['sla'] = null;
  if (o.sla !== undefined) {
    const calendar = o.sla.calendar ?? clock.working();
    const business = o.sla.policies.some((p) =>
      Object.values(p.targets).some((t) => t?.hours === 'business'),
    );
    if (calendar === undefined && business) {
      throw optionsError('createComplaintCase', [
        {
          code: 'custom',
          path: ['sla', 'calendar'],
          message:
            'business-hours SLA targets need a business calendar: give sla.calendar, or a business calendar as calendar',
          input: undefined,
        },
      ]);
    }
    // Compiled once per machine: data would be compiled again on every clock operation.
    const calendarTime = compileCalendar(alwaysOpen);
    sla = {
      policies: deepFreeze(jsonCopy(o.sla.policies)),
      calendar: calendar ?? calendarTime,
      calendarTime,
    };
  }
  return { id: o.id ?? 'complaint-case', settings, policy, clock, sla };
}

/** A private copy of validated plain-JSON data (the caller keeps theirs), without platform APIs. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
