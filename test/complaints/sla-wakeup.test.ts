import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessmentPriority,
  createComplaintCase,
  deadlineCheckActor,
  iso10002Lifecycle,
  overdue,
  type SlaPolicy,
} from '../../src/complaints/index.js';
import { initialSnapshot, nextWakeUp, transition } from '../../src/index.js';
import { events, fold, rating } from './arbitraries.js';
import { ack, assess, DAY, type Ev, MIN, receive, refuse, run, type Snap, T0 } from './helpers.js';

const HOUR = 3_600_000;
const policies: SlaPolicy[] = [
  {
    name: 'critical',
    when: { priority: ['critical'] },
    targets: {
      firstResponse: { within: HOUR, hours: 'calendar' },
      resolution: { within: 24 * HOUR, hours: 'calendar', pausedIn: ['communicated'] },
    },
  },
  {
    name: 'chat',
    when: { channel: ['chat'] },
    targets: { firstResponse: { within: 10 * MIN, hours: 'calendar', warning: 5 * MIN } },
  },
  {
    name: 'standard',
    targets: {
      firstResponse: { within: 8 * HOUR, hours: 'calendar', warning: 6 * HOUR },
      nextResponse: { within: 4 * HOUR, hours: 'calendar' },
      periodicUpdate: { within: 2 * DAY, hours: 'calendar' },
      resolution: {
        within: 5 * DAY,
        hours: 'calendar',
        pausedIn: ['communicated', 'openWithRecourse'],
      },
    },
  },
];
const desk = createComplaintCase({ sla: { policies } });
const go = (events: readonly Ev[], from: Snap = initialSnapshot(desk) as Snap): Snap => {
  let snap = from;
  for (const e of events) {
    const r = transition(desk, snap, e);
    if (!r.ok) throw new Error(`${e.type}: ${r.error.message}`);
    snap = r.snapshot as Snap;
  }
  return snap;
};

describe('SLA policies on a complaint case', () => {
  it('the first matching policy applies, and is chosen again at assessment', () => {
    expect(go([receive({ channel: 'chat' })]).context.sla?.policy).toBe('chat');
    const web = go([receive()]);
    expect(web.context.sla?.policy).toBe('standard');
    expect(web.context.sla?.entries.firstResponse?.breachAt).toBe(T0 + 8 * HOUR);
    const urgent = go([ack(), assess({ safety: 'high' })], web);
    expect(urgent.context.priority).toBe('critical');
    expect(urgent.context.sla?.policy).toBe('critical');
    // The resolution clock keeps the time it counted, against the new target.
    expect(urgent.context.sla?.entries.resolution?.breachAt).toBe(T0 + 24 * HOUR);
  });

  it('responses stop the response clocks; waiting on the customer pauses resolution', () => {
    const snap = go([
      receive(),
      ack(T0 + HOUR),
      assess({ at: T0 + 90 * MIN }),
      { type: 'CONTACT', at: T0 + 2 * HOUR, by: 'customer', direction: 'fromCustomer' },
    ]);
    expect(snap.context.sla?.entries.firstResponse?.clock.state).toBe('stopped');
    expect(snap.context.sla?.entries.nextResponse?.breachAt).toBe(T0 + 6 * HOUR);
    expect(overdue(snap, T0 + 7 * HOUR)).toEqual([
      { deadline: 'nextResponse', dueAt: T0 + 6 * HOUR, metAt: null, lateByMs: HOUR },
    ]);
    const communicated = go(
      [
        {
          type: 'RESPOND',
          at: T0 + 3 * HOUR,
          by: 'ana',
          closure: { kind: 'explained', explanation: 'e' },
        },
        { type: 'COMMUNICATE_DECISION', at: T0 + 8 * HOUR, by: 'ana' },
      ],
      snap,
    );
    const next = communicated.context.sla?.entries.nextResponse;
    expect(next?.clock.state).toBe('stopped');
    expect(overdue(communicated, T0 + 9 * HOUR)).toEqual([
      { deadline: 'nextResponse', dueAt: T0 + 6 * HOUR, metAt: T0 + 8 * HOUR, lateByMs: 2 * HOUR },
    ]);
    expect(communicated.context.sla?.entries.resolution?.clock.state).toBe('paused');
    expect(communicated.context.sla?.entries.resolution?.breachAt).toBeNull();
  });

  it('a bot owner’s replies stop no response clock; a person’s reply does (regression)', () => {
    const botCase = go([receive({ owner: { id: 'helpbot', level: 'bot' } })]);
    const before = botCase.context.sla?.entries.firstResponse;
    const afterBot = go(
      [
        { type: 'CONTACT', at: T0 + MIN, by: 'HelpBot', direction: 'toCustomer' },
        ack(T0 + 2 * MIN, 'helpbot'),
      ],
      botCase,
    );
    expect(afterBot.context.milestones.acknowledgedAt).toBe(T0 + 2 * MIN);
    expect(afterBot.context.sla?.entries.firstResponse?.clock.state).toBe('running');
    expect(afterBot.context.sla?.entries.firstResponse?.breachAt).toBe(before?.breachAt);
    const person = go(
      [{ type: 'CONTACT', at: T0 + 3 * MIN, by: 'ana', direction: 'toCustomer' }],
      afterBot,
    );
    expect(person.context.sla?.entries.firstResponse?.clock.state).toBe('stopped');
  });

  it('the bot a case was handed over from still stops no clock when it posts again', () => {
    const handed = go([
      receive({ owner: { id: 'helpbot', level: 'bot' } }),
      {
        type: 'ESCALATE',
        at: T0 + MIN,
        by: 'helpbot',
        to: { id: 'ana', level: 'agent' },
        trigger: { kind: 'askedForHuman' },
        reason: 'WANTS_HUMAN',
        handoff: { summary: 'Kettle leaks', stepsAttempted: [] },
      },
      { type: 'CONTACT', at: T0 + 2 * MIN, by: 'helpbot', direction: 'toCustomer' },
    ]);
    expect(handed.context.owner?.id).toBe('ana');
    expect(handed.context.sla?.entries.firstResponse?.clock.state).toBe('running');
    const person = go(
      [{ type: 'CONTACT', at: T0 + 3 * MIN, by: 'ana', direction: 'toCustomer' }],
      handed,
    );
    expect(person.context.sla?.entries.firstResponse?.clock.state).toBe('stopped');
  });

  it('a bot stays a bot after further hand-overs and after a reassignment to another bot', () => {
    const further = go([
      receive({ owner: { id: 'helpbot', level: 'bot' } }),
      {
        type: 'ESCALATE',
        at: T0 + MIN,
        by: 'helpbot',
        to: { id: 'ana', level: 'agent' },
        trigger: { kind: 'askedForHuman' },
        reason: 'WANTS_HUMAN',
        handoff: { summary: 'Kettle leaks', stepsAttempted: [] },
      },
      {
        type: 'ESCALATE',
        at: T0 + 2 * MIN,
        by: 'ana',
        to: { id: 'sue', level: 'supervisor' },
        trigger: { kind: 'askedForHuman' },
        reason: 'WANTS_SENIOR',
        handoff: { summary: 'Kettle leaks', stepsAttempted: [] },
      },
      { type: 'CONTACT', at: T0 + 3 * MIN, by: 'HelpBot', direction: 'toCustomer' },
    ]);
    expect(further.context.owner?.id).toBe('sue');
    expect(further.context.bots).toEqual(['helpbot']);
    expect(further.context.sla?.entries.firstResponse?.clock.state).toBe('running');
    const reassigned = go([
      receive({ owner: { id: 'bot-1', level: 'bot' } }),
      { type: 'REASSIGN', at: T0 + MIN, by: 'bot-1', owner: 'bot-2' },
      { type: 'CONTACT', at: T0 + 2 * MIN, by: 'bot-1', direction: 'toCustomer' },
      { type: 'CONTACT', at: T0 + 3 * MIN, by: 'bot-2', direction: 'toCustomer' },
    ]);
    expect(reassigned.context.bots).toEqual(['bot-1', 'bot-2']);
    expect(reassigned.context.sla?.entries.firstResponse?.clock.state).toBe('running');
  });

  it('property: however many replies a bot owner sends, the first-response clock keeps running', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 * 60 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (minutes, acknowledge) => {
          const times = [...new Set(minutes)].sort((a, b) => a - b);
          const replies: Ev[] = times.map((m, i) =>
            acknowledge && i === 0
              ? ack(T0 + m * MIN, 'helpbot')
              : { type: 'CONTACT', at: T0 + m * MIN, by: 'helpbot', direction: 'toCustomer' },
          );
          const snap = go([receive({ owner: { id: 'helpbot', level: 'bot' } }), ...replies]);
          const entry = snap.context.sla?.entries.firstResponse;
          expect(entry?.clock.state).toBe('running');
          expect(entry?.breachAt).toBe(T0 + 8 * HOUR);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('pausedIn must name states of the case; bad policies are a UsageError', () => {
    expect(() =>
      createComplaintCase({
        sla: {
          policies: [
            {
              name: 'p',
              targets: { resolution: { within: 1, hours: 'calendar', pausedIn: ['waiting'] } },
            },
          ],
        },
      }),
    ).toThrow('"waiting" is not a state of the complaint case');
    expect(() =>
      createComplaintCase({
        sla: {
          policies: [{ name: 'p', targets: { resolution: { within: 0, hours: 'calendar' } } }],
        },
      }),
    ).toThrow('a time must be more than 0 milliseconds');
  });

  it('the tracker stays the same size however long the case runs (property)', () => {
    fc.assert(
      fc.property(events, (list) => {
        const snap = fold(list, undefined, desk);
        const size = JSON.stringify(snap.context.sla ?? {}).length;
        expect(size).toBeLessThan(2_000);
      }),
      { numRuns: 100 },
    );
  });
});

describe('nextWakeUp on a complaint case', () => {
  it('wakes at the first breach with a CHECK_DEADLINES event that records it', () => {
    const snap = run([receive()]);
    const wake = nextWakeUp(iso10002Lifecycle, snap);
    expect(wake).toEqual({
      at: T0 + 5 * DAY + 1,
      event: { type: 'CHECK_DEADLINES', at: T0 + 5 * DAY + 1, by: deadlineCheckActor },
      reason: 'complaint.acknowledgement.breach',
    });
    const checked = run([wake?.event as Ev], snap);
    expect(checked.context.noticed.acknowledgement).toBe(T0 + 5 * DAY);
    expect(nextWakeUp(iso10002Lifecycle, checked)?.reason).toBe('complaint.response.breach');
    expect(nextWakeUp(iso10002Lifecycle, initialSnapshot(iso10002Lifecycle))).toBeUndefined();
  });

  it('SLA warnings come before breaches', () => {
    const snap = go([receive()]);
    expect(nextWakeUp(desk, snap)).toMatchObject({
      at: T0 + 6 * HOUR,
      reason: 'complaint.sla.firstResponse.warning',
    });
  });

  it('a check dated before the latest change is refused and changes nothing', () => {
    const snap = run([receive(), ack(T0 + HOUR)]);
    const issue = refuse(iso10002Lifecycle, snap, {
      type: 'CHECK_DEADLINES',
      at: T0,
      by: deadlineCheckActor,
    });
    expect(issue.reason?.code).toBe('OUT_OF_ORDER');
  });

  for (const [name, machine] of [
    ['iso10002Lifecycle', iso10002Lifecycle],
    ['a case with SLA policies', desk],
  ] as const) {
    it(`${name}: the wake-up is never before the latest event, is accepted, and moves strictly later (property)`, () => {
      let woken = 0;
      fc.assert(
        fc.property(events, (list) => {
          fold(
            list,
            (_before, after) => {
              let snap = after;
              for (let i = 0; i < 6; i++) {
                const wake = nextWakeUp(machine, snap);
                if (wake === undefined) return;
                woken += 1;
                expect(wake.at).toBeGreaterThanOrEqual(snap.context.lastChange?.at ?? 0);
                const result = transition(machine, snap, wake.event as Ev);
                expect(result.ok).toBe(true);
                if (!result.ok) return;
                const next = nextWakeUp(machine, result.snapshot);
                if (next !== undefined) expect(next.at).toBeGreaterThan(wake.at);
                snap = result.snapshot as Snap;
              }
            },
            machine,
          );
        }),
        { numRuns: 60 },
      );
      expect(woken).toBeGreaterThan(0);
    }, 60_000);
  }
});

describe('safety is its own criterion of the initial assessment (issue #15)', () => {
  it('a high safety risk takes the urgent track, whatever the severity', () => {
    const snap = run([
      receive(),
      ack(),
      assess({ severity: 'low', urgency: 'low', safety: 'high' }),
    ]);
    expect(snap.context.assessment?.safety).toBe('high');
    expect(snap.context.track).toBe('urgent');
    expect(snap.context.priority).toBe('critical');
    expect(snap.context.due?.respondBy).toBe(T0 + DAY);
  });

  it('an assessment without safety is INVALID_PAYLOAD and changes nothing', () => {
    const snap = run([receive(), ack()]);
    const { safety: _s, ...noSafety } = assess() as Extract<Ev, { type: 'ASSESS' }>;
    const issue = refuse(iso10002Lifecycle, snap, noSafety);
    expect(issue.code).toBe('INVALID_PAYLOAD');
    expect(issue.message).toContain('safety');
  });

  it('a safety risk is at least as urgent as the same severity; priority is the top criterion (property)', () => {
    const order = ['low', 'medium', 'high', 'critical'];
    fc.assert(
      fc.property(rating, rating, rating, (severity, urgency, safety) => {
        const p = order.indexOf(assessmentPriority({ severity, urgency, safety }));
        expect(p).toBeGreaterThanOrEqual(order.indexOf(severity));
        expect(p).toBeGreaterThanOrEqual(order.indexOf(urgency));
        expect(p).toBeGreaterThanOrEqual(order.indexOf(safety));
        // Swapping severity and safety never lowers the priority of the safety reading.
        const asSeverity = order.indexOf(
          assessmentPriority({ severity: safety, urgency, safety: severity }),
        );
        if (order.indexOf(safety) >= order.indexOf(severity))
          expect(p).toBeGreaterThanOrEqual(asSeverity);
      }),
    );
  });
});
