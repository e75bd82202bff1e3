import { expectTypeOf, test } from 'vitest';
import * as z from 'zod';
import { defineMachine, initialSnapshot, transition } from '../../src/index.js';

test('probe', () => {
  const wallet = defineMachine({
    id: 'wallet',
    version: 1,
    initial: 'open',
    context: z.object({ balance: z.number().int().default(0) }),
    events: { PAY: z.object({ amount: z.number().int() }), TOP: z.object({ amount: z.number() }) },
    refusals: { INSUFFICIENT: 'not enough', CLOSED: 'closed' },
    invariants: { nonNegative: ({ context }) => context.balance >= 0 || 'negative balance' },
    guards: {
      funded: ({ context, event, refuse }) =>
        event.type !== 'PAY' ||
        context.balance >= event.amount ||
        refuse('INSUFFICIENT', 'no', { balance: context.balance }),
    },
    states: {
      open: {
        on: {
          PAY: {
            target: 'open',
            guard: 'funded',
            update: ({ context, event }) => ({ balance: context.balance - event.amount }),
          },
          TOP: {
            target: 'open',
            update: ({ context, event, refuse }) =>
              event.amount > 100
                ? refuse('CLOSED', 'x')
                : { balance: context.balance + event.amount },
          },
        },
      },
    },
  });
  const r = transition(wallet, initialSnapshot(wallet), { type: 'PAY', amount: 5 });
  if (!r.ok && r.error.reason?.code === 'INSUFFICIENT') {
    expectTypeOf(r.error.reason.code).toEqualTypeOf<'INSUFFICIENT'>();
  }
  if (!r.ok) {
    // @ts-expect-error not a declared code
    r.error.reason?.code === 'TYPO';
  }
  defineMachine({
    id: 'w2',
    version: 1,
    initial: 'a',
    events: { GO: null },
    refusals: { A: 'a' },
    // @ts-expect-error undeclared code
    guards: { g: ({ refuse }) => refuse('B', 'b') },
    states: { a: { on: { GO: { target: 'a', guard: 'g' } } } },
  });
});
