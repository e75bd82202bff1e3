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
import type { ComplaintCaseContext, ComplaintCaseState } from './case-types.js';

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

/** @internal The ids that handled earlier stages of a case: their owners and deciders. */
export const earlierHandlers = (c: ComplaintCaseContext): string[] =>
  c.earlierStages.flatMap((s) => (s.decidedBy === null ? [s.handler] : [s.handler, s.decidedBy]));

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

  // The two below read only what the case recorded when each rule applied (the owner's limit with
  // the decision, the stage's independence rule when it began), never the machine's options now:
  // a stored case stays valid when the limits or the policy change later, and an edit that
  // contradicts what was recorded is rejected.
  remedyWithinLimit: ({ context: c }) => {
    const d = c.decision;
    if (d === null) return true;
    if (d.closure.kind !== 'monetaryRemedy') {
      return d.limit === null || 'a decision without a monetary remedy records a limit';
    }
    if (d.limit === null) return 'a monetary remedy needs the owner limit it was judged against';
    const amount = d.closure.amount;
    if (amount.currency !== d.limit.currency) {
      return `the remedy is in ${amount.currency}, but the owner limit it was judged against is in ${d.limit.currency}`;
    }
    return (
      d.needsApproval ||
      amount.amount <= d.limit.amount ||
      `the remedy of ${amount.amount} exceeds the owner limit of ${d.limit.amount}, but needsApproval is false`
    );
  },

  independentHandlers: ({ context: c }) => {
    if (!c.independentHandler) return true;
    if (c.stage === 1) return 'stage 1 has no earlier stage to be independent of';
    const earlier = earlierHandlers(c);
    const now: (readonly [string, string | undefined])[] = [
      ['owner', c.owner?.id],
      ['decision.by', c.decision?.by],
      ['decision.approvedBy', c.decision?.approvedBy?.id],
    ];
    for (const [role, id] of now) {
      if (id !== undefined && earlier.some((h) => sameActor(h, id))) {
        return `stage ${c.stage} must be handled by someone new, but ${role} '${id}' handled an earlier stage`;
      }
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
