/**
 * The pure heart of the engine: make a first snapshot, take one event, ask what is possible now.
 * Nothing here throws on bad input except the functions whose name says so.
 *
 * @module
 */
import {
  describeIssues,
  describeValue,
  SnapshotError,
  transitionMessages as say,
  TransitionError,
  type TransitionIssue,
} from './errors.js';
import { type Candidate, tablesOf } from './internal.js';
import type { EventObject, Machine, Snapshot } from './types.js';

/**
 * What a successful transition did: the state it left, the state it entered, the event type.
 *
 * @category Core
 */
export interface Step<S extends string = string> {
  /** The state before. */
  readonly from: S;
  /** The state after (the same as `from` for a self-transition). */
  readonly to: S;
  /** The event type that was taken. */
  readonly event: string;
}

/**
 * The result of {@link transition}: a {@link TransitionSuccess} or a {@link TransitionFailure}.
 *
 * @category Core
 */
export type TransitionResult<S extends string = string, C = unknown> =
  | TransitionSuccess<S, C>
  | TransitionFailure<S, C>;

/**
 * An accepted event.
 *
 * @category Core
 */
export interface TransitionSuccess<S extends string = string, C = unknown> {
  /** Always `true`. */
  readonly ok: true;
  /** The next snapshot: a new object; the previous one is untouched. */
  readonly snapshot: Snapshot<S, C>;
  /** What happened. */
  readonly step: Step<S>;
}

/**
 * A refused event.
 *
 * @category Core
 */
export interface TransitionFailure<S extends string = string, C = unknown> {
  /** Always `false`. */
  readonly ok: false;
  /** Why the event was refused. */
  readonly error: TransitionIssue;
  /** The snapshot that was passed in, unchanged. */
  readonly snapshot: Snapshot<S, C>;
}

/**
 * Makes the first snapshot of a machine, validating the initial context against the context
 * schema (zod defaults fill in what the input leaves out).
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine, initialSnapshot } from 'servicecraft';
 *
 * const counter = defineMachine({
 *   id: 'counter', version: 1, initial: 'on',
 *   context: z.object({ n: z.number().int().default(0) }),
 *   events: { TICK: null }, states: { on: { on: { TICK: 'on' } } },
 * });
 * initialSnapshot(counter);
 * // { machine: 'counter', version: 1, state: 'on', context: { n: 0 }, status: 'active' }
 * initialSnapshot(counter, { n: 5 }).context.n; // 5
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param input - The initial context (parsed with the context schema; `{}` when omitted).
 * @returns A plain-JSON snapshot in the initial state.
 * @throws {@link SnapshotError} with code `INVALID_CONTEXT` when the input fails the schema.
 * @category Core
 */
export function initialSnapshot<S extends string, C>(
  machine: Machine<S, EventObject, C>,
  input?: unknown,
): Snapshot<S, C> {
  const { context: schema, states } = tablesOf(machine);
  let context: unknown = {};
  if (schema) {
    const parsed = schema.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      const detail = describeIssues(parsed.error.issues);
      throw new SnapshotError({
        code: 'INVALID_CONTEXT',
        message: `The initial context of machine '${machine.id}' is invalid: ${detail}.`,
        problems: parsed.error.issues.map((i) => ({
          path: ['context', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: i.message,
        })),
        issues: parsed.error.issues,
      });
    }
    context = parsed.data;
  } else if (input !== undefined) {
    throw new SnapshotError({
      code: 'INVALID_CONTEXT',
      message: `Machine '${machine.id}' has no context schema, so it takes no initial input.`,
      problems: [{ path: ['context'], message: 'unexpected input' }],
      issues: [],
    });
  }
  const final = states.get(machine.initial)?.final === true;
  return {
    machine: machine.id,
    version: machine.version,
    state: machine.initial,
    context: context as C,
    status: final ? 'done' : 'active',
  };
}

/**
 * Applies one event to a snapshot and returns the next snapshot, or the reason it was refused.
 *
 * Pure: it reads no clock and no randomness, mutates nothing, and never throws on a bad event or
 * snapshot. An event the state does not handle is always reported (`EVENT_NOT_ALLOWED`), never
 * silently dropped. Checks run in this order: snapshot, event, final state, allowed here,
 * payload, guards, update.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot, transition } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const start = initialSnapshot(door);
 * const result = transition(door, start, { type: 'OPEN' });
 * if (result.ok) console.log(result.snapshot.state); // 'open'
 *
 * const refused = transition(door, start, { type: 'CLOSE' });
 * if (!refused.ok) console.log(refused.error.message);
 * // Event CLOSE is not allowed in state 'closed'; allowed: OPEN.
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The current snapshot (from {@link initialSnapshot}, a previous transition or
 *   {@link restoreSnapshot}).
 * @param event - The event: `{ type, ...payload }`.
 * @returns `{ ok: true, snapshot, step }` or `{ ok: false, error, snapshot }`.
 * @category Core
 */
export function transition<S extends string, Ev extends EventObject, C>(
  machine: Machine<S, Ev, C>,
  snapshot: NoInfer<Snapshot<S, C>>,
  event: NoInfer<Ev>,
): TransitionResult<S, C> {
  const tables = tablesOf(machine);
  const refuse = (error: TransitionIssue): TransitionResult<S, C> => ({
    ok: false,
    error,
    snapshot,
  });

  if (
    typeof snapshot !== 'object' ||
    snapshot === null ||
    snapshot.machine !== machine.id ||
    snapshot.version !== machine.version
  ) {
    const got =
      typeof snapshot === 'object' && snapshot !== null
        ? `machine '${String(snapshot.machine)}' version ${String(snapshot.version)}`
        : describeValue(snapshot);
    const message = say.wrongMachine(machine.id, machine.version, got);
    return refuse({
      code: 'INVALID_SNAPSHOT',
      message,
      state: undefined,
      event: eventType(event),
      problems: [message],
    });
  }
  const from = snapshot.state;
  const state = tables.states.get(from);
  if (state === undefined) {
    const message = say.unknownState(machine.id, String(from));
    return refuse({
      code: 'INVALID_SNAPSHOT',
      message,
      state: String(from),
      event: eventType(event),
      problems: [message],
    });
  }
  const type = eventType(event);
  if (type === undefined) {
    const message = say.notAnEvent(describeValue(event));
    return refuse({
      code: 'UNKNOWN_EVENT',
      message,
      state: from,
      event: undefined,
      known: tables.eventTypes,
    });
  }
  const schema = tables.events.get(type);
  if (schema === undefined) {
    const message = say.unknownEvent(machine.id, type, tables.eventTypes);
    return refuse({
      code: 'UNKNOWN_EVENT',
      message,
      state: from,
      event: type,
      known: tables.eventTypes,
    });
  }
  if (state.final) {
    return refuse({
      code: 'FINAL_STATE',
      message: say.finalState(from, type),
      state: from,
      event: type,
    });
  }
  const candidates = state.on.get(type);
  if (candidates === undefined) {
    return refuse({
      code: 'EVENT_NOT_ALLOWED',
      message: say.notAllowed(from, type, state.allowed),
      state: from,
      event: type,
      allowed: state.allowed,
    });
  }

  // Payload: a schema parses everything but `type`; a payload-free event must be `{ type }` alone.
  let validated: { type: string } = event;
  if (schema === null) {
    for (const key in event) {
      if (key !== 'type') {
        const message = say.invalidPayload(
          from,
          type,
          `it takes no payload, but has the key '${key}'`,
        );
        return refuse({
          code: 'INVALID_PAYLOAD',
          message,
          state: from,
          event: type,
          issues: [
            {
              code: 'unrecognized_keys',
              keys: [String(key)],
              path: [],
              message: `Unrecognized key: "${key}"`,
              input: event as unknown as Record<string, unknown>,
            },
          ],
        });
      }
    }
  } else {
    const { type: _type, ...payload } = event;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      return refuse({
        code: 'INVALID_PAYLOAD',
        message: say.invalidPayload(from, type, describeIssues(issues)),
        state: from,
        event: type,
        issues,
      });
    }
    validated = { ...(parsed.data as object), type };
  }

  const context = snapshot.context;
  let chosen: Candidate | undefined;
  let rejected: string[] | undefined;
  for (const candidate of candidates) {
    if (candidate.guardFn === undefined) {
      chosen = candidate;
      break;
    }
    let passed: boolean;
    try {
      passed = candidate.guardFn({ context, event: validated }) === true;
    } catch (cause) {
      const guard = candidate.guard as string;
      return refuse({
        code: 'GUARD_REJECTED',
        message: say.guardThrew(from, type, guard, cause),
        state: from,
        event: type,
        guards: [guard],
        allowed: state.allowed,
        cause,
      });
    }
    if (passed) {
      chosen = candidate;
      break;
    }
    rejected ??= [];
    rejected.push(candidate.guard as string);
  }
  if (chosen === undefined) {
    const guards = rejected ?? [];
    return refuse({
      code: 'GUARD_REJECTED',
      message: say.guardRejected(from, type, guards, state.allowed),
      state: from,
      event: type,
      guards,
      allowed: state.allowed,
    });
  }

  let next: unknown = context;
  if (chosen.update !== undefined) {
    try {
      next = chosen.update({ context, event: validated });
    } catch (cause) {
      return refuse({
        code: 'UPDATE_FAILED',
        message: say.updateThrew(from, type, cause),
        state: from,
        event: type,
        issues: [],
        cause,
      });
    }
    if (tables.context !== undefined) {
      const parsed = tables.context.safeParse(next);
      if (!parsed.success) {
        const issues = parsed.error.issues;
        return refuse({
          code: 'UPDATE_FAILED',
          message: say.updateInvalid(from, type, describeIssues(issues)),
          state: from,
          event: type,
          issues,
        });
      }
      next = parsed.data;
    }
  }

  const to = chosen.target as S;
  return {
    ok: true,
    snapshot: {
      machine: snapshot.machine,
      version: snapshot.version,
      state: to,
      context: next as C,
      status: tables.states.get(to)?.final === true ? 'done' : 'active',
    },
    step: { from, to, event: type },
  };
}

function eventType(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const type = (event as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/**
 * Like {@link transition}, but returns the next snapshot and throws a {@link TransitionError} when
 * the event is refused. For scripts and tests where a refusal is a bug.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot, transitionOrThrow } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const open = transitionOrThrow(door, initialSnapshot(door), { type: 'OPEN' });
 * open.state; // 'open'
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The current snapshot.
 * @param event - The event.
 * @returns The next snapshot.
 * @throws {@link TransitionError} carrying the issue.
 * @category Core
 */
export function transitionOrThrow<S extends string, Ev extends EventObject, C>(
  machine: Machine<S, Ev, C>,
  snapshot: NoInfer<Snapshot<S, C>>,
  event: NoInfer<Ev>,
): Snapshot<S, C> {
  const result = transition(machine, snapshot, event);
  if (!result.ok) throw new TransitionError(result.error);
  return result.snapshot;
}

/**
 * Whether an event would be accepted now: the exact check {@link transition} makes (payload,
 * guards and update included), without keeping the result.
 *
 * @example
 * ```ts
 * import { can, defineMachine, initialSnapshot } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * can(door, initialSnapshot(door), { type: 'OPEN' }); // true
 * can(door, initialSnapshot(door), { type: 'CLOSE' }); // false
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The current snapshot.
 * @param event - The event to try.
 * @returns `true` when `transition` would succeed.
 * @category Core
 */
export function can<S extends string, Ev extends EventObject, C>(
  machine: Machine<S, Ev, C>,
  snapshot: NoInfer<Snapshot<S, C>>,
  event: NoInfer<Ev>,
): boolean {
  return transition(machine, snapshot, event).ok;
}

/**
 * The event types the current state accepts, with guards applied to the current context. A guard
 * is called with the bare event `{ type }`, so a guard that depends on the payload counts only
 * when it passes without one; use {@link can} with a full event for the exact answer.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine, initialSnapshot, nextEvents } from 'servicecraft';
 *
 * const ticket = defineMachine({
 *   id: 'ticket', version: 1, initial: 'open',
 *   context: z.object({ replies: z.number().default(0) }),
 *   events: { REPLY: null, SOLVE: null },
 *   guards: { answered: ({ context }) => context.replies > 0 },
 *   states: {
 *     open: {
 *       on: {
 *         REPLY: { target: 'open', update: ({ context }) => ({ replies: context.replies + 1 }) },
 *         SOLVE: { target: 'solved', guard: 'answered' },
 *       },
 *     },
 *     solved: { type: 'final' },
 *   },
 * });
 * nextEvents(ticket, initialSnapshot(ticket)); // ['REPLY']
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The current snapshot.
 * @returns The accepted event types, in definition order (empty in a final state).
 * @category Core
 */
export function nextEvents<S extends string, Ev extends EventObject, C>(
  machine: Machine<S, Ev, C>,
  snapshot: NoInfer<Snapshot<S, C>>,
): Ev['type'][] {
  const state = tablesOf(machine).states.get(snapshot.state);
  if (state === undefined || state.final || snapshot.machine !== machine.id) return [];
  const out: Ev['type'][] = [];
  for (const [type, candidates] of state.on) {
    const possible = candidates.some((c) => {
      if (c.guardFn === undefined) return true;
      try {
        return c.guardFn({ context: snapshot.context, event: { type } }) === true;
      } catch {
        return false;
      }
    });
    if (possible) out.push(type);
  }
  return out;
}

/**
 * Whether a snapshot is in a final state.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot, isFinal } from 'servicecraft';
 *
 * const once = defineMachine({
 *   id: 'once', version: 1, initial: 'ready', events: { GO: null },
 *   states: { ready: { on: { GO: 'gone' } }, gone: { type: 'final' } },
 * });
 * isFinal(once, initialSnapshot(once)); // false
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The snapshot to test.
 * @returns `true` in a final state.
 * @category Core
 */
export function isFinal<S extends string, C>(
  machine: Machine<S, EventObject, C>,
  snapshot: NoInfer<Snapshot<S, C>>,
): boolean {
  return tablesOf(machine).states.get(snapshot.state)?.final === true;
}
