/**
 * Service metrics: NPS, CSAT, CES, FCR, AHT, SERVQUAL gaps and moments of truth. Each has a batch
 * function that validates its input and an accumulator (plain JSON, mergeable) for streams and
 * shards. Empty input gives an explicit `{ kind: 'empty' }` result, never 0 or `NaN`.
 *
 * @module servicecraft/metrics
 */
export {
  type AhtAccumulator,
  type AhtAverage,
  type AhtContact,
  type AhtResult,
  aht,
  ahtAccumulator,
  ahtAdd,
  ahtMerge,
  ahtResult,
} from './aht.js';
export {
  type CesAccumulator,
  type CesAnswer,
  type CesResult,
  type CesScore,
  type CesVersion,
  type CesVersionFacts,
  ces,
  cesAccumulator,
  cesAdd,
  cesMerge,
  cesResult,
  cesVersions,
} from './ces.js';
export {
  type CsatAccumulator,
  type CsatOptions,
  type CsatResponse,
  type CsatResult,
  type CsatScale,
  type CsatScore,
  csat,
  csatAccumulator,
  csatAdd,
  csatMerge,
  csatResult,
  csatScale,
  csatScales,
  type ResponseRate,
} from './csat.js';
export {
  isMetricError,
  MetricError,
  type MetricErrorCode,
  type MetricProblem,
} from './errors.js';
export {
  type FcrAccumulator,
  type FcrCountAccumulator,
  type FcrDispositionContact,
  type FcrMethod,
  type FcrOptions,
  type FcrRate,
  type FcrResult,
  type FcrSurveyContact,
  fcr,
  fcrAccumulator,
  fcrAdd,
  fcrMerge,
  fcrResult,
} from './fcr.js';
export type { FcrRepeatAccumulator, FcrRepeatContact } from './fcr-repeat.js';
export {
  defaultHealthRatio,
  type HealthBalance,
  type HealthOptions,
  type RelationshipHealth,
  relationshipHealth,
} from './health.js';
export {
  type AssessedInteraction,
  assessSteps,
  type MomentOutcome,
  type MomentsAccumulator,
  type MomentsReport,
  type MomentsResult,
  type MomentTally,
  momentOutcomes,
  momentsAccumulator,
  momentsAdd,
  momentsMerge,
  momentsResult,
} from './moment-outcomes.js';
export {
  type MomentMarks,
  type MomentOfTruth,
  type MomentPredicate,
  type MomentsOfTruth,
  momentAt,
  momentsOfTruth,
  type ObservedStep,
} from './moments.js';
export {
  confidenceZ,
  type NpsAccumulator,
  type NpsInterval,
  type NpsOptions,
  type NpsResult,
  type NpsScore,
  nps,
  npsAccumulator,
  npsAdd,
  npsMerge,
  npsResult,
} from './nps.js';
export {
  type ServqualAccumulator,
  type ServqualAnswer,
  type ServqualDimension,
  type ServqualGap,
  type ServqualGaps,
  type ServqualResult,
  type ServqualScale,
  servqual,
  servqualAccumulator,
  servqualAdd,
  servqualDimensions,
  servqualMerge,
  servqualResult,
} from './servqual.js';
export type { EmptyResult, Fraction, Share } from './shared.js';
