import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiveStageCycle, fourStageCycle } from '../../src/cycles/index.js';
import {
  type AnyFramework,
  defineFramework,
  eightStepsOfService,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import {
  initialSnapshot,
  isSnapshotError,
  nextEvents,
  restoreSnapshot,
  type Snapshot,
  transition,
} from '../../src/index.js';
import { drive } from './helpers.js';

/** Every optional step: END is open from the start, so `completed` can hold no counted step. */
const allOptional = defineFramework({
  id: 'allOptional',
  name: 'All optional',
  source: 'test',
  steps: [
    { id: 'a', description: 'A', mandatory: false, maxTimes: 2 },
    { id: 'b', description: 'B', mandatory: false, outcomes: { yes: 'end', no: 'a' } },
  ],
  qualities: [{ id: 'calm', description: 'Calm.' }],
});

/** An outcome jumps over a mandatory step, so END can be refused for a missing step. */
const jumpy = defineFramework({
  id: 'jumpy',
  name: 'Jumpy',
  source: 'test',
  steps: [
    { id: 'a', description: 'A', mandatory: false, outcomes: { go: 'b', skip: 'c' } },
    { id: 'b', description: 'B' },
    { id: 'c', description: 'C', mandatory: false, maxTimes: 3, back: ['a'] },
  ],
});

const frameworks = [
  eightStepsOfService,
  tenStepsOfService,
  ritzThreeSteps,
  fourStageCycle,
  fiveStageCycle,
  allOptional,
  jumpy,
] as unknown as AnyFramework[];

const errorsOnly = new Set(['UPDATE_FAILED', 'RULE_THREW', 'INVALID_SNAPSHOT']);

describe.each(frameworks.map((f) => [f.id, f] as const))('%s invariants', (_id, framework) => {
  const m = framework.machine;
  const types = [...framework.steps.map((s) => s.id), ...framework.outcomes, 'END', 'ABANDON'];
  const qualities = framework.qualities.map((q) => q.id);

  it('holds on every reachable snapshot: each one restores, and no transition breaks one (property)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1_000), fc.integer({ min: -3, max: 50 })), {
          minLength: 10,
          maxLength: 80,
        }),
        (choices) => {
          let snap = initialSnapshot(m) as Snapshot;
          let at = 100;
          expect(restoreSnapshot(m, snap).ok).toBe(true);
          for (const [choice, gap] of choices) {
            // Mostly an event the state takes now, sometimes any event or a quality; time mostly
            // moves on, sometimes goes back.
            const legal = nextEvents(m, snap as never).filter(
              (t) => t !== 'ABANDON' && t !== 'QUALITY',
            );
            const pool = choice % 10 === 0 || legal.length === 0 ? types : legal;
            const type = pool[choice % pool.length] as string;
            at = Math.max(0, at + gap);
            const event =
              type === 'QUALITY' || (choice % 9 === 0 && qualities.length > 0)
                ? { type: 'QUALITY', quality: qualities[choice % qualities.length] ?? 'x', at }
                : { type, at };
            const result = transition(m, snap as never, event as never);
            if (!result.ok) {
              expect(errorsOnly.has(result.error.code)).toBe(false);
              continue;
            }
            snap = result.snapshot as Snapshot;
            seen.add(snap.state);
            const restored = restoreSnapshot(m, JSON.parse(JSON.stringify(snap)));
            if (!restored.ok) throw new Error(restored.error.message);
            expect(restored.snapshot).toEqual(snap);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The walk is not trivial: it reaches the successful end and most states.
    expect(seen.has('completed')).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(Math.min(m.states.length - 1, 6));
  });
});

/** A snapshot of the 8 steps in `present`, two presentations and one objection done. */
function presenting(): Snapshot {
  return drive(eightStepsOfService.machine, [
    'approach',
    'determineNeeds',
    'present',
    'handleObjections',
    'present',
  ]);
}

type Edit = (snap: {
  state: string;
  status: string;
  context: {
    counts: Record<string, number>;
    qualities: Record<string, number>;
    startedAt: number | null;
    lastAt: number | null;
    branches?: Record<string, string>;
  };
}) => void;

describe('framework invariants reject hand-edited snapshots', () => {
  const m = eightStepsOfService.machine;
  const cases: [name: string, invariant: string, edit: Edit][] = [
    [
      'only one timestamp set',
      'clockStartsWithFirstEvent',
      (s) => {
        s.context.startedAt = null;
      },
    ],
    [
      'no timestamps after steps were taken',
      'clockStartsWithFirstEvent',
      (s) => {
        s.context.startedAt = null;
        s.context.lastAt = null;
      },
    ],
    [
      'timestamps set in an untouched start',
      'clockStartsWithFirstEvent',
      (s) => {
        s.state = 'start';
        for (const id of Object.keys(s.context.counts)) s.context.counts[id] = 0;
      },
    ],
    [
      'startedAt after lastAt',
      'timeMovesForward',
      (s) => {
        s.context.startedAt = (s.context.lastAt ?? 0) + 1;
      },
    ],
    [
      'the current step never counted',
      'currentStepCounted',
      (s) => {
        s.state = 'close';
      },
    ],
    [
      'the current step of an outcome state never counted',
      'currentStepCounted',
      (s) => {
        s.state = 'followUp:satisfied';
      },
    ],
    [
      'steps counted in start',
      'currentStepCounted',
      (s) => {
        s.state = 'start';
      },
    ],
    [
      // present has no cap in the preset; approach keeps its cap of 1.
      'a count above maxTimes',
      'countsWithinMaxTimes',
      (s) => {
        s.context.counts.approach = 2;
      },
    ],
    [
      'a branch that is not an outcome of its step',
      'branchesAreOutcomes',
      (s) => {
        s.context.branches = { close: 'maybe' };
      },
    ],
    [
      'completed without every mandatory step',
      'completedHasEveryMandatoryStep',
      (s) => {
        s.state = 'completed';
        s.status = 'done';
      },
    ],
  ];

  it.each(cases)('rejects %s (%s)', (_name, invariant, edit) => {
    const snap = structuredClone(presenting()) as Parameters<Edit>[0];
    expect(restoreSnapshot(m, snap).ok).toBe(true);
    edit(snap);
    const result = restoreSnapshot(m, snap);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_SNAPSHOT');
    const broken = result.error.problems.map((p) => p.message);
    expect(broken.some((text) => text.startsWith(`breaks invariant '${invariant}': `))).toBe(true);
  });

  it('refuses an initial input that breaks one', () => {
    let thrown: unknown;
    try {
      initialSnapshot(m, { counts: { approach: 1 } });
    } catch (error) {
      thrown = error;
    }
    expect(isSnapshotError(thrown) && thrown.code).toBe('INVALID_CONTEXT');
    expect(String((thrown as Error).message)).toContain("invariant 'clockStartsWithFirstEvent'");
  });

  it('keeps a reachable corner case: completed with no step in an all-optional framework', () => {
    const done = transition(allOptional.machine, initialSnapshot(allOptional.machine), {
      type: 'END',
      at: 5,
    });
    expect(done.ok && done.snapshot).toMatchObject({
      state: 'completed',
      context: { counts: { a: 0, b: 0 }, startedAt: 5, lastAt: 5 },
    });
    if (done.ok) expect(restoreSnapshot(allOptional.machine, done.snapshot).ok).toBe(true);
  });

  it('lists its invariants on the machine definition', () => {
    expect(Object.keys(m.definition.invariants ?? {})).toEqual([
      'clockStartsWithFirstEvent',
      'timeMovesForward',
      'currentStepCounted',
      'countsWithinMaxTimes',
      'completedHasEveryMandatoryStep',
      'branchesAreOutcomes',
    ]);
  });
});
