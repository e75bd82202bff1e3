/**
 * `replay`: folds an event log into a snapshot. Deterministic: the same log always gives the same
 * snapshot, which is what lets a host event-source flows and rebuild them anywhere.
 *
 * @module
 */
import { TransitionError, type TransitionIssue } from './errors.js';
import { initialSnapshot, transition } from './transition.js';
import type { EventObject, Machine, Snapshot } from './types.js';

/**
 * The result of {@link replay}: a {@link ReplaySuccess} or a {@link ReplayFailure}.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export type ReplayResult<S extends string = string, C = unknown, R extends string = string> =
  | ReplaySuccess<S, C>
  | ReplayFailure<S, C, R>;

/**
 * A log applied in full.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @category Core
 */
export interface ReplaySuccess<S extends string = string, C = unknown> {
  /** Always `true`. */
  readonly ok: true;
  /** The snapshot after the last event. */
  readonly snapshot: Snapshot<S, C>;
  /** How many events were applied. */
  readonly count: number;
}

/**
 * A log that stopped at a refused event.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface ReplayFailure<S extends string = string, C = unknown, R extends string = string> {
  /** Always `false`. */
  readonly ok: false;
  /** Why the event at `index` was refused. */
  readonly error: TransitionIssue<R>;
  /** The zero-based position of the refused event in the log. */
  readonly index: number;
  /** The snapshot after the last accepted event. */
  readonly snapshot: Snapshot<S, C>;
}

/**
 * Applies a log of events in order, starting from `from` (or the initial snapshot), and stops at
 * the first refused event, reporting its index and issue. Accepts any iterable, so a log can be
 * streamed from storage without holding it in memory; time and memory are linear in the log and
 * flat in its length respectively.
 *
 * @example
 * ```ts
 * import { defineMachine, replay } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const result = replay(door, [{ type: 'OPEN' }, { type: 'CLOSE' }, { type: 'CLOSE' }]);
 * if (!result.ok) console.log(result.index, result.error.code); // 2 'EVENT_NOT_ALLOWED'
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param events - The log, oldest first.
 * @param from - The snapshot to start from; the machine's initial snapshot when omitted.
 * @returns `{ ok: true, snapshot, count }` or `{ ok: false, error, index, snapshot }`.
 * @category Core
 */
export function replay<
  S extends string,
  Ev extends EventObject,
  C,
  In extends EventObject,
  R extends string,
>(
  machine: Machine<S, Ev, C, In, R>,
  events: Iterable<NoInfer<In>>,
  from?: NoInfer<Snapshot<S, C>>,
): ReplayResult<S, C, R> {
  let snapshot = from ?? initialSnapshot(machine);
  let index = 0;
  for (const event of events) {
    const result = transition(machine, snapshot, event);
    if (!result.ok) return { ok: false, error: result.error, index, snapshot };
    snapshot = result.snapshot;
    index++;
  }
  return { ok: true, snapshot, count: index };
}

/**
 * Like {@link replay}, but returns the final snapshot and throws a {@link TransitionError} (its
 * message prefixed with the event's index) at the first refused event.
 *
 * @example
 * ```ts
 * import { defineMachine, replayOrThrow } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * replayOrThrow(door, [{ type: 'OPEN' }]).state; // 'open'
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param events - The log, oldest first.
 * @param from - The snapshot to start from; the machine's initial snapshot when omitted.
 * @returns The snapshot after the last event.
 * @throws {@link TransitionError} at the first refused event.
 * @category Core
 */
export function replayOrThrow<S extends string, Ev extends EventObject, C, In extends EventObject>(
  machine: Machine<S, Ev, C, In>,
  events: Iterable<NoInfer<In>>,
  from?: NoInfer<Snapshot<S, C>>,
): Snapshot<S, C> {
  const result = replay(machine, events, from);
  if (!result.ok) {
    throw new TransitionError({
      ...result.error,
      message: `Event #${result.index}: ${result.error.message}`,
    });
  }
  return result.snapshot;
}
