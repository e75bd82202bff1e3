/**
 * The refusal codes of the complaint machines: the domain reasons a complaint rule gives when it
 * turns an event down. Rules return them (they never throw); `transition` reports them as
 * `REFUSED` issues whose `reason.code` is one of these.
 *
 * @module
 */
import type { Refusal } from '../core/index.js';
import { deepFreeze } from './internal.js';

/**
 * The refusal codes of the complaint case (`createComplaintCase`, `iso10002Lifecycle`).
 *
 * @category Complaints
 */
export type ComplaintCaseRefusal =
  | 'OUT_OF_ORDER'
  | 'LADDER_TOP'
  | 'LEVEL_NOT_HIGHER'
  | 'TRIGGER_NOT_MET'
  | 'CURRENCY_MISMATCH'
  | 'SELF_APPROVAL'
  | 'APPROVER_LIMIT'
  | 'NO_FURTHER_STAGE'
  | 'NOT_INDEPENDENT'
  | 'NO_EXTENSION'
  | 'EXTENSION_USED'
  | 'EXTENSION_TOO_LONG';

/**
 * The refusal codes of `complaintFlow`: `NOT_DOCUMENTED`, and `OUT_OF_ORDER` for an event dated
 * before the previous one.
 *
 * @category Complaints
 */
export type ComplaintFlowRefusal = 'NOT_DOCUMENTED' | 'OUT_OF_ORDER';

/**
 * Every refusal code of the complaint machines.
 *
 * @category Complaints
 */
export type ComplaintRule = ComplaintCaseRefusal | ComplaintFlowRefusal;

/**
 * What each refusal code of the complaint case means. The machine declares exactly these codes,
 * so `result.error.reason?.code` is typed as {@link ComplaintCaseRefusal}.
 *
 * @example
 * ```ts
 * import { complaintCaseRefusals } from 'servicecraft/complaints';
 *
 * Object.keys(complaintCaseRefusals).includes('SELF_APPROVAL'); // true
 * ```
 *
 * @category Complaints
 */
export const complaintCaseRefusals: Readonly<Record<ComplaintCaseRefusal, string>> = deepFreeze({
  OUT_OF_ORDER:
    'The event is dated before the latest accepted change of the case; events must be sent in time order.',
  LADDER_TOP:
    'The owner is already at the top level of the escalation ladder, so there is no one above to escalate to.',
  LEVEL_NOT_HIGHER:
    'An escalation must move the case to a strictly higher level of the ladder (a handoff at the same level is a REASSIGN); the handler of a next stage must be at the same level or higher.',
  TRIGGER_NOT_MET:
    'The escalation trigger given does not hold for this case (too few failed attempts, confidence not low enough, a topic that is not restricted, or no rejected decision).',
  CURRENCY_MISMATCH: 'A monetary remedy must be in the currency the empowerment limits are set in.',
  SELF_APPROVAL:
    'The person who proposed an over-limit remedy cannot approve it; ids are compared after normalizeActorId.',
  APPROVER_LIMIT:
    'The approving level may not grant a remedy this large; someone at a level whose limit covers it must approve.',
  NO_FURTHER_STAGE:
    'The complaint is at the last stage of its policy, so it cannot be escalated to another stage.',
  NOT_INDEPENDENT:
    'The policy requires this stage to be handled by someone who did not handle an earlier stage (its owner or decider); ids are compared after normalizeActorId.',
  NO_EXTENSION: 'The policy allows no extension of the response deadline at this stage.',
  EXTENSION_USED:
    'The response deadline of this stage was already extended; the policy allows one extension per stage.',
  EXTENSION_TOO_LONG:
    'The extension asks for more working days than the policy allows at this stage.',
});

/**
 * What each refusal code of `complaintFlow` means.
 *
 * @example
 * ```ts
 * import { complaintFlowRefusals } from 'servicecraft/complaints';
 *
 * complaintFlowRefusals.NOT_DOCUMENTED.length > 0; // true
 * ```
 *
 * @category Complaints
 */
export const complaintFlowRefusals: Readonly<Record<ComplaintFlowRefusal, string>> = deepFreeze({
  NOT_DOCUMENTED:
    'A complaint conversation closes only once a DOCUMENT event has recorded the complaint and the steps taken.',
  OUT_OF_ORDER:
    'The event is dated before the previous event of the conversation; events must be sent in time order.',
});

/**
 * The complaint refusal behind a failed transition: the `reason` of a `REFUSED` issue whose code is
 * one of the complaint codes ({@link ComplaintRule}), or `undefined` for any other issue. It reads
 * plain fields only (no `instanceof`), so it works on issues from any build or copy of the
 * library, and on issues that went through JSON. In typed code, reading `error.reason?.code`
 * directly narrows just as well.
 *
 * @example
 * ```ts
 * import { complaintRuleOf } from 'servicecraft/complaints';
 *
 * complaintRuleOf({ code: 'EVENT_NOT_ALLOWED' }); // undefined
 * complaintRuleOf({
 *   code: 'REFUSED',
 *   reason: { code: 'SELF_APPROVAL', message: 'ana proposed it and cannot approve it.' },
 * })?.code; // 'SELF_APPROVAL'
 * ```
 *
 * @param issue - The `error` of a failed transition result.
 * @returns The refusal (code, sentence, details), or `undefined`.
 * @category Complaints
 */
export function complaintRuleOf<R extends string = string>(issue: {
  readonly code: string;
  readonly reason?: Refusal<R> | undefined;
}): Refusal<string extends R ? ComplaintRule : Extract<R, ComplaintRule>> | undefined {
  if (typeof issue !== 'object' || issue === null || issue.code !== 'REFUSED') return undefined;
  const reason: unknown = issue.reason;
  if (typeof reason !== 'object' || reason === null) return undefined;
  const code = (reason as { code?: unknown }).code;
  if (typeof code !== 'string' || !isComplaintRule(code)) return undefined;
  return reason as Refusal<never>;
}

function isComplaintRule(code: string): code is ComplaintRule {
  return Object.hasOwn(complaintCaseRefusals, code) || Object.hasOwn(complaintFlowRefusals, code);
}
