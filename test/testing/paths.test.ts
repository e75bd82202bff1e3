import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  type AnyMachine,
  defineMachine,
  initialSnapshot,
  type Snapshot,
  transition,
} from '../../src/index.js';
import { defineLoyaltyProgram, defineTierLadder } from '../../src/loyalty/index.js';
import {
  shortestPaths,
  simplePaths,
  transitionCover,
  UnsupportedSchemaError,
} from '../../src/testing/index.js';
import { steps, ticket } from '../core/fixtures.js';
import { presetMachines } from '../support/presets.js';
import { door, generated, pointsWallet, wallet } from './machines.js';

/**
 * Edges that no event can take under a preset's default configuration, by construction, keyed
 * `from event to`, with the refusals every attempt gets. The test checks that each is missed for
 * exactly that reason, so a change that makes one reachable (or a new gap) fails here.
 */
const unreachable: Readonly<Record<string, Readonly<Record<string, RegExp>>>> = {
  // The default policy has no pending period, so no lot is ever pending: UNLOCK_LOT names a lot
  // that is live and already spendable (LOT_NOT_PENDING) or none (UNKNOWN_LOT), and with no
  // accepted UNLOCK_LOT there is nothing to retry. The programme with a pending period below
  // takes both edges.
  loyaltyProgram: {
    'active UNLOCK_LOT active': /\((LOT_NOT_PENDING|UNKNOWN_LOT)\)/,
    'paused UNLOCK_LOT paused': /\((LOT_NOT_PENDING|UNKNOWN_LOT)\)/,
  },
  // The default deadline policy has one stage, which allows no extension: EXTEND_DEADLINE is
  // always refused, and there is no further stage to escalate to.
  iso10002Lifecycle: {
    'acknowledged EXTEND_DEADLINE acknowledged': /\(NO_EXTENSION\)/,
    'investigating EXTEND_DEADLINE investigating': /\(NO_EXTENSION\)/,
    'awaitingApproval EXTEND_DEADLINE awaitingApproval': /\(NO_EXTENSION\)/,
    'decided EXTEND_DEADLINE decided': /\(NO_EXTENSION\)/,
    'communicated ESCALATE_STAGE received': /\(NO_FURTHER_STAGE\)/,
    'openWithRecourse ESCALATE_STAGE received': /\(NO_FURTHER_STAGE\)/,
  },
};

/** A loyalty programme whose points stay pending a while, so lots can be unlocked. */
const pendingLoyalty = defineLoyaltyProgram({
  ladder: defineTierLadder({
    id: 'pending',
    qualifyBy: ['points'],
    tiers: [{ id: 'green' }, { id: 'gold', threshold: { points: 100 } }],
  }),
  policy: { pendingDays: 14 },
});

/**
 * Every machine whose generated paths must cover all transitions with derived samples only:
 * every shipped preset (test/support/presets.ts), the pending loyalty programme and the fixtures.
 */
const presets: readonly { name: string; machine: AnyMachine }[] = [
  ...Object.entries(presetMachines).map(([name, machine]) => ({ name, machine })),
  { name: 'loyalty with pending points', machine: pendingLoyalty.machine },
  { name: 'steps fixture', machine: steps },
  { name: 'ticket fixture', machine: ticket },
  { name: 'door', machine: door },
  { name: 'wallet', machine: wallet(false) },
  { name: 'generated 40', machine: generated(40) },
];

/** Each preset's plan, made once: the searches are the slow part of this file. */
const plans = new Map<AnyMachine, ReturnType<typeof transitionCover>>();
const coverOf = (machine: AnyMachine) => {
  let found = plans.get(machine);
  if (found === undefined) {
    found = transitionCover(machine);
    plans.set(machine, found);
  }
  return found;
};

/** Replays each path from the start and returns the from/event/to keys it took. */
function replayPaths(
  machine: AnyMachine,
  events: readonly (readonly { type: string }[])[],
  start?: Snapshot,
) {
  const taken = new Set<string>();
  for (const path of events) {
    let snapshot = start ?? initialSnapshot(machine);
    for (const event of path) {
      const result = transition(machine, snapshot, event as never);
      if (!result.ok) throw new Error(result.error.message);
      taken.add(`${result.step.from} ${result.step.event} ${result.step.to}`);
      snapshot = result.snapshot;
    }
  }
  return taken;
}
const allEdges = (machine: AnyMachine) =>
  new Set(machine.edges.map((e) => `${e.from} ${e.event} ${e.to}`));

describe('transitionCover', () => {
  it.each(presets)(
    'regression: with no samples, the replayed paths of $name take every transition',
    ({ name, machine }) => {
      const plan = coverOf(machine);
      const key = (e: { from: string; event: string; to: string }) =>
        `${e.from} ${e.event} ${e.to}`;
      const expected = unreachable[name] ?? {};
      // Two guarded candidates of one event to one state are two entries of `edges`, one edge here.
      expect([...new Set(plan.uncoveredEdges.map(key))].sort()).toEqual(
        Object.keys(expected).sort(),
      );
      for (const edge of plan.uncoveredEdges)
        expect(edge.reason).toMatch(expected[key(edge)] ?? /^$/);
      expect(plan.impossibleEdges).toEqual([]);
      expect(plan.unreachedStates).toEqual([]);
      const taken = replayPaths(
        machine,
        plan.paths.map((p) => p.events),
      );
      expect(taken).toEqual(new Set(machine.edges.map(key).filter((k) => !(k in expected))));
    },
    120_000,
  );

  it('keeps the set small: no path is a prefix of another', () => {
    for (const { machine } of presets) {
      const texts = coverOf(machine).paths.map((p) => p.description);
      for (const a of texts)
        for (const b of texts) if (a !== b) expect(b.startsWith(`${a} `)).toBe(false);
    }
  }, 300_000);

  it('derives fresh keys, times in order, and context values along each path', () => {
    const plan = coverOf(presetMachines.loyaltyProgram as AnyMachine);
    for (const path of plan.paths) {
      const events = path.events as readonly { key: string; at: number }[];
      // A repeated key is only ever a retry: the same command sent again, unchanged.
      const byKey = new Map<string, string>();
      for (const event of events) {
        const text = JSON.stringify(event);
        expect(byKey.get(event.key) ?? text).toBe(text);
        byKey.set(event.key, text);
      }
    }
    const refunds = plan.paths.flatMap((p) =>
      p.events.filter((e) => e.type === 'REFUND' || e.type === 'CANCEL_ORDER'),
    );
    const bought = new Set(
      plan.paths.flatMap((p) =>
        p.events.flatMap((e) => (e.type === 'PURCHASE' ? [(e as { order: string }).order] : [])),
      ),
    );
    expect(refunds.length).toBeGreaterThan(0);
    for (const refund of refunds) expect(bought).toContain((refund as { order: string }).order);
  }, 120_000);

  it('returns whole paths with steps, target and a readable description', () => {
    expect(transitionCover(door)).toEqual({
      machine: 'door',
      impossibleEdges: [],
      paths: [
        {
          target: 'closed',
          events: [{ type: 'OPEN' }, { type: 'CLOSE' }],
          steps: [
            { from: 'closed', event: 'OPEN', to: 'open' },
            { from: 'open', event: 'CLOSE', to: 'closed' },
          ],
          description: 'closed --OPEN--> open --CLOSE--> closed',
        },
      ],
      unreachedStates: [],
      uncoveredEdges: [],
      truncated: false,
    });
  });

  it('reports an edge its guard keeps shut instead of claiming it', () => {
    const locked = defineMachine({
      id: 'locked',
      version: 1,
      initial: 'a',
      events: { GO: null, STOP: null },
      guards: { never: () => false },
      states: {
        a: { on: { GO: { target: 'b', guard: 'never' }, STOP: 'c' } },
        b: { on: { STOP: 'c' } },
        c: { type: 'final' },
      },
    });
    const plan = transitionCover(locked);
    expect(plan.paths.map((p) => p.description)).toEqual(['a --STOP--> c']);
    expect(plan.unreachedStates).toEqual(['b']);
    expect(plan.uncoveredEdges).toEqual([
      {
        from: 'a',
        event: 'GO',
        to: 'b',
        guard: 'never',
        updates: false,
        index: 0,
        reason:
          "Event GO was rejected in state 'a': guard 'never' returned false; events accepted now: STOP.",
      },
      {
        from: 'b',
        event: 'STOP',
        to: 'c',
        updates: false,
        index: 0,
        reason: "Its source state 'b' was never reached.",
      },
    ]);
  });

  it('explains an edge that a refusing or throwing guard keeps shut', () => {
    const wide = transitionCover(pointsWallet, {
      samples: { EARN: [{ points: 10 }], REDEEM: [{ points: 5 }] },
    });
    // BONUS's guard throws; GIFT's open second candidate is never tried, since the first guard
    // either passes or refuses (a refusal stops the search).
    expect(wide.uncoveredEdges.map((e) => `${e.from} ${e.event} ${e.to}`)).toEqual([
      'active BONUS active',
      'active GIFT active',
    ]);
    expect(wide.uncoveredEdges[0]?.reason).toContain("guard 'broken' threw (a bug)");
    const narrow = transitionCover(pointsWallet, {
      samples: { EARN: [{ points: 10 }], REDEEM: [{ points: 500 }] },
    });
    const redeem = narrow.uncoveredEdges.find((e) => e.event === 'REDEEM');
    expect(redeem?.reason).toMatch(
      /^Event REDEEM was refused in state 'active' \(INSUFFICIENT_POINTS\): The balance is \d+ points\.$/,
    );
  });

  it('reaches a context-dependent guard by exploring other contexts of the same state', () => {
    const plan = transitionCover(ticket);
    expect(plan.paths.map((p) => p.description)).toContain(
      'open --REPLY--> open --ASSIGN--> open --SOLVE--> solved --CLOSE--> closed',
    );
    // With one context per state the search never sees a ticket with a reply in 'solved', and
    // the report says so rather than claiming the transition.
    const narrow = transitionCover(ticket, { contextsPerState: 1 });
    expect(narrow.uncoveredEdges.map((e) => [`${e.from} ${e.event} ${e.to}`, e.reason])).toEqual([
      [
        'solved CLOSE closed',
        "Event CLOSE was rejected in state 'solved': guard 'answered' returned false; events accepted now: REOPEN.",
      ],
    ]);
    expect(narrow.unreachedStates).toEqual(['closed']);
  });

  /** A shop: RETURN is accepted only for an order the context holds. */
  const shop = (listName: 'orders' | 'bought') =>
    defineMachine({
      id: `shop-${listName}`,
      version: 1,
      initial: 'open',
      events: {
        BUY: z.object({ order: z.string().min(1) }),
        RETURN: z.object({ order: z.string().min(1) }),
      },
      context: z.object({ [listName]: z.array(z.string()).default([]) }),
      guards: {
        held: ({ context, event }) =>
          ((context as Record<string, string[]>)[listName] ?? []).includes(event.order),
      },
      states: {
        open: {
          on: {
            BUY: {
              target: 'open',
              update: ({ context, event }) => {
                const list = (context as Record<string, string[]>)[listName] ?? [];
                return { [listName]: [...list, `${event.order}#${list.length}`] };
              },
            },
            RETURN: { target: 'returned', guard: 'held' },
          },
        },
        returned: { type: 'final' },
      },
    });

  it('regression: a derived field takes the values the context holds under its plural name', () => {
    // The context stores `order#n`, a value no derived sample guesses: only the context has it.
    const plan = transitionCover(shop('orders'));
    expect(plan.uncoveredEdges).toEqual([]);
    const returned = plan.paths.flatMap((p) => p.events).find((e) => e.type === 'RETURN');
    expect(returned).toEqual({ type: 'RETURN', order: 'sample text#0' });
  });

  it('asks a sample function at each step, so a payload can name what the context holds', () => {
    const machine = shop('bought');
    // Under another name the context is not matched, and the guard keeps RETURN shut...
    expect(transitionCover(machine).uncoveredEdges.map((e) => e.event)).toEqual(['RETURN']);
    // ...until a sample function reads the snapshot.
    const plan = transitionCover(machine, {
      samples: {
        RETURN: (snapshot) =>
          ((snapshot.context as { bought: string[] }).bought ?? []).map((order) => ({ order })),
      },
    });
    expect(plan.uncoveredEdges).toEqual([]);
    expect(plan.unreachedStates).toEqual([]);
  });

  it('rejects samples that are neither a list nor a function, naming the option', () => {
    expect(() => transitionCover(door, { samples: { OPEN: 'all' } as never })).toThrow(
      /samples\.OPEN/,
    );
  });

  it('uses the given samples instead of derived payloads', () => {
    const plan = transitionCover(ticket, {
      samples: { REPLY: [{ at: 5, text: 'hi' }], ASSIGN: [{ agent: 'ana' }] },
    });
    const events = plan.paths.flatMap((p) => p.events);
    expect(events).toContainEqual({ type: 'REPLY', at: 5, text: 'hi' });
    expect(events).toContainEqual({ type: 'ASSIGN', agent: 'ana' });
  });

  it('fails with a clear error when a payload cannot be derived', () => {
    const dated = defineMachine({
      id: 'dated',
      version: 1,
      initial: 'a',
      events: { STAMP: z.object({ when: z.date() }) },
      states: { a: { on: { STAMP: 'b' } }, b: { type: 'final' } },
    });
    expect(() => transitionCover(dated)).toThrow(UnsupportedSchemaError);
    expect(() => transitionCover(dated)).toThrow(
      "Cannot derive a value for 'when': zod schema type 'date' is not supported by the payload generator; pass samples for this event (the `samples` option) instead.",
    );
    expect(
      transitionCover(dated, { samples: { STAMP: [{ when: new Date(0) }] } }).uncoveredEdges,
    ).toEqual([]);
  });

  it('covers every transition of random machines (property)', () => {
    fc.assert(
      fc.property(randomMachine, (machine) => {
        const plan = transitionCover(machine);
        expect(plan.uncoveredEdges).toEqual([]);
        expect(
          replayPaths(
            machine,
            plan.paths.map((p) => p.events),
          ),
        ).toEqual(allEdges(machine));
      }),
    );
  });
});

describe('shortestPaths', () => {
  it('gives the shortest path to every state, in state order', () => {
    const plan = shortestPaths(steps);
    expect(plan.paths.map((p) => [p.target, p.events.length])).toEqual([
      ['approach', 0],
      ['determineNeeds', 1],
      ['present', 2],
      ['handleObjections', 3],
      ['close', 3],
      ['perform', 4],
      ['followUp', 5],
      ['askReferrals', 6],
      ['done', 6],
    ]);
    expect(plan.paths[0]?.description).toBe('approach (no events)');
    expect(plan.paths[4]?.description).toBe(
      'approach --NEXT--> determineNeeds --NEXT--> present --SKIP--> close',
    );
  });

  it('matches breadth-first distances on random machines (property)', () => {
    fc.assert(
      fc.property(randomMachine, (machine) => {
        const lengths = Object.fromEntries(
          shortestPaths(machine).paths.map((p) => [p.target, p.events.length]),
        );
        expect(lengths).toEqual(distances(machine));
      }),
    );
  });

  it('starts from a given snapshot', () => {
    const from = { ...initialSnapshot(steps), state: 'followUp' as const };
    const plan = shortestPaths(steps, { from });
    expect(plan.paths[0]?.description).toBe('followUp --SKIP--> done --RESTART--> approach');
    expect(plan.unreachedStates).toEqual([]);
  });
});

describe('simplePaths', () => {
  it('lists every simple path, bounded by maxLength', () => {
    expect(simplePaths(door).paths.map((p) => p.description)).toEqual(['closed --OPEN--> open']);
    const short = simplePaths(steps, { maxLength: 3 });
    expect(short.paths.map((p) => p.description)).toEqual([
      'approach --NEXT--> determineNeeds',
      'approach --NEXT--> determineNeeds --NEXT--> present',
      'approach --NEXT--> determineNeeds --NEXT--> present --NEXT--> handleObjections',
      'approach --NEXT--> determineNeeds --NEXT--> present --SKIP--> close',
    ]);
    expect(short.unreachedStates).toEqual(['perform', 'followUp', 'askReferrals', 'done']);
    expect(short.truncated).toBe(false);
  });

  it('stops at the limit and says so', () => {
    const plan = simplePaths(steps, { limit: 2 });
    expect(plan.paths).toHaveLength(2);
    expect(plan.truncated).toBe(true);
  });

  it('terminates on a machine whose context grows without bound', () => {
    const plan = simplePaths(ticket, { maxLength: 4 });
    expect(plan.paths.length).toBeGreaterThan(0);
    expect(Math.max(...plan.paths.map((p) => p.events.length))).toBe(4);
    expect(
      replayPaths(
        ticket,
        plan.paths.map((p) => p.events),
      ).size,
    ).toBeGreaterThan(0);
  });
});

/** Random machines: a NEXT chain through n states to a final one, plus random extra edges. */
const randomMachine = fc
  .integer({ min: 2, max: 8 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.tuple(fc.nat(n - 2), fc.constantFrom('A', 'B'), fc.nat(n - 1)), {
        maxLength: 12,
      }),
    ),
  )
  .map(([n, extra]) => {
    const states: Record<string, { type?: 'final'; on?: Record<string, string> }> = {};
    for (let i = 0; i < n - 1; i++) states[`s${i}`] = { on: { NEXT: `s${i + 1}` } };
    states[`s${n - 1}`] = { type: 'final' };
    for (const [from, event, to] of extra)
      (states[`s${from}`]?.on as Record<string, string>)[event] = `s${to}`;
    return defineMachine({
      id: 'random',
      version: 1,
      initial: 's0',
      events: { NEXT: null, A: null, B: null },
      states,
    } as never) as AnyMachine;
  });

function distances(machine: AnyMachine): Record<string, number> {
  const out: Record<string, number> = { [machine.initial]: 0 };
  const queue: string[] = [machine.initial];
  while (queue.length > 0) {
    const state = queue.shift() as string;
    for (const edge of machine.edges) {
      if (edge.from === state && out[edge.to] === undefined) {
        out[edge.to] = (out[state] as number) + 1;
        queue.push(edge.to);
      }
    }
  }
  return out;
}
