import { describe, expect, it } from 'vitest';
import {
  complaintFlow,
  complaintRuleOf,
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
  isServicecraftError,
  nextEvents,
  replayOrThrow,
  toMermaid,
  transition,
} from '../../src/index.js';
import { refuse } from './helpers.js';

/** The message of the UsageError `f` throws (and fails the test if it throws anything else). */
function usage(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(isServicecraftError(error, 'UsageError')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

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
      revision: toProposed.length + 4,
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
    expect(issue).toMatchObject({
      code: 'REFUSED',
      guard: 'documented',
      reason: { code: 'NOT_DOCUMENTED' },
      allowed: ['DOCUMENT'],
    });
    expect(issue.message).toBe(
      "Event CLOSE was refused in state 'documenting' (NOT_DOCUMENTED): Record the complaint and the steps taken with a DOCUMENT event before closing it.",
    );
    expect(complaintRuleOf(issue)?.code).toBe('NOT_DOCUMENTED');
    expect(nextEvents(complaintFlow, documenting)).toEqual(['DOCUMENT']);
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
    expect(usage(() => recoveryMachine('last', 'reversed'))).toBe(
      'LAST has no variant "reversed"; known variants: standard.',
    );
    expect(usage(() => recoveryMachine('lasting' as 'last'))).toContain(
      'model: model must be one of heard, last, learn, latte; received "lasting"',
    );
    expect(usage(() => recoveryMachine('learn', 5 as never))).toContain(
      'variant: variant must be a string',
    );
  });

  it('the builder rejects empty, repeated, reserved or mistyped steps with a UsageError', () => {
    const s = { label: 'S', summary: 's' };
    expect(usage(() => defineStepSequence({ id: 'x', source: 't', steps: [] }))).toContain(
      'steps: a step sequence needs at least one step',
    );
    expect(
      usage(() =>
        defineStepSequence({
          id: 'x',
          source: 't',
          steps: [
            { id: 'a', ...s },
            { id: 'a', ...s },
          ],
        }),
      ),
    ).toContain('steps.1.id: the step id "a" is repeated');
    expect(
      usage(() => defineStepSequence({ id: 'x', source: 't', steps: [{ id: 'done', ...s }] })),
    ).toContain("steps.0.id: the step id 'done' is reserved");
    expect(usage(() => defineStepSequence({ id: 'x', source: 't', steps: 'abc' as never }))).toBe(
      'Invalid options for defineStepSequence: steps: steps must be an array of steps, in order.',
    );
    expect(usage(() => defineStepSequence(null as never))).toContain(
      'the spec must be { id, source, steps, description? }',
    );
    expect(
      usage(() =>
        defineStepSequence({
          id: 'x',
          source: 't',
          steps: [{ id: 'a', label: 'A', summary: 5 as never }],
        }),
      ),
    ).toContain('steps.0.summary: a step summary must be a string');
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
