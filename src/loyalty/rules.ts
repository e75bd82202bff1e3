/**
 * The compiled form of a programme that the rules run on: its ladder, its policy and its calendar
 * (with the zone's offsets cached inside). Built once by `defineLoyaltyProgram` and kept on the
 * programme, out of sight, so read models reuse it.
 *
 * @internal
 * @module
 */
import { type ProgramTime, programTime } from './calendar.js';
import type { TierLadder } from './ladder.js';
import type { LoyaltyPolicy } from './policy.js';
import type { LoyaltyProgram } from './program.js';

/** @internal What the guards, updates and read models need to know about the programme. */
export interface Rules {
  readonly ladder: TierLadder;
  readonly policy: LoyaltyPolicy;
  readonly time: ProgramTime;
}

/** @internal Compiles the rules of a ladder and a checked policy. */
export function compileRules(ladder: TierLadder, policy: LoyaltyPolicy): Rules {
  return Object.freeze({ ladder, policy, time: programTime(policy) });
}

/** @internal The key under which a programme keeps its compiled rules (not enumerable). */
export const rulesKey: unique symbol = Symbol('servicecraft.loyalty.rules');

/** @internal The compiled rules of a programme (compiled afresh for a programme made by hand). */
export function rulesOf(program: LoyaltyProgram): Rules {
  const kept = (program as unknown as Partial<Record<typeof rulesKey, Rules>>)[rulesKey];
  return kept ?? compileRules(program.ladder, program.policy);
}
