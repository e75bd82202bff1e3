/**
 * Path generation over any machine: the shortest path to every state, a small set of paths that
 * together take every transition, and simple paths up to a length. Every path was replayed with the
 * core `transition` while it was built, so it is accepted as is; what could not be reached (a guard
 * no sample satisfies, a payload that cannot be derived) is listed, never claimed.
 *
 * @module
 */
import {
  type AnyMachine,
  type Edge,
  type EventFrom,
  type SnapshotFrom,
  type StateFrom,
  type Step,
  transition,
} from '../core/index.js';
import {
  clockAfter,
  earlierOn,
  edgeKey,
  edgesByState,
  explore,
  impossibleEdges,
  lineage,
  type PathOptions,
  rootOf,
  type Visit,
} from './explore.js';

export type { PathOptions } from './explore.js';

import { checkMachine, checkOptions, pathOptions, simplePathOptions } from './options.js';
import { eventCandidates } from './samples.js';

/**
 * The shape every event has: a string `type` (and, for events with a payload, more keys).
 *
 * @category Testing
 */
export interface EventLike {
  /** The event type. */
  readonly type: string;
}

/**
 * One generated path: the events to send from the start snapshot, the steps they take, and a
 * readable description.
 *
 * @category Testing
 */
export interface TestPath<S extends string = string, Ev extends EventLike = EventLike> {
  /** The state the path ends in. */
  readonly target: S;
  /** The events to send, in order (payloads included). */
  readonly events: readonly Ev[];
  /** What each event did. */
  readonly steps: readonly Step<S>[];
  /** The path as text, e.g. `open --ASSIGN--> open --SOLVE--> solved`. */
  readonly description: string;
}

/**
 * A transition that no generated path takes, with the reason.
 *
 * @category Testing
 */
export interface MissedEdge<S extends string = string, E extends string = string>
  extends Edge<S, E> {
  /** Why it was not taken: the last refusal seen, or that its source state was never reached. */
  readonly reason: string;
}

/**
 * The result of a path generator.
 *
 * @category Testing
 */
export interface PathPlan<S extends string = string, Ev extends EventLike = EventLike> {
  /** The machine's id. */
  readonly machine: string;
  /** The generated paths. */
  readonly paths: readonly TestPath<S, Ev>[];
  /** States no path reaches. */
  readonly unreachedStates: readonly S[];
  /** Transitions no path takes, each with a reason (the {@link PathPlan.impossibleEdges} excepted). */
  readonly uncoveredEdges: readonly MissedEdge<S, Ev['type']>[];
  /**
   * Transitions no path can ever take, because their event can never be sent: its payload schema
   * accepts no value (e.g. the `QUALITY` event of a framework without qualities, whose `quality`
   * is `z.never()`) and no samples were given for it.
   */
  readonly impossibleEdges: readonly MissedEdge<S, Ev['type']>[];
  /** `true` when a limit stopped the generator before it had listed every path. */
  readonly truncated: boolean;
}

/**
 * Options for {@link simplePaths}.
 *
 * @category Testing
 */
export interface SimplePathOptions<M extends AnyMachine> extends PathOptions<M> {
  /** The longest path, in events (default: the number of states). */
  readonly maxLength?: number;
  /** Stop after this many paths and set `truncated` (default 10,000). */
  readonly limit?: number;
}

/**
 * The {@link PathPlan} of machine `M`, typed with its states and events.
 *
 * @category Testing
 */
export type PathPlanFrom<M extends AnyMachine> = PathPlan<StateFrom<M>, EventFrom<M>>;

/**
 * Renders steps as `start --EVENT--> next --EVENT--> ...`.
 *
 * @example
 * ```ts
 * import { describePath } from 'servicecraft/testing';
 *
 * describePath('open', [{ from: 'open', event: 'SOLVE', to: 'solved' }]);
 * // 'open --SOLVE--> solved'
 * ```
 *
 * @param start - The state the path starts in.
 * @param steps - The steps taken.
 * @returns One line of text; `start (no events)` for an empty path.
 * @category Testing
 */
export function describePath(start: string, steps: readonly Step[]): string {
  if (steps.length === 0) return `${start} (no events)`;
  return steps.reduce((text, step) => `${text} --${step.event}--> ${step.to}`, start);
}

/** @internal */
export function toPath<M extends AnyMachine>(
  visit: Visit<M>,
  start: string,
): TestPath<StateFrom<M>, EventFrom<M>> {
  const { events, steps } = lineage(visit);
  return { target: visit.snapshot.state, events, steps, description: describePath(start, steps) };
}

/** @internal Assembles a plan: the paths plus what they miss, with reasons. */
export function plan<M extends AnyMachine>(
  machine: M,
  paths: TestPath<StateFrom<M>, EventFrom<M>>[],
  reached: ReadonlySet<string>,
  taken: ReadonlySet<string>,
  failures: ReadonlyMap<string, string>,
  truncated: boolean,
  impossible: ReadonlySet<string>,
): PathPlanFrom<M> {
  const edges = machine.edges as readonly Edge<StateFrom<M>, EventFrom<M>['type']>[];
  const impossibleEdges = edges
    .filter((e) => impossible.has(edgeKey(e.from, e.event, e.to)))
    .map((e) => ({
      ...e,
      reason: `Event ${e.event} can never be sent: its payload schema accepts no value (a required z.never() field), and no samples were given for it.`,
    }));
  const uncoveredEdges = edges
    .filter((e) => !taken.has(edgeKey(e.from, e.event, e.to)))
    .filter((e) => !impossible.has(edgeKey(e.from, e.event, e.to)))
    .map((e) => ({
      ...e,
      reason: reached.has(e.from)
        ? (failures.get(edgeKey(e.from, e.event, e.to)) ??
          `No generated path took it within the search limits; raise contextsPerState or pass samples whose payloads pass its guard.`)
        : `Its source state '${e.from}' was never reached.`,
    }));
  const unreachedStates = (machine.states as readonly StateFrom<M>[]).filter(
    (s) => !reached.has(s),
  );
  return {
    machine: machine.id,
    paths,
    unreachedStates,
    uncoveredEdges,
    impossibleEdges,
    truncated,
  };
}

/**
 * The shortest path (fewest events) from the start snapshot to every reachable state, in the
 * machine's state order. Guards are respected: each step was accepted by `transition` with the
 * payload shown.
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { shortestPaths } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, LOCK: null },
 *   states: { closed: { on: { OPEN: 'open', LOCK: 'locked' } }, open: { type: 'final' }, locked: { type: 'final' } },
 * });
 * shortestPaths(door).paths.map((p) => p.description);
 * // ['closed (no events)', 'closed --OPEN--> open', 'closed --LOCK--> locked']
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param options - Payload samples, initial input or start snapshot, and the context budget.
 * @returns The paths, plus the states and edges that could not be reached.
 * @throws {@link UnsupportedSchemaError} when a payload must be derived from an unsupported schema.
 * @category Testing
 */
export function shortestPaths<M extends AnyMachine>(
  machine: M,
  options: PathOptions<M> = {},
): PathPlanFrom<M> {
  checkMachine('shortestPaths', machine);
  checkOptions('shortestPaths', pathOptions, options);
  const found = explore(machine, options);
  const start = found.root.snapshot.state;
  const paths = (machine.states as readonly string[]).flatMap((state) => {
    const visit = found.firstVisit.get(state);
    return visit === undefined ? [] : [toPath(visit, start)];
  });
  return plan(
    machine,
    paths,
    new Set(found.firstVisit.keys()),
    new Set(found.witness.keys()),
    found.failures,
    false,
    impossibleEdges(machine, eventCandidates(machine, options.samples)),
  );
}

/**
 * Every simple path from the start snapshot, up to `maxLength` events, in depth-first order. A
 * path is simple when no snapshot (state and context) repeats on it, so a self-transition that
 * changes the context counts as progress; `maxLength` and `limit` keep the walk finite. For each
 * event, every sample payload that leads to a distinct snapshot starts a branch.
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { simplePaths } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * simplePaths(door, { maxLength: 3 }).paths.map((p) => p.description);
 * // ['closed --OPEN--> open']
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param options - Samples, start, `maxLength` and `limit`.
 * @returns The paths; `truncated` when `limit` cut the list short.
 * @throws {@link UnsupportedSchemaError} when a payload must be derived from an unsupported schema.
 * @category Testing
 */
export function simplePaths<M extends AnyMachine>(
  machine: M,
  options: SimplePathOptions<M> = {},
): PathPlanFrom<M> {
  checkMachine('simplePaths', machine);
  checkOptions('simplePaths', simplePathOptions, options);
  const maxLength = options.maxLength ?? machine.states.length;
  const limit = options.limit ?? 10_000;
  const candidates = eventCandidates(machine, options.samples);
  const graph = edgesByState(machine);
  const root = rootOf(machine, options);
  const start = root.snapshot.state;
  const paths: TestPath<StateFrom<M>, EventFrom<M>>[] = [];
  const reached = new Set<string>([start]);
  const taken = new Set<string>();
  const failures = new Map<string, string>();
  const idOf = (v: Visit<M>) => JSON.stringify([v.snapshot.state, v.snapshot.context]);
  const onPath = new Set<string>([idOf(root)]);
  let truncated = false;

  const walk = (visit: Visit<M>): void => {
    if (visit.depth >= maxLength) return;
    const state: string = visit.snapshot.state;
    for (const [type, edges] of graph.get(state) ?? []) {
      // One branch per target state: payloads that differ only in fields the route does not
      // depend on (an optional note, a channel) would repeat the same path many times. Once
      // every target of the event is found, other payloads cannot add a branch.
      const targets = new Set<string>();
      const possible = new Set(edges.map((e) => e.to)).size;
      const position = {
        depth: visit.depth,
        clock: visit.clock,
        earlier: earlierOn(visit),
        snapshot: visit.snapshot,
      };
      for (const event of candidates(type, position)) {
        if (truncated) return;
        if (targets.size >= possible) break;
        const result = transition(machine, visit.snapshot, event);
        if (!result.ok) {
          failures.set(edgeKey(state, type, '*'), result.error.message);
          continue;
        }
        const to: string = result.step.to;
        const next: Visit<M> = {
          snapshot: result.snapshot as SnapshotFrom<M>,
          parent: visit,
          event,
          step: result.step as Step<StateFrom<M>>,
          depth: visit.depth + 1,
          clock: clockAfter(visit, event),
        };
        const id = idOf(next);
        if (targets.has(to) || onPath.has(id)) continue;
        targets.add(to);
        paths.push(toPath(next, start));
        reached.add(to);
        for (const step of lineage(next).steps) taken.add(edgeKey(step.from, step.event, step.to));
        if (paths.length >= limit) {
          truncated = true;
          return;
        }
        onPath.add(id);
        walk(next);
        onPath.delete(id);
      }
    }
  };
  walk(root);
  const reasons = new Map<string, string>();
  for (const e of machine.edges as readonly Edge[]) {
    const why = failures.get(edgeKey(e.from, e.event, '*'));
    reasons.set(
      edgeKey(e.from, e.event, e.to),
      why ?? 'Only a path that revisits a state (or is longer than maxLength) takes it.',
    );
  }
  return plan(
    machine,
    paths,
    reached,
    taken,
    reasons,
    truncated,
    impossibleEdges(machine, candidates),
  );
}
