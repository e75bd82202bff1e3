/**
 * The complaint case: the ISO 10002 lifecycle with escalation, empowerment limits and deadlines,
 * built from the public core API. `createComplaintCase` makes one for your ladder, limits and
 * deadlines; `iso10002Lifecycle` is the one with the defaults.
 *
 * @module
 */
import type * as z from 'zod';
import { defineMachine } from '../core/index.js';
import { caseInvariants } from './case-invariants.js';
import { checkOptions } from './case-options.js';
import {
  andThen,
  approvalAllowed,
  closesOnCommunication,
  escalationAllowed,
  humanRequested,
  inOrder,
  withinOwnerLimit,
} from './case-rules.js';
import { caseSchemas } from './case-schema.js';
import type {
  Assessment,
  ComplaintCaseContext,
  ComplaintCaseMachine,
  ComplaintTrack,
  EscalationRecord,
} from './case-types.js';
import type { ClosureReason } from './closure.js';
import type {
  ComplaintDeadlines,
  DeadlineCalendar,
  defaultComplaintDeadlines,
  utcCalendar,
} from './deadlines.js';
import type {
  DefaultEscalationLevel,
  defaultEmpowermentLimits,
  defaultEscalationLadder,
  EmpowermentLimits,
} from './escalation.js';
import { type ComplaintCaseRefusal, complaintCaseRefusals } from './refusals.js';

/**
 * Settings of {@link createComplaintCase}; every one has a default.
 *
 * @category Complaints
 */
export interface ComplaintCaseOptions<L extends string = DefaultEscalationLevel> {
  /** The machine id stored in snapshots (default `'complaint-case'`). */
  readonly id?: string;
  /** The escalation ladder, lowest level first (default {@link defaultEscalationLadder}). */
  readonly ladder?: readonly [L, ...L[]];
  /**
   * What each level may grant alone (default {@link defaultEmpowermentLimits}, kept for the levels
   * on the ladder). A ladder with levels of its own needs its own limits.
   */
  readonly limits?: EmpowermentLimits<NoInfer<L>>;
  /** Deadline durations from receipt (default {@link defaultComplaintDeadlines}). */
  readonly deadlines?: Partial<ComplaintDeadlines>;
  /** How durations become instants (default {@link utcCalendar}). */
  readonly calendar?: DeadlineCalendar;
  /** Failed attempts after which `failedAttempts` justifies an escalation (default 2). */
  readonly failedAttemptLimit?: number;
  /** A `lowConfidence` trigger must report a confidence below this (default 0.5). */
  readonly confidenceThreshold?: number;
  /** When not empty, a `restrictedTopic` trigger must name one of these (default: any topic). */
  readonly restrictedTopics?: readonly string[];
}

type Ctx = ComplaintCaseContext;
type Stamped = { readonly type: string; readonly at: number; readonly by: string };
type Args<E> = { readonly context: Ctx; readonly event: E };
type Escalation = Stamped & Pick<EscalationRecord, 'to' | 'trigger' | 'reason' | 'handoff'>;

const stamp = (context: Ctx, event: Stamped): Ctx => ({
  ...context,
  lastChange: { event: event.type, by: event.by, at: event.at },
});
const first = (current: number | null, at: number) => current ?? at;
const escalate = ({ context: c, event: e }: Args<Escalation>): Ctx => ({
  ...stamp(c, e),
  owner: e.to,
  failedAttempts: 0,
  escalations: c.escalations + 1,
  lastEscalation: {
    at: e.at,
    by: e.by,
    from: c.owner ?? e.to,
    to: e.to,
    trigger: e.trigger,
    reason: e.reason,
    handoff: e.handoff,
  },
});
const reopen = ({ context: c, event: e }: Args<Stamped>): Ctx => ({
  ...stamp(c, e),
  decision: null,
});
const decide = (c: Ctx, e: Stamped, closure: ClosureReason, needsApproval: boolean): Ctx => ({
  ...stamp(c, e),
  decision: { at: e.at, by: e.by, closure, needsApproval, approvedBy: null },
  milestones: needsApproval
    ? c.milestones
    : { ...c.milestones, decidedAt: first(c.milestones.decidedAt, e.at) },
});
const assessed = (c: Ctx, e: Stamped & Assessment, track: ComplaintTrack): Ctx => ({
  ...stamp(c, e),
  assessment: {
    severity: e.severity,
    complexity: e.complexity,
    impact: e.impact,
    urgency: e.urgency,
  },
  track,
  milestones: { ...c.milestones, assessedAt: first(c.milestones.assessedAt, e.at) },
});
type Assess = Stamped & Assessment & { readonly resolvedAtOutset?: ClosureReason | undefined };
const outset =
  (needsApproval: boolean) =>
  ({ context: c, event: e }: Args<Assess>): Ctx =>
    e.resolvedAtOutset === undefined
      ? c
      : decide(assessed(c, e, 'outset'), e, e.resolvedAtOutset, needsApproval);
const respond =
  (needsApproval: boolean) =>
  ({ context: c, event: e }: Args<Stamped & { readonly closure: ClosureReason }>): Ctx =>
    decide(c, e, e.closure, needsApproval);

/**
 * Makes a complaint-case machine for your escalation ladder, empowerment limits, deadlines and
 * calendar. The lifecycle follows ISO 10002: receipt → acknowledgement → initial assessment
 * (urgent fast path; resolved-at-outset short path) → investigation → response → decision
 * communicated → closed when accepted, or kept open with recourse when rejected.
 *
 * @example
 * ```ts
 * import { createComplaintCase, initialSnapshot, transitionOrThrow } from 'servicecraft';
 *
 * const desk = createComplaintCase({
 *   ladder: ['agent', 'lead'],
 *   limits: { currency: 'GBP', amounts: { agent: 2_000, lead: 20_000 } },
 *   deadlines: { acknowledge: { days: 1 } },
 * });
 * const received = transitionOrThrow(desk, initialSnapshot(desk), {
 *   type: 'RECEIVE', at: Date.UTC(2028, 1, 28, 9), by: 'ana', id: 'C-1001', channel: 'email',
 *   summary: 'Parcel arrived damaged', remedySought: 'Refund', owner: { id: 'ana', level: 'agent' },
 * });
 * received.context.due?.acknowledgeBy; // Date.UTC(2028, 1, 29, 9): the leap day
 * ```
 *
 * @param options - Ladder, limits, deadlines, calendar and trigger settings.
 * @returns A typed machine to use with `initialSnapshot`, `transition` and the rest. Its
 *   refusals are typed: `result.error.reason?.code` is a {@link ComplaintCaseRefusal}.
 * @throws `UsageError` (check with `isServicecraftError(error, 'UsageError')`) when an option has
 *   the wrong type or an invalid value (empty or repeated ladder, negative limit, unknown currency,
 *   bad duration, ...), naming every invalid option.
 * @category Complaints
 */
export function createComplaintCase<const L extends string = DefaultEscalationLevel>(
  options: ComplaintCaseOptions<L> = {},
): ComplaintCaseMachine<L> {
  const { id, settings, deadlines, calendar } = checkOptions(options);
  const ladder = settings.ladder as readonly [string, ...string[]];
  const { context, events } = caseSchemas(ladder);
  const field = (event: { readonly type: string }, key: string): unknown =>
    (event as unknown as Record<string, unknown>)[key];

  const reassign = ({ context: c, event: e }: Args<Stamped & { readonly owner: string }>): Ctx => ({
    ...stamp(c, e),
    owner: { id: e.owner, level: c.owner?.level ?? ladder[0] },
    failedAttempts: 0,
  });
  const escalation = { target: 'received', guard: 'escalationAllowed', update: escalate } as const;
  // A customer who asks for a person while a bot owns the case is handed over at any stage; the
  // pending or communicated decision is withdrawn and the new owner investigates afresh.
  const toHuman = {
    target: 'investigating',
    guard: 'humanRequested',
    update: (args: Args<Escalation>): Ctx => ({ ...escalate(args), decision: null }),
  } as const;
  const reassignment = { guard: 'inOrder', update: reassign } as const;

  const machine = defineMachine({
    id,
    version: 1,
    initial: 'new',
    description:
      'A complaint from receipt to closure, after ISO 10002, with escalation and remedy approval.',
    meta: {
      source:
        'ISO 10002:2018 complaint-handling lifecycle; escalation triggers and reason codes as in helpdesk products (DOMAIN.md §3); per-incident empowerment limits after Ritz-Carlton',
      ladder,
    },
    context: context as unknown as z.ZodType<Ctx>,
    events,
    refusals: complaintCaseRefusals,
    invariants: caseInvariants,
    guards: {
      inOrder: ({ context: c, event: e, refuse }) => inOrder(c, e, refuse),
      escalationAllowed: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => escalationAllowed(settings, c, e, refuse)),
      humanRequested: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => humanRequested(settings, c, e, refuse)),
      urgent: ({ context: c, event: e, refuse }) =>
        andThen(
          inOrder(c, e, refuse),
          () => field(e, 'severity') === 'critical' || field(e, 'urgency') === 'critical',
        ),
      outsetWithinLimit: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => {
          const closure = field(e, 'resolvedAtOutset') as ClosureReason | undefined;
          return closure !== undefined && withinOwnerLimit(settings, c.owner, closure, refuse);
        }),
      outsetOverLimit: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => field(e, 'resolvedAtOutset') !== undefined),
      withinOwnerLimit: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => {
          const closure = field(e, 'closure') as ClosureReason | undefined;
          return closure === undefined || withinOwnerLimit(settings, c.owner, closure, refuse);
        }),
      approvalAllowed: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => approvalAllowed(settings, c, e, refuse)),
      closesOnCommunication: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => closesOnCommunication(c)),
    },
    states: {
      new: {
        description: 'Nothing received yet',
        on: {
          RECEIVE: {
            target: 'received',
            update: ({ context: c, event: e }) => ({
              ...stamp(c, e),
              id: e.id,
              channel: e.channel,
              summary: e.summary,
              remedySought: e.remedySought,
              owner: e.owner,
              due: {
                acknowledgeBy: calendar.addWorkingTime(e.at, deadlines.acknowledge),
                respondBy: calendar.addWorkingTime(e.at, deadlines.respond),
              },
              milestones: { ...c.milestones, receivedAt: e.at },
            }),
          },
        },
      },
      received: {
        description: 'Logged with a reference, the remedy sought and the channel',
        on: {
          ACKNOWLEDGE: {
            target: 'acknowledged',
            guard: 'inOrder',
            update: ({ context: c, event: e }) => ({
              ...stamp(c, e),
              milestones: {
                ...c.milestones,
                acknowledgedAt: first(c.milestones.acknowledgedAt, e.at),
              },
            }),
          },
          ESCALATE: escalation,
          REASSIGN: { target: 'received', ...reassignment },
        },
      },
      acknowledged: {
        description: 'The customer knows it was received; awaiting initial assessment',
        on: {
          ASSESS: [
            {
              target: 'decided',
              guard: 'outsetWithinLimit',
              update: outset(false),
              description: 'resolved at outset',
            },
            { target: 'awaitingApproval', guard: 'outsetOverLimit', update: outset(true) },
            {
              target: 'investigating',
              guard: 'urgent',
              description: 'urgent fast path',
              update: ({ context: c, event: e }) => ({
                ...assessed(c, e, 'urgent'),
                due:
                  c.due === null || c.milestones.receivedAt === null
                    ? c.due
                    : {
                        ...c.due,
                        respondBy: Math.min(
                          c.due.respondBy,
                          calendar.addWorkingTime(c.milestones.receivedAt, deadlines.urgentRespond),
                        ),
                      },
              }),
            },
            {
              target: 'investigating',
              guard: 'inOrder',
              update: ({ context: c, event: e }) => assessed(c, e, 'standard'),
            },
          ],
          ESCALATE: { ...escalation, target: 'acknowledged' },
          REASSIGN: { target: 'acknowledged', ...reassignment },
        },
      },
      investigating: {
        description: 'Investigating, with effort in proportion to the assessment',
        on: {
          ATTEMPT_FAILED: {
            target: 'investigating',
            guard: 'inOrder',
            update: ({ context: c, event: e }) => ({
              ...stamp(c, e),
              failedAttempts: c.failedAttempts + 1,
            }),
          },
          ESCALATE: { ...escalation, target: 'investigating' },
          REASSIGN: { target: 'investigating', ...reassignment },
          RESPOND: [
            { target: 'decided', guard: 'withinOwnerLimit', update: respond(false) },
            {
              target: 'awaitingApproval',
              guard: 'inOrder',
              update: respond(true),
              description: 'over the owner’s limit',
            },
          ],
        },
      },
      awaitingApproval: {
        description: 'The remedy exceeds the owner’s limit; someone empowered must approve',
        on: {
          APPROVE_REMEDY: {
            target: 'decided',
            guard: 'approvalAllowed',
            update: ({ context: c, event: e }) => ({
              ...stamp(c, e),
              decision:
                c.decision === null
                  ? null
                  : { ...c.decision, approvedBy: { id: e.by, level: e.level, at: e.at } },
              milestones: { ...c.milestones, decidedAt: first(c.milestones.decidedAt, e.at) },
            }),
          },
          DECLINE_REMEDY: { target: 'investigating', guard: 'inOrder', update: reopen },
          ESCALATE: toHuman,
        },
      },
      decided: {
        description: 'A response is decided and ready to be communicated',
        on: {
          COMMUNICATE_DECISION: [
            {
              target: 'closed',
              guard: 'closesOnCommunication',
              description: 'withdrawn, duplicate or referred',
              update: ({ context: c, event: e }) => ({
                ...stamp(c, e),
                milestones: {
                  ...c.milestones,
                  communicatedAt: first(c.milestones.communicatedAt, e.at),
                  closedAt: e.at,
                },
              }),
            },
            {
              target: 'communicated',
              guard: 'inOrder',
              update: ({ context: c, event: e }) => ({
                ...stamp(c, e),
                milestones: {
                  ...c.milestones,
                  communicatedAt: first(c.milestones.communicatedAt, e.at),
                },
              }),
            },
          ],
          RECONSIDER: { target: 'investigating', guard: 'inOrder', update: reopen },
          ESCALATE: toHuman,
        },
      },
      communicated: {
        description: 'The customer has the decision; awaiting their answer',
        on: {
          ACCEPT: {
            target: 'closed',
            guard: 'inOrder',
            update: ({ context: c, event: e }) => ({
              ...stamp(c, e),
              milestones: { ...c.milestones, closedAt: e.at },
            }),
          },
          REJECT: {
            target: 'openWithRecourse',
            guard: 'inOrder',
            update: ({ context: c, event: e }) => ({
              ...stamp(c, e),
              rejections: c.rejections + 1,
              recourseOffered: [...e.recourseOffered],
            }),
          },
          ESCALATE: toHuman,
        },
      },
      openWithRecourse: {
        description: 'Rejected by the customer: stays open, other recourse offered',
        on: {
          RECONSIDER: { target: 'investigating', guard: 'inOrder', update: reopen },
          ESCALATE: {
            ...escalation,
            target: 'investigating',
            update: (args) => ({ ...escalate(args), decision: null }),
          },
          REASSIGN: { target: 'openWithRecourse', ...reassignment },
        },
      },
      closed: {
        type: 'final',
        description: 'Closed: the decision was accepted, or needed no acceptance',
      },
    },
  });
  return machine as unknown as ComplaintCaseMachine<L>;
}

/**
 * The ISO 10002 complaint lifecycle with the default ladder (bot → agent → supervisor → manager →
 * external), EUR empowerment limits, deadlines and the 24/7 UTC calendar.
 *
 * @example
 * ```ts
 * import { initialSnapshot, iso10002Lifecycle, nextEvents } from 'servicecraft';
 *
 * nextEvents(iso10002Lifecycle, initialSnapshot(iso10002Lifecycle)); // ['RECEIVE']
 * ```
 *
 * @category Complaints
 */
export const iso10002Lifecycle: ComplaintCaseMachine<DefaultEscalationLevel> =
  createComplaintCase();
