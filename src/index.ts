/**
 * servicecraft: customer-service frameworks, interaction cycles, complaint flows and loyalty
 * tiers as typed, validated, pure state machines with plain-JSON snapshots.
 *
 * This entry is the engine (`defineMachine`, `transition`, `restoreSnapshot`, ...). Working time
 * and each domain have their own entry, so an app loads only what it imports, with or without a
 * bundler:
 *
 * | entry | what it holds |
 * | --- | --- |
 * | `servicecraft` | the engine: machines, snapshots, transitions, replay, flows |
 * | `servicecraft/time` | business calendars, working-time arithmetic, pausable clocks |
 * | `servicecraft/frameworks` | steps of service (8, 10, Ritz three steps), custom frameworks, conformance scoring |
 * | `servicecraft/cycles` | interaction cycles (four- and five-stage) and the unexpected-demand flow |
 * | `servicecraft/complaints` | complaint flows, service recovery, the ISO 10002 complaint case |
 * | `servicecraft/loyalty` | tier ladders, tier membership and the points ledger |
 * | `servicecraft/metrics` | NPS, CSAT, CES, FCR, AHT, SERVQUAL and moments of truth |
 * | `servicecraft/testing` | path generation, coverage and conformance checks for test suites |
 *
 * @module servicecraft
 * @document ../docs/guides/getting-started.md
 * @document ../docs/guides/core.md
 * @document ../docs/guides/time.md
 * @document ../docs/guides/frameworks.md
 * @document ../docs/guides/cycles.md
 * @document ../docs/guides/complaints.md
 * @document ../docs/guides/loyalty.md
 * @document ../docs/guides/metrics.md
 * @document ../docs/guides/testing.md
 * @document ../docs/guides/persisting-snapshots.md
 * @document ../docs/guides/scaling-out.md
 * @document ../docs/guides/xstate-comparison.md
 */
// core: the engine
export {
  type AnyMachine,
  type AnyMachineDefinition,
  type AnyStateConfig,
  type ContextFrom,
  type ContextFromSchema,
  can,
  createFlow,
  DefinitionError,
  type DefinitionProblem,
  type DefinitionProblemCode,
  type DescribedValue,
  defineMachine,
  type Edge,
  type EmptyContext,
  type EventFrom,
  type EventInputFrom,
  type EventInputsFromSchemas,
  type EventNotAllowedIssue,
  type EventObject,
  type EventOf,
  type EventSchemas,
  type EventsFromSchemas,
  type FinalStateIssue,
  type Flow,
  type FlowListener,
  formatIssue,
  type Guard,
  type GuardRejectedIssue,
  type InvalidPayloadIssue,
  type InvalidSnapshotIssue,
  type Invariant,
  type IssueBase,
  type IssueCore,
  type IssueHelpers,
  type IssueMessageData,
  type IssueMessageKey,
  type IssueMessages,
  initialSnapshot,
  isDefinitionError,
  isFinal,
  isRefusal,
  isServicecraftError,
  isSnapshotError,
  issueMessagesEn,
  issueToJSON,
  isTransitionError,
  type Machine,
  type MachineDefinition,
  type MachineTypes,
  type MermaidOptions,
  type Migration,
  type MigrationState,
  nextEvents,
  nextWakeUp,
  type Refusal,
  type RefusalFrom,
  type Refuse,
  type RefusedIssue,
  type ReplayFailure,
  type ReplayResult,
  type ReplaySuccess,
  type RestoreFailure,
  type RestoreResult,
  type RestoreSuccess,
  type RuleThrewIssue,
  refusal,
  replay,
  replayOrThrow,
  restoreSnapshot,
  restoreSnapshotOrThrow,
  type Schema,
  ServicecraftError,
  type Snapshot,
  SnapshotError,
  type SnapshotErrorCode,
  type SnapshotFrom,
  type SnapshotIssue,
  type SnapshotProblem,
  type SnapshotStatus,
  type StateConfig,
  type StateFrom,
  type Step,
  type TransitionArgs,
  type TransitionConfig,
  TransitionError,
  type TransitionErrorCode,
  type TransitionFailure,
  type TransitionIssue,
  type TransitionResult,
  type TransitionResultFrom,
  type TransitionSpec,
  type TransitionSuccess,
  type TypedEvent,
  toMermaid,
  transition,
  transitionOrThrow,
  type UnknownEventIssue,
  type Update,
  type UpdateFailedIssue,
  UsageError,
  type ValidationIssue,
  type WakeUp,
  type WakeUpRule,
  type WithPayload,
} from './core/index.js';
