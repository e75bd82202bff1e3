import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiveStageCycle, fourStageCycle } from '../../src/cycles/index.js';
import {
  type AnyFramework,
  assessInteractionOrThrow,
  eightStepsOfService,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import { initialSnapshot, nextEvents, type Snapshot, transition } from '../../src/index.js';

const frameworks = [
  eightStepsOfService,
  tenStepsOfService,
  ritzThreeSteps,
  fourStageCycle,
  fiveStageCycle,
] as unknown as AnyFramework[];

/** Random live events for a framework: any step, outcome, quality, END or ABANDON, time moving on. */
function eventsFor(framework: AnyFramework) {
  const types = [...framework.steps.map((s) => s.id), ...framework.outcomes, 'END', 'ABANDON'];
  const qualities = framework.qualities.map((q) => q.id);
  const one = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...types).map((type) => ({ type })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...qualities).map((quality) => ({ type: 'QUALITY', quality })),
    },
  );
  return fc.array(fc.tuple(one, fc.nat(100_000)), { maxLength: 60 }).map((list) => {
    let at = 0;
    return list.map(([event, gap]) => {
      at += gap;
      return { ...event, at };
    });
  });
}

type Ctx = { counts: Record<string, number> };

describe.each(frameworks.map((f) => [f.id, f] as const))('%s properties', (_id, framework) => {
  const m = framework.machine;
  const mandatory = framework.steps.filter((s) => s.mandatory).map((s) => s.id);

  it('never reaches the successful end without every mandatory step', () => {
    fc.assert(
      fc.property(eventsFor(framework), (events) => {
        let snap = initialSnapshot(m) as Snapshot;
        for (const event of events) {
          const before = JSON.stringify(snap);
          const result = transition(m, snap as never, event as never);
          if (result.ok) snap = result.snapshot as Snapshot;
          else expect(JSON.stringify(snap)).toBe(before);
          if (snap.state === 'completed') {
            for (const id of mandatory) expect((snap.context as Ctx).counts[id]).toBeGreaterThan(0);
          }
        }
        // Context size depends on the framework, not on the number of events applied.
        expect(Object.keys((snap.context as Ctx).counts)).toEqual(framework.steps.map((s) => s.id));
      }),
      { numRuns: 200 },
    );
  });

  it('reaches the successful end on guided paths only with every mandatory step', () => {
    const types = [...framework.steps.map((s) => s.id), ...framework.outcomes, 'END', 'ABANDON'];
    let completed = 0;
    fc.assert(
      // Walks long enough to get through the loops (objections, a close made again after "not
      // now"), so that some of them complete.
      fc.property(fc.array(fc.nat(1_000), { minLength: 40, maxLength: 160 }), (choices) => {
        let snap = initialSnapshot(m) as Snapshot;
        for (const [at, choice] of choices.entries()) {
          // Mostly an event the state takes (minus ABANDON), sometimes any event at all.
          const legal = nextEvents(m, snap as never).filter(
            (t) => t !== 'ABANDON' && t !== 'QUALITY',
          );
          const pool = choice % 10 === 0 || legal.length === 0 ? types : legal;
          const type = pool[Math.floor(choice / 10) % pool.length] as string;
          const result = transition(m, snap as never, { type, at } as never);
          if (result.ok) snap = result.snapshot as Snapshot;
        }
        if (snap.state === 'completed') {
          completed++;
          for (const id of mandatory) expect((snap.context as Ctx).counts[id]).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
    expect(completed).toBeGreaterThan(0);
  });

  it('scores every accepted live path as conforming: no deviations, score in 0..100', () => {
    fc.assert(
      fc.property(eventsFor(framework), (events) => {
        let snap = initialSnapshot(m) as Snapshot;
        const recorded: { kind: string; id: string; at: number }[] = [];
        for (const event of events) {
          const result = transition(m, snap as never, event as never);
          if (!result.ok) continue;
          snap = result.snapshot as Snapshot;
          if (event.type === 'QUALITY')
            recorded.push({
              kind: 'quality',
              id: (event as { quality: string }).quality,
              at: event.at,
            });
          else if (framework.outcomes.includes(event.type))
            recorded.push({ kind: 'outcome', id: event.type, at: event.at });
          else if (event.type !== 'END' && event.type !== 'ABANDON')
            recorded.push({ kind: 'step', id: event.type, at: event.at });
        }
        const card = assessInteractionOrThrow(framework, {
          framework: framework.id,
          events: recorded,
        });
        expect(card.outOfOrder).toEqual([]);
        expect(card.skipped).toEqual([]);
        expect(card.overRepeated).toEqual([]);
        expect(card.misplacedOutcomes).toEqual([]);
        expect(Number.isInteger(card.score) && card.score >= 0 && card.score <= 100).toBe(true);
        if (snap.state === 'completed') {
          expect(card.missingMandatory).toEqual([]);
          expect(card.canEnd).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('scores any readable record between 0 and 100, and 100 only without a flaw', () => {
    const ids = [
      ...framework.steps.map((s) => ['step', s.id] as const),
      ...framework.qualities.map((q) => ['quality', q.id] as const),
      ...framework.outcomes.map((o) => ['outcome', o] as const),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ids), { maxLength: 40 }), (picked) => {
        const events = picked.map(([kind, id], at) => ({ kind, id, at }));
        const card = assessInteractionOrThrow(framework, { framework: framework.id, events });
        expect(Number.isInteger(card.score) && card.score >= 0 && card.score <= 100).toBe(true);
        const flawless =
          card.missingMandatory.length +
            card.outOfOrder.length +
            card.skipped.length +
            card.overRepeated.length ===
            0 &&
          card.qualities.missing.length === 0 &&
          card.sequence.length > 0;
        expect(card.score === 100).toBe(flawless);
      }),
      { numRuns: 300 },
    );
  });

  it('says canEnd only when every required step is done and every step with outcomes visited got one', () => {
    const ids = [
      ...framework.steps.map((s) => ['step', s.id] as const),
      ...framework.outcomes.map((o) => ['outcome', o] as const),
    ];
    const decisive = framework.steps.filter((s) => Object.keys(s.outcomes).length > 0);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ids), { maxLength: 30 }), (picked) => {
        const events = picked.map(([kind, id], at) => ({ kind, id, at }));
        const card = assessInteractionOrThrow(framework, { framework: framework.id, events });
        if (!card.canEnd) return;
        expect(card.missingMandatory).toEqual([]);
        for (const s of decisive) {
          if (!card.sequence.includes(s.id)) continue;
          expect(card.outcomes.some((o) => o.step === s.id)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
