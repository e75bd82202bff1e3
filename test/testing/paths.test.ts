import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  complaintFlow,
  difficultCustomerFlow,
  heardRecovery,
  iso10002Lifecycle,
  lastRecovery,
  latteRecovery,
  learnRecovery,
  problemResolutionFlow,
} from '../../src/complaints/index.js';
import { fiveStageCycle, fourStageCycle, unexpectedDemandFlow } from '../../src/cycles/index.js';
import {
  eightStepsOfService,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import {
  type AnyMachine,
  defineMachine,
  initialSnapshot,
  type Snapshot,
  transition,
} from '../../src/index.js';
import { defineLoyaltyProgram, defineTierLadder } from '../../src/loyalty/index.js';
import {
  type PathOptions,
  shortestPaths,
  simplePaths,
  transitionCover,
  UnsupportedSchemaError,
} from '../../src/testing/index.js';
import { steps, ticket } from '../core/fixtures.js';
import { door, generated, pointsWallet, wallet } from './machines.js';

// Events of these two presets must arrive in time order, and the loyalty ledger needs a fresh
// idempotency key per command (a repeated sample is a retry), so they get hand-written samples:
// one `at` for all, each branch's payload once.
const at = Date.UTC(2027, 0, 10);
const stamp = { at, by: 'ana' };
const isoSamples = {
  RECEIVE: [
    {
      ...stamp,
      id: 'C-1',
      channel: 'web',
      summary: 'Kettle leaks',
      remedySought: 'Refund',
      owner: { id: 'ana', level: 'agent' },
    },
    // A bot-owned case: a request for a person escalates it even once a decision is pending.
    {
      ...stamp,
      id: 'C-2',
      channel: 'chat',
      summary: 'Kettle leaks',
      remedySought: 'Refund',
      owner: { id: 'helpbot', level: 'bot' },
    },
  ],
  ACKNOWLEDGE: [stamp],
  ASSESS: [
    { ...stamp, severity: 'medium', complexity: 'low', impact: 'low', urgency: 'medium' },
    { ...stamp, severity: 'critical', complexity: 'low', impact: 'low', urgency: 'critical' },
    {
      ...stamp,
      severity: 'low',
      complexity: 'low',
      impact: 'low',
      urgency: 'low',
      resolvedAtOutset: { kind: 'explained', explanation: 'Descale it' },
    },
    {
      ...stamp,
      severity: 'low',
      complexity: 'low',
      impact: 'low',
      urgency: 'low',
      resolvedAtOutset: { kind: 'monetaryRemedy', amount: { amount: 12_000, currency: 'EUR' } },
    },
  ],
  ATTEMPT_FAILED: [stamp],
  ESCALATE: [
    {
      ...stamp,
      to: { id: 'max', level: 'manager' },
      trigger: { kind: 'askedForHuman' },
      reason: 'CUSTOMER_REQUEST',
      handoff: { summary: 'Refund wanted', stepsAttempted: [] },
    },
  ],
  REASSIGN: [{ ...stamp, owner: 'bo' }],
  RESPOND: [
    { ...stamp, closure: { kind: 'explained', explanation: 'Descale it' } },
    { ...stamp, closure: { kind: 'monetaryRemedy', amount: { amount: 12_000, currency: 'EUR' } } },
    { ...stamp, closure: { kind: 'withdrawn' } },
  ],
  APPROVE_REMEDY: [{ at, by: 'max', level: 'manager' }],
  DECLINE_REMEDY: [{ at, by: 'max', note: 'Too much' }],
  COMMUNICATE_DECISION: [stamp],
  ACCEPT: [stamp],
  REJECT: [{ ...stamp, recourseOffered: ['ombudsman'] }],
  RECONSIDER: [stamp],
} as NonNullable<PathOptions<AnyMachine>['samples']>;
const membership = defineLoyaltyProgram({
  ladder: defineTierLadder({
    id: 'paths',
    qualifyBy: ['points'],
    tiers: [{ id: 'green' }, { id: 'gold', threshold: { points: 100 } }],
  }),
});
const command = (key: string, extra: object = {}, when = at) => ({ key, at: when, ...extra });
const loyaltySamples = {
  ENROLL: [command('enroll')],
  PURCHASE: [command('p1', { order: 'o1', amount: 5000 })],
  REFUND: [command('r1', { order: 'o1', amount: 1000 })],
  VISIT: [command('v1')],
  REFERRAL: [command('ref1', { referee: 'bo' })],
  REDEEM: [command('red1', { points: 10 })],
  EXPIRE: [command('e1')],
  PERIOD_END: [command('pe1', {}, Date.UTC(2028, 0, 10))],
  GRANT_TIER: [command('g1', { tier: 'gold' })],
  PAUSE: [command('pause1'), command('pause2')],
  RESUME: [command('resume1')],
  CLOSE: [command('close1')],
  CANCEL_ORDER: [command('c1', { order: 'o1' })],
  ADJUST: [command('adj1', { points: 5, reason: 'goodwill' })],
  EXPIRE_LOT: [command('el0', { lot: 0 }), command('el1', { lot: 1 })],
  UNLOCK_LOT: [command('ul0', { lot: 0 }), command('ul1', { lot: 1 })],
  TRANSFER_OUT: [command('to1', { transfer: 't1', counterparty: 'bo', points: 5 })],
  TRANSFER_IN: [command('ti1', { transfer: 't2', counterparty: 'bo', points: 5 })],
} as NonNullable<PathOptions<AnyMachine>['samples']>;

/** Every machine whose generated paths must cover all transitions. Extend with new presets. */
const presets: readonly {
  name: string;
  machine: AnyMachine;
  options?: PathOptions<AnyMachine>;
  /** Edges no event can take under this configuration (said why where listed). */
  impossible?: (edge: { event: string }) => boolean;
  /** Edges the generator is known to miss, as `from event to`. */
  knownGaps?: readonly string[];
}[] = [
  { name: 'steps fixture', machine: steps },
  { name: 'ticket fixture', machine: ticket },
  { name: 'door', machine: door },
  { name: 'wallet', machine: wallet(false) },
  { name: 'generated 40', machine: generated(40) },
  {
    name: 'eightStepsOfService',
    machine: eightStepsOfService.machine,
    // Known gap of the explorer: perform after an unsatisfied follow-up needs a close that sold,
    // and the search does not carry that context there. Listed exactly, so the test fails (and
    // is updated) once the explorer finds it.
    knownGaps: ['followUp:notSatisfied perform perform'],
  },
  { name: 'tenStepsOfService', machine: tenStepsOfService.machine },
  { name: 'ritzThreeSteps', machine: ritzThreeSteps.machine },
  { name: 'fourStageCycle', machine: fourStageCycle.machine },
  { name: 'fiveStageCycle', machine: fiveStageCycle.machine },
  { name: 'unexpectedDemandFlow', machine: unexpectedDemandFlow },
  { name: 'complaintFlow', machine: complaintFlow },
  { name: 'difficultCustomerFlow', machine: difficultCustomerFlow },
  { name: 'problemResolutionFlow', machine: problemResolutionFlow },
  { name: 'heardRecovery', machine: heardRecovery },
  { name: 'lastRecovery', machine: lastRecovery },
  { name: 'latteRecovery', machine: latteRecovery },
  { name: 'learnRecovery', machine: learnRecovery },
  { name: 'iso10002Lifecycle', machine: iso10002Lifecycle, options: { samples: isoSamples } },
  {
    name: 'loyalty membership',
    machine: membership.machine,
    options: { samples: loyaltySamples, contextsPerState: 256 },
    // The default policy has no pending period, so no lot is ever locked and UNLOCK_LOT is
    // always refused; test/loyalty/commands.test.ts covers it under a policy with one.
    impossible: (edge) => edge.event === 'UNLOCK_LOT',
  },
];

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
    'replayed, the paths of $name take every transition',
    ({ machine, options, impossible = () => false, knownGaps = [] }) => {
      const plan = transitionCover(machine, options);
      const key = (e: { from: string; event: string; to: string }) =>
        `${e.from} ${e.event} ${e.to}`;
      expect(plan.uncoveredEdges.filter((e) => !impossible(e)).map(key)).toEqual(knownGaps);
      expect(plan.unreachedStates).toEqual([]);
      const possible = machine.edges
        .filter((e) => !impossible(e))
        .map(key)
        .filter((k) => !knownGaps.includes(k));
      const taken = replayPaths(
        machine,
        plan.paths.map((p) => p.events),
      );
      expect(taken).toEqual(new Set(possible));
    },
  );

  it('keeps the set small: no path is a prefix of another', () => {
    for (const { machine } of presets) {
      const texts = transitionCover(machine).paths.map((p) => p.description);
      for (const a of texts)
        for (const b of texts) if (a !== b) expect(b.startsWith(`${a} `)).toBe(false);
    }
  }, 60_000);

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
        'No generated path took it within the search limits; raise contextsPerState or pass samples whose payloads pass its guard.',
      ],
    ]);
    expect(narrow.unreachedStates).toEqual(['closed']);
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
