import { describe, expect, it } from 'vitest';
import { adaptFramework, eightStepsOfService } from '../../src/frameworks/index.js';
import { initialSnapshot, nextEvents, replay, transition } from '../../src/index.js';
import { drive, expectRefusal, expectRefused, timed } from './helpers.js';

const m = eightStepsOfService.machine;
/** The preset sets no caps; an organisation that wants them sets them with adaptFramework. */
const capped = adaptFramework(eightStepsOfService, {
  id: 'eightStepsCapped',
  steps: { present: { maxTimes: 5 }, handleObjections: { maxTimes: 4 } },
}).machine;
const canonical = [
  'approach',
  'determineNeeds',
  'present',
  'handleObjections',
  'present',
  'close',
  'sold',
  'perform',
  'followUp',
  'satisfied',
  'askReferrals',
  'END',
];

describe('eightStepsOfService', () => {
  it('accepts the canonical path and ends completed with counts per step', () => {
    const end = drive(m, canonical);
    expect(end).toEqual({
      machine: 'eightStepsOfService',
      version: 1,
      state: 'completed',
      status: 'done',
      revision: canonical.length,
      context: {
        counts: {
          approach: 1,
          determineNeeds: 1,
          present: 2,
          handleObjections: 1,
          close: 1,
          perform: 1,
          followUp: 1,
          askReferrals: 1,
        },
        qualities: { productKnowledge: 0, activeListening: 0, respectfulPace: 0 },
        startedAt: 0,
        lastAt: 11 * 60_000,
        branches: { close: 'sold', followUp: 'satisfied' },
      },
    });
  });

  it('accepts the shortest sale: no objections, no referrals', () => {
    const sale = ['approach', 'determineNeeds', 'present', 'close', 'sold', 'perform', 'followUp'];
    expect(drive(m, [...sale, 'satisfied', 'END']).state).toBe('completed');
    // An unsatisfied follow-up is not a successful end: it goes back to performing.
    const unhappy = drive(m, [...sale, 'notSatisfied']);
    expect(nextEvents(m, unhappy as never)).toEqual(['perform', 'QUALITY', 'ABANDON']);
    expectRefused(m, unhappy, { type: 'END', at: 1e9 }, 'EVENT_NOT_ALLOWED');
  });

  it('loops objections back to presenting with no cap; a cap set with adaptFramework stops it', () => {
    const loop = ['approach', 'determineNeeds', 'present'];
    for (let i = 0; i < 4; i++) loop.push('handleObjections', 'present');
    const uncapped = drive(m, [...loop, 'handleObjections', 'present', 'present']);
    expect((uncapped.context as { counts: Record<string, number> }).counts.present).toBe(7);
    const snap = drive(capped, loop);
    expect(snap.state).toBe('present');
    expect((snap.context as { counts: Record<string, number> }).counts.present).toBe(5);
    const error = expectRefusal(capped, snap, { type: 'present', at: 1e9 }, 'REPEAT_LIMIT');
    expect(error).toMatchObject({
      guard: 'enter:present',
      state: 'present',
      reason: { details: { step: 'present', count: 5, maxTimes: 5 } },
    });
    expect(error.message).toBe(
      "Event present was refused in state 'present' (REPEAT_LIMIT): Step present was already done 5 times; the framework allows it at most 5 times.",
    );
    const objection = expectRefusal(
      capped,
      snap,
      { type: 'handleObjections', at: 1e9 },
      'REPEAT_LIMIT',
    );
    expect(objection.reason.details).toEqual({
      step: 'handleObjections',
      count: 4,
      maxTimes: 4,
    });
    expect(drive(capped, [...loop, 'close']).state).toBe('close');
  });

  // Regression: the refusal after four objections used to list handleObjections among the events
  // "allowed here", although nextEvents (and the guard) said it was not.
  it('after four objections, reports as allowed exactly what nextEvents returns', () => {
    const loop = ['approach', 'determineNeeds', 'present'];
    for (let i = 0; i < 4; i++) loop.push('handleObjections', 'present');
    const m = capped;
    const snap = drive(m, loop);
    const now = nextEvents(m, snap as never);
    expect(now).toEqual(['close', 'QUALITY', 'ABANDON']);
    for (const type of ['present', 'handleObjections']) {
      const result = transition(m, snap as never, { type, at: 1e9 } as never);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('REFUSED');
      expect('allowed' in result.error && result.error.allowed).toEqual(now);
      // The sentence names no event beyond the refused one, the state and those accepted now.
      const named = m.events.filter((e) => new RegExp(`\\b${e}\\b`).test(result.error.message));
      expect(named.filter((e) => e !== type && e !== snap.state && !now.includes(e))).toEqual([]);
    }
    // An event the state does not take lists the same events, and only those.
    const perform = transition(m, snap as never, { type: 'perform', at: 1e9 });
    expect(perform.ok).toBe(false);
    if (!perform.ok) {
      expect(perform.error).toMatchObject({ code: 'EVENT_NOT_ALLOWED', allowed: now });
      expect(perform.error.message).toBe(
        "Event perform is not allowed in state 'present'; allowed: close, QUALITY, ABANDON.",
      );
    }
  });

  it('sends a "not now" close to a later follow-up, never to perform', () => {
    const notNow = drive(m, ['approach', 'determineNeeds', 'present', 'close', 'notNow']);
    expect(notNow.state).toBe('close:notNow');
    expect(nextEvents(m, notNow as never)).toEqual(['followUp', 'QUALITY', 'ABANDON']);
    const error = expectRefused(m, notNow, { type: 'perform', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    expect(error.message).toBe(
      "Event perform is not allowed in state 'close:notNow'; allowed: followUp, QUALITY, ABANDON.",
    );
    const later = drive(m, [
      'approach',
      'determineNeeds',
      'present',
      'close',
      'notNow',
      'followUp',
      'satisfied',
      'END',
    ]);
    expect(later.state).toBe('completed');
  });

  it('asks for referrals only after a satisfied follow-up', () => {
    const unhappy = drive(m, [
      'approach',
      'determineNeeds',
      'present',
      'close',
      'sold',
      'perform',
      'followUp',
      'notSatisfied',
    ]);
    expectRefused(m, unhappy, { type: 'askReferrals', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    const open = drive(m, [
      'approach',
      'determineNeeds',
      'present',
      'close',
      'sold',
      'perform',
      'followUp',
    ]);
    const error = expectRefused(m, open, { type: 'askReferrals', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    expect(error).toMatchObject({ allowed: ['satisfied', 'notSatisfied', 'QUALITY', 'ABANDON'] });
  });

  it('rejects leaving the close before an outcome is recorded', () => {
    const closing = drive(m, ['approach', 'determineNeeds', 'present', 'close']);
    const error = expectRefused(m, closing, { type: 'perform', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    expect(error.message).toBe(
      "Event perform is not allowed in state 'close'; allowed: sold, notNow, QUALITY, ABANDON.",
    );
  });

  it('rejects each illegal move with its code and leaves the snapshot unchanged', () => {
    const start = initialSnapshot(m);
    expectRefused(m, start, { type: 'present', at: 0 }, 'EVENT_NOT_ALLOWED');
    expectRefused(m, start, { type: 'END', at: 0 }, 'EVENT_NOT_ALLOWED');
    expectRefused(m, start, { type: 'welcome', at: 0 }, 'UNKNOWN_EVENT');
    expectRefused(m, start, { type: 'approach' }, 'INVALID_PAYLOAD');
    expectRefused(m, start, { type: 'approach', at: -1 }, 'INVALID_PAYLOAD');
    expectRefused(m, start, { type: 'approach', at: 1.5 }, 'INVALID_PAYLOAD');
    expectRefused(m, start, { type: 'approach', at: 0, agent: 'typo' }, 'INVALID_PAYLOAD');
    expectRefused(m, start, { type: 'QUALITY', quality: 'empathy', at: 0 }, 'INVALID_PAYLOAD');
    const greeted = drive(m, ['approach']);
    expectRefused(m, greeted, { type: 'approach', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    const error = expectRefusal(
      m,
      drive(m, ['approach', 'determineNeeds']),
      { type: 'present', at: 1 },
      'OUT_OF_ORDER',
    );
    expect(error.guard).toBeUndefined();
    expect(error.reason).toEqual({
      code: 'OUT_OF_ORDER',
      message:
        'Time went backwards: this event is at 1, before the previous event at 60000; send events in time order.',
      details: { at: 1, lastAt: 60_000 },
    });
    const done = drive(m, canonical);
    expectRefused(m, done, { type: 'approach', at: 1e9 }, 'FINAL_STATE');
  });

  it('records qualities without moving and carries who and when', () => {
    const result = replay(m, [
      { type: 'approach', at: 5, actor: 'sam', channel: 'store', note: 'regular customer' },
      { type: 'QUALITY', quality: 'activeListening', at: 6 },
      { type: 'QUALITY', quality: 'activeListening', at: 6 },
    ]);
    expect(result.ok && result.snapshot.state).toBe('approach');
    expect(result.ok && result.snapshot.context.qualities).toEqual({
      productKnowledge: 0,
      activeListening: 2,
      respectfulPace: 0,
    });
  });

  it('can be abandoned from anywhere, which is not a successful end', () => {
    expect(drive(m, ['approach', 'ABANDON']).state).toBe('abandoned');
    expect(drive(m, ['ABANDON']).state).toBe('abandoned');
  });

  it('keeps provenance and step metadata on the machine', () => {
    expect(m.definition.meta).toMatchObject({
      kind: 'framework',
      source: eightStepsOfService.source,
    });
    expect(m.definition.states.close?.meta).toEqual({
      step: 'close',
      outcome: null,
      mandatory: true,
      maxTimes: Number.POSITIVE_INFINITY,
      momentOfTruth: true,
    });
    expect(eightStepsOfService.source).toContain('8 Steps of Service');
    expect(eightStepsOfService.source).not.toMatch(/\.txt|seed/i);
    expect(eightStepsOfService.steps.map((s) => s.id)).toEqual([
      'approach',
      'determineNeeds',
      'present',
      'handleObjections',
      'close',
      'perform',
      'followUp',
      'askReferrals',
    ]);
    expect(timed(['a']).length).toBe(1);
  });
});
