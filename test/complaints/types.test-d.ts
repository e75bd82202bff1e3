import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { caseSchemas } from '../../src/complaints/case-schema.js';
import {
  type ComplaintCaseContext,
  type ComplaintCaseRefusal,
  type ComplaintCaseState,
  type ComplaintRule,
  type ConversationClock,
  complaintFlow,
  complaintRuleOf,
  createComplaintCase,
  iso10002Lifecycle,
  lastRecovery,
} from '../../src/complaints/index.js';
import {
  type ContextFrom,
  type EventFrom,
  initialSnapshot,
  type Refusal,
  type RefusalFrom,
  type StateFrom,
  transition,
} from '../../src/index.js';

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

  it('conversation events need `at`; actor, channel and note are optional strings', () => {
    const start = initialSnapshot(complaintFlow);
    // @ts-expect-error every conversation event carries `at`
    transition(complaintFlow, start, { type: 'APOLOGIZE' });
    // @ts-expect-error `at` is epoch milliseconds, not a date string
    transition(complaintFlow, start, { type: 'APOLOGIZE', at: '2027-01-01' });
    // @ts-expect-error the actor is a string id
    transition(complaintFlow, start, { type: 'APOLOGIZE', at: 0, actor: 7 });
    transition(complaintFlow, start, { type: 'APOLOGIZE', at: 0, actor: 'ana', channel: 'chat' });
    // @ts-expect-error NEXT carries `at` too
    transition(lastRecovery, initialSnapshot(lastRecovery), { type: 'NEXT' });
    expectTypeOf<ContextFrom<typeof lastRecovery>>().toEqualTypeOf<ConversationClock>();
    expectTypeOf<ContextFrom<typeof complaintFlow>['lastAt']>().toEqualTypeOf<number | null>();
  });

  it('refusals are typed by the machine: reason.code narrows, a typo does not compile', () => {
    expectTypeOf<RefusalFrom<typeof iso10002Lifecycle>>().toEqualTypeOf<ComplaintCaseRefusal>();
    expectTypeOf<RefusalFrom<typeof complaintFlow>>().toEqualTypeOf<
      'NOT_DOCUMENTED' | 'OUT_OF_ORDER'
    >();
    expectTypeOf<RefusalFrom<typeof lastRecovery>>().toEqualTypeOf<'OUT_OF_ORDER'>();
    const desk = createComplaintCase({
      ladder: ['agent', 'lead'],
      limits: { currency: 'GBP', amounts: { lead: 1 } },
    });
    expectTypeOf<RefusalFrom<typeof desk>>().toEqualTypeOf<ComplaintCaseRefusal>();

    const r = transition(iso10002Lifecycle, initialSnapshot(iso10002Lifecycle), {
      type: 'ACKNOWLEDGE',
      at: 0,
      by: 'ana',
    });
    if (!r.ok && r.error.reason?.code === 'SELF_APPROVAL') {
      expectTypeOf(r.error.reason).toEqualTypeOf<Refusal<ComplaintCaseRefusal>>();
    }
    // @ts-expect-error 'SELF_APROVAL' is not a refusal code of the complaint case
    if (!r.ok && r.error.reason?.code === 'SELF_APROVAL') throw new Error('unreachable');
    // @ts-expect-error complaintFlow's code is not one of the case's
    if (!r.ok && r.error.reason?.code === 'NOT_DOCUMENTED') throw new Error('unreachable');

    if (!r.ok) {
      expectTypeOf(complaintRuleOf(r.error)).toEqualTypeOf<
        Refusal<ComplaintCaseRefusal> | undefined
      >();
    }
    expectTypeOf(complaintRuleOf({ code: 'EVENT_NOT_ALLOWED' })).toEqualTypeOf<
      Refusal<ComplaintRule> | undefined
    >();
  });
});
