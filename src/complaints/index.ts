/**
 * Complaint handling: the seed conversation flows, the service-recovery models, and a complaint
 * case after ISO 10002 with escalation, empowerment limits and deadlines. Built only on the public
 * core API.
 *
 * @module
 */
export { normalizeActorId } from './actor.js';
export { type ComplaintCaseOptions, createComplaintCase, iso10002Lifecycle } from './case.js';
export { complaintChannels } from './case-schema.js';
export type {
  Assessment,
  ComplaintCaseContext,
  ComplaintCaseEvent,
  ComplaintCaseMachine,
  ComplaintCaseSnapshot,
  ComplaintCaseState,
  ComplaintChannel,
  ComplaintTrack,
  Decision,
  DueDates,
  EscalationRecord,
  LastChange,
  Milestones,
  Owner,
  Rating,
  Stamp,
} from './case-types.js';
export {
  type ClosureKind,
  type ClosureReason,
  closureReasonSchema,
  needsAcceptance,
} from './closure.js';
export {
  type ComplaintFlow,
  type ComplaintFlowContext,
  type ComplaintFlowEvent,
  type ComplaintFlowRemedy,
  type ComplaintFlowState,
  complaintFlow,
} from './complaint-flow.js';
export {
  type DifficultCustomerContext,
  type DifficultCustomerEvent,
  type DifficultCustomerFlow,
  difficultCustomerFlow,
  type ProblemResolutionContext,
  type ProblemResolutionEvent,
  type ProblemResolutionFlow,
  problemResolutionFlow,
} from './conversation-flows.js';
export {
  type ComplaintDeadlines,
  type DeadlineCalendar,
  type Duration,
  type DurationParts,
  defaultComplaintDeadlines,
  durationSchema,
  durationToMs,
  utcCalendar,
} from './deadlines.js';
export {
  type DefaultEscalationLevel,
  defaultEmpowermentLimits,
  defaultEscalationLadder,
  type EmpowermentLimits,
  type EscalationTrigger,
  escalationTriggerSchema,
  type Handoff,
  handoffSchema,
  reasonCodeSchema,
} from './escalation.js';
export {
  type CurrencyCode,
  currencyMinorUnits,
  currencySchema,
  formatMoney,
  isCurrencyCode,
  type Money,
  moneySchema,
} from './money.js';
export {
  defineStepSequence,
  heardRecovery,
  lastRecovery,
  latteRecovery,
  learnRecovery,
  type RecoveryModel,
  type RecoveryModelName,
  type RecoveryStep,
  recoveryMachine,
  recoveryModels,
  type StepSequenceMachine,
} from './recovery.js';
export {
  type ComplaintCaseRefusal,
  type ComplaintFlowRefusal,
  type ComplaintRule,
  complaintCaseRefusals,
  complaintFlowRefusals,
  complaintRuleOf,
} from './refusals.js';
export {
  type ComplaintCaseView,
  type ComplaintStage,
  type ComplaintStatus,
  complaintStatus,
  type DeadlineBreach,
  overdue,
} from './status.js';
