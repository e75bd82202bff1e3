/**
 * A customer who asks for a person while a bot owns the case is handed to a person at every
 * stage that is not final, a pending or communicated decision included.
 */
import { describe, expect, it } from 'vitest';
import { iso10002Lifecycle } from '../../src/complaints/index.js';
import { nextEvents, restoreSnapshot } from '../../src/index.js';
import {
  ack,
  assess,
  type Ev,
  MIN,
  receive,
  refund,
  refuse,
  run,
  type Snap,
  T0,
} from './helpers.js';

const bot = { id: 'helpbot', level: 'bot' as const };
const askHuman = (at: number, kind: 'askedForHuman' | 'lowConfidence' = 'askedForHuman'): Ev => ({
  type: 'ESCALATE',
  at,
  by: 'helpbot',
  to: { id: 'ana', level: 'agent' },
  trigger: kind === 'askedForHuman' ? { kind } : { kind, confidence: 0.1 },
  reason: 'NEEDS_SENIOR',
  handoff: { summary: 'Customer wants a person', stepsAttempted: ['explained the refund'] },
});

/** A case a bot owns, moved to the given stage. */
function botCase(stage: 'awaitingApproval' | 'decided' | 'communicated'): Snap {
  const opened = run([
    receive({ owner: bot, by: 'chat' }),
    ack(T0 + MIN, 'helpbot'),
    assess({ by: 'helpbot' }),
  ]);
  if (stage === 'awaitingApproval') return run([refund(2_000, T0 + 3 * MIN, 'helpbot')], opened);
  const decided = run(
    [
      {
        type: 'RESPOND',
        at: T0 + 3 * MIN,
        by: 'helpbot',
        closure: { kind: 'explained', explanation: 'The kettle is within spec.' },
      } as Ev,
    ],
    opened,
  );
  if (stage === 'decided') return decided;
  return run([{ type: 'COMMUNICATE_DECISION', at: T0 + 4 * MIN, by: 'helpbot' }], decided);
}

describe('asking for a human while a bot owns the case', () => {
  it.each(['awaitingApproval', 'decided', 'communicated'] as const)(
    'is accepted in %s: a person investigates afresh (regression)',
    (stage) => {
      const before = botCase(stage);
      expect(before.state).toBe(stage);
      expect(nextEvents(iso10002Lifecycle, before)).toContain('ESCALATE');
      const after = run([askHuman(T0 + 10 * MIN)], before);
      expect(after.state).toBe('investigating');
      expect(after.context.owner).toEqual({ id: 'ana', level: 'agent' });
      expect(after.context.decision).toBeNull();
      expect(restoreSnapshot(iso10002Lifecycle, JSON.parse(JSON.stringify(after))).ok).toBe(true);
    },
  );

  it('only the request for a person escalates at these stages', () => {
    const issue = refuse(
      iso10002Lifecycle,
      botCase('decided'),
      askHuman(T0 + 10 * MIN, 'lowConfidence'),
    );
    expect(issue.reason?.code).toBe('TRIGGER_NOT_MET');
    expect(issue.message).toContain('only a customer');
  });

  it('a case a person owns is not escalated from a pending decision', () => {
    const human = run([
      receive(),
      ack(),
      assess(),
      {
        type: 'RESPOND',
        at: T0 + 3 * MIN,
        by: 'ana',
        closure: { kind: 'explained', explanation: 'The kettle is within spec.' },
      } as Ev,
    ]);
    expect(nextEvents(iso10002Lifecycle, human)).not.toContain('ESCALATE');
    const issue = refuse(iso10002Lifecycle, human, { ...askHuman(T0 + 10 * MIN), by: 'ana' });
    expect(issue.reason?.code).toBe('TRIGGER_NOT_MET');
    expect(issue.message).toContain('not by a bot');
  });
});
