/**
 * `createFlow`: a small stateful object over the pure functions, for apps that prefer
 * `flow.send(event)` to threading snapshots by hand. It holds one snapshot and nothing else.
 *
 * @module
 */
import {
  can,
  initialSnapshot,
  nextEvents,
  type Step,
  type TransitionResult,
  transition,
} from './transition.js';
import type { EventObject, Machine, Snapshot } from './types.js';

/**
 * Called after every accepted event with the new snapshot and the step taken.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @category Core
 */
export type FlowListener<S extends string, C> = (snapshot: Snapshot<S, C>, step: Step<S>) => void;

/**
 * A running flow: one machine, one current snapshot.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam Ev - The event union as guards and updates see it: `{ type, ...payload }`, payloads
 *   after zod parsing.
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam In - The event union a caller sends: payloads before zod parsing, so a field with a
 *   `.default()` may be left out.
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface Flow<
  S extends string,
  Ev extends EventObject,
  C,
  In extends EventObject = Ev,
  R extends string = string,
> {
  /** The machine the flow runs. */
  readonly machine: Machine<S, Ev, C, In, R>;
  /** The current snapshot. */
  snapshot(): Snapshot<S, C>;
  /** Applies an event; on success the flow moves on and listeners are told. */
  send(event: In): TransitionResult<S, C, R>;
  /** Whether the event would be accepted now. */
  can(event: In): boolean;
  /** The event types accepted now (see {@link nextEvents}). */
  nextEvents(): Ev['type'][];
  /** Registers a listener; returns a function that removes it. */
  subscribe(listener: FlowListener<S, C>): () => void;
}

/**
 * Starts a flow from a snapshot (or the machine's initial snapshot).
 *
 * Listeners run after the snapshot has moved on. If one throws, the others still run and the first
 * error is rethrown from `send` afterwards; the transition itself stands.
 *
 * @example
 * ```ts
 * import { createFlow, defineMachine } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const flow = createFlow(door);
 * const stop = flow.subscribe((snapshot, step) => console.log(`${step.from} -> ${snapshot.state}`));
 * flow.send({ type: 'OPEN' }); // logs "closed -> open"
 * stop();
 * flow.snapshot().state; // 'open'
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - Where to start; the initial snapshot when omitted.
 * @returns The flow.
 * @category Core
 */
export function createFlow<
  S extends string,
  Ev extends EventObject,
  C,
  In extends EventObject,
  R extends string,
>(machine: Machine<S, Ev, C, In, R>, snapshot?: NoInfer<Snapshot<S, C>>): Flow<S, Ev, C, In, R> {
  let current = snapshot ?? initialSnapshot(machine);
  const listeners = new Set<FlowListener<S, C>>();
  return {
    machine,
    snapshot: () => current,
    send(event) {
      const result = transition(machine, current, event);
      if (!result.ok) return result;
      current = result.snapshot;
      let failure: { error: unknown } | undefined;
      for (const listener of [...listeners]) {
        try {
          listener(result.snapshot, result.step);
        } catch (error) {
          failure ??= { error };
        }
      }
      if (failure) throw failure.error;
      return result;
    },
    can: (event) => can(machine, current, event),
    nextEvents: () => nextEvents(machine, current),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
