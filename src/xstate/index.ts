/**
 * `servicecraft/xstate`: exports a machine as an XState v5 config plus named guard (and, when
 * asked, action) implementations, so XState actors, `xstate/graph` and XState's visual tools work
 * on servicecraft machines. Nothing is loaded from XState at run time (the caller passes its
 * `assign` when context updates should be carried over); only types are read from it.
 *
 * @module servicecraft/xstate
 */
import {
  type AnyMachine,
  type ContextFrom,
  type Edge,
  initialSnapshot,
  isRefusal,
  refusal,
  UsageError,
} from '../core/index.js';
import { checkMachine, checkOptions, xstateOptions } from '../testing/options.js';
import type { EventLike } from '../testing/paths.js';

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
 * A flat XState v5 machine config, typed with the machine's context so that
 * `createMachine(config, implementations)` infers it.
 *
 * @category Testing
 */
export interface XStateConfig<C extends object = Readonly<Record<string, unknown>>> {
  /** The machine id. */
  readonly id: string;
  /** The initial state key. */
  readonly initial: string;
  /** The initial context (the validated one; `{}` for a machine without a context schema). */
  readonly context: C;
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
export interface XStateArgs<C = unknown, E extends EventLike = EventLike> {
  /** The actor's context. */
  readonly context: C;
  /** The event being processed. */
  readonly event: E;
}

/**
 * What {@link toXStateConfig} returns: pass both to XState,
 * `createMachine(config, implementations)`. A guard name of the form
 * `accepts:<state>:<event>:<index>` is a guard the export adds: it passes exactly when
 * servicecraft would take that candidate (see {@link toXStateConfig}).
 *
 * @category Testing
 */
export interface XStateExport<C extends object = Readonly<Record<string, unknown>>> {
  /** The machine config. */
  readonly config: XStateConfig<C>;
  /** Guard and action implementations, referenced by name from the config. */
  readonly implementations: {
    /** One guard per servicecraft guard name, plus the added `accepts:<state>:<event>:<index>` ones. */
    readonly guards: Readonly<Record<string, (args: XStateArgs) => boolean>>;
    /** One action per context update (only when `assign` was given): what `assign` returned. */
    readonly actions: Readonly<Record<string, XStateAction<C>>>;
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

/**
 * An action as XState calls it (what XState's `assign` returns), typed with the context.
 *
 * @category Testing
 */
export type XStateAction<C = unknown> = (args: XStateArgs<C>, params: unknown) => void;

/**
 * The context type an exported machine has in XState: the machine's context, or an empty object
 * for a machine without one.
 *
 * @category Testing
 */
export type XStateContextOf<M extends AnyMachine> =
  ContextFrom<M> extends object ? ContextFrom<M> : Readonly<Record<string, never>>;

/** A guard or an update as the definition holds it. */
type Rule = (args: { context: unknown; event: unknown; refuse: typeof refusal }) => unknown;
type Candidate = { readonly guard?: string; readonly update?: Rule };

/** The candidates of an event in a state, in order (a bare target name has no guard or update). */
function candidatesOf(machine: AnyMachine, from: string, event: string): readonly Candidate[] {
  const spec = machine.definition.states[from]?.on?.[event];
  const list: readonly unknown[] = Array.isArray(spec) ? spec : [spec];
  return list.map((c) => (typeof c === 'object' && c !== null ? (c as Candidate) : {}));
}

/** Runs a rule on XState's arguments; a throw counts as `undefined` (neither pass nor context). */
function run(rule: Rule, args: XStateArgs): unknown {
  try {
    return rule({ context: args.context, event: args.event, refuse: refusal });
  } catch {
    return undefined;
  }
}

/**
 * Exports a machine as an XState v5 config with named guard implementations (and, with
 * `assign`, named context-update actions). XState does not validate payloads, so guards receive
 * the raw event; the initial context is the validated one.
 *
 * Refusals become "not taken": an exported guard passes only when the servicecraft guard returns
 * exactly `true` (`false`, a refusal or a throw all fail it), so the actor stays where it is,
 * `snapshot.can(event)` is `false` and the actor never errors. A candidate that has an update, or
 * follows other candidates of the same event, is guarded by an added guard
 * `accepts:<state>:<event>:<index>` that passes exactly when servicecraft would take it: every
 * earlier candidate's guard returned `false` (a refusal stops the search, as in the engine), its
 * own guard returned `true`, and its update returns a context rather than a refusal (or a throw).
 * An `assign` action never stores a refusal: should its update refuse or throw anyway, the
 * context stays as it was.
 *
 * @example
 * ```ts
 * import { createMachine } from 'xstate';
 * import { getShortestPaths } from 'xstate/graph';
 * import { defineMachine } from 'servicecraft';
 * import { toXStateConfig } from 'servicecraft/xstate';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const { config, implementations } = toXStateConfig(door);
 * const paths = getShortestPaths(createMachine(config, implementations));
 * paths.length; // 2
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param options - Initial input and XState's `assign`.
 * @returns The config and the implementations to pass to `createMachine`.
 * @throws `UsageError` when a state name contains `.` or starts with `#` (XState reads those as
 *   paths).
 * @category Testing
 */
export function toXStateConfig<M extends AnyMachine>(
  machine: M,
  options: XStateOptions = {},
): XStateExport<XStateContextOf<M>> {
  checkMachine('toXStateConfig', machine);
  checkOptions('toXStateConfig', xstateOptions, options);
  const names = machine.states as readonly string[];
  for (const name of names) {
    if (name.includes('.') || name.startsWith('#')) {
      throw new UsageError(
        `State '${name}' of machine '${machine.id}' cannot be exported to XState: XState reads '.' and a leading '#' in a state key as a path; rename the state.`,
        [{ path: ['states', name], message: "contains '.' or starts with '#'" }],
      );
    }
  }
  const definedGuards = (machine.definition.guards ?? {}) as unknown as Readonly<
    Record<string, Rule>
  >;
  /** Whether a named guard returns exactly `true` (what the engine takes as a pass). */
  const passes = (name: string, args: XStateArgs) => {
    const guard = definedGuards[name];
    return guard !== undefined && run(guard, args) === true;
  };
  /** Whether a named guard returns exactly `false` (the only answer that lets the next candidate try). */
  const declines = (name: string | undefined, args: XStateArgs) => {
    const guard = name === undefined ? undefined : definedGuards[name];
    return guard !== undefined && run(guard, args) === false;
  };

  const guards: Record<string, (args: XStateArgs) => boolean> = {};
  for (const name of Object.keys(definedGuards)) guards[name] = (args) => passes(name, args);
  const actions: Record<string, XStateAction<XStateContextOf<M>>> = {};
  const on = new Map<string, Record<string, XStateTransition[]>>();
  for (const edge of machine.edges as readonly Edge[]) {
    const byEvent = on.get(edge.from) ?? {};
    on.set(edge.from, byEvent);
    const transition: { -readonly [K in keyof XStateTransition]: XStateTransition[K] } = {
      target: edge.to,
    };
    const candidates = candidatesOf(machine, edge.from, edge.event);
    const earlier = candidates.slice(0, edge.index);
    const update = edge.updates ? candidates[edge.index]?.update : undefined;
    if (update === undefined && earlier.length === 0) {
      if (edge.guard !== undefined) transition.guard = edge.guard;
    } else {
      let name = `accepts:${edge.from}:${edge.event}:${edge.index}`;
      while (name in guards) name = `${name}'`;
      const own = edge.guard;
      guards[name] = (args) =>
        earlier.every((c) => declines(c.guard, args)) &&
        (own === undefined || passes(own, args)) &&
        (update === undefined || accepts(update, args));
      transition.guard = name;
    }
    if (edge.description !== undefined) transition.description = edge.description;
    if (update !== undefined && options.assign !== undefined) {
      const name = `update:${edge.from}:${edge.event}:${edge.index}`;
      actions[name] = options.assign((args) => {
        const next = run(update, args);
        // Never store a refusal (or nothing) as the context: keep the one there is.
        return isRefusal(next) || typeof next !== 'object' || next === null
          ? (args.context as object)
          : next;
      }) as XStateAction<XStateContextOf<M>>;
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
  const config: { -readonly [K in keyof XStateConfig]: XStateConfig[K] } = {
    id: machine.id,
    initial: machine.initial,
    context: (initialSnapshot(machine, options.input).context ?? {}) as XStateContextOf<M>,
    states,
  };
  if (machine.definition.description !== undefined)
    config.description = machine.definition.description;
  return {
    config: config as XStateConfig<XStateContextOf<M>>,
    implementations: { guards, actions },
  };
}

/** Whether an update would give a context: not a refusal, not a throw, an object. */
function accepts(update: Rule, args: XStateArgs): boolean {
  const next = run(update, args);
  return typeof next === 'object' && next !== null && !isRefusal(next);
}
