/**
 * The guards of the complaint case. A guard returns `false` to let the next candidate try, and
 * throws a {@link ComplaintRuleError} to refuse the event with a precise sentence.
 *
 * @module
 */

import type { ComplaintCaseContext, Owner } from './case-types.js';
import { type ClosureReason, needsAcceptance } from './closure.js';
import {
  ComplaintRuleError,
  type EmpowermentLimits,
  type EscalationTrigger,
} from './escalation.js';
import { formatMoney } from './money.js';

/** @internal The settings the rules read. */
export interface RuleSettings {
  readonly ladder: readonly string[];
  readonly limits: EmpowermentLimits;
  readonly failedAttemptLimit: number;
  readonly confidenceThreshold: number;
  readonly restrictedTopics: readonly string[];
}

type Ctx = ComplaintCaseContext;
/** The event as a guard sees it: validated by `transition`, bare (`{ type }`) from `nextEvents`. */
type Loose = { readonly type: string };
const field = (event: Loose, key: string): unknown =>
  (event as unknown as Record<string, unknown>)[key];

/** @internal Refuses an event that is older than the latest change. */
export function inOrder(context: Ctx, event: Loose): true {
  const at = field(event, 'at');
  const last = context.lastChange;
  if (typeof at === 'number' && last !== null && at < last.at) {
    throw new ComplaintRuleError(
      'OUT_OF_ORDER',
      `${event.type} is dated ${new Date(at).toISOString()}, before the latest change (${last.event} at ${new Date(last.at).toISOString()}); send events in time order`,
    );
  }
  return true;
}

/** @internal The limit of a level, in the limits' currency. */
export function limitOf(settings: RuleSettings, level: string): number {
  return (settings.limits.amounts as Record<string, number | undefined>)[level] ?? 0;
}

/**
 * @internal Whether the owner may grant this closure alone; throws when a monetary remedy is in
 * another currency than the limits.
 */
export function withinOwnerLimit(
  settings: RuleSettings,
  owner: Owner | null,
  closure: ClosureReason,
): boolean {
  if (closure.kind !== 'monetaryRemedy') return true;
  const { currency } = settings.limits;
  if (closure.amount.currency !== currency) {
    throw new ComplaintRuleError(
      'CURRENCY_MISMATCH',
      `the remedy is in ${closure.amount.currency}, but empowerment limits are set in ${currency}; state the remedy in ${currency}`,
    );
  }
  return owner !== null && closure.amount.amount <= limitOf(settings, owner.level);
}

const rank = (settings: RuleSettings, level: string) => settings.ladder.indexOf(level);

/** @internal Checks the ladder move and the trigger of an ESCALATE event. */
export function escalationAllowed(settings: RuleSettings, context: Ctx, event: Loose): true {
  const owner = context.owner;
  const to = field(event, 'to') as Owner | undefined;
  const trigger = field(event, 'trigger') as EscalationTrigger | undefined;
  if (owner === null || to === undefined || trigger === undefined) return true;
  const top = settings.ladder[settings.ladder.length - 1];
  if (owner.level === top) {
    throw new ComplaintRuleError(
      'LADDER_TOP',
      `the complaint is already at the top level '${owner.level}'; there is no one to escalate to`,
    );
  }
  if (rank(settings, to.level) <= rank(settings, owner.level)) {
    const higher = settings.ladder.slice(rank(settings, owner.level) + 1).join(', ');
    throw new ComplaintRuleError(
      'LEVEL_NOT_HIGHER',
      `an escalation must go up the ladder from '${owner.level}', not to '${to.level}'; choose one of: ${higher} (use REASSIGN for a handoff at the same level)`,
    );
  }
  const unmet = (why: string) => {
    throw new ComplaintRuleError(
      'TRIGGER_NOT_MET',
      `trigger '${trigger.kind}' does not apply: ${why}`,
    );
  };
  switch (trigger.kind) {
    case 'failedAttempts':
      if (context.failedAttempts < settings.failedAttemptLimit) {
        unmet(
          `${context.failedAttempts} failed attempt(s) recorded, the limit is ${settings.failedAttemptLimit}; record ATTEMPT_FAILED first or use another trigger`,
        );
      }
      break;
    case 'lowConfidence':
      if (trigger.confidence >= settings.confidenceThreshold) {
        unmet(
          `confidence ${trigger.confidence} is not below the threshold ${settings.confidenceThreshold}`,
        );
      }
      break;
    case 'restrictedTopic':
      if (
        settings.restrictedTopics.length > 0 &&
        !settings.restrictedTopics.includes(trigger.topic)
      ) {
        unmet(
          `'${trigger.topic}' is not a restricted topic; restricted: ${settings.restrictedTopics.join(', ')}`,
        );
      }
      break;
    case 'dissatisfiedAfterResolution':
      if (context.rejections === 0) unmet('the customer has not rejected a communicated decision');
      break;
    case 'askedForHuman':
      break;
  }
  return true;
}

/** @internal Checks that an approver is someone else and is empowered for the amount. */
export function approvalAllowed(settings: RuleSettings, context: Ctx, event: Loose): true {
  const decision = context.decision;
  const by = field(event, 'by');
  const level = field(event, 'level');
  if (decision === null || typeof by !== 'string' || typeof level !== 'string') return true;
  const closure = decision.closure;
  const amount = closure.kind === 'monetaryRemedy' ? closure.amount : undefined;
  const shown = amount === undefined ? 'this remedy' : formatMoney(amount);
  if (by === decision.by) {
    throw new ComplaintRuleError(
      'SELF_APPROVAL',
      `${by} proposed ${shown} and cannot approve it; someone else whose limit covers it must approve`,
    );
  }
  if (amount !== undefined && amount.amount > limitOf(settings, level)) {
    const limit = formatMoney({
      amount: limitOf(settings, level),
      currency: settings.limits.currency,
    });
    throw new ComplaintRuleError(
      'APPROVER_LIMIT',
      `level '${level}' may approve up to ${limit}, less than ${shown}; ask a higher level`,
    );
  }
  return true;
}

/** @internal Whether the current decision closes the case once communicated. */
export function closesOnCommunication(context: Ctx): boolean {
  return context.decision !== null && !needsAcceptance(context.decision.closure);
}
