import { describe, expect, it, vi } from 'vitest';
import {
  createFlow,
  defineMachine,
  initialSnapshot,
  replay,
  replayOrThrow,
  TransitionError,
  toMermaid,
  transitionOrThrow,
} from '../../src/index.js';
import { steps, ticket } from './fixtures.js';

const next = { type: 'NEXT' } as const;

describe('replay', () => {
  it('folds a log and counts the events', () => {
    const result = replay(steps, [next, next, { type: 'SKIP' }]);
    expect(result).toEqual({
      ok: true,
      snapshot: {
        machine: 'steps',
        version: 1,
        state: 'close',
        context: {},
        status: 'active',
        revision: 3,
      },
      count: 3,
    });
  });

  it('stops at the first refused event with its index and the last good snapshot', () => {
    const result = replay(steps, [next, { type: 'SKIP' }, next]);
    expect(result).toMatchObject({
      ok: false,
      index: 1,
      error: { code: 'EVENT_NOT_ALLOWED', state: 'determineNeeds' },
      snapshot: { state: 'determineNeeds' },
    });
  });

  it('continues from a given snapshot and accepts any iterable', () => {
    function* log() {
      yield next;
      yield next;
    }
    const from = replayOrThrow(steps, [next]);
    expect(replayOrThrow(steps, log(), from).state).toBe('handleObjections');
    expect(replayOrThrow(steps, [])).toEqual(initialSnapshot(steps));
  });

  it('replayOrThrow prefixes the message with the index', () => {
    expect(() => replayOrThrow(steps, [next, { type: 'RESTART' }])).toThrow(
      new TransitionError({
        code: 'EVENT_NOT_ALLOWED',
        message: "Event #1: Event RESTART is not allowed in state 'determineNeeds'; allowed: NEXT.",
        state: 'determineNeeds',
        event: 'RESTART',
        allowed: ['NEXT'],
      }),
    );
  });
});

describe('createFlow', () => {
  it('sends events, tells listeners, and stops telling them after unsubscribe', () => {
    const flow = createFlow(steps);
    const listener = vi.fn();
    const stop = flow.subscribe(listener);
    expect(flow.send(next).ok).toBe(true);
    expect(listener).toHaveBeenCalledWith(flow.snapshot(), {
      from: 'approach',
      to: 'determineNeeds',
      event: 'NEXT',
    });
    stop();
    flow.send(next);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(flow.snapshot().state).toBe('present');
    expect(flow.nextEvents()).toEqual(['NEXT', 'SKIP']);
    expect(flow.can({ type: 'RESTART' })).toBe(false);
  });

  it('does not move or notify on a refused event', () => {
    const flow = createFlow(ticket);
    const listener = vi.fn();
    flow.subscribe(listener);
    const before = flow.snapshot();
    const result = flow.send({ type: 'SOLVE' });
    expect(result.ok).toBe(false);
    expect(flow.snapshot()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
  });

  it('runs every listener, then rethrows the first listener error; the transition stands', () => {
    const flow = createFlow(steps, transitionOrThrow(steps, initialSnapshot(steps), next));
    const after = vi.fn();
    flow.subscribe(() => {
      throw new Error('listener broke');
    });
    flow.subscribe(after);
    expect(() => flow.send(next)).toThrow('listener broke');
    expect(after).toHaveBeenCalledOnce();
    expect(flow.snapshot().state).toBe('present');
    expect(flow.machine).toBe(steps);
  });
});

describe('toMermaid', () => {
  it('renders initial, transitions with guards, descriptions and final states', () => {
    expect(toMermaid(ticket)).toBe(
      [
        'stateDiagram-v2',
        '  open : open',
        '  open : Waiting for an agent',
        '  [*] --> open',
        '  open --> open : REPLY',
        '  open --> open : ASSIGN',
        '  open --> solved : SOLVE [assigned]',
        '  solved --> open : REOPEN',
        '  solved --> closed : CLOSE [answered]',
        '  closed --> [*]',
      ].join('\n'),
    );
  });

  it('aliases state names Mermaid cannot take and honours options', () => {
    const m = defineMachine({
      id: 'odd',
      version: 1,
      initial: 'not yet',
      events: { GO: null },
      states: { 'not yet': { description: 'a: b', on: { GO: 'done' } }, done: { type: 'final' } },
    });
    expect(toMermaid(m, { direction: 'LR', descriptions: false })).toBe(
      [
        'stateDiagram-v2',
        '  direction LR',
        '  state "not yet" as s0',
        '  [*] --> s0',
        '  s0 --> done : GO',
        '  done --> [*]',
      ].join('\n'),
    );
    expect(toMermaid(m)).toContain('  s0 : not yet\n  s0 : a  b');
  });
});
