/**
 * Generators shared by the complaint property tests: event sequences for the complaint case that
 * reach every state (a path to closure with random events inserted, times mostly increasing).
 */
import fc from 'fast-check';
import { iso10002Lifecycle } from '../../src/complaints/index.js';
import { initialSnapshot, transition } from '../../src/index.js';
import { type Ev, MIN, receive, type Snap, T0 } from './helpers.js';

export const who = fc.constantFrom('ana', 'mia', 'sue', 'bot-1', 'customer');
/** Ways of writing 'ana' that name the same actor once normalised, and two other people. */
export const approver = fc.constantFrom('mia', 'sue', 'ana', 'Ana', 'ANA', 'ana\u200b', 'ａｎａ');
export const level = fc.constantFrom('bot', 'agent', 'supervisor', 'manager', 'external' as const);
export const rating = fc.constantFrom('low', 'medium', 'high', 'critical' as const);
export const closure = fc.oneof(
  fc.constant({ kind: 'explained' as const, explanation: 'why' }),
  fc.integer({ min: 0, max: 300_000 }).map((amount) => ({
    kind: 'monetaryRemedy' as const,
    amount: { amount, currency: 'EUR' as const },
  })),
  fc.constant({ kind: 'nonMonetaryRemedy' as const, remedy: 'new lid' }),
  fc.constant({ kind: 'withdrawn' as const }),
  fc.constant({ kind: 'duplicate' as const, of: 'C-0' }),
  fc.constant({ kind: 'referred' as const, to: 'ombudsman' }),
);
export const trigger = fc.oneof(
  fc.constant({ kind: 'askedForHuman' as const }),
  fc.constant({ kind: 'failedAttempts' as const }),
  fc
    .double({ min: 0, max: 1, noNaN: true })
    .map((confidence) => ({ kind: 'lowConfidence' as const, confidence })),
  fc.constant({ kind: 'restrictedTopic' as const, topic: 'legal' }),
  fc.constant({ kind: 'dissatisfiedAfterResolution' as const }),
);

/** An event without its time; the sequence assigns `at` (mostly increasing, sometimes not). */
export const eventBody = fc.oneof(
  who.map((by) => ({ ...receive(), by })),
  who.map((by) => ({ type: 'ACKNOWLEDGE' as const, by })),
  fc
    .record({
      by: who,
      severity: rating,
      complexity: rating,
      impact: rating,
      urgency: rating,
      safety: rating,
      outset: fc.option(closure, { nil: undefined }),
    })
    .map(({ outset, ...r }) => ({
      type: 'ASSESS' as const,
      ...r,
      ...(outset === undefined ? {} : { resolvedAtOutset: outset }),
    })),
  who.map((by) => ({ type: 'ATTEMPT_FAILED' as const, by })),
  fc.record({ by: who, id: who, level, trigger }).map(({ id, level: l, ...r }) => ({
    type: 'ESCALATE' as const,
    ...r,
    to: { id, level: l },
    reason: 'R1',
    handoff: { summary: 's', stepsAttempted: [] },
  })),
  fc.record({ by: who, owner: who }).map((r) => ({ type: 'REASSIGN' as const, ...r })),
  fc.record({ by: who, closure }).map((r) => ({ type: 'RESPOND' as const, ...r })),
  fc.record({ by: approver, level }).map((r) => ({ type: 'APPROVE_REMEDY' as const, ...r })),
  who.map((by) => ({ type: 'DECLINE_REMEDY' as const, by, note: 'no' })),
  who.map((by) => ({ type: 'COMMUNICATE_DECISION' as const, by })),
  who.map((by) => ({ type: 'ACCEPT' as const, by })),
  who.map((by) => ({ type: 'REJECT' as const, by, recourseOffered: ['ombudsman'] })),
  who.map((by) => ({ type: 'RECONSIDER' as const, by })),
  fc
    .record({ by: who, workingDays: fc.integer({ min: 1, max: 12 }) })
    .map((r) => ({ type: 'EXTEND_DEADLINE' as const, ...r, reason: 'waiting for a contractor' })),
  fc.record({ by: who, id: who, level }).map(({ id, level: l, by }) => ({
    type: 'ESCALATE_STAGE' as const,
    by,
    owner: { id, level: l },
  })),
  fc
    .record({ by: who, direction: fc.constantFrom('toCustomer', 'fromCustomer' as const) })
    .map((r) => ({ type: 'CONTACT' as const, ...r })),
  who.map((by) => ({ type: 'CHECK_DEADLINES' as const, by })),
);
/** A path to closure (some steps possibly dropped) with random events inserted anywhere. */
export const skeleton = fc
  .tuple(who, closure, approver, level)
  .chain(([by, c, approver, approverLevel]) =>
    fc.subarray(
      [
        { ...receive(), by },
        { type: 'ACKNOWLEDGE' as const, by },
        {
          type: 'ASSESS' as const,
          by,
          severity: 'low' as const,
          complexity: 'low' as const,
          impact: 'low' as const,
          urgency: 'low' as const,
          safety: 'low' as const,
        },
        { type: 'RESPOND' as const, by, closure: c },
        { type: 'APPROVE_REMEDY' as const, by: approver, level: approverLevel },
        { type: 'COMMUNICATE_DECISION' as const, by },
        { type: 'ACCEPT' as const, by: 'customer' },
      ],
      { minLength: 4 },
    ),
  );
export const events = fc
  .tuple(
    skeleton,
    fc.array(fc.tuple(eventBody, fc.nat()), { maxLength: 40 }),
    fc.array(fc.integer({ min: -2, max: 30 }), { minLength: 60, maxLength: 60 }),
  )
  .map(([path, noise, steps]) => {
    const merged: object[] = [...path];
    for (const [body, position] of noise) merged.splice(position % (merged.length + 1), 0, body);
    let at = T0;
    return merged.map((body, i) => {
      at += (steps[i % steps.length] ?? 1) * MIN;
      return { ...body, at } as Ev;
    });
  });

export function fold(
  list: readonly Ev[],
  onStep?: (before: Snap, after: Snap, ok: boolean) => void,
  machine: typeof iso10002Lifecycle = iso10002Lifecycle,
): Snap {
  let snap = initialSnapshot(machine);
  for (const event of list) {
    const result = transition(machine, snap, event);
    onStep?.(snap, result.snapshot, result.ok);
    snap = result.snapshot;
  }
  return snap;
}

/**
 * A case taken to its second stage (decided, communicated, rejected, escalated to another
 * handler), then random events: enough for multi-stage policies to be tested past stage 1, which
 * random events alone almost never reach.
 */
export const stagedEvents = fc
  .tuple(
    who,
    fc.constantFrom('mo', 'Ana', 'sue'),
    fc.array(eventBody, { maxLength: 30 }),
    fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 40, maxLength: 40 }),
  )
  .map(([by, next, noise, steps]) => {
    const path: object[] = [
      { ...receive(), by },
      { type: 'ACKNOWLEDGE', by: 'ana' },
      {
        type: 'ASSESS',
        by: 'ana',
        severity: 'low',
        complexity: 'low',
        impact: 'low',
        urgency: 'low',
        safety: 'low',
      },
      { type: 'RESPOND', by: 'ana', closure: { kind: 'explained', explanation: 'e' } },
      { type: 'COMMUNICATE_DECISION', by: 'ana' },
      { type: 'REJECT', by: 'customer', recourseOffered: ['stage 2'] },
      { type: 'ESCALATE_STAGE', by: 'customer', owner: { id: next, level: 'manager' } },
      ...noise,
    ];
    let at = T0;
    return path.map((body, i) => {
      at += (steps[i % steps.length] ?? 1) * MIN;
      return { ...body, at } as Ev;
    });
  });
