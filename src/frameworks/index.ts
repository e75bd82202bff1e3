/**
 * Service frameworks: the preset frameworks (8 steps, 10 steps, Ritz three steps), your own via
 * `defineFramework`, and conformance scoring of recorded interactions via `assessInteraction`.
 *
 * @module servicecraft/frameworks
 */
export {
  type AssessmentResult,
  type AssessOptions,
  assessInteraction,
  assessInteractionOrThrow,
  recordFromEvents,
} from './assess.js';
export {
  type MachineAssessmentResult,
  type MachineRecord,
  type MachineScorecard,
  machineRecordSchema,
  type RefusedEvent,
} from './assess-machine.js';
export { adaptFramework, defineFramework, eventStampSchema, type StepPolicy } from './define.js';
export { eightStepsOfService } from './presets/eightSteps.js';
export { ritzThreeSteps } from './presets/ritz.js';
export { tenStepsOfService } from './presets/tenSteps.js';
export {
  AssessmentError,
  type AssessmentErrorCode,
  type AssessmentIssue,
  type InteractionRecord,
  interactionRecordSchema,
  isAssessmentError,
  type RecordedEvent,
  recordedEventSchema,
} from './record.js';
export {
  adherenceScore,
  type MomentOfTruthReport,
  type OffScriptAction,
  type OrderDeviation,
  type QualityReport,
  type RecordedOutcome,
  type RefusedMove,
  type RepeatOverrun,
  type ScoreBreakdown,
  type ScoreComponent,
  type Scorecard,
  type SkippedStep,
  type StepReport,
} from './scorecard.js';
export type {
  AliasSpec,
  AnyFramework,
  DataSchema,
  EventStamp,
  Framework,
  FrameworkAlias,
  FrameworkContext,
  FrameworkEvent,
  FrameworkGuard,
  FrameworkGuardArgs,
  FrameworkGuardEvent,
  FrameworkMachine,
  FrameworkQuality,
  FrameworkRefusal,
  FrameworkSnapshot,
  FrameworkSpec,
  FrameworkState,
  FrameworkStep,
  OutcomeFrom,
  OutcomeSpec,
  OutcomeTarget,
  QualityFrom,
  QualitySpec,
  StepFrom,
  StepSpec,
} from './types.js';
