import { describe, expect, it } from 'vitest';
import { fiveStageCycle, fourStageCycle, unexpectedDemandFlow } from '../../src/cycles/index.js';
import { adaptFramework, assessInteractionOrThrow } from '../../src/frameworks/index.js';
import { initialSnapshot, nextEvents, replayOrThrow, toMermaid } from '../../src/index.js';
import { drive, expectRefusal, expectRefused, recordOf } from '../frameworks/helpers.js';

describe('fourStageCycle', () => {
  const m = fourStageCycle.machine;
  it('accepts the canonical path and a clarifying loop back to understanding', () => {
    expect(drive(m, ['receiving', 'understanding', 'helping', 'keeping', 'END']).state).toBe(
      'completed',
    );
    expect(
      drive(m, [
        'receiving',
        'understanding',
        'helping',
        'understanding',
        'helping',
        'keeping',
        'END',
      ]).state,
    ).toBe('completed');
  });
  it('rejects helping before understanding and keeping before helping', () => {
    expectRefused(m, drive(m, ['receiving']), { type: 'helping', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    expectRefused(
      m,
      drive(m, ['receiving', 'understanding']),
      { type: 'keeping', at: 1e9 },
      'EVENT_NOT_ALLOWED',
    );
  });
  it('groups each stage’s skills as checklist items and marks first and last impressions', () => {
    const stages = [...new Set(fourStageCycle.qualities.map((q) => q.step))];
    expect(stages).toEqual(['receiving', 'understanding', 'helping', 'keeping']);
    expect(fourStageCycle.steps.filter((s) => s.momentOfTruth).map((s) => s.id)).toEqual([
      'receiving',
      'keeping',
    ]);
    expect(fourStageCycle.source).toContain('Receiving, Understanding, Helping, Keeping');
    expect(fourStageCycle.source).not.toMatch(/\.txt|seed/i);
  });
  it('requires the follow-up skill of keeping', () => {
    expect(fourStageCycle.qualities.find((q) => q.id === 'followUp')).toMatchObject({
      step: 'keeping',
      mandatory: true,
    });
    const card = assessInteractionOrThrow(
      fourStageCycle,
      recordOf('fourStageCycle', [
        ['step', 'receiving'],
        ['step', 'understanding'],
        ['step', 'helping'],
        ['step', 'keeping'],
      ]),
    );
    expect(card.qualities.missing).toContain('followUp');
  });
});

describe('fiveStageCycle', () => {
  const m = fiveStageCycle.machine;
  it('accepts the canonical path', () => {
    expect(
      drive(m, ['welcoming', 'understanding', 'agreeing', 'agreed', 'delivering', 'keeping', 'END'])
        .state,
    ).toBe('completed');
  });
  it('makes delivering impossible before agreement is recorded', () => {
    const agreeing = drive(m, ['welcoming', 'understanding', 'agreeing']);
    const error = expectRefused(m, agreeing, { type: 'delivering', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    expect(error.message).toBe(
      "Event delivering is not allowed in state 'agreeing'; allowed: agreed, notAgreed, QUALITY, ABANDON.",
    );
    expectRefused(
      m,
      drive(m, ['welcoming', 'understanding']),
      { type: 'delivering', at: 1e9 },
      'EVENT_NOT_ALLOWED',
    );
    expectRefused(
      m,
      drive(m, ['welcoming', 'understanding', 'agreeing', 'notAgreed']),
      { type: 'delivering', at: 1e9 },
      'EVENT_NOT_ALLOWED',
    );
  });
  it('sends a failed agreement back to understanding, with no cap unless one is set', () => {
    const again = [
      'welcoming',
      'understanding',
      'agreeing',
      'notAgreed',
      'understanding',
      'agreeing',
      'agreed',
      'delivering',
      'keeping',
      'END',
    ];
    expect(drive(m, again).state).toBe('completed');
    const thirdPath = [
      'welcoming',
      'understanding',
      'agreeing',
      'notAgreed',
      'understanding',
      'agreeing',
      'notAgreed',
      'understanding',
      'agreeing',
      'notAgreed',
    ];
    const third = drive(m, thirdPath);
    expect(nextEvents(m, third as never)).toEqual(['understanding', 'QUALITY', 'ABANDON']);
    const capped = adaptFramework(fiveStageCycle, {
      steps: { understanding: { maxTimes: 3 }, agreeing: { maxTimes: 3 } },
    }).machine;
    const stuck = drive(capped, thirdPath);
    expectRefusal(capped, stuck, { type: 'understanding', at: 1e9 }, 'REPEAT_LIMIT');
    expect(nextEvents(capped, stuck as never)).toEqual(['QUALITY', 'ABANDON']);
  });
  it('flags a recorded delivery before agreement', () => {
    const card = assessInteractionOrThrow(
      fiveStageCycle,
      recordOf('fiveStageCycle', [
        ['step', 'welcoming'],
        ['step', 'understanding'],
        ['step', 'agreeing'],
        ['step', 'delivering'],
        ['step', 'keeping'],
      ]),
    );
    expect(card.outOfOrder).toEqual([
      { index: 3, step: 'delivering', after: 'agreeing', allowed: [] },
    ]);
    expect(card.missingMandatory).toEqual([]);
  });
});

describe('unexpectedDemandFlow', () => {
  const m = unexpectedDemandFlow;
  it('resolves when the provider responds and the customer is satisfied', () => {
    const end = replayOrThrow(m, [
      { type: 'RESPOND_NOW', at: 0, actor: 'lee' },
      { type: 'ADDRESSED', at: 60_000 },
      { type: 'SATISFIED', at: 90_000 },
    ]);
    expect(end).toEqual({
      machine: 'unexpectedDemandFlow',
      version: 1,
      state: 'routine',
      status: 'done',
      revision: 3,
      context: { owner: 'lee', escalation: null, startedAt: 0, lastAt: 90_000 },
    });
  });
  it('escalates to the manager when the provider cannot respond', () => {
    const end = replayOrThrow(m, [
      { type: 'CANNOT_RESPOND', at: 0, note: 'needs a refund above my limit' },
      { type: 'RETURN_TO_ROUTINE', at: 5 },
    ]);
    expect(end.state).toBe('handedOver');
    expect(end.context.escalation).toBe('cannotRespond');
  });
  it('escalates to the manager when the customer is not satisfied', () => {
    const end = replayOrThrow(m, [
      { type: 'RESPOND_NOW', at: 0, actor: 'lee' },
      { type: 'ADDRESSED', at: 1 },
      { type: 'NOT_SATISFIED', at: 2 },
      { type: 'RETURN_TO_ROUTINE', at: 3 },
    ]);
    expect(end.context).toEqual({
      owner: 'lee',
      escalation: 'notSatisfied',
      startedAt: 0,
      lastAt: 3,
    });
  });
  it('rejects illegal moves and leaves the snapshot unchanged', () => {
    const start = initialSnapshot(m);
    expectRefused(m, start, { type: 'SATISFIED', at: 0 }, 'EVENT_NOT_ALLOWED');
    expectRefused(m, start, { type: 'RESPOND_NOW', at: 0 }, 'INVALID_PAYLOAD');
    const acting = replayOrThrow(m, [{ type: 'RESPOND_NOW', at: 10, actor: 'lee' }]);
    expectRefused(m, acting, { type: 'SATISFIED', at: 20 }, 'EVENT_NOT_ALLOWED');
    const error = expectRefusal(m, acting, { type: 'ADDRESSED', at: 5 }, 'OUT_OF_ORDER');
    expect(error.message).toBe(
      "Event ADDRESSED was refused in state 'responding' (OUT_OF_ORDER): Time went backwards: this event is at 5, before the previous event at 10; send events in time order.",
    );
    expect(error.reason.details).toEqual({ at: 5, lastAt: 10 });
    const done = replayOrThrow(m, [
      { type: 'CANNOT_RESPOND', at: 0 },
      { type: 'RETURN_TO_ROUTINE', at: 1 },
    ]);
    expectRefused(m, done, { type: 'RESPOND_NOW', at: 2, actor: 'lee' }, 'FINAL_STATE');
  });
  it('carries its source and renders as Mermaid', () => {
    expect(m.definition.meta?.source).toContain('unexpected customer demands');
    expect(m.definition.meta?.source).not.toMatch(/\.txt|seed/i);
    expect(toMermaid(m)).toContain('verifyingSatisfaction --> managerContacted : NOT_SATISFIED');
  });
});
