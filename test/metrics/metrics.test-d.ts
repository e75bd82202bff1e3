import { describe, expectTypeOf, it } from 'vitest';
import {
  type AssessedInteraction,
  type CsatResult,
  type FcrResult,
  fcr,
  type MomentsOfTruth,
  momentOutcomes,
  momentsOfTruth,
  type NpsResult,
  nps,
  npsAccumulator,
} from '../../src/metrics/index.js';
import { steps } from '../core/fixtures.js';

describe('metric types', () => {
  it('results are unions with an explicit empty variant', () => {
    const result = nps([9]);
    expectTypeOf(result).toEqualTypeOf<NpsResult>();
    if (result.kind === 'empty') expectTypeOf(result.responses).toEqualTypeOf<0>();
    else expectTypeOf(result.score).toEqualTypeOf<number>();
    expectTypeOf<Extract<CsatResult, { kind: 'empty' }>['rated']>().toEqualTypeOf<0>();
  });

  it('fcr ties the contact shape to the method', () => {
    expectTypeOf(fcr([{ resolved: true }], { method: 'disposition' })).toEqualTypeOf<FcrResult>();
    fcr([{ customer: 'a', at: 0 }], { method: 'repeat', windowMs: 1 });
    // @ts-expect-error the repeat method needs a window
    fcr([{ customer: 'a', at: 0 }], { method: 'repeat' });
    // @ts-expect-error a disposition is true or false, not null
    fcr([{ resolved: null }], { method: 'disposition' });
    fcr([{ resolved: null }], { method: 'survey' });
  });

  it('moment keys are checked against the machine’s states', () => {
    expectTypeOf(
      momentsOfTruth(steps, { 'present->handleObjections': 'x' }),
    ).toEqualTypeOf<MomentsOfTruth>();
    // @ts-expect-error 'presnt' is not a state of the machine
    momentsOfTruth(steps, { 'presnt->close': 'x' });
  });

  it('any object with momentsOfTruth fits the assessed-interaction input', () => {
    const scorecard = {
      framework: 'eight-steps',
      score: 0.9,
      momentsOfTruth: [{ id: 'greeting', outcome: 'positive' as const }],
    };
    expectTypeOf(scorecard).toExtend<AssessedInteraction>();
    momentOutcomes([scorecard]);
    // @ts-expect-error 'great' is not an outcome
    momentOutcomes([{ momentsOfTruth: [{ id: 'a', outcome: 'great' }] }]);
  });

  it('accumulators are plain data', () => {
    expectTypeOf(npsAccumulator()).toEqualTypeOf<{
      readonly kind: 'nps';
      readonly counts: number[];
    }>();
  });
});
