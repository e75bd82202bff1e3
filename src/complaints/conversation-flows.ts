/**
 * Two more conversation presets from customer-service training material: handling a difficult customer, and resolving a
 * problem from its cause to a followed-up fix.
 *
 * @module
 */
import * as z from 'zod';
import { defineMachine, type Machine, type TypedEvent } from '../core/index.js';

const text = z.string().trim().min(1).max(2000);

/**
 * The context of {@link difficultCustomerFlow}.
 *
 * @category Complaints
 */
export interface DifficultCustomerContext {
  /** Whether a full resolution or a compromise is on the table. */
  readonly approach: 'resolution' | 'compromise' | null;
  /** What was offered. */
  readonly detail: string | null;
  /** Follow-ups that found the customer not yet satisfied. */
  readonly followUps: number;
}

/**
 * The events of {@link difficultCustomerFlow}.
 *
 * @category Complaints
 */
export type DifficultCustomerEvent =
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
    });

/**
 * The {@link difficultCustomerFlow} machine's type.
 *
 * @category Complaints
 */
export type DifficultCustomerFlow = Machine<
  'calm' | 'listening' | 'empathizing' | 'resolving' | 'followingUp' | 'satisfied',
  DifficultCustomerEvent,
  DifficultCustomerContext
>;

/**
 * The context of {@link problemResolutionFlow}.
 *
 * @category Complaints
 */
export interface ProblemResolutionContext {
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
 * The events of {@link problemResolutionFlow}.
 *
 * @category Complaints
 */
export type ProblemResolutionEvent =
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
    });

/**
 * The {@link problemResolutionFlow} machine's type.
 *
 * @category Complaints
 */
export type ProblemResolutionFlow = Machine<
  'understanding' | 'identifying' | 'formulating' | 'communicating' | 'followingUp' | 'resolved',
  ProblemResolutionEvent,
  ProblemResolutionContext
>;

/**
 * The difficult-customer flow of common customer-service training: stay calm → listen → empathise → resolve or compromise →
 * follow up. `calm` is a precondition on the agent (see its `meta`), not a customer step. A
 * solution can turn into a compromise within policy; an unsatisfied follow-up goes back to
 * resolving.
 *
 * @example
 * ```ts
 * import { difficultCustomerFlow, initialSnapshot, replayOrThrow } from 'servicecraft';
 *
 * const done = replayOrThrow(difficultCustomerFlow, [
 *   { type: 'LISTEN' },
 *   { type: 'EMPATHIZE' },
 *   { type: 'RESOLVE', approach: 'compromise', detail: 'Half refund and free delivery' },
 *   { type: 'AGREE' },
 *   { type: 'FOLLOW_UP', satisfied: true },
 * ]);
 * done.state; // 'satisfied'
 * ```
 *
 * @category Complaints
 */
export const difficultCustomerFlow: DifficultCustomerFlow = defineMachine({
  id: 'difficult-customer',
  version: 1,
  initial: 'calm',
  description: 'Turning an upset customer around: calm, listen, empathise, resolve, follow up.',
  meta: {
    source:
      'Customer Service: Developing skills for providing exceptional service and managing customer interactions (training article), section on managing difficult customer situations',
  },
  invariants: {
    offerRecorded: ({ state, context }) =>
      !['resolving', 'followingUp', 'satisfied'].includes(state) ||
      (context.approach !== null && context.detail !== null) ||
      `state '${state}' follows an offer, but approach or detail is null`,
  },
  context: z.object({
    approach: z.enum(['resolution', 'compromise']).nullable().default(null),
    detail: z.string().nullable().default(null),
    followUps: z.number().int().nonnegative().default(0),
  }),
  events: {
    LISTEN: null,
    EMPATHIZE: null,
    RESOLVE: z.strictObject({ approach: z.enum(['resolution', 'compromise']), detail: text }),
    COMPROMISE: z.strictObject({ detail: text }),
    AGREE: null,
    FOLLOW_UP: z.strictObject({ satisfied: z.boolean() }),
  },
  guards: { satisfied: ({ event }) => event.type === 'FOLLOW_UP' && event.satisfied === true },
  states: {
    calm: {
      description: 'The agent is composed before engaging',
      meta: { precondition: true, actor: 'agent' },
      on: { LISTEN: 'listening' },
    },
    listening: {
      description: 'Listen actively; paraphrase back',
      on: { EMPATHIZE: 'empathizing' },
    },
    empathizing: {
      description: 'Acknowledge the feelings behind the complaint',
      on: {
        RESOLVE: {
          target: 'resolving',
          update: ({ context, event }) => ({
            ...context,
            approach: event.approach,
            detail: event.detail,
          }),
        },
      },
    },
    resolving: {
      description: 'A solution or a compromise within policy is on the table',
      on: {
        COMPROMISE: {
          target: 'resolving',
          update: ({ context, event }) => ({
            ...context,
            approach: 'compromise' as const,
            detail: event.detail,
          }),
        },
        AGREE: 'followingUp',
      },
    },
    followingUp: {
      description: 'Confirm the customer is satisfied',
      on: {
        FOLLOW_UP: [
          { target: 'satisfied', guard: 'satisfied' },
          {
            target: 'resolving',
            update: ({ context }) => ({ ...context, followUps: context.followUps + 1 }),
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
 * @example
 * ```ts
 * import { initialSnapshot, nextEvents, problemResolutionFlow } from 'servicecraft';
 *
 * nextEvents(problemResolutionFlow, initialSnapshot(problemResolutionFlow)); // ['IDENTIFY']
 * ```
 *
 * @category Complaints
 */
export const problemResolutionFlow: ProblemResolutionFlow = defineMachine({
  id: 'problem-resolution',
  version: 1,
  initial: 'understanding',
  description: 'From the cause of discontent to a solution that was implemented.',
  meta: {
    source:
      'Customer Service: Developing skills for providing exceptional service and managing customer interactions (training article), section on problem resolution',
  },
  invariants: {
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
    revisions: z.number().int().nonnegative().default(0),
  }),
  events: {
    IDENTIFY: z.strictObject({ cause: text }),
    FORMULATE: z.strictObject({ specifics: text }),
    COMMUNICATE: z.strictObject({ solution: text, compromise: z.boolean() }),
    REFORMULATE: z.strictObject({ reason: text }),
    FOLLOW_UP: null,
    CONFIRM: z.strictObject({ implemented: z.boolean() }),
  },
  guards: { implemented: ({ event }) => event.type === 'CONFIRM' && event.implemented === true },
  states: {
    understanding: {
      description: 'Find what triggered the discontent',
      on: {
        IDENTIFY: {
          target: 'identifying',
          update: ({ context, event }) => ({ ...context, cause: event.cause }),
        },
      },
    },
    identifying: {
      description: 'Pin down exactly what upset the customer',
      on: {
        FORMULATE: {
          target: 'formulating',
          update: ({ context, event }) => ({ ...context, specifics: event.specifics }),
        },
      },
    },
    formulating: {
      description: 'Shape a solution, or a compromise',
      on: {
        COMMUNICATE: {
          target: 'communicating',
          update: ({ context, event }) => ({
            ...context,
            solution: event.solution,
            compromise: event.compromise,
          }),
        },
      },
    },
    communicating: {
      description: 'Explain it, validating feelings and apologising',
      on: {
        FOLLOW_UP: 'followingUp',
        REFORMULATE: {
          target: 'formulating',
          update: ({ context }) => ({ ...context, revisions: context.revisions + 1 }),
        },
      },
    },
    followingUp: {
      description: 'Check the solution was carried out',
      on: {
        CONFIRM: [
          { target: 'resolved', guard: 'implemented' },
          {
            target: 'formulating',
            update: ({ context }) => ({ ...context, revisions: context.revisions + 1 }),
            description: 'not implemented',
          },
        ],
      },
    },
    resolved: { type: 'final', description: 'Solved and confirmed' },
  },
});
