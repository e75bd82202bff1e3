import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import {
  DefinitionError,
  defineMachine,
  initialSnapshot,
  nextWakeUp,
  transition,
  transitionOrThrow,
  UsageError,
} from '../../src/index.js';
import { steps } from './fixtures.js';

const hold = defineMachine({
  id: 'hold',
  version: 1,
  initial: 'idle',
  context: z.object({ until: z.number().nullable().default(null) }),
  events: {
    HOLD: z.object({ at: z.number(), ms: z.number().int().positive() }),
    EXPIRE: z.object({ at: z.number() }),
    RELEASE: null,
  },
  states: {
    idle: {
      on: { HOLD: { target: 'held', update: ({ event }) => ({ until: event.at + event.ms }) } },
    },
    held: {
      on: {
        EXPIRE: { target: 'idle', update: () => ({ until: null }) },
        RELEASE: 'released',
      },
    },
    released: { type: 'final' },
  },
  wakeUp: ({ state, context }) =>
    state === 'held' && context.until !== null
      ? { at: context.until, event: { type: 'EXPIRE', at: context.until }, reason: 'hold.expiry' }
      : undefined,
});

describe('nextWakeUp', () => {
  it('returns the declared wake-up, typed by the machine’s input events', () => {
    const held = transitionOrThrow(hold, initialSnapshot(hold), { type: 'HOLD', at: 5, ms: 60 });
    const wake = nextWakeUp(hold, held);
    expect(wake).toEqual({ at: 65, event: { type: 'EXPIRE', at: 65 }, reason: 'hold.expiry' });
    expectTypeOf(wake?.event.type).toEqualTypeOf<'HOLD' | 'EXPIRE' | 'RELEASE' | undefined>();
    expectTypeOf(wake?.at).toEqualTypeOf<number | undefined>();
    // The event it names is accepted at that time.
    expect(wake && transition(hold, held, wake.event).ok).toBe(true);
  });

  it('is undefined when nothing is due, in a final state, and for a machine with no rule', () => {
    expect(nextWakeUp(hold, initialSnapshot(hold))).toBeUndefined();
    const held = transitionOrThrow(hold, initialSnapshot(hold), { type: 'HOLD', at: 0, ms: 1 });
    expect(nextWakeUp(hold, transitionOrThrow(hold, held, { type: 'RELEASE' }))).toBeUndefined();
    expect(nextWakeUp(steps, initialSnapshot(steps))).toBeUndefined();
  });

  it('is undefined at the last safe revision, which no event can follow (regression)', () => {
    const held = transitionOrThrow(hold, initialSnapshot(hold), { type: 'HOLD', at: 0, ms: 1 });
    const last = { ...held, revision: Number.MAX_SAFE_INTEGER };
    expect(transition(hold, last, { type: 'EXPIRE', at: 1 }).ok).toBe(false);
    expect(nextWakeUp(hold, last)).toBeUndefined();
    expect(nextWakeUp(hold, { ...held, revision: -1 })).toBeUndefined();
    expect(nextWakeUp(hold, { ...held, revision: Number.MAX_SAFE_INTEGER - 1 })).toBeDefined();
  });

  it('throws a UsageError for a snapshot of another machine, leaving it untouched', () => {
    const foreign = initialSnapshot(steps);
    const before = structuredClone(foreign);
    expect(() => nextWakeUp(hold, foreign as never)).toThrow(UsageError);
    expect(() => nextWakeUp(hold, foreign as never)).toThrow(
      /nextWakeUp needs a snapshot of machine 'hold' version 1/,
    );
    expect(() => nextWakeUp(hold, null as never)).toThrow(UsageError);
    expect(foreign).toEqual(before);
  });

  it('throws a UsageError naming the machine when its rule returns something that is not a wake-up', () => {
    for (const bad of [
      { at: Number.NaN, event: { type: 'GO' }, reason: 'x' },
      { at: 1, event: { type: 'NOPE' }, reason: 'x' },
      { at: 1, event: { type: 'GO' } },
      'soon',
    ]) {
      const m = defineMachine({
        id: 'bad-rule',
        version: 1,
        initial: 'a',
        events: { GO: null },
        states: { a: { on: { GO: 'a' } } },
        wakeUp: () => bad as never,
      });
      expect(() => nextWakeUp(m, initialSnapshot(m))).toThrow(
        /The wakeUp rule of machine 'bad-rule' returned .*; expected \{ at: a finite number/,
      );
    }
  });

  it('rejects a wakeUp that is not a function at definition time', () => {
    const define = () =>
      defineMachine({
        id: 'x',
        version: 1,
        initial: 'a',
        events: { GO: null },
        states: { a: { on: { GO: 'a' } } },
        wakeUp: 5 as never,
      });
    expect(define).toThrow(DefinitionError);
    expect(define).toThrow(/wakeUp must be a function/);
  });

  it('depends only on the snapshot: same answer twice, snapshot unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              type: fc.constant('HOLD' as const),
              at: fc.integer({ min: 0, max: 1e12 }),
              ms: fc.integer({ min: 1, max: 1e9 }),
            }),
            fc.record({ type: fc.constant('EXPIRE' as const), at: fc.integer({ min: 0 }) }),
          ),
          { maxLength: 20 },
        ),
        (events) => {
          let snap = initialSnapshot(hold);
          for (const event of events) {
            const r = transition(hold, snap, event);
            if (r.ok) snap = r.snapshot;
            const before = structuredClone(snap);
            const wake = nextWakeUp(hold, snap);
            expect(nextWakeUp(hold, snap)).toEqual(wake);
            expect(snap).toEqual(before);
            // A held snapshot always has a wake-up at its expiry; nothing else has one.
            expect(wake?.at).toBe(
              snap.state === 'held' ? (snap.context.until ?? undefined) : undefined,
            );
          }
        },
      ),
    );
  });
});
