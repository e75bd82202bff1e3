import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComplaintCaseContext,
  complaintFlow,
  createComplaintCase,
  difficultCustomerFlow,
  fcaDispPolicy,
  housingOmbudsmanPolicy,
  iso10002Lifecycle,
  problemResolutionFlow,
} from '../../src/complaints/index.js';
import {
  type AnyMachine,
  initialSnapshot,
  replayOrThrow,
  restoreSnapshot,
  transition,
} from '../../src/index.js';
import { businessCalendar } from '../../src/time/index.js';
import { events, fold, stagedEvents } from './arbitraries.js';
import { ack, assess, type Ev, MIN, receive, refund, run, type Snap, T0 } from './helpers.js';

const m = iso10002Lifecycle;
const explained: Ev = {
  type: 'RESPOND',
  at: T0 + 3 * MIN,
  by: 'ana',
  closure: { kind: 'explained', explanation: 'The lid was loose.' },
};
const at = (minutes: number) => T0 + minutes * MIN;
const approve: Ev = { type: 'APPROVE_REMEDY', at: at(4), by: 'mia', level: 'manager' };
const communicate: Ev = { type: 'COMMUNICATE_DECISION', at: at(5), by: 'ana' };
const reject: Ev = { type: 'REJECT', at: at(6), by: 'customer', recourseOffered: ['ombudsman'] };
const accept: Ev = { type: 'ACCEPT', at: at(6), by: 'customer' };
const escalate: Ev = {
  type: 'ESCALATE',
  at: at(3),
  by: 'ana',
  to: { id: 'sue', level: 'supervisor' },
  trigger: { kind: 'askedForHuman' },
  reason: 'WANTS_SENIOR',
  handoff: { summary: 'Leaking kettle', stepsAttempted: [] },
};

/** One real snapshot per state (and an approved over-limit decision). */
const reached = {
  new: () => initialSnapshot(m),
  received: () => run([receive()]),
  acknowledged: () => run([receive(), ack()]),
  investigating: () => run([receive(), ack(), assess()]),
  escalated: () => run([receive(), ack(), assess(), escalate]),
  awaitingApproval: () => run([receive(), ack(), assess(), refund(12_000)]),
  decided: () => run([receive(), ack(), assess(), explained]),
  approved: () => run([receive(), ack(), assess(), refund(12_000), approve]),
  refunded: () => run([receive(), ack(), assess(), refund(4_000)]),
  communicated: () => run([receive(), ack(), assess(), explained, communicate]),
  openWithRecourse: () => run([receive(), ack(), assess(), explained, communicate, reject]),
  closed: () => run([receive(), ack(), assess(), explained, communicate, accept]),
} satisfies Record<string, () => Snap>;

type Mutable<T> = T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type Ctx = Mutable<ComplaintCaseContext>;

/** A stored copy of `snap` (plain JSON) with `change` applied to its context. */
function tampered(snap: Snap, change: (c: Ctx) => void): unknown {
  const copy = JSON.parse(JSON.stringify(snap)) as { context: Ctx };
  change(copy.context);
  return copy;
}

/** Restores `value`, expects INVALID_SNAPSHOT, and returns the problem messages. */
function rejected(value: unknown): string[] {
  const result = restoreSnapshot(m, value);
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(result.error.code).toBe('INVALID_SNAPSHOT');
  return result.error.problems.map((p) => p.message);
}

describe('restoreSnapshot rejects complaint cases that break an invariant (regressions)', () => {
  it('a decided case without a decision', () => {
    const problems = rejected(tampered(reached.decided(), (c) => (c.decision = null)));
    expect(problems).toContain(
      "breaks invariant 'decisionMatchesState': state 'decided' needs a decision, but decision is null",
    );
  });

  it('a case awaiting approval without a decision', () => {
    const problems = rejected(tampered(reached.awaitingApproval(), (c) => (c.decision = null)));
    expect(problems).toContain(
      "breaks invariant 'decisionMatchesState': state 'awaitingApproval' needs a decision, but decision is null",
    );
  });

  it('a closed case without closedAt', () => {
    const value = tampered(reached.closed(), (c) => (c.milestones.closedAt = null));
    expect(rejected(value)).toEqual([
      "breaks invariant 'closedAtMatchesState': state 'closed' needs milestones.closedAt, but it is null",
    ]);
    const result = restoreSnapshot(m, value);
    expect(result.ok || result.error.message).toContain('closedAtMatchesState');
  });

  it('a received case without an owner', () => {
    expect(rejected(tampered(reached.received(), (c) => (c.owner = null)))).toEqual([
      "breaks invariant 'ownerAfterReceipt': state 'received' needs an owner, but owner is null",
    ]);
  });
});

describe('every complaint-case invariant rejects a breach', () => {
  const cases: [string, keyof typeof reached, (c: Ctx) => void][] = [
    ['nothingBeforeReceipt', 'new', (c) => (c.owner = { id: 'ana', level: 'agent' })],
    ['ownerAfterReceipt', 'openWithRecourse', (c) => (c.owner = null)],
    ['receiptRecorded', 'investigating', (c) => (c.id = null)],
    ['receiptRecorded', 'received', (c) => (c.due = null)],
    ['acknowledgementMatchesState', 'received', (c) => (c.milestones.acknowledgedAt = T0)],
    ['acknowledgementMatchesState', 'acknowledged', (c) => (c.milestones.acknowledgedAt = null)],
    ['assessmentMatchesState', 'investigating', (c) => (c.track = null)],
    [
      'assessmentMatchesState',
      'acknowledged',
      (c) =>
        (c.assessment = {
          severity: 'low',
          complexity: 'low',
          impact: 'low',
          urgency: 'low',
          safety: 'low',
        }),
    ],
    [
      'decisionMatchesState',
      'investigating',
      (c) =>
        (c.decision = {
          at: T0,
          by: 'ana',
          closure: { kind: 'withdrawn' },
          needsApproval: false,
          approvedBy: null,
          limit: null,
        }),
    ],
    ['decisionMatchesState', 'communicated', (c) => (c.decision = null)],
    [
      'approvalPending',
      'awaitingApproval',
      (c) => {
        if (c.decision) c.decision.needsApproval = false;
      },
    ],
    [
      'overLimitApproved',
      'approved',
      (c) => {
        if (c.decision) c.decision.approvedBy = null;
      },
    ],
    [
      'overLimitApproved',
      'approved',
      (c) => {
        if (c.decision?.approvedBy) c.decision.approvedBy.id = 'ＡＮＡ\u200b';
      },
    ],
    [
      'overLimitApproved',
      'decided',
      (c) => {
        if (c.decision) c.decision.needsApproval = true;
      },
    ],
    ['decidedAtRecorded', 'communicated', (c) => (c.milestones.decidedAt = null)],
    ['communicatedAtRecorded', 'openWithRecourse', (c) => (c.milestones.communicatedAt = null)],
    ['closedAtMatchesState', 'communicated', (c) => (c.milestones.closedAt = at(5))],
    ['recourseAfterRejection', 'openWithRecourse', (c) => (c.rejections = 0)],
    ['recourseAfterRejection', 'openWithRecourse', (c) => (c.recourseOffered = [])],
    ['recourseAfterRejection', 'investigating', (c) => (c.recourseOffered = ['ombudsman'])],
    ['escalationRecorded', 'escalated', (c) => (c.lastEscalation = null)],
    [
      'escalationRecorded',
      'escalated',
      (c) => {
        if (c.owner) c.owner.level = 'manager';
      },
    ],
    ['escalationRecorded', 'investigating', (c) => (c.escalations = 2)],
    ['priorityMatchesAssessment', 'investigating', (c) => (c.priority = 'critical')],
    ['priorityMatchesAssessment', 'received', (c) => (c.priority = 'low')],
    [
      'priorityMatchesAssessment',
      'investigating',
      (c) => {
        // A high safety risk is critical priority: it cannot stay on the standard track.
        if (c.assessment) c.assessment = { ...c.assessment, safety: 'high' };
        c.priority = 'critical';
      },
    ],
    ['stagesRecorded', 'investigating', (c) => (c.stage = 2)],
    [
      'stagesRecorded',
      'received',
      (c) =>
        (c.extension = {
          at: T0,
          by: 'ana',
          reason: 'parts on order',
          workingDays: 5,
          previousRespondBy: T0,
        }),
    ],
    // Regressions: a reviewer restored each of these edits successfully before.
    [
      'remedyWithinLimit',
      'refunded',
      (c) => {
        if (c.decision?.closure.kind === 'monetaryRemedy') c.decision.closure.amount.amount = 1e7;
      },
    ],
    [
      'remedyWithinLimit',
      'approved',
      (c) => {
        if (c.decision?.closure.kind === 'monetaryRemedy')
          c.decision.closure.amount.currency = 'USD';
      },
    ],
    [
      'remedyWithinLimit',
      'refunded',
      (c) => {
        if (c.decision) c.decision.limit = null;
      },
    ],
    [
      'remedyWithinLimit',
      'decided',
      (c) => {
        if (c.decision) c.decision.limit = { amount: 5_000, currency: 'EUR' };
      },
    ],
    ['independentHandlers', 'investigating', (c) => (c.independentHandler = true)],
    ['milestonesInOrder', 'closed', (c) => (c.milestones.acknowledgedAt = T0 - 1)],
    [
      'milestonesInOrder',
      'decided',
      (c) => {
        if (c.lastChange) c.lastChange.at = T0;
      },
    ],
  ];
  it.each(cases)('%s: tampered %s snapshot', (name, state, change) => {
    const original = reached[state]();
    expect(restoreSnapshot(m, JSON.parse(JSON.stringify(original))).ok).toBe(true);
    const problems = rejected(tampered(original, change));
    expect(problems.some((p) => p.startsWith(`breaks invariant '${name}': `))).toBe(true);
  });

  it('the table covers every invariant of the machine', () => {
    const declared = Object.keys(m.definition.invariants ?? {});
    expect(new Set(cases.map(([name]) => name))).toEqual(new Set(declared));
  });
});

describe('reachable snapshots keep every invariant (property)', () => {
  it('every snapshot reached by any event sequence restores, and no rule throws or breaks one', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(events, (list) => {
        let snap = initialSnapshot(m);
        for (const event of list) {
          const result = transition(m, snap, event);
          if (!result.ok) {
            expect(['RULE_THREW', 'UPDATE_FAILED']).not.toContain(result.error.code);
            continue;
          }
          snap = result.snapshot;
          seen.add(snap.state);
          const restored = restoreSnapshot(m, JSON.parse(JSON.stringify(snap)));
          if (!restored.ok) throw new Error(restored.error.message);
          expect(restored.snapshot).toEqual(snap);
        }
      }),
      {
        numRuns: 250,
        // One known run through every state, so the check below never depends on luck.
        examples: [
          [
            [
              receive(),
              ack(),
              assess(),
              refund(12_000),
              approve,
              communicate,
              reject,
              { type: 'RECONSIDER', at: at(7), by: 'ana' },
              { type: 'RESPOND', at: at(8), by: 'ana', closure: { kind: 'withdrawn' } },
              { type: 'COMMUNICATE_DECISION', at: at(9), by: 'ana' },
            ],
          ],
        ],
      },
    );
    // The generator must reach every state, or the property proves less than it claims.
    expect([...seen].sort()).toEqual(m.states.filter((s) => s !== 'new').sort());
  });

  // A London office calendar, so the deadline invariant is checked against working-time
  // arithmetic across weekends and the clock changes, not only against calendar time.
  const office: [string, string][] = [['09:00', '17:00']];
  const london = businessCalendar({
    timeZone: 'Europe/London',
    week: { mon: office, tue: office, wed: office, thu: office, fri: office },
  });
  it.each([
    ['UK Housing Ombudsman (two stages, independent handler)', housingOmbudsmanPolicy(), undefined],
    ['UK Housing Ombudsman on a London calendar', housingOmbudsmanPolicy(), london],
    ['FCA DISP', fcaDispPolicy, undefined],
    ['FCA DISP on a London calendar', fcaDispPolicy, london],
  ])('%s: reached snapshots keep the policy invariants too', (_, policy, calendar) => {
    const staged = createComplaintCase(calendar === undefined ? { policy } : { policy, calendar });
    const stages = new Set<number>();
    fc.assert(
      fc.property(fc.oneof(events, stagedEvents), (list) => {
        let snap = initialSnapshot(staged);
        for (const event of list) {
          const result = transition(staged, snap, event as never);
          if (!result.ok) {
            expect(['RULE_THREW', 'UPDATE_FAILED']).not.toContain(result.error.code);
            continue;
          }
          snap = result.snapshot;
          stages.add(snap.context.stage);
          const restored = restoreSnapshot(staged, JSON.parse(JSON.stringify(snap)));
          if (!restored.ok) throw new Error(restored.error.message);
        }
      }),
      { numRuns: 200 },
    );
    // The staged generator must take cases past stage 1, or the property proves less than it claims.
    expect([...stages].sort()).toEqual(policy.stages.map((_, i) => i + 1));
  });

  it('the final snapshot of a fold restores too', () => {
    fc.assert(
      fc.property(events, (list) => {
        expect(restoreSnapshot(m, JSON.parse(JSON.stringify(fold(list)))).ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('conversation presets declare invariants too', () => {
  const restores = (machine: AnyMachine, value: unknown) => restoreSnapshot(machine, value).ok;
  /** Each event one minute after the one before. */
  const timed = <const E extends object>(events: readonly E[]) =>
    events.map((event, i) => ({ ...event, at: i * 60_000 }));

  it('complaintFlow: closed only when documented, rejections within proposals', () => {
    const closed = replayOrThrow(
      complaintFlow,
      timed([
        { type: 'APOLOGIZE' },
        { type: 'INVESTIGATE' },
        { type: 'PROPOSE_SOLUTION', solution: 'Refund' },
        { type: 'ACCEPT' },
        { type: 'FOLLOW_UP', satisfied: true },
        { type: 'DOCUMENT', record: 'Refunded' },
        { type: 'CLOSE' },
      ]),
    );
    expect(restores(complaintFlow, closed)).toBe(true);
    const undocumented = { ...closed, context: { ...closed.context, documentation: null } };
    const result = restoreSnapshot(complaintFlow, undocumented);
    expect(result.ok || result.error.message).toContain("invariant 'closedIsDocumented'");
    expect(
      restores(complaintFlow, { ...closed, context: { ...closed.context, rejections: 2 } }),
    ).toBe(false);
    expect(
      restores(complaintFlow, {
        ...closed,
        state: 'escalated',
        status: 'active',
        context: { ...closed.context, escalatedTo: null },
      }),
    ).toBe(false);
  });

  it('difficultCustomerFlow and problemResolutionFlow keep what each step found', () => {
    const resolving = replayOrThrow(
      difficultCustomerFlow,
      timed([
        { type: 'LISTEN' },
        { type: 'EMPATHIZE' },
        { type: 'RESOLVE', approach: 'resolution', detail: 'Refund' },
      ]),
    );
    expect(restores(difficultCustomerFlow, resolving)).toBe(true);
    expect(
      restores(difficultCustomerFlow, {
        ...resolving,
        context: { ...resolving.context, detail: null },
      }),
    ).toBe(false);
    const resolved = replayOrThrow(
      problemResolutionFlow,
      timed([
        { type: 'IDENTIFY', cause: 'Late' },
        { type: 'FORMULATE', specifics: 'Missed a birthday' },
        { type: 'COMMUNICATE', solution: 'Gift card', compromise: false },
        { type: 'FOLLOW_UP' },
        { type: 'CONFIRM', implemented: true },
      ]),
    );
    expect(restores(problemResolutionFlow, resolved)).toBe(true);
    for (const key of ['cause', 'specifics', 'solution'] as const) {
      expect(
        restores(problemResolutionFlow, {
          ...resolved,
          context: { ...resolved.context, [key]: null },
        }),
      ).toBe(false);
    }
  });
});

describe('a case keeps the rules it was decided under when the options change (regression)', () => {
  const stored = (snap: Snap) => JSON.parse(JSON.stringify(snap));
  const accepts = (machine: ReturnType<typeof createComplaintCase>, snap: unknown, event: Ev) => {
    const restored = restoreSnapshot(machine, snap);
    if (!restored.ok) throw new Error(restored.error.message);
    const next = transition(machine, restored.snapshot, event);
    if (!next.ok) throw new Error(next.error.message);
    return next.snapshot;
  };

  it('a remedy within the agent limit stands after the limits are lowered', () => {
    const decided = run([receive(), ack(), assess(), refund(4_000)]);
    expect(decided.state).toBe('decided');
    expect(decided.context.decision?.limit).toEqual({ amount: 5_000, currency: 'EUR' });
    const stricter = createComplaintCase({
      limits: {
        currency: 'EUR',
        amounts: { bot: 0, agent: 3_000, supervisor: 9_000, manager: 90_000 },
      },
    });
    const next = accepts(stricter, stored(decided), communicate);
    expect(next.state).toBe('communicated');
    // A new decision is judged against the new limits.
    const fresh = transition(stricter, initialSnapshot(stricter), receive());
    expect(fresh.ok).toBe(true);
  });

  it('a remedy awaiting approval is not approved across currencies after the limits move to GBP', () => {
    const waiting = run([receive(), ack(), assess(), refund(90_000)]);
    expect(waiting.state).toBe('awaitingApproval');
    const pounds = createComplaintCase({
      limits: {
        currency: 'GBP',
        amounts: { bot: 0, agent: 5_000, supervisor: 25_000, manager: 100_000 },
      },
    });
    const restored = restoreSnapshot(pounds, stored(waiting));
    if (!restored.ok) throw new Error(restored.error.message);
    const approval = transition(pounds, restored.snapshot, {
      type: 'APPROVE_REMEDY',
      at: at(4),
      by: 'max',
      level: 'manager',
    });
    expect(!approval.ok && approval.error.reason?.code).toBe('CURRENCY_MISMATCH');
    expect(!approval.ok && approval.error.message).toContain(
      'decline it and decide it again in GBP',
    );
    expect(
      accepts(pounds, stored(waiting), { type: 'DECLINE_REMEDY', at: at(4), by: 'max', note: 'n' })
        .state,
    ).toBe('investigating');
  });

  it('a case received before a new bank holiday was announced still restores and moves on', () => {
    const office: [string, string][] = [['09:00', '17:00']];
    const week = { mon: office, tue: office, wed: office, thu: office, fri: office };
    const before = createComplaintCase({
      calendar: businessCalendar({ timeZone: 'Europe/London', week }),
    });
    const after = createComplaintCase({
      calendar: businessCalendar({
        timeZone: 'Europe/London',
        week,
        holidays: ['2028-03-01'],
      }),
    });
    const received = run([receive(), ack()], initialSnapshot(before) as Snap);
    const next = accepts(after, stored(received), {
      type: 'CONTACT',
      at: T0 + 2 * MIN,
      by: 'ana',
      direction: 'toCustomer',
    });
    expect(next.context.due).toEqual(received.context.due);
  });

  it('a stage keeps the independence rule it began with', () => {
    const housing = housingOmbudsmanPolicy();
    const [first, second] = housing.stages;
    const lenient = { ...housing, stages: [first, { ...second, independentHandler: false }] };
    const relaxed = createComplaintCase({ policy: lenient as never });
    const strict = createComplaintCase({ policy: housing });
    const toStage2 = (machine: typeof relaxed, owner: string) => {
      let snap = initialSnapshot(machine);
      for (const event of [
        receive(),
        ack(),
        assess(),
        explained,
        communicate,
        reject,
        {
          type: 'ESCALATE_STAGE',
          at: at(7),
          by: 'customer',
          owner: { id: owner, level: 'manager' },
        },
      ] as Ev[]) {
        const r = transition(machine, snap, event);
        if (!r.ok) throw new Error(r.error.message);
        snap = r.snapshot;
      }
      return snap;
    };
    // Begun without the rule: ana may keep handling stage 2 after the policy gains it.
    const begunLenient = toStage2(relaxed, 'ana');
    expect(begunLenient.context.independentHandler).toBe(false);
    expect(accepts(strict, stored(begunLenient as Snap), ack(at(8), 'ana')).state).toBe(
      'acknowledged',
    );
    // Begun with it: ana stays excluded after the policy drops it.
    const begunStrict = toStage2(strict, 'mo');
    expect(begunStrict.context.independentHandler).toBe(true);
    const restored = restoreSnapshot(relaxed, stored(begunStrict as Snap));
    expect(restored.ok).toBe(true);
    if (restored.ok) {
      const taken = transition(relaxed, restored.snapshot, {
        type: 'REASSIGN',
        at: at(8),
        by: 'mo',
        owner: 'ana',
      });
      expect(!taken.ok && taken.error.reason?.code).toBe('NOT_INDEPENDENT');
    }
  });
});
