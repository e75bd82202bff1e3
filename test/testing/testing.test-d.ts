import { describe, expect, expectTypeOf, it } from 'vitest';
import { arbitraryValidSequence } from '../../src/fast-check/index.js';
import { createFlow, type EventFrom, initialSnapshot } from '../../src/index.js';
import { type TestPath, transitionCover } from '../../src/testing/index.js';
import '../../src/vitest/index.js';
import { ticket } from '../core/fixtures.js';
import { pointsWallet } from './machines.js';

describe('matcher types', () => {
  it('types events by the received machine', () => {
    expect(ticket).toAccept([{ type: 'ASSIGN', agent: 'ana' }, { type: 'SOLVE' }]);
    // @ts-expect-error NOPE is not an event of the ticket machine
    expect(ticket).toAccept([{ type: 'NOPE' }]);
    // @ts-expect-error ASSIGN needs an agent
    expect(ticket).toAccept([{ type: 'ASSIGN' }]);
    expect(ticket).toReject({ type: 'CLOSE' }, 'EVENT_NOT_ALLOWED');
    // @ts-expect-error not a transition error code
    expect(ticket).toReject({ type: 'CLOSE' }, 'NOT_A_CODE');
    expect(pointsWallet).toReject({ type: 'REDEEM', points: 5 }, 'INSUFFICIENT_POINTS');
    expect(pointsWallet).toReject({ type: 'REDEEM', points: 5 }, 'REFUSED');
    // @ts-expect-error not a refusal code of the wallet
    expect(pointsWallet).toReject({ type: 'REDEEM', points: 5 }, 'INSUFFICIENT_POINT');
  });

  it('types state names by the received snapshot or flow', () => {
    expect(initialSnapshot(ticket)).toBeInState('solved');
    expect(createFlow(ticket)).toBeInState('closed');
    // @ts-expect-error 'pending' is not a state of the ticket machine
    expect(initialSnapshot(ticket)).toBeInState('pending');
  });
});

describe('generator types', () => {
  it('types paths and samples by the machine', () => {
    const plan = transitionCover(ticket, { samples: { REPLY: [{ at: 1, text: 'hi' }] } });
    expectTypeOf(plan.paths).toEqualTypeOf<
      readonly TestPath<'open' | 'solved' | 'closed', EventFrom<typeof ticket>>[]
    >();
    // @ts-expect-error REPLY samples need `at` and `text`
    transitionCover(ticket, { samples: { REPLY: [{ text: 'hi' }] } });
    expectTypeOf(arbitraryValidSequence(ticket)).toExtend<{ generate: unknown }>();
  });
});
