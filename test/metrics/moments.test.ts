import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineMachine, initialSnapshot, transition } from '../../src/index.js';
import {
  type AssessedInteraction,
  assessSteps,
  defaultHealthRatio,
  type MomentOutcome,
  momentAt,
  momentOutcomes,
  momentsAccumulator,
  momentsAdd,
  momentsMerge,
  momentsOfTruth,
  momentsResult,
  relationshipHealth,
} from '../../src/metrics/index.js';
import { steps } from '../core/fixtures.js';
import { copy, metricError } from './helpers.js';

describe('momentsOfTruth', () => {
  it('marks transitions by from->to key', () => {
    expect(
      momentsOfTruth(steps, {
        'present->handleObjections': 'first objection',
        'present->close': 'the close',
        'handleObjections->close': 'the close',
      }),
    ).toEqual({
      machine: 'steps',
      moments: [
        { id: 'first objection', from: 'present', event: 'NEXT', to: 'handleObjections' },
        { id: 'the close', from: 'present', event: 'SKIP', to: 'close' },
        { id: 'the close', from: 'handleObjections', event: 'NEXT', to: 'close' },
      ],
    });
  });

  it('marks transitions by a predicate over the edges', () => {
    const moments = momentsOfTruth(steps, (edge) =>
      edge.from === 'approach' ? 'greeting' : undefined,
    );
    expect(moments.moments).toEqual([
      { id: 'greeting', from: 'approach', event: 'NEXT', to: 'determineNeeds' },
    ]);
  });

  it('rejects a transition the machine does not have, listing the ones it has', () => {
    const error = metricError(() => momentsOfTruth(steps, { 'approach->done': 'x' } as never));
    expect(error.code).toBe('UNKNOWN_TRANSITION');
    expect(error.message).toContain(
      "Machine 'steps' has no transition 'approach->done'; its transitions are: approach->determineNeeds,",
    );
    expect(error.problems).toEqual([
      { path: ['approach->done'], value: 'x', message: 'no such transition' },
    ]);
  });

  it('rejects an empty moment id', () => {
    expect(metricError(() => momentsOfTruth(steps, { 'approach->determineNeeds': '' })).code).toBe(
      'INVALID_OPTIONS',
    );
    expect(metricError(() => momentsOfTruth(steps, () => 5 as never)).code).toBe('INVALID_OPTIONS');
  });

  it('recognises the step of a core transition', () => {
    const moments = momentsOfTruth(steps, { 'approach->determineNeeds': 'greeting' });
    const result = transition(steps, initialSnapshot(steps), { type: 'NEXT' });
    if (!result.ok) throw new Error('expected a transition');
    expect(momentAt(moments, result.step)).toBe('greeting');
    expect(momentAt(moments, { from: 'present', to: 'close', event: 'SKIP' })).toBeUndefined();
  });
});

describe('moment outcomes', () => {
  const door = defineMachine({
    id: 'door',
    version: 1,
    initial: 'closed',
    events: { OPEN: null, CLOSE: null },
    states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
  });

  it('aggregates per moment with relationship health, from steps or scorecards', () => {
    const moments = momentsOfTruth(door, { 'closed->open': 'welcome', 'open->closed': 'farewell' });
    const visit = assessSteps(moments, [
      { step: { from: 'closed', to: 'open', event: 'OPEN' }, outcome: 'positive' },
      { step: { from: 'open', to: 'closed', event: 'CLOSE' }, outcome: 'negative' },
      { step: { from: 'nowhere', to: 'closed', event: 'CLOSE' }, outcome: 'negative' },
    ]);
    expect(visit).toEqual({
      momentsOfTruth: [
        { id: 'welcome', outcome: 'positive' },
        { id: 'farewell', outcome: 'negative' },
      ],
    });
    const scorecard = {
      score: 0.8,
      momentsOfTruth: [{ id: 'welcome', outcome: 'positive' as const }, { id: 'farewell' }],
    };
    expect(momentOutcomes([visit, scorecard])).toEqual({
      kind: 'moments',
      moments: [
        {
          id: 'welcome',
          positive: 2,
          negative: 0,
          neutral: 0,
          unassessed: 0,
          total: 2,
          health: {
            kind: 'balance',
            positive: 2,
            negative: 0,
            ratio: 12,
            required: 0,
            surplus: 2,
            healthy: true,
          },
        },
        {
          id: 'farewell',
          positive: 0,
          negative: 1,
          neutral: 0,
          unassessed: 1,
          total: 2,
          health: {
            kind: 'balance',
            positive: 0,
            negative: 1,
            ratio: 12,
            required: 12,
            surplus: -12,
            healthy: false,
          },
        },
      ],
      overall: { positive: 2, negative: 1, neutral: 0, unassessed: 1, total: 4 },
      health: {
        kind: 'balance',
        positive: 2,
        negative: 1,
        ratio: 12,
        required: 12,
        surplus: -10,
        healthy: false,
      },
    });
  });

  it('gives an explicit empty result and takes another ratio', () => {
    expect(momentOutcomes([])).toEqual({ kind: 'empty' });
    expect(momentOutcomes([{ momentsOfTruth: [] }])).toEqual({ kind: 'empty' });
    const report = momentOutcomes(
      [
        {
          momentsOfTruth: [
            { id: 'a', outcome: 'positive' },
            { id: 'a', outcome: 'positive' },
            { id: 'a', outcome: 'negative' },
          ],
        },
      ],
      { ratio: 2 },
    );
    expect(report.kind === 'moments' && report.health).toMatchObject({
      required: 2,
      surplus: 0,
      healthy: true,
    });
  });

  it('rejects a bad outcome naming its position', () => {
    const error = metricError(() =>
      momentOutcomes([{ momentsOfTruth: [{ id: 'a', outcome: 'great' as never }] }]),
    );
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.problems[0]?.path).toEqual([0, 'momentsOfTruth', 0, 'outcome']);
    const acc = momentsAccumulator();
    momentsAdd(acc, 'a', 'neutral');
    const before = copy(acc);
    expect(metricError(() => momentsAdd(acc, 'a', 'great' as never)).problems[0]?.path).toEqual([
      1,
      'outcome',
    ]);
    expect(metricError(() => momentsAdd(acc, '', 'positive')).problems[0]?.path).toEqual([1, 'id']);
    expect(acc).toEqual(before);
    expect(
      metricError(() =>
        momentsResult({ kind: 'moments', moments: [...acc.moments, ...acc.moments] }),
      ).code,
    ).toBe('INVALID_ACCUMULATOR');
  });

  it('property: merge(a, b) equals computing over a ∪ b', () => {
    const moment = fc.record(
      {
        id: fc.constantFrom('greet', 'object', 'close'),
        outcome: fc.constantFrom<MomentOutcome>('positive', 'negative', 'neutral'),
      },
      { requiredKeys: ['id'] },
    );
    const interaction = fc.record({ momentsOfTruth: fc.array(moment, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(interaction), fc.array(interaction), (a, b) => {
        const fill = (xs: readonly AssessedInteraction[]) => {
          const acc = momentsAccumulator();
          for (const x of xs) for (const m of x.momentsOfTruth) momentsAdd(acc, m.id, m.outcome);
          return acc;
        };
        expect(momentsResult(momentsMerge(fill(a), fill(b)))).toEqual(momentOutcomes([...a, ...b]));
      }),
    );
  });
});

describe('relationshipHealth', () => {
  it('needs 12 good experiences per bad one by default (seed 003)', () => {
    expect(defaultHealthRatio.ratio).toBe(12);
    expect(relationshipHealth({ positive: 24, negative: 2 })).toEqual({
      kind: 'balance',
      positive: 24,
      negative: 2,
      ratio: 12,
      required: 24,
      surplus: 0,
      healthy: true,
    });
    expect(relationshipHealth({ positive: 23, negative: 2 })).toMatchObject({
      surplus: -1,
      healthy: false,
    });
    expect(relationshipHealth({ positive: 0, negative: 0 })).toEqual({ kind: 'empty' });
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '12'])('rejects the ratio %s', (ratio) => {
    const error = metricError(() =>
      relationshipHealth({ positive: 1, negative: 1 }, { ratio: ratio as number }),
    );
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toContain('must be a positive number');
  });

  it('rejects counts that are not whole numbers', () => {
    const error = metricError(() => relationshipHealth({ positive: 1.5, negative: 0 }));
    expect(error.problems).toEqual([
      { path: ['positive'], value: 1.5, message: 'expected a whole number ≥ 0' },
    ]);
  });
});
