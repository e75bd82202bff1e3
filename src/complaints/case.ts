/**
 * The complaint case: the ISO 10002 lifecycle with escalation, empowerment limits and deadlines,
 * built from the public core API. `createComplaintCase` makes one for your ladder, limits and
 * deadlines; `iso10002Lifecycle` is the one with the defaults.
 *
 * @module
 */
import type * as z from 'zod';
import { clip } from '../core/errors.js';
import {
  defineMachine,
  type EventSchemas,
  isRefusal,
  type MachineDefinition,
  type Schema,
} from '../core/index.js';
import type { CalendarLike } from '../time/index.js';
import { sameActor } from './actor.js';
import { assessmentPriority } from './assessment.js';
import { caseInvariants, earlierHandlers } from './case-invariants.js';
import { checkOptions } from './case-options.js';
import {
  andThen,
  approvalAllowed,
  botLevel,
  closesOnCommunication,
  escalationAllowed,
  humanRequested,
  inOrder,
  limitOf,
  type Refuse,
  type Verdict,
  withinOwnerLimit,
} from './case-rules.js';
import { caseSchemas } from './case-schema.js';
import type {
  Assessment,
  ComplaintCaseContext,
  ComplaintCaseMachine,
  ComplaintCaseState,
  ComplaintTrack,
  DueDates,
  EscalationRecord,
  Owner,
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
import type { Money } from './money.js';
import type { ComplaintPolicy, ComplaintStagePolicy, defaultComplaintPolicy } from './policy.js';
import { type ComplaintCaseRefusal, complaintCaseRefusals } from './refusals.js';
import {
  chooseSlaPolicy,
  nextSlaCheck,
  noticeSla,
  type SlaPolicy,
  type SlaSignal,
  trackSla,
} from './sla.js';

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
  /**
   * The deadlines of a one-stage case (default {@link defaultComplaintDeadlines}); missing ones
   * take the defaults. Give either `deadlines` or `policy`.
   */
  readonly deadlines?: Partial<ComplaintDeadlines>;
  /**
   * The complaint policy: stages, deadlines, extensions, referral (default
   * {@link defaultComplaintPolicy}); e.g. `housingOmbudsmanPolicy()` or `fcaDispPolicy`.
   */
  readonly policy?: ComplaintPolicy;
  /**
   * What counts as a working day and working time: a business calendar (`businessCalendar(...)`
   * data or `compileCalendar(...)`), or a {@link DeadlineCalendar} of your own (default
   * {@link utcCalendar}: every day, 24 hours). Data is compiled once, here.
   */
  readonly calendar?: DeadlineCalendar | CalendarLike;
  /**
   * SLA policies, in order (the first whose conditions match the case's facts applies; facts are
   * `channel`, `priority`, `severity`, `urgency`, `safety`, `track` and `stage`), and the calendar
   * of business-hours targets (default: `calendar` when it is a business calendar, or 24/7 UTC
   * with the default calendar).
   */
  readonly sla?: {
    /** The SLA policies in order of preference; the first whose conditions match applies. */
    readonly policies: readonly SlaPolicy[];
    /** The calendar on which business-hours targets count working time. */
    readonly calendar?: CalendarLike;
  };
  /** Failed attempts after which `failedAttempts` justifies an escalation (default 2). */
  readonly failedAttemptLimit?: number;
  /** A `lowConfidence` trigger must report a confidence below this (default 0.5). */
  readonly confidenceThreshold?: number;
  /** When not empty, a `restrictedTopic` trigger must name one of these (default: any topic). */
  readonly restrictedTopics?: readonly string[];
}

type Ctx = ComplaintCaseContext;

/**
 * The actor id of the `CHECK_DEADLINES` events `nextWakeUp` returns for a complaint case.
 *
 * @example
 * ```ts
 * import { deadlineCheckActor } from 'servicecraft/complaints';
 *
 * deadlineCheckActor; // 'system:deadline-check'
 * ```
 *
 * @category Complaints
 */
export const deadlineCheckActor = 'system:deadline-check';
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
const decide = (
  c: Ctx,
  e: Stamped,
  closure: ClosureReason,
  needsApproval: boolean,
  limit: Money | null,
): Ctx => ({
  ...stamp(c, e),
  decision: { at: e.at, by: e.by, closure, needsApproval, approvedBy: null, limit },
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
    safety: e.safety,
  },
  track,
  priority: assessmentPriority(e),
  milestones: { ...c.milestones, assessedAt: first(c.milestones.assessedAt, e.at) },
});
type Assess = Stamped & Assessment & { readonly resolvedAtOutset?: ClosureReason | undefined };
/** The owner's limit a monetary remedy is judged against (`null` for other closures). */
type LimitOf = (c: Ctx, closure: ClosureReason) => Money | null;
const outset =
  (needsApproval: boolean, limit: LimitOf) =>
  ({ context: c, event: e }: Args<Assess>): Ctx =>
    e.resolvedAtOutset === undefined
      ? c
      : decide(
          assessed(c, e, 'outset'),
          e,
          e.resolvedAtOutset,
          needsApproval,
          limit(c, e.resolvedAtOutset),
        );
const respond =
  (needsApproval: boolean, limit: LimitOf) =>
  ({ context: c, event: e }: Args<Stamped & { readonly closure: ClosureReason }>): Ctx =>
    decide(c, e, e.closure, needsApproval, limit(c, e.closure));

/**
 * The definition as given, typed as `defineMachine` types it (so its guards and updates are
 * checked against the schemas), without building a machine from it.
 */
const typedDefinition = <
  S extends string,
  E extends EventSchemas,
  G extends string = never,
  CS extends Schema | undefined = undefined,
  R extends string = never,
>(
  definition: MachineDefinition<S, E, G, CS, R>,
): MachineDefinition<S, E, G, CS, R> => definition;

/**
 * Makes a complaint-case machine for your escalation ladder, empowerment limits, deadlines and
 * calendar. The lifecycle follows ISO 10002: receipt → acknowledgement → initial assessment
 * (urgent fast path; resolved-at-outset short path) → investigation → response → decision
 * communicated → closed when accepted, or kept open with recourse when rejected.
 *
 * @example
 * ```ts
 * import { initialSnapshot, transitionOrThrow } from 'servicecraft';
 * import { createComplaintCase } from 'servicecraft/complaints';
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
  options?: ComplaintCaseOptions<L>,
): ComplaintCaseMachine<L> {
  const { id, settings, policy, clock, sla } = checkOptions(options);
  const ladder = settings.ladder as readonly [string, ...string[]];
  const { context, events } = caseSchemas(ladder);
  const field = (event: { readonly type: string }, key: string): unknown =>
    (event as unknown as Record<string, unknown>)[key];
  const lastStage = policy.stages.length;
  const stageOf = (c: Ctx): ComplaintStagePolicy =>
    policy.stages[Math.min(c.stage, lastStage) - 1] ?? policy.stages[0];

  /** The deadlines of a stage that begins at `at`. */
  const stageDue = (stage: number, at: number): DueDates => {
    const rules = policy.stages[stage - 1] ?? policy.stages[0];
    const acknowledgeBy = clock.add(at, rules.acknowledge);
    return {
      acknowledgeBy,
      respondBy: clock.add(rules.respondFrom === 'receipt' ? at : acknowledgeBy, rules.respond),
      summaryResolutionBy:
        stage === 1 && policy.summaryResolution !== null
          ? clock.add(at, policy.summaryResolution)
          : null,
      referralBy: null,
    };
  };

  /** The owner's limit now, recorded with a monetary decision (what it was judged against). */
  const ownerLimit: LimitOf = (c, closure) =>
    closure.kind !== 'monetaryRemedy' || c.owner === null
      ? null
      : { amount: limitOf(settings, c.owner.level), currency: settings.limits.currency };

  const independent = (c: Ctx, who: unknown, role: string, refuse: Refuse): Verdict => {
    // The stage keeps the rule it began with (see ComplaintCaseContext.independentHandler).
    if (typeof who !== 'string' || !c.independentHandler) return true;
    const clash = earlierHandlers(c).find((h) => sameActor(h, who));
    if (clash === undefined) return true;
    const earlier = c.earlierStages.find((s) => s.handler === clash || s.decidedBy === clash);
    return refuse(
      'NOT_INDEPENDENT',
      `'${clip(who, 80)}' handled stage ${earlier?.stage ?? 1} of this complaint, so cannot ${role} at stage ${c.stage}; policy '${policy.name}' requires someone else.`,
      { id: who, stage: c.stage, earlierHandler: clash, earlierStage: earlier?.stage ?? 1 },
    );
  };

  const stageEscalation = (c: Ctx, e: { readonly type: string }, refuse: Refuse): Verdict => {
    if (c.stage >= lastStage) {
      return refuse(
        'NO_FURTHER_STAGE',
        lastStage === 1
          ? `Policy '${policy.name}' has one stage; there is no further stage to escalate to (offer the customer their recourse instead).`
          : `The complaint is at the last stage (${c.stage} of ${lastStage}) of policy '${policy.name}'; there is no further stage.`,
        { stage: c.stage, stages: lastStage },
      );
    }
    const owner = field(e, 'owner') as Owner | undefined;
    if (owner === undefined || c.owner === null) return true;
    const next = policy.stages[c.stage];
    if (next?.independentHandler === true) {
      const handlers = [
        ...earlierHandlers(c),
        c.owner.id,
        ...(c.decision === null ? [] : [c.decision.by]),
      ];
      const clash = handlers.find((h) => sameActor(h, owner.id));
      if (clash !== undefined) {
        return refuse(
          'NOT_INDEPENDENT',
          `'${clip(owner.id, 80)}' handled an earlier stage of this complaint; policy '${policy.name}' requires stage ${c.stage + 1} to be handled by someone else.`,
          { id: owner.id, stage: c.stage + 1, earlierHandler: clash },
        );
      }
    }
    if (ladder.indexOf(owner.level) < ladder.indexOf(c.owner.level)) {
      const allowed = ladder.slice(ladder.indexOf(c.owner.level));
      return refuse(
        'LEVEL_NOT_HIGHER',
        `The stage-${c.stage + 1} handler must be at level '${c.owner.level}' or higher, not '${owner.level}'; choose one of: ${allowed.join(', ')}.`,
        { from: c.owner.level, to: owner.level, higher: allowed },
      );
    }
    return true;
  };

  const extensionAllowed = (c: Ctx, e: { readonly type: string }, refuse: Refuse): Verdict => {
    const rules = stageOf(c).extension;
    if (rules === null) {
      return refuse(
        'NO_EXTENSION',
        `Stage ${c.stage} of policy '${policy.name}' allows no extension of the response deadline.`,
        { stage: c.stage },
      );
    }
    if (c.extension !== null) {
      return refuse(
        'EXTENSION_USED',
        `Stage ${c.stage} was already extended by ${c.extension.workingDays} working day(s) (${c.extension.reason.length > 0 ? `'${clip(c.extension.reason, 80)}'` : 'no reason'}); policy '${policy.name}' allows one extension per stage.`,
        { stage: c.stage, extendedAt: c.extension.at, workingDays: c.extension.workingDays },
      );
    }
    const days = field(e, 'workingDays');
    if (typeof days === 'number' && days > rules.maxWorkingDays) {
      return refuse(
        'EXTENSION_TOO_LONG',
        `An extension at stage ${c.stage} is at most ${rules.maxWorkingDays} working days under policy '${policy.name}', not ${days}.`,
        { stage: c.stage, workingDays: days, maxWorkingDays: rules.maxWorkingDays },
      );
    }
    return true;
  };

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
  const reassignment = { guard: 'reassignAllowed', update: reassign } as const;
  const contact = {
    guard: 'inOrder',
    update: ({ context: c, event: e }: Args<Stamped>) => stamp(c, e),
  } as const;
  const check = {
    guard: 'inOrder',
    update: ({ context: c, event: e }: Args<Stamped>): Ctx => {
      const due = c.due;
      const m = c.milestones;
      return {
        ...stamp(c, e),
        noticed: {
          acknowledgement:
            due !== null && m.acknowledgedAt === null && e.at > due.acknowledgeBy
              ? due.acknowledgeBy
              : c.noticed.acknowledgement,
          response:
            due !== null && m.communicatedAt === null && e.at > due.respondBy
              ? due.respondBy
              : c.noticed.response,
        },
        sla: c.sla === null ? null : noticeSla(c.sla, e.at),
      };
    },
  } as const;
  const extend = {
    guard: 'extensionAllowed',
    update: ({
      context: c,
      event: e,
    }: Args<Stamped & { readonly reason: string; readonly workingDays: number }>): Ctx => {
      if (c.due === null) return c;
      return {
        ...stamp(c, e),
        due: { ...c.due, respondBy: clock.add(c.due.respondBy, { workingDays: e.workingDays }) },
        extension: {
          at: e.at,
          by: e.by,
          reason: e.reason,
          workingDays: e.workingDays,
          previousRespondBy: c.due.respondBy,
        },
      };
    },
  } as const;
  const toNextStage = {
    target: 'received',
    guard: 'stageEscalationAllowed',
    update: ({
      context: c,
      event: e,
    }: Args<Stamped & { readonly owner: Owner; readonly note?: string | undefined }>): Ctx => {
      const owner = c.owner ?? e.owner;
      const stage = c.stage + 1;
      const higher = owner.level !== e.owner.level;
      return {
        ...stamp(c, e),
        stage,
        earlierStages: [
          ...c.earlierStages,
          {
            stage: c.stage,
            handler: owner.id,
            decidedBy: c.decision?.by ?? null,
            receivedAt: c.milestones.receivedAt ?? e.at,
            acknowledgedAt: c.milestones.acknowledgedAt,
            communicatedAt: c.milestones.communicatedAt,
            respondBy: c.due?.respondBy ?? e.at,
            extended: c.extension !== null,
          },
        ],
        owner: e.owner,
        independentHandler: policy.stages[stage - 1]?.independentHandler === true,
        escalations: higher ? c.escalations + 1 : c.escalations,
        lastEscalation: higher
          ? {
              at: e.at,
              by: e.by,
              from: owner,
              to: e.owner,
              trigger: { kind: 'dissatisfiedAfterResolution' },
              reason: `STAGE_${stage}`,
              handoff: {
                summary: clip(e.note ?? `Stage ${stage} review requested by the customer.`, 2000),
                stepsAttempted: [],
              },
            }
          : c.lastEscalation,
        assessment: null,
        track: null,
        priority: null,
        failedAttempts: 0,
        decision: null,
        extension: null,
        due: { ...stageDue(stage, e.at), referralBy: null },
        noticed: { acknowledgement: null, response: null },
        milestones: {
          receivedAt: e.at,
          acknowledgedAt: null,
          assessedAt: null,
          decidedAt: null,
          communicatedAt: null,
          closedAt: null,
        },
      };
    },
  } as const;

  // SLA: after every accepted event, the tracker sees the new state and what happened.
  const slaFacts = (c: Ctx) => ({
    channel: c.channel,
    priority: c.priority,
    severity: c.assessment?.severity ?? null,
    urgency: c.assessment?.urgency ?? null,
    safety: c.assessment?.safety ?? null,
    track: c.track,
    stage: String(c.stage),
  });
  // A bot's reply keeps the customer informed but does not answer for a person: it stops no
  // response clock (DOMAIN: bot replies must not stop a human-response clock). The sender is a bot
  // when it has owned the case at the bot level (it may still post after a person took over).
  const withBots = (c: Ctx): Ctx => {
    const owner = c.owner;
    if (owner === null || owner.level !== botLevel || c.bots.some((b) => sameActor(b, owner.id))) {
      return c;
    }
    return { ...c, bots: [...c.bots, owner.id].slice(-10) };
  };
  const botSent = (c: Ctx, event: Stamped): boolean => c.bots.some((b) => sameActor(b, event.by));
  const signalOf = (c: Ctx, event: Stamped, target: ComplaintCaseState): SlaSignal => {
    if (target === 'closed') return 'resolved';
    switch (event.type) {
      case 'RECEIVE':
        return 'start';
      case 'ACKNOWLEDGE':
      case 'COMMUNICATE_DECISION':
        return botSent(c, event) ? null : 'responded';
      case 'REJECT':
      case 'ESCALATE_STAGE':
        return 'customerReplied';
      case 'CONTACT':
        if (field(event, 'direction') !== 'toCustomer') return 'customerReplied';
        return botSent(c, event) ? null : 'responded';
      default:
        return null;
    }
  };
  const afterUpdate = (before: Ctx, event: Stamped, target: ComplaintCaseState): Ctx => {
    const c = withBots(before);
    if (sla === null) return c;
    const reselect = event.type === 'RECEIVE' || event.type === 'ASSESS' || c.sla === null;
    const current = c.sla === null ? undefined : sla.policies.find((p) => p.name === c.sla?.policy);
    const chosen = reselect ? (chooseSlaPolicy(sla.policies, slaFacts(c)) ?? current) : current;
    if (chosen === undefined) return c;
    const signal = signalOf(c, event, target);
    if (c.sla === null && signal !== 'start') return c;
    return {
      ...c,
      sla: trackSla({
        tracker: c.sla,
        policy: chosen,
        calendar: sla.calendar,
        calendarTime: sla.calendarTime,
        at: event.at,
        state: target,
        signal,
      }),
    };
  };
  /** Records bot owners and runs the SLA step after every update of every transition of `states`. */
  const hooked = <T>(states: T): T => {
    const out: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(
      states as Record<string, { on?: Record<string, unknown> }>,
    )) {
      if (def.on === undefined) {
        out[name] = def;
        continue;
      }
      const on: Record<string, unknown> = {};
      for (const [type, candidates] of Object.entries(def.on)) {
        const wrap = (candidate: {
          target?: ComplaintCaseState;
          update?: (args: Args<Stamped>) => unknown;
        }) => ({
          ...candidate,
          update: (args: Args<Stamped>) => {
            const next = candidate.update === undefined ? args.context : candidate.update(args);
            if (isRefusal(next)) return next;
            return afterUpdate(
              next as Ctx,
              args.event,
              candidate.target ?? (name as ComplaintCaseState),
            );
          },
        });
        on[type] = Array.isArray(candidates) ? candidates.map(wrap) : wrap(candidates as never);
      }
      out[name] = { ...def, on };
    }
    return out as T;
  };

  // The definition is written once, typed as `defineMachine` would type it, and checked once:
  // the SLA step is added to every update before the one `defineMachine` call.
  const definition = typedDefinition({
    id,
    version: 1,
    initial: 'new',
    description:
      'A complaint from receipt to closure, after ISO 10002, with escalation and remedy approval.',
    meta: {
      source:
        'ISO 10002:2018 complaint-handling lifecycle; escalation triggers and handoff reason codes as offered by helpdesk and chatbot products; per-incident empowerment limits after The Ritz-Carlton Hotel Company',
      ladder,
      policy: { name: policy.name, source: policy.source },
    },
    context: context as unknown as z.ZodType<Ctx>,
    events,
    refusals: complaintCaseRefusals,
    invariants: caseInvariants,
    wakeUp: ({ state, context: c }) => {
      if (state === 'new' || state === 'closed' || c.due === null || c.lastChange === null) {
        return undefined;
      }
      let best: { at: number; reason: string } | undefined;
      const consider = (at: number, reason: string) => {
        if (best === undefined || at < best.at) best = { at, reason };
      };
      const m = c.milestones;
      if (m.acknowledgedAt === null && c.noticed.acknowledgement !== c.due.acknowledgeBy) {
        consider(c.due.acknowledgeBy + 1, 'complaint.acknowledgement.breach');
      }
      if (m.communicatedAt === null && c.noticed.response !== c.due.respondBy) {
        consider(c.due.respondBy + 1, 'complaint.response.breach');
      }
      const next = c.sla === null ? undefined : nextSlaCheck(c.sla);
      if (next !== undefined) consider(next.at, `complaint.sla.${next.metric}.${next.mark}`);
      if (best === undefined) return undefined;
      const at = Math.max(best.at, c.lastChange.at);
      return {
        at,
        event: { type: 'CHECK_DEADLINES', at, by: deadlineCheckActor },
        reason: best.reason,
      };
    },
    guards: {
      inOrder: ({ context: c, event: e, refuse }) => inOrder(c, e, refuse),
      reassignAllowed: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () =>
          independent(c, field(e, 'owner'), 'take it over', refuse),
        ),
      escalationAllowed: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () =>
          andThen(escalationAllowed(settings, c, e, refuse), () =>
            independent(c, (field(e, 'to') as Owner | undefined)?.id, 'take it over', refuse),
          ),
        ),
      humanRequested: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () =>
          andThen(humanRequested(settings, c, e, refuse), () =>
            independent(c, (field(e, 'to') as Owner | undefined)?.id, 'take it over', refuse),
          ),
        ),
      urgent: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => {
          const ratings = ['severity', 'urgency', 'safety'].map((k) => field(e, k));
          if (ratings.some((r) => typeof r !== 'string')) return false;
          const [severity, urgency, safety] = ratings as Assessment['severity'][];
          return (
            assessmentPriority({
              severity: severity ?? 'low',
              urgency: urgency ?? 'low',
              safety: safety ?? 'low',
            }) === 'critical'
          );
        }),
      // Resolving at the outset decides the response, so the decider must be independent too.
      outsetWithinLimit: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => {
          const closure = field(e, 'resolvedAtOutset') as ClosureReason | undefined;
          if (closure === undefined) return false;
          return andThen(independent(c, field(e, 'by'), 'decide its response', refuse), () =>
            withinOwnerLimit(settings, c.owner, closure, refuse),
          );
        }),
      outsetOverLimit: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () =>
          field(e, 'resolvedAtOutset') === undefined
            ? false
            : independent(c, field(e, 'by'), 'decide its response', refuse),
        ),
      withinOwnerLimit: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () =>
          andThen(independent(c, field(e, 'by'), 'decide its response', refuse), () => {
            const closure = field(e, 'closure') as ClosureReason | undefined;
            return closure === undefined || withinOwnerLimit(settings, c.owner, closure, refuse);
          }),
        ),
      respondAllowed: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () =>
          independent(c, field(e, 'by'), 'decide its response', refuse),
        ),
      approvalAllowed: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () =>
          andThen(independent(c, field(e, 'by'), 'approve its response', refuse), () =>
            approvalAllowed(settings, c, e, refuse),
          ),
        ),
      closesOnCommunication: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => closesOnCommunication(c)),
      extensionAllowed: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => extensionAllowed(c, e, refuse)),
      stageEscalationAllowed: ({ context: c, event: e, refuse }) =>
        andThen(inOrder(c, e, refuse), () => stageEscalation(c, e, refuse)),
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
              due: stageDue(1, e.at),
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
              due:
                c.due === null || stageOf(c).respondFrom !== 'acknowledgement'
                  ? c.due
                  : { ...c.due, respondBy: clock.add(e.at, stageOf(c).respond) },
              milestones: {
                ...c.milestones,
                acknowledgedAt: first(c.milestones.acknowledgedAt, e.at),
              },
            }),
          },
          ESCALATE: escalation,
          REASSIGN: { target: 'received', ...reassignment },
          CONTACT: { target: 'received', ...contact },
          CHECK_DEADLINES: { target: 'received', ...check },
        },
      },
      acknowledged: {
        description: 'The customer knows it was received; awaiting initial assessment',
        on: {
          ASSESS: [
            {
              target: 'decided',
              guard: 'outsetWithinLimit',
              update: outset(false, ownerLimit),
              description: 'resolved at outset',
            },
            {
              target: 'awaitingApproval',
              guard: 'outsetOverLimit',
              update: outset(true, ownerLimit),
            },
            {
              target: 'investigating',
              guard: 'urgent',
              description: 'urgent fast path',
              update: ({ context: c, event: e }) => ({
                ...assessed(c, e, 'urgent'),
                due:
                  c.due === null ||
                  c.milestones.receivedAt === null ||
                  policy.urgentRespond === null
                    ? c.due
                    : {
                        ...c.due,
                        respondBy: Math.min(
                          c.due.respondBy,
                          clock.add(c.milestones.receivedAt, policy.urgentRespond),
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
          EXTEND_DEADLINE: { target: 'acknowledged', ...extend },
          CONTACT: { target: 'acknowledged', ...contact },
          CHECK_DEADLINES: { target: 'acknowledged', ...check },
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
            { target: 'decided', guard: 'withinOwnerLimit', update: respond(false, ownerLimit) },
            {
              target: 'awaitingApproval',
              guard: 'respondAllowed',
              update: respond(true, ownerLimit),
              description: 'over the owner’s limit',
            },
          ],
          EXTEND_DEADLINE: { target: 'investigating', ...extend },
          CONTACT: { target: 'investigating', ...contact },
          CHECK_DEADLINES: { target: 'investigating', ...check },
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
          EXTEND_DEADLINE: { target: 'awaitingApproval', ...extend },
          CONTACT: { target: 'awaitingApproval', ...contact },
          CHECK_DEADLINES: { target: 'awaitingApproval', ...check },
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
                due:
                  c.due === null || policy.referral === null || c.stage < lastStage
                    ? c.due
                    : { ...c.due, referralBy: clock.add(e.at, policy.referral.within) },
                milestones: {
                  ...c.milestones,
                  communicatedAt: first(c.milestones.communicatedAt, e.at),
                },
              }),
            },
          ],
          RECONSIDER: { target: 'investigating', guard: 'inOrder', update: reopen },
          ESCALATE: toHuman,
          EXTEND_DEADLINE: { target: 'decided', ...extend },
          CONTACT: { target: 'decided', ...contact },
          CHECK_DEADLINES: { target: 'decided', ...check },
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
          ESCALATE_STAGE: toNextStage,
          CONTACT: { target: 'communicated', ...contact },
          CHECK_DEADLINES: { target: 'communicated', ...check },
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
          ESCALATE_STAGE: toNextStage,
          CONTACT: { target: 'openWithRecourse', ...contact },
          CHECK_DEADLINES: { target: 'openWithRecourse', ...check },
        },
      },
      closed: {
        type: 'final',
        description: 'Closed: the decision was accepted, or needed no acceptance',
      },
    },
  });
  const machine = defineMachine({
    ...definition,
    states: hooked(definition.states),
  } as unknown as Parameters<typeof defineMachine>[0]);
  return machine as unknown as ComplaintCaseMachine<L>;
}

/**
 * The ISO 10002 complaint lifecycle with the default ladder (bot → agent → supervisor → manager →
 * external), EUR empowerment limits, deadlines and the 24/7 UTC calendar.
 *
 * @example
 * ```ts
 * import { initialSnapshot, nextEvents } from 'servicecraft';
 * import { iso10002Lifecycle } from 'servicecraft/complaints';
 *
 * nextEvents(iso10002Lifecycle, initialSnapshot(iso10002Lifecycle)); // ['RECEIVE']
 * ```
 *
 * @category Complaints
 */
export const iso10002Lifecycle: ComplaintCaseMachine<DefaultEscalationLevel> =
  createComplaintCase();
