import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unexpectedDemandFlow } from '../../src/cycles/index.js';
import {
  initialSnapshot,
  nextEvents,
  replayOrThrow,
  restoreSnapshot,
  type SnapshotFrom,
  transition,
} from '../../src/index.js';

const m = unexpectedDemandFlow;
type Snap = SnapshotFrom<typeof m>;

describe('unexpectedDemandFlow invariants', () => {
  it('hold on every reachable snapshot: each one restores, and no transition breaks one (property)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(1_000),
            fc.integer({ min: -5, max: 100 }),
            fc.option(fc.constantFrom('lee', 'ana'), { nil: undefined }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        (choices) => {
          let snap: Snap = initialSnapshot(m);
          let at = 50;
          for (const [choice, gap, actor] of choices) {
            const legal = nextEvents(m, snap);
            const pool = choice % 5 === 0 || legal.length === 0 ? m.events : legal;
            const type = pool[choice % pool.length] as string;
            at = Math.max(0, at + gap);
            const event = actor === undefined ? { type, at } : { type, at, actor };
            const result = transition(m, snap, event as never);
            if (!result.ok) {
              expect(['UPDATE_FAILED', 'RULE_THREW', 'INVALID_SNAPSHOT']).not.toContain(
                result.error.code,
              );
              continue;
            }
            snap = result.snapshot;
            seen.add(snap.state);
            const restored = restoreSnapshot(m, JSON.parse(JSON.stringify(snap)));
            if (!restored.ok) throw new Error(restored.error.message);
            expect(restored.snapshot).toEqual(snap);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect([...seen].sort()).toEqual(
      ['handedOver', 'managerContacted', 'responding', 'routine', 'verifyingSatisfaction'].sort(),
    );
  });

  const responded = (): Snap =>
    replayOrThrow(m, [
      { type: 'RESPOND_NOW', at: 10, actor: 'lee' },
      { type: 'ADDRESSED', at: 20 },
    ]);
  const escalated = (): Snap => replayOrThrow(m, [{ type: 'CANNOT_RESPOND', at: 10 }]);

  const cases: [string, string, () => Snap, (s: Record<string, unknown>) => void][] = [
    [
      'only one timestamp set',
      'clockStartsWithFirstEvent',
      responded,
      (s) => set(s, 'lastAt', null),
    ],
    [
      'no timestamps after an event',
      'clockStartsWithFirstEvent',
      escalated,
      (s) => {
        set(s, 'startedAt', null);
        set(s, 'lastAt', null);
      },
    ],
    [
      'timestamps before any event',
      'clockStartsWithFirstEvent',
      () => initialSnapshot(m),
      (s) => {
        set(s, 'startedAt', 1);
        set(s, 'lastAt', 1);
      },
    ],
    ['startedAt after lastAt', 'timeMovesForward', responded, (s) => set(s, 'startedAt', 99)],
    [
      'an escalation while the provider still owns it',
      'escalationMatchesState',
      responded,
      (s) => set(s, 'escalation', 'notSatisfied'),
    ],
    [
      'the manager contacted without a reason',
      'escalationMatchesState',
      escalated,
      (s) => set(s, 'escalation', null),
    ],
    [
      'an owner when nobody responded',
      'ownerMatchesPath',
      escalated,
      (s) => set(s, 'owner', 'lee'),
    ],
    ['no owner after RESPOND_NOW', 'ownerMatchesPath', responded, (s) => set(s, 'owner', null)],
  ];

  it.each(cases)('rejects a hand-edited snapshot with %s (%s)', (_name, invariant, make, edit) => {
    const snap = structuredClone(make()) as unknown as Record<string, unknown>;
    expect(restoreSnapshot(m, snap).ok).toBe(true);
    edit(snap);
    const result = restoreSnapshot(m, snap);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(
        result.error.problems.some((p) =>
          p.message.startsWith(`breaks invariant '${invariant}': `),
        ),
      ).toBe(true);
    }
  });

  it('refuses an initial input that breaks one', () => {
    expect(() => initialSnapshot(m, { owner: 'lee' })).toThrow(/invariant 'ownerMatchesPath'/);
  });
});

function set(snapshot: Record<string, unknown>, key: string, value: unknown): void {
  (snapshot.context as Record<string, unknown>)[key] = value;
}
