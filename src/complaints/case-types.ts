/**
 * The types of the complaint case: its states, its context and its events, spelled out as
 * interfaces so they read well in the API docs. The schemas in `case-schema.ts` produce exactly these.
 *
 * @module
 */
import type { Machine, Snapshot } from '../core/index.js';
import type { ClosureReason } from './closure.js';
import type { EscalationTrigger, Handoff } from './escalation.js';
import type { Money } from './money.js';
import type { ComplaintCaseRefusal } from './refusals.js';
import type { SlaTracker } from './sla.js';

/**
 * The states of a complaint case, in lifecycle order (after ISO 10002).
 *
 * @category Complaints
 */
export type ComplaintCaseState =
  | 'new'
  | 'received'
  | 'acknowledged'
  | 'investigating'
  | 'awaitingApproval'
  | 'decided'
  | 'communicated'
  | 'openWithRecourse'
  | 'closed';

/**
 * How a complaint reached the organisation.
 *
 * @category Complaints
 */
export type ComplaintChannel =
  | 'phone'
  | 'email'
  | 'chat'
  | 'web'
  | 'letter'
  | 'inPerson'
  | 'social';

/**
 * A four-step rating used by the initial assessment.
 *
 * @category Complaints
 */
export type Rating = 'low' | 'medium' | 'high' | 'critical';

/**
 * The initial assessment (after ISO 10002): how bad, how hard, how wide and how pressing the
 * complaint is, and how much it puts anyone's safety at risk.
 *
 * @category Complaints
 */
export interface Assessment {
  /** How serious the harm is. */
  readonly severity: Rating;
  /** How hard it is to investigate. */
  readonly complexity: Rating;
  /** How many customers or how much business it touches. */
  readonly impact: Rating;
  /** How soon it must be handled. */
  readonly urgency: Rating;
  /**
   * The risk to anyone's health or safety, its own criterion: a `high` safety risk makes the
   * complaint critical priority (urgent), weighing one step more than the same severity.
   */
  readonly safety: Rating;
}

/**
 * Which path a complaint took at assessment: `urgent` when its priority is `critical` (severity or
 * urgency `critical`, or safety `high` or `critical`), `outset` when it was resolved during
 * assessment, `standard` otherwise.
 *
 * @category Complaints
 */
export type ComplaintTrack = 'standard' | 'urgent' | 'outset';

/**
 * Who recorded an event, and when: every event of a case carries both.
 *
 * @category Complaints
 */
export interface Stamp {
  /** Epoch milliseconds (an integer, UTC). */
  readonly at: number;
  /**
   * Who recorded it: an agent id, a bot id, `'customer'`, ... Rules compare ids after
   * `normalizeActorId` (NFKC, lower case, invisible characters removed).
   */
  readonly by: string;
}

/**
 * The person or bot responsible for a complaint, and their level on the ladder.
 *
 * @category Complaints
 */
export interface Owner<L extends string = string> {
  /** The owner's id. */
  readonly id: string;
  /** The owner's level on the escalation ladder. */
  readonly level: L;
}

/**
 * The last escalation of a case (earlier ones are counted, not kept).
 *
 * @category Complaints
 */
export interface EscalationRecord<L extends string = string> extends Stamp {
  /** The owner before. */
  readonly from: Owner<L>;
  /** The owner after. */
  readonly to: Owner<L>;
  /** Why it was allowed. */
  readonly trigger: EscalationTrigger;
  /** The reason code, for reporting. */
  readonly reason: string;
  /** What the new owner was told. */
  readonly handoff: Handoff;
}

/**
 * A decided response: the closure it proposes, who decided, and who approved it when the remedy
 * was above the decider's empowerment limit.
 *
 * @category Complaints
 */
export interface Decision<L extends string = string> extends Stamp {
  /** The proposed outcome. */
  readonly closure: ClosureReason;
  /** Whether the remedy exceeded the decider's limit. */
  readonly needsApproval: boolean;
  /** The approver, once approved. */
  readonly approvedBy: (Owner<L> & Pick<Stamp, 'at'>) | null;
  /**
   * For a monetary remedy, the owner's empowerment limit when the decision was made (what
   * `needsApproval` was judged against); `null` for other closures. Kept so that the decision stays
   * valid when the limits change later, and so that a stored decision whose amount was raised past
   * it without an approval is rejected on restore.
   */
  readonly limit: Money | null;
}

/**
 * The latest accepted event of a case.
 *
 * @category Complaints
 */
export interface LastChange extends Stamp {
  /** The event type. */
  readonly event: string;
}

/**
 * When each milestone happened (epoch ms), `null` until it does.
 *
 * @category Complaints
 */
export interface Milestones {
  /** Complaint received. */
  readonly receivedAt: number | null;
  /** Receipt acknowledged to the customer. */
  readonly acknowledgedAt: number | null;
  /** Initial assessment done. */
  readonly assessedAt: number | null;
  /** Response decided (and approved, when needed). */
  readonly decidedAt: number | null;
  /** Decision communicated to the customer. */
  readonly communicatedAt: number | null;
  /** Case closed. */
  readonly closedAt: number | null;
}

/**
 * The deadlines of the current stage, computed at its receipt, fixed by the acknowledgement when
 * the response counts from it, tightened by an urgent assessment and moved by an extension.
 *
 * @category Complaints
 */
export interface DueDates {
  /** Acknowledge by this instant. */
  readonly acknowledgeBy: number;
  /** Communicate a decision by this instant. */
  readonly respondBy: number;
  /** The end of the summary-resolution window, when the policy has one. */
  readonly summaryResolutionBy: number | null;
  /** The last day the customer may refer the complaint on, set by the final response. */
  readonly referralBy: number | null;
}

/**
 * The extension of the current stage's response deadline.
 *
 * @category Complaints
 */
export interface DeadlineExtension extends Stamp {
  /** Why, as told to the customer. */
  readonly reason: string;
  /** How many working days were added. */
  readonly workingDays: number;
  /** The response deadline before the extension. */
  readonly previousRespondBy: number;
}

/**
 * What is kept of a finished stage when the complaint moves to the next one.
 *
 * @category Complaints
 */
export interface StageRecord {
  /** The stage number, from 1. */
  readonly stage: number;
  /** Who owned the complaint at the end of the stage. */
  readonly handler: string;
  /** Who decided its response. */
  readonly decidedBy: string | null;
  /** When the stage began (receipt, or the request to escalate). */
  readonly receivedAt: number;
  /** When it was acknowledged. */
  readonly acknowledgedAt: number | null;
  /** When its response was communicated. */
  readonly communicatedAt: number | null;
  /** Its response deadline, as finally set. */
  readonly respondBy: number;
  /** Whether it was extended. */
  readonly extended: boolean;
}

/**
 * The deadline instants a `CHECK_DEADLINES` event has found breached (so a host is woken once per
 * deadline); a deadline that moves is watched again.
 *
 * @category Complaints
 */
export interface NoticedBreaches {
  /** The `acknowledgeBy` noticed as breached. */
  readonly acknowledgement: number | null;
  /** The `respondBy` noticed as breached. */
  readonly response: number | null;
}

/**
 * The context of a complaint case. Its size is bounded: counters and the latest records only;
 * a full journal is the host's to keep (append each transition's `step`).
 *
 * @category Complaints
 */
export interface ComplaintCaseContext<L extends string = string> {
  /** The complaint's unique reference, set at receipt. */
  readonly id: string | null;
  /** How it arrived. */
  readonly channel: ComplaintChannel | null;
  /** What the customer complains about. */
  readonly summary: string | null;
  /** The remedy the customer asks for. */
  readonly remedySought: string | null;
  /** Who owns the complaint now; set at receipt and never empty afterwards. */
  readonly owner: Owner<L> | null;
  /** The initial assessment. */
  readonly assessment: Assessment | null;
  /** The path chosen at assessment. */
  readonly track: ComplaintTrack | null;
  /** The priority the assessment gives (see `assessmentPriority`). */
  readonly priority: Rating | null;
  /** The stage of the complaint policy, from 1. */
  readonly stage: number;
  /**
   * Whether the current stage must be handled by someone who handled no earlier stage: the
   * policy's rule when the stage began, kept for the stage (so a policy changed later does not
   * change the rules of a stage under way). Always `false` at stage 1.
   */
  readonly independentHandler: boolean;
  /**
   * The ids that have owned the case at the `bot` level (at most 10, the latest kept): their
   * replies to the customer stop no response clock, even after a person took the case over.
   */
  readonly bots: readonly string[];
  /** Earlier stages, oldest first (at most the policy's stages minus one). */
  readonly earlierStages: readonly StageRecord[];
  /** The extension of the current stage, if any. */
  readonly extension: DeadlineExtension | null;
  /** Failed resolution attempts by the current owner (reset on escalation). */
  readonly failedAttempts: number;
  /** How many escalations happened. */
  readonly escalations: number;
  /** The latest escalation. */
  readonly lastEscalation: EscalationRecord<L> | null;
  /** The current decision, if any. */
  readonly decision: Decision<L> | null;
  /** How many communicated decisions the customer rejected. */
  readonly rejections: number;
  /** The recourse offered at the latest rejection (e.g. an ombudsman). */
  readonly recourseOffered: readonly string[];
  /** Deadlines of the current stage. */
  readonly due: DueDates | null;
  /** Breaches a deadline check has noticed. */
  readonly noticed: NoticedBreaches;
  /** SLA clocks, when the case has SLA policies. */
  readonly sla: SlaTracker | null;
  /** Milestone instants. */
  readonly milestones: Milestones;
  /** The latest accepted event: which, by whom, when. */
  readonly lastChange: LastChange | null;
}

/**
 * The events of a complaint case. Every event carries `at` and `by`.
 *
 * @category Complaints
 */
export type ComplaintCaseEvent<L extends string = string> =
  | (Stamp & {
      /** Log a new complaint. */
      readonly type: 'RECEIVE';
      /** Its unique reference. */
      readonly id: string;
      /** How it arrived. */
      readonly channel: ComplaintChannel;
      /** What it is about. */
      readonly summary: string;
      /** The remedy the customer asks for. */
      readonly remedySought: string;
      /** The first owner. */
      readonly owner: Owner<L>;
    })
  | (Stamp & {
      /** Tell the customer the complaint was received. */
      readonly type: 'ACKNOWLEDGE';
    })
  | (Stamp &
      Assessment & {
        /** Record the initial assessment. */
        readonly type: 'ASSESS';
        /** A decision reached during assessment: takes the short path. */
        readonly resolvedAtOutset?: ClosureReason | undefined;
      })
  | (Stamp & {
      /** The owner tried and failed to resolve it. */
      readonly type: 'ATTEMPT_FAILED';
      /** What was tried. */
      readonly note?: string | undefined;
    })
  | (Stamp & {
      /** Move the complaint up the ladder. */
      readonly type: 'ESCALATE';
      /** The new owner, at a higher level. */
      readonly to: Owner<L>;
      /** Why the escalation is allowed. */
      readonly trigger: EscalationTrigger;
      /** A reason code for reporting. */
      readonly reason: string;
      /** The context package for the new owner. */
      readonly handoff: Handoff;
    })
  | (Stamp & {
      /** Hand over to someone else at the same level. */
      readonly type: 'REASSIGN';
      /** The new owner's id. */
      readonly owner: string;
    })
  | (Stamp & {
      /** Decide the response. */
      readonly type: 'RESPOND';
      /** The proposed outcome. */
      readonly closure: ClosureReason;
    })
  | (Stamp & {
      /** Approve a remedy above its decider's limit. */
      readonly type: 'APPROVE_REMEDY';
      /** The approver's level (its limit must cover the amount). */
      readonly level: L;
    })
  | (Stamp & {
      /** Refuse the remedy; back to investigating. */
      readonly type: 'DECLINE_REMEDY';
      /** Why. */
      readonly note: string;
    })
  | (Stamp & {
      /** Send the decision to the customer. */
      readonly type: 'COMMUNICATE_DECISION';
    })
  | (Stamp & {
      /** The customer accepts the decision. */
      readonly type: 'ACCEPT';
    })
  | (Stamp & {
      /** The customer rejects the decision. */
      readonly type: 'REJECT';
      /** The recourse the customer was told about. */
      readonly recourseOffered: readonly string[];
      /** The customer's words, or why. */
      readonly note?: string | undefined;
    })
  | (Stamp & {
      /** Reopen the investigation. */
      readonly type: 'RECONSIDER';
      /** Why. */
      readonly note?: string | undefined;
    })
  | (Stamp & {
      /** Extend the current stage's response deadline, once, as the policy allows. */
      readonly type: 'EXTEND_DEADLINE';
      /** Why, as explained to the customer. */
      readonly reason: string;
      /** How many working days to add (at most the policy's `maxWorkingDays`). */
      readonly workingDays: number;
    })
  | (Stamp & {
      /** Move the complaint to the next stage of the policy at the customer's request. */
      readonly type: 'ESCALATE_STAGE';
      /** Who handles the next stage (not an earlier handler, when the stage demands it). */
      readonly owner: Owner<L>;
      /** The customer's reasons. */
      readonly note?: string | undefined;
    })
  | (Stamp & {
      /** A message to or from the customer (drives the SLA clocks). */
      readonly type: 'CONTACT';
      /** `'toCustomer'`: a response or update; `'fromCustomer'`: the customer wrote. */
      readonly direction: 'toCustomer' | 'fromCustomer';
      /** What was said. */
      readonly note?: string | undefined;
    })
  | (Stamp & {
      /**
       * Record the deadline and SLA breaches and warnings reached by `at`; what `nextWakeUp`
       * returns. Changes nothing else.
       */
      readonly type: 'CHECK_DEADLINES';
    });

/**
 * A complaint-case machine whose ladder has the levels `L`. Its refusal codes are
 * {@link ComplaintCaseRefusal}, so `result.error.reason?.code === 'SELF_APPROVAL'` narrows.
 *
 * @category Complaints
 */
export type ComplaintCaseMachine<L extends string = string> = Machine<
  ComplaintCaseState,
  ComplaintCaseEvent<L>,
  ComplaintCaseContext<L>,
  ComplaintCaseEvent<L>,
  ComplaintCaseRefusal
>;

/**
 * A snapshot of a complaint case.
 *
 * @category Complaints
 */
export type ComplaintCaseSnapshot<L extends string = string> = Snapshot<
  ComplaintCaseState,
  ComplaintCaseContext<L>
>;
