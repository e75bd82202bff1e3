import { describe, expect, it } from 'vitest';
import {
  complaintFlow,
  defineStepSequence,
  difficultCustomerFlow,
  heardRecovery,
  lastRecovery,
  latteRecovery,
  learnRecovery,
  problemResolutionFlow,
  recoveryMachine,
  recoveryModels,
} from '../../src/complaints/index.js';
import {
  initialSnapshot,
  nextEvents,
  replayOrThrow,
  toMermaid,
  transition,
} from '../../src/index.js';
import { refuse } from './helpers.js';

const toProposed = [
  { type: 'APOLOGIZE' },
  { type: 'INVESTIGATE' },
  { type: 'PROPOSE_SOLUTION', solution: 'Replacement', remedy: 'replacement' },
] as const;

describe('complaintFlow', () => {
  it('walks listen → apologise → investigate → propose → follow up → document → close', () => {
    const snap = replayOrThrow(complaintFlow, [
      ...toProposed,
      { type: 'ACCEPT' },
      { type: 'FOLLOW_UP', satisfied: true },
      { type: 'DOCUMENT', record: 'Wrong size shipped; replaced' },
      { type: 'CLOSE' },
    ]);
    expect(snap).toEqual({
      machine: 'complaint-flow',
      version: 1,
      state: 'closed',
      status: 'done',
      context: {
        solution: 'Replacement',
        remedy: 'replacement',
        proposals: 1,
        rejections: 0,
        escalatedTo: null,
        documentation: 'Wrong size shipped; replaced',
      },
    });
  });

  it('a rejection returns to investigating, or escalates', () => {
    const proposed = replayOrThrow(complaintFlow, [...toProposed]);
    const back = transition(complaintFlow, proposed, { type: 'REJECT', reason: 'Wants a refund' });
    expect(back.ok && back.snapshot.state).toBe('investigating');
    const up = replayOrThrow(complaintFlow, [
      ...toProposed,
      { type: 'REJECT', escalateTo: 'store manager' },
      { type: 'INVESTIGATE' },
    ]);
    expect(up.state).toBe('investigating');
    expect(up.context).toMatchObject({ rejections: 1, escalatedTo: 'store manager' });
  });

  it('an unsatisfied follow-up reopens the investigation', () => {
    const snap = replayOrThrow(complaintFlow, [
      ...toProposed,
      { type: 'ACCEPT' },
      { type: 'FOLLOW_UP', satisfied: false },
    ]);
    expect(snap.state).toBe('investigating');
  });

  it('closing undocumented is refused and changes nothing', () => {
    const documenting = replayOrThrow(complaintFlow, [
      ...toProposed,
      { type: 'ACCEPT' },
      { type: 'FOLLOW_UP', satisfied: true },
    ]);
    const issue = refuse(complaintFlow, documenting, { type: 'CLOSE' });
    expect(issue).toMatchObject({ code: 'GUARD_REJECTED', guards: ['documented'] });
    expect(issue.message).toBe(
      "Event CLOSE was rejected in state 'documenting': guard 'documented' returned false; other events allowed here: DOCUMENT.",
    );
  });

  it('skipping a step names what is allowed', () => {
    const issue = refuse(complaintFlow, initialSnapshot(complaintFlow), {
      type: 'PROPOSE_SOLUTION',
      solution: 'Refund',
    });
    expect(issue.message).toBe(
      "Event PROPOSE_SOLUTION is not allowed in state 'listening'; allowed: APOLOGIZE.",
    );
  });
});

describe('difficultCustomerFlow', () => {
  it('calm → listen → empathise → resolve or compromise → follow up', () => {
    const snap = replayOrThrow(difficultCustomerFlow, [
      { type: 'LISTEN' },
      { type: 'EMPATHIZE' },
      { type: 'RESOLVE', approach: 'resolution', detail: 'Full refund' },
      { type: 'COMPROMISE', detail: 'Half refund, free delivery' },
      { type: 'AGREE' },
      { type: 'FOLLOW_UP', satisfied: false },
      { type: 'AGREE' },
      { type: 'FOLLOW_UP', satisfied: true },
    ]);
    expect(snap.state).toBe('satisfied');
    expect(snap.context).toEqual({
      approach: 'compromise',
      detail: 'Half refund, free delivery',
      followUps: 1,
    });
    expect(difficultCustomerFlow.definition.states.calm?.meta).toEqual({
      precondition: true,
      actor: 'agent',
    });
  });

  it('rejects an unknown approach', () => {
    const empathizing = replayOrThrow(difficultCustomerFlow, [
      { type: 'LISTEN' },
      { type: 'EMPATHIZE' },
    ]);
    expect(
      refuse(difficultCustomerFlow, empathizing, {
        type: 'RESOLVE',
        approach: 'shout',
        detail: 'x',
      }).code,
    ).toBe('INVALID_PAYLOAD');
  });
});

describe('problemResolutionFlow', () => {
  it('understand → identify → formulate → communicate → follow up, with revisions', () => {
    const snap = replayOrThrow(problemResolutionFlow, [
      { type: 'IDENTIFY', cause: 'Late delivery' },
      { type: 'FORMULATE', specifics: 'Missed a birthday' },
      { type: 'COMMUNICATE', solution: 'Refund shipping', compromise: true },
      { type: 'REFORMULATE', reason: 'Wants a gift card' },
      { type: 'COMMUNICATE', solution: 'Gift card', compromise: false },
      { type: 'FOLLOW_UP' },
      { type: 'CONFIRM', implemented: false },
      { type: 'COMMUNICATE', solution: 'Gift card, re-sent', compromise: false },
      { type: 'FOLLOW_UP' },
      { type: 'CONFIRM', implemented: true },
    ]);
    expect(snap.state).toBe('resolved');
    expect(snap.context).toEqual({
      cause: 'Late delivery',
      specifics: 'Missed a birthday',
      solution: 'Gift card, re-sent',
      compromise: false,
      revisions: 2,
    });
  });
});

describe('recovery models', () => {
  it.each([
    [heardRecovery, ['hear', 'empathize', 'apologize', 'resolve', 'diagnose', 'done']],
    [lastRecovery, ['listen', 'apologize', 'solve', 'thank', 'done']],
    [learnRecovery, ['listen', 'empathize', 'apologize', 'react', 'notify', 'done']],
    [latteRecovery, ['listen', 'acknowledge', 'takeAction', 'thank', 'explain', 'done']],
  ])('%# runs its steps in order with NEXT', (machine, states) => {
    expect(machine.states).toEqual(states);
    const done = replayOrThrow(
      machine,
      states.slice(1).map(() => ({ type: 'NEXT' as const })),
    );
    expect(done.status).toBe('done');
    expect(machine.definition.meta?.source).toEqual(expect.any(String));
  });

  it('variants are data', () => {
    expect(recoveryMachine('learn', 'respond').states).toEqual([
      'listen',
      'empathize',
      'apologize',
      'respond',
      'notify',
      'done',
    ]);
    expect(recoveryMachine('latte', 'explainThenThank').states.slice(-3)).toEqual([
      'explain',
      'thank',
      'done',
    ]);
    expect(Object.keys(recoveryModels)).toEqual(['heard', 'last', 'learn', 'latte']);
    expect(recoveryModels.heard.variants.standard?.at(-1)).toEqual({
      id: 'diagnose',
      label: 'Diagnose',
      summary: 'Find the root cause so it does not recur',
      afterCustomerLeaves: true,
    });
    expect(() => recoveryMachine('last', 'reversed')).toThrow(
      "LAST has no variant 'reversed'; known variants: standard.",
    );
  });

  it('the builder rejects empty, repeated or reserved steps', () => {
    const s = { label: 'S', summary: 's' };
    expect(() => defineStepSequence({ id: 'x', source: 't', steps: [] })).toThrow(
      'needs at least one step',
    );
    expect(() =>
      defineStepSequence({
        id: 'x',
        source: 't',
        steps: [
          { id: 'a', ...s },
          { id: 'a', ...s },
        ],
      }),
    ).toThrow('(a)');
    expect(() =>
      defineStepSequence({ id: 'x', source: 't', steps: [{ id: 'done', ...s }] }),
    ).toThrow("not 'done'");
  });

  it('refuses NEXT when done and renders a diagram', () => {
    const done = replayOrThrow(lastRecovery, [
      { type: 'NEXT' },
      { type: 'NEXT' },
      { type: 'NEXT' },
      { type: 'NEXT' },
    ]);
    expect(refuse(lastRecovery, done, { type: 'NEXT' }).code).toBe('FINAL_STATE');
    expect(nextEvents(lastRecovery, initialSnapshot(lastRecovery))).toEqual(['NEXT']);
    expect(toMermaid(lastRecovery)).toContain('thank --> done : NEXT');
  });
});
