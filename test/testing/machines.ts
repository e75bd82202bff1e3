import * as z from 'zod';
import { type AnyMachine, defineMachine } from '../../src/index.js';

/** The smallest useful machine: two states and a loop. */
export const door = defineMachine({
  id: 'door',
  version: 1,
  initial: 'closed',
  events: { OPEN: null, CLOSE: null },
  states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
});

/**
 * A points wallet with an invariant: the tier is gold exactly when the balance is 100 or more.
 * With `broken`, redeeming forgets to move the tier back down: the planted bug.
 */
export function wallet(broken: boolean) {
  const tierFor = (points: number): 'basic' | 'gold' => (points >= 100 ? 'gold' : 'basic');
  return defineMachine({
    id: broken ? 'wallet-broken' : 'wallet',
    version: 1,
    initial: 'active',
    context: z.object({
      points: z.number().int().nonnegative().default(0),
      tier: z.enum(['basic', 'gold']).default('basic'),
    }),
    events: {
      EARN: z.object({ points: z.number().int().min(1).max(50) }),
      REDEEM: z.object({ points: z.number().int().min(1).max(50) }),
      CLOSE: null,
    },
    guards: { enough: ({ context, event }) => 'points' in event && context.points >= event.points },
    states: {
      active: {
        on: {
          EARN: {
            target: 'active',
            update: ({ context, event }) => {
              const points = context.points + event.points;
              return { points, tier: tierFor(points) };
            },
          },
          REDEEM: {
            target: 'active',
            guard: 'enough',
            update: ({ context, event }) => {
              const points = context.points - event.points;
              return { points, tier: broken ? context.tier : tierFor(points) };
            },
          },
          CLOSE: 'closed',
        },
      },
      closed: { type: 'final' },
    },
  });
}

/**
 * A generated machine of `size` states: a NEXT chain to a final state, BACK to the previous state
 * and a JUMP that scatters across the graph (the shape used by the path-generation bench).
 */
export function generated(size: number): AnyMachine {
  const name = (i: number) => `s${i}`;
  const states: Record<string, { type?: 'final'; on?: Record<string, string> }> = {};
  for (let i = 0; i < size - 1; i++) {
    const on: Record<string, string> = { NEXT: name(i + 1), JUMP: name((i * 7 + 3) % (size - 1)) };
    if (i > 0) on.BACK = name(i - 1);
    states[name(i)] = { on };
  }
  states[name(size - 1)] = { type: 'final' };
  return defineMachine({
    id: `generated-${size}`,
    version: 1,
    initial: 's0',
    events: { NEXT: null, BACK: null, JUMP: null },
    states,
  } as never);
}
