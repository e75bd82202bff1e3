import * as z from 'zod';
import { defineMachine } from '../../src/index.js';

/** The 9-state sales sequence used across core tests and benchmarks. */
export const steps = defineMachine({
  id: 'steps',
  version: 1,
  initial: 'approach',
  events: { NEXT: null, SKIP: null, RESTART: null },
  states: {
    approach: { on: { NEXT: 'determineNeeds' } },
    determineNeeds: { on: { NEXT: 'present' } },
    present: { on: { NEXT: 'handleObjections', SKIP: 'close' } },
    handleObjections: { on: { NEXT: 'close' } },
    close: { on: { NEXT: 'perform' } },
    perform: { on: { NEXT: 'followUp' } },
    followUp: { on: { NEXT: 'askReferrals', SKIP: 'done' } },
    askReferrals: { on: { NEXT: 'done' } },
    done: { on: { RESTART: 'approach' } },
  },
});

/** A ticket with context, payloads, guards, updates and a final state. */
export const ticket = defineMachine({
  id: 'ticket',
  version: 2,
  initial: 'open',
  context: z.object({
    replies: z.number().int().nonnegative().default(0),
    assignee: z.string().nullable().default(null),
  }),
  events: {
    REPLY: z.object({ at: z.number().int(), text: z.string().min(1) }),
    ASSIGN: z.object({ agent: z.string().min(1) }),
    SOLVE: null,
    REOPEN: null,
    CLOSE: null,
  },
  guards: {
    assigned: ({ context }) => context.assignee !== null,
    answered: ({ context }) => context.replies > 0,
  },
  states: {
    open: {
      description: 'Waiting for an agent',
      on: {
        REPLY: {
          target: 'open',
          update: ({ context }) => ({ ...context, replies: context.replies + 1 }),
        },
        ASSIGN: {
          target: 'open',
          update: ({ context, event }) => ({ ...context, assignee: event.agent }),
        },
        SOLVE: [{ target: 'solved', guard: 'assigned' }],
      },
    },
    solved: { on: { REOPEN: 'open', CLOSE: { target: 'closed', guard: 'answered' } } },
    closed: { type: 'final' },
  },
  migrations: {
    1: ({ state, context }) => ({
      state: state === 'pending' ? 'open' : state,
      context: { ...(context as object), assignee: null },
    }),
  },
});
