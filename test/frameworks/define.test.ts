import { describe, expect, it } from 'vitest';
import { defineFramework } from '../../src/frameworks/index.js';
import { type DefinitionError, isDefinitionError, nextEvents } from '../../src/index.js';
import { drive, expectRefusal, expectRefused } from './helpers.js';

const desk = defineFramework({
  id: 'helpDesk',
  name: 'Help desk',
  source: 'In-house checklist',
  steps: [
    { id: 'greet', description: 'Greet by name.', momentOfTruth: true },
    { id: 'verify', description: 'Check identity.', mandatory: false },
    { id: 'diagnose', description: 'Find the cause.', maxTimes: 3 },
    {
      id: 'resolve',
      description: 'Fix it.',
      maxTimes: 2,
      outcomes: { fixed: 'end', notFixed: 'diagnose' },
    },
  ],
  qualities: [{ id: 'patience', description: 'No rushing.' }],
});

function problemsOf(spec: unknown): { code: string; path: readonly string[] }[] {
  try {
    defineFramework(spec as never);
  } catch (error) {
    if (isDefinitionError(error))
      return (error as DefinitionError).problems.map(({ code, path }) => ({ code, path }));
    throw error;
  }
  throw new Error('expected a DefinitionError');
}

describe('defineFramework', () => {
  it('fills in defaults and keeps the metadata', () => {
    expect(desk.steps[1]).toEqual({
      id: 'verify',
      order: 1,
      description: 'Check identity.',
      mandatory: false,
      maxTimes: 1,
      back: [],
      outcomes: {},
      requires: {},
      outcomeGuards: {},
      guard: null,
      aliases: [],
      momentOfTruth: false,
    });
    expect(desk.steps[3]?.requires).toEqual({ fixed: [], notFixed: [] });
    expect(desk.steps[3]?.maxTimes).toBe(2);
    expect(desk.steps[3]?.outcomes).toEqual({ fixed: ['end'], notFixed: ['diagnose'] });
    expect(desk).toMatchObject({
      id: 'helpDesk',
      version: 1,
      name: 'Help desk',
      source: 'In-house checklist',
      outcomes: ['fixed', 'notFixed'],
    });
    expect(desk.machine.id).toBe('helpDesk');
  });

  it('allows skipping optional steps, repeating, and branching on outcomes', () => {
    const m = desk.machine;
    expect(nextEvents(m, drive(m, ['greet']) as never)).toEqual([
      'verify',
      'diagnose',
      'QUALITY',
      'ABANDON',
    ]);
    expect(
      drive(m, [
        'greet',
        'diagnose',
        'diagnose',
        'resolve',
        'notFixed',
        'diagnose',
        'resolve',
        'fixed',
        'END',
      ]).state,
    ).toBe('completed');
    const limit = expectRefusal(
      m,
      drive(m, ['greet', 'diagnose', 'diagnose', 'diagnose']),
      { type: 'diagnose', at: 1e9 },
      'REPEAT_LIMIT',
    );
    expect(limit.reason.details).toEqual({ step: 'diagnose', count: 3, maxTimes: 3 });
    expectRefused(
      m,
      drive(m, ['greet', 'diagnose', 'resolve']),
      { type: 'END', at: 1e9 },
      'EVENT_NOT_ALLOWED',
    );
  });

  it('guards the successful end with allMandatoryDone', () => {
    const loose = defineFramework({
      id: 'loose',
      name: 'Loose',
      source: 'test',
      steps: [
        { id: 'a', description: 'A', mandatory: false, outcomes: { go: 'b', skip: 'c' } },
        { id: 'b', description: 'B' },
        { id: 'c', description: 'C', mandatory: false },
      ],
    });
    const m = loose.machine;
    expect(drive(m, ['b', 'c', 'END']).state).toBe('completed');
    const stuck = drive(m, ['a', 'skip', 'c']);
    const error = expectRefusal(m, stuck, { type: 'END', at: 1e9 }, 'MANDATORY_MISSING');
    expect(error).toMatchObject({ guard: 'allMandatoryDone', state: 'c' });
    expect(error.reason).toEqual({
      code: 'MANDATORY_MISSING',
      message: 'The interaction cannot end successfully: mandatory step b was never done.',
      details: { missing: ['b'] },
    });
    // A refusing guard hides the event from nextEvents, as a false one did.
    expect(nextEvents(m, stuck as never)).toEqual(['QUALITY', 'ABANDON']);
    expect(m.refusals).toEqual([
      'OUT_OF_ORDER',
      'REPEAT_LIMIT',
      'MANDATORY_MISSING',
      'CONDITION_NOT_MET',
    ]);
  });

  it('lists every problem of a bad spec at once', () => {
    expect(
      problemsOf({
        id: '',
        name: 'x',
        source: ' ',
        steps: [
          { id: 'Greet', description: 'x' },
          { id: 'start', description: 'x' },
          {
            id: 'help',
            description: '',
            maxTimes: 0,
            back: ['nowhere'],
            outcomes: { help: 'end', ok: [], Bad: 'zzz' },
          },
          { id: 'help', description: 'x' },
        ],
        qualities: [
          { id: 'q', description: 'x' },
          { id: 'q', description: 'x', step: 'nope' },
        ],
      }),
    ).toEqual([
      { code: 'INVALID_ID', path: ['id'] },
      { code: 'INVALID_ID', path: ['source'] },
      { code: 'INVALID_ID', path: ['steps', '0', 'id'] },
      { code: 'RESERVED_NAME', path: ['steps', '1', 'id'] },
      { code: 'INVALID_ID', path: ['steps', '2', 'description'] },
      { code: 'INVALID_TRANSITION', path: ['steps', '2', 'maxTimes'] },
      { code: 'INVALID_ID', path: ['steps', '3', 'id'] },
      { code: 'UNKNOWN_TARGET', path: ['steps', '2', 'back', '0'] },
      { code: 'RESERVED_NAME', path: ['steps', '2', 'outcomes', 'help'] },
      { code: 'INVALID_TRANSITION', path: ['steps', '2', 'outcomes', 'ok'] },
      { code: 'INVALID_ID', path: ['steps', '2', 'outcomes', 'Bad'] },
      { code: 'UNKNOWN_TARGET', path: ['steps', '2', 'outcomes', 'Bad'] },
      { code: 'INVALID_ID', path: ['qualities', '1', 'id'] },
      { code: 'UNKNOWN_TARGET', path: ['qualities', '1', 'step'] },
    ]);
    expect(problemsOf({ id: 'x', name: 'x', source: 'x', steps: [] })).toEqual([
      { code: 'NO_STATES', path: ['steps'] },
    ]);
    expect(problemsOf(null)).toEqual([{ code: 'NO_STATES', path: [] }]);
  });

  it('passes the engine’s own checks through, such as unreachable steps', () => {
    const problems = problemsOf({
      id: 'stuck',
      name: 'Stuck',
      source: 'test',
      steps: [
        { id: 'a', description: 'A', outcomes: { done: 'end' } },
        { id: 'b', description: 'B' },
      ],
    });
    expect(problems).toEqual([{ code: 'UNREACHABLE_STATE', path: ['states', 'b'] }]);
  });
});
