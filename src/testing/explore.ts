/**
 * @internal The breadth-first exploration behind path generation. It walks real snapshots with the
 * core `transition`, so every path it reports is one the engine accepts with the chosen payloads.
 * Coverage is counted per state and per `from/event/to` edge; the context only decides which
 * guards pass. To always terminate, each state is expanded from at most `contextsPerState`
 * distinct contexts (a machine without context has exactly one per state).
 *
 * @module
 */
import {
  type AnyMachine,
  type Edge,
  type EventFrom,
  initialSnapshot,
  type SnapshotFrom,
  type StateFrom,
  type Step,
  transition,
} from '../core/index.js';
import { eventCandidates, type PayloadSamples, timeOf } from './samples.js';

/** @internal A snapshot reached by the exploration, linked to how it was reached. */
export interface Visit<M extends AnyMachine> {
  readonly snapshot: SnapshotFrom<M>;
  readonly parent: Visit<M> | undefined;
  readonly event: EventFrom<M> | undefined;
  readonly step: Step<StateFrom<M>> | undefined;
  readonly depth: number;
  /** The latest `at` of the events that led here, when they have one. */
  readonly clock: number | undefined;
}

/**
 * Options for the path generators.
 *
 * @category Testing
 */
export interface PathOptions<M extends AnyMachine> {
  /** Payloads to try per event type, instead of deriving them from the zod schemas. */
  readonly samples?: PayloadSamples<EventFrom<M>>;
  /** The initial context input (see `initialSnapshot`). */
  readonly input?: unknown;
  /** The snapshot paths start from, instead of the initial one. */
  readonly from?: SnapshotFrom<M>;
  /**
   * How many distinct contexts each state is explored from (default 16). More contexts find
   * transitions behind context-dependent guards; the bound keeps the search finite.
   */
  readonly contextsPerState?: number;
}

/** @internal What the exploration found. */
export interface Exploration<M extends AnyMachine> {
  readonly root: Visit<M>;
  /** The first (so shortest) visit of each reached state. */
  readonly firstVisit: ReadonlyMap<string, Visit<M>>;
  /** The first visit made by taking each `from/event/to` edge key. */
  readonly witness: ReadonlyMap<string, Visit<M>>;
  /** Why each edge key never got a witness (last refusal seen). */
  readonly failures: ReadonlyMap<string, string>;
}

/** @internal The identity of an edge for coverage: guarded candidates to one target share it. */
export const edgeKey = (from: string, event: string, to: string): string =>
  `${from}\u0000${event}\u0000${to}`;

/** @internal The events leading to a visit, oldest first. */
export function lineage<M extends AnyMachine>(
  visit: Visit<M>,
): { events: EventFrom<M>[]; steps: Step<StateFrom<M>>[] } {
  const events: EventFrom<M>[] = [];
  const steps: Step<StateFrom<M>>[] = [];
  for (let v: Visit<M> | undefined = visit; v?.step !== undefined; v = v.parent) {
    events.push(v.event as EventFrom<M>);
    steps.push(v.step);
  }
  return { events: events.reverse(), steps: steps.reverse() };
}

/** @internal The machine's edges grouped by source state, then event type. */
export function edgesByState(machine: AnyMachine): Map<string, Map<string, Edge[]>> {
  const out = new Map<string, Map<string, Edge[]>>();
  for (const edge of machine.edges as readonly Edge[]) {
    const byEvent = out.get(edge.from) ?? new Map<string, Edge[]>();
    out.set(edge.from, byEvent);
    const list = byEvent.get(edge.event);
    if (list === undefined) byEvent.set(edge.event, [edge]);
    else list.push(edge);
  }
  return out;
}

/** @internal The first snapshot of an exploration. */
export function rootOf<M extends AnyMachine>(machine: M, options: PathOptions<M>): Visit<M> {
  const snapshot = options.from ?? (initialSnapshot(machine, options.input) as SnapshotFrom<M>);
  return {
    snapshot,
    parent: undefined,
    event: undefined,
    step: undefined,
    depth: 0,
    clock: undefined,
  };
}

/** @internal The latest event of each type on the path to `visit` (for retries). */
export function earlierOn<M extends AnyMachine>(
  visit: Visit<M>,
): (type: string) => object | undefined {
  return (type) => {
    for (let v: Visit<M> | undefined = visit; v?.event !== undefined; v = v.parent) {
      if ((v.event as { type: string }).type === type) return v.event as object;
    }
    return undefined;
  };
}

/** @internal The clock after sending `event` from `visit`: the latest `at` so far. */
export function clockAfter<M extends AnyMachine>(
  visit: Visit<M>,
  event: unknown,
): number | undefined {
  const at = timeOf(event);
  if (at === undefined) return visit.clock;
  return visit.clock === undefined ? at : Math.max(visit.clock, at);
}

/**
 * @internal The edge keys no path can take because their event can never be sent: no samples
 * were given and its payload schema accepts no value (a framework without qualities declares
 * `quality: z.never()`).
 */
export function impossibleEdges(
  machine: AnyMachine,
  candidates: (type: string) => readonly unknown[],
): Set<string> {
  const out = new Set<string>();
  for (const e of machine.edges as readonly Edge[]) {
    if (candidates(e.event).length === 0) out.add(edgeKey(e.from, e.event, e.to));
  }
  return out;
}

/** @internal Breadth-first search over snapshots; stops once every state and edge is witnessed. */
export function explore<M extends AnyMachine>(
  machine: M,
  options: PathOptions<M> = {},
): Exploration<M> {
  const perState = Math.max(1, options.contextsPerState ?? 16);
  const candidates = eventCandidates(machine, options.samples);
  const graph = edgesByState(machine);
  const impossible = impossibleEdges(machine, candidates);
  const wanted = new Set(
    (machine.edges as readonly Edge[])
      .map((e) => edgeKey(e.from, e.event, e.to))
      .filter((key) => !impossible.has(key)),
  );
  const root = rootOf(machine, options);
  const firstVisit = new Map<string, Visit<M>>([[root.snapshot.state, root]]);
  const witness = new Map<string, Visit<M>>();
  const failures = new Map<string, string>();
  const seen = new Set<string>([JSON.stringify([root.snapshot.state, root.snapshot.context])]);
  const expanded = new Map<string, number>();
  const queue: Visit<M>[] = [root];
  const done = () => witness.size >= wanted.size && firstVisit.size === machine.states.length;

  for (let head = 0; head < queue.length && !done(); head++) {
    const visit = queue[head] as Visit<M>;
    const state: string = visit.snapshot.state;
    const count = expanded.get(state) ?? 0;
    if (count >= perState) continue;
    expanded.set(state, count + 1);
    for (const [type, edges] of graph.get(state) ?? []) {
      const missing = edges.filter((e) => !witness.has(edgeKey(e.from, e.event, e.to)));
      const position = { depth: visit.depth, clock: visit.clock, earlier: earlierOn(visit) };
      for (const event of candidates(type, position)) {
        const result = transition(machine, visit.snapshot, event);
        if (!result.ok) {
          for (const e of missing)
            failures.set(edgeKey(e.from, e.event, e.to), result.error.message);
          continue;
        }
        const next: Visit<M> = {
          snapshot: result.snapshot as SnapshotFrom<M>,
          parent: visit,
          event,
          step: result.step as Step<StateFrom<M>>,
          depth: visit.depth + 1,
          clock: clockAfter(visit, event),
        };
        const key = edgeKey(state, type, result.step.to);
        if (!witness.has(key)) witness.set(key, next);
        for (const e of missing) {
          if (e.to !== result.step.to && !witness.has(edgeKey(e.from, e.event, e.to))) {
            failures.set(
              edgeKey(e.from, e.event, e.to),
              `Event ${type} in state '${state}' went to '${result.step.to}' instead of '${e.to}' with every sample tried.`,
            );
          }
        }
        if (!firstVisit.has(result.step.to)) firstVisit.set(result.step.to, next);
        const id = JSON.stringify([result.snapshot.state, result.snapshot.context]);
        if (!seen.has(id)) {
          seen.add(id);
          queue.push(next);
        }
      }
    }
  }
  return { root, firstVisit, witness, failures };
}
