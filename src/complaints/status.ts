/**
 * Read models over a complaint-case snapshot: what the customer may see, and which deadlines are
 * breached at a given instant. Pure: `now` is an argument.
 *
 * @module
 */
import type { ComplaintCaseContext, ComplaintCaseState } from './case-types.js';
import type { ClosureReason } from './closure.js';
import { deepFreeze } from './internal.js';
import {
  type ComplaintMessageBase,
  type ComplaintStatusOptions,
  remedyText,
  resolveStatusOptions,
  say,
} from './messages.js';
import { type SlaMetric, slaBreaches } from './sla.js';

/**
 * The customer-facing stage of a complaint.
 *
 * @category Complaints
 */
export type ComplaintStage =
  | 'notReceived'
  | 'received'
  | 'acknowledged'
  | 'underInvestigation'
  | 'decisionPending'
  | 'decisionSent'
  | 'openWithRecourse'
  | 'closed';

/**
 * What a customer may be told about their complaint: no internal notes, owners or approvals.
 *
 * @category Complaints
 */
export interface ComplaintStatus {
  /** The complaint reference, `null` before receipt. */
  readonly reference: string | null;
  /** Where it stands. */
  readonly stage: ComplaintStage;
  /** One sentence for the customer, from the messages table (English unless one is supplied). */
  readonly message: string;
  /** The ladder level handling it (e.g. `'supervisor'`), `null` before receipt. */
  readonly handledAt: string | null;
  /** When it was received. */
  readonly receivedAt: number | null;
  /** When receipt was acknowledged. */
  readonly acknowledgedAt: number | null;
  /** The promised date for a decision. */
  readonly respondBy: number | null;
  /** The decision, once communicated. */
  readonly decision: ClosureReason | null;
  /** Recourse offered after a rejection. */
  readonly recourseOffered: readonly string[];
  /** When anything last changed. */
  readonly lastUpdatedAt: number | null;
  /** Whether the complaint is closed. */
  readonly closed: boolean;
}

/**
 * The part of a complaint-case snapshot the read models need.
 *
 * @category Complaints
 */
export interface ComplaintCaseView {
  /** The state. */
  readonly state: ComplaintCaseState;
  /** The context. */
  readonly context: ComplaintCaseContext;
}

const stages: Readonly<Record<ComplaintCaseState, ComplaintStage>> = deepFreeze({
  new: 'notReceived',
  received: 'received',
  acknowledged: 'acknowledged',
  investigating: 'underInvestigation',
  awaitingApproval: 'decisionPending',
  decided: 'decisionPending',
  communicated: 'decisionSent',
  openWithRecourse: 'openWithRecourse',
  closed: 'closed',
});

/**
 * Summarises a complaint case for the customer: reference, stage, a sentence, key dates, the
 * decision once communicated and any recourse offered. The sentence comes from
 * `options.messages` (English by default), given the reference, dates and any remedy formatted
 * with Intl for `options.locale` in `options.timeZone`.
 *
 * @example
 * ```ts
 * import {
 *   complaintStatus,
 *   complaintStatusMessagesEn,
 *   iso10002Lifecycle,
 * } from 'servicecraft/complaints';
 * import { initialSnapshot, transitionOrThrow } from 'servicecraft';
 *
 * complaintStatus(initialSnapshot(iso10002Lifecycle)).stage; // 'notReceived'
 *
 * const received = transitionOrThrow(iso10002Lifecycle, initialSnapshot(iso10002Lifecycle), {
 *   type: 'RECEIVE', at: 0, by: 'web-form', id: 'C-7', channel: 'web', summary: 'No refund yet',
 *   remedySought: 'Refund', owner: { id: 'bot-1', level: 'bot' },
 * });
 * complaintStatus(received, {
 *   locale: 'de-DE',
 *   messages: {
 *     ...complaintStatusMessagesEn,
 *     received: ({ reference, receivedOn }) => `Ihre Beschwerde ${reference} ist am ${receivedOn} eingegangen.`,
 *   },
 * }).message; // 'Ihre Beschwerde C-7 ist am 1. Januar 1970 eingegangen.'
 * ```
 *
 * @param snapshot - A complaint-case snapshot.
 * @param options - `messages`: the sentences; `locale` (default `'en'`) and `timeZone` (default
 *   `'UTC'`) for the dates and amounts they are given.
 * @returns The customer-facing summary.
 * @throws `UsageError` for a messages table missing a key or returning a non-string, or an
 *   invalid locale or time zone.
 * @category Complaints
 */
export function complaintStatus(
  snapshot: ComplaintCaseView,
  options?: ComplaintStatusOptions,
): ComplaintStatus {
  const { messages, locale, date } = resolveStatusOptions(options);
  const { context: c } = snapshot;
  const stage = stages[snapshot.state];
  const shared = stage === 'decisionSent' || stage === 'openWithRecourse' || stage === 'closed';
  const decision = shared ? (c.decision?.closure ?? null) : null;
  const base: ComplaintMessageBase = {
    reference: c.id ?? '',
    receivedOn: c.milestones.receivedAt === null ? '' : date(c.milestones.receivedAt),
    dueDate: c.due === null ? null : date(c.due.respondBy),
    locale,
  };
  const decided = { ...base, decision, remedy: remedyText(decision, locale) };
  let message: string;
  if (stage === 'notReceived') message = say(messages, stage, { locale });
  else if (stage === 'openWithRecourse') {
    message = say(messages, stage, { ...decided, recourse: c.recourseOffered });
  } else if (stage === 'decisionSent' || stage === 'closed') {
    message = say(messages, stage, decided);
  } else message = say(messages, stage, base);
  return {
    reference: c.id,
    stage,
    message,
    handledAt: c.owner?.level ?? null,
    receivedAt: c.milestones.receivedAt,
    acknowledgedAt: c.milestones.acknowledgedAt,
    respondBy: c.due?.respondBy ?? null,
    decision,
    recourseOffered: stage === 'openWithRecourse' ? c.recourseOffered : [],
    lastUpdatedAt: c.lastChange?.at ?? null,
    closed: stage === 'closed',
  };
}

/**
 * A missed deadline.
 *
 * @category Complaints
 */
export interface DeadlineBreach {
  /**
   * Which deadline: acknowledging receipt or communicating a decision (of the current stage), or
   * an SLA target of the case.
   */
  readonly deadline: 'acknowledgement' | 'response' | SlaMetric;
  /** When it was due (epoch ms). */
  readonly dueAt: number;
  /** When it was finally met, or `null` while still outstanding. */
  readonly metAt: number | null;
  /** How late: `metAt - dueAt`, or `now - dueAt` while outstanding. */
  readonly lateByMs: number;
}

/**
 * Lists the deadlines a complaint has missed as of `now`: those of the current stage still
 * outstanding after their due instant, and those met late (a deadline met exactly on its due
 * instant is on time); then the SLA targets breached, read from the case's SLA clocks (reaching a
 * target exactly is a breach, as for the clocks). No calendar is needed: the instants were worked
 * out when the clocks last changed.
 *
 * @example
 * ```ts
 * import { initialSnapshot, transitionOrThrow } from 'servicecraft';
 * import { iso10002Lifecycle, overdue } from 'servicecraft/complaints';
 *
 * const received = transitionOrThrow(iso10002Lifecycle, initialSnapshot(iso10002Lifecycle), {
 *   type: 'RECEIVE', at: 0, by: 'web-form', id: 'C-7', channel: 'web', summary: 'No refund yet',
 *   remedySought: 'Refund', owner: { id: 'bot-1', level: 'bot' },
 * });
 * overdue(received, 6 * 86_400_000);
 * // [{ deadline: 'acknowledgement', dueAt: 432_000_000, metAt: null, lateByMs: 86_400_000 }]
 * ```
 *
 * @param snapshot - A complaint-case snapshot.
 * @param now - The current instant, epoch ms (the caller's clock; nothing here reads one).
 * @returns The breaches, acknowledgement first; empty when all is on time or nothing was received.
 * @category Complaints
 */
export function overdue(snapshot: ComplaintCaseView, now: number): DeadlineBreach[] {
  const { due, milestones } = snapshot.context;
  if (due === null) return [];
  const out: DeadlineBreach[] = [];
  const check = (deadline: DeadlineBreach['deadline'], dueAt: number, metAt: number | null) => {
    const at = metAt ?? now;
    if (at > dueAt) out.push({ deadline, dueAt, metAt, lateByMs: at - dueAt });
  };
  check('acknowledgement', due.acknowledgeBy, milestones.acknowledgedAt);
  check('response', due.respondBy, milestones.communicatedAt);
  const sla = snapshot.context.sla;
  if (sla !== null && sla !== undefined) {
    for (const b of slaBreaches(sla, now)) {
      out.push({ deadline: b.metric, dueAt: b.dueAt, metAt: b.metAt, lateByMs: b.lateByMs });
    }
  }
  return out;
}
