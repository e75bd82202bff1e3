import { expect } from 'vitest';
import {
  defineLoyaltyProgram,
  defineTierLadder,
  type LoyaltyPolicyInput,
} from '../../src/loyalty/index.js';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2025, 0, 10);

/** Points or visits, OR-combined, three tiers. */
export const ladder = defineTierLadder({
  id: 'shop',
  qualifyBy: ['points', 'visits'],
  tiers: [
    { id: 'member', perks: [] },
    {
      id: 'silver',
      threshold: { points: 500, visits: 10 },
      multiplier: 125,
      perks: ['free-delivery'],
    },
    {
      id: 'gold',
      threshold: { points: 2000, visits: 30 },
      multiplier: 150,
      perks: ['free-delivery', 'lounge'],
    },
  ],
});

export const programWith = (policy: LoyaltyPolicyInput = {}) =>
  defineLoyaltyProgram({ ladder, policy });

let n = 0;
/** A fresh idempotency key. */
export const k = (prefix = 'k') => `${prefix}-${++n}`;

import { replayOrThrow, type SnapshotFrom, transition } from '../../src/index.js';
import type { LoyaltyProgram, MembershipEvent } from '../../src/loyalty/index.js';

export type Member = SnapshotFrom<LoyaltyProgram['machine']>;

/** An enrolled member at `at`. */
export const enrolled = (program: LoyaltyProgram, at = T0): Member =>
  replayOrThrow(program.machine, [{ type: 'ENROLL', key: k('enroll'), at }]);

/** Applies events in order, throwing on a refusal. */
export const apply = (program: LoyaltyProgram, from: Member, events: MembershipEvent[]): Member =>
  replayOrThrow(program.machine, events, from);

/**
 * Sends a command that must be refused and checks the snapshot is unchanged; returns the
 * loyalty code (`reason.code` of a `REFUSED` issue, or the core code when the refusal did not
 * come from the loyalty rules) and the message.
 */
export function refuse(program: LoyaltyProgram, from: Member, event: MembershipEvent) {
  const before = structuredClone(from);
  const result = transition(program.machine, from, event);
  if (result.ok) throw new Error(`expected ${event.type} to be refused`);
  expect(result.snapshot).toBe(from);
  expect(from).toEqual(before);
  return {
    code: result.error.reason?.code ?? result.error.code,
    message: result.error.message,
  };
}
