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
  type IssueBase,
  isDefinitionError,
  isSnapshotError,
  isTransitionError,
  SnapshotError,
  type SnapshotErrorCode,
  type SnapshotIssue,
  type SnapshotProblem,
  TransitionError,
  type TransitionErrorCode,
  type TransitionIssue,
  type ValidationIssue,
} from './errors.js';
export { createFlow, type Flow, type FlowListener } from './flow.js';
export { type MermaidOptions, toMermaid } from './mermaid.js';
export { type ReplayResult, replay, replayOrThrow } from './replay.js';
export { type RestoreResult, restoreSnapshot, restoreSnapshotOrThrow } from './restore.js';
export {
  can,
  initialSnapshot,
  isFinal,
  nextEvents,
  type Step,
  type TransitionResult,
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
  EventSchemas,
  EventsFromSchemas,
  Guard,
  Machine,
  MachineDefinition,
  Migration,
  Schema,
  Snapshot,
  SnapshotFrom,
  SnapshotStatus,
  StateConfig,
  StateFrom,
  TransitionArgs,
  TransitionConfig,
  TransitionSpec,
  Update,
} from './types.js';
