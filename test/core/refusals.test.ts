import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  can,
  createFlow,
  DefinitionError,
  defineMachine,
  initialSnapshot,
  isRefusal,
  isServicecraftError,
  nextEvents,
  refusal,
  restoreSnapshot,
  type Snapshot,
  SnapshotError,
  transition,
} from '../../src/index.js';

/** A wallet whose rules refuse from a guard (PAY) and from an update (TOP_UP). */
function wallet(options: { validateUpdates?: boolean; calls?: { update: number } } = {}) {
  const calls = options.calls ?? { update: 0 };
  return defineMachine({
    id: 'wallet',
    version: 1,
    initial: 'open',
    context: z.object({ balance: z.number().int().default(0), frozen: z.boolean().default(false) }),
    ...(options.validateUpdates === undefined ? {} : { validateUpdates: options.validateUpdates }),
    events: {
      PAY: z.object({ amount: z.number().int().positive() }),
      TOP_UP: z.object({ amount: z.number().int().positive() }),
      DRAIN: null,
      FREEZE: null,
      CLOSE: null,
    },
    refusals: {
      INSUFFICIENT_FUNDS: 'The balance does not cover the payment.',
      TOP_UP_LIMIT: 'A single top-up is capped.',
      FROZEN: 'The wallet is frozen.',
    },
    invariants: {
      nonNegative: ({ context }) =>
        context.balance >= 0 || `the balance is ${context.balance}, below zero`,
      closedIsEmpty: ({ state, context }) => state !== 'closed' || context.balance === 0,
    },
    guards: {
      // false lets the next candidate try; a refusal ends the search.
      frozenStop: ({ context, refuse }) =>
        context.frozen && refuse('FROZEN', 'The wallet is frozen; nothing can be paid from it.'),
      funded: ({ context, event, refuse }) => {
        if (event.type !== 'PAY') return true;
        if (event.amount === undefined) return true; // the bare event nextEvents asks with
        return (
          context.balance >= event.amount ||
          refuse(
            'INSUFFICIENT_FUNDS',
            `Paying ${event.amount} needs that much; the balance is ${context.balance}.`,
            {
              balance: context.balance,
              requested: event.amount,
            },
          )
        );
      },
      empty: ({ context }) => context.balance === 0,
    },
    states: {
      open: {
        on: {
          PAY: [
            { target: 'open', guard: 'frozenStop' },
            {
              target: 'open',
              guard: 'funded',
              update: ({ context, event }) => ({
                ...context,
                balance: context.balance - event.amount,
              }),
            },
          ],
          TOP_UP: {
            target: 'open',
            update: ({ context, event, refuse }) => {
              calls.update++;
              if (event.amount > 1000) {
                return refuse(
                  'TOP_UP_LIMIT',
                  `A top-up of ${event.amount} is above the 1000 cap.`,
                  {
                    cap: 1000,
                  },
                );
              }
              return { ...context, balance: context.balance + event.amount };
            },
          },
          // A bug planted on purpose: it drives the balance below zero.
          DRAIN: { target: 'open', update: ({ context }) => ({ ...context, balance: -1 }) },
          FREEZE: { target: 'open', update: ({ context }) => ({ ...context, frozen: true }) },
          CLOSE: { target: 'closed', guard: 'empty' },
        },
      },
      closed: { type: 'final' },
    },
  });
}

describe('typed refusals', () => {
  it('a guard returns a refusal: REFUSED with the typed reason, details and allowed = nextEvents', () => {
    const m = wallet();
    const start = initialSnapshot(m, { balance: 10 });
    const before = structuredClone(start);
    const result = transition(m, start, { type: 'PAY', amount: 50 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.snapshot).toBe(start);
    expect(start).toEqual(before);
    expect(result.error).toEqual({
      code: 'REFUSED',
      message:
        "Event PAY was refused in state 'open' (INSUFFICIENT_FUNDS): Paying 50 needs that much; the balance is 10.",
      state: 'open',
      event: 'PAY',
      guard: 'funded',
      reason: {
        code: 'INSUFFICIENT_FUNDS',
        message: 'Paying 50 needs that much; the balance is 10.',
        details: { balance: 10, requested: 50 },
      },
      allowed: nextEvents(m, start),
    });
    // Narrowing needs no helper and no instanceof.
    if (result.error.reason?.code === 'INSUFFICIENT_FUNDS') {
      expect(result.error.reason.details).toEqual({ balance: 10, requested: 50 });
    }
  });

  it('a refusal stops the search: later candidates are not tried', () => {
    const m = wallet();
    const frozen = transition(m, initialSnapshot(m, { balance: 10 }), { type: 'FREEZE' });
    if (!frozen.ok) throw new Error('FREEZE should pass');
    const result = transition(m, frozen.snapshot, { type: 'PAY', amount: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason?.code).toBe('FROZEN');
      expect(result.error.code === 'REFUSED' && result.error.guard).toBe('frozenStop');
    }
    // A guard that refuses the bare event is not listed as possible.
    expect(nextEvents(m, frozen.snapshot)).not.toContain('PAY');
  });

  it('an update returns a refusal: evaluated once, REFUSED with guard undefined', () => {
    const calls = { update: 0 };
    const m = wallet({ calls });
    const start = initialSnapshot(m);
    const result = transition(m, start, { type: 'TOP_UP', amount: 5000 });
    expect(calls.update).toBe(1);
    expect(result).toMatchObject({
      ok: false,
      snapshot: start,
      error: {
        code: 'REFUSED',
        guard: undefined,
        reason: { code: 'TOP_UP_LIMIT', details: { cap: 1000 } },
      },
    });
    const accepted = transition(m, start, { type: 'TOP_UP', amount: 5 });
    expect(calls.update).toBe(2);
    expect(accepted.ok && accepted.snapshot.context.balance).toBe(5);
  });

  it('can, createFlow and nextEvents agree with transition on a refusal', () => {
    const m = wallet();
    const flow = createFlow(m, initialSnapshot(m, { balance: 3 }));
    expect(can(m, flow.snapshot(), { type: 'PAY', amount: 4 })).toBe(false);
    const sent = flow.send({ type: 'PAY', amount: 4 });
    expect(sent.ok).toBe(false);
    expect(flow.snapshot().context.balance).toBe(3);
    if (!sent.ok && sent.error.code === 'REFUSED') {
      expect(sent.error.allowed).toEqual(flow.nextEvents());
    }
  });

  it('a refusal with an undeclared code is a bug: RULE_THREW naming the code', () => {
    const m = defineMachine({
      id: 'sloppy',
      version: 1,
      initial: 'a',
      events: { GO: null },
      refusals: { KNOWN: 'A declared code.' },
      // A code built at run time escapes the type check; the engine still catches it.
      guards: { g: () => refusal(String('UNKNOWN') as 'KNOWN', 'nope') },
      states: { a: { on: { GO: { target: 'b', guard: 'g' } } }, b: { type: 'final' } },
    });
    const result = transition(m, initialSnapshot(m), { type: 'GO' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'RULE_THREW', rule: 'guard', name: 'g' },
    });
    if (!result.ok) {
      expect(result.error.message).toContain(`returned refusal code the string "UNKNOWN"`);
      expect(result.error.message).toContain('declared: KNOWN');
    }
  });

  it('refusal() and isRefusal(): only refusals made by the library are recognised', () => {
    const made = refusal('LATE', 'Too late.', { by: 3 });
    expect(isRefusal(made)).toBe(true);
    expect(made).toMatchObject({ code: 'LATE', message: 'Too late.', details: { by: 3 } });
    expect(isRefusal({ code: 'LATE', message: 'Too late.' })).toBe(false);
    expect(isRefusal(null)).toBe(false);
    // The brand is a registered symbol: another copy of the library recognises it.
    expect(isRefusal({ [Symbol.for('servicecraft.refusal')]: true, code: 'X', message: '' })).toBe(
      true,
    );
  });

  it('refusal codes and invariants are checked in the definition', () => {
    let caught: unknown;
    try {
      defineMachine({
        id: 'bad',
        version: 1,
        initial: 'a',
        events: { GO: null },
        refusals: { OK: 3 as unknown as string, __proto__: 'x' } as never,
        invariants: { broken: 'not a function' as never },
        states: { a: { on: { GO: 'a' } } },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DefinitionError);
    const codes = (caught as DefinitionError).problems.map((p) => p.code);
    expect(codes).toContain('INVALID_REFUSAL');
    expect(codes).toContain('INVALID_INVARIANT');
  });
});

describe('invariants', () => {
  it('a transition that would break an invariant fails with UPDATE_FAILED naming it', () => {
    const m = wallet();
    const start = initialSnapshot(m, { balance: 2 });
    const result = transition(m, start, { type: 'DRAIN' });
    expect(result).toMatchObject({
      ok: false,
      snapshot: start,
      error: {
        code: 'UPDATE_FAILED',
        invariants: ['nonNegative'],
        message:
          "Event DRAIN in state 'open' failed: the next snapshot breaks invariant 'nonNegative' (the balance is -1, below zero); the snapshot is unchanged.",
      },
    });
  });

  it('with validateUpdates: false transitions trust the updates, restore still checks', () => {
    const m = wallet({ validateUpdates: false });
    const drained = transition(m, initialSnapshot(m), { type: 'DRAIN' });
    expect(drained.ok).toBe(true);
    if (!drained.ok) return;
    const restored = restoreSnapshot(m, JSON.parse(JSON.stringify(drained.snapshot)));
    expect(restored.ok).toBe(false);
  });

  it('restoreSnapshot rejects an edited snapshot that breaks an invariant, naming it', () => {
    const m = wallet();
    const edited = { ...initialSnapshot(m), context: { balance: -5, frozen: false } };
    const result = restoreSnapshot(m, edited);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_SNAPSHOT');
    expect(result.error.problems).toEqual([
      {
        path: ['context'],
        message: "breaks invariant 'nonNegative': the balance is -5, below zero",
      },
    ]);
    const closed = {
      ...edited,
      state: 'closed',
      status: 'done',
      context: { balance: 4, frozen: false },
    };
    const second = restoreSnapshot(m, closed);
    expect(!second.ok && second.error.message).toContain(
      "breaks invariant 'closedIsEmpty': does not hold",
    );
  });

  it('initialSnapshot throws a SnapshotError when the initial context breaks an invariant', () => {
    const m = wallet();
    expect(() => initialSnapshot(m, { balance: -1 })).toThrow(SnapshotError);
    expect(() => initialSnapshot(m, { balance: -1 })).toThrow(/invariant 'nonNegative'/);
  });

  it('an invariant that throws is reported: RULE_THREW in a transition, a problem in restore', () => {
    const m = defineMachine({
      id: 'fragile',
      version: 1,
      initial: 'a',
      context: z.object({ items: z.array(z.number()).default([]) }),
      events: { ADD: null },
      invariants: {
        firstPositive: ({ context }) => {
          if (context.items.length > 1) throw new Error('cannot decide');
          return true;
        },
      },
      states: {
        a: {
          on: { ADD: { target: 'a', update: ({ context }) => ({ items: [...context.items, 1] }) } },
        },
      },
    });
    const one = transition(m, initialSnapshot(m), { type: 'ADD' });
    if (!one.ok) throw new Error('first ADD should pass');
    const two = transition(m, one.snapshot, { type: 'ADD' });
    expect(two).toMatchObject({
      ok: false,
      error: { code: 'RULE_THREW', rule: 'invariant', name: 'firstPositive' },
    });
    const restored = restoreSnapshot(m, { ...one.snapshot, context: { items: [1, 2] } });
    expect(!restored.ok && restored.error.message).toContain(
      "invariant 'firstPositive': threw (cannot decide)",
    );
  });

  it.each([
    ['an object without toString', () => Object.create(null)],
    [
      'an object whose toString throws',
      () => ({
        toString: () => {
          throw new Error('no');
        },
      }),
    ],
  ])('an invariant that throws %s is reported, never rethrown (regression)', (_, make) => {
    const m = defineMachine({
      id: 'unprintable',
      version: 1,
      initial: 'a',
      context: z.object({ n: z.number().default(0) }),
      events: { ADD: null },
      invariants: {
        small: ({ context }) => {
          if (context.n > 0) throw make();
          return true;
        },
      },
      states: {
        a: { on: { ADD: { target: 'a', update: ({ context }) => ({ n: context.n + 1 }) } } },
      },
    });
    const result = transition(m, initialSnapshot(m), { type: 'ADD' });
    expect(result).toMatchObject({ ok: false, error: { code: 'RULE_THREW', name: 'small' } });
    const restored = restoreSnapshot(m, { ...initialSnapshot(m), context: { n: 1 } });
    expect(!restored.ok && restored.error.message).toContain(
      "invariant 'small': threw (an unprintable value)",
    );
    expect(() => initialSnapshot(m, { n: 1 })).toThrow(SnapshotError);
  });

  it('property: every snapshot the wallet reaches satisfies its invariants and restores', () => {
    const m = wallet();
    const event = fc.oneof(
      fc.record({ type: fc.constant('PAY' as const), amount: fc.integer({ min: 1, max: 2000 }) }),
      fc.record({
        type: fc.constant('TOP_UP' as const),
        amount: fc.integer({ min: 1, max: 2000 }),
      }),
      fc.constant({ type: 'FREEZE' as const }),
      fc.constant({ type: 'CLOSE' as const }),
      fc.constant({ type: 'DRAIN' as const }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let snap = initialSnapshot(m);
        for (const e of events) {
          const result = transition(m, snap, e);
          if (result.ok) snap = result.snapshot;
          else expect(result.snapshot).toBe(snap);
          expect(restoreSnapshot(m, JSON.parse(JSON.stringify(snap))).ok).toBe(true);
        }
      }),
    );
  });
});

describe('machine definitions are frozen', () => {
  it('neither the caller nor a reader of machine.definition can change the machine', () => {
    const migrations: Record<
      number,
      (s: { state: string; context: unknown }) => { state: string; context: unknown }
    > = {
      1: (s) => s,
    };
    const definition = {
      id: 'frozen',
      version: 2,
      initial: 'a' as const,
      events: { GO: null },
      migrations,
      meta: { tags: ['x'] },
      states: { a: { on: { GO: 'b' as const } }, b: { type: 'final' as const } },
    };
    const m = defineMachine(definition);
    // The caller's object stays theirs, and changing it later does not reach the machine.
    expect(Object.isFrozen(definition)).toBe(false);
    migrations[1] = () => ({ state: 'b', context: {} });
    expect(
      restoreSnapshot(m, {
        machine: 'frozen',
        version: 1,
        state: 'a',
        context: {},
        status: 'active',
        revision: 0,
      }),
    ).toMatchObject({
      ok: true,
      snapshot: { state: 'a' },
    });
    // The machine's own copy is deeply frozen.
    expect(Object.isFrozen(m.definition)).toBe(true);
    expect(Object.isFrozen(m.definition.migrations)).toBe(true);
    expect(Object.isFrozen(m.definition.states.a)).toBe(true);
    expect(Object.isFrozen((m.definition.meta as { tags: string[] }).tags)).toBe(true);
    expect(() => {
      (m.definition.migrations as Record<number, unknown>)[1] = () => null;
    }).toThrow(TypeError);
  });
});

describe('misuse throws ServicecraftError subclasses', () => {
  it('a value that is not a machine is a UsageError', () => {
    const fake = { id: 'x', version: 1 } as never;
    expect(() => transition(fake, {} as Snapshot as never, { type: 'GO' } as never)).toThrow(
      'Expected a machine made by defineMachine().',
    );
    try {
      nextEvents(fake, initialSnapshot(wallet()) as never);
    } catch (error) {
      expect(isServicecraftError(error, 'UsageError')).toBe(true);
    }
  });
});

describe('schemas that throw while reporting', () => {
  it('a payload schema whose error message throws gives INVALID_PAYLOAD, never an exception', () => {
    const m = defineMachine({
      id: 'touchy',
      version: 1,
      initial: 'a',
      events: {
        SAY: z.object({
          text: z.string({
            error: () => {
              throw new RangeError('Maximum call stack size exceeded');
            },
          }),
        }),
      },
      states: { a: { on: { SAY: 'a' } } },
    });
    const start = initialSnapshot(m);
    let result: ReturnType<typeof transition> | undefined;
    expect(() => {
      result = transition(m, start, { type: 'SAY', text: 42 as unknown as string });
    }).not.toThrow();
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_PAYLOAD',
        message:
          "Event SAY has an invalid payload in state 'a': the value is nested too deeply or is too large to validate.",
      },
    });
  });
});
