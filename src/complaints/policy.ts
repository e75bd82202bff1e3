/**
 * Complaint policies: the stages a complaint goes through, each stage's deadlines and extension,
 * and what follows the final response, as plain data with a cited source. The regulatory presets
 * (the UK Housing Ombudsman's Complaint Handling Code, the FCA's DISP rules) are policies.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError } from '../core/errors.js';
import {
  type ComplaintDeadlines,
  type DeadlineSpan,
  deadlineSpanSchema,
  defaultComplaintDeadlines,
} from './deadlines.js';
import { deepFreeze, notAnObject } from './internal.js';

/**
 * One stage of a complaint policy: its deadlines, its extension and who may handle it.
 *
 * @category Complaints
 */
export interface ComplaintStagePolicy {
  /** From the stage's receipt (the complaint, or the request to escalate it) to acknowledgement. */
  readonly acknowledge: DeadlineSpan;
  /** To a communicated response, counted from `respondFrom`. */
  readonly respond: DeadlineSpan;
  /** Whether `respond` counts from the stage's receipt or from its acknowledgement. */
  readonly respondFrom: 'receipt' | 'acknowledgement';
  /**
   * The one extension of the response deadline the stage allows (an `EXTEND_DEADLINE` event with a
   * reason), at most `maxWorkingDays` working days; `null` for none.
   */
  readonly extension: {
    /** The most working days (1–365) one extension may add to the response deadline. */
    readonly maxWorkingDays: number;
  } | null;
  /**
   * Whether the stage must be handled by someone who did not handle an earlier stage (its owner
   * or decider): then no earlier handler may own the stage, decide its response (also when
   * resolving it at the outset) or approve that response. Always `false` for the first stage.
   */
  readonly independentHandler: boolean;
}

/**
 * A complaint policy: stages in order, an urgent deadline, an optional summary-resolution window,
 * and the customer's referral right after the final response. Plain JSON; check one with
 * {@link complaintPolicySchema}, pass it to `createComplaintCase({ policy })`.
 *
 * @category Complaints
 */
export interface ComplaintPolicy {
  /** A short name, e.g. `'uk-housing-ombudsman-2024'`. */
  readonly name: string;
  /** The rule it follows: title, publisher and section. */
  readonly source: string;
  /** The stages, first to last (at most 4). Escalating past the last one is refused. */
  readonly stages: readonly [ComplaintStagePolicy, ...ComplaintStagePolicy[]];
  /**
   * From receipt to a communicated response when the assessment marks the complaint urgent (it
   * only brings the response forward); `null` for none.
   */
  readonly urgentRespond: DeadlineSpan | null;
  /**
   * From receipt to the end of the window in which a complaint may be closed with a summary
   * resolution (recorded as `due.summaryResolutionBy`; not a breach when it passes); `null`.
   */
  readonly summaryResolution: DeadlineSpan | null;
  /**
   * The body the customer may refer the complaint to after the final response, and how long they
   * have (`due.referralBy`, dated from the final response); `null` for none.
   */
  readonly referral: {
    /** The name of the body the customer may refer the complaint to, e.g. an ombudsman. */
    readonly to: string;
    /** How long after the final response the customer has to refer the complaint. */
    readonly within: DeadlineSpan;
  } | null;
}

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .check(
      z.trim(),
      z.minLength(1, { error: `${what} cannot be empty` }),
      z.maxLength(max, { error: `${what} is at most ${max} characters long` }),
    );

const spanSchema = deadlineSpanSchema;

const stageSchema = z.strictObject(
  {
    acknowledge: spanSchema,
    respond: spanSchema,
    respondFrom: z.enum(['receipt', 'acknowledgement'], {
      error: "respondFrom must be 'receipt' or 'acknowledgement'",
    }),
    extension: z
      .strictObject({
        maxWorkingDays: z
          .number({ error: 'maxWorkingDays must be a number' })
          .check(
            z.int({ error: 'maxWorkingDays must be a whole number' }),
            z.gte(1, { error: 'maxWorkingDays must be at least 1' }),
            z.lte(365, { error: 'maxWorkingDays is at most 365' }),
          ),
      })
      .nullable(),
    independentHandler: z.boolean({ error: 'independentHandler must be true or false' }),
  },
  {
    error: notAnObject(
      'a stage must be { acknowledge, respond, respondFrom, extension, independentHandler }',
    ),
  },
);

/**
 * The zod schema of a {@link ComplaintPolicy}: one to four stages, whose first stage cannot demand
 * an independent handler, each span a valid {@link DeadlineSpan}.
 *
 * @example
 * ```ts
 * import { complaintPolicySchema, fcaDispPolicy } from 'servicecraft/complaints';
 *
 * complaintPolicySchema.safeParse(fcaDispPolicy).success; // true
 * complaintPolicySchema.safeParse({ ...fcaDispPolicy, stages: [] }).success; // false
 * ```
 *
 * @category Complaints
 */
export const complaintPolicySchema: z.ZodType<ComplaintPolicy> = z
  .strictObject(
    {
      name: text(100, 'name'),
      source: text(1_000, 'source'),
      stages: z
        .array(stageSchema, { error: 'stages must be an array of stages, first to last' })
        .check(
          z.minLength(1, { error: 'a policy needs at least one stage' }),
          z.maxLength(4, { error: 'a policy has at most 4 stages' }),
        ),
      urgentRespond: spanSchema.nullable(),
      summaryResolution: spanSchema.nullable(),
      referral: z.strictObject({ to: text(200, 'referral.to'), within: spanSchema }).nullable(),
    },
    { error: notAnObject('a complaint policy must be an object') },
  )
  .superRefine((policy, ctx) => {
    if (policy.stages[0]?.independentHandler === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages', 0, 'independentHandler'],
        message: 'the first stage has no earlier handler to be independent of',
      });
    }
  }) as unknown as z.ZodType<ComplaintPolicy>;

/**
 * @internal The one-stage policy of a set of deadlines (what `deadlines` means when no policy is given).
 */
export function policyOfDeadlines(deadlines: ComplaintDeadlines): ComplaintPolicy {
  return deepFreeze({
    name: 'deadlines',
    source:
      'Deadlines given to createComplaintCase; the defaults are the stage-1 figures of the Housing Ombudsman Service, Complaint Handling Code (2024)',
    stages: [
      {
        acknowledge: deadlines.acknowledge,
        respond: deadlines.respond,
        respondFrom: deadlines.respondFrom,
        extension: null,
        independentHandler: false,
      },
    ],
    urgentRespond: deadlines.urgentRespond,
    summaryResolution: null,
    referral: null,
  });
}

/**
 * The policy `createComplaintCase` uses when given neither `policy` nor `deadlines`: one stage
 * with {@link defaultComplaintDeadlines}, no extension, no referral window.
 *
 * @example
 * ```ts
 * import { defaultComplaintPolicy } from 'servicecraft/complaints';
 *
 * defaultComplaintPolicy.stages[0].acknowledge; // { workingDays: 5 }
 * ```
 *
 * @category Complaints
 */
export const defaultComplaintPolicy: ComplaintPolicy = policyOfDeadlines(defaultComplaintDeadlines);

/**
 * Options of {@link housingOmbudsmanPolicy}.
 *
 * @category Complaints
 */
export interface HousingOmbudsmanOptions {
  /**
   * The longest stage-2 extension, in working days (default 10). Published versions and guidance
   * differ (10 or 20 working days); choose the one your landlord follows.
   */
  readonly stage2ExtensionWorkingDays?: number;
}

/**
 * The UK Housing Ombudsman's Complaint Handling Code (2024), as a two-stage policy:
 *
 * - stage 1: acknowledge within 5 working days of receipt; respond within 10 working days of the
 *   acknowledgement; one extension of up to 10 working days, with the reason explained;
 * - stage 2 (on the resident's request): acknowledge within 5 working days of the request; respond
 *   within 20 working days of the acknowledgement; one extension (default up to 10 working days);
 *   handled by someone other than the stage-1 handler.
 *
 * Working days are those of the calendar given to `createComplaintCase`: give it the landlord's
 * week and the bank holidays of England and Wales.
 *
 * @example
 * ```ts
 * import { createComplaintCase, housingOmbudsmanPolicy } from 'servicecraft/complaints';
 *
 * const landlord = createComplaintCase({ policy: housingOmbudsmanPolicy({ stage2ExtensionWorkingDays: 20 }) });
 * housingOmbudsmanPolicy().stages[1]?.extension; // { maxWorkingDays: 10 }
 * ```
 *
 * @param options - The stage-2 extension limit.
 * @returns The policy, frozen.
 * @throws `UsageError` when the extension is not a whole number of working days from 1 to 365.
 * @category Complaints
 */
export function housingOmbudsmanPolicy(options: HousingOmbudsmanOptions = {}): ComplaintPolicy {
  const parsed = z
    .strictObject(
      {
        stage2ExtensionWorkingDays: z
          .number({ error: 'stage2ExtensionWorkingDays must be a number' })
          .check(
            z.int({ error: 'stage2ExtensionWorkingDays must be a whole number of working days' }),
            z.gte(1, { error: 'stage2ExtensionWorkingDays must be at least 1' }),
            z.lte(365, { error: 'stage2ExtensionWorkingDays is at most 365' }),
          )
          .optional(),
      },
      { error: notAnObject('the options must be an object') },
    )
    .safeParse(options);
  if (!parsed.success) throw optionsError('housingOmbudsmanPolicy', parsed.error.issues);
  return deepFreeze({
    name: 'uk-housing-ombudsman-2024',
    source:
      'Housing Ombudsman Service, Complaint Handling Code (2024), section 5 (stage 1) and section 6 (stage 2)',
    stages: [
      {
        acknowledge: { workingDays: 5 },
        respond: { workingDays: 10 },
        respondFrom: 'acknowledgement',
        extension: { maxWorkingDays: 10 },
        independentHandler: false,
      },
      {
        acknowledge: { workingDays: 5 },
        respond: { workingDays: 20 },
        respondFrom: 'acknowledgement',
        extension: { maxWorkingDays: parsed.data.stage2ExtensionWorkingDays ?? 10 },
        independentHandler: true,
      },
    ],
    urgentRespond: null,
    summaryResolution: null,
    referral: null,
  });
}

/**
 * The UK Financial Conduct Authority's complaint time limits (DISP), as a one-stage policy:
 *
 * - a complaint may be closed with a summary resolution communication by the close of business on
 *   the third business day after the day of receipt (`due.summaryResolutionBy`); this preset also
 *   dates the prompt written acknowledgement there, for complaints not resolved by then;
 * - a final response, or a written response saying why it is not yet final, within 8 weeks of
 *   receipt;
 * - the customer may refer the complaint to the Financial Ombudsman Service within 6 months of
 *   the final response (`due.referralBy`).
 *
 * Business days are those of the calendar given to `createComplaintCase` (the FCA excludes
 * weekends and UK bank holidays).
 *
 * @example
 * ```ts
 * import { createComplaintCase, fcaDispPolicy } from 'servicecraft/complaints';
 *
 * const bank = createComplaintCase({ policy: fcaDispPolicy });
 * fcaDispPolicy.referral?.within; // { months: 6 }
 * ```
 *
 * @category Complaints
 */
export const fcaDispPolicy: ComplaintPolicy = deepFreeze({
  name: 'uk-fca-disp',
  source:
    'Financial Conduct Authority Handbook, DISP 1.5 (complaints resolved by close of the third business day), DISP 1.6 (complaints time limit rules) and DISP 2.8 (six months to refer to the Financial Ombudsman Service)',
  stages: [
    {
      acknowledge: { workingDays: 3 },
      respond: { weeks: 8 },
      respondFrom: 'receipt',
      extension: null,
      independentHandler: false,
    },
  ],
  urgentRespond: null,
  summaryResolution: { workingDays: 3 },
  referral: { to: 'Financial Ombudsman Service', within: { months: 6 } },
});
