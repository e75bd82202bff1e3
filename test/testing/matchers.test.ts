import { describe, expect, it } from 'vitest';
import { ritzThreeSteps } from '../../src/frameworks/index.js';
import {
  createFlow,
  initialSnapshot,
  isServicecraftError,
  replay,
  transition,
} from '../../src/index.js';
import { checkAccept } from '../../src/testing/index.js';
import { installMatchers } from '../../src/vitest/index.js';
import { steps, ticket } from '../core/fixtures.js';
import { door, pointsWallet } from './machines.js';

installMatchers(expect);

/** What a function throws. */
function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Runs an assertion that must fail and returns its message. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('The assertion passed, but it was expected to fail.');
}

const assign = { type: 'ASSIGN', agent: 'ana' } as const;

describe('toAccept', () => {
  it('passes when every event is accepted, and .not when one is refused', () => {
    expect(ticket).toAccept([assign, { type: 'SOLVE' }, { type: 'REOPEN' }]);
    expect(ticket).not.toAccept([{ type: 'SOLVE' }]);
    expect(steps).toAccept([{ type: 'NEXT' }], {
      from: { ...initialSnapshot(steps), state: 'askReferrals' },
    });
  });

  it('shows the path taken and what was accepted at the failing step', () => {
    expect(
      failure(() => expect(ticket).toAccept([assign, { type: 'SOLVE' }, { type: 'CLOSE' }])),
    ).toMatchInlineSnapshot(`
      "Expected machine 'ticket' to accept all 3 events, but event #3 (CLOSE) was refused in state 'solved' with GUARD_REJECTED:
        Event CLOSE was rejected in state 'solved': guard 'answered' returned false; events accepted now: REOPEN.
      Path taken:
        open --ASSIGN--> open --SOLVE--> solved --CLOSE--> (refused)
      Accepted in 'solved' now: REOPEN"
    `);
  });

  it('explains a failing .not', () => {
    expect(
      failure(() => expect(door).not.toAccept([{ type: 'OPEN' }, { type: 'CLOSE' }])),
    ).toMatchInlineSnapshot(`
      "Expected machine 'door' to refuse one of the 2 events, but it accepted them all and ended in 'closed'.
      Path taken:
        closed --OPEN--> open --CLOSE--> closed
      Accepted in 'closed' now: OPEN"
    `);
  });

  it('rejects a received value that is not a machine, with a UsageError', () => {
    expect(() => expect({ state: 'open' }).toAccept([])).toThrow(
      'toAccept expects a machine made by defineMachine as the received value, e.g. expect(machine).toAccept(...).',
    );
    expect(thrownBy(() => expect({ state: 'open' }).toAccept([]))).toSatisfy((e: unknown) =>
      isServicecraftError(e, 'UsageError'),
    );
  });

  it('names the refusal code of a REFUSED event', () => {
    expect(
      failure(() => expect(pointsWallet).toAccept([{ type: 'REDEEM', points: 5 }])),
    ).toMatchInlineSnapshot(`
      "Expected machine 'wallet' to accept all 1 event, but event #1 (REDEEM) was refused in state 'active' with REFUSED (INSUFFICIENT_POINTS):
        Event REDEEM was refused in state 'active' (INSUFFICIENT_POINTS): The balance is 0 points.
      Path taken:
        active --REDEEM--> (refused)
      Accepted in 'active' now: EARN, CLOSE"
    `);
  });
});

describe('toReject', () => {
  it('passes when the last event is refused (with the code, when given)', () => {
    expect(door).toReject({ type: 'CLOSE' });
    expect(door).toReject({ type: 'CLOSE' }, 'EVENT_NOT_ALLOWED');
    expect(ticket).toReject([assign, { type: 'SOLVE' }, { type: 'CLOSE' }], 'GUARD_REJECTED');
    expect(door).not.toReject({ type: 'OPEN' });
  });

  it('takes REFUSED or the machine’s own refusal code for a refusal', () => {
    const redeem = { type: 'REDEEM', points: 5 } as const;
    expect(pointsWallet).toReject(redeem, 'REFUSED');
    expect(pointsWallet).toReject(redeem, 'INSUFFICIENT_POINTS');
    expect(pointsWallet).toReject(
      [
        { type: 'EARN', points: 90 },
        { type: 'EARN', points: 20 },
      ],
      'CAP_REACHED',
    );
    expect(pointsWallet).not.toReject(redeem, 'CAP_REACHED');
    expect(pointsWallet).not.toReject(redeem, 'GUARD_REJECTED');
    expect(
      failure(() => expect(pointsWallet).toReject(redeem, 'CAP_REACHED')),
    ).toMatchInlineSnapshot(`
      "Expected event #1 (REDEEM) to be refused with CAP_REACHED in state 'active', but it was refused with REFUSED (INSUFFICIENT_POINTS):
        Event REDEEM was refused in state 'active' (INSUFFICIENT_POINTS): The balance is 0 points.
      Path taken:
        active --REDEEM--> (refused)
      Accepted in 'active' now: EARN, CLOSE"
    `);
  });

  it('refuses an empty event list instead of passing or failing on nothing', () => {
    expect(() => expect(door).toReject([])).toThrow('toReject needs at least one event');
    expect(() => expect(door).not.toReject([])).toThrow('toReject needs at least one event');
    expect(thrownBy(() => expect(door).toReject([]))).toSatisfy((e: unknown) =>
      isServicecraftError(e, 'UsageError'),
    );
  });

  it('fails when the last event is accepted', () => {
    expect(
      failure(() => expect(door).toReject([{ type: 'OPEN' }, { type: 'CLOSE' }])),
    ).toMatchInlineSnapshot(`
      "Expected machine 'door' to refuse event #2 (CLOSE) in state 'open', but it was accepted and went to 'closed'.
      Path taken:
        closed --OPEN--> open --CLOSE--> closed
      Accepted in 'closed' now: OPEN"
    `);
  });

  it('fails when an earlier event is refused', () => {
    expect(
      failure(() =>
        expect(ticket).toReject([{ type: 'SOLVE' }, { type: 'CLOSE' }], 'GUARD_REJECTED'),
      ),
    ).toMatchInlineSnapshot(`
      "Expected machine 'ticket' to accept the event before the last, but event #1 (SOLVE) was refused in state 'open' with GUARD_REJECTED:
        Event SOLVE was rejected in state 'open': guard 'assigned' returned false; events accepted now: REPLY, ASSIGN.
      Path taken:
        open --SOLVE--> (refused)
      Accepted in 'open' now: REPLY, ASSIGN"
    `);
  });

  it('fails when the refusal has another code', () => {
    expect(
      failure(() => expect(ticket).toReject([{ type: 'CLOSE' }], 'GUARD_REJECTED')),
    ).toMatchInlineSnapshot(`
      "Expected event #1 (CLOSE) to be refused with GUARD_REJECTED in state 'open', but it was refused with EVENT_NOT_ALLOWED:
        Event CLOSE is not allowed in state 'open'; allowed: REPLY, ASSIGN.
      Path taken:
        open --CLOSE--> (refused)
      Accepted in 'open' now: REPLY, ASSIGN"
    `);
  });

  it('explains a failing .not', () => {
    expect(failure(() => expect(door).not.toReject({ type: 'CLOSE' }))).toMatchInlineSnapshot(`
      "Expected event #1 (CLOSE) not to be refused in state 'closed', but it was refused with EVENT_NOT_ALLOWED:
        Event CLOSE is not allowed in state 'closed'; allowed: OPEN.
      Path taken:
        closed --CLOSE--> (refused)
      Accepted in 'closed' now: OPEN"
    `);
  });
});

describe('toBeInState', () => {
  it('reads snapshots, flows, transition results and replay results', () => {
    expect(initialSnapshot(ticket)).toBeInState('open');
    const flow = createFlow(door);
    flow.send({ type: 'OPEN' });
    expect(flow).toBeInState('open');
    expect(transition(door, initialSnapshot(door), { type: 'OPEN' })).toBeInState('open');
    expect(replay(ticket, [assign, { type: 'SOLVE' }])).toBeInState('solved');
    expect(initialSnapshot(ticket)).not.toBeInState('closed');
  });

  it('says where the snapshot is instead, and why the last event was refused', () => {
    expect(failure(() => expect(initialSnapshot(door)).toBeInState('open'))).toMatchInlineSnapshot(
      `"Expected the snapshot of machine 'door' to be in state 'open', but it is in state 'closed' (status active)."`,
    );
    expect(
      failure(() =>
        expect(transition(door, initialSnapshot(door), { type: 'CLOSE' })).toBeInState('open'),
      ),
    ).toMatchInlineSnapshot(
      `"Expected a transition into state 'open' of machine 'door', but the event was refused in state 'closed'. The last event was refused: Event CLOSE is not allowed in state 'closed'; allowed: OPEN."`,
    );
    // A refusal leaves the snapshot where it was: the matcher must not pass on that.
    expect(
      failure(() =>
        expect(transition(door, initialSnapshot(door), { type: 'CLOSE' })).toBeInState('closed'),
      ),
    ).toMatchInlineSnapshot(
      `"Expected a transition into state 'closed' of machine 'door', but the event was refused in state 'closed'. The last event was refused: Event CLOSE is not allowed in state 'closed'; allowed: OPEN."`,
    );
    expect(
      failure(() => expect(initialSnapshot(door)).not.toBeInState('closed')),
    ).toMatchInlineSnapshot(
      `"Expected the snapshot of machine 'door' not to be in state 'closed', but it is (status active)."`,
    );
  });

  it('rejects a value with no snapshot', () => {
    expect(() => expect(42).toBeInState('open')).toThrow('toBeInState expects a snapshot');
    expect(thrownBy(() => expect(42).toBeInState('open'))).toSatisfy((e: unknown) =>
      isServicecraftError(e, 'UsageError'),
    );
  });
});

describe('toConformTo', () => {
  const complete = {
    framework: 'ritzThreeSteps',
    events: [
      { kind: 'step', id: 'greeting', at: 0 },
      { kind: 'step', id: 'anticipation', at: 30_000 },
      { kind: 'step', id: 'farewell', at: 60_000 },
    ],
  };
  const rushed = { framework: 'ritzThreeSteps', events: [complete.events[0], complete.events[2]] };

  it('passes a record that scores at least minScore', () => {
    expect(complete).toConformTo(ritzThreeSteps, { minScore: 80 });
    expect(rushed).not.toConformTo(ritzThreeSteps, { minScore: 80 });
  });

  it('lists the deviations of a record that scores too low', () => {
    expect(
      failure(() => expect(rushed).toConformTo(ritzThreeSteps, { minScore: 80 })),
    ).toMatchInlineSnapshot(`
      "Expected the interaction to conform to 'Ritz-Carlton Three Steps of Service' with a score of at least 80, but it scored 73.
        Steps taken: greeting -> farewell
        Missing mandatory steps: anticipation
        Out of order: none
        Skipped: anticipation between greeting and farewell
        Repeated too often: none
        Qualities missing: none"
    `);
  });

  it('reports a record that cannot be read', () => {
    expect(
      failure(() => expect({ framework: 'other', events: [] }).toConformTo(ritzThreeSteps)),
    ).toMatchInlineSnapshot(
      `"Expected the interaction to conform to 'Ritz-Carlton Three Steps of Service' with a score of at least 100, but the record was refused with WRONG_FRAMEWORK: The record follows framework 'other', not 'ritzThreeSteps'; assess it against that framework or correct its framework field."`,
    );
  });
});

describe('checks without vitest', () => {
  it('return the same outcome the matchers use', () => {
    expect(checkAccept(door, [{ type: 'OPEN' }])).toEqual({
      pass: true,
      message:
        "Expected machine 'door' to refuse the event, but it accepted it and ended in 'open'.\nPath taken:\n  closed --OPEN--> open\nAccepted in 'open' now: CLOSE",
    });
  });
});
