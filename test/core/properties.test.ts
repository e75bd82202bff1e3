import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  type AnyMachine,
  defineMachine,
  initialSnapshot,
  nextEvents,
  replay,
  restoreSnapshot,
  type Snapshot,
  transition,
} from '../../src/index.js';
import { steps } from './fixtures.js';

const contextSchema = z.object({ n: z.number().int().min(0).max(5) });
const eventTypes = ['A', 'B', 'C', 'D'] as const;

interface Spec {
  readonly size: number;
  readonly lastFinal: boolean;
  readonly extra: readonly {
    from: number;
    event: number;
    to: number;
    guard: number;
    update: boolean;
  }[];
}

/** A random but valid machine: a spine s0 → s1 → … on A keeps every state reachable and alive. */
const specArb: fc.Arbitrary<Spec> = fc.integer({ min: 1, max: 7 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    lastFinal: fc.boolean(),
    extra: fc.array(
      fc.record({
        from: fc.nat(size - 1),
        event: fc.integer({ min: 1, max: 3 }),
        to: fc.nat(size - 1),
        guard: fc.nat(3),
        update: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
  }),
);

type Candidate = {
  target: string;
  guard?: 'even' | 'small' | 'capped';
  update?: (a: { context: { n: number } }) => { n: number };
};

function build(spec: Spec): AnyMachine {
  const name = (i: number) => `s${i}`;
  const states: Record<string, { type?: 'final'; on?: Record<string, Candidate[]> }> = {};
  for (let i = 0; i < spec.size; i++) {
    const last = i === spec.size - 1;
    if (last && spec.lastFinal && spec.size > 1) {
      states[name(i)] = { type: 'final' };
      continue;
    }
    states[name(i)] = {
      on: {
        A: [{ target: name(last ? 0 : i + 1), update: ({ context }) => ({ n: context.n + 1 }) }],
      },
    };
  }
  if (spec.size === 1) states.s0 = { on: { A: [{ target: 's0' }] }, type: undefined as never };
  for (const edge of spec.extra) {
    const from = states[name(edge.from)];
    if (!from?.on) continue;
    const type = eventTypes[edge.event] as string;
    from.on[type] ??= [];
    const list = from.on[type];
    const guard = ([undefined, 'even', 'small', 'capped'] as const)[edge.guard];
    if (list.length > 0 && list[list.length - 1]?.guard === undefined) continue;
    list.push({
      target: name(edge.to),
      ...(guard ? { guard } : {}),
      ...(edge.update ? { update: ({ context }) => ({ n: context.n + 2 }) } : {}),
    });
  }
  return defineMachine({
    id: 'random',
    version: 1,
    initial: 's0',
    context: contextSchema,
    events: { A: null, B: null, C: z.object({ amount: z.number().int() }), D: null },
    refusals: { CAPPED: 'the count is at its cap' },
    guards: {
      even: ({ context }) => context.n % 2 === 0,
      small: ({ context }) => context.n < 3,
      capped: ({ context, refuse }) => context.n < 4 || refuse('CAPPED', 'The count is capped.'),
    },
    // biome-ignore lint/suspicious/noExplicitAny: the generated shape is checked at run time
    states: states as any,
  }) as AnyMachine;
}

const machineArb = specArb
  .map((spec) => {
    try {
      return build(spec);
    } catch {
      return undefined; // a size-1 machine whose only state loops on itself is a dead end: skip it
    }
  })
  .filter((m): m is AnyMachine => m !== undefined);

const eventArb = fc.oneof(
  fc.constantFrom(...eventTypes).map((type) => ({ type })),
  // not bare: an undeclared key next to `type` (guards see it; `nextEvents` asks with `{ type }`)
  fc.constantFrom(...eventTypes).map((type) => ({ type, note: 'x' })),
  fc.integer().map((amount) => ({ type: 'C', amount })),
  fc.record({ type: fc.constantFrom('Z', 'a', '') }),
  fc.anything(),
);

type AnySnapshot = Snapshot<string, { n: number }>;

describe('core invariants (property-based)', () => {
  it('transition never throws, never leaves the machine, never breaks the context schema', () => {
    fc.assert(
      fc.property(machineArb, fc.array(eventArb, { maxLength: 40 }), (machine, events) => {
        let snapshot: AnySnapshot = initialSnapshot(machine, { n: 0 });
        for (const event of events) {
          const result = transition(machine, snapshot, event as never);
          if (!result.ok) {
            expect(result.snapshot).toBe(snapshot);
            expect(typeof result.error.message).toBe('string');
            continue;
          }
          expect(result.snapshot.revision).toBe(snapshot.revision + 1);
          snapshot = result.snapshot as AnySnapshot;
          expect(machine.states).toContain(snapshot.state);
          expect(contextSchema.safeParse(snapshot.context).success).toBe(true);
          expect(snapshot.status).toBe(
            machine.finalStates.includes(snapshot.state) ? 'done' : 'active',
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every refusal that lists allowed events lists exactly nextEvents of the same snapshot', () => {
    let listed = 0;
    fc.assert(
      fc.property(machineArb, fc.array(eventArb, { maxLength: 40 }), (machine, events) => {
        let snapshot: AnySnapshot = initialSnapshot(machine, { n: 0 });
        for (const event of events) {
          const result = transition(machine, snapshot, event as never);
          if (result.ok) {
            snapshot = result.snapshot as AnySnapshot;
            continue;
          }
          const error = result.error as { allowed?: readonly string[] };
          if (error.allowed === undefined) continue;
          listed++;
          expect(error.allowed).toEqual(nextEvents(machine, snapshot as never));
        }
      }),
      { numRuns: 300 },
    );
    expect(listed).toBeGreaterThan(100);
  });

  it('replay of the accepted events equals folding transition over them', () => {
    fc.assert(
      fc.property(machineArb, fc.array(eventArb, { maxLength: 40 }), (machine, events) => {
        let snapshot: AnySnapshot = initialSnapshot(machine, { n: 0 });
        const accepted: unknown[] = [];
        for (const event of events) {
          const result = transition(machine, snapshot, event as never);
          if (result.ok) {
            snapshot = result.snapshot as AnySnapshot;
            accepted.push(event);
          }
        }
        const start = initialSnapshot(machine, { n: 0 });
        // The revision counts exactly the accepted events.
        expect(snapshot.revision).toBe(accepted.length);
        expect(replay(machine, accepted as never[], start)).toEqual({
          ok: true,
          snapshot,
          count: accepted.length,
        });
        // Same log, same snapshot: determinism.
        expect(replay(machine, accepted as never[], start)).toEqual(
          replay(machine, accepted as never[], start),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('every reachable snapshot round-trips through JSON and restoreSnapshot', () => {
    fc.assert(
      fc.property(machineArb, fc.array(eventArb, { maxLength: 30 }), (machine, events) => {
        let snapshot: AnySnapshot = initialSnapshot(machine, { n: 0 });
        for (const event of events) {
          const result = transition(machine, snapshot, event as never);
          if (result.ok) snapshot = result.snapshot as AnySnapshot;
          expect(restoreSnapshot(machine, JSON.parse(JSON.stringify(snapshot)))).toEqual({
            ok: true,
            snapshot,
            migratedFrom: undefined,
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a tampered snapshot is rejected whole', () => {
    const tamper = fc.oneof(
      fc.constant((s: AnySnapshot) => ({ ...s, machine: 'other' })),
      fc.integer({ min: 2, max: 9 }).map((v) => (s: AnySnapshot) => ({ ...s, version: v })),
      fc
        .string()
        .filter((x) => !/^s\d$/.test(x))
        .map((state) => (s: AnySnapshot) => ({ ...s, state })),
      fc.constant((s: AnySnapshot) => ({ ...s, status: s.status === 'done' ? 'active' : 'done' })),
      fc
        .oneof(fc.integer({ min: 6 }), fc.constant(-1), fc.constant(0.5))
        .map((n) => (s: AnySnapshot) => ({ ...s, context: { n } })),
      fc.constant((s: AnySnapshot) => ({
        ...s,
        context: JSON.parse(`{"n":${s.context.n},"__proto__":{}}`),
      })),
      fc.constant((s: AnySnapshot) => ({ ...s, owner: 'mallory' })),
      fc
        .oneof(fc.constant(-1), fc.constant(0.5), fc.constant('1'), fc.constant(null))
        .map((revision) => (s: AnySnapshot) => ({ ...s, revision })),
    );
    fc.assert(
      fc.property(
        machineArb,
        fc.array(eventArb, { maxLength: 20 }),
        tamper,
        (machine, events, mutate) => {
          let snapshot: AnySnapshot = initialSnapshot(machine, { n: 0 });
          for (const event of events) {
            const result = transition(machine, snapshot, event as never);
            if (result.ok) snapshot = result.snapshot as AnySnapshot;
          }
          const result = restoreSnapshot(machine, mutate(snapshot));
          expect(result.ok).toBe(false);
          expect(result).not.toHaveProperty('snapshot');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a snapshot does not grow with the number of transitions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('NEXT', 'SKIP', 'RESTART'), { minLength: 1, maxLength: 500 }),
        (types) => {
          let snapshot = initialSnapshot(steps);
          const sizes = new Set<number>();
          for (const type of types) {
            const result = transition(steps, snapshot, { type } as never);
            if (result.ok) snapshot = result.snapshot;
            sizes.add(JSON.stringify(snapshot).length - snapshot.state.length);
          }
          expect(sizes.size).toBe(1);
        },
      ),
    );
  });
});
