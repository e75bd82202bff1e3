import { describe, expect, it } from 'vitest';
import {
  AssessmentError,
  adherenceScore,
  assessInteraction,
  assessInteractionOrThrow,
  eightStepsOfService,
  isAssessmentError,
  ritzThreeSteps,
  type Scorecard,
} from '../../src/frameworks/index.js';
import { recordOf } from './helpers.js';

const eight = (events: readonly (readonly [string, string])[]) =>
  recordOf('eightStepsOfService', events);
const card = (record: unknown): Scorecard => assessInteractionOrThrow(eightStepsOfService, record);
const step = (id: string) => ['step', id] as const;
const quality = (id: string) => ['quality', id] as const;
const outcome = (id: string) => ['outcome', id] as const;
const report = (
  id: string,
  mandatory: boolean,
  maxTimes: number,
  count = 0,
  firstAt: number | null = null,
  durationMs = 0,
) => ({
  step: id,
  mandatory,
  count,
  maxTimes,
  firstAt,
  durationMs,
});
const noMoments = [
  { step: 'approach', hit: false, count: 0, at: null, outcome: null },
  { step: 'close', hit: false, count: 0, at: null, outcome: null },
  { step: 'followUp', hit: false, count: 0, at: null, outcome: null },
];

describe('assessInteraction', () => {
  it('scores an empty record 0, with every mandatory step and quality missing', () => {
    expect(card({ framework: 'eightStepsOfService', events: [] })).toEqual({
      framework: 'eightStepsOfService',
      record: null,
      score: 0,
      breakdown: {
        mandatory: { weight: 50, earned: 0, possible: 5 },
        order: { weight: 20, earned: 0, possible: 1 },
        qualities: { weight: 20, earned: 0, possible: 2 },
        repeats: { weight: 10, earned: 0, possible: 1 },
      },
      sequence: [],
      steps: [
        report('approach', true, 1),
        report('determineNeeds', true, 1),
        // The preset sets no caps on repeatable steps.
        report('present', true, Infinity),
        report('handleObjections', false, Infinity),
        // The close may be made again after "not now".
        report('close', true, Infinity),
        report('perform', false, Infinity),
        report('followUp', true, Infinity),
        report('askReferrals', false, 1),
      ],
      required: ['approach', 'determineNeeds', 'present', 'close', 'followUp'],
      missingMandatory: ['approach', 'determineNeeds', 'present', 'close', 'followUp'],
      outOfOrder: [],
      skipped: [],
      overRepeated: [],
      outcomes: [],
      misplacedOutcomes: [],
      offScript: [],
      refused: [],
      qualities: { seen: [], missing: ['productKnowledge', 'activeListening'] },
      momentsOfTruth: noMoments,
      timed: true,
      startedAt: null,
      endedAt: null,
      durationMs: 0,
      canEnd: false,
    });
  });

  it('scores a single step: 10 (mandatory 1/5) + 20 (order) + 0 (qualities) + 10 (repeats)', () => {
    const c = card({
      framework: 'eightStepsOfService',
      id: 'call-1',
      events: [{ kind: 'step', id: 'approach', at: 5 }],
    });
    expect(c.score).toBe(40);
    expect(c.record).toBe('call-1');
    expect(c.sequence).toEqual(['approach']);
    expect(c.steps[0]).toEqual(report('approach', true, 1, 1, 5, 0));
    expect(c.momentsOfTruth[0]).toEqual({
      step: 'approach',
      hit: true,
      count: 1,
      at: 5,
      outcome: null,
    });
    expect(c).toMatchObject({ startedAt: 5, endedAt: 5, durationMs: 0, canEnd: false });
  });

  it('reports every step done twice: repeats over the limit, and moves that needed an outcome', () => {
    const ids = eightStepsOfService.steps.map((s) => s.id);
    const c = card(eight(ids.flatMap((id) => [step(id), step(id)])));
    // present and handleObjections have no cap, so doing them twice in place is fine.
    expect(c.overRepeated).toEqual([
      { index: 1, step: 'approach', count: 2, maxTimes: 1 },
      { index: 3, step: 'determineNeeds', count: 2, maxTimes: 1 },
      { index: 15, step: 'askReferrals', count: 2, maxTimes: 1 },
    ]);
    // close and followUp have no cap either, but they have outcomes: they cannot repeat in place.
    expect(c.outOfOrder).toEqual([
      { index: 9, step: 'close', after: 'close', allowed: [] },
      { index: 10, step: 'perform', after: 'close', allowed: [] },
      { index: 13, step: 'followUp', after: 'followUp', allowed: [] },
      { index: 14, step: 'askReferrals', after: 'followUp', allowed: [] },
    ]);
    // Nothing was sold, so performing (again) is refused by the afterSale guard.
    expect(c.refused.map((r) => [r.index, r.id, r.code])).toEqual([
      [11, 'perform', 'CONDITION_NOT_MET'],
    ]);
    expect(c.skipped).toEqual([]);
    expect(c.missingMandatory).toEqual([]);
    // Each deviation is charged once: a repeat over the cap to repeats only.
    expect(c.breakdown.order).toEqual({ weight: 20, earned: 11, possible: 16 });
    expect(c.breakdown.repeats).toEqual({ weight: 10, earned: 13, possible: 16 });
    expect(c.score).toBe(71); // 50 + 13.75 + 0 + 8.125
    expect(c.steps.map((s) => s.durationMs)).toEqual([...Array(7).fill(120_000), 60_000]);
  });

  it('gives a record with only qualities the quality points and nothing else', () => {
    const c = card(
      eight([quality('productKnowledge'), quality('activeListening'), quality('productKnowledge')]),
    );
    expect(c.score).toBe(20);
    expect(c.qualities).toEqual({ seen: ['productKnowledge', 'activeListening'], missing: [] });
    expect(c.sequence).toEqual([]);
    expect(c.durationMs).toBe(120_000);
  });

  it('scores a flawless interaction exactly 100 and says it can end', () => {
    const c = card(
      eight([
        step('approach'),
        quality('activeListening'),
        step('determineNeeds'),
        step('present'),
        step('handleObjections'),
        step('present'),
        quality('productKnowledge'),
        step('close'),
        outcome('sold'),
        step('perform'),
        step('followUp'),
        outcome('satisfied'),
        step('askReferrals'),
      ]),
    );
    expect(c.score).toBe(100);
    expect(c.canEnd).toBe(true);
    expect(c.outcomes).toEqual([
      { index: 8, step: 'close', outcome: 'sold', at: 480_000 },
      { index: 11, step: 'followUp', outcome: 'satisfied', at: 660_000 },
    ]);
    expect(c.momentsOfTruth).toEqual([
      { step: 'approach', hit: true, count: 1, at: 0, outcome: null },
      { step: 'close', hit: true, count: 1, at: 420_000, outcome: 'sold' },
      { step: 'followUp', hit: true, count: 1, at: 600_000, outcome: 'satisfied' },
    ]);
  });

  it('reports a flawed interaction: skipped, out of order, misplaced outcome, repeats', () => {
    const c = card(
      eight([
        step('approach'),
        step('present'),
        quality('productKnowledge'),
        step('close'),
        step('perform'),
        outcome('sold'),
        step('followUp'),
        outcome('satisfied'),
        step('askReferrals'),
        step('askReferrals'),
      ]),
    );
    expect(c).toMatchObject({
      score: 72, // 40 + 14.29 + 10 + 8.57
      missingMandatory: ['determineNeeds'],
      skipped: [{ index: 1, step: 'determineNeeds', from: 'approach', to: 'present' }],
      outOfOrder: [{ index: 4, step: 'perform', after: 'close', allowed: [] }],
      misplacedOutcomes: [{ index: 5, step: 'perform', outcome: 'sold', at: 300_000 }],
      overRepeated: [{ index: 9, step: 'askReferrals', count: 2, maxTimes: 1 }],
      qualities: { seen: ['productKnowledge'], missing: ['activeListening'] },
      canEnd: false,
    });
  });

  it('names the step jumped over and where, and skips only what the path needed', () => {
    const c = assessInteractionOrThrow(
      ritzThreeSteps,
      recordOf('ritzThreeSteps', [step('greeting'), step('farewell')]),
    );
    expect(c.skipped).toEqual([
      { index: 1, step: 'anticipation', from: 'greeting', to: 'farewell' },
    ]);
    expect(c.score).toBe(73); // 33.3 + 10 + 20 (no mandatory quality) + 10
    const sold = card(
      eight([
        step('approach'),
        step('determineNeeds'),
        step('present'),
        step('close'),
        outcome('sold'),
        step('followUp'),
      ]),
    );
    expect(sold.skipped).toEqual([{ index: 5, step: 'perform', from: 'close', to: 'followUp' }]);
    const notNow = card(
      eight([
        step('approach'),
        step('determineNeeds'),
        step('present'),
        step('close'),
        outcome('notNow'),
        step('perform'),
      ]),
    );
    expect(notNow.outOfOrder).toEqual([
      { index: 5, step: 'perform', after: 'close', allowed: ['followUp'] },
    ]);
  });

  it('refuses records it cannot read, with a code and a sentence', () => {
    const cases: [unknown, string, string][] = [
      [null, 'INVALID_RECORD', 'The record is not a valid interaction record'],
      // A record may leave out `at` on every event (turn order), but not on some only.
      [
        {
          framework: 'eightStepsOfService',
          events: [
            { kind: 'step', id: 'approach', at: 0 },
            { kind: 'step', id: 'determineNeeds' },
          ],
        },
        'MIXED_CLOCK',
        '1 of 2 events have a time (at); give every event a time, or none to use turn order.',
      ],
      [
        { framework: 'eightStepsOfService', events: [{ kind: 'step', id: 'approach', at: -1 }] },
        'INVALID_RECORD',
        'events.0.at',
      ],
      [
        { framework: 'eightStepsOfService', events: [{ kind: 'move', id: 'approach', at: 0 }] },
        'INVALID_RECORD',
        'events.0.kind',
      ],
      [
        { framework: 'tenStepsOfService', events: [] },
        'WRONG_FRAMEWORK',
        "The record follows framework 'tenStepsOfService', not 'eightStepsOfService'",
      ],

      [
        eight([quality('empathy')]),
        'UNKNOWN_QUALITY',
        "Event #0: quality 'empathy' is not a quality",
      ],
      [
        eight([step('approach'), outcome('agreed')]),
        'UNKNOWN_OUTCOME',
        "Event #1: outcome 'agreed' is not an outcome of framework 'eightStepsOfService'; its outcomes: sold, notNow, satisfied, notSatisfied.",
      ],
      [
        {
          framework: 'eightStepsOfService',
          events: [
            { kind: 'step', id: 'approach', at: 10 },
            { kind: 'step', id: 'determineNeeds', at: 9 },
          ],
        },
        'TIME_WENT_BACKWARDS',
        'Event #1: it is at 9, before the previous event at 10; events must be listed oldest first.',
      ],
    ];
    for (const [record, code, text] of cases) {
      const result = assessInteraction(eightStepsOfService, record);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message).toContain(text);
      }
    }
    // An unknown action is listed as off-script by default; strict mode refuses the record.
    const welcome = eight([step('welcome')]);
    const lenient = assessInteraction(eightStepsOfService, welcome);
    expect(lenient.ok && lenient.scorecard.offScript).toEqual([{ index: 0, action: 'welcome' }]);
    const strict = assessInteraction(eightStepsOfService, welcome, { strict: true });
    expect(strict.ok).toBe(false);
    if (!strict.ok) {
      expect(strict.error.code).toBe('UNKNOWN_STEP');
      expect(strict.error.message).toContain(
        "Event #0: step 'welcome' is not a step of framework 'eightStepsOfService'; its steps: approach, determineNeeds",
      );
    }
    expect(() =>
      assessInteraction(eightStepsOfService, welcome, { strict: 'yes' } as never),
    ).toThrow(/Invalid options/);
  });

  it('throws an AssessmentError from the throwing variant', () => {
    let caught: unknown;
    try {
      assessInteractionOrThrow(eightStepsOfService, eight([step('welcome')]), { strict: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AssessmentError);
    expect(isAssessmentError(caught)).toBe(true);
    expect(isAssessmentError(new Error('x'))).toBe(false);
    expect(caught).toMatchObject({
      code: 'UNKNOWN_STEP',
      issue: { code: 'UNKNOWN_STEP', index: 0 },
    });
  });
});

describe('adherenceScore', () => {
  const part = (weight: number, earned: number, possible: number) => ({ weight, earned, possible });
  it('is 100 only when every part is full, and 0 when every part is empty', () => {
    expect(
      adherenceScore({
        mandatory: part(50, 5, 5),
        order: part(20, 9, 9),
        qualities: part(20, 2, 2),
        repeats: part(10, 9, 9),
      }),
    ).toBe(100);
    expect(
      adherenceScore({
        mandatory: part(50, 0, 5),
        order: part(20, 0, 1),
        qualities: part(20, 0, 2),
        repeats: part(10, 0, 1),
      }),
    ).toBe(0);
    expect(
      adherenceScore({
        mandatory: part(50, 5, 5),
        order: part(20, 999_999, 1_000_000),
        qualities: part(20, 2, 2),
        repeats: part(10, 1, 1),
      }),
    ).toBe(99);
  });
  it('rounds down exactly, without floating-point drift', () => {
    expect(
      adherenceScore({
        mandatory: part(50, 1, 3),
        order: part(20, 1, 3),
        qualities: part(20, 1, 3),
        repeats: part(10, 1, 3),
      }),
    ).toBe(33);
    expect(
      adherenceScore({
        mandatory: part(50, 3, 5),
        order: part(20, 3, 5),
        qualities: part(20, 3, 5),
        repeats: part(10, 3, 5),
      }),
    ).toBe(60);
  });
});

describe('canEnd after a forced deviation (regression)', () => {
  const prefix = ['approach', 'determineNeeds', 'present', 'close'].map(step);

  it('is false when the record jumps past a follow-up outcome that was never recorded', () => {
    const c = card(
      eight([
        ...prefix,
        outcome('sold'),
        step('perform'),
        quality('productKnowledge'),
        quality('activeListening'),
        step('followUp'),
        step('followUp'),
        step('askReferrals'),
      ]),
    );
    expect(c.missingMandatory).toEqual([]);
    expect(c.outcomes.map((o) => o.outcome)).toEqual(['sold']);
    expect(c.canEnd).toBe(false);
  });

  it('is false when the record leaves the close without its outcome and reaches a satisfied follow-up', () => {
    const c = card(eight([...prefix, step('perform'), step('followUp'), outcome('satisfied')]));
    expect(c.outOfOrder.map((d) => d.step)).toEqual(['perform']);
    expect(c.canEnd).toBe(false);
  });

  it('is true again once the skipped decision is recorded later', () => {
    const c = card(
      eight([
        ...prefix,
        outcome('sold'),
        step('perform'),
        step('followUp'),
        step('followUp'),
        outcome('satisfied'),
      ]),
    );
    expect(c.canEnd).toBe(true);
  });
});
