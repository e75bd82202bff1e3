import { describe, expectTypeOf, it } from 'vitest';
import { type fiveStageCycle, unexpectedDemandFlow } from '../../src/cycles/index.js';
import {
  assessInteraction,
  defineFramework,
  eightStepsOfService,
  type FrameworkRefusal,
  type OutcomeFrom,
  type QualityFrom,
  type Scorecard,
  type StepFrom,
} from '../../src/frameworks/index.js';
import {
  type EventFrom,
  initialSnapshot,
  type RefusalFrom,
  type StateFrom,
  transition,
} from '../../src/index.js';

describe('framework types', () => {
  it('infers step, quality and outcome ids as literal unions', () => {
    type F = typeof eightStepsOfService;
    expectTypeOf<StepFrom<F>>().toEqualTypeOf<
      | 'approach'
      | 'determineNeeds'
      | 'present'
      | 'handleObjections'
      | 'close'
      | 'perform'
      | 'followUp'
      | 'askReferrals'
    >();
    expectTypeOf<QualityFrom<F>>().toEqualTypeOf<
      'productKnowledge' | 'activeListening' | 'respectfulPace'
    >();
    expectTypeOf<OutcomeFrom<F>>().toEqualTypeOf<
      'sold' | 'notNow' | 'satisfied' | 'notSatisfied'
    >();
    expectTypeOf<OutcomeFrom<typeof fiveStageCycle>>().toEqualTypeOf<'agreed' | 'notAgreed'>();
  });

  it('types the machine’s states and events', () => {
    type M = typeof eightStepsOfService.machine;
    expectTypeOf<'close:sold'>().toExtend<StateFrom<M>>();
    expectTypeOf<{ type: 'present'; at: number }>().toExtend<EventFrom<M>>();
    expectTypeOf<{ type: 'QUALITY'; quality: 'activeListening'; at: number }>().toExtend<
      EventFrom<M>
    >();
    const m = eightStepsOfService.machine;
    transition(m, initialSnapshot(m), { type: 'approach', at: 0, actor: 'sam' });
    // @ts-expect-error 'welcome' is a step of another framework
    transition(m, initialSnapshot(m), { type: 'welcome', at: 0 });
    // @ts-expect-error 'empathy' is not a quality of the 8 steps
    transition(m, initialSnapshot(m), { type: 'QUALITY', quality: 'empathy', at: 0 });
  });

  it('types the refusal codes of framework and cycle machines', () => {
    expectTypeOf<RefusalFrom<typeof eightStepsOfService.machine>>().toEqualTypeOf<
      'OUT_OF_ORDER' | 'REPEAT_LIMIT' | 'MANDATORY_MISSING' | 'CONDITION_NOT_MET'
    >();
    expectTypeOf<
      RefusalFrom<typeof eightStepsOfService.machine>
    >().toEqualTypeOf<FrameworkRefusal>();
    expectTypeOf<RefusalFrom<typeof unexpectedDemandFlow>>().toEqualTypeOf<'OUT_OF_ORDER'>();
    const m = eightStepsOfService.machine;
    const r = transition(m, initialSnapshot(m), { type: 'END', at: 0 });
    if (!r.ok && r.error.reason?.code === 'MANDATORY_MISSING') {
      expectTypeOf(r.error.reason.code).toEqualTypeOf<'MANDATORY_MISSING'>();
    }
    if (!r.ok) {
      // @ts-expect-error not a refusal code of a framework
      r.error.reason?.code === 'TOO_LATE';
    }
    const d = transition(unexpectedDemandFlow, initialSnapshot(unexpectedDemandFlow), {
      type: 'CANNOT_RESPOND',
      at: 0,
    });
    if (!d.ok) expectTypeOf(d.error.reason?.code).toEqualTypeOf<'OUT_OF_ORDER' | undefined>();
  });

  it('makes a typo in back or an outcome target a compile error', () => {
    defineFramework({
      id: 'x',
      name: 'x',
      source: 'x',
      steps: [
        { id: 'greet', description: 'x' },
        // @ts-expect-error 'greeet' is not a step
        { id: 'help', description: 'x', back: ['greeet'] },
      ],
    });
    defineFramework({
      id: 'y',
      name: 'y',
      source: 'y',
      // @ts-expect-error 'finish' is neither a step nor 'end'
      steps: [{ id: 'greet', description: 'x', outcomes: { ok: 'finish' } }],
    });
  });

  it('returns a typed scorecard', () => {
    const result = assessInteraction(eightStepsOfService, {});
    if (result.ok) {
      expectTypeOf(result.scorecard).toEqualTypeOf<
        Scorecard<
          StepFrom<typeof eightStepsOfService>,
          QualityFrom<typeof eightStepsOfService>,
          OutcomeFrom<typeof eightStepsOfService>
        >
      >();
      expectTypeOf(result.scorecard.missingMandatory).toEqualTypeOf<
        readonly StepFrom<typeof eightStepsOfService>[]
      >();
    }
  });
});
