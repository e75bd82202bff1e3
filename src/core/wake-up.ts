/**
 * `nextWakeUp`: when a snapshot next needs a time event, for hosts that schedule them.
 *
 * @module
 */
import { clip, describeValue, UsageError } from './errors.js';
import { tablesOf, takesEvents } from './internal.js';
import type { EventObject, Machine, Snapshot, WakeUp, WakeUpRule } from './types.js';

/**
 * The next instant at which something time-based changes for this snapshot, and the event to send
 * then; `undefined` when nothing is due (no rule declared, a final state, or nothing pending).
 *
 * A machine declares it with `wakeUp` in {@link defineMachine}; complaint cases and loyalty
 * programmes declare theirs. A host calls it after every accepted transition, stores `at` in a
 * scheduler and, when the time comes, sends `event` through {@link transition} like any other
 * event. The answer depends only on the snapshot, so calling it twice gives the same wake-up,
 * and a wake-up that fires late still does the right thing (the event carries its time).
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine, initialSnapshot, nextWakeUp, transitionOrThrow } from 'servicecraft';
 *
 * const hold = defineMachine({
 *   id: 'hold', version: 1, initial: 'idle',
 *   context: z.object({ until: z.number().nullable().default(null) }),
 *   events: { HOLD: z.object({ at: z.number() }), EXPIRE: z.object({ at: z.number() }) },
 *   states: {
 *     idle: { on: { HOLD: { target: 'held', update: ({ event }) => ({ until: event.at + 60_000 }) } } },
 *     held: { on: { EXPIRE: { target: 'idle', update: () => ({ until: null }) } } },
 *   },
 *   wakeUp: ({ state, context }) =>
 *     state === 'held' && context.until !== null
 *       ? { at: context.until, event: { type: 'EXPIRE', at: context.until }, reason: 'hold.expiry' }
 *       : undefined,
 * });
 *
 * const held = transitionOrThrow(hold, initialSnapshot(hold), { type: 'HOLD', at: 0 });
 * nextWakeUp(hold, held); // { at: 60000, event: { type: 'EXPIRE', at: 60000 }, reason: 'hold.expiry' }
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - A snapshot of that machine.
 * @returns The wake-up, or `undefined`.
 * @throws {@link UsageError} when the snapshot does not belong to the machine, or when the
 *   machine's rule returns something that is not a wake-up (a bug in the rule).
 * @category Core
 */
export function nextWakeUp<
  S extends string,
  Ev extends EventObject,
  C,
  In extends EventObject,
  R extends string,
>(machine: Machine<S, Ev, C, In, R>, snapshot: NoInfer<Snapshot<S, C>>): WakeUp<In> | undefined {
  const tables = tablesOf(machine);
  const snap = snapshot as Partial<Snapshot> | null;
  const state =
    typeof snap === 'object' &&
    snap !== null &&
    snap.machine === machine.id &&
    snap.version === machine.version &&
    typeof snap.state === 'string'
      ? tables.states.get(snap.state)
      : undefined;
  if (state === undefined) {
    throw new UsageError(
      `nextWakeUp needs a snapshot of machine '${machine.id}' version ${machine.version}; received ${describeValue(snap)}.`,
      [{ path: ['snapshot'], message: 'not a snapshot of this machine' }],
    );
  }
  const rule = machine.definition.wakeUp as WakeUpRule<string, unknown, EventObject> | undefined;
  // A snapshot whose revision no event can follow (transition refuses it) has nothing to wake for.
  if (rule === undefined || state.final || !takesEvents(snap?.revision)) return undefined;
  const found = rule({ state: state.name, context: (snap as Snapshot).context });
  if (found === undefined) return undefined;
  const at = (found as Partial<WakeUp> | null)?.at;
  const type = (found as Partial<WakeUp<EventObject>> | null)?.event?.type;
  if (
    typeof at !== 'number' ||
    !Number.isFinite(at) ||
    typeof type !== 'string' ||
    !tables.events.has(type) ||
    typeof found.reason !== 'string'
  ) {
    throw new UsageError(
      `The wakeUp rule of machine '${machine.id}' returned ${clip(describeValue(found), 200)}; expected { at: a finite number, event: an event of the machine, reason: a string } or undefined.`,
      [{ path: ['wakeUp'], message: 'not a wake-up' }],
    );
  }
  return found as WakeUp<In>;
}
