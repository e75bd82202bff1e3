import { describe, expect, it } from 'vitest';
import {
  type ComplaintRule,
  complaintRuleOf,
  createComplaintCase,
  type EscalationTrigger,
  iso10002Lifecycle,
} from '../../src/complaints/index.js';
import { initialSnapshot, nextEvents, transition } from '../../src/index.js';
import { ack, assess, type Ev, MIN, receive, refuse, run, type Snap, T0 } from './helpers.js';

const escalate = (
  trigger: EscalationTrigger,
  level: Extract<Ev, { type: 'ESCALATE' }>['to']['level'] = 'supervisor',
  at = T0 + 10 * MIN,
): Ev => ({
  type: 'ESCALATE',
  at,
  by: 'ana',
  to: { id: 'sue', level },
  trigger,
  reason: 'NEEDS_SENIOR',
  handoff: { summary: 'Kettle leaks; wants refund', stepsAttempted: ['checked order'] },
});
const investigating = (): Snap => run([receive(), ack(), assess()]);
const failTwice = (snap: Snap): Snap =>
  run(
    [
      { type: 'ATTEMPT_FAILED', at: T0 + 3 * MIN, by: 'ana' },
      { type: 'ATTEMPT_FAILED', at: T0 + 4 * MIN, by: 'ana', note: 'voucher declined' },
    ],
    snap,
  );

describe('escalation triggers', () => {
  it('asked for a human: always allowed, owner and level change, attempts reset', () => {
    const snap = run([escalate({ kind: 'askedForHuman' })], failTwice(investigating()));
    expect(snap.state).toBe('investigating');
    expect(snap.context).toMatchObject({
      owner: { id: 'sue', level: 'supervisor' },
      failedAttempts: 0,
      escalations: 1,
    });
  });

  it('failed attempts: allowed only once the limit is reached', () => {
    const once = run([{ type: 'ATTEMPT_FAILED', at: T0 + 3 * MIN, by: 'ana' }], investigating());
    expect(
      complaintRuleOf(refuse(iso10002Lifecycle, once, escalate({ kind: 'failedAttempts' })))?.code,
    ).toBe('TRIGGER_NOT_MET');
    expect(
      run([escalate({ kind: 'failedAttempts' })], failTwice(investigating())).context.owner?.level,
    ).toBe('supervisor');
  });

  it('low confidence: must be below the threshold', () => {
    expect(
      run([escalate({ kind: 'lowConfidence', confidence: 0.2 })], investigating()).context
        .escalations,
    ).toBe(1);
    const issue = refuse(
      iso10002Lifecycle,
      investigating(),
      escalate({ kind: 'lowConfidence', confidence: 0.5 }),
    );
    expect(issue.message).toContain(
      "Trigger 'lowConfidence' does not apply: confidence 0.5 is not below the threshold 0.5.",
    );
    expect(issue.reason?.details).toEqual({
      trigger: 'lowConfidence',
      confidence: 0.5,
      threshold: 0.5,
    });
  });

  it('restricted topic: any topic by default, a listed one when configured', () => {
    expect(
      run([escalate({ kind: 'restrictedTopic', topic: 'legal' })], investigating()).context
        .escalations,
    ).toBe(1);
    const desk = createComplaintCase({ restrictedTopics: ['legal', 'safety'] });
    let snap = initialSnapshot(desk);
    for (const e of [receive(), ack(), assess()]) {
      const r = transition(desk, snap, e);
      if (r.ok) snap = r.snapshot;
    }
    expect(snap.state).toBe('investigating');
    expect(
      complaintRuleOf(refuse(desk, snap, escalate({ kind: 'restrictedTopic', topic: 'billing' })))
        ?.code,
    ).toBe('TRIGGER_NOT_MET');
    expect(transition(desk, snap, escalate({ kind: 'restrictedTopic', topic: 'safety' })).ok).toBe(
      true,
    );
  });

  it('dissatisfied after resolution: only after a rejected decision', () => {
    expect(
      complaintRuleOf(
        refuse(
          iso10002Lifecycle,
          investigating(),
          escalate({ kind: 'dissatisfiedAfterResolution' }),
        ),
      )?.code,
    ).toBe('TRIGGER_NOT_MET');
  });
});

describe('escalation rules', () => {
  it('escalating without a trigger or reason is an invalid payload', () => {
    const { trigger: _t, ...noTrigger } = escalate({ kind: 'askedForHuman' }) as Extract<
      Ev,
      { type: 'ESCALATE' }
    >;
    const issue = refuse(iso10002Lifecycle, investigating(), noTrigger);
    expect(issue.code).toBe('INVALID_PAYLOAD');
    expect(issue.message).toContain('trigger');
    const noReason = refuse(iso10002Lifecycle, investigating(), {
      ...escalate({ kind: 'askedForHuman' }),
      reason: '',
    });
    expect(noReason.message).toContain('A reason code is a short token');
    const noSummary = refuse(iso10002Lifecycle, investigating(), {
      ...escalate({ kind: 'askedForHuman' }),
      handoff: { summary: ' ', stepsAttempted: [] },
    });
    expect(noSummary.message).toContain('The handoff needs a summary for the next owner.');
  });

  it.each<[Extract<Ev, { type: 'ESCALATE' }>['to']['level'], ComplaintRule]>([
    ['agent', 'LEVEL_NOT_HIGHER'],
    ['bot', 'LEVEL_NOT_HIGHER'],
  ])('escalating to %s from agent is refused', (level, rule) => {
    const issue = refuse(
      iso10002Lifecycle,
      investigating(),
      escalate({ kind: 'askedForHuman' }, level),
    );
    expect(issue.reason?.code).toBe(rule);
    expect(issue.reason?.details).toEqual({
      from: 'agent',
      to: level,
      higher: ['supervisor', 'manager', 'external'],
    });
    expect(issue.message).toContain('choose one of: supervisor, manager, external');
  });

  it('nothing is above the top of the ladder', () => {
    const top = run([escalate({ kind: 'askedForHuman' }, 'external')], investigating());
    const issue = refuse(
      iso10002Lifecycle,
      top,
      escalate({ kind: 'askedForHuman' }, 'external', T0 + 11 * MIN),
    );
    expect(issue.reason).toEqual({
      code: 'LADDER_TOP',
      message:
        "The complaint is already at the top level 'external'; there is no one to escalate it to.",
      details: { level: 'external' },
    });
    // Nothing can be escalated at the top, whatever the payload: nextEvents leaves ESCALATE out.
    expect(nextEvents(iso10002Lifecycle, top)).not.toContain('ESCALATE');
    expect(nextEvents(iso10002Lifecycle, investigating())).toContain('ESCALATE');
  });

  it('a bot can escalate straight after receipt', () => {
    const snap = run([
      receive({ owner: { id: 'bot-1', level: 'bot' } }),
      escalate({ kind: 'askedForHuman' }, 'agent', T0 + 1),
    ]);
    expect(snap.state).toBe('received');
    expect(snap.context.owner).toEqual({ id: 'sue', level: 'agent' });
  });

  it('complaintRuleOf reads plain fields only and ignores other issues and codes', () => {
    expect(complaintRuleOf({ code: 'EVENT_NOT_ALLOWED' })).toBeUndefined();
    expect(
      complaintRuleOf({ code: 'REFUSED', reason: { code: 'INSUFFICIENT_POINTS', message: 'x' } }),
    ).toBeUndefined();
    expect(
      complaintRuleOf({ code: 'GUARD_REJECTED', reason: { code: 'LADDER_TOP', message: 'x' } }),
    ).toBeUndefined();
    // An issue that went through JSON (another process, another copy of the library) still reads.
    const top = run([escalate({ kind: 'askedForHuman' }, 'external')], investigating());
    const issue = refuse(iso10002Lifecycle, top, escalate({ kind: 'askedForHuman' }));
    const copy = JSON.parse(JSON.stringify(issue)) as typeof issue;
    expect(complaintRuleOf(copy)).toEqual(issue.reason);
    expect(complaintRuleOf(copy)?.code).toBe('LADDER_TOP');
  });
});
