/**
 * `complaintFlow`: the front-line complaint conversation of common customer-service training, with the customer's
 * accept-or-reject turn and documentation as the gate to closing.
 *
 * @module
 */
import * as z from 'zod';
import { defineMachine, type Machine, type TypedEvent } from '../core/index.js';
import {
  addClock,
  type ConversationClock,
  type ConversationStamp,
  clockFields,
  clockInvariants,
  conversationStamp,
  stamped,
} from './flow-clock.js';
import { type ComplaintFlowRefusal, complaintFlowRefusals } from './refusals.js';

const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));
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
 * The context of {@link complaintFlow}: what the conversation found, and its clock (when it
 * started, when it last moved, who moved it).
 *
 * @category Complaints
 */
export interface ComplaintFlowContext extends ConversationClock {
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
 * The events of {@link complaintFlow}. Each carries a {@link ConversationStamp}: `at` (epoch ms,
 * required) and optional `actor`, `channel`, `note`.
 *
 * @category Complaints
 */
export type ComplaintFlowEvent = ConversationStamp &
  (
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
    | TypedEvent<'CLOSE'>
  );

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
 * Every event carries `at` (epoch ms) and optionally `actor`, `channel` and `note`
 * ({@link ConversationStamp}). The context keeps `startedAt`, `lastAt` and `lastActor`; an event
 * dated before the previous one is refused with `reason.code` `'OUT_OF_ORDER'`
 * (`details: { at, lastAt }`) and the snapshot is unchanged. `assessInteraction(complaintFlow, log)`
 * scores a recorded conversation, with its duration from the events' `at`.
 *
 * Invariants every snapshot satisfies (`restoreSnapshot` checks them): the clock is unset exactly
 * in `listening` and `startedAt <= lastAt`; `closed` has its documentation; the states after a
 * proposal have one; rejections never outnumber proposals; `escalated` names whom.
 *
 * @example
 * ```ts
 * import { initialSnapshot, transition } from 'servicecraft';
 * import { complaintFlow } from 'servicecraft/complaints';
 *
 * const start = initialSnapshot(complaintFlow);
 * const sorry = transition(complaintFlow, start, { type: 'APOLOGIZE', at: 60_000, actor: 'ana' });
 * if (sorry.ok) console.log(sorry.snapshot.context.lastActor); // 'ana'
 * const refused = transition(complaintFlow, start, {
 *   type: 'PROPOSE_SOLUTION',
 *   at: 60_000,
 *   solution: 'Refund',
 * });
 * if (!refused.ok) console.log(refused.error.message);
 * // Event PROPOSE_SOLUTION is not allowed in state 'listening'; allowed: APOLOGIZE.
 * ```
 *
 * @category Complaints
 */
export const complaintFlow: ComplaintFlow = defineMachine({
  id: 'complaint-flow',
  version: 2,
  migrations: { 1: addClock },
  initial: 'listening',
  description: 'Handling one complaint conversation, from listening to a documented close.',
  meta: {
    source:
      'Customer Service: Developing skills for providing exceptional service and managing customer interactions (training article), section on handling customer complaints',
  },
  refusals: complaintFlowRefusals,
  invariants: {
    ...clockInvariants('listening'),
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
    proposals: z.number().check(z.int(), z.gte(0)).default(0),
    rejections: z.number().check(z.int(), z.gte(0)).default(0),
    escalatedTo: z.string().nullable().default(null),
    documentation: z.string().nullable().default(null),
    ...clockFields,
  }),
  events: {
    APOLOGIZE: conversationStamp,
    INVESTIGATE: conversationStamp,
    PROPOSE_SOLUTION: conversationStamp.extend({
      solution: text,
      remedy: z.enum(remedies).optional(),
    }),
    ACCEPT: conversationStamp,
    REJECT: conversationStamp.extend({
      escalateTo: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)).optional(),
      reason: text.optional(),
    }),
    FOLLOW_UP: conversationStamp.extend({ satisfied: z.boolean() }),
    DOCUMENT: conversationStamp.extend({ record: text }),
    CLOSE: conversationStamp,
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
      on: { APOLOGIZE: { target: 'apologizing', update: stamped() } },
    },
    apologizing: {
      description: 'Apologise sincerely',
      on: { INVESTIGATE: { target: 'investigating', update: stamped() } },
    },
    investigating: {
      description: 'Check order details, history, colleagues',
      on: {
        PROPOSE_SOLUTION: {
          target: 'proposed',
          update: stamped((context, event) => ({
            ...context,
            solution: event.solution,
            remedy: event.remedy ?? null,
            proposals: context.proposals + 1,
          })),
        },
      },
    },
    proposed: {
      description: 'A solution, chosen with the customer, awaits their answer',
      on: {
        ACCEPT: { target: 'followingUp', update: stamped() },
        REJECT: [
          {
            target: 'escalated',
            guard: 'escalationRequested',
            update: stamped((context, event) => ({
              ...context,
              rejections: context.rejections + 1,
              escalatedTo: event.escalateTo ?? context.escalatedTo,
            })),
          },
          {
            target: 'investigating',
            update: stamped((context) => ({ ...context, rejections: context.rejections + 1 })),
          },
        ],
      },
    },
    escalated: {
      description: 'Handed to a higher authority, who investigates again',
      on: { INVESTIGATE: { target: 'investigating', update: stamped() } },
    },
    followingUp: {
      description: 'Check the fix arrived and the customer is satisfied',
      on: {
        FOLLOW_UP: [
          { target: 'documenting', guard: 'customerSatisfied', update: stamped() },
          { target: 'investigating', description: 'not satisfied yet', update: stamped() },
        ],
      },
    },
    documenting: {
      description: 'Record the complaint and the steps taken, for recurring-issue analysis',
      on: {
        DOCUMENT: {
          target: 'documenting',
          update: stamped((context, event) => ({ ...context, documentation: event.record })),
        },
        CLOSE: { target: 'closed', guard: 'documented', update: stamped() },
      },
    },
    closed: { type: 'final', description: 'Handled and documented' },
  },
});
