import { expect } from 'vitest';
import {
  type AnyMachine,
  nextEvents,
  type RefusedIssue,
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

/**
 * Asserts that an event is `REFUSED` with the domain code `reason`, that the snapshot comes back
 * untouched, and that `allowed` is exactly what `nextEvents` says for the same snapshot.
 */
export function expectRefusal(
  machine: AnyMachine,
  snapshot: Snapshot,
  event: object,
  reason: string,
): RefusedIssue {
  const error = expectRefused(machine, snapshot, event, 'REFUSED');
  if (error.code !== 'REFUSED') throw new Error('unreachable');
  expect(error.reason.code).toBe(reason);
  expect(error.allowed).toEqual(nextEvents(machine, snapshot as never));
  return error;
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
