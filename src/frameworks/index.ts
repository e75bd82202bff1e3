/**
 * Service frameworks: the seed frameworks (8 steps, 10 steps, Ritz three steps), your own via
 * `defineFramework`, and conformance scoring of recorded interactions via `assessInteraction`.
 *
 * @module
 */
export { type AssessmentResult, assessInteraction, assessInteractionOrThrow } from './assess.js';
export { defineFramework, eventStampSchema } from './define.js';
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
  type OrderDeviation,
  type QualityReport,
  type RecordedOutcome,
  type RepeatOverrun,
  type ScoreBreakdown,
  type ScoreComponent,
  type Scorecard,
  type SkippedStep,
  type StepReport,
} from './scorecard.js';
export type {
  AnyFramework,
  EventStamp,
  Framework,
  FrameworkContext,
  FrameworkEvent,
  FrameworkMachine,
  FrameworkQuality,
  FrameworkRefusal,
  FrameworkSnapshot,
  FrameworkSpec,
  FrameworkState,
  FrameworkStep,
  OutcomeFrom,
  OutcomeTarget,
  QualityFrom,
  QualitySpec,
  StepFrom,
  StepSpec,
} from './types.js';
