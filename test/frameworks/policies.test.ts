import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { fiveStageCycle, fourStageCycle, unexpectedDemandFlow } from '../../src/cycles/index.js';
import {
  adaptFramework,
  assessInteraction,
  assessInteractionOrThrow,
  defineFramework,
  eightStepsOfService,
  recordFromEvents,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import { initialSnapshot, nextEvents, transition } from '../../src/index.js';
import { expectRefusal } from './helpers.js';

const steps = (ids: readonly string[], start = 0) =>
  ids.map((id, i) => ({ kind: 'step' as const, id, at: start + i * 1000 }));

/** A plain five-step line, every step mandatory, no outcomes. */
const line = defineFramework({
  id: 'line',
  name: 'Line',
  source: 'Test fixture',
  steps: [
    { id: 'greet', description: 'Hello.' },
    { id: 'searchTiming', description: 'Look it up.' },
    { id: 'offer', description: 'Offer.' },
    { id: 'confirm', description: 'Confirm.' },
    { id: 'close', description: 'Bye.' },
  ],
});

const deviations = (card: ReturnType<typeof assessInteractionOrThrow>) =>
  new Set([
    ...card.outOfOrder.map((d) => d.index),
    ...card.skipped.map((d) => d.index),
    ...card.overRepeated.map((d) => d.index),
    ...card.refused.map((d) => d.index),
    ...card.offScript.map((d) => d.index),
  ]);

describe('scoring bugs', () => {
  it('reports a backward step once, not the correctly placed step after it (regression)', () => {
    const card = assessInteractionOrThrow(line, {
      framework: 'line',
      events: steps(['greet', 'searchTiming', 'offer', 'greet', 'confirm', 'close']),
    });
    expect(card.outOfOrder.map((d) => d.index)).toEqual([3]);
    expect(card.skipped).toEqual([]);
    expect(card.canEnd).toBe(true);
  });

  it('a step repeated later is reported once (regression)', () => {
    const card = assessInteractionOrThrow(line, {
      framework: 'line',
      events: steps(['greet', 'searchTiming', 'offer', 'searchTiming', 'confirm', 'close']),
    });
    expect([...deviations(card)]).toEqual([3]);
  });

  it('inserting one deviation into a conforming record yields exactly one deviation (property)', () => {
    const ids = line.steps.map((s) => s.id);
    fc.assert(
      fc.property(fc.nat({ max: 4 }), fc.constantFrom(...ids), (at, inserted) => {
        const events = [...ids];
        // Only an insertion the framework does not allow there is a deviation.
        const before = events[at - 1] ?? null;
        const legal =
          (before === null && inserted === 'greet') ||
          (before !== null && ids.indexOf(inserted) === ids.indexOf(before) + 1);
        fc.pre(!legal);
        events.splice(at, 0, inserted);
        const card = assessInteractionOrThrow(line, { framework: 'line', events: steps(events) });
        expect(deviations(card).size).toBe(1);
        expect(deviations(card).has(at)).toBe(true);
      }),
    );
  });

  it('followUp right after sold: live refuses it, the scorecard misses perform (regression)', () => {
    const names = [
      'approach',
      'determineNeeds',
      'present',
      'close',
      'sold',
      'followUp',
      'satisfied',
    ];
    const m = eightStepsOfService.machine;
    let snap = initialSnapshot(m);
    let refusedAt = -1;
    names.forEach((type, i) => {
      const r = transition(m, snap, { type, at: i * 1000 } as never);
      if (r.ok) snap = r.snapshot;
      else if (refusedAt < 0) refusedAt = i;
    });
    expect(refusedAt).toBe(5);
    const card = assessInteractionOrThrow(eightStepsOfService, {
      framework: 'eightStepsOfService',
      events: names.map((id, i) => ({
        kind: ['sold', 'satisfied'].includes(id) ? 'outcome' : 'step',
        id,
        at: i * 1000,
      })),
    });
    expect(card.missingMandatory).toEqual(['perform']);
    expect(card.canEnd).toBe(false);
    expect(deviations(card).has(5)).toBe(true);
  });

  it('live machine and scorecard agree on every record (property)', () => {
    const fw = eightStepsOfService;
    const outcomes = new Set<string>(fw.outcomes);
    const alphabet = [...fw.steps.map((s) => s.id), ...fw.outcomes];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 14 }), (types) => {
        const m = fw.machine;
        let snap = initialSnapshot(m);
        let refused = -1;
        for (const [i, type] of types.entries()) {
          const r = transition(m, snap, { type, at: i } as never);
          if (!r.ok) {
            refused = i;
            break;
          }
          snap = r.snapshot;
        }
        const kept = refused < 0 ? types : types.slice(0, refused + 1);
        const card = assessInteractionOrThrow(fw, {
          framework: fw.id,
          events: kept.map((id, i) => ({ kind: outcomes.has(id) ? 'outcome' : 'step', id, at: i })),
        });
        if (refused >= 0) {
          const named =
            deviations(card).has(refused) ||
            card.misplacedOutcomes.some((o) => o.index === refused);
          expect(named).toBe(true);
        } else {
          const ended = transition(m, snap, { type: 'END', at: types.length } as never);
          if (ended.ok) {
            expect(card.canEnd).toBe(true);
            expect(card.missingMandatory).toEqual([]);
          } else {
            expect(card.canEnd).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('presets and their sources', () => {
  it('8 Steps: no cap on objections or presentations by default; caps are configurable', () => {
    const m = eightStepsOfService.machine;
    const loop = ['approach', 'determineNeeds', 'present'];
    for (let i = 0; i < 6; i++) loop.push('handleObjections', 'present');
    let snap = initialSnapshot(m);
    for (const [i, type] of loop.entries()) {
      const r = transition(m, snap, { type, at: i } as never);
      expect(r.ok).toBe(true);
      if (r.ok) snap = r.snapshot;
    }
    const capped = adaptFramework(eightStepsOfService, {
      steps: { handleObjections: { maxTimes: 4 } },
    });
    let c = initialSnapshot(capped.machine);
    let code: string | undefined;
    for (const [i, type] of loop.entries()) {
      const r = transition(capped.machine, c, { type, at: i } as never);
      if (r.ok) c = r.snapshot;
      else {
        code = r.error.reason?.code;
        break;
      }
    }
    expect(code).toBe('REPEAT_LIMIT');
    expect(() =>
      adaptFramework(eightStepsOfService, { steps: { nope: { maxTimes: 2 } } } as never),
    ).toThrow(/not a step/);
    expect(() =>
      adaptFramework(eightStepsOfService, { steps: { present: { maxTimes: 0 } } }),
    ).toThrow(/Invalid options/);
  });

  describe('8 Steps: where an unsatisfied follow-up leads depends on the close', () => {
    const m = eightStepsOfService.machine;
    const walk = (types: readonly string[]) => {
      let snap = initialSnapshot(m);
      for (const [i, type] of types.entries()) {
        const r = transition(m, snap, { type, at: i } as never);
        if (!r.ok) throw new Error(`${type} refused: ${r.error.message}`);
        snap = r.snapshot;
      }
      return snap;
    };
    const opening = ['approach', 'determineNeeds', 'present', 'close'];

    it('after notNow, an unsatisfied follow-up does not lead to perform (regression)', () => {
      const snap = walk([...opening, 'notNow', 'followUp', 'notSatisfied']);
      expectRefusal(m, snap, { type: 'perform', at: 50 }, 'CONDITION_NOT_MET');
      expect(nextEvents(m, snap)).not.toContain('perform');
      expect(transition(m, snap, { type: 'END', at: 50 } as never).ok).toBe(false);
    });

    it('after notNow, it goes back to handling objections, and a new close can sell', () => {
      const snap = walk([
        ...opening,
        'notNow',
        'followUp',
        'notSatisfied',
        'handleObjections',
        'present',
        'close',
        'sold',
        'perform',
        'followUp',
        'satisfied',
        'END',
      ]);
      expect(snap.state).toBe('completed');
      expect(snap.context.counts.close).toBe(2);
    });

    it('after notNow, it may also end as abandoned', () => {
      const snap = walk([...opening, 'notNow', 'followUp', 'notSatisfied', 'ABANDON']);
      expect(snap.state).toBe('abandoned');
    });

    it('after sold, an unsatisfied follow-up goes back to perform, never to objections', () => {
      const snap = walk([...opening, 'sold', 'perform', 'followUp', 'notSatisfied']);
      expectRefusal(m, snap, { type: 'handleObjections', at: 50 }, 'CONDITION_NOT_MET');
      expect(transition(m, snap, { type: 'END', at: 50 } as never).ok).toBe(false);
      const done = walk([
        ...opening,
        'sold',
        'perform',
        'followUp',
        'notSatisfied',
        'perform',
        'followUp',
        'satisfied',
        'END',
      ]);
      expect(done.state).toBe('completed');
    });

    it('scores a notNow record that performs after an unsatisfied follow-up as refused', () => {
      const events = [...opening, 'notNow', 'followUp', 'notSatisfied', 'perform'].map(
        (id, at) => ({
          kind: ['notNow', 'notSatisfied'].includes(id) ? 'outcome' : 'step',
          id,
          at,
        }),
      );
      const c = assessInteractionOrThrow(eightStepsOfService, {
        framework: 'eightStepsOfService',
        events,
      });
      expect(c.refused.map((r) => [r.index, r.id, r.code])).toEqual([
        [7, 'perform', 'CONDITION_NOT_MET'],
      ]);
      expect(c.required).not.toContain('perform');
    });
  });

  it('cycles: follow-up is a required skill of keeping; failed agreements may repeat', () => {
    expect(fourStageCycle.qualities.find((q) => q.id === 'followUp')?.mandatory).toBe(true);
    expect(fiveStageCycle.steps.find((s) => s.id === 'agreeing')?.maxTimes).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('every source cites a human-readable reference, never a file name', () => {
    for (const f of [
      eightStepsOfService,
      tenStepsOfService,
      ritzThreeSteps,
      fourStageCycle,
      fiveStageCycle,
    ]) {
      expect(f.source).not.toMatch(/\.txt|seed/i);
    }
    const meta = JSON.stringify(unexpectedDemandFlow.definition.meta ?? {});
    expect(meta).not.toMatch(/\.txt|seed/i);
  });
});

/** A returns policy: how long a return is allowed depends on the member's tier. */
const returns = defineFramework({
  id: 'returns',
  name: 'Returns desk',
  source: 'Test fixture (in-house returns policy)',
  data: z.object({ tier: z.enum(['bronze', 'silver', 'gold']), daysSincePurchase: z.number() }),
  guards: {
    withinWindow: ({ data, refuse }) => {
      const limit = data.tier === 'gold' ? Infinity : data.tier === 'silver' ? 183 : 90;
      return (
        data.daysSincePurchase <= limit ||
        refuse(`A ${data.tier} member may return within ${limit} days.`, { limit })
      );
    },
    isGold: ({ data }) => data.tier === 'gold',
  },
  steps: [
    { id: 'greet', description: 'Greet.', aliases: ['say-hello'] },
    { id: 'pull-up-account', description: 'Find the order.', aliases: ['lookup'] },
    {
      id: 'decide',
      description: 'Decide.',
      outcomes: {
        accept: { to: 'refund', requires: ['refund'], guard: 'withinWindow' },
        decline: { to: 'explain', requires: ['explain'] },
      },
    },
    {
      id: 'refund',
      description: 'Refund.',
      mandatory: false,
      aliases: [{ name: 'process', guard: 'isGold' }],
    },
    { id: 'explain', description: 'Explain.', mandatory: false, aliases: ['process'] },
  ],
});

describe('expressiveness', () => {
  it('data guards refuse live with CONDITION_NOT_MET and are scored as refused', () => {
    const m = returns.machine;
    let snap = initialSnapshot(m, { data: { tier: 'bronze', daysSincePurchase: 120 } });
    for (const [i, type] of ['greet', 'pull-up-account', 'decide'].entries()) {
      const r = transition(m, snap, { type, at: i } as never);
      if (r.ok) snap = r.snapshot;
    }
    const r = transition(m, snap, { type: 'accept', at: 5 } as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason?.code).toBe('CONDITION_NOT_MET');
    const card = assessInteractionOrThrow(returns, {
      framework: 'returns',
      data: { tier: 'bronze', daysSincePurchase: 120 },
      events: [
        ...steps(['greet', 'pull-up-account', 'decide']),
        { kind: 'outcome', id: 'accept', at: 5000 },
      ],
    });
    expect(card.refused.map((x) => x.code)).toEqual(['CONDITION_NOT_MET']);
    const gold = assessInteractionOrThrow(returns, {
      framework: 'returns',
      data: { tier: 'gold', daysSincePurchase: 400 },
      events: [
        ...steps(['greet', 'pull-up-account', 'decide']),
        { kind: 'outcome', id: 'accept', at: 5000 },
        { kind: 'step', id: 'refund', at: 6000 },
      ],
    });
    expect(gold.score).toBe(100);
    expect(
      assessInteraction(returns, { framework: 'returns', data: { tier: 'x' }, events: [] }).ok,
    ).toBe(false);
  });

  it('scores a record against the requirements of the branch it took only', () => {
    const card = assessInteractionOrThrow(returns, {
      framework: 'returns',
      data: { tier: 'bronze', daysSincePurchase: 200 },
      events: [
        ...steps(['greet', 'pull-up-account', 'decide']),
        { kind: 'outcome', id: 'decline', at: 5000 },
      ],
    });
    expect(card.required).toEqual(['greet', 'pull-up-account', 'decide', 'explain']);
    expect(card.missingMandatory).toEqual(['explain']);
  });

  it('reports off-script actions instead of refusing the record; strict refuses', () => {
    const rec = {
      framework: 'line',
      events: steps(['greet', 'searchTiming', 'smallTalk', 'offer', 'confirm', 'close']),
    };
    const card = assessInteractionOrThrow(line, rec);
    expect(card.offScript).toEqual([{ index: 2, action: 'smallTalk' }]);
    expect(card.breakdown.order).toEqual({ weight: 20, earned: 5, possible: 6 });
    const strict = assessInteraction(line, rec, { strict: true });
    expect(strict.ok ? undefined : strict.error.code).toBe('UNKNOWN_STEP');
  });

  it('maps aliases to steps, by data when the alias has a guard; kebab-case step ids', () => {
    const base = ['say-hello', 'lookup', 'decide'];
    const gold = assessInteractionOrThrow(returns, {
      framework: 'returns',
      data: { tier: 'gold', daysSincePurchase: 1 },
      events: [
        ...steps(base),
        { kind: 'outcome', id: 'accept', at: 5000 },
        { kind: 'step', id: 'process', at: 6000 },
      ],
    });
    expect(gold.sequence).toEqual(['greet', 'pull-up-account', 'decide', 'refund']);
    const silver = assessInteractionOrThrow(returns, {
      framework: 'returns',
      data: { tier: 'silver', daysSincePurchase: 300 },
      events: [
        ...steps(base),
        { kind: 'outcome', id: 'decline', at: 5000 },
        { kind: 'step', id: 'process', at: 6000 },
      ],
    });
    expect(silver.sequence.at(-1)).toBe('explain');
    expect(silver.score).toBe(100);
  });

  it('reads a record without clock in turn order, with no durations', () => {
    const card = assessInteractionOrThrow(ritzThreeSteps, {
      framework: 'ritzThreeSteps',
      events: ['greeting', 'anticipation', 'farewell'].map((id) => ({ kind: 'step', id })),
    });
    expect(card.timed).toBe(false);
    expect(card.durationMs).toBeNull();
    expect(card.steps.every((s) => s.durationMs === null)).toBe(true);
    expect(card.canEnd).toBe(true);
    const mixed = assessInteraction(ritzThreeSteps, {
      framework: 'ritzThreeSteps',
      events: [
        { kind: 'step', id: 'greeting', at: 1 },
        { kind: 'step', id: 'farewell' },
      ],
    });
    expect(mixed.ok ? undefined : mixed.error.code).toBe('MIXED_CLOCK');
  });

  it('converts a live event log to a record', () => {
    const record = recordFromEvents(eightStepsOfService, [
      { type: 'approach', at: 0 },
      { type: 'QUALITY', quality: 'activeListening', at: 1 },
      { type: 'close', at: 2 },
      { type: 'sold', at: 3 },
      { type: 'END', at: 4 },
    ]);
    expect(record.events.map((e) => e.kind)).toEqual(['step', 'quality', 'step', 'outcome']);
    expect(() => recordFromEvents(eightStepsOfService, [{ type: 'QUALITY' }])).toThrow(
      /Invalid options/,
    );
  });
});
