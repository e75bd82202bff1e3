/**
 * `servicecraft/testing`: model-based test helpers for machines built with servicecraft: path
 * generation, sample payloads, coverage of recorded logs, and the plain checks behind the
 * matchers. It loads no optional peer: the vitest matchers live in `servicecraft/vitest`, the
 * fast-check arbitraries in `servicecraft/fast-check`, the XState export in `servicecraft/xstate`.
 *
 * @module servicecraft/testing
 */
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
export {
  type PayloadSamples,
  type SampleFunction,
  type SnapshotLike,
  samplePayloads,
} from './samples.js';
export { UnsupportedSchemaError } from './schema.js';
