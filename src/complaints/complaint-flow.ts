/**
 * `complaintFlow`: the front-line complaint conversation of common customer-service training, with the customer's
 * accept-or-reject turn and documentation as the gate to closing.
 *
 * @module
 */
import * as z from 'zod';
import { defineMachine, type Machine, type TypedEvent } from '../core/index.js';
import { type ComplaintFlowRefusal, complaintFlowRefusals } from './refusals.js';

const text = z.string().trim().min(1).max(2000);
const remedies = [
  'replacement',
  'refund',
  'repair',
  'credit',
  'other',
] as const satisfies readonly ComplaintFlowRemedy[];

const afterProposal: readonly string[] = Object.freeze([
  'proposed',
  'followingUp',
  'documenting',
  'closed',
]);

/**
 * The steps of {@link complaintFlow}.
 *
 * @category Complaints
 */
export type ComplaintFlowState =
  | 'listening'
  | 'apologizing'
  | 'investigating'
  | 'proposed'
  | 'escalated'
  | 'followingUp'
  | 'documenting'
  | 'closed';

/**
 * The kind of remedy a proposed solution offers.
 *
 * @category Complaints
 */
export type ComplaintFlowRemedy = 'replacement' | 'refund' | 'repair' | 'credit' | 'other';

/**
 * The context of {@link complaintFlow}.
 *
 * @category Complaints
 */
export interface ComplaintFlowContext {
  /** The latest proposed solution. */
  readonly solution: string | null;
  /** Its kind of remedy, when given. */
  readonly remedy: ComplaintFlowRemedy | null;
  /** How many solutions were proposed. */
  readonly proposals: number;
  /** How many the customer rejected. */
  readonly rejections: number;
  /** Who the complaint was escalated to, if anyone. */
  readonly escalatedTo: string | null;
  /** The documentation record; closing needs it. */
  readonly documentation: string | null;
}

/**
 * The events of {@link complaintFlow}.
 *
 * @category Complaints
 */
export type ComplaintFlowEvent =
  | TypedEvent<'APOLOGIZE'>
  | TypedEvent<'INVESTIGATE'>
  | (TypedEvent<'PROPOSE_SOLUTION'> & {
      /** The solution, agreed with the customer. */
      readonly solution: string;
      /** Its kind of remedy. */
      readonly remedy?: ComplaintFlowRemedy | undefined;
    })
  | TypedEvent<'ACCEPT'>
  | (TypedEvent<'REJECT'> & {
      /** Escalate to this person or role instead of investigating again. */
      readonly escalateTo?: string | undefined;
      /** The customer's reason. */
      readonly reason?: string | undefined;
    })
  | (TypedEvent<'FOLLOW_UP'> & {
      /** Whether the customer is satisfied. */
      readonly satisfied: boolean;
    })
  | (TypedEvent<'DOCUMENT'> & {
      /** The complaint and the steps taken. */
      readonly record: string;
    })
  | TypedEvent<'CLOSE'>;

/**
 * The {@link complaintFlow} machine's type; its refusal code is {@link ComplaintFlowRefusal}.
 *
 * @category Complaints
 */
export type ComplaintFlow = Machine<
  ComplaintFlowState,
  ComplaintFlowEvent,
  ComplaintFlowContext,
  ComplaintFlowEvent,
  ComplaintFlowRefusal
>;

/**
 * The complaint flow of common customer-service training: listen → apologise → investigate → propose a solution → (customer
 * accepts) follow up → document → close. A rejected proposal goes back to investigating, or
 * escalates when `escalateTo` is given; an unsatisfied follow-up reopens the investigation; closing
 * is refused (`REFUSED` with `reason.code` `'NOT_DOCUMENTED'`) until a `DOCUMENT` event records the
 * case.
 *
 * @example
 * ```ts
 * import { complaintFlow, initialSnapshot, transition } from 'servicecraft';
 *
 * const start = initialSnapshot(complaintFlow);
 * const refused = transition(complaintFlow, start, { type: 'PROPOSE_SOLUTION', solution: 'Refund' });
 * if (!refused.ok) console.log(refused.error.message);
 * // Event PROPOSE_SOLUTION is not allowed in state 'listening'; allowed: APOLOGIZE.
 * ```
 *
 * @category Complaints
 */
export const complaintFlow: ComplaintFlow = defineMachine({
  id: 'complaint-flow',
  version: 1,
  initial: 'listening',
  description: 'Handling one complaint conversation, from listening to a documented close.',
  meta: {
    source:
      'Customer Service: Developing skills for providing exceptional service and managing customer interactions (training article), section on handling customer complaints',
  },
  refusals: complaintFlowRefusals,
  invariants: {
    closedIsDocumented: ({ state, context }) =>
      state !== 'closed' ||
      context.documentation !== null ||
      "state 'closed' needs the documentation record, but documentation is null",
    solutionProposed: ({ state, context }) =>
      !afterProposal.includes(state) ||
      (context.solution !== null && context.proposals > 0) ||
      `state '${state}' follows a proposed solution, but none is recorded`,
    rejectionsWithinProposals: ({ context }) =>
      context.rejections <= context.proposals ||
      `rejections (${context.rejections}) outnumber proposals (${context.proposals})`,
    escalationNamed: ({ state, context }) =>
      state !== 'escalated' ||
      context.escalatedTo !== null ||
      "state 'escalated' needs escalatedTo, but it is null",
  },
  context: z.object({
    solution: z.string().nullable().default(null),
    remedy: z.enum(remedies).nullable().default(null),
    proposals: z.number().int().nonnegative().default(0),
    rejections: z.number().int().nonnegative().default(0),
    escalatedTo: z.string().nullable().default(null),
    documentation: z.string().nullable().default(null),
  }),
  events: {
    APOLOGIZE: null,
    INVESTIGATE: null,
    PROPOSE_SOLUTION: z.strictObject({
      solution: text,
      remedy: z.enum(remedies).optional(),
    }),
    ACCEPT: null,
    REJECT: z.strictObject({
      escalateTo: z.string().trim().min(1).max(200).optional(),
      reason: text.optional(),
    }),
    FOLLOW_UP: z.strictObject({ satisfied: z.boolean() }),
    DOCUMENT: z.strictObject({ record: text }),
    CLOSE: null,
  },
  guards: {
    escalationRequested: ({ event }) => event.type === 'REJECT' && event.escalateTo !== undefined,
    customerSatisfied: ({ event }) => event.type === 'FOLLOW_UP' && event.satisfied === true,
    documented: ({ context, refuse }) =>
      context.documentation !== null ||
      refuse(
        'NOT_DOCUMENTED',
        'Record the complaint and the steps taken with a DOCUMENT event before closing it.',
      ),
  },
  states: {
    listening: {
      description: 'Listen without interrupting; ask clarifying questions',
      on: { APOLOGIZE: 'apologizing' },
    },
    apologizing: { description: 'Apologise sincerely', on: { INVESTIGATE: 'investigating' } },
    investigating: {
      description: 'Check order details, history, colleagues',
      on: {
        PROPOSE_SOLUTION: {
          target: 'proposed',
          update: ({ context, event }) => ({
            ...context,
            solution: event.solution,
            remedy: event.remedy ?? null,
            proposals: context.proposals + 1,
          }),
        },
      },
    },
    proposed: {
      description: 'A solution, chosen with the customer, awaits their answer',
      on: {
        ACCEPT: 'followingUp',
        REJECT: [
          {
            target: 'escalated',
            guard: 'escalationRequested',
            update: ({ context, event }) => ({
              ...context,
              rejections: context.rejections + 1,
              escalatedTo: event.escalateTo ?? context.escalatedTo,
            }),
          },
          {
            target: 'investigating',
            update: ({ context }) => ({ ...context, rejections: context.rejections + 1 }),
          },
        ],
      },
    },
    escalated: {
      description: 'Handed to a higher authority, who investigates again',
      on: { INVESTIGATE: 'investigating' },
    },
    followingUp: {
      description: 'Check the fix arrived and the customer is satisfied',
      on: {
        FOLLOW_UP: [
          { target: 'documenting', guard: 'customerSatisfied' },
          { target: 'investigating', description: 'not satisfied yet' },
        ],
      },
    },
    documenting: {
      description: 'Record the complaint and the steps taken, for recurring-issue analysis',
      on: {
        DOCUMENT: {
          target: 'documenting',
          update: ({ context, event }) => ({ ...context, documentation: event.record }),
        },
        CLOSE: { target: 'closed', guard: 'documented' },
      },
    },
    closed: { type: 'final', description: 'Handled and documented' },
  },
});
