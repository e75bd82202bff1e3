/**
 * `transitionCover`: a small set of replayable paths that together take every transition the
 * search can reach.
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
  edgeKey,
  edgesByState,
  explore,
  impossibleEdges,
  lineage,
  type PathOptions,
} from './explore.js';
import { checkMachine, checkOptions, pathOptions } from './options.js';
import { describePath, type PathPlanFrom, plan, type TestPath } from './paths.js';
import { eventCandidates, type PathPosition, timeOf } from './samples.js';

/**
 * A small set of paths that together take every transition the search could reach. Each path
 * starts as the shortest route to a transition not yet taken (deepest first), then keeps going
 * while the state it is in has an untaken transition that the engine accepts with a sample
 * payload. Edges are identified by `from`, `event` and `to`, so two guarded candidates of one
 * event that lead to the same state count as one.
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { transitionCover } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * transitionCover(door).paths.map((p) => p.description);
 * // ['closed --OPEN--> open --CLOSE--> closed']
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param options - Payload samples, initial input or start snapshot, and the context budget.
 * @returns The paths, plus the edges no path takes (each with a reason).
 * @throws {@link UnsupportedSchemaError} when a payload must be derived from an unsupported schema.
 * @category Testing
 */
export function transitionCover<M extends AnyMachine>(
  machine: M,
  options: PathOptions<M> = {},
): PathPlanFrom<M> {
  type S = StateFrom<M>;
  checkMachine('transitionCover', machine);
  checkOptions('transitionCover', pathOptions, options);
  const found = explore(machine, options);
  const start = found.root.snapshot.state;
  const graph = edgesByState(machine);
  const candidates = eventCandidates(machine, options.samples);
  const order = new Map(
    (machine.edges as readonly Edge[]).map((e, i) => [edgeKey(e.from, e.event, e.to), i]),
  );
  const witnesses = [...found.witness.entries()].sort(
    (a, b) => b[1].depth - a[1].depth || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0),
  );
  const covered = new Set<string>();
  const reached = new Set<string>(found.firstVisit.keys());
  const failures = new Map(found.failures);
  const paths: TestPath<S, EventFrom<M>>[] = [];

  /** One step along an untaken edge from `snapshot`, if a sample payload takes it. */
  const untakenStep = (snapshot: SnapshotFrom<M>, position: PathPosition) => {
    for (const [type, edges] of graph.get(snapshot.state) ?? []) {
      if (edges.every((e) => covered.has(edgeKey(e.from, e.event, e.to)))) continue;
      for (const event of candidates(type, position)) {
        const result = transition(machine, snapshot, event);
        if (!result.ok) {
          for (const e of edges) failures.set(edgeKey(e.from, e.event, e.to), result.error.message);
          continue;
        }
        const key = edgeKey(result.step.from, result.step.event, result.step.to);
        if (!covered.has(key)) {
          const next = result.snapshot as SnapshotFrom<M>;
          return { event, step: result.step as Step<S>, snapshot: next };
        }
      }
    }
    return undefined;
  };

  for (const [key, visit] of witnesses) {
    if (covered.has(key)) continue;
    const { events, steps } = lineage(visit);
    for (const step of steps) covered.add(edgeKey(step.from, step.event, step.to));
    let snapshot = visit.snapshot;
    let clock = visit.clock;
    const position = () => ({
      depth: events.length,
      clock,
      snapshot,
      earlier: (type: string) => {
        for (let i = events.length - 1; i >= 0; i--) {
          if ((events[i] as EventFrom<M>).type === type) return events[i];
        }
        return undefined;
      },
    });
    for (
      let next = untakenStep(snapshot, position());
      next !== undefined;
      next = untakenStep(snapshot, position())
    ) {
      const at = timeOf(next.event);
      if (at !== undefined) clock = clock === undefined ? at : Math.max(clock, at);
      events.push(next.event);
      steps.push(next.step);
      covered.add(edgeKey(next.step.from, next.step.event, next.step.to));
      reached.add(next.step.to);
      snapshot = next.snapshot;
    }
    paths.push({ target: snapshot.state, events, steps, description: describePath(start, steps) });
  }
  return plan(
    machine,
    paths,
    reached,
    covered,
    failures,
    false,
    impossibleEdges(machine, candidates),
  );
}
