/**
 * Loyalty: tier ladders, tier membership and a points ledger of lots, built on the core engine.
 *
 * @module servicecraft/loyalty
 */
export {
  type LoyaltyDefinitionCode,
  LoyaltyDefinitionError,
  type LoyaltyDefinitionProblem,
  type LoyaltyErrorCode,
  type LoyaltyRefusal,
  loyaltyErrorOf,
} from './errors.js';
export {
  defineTierLadder,
  type Tier,
  type TierInput,
  type TierLadder,
  type TierLadderInput,
  type TierMetric,
  type TierThreshold,
} from './ladder.js';
export {
  type ExplainFigure,
  type ExplainMessageBase,
  type ExplainMessageOptions,
  type ExplainReasonData,
  type ExplainReasonFigures,
  type ExplainTier,
  type LoyaltyExplainMessageData,
  type LoyaltyExplainMessageKey,
  type LoyaltyExplainMessages,
  loyaltyExplainMessagesEn,
} from './messages.js';
export type {
  AnniversaryWindow,
  AnniversaryWindowInput,
  EarnRate,
  ExpiryRule,
  ExpiryRuleInput,
  KeyWindow,
  LoyaltyPolicy,
  LoyaltyPolicyInput,
  QualificationWindow,
} from './policy.js';
export {
  defineLoyaltyProgram,
  type LoyaltyProgram,
  type LoyaltyProgramOptions,
  type MembershipMachine,
  type MembershipState,
} from './program.js';
export {
  balance,
  type ExpiryReadOptions,
  type ExplainOptions,
  type Explanation,
  explain,
  isLapsed,
  lastActivity,
  type MembershipView,
  pointsToKeepTier,
  pointsToNextTier,
  type ReadOptions,
  type TierGap,
  type TierKeepGap,
  tierOf,
  type UpcomingExpiry,
  upcomingExpiries,
} from './read.js';
export type { TierMetrics } from './tiers.js';
export type {
  AdjustCommand,
  CancelOrderCommand,
  CommandBase,
  GrantTierCommand,
  Lot,
  LotCommand,
  LoyaltyTotals,
  MembershipContext,
  MembershipEvent,
  MonthCounters,
  OrderCommand,
  OrderRecord,
  PlainCommand,
  RedeemCommand,
  ReferralCommand,
  TierChange,
  TransferCommand,
} from './types.js';
