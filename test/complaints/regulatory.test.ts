import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysToSameDateIn } from '../../src/complaints/deadline-clock.js';
import {
  createComplaintCase,
  fcaDispPolicy,
  housingOmbudsmanPolicy,
  iso10002Lifecycle,
} from '../../src/complaints/index.js';
import {
  initialSnapshot,
  isServicecraftError,
  nextEvents,
  restoreSnapshot,
  transition,
} from '../../src/index.js';
import { businessCalendar } from '../../src/time/index.js';
import { type Ev, refuse, type Snap } from './helpers.js';

const day: [string, string][] = [['09:00', '17:00']];
/** England and Wales bank holidays, 2026 (GOV.UK). */
const englandAndWales2026 = [
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
];
const uk = businessCalendar({
  timeZone: 'Europe/London',
  week: { mon: day, tue: day, wed: day, thu: day, fri: day },
  holidays: englandAndWales2026,
});
const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
/** Epoch ms of a London wall-clock time in 2026 (GMT before 29 March, BST from then to 25 October). */
const london = (month: number, date: number, hour: number, minute = 0) => {
  const bst = month > 3 || (month === 3 && date >= 29);
  return Date.UTC(2026, month - 1, date, hour - (bst && month < 11 ? 1 : 0), minute);
};

type M = ReturnType<typeof createComplaintCase>;
function run(machine: M, events: readonly Ev[], from: Snap = initialSnapshot(machine) as Snap) {
  let snap = from;
  for (const event of events) {
    const result = transition(machine, snap, event);
    if (!result.ok) throw new Error(`${event.type} refused: ${result.error.message}`);
    snap = result.snapshot as Snap;
  }
  return snap;
}
const receive = (at: number, owner = { id: 'ana', level: 'agent' as const }): Ev => ({
  type: 'RECEIVE',
  at,
  by: 'portal',
  id: 'HC-1',
  channel: 'web',
  summary: 'Damp in the bedroom, reported three times',
  remedySought: 'Repair and compensation',
  owner,
});
const assess = (at: number, by = 'ana'): Ev => ({
  type: 'ASSESS',
  at,
  by,
  severity: 'medium',
  complexity: 'medium',
  impact: 'low',
  urgency: 'medium',
  safety: 'low',
});

describe('working days with a UK calendar (regression: calendar days were counted)', () => {
  it('a complaint received Friday 6 March 2026 09:00 is acknowledged by the end of Friday 13 March', () => {
    // The default deadlines cite the Housing Ombudsman's Code: 5 working days. The day of receipt
    // never counts; the deadline is the end (17:00) of the 5th working day after it. The old code
    // counted 5 x 24 hours: Wednesday 11 March 09:00.
    const desk = createComplaintCase({ calendar: uk });
    const received = run(desk, [receive(london(3, 6, 9))]);
    expect(iso(received.context.due?.acknowledgeBy)).toBe('2026-03-13T17:00:00.000Z');
    expect(iso(received.context.due?.acknowledgeBy)).not.toBe('2026-03-11T09:00:00.000Z');
    // Until acknowledged, the response is due 10 working days after the latest acknowledgement.
    expect(iso(received.context.due?.respondBy)).toBe('2026-03-27T17:00:00.000Z');
    // The response counts 10 working days from the acknowledgement (Monday 9 March), not 10
    // calendar days from receipt (Monday 16 March).
    const acknowledged = run(
      desk,
      [{ type: 'ACKNOWLEDGE', at: london(3, 9, 10), by: 'ana' }],
      received,
    );
    expect(iso(acknowledged.context.due?.respondBy)).toBe('2026-03-23T17:00:00.000Z');
  });

  it('bank holidays and the change to summer time are respected', () => {
    const desk = createComplaintCase({ calendar: uk });
    // Wednesday 1 April 2026: Good Friday (3 April) and Easter Monday (6 April) do not count.
    const received = run(desk, [receive(london(4, 1, 15))]);
    expect(iso(received.context.due?.acknowledgeBy)).toBe('2026-04-10T16:00:00.000Z'); // 17:00 BST
  });

  it('the default 24/7 calendar counts a working day as 24 hours', () => {
    const t = Date.UTC(2026, 2, 6, 9);
    const snap = run(iso10002Lifecycle as M, [receive(t)]);
    expect(snap.context.due?.acknowledgeBy).toBe(t + 5 * 86_400_000);
  });

  it('a calendar that is not a valid business calendar is a UsageError naming the problem', () => {
    try {
      createComplaintCase({ calendar: { timeZone: 'Mars/Olympus', week: { mon: day } } as never });
      expect.unreachable();
    } catch (error) {
      expect(isServicecraftError(error, 'UsageError')).toBe(true);
      expect((error as Error).message).toContain('calendar.timeZone: Expected an IANA time zone');
    }
  });
});

describe('UK Housing Ombudsman Complaint Handling Code (2024) preset', () => {
  const code = createComplaintCase({ calendar: uk, policy: housingOmbudsmanPolicy() });
  const stage1 = () =>
    run(code, [
      receive(london(3, 6, 9)),
      { type: 'ACKNOWLEDGE', at: london(3, 9, 10), by: 'ana' },
      assess(london(3, 10, 11)),
    ]);

  it('cites its source', () => {
    expect(housingOmbudsmanPolicy().source).toMatch(
      /^Housing Ombudsman Service, Complaint Handling Code \(2024\)/,
    );
    expect(fcaDispPolicy.source).toMatch(/^Financial Conduct Authority Handbook, DISP 1\.5/);
  });

  it('one extension of up to 10 working days, with a reason, moves the response deadline', () => {
    const extended = run(
      code,
      [
        {
          type: 'EXTEND_DEADLINE',
          at: london(3, 19, 12),
          by: 'ana',
          reason: 'Waiting for a damp survey',
          workingDays: 5,
        },
      ],
      stage1(),
    );
    // Monday 23 March + 5 working days = Monday 30 March, 17:00 BST (summer time from 29 March).
    expect(iso(extended.context.due?.respondBy)).toBe('2026-03-30T16:00:00.000Z');
    expect(extended.context.extension).toMatchObject({
      workingDays: 5,
      previousRespondBy: london(3, 23, 17),
    });
    const again = refuse(code, extended, {
      type: 'EXTEND_DEADLINE',
      at: london(3, 20, 9),
      by: 'ana',
      reason: 'Still waiting',
      workingDays: 1,
    });
    expect(again.reason?.code).toBe('EXTENSION_USED');
    expect(again.message).toContain('allows one extension per stage');
    expect(nextEvents(code, extended)).not.toContain('EXTEND_DEADLINE');
  });

  it('an extension without a reason, or longer than allowed, is refused and changes nothing', () => {
    const snap = stage1();
    const at = london(3, 19, 12);
    const blank = refuse(code, snap, {
      type: 'EXTEND_DEADLINE',
      at,
      by: 'ana',
      reason: '  ',
      workingDays: 5,
    });
    expect(blank.code).toBe('INVALID_PAYLOAD');
    expect(blank.message).toContain('An extension needs a reason');
    const missing = refuse(code, snap, { type: 'EXTEND_DEADLINE', at, by: 'ana', workingDays: 5 });
    expect(missing.code).toBe('INVALID_PAYLOAD');
    const long = refuse(code, snap, {
      type: 'EXTEND_DEADLINE',
      at,
      by: 'ana',
      reason: 'Survey',
      workingDays: 11,
    });
    expect(long.reason?.code).toBe('EXTENSION_TOO_LONG');
    expect(long.message).toContain('at most 10 working days');
  });

  it('stage 2: 5 working days to acknowledge, 20 from the acknowledgement, another handler', () => {
    const communicated = run(
      code,
      [
        {
          type: 'RESPOND',
          at: london(3, 20, 10),
          by: 'ana',
          closure: { kind: 'explained', explanation: 'Repair booked' },
        },
        { type: 'COMMUNICATE_DECISION', at: london(3, 20, 11), by: 'ana' },
      ],
      stage1(),
    );
    const escalate = (owner: object) => ({
      type: 'ESCALATE_STAGE',
      at: london(4, 1, 11),
      by: 'resident',
      owner,
    });
    const same = refuse(code, communicated, escalate({ id: 'ANA', level: 'manager' }));
    expect(same.reason?.code).toBe('NOT_INDEPENDENT');
    const lower = refuse(code, communicated, escalate({ id: 'bo', level: 'bot' }));
    expect(lower.reason?.code).toBe('LEVEL_NOT_HIGHER');

    const stage2 = run(
      code,
      [
        {
          ...(escalate({ id: 'mo', level: 'manager' }) as Ev),
          note: 'The repair was not done',
        } as Ev,
      ],
      communicated,
    );
    expect(stage2.state).toBe('received');
    expect(stage2.context.stage).toBe(2);
    expect(stage2.context.earlierStages).toEqual([
      expect.objectContaining({
        stage: 1,
        handler: 'ana',
        decidedBy: 'ana',
        respondBy: london(3, 23, 17),
      }),
    ]);
    expect(stage2.context.lastEscalation).toMatchObject({
      reason: 'STAGE_2',
      to: { id: 'mo', level: 'manager' },
    });
    // Wednesday 1 April + 5 working days, Easter skipped: Friday 10 April, 17:00 BST.
    expect(iso(stage2.context.due?.acknowledgeBy)).toBe('2026-04-10T16:00:00.000Z');
    const acknowledged = run(
      code,
      [{ type: 'ACKNOWLEDGE', at: london(4, 2, 9, 30), by: 'mo' }],
      stage2,
    );
    // Thursday 2 April + 20 working days, skipping Easter Monday and the early May bank holiday.
    expect(iso(acknowledged.context.due?.respondBy)).toBe('2026-05-05T16:00:00.000Z');

    // The stage-1 handler may not take stage 2 over, nor decide it.
    const back = refuse(code, acknowledged, {
      type: 'REASSIGN',
      at: london(4, 3, 9),
      by: 'mo',
      owner: 'ana',
    });
    expect(back.reason?.code).toBe('NOT_INDEPENDENT');
    const investigating = run(code, [assess(london(4, 7, 9), 'mo')], acknowledged);
    const decidedByAna = refuse(code, investigating, {
      type: 'RESPOND',
      at: london(4, 7, 10),
      by: 'Ana',
      closure: { kind: 'explained', explanation: 'x' },
    });
    expect(decidedByAna.reason?.code).toBe('NOT_INDEPENDENT');
    // Regression: resolving at the outset decides the response too, and so does approving it.
    const outsetByAna = refuse(code, acknowledged, {
      ...assess(london(4, 7, 9), 'ANA'),
      resolvedAtOutset: { kind: 'explained', explanation: 'x' },
    });
    expect(outsetByAna.reason?.code).toBe('NOT_INDEPENDENT');
    expect(outsetByAna.message).toContain('cannot decide its response at stage 2');
    const overLimit = run(
      code,
      [
        {
          type: 'RESPOND',
          at: london(4, 7, 10),
          by: 'mo',
          closure: { kind: 'monetaryRemedy', amount: { amount: 300_000, currency: 'EUR' } },
        },
      ],
      investigating,
    );
    expect(overLimit.state).toBe('awaitingApproval');
    const approvedByAna = refuse(code, overLimit, {
      type: 'APPROVE_REMEDY',
      at: london(4, 7, 11),
      by: 'ana',
      level: 'manager',
    });
    expect(approvedByAna.reason?.code).toBe('NOT_INDEPENDENT');
    expect(approvedByAna.message).toContain('cannot approve its response at stage 2');
    // Regression: a stored stage-2 case handed back to the stage-1 handler does not restore.
    for (const edit of [
      (c: { owner: { id: string } }) => (c.owner.id = 'ana'),
      (c: { decision: { by: string } }) => (c.decision.by = 'Ana'),
    ]) {
      const copy = JSON.parse(JSON.stringify(overLimit));
      edit(copy.context as never);
      const restored = restoreSnapshot(code, copy);
      expect(restored.ok).toBe(false);
      if (!restored.ok) {
        expect(restored.error.message).toContain("breaks invariant 'independentHandlers'");
      }
    }

    // One stage-2 extension, by default up to 10 working days; configurable to 20.
    const extend = {
      type: 'EXTEND_DEADLINE',
      at: london(4, 8, 9),
      by: 'mo',
      reason: 'Expert report',
      workingDays: 15,
    } as const;
    expect(refuse(code, investigating, extend).reason?.code).toBe('EXTENSION_TOO_LONG');
    const lenient = createComplaintCase({
      calendar: uk,
      policy: housingOmbudsmanPolicy({ stage2ExtensionWorkingDays: 20 }),
    });
    expect(transition(lenient, investigating, extend).ok).toBe(true);

    // There is no stage 3.
    const done = run(
      code,
      [
        {
          type: 'RESPOND',
          at: london(4, 9, 10),
          by: 'mo',
          closure: { kind: 'explained', explanation: 'Repair done' },
        },
        { type: 'COMMUNICATE_DECISION', at: london(4, 9, 11), by: 'mo' },
      ],
      investigating,
    );
    const third = refuse(code, done, {
      type: 'ESCALATE_STAGE',
      at: london(4, 10, 9),
      by: 'resident',
      owner: { id: 'zed', level: 'external' },
    });
    expect(third.reason?.code).toBe('NO_FURTHER_STAGE');
    expect(nextEvents(code, done)).not.toContain('ESCALATE_STAGE');
  });

  it('the default one-stage policy has no further stage and no extension', () => {
    const desk = createComplaintCase({ calendar: uk });
    const snap = run(desk, [
      receive(london(3, 6, 9)),
      { type: 'ACKNOWLEDGE', at: london(3, 9, 10), by: 'ana' },
    ]);
    const issue = refuse(desk, snap, {
      type: 'EXTEND_DEADLINE',
      at: london(3, 9, 11),
      by: 'ana',
      reason: 'r',
      workingDays: 1,
    });
    expect(issue.reason?.code).toBe('NO_EXTENSION');
  });

  it('the stage-2 extension option is validated', () => {
    expect(() => housingOmbudsmanPolicy({ stage2ExtensionWorkingDays: 0 })).toThrow(
      'stage2ExtensionWorkingDays: stage2ExtensionWorkingDays must be at least 1',
    );
  });

  it('a policy and deadlines together are a UsageError', () => {
    expect(() =>
      createComplaintCase({ policy: fcaDispPolicy, deadlines: { acknowledge: 0 } }),
    ).toThrow('give either deadlines or a policy, not both');
  });
});

describe('UK FCA DISP preset', () => {
  const bank = createComplaintCase({ calendar: uk, policy: fcaDispPolicy });

  it('summary resolution by close of the third business day; final response within 8 weeks; referral within 6 months', () => {
    const received = run(bank, [receive(london(3, 5, 14))]); // Thursday 5 March 2026, 14:00
    // Friday 6, Monday 9, Tuesday 10: close of business on Tuesday 10 March.
    expect(iso(received.context.due?.summaryResolutionBy)).toBe('2026-03-10T17:00:00.000Z');
    // 8 weeks of receipt: Thursday 30 April, 14:00 BST.
    expect(iso(received.context.due?.respondBy)).toBe('2026-04-30T13:00:00.000Z');
    expect(received.context.due?.referralBy).toBeNull();
    const final = run(
      bank,
      [
        { type: 'ACKNOWLEDGE', at: london(3, 6, 9), by: 'ana' },
        assess(london(3, 6, 10)),
        {
          type: 'RESPOND',
          at: london(4, 20, 9),
          by: 'ana',
          closure: { kind: 'explained', explanation: 'The charge was correct' },
        },
        { type: 'COMMUNICATE_DECISION', at: london(4, 20, 10), by: 'ana' },
      ],
      received,
    );
    // Six months after the final response: Tuesday 20 October, 10:00 BST.
    expect(iso(final.context.due?.referralBy)).toBe('2026-10-20T09:00:00.000Z');
  });

  it('months end at the end of a shorter month', () => {
    const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
    expect(daysToSameDateIn(dayOf(2026, 8, 31), 6)).toBe(dayOf(2027, 2, 28) - dayOf(2026, 8, 31));
    expect(daysToSameDateIn(dayOf(2027, 8, 31), 6)).toBe(dayOf(2028, 2, 29) - dayOf(2027, 8, 31));
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 0, max: 120 }),
        (d, n) => {
          const start = new Date(d * 86_400_000);
          const target = new Date((d + daysToSameDateIn(d, n)) * 86_400_000);
          const months =
            (target.getUTCFullYear() - start.getUTCFullYear()) * 12 +
            target.getUTCMonth() -
            start.getUTCMonth();
          expect(months).toBe(n);
          expect(target.getUTCDate()).toBeLessThanOrEqual(start.getUTCDate());
        },
      ),
    );
  });
});
