/**
 * The types of the complaint case: its states, its context and its events, spelled out as
 * interfaces so they read well in the API docs. The schemas in `case-schema.ts` produce exactly these.
 *
 * @module
 */
import type { Machine, Snapshot } from '../core/index.js';
import type { ClosureReason } from './closure.js';
import type { EscalationTrigger, Handoff } from './escalation.js';
import type { ComplaintCaseRefusal } from './refusals.js';

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
 * The initial assessment: how bad, how hard, how wide and how pressing the complaint is.
 *
 * @category Complaints
 */
export interface Assessment {
  /** How serious the harm is (`critical` covers safety). */
  readonly severity: Rating;
  /** How hard it is to investigate. */
  readonly complexity: Rating;
  /** How many customers or how much business it touches. */
  readonly impact: Rating;
  /** How soon it must be handled. */
  readonly urgency: Rating;
}

/**
 * Which path a complaint took at assessment: `urgent` when severity or urgency is `critical`,
 * `outset` when it was resolved during assessment, `standard` otherwise.
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
 * The deadlines computed at receipt (and tightened by an urgent assessment).
 *
 * @category Complaints
 */
export interface DueDates {
  /** Acknowledge by this instant. */
  readonly acknowledgeBy: number;
  /** Communicate a decision by this instant. */
  readonly respondBy: number;
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
  /** Deadlines, from receipt. */
  readonly due: DueDates | null;
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
