import { describe, expect, it } from 'vitest';
import {
  arbitraryEvent,
  arbitrarySequence,
  arbitraryValidSequence,
} from '../../src/fast-check/index.js';
import { ritzThreeSteps } from '../../src/frameworks/index.js';
import { isServicecraftError } from '../../src/index.js';
import {
  checkAccept,
  checkConformance,
  checkReject,
  coverage,
  shortestPaths,
  simplePaths,
  transitionCover,
} from '../../src/testing/index.js';
import { toXStateConfig } from '../../src/xstate/index.js';
import { door } from './machines.js';

/** What a call throws (it must throw). */
function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}

// Every misuse of the testing helpers is a UsageError that names the option, thrown before any
// work starts: never a TypeError from inside a generator, never a search that does not end.
describe('misuse of the testing helpers', () => {
  const bad: [string, () => unknown, string][] = [
    [
      'shortestPaths: contextsPerState NaN',
      () => shortestPaths(door, { contextsPerState: Number.NaN }),
      'contextsPerState',
    ],
    [
      'transitionCover: contextsPerState 0',
      () => transitionCover(door, { contextsPerState: 0 }),
      'contextsPerState',
    ],
    ['simplePaths: negative maxLength', () => simplePaths(door, { maxLength: -1 }), 'maxLength'],
    ['simplePaths: fractional limit', () => simplePaths(door, { limit: 1.5 }), 'limit'],
    [
      'shortestPaths: samples not lists',
      () => shortestPaths(door, { samples: { OPEN: {} } as never }),
      'samples',
    ],
    [
      'arbitraryValidSequence: maxLength Infinity',
      () => arbitraryValidSequence(door, { maxLength: Number.POSITIVE_INFINITY }),
      'maxLength',
    ],
    [
      'arbitrarySequence: maxLength as text',
      () => arbitrarySequence(door, { maxLength: '5' as never }),
      'maxLength',
    ],
    [
      'arbitraryEvent: samples as a list',
      () => arbitraryEvent(door, { samples: [] as never }),
      'samples',
    ],
    [
      'toXStateConfig: assign not a function',
      () => toXStateConfig(door, { assign: 5 as never }),
      'assign',
    ],
    [
      'checkConformance: minScore above 100',
      () => checkConformance(ritzThreeSteps, {}, { minScore: 101 }),
      'minScore',
    ],
    ['coverage: logs not a list', () => coverage(door, 42 as never), 'logs'],
    [
      'coverage: a log not a list',
      () => coverage(door, [[{ type: 'OPEN' }], 7] as never),
      'logs.1',
    ],
    [
      'checkAccept: events not a list',
      () => checkAccept(door, { type: 'OPEN' } as never),
      'events',
    ],
    [
      'checkReject: options not an object',
      () => checkReject(door, [{ type: 'OPEN' }], undefined, 7 as never),
      '',
    ],
    ['shortestPaths: not a machine', () => shortestPaths(null as never), 'machine'],
    ['coverage: not a machine', () => coverage({} as never, []), 'machine'],
    ['toXStateConfig: not a machine', () => toXStateConfig(undefined as never), 'machine'],
  ];

  it.each(bad)('%s', (_name, call, where) => {
    const error = thrownBy(call);
    expect(isServicecraftError(error, 'UsageError')).toBe(true);
    const paths = (error as unknown as { problems: { path: (string | number)[] }[] }).problems.map(
      (p) => p.path.join('.'),
    );
    expect(paths.some((p) => p.startsWith(where))).toBe(true);
  });
});
