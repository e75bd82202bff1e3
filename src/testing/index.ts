/**
 * `servicecraft/testing`: model-based test helpers for machines built with servicecraft. Path
 * generation, coverage, checks and XState export are plain functions; only the fast-check
 * arbitraries import fast-check, and the vitest matchers import nothing but vitest's types.
 *
 * @module servicecraft/testing
 */
export {
  type ArbitraryOptions,
  arbitraryEvent,
  arbitraryPayload,
  arbitrarySequence,
  arbitraryValidSequence,
} from './arbitraries.js';
export {
  type CheckOptions,
  type CheckResult,
  checkAccept,
  checkReject,
  checkState,
} from './checks.js';
export { type ConformOptions, checkConformance } from './conform.js';
export { transitionCover } from './cover.js';
export {
  type CoverageOptions,
  type CoverageReport,
  coverage,
  type EdgeCount,
  formatCoverage,
  type RefusedEvent,
} from './coverage.js';
export {
  installMatchers,
  type MatcherOutcome,
  type ReceivedCode,
  type ReceivedEvent,
  type ReceivedState,
  type ServicecraftMatchers,
  servicecraftMatchers,
} from './matchers.js';
export {
  describePath,
  type EventLike,
  type MissedEdge,
  type PathOptions,
  type PathPlan,
  type PathPlanFrom,
  type SimplePathOptions,
  shortestPaths,
  simplePaths,
  type TestPath,
} from './paths.js';
export { type PayloadSamples, samplePayloads } from './samples.js';
export { UnsupportedSchemaError } from './schema.js';
export {
  toXStateConfig,
  type XStateArgs,
  type XStateConfig,
  type XStateExport,
  type XStateOptions,
  type XStateState,
  type XStateTransition,
} from './xstate.js';
