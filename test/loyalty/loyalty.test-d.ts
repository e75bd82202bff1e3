import { describe, expectTypeOf, it } from 'vitest';
import type { RefusalFrom, StateFrom } from '../../src/index.js';
import { initialSnapshot, transition } from '../../src/index.js';
import type {
  LoyaltyErrorCode,
  LoyaltyRefusal,
  MembershipEvent,
  MembershipMachine,
  MembershipState,
} from '../../src/loyalty/index.js';
import { loyaltyErrorOf } from '../../src/loyalty/index.js';
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

  it('types the refusal codes on the machine, so reason.code narrows', () => {
    expectTypeOf<RefusalFrom<MembershipMachine>>().toEqualTypeOf<LoyaltyErrorCode>();
    expectTypeOf(p.machine).toEqualTypeOf<MembershipMachine>();
    const r = transition(p.machine, initialSnapshot(p.machine), {
      type: 'ENROLL',
      key: 'e',
      at: 0,
    });
    if (!r.ok) {
      expectTypeOf(r.error.reason?.code).toEqualTypeOf<LoyaltyErrorCode | undefined>();
      if (r.error.reason?.code === 'INSUFFICIENT_POINTS') {
        expectTypeOf(r.error.reason.code).toEqualTypeOf<'INSUFFICIENT_POINTS'>();
      }
      // @ts-expect-error a misspelt code is a compile error
      if (r.error.reason?.code === 'INSUFFICENT_POINTS') return;
    }
    expectTypeOf(loyaltyErrorOf).returns.toEqualTypeOf<LoyaltyRefusal | undefined>();
  });

  it('rejects malformed commands at compile time', () => {
    const s = {} as Parameters<
      typeof transition<MembershipState, MembershipEvent, never, MembershipEvent, LoyaltyErrorCode>
    >[1];
    // @ts-expect-error a purchase needs an order id
    transition(p.machine, s as never, { type: 'PURCHASE', key: 'k', at: 0, amount: 5 });
    // @ts-expect-error every command needs an idempotency key
    transition(p.machine, s as never, { type: 'VISIT', at: 0 });
    // @ts-expect-error BUY is not a membership command
    transition(p.machine, s as never, { type: 'BUY', key: 'k', at: 0 });
  });
});
