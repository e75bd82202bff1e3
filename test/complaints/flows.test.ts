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

/** Gives each event an `at`, one minute apart from `start` (events keep their own `at`, if any). */
function timed<const E extends object>(events: readonly E[], start = 0): (E & { at: number })[] {
  return events.map((event, i) => ({ at: start + i * 60_000, ...event }));
}

const toProposed = [
  { type: 'APOLOGIZE', at: 0 },
  { type: 'INVESTIGATE', at: 60_000 },
  { type: 'PROPOSE_SOLUTION', at: 120_000, solution: 'Replacement', remedy: 'replacement' },
] as const;
const T = 180_000;

describe('complaintFlow', () => {
  it('walks listen → apologise → investigate → propose → follow up → document → close', () => {
    const snap = replayOrThrow(complaintFlow, [
      ...toProposed,
      { type: 'ACCEPT', at: T },
      { type: 'FOLLOW_UP', at: T + 1_000, satisfied: true, actor: 'ana', channel: 'phone' },
      { type: 'DOCUMENT', at: T + 2_000, record: 'Wrong size shipped; replaced', actor: 'ana' },
      { type: 'CLOSE', at: T + 3_000, actor: 'lead', note: 'checked' },
    ]);
    expect(snap).toEqual({
      machine: 'complaint-flow',
      version: 2,
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
        startedAt: 0,
        lastAt: T + 3_000,
        lastActor: 'lead',
      },
    });
  });

  it('a rejection returns to investigating, or escalates', () => {
    const proposed = replayOrThrow(complaintFlow, [...toProposed]);
    const back = transition(complaintFlow, proposed, {
      type: 'REJECT',
      at: T,
      reason: 'Wants a refund',
    });
    expect(back.ok && back.snapshot.state).toBe('investigating');
    const up = replayOrThrow(complaintFlow, [
      ...toProposed,
      { type: 'REJECT', at: T, escalateTo: 'store manager' },
      { type: 'INVESTIGATE', at: T + 60_000, actor: 'store manager' },
    ]);
    expect(up.state).toBe('investigating');
    expect(up.context).toMatchObject({
      rejections: 1,
      escalatedTo: 'store manager',
      lastActor: 'store manager',
    });
  });

  it('an unsatisfied follow-up reopens the investigation', () => {
    const snap = replayOrThrow(complaintFlow, [
      ...toProposed,
      { type: 'ACCEPT', at: T },
      { type: 'FOLLOW_UP', at: T, satisfied: false },
    ]);
    expect(snap.state).toBe('investigating');
  });

  it('closing undocumented is refused and changes nothing', () => {
    const documenting = replayOrThrow(complaintFlow, [
      ...toProposed,
      { type: 'ACCEPT', at: T },
      { type: 'FOLLOW_UP', at: T, satisfied: true },
    ]);
    const issue = refuse(complaintFlow, documenting, { type: 'CLOSE', at: T });
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
      at: 0,
      solution: 'Refund',
    });
    expect(issue.message).toBe(
      "Event PROPOSE_SOLUTION is not allowed in state 'listening'; allowed: APOLOGIZE.",
    );
  });
});

describe('difficultCustomerFlow', () => {
  it('calm → listen → empathise → resolve or compromise → follow up', () => {
    const snap = replayOrThrow(
      difficultCustomerFlow,
      timed([
        { type: 'LISTEN', actor: 'sam' },
        { type: 'EMPATHIZE' },
        { type: 'RESOLVE', approach: 'resolution', detail: 'Full refund' },
        { type: 'COMPROMISE', detail: 'Half refund, free delivery' },
        { type: 'AGREE' },
        { type: 'FOLLOW_UP', satisfied: false },
        { type: 'AGREE' },
        { type: 'FOLLOW_UP', satisfied: true, actor: 'sam' },
      ]),
    );
    expect(snap.state).toBe('satisfied');
    expect(snap.context).toEqual({
      approach: 'compromise',
      detail: 'Half refund, free delivery',
      followUps: 1,
      startedAt: 0,
      lastAt: 7 * 60_000,
      lastActor: 'sam',
    });
    expect(difficultCustomerFlow.definition.states.calm?.meta).toEqual({
      precondition: true,
      actor: 'agent',
    });
  });

  it('rejects an unknown approach', () => {
    const empathizing = replayOrThrow(
      difficultCustomerFlow,
      timed([{ type: 'LISTEN' }, { type: 'EMPATHIZE' }]),
    );
    expect(
      refuse(difficultCustomerFlow, empathizing, {
        type: 'RESOLVE',
        at: 120_000,
        approach: 'shout',
        detail: 'x',
      }).code,
    ).toBe('INVALID_PAYLOAD');
  });
});

describe('problemResolutionFlow', () => {
  it('understand → identify → formulate → communicate → follow up, with revisions', () => {
    const snap = replayOrThrow(
      problemResolutionFlow,
      timed(
        [
          { type: 'IDENTIFY', cause: 'Late delivery' },
          { type: 'FORMULATE', specifics: 'Missed a birthday' },
          { type: 'COMMUNICATE', solution: 'Refund shipping', compromise: true },
          { type: 'REFORMULATE', reason: 'Wants a gift card' },
          { type: 'COMMUNICATE', solution: 'Gift card', compromise: false },
          { type: 'FOLLOW_UP' },
          { type: 'CONFIRM', implemented: false },
          { type: 'COMMUNICATE', solution: 'Gift card, re-sent', compromise: false },
          { type: 'FOLLOW_UP' },
          { type: 'CONFIRM', implemented: true, actor: 'kim' },
        ],
        1_000,
      ),
    );
    expect(snap.state).toBe('resolved');
    expect(snap.context).toEqual({
      cause: 'Late delivery',
      specifics: 'Missed a birthday',
      solution: 'Gift card, re-sent',
      compromise: false,
      revisions: 2,
      startedAt: 1_000,
      lastAt: 1_000 + 9 * 60_000,
      lastActor: 'kim',
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
      states.slice(1).map((_, i) => ({ type: 'NEXT' as const, at: i * 1_000 })),
    );
    expect(done.status).toBe('done');
    expect(done.context).toEqual({
      startedAt: 0,
      lastAt: (states.length - 2) * 1_000,
      lastActor: null,
    });
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
    const done = replayOrThrow(
      lastRecovery,
      timed([{ type: 'NEXT' }, { type: 'NEXT' }, { type: 'NEXT' }, { type: 'NEXT' }]),
    );
    expect(refuse(lastRecovery, done, { type: 'NEXT', at: 999_999 }).code).toBe('FINAL_STATE');
    expect(nextEvents(lastRecovery, initialSnapshot(lastRecovery))).toEqual(['NEXT']);
    expect(toMermaid(lastRecovery)).toContain('thank --> done : NEXT');
  });
});
