/**
 * The engine: typed, validated, pure state machines with JSON snapshots. No domain words here;
 * every preset in the library is built from these functions alone.
 *
 * @module
 */
export { defineMachine } from './define.js';
export {
  DefinitionError,
  type DefinitionProblem,
  type DefinitionProblemCode,
  type EventNotAllowedIssue,
  type FinalStateIssue,
  type GuardRejectedIssue,
  type InvalidPayloadIssue,
  type InvalidSnapshotIssue,
  type IssueBase,
  type IssueCore,
  isDefinitionError,
  isServicecraftError,
  isSnapshotError,
  isTransitionError,
  type RefusedIssue,
  type RuleThrewIssue,
  ServicecraftError,
  SnapshotError,
  type SnapshotErrorCode,
  type SnapshotIssue,
  type SnapshotProblem,
  TransitionError,
  type TransitionErrorCode,
  type TransitionIssue,
  type UnknownEventIssue,
  type UpdateFailedIssue,
  UsageError,
  type ValidationIssue,
} from './errors.js';
export { createFlow, type Flow, type FlowListener } from './flow.js';
export { type MermaidOptions, toMermaid } from './mermaid.js';
export {
  type DescribedValue,
  formatIssue,
  type IssueHelpers,
  type IssueMessageData,
  type IssueMessageKey,
  type IssueMessages,
  issueMessagesEn,
  issueToJSON,
} from './messages.js';
export { isRefusal, refusal } from './refusal.js';
export {
  type ReplayFailure,
  type ReplayResult,
  type ReplaySuccess,
  replay,
  replayOrThrow,
} from './replay.js';
export {
  type RestoreFailure,
  type RestoreResult,
  type RestoreSuccess,
  restoreSnapshot,
  restoreSnapshotOrThrow,
} from './restore.js';
export {
  can,
  initialSnapshot,
  isFinal,
  nextEvents,
  type Step,
  type TransitionFailure,
  type TransitionResult,
  type TransitionResultFrom,
  type TransitionSuccess,
  transition,
  transitionOrThrow,
} from './transition.js';
export type {
  AnyMachine,
  AnyMachineDefinition,
  AnyStateConfig,
  ContextFrom,
  ContextFromSchema,
  Edge,
  EmptyContext,
  EventFrom,
  EventInputFrom,
  EventInputsFromSchemas,
  EventObject,
  EventOf,
  EventSchemas,
  EventsFromSchemas,
  Guard,
  Invariant,
  Machine,
  MachineDefinition,
  MachineTypes,
  Migration,
  MigrationState,
  Refusal,
  RefusalFrom,
  Refuse,
  Schema,
  Snapshot,
  SnapshotFrom,
  SnapshotStatus,
  StateConfig,
  StateFrom,
  TransitionArgs,
  TransitionConfig,
  TransitionSpec,
  TypedEvent,
  Update,
  WakeUp,
  WakeUpRule,
  WithPayload,
} from './types.js';
export { nextWakeUp } from './wake-up.js';
