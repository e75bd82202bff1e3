import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import {
  type ContextFrom,
  defineMachine,
  type EventFrom,
  type EventInputFrom,
  initialSnapshot,
  type Machine,
  type SnapshotFrom,
  type StateFrom,
  type TransitionResultFrom,
  type TypedEvent,
  transition,
} from '../../src/index.js';
import { steps, ticket } from './fixtures.js';

describe('inferred types', () => {
  it('infers state names, events and context as literal types', () => {
    expectTypeOf<StateFrom<typeof ticket>>().toEqualTypeOf<'open' | 'solved' | 'closed'>();
    expectTypeOf<EventFrom<typeof ticket>['type']>().toEqualTypeOf<
      'REPLY' | 'ASSIGN' | 'SOLVE' | 'REOPEN' | 'CLOSE'
    >();
    expectTypeOf<Extract<EventFrom<typeof ticket>, { type: 'REPLY' }>>().toEqualTypeOf<
      TypedEvent<'REPLY'> & { at: number; text: string }
    >();
    expectTypeOf<ContextFrom<typeof ticket>>().toEqualTypeOf<{
      replies: number;
      assignee: string | null;
    }>();
    expectTypeOf(initialSnapshot(ticket).state).toEqualTypeOf<'open' | 'solved' | 'closed'>();
    expectTypeOf(initialSnapshot(steps).context).toEqualTypeOf<Record<string, never>>();
    expectTypeOf<SnapshotFrom<typeof steps>['state']>().toEqualTypeOf<StateFrom<typeof steps>>();
  });

  it('types the result of transition', () => {
    const result = transition(ticket, initialSnapshot(ticket), { type: 'SOLVE' });
    expectTypeOf(result).toEqualTypeOf<TransitionResultFrom<typeof ticket>>();
    if (result.ok) {
      expectTypeOf(result.snapshot.state).toEqualTypeOf<'open' | 'solved' | 'closed'>();
      expectTypeOf(result.step.from).toEqualTypeOf<'open' | 'solved' | 'closed'>();
    } else {
      expectTypeOf(result.error.code).toEqualTypeOf<
        | 'UNKNOWN_EVENT'
        | 'INVALID_PAYLOAD'
        | 'EVENT_NOT_ALLOWED'
        | 'GUARD_REJECTED'
        | 'REFUSED'
        | 'FINAL_STATE'
        | 'INVALID_SNAPSHOT'
        | 'UPDATE_FAILED'
        | 'RULE_THREW'
      >();
      // A machine that declares no refusal codes has none to narrow to.
      expectTypeOf(result.error.reason?.code).toEqualTypeOf<undefined>();
    }
  });

  it('types the event given to updates from its own payload schema', () => {
    defineMachine({
      id: 'x',
      version: 1,
      initial: 'a',
      context: z.object({ who: z.string() }),
      events: { ASSIGN: z.object({ agent: z.string() }), DONE: null },
      states: {
        a: {
          on: {
            ASSIGN: {
              target: 'a',
              update: ({ event, context }) => {
                expectTypeOf(event).toEqualTypeOf<TypedEvent<'ASSIGN'> & { agent: string }>();
                return { ...context, who: event.agent };
              },
            },
            DONE: 'b',
          },
        },
        b: { type: 'final' },
      },
    });
  });
});

describe('zod/mini schemas', () => {
  it('infers context and payloads from zod/mini schemas like classic ones', () => {
    const counter = defineMachine({
      id: 'mini',
      version: 1,
      initial: 'counting',
      context: zm.object({ count: zm._default(zm.number(), 0) }),
      events: { ADD: zm.object({ by: zm.number() }), RESET: null },
      states: {
        counting: {
          on: {
            ADD: {
              target: 'counting',
              update: ({ context, event }) => {
                expectTypeOf(event).toEqualTypeOf<TypedEvent<'ADD'> & { by: number }>();
                return { count: context.count + event.by };
              },
            },
            RESET: { target: 'counting', update: () => ({ count: 0 }) },
          },
        },
      },
    });
    expectTypeOf<ContextFrom<typeof counter>>().toEqualTypeOf<{ count: number }>();
    // @ts-expect-error ADD needs `by`
    transition(counter, initialSnapshot(counter), { type: 'ADD' });
  });
});

describe('compile errors', () => {
  it('rejects a misspelt target, initial, guard or event', () => {
    defineMachine({
      id: 'x',
      version: 1,
      // @ts-expect-error 'strat' is not a state
      initial: 'strat',
      events: { GO: null },
      states: { start: { on: { GO: 'end' } }, end: { type: 'final' } },
    });
    defineMachine({
      id: 'x',
      version: 1,
      initial: 'start',
      events: { GO: null },
      // @ts-expect-error 'edn' is not a state
      states: { start: { on: { GO: 'edn' } }, end: { type: 'final' } },
    });
    defineMachine({
      id: 'x',
      version: 1,
      initial: 'start',
      events: { GO: null },
      guards: { ready: () => true },
      // @ts-expect-error 'redy' is not a guard
      states: { start: { on: { GO: { target: 'end', guard: 'redy' } } }, end: { type: 'final' } },
    });
    defineMachine({
      id: 'x',
      version: 1,
      initial: 'start',
      events: { GO: null },
      // @ts-expect-error STOP is not a declared event
      states: { start: { on: { GO: 'end', STOP: 'end' } }, end: { type: 'final' } },
    });
  });

  it('checks targets written as a transition or a list of candidates, never infers from them', () => {
    const machine = defineMachine({
      id: 'x',
      version: 1,
      initial: 'start',
      events: { GO: null, BACK: null },
      states: {
        start: {
          on: {
            // @ts-expect-error 'edn' is not a state (a transition object)
            GO: { target: 'edn' },
            // @ts-expect-error 'strt' is not a state (a list of candidates)
            BACK: [{ target: 'end' }, { target: 'strt' }],
          },
        },
        end: { type: 'final' },
      },
    });
    expectTypeOf<StateFrom<typeof machine>>().toEqualTypeOf<'start' | 'end'>();
  });

  it('rejects an update that returns the wrong context shape', () => {
    defineMachine({
      id: 'x',
      version: 1,
      initial: 'a',
      context: z.object({ n: z.number() }),
      events: { GO: null },
      states: {
        a: {
          on: {
            // @ts-expect-error the update returns a string where a number is expected
            GO: { target: 'b', update: () => ({ n: 'one' }) },
          },
        },
        b: { type: 'final' },
      },
    });
  });

  it('rejects a wrong event, a missing payload field, and a snapshot of another machine', () => {
    const snapshot = initialSnapshot(ticket);
    // @ts-expect-error ESCALATE is not an event of ticket
    transition(ticket, snapshot, { type: 'ESCALATE' });
    // @ts-expect-error REPLY needs `at` and `text`
    transition(ticket, snapshot, { type: 'REPLY', text: 'hi' });
    // @ts-expect-error a steps snapshot is not a ticket snapshot
    transition(ticket, initialSnapshot(steps), { type: 'SOLVE' });
  });
});

describe('machine types', () => {
  it('are covariant: a machine fits where a wider one is expected, not the reverse', () => {
    expectTypeOf(ticket).toExtend<Machine>();
    expectTypeOf<Machine<'a'>>().toExtend<Machine<'a' | 'b'>>();
    expectTypeOf<Machine<'a' | 'b'>>().not.toExtend<Machine<'a'>>();
    expectTypeOf<Machine<string, TypedEvent<'GO'>>>().not.toExtend<
      Machine<string, TypedEvent<'STOP'>>
    >();
    expectTypeOf<Machine<string, TypedEvent<'GO'>, { n: number }>>().not.toExtend<
      Machine<string, TypedEvent<'GO'>, { n: string }>
    >();
    expectTypeOf<Machine<string, TypedEvent<'GO'>, unknown, TypedEvent<'GO'>, 'A'>>().toExtend<
      Machine<string, TypedEvent<'GO'>, unknown, TypedEvent<'GO'>, 'A' | 'B'>
    >();
    expectTypeOf<
      Machine<string, TypedEvent<'GO'>, unknown, TypedEvent<'GO'>, 'A' | 'B'>
    >().not.toExtend<Machine<string, TypedEvent<'GO'>, unknown, TypedEvent<'GO'>, 'A'>>();
  });
});

describe('send-side event types', () => {
  it('lets callers omit fields with a zod default; updates see them filled in', () => {
    const m = defineMachine({
      id: 'defaults',
      version: 1,
      initial: 'a',
      context: z.object({ channel: z.string().default('web') }),
      events: { NOTE: z.object({ channel: z.string().default('phone'), text: z.string() }) },
      states: {
        a: {
          on: {
            NOTE: {
              target: 'a',
              update: ({ event }) => {
                expectTypeOf(event.channel).toEqualTypeOf<string>();
                return { channel: event.channel };
              },
            },
          },
        },
      },
    });
    transition(m, initialSnapshot(m), { type: 'NOTE', text: 'hello' });
    expectTypeOf<EventInputFrom<typeof m>>().toEqualTypeOf<
      TypedEvent<'NOTE'> & { channel?: string | undefined; text: string }
    >();
    // @ts-expect-error text has no default
    transition(m, initialSnapshot(m), { type: 'NOTE' });
  });
});
