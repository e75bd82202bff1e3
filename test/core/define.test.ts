import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type DefinitionError, defineMachine, isDefinitionError } from '../../src/index.js';
import { steps, ticket } from './fixtures.js';

/** Runs defineMachine on an untyped definition and returns the problems it reports. */
function problemsOf(definition: unknown) {
  try {
    defineMachine(definition as never);
  } catch (error) {
    expect(isDefinitionError(error)).toBe(true);
    return (error as DefinitionError).problems;
  }
  throw new Error('expected a DefinitionError');
}

const base = {
  id: 'm',
  version: 1,
  initial: 'a',
  events: { GO: null, BACK: null },
  states: { a: { on: { GO: 'b' } }, b: { type: 'final' } },
};

describe('defineMachine', () => {
  it('exposes states, events, final states and flat edges', () => {
    expect(ticket.states).toEqual(['open', 'solved', 'closed']);
    expect(ticket.events).toEqual(['REPLY', 'ASSIGN', 'SOLVE', 'REOPEN', 'CLOSE']);
    expect(ticket.finalStates).toEqual(['closed']);
    expect(ticket.edges).toEqual([
      { from: 'open', event: 'REPLY', to: 'open', updates: true, index: 0 },
      { from: 'open', event: 'ASSIGN', to: 'open', updates: true, index: 0 },
      { from: 'open', event: 'SOLVE', to: 'solved', updates: false, index: 0, guard: 'assigned' },
      { from: 'solved', event: 'REOPEN', to: 'open', updates: false, index: 0 },
      { from: 'solved', event: 'CLOSE', to: 'closed', updates: false, index: 0, guard: 'answered' },
    ]);
    expect(Object.isFrozen(steps)).toBe(true);
    expect(steps.finalStates).toEqual([]);
  });

  it('accepts a valid minimal definition, and a lone state that loops on itself', () => {
    expect(defineMachine(base as never).initial).toBe('a');
    const counter = { ...base, states: { a: { on: { GO: 'a' } } } };
    expect(defineMachine(counter as never).states).toEqual(['a']);
  });

  it('lists every problem at once, each with a code and a path', () => {
    const problems = problemsOf({
      id: '',
      version: 0,
      initial: 'nowhere',
      events: { GO: null, BACK: null, BAD: 42 },
      guards: { ok: () => true, notFn: 'x' },
      states: {
        a: { on: { GO: 'c', STOP: 'b', BACK: [{ target: 'a' }, { target: 'b', guard: 'ok' }] } },
        b: { type: 'final', on: { GO: 'a' } },
        lonely: { on: { GO: { target: 'lonely', guard: 'missing' } } },
        weird: { type: 'initial', on: { GO: { nope: 1 } } },
      },
      migrations: { 0: () => ({}), 1: 'x' },
    });
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['INVALID_ID', 'id'],
      ['INVALID_VERSION', 'version'],
      ['INVALID_SCHEMA', 'events.BAD'],
      ['UNDEFINED_GUARD', 'guards.notFn'],
      ['MISSING_INITIAL', 'initial'],
      ['UNKNOWN_TARGET', 'states.a.on.GO'],
      ['UNDECLARED_EVENT', 'states.a.on.STOP'],
      ['INVALID_TRANSITION', 'states.a.on.BACK.0'],
      ['FINAL_WITH_TRANSITIONS', 'states.b.on'],
      ['UNDEFINED_GUARD', 'states.lonely.on.GO.guard'],
      ['INVALID_TRANSITION', 'states.weird.type'],
      ['INVALID_TRANSITION', 'states.weird.on.GO'],
      ['DEAD_END', 'states.lonely'],
      ['DEAD_END', 'states.weird'],
      ['INVALID_MIGRATION', 'migrations.0'],
      ['INVALID_MIGRATION', 'migrations.1'],
      ['INVALID_MIGRATION', 'migrations.1'],
    ]);
  });

  it('reports unreachable states and dead ends', () => {
    const problems = problemsOf({
      ...base,
      states: { a: { on: { GO: 'b' } }, b: { on: { BACK: 'b' } }, c: { type: 'final' } },
    });
    expect(problems).toEqual([
      {
        code: 'UNREACHABLE_STATE',
        path: ['states', 'c'],
        message: "State 'c' cannot be reached from the initial state 'a'.",
      },
      {
        code: 'DEAD_END',
        path: ['states', 'b'],
        message:
          "State 'b' is not final but has no transition to another state; add one or mark it { type: 'final' }.",
      },
    ]);
  });

  it('formats one readable message with every problem', () => {
    expect(() => defineMachine({ ...base, initial: 'x' } as never)).toThrow(
      "Machine 'm' has 1 definition problem:\n  - initial: initial must name one of the states (a, b), received x.",
    );
  });

  it('rejects reserved names, empty state sets, bad schemas and non-objects', () => {
    expect(problemsOf({ ...base, states: {} }).map((p) => p.code)).toEqual(['NO_STATES']);
    expect(problemsOf(null).map((p) => p.code)).toEqual(['NO_STATES']);
    expect(problemsOf({ ...base, context: 'ctx' }).map((p) => p.code)).toEqual(['INVALID_SCHEMA']);
    expect(problemsOf({ ...base, events: 'GO' }).map((p) => p.code)).toContain('INVALID_SCHEMA');
    const reserved = problemsOf({
      ...base,
      events: { ...base.events, constructor: null },
      states: { a: { on: { GO: 'prototype' } }, prototype: { type: 'final' } },
    });
    expect(reserved.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['RESERVED_NAME', 'events.constructor'],
      ['RESERVED_NAME', 'states.prototype'],
    ]);
    expect(
      problemsOf({ ...base, states: { a: { on: { GO: [] } }, b: { type: 'final' } } }).map(
        (p) => p.code,
      ),
    ).toContain('INVALID_TRANSITION');
    expect(
      problemsOf({
        ...base,
        states: { a: { on: { GO: { target: 'b', update: 1 } } }, b: { type: 'final' } },
      }),
    ).toEqual([
      {
        code: 'INVALID_TRANSITION',
        path: ['states', 'a', 'on', 'GO', 'update'],
        message: "The update for GO in 'a' must be a function.",
      },
    ]);
    expect(
      problemsOf({ ...base, states: { a: 'x', b: { type: 'final' } } }).map((p) => p.code),
    ).toContain('INVALID_TRANSITION');
    expect(problemsOf({ ...base, migrations: [] }).map((p) => p.code)).toEqual([
      'INVALID_MIGRATION',
    ]);
  });

  it('accepts zod schemas for context and payloads', () => {
    const m = defineMachine({
      id: 'z',
      version: 3,
      initial: 'a',
      context: z.object({ n: z.number() }),
      events: { GO: z.object({ by: z.string() }) },
      states: { a: { on: { GO: 'b' } }, b: { type: 'final' } },
      migrations: { 1: (s) => s, 2: (s) => s },
    });
    expect(m.version).toBe(3);
    expect(m.definition.events.GO).toBeDefined();
  });
});

describe('definition messages quote what is not a number', () => {
  it('describes a string version as a string', () => {
    const define = () =>
      defineMachine({
        id: 'v',
        version: '1' as never,
        initial: 'a',
        events: { GO: null },
        states: { a: { on: { GO: 'a' } } },
      });
    expect(define).toThrow('The version must be a positive integer, received the string "1".');
  });
});
