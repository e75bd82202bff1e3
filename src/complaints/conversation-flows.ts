/**
 * Two more conversation presets from customer-service training material: handling a difficult customer, and resolving a
 * problem from its cause to a followed-up fix.
 *
 * @module
 */
import * as z from 'zod';
import { defineMachine, type Machine, type TypedEvent } from '../core/index.js';
import {
  addClock,
  type ConversationClock,
  type ConversationRefusal,
  type ConversationStamp,
  clockFields,
  clockInvariants,
  conversationRefusals,
  conversationStamp,
  stamped,
} from './flow-clock.js';

const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));

/**
 * The context of {@link difficultCustomerFlow}: the offer on the table, and the conversation's
 * clock.
 *
 * @category Complaints
 */
export interface DifficultCustomerContext extends ConversationClock {
  /** Whether a full resolution or a compromise is on the table. */
  readonly approach: 'resolution' | 'compromise' | null;
  /** What was offered. */
  readonly detail: string | null;
  /** Follow-ups that found the customer not yet satisfied. */
  readonly followUps: number;
}

/**
 * The events of {@link difficultCustomerFlow}. Each carries a {@link ConversationStamp}: `at`
 * (epoch ms, required) and optional `actor`, `channel`, `note`.
 *
 * @category Complaints
 */
export type DifficultCustomerEvent = ConversationStamp &
  (
    | TypedEvent<'LISTEN'>
    | TypedEvent<'EMPATHIZE'>
    | (TypedEvent<'RESOLVE'> & {
        /** A full resolution, or a compromise within policy. */
        readonly approach: 'resolution' | 'compromise';
        /** What is offered. */
        readonly detail: string;
      })
    | (TypedEvent<'COMPROMISE'> & {
        /** The compromise offered instead. */
        readonly detail: string;
      })
    | TypedEvent<'AGREE'>
    | (TypedEvent<'FOLLOW_UP'> & {
        /** Whether the customer is satisfied. */
        readonly satisfied: boolean;
      })
  );

/**
 * The {@link difficultCustomerFlow} machine's type; its refusal code is {@link ConversationRefusal}.
 *
 * @category Complaints
 */
export type DifficultCustomerFlow = Machine<
  'calm' | 'listening' | 'empathizing' | 'resolving' | 'followingUp' | 'satisfied',
  DifficultCustomerEvent,
  DifficultCustomerContext,
  DifficultCustomerEvent,
  ConversationRefusal
>;

/**
 * The context of {@link problemResolutionFlow}: what each step found, and the conversation's
 * clock.
 *
 * @category Complaints
 */
export interface ProblemResolutionContext extends ConversationClock {
  /** What triggered the discontent. */
  readonly cause: string | null;
  /** What exactly upset the customer. */
  readonly specifics: string | null;
  /** The solution communicated. */
  readonly solution: string | null;
  /** Whether it is a compromise. */
  readonly compromise: boolean;
  /** How often the solution was reworked. */
  readonly revisions: number;
}

/**
 * The events of {@link problemResolutionFlow}. Each carries a {@link ConversationStamp}: `at`
 * (epoch ms, required) and optional `actor`, `channel`, `note`.
 *
 * @category Complaints
 */
export type ProblemResolutionEvent = ConversationStamp &
  (
    | (TypedEvent<'IDENTIFY'> & {
        /** The cause found. */
        readonly cause: string;
      })
    | (TypedEvent<'FORMULATE'> & {
        /** The specifics found. */
        readonly specifics: string;
      })
    | (TypedEvent<'COMMUNICATE'> & {
        /** The solution. */
        readonly solution: string;
        /** Whether it is a compromise. */
        readonly compromise: boolean;
      })
    | (TypedEvent<'REFORMULATE'> & {
        /** Why the solution needs rework. */
        readonly reason: string;
      })
    | TypedEvent<'FOLLOW_UP'>
    | (TypedEvent<'CONFIRM'> & {
        /** Whether the solution was carried out. */
        readonly implemented: boolean;
      })
  );

/**
 * The {@link problemResolutionFlow} machine's type; its refusal code is {@link ConversationRefusal}.
 *
 * @category Complaints
 */
export type ProblemResolutionFlow = Machine<
  'understanding' | 'identifying' | 'formulating' | 'communicating' | 'followingUp' | 'resolved',
  ProblemResolutionEvent,
  ProblemResolutionContext,
  ProblemResolutionEvent,
  ConversationRefusal
>;

/**
 * The difficult-customer flow of common customer-service training: stay calm → listen → empathise → resolve or compromise →
 * follow up. `calm` is a precondition on the agent (see its `meta`), not a customer step. A
 * solution can turn into a compromise within policy; an unsatisfied follow-up goes back to
 * resolving.
 *
 * Every event carries `at` (epoch ms) and optionally `actor`, `channel` and `note`
 * ({@link ConversationStamp}); the context keeps `startedAt`, `lastAt` and `lastActor`, and an
 * event dated before the previous one is refused with `reason.code` `'OUT_OF_ORDER'`. Invariants:
 * the clock is unset exactly in `calm`, `startedAt <= lastAt`, and every state after an offer has
 * one recorded.
 *
 * @example
 * ```ts
 * import { replayOrThrow } from 'servicecraft';
 * import { difficultCustomerFlow } from 'servicecraft/complaints';
 *
 * const done = replayOrThrow(difficultCustomerFlow, [
 *   { type: 'LISTEN', at: 0, actor: 'sam' },
 *   { type: 'EMPATHIZE', at: 90_000 },
 *   { type: 'RESOLVE', at: 180_000, approach: 'compromise', detail: 'Half refund and free delivery' },
 *   { type: 'AGREE', at: 240_000 },
 *   { type: 'FOLLOW_UP', at: 86_400_000, actor: 'sam', satisfied: true },
 * ]);
 * done.state; // 'satisfied'
 * done.context.startedAt; // 0
 * done.context.lastAt; // 86400000: the follow-up came a day after listening began
 * done.context.lastActor; // 'sam'
 * ```
 *
 * @category Complaints
 */
export const difficultCustomerFlow: DifficultCustomerFlow = defineMachine({
  id: 'difficult-customer',
  version: 2,
  migrations: { 1: addClock },
  initial: 'calm',
  description: 'Turning an upset customer around: calm, listen, empathise, resolve, follow up.',
  meta: {
    source:
      'Customer Service: Developing skills for providing exceptional service and managing customer interactions (training article), section on managing difficult customer situations',
  },
  refusals: conversationRefusals,
  invariants: {
    ...clockInvariants('calm'),
    offerRecorded: ({ state, context }) =>
      !['resolving', 'followingUp', 'satisfied'].includes(state) ||
      (context.approach !== null && context.detail !== null) ||
      `state '${state}' follows an offer, but approach or detail is null`,
  },
  context: z.object({
    approach: z.enum(['resolution', 'compromise']).nullable().default(null),
    detail: z.string().nullable().default(null),
    followUps: z.number().check(z.int(), z.gte(0)).default(0),
    ...clockFields,
  }),
  events: {
    LISTEN: conversationStamp,
    EMPATHIZE: conversationStamp,
    RESOLVE: conversationStamp.extend({
      approach: z.enum(['resolution', 'compromise']),
      detail: text,
    }),
    COMPROMISE: conversationStamp.extend({ detail: text }),
    AGREE: conversationStamp,
    FOLLOW_UP: conversationStamp.extend({ satisfied: z.boolean() }),
  },
  guards: { satisfied: ({ event }) => event.type === 'FOLLOW_UP' && event.satisfied === true },
  states: {
    calm: {
      description: 'The agent is composed before engaging',
      meta: { precondition: true, actor: 'agent' },
      on: { LISTEN: { target: 'listening', update: stamped() } },
    },
    listening: {
      description: 'Listen actively; paraphrase back',
      on: { EMPATHIZE: { target: 'empathizing', update: stamped() } },
    },
    empathizing: {
      description: 'Acknowledge the feelings behind the complaint',
      on: {
        RESOLVE: {
          target: 'resolving',
          update: stamped((context, event) => ({
            ...context,
            approach: event.approach,
            detail: event.detail,
          })),
        },
      },
    },
    resolving: {
      description: 'A solution or a compromise within policy is on the table',
      on: {
        COMPROMISE: {
          target: 'resolving',
          update: stamped((context, event) => ({
            ...context,
            approach: 'compromise' as const,
            detail: event.detail,
          })),
        },
        AGREE: { target: 'followingUp', update: stamped() },
      },
    },
    followingUp: {
      description: 'Confirm the customer is satisfied',
      on: {
        FOLLOW_UP: [
          { target: 'satisfied', guard: 'satisfied', update: stamped() },
          {
            target: 'resolving',
            update: stamped((context) => ({ ...context, followUps: context.followUps + 1 })),
            description: 'not satisfied yet',
          },
        ],
      },
    },
    satisfied: { type: 'final', description: 'The customer confirmed satisfaction' },
  },
});

/**
 * The problem-resolution flow of common customer-service training: understand the cause → identify the specifics → formulate a
 * solution (a compromise where the expectation cannot be met) → communicate it → follow up on its
 * implementation. Each event records what the step it completes found. A disagreement while
 * communicating, or a fix not implemented at follow-up, returns to formulating.
 *
 * Every event carries `at` (epoch ms) and optionally `actor`, `channel` and `note`
 * ({@link ConversationStamp}); the context keeps `startedAt`, `lastAt` and `lastActor`, and an
 * event dated before the previous one is refused with `reason.code` `'OUT_OF_ORDER'`. Invariants:
 * the clock is unset exactly in `understanding`, `startedAt <= lastAt`, and each state has what
 * the steps before it found.
 *
 * @example
 * ```ts
 * import { initialSnapshot, nextEvents, transition } from 'servicecraft';
 * import { problemResolutionFlow } from 'servicecraft/complaints';
 *
 * const start = initialSnapshot(problemResolutionFlow);
 * nextEvents(problemResolutionFlow, start); // ['IDENTIFY']
 * const found = transition(problemResolutionFlow, start, {
 *   type: 'IDENTIFY',
 *   at: 1_000,
 *   actor: 'kim',
 *   channel: 'chat',
 *   cause: 'Late delivery',
 * });
 * if (found.ok) console.log(found.snapshot.context.startedAt); // 1000
 * ```
 *
 * @category Complaints
 */
export const problemResolutionFlow: ProblemResolutionFlow = defineMachine({
  id: 'problem-resolution',
  version: 2,
  migrations: { 1: addClock },
  initial: 'understanding',
  description: 'From the cause of discontent to a solution that was implemented.',
  meta: {
    source:
      'Customer Service: Developing skills for providing exceptional service and managing customer interactions (training article), section on problem resolution',
  },
  refusals: conversationRefusals,
  invariants: {
    ...clockInvariants('understanding'),
    findingsRecorded: ({ state, context }) => {
      const order = [
        'understanding',
        'identifying',
        'formulating',
        'communicating',
        'followingUp',
        'resolved',
      ];
      const step = order.indexOf(state);
      if (step >= 1 && context.cause === null) return `state '${state}' needs the cause`;
      if (step >= 2 && context.specifics === null) return `state '${state}' needs the specifics`;
      if (step >= 3 && context.solution === null) return `state '${state}' needs the solution`;
      return true;
    },
  },
  context: z.object({
    cause: z.string().nullable().default(null),
    specifics: z.string().nullable().default(null),
    solution: z.string().nullable().default(null),
    compromise: z.boolean().default(false),
    revisions: z.number().check(z.int(), z.gte(0)).default(0),
    ...clockFields,
  }),
  events: {
    IDENTIFY: conversationStamp.extend({ cause: text }),
    FORMULATE: conversationStamp.extend({ specifics: text }),
    COMMUNICATE: conversationStamp.extend({ solution: text, compromise: z.boolean() }),
    REFORMULATE: conversationStamp.extend({ reason: text }),
    FOLLOW_UP: conversationStamp,
    CONFIRM: conversationStamp.extend({ implemented: z.boolean() }),
  },
  guards: { implemented: ({ event }) => event.type === 'CONFIRM' && event.implemented === true },
  states: {
    understanding: {
      description: 'Find what triggered the discontent',
      on: {
        IDENTIFY: {
          target: 'identifying',
          update: stamped((context, event) => ({ ...context, cause: event.cause })),
        },
      },
    },
    identifying: {
      description: 'Pin down exactly what upset the customer',
      on: {
        FORMULATE: {
          target: 'formulating',
          update: stamped((context, event) => ({ ...context, specifics: event.specifics })),
        },
      },
    },
    formulating: {
      description: 'Shape a solution, or a compromise',
      on: {
        COMMUNICATE: {
          target: 'communicating',
          update: stamped((context, event) => ({
            ...context,
            solution: event.solution,
            compromise: event.compromise,
          })),
        },
      },
    },
    communicating: {
      description: 'Explain it, validating feelings and apologising',
      on: {
        FOLLOW_UP: { target: 'followingUp', update: stamped() },
        REFORMULATE: {
          target: 'formulating',
          update: stamped((context) => ({ ...context, revisions: context.revisions + 1 })),
        },
      },
    },
    followingUp: {
      description: 'Check the solution was carried out',
      on: {
        CONFIRM: [
          { target: 'resolved', guard: 'implemented', update: stamped() },
          {
            target: 'formulating',
            update: stamped((context) => ({ ...context, revisions: context.revisions + 1 })),
            description: 'not implemented',
          },
        ],
      },
    },
    resolved: { type: 'final', description: 'Solved and confirmed' },
  },
});
