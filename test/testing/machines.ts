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

/**
 * A points wallet: REDEEM's guard refuses when the balance is short, EARN's update refuses above
 * a cap, BONUS has a guard that throws, and GIFT tries a refusing guard before an open candidate.
 */
export const pointsWallet = defineMachine({
  id: 'wallet',
  version: 1,
  initial: 'active',
  context: z.object({ points: z.number().int().nonnegative().default(0) }),
  events: {
    EARN: z.object({ points: z.number().int().positive() }),
    REDEEM: z.object({ points: z.number().int().positive() }),
    BONUS: null,
    GIFT: null,
    CLOSE: null,
  },
  refusals: {
    INSUFFICIENT_POINTS: 'The balance is below what was asked for.',
    CAP_REACHED: 'The balance would go above the cap.',
  },
  guards: {
    enough: ({ context, event, refuse }) =>
      event.type !== 'REDEEM' ||
      context.points >= event.points ||
      refuse('INSUFFICIENT_POINTS', `The balance is ${context.points} points.`),
    broken: () => {
      throw new Error('a bug');
    },
    giftable: ({ context, refuse }) =>
      context.points > 0 || refuse('INSUFFICIENT_POINTS', 'Nothing to give.'),
  },
  states: {
    active: {
      on: {
        EARN: {
          target: 'active',
          update: ({ context, event, refuse }) =>
            context.points + event.points > 100
              ? refuse('CAP_REACHED', 'The cap is 100 points.')
              : { points: context.points + event.points },
        },
        REDEEM: {
          target: 'active',
          guard: 'enough',
          update: ({ context, event }) => ({ points: context.points - event.points }),
        },
        BONUS: { target: 'active', guard: 'broken' },
        GIFT: [{ target: 'gifted', guard: 'giftable' }, { target: 'active' }],
        CLOSE: 'closed',
      },
    },
    gifted: { on: { CLOSE: 'closed' } },
    closed: { type: 'final' },
  },
});
