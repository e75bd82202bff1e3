/**
 * Optional interop with XState v5: export a machine as a plain XState config plus named guard
 * (and, when asked, action) implementations, so `xstate/graph` and XState's visual tools work on
 * servicecraft machines. Nothing here imports XState; the caller passes its `assign` when context
 * updates should be carried over.
 *
 * @module
 */
import { type AnyMachine, type Edge, initialSnapshot } from '../core/index.js';
import type { EventLike } from './paths.js';

/**
 * One candidate transition in an XState config.
 *
 * @category Testing
 */
export interface XStateTransition {
  /** The target state key. */
  readonly target: string;
  /** The name of a guard in {@link XStateExport.implementations}. */
  readonly guard?: string;
  /** The names of actions in {@link XStateExport.implementations} (context updates). */
  readonly actions?: readonly string[];
  /** The transition's description, when it has one. */
  readonly description?: string;
}

/**
 * One state in an XState config.
 *
 * @category Testing
 */
export interface XStateState {
  /** `'final'` for final states. */
  readonly type?: 'final';
  /** Candidate transitions per event type, first match wins (as in servicecraft). */
  readonly on?: Readonly<Record<string, readonly XStateTransition[]>>;
  /** The state's description, when it has one. */
  readonly description?: string;
  /** The state's meta, when it has one. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * A flat XState v5 machine config.
 *
 * @category Testing
 */
export interface XStateConfig {
  /** The machine id. */
  readonly id: string;
  /** The initial state key. */
  readonly initial: string;
  /** The initial context, when the machine has a context schema. */
  readonly context?: unknown;
  /** The states. */
  readonly states: Readonly<Record<string, XStateState>>;
  /** The machine's description, when it has one. */
  readonly description?: string;
}

/**
 * Arguments XState passes to guards and actions (the parts used here).
 *
 * @category Testing
 */
export interface XStateArgs {
  /** The actor's context. */
  readonly context: unknown;
  /** The event being processed. */
  readonly event: EventLike;
}

/**
 * What {@link toXStateConfig} returns: pass both to XState,
 * `createMachine(config, implementations)`.
 *
 * @category Testing
 */
export interface XStateExport {
  /** The machine config. */
  readonly config: XStateConfig;
  /** Guard and action implementations, referenced by name from the config. */
  readonly implementations: {
    /** One guard per servicecraft guard name. */
    readonly guards: Readonly<Record<string, (args: XStateArgs) => boolean>>;
    /** One action per context update (only when `assign` was given). */
    readonly actions: Readonly<Record<string, unknown>>;
  };
}

/**
 * Options for {@link toXStateConfig}.
 *
 * @category Testing
 */
export interface XStateOptions {
  /** The initial context input (see `initialSnapshot`). */
  readonly input?: unknown;
  /**
   * XState's `assign`. When given, each context update becomes a named `assign` action so the
   * exported machine follows the same contexts (and so the same guard outcomes).
   */
  readonly assign?: (updater: (args: XStateArgs) => object) => unknown;
}

type Candidate = { readonly update?: (args: { context: unknown; event: unknown }) => unknown };

function candidatesOf(machine: AnyMachine, edge: Edge): Candidate | undefined {
  const spec = machine.definition.states[edge.from]?.on?.[edge.event];
  const list = Array.isArray(spec) ? spec : [spec];
  const candidate = list[edge.index] as unknown;
  return typeof candidate === 'object' && candidate !== null ? (candidate as Candidate) : undefined;
}

/**
 * Exports a machine as an XState v5 config with named guard implementations (and, with
 * `assign`, named context-update actions). XState does not validate payloads, so guards receive
 * the raw event; the initial context is the validated one.
 *
 * @example
 * ```ts
 * import { createMachine } from 'xstate';
 * import { getShortestPaths } from 'xstate/graph';
 * import { defineMachine } from 'servicecraft';
 * import { toXStateConfig } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const { config, implementations } = toXStateConfig(door);
 * const paths = getShortestPaths(createMachine(config as never, implementations as never));
 * paths.length; // 2
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param options - Initial input and XState's `assign`.
 * @returns The config and the implementations to pass to `createMachine`.
 * @throws {TypeError} when a state name contains `.` or starts with `#` (XState reads those as paths).
 * @category Testing
 */
export function toXStateConfig(machine: AnyMachine, options: XStateOptions = {}): XStateExport {
  const names = machine.states as readonly string[];
  for (const name of names) {
    if (name.includes('.') || name.startsWith('#')) {
      throw new TypeError(
        `State '${name}' of machine '${machine.id}' cannot be exported to XState: XState reads '.' and a leading '#' in a state key as a path; rename the state.`,
      );
    }
  }
  const actions: Record<string, unknown> = {};
  const on = new Map<string, Record<string, XStateTransition[]>>();
  for (const edge of machine.edges as readonly Edge[]) {
    const byEvent = on.get(edge.from) ?? {};
    on.set(edge.from, byEvent);
    const transition: { -readonly [K in keyof XStateTransition]: XStateTransition[K] } = {
      target: edge.to,
    };
    if (edge.guard !== undefined) transition.guard = edge.guard;
    if (edge.description !== undefined) transition.description = edge.description;
    const update = edge.updates ? candidatesOf(machine, edge)?.update : undefined;
    if (update !== undefined && options.assign !== undefined) {
      const name = `update:${edge.from}:${edge.event}:${edge.index}`;
      actions[name] = options.assign(
        (args) => update({ context: args.context, event: args.event }) as object,
      );
      transition.actions = [name];
    }
    byEvent[edge.event] = [...(byEvent[edge.event] ?? []), transition];
  }
  const states: Record<string, XStateState> = {};
  for (const name of names) {
    const source = machine.definition.states[name];
    const state: { -readonly [K in keyof XStateState]: XStateState[K] } = {};
    if (source?.type === 'final') state.type = 'final';
    const transitions = on.get(name);
    if (transitions !== undefined) state.on = transitions;
    if (source?.description !== undefined) state.description = source.description;
    if (source?.meta !== undefined) state.meta = source.meta;
    states[name] = state;
  }
  const guards: Record<string, (args: XStateArgs) => boolean> = {};
  for (const [name, guard] of Object.entries(machine.definition.guards ?? {})) {
    guards[name] = (args) =>
      (guard as (a: XStateArgs) => boolean)({ context: args.context, event: args.event }) === true;
  }
  const config: { -readonly [K in keyof XStateConfig]: XStateConfig[K] } = {
    id: machine.id,
    initial: machine.initial,
    states,
  };
  if (machine.definition.context !== undefined)
    config.context = initialSnapshot(machine, options.input).context;
  if (machine.definition.description !== undefined)
    config.description = machine.definition.description;
  return { config, implementations: { guards, actions } };
}
