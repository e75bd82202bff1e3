/**
 * The invariants of the complaint case: what must hold between its state and its context. The
 * engine checks them after every transition and whenever `restoreSnapshot` reads a stored or
 * received snapshot, so a tampered or hand-written case (a decided case without a decision, a
 * closed one without a closing time, a received one without an owner) is rejected.
 *
 * @module
 */
import { sameActor } from './actor.js';
import { assessmentPriority } from './assessment.js';
import { limitOf, type RuleSettings } from './case-rules.js';
import type { ComplaintCaseContext, ComplaintCaseState } from './case-types.js';
import type { DeadlineClock } from './deadline-clock.js';
import type { ComplaintPolicy, ComplaintStagePolicy } from './policy.js';

type Args = { readonly state: ComplaintCaseState; readonly context: ComplaintCaseContext };
type Check = (args: Args) => true | string;

const before = (states: readonly ComplaintCaseState[]) => (state: ComplaintCaseState) =>
  states.includes(state);

/** Nothing has happened yet. */
const notReceived = before(['new']);
/** Received, not yet acknowledged. */
const notAcknowledged = before(['new', 'received']);
/** Not yet assessed. */
const notAssessed = before(['new', 'received', 'acknowledged']);
/** States that hold a current decision. */
const withDecision = before([
  'awaitingApproval',
  'decided',
  'communicated',
  'openWithRecourse',
  'closed',
]);
/** States whose decision is final (approved when it needed approval). */
const decidedStates = before(['decided', 'communicated', 'openWithRecourse', 'closed']);
/** States after the decision reached the customer. */
const communicatedStates = before(['communicated', 'openWithRecourse', 'closed']);

const nonNull = (pairs: readonly (readonly [string, unknown])[]): string[] =>
  pairs.filter(([, v]) => v === null).map(([name]) => name);

/**
 * @internal The named invariants of the complaint case. Each returns `true` when it holds, or a
 * sentence saying what is wrong.
 */
export const caseInvariants: Readonly<Record<string, Check>> = Object.freeze({
  nothingBeforeReceipt: ({ state, context: c }) => {
    if (!notReceived(state)) return true;
    const set = [
      ['id', c.id],
      ['owner', c.owner],
      ['milestones.receivedAt', c.milestones.receivedAt],
      ['lastChange', c.lastChange],
    ].filter(([, v]) => v !== null);
    return (
      set.length === 0 ||
      `state 'new' has received nothing, but ${set.map(([n]) => n).join(', ')} is set`
    );
  },

  ownerAfterReceipt: ({ state, context: c }) =>
    notReceived(state) || c.owner !== null || `state '${state}' needs an owner, but owner is null`,

  receiptRecorded: ({ state, context: c }) => {
    if (notReceived(state)) return true;
    const missing = nonNull([
      ['id', c.id],
      ['channel', c.channel],
      ['summary', c.summary],
      ['remedySought', c.remedySought],
      ['due', c.due],
      ['milestones.receivedAt', c.milestones.receivedAt],
      ['lastChange', c.lastChange],
    ]);
    return (
      missing.length === 0 || `state '${state}' follows receipt, but ${missing.join(', ')} is null`
    );
  },

  acknowledgementMatchesState: ({ state, context: c }) => {
    const at = c.milestones.acknowledgedAt;
    if (notAcknowledged(state)) {
      return (
        at === null ||
        `state '${state}' is not acknowledged yet, but milestones.acknowledgedAt is set`
      );
    }
    return (
      at !== null ||
      `state '${state}' follows acknowledgement, but milestones.acknowledgedAt is null`
    );
  },

  assessmentMatchesState: ({ state, context: c }) => {
    const parts: readonly (readonly [string, unknown])[] = [
      ['assessment', c.assessment],
      ['track', c.track],
      ['milestones.assessedAt', c.milestones.assessedAt],
    ];
    if (notAssessed(state)) {
      const set = parts.filter(([, v]) => v !== null).map(([n]) => n);
      return (
        set.length === 0 || `state '${state}' is not assessed yet, but ${set.join(', ')} is set`
      );
    }
    const missing = nonNull(parts);
    return (
      missing.length === 0 ||
      `state '${state}' follows the assessment, but ${missing.join(', ')} is null`
    );
  },

  decisionMatchesState: ({ state, context: c }) => {
    if (withDecision(state)) {
      return c.decision !== null || `state '${state}' needs a decision, but decision is null`;
    }
    return c.decision === null || `state '${state}' has no current decision, but decision is set`;
  },

  approvalPending: ({ state, context: c }) => {
    if (state !== 'awaitingApproval' || c.decision === null) return true;
    if (!c.decision.needsApproval) {
      return "state 'awaitingApproval' holds a decision with needsApproval false";
    }
    return (
      c.decision.approvedBy === null ||
      "state 'awaitingApproval' holds a decision that is already approved"
    );
  },

  overLimitApproved: ({ state, context: c }) => {
    const d = c.decision;
    if (!decidedStates(state) || d === null) return true;
    if (!d.needsApproval) {
      return d.approvedBy === null || 'a decision within the owner limit records an approver';
    }
    if (d.approvedBy === null) {
      return `state '${state}' holds an over-limit decision without decision.approvedBy`;
    }
    return (
      !sameActor(d.approvedBy.id, d.by) || 'the over-limit decision was approved by its own decider'
    );
  },

  decidedAtRecorded: ({ state, context: c }) =>
    !decidedStates(state) ||
    c.milestones.decidedAt !== null ||
    `state '${state}' follows a decision, but milestones.decidedAt is null`,

  communicatedAtRecorded: ({ state, context: c }) =>
    !communicatedStates(state) ||
    c.milestones.communicatedAt !== null ||
    `state '${state}' follows the communication of a decision, but milestones.communicatedAt is null`,

  closedAtMatchesState: ({ state, context: c }) => {
    const at = c.milestones.closedAt;
    if (state === 'closed')
      return at !== null || "state 'closed' needs milestones.closedAt, but it is null";
    return at === null || `state '${state}' is not closed, but milestones.closedAt is set`;
  },

  recourseAfterRejection: ({ state, context: c }) => {
    if (state === 'openWithRecourse' && c.rejections === 0) {
      return "state 'openWithRecourse' needs a rejection, but rejections is 0";
    }
    if (state === 'openWithRecourse' && c.recourseOffered.length === 0) {
      return "state 'openWithRecourse' needs the recourse offered, but recourseOffered is empty";
    }
    return (
      c.rejections > 0 ||
      c.recourseOffered.length === 0 ||
      'recourse is recorded without a rejection'
    );
  },

  escalationRecorded: ({ context: c }) => {
    const last = c.lastEscalation;
    if ((c.escalations === 0) !== (last === null)) {
      return `escalations is ${c.escalations}, but lastEscalation is ${last === null ? 'null' : 'set'}`;
    }
    if (last !== null && c.owner !== null && c.owner.level !== last.to.level) {
      return 'the owner level differs from the level of the latest escalation (REASSIGN keeps the level)';
    }
    return true;
  },

  priorityMatchesAssessment: ({ context: c }) => {
    if (c.assessment === null) {
      return c.priority === null || 'priority is set without an assessment';
    }
    const expected = assessmentPriority(c.assessment);
    if (c.priority !== expected) {
      return `priority is ${c.priority ?? 'null'}, but the assessment gives ${expected}`;
    }
    if (c.track === 'urgent' && expected !== 'critical') {
      return `the urgent track needs critical priority, but the assessment gives ${expected}`;
    }
    if (c.track === 'standard' && expected === 'critical') {
      return 'a critical-priority complaint (critical severity or urgency, or a high safety risk) must take the urgent track';
    }
    return true;
  },

  stagesRecorded: ({ state, context: c }) => {
    if (c.earlierStages.length !== c.stage - 1) {
      return `stage is ${c.stage}, but ${c.earlierStages.length} earlier stage(s) are recorded`;
    }
    if (c.earlierStages.some((s, i) => s.stage !== i + 1)) {
      return 'earlier stages must be numbered 1, 2, ... in order';
    }
    if (c.extension !== null && notAcknowledged(state)) {
      return `state '${state}' is not acknowledged yet, but the stage's deadline is extended`;
    }
    return true;
  },

  milestonesInOrder: ({ context: c }) => {
    const m = c.milestones;
    const chain: readonly (readonly [string, number | null])[] = [
      ['receivedAt', m.receivedAt],
      ['acknowledgedAt', m.acknowledgedAt],
      ['assessedAt', m.assessedAt],
      ['decidedAt', m.decidedAt],
      ['communicatedAt', m.communicatedAt],
      ['closedAt', m.closedAt],
      ['lastChange.at', c.lastChange?.at ?? null],
    ];
    let previous: readonly [string, number] | undefined;
    for (const [name, at] of chain) {
      if (at === null) continue;
      if (previous !== undefined && at < previous[1]) {
        return `${name} (${at}) is earlier than ${previous[0]} (${previous[1]})`;
      }
      previous = [name, at];
    }
    return true;
  },
});

/**
 * @internal The invariants that depend on the options a case machine was made with: its policy,
 * ladder and empowerment limits. A snapshot edited by a client cannot lift a remedy past the limit
 * that needed an approval, move it into another currency, add a stage or an extension the policy
 * does not have, or hand a later stage back to an earlier handler: `restoreSnapshot` rejects it,
 * as it rejects the structural edits above.
 */
export function policyInvariants(
  settings: RuleSettings,
  policy: ComplaintPolicy,
  clock: DeadlineClock,
): Readonly<Record<string, Check>> {
  const stages = policy.stages.length;
  const stageOf = (c: ComplaintCaseContext): ComplaintStagePolicy | undefined =>
    policy.stages[c.stage - 1];
  // A decision is checked against the owner's level when it is made; an owner only moves up the
  // ladder afterwards, so the highest limit at or below the owner's level now bounds it.
  const ceilingFor = (level: string): number => {
    const index = settings.ladder.indexOf(level);
    let most = 0;
    for (let i = 0; i <= index; i++)
      most = Math.max(most, limitOf(settings, settings.ladder[i] as string));
    return most;
  };
  return Object.freeze({
    stageInPolicy: ({ context: c }) =>
      c.stage <= stages ||
      `stage is ${c.stage}, but policy '${policy.name}' has ${stages} stage${stages === 1 ? '' : 's'}`,

    remedyInLimitsCurrency: ({ context: c }) => {
      const closure = c.decision?.closure;
      if (closure?.kind !== 'monetaryRemedy') return true;
      const { currency } = settings.limits;
      return (
        closure.amount.currency === currency ||
        `the remedy is in ${closure.amount.currency}, but the empowerment limits are in ${currency}`
      );
    },

    remedyWithinLimits: ({ context: c }) => {
      const d = c.decision;
      if (d === null || d.closure.kind !== 'monetaryRemedy') return true;
      const amount = d.closure.amount.amount;
      if (d.approvedBy !== null && amount > limitOf(settings, d.approvedBy.level)) {
        return `the remedy of ${amount} exceeds the limit of its approver's level '${d.approvedBy.level}'`;
      }
      if (d.needsApproval || c.owner === null) return true;
      return (
        amount <= ceilingFor(c.owner.level) ||
        `the remedy of ${amount} exceeds the limit of the owner's level '${c.owner.level}', but needsApproval is false`
      );
    },

    extensionInPolicy: ({ context: c }) => {
      if (c.extension === null) return true;
      const rules = stageOf(c)?.extension ?? null;
      if (rules === null) return `stage ${c.stage} of policy '${policy.name}' allows no extension`;
      return (
        c.extension.workingDays <= rules.maxWorkingDays ||
        `the extension of ${c.extension.workingDays} working days exceeds the ${rules.maxWorkingDays} that stage ${c.stage} allows`
      );
    },

    // The deadlines of the current stage are a function of when it began, when it was
    // acknowledged, its track and its extension, on the machine's calendar: recomputed here, so a
    // stored case cannot be given more time than the policy allows (nor less).
    deadlinesFromPolicy: ({ context: c }) => {
      const due = c.due;
      const start = c.milestones.receivedAt;
      const rules = stageOf(c);
      if (due === null || start === null || rules === undefined) return true;
      const acknowledgeBy = clock.add(start, rules.acknowledge);
      if (due.acknowledgeBy !== acknowledgeBy) {
        return `due.acknowledgeBy is ${due.acknowledgeBy}, but stage ${c.stage} received at ${start} gives ${acknowledgeBy}`;
      }
      const summary =
        c.stage === 1 && policy.summaryResolution !== null
          ? clock.add(start, policy.summaryResolution)
          : null;
      if (due.summaryResolutionBy !== summary) {
        return `due.summaryResolutionBy is ${due.summaryResolutionBy}, but the policy gives ${summary}`;
      }
      const acked = c.milestones.acknowledgedAt;
      const base = clock.add(
        rules.respondFrom === 'receipt' ? start : (acked ?? acknowledgeBy),
        rules.respond,
      );
      // An urgent assessment may tighten the deadline, before or after an extension.
      const urgent =
        c.track === 'urgent' && policy.urgentRespond !== null
          ? clock.add(start, policy.urgentRespond)
          : undefined;
      const fits = (at: number, from: number) =>
        at === from || (urgent !== undefined && at === Math.min(from, urgent));
      const e = c.extension;
      if (e !== null && !fits(e.previousRespondBy, base)) {
        return `extension.previousRespondBy is ${e.previousRespondBy}, but the policy gives ${base}`;
      }
      const expected =
        e === null ? base : clock.add(e.previousRespondBy, { workingDays: e.workingDays });
      if (!fits(due.respondBy, expected)) {
        return `due.respondBy is ${due.respondBy}, but the policy gives ${urgent === undefined ? expected : `${expected} or ${Math.min(expected, urgent)}`}`;
      }
      const referral = due.referralBy;
      if (referral !== null) {
        const first = c.milestones.communicatedAt;
        const last = c.lastChange?.at ?? null;
        const within = policy.referral?.within;
        if (
          within === undefined ||
          first === null ||
          last === null ||
          referral < clock.add(first, within) ||
          referral > clock.add(last, within)
        ) {
          return `due.referralBy is ${referral}, which no communication of the decision gives`;
        }
      }
      return true;
    },

    independentHandlers: ({ context: c }) => {
      if (c.stage === 1 || stageOf(c)?.independentHandler !== true) return true;
      const earlier = c.earlierStages.flatMap((s) =>
        s.decidedBy === null ? [s.handler] : [s.handler, s.decidedBy],
      );
      const now: (readonly [string, string | undefined])[] = [
        ['owner', c.owner?.id],
        ['decision.by', c.decision?.by],
        ['decision.approvedBy', c.decision?.approvedBy?.id],
      ];
      for (const [role, id] of now) {
        if (id === undefined) continue;
        if (earlier.some((h) => sameActor(h, id))) {
          return `stage ${c.stage} must be handled by someone new, but ${role} '${id}' handled an earlier stage`;
        }
      }
      return true;
    },
  });
}
