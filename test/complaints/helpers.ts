import { expect } from 'vitest';
import {
  type ComplaintCaseEvent,
  type ComplaintCaseSnapshot,
  type DefaultEscalationLevel,
  iso10002Lifecycle,
} from '../../src/complaints/index.js';
import {
  type AnyMachine,
  initialSnapshot,
  type TransitionIssue,
  transition,
} from '../../src/index.js';

export type Ev = ComplaintCaseEvent<DefaultEscalationLevel>;
export type Snap = ComplaintCaseSnapshot<DefaultEscalationLevel>;

export const T0 = Date.UTC(2028, 1, 28, 9, 0);
export const MIN = 60_000;
export const DAY = 86_400_000;

export const receive = (over: Partial<Extract<Ev, { type: 'RECEIVE' }>> = {}): Ev => ({
  type: 'RECEIVE',
  at: T0,
  by: 'web-form',
  id: 'C-1',
  channel: 'web',
  summary: 'Kettle leaks',
  remedySought: 'Refund',
  owner: { id: 'ana', level: 'agent' },
  ...over,
});
export const ack = (at = T0 + MIN, by = 'ana'): Ev => ({ type: 'ACKNOWLEDGE', at, by });
export const assess = (over: Partial<Extract<Ev, { type: 'ASSESS' }>> = {}): Ev => ({
  type: 'ASSESS',
  at: T0 + 2 * MIN,
  by: 'ana',
  severity: 'medium',
  complexity: 'low',
  impact: 'low',
  urgency: 'medium',
  safety: 'low',
  ...over,
});
export const refund = (amount: number, at = T0 + 3 * MIN, by = 'ana'): Ev => ({
  type: 'RESPOND',
  at,
  by,
  closure: { kind: 'monetaryRemedy', amount: { amount, currency: 'EUR' } },
});

/** Applies events one by one, failing the test on the first refusal. */
export function run(events: readonly Ev[], from: Snap = initialSnapshot(iso10002Lifecycle)): Snap {
  let snap = from;
  for (const event of events) {
    const result = transition(iso10002Lifecycle, snap, event);
    if (!result.ok) throw new Error(`${event.type} refused: ${result.error.message}`);
    snap = result.snapshot;
  }
  return snap;
}

/** Sends an event that must be refused; checks the snapshot is returned untouched and returns the issue. */
export function refuse<M extends AnyMachine>(
  machine: M,
  snap: unknown,
  event: unknown,
): TransitionIssue {
  const before = structuredClone(snap);
  const result = transition(machine, snap as never, event as never);
  expect(result.ok).toBe(false);
  expect(result.snapshot).toBe(snap);
  expect(snap).toEqual(before);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}
