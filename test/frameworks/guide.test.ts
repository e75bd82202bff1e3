import { describe, expect, it } from 'vitest';
import { chats, returnsDesk, run } from '../../examples/frameworks-policies.js';
import { unexpectedDemandFlow } from '../../src/cycles/index.js';
import {
  adaptFramework,
  assessInteraction,
  assessInteractionOrThrow,
  eightStepsOfService,
} from '../../src/frameworks/index.js';
import {
  createFlow,
  initialSnapshot,
  nextEvents,
  replayOrThrow,
  toMermaid,
  transition,
} from '../../src/index.js';

// The snippets of docs/guides/frameworks.md, with their claimed results checked.
describe('frameworks guide', () => {
  it('live interaction', () => {
    const flow = createFlow(eightStepsOfService.machine);
    flow.send({ type: 'approach', at: 0, actor: 'sam', channel: 'store' });
    flow.send({ type: 'determineNeeds', at: 120_000 });
    flow.send({ type: 'QUALITY', quality: 'activeListening', at: 180_000 });
    flow.send({ type: 'present', at: 360_000 });
    flow.send({ type: 'close', at: 840_000 });
    const early = flow.send({ type: 'perform', at: 900_000 });
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.code).toBe('EVENT_NOT_ALLOWED');
      expect(early.error.message).toBe(
        "Event perform is not allowed in state 'close'; allowed: sold, notNow, QUALITY, ABANDON.",
      );
    }
    flow.send({ type: 'sold', at: 900_000 });
    expect(flow.send({ type: 'perform', at: 960_000 }).snapshot.state).toBe('perform');
  });

  it('recorded interaction', () => {
    const result = assessInteraction(eightStepsOfService, {
      framework: 'eightStepsOfService',
      id: 'call-0042',
      events: [
        { kind: 'step', id: 'approach', at: 0 },
        { kind: 'step', id: 'present', at: 60_000 },
        { kind: 'quality', id: 'productKnowledge', at: 180_000 },
        { kind: 'step', id: 'close', at: 300_000 },
        { kind: 'outcome', id: 'notNow', at: 360_000 },
        { kind: 'step', id: 'perform', at: 420_000 },
        { kind: 'step', id: 'askReferrals', at: 480_000 },
      ],
    });
    if (!result.ok) throw new Error(result.error.message);
    const card = result.scorecard;
    expect(card.score).toBe(58);
    expect(card.missingMandatory).toEqual(['determineNeeds', 'followUp']);
    expect(card.skipped).toEqual([
      { index: 1, step: 'determineNeeds', from: 'approach', to: 'present' },
      { index: 6, step: 'followUp', from: 'perform', to: 'askReferrals' },
    ]);
    expect(card.outOfOrder).toEqual([
      { index: 5, step: 'perform', after: 'close', allowed: ['followUp'] },
    ]);
    expect(card.momentsOfTruth.map((m) => [m.step, m.hit, m.outcome])).toEqual([
      ['approach', true, null],
      ['close', true, 'notNow'],
      ['followUp', false, null],
    ]);
  });

  it('refusals', () => {
    const steps8 = adaptFramework(eightStepsOfService, {
      id: 'eightStepsCapped',
      steps: { present: { maxTimes: 5 }, handleObjections: { maxTimes: 4 } },
    }).machine;
    expect(toMermaid(steps8)).toContain('present --> present : present [enter:present]');
    expect(toMermaid(eightStepsOfService.machine)).not.toContain('[enter:present]');
    const types = ['approach', 'determineNeeds', 'present'];
    for (let i = 0; i < 4; i++) types.push('handleObjections', 'present');
    const objections = replayOrThrow(
      steps8,
      types.map((type, i) => ({ type, at: i * 60_000 })) as never,
    );
    const sixth = transition(steps8, objections, { type: 'present', at: 660_000 });
    expect(sixth.ok).toBe(false);
    if (!sixth.ok && sixth.error.code === 'REFUSED') {
      expect(sixth.error.reason).toEqual({
        code: 'REPEAT_LIMIT',
        message: 'Step present was already done 5 times; the framework allows it at most 5 times.',
        details: { step: 'present', count: 5, maxTimes: 5 },
      });
      expect(sixth.error.allowed).toEqual(['close', 'QUALITY', 'ABANDON']);
      expect(nextEvents(steps8, objections)).toEqual(['close', 'QUALITY', 'ABANDON']);
    } else {
      throw new Error('expected REFUSED');
    }
  });

  it('policies: the returns desk refuses live and scores the three chats', () => {
    const m = returnsDesk.machine;
    const desk45 = replayOrThrow(
      m,
      [
        { type: 'greet', at: 0 },
        { type: 'findOrder', at: 20_000 },
        { type: 'decide', at: 60_000 },
      ],
      initialSnapshot(m, { data: { tier: 'standard', daysSincePurchase: 45, receipt: true } }),
    );
    const approve = transition(m, desk45, { type: 'approveRefund', at: 65_000 });
    expect(!approve.ok && approve.error.reason).toMatchObject({
      code: 'CONDITION_NOT_MET',
      message: 'A standard member may return within 30 days; this purchase is 45 days old.',
      details: { guard: 'withinWindow', window: 30, days: 45 },
    });
    expect(!approve.ok && approve.error.code === 'REFUSED' && approve.error.guard).toBe(
      'outcome:decide:approveRefund',
    );
    const conforming = assessInteractionOrThrow(returnsDesk, chats.conforming);
    expect(conforming).toMatchObject({ score: 100, canEnd: true });
    expect(conforming.sequence).toEqual(['greet', 'findOrder', 'decide', 'refund', 'confirm']);
    const offScript = assessInteractionOrThrow(returnsDesk, chats.offScript);
    expect(offScript).toMatchObject({
      score: 96,
      canEnd: true,
      offScript: [{ index: 2, action: 'offer-coupon' }],
    });
    expect(offScript.breakdown.order).toEqual({ weight: 20, earned: 5, possible: 6 });
    const skipped = assessInteractionOrThrow(returnsDesk, chats.skippedRequired);
    expect(skipped).toMatchObject({
      score: 62,
      canEnd: false,
      required: ['greet', 'findOrder', 'decide', 'explain', 'confirm'],
      missingMandatory: ['explain'],
      skipped: [{ index: 5, step: 'explain', from: 'decide', to: 'confirm' }],
      refused: [{ index: 3, id: 'approveRefund', code: 'CONDITION_NOT_MET' }],
      qualities: { missing: ['plainWords'] },
    });
    const lines: string[] = [];
    run((line) => lines.push(line));
    expect(lines).toContain(
      '  approveRefund refused: CONDITION_NOT_MET: A standard member may return within 30 days; this purchase is 45 days old.',
    );
    expect(lines).toContain('chat-103 (skippedRequired): score 62/100, can end: false');
  });

  it('cycles: refusals', () => {
    const acting = replayOrThrow(unexpectedDemandFlow, [
      { type: 'RESPOND_NOW', at: 10_000, actor: 'lee' },
    ]);
    const late = transition(unexpectedDemandFlow, acting, { type: 'ADDRESSED', at: 5_000 });
    expect(!late.ok && late.error.reason).toEqual({
      code: 'OUT_OF_ORDER',
      message:
        'Time went backwards: this event is at 5000, before the previous event at 10000; send events in time order.',
      details: { at: 5_000, lastAt: 10_000 },
    });
    expect(late.snapshot).toBe(acting);
  });
});
