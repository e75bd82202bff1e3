import { expect } from 'vitest';
import {
  type AnyMachine,
  replayOrThrow,
  type Snapshot,
  type TransitionErrorCode,
  type TransitionIssue,
  transition,
} from '../../src/index.js';

/** Events with increasing `at` (one minute apart), from compact `type` names. */
export function timed(types: readonly string[], start = 0): { type: string; at: number }[] {
  return types.map((type, i) => ({ type, at: start + i * 60_000 }));
}

/** Replays compact event names and returns the snapshot. */
export function drive(machine: AnyMachine, types: readonly string[]): Snapshot {
  return replayOrThrow(machine, timed(types) as never) as Snapshot;
}

/** Asserts that an event is refused with `code`, and that the snapshot comes back untouched. */
export function expectRefused(
  machine: AnyMachine,
  snapshot: Snapshot,
  event: object,
  code: TransitionErrorCode,
): TransitionIssue {
  const before = structuredClone(snapshot);
  const result = transition(machine, snapshot as never, event as never);
  if (result.ok) throw new Error(`expected ${code}, but the event was accepted`);
  expect(result.error.code).toBe(code);
  expect(result.snapshot).toBe(snapshot);
  expect(snapshot).toEqual(before);
  return result.error;
}

/** A recorded step/quality/outcome list, one minute apart. */
export function recordOf(
  framework: string,
  events: readonly (readonly [kind: string, id: string])[],
) {
  return {
    framework,
    events: events.map(([kind, id], i) => ({ kind, id, at: i * 60_000 })),
  };
}
