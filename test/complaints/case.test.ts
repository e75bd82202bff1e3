import { describe, expect, it } from 'vitest';
import {
  complaintRuleOf,
  complaintStatus,
  createComplaintCase,
  iso10002Lifecycle,
} from '../../src/complaints/index.js';
import {
  initialSnapshot,
  isServicecraftError,
  nextEvents,
  transition,
  type UsageError,
} from '../../src/index.js';
import { ack, assess, DAY, type Ev, MIN, receive, refund, refuse, run, T0 } from './helpers.js';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};
const messageOf = (f: () => unknown): string => {
  const error = thrown(f);
  expect(isServicecraftError(error, 'UsageError')).toBe(true);
  return (error as Error).message;
};

const communicate = (at: number, by = 'ana'): Ev => ({ type: 'COMMUNICATE_DECISION', at, by });
const explained: Ev = {
  type: 'RESPOND',
  at: T0 + 10 * MIN,
  by: 'ana',
  closure: {
    kind: 'explained',
    explanation: 'The leak came from a loose lid; we sent instructions.',
  },
};

describe('iso10002Lifecycle: happy paths', () => {
  it('records receipt, deadlines and who changed what', () => {
    const snap = run([receive()]);
    expect(snap.state).toBe('received');
    expect(snap.context).toEqual({
      id: 'C-1',
      channel: 'web',
      summary: 'Kettle leaks',
      remedySought: 'Refund',
      owner: { id: 'ana', level: 'agent' },
      assessment: null,
      track: null,
      priority: null,
      stage: 1,
      independentHandler: false,
      bots: [],
      earlierStages: [],
      extension: null,
      failedAttempts: 0,
      escalations: 0,
      lastEscalation: null,
      decision: null,
      rejections: 0,
      recourseOffered: [],
      // 10 working days (of 24 hours on the default calendar) after the latest acknowledgement
      // allowed; the acknowledgement fixes it.
      due: {
        acknowledgeBy: T0 + 5 * DAY,
        respondBy: T0 + 15 * DAY,
        summaryResolutionBy: null,
        referralBy: null,
      },
      noticed: { acknowledgement: null, response: null },
      sla: null,
      milestones: {
        receivedAt: T0,
        acknowledgedAt: null,
        assessedAt: null,
        decidedAt: null,
        communicatedAt: null,
        closedAt: null,
      },
      lastChange: { event: 'RECEIVE', by: 'web-form', at: T0 },
    });
  });

  it('standard path: assess → investigate → respond → communicate → accept closes', () => {
    const snap = run([
      receive(),
      ack(),
      assess(),
      explained,
      communicate(T0 + 11 * MIN),
      { type: 'ACCEPT', at: T0 + DAY, by: 'customer' },
    ]);
    expect(snap.state).toBe('closed');
    expect(snap.status).toBe('done');
    expect(snap.context.track).toBe('standard');
    expect(snap.context.milestones).toEqual({
      receivedAt: T0,
      acknowledgedAt: T0 + MIN,
      assessedAt: T0 + 2 * MIN,
      decidedAt: T0 + 10 * MIN,
      communicatedAt: T0 + 11 * MIN,
      closedAt: T0 + DAY,
    });
    expect(snap.context.lastChange).toEqual({ event: 'ACCEPT', by: 'customer', at: T0 + DAY });
  });

  it('urgent fast path tightens the response deadline', () => {
    for (const over of [{ urgency: 'critical' as const }, { severity: 'critical' as const }]) {
      const snap = run([receive(), ack(), assess(over)]);
      expect(snap.state).toBe('investigating');
      expect(snap.context.track).toBe('urgent');
      expect(snap.context.due).toEqual({
        acknowledgeBy: T0 + 5 * DAY,
        respondBy: T0 + DAY,
        summaryResolutionBy: null,
        referralBy: null,
      });
    }
  });

  it('resolved-at-outset short path skips investigation but still needs communication', () => {
    const snap = run([
      receive(),
      ack(),
      assess({ resolvedAtOutset: { kind: 'nonMonetaryRemedy', remedy: 'Replacement lid sent' } }),
    ]);
    expect(snap.state).toBe('decided');
    expect(snap.context.track).toBe('outset');
    expect(snap.context.decision).toEqual({
      at: T0 + 2 * MIN,
      by: 'ana',
      closure: { kind: 'nonMonetaryRemedy', remedy: 'Replacement lid sent' },
      needsApproval: false,
      approvedBy: null,
      limit: null,
    });
    expect(nextEvents(iso10002Lifecycle, snap)).toEqual([
      'COMMUNICATE_DECISION',
      'RECONSIDER',
      'CONTACT',
      'CHECK_DEADLINES',
    ]);
  });

  it('an over-limit outset remedy waits for approval', () => {
    const snap = run([
      receive(),
      ack(),
      assess({
        resolvedAtOutset: { kind: 'monetaryRemedy', amount: { amount: 9_000, currency: 'EUR' } },
      }),
    ]);
    expect(snap.state).toBe('awaitingApproval');
    expect(snap.context.decision?.needsApproval).toBe(true);
    expect(snap.context.milestones.decidedAt).toBeNull();
  });

  it.each([
    [{ kind: 'withdrawn' as const }],
    [{ kind: 'duplicate' as const, of: 'C-0' }],
    [{ kind: 'referred' as const, to: 'Energy Ombudsman' }],
  ])('%o closes as soon as it is communicated', (closure) => {
    const snap = run([
      receive(),
      ack(),
      assess(),
      { type: 'RESPOND', at: T0 + 5 * MIN, by: 'ana', closure },
      communicate(T0 + 6 * MIN),
    ]);
    expect(snap.state).toBe('closed');
    expect(snap.context.milestones.closedAt).toBe(T0 + 6 * MIN);
    expect(complaintStatus(snap).decision).toEqual(closure);
  });

  it('within-limit refund is decided by the owner alone', () => {
    const snap = run([receive(), ack(), assess(), refund(5_000)]);
    expect(snap.state).toBe('decided');
    expect(snap.context.decision?.needsApproval).toBe(false);
  });

  it('over-limit refund needs someone else with a high enough limit', () => {
    const waiting = run([receive(), ack(), assess(), refund(12_000)]);
    expect(waiting.state).toBe('awaitingApproval');
    const approved = run(
      [{ type: 'APPROVE_REMEDY', at: T0 + 4 * MIN, by: 'mia', level: 'manager' }],
      waiting,
    );
    expect(approved.state).toBe('decided');
    expect(approved.context.decision?.approvedBy).toEqual({
      id: 'mia',
      level: 'manager',
      at: T0 + 4 * MIN,
    });
    expect(approved.context.milestones.decidedAt).toBe(T0 + 4 * MIN);
  });

  it('a declined remedy goes back to investigating without a decision', () => {
    const waiting = run([receive(), ack(), assess(), refund(12_000)]);
    const snap = run(
      [{ type: 'DECLINE_REMEDY', at: T0 + 4 * MIN, by: 'mia', note: 'Offer a voucher instead' }],
      waiting,
    );
    expect(snap.state).toBe('investigating');
    expect(snap.context.decision).toBeNull();
  });

  it('a rejected decision stays open with recourse, then escalates on dissatisfaction', () => {
    const rejected = run([
      receive(),
      ack(),
      assess(),
      explained,
      communicate(T0 + 11 * MIN),
      { type: 'REJECT', at: T0 + 12 * MIN, by: 'customer', recourseOffered: ['Retail Ombudsman'] },
    ]);
    expect(rejected.state).toBe('openWithRecourse');
    expect(complaintStatus(rejected)).toEqual({
      reference: 'C-1',
      stage: 'openWithRecourse',
      message:
        'You did not accept our decision; your complaint stays open and you may use the recourse we listed.',
      handledAt: 'agent',
      receivedAt: T0,
      acknowledgedAt: T0 + MIN,
      respondBy: T0 + MIN + 10 * DAY, // 10 working days from the acknowledgement
      decision: {
        kind: 'explained',
        explanation: 'The leak came from a loose lid; we sent instructions.',
      },
      recourseOffered: ['Retail Ombudsman'],
      lastUpdatedAt: T0 + 12 * MIN,
      closed: false,
    });
    const escalated = run(
      [
        {
          type: 'ESCALATE',
          at: T0 + 13 * MIN,
          by: 'ana',
          to: { id: 'sue', level: 'supervisor' },
          trigger: { kind: 'dissatisfiedAfterResolution' },
          reason: 'CUSTOMER_REJECTED',
          handoff: {
            summary: 'Rejected our explanation',
            stepsAttempted: ['explained the lid fix'],
          },
        },
      ],
      rejected,
    );
    expect(escalated.state).toBe('investigating');
    expect(escalated.context.owner).toEqual({ id: 'sue', level: 'supervisor' });
    expect(escalated.context.decision).toBeNull();
    expect(escalated.context.lastEscalation).toEqual({
      at: T0 + 13 * MIN,
      by: 'ana',
      from: { id: 'ana', level: 'agent' },
      to: { id: 'sue', level: 'supervisor' },
      trigger: { kind: 'dissatisfiedAfterResolution' },
      reason: 'CUSTOMER_REJECTED',
      handoff: { summary: 'Rejected our explanation', stepsAttempted: ['explained the lid fix'] },
    });
  });

  it('reconsider and reassign keep the case moving with an owner', () => {
    const decided = run([receive(), ack(), assess(), explained]);
    const back = run([{ type: 'RECONSIDER', at: T0 + 11 * MIN, by: 'ana' }], decided);
    expect(back.state).toBe('investigating');
    const moved = run([{ type: 'REASSIGN', at: T0 + 12 * MIN, by: 'lead', owner: 'ben' }], back);
    expect(moved.context.owner).toEqual({ id: 'ben', level: 'agent' });
  });
});

describe('iso10002Lifecycle: illegal moves leave the snapshot unchanged', () => {
  it('closing before a decision is communicated is not allowed', () => {
    const snap = run([receive(), ack(), assess(), explained]);
    const issue = refuse(iso10002Lifecycle, snap, {
      type: 'ACCEPT',
      at: T0 + 20 * MIN,
      by: 'customer',
    });
    expect(issue).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
      allowed: ['COMMUNICATE_DECISION', 'RECONSIDER', 'CONTACT', 'CHECK_DEADLINES'],
    });
  });

  it('approving your own over-limit remedy is refused with a typed reason', () => {
    const waiting = run([receive(), ack(), assess(), refund(12_000)]);
    const result = transition(iso10002Lifecycle, waiting, {
      type: 'APPROVE_REMEDY',
      at: T0 + 5 * MIN,
      by: 'ana',
      level: 'manager',
    });
    expect(result.snapshot).toBe(waiting);
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.code).toBe('REFUSED');
    // No helper needed: the code narrows the issue to a refusal.
    if (result.error.reason?.code !== 'SELF_APPROVAL') throw new Error('expected SELF_APPROVAL');
    expect(result.error.reason).toEqual({
      code: 'SELF_APPROVAL',
      message:
        "'ana' proposed EUR 120.00 and cannot approve it; someone else whose limit covers it must approve.",
      details: { proposedBy: 'ana', approver: 'ana', amount: 12_000, currency: 'EUR' },
    });
    expect(result.error).toMatchObject({ guard: 'approvalAllowed', state: 'awaitingApproval' });
    expect(result.error.message).toBe(
      "Event APPROVE_REMEDY was refused in state 'awaitingApproval' (SELF_APPROVAL): 'ana' proposed EUR 120.00 and cannot approve it; someone else whose limit covers it must approve.",
    );
    expect(complaintRuleOf(result.error)?.code).toBe('SELF_APPROVAL');
  });

  it('an approver below the amount is refused', () => {
    const waiting = run([receive(), ack(), assess(), refund(30_000)]);
    const issue = refuse(iso10002Lifecycle, waiting, {
      type: 'APPROVE_REMEDY',
      at: T0 + 5 * MIN,
      by: 'sue',
      level: 'supervisor',
    });
    expect(issue.reason).toEqual({
      code: 'APPROVER_LIMIT',
      message:
        "Level 'supervisor' may approve up to EUR 250.00, less than EUR 300.00; ask a higher level.",
      details: { level: 'supervisor', limit: 25_000, amount: 30_000, currency: 'EUR' },
    });
  });

  it.each([
    [{ amount: -1, currency: 'EUR' }, 'amount: The amount cannot be negative.'],
    [
      { amount: 12.5, currency: 'EUR' },
      'amount: The amount must be a whole number of minor units (1250 for 12.50), not a fraction.',
    ],
    [{ amount: 100, currency: 'EURO' }, 'currency: Unknown currency code "EURO"'],
  ])('remedy %o is an invalid payload', (amount, detail) => {
    const snap = run([receive(), ack(), assess()]);
    const issue = refuse(iso10002Lifecycle, snap, {
      type: 'RESPOND',
      at: T0 + 3 * MIN,
      by: 'ana',
      closure: { kind: 'monetaryRemedy', amount },
    });
    expect(issue.code).toBe('INVALID_PAYLOAD');
    expect(issue.message).toContain(detail);
  });

  it('a remedy in another currency than the limits is refused', () => {
    const snap = run([receive(), ack(), assess()]);
    const issue = refuse(iso10002Lifecycle, snap, {
      type: 'RESPOND',
      at: T0 + 3 * MIN,
      by: 'ana',
      closure: { kind: 'monetaryRemedy', amount: { amount: 100, currency: 'GBP' } },
    });
    expect(issue.reason).toEqual({
      code: 'CURRENCY_MISMATCH',
      message:
        'The remedy is in GBP, but the empowerment limits are set in EUR; state the remedy in EUR.',
      details: { currency: 'GBP', limitsCurrency: 'EUR' },
    });
  });

  it('events dated before the latest change are refused', () => {
    const snap = run([receive(), ack()]);
    const issue = refuse(iso10002Lifecycle, snap, assess({ at: T0 }));
    expect(issue.reason?.code).toBe('OUT_OF_ORDER');
    expect(issue.reason?.details).toEqual({
      at: T0,
      latestChangeAt: T0 + MIN,
      latestEvent: 'ACKNOWLEDGE',
    });
    expect(issue.message).toContain(
      'ASSESS is dated 2028-02-28T09:00:00.000Z, before the latest change (ACKNOWLEDGE at 2028-02-28T09:01:00.000Z)',
    );
  });

  it('an event missing who or when is an invalid payload', () => {
    const snap = run([receive()]);
    const issue = refuse(iso10002Lifecycle, snap, { type: 'ACKNOWLEDGE', at: T0 + MIN });
    expect(issue).toMatchObject({
      code: 'INVALID_PAYLOAD',
      event: 'ACKNOWLEDGE',
      state: 'received',
    });
    const fractional = refuse(iso10002Lifecycle, snap, { type: 'ACKNOWLEDGE', at: 1.5, by: 'ana' });
    expect(fractional.message).toContain('`at` must be whole epoch milliseconds.');
  });

  it('an unknown level is named in the message', () => {
    const issue = refuse(
      iso10002Lifecycle,
      initialSnapshot(iso10002Lifecycle),
      receive({ owner: { id: 'x', level: 'ceo' as 'agent' } }),
    );
    expect(issue.message).toContain(
      'Unknown level "ceo"; the ladder is bot → agent → supervisor → manager → external.',
    );
  });

  it('a rejection must offer recourse', () => {
    const snap = run([receive(), ack(), assess(), explained, communicate(T0 + 11 * MIN)]);
    const issue = refuse(iso10002Lifecycle, snap, {
      type: 'REJECT',
      at: T0 + 12 * MIN,
      by: 'customer',
      recourseOffered: [],
    });
    expect(issue.message).toContain('Name at least one recourse');
  });

  it('a closed case accepts nothing', () => {
    const closed = run([
      receive(),
      ack(),
      assess(),
      { type: 'RESPOND', at: T0 + 3 * MIN, by: 'ana', closure: { kind: 'withdrawn' } },
      communicate(T0 + 4 * MIN),
    ]);
    expect(
      refuse(iso10002Lifecycle, closed, { type: 'RECONSIDER', at: T0 + 5 * MIN, by: 'ana' }).code,
    ).toBe('FINAL_STATE');
  });
});

describe('createComplaintCase options', () => {
  it('uses a custom ladder, limits and deadlines', () => {
    const desk = createComplaintCase({
      id: 'desk',
      ladder: ['agent', 'lead'],
      limits: { currency: 'GBP', amounts: { agent: 2_000, lead: 20_000 } },
      deadlines: { acknowledge: { hours: 4 }, respond: 3 * DAY, respondFrom: 'receipt' },
    });
    expect(desk.id).toBe('desk');
    let snap = initialSnapshot(desk);
    const step = (event: object) => {
      const r = transition(desk, snap, event as never);
      if (!r.ok) throw new Error(r.error.message);
      snap = r.snapshot;
    };
    step({
      type: 'RECEIVE',
      at: T0,
      by: 'x',
      id: 'D-1',
      channel: 'phone',
      summary: 's',
      remedySought: 'r',
      owner: { id: 'al', level: 'agent' },
    });
    expect(snap.context.due).toEqual({
      acknowledgeBy: T0 + 4 * 3_600_000,
      respondBy: T0 + 3 * DAY,
      summaryResolutionBy: null,
      referralBy: null,
    });
    step({ type: 'ACKNOWLEDGE', at: T0 + 1, by: 'al' });
    step({
      type: 'ASSESS',
      at: T0 + 2,
      by: 'al',
      severity: 'low',
      complexity: 'low',
      impact: 'low',
      urgency: 'low',
      safety: 'low',
    });
    step({
      type: 'RESPOND',
      at: T0 + 3,
      by: 'al',
      closure: { kind: 'monetaryRemedy', amount: { amount: 2_001, currency: 'GBP' } },
    });
    expect(snap.state).toBe('awaitingApproval');
  });

  it('rejects invalid options with a UsageError naming every one', () => {
    const error = thrown(() =>
      createComplaintCase({
        ladder: ['a', 'a'],
        limits: { currency: 'XXX' as 'EUR', amounts: { a: -5 } },
        deadlines: { respond: { days: 0.5 } },
        failedAttemptLimit: 0,
        confidenceThreshold: 2,
      }),
    );
    expect(isServicecraftError(error, 'UsageError')).toBe(true);
    expect((error as UsageError).problems.map((p) => p.path.join('.'))).toEqual([
      'limits.currency',
      'limits.amounts.a',
      'deadlines.respond',
      'failedAttemptLimit',
      'confidenceThreshold',
    ]);
    expect((error as Error).message).toBe(
      'Invalid options for createComplaintCase: limits.currency: Unknown currency code "XXX"; use an upper-case ISO 4217 code such as EUR, GBP or USD (see currencyMinorUnits).; limits.amounts.a: a limit cannot be negative; deadlines.respond: a deadline is whole non-negative milliseconds, { days, hours, minutes }, { workingDays }, { calendarDays }, { weeks } or { months }; failedAttemptLimit: failedAttemptLimit must be at least 1; confidenceThreshold: confidenceThreshold must be at most 1.',
    );
    // Cross-field rules run once every option has the right type.
    expect(messageOf(() => createComplaintCase({ ladder: ['a', 'a'] as never }))).toContain(
      'ladder.1: level "a" appears twice; ladder levels must be distinct',
    );
    expect(messageOf(() => createComplaintCase({ ladder: [] as never }))).toContain(
      'ladder: ladder must list at least one level',
    );
    expect(
      messageOf(() =>
        createComplaintCase({
          ladder: ['a'],
          limits: { currency: 'EUR', amounts: { b: 1 } as never },
        }),
      ),
    ).toContain('limits.amounts.b: "b" is not a level of the ladder');
  });

  it('carries a source note', () => {
    expect(iso10002Lifecycle.definition.meta?.source).toMatch(/ISO 10002/);
  });
});
