/**
 * The rules of the complaint case, used by its guards. A rule returns `true` to let the event
 * through, `false` to let the next candidate try, and a refusal (made with the `refuse` function
 * the engine passes in) to turn the event down with a code, a sentence and JSON details. No rule
 * throws for a domain outcome.
 *
 * @module
 */

import { clip } from '../core/errors.js';
import type { Refusal } from '../core/index.js';
import { sameActor } from './actor.js';
import type { ComplaintCaseContext, Owner } from './case-types.js';
import { type ClosureReason, needsAcceptance } from './closure.js';
import type { EmpowermentLimits, EscalationTrigger } from './escalation.js';
import { formatMoney } from './money.js';
import type { ComplaintCaseRefusal } from './refusals.js';

/** @internal The settings the rules read. */
export interface RuleSettings {
  readonly ladder: readonly string[];
  readonly limits: EmpowermentLimits;
  readonly failedAttemptLimit: number;
  readonly confidenceThreshold: number;
  readonly restrictedTopics: readonly string[];
}

/** @internal What a rule may return. */
export type Verdict = boolean | Refusal<ComplaintCaseRefusal>;

/** @internal The `refuse` function a guard receives, for the complaint codes. */
export type Refuse = (
  code: ComplaintCaseRefusal,
  message: string,
  details?: Readonly<Record<string, unknown>>,
) => Refusal<ComplaintCaseRefusal>;

type Ctx = ComplaintCaseContext;
/** The event as a guard sees it: validated by `transition`, bare (`{ type }`) from `nextEvents`. */
type Loose = { readonly type: string };
const field = (event: Loose, key: string): unknown =>
  (event as unknown as Record<string, unknown>)[key];

/** A name from an event or the context, quoted and bounded for a sentence. */
const q = (text: string) => `'${clip(text, 80)}'`;
const iso = (at: number) => new Date(at).toISOString();

/** @internal Runs `next` only when `first` let the event through. */
export function andThen(first: Verdict, next: () => Verdict): Verdict {
  return first === true ? next() : first;
}

/** @internal Refuses an event that is older than the latest change. */
export function inOrder(context: Ctx, event: Loose, refuse: Refuse): Verdict {
  const at = field(event, 'at');
  const last = context.lastChange;
  if (typeof at === 'number' && last !== null && at < last.at) {
    return refuse(
      'OUT_OF_ORDER',
      `${event.type} is dated ${iso(at)}, before the latest change (${last.event} at ${iso(last.at)}); send events in time order.`,
      { at, latestChangeAt: last.at, latestEvent: last.event },
    );
  }
  return true;
}

/** @internal The limit of a level, in the limits' currency (0 for a level without one). */
export function limitOf(settings: RuleSettings, level: string): number {
  const amounts = settings.limits.amounts as Readonly<Record<string, number | undefined>>;
  return Object.hasOwn(amounts, level) ? (amounts[level] ?? 0) : 0;
}

/**
 * @internal Whether the owner may grant this closure alone; a refusal when a monetary remedy is
 * in another currency than the limits.
 */
export function withinOwnerLimit(
  settings: RuleSettings,
  owner: Owner | null,
  closure: ClosureReason,
  refuse: Refuse,
): Verdict {
  if (closure.kind !== 'monetaryRemedy') return true;
  const { currency } = settings.limits;
  if (closure.amount.currency !== currency) {
    return refuse(
      'CURRENCY_MISMATCH',
      `The remedy is in ${closure.amount.currency}, but the empowerment limits are set in ${currency}; state the remedy in ${currency}.`,
      { currency: closure.amount.currency, limitsCurrency: currency },
    );
  }
  return owner !== null && closure.amount.amount <= limitOf(settings, owner.level);
}

const rank = (settings: RuleSettings, level: string) => settings.ladder.indexOf(level);

/**
 * @internal Checks the ladder move and the trigger of an ESCALATE event. At the top of the ladder
 * it refuses even a bare event, so `nextEvents` leaves ESCALATE out there.
 */
export function escalationAllowed(
  settings: RuleSettings,
  context: Ctx,
  event: Loose,
  refuse: Refuse,
): Verdict {
  const owner = context.owner;
  if (owner === null) return true;
  const top = settings.ladder[settings.ladder.length - 1];
  if (owner.level === top) {
    return refuse(
      'LADDER_TOP',
      `The complaint is already at the top level ${q(owner.level)}; there is no one to escalate it to.`,
      { level: owner.level },
    );
  }
  const to = field(event, 'to') as Owner | undefined;
  const trigger = field(event, 'trigger') as EscalationTrigger | undefined;
  if (to === undefined || trigger === undefined) return true;
  if (rank(settings, to.level) <= rank(settings, owner.level)) {
    const higher = settings.ladder.slice(rank(settings, owner.level) + 1);
    return refuse(
      'LEVEL_NOT_HIGHER',
      `An escalation must go up the ladder from ${q(owner.level)}, not to ${q(to.level)}; choose one of: ${higher.join(', ')} (use REASSIGN for a handoff at the same level).`,
      { from: owner.level, to: to.level, higher },
    );
  }
  const unmet = (why: string, details: Readonly<Record<string, unknown>>) =>
    refuse('TRIGGER_NOT_MET', `Trigger '${trigger.kind}' does not apply: ${why}.`, {
      trigger: trigger.kind,
      ...details,
    });
  switch (trigger.kind) {
    case 'failedAttempts':
      if (context.failedAttempts < settings.failedAttemptLimit) {
        return unmet(
          `${context.failedAttempts} failed attempt(s) recorded, the limit is ${settings.failedAttemptLimit}; record ATTEMPT_FAILED first or use another trigger`,
          { failedAttempts: context.failedAttempts, limit: settings.failedAttemptLimit },
        );
      }
      return true;
    case 'lowConfidence':
      if (trigger.confidence >= settings.confidenceThreshold) {
        return unmet(
          `confidence ${trigger.confidence} is not below the threshold ${settings.confidenceThreshold}`,
          { confidence: trigger.confidence, threshold: settings.confidenceThreshold },
        );
      }
      return true;
    case 'restrictedTopic':
      if (
        settings.restrictedTopics.length > 0 &&
        !settings.restrictedTopics.includes(trigger.topic)
      ) {
        return unmet(
          `${q(trigger.topic)} is not a restricted topic; restricted: ${settings.restrictedTopics.join(', ')}`,
          { topic: clip(trigger.topic, 200), restrictedTopics: settings.restrictedTopics },
        );
      }
      return true;
    case 'dissatisfiedAfterResolution':
      if (context.rejections === 0) {
        return unmet('the customer has not rejected a communicated decision', { rejections: 0 });
      }
      return true;
    case 'askedForHuman':
      return true;
  }
}

/** @internal The ladder level a bot owner has (the default ladder's first level). */
export const botLevel = 'bot';

/**
 * @internal Once a decision is pending or communicated, only a customer's request for a person
 * can escalate, and only while a bot owns the case (an owner at level `'bot'`): a customer who
 * asks for a human is never kept with a bot, whatever the case's stage.
 */
export function humanRequested(
  settings: RuleSettings,
  context: Ctx,
  event: Loose,
  refuse: Refuse,
): Verdict {
  const trigger = field(event, 'trigger') as EscalationTrigger | undefined;
  if (trigger === undefined) return context.owner?.level === botLevel;
  if (trigger.kind !== 'askedForHuman') {
    return refuse(
      'TRIGGER_NOT_MET',
      `Trigger '${trigger.kind}' does not apply once a decision is pending or communicated; only a customer's request for a person (askedForHuman) can escalate now, while a bot owns the case.`,
      { trigger: trigger.kind },
    );
  }
  if (context.owner?.level !== botLevel) {
    const level = context.owner?.level ?? 'none';
    return refuse(
      'TRIGGER_NOT_MET',
      `Trigger 'askedForHuman' does not apply here: the case is owned at level ${q(level)}, not by a bot, so a person already handles it.`,
      { trigger: trigger.kind, level },
    );
  }
  return escalationAllowed(settings, context, event, refuse);
}

/**
 * @internal Checks that an approver is someone else than the decider (ids compared after
 * `normalizeActorId`) and is empowered for the amount.
 */
export function approvalAllowed(
  settings: RuleSettings,
  context: Ctx,
  event: Loose,
  refuse: Refuse,
): Verdict {
  const decision = context.decision;
  const by = field(event, 'by');
  const level = field(event, 'level');
  if (decision === null || typeof by !== 'string' || typeof level !== 'string') return true;
  const closure = decision.closure;
  const money = closure.kind === 'monetaryRemedy' ? closure.amount : undefined;
  const what = money === undefined ? 'this remedy' : formatMoney(money);
  if (sameActor(by, decision.by)) {
    const as = by === decision.by ? '' : ` as ${q(by)} (the same id once normalised)`;
    return refuse(
      'SELF_APPROVAL',
      `${q(decision.by)} proposed ${what} and cannot approve it${as}; someone else whose limit covers it must approve.`,
      {
        proposedBy: decision.by,
        approver: by,
        ...(money === undefined ? {} : { amount: money.amount, currency: money.currency }),
      },
    );
  }
  // Limits are in one currency; a remedy decided under other limits (restored after the limits'
  // currency changed) is not compared across currencies.
  if (money !== undefined && money.currency !== settings.limits.currency) {
    const { currency } = settings.limits;
    return refuse(
      'CURRENCY_MISMATCH',
      `The remedy is in ${money.currency}, but the empowerment limits are set in ${currency}; decline it and decide it again in ${currency}.`,
      { currency: money.currency, limitsCurrency: currency },
    );
  }
  if (money !== undefined && money.amount > limitOf(settings, level)) {
    const limit = limitOf(settings, level);
    return refuse(
      'APPROVER_LIMIT',
      `Level ${q(level)} may approve up to ${formatMoney({ amount: limit, currency: settings.limits.currency })}, less than ${what}; ask a higher level.`,
      { level, limit, amount: money.amount, currency: money.currency },
    );
  }
  return true;
}

/** @internal Whether the current decision closes the case once communicated. */
export function closesOnCommunication(context: Ctx): boolean {
  return context.decision !== null && !needsAcceptance(context.decision.closure);
}
