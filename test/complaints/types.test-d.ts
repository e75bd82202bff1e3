import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { caseSchemas } from '../../src/complaints/case-schema.js';
import {
  type ComplaintCaseContext,
  type ComplaintCaseState,
  type complaintFlow,
  createComplaintCase,
  iso10002Lifecycle,
  type lastRecovery,
} from '../../src/complaints/index.js';
import { type EventFrom, initialSnapshot, type StateFrom, transition } from '../../src/index.js';

describe('complaint types', () => {
  it('the context schema produces the documented context', () => {
    type Parsed = z.output<ReturnType<typeof caseSchemas>['context']>;
    expectTypeOf<Parsed>().toExtend<ComplaintCaseContext>();
  });

  it('levels come from the ladder', () => {
    const desk = createComplaintCase({
      ladder: ['agent', 'lead'],
      limits: { currency: 'GBP', amounts: { lead: 1 } },
    });
    type Receive = Extract<EventFrom<typeof desk>, { type: 'RECEIVE' }>;
    expectTypeOf<Receive['owner']['level']>().toEqualTypeOf<'agent' | 'lead'>();
    createComplaintCase({
      ladder: ['agent', 'lead'],
      // @ts-expect-error 'boss' is not on the ladder
      limits: { currency: 'GBP', amounts: { boss: 1 } },
    });
    expectTypeOf<StateFrom<typeof iso10002Lifecycle>>().toEqualTypeOf<ComplaintCaseState>();
  });

  it('events are checked at compile time', () => {
    const snap = initialSnapshot(iso10002Lifecycle);
    // @ts-expect-error RECEIVE needs an owner, id, channel, summary and remedy sought
    transition(iso10002Lifecycle, snap, { type: 'RECEIVE', at: 0, by: 'x' });
    // @ts-expect-error 'ceo' is not a level of the default ladder
    transition(iso10002Lifecycle, snap, { type: 'APPROVE_REMEDY', at: 0, by: 'x', level: 'ceo' });
    expectTypeOf<StateFrom<typeof complaintFlow>>().toEqualTypeOf<
      | 'listening'
      | 'apologizing'
      | 'investigating'
      | 'proposed'
      | 'escalated'
      | 'followingUp'
      | 'documenting'
      | 'closed'
    >();
    expectTypeOf<StateFrom<typeof lastRecovery>>().toEqualTypeOf<
      'listen' | 'apologize' | 'solve' | 'thank' | 'done'
    >();
  });
});
