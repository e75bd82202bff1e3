import { describe, expect, it } from 'vitest';
import {
  can,
  initialSnapshot,
  isFinal,
  isSnapshotError,
  isTransitionError,
  nextEvents,
  replayOrThrow,
  restoreSnapshot,
  type Snapshot,
  SnapshotError,
  TransitionError,
  transition,
  transitionOrThrow,
} from '../../src/index.js';
import { steps, ticket } from './fixtures.js';

const open = () => initialSnapshot(ticket);
const assigned = () => transitionOrThrow(ticket, open(), { type: 'ASSIGN', agent: 'ana' });
// Deliberately ill-typed inputs, as untyped callers (JSON, tests, JS users) may send them.
const raw = (value: unknown) => value as { type: 'SOLVE' };

/** Asserts a refusal and that the snapshot passed in comes back untouched (same object, same JSON). */
function refused(snapshot: Snapshot, event: unknown) {
  const before = JSON.stringify(snapshot);
  const result = transition(ticket, snapshot as ReturnType<typeof open>, raw(event));
  expect(result.ok).toBe(false);
  expect(result.snapshot).toBe(snapshot);
  expect(JSON.stringify(snapshot)).toBe(before);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

describe('initialSnapshot', () => {
  it('starts in the initial state with the schema defaults', () => {
    expect(open()).toEqual({
      machine: 'ticket',
      version: 2,
      state: 'open',
      context: { replies: 0, assignee: null },
      status: 'active',
      revision: 0,
    });
  });

  it('parses the input with the context schema', () => {
    expect(initialSnapshot(ticket, { replies: 3 }).context).toEqual({ replies: 3, assignee: null });
  });

  it('throws INVALID_CONTEXT with the zod issues for a bad input', () => {
    let caught: unknown;
    try {
      initialSnapshot(ticket, { replies: -1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SnapshotError);
    expect(isSnapshotError(caught)).toBe(true);
    const error = caught as SnapshotError;
    expect(error.code).toBe('INVALID_CONTEXT');
    expect(error.message).toBe(
      "The initial context of machine 'ticket' is invalid: replies: Too small: expected number to be >=0.",
    );
    expect(error.issue.problems).toEqual([
      { path: ['context', 'replies'], message: 'Too small: expected number to be >=0' },
    ]);
  });

  it('refuses an input for a machine without context', () => {
    expect(() => initialSnapshot(steps, { a: 1 })).toThrow(/has no context schema/);
    expect(initialSnapshot(steps).context).toEqual({});
  });
});

describe('transition: success', () => {
  it('returns the next snapshot and the step, leaving the old snapshot untouched', () => {
    const start = open();
    const result = transition(ticket, start, { type: 'ASSIGN', agent: 'ana' });
    expect(result).toEqual({
      ok: true,
      snapshot: {
        machine: 'ticket',
        version: 2,
        state: 'open',
        context: { replies: 0, assignee: 'ana' },
        status: 'active',
        revision: 1,
      },
      step: { from: 'open', to: 'open', event: 'ASSIGN' },
    });
    expect(start.context.assignee).toBeNull();
  });

  it('takes the first candidate whose guard passes and marks final states done', () => {
    const solved = transitionOrThrow(ticket, assigned(), { type: 'SOLVE' });
    expect(solved.state).toBe('solved');
    const replied = transitionOrThrow(
      ticket,
      transitionOrThrow(ticket, solved, { type: 'REOPEN' }),
      {
        type: 'REPLY',
        at: 1,
        text: 'hello',
      },
    );
    const closed = transitionOrThrow(
      ticket,
      transitionOrThrow(ticket, replied, { type: 'SOLVE' }),
      { type: 'CLOSE' },
    );
    expect(closed).toEqual({
      machine: 'ticket',
      version: 2,
      state: 'closed',
      context: { replies: 1, assignee: 'ana' },
      status: 'done',
      revision: 6,
    });
    expect(isFinal(ticket, closed)).toBe(true);
  });

  it('strips payload keys the schema does not declare (zod object default)', () => {
    const result = transition(
      ticket,
      open(),
      raw({ type: 'REPLY', at: 1, text: 'x', extra: true }),
    );
    expect(result.ok).toBe(true);
  });
});

describe('transition: every error code', () => {
  it('INVALID_SNAPSHOT for a revision that is not a non-negative integer, with no state change', () => {
    for (const revision of [-1, 0.5, '1', undefined, Number.NaN]) {
      const bad = { ...open(), revision } as never;
      const result = transition(ticket, bad, { type: 'ASSIGN', agent: 'ana' });
      expect(result).toMatchObject({
        ok: false,
        snapshot: bad,
        error: { code: 'INVALID_SNAPSHOT' },
      });
      expect(!result.ok && result.error.message).toMatch(
        /^The snapshot of machine 'ticket' has revision .+; expected a non-negative integer/,
      );
    }
  });

  it('UNKNOWN_EVENT for an unknown type, listing the known events', () => {
    expect(refused(open(), { type: 'ESCALATE' })).toEqual({
      code: 'UNKNOWN_EVENT',
      message:
        "Event ESCALATE is not an event of machine 'ticket'; known events: REPLY, ASSIGN, SOLVE, REOPEN, CLOSE.",
      state: 'open',
      event: 'ESCALATE',
      known: ['REPLY', 'ASSIGN', 'SOLVE', 'REOPEN', 'CLOSE'],
    });
  });

  it.each([
    [null, 'null'],
    ['SOLVE', 'the string "SOLVE"'],
    [42, 'number 42'],
    [{ kind: 'SOLVE' }, 'an object'],
    [[{ type: 'SOLVE' }], 'an array'],
  ])('UNKNOWN_EVENT for a value that is not an event: %j', (value, described) => {
    const error = refused(open(), value);
    expect(error.code).toBe('UNKNOWN_EVENT');
    expect(error.message).toBe(
      `Expected an event object with a string "type", received ${described}.`,
    );
    expect(error.event).toBeUndefined();
  });

  it('EVENT_NOT_ALLOWED lists what nextEvents accepts now (a failing guard excluded)', () => {
    expect(refused(open(), { type: 'CLOSE' })).toEqual({
      code: 'EVENT_NOT_ALLOWED',
      message: "Event CLOSE is not allowed in state 'open'; allowed: REPLY, ASSIGN.",
      state: 'open',
      event: 'CLOSE',
      allowed: ['REPLY', 'ASSIGN'],
    });
    expect(nextEvents(ticket, open())).toEqual(['REPLY', 'ASSIGN']);
  });

  it('INVALID_PAYLOAD carries the zod issues and names the field', () => {
    const error = refused(open(), { type: 'REPLY', at: 1.5, text: '' });
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toBe(
      "Event REPLY has an invalid payload in state 'open': at: Invalid input: expected int, received number; text: Too small: expected string to have >=1 characters.",
    );
    if (error.code !== 'INVALID_PAYLOAD') throw new Error('unreachable');
    expect(error.issues.map((i) => i.path)).toEqual([['at'], ['text']]);
  });

  it('INVALID_PAYLOAD for a missing payload field', () => {
    const error = refused(open(), { type: 'ASSIGN' });
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toContain('agent: Invalid input: expected string, received undefined');
  });

  it('INVALID_PAYLOAD for undeclared keys when the payload schema is strict', async () => {
    const z = await import('zod');
    const { defineMachine } = await import('../../src/index.js');
    const strict = defineMachine({
      id: 'strict',
      version: 1,
      initial: 'a',
      events: { GO: z.strictObject({}) },
      states: { a: { on: { GO: 'b' } }, b: { type: 'final' } },
    });
    const start = initialSnapshot(strict);
    const result = transition(strict, start, { type: 'GO', force: true } as { type: 'GO' });
    expect(result).toMatchObject({
      ok: false,
      snapshot: start,
      error: {
        code: 'INVALID_PAYLOAD',
        message: `Event GO has an invalid payload in state 'a': Unrecognized key: "force".`,
        issues: [{ code: 'unrecognized_keys', keys: ['force'], path: [] }],
      },
    });
    expect(transition(strict, start, { type: 'GO' }).ok).toBe(true);
  });

  it('GUARD_REJECTED names the guard and exactly the events nextEvents accepts', () => {
    expect(refused(open(), { type: 'SOLVE' })).toEqual({
      code: 'GUARD_REJECTED',
      message:
        "Event SOLVE was rejected in state 'open': guard 'assigned' returned false; events accepted now: REPLY, ASSIGN.",
      state: 'open',
      event: 'SOLVE',
      guards: ['assigned'],
      allowed: ['REPLY', 'ASSIGN'],
    });
  });

  it('FINAL_STATE once the machine is done', () => {
    const closed = transitionOrThrow(
      ticket,
      {
        ...transitionOrThrow(ticket, assigned(), { type: 'SOLVE' }),
        context: { replies: 1, assignee: 'ana' },
      },
      { type: 'CLOSE' },
    );
    expect(refused(closed, { type: 'REOPEN' })).toEqual({
      code: 'FINAL_STATE',
      message: "Event REOPEN cannot be handled: state 'closed' is final and accepts no events.",
      state: 'closed',
      event: 'REOPEN',
    });
  });

  it('INVALID_SNAPSHOT for a foreign machine, another version or an unknown state', () => {
    const foreign = refused(initialSnapshot(steps) as unknown as Snapshot, { type: 'SOLVE' });
    expect(foreign).toMatchObject({
      code: 'INVALID_SNAPSHOT',
      message:
        "The snapshot belongs to machine 'steps' version 1, not to machine 'ticket' version 2; restore or migrate it with restoreSnapshot first.",
      state: undefined,
    });
    expect(refused({ ...open(), version: 1 }, { type: 'SOLVE' }).code).toBe('INVALID_SNAPSHOT');
    expect(refused({ ...open(), state: 'limbo' }, { type: 'SOLVE' })).toMatchObject({
      code: 'INVALID_SNAPSHOT',
      message: "The snapshot names state 'limbo', which machine 'ticket' does not have.",
    });
    expect(refused(null as unknown as Snapshot, { type: 'SOLVE' }).message).toBe(
      "Expected a snapshot of machine 'ticket' version 2 ({ machine, version, state, context, status, revision }), received null; make one with initialSnapshot or restoreSnapshot.",
    );
    // Not "machine 'undefined' version undefined": say what a snapshot looks like.
    expect(refused({ state: 'open' } as never, { type: 'SOLVE' }).message).toMatch(
      /^Expected a snapshot of machine 'ticket' version 2 .* received an object;/,
    );
    expect(refused({ ...open(), version: '2' } as never, { type: 'SOLVE' }).message).toContain(
      `machine 'ticket' version the string "2"`,
    );
  });

  it('RULE_THREW when an update throws; UPDATE_FAILED when it breaks the context schema', async () => {
    const z = await import('zod');
    const { defineMachine } = await import('../../src/index.js');
    const m = defineMachine({
      id: 'm',
      version: 1,
      initial: 'a',
      context: z.object({ n: z.number().int().max(1) }),
      events: { BOOM: null, GROW: null, DONE: null },
      states: {
        a: {
          on: {
            BOOM: {
              target: 'a',
              update: () => {
                throw new Error('disk on fire');
              },
            },
            GROW: { target: 'a', update: ({ context }) => ({ n: context.n + 1 }) },
            DONE: 'b',
          },
        },
        b: { type: 'final' },
      },
    });
    const start = initialSnapshot(m, { n: 1 });
    const boom = transition(m, start, { type: 'BOOM' });
    expect(boom).toMatchObject({
      ok: false,
      snapshot: start,
      error: {
        code: 'RULE_THREW',
        rule: 'update',
        name: undefined,
        message:
          "Event BOOM in state 'a' could not be decided: its context update threw (disk on fire). This is a bug in that code, not a refusal; the snapshot is unchanged.",
      },
    });
    const grow = transition(m, start, { type: 'GROW' });
    expect(grow).toMatchObject({
      ok: false,
      snapshot: start,
      error: {
        code: 'UPDATE_FAILED',
        message:
          "Event GROW in state 'a' failed: its context update produced a context that breaks the schema (n: Too big: expected number to be <=1); the snapshot is unchanged.",
      },
    });
  });

  it('RULE_THREW with the cause when a guard throws: a bug, not a refusal', async () => {
    const { defineMachine } = await import('../../src/index.js');
    const m = defineMachine({
      id: 'g',
      version: 1,
      initial: 'a',
      events: { GO: null },
      guards: {
        broken: () => {
          throw new Error('no data');
        },
      },
      states: { a: { on: { GO: { target: 'b', guard: 'broken' } } }, b: { type: 'final' } },
    });
    const result = transition(m, initialSnapshot(m), { type: 'GO' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'RULE_THREW',
        rule: 'guard',
        name: 'broken',
        message:
          "Event GO in state 'a' could not be decided: guard 'broken' threw (no data). This is a bug in that code, not a refusal; the snapshot is unchanged.",
      },
    });
    if (!result.ok && result.error.code === 'RULE_THREW') {
      expect((result.error.cause as Error).message).toBe('no data');
    }
  });
});

describe('throwing convenience, can, nextEvents', () => {
  it('transitionOrThrow throws a TransitionError with the same issue', () => {
    const expected = transition(ticket, open(), { type: 'CLOSE' });
    let caught: unknown;
    try {
      transitionOrThrow(ticket, open(), { type: 'CLOSE' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TransitionError);
    expect(isTransitionError(caught)).toBe(true);
    expect((caught as TransitionError).code).toBe('EVENT_NOT_ALLOWED');
    expect((caught as TransitionError).issue).toEqual(expected.ok ? undefined : expected.error);
    expect((caught as Error).message).toBe(
      "Event CLOSE is not allowed in state 'open'; allowed: REPLY, ASSIGN.",
    );
  });

  it('type guards work on look-alikes from another realm and reject plain errors', () => {
    const foreign = Object.defineProperty(new Error('x'), Symbol.for('servicecraft.error'), {
      value: 'TransitionError',
    });
    expect(isTransitionError(foreign)).toBe(true);
    expect(isTransitionError(new Error('x'))).toBe(false);
    expect(isTransitionError(null)).toBe(false);
    expect(isSnapshotError(foreign)).toBe(false);
  });

  it('can answers exactly what transition would do', () => {
    expect(can(ticket, open(), { type: 'SOLVE' })).toBe(false);
    expect(can(ticket, assigned(), { type: 'SOLVE' })).toBe(true);
    expect(can(ticket, open(), { type: 'REPLY', at: 1, text: '' })).toBe(false);
  });

  it('nextEvents applies guards and is empty in a final state or for a foreign snapshot', () => {
    expect(nextEvents(ticket, open())).toEqual(['REPLY', 'ASSIGN']);
    expect(nextEvents(ticket, assigned())).toEqual(['REPLY', 'ASSIGN', 'SOLVE']);
    const solved = transitionOrThrow(ticket, assigned(), { type: 'SOLVE' });
    expect(nextEvents(ticket, solved)).toEqual(['REOPEN']);
    expect(nextEvents(ticket, { ...solved, state: 'closed', status: 'done' })).toEqual([]);
    expect(nextEvents(ticket, { ...solved, machine: 'other' })).toEqual([]);
    expect(nextEvents(ticket, { ...solved, version: 1 })).toEqual([]);
    expect(nextEvents(ticket, null as never)).toEqual([]);
    expect(isFinal(ticket, undefined as never)).toBe(false);
  });
});

describe('validated events', () => {
  it('hands guards and updates the parsed payload with its type, also for readonly and non-object outputs', async () => {
    const z = await import('zod');
    const { defineMachine } = await import('../../src/index.js');
    const seen: unknown[] = [];
    const m = defineMachine({
      id: 'v',
      version: 1,
      initial: 'a',
      events: {
        PLAIN: z.object({ n: z.coerce.number() }),
        FROZEN: z.object({ n: z.number() }).readonly(),
        SAME: z.custom<{ n: number }>((v) => typeof v === 'object'),
        SCALAR: z.object({ n: z.number() }).transform((v) => v.n),
      },
      guards: {
        record: ({ event }) => {
          seen.push(event);
          return true;
        },
      },
      states: {
        a: {
          on: {
            PLAIN: { target: 'a', guard: 'record' },
            FROZEN: { target: 'a', guard: 'record' },
            SAME: { target: 'a', guard: 'record' },
            SCALAR: { target: 'b', guard: 'record' },
          },
        },
        b: { type: 'final' },
      },
    });
    const same = { type: 'SAME' as const, n: 3 };
    replayOrThrow(m, [
      { type: 'PLAIN', n: '1' as unknown as number },
      { type: 'FROZEN', n: 2 },
      same,
      { type: 'SCALAR', n: 4 } as never,
    ]);
    expect(seen).toEqual([
      { n: 1, type: 'PLAIN' },
      { n: 2, type: 'FROZEN' },
      same,
      { type: 'SCALAR' },
    ]);
    expect(seen[2]).toBe(same);
  });

  it("never writes to the caller's objects, even when a schema returns them", async () => {
    const z = await import('zod');
    const { defineMachine } = await import('../../src/index.js');
    const m = defineMachine({
      id: 'unwrap',
      version: 1,
      initial: 'a',
      events: { GO: z.object({ item: z.any() }).transform((e) => e.item) },
      guards: { always: () => true },
      states: { a: { on: { GO: { target: 'b', guard: 'always' } } }, b: { type: 'final' } },
    });
    const item = { sku: 'x' };
    expect(transition(m, initialSnapshot(m), { type: 'GO', item } as never).ok).toBe(true);
    expect(item).toEqual({ sku: 'x' });
  });
});

describe('validateUpdates', () => {
  it('parses update results by default and trusts them when switched off', async () => {
    const z = await import('zod');
    const { defineMachine } = await import('../../src/index.js');
    const make = (validateUpdates: boolean) =>
      defineMachine({
        id: 'u',
        version: 1,
        initial: 'a',
        validateUpdates,
        context: z.object({ n: z.number().max(1) }),
        events: { GROW: null, DONE: null },
        states: {
          a: {
            on: {
              GROW: { target: 'a', update: ({ context }) => ({ n: context.n + 5 }) },
              DONE: 'b',
            },
          },
          b: { type: 'final' },
        },
      });
    const strict = make(true);
    const trusting = make(false);
    expect(transition(strict, initialSnapshot(strict, { n: 0 }), { type: 'GROW' }).ok).toBe(false);
    const trusted = transition(trusting, initialSnapshot(trusting, { n: 0 }), { type: 'GROW' });
    expect(trusted.ok && trusted.snapshot.context).toEqual({ n: 5 });
    // The initial context and restored snapshots are still validated.
    expect(() => initialSnapshot(trusting, { n: 9 })).toThrow(/invalid/);
    expect(() => defineMachine({ ...trusting.definition, validateUpdates: 'no' } as never)).toThrow(
      /validateUpdates must be true or false/,
    );
  });
});

describe('ServicecraftError', () => {
  it('is the base of every error, recognised by kind across realms', async () => {
    const { isServicecraftError, ServicecraftError } = await import('../../src/index.js');
    const error = new TransitionError({
      code: 'FINAL_STATE',
      message: 'm',
      state: 's',
      event: 'e',
    });
    expect(error).toBeInstanceOf(ServicecraftError);
    expect(error.name).toBe('TransitionError');
    expect(error.kind).toBe('TransitionError');
    expect(isServicecraftError(error)).toBe(true);
    expect(isServicecraftError(error, 'TransitionError')).toBe(true);
    expect(isServicecraftError(error, 'SnapshotError')).toBe(false);
    expect(isServicecraftError({ message: 'look-alike' })).toBe(false);
  });
});

describe('zod defaults in payloads', () => {
  it('fills in a defaulted field the caller left out', async () => {
    const z = await import('zod');
    const { defineMachine } = await import('../../src/index.js');
    const m = defineMachine({
      id: 'defaults',
      version: 1,
      initial: 'a',
      context: z.object({ channel: z.string().default('web') }),
      events: { NOTE: z.object({ channel: z.string().default('phone'), text: z.string() }) },
      states: {
        a: { on: { NOTE: { target: 'a', update: ({ event }) => ({ channel: event.channel }) } } },
      },
    });
    const result = transition(m, initialSnapshot(m), { type: 'NOTE', text: 'hello' });
    expect(result.ok && result.snapshot.context).toEqual({ channel: 'phone' });
  });
});

describe('a snapshot naming a state the machine lacks (regression)', () => {
  it('is named with a bounded length, as restore names it', () => {
    const name = 'x'.repeat(1_000_000);
    const result = transition(steps, { ...initialSnapshot(steps), state: name } as never, {
      type: 'NEXT',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_SNAPSHOT');
    expect(result.error.message.length).toBeLessThan(400);
    expect(result.error.message).toContain('(999900 more characters)');
    expect(String(result.error.state).length).toBeLessThan(200);
  });
});

describe('the last revision (regression)', () => {
  const at = (revision: number) => ({ ...initialSnapshot(steps), revision });

  it('a snapshot one short of it takes an event, and the result restores', () => {
    const last = transition(steps, at(Number.MAX_SAFE_INTEGER - 1), { type: 'NEXT' });
    expect(last.ok).toBe(true);
    if (!last.ok) return;
    expect(last.snapshot.revision).toBe(Number.MAX_SAFE_INTEGER);
    expect(restoreSnapshot(steps, JSON.parse(JSON.stringify(last.snapshot))).ok).toBe(true);
  });

  it('at it, no event follows: refused with a sentence, and nextEvents agrees', () => {
    const result = transition(steps, at(Number.MAX_SAFE_INTEGER), { type: 'NEXT' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_SNAPSHOT');
    expect(result.error.message).toContain(
      `has revision number ${Number.MAX_SAFE_INTEGER}; expected a non-negative integer below ${Number.MAX_SAFE_INTEGER}`,
    );
    expect(nextEvents(steps, at(Number.MAX_SAFE_INTEGER))).toEqual([]);
    expect(nextEvents(steps, at(-1))).toEqual([]);
    expect(nextEvents(steps, at(0))).toEqual(['NEXT']);
  });
});
