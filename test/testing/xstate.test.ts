import { describe, expect, it } from 'vitest';
import { assign, createActor, createMachine } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { shortestPaths, toXStateConfig } from '../../src/testing/index.js';
import { steps, ticket } from '../core/fixtures.js';
import { door, generated } from './machines.js';

const load = (exported: ReturnType<typeof toXStateConfig>) =>
  createMachine(exported.config as never, exported.implementations as never);

describe('toXStateConfig', () => {
  it('exports a plain config with guards by name', () => {
    expect(toXStateConfig(door)).toEqual({
      config: {
        id: 'door',
        initial: 'closed',
        states: {
          closed: { on: { OPEN: [{ target: 'open' }] } },
          open: { on: { CLOSE: [{ target: 'closed' }] } },
        },
      },
      implementations: { guards: {}, actions: {} },
    });
    const exported = toXStateConfig(ticket);
    expect(exported.config.context).toEqual({ replies: 0, assignee: null });
    expect(exported.config.states.solved).toEqual({
      on: { REOPEN: [{ target: 'open' }], CLOSE: [{ target: 'closed', guard: 'answered' }] },
    });
    expect(exported.config.states.closed).toEqual({ type: 'final' });
    expect(exported.config.states.open?.description).toBe('Waiting for an agent');
    expect(Object.keys(exported.implementations.guards)).toEqual(['assigned', 'answered']);
  });

  it('loads in XState and runs like the original', () => {
    const actor = createActor(load(toXStateConfig(steps))).start();
    for (const type of ['NEXT', 'NEXT', 'SKIP']) actor.send({ type });
    expect(actor.getSnapshot().value).toBe('close');
    actor.stop();
  });

  it('lets xstate/graph find the same shortest paths', () => {
    for (const machine of [steps, door, generated(30)]) {
      const ours = Object.fromEntries(
        shortestPaths(machine).paths.map((p) => [p.target, p.events.length]),
      );
      const theirs = Object.fromEntries(
        getShortestPaths(load(toXStateConfig(machine))).map((p) => [
          p.state.value as string,
          p.steps.length - 1,
        ]),
      );
      expect(theirs).toEqual(ours);
    }
  });

  it('carries guards and, with assign, context updates', () => {
    const exported = toXStateConfig(ticket, { assign: assign as never });
    expect(Object.keys(exported.implementations.actions)).toEqual([
      'update:open:REPLY:0',
      'update:open:ASSIGN:0',
    ]);
    const actor = createActor(load(exported)).start();
    actor.send({ type: 'SOLVE' });
    expect(actor.getSnapshot().value).toBe('open'); // guard 'assigned' refused
    actor.send({ type: 'ASSIGN', agent: 'ana' });
    actor.send({ type: 'REPLY', at: 1, text: 'hi' });
    actor.send({ type: 'SOLVE' });
    actor.send({ type: 'CLOSE' });
    expect(actor.getSnapshot()).toMatchObject({
      value: 'closed',
      status: 'done',
      context: { replies: 1, assignee: 'ana' },
    });
  });

  it('without assign, contexts never change, so XState cannot pass context-dependent guards', () => {
    // No REPLY here: XState tells snapshots apart by context, so a growing counter never ends.
    const events = [{ type: 'ASSIGN', agent: 'ana' }, { type: 'SOLVE' }, { type: 'REOPEN' }];
    const reached = (exported: ReturnType<typeof toXStateConfig>) =>
      [
        ...new Set(
          getShortestPaths(load(exported), { events: events as never }).map((p) => p.state.value),
        ),
      ].sort();
    expect(reached(toXStateConfig(ticket))).toEqual(['open']);
    expect(reached(toXStateConfig(ticket, { assign: assign as never }))).toEqual([
      'open',
      'solved',
    ]);
  });

  it('refuses state names XState would read as paths', () => {
    const dotted = { ...door, states: ['a.b'] } as unknown as typeof door;
    expect(() => toXStateConfig(dotted)).toThrow(
      "State 'a.b' of machine 'door' cannot be exported to XState: XState reads '.' and a leading '#' in a state key as a path; rename the state.",
    );
  });
});
