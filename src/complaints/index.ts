/**
 * Complaint handling: conversation flows from customer-service training, the service-recovery
 * models, and a complaint case after ISO 10002 with escalation, empowerment limits and deadlines.
 * Built only on the public core API.
 *
 * @module servicecraft/complaints
 */
export { normalizeActorId } from './actor.js';
export { assessmentPriority } from './assessment.js';
export {
  type ComplaintCaseOptions,
  createComplaintCase,
  deadlineCheckActor,
  iso10002Lifecycle,
} from './case.js';
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
  DeadlineExtension,
  Decision,
  DueDates,
  EscalationRecord,
  LastChange,
  Milestones,
  NoticedBreaches,
  Owner,
  Rating,
  StageRecord,
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
  type DeadlineSpan,
  type Duration,
  type DurationParts,
  deadlineSpanSchema,
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
export type { ConversationClock, ConversationRefusal, ConversationStamp } from './flow-clock.js';
export {
  type ComplaintDecisionMessageData,
  type ComplaintMessageBase,
  type ComplaintStatusMessageData,
  type ComplaintStatusMessageKey,
  type ComplaintStatusMessages,
  type ComplaintStatusOptions,
  complaintStatusMessagesEn,
} from './messages.js';
export {
  type CurrencyCode,
  currencyMinorUnits,
  currencySchema,
  type FormatMoneyOptions,
  formatMoney,
  isCurrencyCode,
  type Money,
  moneySchema,
} from './money.js';
export {
  type ComplaintPolicy,
  type ComplaintStagePolicy,
  complaintPolicySchema,
  defaultComplaintPolicy,
  fcaDispPolicy,
  type HousingOmbudsmanOptions,
  housingOmbudsmanPolicy,
} from './policy.js';
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
  type StepSequenceEvent,
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
  chooseSlaPolicy,
  nextSlaCheck,
  noticeSla,
  type SlaBreach,
  type SlaEntry,
  type SlaFacts,
  type SlaMetric,
  type SlaPolicy,
  type SlaSignal,
  type SlaTarget,
  type SlaTracker,
  slaBreaches,
  slaMetrics,
  slaPolicySchema,
  slaTrackerSchema,
  type TrackSlaInput,
  trackSla,
} from './sla.js';
export {
  type ComplaintCaseView,
  type ComplaintStage,
  type ComplaintStatus,
  complaintStatus,
  type DeadlineBreach,
  overdue,
} from './status.js';
