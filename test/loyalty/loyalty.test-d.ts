import { describe, expectTypeOf, it } from 'vitest';
import type { StateFrom } from '../../src/index.js';
import { transition } from '../../src/index.js';
import type {
  LoyaltyErrorCode,
  MembershipEvent,
  MembershipMachine,
  MembershipState,
} from '../../src/loyalty/index.js';
import { programWith } from './helpers.js';

describe('loyalty types', () => {
  const p = programWith();
  it('infers states and events', () => {
    expectTypeOf<StateFrom<MembershipMachine>>().toEqualTypeOf<MembershipState>();
    expectTypeOf<Extract<MembershipEvent, { type: 'REDEEM' }>>().toMatchTypeOf<{
      key: string;
      at: number;
      points: number;
    }>();
    expectTypeOf<LoyaltyErrorCode>().toExtend<string>();
  });

  it('rejects malformed commands at compile time', () => {
    const s = {} as Parameters<
      typeof transition<MembershipState, MembershipEvent, never, MembershipEvent>
    >[1];
    // @ts-expect-error a purchase needs an order id
    transition(p.machine, s as never, { type: 'PURCHASE', key: 'k', at: 0, amount: 5 });
    // @ts-expect-error every command needs an idempotency key
    transition(p.machine, s as never, { type: 'VISIT', at: 0 });
    // @ts-expect-error BUY is not a membership command
    transition(p.machine, s as never, { type: 'BUY', key: 'k', at: 0 });
  });
});
