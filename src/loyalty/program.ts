/**
 * `defineLoyaltyProgram`: a tier ladder and a policy turned into a membership machine built with
 * the core `defineMachine`. The ledger and tier rules live in plain functions; the machine's
 * guards and updates call them.
 *
 * @module
 */
import { defineMachine, type Machine, type Refuse } from '../core/index.js';
import { applyCommand, isRetry, outOfRange } from './commands.js';
import { membershipContextSchema, membershipEvents } from './context.js';
import { LoyaltyDefinitionError, type LoyaltyErrorCode, loyaltyRefusals } from './errors.js';
import { membershipInvariants } from './invariants.js';
import type { TierLadder } from './ladder.js';
import { type LoyaltyPolicy, type LoyaltyPolicyInput, loyaltyPolicySchema } from './policy.js';
import { compileRules, type Rules, rulesKey } from './rules.js';
import type { MembershipContext, MembershipEvent } from './types.js';
import { membershipWakeUp } from './wake.js';

/**
 * The states of a membership: `prospect` before enrolment, `active`, `paused`, and the final
 * `closed`.
 *
 * @category Loyalty
 */
export type MembershipState = 'prospect' | 'active' | 'paused' | 'closed';

/**
 * The membership machine of a programme. Its refusal codes are {@link LoyaltyErrorCode}, so
 * `result.error.reason?.code === 'INSUFFICIENT_POINTS'` type-checks and narrows.
 *
 * @category Loyalty
 */
export type MembershipMachine = Machine<
  MembershipState,
  MembershipEvent,
  MembershipContext,
  MembershipEvent,
  LoyaltyErrorCode
>;

/**
 * A loyalty programme: its ladder, its policy with defaults applied, and its membership machine.
 *
 * @category Loyalty
 */
export interface LoyaltyProgram {
  /** The tier ladder. */
  readonly ladder: TierLadder;
  /** The policy, every default filled in. */
  readonly policy: LoyaltyPolicy;
  /** The membership machine: pass it to `initialSnapshot`, `transition`, `replay`, `createFlow`. */
  readonly machine: MembershipMachine;
  /** Provenance of the rules. */
  readonly source: string;
}

/**
 * Options of {@link defineLoyaltyProgram}.
 *
 * @category Loyalty
 */
export interface LoyaltyProgramOptions {
  /** The checked tier ladder from {@link defineTierLadder}. */
  readonly ladder: TierLadder;
  /** The policy; every field is optional. */
  readonly policy?: LoyaltyPolicyInput;
  /** Where the programme's rules come from. */
  readonly source?: string;
}

const defaultSource =
  'Tiered rewards for loyal customers, as recommended in the online training article “Customer Service: Developing skills for providing exceptional service and managing customer interactions”; lot, tier and idempotency rules after the documentation of Open Loyalty, Talon.One, Voucherify and Square';

/**
 * Builds a loyalty programme: validates the policy and makes the membership machine.
 *
 * Every command carries `key` (an idempotency key, 1–128 characters) and `at` (epoch ms). A retry
 * (a key the snapshot still remembers, with the same payload) is accepted and changes nothing; the
 * same key with a different payload is refused. A command the loyalty rules decline fails with the
 * core's `REFUSED` issue: `error.reason` is `{ code, message, details }` with `code` a
 * {@link LoyaltyErrorCode}. The rules run once per command, in the transition's update; nothing is
 * thrown for a refusal.
 *
 * The machine declares invariants (the balance equals the active lots, the tier is on the ladder,
 * times and counts within their limits, ...) that `restoreSnapshot` checks, so an edited or
 * corrupted snapshot is rejected before any command runs on it.
 *
 * @example
 * ```ts
 * import { initialSnapshot, replayOrThrow } from 'servicecraft';
 * import { defineLoyaltyProgram, defineTierLadder } from 'servicecraft/loyalty';
 *
 * const ladder = defineTierLadder({
 *   id: 'shop',
 *   qualifyBy: ['points'],
 *   tiers: [{ id: 'member' }, { id: 'silver', threshold: { points: 500 }, multiplier: 125 }],
 * });
 * const program = defineLoyaltyProgram({ ladder, policy: { downgrade: 'oneStep' } });
 * const at = Date.UTC(2025, 0, 10);
 * const member = replayOrThrow(program.machine, [
 *   { type: 'ENROLL', key: 'e1', at },
 *   { type: 'PURCHASE', key: 'p1', at, order: 'A-1', amount: 60_000 },
 * ]);
 * member.context.tier; // 'silver'
 * member.context.balance; // 600
 * initialSnapshot(program.machine).state; // 'prospect'
 * ```
 *
 * @param options - The ladder, an optional policy and an optional source note.
 * @returns The programme with its membership machine.
 * @throws {@link LoyaltyDefinitionError} when the policy is invalid.
 * @category Loyalty
 */
export function defineLoyaltyProgram(options: LoyaltyProgramOptions): LoyaltyProgram {
  const parsed = loyaltyPolicySchema.safeParse(options.policy ?? {});
  if (!parsed.success) {
    throw new LoyaltyDefinitionError(
      `policy of ladder '${options.ladder.id}'`,
      parsed.error.issues.map((i) => ({
        code: 'INVALID_POLICY' as const,
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    );
  }
  const rules = compileRules(options.ladder, parsed.data);
  const source = options.source ?? defaultSource;
  const machine = membershipMachine(rules, source);
  const program: LoyaltyProgram = { ladder: rules.ladder, policy: rules.policy, machine, source };
  // The compiled rules (and the zone's cached offsets) ride along for the read models.
  Object.defineProperty(program, rulesKey, { value: rules, enumerable: false });
  return Object.freeze(program);
}

type Args = {
  readonly context: MembershipContext;
  readonly event: MembershipEvent;
  readonly refuse: Refuse<LoyaltyErrorCode>;
};

const already: Partial<Record<MembershipEvent['type'], string>> = {
  ENROLL: 'ENROLL has no effect: the member is already enrolled.',
  RESUME: 'RESUME has no effect: the membership is already active.',
  PAUSE: 'PAUSE has no effect: the membership is already paused; send RESUME to reactivate it.',
};

function membershipMachine(rules: Rules, source: string): MembershipMachine {
  // Decides and applies in one pass: the next context, or a refusal.
  const update = ({ context, event }: Args) => applyCommand(rules, context, event);
  const retryOnly = ({ context, event, refuse }: Args) => {
    if (isRetry(rules, context, event)) return true;
    const badTime = outOfRange(event, 'at', event.at);
    if (badTime) return badTime;
    return refuse(
      'NOT_IN_STATE',
      already[event.type] ??
        `${event.type} cannot be recorded while the membership is paused; send RESUME first (only retries of earlier commands are accepted now).`,
      { command: event.type },
    );
  };
  // A retry of a command that moved the membership is accepted where the membership now is.
  const stay = <S extends MembershipState>(self: S) => ({
    target: self,
    guard: 'isRetry' as const,
  });
  const go = <S extends MembershipState>(target: S) => ({ target, update });
  const only = <S extends MembershipState>(self: S) => ({
    target: self,
    guard: 'retryOnly' as const,
  });

  return defineMachine({
    id: `loyalty.${rules.ladder.id}`,
    version: 1,
    initial: 'prospect',
    description: `Membership of loyalty programme '${rules.ladder.id}'.`,
    meta: { source, ladderSource: rules.ladder.source },
    context: membershipContextSchema,
    // The ledger's updates are pure functions covered by property tests, and every result is
    // checked against the numeric limits; re-parsing a context of every live lot and held order
    // (and re-checking every invariant) after each command would dominate the cost.
    validateUpdates: false,
    events: membershipEvents,
    refusals: loyaltyRefusals,
    invariants: membershipInvariants(rules.ladder, rules.time),
    wakeUp: ({ state, context }) => membershipWakeUp(state, context),
    guards: {
      isRetry: ({ context, event }) => isRetry(rules, context, event),
      retryOnly,
    },
    states: {
      prospect: {
        description: 'Known, not yet enrolled',
        on: { ENROLL: go('active') },
      },
      active: {
        description: 'Earning and redeeming',
        on: {
          ENROLL: only('active'),
          RESUME: only('active'),
          PURCHASE: [stay('active'), go('active')],
          REFUND: [stay('active'), go('active')],
          VISIT: [stay('active'), go('active')],
          REFERRAL: [stay('active'), go('active')],
          REDEEM: [stay('active'), go('active')],
          EXPIRE: [stay('active'), go('active')],
          PERIOD_END: [stay('active'), go('active')],
          GRANT_TIER: [stay('active'), go('active')],
          CANCEL_ORDER: [stay('active'), go('active')],
          ADJUST: [stay('active'), go('active')],
          EXPIRE_LOT: [stay('active'), go('active')],
          UNLOCK_LOT: [stay('active'), go('active')],
          TRANSFER_OUT: [stay('active'), go('active')],
          TRANSFER_IN: [stay('active'), go('active')],
          PAUSE: [stay('active'), go('paused')],
          CLOSE: go('closed'),
        },
      },
      paused: {
        description: 'Frozen: no earning or redeeming; expiry and reviews go on',
        on: {
          ENROLL: only('paused'),
          PURCHASE: only('paused'),
          VISIT: only('paused'),
          REFERRAL: only('paused'),
          REDEEM: only('paused'),
          PAUSE: only('paused'),
          REFUND: [stay('paused'), go('paused')],
          EXPIRE: [stay('paused'), go('paused')],
          PERIOD_END: [stay('paused'), go('paused')],
          GRANT_TIER: [stay('paused'), go('paused')],
          CANCEL_ORDER: [stay('paused'), go('paused')],
          ADJUST: [stay('paused'), go('paused')],
          EXPIRE_LOT: [stay('paused'), go('paused')],
          UNLOCK_LOT: [stay('paused'), go('paused')],
          TRANSFER_OUT: only('paused'),
          TRANSFER_IN: only('paused'),
          RESUME: [stay('paused'), go('active')],
          CLOSE: go('closed'),
        },
      },
      closed: { type: 'final', description: 'Points canceled; nothing more is accepted' },
    },
  });
}
